/*
 * The action, rate-policy, action-path, trigger and error-query API on the public headers:
 * every constructor, setter and getter, with NULL and the wrong kind of object, then (with a
 * session daemon) registrations of triggers with every action and condition kind, the
 * listing read back in full, every error-query kind, and the unregistrations. Run on the
 * real library and on ours against the same daemon (tests/triggers_api.rs): the outputs
 * must be identical.
 *
 * Usage: triggers_api objects | triggers_api daemon [uprobe]
 *   objects: no daemon is needed (actions, rate policies, paths, triggers as objects);
 *   daemon:  registers, lists, queries and unregisters triggers (with a uprobe trigger too,
 *            for a daemon that accepts kernel triggers or a stand-in).
 */
#include <inttypes.h>
#include <lttng/lttng.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_lib.h"

/* lttng_register_trigger (anonymous registration) is deprecated upstream, and tested here. */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

#define S(x) ((x) ? (x) : "(NULL)")

static const char *policy_text(const struct lttng_rate_policy *p)
{
	static char buf[4][64];
	static int slot;
	char *out = buf[slot++ % 4];
	uint64_t v = 0;

	switch (lttng_rate_policy_get_type(p)) {
	case LTTNG_RATE_POLICY_TYPE_EVERY_N:
		lttng_rate_policy_every_n_get_interval(p, &v);
		snprintf(out, 64, "every %" PRIu64, v);
		break;
	case LTTNG_RATE_POLICY_TYPE_ONCE_AFTER_N:
		lttng_rate_policy_once_after_n_get_threshold(p, &v);
		snprintf(out, 64, "once after %" PRIu64, v);
		break;
	default:
		snprintf(out, 64, "type %d", (int) lttng_rate_policy_get_type(p));
	}
	return out;
}

/* The getters of one action kind, as function pointers. */
struct session_kind {
	const char *name;
	struct lttng_action *(*create)(void);
	enum lttng_action_status (*set_name)(struct lttng_action *, const char *);
	enum lttng_action_status (*get_name)(const struct lttng_action *, const char **);
	enum lttng_action_status (*set_policy)(struct lttng_action *, const struct lttng_rate_policy *);
	enum lttng_action_status (*get_policy)(const struct lttng_action *, const struct lttng_rate_policy **);
};

static const struct session_kind kinds[] = {
	{ "start", lttng_action_start_session_create, lttng_action_start_session_set_session_name,
	  lttng_action_start_session_get_session_name, lttng_action_start_session_set_rate_policy,
	  lttng_action_start_session_get_rate_policy },
	{ "stop", lttng_action_stop_session_create, lttng_action_stop_session_set_session_name,
	  lttng_action_stop_session_get_session_name, lttng_action_stop_session_set_rate_policy,
	  lttng_action_stop_session_get_rate_policy },
	{ "rotate", lttng_action_rotate_session_create, lttng_action_rotate_session_set_session_name,
	  lttng_action_rotate_session_get_session_name, lttng_action_rotate_session_set_rate_policy,
	  lttng_action_rotate_session_get_rate_policy },
	{ "snapshot", lttng_action_snapshot_session_create,
	  lttng_action_snapshot_session_set_session_name,
	  lttng_action_snapshot_session_get_session_name,
	  lttng_action_snapshot_session_set_rate_policy,
	  lttng_action_snapshot_session_get_rate_policy },
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static void print_output(const char *indent, const struct lttng_snapshot_output *o)
{
	printf("%soutput: id=%" PRIu32 " max_size=%" PRIu64 " name=%s ctrl=%s data=%s\n", indent,
	       lttng_snapshot_output_get_id(o), lttng_snapshot_output_get_maxsize(o),
	       S(lttng_snapshot_output_get_name(o)), S(lttng_snapshot_output_get_ctrl_url(o)),
	       S(lttng_snapshot_output_get_data_url(o)));
}

/* Prints an action (and a list's actions) through the getters. */
static void print_action(const char *indent, const struct lttng_action *a)
{
	const struct lttng_rate_policy *p = NULL;
	const char *name = NULL;
	enum lttng_action_status st;
	enum lttng_action_type type = lttng_action_get_type(a);

	switch (type) {
	case LTTNG_ACTION_TYPE_NOTIFY:
		st = lttng_action_notify_get_rate_policy(a, &p);
		printf("%snotify: policy %d %s\n", indent, st, policy_text(p));
		break;
	case LTTNG_ACTION_TYPE_START_SESSION:
	case LTTNG_ACTION_TYPE_STOP_SESSION:
	case LTTNG_ACTION_TYPE_ROTATE_SESSION:
	case LTTNG_ACTION_TYPE_SNAPSHOT_SESSION: {
		const struct session_kind *k = &kinds[type - LTTNG_ACTION_TYPE_START_SESSION];
		enum lttng_action_status pst;

		st = k->get_name(a, &name);
		pst = k->get_policy(a, &p);
		printf("%s%s: session %d %s, policy %d %s\n", indent, k->name, st, S(name), pst,
		       policy_text(p));
		if (type == LTTNG_ACTION_TYPE_SNAPSHOT_SESSION) {
			const struct lttng_snapshot_output *o = NULL;

			st = lttng_action_snapshot_session_get_output(a, &o);
			printf("%s  get_output: %d\n", indent, st);
			if (st == LTTNG_ACTION_STATUS_OK)
				print_output(indent, o);
		}
		break;
	}
	case LTTNG_ACTION_TYPE_LIST: {
		unsigned int n = 99;
		char inner[64];

		st = lttng_action_list_get_count(a, &n);
		printf("%slist: %d, %u actions\n", indent, st, n);
		snprintf(inner, sizeof(inner), "%s  ", indent);
		for (unsigned int i = 0; i < n; i++)
			print_action(inner, lttng_action_list_get_at_index(a, i));
		printf("%s  [%u]: %s\n", indent, n, lttng_action_list_get_at_index(a, n) ? "action" : "NULL");
		break;
	}
	default:
		printf("%stype %d\n", indent, (int) type);
	}
}

static void rate_policies(void)
{
	struct lttng_rate_policy *every = lttng_rate_policy_every_n_create(5);
	struct lttng_rate_policy *once = lttng_rate_policy_once_after_n_create(3);
	uint64_t v = 77;

	printf("== rate policies\n");
	printf("every_n(0): %s\n", lttng_rate_policy_every_n_create(0) ? "policy" : "NULL");
	printf("once_after_n(0): %s\n", lttng_rate_policy_once_after_n_create(0) ? "policy" : "NULL");
	printf("types: every=%d once=%d NULL=%d\n", lttng_rate_policy_get_type(every),
	       lttng_rate_policy_get_type(once), lttng_rate_policy_get_type(NULL));
	printf("every: interval %d", lttng_rate_policy_every_n_get_interval(every, &v));
	printf(" %" PRIu64, v);
	v = 77;
	printf(", threshold %d %" PRIu64 "\n", lttng_rate_policy_once_after_n_get_threshold(every, &v), v);
	printf("once: threshold %d", lttng_rate_policy_once_after_n_get_threshold(once, &v));
	printf(" %" PRIu64, v);
	v = 77;
	printf(", interval %d %" PRIu64 "\n", lttng_rate_policy_every_n_get_interval(once, &v), v);
	printf("NULL: %d %d %d %d\n", lttng_rate_policy_every_n_get_interval(NULL, &v),
	       lttng_rate_policy_every_n_get_interval(every, NULL),
	       lttng_rate_policy_once_after_n_get_threshold(NULL, &v),
	       lttng_rate_policy_once_after_n_get_threshold(once, NULL));
	{
		struct lttng_rate_policy *max = lttng_rate_policy_every_n_create(UINT64_MAX);

		printf("every_n(UINT64_MAX): %s\n", policy_text(max));
		lttng_rate_policy_destroy(max);
	}
	lttng_rate_policy_destroy(every);
	lttng_rate_policy_destroy(once);
	lttng_rate_policy_destroy(NULL);
}

static void action_paths(void)
{
	const uint64_t idx[] = { 3, 0, UINT64_MAX };
	struct lttng_action_path *p = lttng_action_path_create(idx, 3);
	struct lttng_action_path *empty = lttng_action_path_create(NULL, 0);
	size_t n = 99;
	uint64_t v = 77;

	printf("== action paths\n");
	printf("create(NULL, 2): %s\n", lttng_action_path_create(NULL, 2) ? "path" : "NULL");
	printf("create(NULL, 0): %s\n", empty ? "path" : "NULL");
	printf("empty: count %d", lttng_action_path_get_index_count(empty, &n));
	printf(" %zu, [0] %d\n", n, lttng_action_path_get_index_at_index(empty, 0, &v));
	printf("path: count %d", lttng_action_path_get_index_count(p, &n));
	printf(" %zu:", n);
	for (size_t i = 0; i <= n; i++) {
		v = 77;
		int st = lttng_action_path_get_index_at_index(p, i, &v);

		printf(" [%zu] %d %" PRIu64, i, st, v);
	}
	printf("\n");
	printf("NULL: %d %d %d %d\n", lttng_action_path_get_index_count(NULL, &n),
	       lttng_action_path_get_index_count(p, NULL),
	       lttng_action_path_get_index_at_index(NULL, 0, &v),
	       lttng_action_path_get_index_at_index(p, 0, NULL));
	lttng_action_path_destroy(p);
	lttng_action_path_destroy(empty);
	lttng_action_path_destroy(NULL);
}

static void session_actions(void)
{
	struct lttng_rate_policy *once = lttng_rate_policy_once_after_n_create(9);
	struct lttng_action *notify = lttng_action_notify_create();

	printf("== session actions\n");
	for (size_t i = 0; i < NKINDS; i++) {
		const struct session_kind *k = &kinds[i];
		struct lttng_action *a = k->create();
		const char *name = "untouched";
		const struct lttng_rate_policy *p = NULL;

		printf("%s: type %d\n", k->name, lttng_action_get_type(a));
		print_action("  new ", a);
		printf("  set_name NULL=%d empty=%d on NULL=%d on notify=%d\n", k->set_name(a, NULL),
		       k->set_name(a, ""), k->set_name(NULL, "s"), k->set_name(notify, "s"));
		printf("  get_name NULL=%d out NULL=%d on notify=%d\n", k->get_name(NULL, &name),
		       k->get_name(a, NULL), k->get_name(notify, &name));
		printf("  set_name s2=%d", k->set_name(a, "session-two"));
		printf(" s1=%d\n", k->set_name(a, "s1"));
		printf("  set_policy NULL=%d on NULL=%d on notify=%d once=%d\n", k->set_policy(a, NULL),
		       k->set_policy(NULL, once), k->set_policy(notify, once), k->set_policy(a, once));
		printf("  get_policy NULL=%d out NULL=%d on notify=%d\n", k->get_policy(NULL, &p),
		       k->get_policy(a, NULL), k->get_policy(notify, &p));
		print_action("  set ", a);
		/* The policy was copied: the action keeps its own. */
		k->get_policy(a, &p);
		printf("  policy is a copy: %s\n", p != once ? "yes" : "no");
		/* The getter of another kind refuses it. */
		printf("  other kind's get_name: %d\n", kinds[(i + 1) % NKINDS].get_name(a, &name));
		lttng_action_destroy(a);
	}
	lttng_rate_policy_destroy(once);
	lttng_action_destroy(notify);
}

static void snapshot_outputs(void)
{
	struct lttng_action *a = lttng_action_snapshot_session_create();
	struct lttng_action *notify = lttng_action_notify_create();
	struct lttng_snapshot_output *o1 = lttng_snapshot_output_create();
	struct lttng_snapshot_output *o2 = lttng_snapshot_output_create();
	struct lttng_snapshot_output *kept = lttng_snapshot_output_create();
	const struct lttng_snapshot_output *got = NULL;

	printf("== snapshot outputs\n");
	lttng_snapshot_output_set_name("first", o1);
	lttng_snapshot_output_set_ctrl_url("/tmp/first", o1);
	lttng_snapshot_output_set_size(4096, o1);
	lttng_snapshot_output_set_name("second", o2);
	lttng_snapshot_output_set_network_urls("tcp://127.0.0.1:5342", "tcp://127.0.0.1:5343", o2);
	printf("get_output unset=%d NULL=%d out NULL=%d on notify=%d\n",
	       lttng_action_snapshot_session_get_output(a, &got),
	       lttng_action_snapshot_session_get_output(NULL, &got),
	       lttng_action_snapshot_session_get_output(a, NULL),
	       lttng_action_snapshot_session_get_output(notify, &got));
	printf("set_output NULL=%d on NULL=%d on notify=%d\n",
	       lttng_action_snapshot_session_set_output(a, NULL),
	       lttng_action_snapshot_session_set_output(NULL, kept),
	       lttng_action_snapshot_session_set_output(notify, kept));
	lttng_snapshot_output_destroy(kept);
	printf("set_output o1=%d\n", lttng_action_snapshot_session_set_output(a, o1));
	printf("get_output=%d", lttng_action_snapshot_session_get_output(a, &got));
	printf(" lent=%s\n", got == o1 ? "o1" : "other");
	print_output("  ", got);
	/* The action owns o1: its setters still reach it. */
	lttng_snapshot_output_set_name("renamed", o1);
	printf("set_output o2=%d\n", lttng_action_snapshot_session_set_output(a, o2));
	lttng_action_snapshot_session_get_output(a, &got);
	printf("lent=%s\n", got == o2 ? "o2" : "other");
	lttng_action_snapshot_session_set_session_name(a, "snap");
	print_action("  ", a);
	lttng_action_destroy(a);
	lttng_action_destroy(notify);
}

static void lists(void)
{
	struct lttng_action *list = lttng_action_list_create();
	struct lttng_action *inner = lttng_action_list_create();
	struct lttng_action *notify = lttng_action_notify_create();
	struct lttng_action *start = lttng_action_start_session_create();
	struct lttng_rate_policy *every = lttng_rate_policy_every_n_create(2);
	unsigned int n = 99;

	printf("== lists\n");
	printf("type %d\n", lttng_action_get_type(list));
	print_action("  new ", list);
	printf("add NULL=%d to NULL=%d list=%d to notify=%d\n", lttng_action_list_add_action(list, NULL),
	       lttng_action_list_add_action(NULL, notify), lttng_action_list_add_action(list, inner),
	       lttng_action_list_add_action(notify, start));
	printf("add notify=%d", lttng_action_list_add_action(list, notify));
	printf(" start=%d", lttng_action_list_add_action(list, start));
	printf(" notify again=%d\n", lttng_action_list_add_action(list, notify));
	printf("get_count NULL=%d", lttng_action_list_get_count(NULL, &n));
	printf(" (count %u)", n);
	n = 99;
	printf(" on notify=%d", lttng_action_list_get_count(notify, &n));
	printf(" (count %u)\n", n);
	printf("get_at_index NULL=%s on notify=%s\n", lttng_action_list_get_at_index(NULL, 0) ? "action" : "NULL",
	       lttng_action_list_get_at_index(notify, 0) ? "action" : "NULL");
	printf("lent [0] is notify: %s, [2] is notify: %s\n",
	       lttng_action_list_get_at_index(list, 0) == notify ? "yes" : "no",
	       lttng_action_list_get_at_index(list, 2) == notify ? "yes" : "no");
	/* The list holds references: the caller's go, and later changes show. */
	lttng_action_start_session_set_session_name(start, "later");
	lttng_action_notify_set_rate_policy(notify, every);
	lttng_action_destroy(notify);
	lttng_action_destroy(start);
	lttng_action_destroy(inner);
	lttng_rate_policy_destroy(every);
	print_action("  ", list);
	lttng_action_destroy(list);
	printf("get_type NULL=%d\n", lttng_action_get_type(NULL));
	lttng_action_destroy(NULL);
}

static void notify_actions(void)
{
	struct lttng_action *a = lttng_action_notify_create();
	struct lttng_action *start = lttng_action_start_session_create();
	struct lttng_rate_policy *once = lttng_rate_policy_once_after_n_create(1);
	const struct lttng_rate_policy *p = NULL, *p2 = NULL;

	printf("== notify\n");
	printf("type %d\n", lttng_action_get_type(a));
	print_action("  new ", a);
	printf("set NULL=%d on NULL=%d on start=%d\n", lttng_action_notify_set_rate_policy(a, NULL),
	       lttng_action_notify_set_rate_policy(NULL, once),
	       lttng_action_notify_set_rate_policy(start, once));
	printf("get NULL=%d out NULL=%d on start=%d\n", lttng_action_notify_get_rate_policy(NULL, &p),
	       lttng_action_notify_get_rate_policy(a, NULL), lttng_action_notify_get_rate_policy(start, &p));
	lttng_action_notify_get_rate_policy(a, &p);
	printf("set once=%d\n", lttng_action_notify_set_rate_policy(a, once));
	lttng_action_notify_get_rate_policy(a, &p2);
	printf("replaced: %s, is a copy: %s\n", p2 != p ? "yes" : "no", p2 != once ? "yes" : "no");
	lttng_rate_policy_destroy(once);
	print_action("  ", a);
	lttng_action_destroy(a);
	lttng_action_destroy(start);
}

/* Conditions: one of each kind. */
static struct lttng_condition *condition(int kind)
{
	struct lttng_condition *c = NULL;

	switch (kind) {
	case 0:
		c = lttng_condition_buffer_usage_high_create();
		lttng_condition_buffer_usage_set_threshold_ratio(c, 0.75);
		lttng_condition_buffer_usage_set_session_name(c, "s1");
		lttng_condition_buffer_usage_set_channel_name(c, "ch");
		lttng_condition_buffer_usage_set_domain_type(c, LTTNG_DOMAIN_UST);
		break;
	case 1:
		c = lttng_condition_buffer_usage_low_create();
		lttng_condition_buffer_usage_set_threshold(c, 8192);
		lttng_condition_buffer_usage_set_session_name(c, "s1");
		lttng_condition_buffer_usage_set_channel_name(c, "ch");
		lttng_condition_buffer_usage_set_domain_type(c, LTTNG_DOMAIN_UST);
		break;
	case 2:
		c = lttng_condition_session_consumed_size_create();
		lttng_condition_session_consumed_size_set_threshold(c, 1 << 20);
		lttng_condition_session_consumed_size_set_session_name(c, "s2");
		break;
	case 3:
		c = lttng_condition_session_rotation_ongoing_create();
		lttng_condition_session_rotation_set_session_name(c, "s3");
		break;
	case 4:
		c = lttng_condition_session_rotation_completed_create();
		lttng_condition_session_rotation_set_session_name(c, "s3");
		break;
	case 5: {
		/* A user tracepoint rule with every attribute, and capture descriptors. */
		struct lttng_event_rule *r = lttng_event_rule_user_tracepoint_create();
		struct lttng_log_level_rule *l = lttng_log_level_rule_at_least_as_severe_as_create(6);

		lttng_event_rule_user_tracepoint_set_name_pattern(r, "my_app:*");
		lttng_event_rule_user_tracepoint_set_filter(r, "x > 3");
		lttng_event_rule_user_tracepoint_set_log_level_rule(r, l);
		lttng_event_rule_user_tracepoint_add_name_pattern_exclusion(r, "my_app:bad");
		c = lttng_condition_event_rule_matches_create(r);
		lttng_condition_event_rule_matches_append_capture_descriptor(
			c, lttng_event_expr_event_payload_field_create("msg"));
		lttng_condition_event_rule_matches_append_capture_descriptor(
			c, lttng_event_expr_channel_context_field_create("vpid"));
		lttng_condition_event_rule_matches_append_capture_descriptor(
			c, lttng_event_expr_array_field_element_create(
				   lttng_event_expr_event_payload_field_create("arr"), 2));
		lttng_log_level_rule_destroy(l);
		lttng_event_rule_destroy(r);
		break;
	}
	case 6: {
		/* A kernel rule: refused by a daemon without the kernel tracer. */
		struct lttng_event_rule *r = lttng_event_rule_kernel_syscall_create(
			LTTNG_EVENT_RULE_KERNEL_SYSCALL_EMISSION_SITE_ENTRY);

		lttng_event_rule_kernel_syscall_set_name_pattern(r, "open*");
		c = lttng_condition_event_rule_matches_create(r);
		lttng_event_rule_destroy(r);
		break;
	}
	case 7: {
		/* A uprobe rule: its binary's descriptor travels beside the trigger. */
		struct lttng_userspace_probe_location *loc = lttng_userspace_probe_location_function_create(
			"/bin/sh", "main", lttng_userspace_probe_location_lookup_method_function_elf_create());
		struct lttng_event_rule *r = lttng_event_rule_kernel_uprobe_create(loc);

		lttng_event_rule_kernel_uprobe_set_event_name(r, "up");
		c = lttng_condition_event_rule_matches_create(r);
		lttng_event_rule_destroy(r);
		lttng_userspace_probe_location_destroy(loc);
		break;
	}
	}
	return c;
}
/* The conditions every daemon accepts (the kernel and uprobe ones are registered apart). */
#define NCONDITIONS 6

static void trigger_objects(void)
{
	struct lttng_condition *c = condition(3);
	struct lttng_action *a = lttng_action_notify_create();
	struct lttng_trigger *t;
	const char *name = "untouched";
	uid_t uid = 4242;

	printf("== triggers\n");
	printf("create(NULL, a)=%s create(c, NULL)=%s\n", lttng_trigger_create(NULL, a) ? "trigger" : "NULL",
	       lttng_trigger_create(c, NULL) ? "trigger" : "NULL");
	t = lttng_trigger_create(c, a);
	/* The trigger holds references: the caller's may go at once. */
	printf("condition lent: %s, const: %s, action lent: %s, const: %s\n",
	       lttng_trigger_get_condition(t) == c ? "same" : "other",
	       lttng_trigger_get_const_condition(t) == c ? "same" : "other",
	       lttng_trigger_get_action(t) == a ? "same" : "other",
	       lttng_trigger_get_const_action(t) == a ? "same" : "other");
	lttng_condition_destroy(c);
	lttng_action_destroy(a);
	printf("after the caller's references went: condition type %d, action type %d\n",
	       lttng_condition_get_type(lttng_trigger_get_const_condition(t)),
	       lttng_action_get_type(lttng_trigger_get_const_action(t)));
	printf("getters on NULL: %s %s %s %s\n", lttng_trigger_get_condition(NULL) ? "x" : "NULL",
	       lttng_trigger_get_const_condition(NULL) ? "x" : "NULL",
	       lttng_trigger_get_action(NULL) ? "x" : "NULL", lttng_trigger_get_const_action(NULL) ? "x" : "NULL");
	printf("get_name=%d", lttng_trigger_get_name(t, &name));
	printf(" %s; NULL=%d out NULL=%d\n", S(name), lttng_trigger_get_name(NULL, &name),
	       lttng_trigger_get_name(t, NULL));
	printf("get_owner_uid unset=%d", lttng_trigger_get_owner_uid(t, &uid));
	printf(" (uid untouched: %s); NULL=%d out NULL=%d\n", uid == 4242 ? "yes" : "no",
	       lttng_trigger_get_owner_uid(NULL, &uid), lttng_trigger_get_owner_uid(t, NULL));
	printf("set_owner_uid NULL=%d", lttng_trigger_set_owner_uid(NULL, geteuid()));
	printf(" other=%d", lttng_trigger_set_owner_uid(t, geteuid() + 1));
	printf(" self=%d\n", lttng_trigger_set_owner_uid(t, geteuid()));
	printf("get_owner_uid=%d", lttng_trigger_get_owner_uid(t, &uid));
	printf(" is euid: %s\n", uid == geteuid() ? "yes" : "no");
	lttng_trigger_destroy(t);
	lttng_trigger_destroy(NULL);
	printf("triggers_get_count NULL=%d\n", lttng_triggers_get_count(NULL, NULL));
	lttng_triggers_destroy(NULL);
}

static void objects(void)
{
	rate_policies();
	action_paths();
	notify_actions();
	session_actions();
	snapshot_outputs();
	lists();
	trigger_objects();
}

/* ---- With a daemon ---- */

/* An action of each kind (5: a list of one of each). */
static struct lttng_action *action(int kind)
{
	struct lttng_action *a = NULL;
	struct lttng_rate_policy *p;

	switch (kind) {
	case 0:
		a = lttng_action_notify_create();
		p = lttng_rate_policy_every_n_create(3);
		lttng_action_notify_set_rate_policy(a, p);
		lttng_rate_policy_destroy(p);
		break;
	case 1:
	case 2:
	case 3:
		a = kinds[kind - 1].create();
		kinds[kind - 1].set_name(a, kind == 1 ? "s1" : kind == 2 ? "s2" : "s3");
		p = lttng_rate_policy_once_after_n_create((uint64_t) kind * 10);
		kinds[kind - 1].set_policy(a, p);
		lttng_rate_policy_destroy(p);
		break;
	case 4: {
		struct lttng_snapshot_output *o = lttng_snapshot_output_create();

		a = lttng_action_snapshot_session_create();
		lttng_action_snapshot_session_set_session_name(a, "s4");
		lttng_snapshot_output_set_name("out1", o);
		lttng_snapshot_output_set_local_path("/tmp/snap", o);
		lttng_snapshot_output_set_size(1234567, o);
		lttng_action_snapshot_session_set_output(a, o);
		break;
	}
	case 5:
		a = lttng_action_list_create();
		for (int i = 0; i < 5; i++) {
			struct lttng_action *inner = action(i);

			lttng_action_list_add_action(a, inner);
			lttng_action_destroy(inner);
		}
		{
			/* A snapshot action without output. */
			struct lttng_action *s = lttng_action_snapshot_session_create();

			lttng_action_snapshot_session_set_session_name(s, "s5");
			lttng_action_list_add_action(a, s);
			lttng_action_destroy(s);
		}
		break;
	}
	return a;
}
#define NACTIONS 6

static struct lttng_trigger *make_trigger(int condition_kind, int action_kind)
{
	struct lttng_condition *c = condition(condition_kind);
	struct lttng_action *a = action(action_kind);
	struct lttng_trigger *t = lttng_trigger_create(c, a);

	lttng_condition_destroy(c);
	lttng_action_destroy(a);
	return t;
}

static void print_results(const char *what, enum lttng_error_code ret, struct lttng_error_query_results *r)
{
	unsigned int n = 0;

	printf("  %s: %d", what, (int) ret);
	if (ret != LTTNG_OK) {
		printf("\n");
		return;
	}
	lttng_error_query_results_get_count(r, &n);
	printf(", %u results\n", n);
	for (unsigned int i = 0; i < n; i++) {
		const struct lttng_error_query_result *res = NULL;
		const char *name = NULL, *desc = NULL;
		uint64_t v = 0;

		lttng_error_query_results_get_result(r, &res, i);
		printf("    [%u] type %d, name %d", i, lttng_error_query_result_get_type(res),
		       lttng_error_query_result_get_name(res, &name));
		printf(" %s, description %d", S(name), lttng_error_query_result_get_description(res, &desc));
		printf(" %s, value %d", S(desc), lttng_error_query_result_counter_get_value(res, &v));
		printf(" %" PRIu64 "\n", v);
	}
	lttng_error_query_results_destroy(r);
}

static void queries(const struct lttng_trigger *t)
{
	struct lttng_error_query_results *r = NULL;
	struct lttng_error_query *q;
	enum lttng_error_code ret;

	q = lttng_error_query_trigger_create(t);
	ret = lttng_error_query_execute(q, lttng_session_daemon_command_endpoint, &r);
	print_results("trigger query", ret, r);
	lttng_error_query_destroy(q);
	q = lttng_error_query_condition_create(t);
	ret = lttng_error_query_execute(q, lttng_session_daemon_command_endpoint, &r);
	print_results("condition query", ret, r);
	lttng_error_query_destroy(q);
	if (lttng_action_get_type(lttng_trigger_get_const_action(t)) == LTTNG_ACTION_TYPE_LIST) {
		unsigned int n = 0;

		lttng_action_list_get_count(lttng_trigger_get_const_action(t), &n);
		for (uint64_t i = 0; i <= n; i++) {
			struct lttng_action_path *p = lttng_action_path_create(&i, 1);
			char what[64];

			q = lttng_error_query_action_create(t, p);
			snprintf(what, sizeof(what), "action [%" PRIu64 "] query", i);
			if (!q) {
				printf("  %s: NULL\n", what);
			} else {
				ret = lttng_error_query_execute(q, lttng_session_daemon_command_endpoint, &r);
				print_results(what, ret, r);
			}
			lttng_error_query_destroy(q);
			lttng_action_path_destroy(p);
		}
	} else {
		/*
		 * The empty path names a single action, but upstream's query aborts copying an
		 * empty path (lttng_action_path_copy reads its element 0): not asked here.
		 */
		const uint64_t zero = 0;
		struct lttng_action_path *bad = lttng_action_path_create(&zero, 1);

		q = lttng_error_query_action_create(t, bad);
		printf("  action [0] query of a single action: %s\n", q ? "query" : "NULL");
		lttng_error_query_destroy(q);
		lttng_action_path_destroy(bad);
	}
}

static int by_name(const void *a, const void *b)
{
	const struct lttng_trigger *ta = *(const struct lttng_trigger *const *) a;
	const struct lttng_trigger *tb = *(const struct lttng_trigger *const *) b;
	const char *na = NULL, *nb = NULL;

	lttng_trigger_get_name(ta, &na);
	lttng_trigger_get_name(tb, &nb);
	return strcmp(na ? na : "", nb ? nb : "");
}

static void print_condition(const struct lttng_condition *c)
{
	const char *session = NULL, *channel = NULL;
	enum lttng_domain_type domain = LTTNG_DOMAIN_NONE;
	uint64_t bytes = 0;
	double ratio = 0;

	printf("    condition: type %d", lttng_condition_get_type(c));
	switch (lttng_condition_get_type(c)) {
	case LTTNG_CONDITION_TYPE_BUFFER_USAGE_HIGH:
	case LTTNG_CONDITION_TYPE_BUFFER_USAGE_LOW:
		lttng_condition_buffer_usage_get_session_name(c, &session);
		lttng_condition_buffer_usage_get_channel_name(c, &channel);
		lttng_condition_buffer_usage_get_domain_type(c, &domain);
		if (lttng_condition_buffer_usage_get_threshold(c, &bytes) == LTTNG_CONDITION_STATUS_OK)
			printf(" bytes %" PRIu64, bytes);
		if (lttng_condition_buffer_usage_get_threshold_ratio(c, &ratio) == LTTNG_CONDITION_STATUS_OK)
			printf(" ratio %g", ratio);
		printf(" session %s channel %s domain %d", S(session), S(channel), domain);
		break;
	case LTTNG_CONDITION_TYPE_SESSION_CONSUMED_SIZE:
		lttng_condition_session_consumed_size_get_session_name(c, &session);
		lttng_condition_session_consumed_size_get_threshold(c, &bytes);
		printf(" bytes %" PRIu64 " session %s", bytes, S(session));
		break;
	case LTTNG_CONDITION_TYPE_SESSION_ROTATION_ONGOING:
	case LTTNG_CONDITION_TYPE_SESSION_ROTATION_COMPLETED:
		lttng_condition_session_rotation_get_session_name(c, &session);
		printf(" session %s", S(session));
		break;
	case LTTNG_CONDITION_TYPE_EVENT_RULE_MATCHES: {
		const struct lttng_event_rule *r = NULL;
		unsigned int n = 0;
		const char *pattern = NULL, *filter = NULL;

		lttng_condition_event_rule_matches_get_rule(c, &r);
		lttng_condition_event_rule_matches_get_capture_descriptor_count(c, &n);
		printf(" rule type %d", lttng_event_rule_get_type(r));
		if (lttng_event_rule_get_type(r) == LTTNG_EVENT_RULE_TYPE_USER_TRACEPOINT) {
			lttng_event_rule_user_tracepoint_get_name_pattern(r, &pattern);
			lttng_event_rule_user_tracepoint_get_filter(r, &filter);
			printf(" pattern %s filter %s", S(pattern), S(filter));
		}
		printf(" captures %u", n);
		break;
	}
	default:
		break;
	}
	printf("\n");
}

static void list_triggers(void)
{
	struct lttng_triggers *set = NULL;
	enum lttng_error_code ret = lttng_list_triggers(&set);
	unsigned int n = 0;
	const struct lttng_trigger **sorted;

	printf("list: %d", (int) ret);
	if (ret != LTTNG_OK) {
		printf("\n");
		return;
	}
	printf(", count %d", lttng_triggers_get_count(set, &n));
	printf(" %u; [%u]: %s\n", n, n, lttng_triggers_get_at_index(set, n) ? "trigger" : "NULL");
	sorted = calloc(n + 1, sizeof(*sorted));
	for (unsigned int i = 0; i < n; i++)
		sorted[i] = lttng_triggers_get_at_index(set, i);
	qsort(sorted, n, sizeof(*sorted), by_name);
	for (unsigned int i = 0; i < n; i++) {
		const struct lttng_trigger *t = sorted[i];
		const char *name = NULL;
		uid_t uid = 0;
		enum lttng_trigger_status st = lttng_trigger_get_name(t, &name);

		printf("  trigger %d %s, owner %d", st, S(name), lttng_trigger_get_owner_uid(t, &uid));
		printf(" is euid: %s\n", uid == geteuid() ? "yes" : "no");
		print_condition(lttng_trigger_get_const_condition(t));
		print_action("    ", lttng_trigger_get_const_action(t));
		queries(t);
	}
	free(sorted);
	lttng_triggers_destroy(set);
}

static void daemon_calls(int with_uprobe)
{
	struct lttng_trigger *reg[NCONDITIONS * NACTIONS] = { 0 };
	int n = 0;
	char name[64];
	const char *got = NULL;
	enum lttng_trigger_status st;

	printf("== registration\n");
	/* Every action kind with the first condition, every condition kind with a list. */
	for (int a = 0; a < NACTIONS; a++) {
		struct lttng_trigger *t = make_trigger(0, a);

		snprintf(name, sizeof(name), "T_action%d", a);
		printf("register %s: %d", name, (int) lttng_register_trigger_with_name(t, name));
		st = lttng_trigger_get_name(t, &got);
		printf(", name %d %s\n", st, S(got));
		reg[n++] = t;
	}
	for (int c = 1; c < NCONDITIONS; c++) {
		struct lttng_trigger *t = make_trigger(c, 5);

		snprintf(name, sizeof(name), "T_condition%d", c);
		printf("register %s: %d\n", name, (int) lttng_register_trigger_with_name(t, name));
		reg[n++] = t;
	}
	{
		/* A kernel rule on a daemon without the kernel tracer. */
		struct lttng_trigger *t = make_trigger(6, 0);

		printf("register a kernel trigger: %d", (int) lttng_register_trigger_with_name(t, "T_kernel"));
		st = lttng_trigger_get_name(t, &got);
		printf(", name %d %s\n", st, S(got));
		lttng_trigger_destroy(t);
	}
	if (with_uprobe) {
		/* Only against the stand-in: a real daemon without the kernel tracer answers
		 * before it reads the descriptor, and the real library then dies of SIGPIPE. */
		struct lttng_trigger *t = make_trigger(7, 0);

		printf("register a uprobe trigger: %d\n", (int) lttng_register_trigger_with_name(t, "T_uprobe"));
		reg[n++] = t;
	}
	{
		/* The daemon names it; the name is copied back. */
		struct lttng_trigger *t = make_trigger(3, 0);

		printf("register automatic: %d", (int) lttng_register_trigger_with_automatic_name(t));
		st = lttng_trigger_get_name(t, &got);
		printf(", name %d %s\n", st, S(got));
		printf("register again: %d\n", (int) lttng_register_trigger_with_automatic_name(t));
		reg[n++] = t;
	}
	{
		/* Anonymous (deprecated): no name afterwards. */
		struct lttng_trigger *t = make_trigger(4, 0);
		uid_t uid = 0;

		printf("register anonymous: %d", lttng_register_trigger(t));
		st = lttng_trigger_get_name(t, &got);
		printf(", name %d %s", st, S(got));
		printf(", owner %d", lttng_trigger_get_owner_uid(t, &uid));
		printf(" is euid: %s\n", uid == geteuid() ? "yes" : "no");
		reg[n++] = t;
	}
	{
		/* A registered trigger again: refused locally. */
		printf("register T_action0 again: %d", (int) lttng_register_trigger_with_name(reg[0], "T_action0"));
		printf(", as other: %d\n", (int) lttng_register_trigger_with_name(reg[0], "other"));
		printf("register_trigger of a named one: %d\n", lttng_register_trigger(reg[0]));
	}
	{
		/* Another trigger under a name in use: the daemon refuses; the name is unset. */
		struct lttng_trigger *t = make_trigger(0, 0);

		printf("register a duplicate name: %d", (int) lttng_register_trigger_with_name(t, "T_action1"));
		st = lttng_trigger_get_name(t, &got);
		printf(", name %d %s\n", st, S(got));
		lttng_trigger_destroy(t);
	}
	{
		/* Invalid triggers: refused before any exchange, name unset again. */
		struct lttng_condition *c = condition(2);
		struct lttng_action *a = lttng_action_stop_session_create();
		struct lttng_trigger *t = lttng_trigger_create(c, a);
		struct lttng_action *list = lttng_action_list_create();
		struct lttng_trigger *t2;
		struct lttng_snapshot_output *o = lttng_snapshot_output_create();
		struct lttng_action *snap = lttng_action_snapshot_session_create();
		struct lttng_trigger *t3;

		printf("register invalid (no session name): %d", (int) lttng_register_trigger_with_name(t, "bad"));
		st = lttng_trigger_get_name(t, &got);
		printf(", name %d %s\n", st, S(got));
		lttng_action_list_add_action(list, a);
		t2 = lttng_trigger_create(c, list);
		printf("register a list holding it: %d\n", (int) lttng_register_trigger_with_automatic_name(t2));
		/* An output without control URL. */
		lttng_snapshot_output_set_name("no-url", o);
		lttng_action_snapshot_session_set_session_name(snap, "s1");
		lttng_action_snapshot_session_set_output(snap, o);
		t3 = lttng_trigger_create(c, snap);
		printf("register a snapshot without URL: %d\n", lttng_register_trigger(t3));
		printf("unregister it: %d\n", lttng_unregister_trigger(t3));
		/* Completing it afterwards makes it valid: the trigger shares the action. */
		lttng_action_stop_session_set_session_name(a, "s9");
		printf("register after the fix: %d\n", (int) lttng_register_trigger_with_name(t, "fixed"));
		printf("unregister it: %d\n", lttng_unregister_trigger(t));
		printf("unregister it again: %d\n", lttng_unregister_trigger(t));
		lttng_trigger_destroy(t);
		lttng_trigger_destroy(t2);
		lttng_trigger_destroy(t3);
		lttng_condition_destroy(c);
		lttng_action_destroy(a);
		lttng_action_destroy(list);
		lttng_action_destroy(snap);
	}
	printf("register NULL: %d %d %d, unregister NULL: %d\n", (int) lttng_register_trigger_with_name(NULL, "x"),
	       (int) lttng_register_trigger_with_automatic_name(NULL), lttng_register_trigger(NULL),
	       lttng_unregister_trigger(NULL));

	printf("== error queries\n");
	{
		struct lttng_error_query_results *r = NULL;
		struct lttng_trigger *fresh = make_trigger(0, 0);
		struct lttng_error_query *q = lttng_error_query_condition_create(fresh);
		struct lttng_error_query *q2 = lttng_error_query_trigger_create(reg[0]);
		const struct lttng_error_query_result *res = NULL;
		unsigned int count = 0;

		printf("query of an unregistered trigger: %d\n",
		       (int) lttng_error_query_execute(q, lttng_session_daemon_command_endpoint, &r));
		printf("wrong endpoint: %d, NULL query: %d, NULL results: %d\n",
		       (int) lttng_error_query_execute(q2, lttng_session_daemon_notification_endpoint, &r),
		       (int) lttng_error_query_execute(NULL, lttng_session_daemon_command_endpoint, &r),
		       (int) lttng_error_query_execute(q2, lttng_session_daemon_command_endpoint, NULL));
		printf("create NULL: %s %s %s\n", lttng_error_query_trigger_create(NULL) ? "q" : "NULL",
		       lttng_error_query_condition_create(NULL) ? "q" : "NULL",
		       lttng_error_query_action_create(reg[0], NULL) ? "q" : "NULL");
		printf("execute=%d", (int) lttng_error_query_execute(q2, lttng_session_daemon_command_endpoint, &r));
		printf(" get_count NULL=%d out NULL=%d count=%d", lttng_error_query_results_get_count(NULL, &count),
		       lttng_error_query_results_get_count(r, NULL), lttng_error_query_results_get_count(r, &count));
		printf(" %u, get_result past=%d NULL=%d out NULL=%d\n", count,
		       lttng_error_query_results_get_result(r, &res, count),
		       lttng_error_query_results_get_result(NULL, &res, 0),
		       lttng_error_query_results_get_result(r, NULL, 0));
		printf("result getters on NULL: %d %d %d %d\n", lttng_error_query_result_get_type(NULL),
		       lttng_error_query_result_get_name(NULL, &got),
		       lttng_error_query_result_get_description(NULL, &got),
		       lttng_error_query_result_counter_get_value(NULL, NULL));
		lttng_error_query_results_destroy(r);
		lttng_error_query_results_destroy(NULL);
		lttng_error_query_destroy(q);
		lttng_error_query_destroy(q2);
		lttng_error_query_destroy(NULL);
		lttng_trigger_destroy(fresh);
	}

	printf("== listing\n");
	list_triggers();

	printf("== unregistration\n");
	for (int i = 0; i < n; i++) {
		const char *tn = NULL;

		lttng_trigger_get_name(reg[i], &tn);
		printf("unregister %s: %d", S(tn), lttng_unregister_trigger(reg[i]));
		printf(", again: %d\n", lttng_unregister_trigger(reg[i]));
		lttng_trigger_destroy(reg[i]);
	}
	list_triggers();
}

int main(int argc, char **argv)
{
	check_lib();
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 1 && strcmp(argv[1], "objects") == 0) {
		objects();
	} else if (argc > 1 && strcmp(argv[1], "daemon") == 0) {
		daemon_calls(argc > 2 && strcmp(argv[2], "uprobe") == 0);
	} else {
		fprintf(stderr, "usage: triggers_api objects|daemon\n");
		return 2;
	}
	return 0;
}
