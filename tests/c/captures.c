/*
 * Captured event fields of every kind a user-space tracepoint gives, through a real session
 * daemon (tests/captures.rs): integers signed and unsigned of each width, a hexadecimal
 * one, a string, a fixed array, a sequence, a text array, enumerations over signed and
 * unsigned containers, floating point numbers, elements of arrays and sequences (in and
 * out of range), context fields, and fields that do not exist. Run on the real library and
 * on ours: the outputs must be identical.
 *
 * Usage: captures APP
 * Registers trigger T_capture (event rule matches captest:ev, with the captures below, and a
 * notify action), subscribes, runs APP (2 events), prints both notifications' values,
 * unsubscribes and unregisters.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <lttng/lttng.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_lib.h"

static void print_value(const struct lttng_event_field_value *v)
{
	uint64_t u = 0;
	int64_t s = 0;
	double d = 0;
	const char *str = NULL;
	unsigned int n = 0;
	int st, other;
	enum lttng_event_field_value_type type = lttng_event_field_value_get_type(v);

	/* Each getter runs before its result is printed (argument order is unspecified). */
	switch (type) {
	case LTTNG_EVENT_FIELD_VALUE_TYPE_UNSIGNED_INT:
	case LTTNG_EVENT_FIELD_VALUE_TYPE_UNSIGNED_ENUM:
		st = lttng_event_field_value_unsigned_int_get_value(v, &u);
		other = lttng_event_field_value_signed_int_get_value(v, &s);
		printf("%s %d:%" PRIu64 " (as signed: %d)",
		       type == LTTNG_EVENT_FIELD_VALUE_TYPE_UNSIGNED_INT ? "UNSIGNED_INT" : "UNSIGNED_ENUM",
		       st, u, other);
		break;
	case LTTNG_EVENT_FIELD_VALUE_TYPE_SIGNED_INT:
	case LTTNG_EVENT_FIELD_VALUE_TYPE_SIGNED_ENUM:
		st = lttng_event_field_value_signed_int_get_value(v, &s);
		other = lttng_event_field_value_unsigned_int_get_value(v, &u);
		printf("%s %d:%" PRId64 " (as unsigned: %d)",
		       type == LTTNG_EVENT_FIELD_VALUE_TYPE_SIGNED_INT ? "SIGNED_INT" : "SIGNED_ENUM",
		       st, s, other);
		break;
	case LTTNG_EVENT_FIELD_VALUE_TYPE_REAL:
		st = lttng_event_field_value_real_get_value(v, &d);
		printf("REAL %d:%.17g", st, d);
		break;
	case LTTNG_EVENT_FIELD_VALUE_TYPE_STRING:
		st = lttng_event_field_value_string_get_value(v, &str);
		printf("STRING %d:\"%s\"", st, str ? str : "(null)");
		break;
	case LTTNG_EVENT_FIELD_VALUE_TYPE_ARRAY:
		st = lttng_event_field_value_array_get_length(v, &n);
		printf("ARRAY(%d:%u) [", st, n);
		for (unsigned int i = 0; i <= n; i++) {
			const struct lttng_event_field_value *e = NULL;
			enum lttng_event_field_value_status est =
				lttng_event_field_value_array_get_element_at_index(v, i, &e);

			printf("%s", i ? ", " : "");
			if (i == n) {
				printf("past the end: %d", est);
			} else if (est == LTTNG_EVENT_FIELD_VALUE_STATUS_UNAVAILABLE) {
				printf("UNAVAILABLE");
			} else if (est != LTTNG_EVENT_FIELD_VALUE_STATUS_OK) {
				printf("status %d", est);
			} else {
				print_value(e);
			}
		}
		printf("]");
		break;
	default:
		printf("type %d", type);
	}
}

static const char *const payload_fields[] = {
	"sint", "u8", "u64", "small_negative", "small_positive", "hex", "str", "arr",
	"seq", "chars", "col", "sign", "dbl", "flt", "nosuch",
};

static void append(struct lttng_condition *c, struct lttng_event_expr *e, const char *what)
{
	CHECK(e, "expression %s", what);
	printf("capture %s: %d\n", what,
	       lttng_condition_event_rule_matches_append_capture_descriptor(c, e));
}

static void on_alarm(int sig)
{
	(void) sig;
	fprintf(stderr, "FAIL: timed out waiting for notifications\n");
	_exit(2);
}

int main(int argc, char **argv)
{
	struct lttng_event_rule *rule = lttng_event_rule_user_tracepoint_create();
	struct lttng_condition *c;
	struct lttng_action *notify = lttng_action_notify_create();
	struct lttng_trigger *trigger;
	struct lttng_notification_channel *ch;
	unsigned int count = 0;
	pid_t pid;
	int status;

	check_lib();
	setvbuf(stdout, NULL, _IONBF, 0);
	CHECK(argc == 2, "usage: %s APP", argv[0]);
	CHECK(lttng_event_rule_user_tracepoint_set_name_pattern(rule, "captest:ev") == 0, "pattern");
	c = lttng_condition_event_rule_matches_create(rule);
	CHECK(c, "condition");
	for (size_t i = 0; i < sizeof(payload_fields) / sizeof(*payload_fields); i++) {
		append(c, lttng_event_expr_event_payload_field_create(payload_fields[i]),
		       payload_fields[i]);
	}
	append(c, lttng_event_expr_array_field_element_create(
			  lttng_event_expr_event_payload_field_create("arr"), 0), "arr[0]");
	append(c, lttng_event_expr_array_field_element_create(
			  lttng_event_expr_event_payload_field_create("arr"), 2), "arr[2]");
	append(c, lttng_event_expr_array_field_element_create(
			  lttng_event_expr_event_payload_field_create("arr"), 3), "arr[3]");
	append(c, lttng_event_expr_array_field_element_create(
			  lttng_event_expr_event_payload_field_create("seq"), 1), "seq[1]");
	append(c, lttng_event_expr_array_field_element_create(
			  lttng_event_expr_event_payload_field_create("chars"), 1), "chars[1]");
	append(c, lttng_event_expr_array_field_element_create(
			  lttng_event_expr_event_payload_field_create("str"), 0), "str[0]");
	append(c, lttng_event_expr_channel_context_field_create("vpid"), "$ctx.vpid");
	append(c, lttng_event_expr_app_specific_context_field_create("prov", "ctx"),
	       "$app.prov:ctx");
	CHECK(lttng_condition_event_rule_matches_get_capture_descriptor_count(c, &count) == 0, "n");
	printf("descriptors: %u\n", count);

	trigger = lttng_trigger_create(c, notify);
	printf("register: %d\n", lttng_register_trigger_with_name(trigger, "T_capture"));
	ch = lttng_notification_channel_create(lttng_session_daemon_notification_endpoint);
	CHECK(ch, "channel");
	printf("subscribe: %d\n", lttng_notification_channel_subscribe(ch, c));

	signal(SIGALRM, on_alarm);
	alarm(60);
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		execl(argv[1], argv[1], "2", (char *) NULL);
		_exit(127);
	}
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0, "app");
	for (int got = 0; got < 2;) {
		struct lttng_notification *n = NULL;
		enum lttng_notification_channel_status st =
			lttng_notification_channel_get_next_notification(ch, &n);
		const struct lttng_event_field_value *values = NULL;
		unsigned int len = 0;

		if (st == LTTNG_NOTIFICATION_CHANNEL_STATUS_NOTIFICATIONS_DROPPED) {
			continue;
		}
		CHECK(st == LTTNG_NOTIFICATION_CHANNEL_STATUS_OK && n, "get_next: %d", st);
		printf("notification %d: captured values status %d\n", got,
		       lttng_evaluation_event_rule_matches_get_captured_values(
			       lttng_notification_get_evaluation(n), &values));
		CHECK(values && lttng_event_field_value_array_get_length(values, &len) == 0, "len");
		for (unsigned int i = 0; i < len; i++) {
			const struct lttng_event_field_value *e = NULL;
			const struct lttng_event_expr *expr =
				lttng_condition_event_rule_matches_get_capture_descriptor_at_index(
					lttng_notification_get_condition(n), i);
			enum lttng_event_field_value_status st2 =
				lttng_event_field_value_array_get_element_at_index(values, i, &e);

			printf("  [%u] expr type %d: ", i, lttng_event_expr_get_type(expr));
			if (st2 == LTTNG_EVENT_FIELD_VALUE_STATUS_UNAVAILABLE) {
				printf("UNAVAILABLE%s\n", e ? " (element set)" : "");
				continue;
			}
			CHECK(st2 == LTTNG_EVENT_FIELD_VALUE_STATUS_OK, "element %u: %d", i, st2);
			if (i == 21) {
				/* $ctx.vpid: the app's pid, which differs between runs. */
				uint64_t vpid = 0;

				lttng_event_field_value_unsigned_int_get_value(e, &vpid);
				printf("type %d, the app's pid: %s\n", lttng_event_field_value_get_type(e),
				       vpid == (uint64_t) pid ? "yes" : "no");
				continue;
			}
			print_value(e);
			printf("\n");
		}
		lttng_notification_destroy(n);
		got++;
	}
	alarm(0);
	printf("unsubscribe: %d\n", lttng_notification_channel_unsubscribe(ch, c));
	printf("unregister: %d\n", lttng_unregister_trigger(trigger));
	lttng_notification_channel_destroy(ch);
	lttng_trigger_destroy(trigger);
	lttng_condition_destroy(c);
	lttng_action_destroy(notify);
	lttng_event_rule_destroy(rule);
	return 0;
}
