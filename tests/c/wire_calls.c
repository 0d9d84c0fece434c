/*
 * A fixed sequence of liblttng-ctl calls, upstream API only. The wire test runs it twice
 * against a recording stand-in daemon, once on the real library and once on ours, then
 * compares the bytes each sent and what each printed of the stand-in's golden replies.
 */
#include <lttng/lttng.h>
#include "check_lib.h"

static void print_rc(const char *what, int rc)
{
	const char *text = lttng_strerror(rc);
	printf("%s: %d (%s)\n", what, rc, text ? text : "NULL");
}

static void list_all(struct lttng_handle *h)
{
	struct lttng_session *sessions = NULL;
	int n = lttng_list_sessions(&sessions);

	printf("sessions: %d\n", n);
	for (int i = 0; i < n; i++) {
		uint64_t t = 0;
		int rc = lttng_session_get_creation_time(&sessions[i], &t);
		printf("  %s path=[%s] enabled=%u snapshot=%u live=%u time=%d/%llu\n", sessions[i].name,
		       sessions[i].path, sessions[i].enabled, sessions[i].snapshot_mode,
		       sessions[i].live_timer_interval, rc, (unsigned long long) t);
	}
	free(sessions);

	struct lttng_domain *domains = NULL;
	n = lttng_list_domains("w1", &domains);
	printf("domains: %d\n", n);
	for (int i = 0; i < n; i++)
		printf("  type=%d buf=%d\n", domains[i].type, domains[i].buf_type);
	free(domains);

	struct lttng_channel *channels = NULL;
	n = lttng_list_channels(h, &channels);
	printf("channels: %d\n", n);
	for (int i = 0; i < n; i++) {
		struct lttng_channel *c = &channels[i];
		uint64_t disc = 0, lost = 0, mon = 0;
		int64_t blk = 0;
		lttng_channel_get_discarded_event_count(c, &disc);
		lttng_channel_get_lost_packet_count(c, &lost);
		lttng_channel_get_monitor_timer_interval(c, &mon);
		lttng_channel_get_blocking_timeout(c, &blk);
		printf("  %s en=%u ow=%d sub=%llu n=%llu sw=%u rd=%u out=%d tfs=%llu tfc=%llu live=%u "
		       "disc=%llu lost=%llu mon=%llu blk=%lld\n",
		       c->name, c->enabled, c->attr.overwrite, (unsigned long long) c->attr.subbuf_size,
		       (unsigned long long) c->attr.num_subbuf, c->attr.switch_timer_interval,
		       c->attr.read_timer_interval, c->attr.output,
		       (unsigned long long) c->attr.tracefile_size,
		       (unsigned long long) c->attr.tracefile_count, c->attr.live_timer_interval,
		       (unsigned long long) disc, (unsigned long long) lost, (unsigned long long) mon,
		       (long long) blk);
	}
	free(channels);

	struct lttng_event *events = NULL;
	n = lttng_list_events(h, "chan0", &events);
	printf("events: %d\n", n);
	for (int i = 0; i < n; i++) {
		struct lttng_event *e = &events[i];
		const char *filter = NULL;
		lttng_event_get_filter_expression(e, &filter);
		int nx = lttng_event_get_exclusion_name_count(e);
		printf("  %s type=%d llt=%d ll=%d en=%d pid=%d filter=%u excl=%u flags=%u expr=[%s] nx=%d",
		       e->name, e->type, e->loglevel_type, e->loglevel, e->enabled, e->pid, e->filter,
		       e->exclusion, (unsigned) e->flags, filter ? filter : "(none)", nx);
		for (int x = 0; x < nx; x++) {
			const char *name = NULL;
			lttng_event_get_exclusion_name(e, (size_t) x, &name);
			printf(" [%s]", name);
		}
		printf("\n");
	}
	free(events);
}

int main(void)
{
	struct lttng_domain ust, kernel, none;

	setvbuf(stdout, NULL, _IONBF, 0);
	check_lib();
	memset(&ust, 0, sizeof(ust));
	ust.type = LTTNG_DOMAIN_UST;
	ust.buf_type = LTTNG_BUFFER_PER_UID;
	memset(&kernel, 0, sizeof(kernel));
	kernel.type = LTTNG_DOMAIN_KERNEL;
	kernel.buf_type = LTTNG_BUFFER_GLOBAL;
	memset(&none, 0, sizeof(none));

	printf("alive: %d\n", lttng_session_daemon_alive());
	print_rc("create none", lttng_create_session("w1", NULL));
	print_rc("create local", lttng_create_session("w2", "/tmp/wire-out"));
	print_rc("create file", lttng_create_session("w2f", "file:///tmp/wire-out2"));
	print_rc("create net", lttng_create_session("w3", "net://127.0.0.1:6000:6001/sub"));
	print_rc("create net6", lttng_create_session("w3b", "net6://[::1]"));
	print_rc("create snapshot", lttng_create_session_snapshot("w4", NULL));
	print_rc("create snapshot url", lttng_create_session_snapshot("w4b", "/tmp/snap"));
	print_rc("create live", lttng_create_session_live("w5", "net://127.0.0.1", 1000000));
	print_rc("create live none", lttng_create_session_live("w5b", NULL, 2000000));
	print_rc("create live 0", lttng_create_session_live("w5c", NULL, 0));
	print_rc("create tcp (refused)", lttng_create_session("w6", "tcp://1.2.3.4"));
	print_rc("create bad url", lttng_create_session("w7", "bogus://"));

	struct lttng_handle *h = lttng_create_handle("w1", &ust);
	struct lttng_handle *hk = lttng_create_handle("w1", &kernel);
	struct lttng_handle *hn = lttng_create_handle("w1", &none);
	list_all(h);

	struct lttng_channel *chan = lttng_channel_create(&ust);
	strcpy(chan->name, "chan1");
	chan->attr.subbuf_size = 8192;
	lttng_channel_set_blocking_timeout(chan, 5000);
	print_rc("enable channel", lttng_enable_channel(h, chan));
	struct lttng_channel plain;
	memset(&plain, 0, sizeof(plain));
	strcpy(plain.name, "plain");
	plain.attr.subbuf_size = 4096;
	plain.attr.num_subbuf = 2;
	plain.attr.overwrite = 1;
	plain.attr.switch_timer_interval = 1000;
	plain.attr.output = LTTNG_EVENT_MMAP;
	print_rc("enable plain channel", lttng_enable_channel(h, &plain));
	print_rc("enable kernel channel", lttng_enable_channel(hk, &plain));
	print_rc("disable channel", lttng_disable_channel(h, "chan1"));
	lttng_channel_destroy(chan);

	struct lttng_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.type = LTTNG_EVENT_TRACEPOINT;
	ev.loglevel = -1;
	print_rc("enable all", lttng_enable_event(h, &ev, NULL));
	printf("name after: %s\n", ev.name);
	memset(&ev, 0, sizeof(ev));
	strcpy(ev.name, "my_prov:*");
	ev.loglevel_type = LTTNG_EVENT_LOGLEVEL_RANGE;
	ev.loglevel = 4;
	ev.pid = 77;
	char *excl[] = { "my_prov:bad", "my_prov:worse" };
	print_rc("enable with exclusions", lttng_enable_event_with_exclusions(h, &ev, "chan1", NULL, 2, excl));
	memset(&ev, 0, sizeof(ev));
	strcpy(ev.name, "sched_switch");
	print_rc("enable kernel tracepoint", lttng_enable_event(hk, &ev, "k0"));
	ev.type = LTTNG_EVENT_SYSCALL;
	strcpy(ev.name, "openat");
	print_rc("enable kernel syscall", lttng_enable_event(hk, &ev, NULL));
	print_rc("disable all", lttng_disable_event(h, NULL, NULL));
	print_rc("disable one", lttng_disable_event(h, "my_prov:x", "chan1"));
	memset(&ev, 0, sizeof(ev));
	strcpy(ev.name, "p:y");
	ev.type = LTTNG_EVENT_TRACEPOINT;
	print_rc("disable ext", lttng_disable_event_ext(h, &ev, "chan1", NULL));

	struct lttng_event_context ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.ctx = LTTNG_EVENT_CONTEXT_VPID;
	print_rc("context vpid", lttng_add_context(h, &ctx, NULL, NULL));
	ctx.ctx = LTTNG_EVENT_CONTEXT_APP_CONTEXT;
	ctx.u.app_ctx.provider_name = "prov";
	ctx.u.app_ctx.ctx_name = "nm";
	print_rc("context app", lttng_add_context(h, &ctx, "ignored", "chan1"));
	memset(&ctx, 0, sizeof(ctx));
	ctx.ctx = LTTNG_EVENT_CONTEXT_PERF_THREAD_COUNTER;
	ctx.u.perf_counter.type = 4;
	ctx.u.perf_counter.config = 0x1234;
	strcpy(ctx.u.perf_counter.name, "perf:thread:x");
	print_rc("context perf", lttng_add_context(h, &ctx, NULL, "chan1"));

	print_rc("set url net", lttng_set_consumer_url(h, "net://127.0.0.1:7000:7001/d", NULL));
	print_rc("set url pair", lttng_set_consumer_url(hn, "tcp://localhost:1000/c", "tcp://127.0.0.1:2000/d"));
	print_rc("set url data only", lttng_set_consumer_url(hn, NULL, "tcp://127.0.0.1:2001"));
	print_rc("set url file", lttng_set_consumer_url(hn, "/tmp/trace-here", NULL));
	print_rc("set url mismatch", lttng_set_consumer_url(hn, "tcp://1.2.3.4", "tcp://5.6.7.8"));

	print_rc("start", lttng_start_tracing("w1"));
	print_rc("stop no wait", lttng_stop_tracing_no_wait("w1"));
	print_rc("data pending", lttng_data_pending("w1"));
	print_rc("stop", lttng_stop_tracing("w1"));
	print_rc("start error", lttng_start_tracing("err80"));
	print_rc("start odd error", lttng_start_tracing("err500"));
	struct lttng_handle *herr = lttng_create_handle("err500", &ust);
	memset(&ctx, 0, sizeof(ctx));
	print_rc("context odd error", lttng_add_context(herr, &ctx, NULL, NULL));
	lttng_destroy_handle(herr);
	print_rc("destroy", lttng_destroy_session("w1"));
	print_rc("destroy no wait", lttng_destroy_session_no_wait("w2"));
	print_rc("destroy error", lttng_destroy_session("err23"));

	lttng_destroy_handle(h);
	lttng_destroy_handle(hk);
	lttng_destroy_handle(hn);
	printf("done\n");
	return 0;
}
