/*
 * Registers, through the C API, triggers with the conditions `lttng add-trigger` cannot
 * make (buffer usage, session consumed size, session rotation), each with a list of
 * actions, so that tests/triggers.rs can list and remove them with the `lttng` CLI on
 * both libraries. It runs on the real library: the trigger constructors it calls are
 * upstream's, which only the real library (or the CLI) contains.
 */
#include <lttng/lttng.h>
#include <stdio.h>
#include <stdlib.h>

static struct lttng_action *one(struct lttng_action *a)
{
	struct lttng_action *list = lttng_action_list_create();

	if (!list || !a || lttng_action_list_add_action(list, a) != LTTNG_ACTION_STATUS_OK) {
		fprintf(stderr, "action list\n");
		exit(1);
	}
	lttng_action_destroy(a);
	return list;
}

static struct lttng_action *session_action(struct lttng_action *a, const char *session,
		struct lttng_rate_policy *policy)
{
	enum lttng_action_status st = LTTNG_ACTION_STATUS_ERROR;

	switch (lttng_action_get_type(a)) {
	case LTTNG_ACTION_TYPE_START_SESSION:
		st = lttng_action_start_session_set_session_name(a, session);
		if (policy)
			lttng_action_start_session_set_rate_policy(a, policy);
		break;
	case LTTNG_ACTION_TYPE_STOP_SESSION:
		st = lttng_action_stop_session_set_session_name(a, session);
		if (policy)
			lttng_action_stop_session_set_rate_policy(a, policy);
		break;
	case LTTNG_ACTION_TYPE_ROTATE_SESSION:
		st = lttng_action_rotate_session_set_session_name(a, session);
		break;
	default:
		break;
	}
	if (st != LTTNG_ACTION_STATUS_OK) {
		fprintf(stderr, "session action\n");
		exit(1);
	}
	lttng_rate_policy_destroy(policy);
	return a;
}

static void reg(const char *name, struct lttng_condition *c, struct lttng_action *a)
{
	struct lttng_trigger *t = lttng_trigger_create(c, a);
	enum lttng_error_code ret;

	ret = name ? lttng_register_trigger_with_name(t, name) :
		     lttng_register_trigger_with_automatic_name(t);
	printf("register %s: %d\n", name ? name : "(automatic)", (int) ret);
	lttng_trigger_destroy(t);
	lttng_condition_destroy(c);
	lttng_action_destroy(a);
}

int main(void)
{
	struct lttng_condition *c;
	struct lttng_action *snap;
	struct lttng_snapshot_output *out;

	c = lttng_condition_buffer_usage_high_create();
	lttng_condition_buffer_usage_set_threshold(c, 4096);
	lttng_condition_buffer_usage_set_session_name(c, "s1");
	lttng_condition_buffer_usage_set_channel_name(c, "chan");
	lttng_condition_buffer_usage_set_domain_type(c, LTTNG_DOMAIN_UST);
	reg("bu-high", c, one(lttng_action_notify_create()));

	c = lttng_condition_buffer_usage_low_create();
	lttng_condition_buffer_usage_set_threshold_ratio(c, 0.25);
	lttng_condition_buffer_usage_set_session_name(c, "s1");
	lttng_condition_buffer_usage_set_channel_name(c, "chan");
	lttng_condition_buffer_usage_set_domain_type(c, LTTNG_DOMAIN_UST);
	reg("bu-low", c, one(session_action(lttng_action_stop_session_create(), "s1",
					    lttng_rate_policy_once_after_n_create(7))));

	/* The kernel domain: refused by a daemon without the kernel tracer. */
	c = lttng_condition_buffer_usage_high_create();
	lttng_condition_buffer_usage_set_threshold_ratio(c, 0.5);
	lttng_condition_buffer_usage_set_session_name(c, "s1");
	lttng_condition_buffer_usage_set_channel_name(c, "chan");
	lttng_condition_buffer_usage_set_domain_type(c, LTTNG_DOMAIN_KERNEL);
	reg("bu-kernel", c, one(lttng_action_notify_create()));

	c = lttng_condition_session_consumed_size_create();
	lttng_condition_session_consumed_size_set_threshold(c, 1000000);
	lttng_condition_session_consumed_size_set_session_name(c, "s2");
	reg("consumed", c, one(session_action(lttng_action_rotate_session_create(), "s2", NULL)));

	c = lttng_condition_session_rotation_ongoing_create();
	lttng_condition_session_rotation_set_session_name(c, "s3");
	snap = lttng_action_snapshot_session_create();
	lttng_action_snapshot_session_set_session_name(snap, "s3");
	out = lttng_snapshot_output_create();
	lttng_snapshot_output_set_network_urls("tcp://127.0.0.1:5342", "tcp://127.0.0.1:5343", out);
	lttng_snapshot_output_set_size(1234, out);
	lttng_snapshot_output_set_name("out1", out);
	lttng_action_snapshot_session_set_output(snap, out);
	reg("rot-ongoing", c, one(snap));

	c = lttng_condition_session_rotation_completed_create();
	lttng_condition_session_rotation_set_session_name(c, "s3");
	reg(NULL, c, one(session_action(lttng_action_start_session_create(), "s3",
					lttng_rate_policy_every_n_create(4))));
	return 0;
}
