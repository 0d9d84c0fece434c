/*
 * Every entry point with NULL and malformed arguments: each is refused with the real
 * library's code (or, where the real library crashes, -LTTNG_ERR_INVALID), none crashes.
 * Runs with no session daemon: a call that got past its checks would answer
 * -LTTNG_ERR_NO_SESSIOND instead.
 */
#include <errno.h>
#include <lttng/lttng.h>
#include "lttng-ctl-rs.h"
#include "check_lib.h"

static int checks;

#define EXPECT(call, want)                                                                 \
	do {                                                                               \
		long got_ = (long) (call);                                                 \
		checks++;                                                                  \
		CHECK(got_ == (long) (want), "%s returned %ld, expected %ld", #call, got_, \
		      (long) (want));                                                      \
	} while (0)

#define INVALID (-LTTNG_ERR_INVALID)

int main(void)
{
	char long_name[600];
	struct lttng_domain ust;
	struct lttng_handle *h, bad_handle;
	struct lttng_channel chan, *chanp = NULL;
	struct lttng_event ev, *evp = NULL;
	struct lttng_event_context ctx;
	struct lttng_session *sessions = NULL;
	struct lttng_domain *domains = NULL;
	struct lttng_uri *uris = NULL;
	uint64_t u64 = 0;
	int64_t i64 = 0;
	const char *str = NULL;

	setvbuf(stdout, NULL, _IONBF, 0);
	check_lib();
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	memset(&ust, 0, sizeof(ust));
	ust.type = LTTNG_DOMAIN_UST;
	ust.buf_type = LTTNG_BUFFER_PER_UID;
	h = lttng_create_handle("s", &ust);
	CHECK(h, "handle");
	memset(&bad_handle, 'y', sizeof(bad_handle)); /* unterminated session name */

	/* lttng.h / lttng-error.h */
	EXPECT(lttng_set_tracing_group(NULL), INVALID);
	EXPECT(lttng_start_tracing(NULL), INVALID);
	EXPECT(lttng_start_tracing(long_name), INVALID);
	EXPECT(lttng_stop_tracing(NULL), INVALID);
	EXPECT(lttng_stop_tracing_no_wait(NULL), INVALID);
	EXPECT(lttng_data_pending(NULL), INVALID);
	EXPECT(lttng_set_consumer_url(NULL, "net://localhost", NULL), INVALID);
	EXPECT(lttng_set_consumer_url(h, NULL, NULL), INVALID);
	EXPECT(lttng_set_consumer_url(h, "bogus", NULL), INVALID);
	EXPECT(lttng_set_consumer_url(h, "", ""), INVALID);
	EXPECT(lttng_set_consumer_url(&bad_handle, "net://localhost", NULL), INVALID);
	EXPECT(lttng_strerror(-94) == NULL, 1);
	EXPECT(strcmp(lttng_strerror(-97), "Invalid parameter"), 0);
	EXPECT(strcmp(lttng_strerror(0x7fffffff), "Unknown error code"), 0);
	EXPECT(strcmp(lttng_strerror((int) 0x80000000), "Unknown error code"), 0);

	/* session.h / handle.h */
	EXPECT(lttng_create_session(NULL, NULL), INVALID);
	EXPECT(lttng_create_session(long_name, NULL), INVALID);
	EXPECT(lttng_create_session("s", ""), INVALID);
	EXPECT(lttng_create_session("s", "relative/path"), INVALID);
	EXPECT(lttng_create_session("s", "tcp://127.0.0.1"), INVALID);
	EXPECT(lttng_create_session_snapshot(NULL, NULL), INVALID);
	EXPECT(lttng_create_session_live(NULL, NULL, 1), INVALID);
	EXPECT(lttng_create_session_live("s", NULL, 0), INVALID);
	EXPECT(lttng_create_session_live("s", "tcp://127.0.0.1", 1000), INVALID);
	EXPECT(lttng_destroy_session(NULL), INVALID);
	EXPECT(lttng_destroy_session(long_name), INVALID);
	EXPECT(lttng_destroy_session_no_wait(NULL), INVALID);
	EXPECT(lttng_list_sessions(NULL), INVALID); /* the real library crashes here */
	EXPECT(lttng_session_get_creation_time(NULL, &u64), LTTNG_ERR_INVALID);
	EXPECT(lttng_create_handle(long_name, &ust) == NULL, 1);
	lttng_destroy_handle(NULL);

	/* domain.h / channel.h */
	EXPECT(lttng_list_domains(NULL, &domains), INVALID);
	EXPECT(lttng_list_channels(NULL, &chanp), INVALID);
	EXPECT(lttng_list_channels(&bad_handle, &chanp), INVALID);
	EXPECT(lttng_enable_channel(NULL, &chan), INVALID);
	EXPECT(lttng_enable_channel(h, NULL), INVALID);
	memset(&chan, 0, sizeof(chan));
	memset(chan.name, 'c', sizeof(chan.name)); /* unterminated */
	EXPECT(lttng_enable_channel(h, &chan), INVALID);
	memset(&chan, 0, sizeof(chan));
	chan.attr.subbuf_size = UINT64_MAX / 2;
	chan.attr.num_subbuf = 4;
	EXPECT(lttng_enable_channel(h, &chan), -LTTNG_ERR_OVERFLOW);
	chan.attr.subbuf_size = 1ULL << 40;
	chan.attr.num_subbuf = 1024;
	EXPECT(lttng_enable_channel(h, &chan), -LTTNG_ERR_NOMEM);
	EXPECT(lttng_disable_channel(NULL, "c"), INVALID);
	EXPECT(lttng_disable_channel(h, NULL), INVALID);
	EXPECT(lttng_disable_channel(h, long_name), INVALID);
	lttng_channel_set_default_attr(NULL, NULL);
	lttng_channel_set_default_attr(&ust, NULL);
	EXPECT(lttng_channel_create(NULL) == NULL, 1);
	lttng_channel_destroy(NULL);
	EXPECT(lttng_channel_get_discarded_event_count(NULL, &u64), INVALID);
	EXPECT(lttng_channel_get_discarded_event_count(&chan, NULL), INVALID);
	EXPECT(lttng_channel_get_lost_packet_count(NULL, &u64), INVALID);
	memset(&chan, 0, sizeof(chan));
	EXPECT(lttng_channel_get_monitor_timer_interval(&chan, &u64), INVALID);
	EXPECT(lttng_channel_get_blocking_timeout(&chan, &i64), INVALID);
	EXPECT(lttng_channel_set_monitor_timer_interval(NULL, 1), INVALID);
	EXPECT(lttng_channel_set_blocking_timeout(NULL, 1), INVALID);
	struct lttng_channel *created = lttng_channel_create(&ust);
	EXPECT(lttng_channel_set_blocking_timeout(created, -2), INVALID);
	EXPECT(lttng_channel_set_blocking_timeout(created, 2147483648000LL), INVALID);
	EXPECT(lttng_channel_set_blocking_timeout(created, 2147483647999LL), 0);
	lttng_channel_destroy(created);

	/* event.h */
	EXPECT(lttng_list_events(NULL, "c", &evp), INVALID);
	EXPECT(lttng_list_events(h, NULL, &evp), INVALID);
	EXPECT(lttng_list_events(h, long_name, &evp), INVALID);
	memset(&ev, 0, sizeof(ev));
	EXPECT(lttng_enable_event(NULL, &ev, NULL), INVALID);
	EXPECT(lttng_enable_event(h, NULL, NULL), INVALID);
	EXPECT(lttng_enable_event(&bad_handle, &ev, NULL), INVALID);
	EXPECT(lttng_enable_event(h, &ev, long_name), INVALID);
	EXPECT(lttng_enable_event_with_filter(h, &ev, NULL, ""), INVALID);
	memset(&ev, 0, sizeof(ev));
	memset(ev.name, 'e', sizeof(ev.name)); /* unterminated */
	EXPECT(lttng_enable_event(h, &ev, NULL), INVALID);
	memset(&ev, 0, sizeof(ev));
	EXPECT(lttng_enable_event_with_exclusions(h, &ev, NULL, NULL, 2, NULL), INVALID);
	EXPECT(lttng_enable_event_with_exclusions(h, &ev, NULL, NULL, -1, NULL), INVALID);
	char *bad_list[] = { NULL };
	EXPECT(lttng_enable_event_with_exclusions(h, &ev, NULL, NULL, 1, bad_list), INVALID);
	char *long_list[] = { long_name };
	EXPECT(lttng_enable_event_with_exclusions(h, &ev, NULL, NULL, 1, long_list), INVALID);
	EXPECT(lttng_disable_event(NULL, "e", NULL), INVALID);
	EXPECT(lttng_disable_event(h, long_name, NULL), INVALID);
	EXPECT(lttng_disable_event_ext(NULL, &ev, NULL, NULL), INVALID);
	EXPECT(lttng_disable_event_ext(h, NULL, NULL, NULL), INVALID);
	EXPECT(lttng_disable_event_ext(h, &ev, NULL, ""), INVALID);
	memset(&ctx, 0, sizeof(ctx));
	EXPECT(lttng_add_context(NULL, &ctx, NULL, NULL), INVALID);
	EXPECT(lttng_add_context(h, NULL, NULL, NULL), INVALID);
	ctx.ctx = LTTNG_EVENT_CONTEXT_APP_CONTEXT;
	EXPECT(lttng_add_context(h, &ctx, NULL, NULL), INVALID);
	ctx.u.app_ctx.provider_name = "";
	ctx.u.app_ctx.ctx_name = "x";
	EXPECT(lttng_add_context(h, &ctx, NULL, NULL), INVALID);
	memset(&ctx, 0, sizeof(ctx));
	ctx.ctx = LTTNG_EVENT_CONTEXT_PERF_THREAD_COUNTER;
	memset(ctx.u.perf_counter.name, 'p', sizeof(ctx.u.perf_counter.name));
	EXPECT(lttng_add_context(h, &ctx, NULL, NULL), INVALID);
	EXPECT(lttng_event_get_filter_expression(NULL, &str), INVALID);
	EXPECT(lttng_event_get_filter_expression(&ev, NULL), INVALID);
	EXPECT(lttng_event_get_exclusion_name_count(NULL), INVALID);
	EXPECT(lttng_event_get_exclusion_name(NULL, 0, &str), INVALID);
	struct lttng_event *created_ev = lttng_event_create();
	EXPECT(lttng_event_get_exclusion_name(created_ev, 0, &str), INVALID);
	EXPECT(lttng_event_get_exclusion_name(created_ev, 0, NULL), INVALID);
	lttng_event_destroy(created_ev);
	lttng_event_destroy(NULL);

	/* The network-consumer API. */
	EXPECT(lttng_uri_parse(NULL, &uris), INVALID);
	EXPECT(lttng_uri_parse("net://localhost", NULL), INVALID);
	EXPECT(lttng_uri_parse("", &uris), INVALID);
	EXPECT(lttng_uri_parse("net://[::1", &uris), INVALID);
	EXPECT(uris == NULL, 1);
	lttng_uri_free(NULL);
	EXPECT(lttng_set_consumer_uri(NULL, NULL), INVALID);
	EXPECT(lttng_set_consumer_uri(&bad_handle, NULL), INVALID);
	EXPECT(lttng_enable_consumer(NULL), INVALID);
	EXPECT(lttng_enable_consumer(&bad_handle), INVALID);
	EXPECT(lttng_disable_consumer(NULL), INVALID);

	/* Archive locations and the handles that own them. */
	{
		const char *str = NULL;
		uint16_t port = 0;
		enum lttng_trace_archive_location_relay_protocol_type proto;
		const struct lttng_trace_archive_location *loc = NULL;

		EXPECT(lttng_trace_archive_location_get_type(NULL),
		       LTTNG_TRACE_ARCHIVE_LOCATION_TYPE_UNKNOWN);
		EXPECT(lttng_trace_archive_location_local_get_absolute_path(NULL, &str),
		       LTTNG_TRACE_ARCHIVE_LOCATION_STATUS_INVALID);
		EXPECT(lttng_trace_archive_location_relay_get_host(NULL, &str),
		       LTTNG_TRACE_ARCHIVE_LOCATION_STATUS_INVALID);
		EXPECT(lttng_trace_archive_location_relay_get_relative_path(NULL, &str),
		       LTTNG_TRACE_ARCHIVE_LOCATION_STATUS_INVALID);
		EXPECT(lttng_trace_archive_location_relay_get_control_port(NULL, &port),
		       LTTNG_TRACE_ARCHIVE_LOCATION_STATUS_INVALID);
		EXPECT(lttng_trace_archive_location_relay_get_data_port(NULL, &port),
		       LTTNG_TRACE_ARCHIVE_LOCATION_STATUS_INVALID);
		EXPECT(lttng_trace_archive_location_relay_get_protocol_type(NULL, &proto),
		       LTTNG_TRACE_ARCHIVE_LOCATION_STATUS_INVALID);
		EXPECT(str == NULL && port == 0, 1);
		EXPECT(lttng_rotation_handle_get_archive_location(NULL, &loc),
		       LTTNG_ROTATION_STATUS_INVALID);
		EXPECT(lttng_destruction_handle_get_archive_location(NULL, &loc),
		       LTTNG_DESTRUCTION_HANDLE_STATUS_INVALID);
		EXPECT(loc == NULL, 1);
	}

	/* health.h: errno-like codes. */
	{
		struct lttng_health *health = lttng_health_create_sessiond();

		EXPECT(lttng_health_query(NULL), -EINVAL);
		EXPECT(lttng_health_state(NULL), -EINVAL);
		EXPECT(lttng_health_get_nr_threads(NULL), -EINVAL);
		EXPECT(lttng_health_get_thread(NULL, 0), NULL);
		EXPECT(lttng_health_thread_state(NULL), -EINVAL);
		EXPECT(lttng_health_thread_name(NULL), NULL);
		EXPECT(lttng_health_create_relayd(NULL), NULL);
		lttng_health_destroy(NULL);
		/* A health object is not a thread, nor a thread a health object. */
		EXPECT(lttng_health_thread_state((const struct lttng_health_thread *) health),
		       -EINVAL);
		EXPECT(lttng_health_get_nr_threads(
			       (const struct lttng_health *) lttng_health_get_thread(health, 0)),
		       -EINVAL);
		lttng_health_destroy((struct lttng_health *) lttng_health_get_thread(health, 0));
		EXPECT(lttng_health_get_nr_threads(health), 12);
		lttng_health_destroy(health);
	}

	/* Valid calls with no daemon: they get as far as the socket. */
	EXPECT(lttng_session_daemon_alive(), 0);
	EXPECT(lttng_list_sessions(&sessions), -LTTNG_ERR_NO_SESSIOND);
	EXPECT(lttng_start_tracing("s"), -LTTNG_ERR_NO_SESSIOND);
	EXPECT(lttng_enable_consumer(h), -LTTNG_ERR_NO_SESSIOND);

	lttng_destroy_handle(h);
	printf("null-args checks passed: %d\n", checks);
	return 0;
}
