/*
 * What the notification channel sends for a subscription to each kind of condition
 * (tests/notification_bytes.rs, against tests/python/notification_recorder.py): buffer usage
 * high and low (bytes and ratio, every domain the daemon accepts), session consumed size,
 * rotation ongoing and completed, and event rule matches over every event rule kind with
 * filters, log-level rules, exclusions, probe locations and capture descriptors of every
 * expression kind. Each condition is subscribed then unsubscribed; the program prints the
 * statuses. Run on the real library and on ours: the recorded bytes must be the same.
 */
#include <lttng/lttng.h>
#include <stdio.h>
#include <string.h>

#include "check_lib.h"

static struct lttng_notification_channel *ch;

static void subscribe(const char *what, struct lttng_condition *c)
{
	CHECK(c, "%s", what);
	printf("%s: subscribe %d", what, lttng_notification_channel_subscribe(ch, c));
	printf(", unsubscribe %d\n", lttng_notification_channel_unsubscribe(ch, c));
	lttng_condition_destroy(c);
}

static struct lttng_condition *buffer_usage(int high, int ratio, enum lttng_domain_type domain)
{
	struct lttng_condition *c = high ? lttng_condition_buffer_usage_high_create()
					 : lttng_condition_buffer_usage_low_create();

	if (ratio) {
		lttng_condition_buffer_usage_set_threshold_ratio(c, 0.625);
	} else {
		lttng_condition_buffer_usage_set_threshold(c, 123456789);
	}
	lttng_condition_buffer_usage_set_session_name(c, "a_session");
	lttng_condition_buffer_usage_set_channel_name(c, "a_channel");
	lttng_condition_buffer_usage_set_domain_type(c, domain);
	return c;
}

/* An event-rule-matches condition on `rule` with one capture of every expression kind. */
static struct lttng_condition *matches(struct lttng_event_rule *rule, int captures)
{
	struct lttng_condition *c;

	CHECK(rule, "rule");
	c = lttng_condition_event_rule_matches_create(rule);
	lttng_event_rule_destroy(rule);
	if (captures) {
		lttng_condition_event_rule_matches_append_capture_descriptor(
			c, lttng_event_expr_event_payload_field_create("field"));
		lttng_condition_event_rule_matches_append_capture_descriptor(
			c, lttng_event_expr_channel_context_field_create("vpid"));
		lttng_condition_event_rule_matches_append_capture_descriptor(
			c, lttng_event_expr_app_specific_context_field_create("prov", "type"));
		lttng_condition_event_rule_matches_append_capture_descriptor(
			c, lttng_event_expr_array_field_element_create(
				   lttng_event_expr_array_field_element_create(
					   lttng_event_expr_event_payload_field_create("arr"), 3),
				   7));
	}
	return c;
}

int main(int argc, char **argv)
{
	struct lttng_event_rule *r;
	struct lttng_kernel_probe_location *kloc;
	struct lttng_userspace_probe_location *uloc;

	check_lib();
	setvbuf(stdout, NULL, _IONBF, 0);
	CHECK(argc == 2, "usage: %s BINARY", argv[0]);
	ch = lttng_notification_channel_create(lttng_session_daemon_notification_endpoint);
	CHECK(ch, "channel");

	subscribe("buffer high bytes ust", buffer_usage(1, 0, LTTNG_DOMAIN_UST));
	subscribe("buffer high ratio kernel", buffer_usage(1, 1, LTTNG_DOMAIN_KERNEL));
	subscribe("buffer low bytes kernel", buffer_usage(0, 0, LTTNG_DOMAIN_KERNEL));
	subscribe("buffer low ratio ust", buffer_usage(0, 1, LTTNG_DOMAIN_UST));
	{
		struct lttng_condition *c = lttng_condition_session_consumed_size_create();

		lttng_condition_session_consumed_size_set_threshold(c, 1ULL << 40);
		lttng_condition_session_consumed_size_set_session_name(c, "s");
		subscribe("consumed size", c);
	}
	{
		struct lttng_condition *c = lttng_condition_session_rotation_ongoing_create();

		lttng_condition_session_rotation_set_session_name(c, "rotating");
		subscribe("rotation ongoing", c);
		c = lttng_condition_session_rotation_completed_create();
		lttng_condition_session_rotation_set_session_name(c, "rotated");
		subscribe("rotation completed", c);
	}

	subscribe("user tracepoint, default", matches(lttng_event_rule_user_tracepoint_create(), 0));
	r = lttng_event_rule_user_tracepoint_create();
	lttng_event_rule_user_tracepoint_set_name_pattern(r, "my_app:*");
	lttng_event_rule_user_tracepoint_set_filter(r, "intfield > 3 && strfield == \"x*\"");
	lttng_event_rule_user_tracepoint_add_name_pattern_exclusion(r, "my_app:noisy");
	lttng_event_rule_user_tracepoint_add_name_pattern_exclusion(r, "my_app:other");
	{
		struct lttng_log_level_rule *llr = lttng_log_level_rule_at_least_as_severe_as_create(4);

		lttng_event_rule_user_tracepoint_set_log_level_rule(r, llr);
		lttng_log_level_rule_destroy(llr);
	}
	subscribe("user tracepoint, filter, exclusions, captures", matches(r, 1));

	r = lttng_event_rule_kernel_tracepoint_create();
	lttng_event_rule_kernel_tracepoint_set_name_pattern(r, "sched_switch");
	lttng_event_rule_kernel_tracepoint_set_filter(r, "prev_tid != 0");
	subscribe("kernel tracepoint", matches(r, 1));

	r = lttng_event_rule_kernel_syscall_create(LTTNG_EVENT_RULE_KERNEL_SYSCALL_EMISSION_SITE_EXIT);
	lttng_event_rule_kernel_syscall_set_name_pattern(r, "open*");
	subscribe("kernel syscall exit", matches(r, 1));
	r = lttng_event_rule_kernel_syscall_create(
		LTTNG_EVENT_RULE_KERNEL_SYSCALL_EMISSION_SITE_ENTRY_EXIT);
	subscribe("kernel syscall entry+exit", matches(r, 0));

	kloc = lttng_kernel_probe_location_symbol_create("do_sys_open", 16);
	r = lttng_event_rule_kernel_kprobe_create(kloc);
	lttng_event_rule_kernel_kprobe_set_event_name(r, "my_kprobe");
	subscribe("kprobe symbol", matches(r, 0));
	lttng_kernel_probe_location_destroy(kloc);
	kloc = lttng_kernel_probe_location_address_create(0xffffffff81000000ULL);
	r = lttng_event_rule_kernel_kprobe_create(kloc);
	lttng_event_rule_kernel_kprobe_set_event_name(r, "my_kprobe_addr");
	subscribe("kprobe address", matches(r, 0));
	lttng_kernel_probe_location_destroy(kloc);

	uloc = lttng_userspace_probe_location_function_create(
		argv[1], "main", lttng_userspace_probe_location_lookup_method_function_elf_create());
	r = lttng_event_rule_kernel_uprobe_create(uloc);
	lttng_event_rule_kernel_uprobe_set_event_name(r, "my_uprobe");
	subscribe("uprobe function", matches(r, 0));
	lttng_userspace_probe_location_destroy(uloc);
	uloc = lttng_userspace_probe_location_tracepoint_create(
		argv[1], "provider", "probe",
		lttng_userspace_probe_location_lookup_method_tracepoint_sdt_create());
	r = lttng_event_rule_kernel_uprobe_create(uloc);
	lttng_event_rule_kernel_uprobe_set_event_name(r, "my_sdt");
	subscribe("uprobe sdt", matches(r, 0));
	lttng_userspace_probe_location_destroy(uloc);

	r = lttng_event_rule_jul_logging_create();
	lttng_event_rule_jul_logging_set_name_pattern(r, "org.example.*");
	lttng_event_rule_jul_logging_set_filter(r, "msg == \"x\"");
	{
		struct lttng_log_level_rule *llr = lttng_log_level_rule_exactly_create(800);

		lttng_event_rule_jul_logging_set_log_level_rule(r, llr);
		lttng_log_level_rule_destroy(llr);
	}
	subscribe("jul", matches(r, 1));
	r = lttng_event_rule_log4j_logging_create();
	subscribe("log4j, default", matches(r, 0));
	r = lttng_event_rule_python_logging_create();
	lttng_event_rule_python_logging_set_name_pattern(r, "py.logger");
	subscribe("python", matches(r, 1));

	lttng_notification_channel_destroy(ch);
	return 0;
}
