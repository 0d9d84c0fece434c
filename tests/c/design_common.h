/*
 * Shared by the C programs that drive the network-consumer design against the reference
 * session daemon (design_chain.c, switch_chain.c): checked calls, network URIs, pauses,
 * and the common ending (discarded-event count, stop, destroy).
 */
#ifndef DESIGN_COMMON_H
#define DESIGN_COMMON_H

#include <lttng/lttng.h>
#include "lttng-ctl-rs.h"
#include "check_lib.h"

#include <stdint.h>
#include <time.h>

#define EXPECT(call, want)                                                                 \
	do {                                                                               \
		int got_ = (call);                                                         \
		printf("%-58s -> %d\n", #call, got_);                                      \
		CHECK(got_ == (want), "%s returned %d (%s), expected %d", #call, got_,     \
		      lttng_strerror(got_), want);                                         \
	} while (0)

/* A TCP URI to an IPv4 host. */
static inline struct lttng_uri uri(enum lttng_stream_type stype, const char *host, int port)
{
	struct lttng_uri u;

	memset(&u, 0, sizeof(u));
	u.dtype = LTTNG_DST_IPV4;
	u.utype = LTTNG_URI_DST;
	u.stype = stype;
	u.proto = LTTNG_TCP;
	u.port = (in_port_t) port;
	strncpy(u.dst.ipv4, host, sizeof(u.dst.ipv4) - 1);
	return u;
}

static inline void pause_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long) (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* Creates session s without output, a handle without domain (for the consumer commands)
 * and a user-space handle. */
static inline void create_with_handles(const char *s, struct lttng_handle **h,
				       struct lttng_handle **hu)
{
	struct lttng_domain ust;

	memset(&ust, 0, sizeof(ust));
	ust.type = LTTNG_DOMAIN_UST;
	ust.buf_type = LTTNG_BUFFER_PER_UID;
	EXPECT(lttng_create_session(s, NULL), 0);
	*h = lttng_create_handle(s, NULL);
	*hu = lttng_create_handle(s, &ust);
}

/*
 * Stops session s, prints the discarded-event count of its only channel ("discarded=N"),
 * destroys it and frees both handles.
 */
static inline void stop_report_destroy(const char *s, struct lttng_handle *h,
				       struct lttng_handle *hu)
{
	EXPECT(lttng_stop_tracing(s), 0);
	struct lttng_channel *channels = NULL;
	int n = lttng_list_channels(hu, &channels);
	CHECK(n == 1, "list_channels: %d", n);
	uint64_t discarded = 0;
	EXPECT(lttng_channel_get_discarded_event_count(&channels[0], &discarded), 0);
	free(channels);
	printf("discarded=%llu\n", (unsigned long long) discarded);
	EXPECT(lttng_destroy_session(s), 0);
	lttng_destroy_handle(h);
	lttng_destroy_handle(hu);
}

#endif
