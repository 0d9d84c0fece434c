/*
 * The notification channel on the public headers, against a real session daemon. Run on
 * the real library and on ours (tests/notification_channel.rs): the outputs must be
 * identical.
 *
 * Usage: notification_channel SESSION APP OUTPUT_DIR
 *
 * SESSION is a started session with a user-space channel "c" (no switch timer: events stay
 * in its buffers until a rotation) recording every user-space event, whose trace goes to
 * OUTPUT_DIR. The program
 * 1. checks the statuses of NULL and invalid arguments, of subscribe and unsubscribe
 *    (already subscribed, unknown condition, a condition that does not validate);
 * 2. registers one trigger per condition kind a session daemon evaluates (buffer usage
 *    high and low on "c", session consumed size, rotation ongoing and completed, event
 *    rule matches on tracef() with captures) and subscribes to each;
 * 3. runs APP (5 tracef() events), rotates the session, and reads notifications until it
 *    has one of each kind, printing what each holds (values that depend on timing are
 *    printed as checks);
 * 4. unsubscribes, destroys the session, unregisters the triggers, destroys the rest.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <lttng/lttng.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_lib.h"

enum { HIGH, LOW, CONSUMED, ONGOING, COMPLETED, MATCHES, KINDS };
static const char *const names[KINDS] = { "T_high", "T_low", "T_consumed", "T_ongoing",
					  "T_completed", "T_matches" };
static const char *output_dir;

static void print_value(FILE *out, const struct lttng_event_field_value *v)
{
	uint64_t u;
	int64_t s;
	double d;
	const char *str;
	unsigned int n;

	switch (lttng_event_field_value_get_type(v)) {
	case LTTNG_EVENT_FIELD_VALUE_TYPE_UNSIGNED_INT:
		lttng_event_field_value_unsigned_int_get_value(v, &u);
		fprintf(out, "UNSIGNED_INT %" PRIu64, u);
		break;
	case LTTNG_EVENT_FIELD_VALUE_TYPE_SIGNED_INT:
		lttng_event_field_value_signed_int_get_value(v, &s);
		fprintf(out, "SIGNED_INT %" PRId64, s);
		break;
	case LTTNG_EVENT_FIELD_VALUE_TYPE_REAL:
		lttng_event_field_value_real_get_value(v, &d);
		fprintf(out, "REAL %g", d);
		break;
	case LTTNG_EVENT_FIELD_VALUE_TYPE_STRING:
		lttng_event_field_value_string_get_value(v, &str);
		fprintf(out, "STRING \"%s\"", str);
		break;
	case LTTNG_EVENT_FIELD_VALUE_TYPE_ARRAY:
		lttng_event_field_value_array_get_length(v, &n);
		fprintf(out, "ARRAY(%u) [", n);
		for (unsigned int i = 0; i < n; i++) {
			const struct lttng_event_field_value *e = NULL;
			enum lttng_event_field_value_status st =
				lttng_event_field_value_array_get_element_at_index(v, i, &e);

			fputs(i ? ", " : "", out);
			if (st == LTTNG_EVENT_FIELD_VALUE_STATUS_UNAVAILABLE) {
				fprintf(out, "UNAVAILABLE");
			} else if (st != LTTNG_EVENT_FIELD_VALUE_STATUS_OK) {
				fprintf(out, "status %d", st);
			} else {
				print_value(out, e);
			}
		}
		fprintf(out, "]");
		break;
	default:
		fprintf(out, "type %d", lttng_event_field_value_get_type(v));
	}
}

/* Prints a notification's trigger, condition and evaluation; the kind it is, or -1. */
static int print_notification(FILE *out, struct lttng_notification *n)
{
	const struct lttng_trigger *t = lttng_notification_get_trigger(n);
	const struct lttng_condition *c = lttng_notification_get_condition(n);
	const struct lttng_evaluation *e = lttng_notification_get_evaluation(n);
	const char *name = NULL, *session = NULL;
	int kind = -1;

	lttng_trigger_get_name(t, &name);
	for (int i = 0; i < KINDS; i++) {
		if (name && strcmp(name, names[i]) == 0) {
			kind = i;
		}
	}
	fprintf(out, "%s: condition %d, evaluation %d, same condition as trigger: %s\n",
	       name ? name : "(no name)", lttng_condition_get_type(c), lttng_evaluation_get_type(e),
	       c == lttng_trigger_get_const_condition(t) ? "yes" : "no");
	switch (kind) {
	case HIGH:
	case LOW: {
		uint64_t usage = 0;
		double ratio = -1;
		int s1 = lttng_evaluation_buffer_usage_get_usage(e, &usage);
		int s2 = lttng_evaluation_buffer_usage_get_usage_ratio(e, &ratio);

		lttng_condition_buffer_usage_get_session_name(c, &session);
		fprintf(out, "  session %s, statuses %d %d, usage %s, ratio in [0, 1]: %s\n", session, s1,
		       s2, kind == HIGH ? (usage >= 1 ? ">= 1" : "0") : (ratio < 0.99 ? "< 99%" : "high"),
		       ratio >= 0 && ratio <= 1 ? "yes" : "no");
		break;
	}
	case CONSUMED: {
		uint64_t consumed = 0;
		int s = lttng_evaluation_session_consumed_size_get_consumed_size(e, &consumed);

		lttng_condition_session_consumed_size_get_session_name(c, &session);
		fprintf(out, "  session %s, status %d, consumed >= 1: %s\n", session, s,
		       consumed >= 1 ? "yes" : "no");
		break;
	}
	case ONGOING:
	case COMPLETED: {
		uint64_t id = 99;
		const struct lttng_trace_archive_location *loc = NULL;
		int s1 = lttng_evaluation_session_rotation_get_id(e, &id);
		int s2 = lttng_evaluation_session_rotation_completed_get_location(e, &loc);

		lttng_condition_session_rotation_get_session_name(c, &session);
		fprintf(out, "  session %s, id status %d, id %" PRIu64 ", location status %d", session, s1,
		       id, s2);
		if (loc) {
			const char *path = NULL;

			lttng_trace_archive_location_local_get_absolute_path(loc, &path);
			fprintf(out, ", location type %d, under the output: %s",
			       lttng_trace_archive_location_get_type(loc),
			       path && strncmp(path, output_dir, strlen(output_dir)) == 0 ? "yes" : "no");
		}
		fprintf(out, "\n");
		break;
	}
	case MATCHES: {
		const struct lttng_event_field_value *values = NULL;
		int s = lttng_evaluation_event_rule_matches_get_captured_values(e, &values);

		fprintf(out, "  status %d, captures: ", s);
		if (values) {
			print_value(out, values);
		}
		fprintf(out, "\n");
		break;
	}
	}
	return kind;
}

static struct lttng_condition *condition(int kind, const char *session)
{
	struct lttng_condition *c = NULL;

	switch (kind) {
	case HIGH:
	case LOW:
		c = kind == HIGH ? lttng_condition_buffer_usage_high_create()
				 : lttng_condition_buffer_usage_low_create();
		if (kind == HIGH) {
			CHECK(lttng_condition_buffer_usage_set_threshold(c, 1) == 0, "threshold");
		} else {
			CHECK(lttng_condition_buffer_usage_set_threshold_ratio(c, 0.99) == 0, "ratio");
		}
		CHECK(lttng_condition_buffer_usage_set_session_name(c, session) == 0, "session");
		CHECK(lttng_condition_buffer_usage_set_channel_name(c, "c") == 0, "channel");
		CHECK(lttng_condition_buffer_usage_set_domain_type(c, LTTNG_DOMAIN_UST) == 0, "domain");
		break;
	case CONSUMED:
		c = lttng_condition_session_consumed_size_create();
		CHECK(lttng_condition_session_consumed_size_set_threshold(c, 1) == 0, "threshold");
		CHECK(lttng_condition_session_consumed_size_set_session_name(c, session) == 0, "s");
		break;
	case ONGOING:
	case COMPLETED:
		c = kind == ONGOING ? lttng_condition_session_rotation_ongoing_create()
				    : lttng_condition_session_rotation_completed_create();
		CHECK(lttng_condition_session_rotation_set_session_name(c, session) == 0, "session");
		break;
	case MATCHES: {
		struct lttng_event_rule *rule = lttng_event_rule_user_tracepoint_create();
		const char *fields[] = { "msg", "nosuch" };

		CHECK(lttng_event_rule_user_tracepoint_set_name_pattern(rule, "lttng_ust_tracef:*") == 0,
		      "pattern");
		c = lttng_condition_event_rule_matches_create(rule);
		for (int i = 0; i < 2; i++) {
			CHECK(lttng_condition_event_rule_matches_append_capture_descriptor(
				      c, lttng_event_expr_event_payload_field_create(fields[i])) == 0,
			      "capture");
		}
		CHECK(lttng_condition_event_rule_matches_append_capture_descriptor(
			      c, lttng_event_expr_array_field_element_create(
					 lttng_event_expr_event_payload_field_create("msg"), 1)) == 0,
		      "capture");
		lttng_event_rule_destroy(rule);
		break;
	}
	}
	CHECK(c, "condition %d", kind);
	return c;
}

static void statuses(void)
{
	struct lttng_notification_channel *ch;
	struct lttng_condition *c = lttng_condition_session_consumed_size_create();
	struct lttng_notification *n = (void *) 1;
	bool pending = true;
	int ret;

	printf("create(NULL): %s\n", lttng_notification_channel_create(NULL) ? "channel" : "NULL");
	printf("create(command endpoint): %s\n",
	       lttng_notification_channel_create(lttng_session_daemon_command_endpoint) ? "channel"
											 : "NULL");
	ch = lttng_notification_channel_create(lttng_session_daemon_notification_endpoint);
	CHECK(ch, "channel");
	printf("subscribe(NULL, c): %d\n", lttng_notification_channel_subscribe(NULL, c));
	printf("subscribe(ch, NULL): %d\n", lttng_notification_channel_subscribe(ch, NULL));
	printf("subscribe(ch, invalid): %d\n", lttng_notification_channel_subscribe(ch, c));
	printf("unsubscribe(ch, invalid): %d\n", lttng_notification_channel_unsubscribe(ch, c));
	lttng_condition_session_consumed_size_set_threshold(c, 1 << 30);
	lttng_condition_session_consumed_size_set_session_name(c, "no-such-session");
	printf("subscribe: %d\n", lttng_notification_channel_subscribe(ch, c));
	printf("subscribe again: %d\n", lttng_notification_channel_subscribe(ch, c));
	printf("unsubscribe: %d\n", lttng_notification_channel_unsubscribe(ch, c));
	printf("unsubscribe again: %d\n", lttng_notification_channel_unsubscribe(ch, c));
	printf("has_pending(NULL): %d\n", lttng_notification_channel_has_pending_notification(NULL, &pending));
	printf("has_pending(ch, NULL): %d\n", lttng_notification_channel_has_pending_notification(ch, NULL));
	pending = true;
	ret = lttng_notification_channel_has_pending_notification(ch, &pending);
	printf("has_pending: %d %s\n", ret, pending ? "true" : "false");
	printf("get_next(NULL): %d, out untouched: %s\n",
	       lttng_notification_channel_get_next_notification(NULL, &n), n == (void *) 1 ? "yes" : "no");
	printf("get_next(ch, NULL): %d\n", lttng_notification_channel_get_next_notification(ch, NULL));
	printf("getters on NULL: %s %s %s\n", lttng_notification_get_trigger(NULL) ? "set" : "NULL",
	       lttng_notification_get_condition(NULL) ? "set" : "NULL",
	       lttng_notification_get_evaluation(NULL) ? "set" : "NULL");
	lttng_notification_destroy(NULL);
	lttng_notification_channel_destroy(NULL);
	lttng_notification_channel_destroy(ch);
	lttng_condition_destroy(c);
}

static void run_app(const char *app)
{
	pid_t pid = fork();
	int status;

	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		execl(app, app, "5", (char *) NULL);
		_exit(127);
	}
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "app");
}

static void on_alarm(int sig)
{
	(void) sig;
	fprintf(stderr, "FAIL: timed out waiting for notifications\n");
	_exit(2);
}

int main(int argc, char **argv)
{
	struct lttng_notification_channel *ch;
	struct lttng_condition *conds[KINDS];
	struct lttng_trigger *triggers[KINDS];
	struct lttng_rotation_handle *rotation = NULL;
	enum lttng_rotation_state state;
	bool seen[KINDS] = { false };
	char *text[KINDS] = { NULL };
	size_t text_len[KINDS] = { 0 };
	int missing = KINDS;

	check_lib();
	setvbuf(stdout, NULL, _IONBF, 0);
	CHECK(argc == 4, "usage: %s SESSION APP OUTPUT_DIR", argv[0]);
	output_dir = argv[3];
	statuses();

	ch = lttng_notification_channel_create(lttng_session_daemon_notification_endpoint);
	CHECK(ch, "channel");
	for (int k = 0; k < KINDS; k++) {
		struct lttng_action *notify = lttng_action_notify_create();

		conds[k] = condition(k, argv[1]);
		triggers[k] = lttng_trigger_create(conds[k], notify);
		lttng_action_destroy(notify);
		printf("register %s: %d\n", names[k],
		       lttng_register_trigger_with_name(triggers[k], names[k]));
		printf("subscribe %s: %d\n", names[k],
		       lttng_notification_channel_subscribe(ch, conds[k]));
	}

	signal(SIGALRM, on_alarm);
	alarm(60);
	sleep(2);
	run_app(argv[2]);
	sleep(2);
	CHECK(lttng_rotate_session(argv[1], NULL, &rotation) == 0, "rotate");
	do {
		usleep(100000);
		CHECK(lttng_rotation_handle_get_state(rotation, &state) == LTTNG_ROTATION_STATUS_OK,
		      "rotation state");
	} while (state == LTTNG_ROTATION_STATE_ONGOING);
	lttng_rotation_handle_destroy(rotation);

	while (missing > 0) {
		struct lttng_notification *n = NULL;
		enum lttng_notification_channel_status st =
			lttng_notification_channel_get_next_notification(ch, &n);
		int kind;

		if (st == LTTNG_NOTIFICATION_CHANNEL_STATUS_NOTIFICATIONS_DROPPED) {
			CHECK(n == NULL, "dropped with a notification");
			continue;
		}
		CHECK(st == LTTNG_NOTIFICATION_CHANNEL_STATUS_OK && n, "get_next: %d", st);
		/* Print each kind once: the first of its kind. */
		kind = -1;
		{
			const char *name = NULL;

			lttng_trigger_get_name(lttng_notification_get_trigger(n), &name);
			for (int i = 0; i < KINDS; i++) {
				if (name && strcmp(name, names[i]) == 0) {
					kind = i;
				}
			}
		}
		if (kind >= 0 && !seen[kind]) {
			/* Printed later, in a fixed order: the kinds arrive in any order. */
			FILE *out = open_memstream(&text[kind], &text_len[kind]);

			CHECK(out && print_notification(out, n) == kind, "kind");
			fclose(out);
			seen[kind] = true;
			missing--;
		}
		lttng_notification_destroy(n);
	}
	alarm(0);
	for (int k = 0; k < KINDS; k++) {
		fputs(text[k], stdout);
		free(text[k]);
	}

	for (int k = 0; k < KINDS; k++) {
		printf("unsubscribe %s: %d\n", names[k],
		       lttng_notification_channel_unsubscribe(ch, conds[k]));
		printf("unsubscribe %s again: %d\n", names[k],
		       lttng_notification_channel_unsubscribe(ch, conds[k]));
	}
	/*
	 * The session goes before its triggers: lttng-sessiond 2.13.9 keeps an unregistered
	 * trigger in its session's trigger list, and the destruction's last rotation then
	 * asserts on it (with either library).
	 */
	printf("destroy: %d\n", lttng_destroy_session(argv[1]));
	for (int k = 0; k < KINDS; k++) {
		printf("unregister %s: %d\n", names[k], lttng_unregister_trigger(triggers[k]));
		lttng_trigger_destroy(triggers[k]);
		lttng_condition_destroy(conds[k]);
	}
	lttng_notification_channel_destroy(ch);
	return 0;
}
