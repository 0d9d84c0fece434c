/*
 * The design's consumer switch through this library's C API (struct lttng_uri), against
 * the reference session daemon and two real relay daemons, while the session traces:
 *   switch_chain SESSION LOCAL_DIR A_CTRL A_DATA B_CTRL B_DATA CLOSED_PORT STRETCH_MS
 * Network (relay A) -> local directory -> network (relay B) -> a failed switch (control on
 * relay A, data on a closed port: the consumer on relay B goes on) -> relay A again.
 * Prints the channel's discarded-event count at the end ("discarded=N").
 */
#include "design_common.h"

static struct lttng_uri local(const char *dir)
{
	struct lttng_uri u;

	memset(&u, 0, sizeof(u));
	u.dtype = LTTNG_DST_PATH;
	u.utype = LTTNG_URI_DST;
	u.stype = LTTNG_STREAM_CONTROL;
	strncpy(u.dst.path, dir, sizeof(u.dst.path) - 1);
	return u;
}

/* Pauses the consumer, sets the URIs, enables: the switch. */
static int switch_to(struct lttng_handle *h, const struct lttng_uri *a, const struct lttng_uri *b)
{
	EXPECT(lttng_disable_consumer(h), 0);
	EXPECT(lttng_set_consumer_uri(h, a), 0);
	if (b)
		EXPECT(lttng_set_consumer_uri(h, b), 0);
	return lttng_enable_consumer(h);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	check_lib();
	CHECK(argc == 9, "usage");
	const char *s = argv[1], *dir = argv[2];
	int a_ctrl = atoi(argv[3]), a_data = atoi(argv[4]), b_ctrl = atoi(argv[5]),
	    b_data = atoi(argv[6]), closed = atoi(argv[7]), stretch = atoi(argv[8]);
	struct lttng_handle *h, *hu;

	create_with_handles(s, &h, &hu);
	const char *host = "127.0.0.1";
	struct lttng_uri ac = uri(LTTNG_STREAM_CONTROL, host, a_ctrl);
	struct lttng_uri ad = uri(LTTNG_STREAM_DATA, host, a_data);
	struct lttng_uri bc = uri(LTTNG_STREAM_CONTROL, host, b_ctrl);
	struct lttng_uri bd = uri(LTTNG_STREAM_DATA, host, b_data);
	struct lttng_uri cd = uri(LTTNG_STREAM_DATA, host, closed), loc = local(dir);

	EXPECT(lttng_set_consumer_uri(h, &ac), 0);
	EXPECT(lttng_set_consumer_uri(h, &ad), 0);
	EXPECT(lttng_enable_consumer(h), 0);
	struct lttng_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.loglevel = -1;
	strcpy(ev.name, "ref:*");
	EXPECT(lttng_enable_event(hu, &ev, NULL), 0);
	EXPECT(lttng_start_tracing(s), 0);
	pause_ms(stretch);
	/* Network -> local, while tracing (2.13 refuses: "Tracing has already been started once"). */
	EXPECT(switch_to(h, &loc, NULL), 0);
	pause_ms(stretch);
	/* Local -> another relay daemon. */
	EXPECT(switch_to(h, &bc, &bd), 0);
	pause_ms(stretch);
	/* Only the control path connects: the switch fails, the consumer on relay B goes on. */
	EXPECT(switch_to(h, &ac, &cd), -LTTNG_ERR_RELAYD_CONNECT_FAIL);
	printf("checkpoint: failed switch\n");
	EXPECT(lttng_set_consumer_uri(h, &ac), -LTTNG_ERR_URL_EXIST);
	pause_ms(stretch);
	/* Back to relay A: a stretch of its own there. */
	EXPECT(switch_to(h, &ac, &ad), 0);
	pause_ms(stretch);
	stop_report_destroy(s, h, hu);
	return 0;
}
