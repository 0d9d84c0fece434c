/*
 * The network-consumer design's semantics through this library's C API, against the
 * reference session daemon and a real relay daemon:
 *   design_chain SESSION HOST CTRL_PORT DATA_PORT CLOSED_PORT PAUSE_MS
 * Prints the discarded-event count of the channel at the end ("discarded=N").
 */
#include "design_common.h"

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	check_lib();
	CHECK(argc == 7, "usage");
	const char *s = argv[1], *host = argv[2];
	int ctrl = atoi(argv[3]), data = atoi(argv[4]), closed = atoi(argv[5]), pause = atoi(argv[6]);
	struct lttng_handle *h, *hu;

	create_with_handles(s, &h, &hu);

	/* 2. Enabling needs both a control and a data URI. */
	EXPECT(lttng_enable_consumer(h), -LTTNG_ERR_URL_CTRL_MISS);
	struct lttng_uri c = uri(LTTNG_STREAM_CONTROL, host, ctrl);
	EXPECT(lttng_set_consumer_uri(h, &c), 0);
	EXPECT(lttng_enable_consumer(h), -LTTNG_ERR_URL_DATA_MISS);
	/* 3. The control path is TCP only (refused before sending). */
	struct lttng_uri udp = c;
	udp.proto = LTTNG_UDP;
	EXPECT(lttng_set_consumer_uri(h, &udp), -LTTNG_ERR_INVALID);
	/* 4. A path that cannot connect aborts the whole procedure. */
	struct lttng_uri d = uri(LTTNG_STREAM_DATA, host, closed);
	EXPECT(lttng_set_consumer_uri(h, &d), 0);
	EXPECT(lttng_enable_consumer(h), -LTTNG_ERR_RELAYD_CONNECT_FAIL);
	printf("checkpoint: aborted\n");
	pause_ms(300);
	/* 1. Setting a URI again replaces it. */
	d = uri(LTTNG_STREAM_DATA, host, data);
	EXPECT(lttng_set_consumer_uri(h, &d), 0);
	EXPECT(lttng_enable_consumer(h), 0);
	/* 5. Once enabled, URIs are locked until the consumer is disabled. */
	EXPECT(lttng_set_consumer_uri(h, &c), -LTTNG_ERR_URL_EXIST);

	/* A small channel, so that a paused consumer makes the buffers overflow. */
	struct lttng_channel *chan = lttng_channel_create(&hu->domain);
	strcpy(chan->name, "small");
	chan->attr.subbuf_size = 4096;
	chan->attr.num_subbuf = 2;
	EXPECT(lttng_enable_channel(hu, chan), 0);
	lttng_channel_destroy(chan);
	struct lttng_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.loglevel = -1;
	strcpy(ev.name, "ref:*");
	EXPECT(lttng_enable_event(hu, &ev, "small"), 0);

	EXPECT(lttng_start_tracing(s), 0);
	pause_ms(pause);
	/* 6. Disabling stops consumption; the buffers keep filling and overflow. */
	EXPECT(lttng_disable_consumer(h), 0);
	pause_ms(pause);
	EXPECT(lttng_enable_consumer(h), 0);
	pause_ms(pause);
	stop_report_destroy(s, h, hu);
	return 0;
}
