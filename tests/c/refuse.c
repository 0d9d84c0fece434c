/*
 * The design API refuses bad input locally: every call below but the last four must fail
 * without contacting the daemon (the wire test counts what arrives).
 */
#include <lttng/lttng.h>
#include "lttng-ctl-rs.h"
#include "check_lib.h"

static struct lttng_uri base(void)
{
	struct lttng_uri u;

	memset(&u, 0, sizeof(u));
	u.dtype = LTTNG_DST_IPV4;
	u.utype = LTTNG_URI_DST;
	u.stype = LTTNG_STREAM_CONTROL;
	u.proto = LTTNG_TCP;
	strcpy(u.dst.ipv4, "127.0.0.1");
	return u;
}

#define EXPECT(call, want)                                                                 \
	do {                                                                               \
		int got_ = (call);                                                         \
		printf("%-60s -> %d\n", #call, got_);                                      \
		CHECK(got_ == (want), "%s returned %d, expected %d", #call, got_, want);   \
	} while (0)

int main(void)
{
	struct lttng_handle *h;
	struct lttng_uri u;

	setvbuf(stdout, NULL, _IONBF, 0);
	check_lib();
	h = lttng_create_handle("s", NULL);
	CHECK(h, "handle");

	u = base();
	EXPECT(lttng_set_consumer_uri(NULL, &u), -LTTNG_ERR_INVALID);
	EXPECT(lttng_set_consumer_uri(h, NULL), -LTTNG_ERR_INVALID);
	u = base();
	memset(u.subdir, 'a', sizeof(u.subdir));
	EXPECT(lttng_set_consumer_uri(h, &u), -LTTNG_ERR_INVALID);
	u = base();
	memset(u.dst.ipv4, '1', sizeof(u.dst.ipv4));
	EXPECT(lttng_set_consumer_uri(h, &u), -LTTNG_ERR_INVALID);
	u = base();
	memset(&u.dtype, 0x7f, sizeof(u.dtype));
	EXPECT(lttng_set_consumer_uri(h, &u), -LTTNG_ERR_INVALID);
	u = base();
	memset(&u.utype, 0x05, sizeof(u.utype));
	EXPECT(lttng_set_consumer_uri(h, &u), -LTTNG_ERR_INVALID);
	u = base();
	memset(&u.stype, 0x09, sizeof(u.stype));
	EXPECT(lttng_set_consumer_uri(h, &u), -LTTNG_ERR_INVALID);
	u = base();
	memset(&u.proto, 0x03, sizeof(u.proto));
	EXPECT(lttng_set_consumer_uri(h, &u), -LTTNG_ERR_INVALID);
	u = base();
	u.proto = LTTNG_UDP;
	EXPECT(lttng_set_consumer_uri(h, &u), -LTTNG_ERR_INVALID);
	u = base();
	strcpy(u.subdir, "../escape");
	EXPECT(lttng_set_consumer_uri(h, &u), -LTTNG_ERR_INVALID);
	strcpy(u.subdir, "a/../../b");
	EXPECT(lttng_set_consumer_uri(h, &u), -LTTNG_ERR_INVALID);
	u = base();
	u.utype = LTTNG_URI_HOP;
	EXPECT(lttng_set_consumer_uri(h, &u), -LTTNG_ERR_NOT_SUPPORTED);
	u = base();
	u.dtype = LTTNG_DST_PATH;
	strcpy(u.dst.path, "relative/trace");
	EXPECT(lttng_set_consumer_uri(h, &u), -LTTNG_ERR_INVALID);
	strcpy(u.dst.path, "/tmp/../etc");
	EXPECT(lttng_set_consumer_uri(h, &u), -LTTNG_ERR_INVALID);
	u = base();
	u.dtype = LTTNG_DST_HOST;
	strcpy(u.dst.path, "no-such-host.invalid");
	EXPECT(lttng_set_consumer_uri(h, &u), -LTTNG_ERR_INVALID);
	u = base();
	strcpy(u.dst.ipv4, "1.2.3");
	EXPECT(lttng_set_consumer_uri(h, &u), -LTTNG_ERR_INVALID);
	u = base();
	u.dtype = LTTNG_DST_IPV6;
	strcpy(u.dst.ipv6, "127.0.0.1");
	EXPECT(lttng_set_consumer_uri(h, &u), -LTTNG_ERR_INVALID);
	EXPECT(lttng_enable_consumer(NULL), -LTTNG_ERR_INVALID);
	EXPECT(lttng_disable_consumer(NULL), -LTTNG_ERR_INVALID);

	/* Valid: these reach the (stand-in) daemon. */
	u = base();
	EXPECT(lttng_set_consumer_uri(h, &u), 0);
	memset(&u, 0, sizeof(u));
	u.dtype = LTTNG_DST_HOST;
	u.utype = LTTNG_URI_DST;
	u.stype = LTTNG_STREAM_DATA;
	u.proto = LTTNG_UDP;
	u.port = 7001;
	strcpy(u.dst.path, "localhost");
	EXPECT(lttng_set_consumer_uri(h, &u), 0);
	EXPECT(lttng_enable_consumer(h), 0);
	EXPECT(lttng_disable_consumer(h), 0);
	lttng_destroy_handle(h);
	return 0;
}
