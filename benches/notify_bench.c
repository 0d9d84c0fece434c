/*
 * Notifications through the library (cargo bench --bench compare, section "notify"): a
 * trigger on every tracef() event that captures its message, a notification channel
 * subscribed to its condition, and N notifications read from it. The traced app writes its
 * CLOCK_MONOTONIC time into each message, so each notification gives the latency from the
 * event to its arrival in this program.
 *
 *   notify_bench lib             prints which library is loaded ("ours" or "real")
 *   notify_bench listen N SECS   registers, prints "ready", reads up to N notifications or
 *                                until SECS pass, then prints one line of figures
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <lttng/lttng.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t) ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;

	return x < y ? -1 : x > y;
}

static void on_alarm(int sig)
{
	(void) sig;
}

static int listen_notifications(long n, int secs)
{
	char name[64];
	struct lttng_event_rule *rule = lttng_event_rule_user_tracepoint_create();
	struct lttng_condition *cond;
	struct lttng_action *action = lttng_action_notify_create();
	struct lttng_trigger *trigger;
	struct lttng_notification_channel *ch;
	uint64_t *lat = calloc(n, sizeof(*lat));
	long got = 0, dropped = 0, bad = 0;
	uint64_t start = 0, last = 0;
	struct sigaction sa;
	struct rusage before, after;
	double cpu_us;
	enum lttng_error_code ret;

	if (!rule || !action || !lat)
		return 1;
	if (lttng_event_rule_user_tracepoint_set_name_pattern(rule, "lttng_ust_tracef:*"))
		return 1;
	cond = lttng_condition_event_rule_matches_create(rule);
	if (!cond || lttng_condition_event_rule_matches_append_capture_descriptor(
			     cond, lttng_event_expr_event_payload_field_create("msg")))
		return 1;
	trigger = lttng_trigger_create(cond, action);
	snprintf(name, sizeof(name), "bench-notify-%d", (int) getpid());
	ret = lttng_register_trigger_with_name(trigger, name);
	if (ret != LTTNG_OK) {
		fprintf(stderr, "register: %s\n", lttng_strerror(-ret));
		return 1;
	}
	ch = lttng_notification_channel_create(lttng_session_daemon_notification_endpoint);
	if (!ch || lttng_notification_channel_subscribe(ch, cond) != LTTNG_NOTIFICATION_CHANNEL_STATUS_OK) {
		fprintf(stderr, "channel or subscribe failed\n");
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm; /* no SA_RESTART: the wait is interrupted */
	sigaction(SIGALRM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN); /* the real library does not ignore it */
	printf("ready\n");
	fflush(stdout);
	getrusage(RUSAGE_SELF, &before);
	alarm(secs);
	while (got < n) {
		struct lttng_notification *notif = NULL;
		enum lttng_notification_channel_status st =
			lttng_notification_channel_get_next_notification(ch, &notif);
		uint64_t t = now_ns();
		const struct lttng_evaluation *ev;
		const struct lttng_event_field_value *values, *msg;
		const char *s;

		if (st == LTTNG_NOTIFICATION_CHANNEL_STATUS_NOTIFICATIONS_DROPPED) {
			dropped++;
			continue;
		}
		if (st != LTTNG_NOTIFICATION_CHANNEL_STATUS_OK)
			break;
		ev = lttng_notification_get_evaluation(notif);
		if (lttng_evaluation_event_rule_matches_get_captured_values(ev, &values) ==
				    LTTNG_EVALUATION_EVENT_RULE_MATCHES_STATUS_OK &&
			    lttng_event_field_value_array_get_element_at_index(values, 0, &msg) ==
				    LTTNG_EVENT_FIELD_VALUE_STATUS_OK &&
			    lttng_event_field_value_string_get_value(msg, &s) ==
				    LTTNG_EVENT_FIELD_VALUE_STATUS_OK) {
			uint64_t sent = strtoull(s, NULL, 10);

			lat[got] = t > sent ? t - sent : 0;
			if (!start)
				start = t;
			last = t;
			got++;
		} else {
			bad++;
		}
		lttng_notification_destroy(notif);
	}
	alarm(0);
	getrusage(RUSAGE_SELF, &after);
	qsort(lat, got, sizeof(*lat), cmp_u64);
	cpu_us = (after.ru_utime.tv_sec - before.ru_utime.tv_sec) * 1e6 +
		 (after.ru_utime.tv_usec - before.ru_utime.tv_usec) +
		 (after.ru_stime.tv_sec - before.ru_stime.tv_sec) * 1e6 +
		 (after.ru_stime.tv_usec - before.ru_stime.tv_usec);
	printf("received=%ld dropped=%ld undecoded=%ld span_s=%.6f p50_us=%.1f p99_us=%.1f "
	       "cpu_us_per_notification=%.2f\n",
	       got, dropped, bad, (double) (last - start) / 1e9, got ? lat[got / 2] / 1e3 : 0.0,
	       got ? lat[(got * 99) / 100] / 1e3 : 0.0, got ? cpu_us / got : 0.0);
	fflush(stdout);
	lttng_notification_channel_unsubscribe(ch, cond);
	lttng_notification_channel_destroy(ch);
	lttng_unregister_trigger(trigger);
	lttng_trigger_destroy(trigger);
	lttng_condition_destroy(cond);
	lttng_action_destroy(action);
	lttng_event_rule_destroy(rule);
	free(lat);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "lib")) {
		puts(dlsym(RTLD_DEFAULT, "lttng_rs_version") ? "ours" : "real");
		return 0;
	}
	if (argc > 3 && !strcmp(argv[1], "listen"))
		return listen_notifications(atol(argv[2]), atoi(argv[3]));
	fprintf(stderr, "usage: notify_bench lib | listen N SECS\n");
	return 2;
}
