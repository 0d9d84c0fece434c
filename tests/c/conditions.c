/*
 * Conditions (the lttng/condition headers), capture descriptors (lttng/event-expr.h), and what the
 * C API lets a program do with evaluations and captured values without a notification
 * (NULL arguments): every condition and expression kind built, every attribute read back
 * through every getter (those of the other kinds included: wrong type), NULL and
 * out-of-range arguments, ownership transfers, everything destroyed. Run on the real
 * library and on ours (tests/conditions.rs): the outputs must be identical.
 *
 * Usage: conditions [ours]   ("ours": what only our library survives)
 */
#include <inttypes.h>
#include <limits.h>
#include <lttng/lttng.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check_lib.h"

static const char *str(const char *s)
{
	return s ? s : "(NULL)";
}

static void print_double(const char *label, int status, double v)
{
	if (isnan(v)) {
		printf(" %s=%d:nan", label, status);
	} else {
		printf(" %s=%d:%g", label, status, v);
	}
}

/* Every condition getter on `c`, whatever its type. */
static void dump_condition(const char *what, const struct lttng_condition *c,
			   const struct lttng_event_rule *expected_rule)
{
	double ratio = -1;
	uint64_t bytes = 42;
	const char *name = "(untouched)";
	enum lttng_domain_type domain = (enum lttng_domain_type) 77;
	int st;

	printf("%s: type=%d\n", what, lttng_condition_get_type(c));

	printf("  buffer_usage:");
	st = lttng_condition_buffer_usage_get_threshold_ratio(c, &ratio);
	print_double("ratio", st, ratio);
	st = lttng_condition_buffer_usage_get_threshold(c, &bytes);
	printf(" bytes=%d:%" PRIu64, st, bytes);
	st = lttng_condition_buffer_usage_get_session_name(c, &name);
	printf(" session=%d:%s", st, str(name));
	name = "(untouched)";
	st = lttng_condition_buffer_usage_get_channel_name(c, &name);
	printf(" channel=%d:%s", st, str(name));
	st = lttng_condition_buffer_usage_get_domain_type(c, &domain);
	printf(" domain=%d:%d\n", st, (int) domain);
	printf("  buffer_usage NULL out: %d %d %d %d %d\n",
	       lttng_condition_buffer_usage_get_threshold_ratio(c, NULL),
	       lttng_condition_buffer_usage_get_threshold(c, NULL),
	       lttng_condition_buffer_usage_get_session_name(c, NULL),
	       lttng_condition_buffer_usage_get_channel_name(c, NULL),
	       lttng_condition_buffer_usage_get_domain_type(c, NULL));

	bytes = 42;
	name = "(untouched)";
	st = lttng_condition_session_consumed_size_get_threshold(c, &bytes);
	printf("  consumed_size: threshold=%d:%" PRIu64, st, bytes);
	st = lttng_condition_session_consumed_size_get_session_name(c, &name);
	printf(" session=%d:%s", st, str(name));
	printf(" NULL out: %d %d\n", lttng_condition_session_consumed_size_get_threshold(c, NULL),
	       lttng_condition_session_consumed_size_get_session_name(c, NULL));

	name = "(untouched)";
	st = lttng_condition_session_rotation_get_session_name(c, &name);
	printf("  rotation: session=%d:%s NULL out: %d\n", st, str(name),
	       lttng_condition_session_rotation_get_session_name(c, NULL));

	const struct lttng_event_rule *rule = (const void *) &st;
	unsigned int count = 4242;
	st = lttng_condition_event_rule_matches_get_rule(c, &rule);
	printf("  event_rule_matches: rule=%d:%s", st,
	       rule == (const void *) &st ? "(untouched)" :
	       !rule			   ? "NULL" :
	       rule == expected_rule	   ? "the rule" :
					     "another rule");
	st = lttng_condition_event_rule_matches_get_capture_descriptor_count(c, &count);
	printf(" count=%d:%u", st, count);
	printf(" count NULL out=%d",
	       lttng_condition_event_rule_matches_get_capture_descriptor_count(c, NULL));
	printf(" at(0)=%s at(UINT_MAX)=%s\n",
	       lttng_condition_event_rule_matches_get_capture_descriptor_at_index(c, 0) ? "expr" :
											 "NULL",
	       lttng_condition_event_rule_matches_get_capture_descriptor_at_index(c, UINT_MAX) ?
		       "expr" :
		       "NULL");
}

/* Every setter, with valid and invalid values, on `c` (of any type). */
static void set_all(const char *what, struct lttng_condition *c)
{
	printf("%s setters:\n", what);
	printf("  ratio -0.1=%d 1.0001=%d nan=%d 1=%d 0=%d 0.75=%d\n",
	       lttng_condition_buffer_usage_set_threshold_ratio(c, -0.1),
	       lttng_condition_buffer_usage_set_threshold_ratio(c, 1.0001),
	       lttng_condition_buffer_usage_set_threshold_ratio(c, NAN),
	       lttng_condition_buffer_usage_set_threshold_ratio(c, 1.0),
	       lttng_condition_buffer_usage_set_threshold_ratio(c, 0.0),
	       lttng_condition_buffer_usage_set_threshold_ratio(c, 0.75));
	printf("  session NULL=%d empty=%d s1=%d\n",
	       lttng_condition_buffer_usage_set_session_name(c, NULL),
	       lttng_condition_buffer_usage_set_session_name(c, ""),
	       lttng_condition_buffer_usage_set_session_name(c, "s1"));
	printf("  channel NULL=%d empty=%d ch=%d\n",
	       lttng_condition_buffer_usage_set_channel_name(c, NULL),
	       lttng_condition_buffer_usage_set_channel_name(c, ""),
	       lttng_condition_buffer_usage_set_channel_name(c, "ch"));
	printf("  domain NONE=%d UST=%d\n",
	       lttng_condition_buffer_usage_set_domain_type(c, LTTNG_DOMAIN_NONE),
	       lttng_condition_buffer_usage_set_domain_type(c, LTTNG_DOMAIN_UST));
	printf("  consumed threshold=%d session NULL=%d empty=%d cs=%d\n",
	       lttng_condition_session_consumed_size_set_threshold(c, 1 << 20),
	       lttng_condition_session_consumed_size_set_session_name(c, NULL),
	       lttng_condition_session_consumed_size_set_session_name(c, ""),
	       lttng_condition_session_consumed_size_set_session_name(c, "cs"));
	printf("  rotation session NULL=%d empty=%d rot=%d\n",
	       lttng_condition_session_rotation_set_session_name(c, NULL),
	       lttng_condition_session_rotation_set_session_name(c, ""),
	       lttng_condition_session_rotation_set_session_name(c, "rot"));
	struct lttng_event_expr *e = lttng_event_expr_event_payload_field_create("f");
	int st = lttng_condition_event_rule_matches_append_capture_descriptor(c, e);

	printf("  append_capture_descriptor=%d\n", st);
	if (st != LTTNG_CONDITION_STATUS_OK) {
		/* Still the caller's. */
		lttng_event_expr_destroy(e);
	}
}

static void buffer_usage(int high)
{
	const char *what = high ? "buffer_usage_high" : "buffer_usage_low";
	struct lttng_condition *c = high ? lttng_condition_buffer_usage_high_create() :
					   lttng_condition_buffer_usage_low_create();

	CHECK(c, "%s_create", what);
	dump_condition(what, c, NULL);
	set_all(what, c);
	dump_condition(what, c, NULL);

	/* A threshold in bytes replaces the ratio, and the reverse; names are replaced. */
	printf("  set_threshold 0=%d\n", lttng_condition_buffer_usage_set_threshold(c, 0));
	printf("  set_threshold max=%d\n", lttng_condition_buffer_usage_set_threshold(c, UINT64_MAX));
	printf("  session s2=%d channel ch2=%d domain 99=%d\n",
	       lttng_condition_buffer_usage_set_session_name(c, "s2"),
	       lttng_condition_buffer_usage_set_channel_name(c, "ch2"),
	       lttng_condition_buffer_usage_set_domain_type(c, (enum lttng_domain_type) 99));
	dump_condition(what, c, NULL);
	printf("  ratio nan=%d\n", lttng_condition_buffer_usage_set_threshold_ratio(c, NAN));
	dump_condition(what, c, NULL);
	lttng_condition_destroy(c);
}

static void consumed_size(void)
{
	struct lttng_condition *c = lttng_condition_session_consumed_size_create();

	CHECK(c, "consumed_size_create");
	dump_condition("consumed_size", c, NULL);
	set_all("consumed_size", c);
	dump_condition("consumed_size", c, NULL);
	printf("  threshold 0=%d session cs2=%d\n",
	       lttng_condition_session_consumed_size_set_threshold(c, 0),
	       lttng_condition_session_consumed_size_set_session_name(c, "cs2"));
	dump_condition("consumed_size", c, NULL);
	lttng_condition_destroy(c);
}

static void rotation(int completed)
{
	const char *what = completed ? "rotation_completed" : "rotation_ongoing";
	struct lttng_condition *c = completed ? lttng_condition_session_rotation_completed_create() :
						lttng_condition_session_rotation_ongoing_create();

	CHECK(c, "%s_create", what);
	dump_condition(what, c, NULL);
	set_all(what, c);
	dump_condition(what, c, NULL);
	lttng_condition_destroy(c);
}

/* Every expression getter on `e`, whatever its kind. */
static void dump_expr(const char *what, const struct lttng_event_expr *e)
{
	unsigned int index = 4242;
	int st = lttng_event_expr_array_field_element_get_index(e, &index);
	const struct lttng_event_expr *parent = lttng_event_expr_array_field_element_get_parent_expr(e);

	printf("%s: type=%d payload=%s channel=%s app=%s:%s index=%d:%u index NULL out=%d parent=%s\n",
	       what, lttng_event_expr_get_type(e),
	       str(lttng_event_expr_event_payload_field_get_name(e)),
	       str(lttng_event_expr_channel_context_field_get_name(e)),
	       str(lttng_event_expr_app_specific_context_field_get_provider_name(e)),
	       str(lttng_event_expr_app_specific_context_field_get_type_name(e)), st, index,
	       lttng_event_expr_array_field_element_get_index(e, NULL), parent ? "expr" : "NULL");
	if (parent) {
		dump_expr("  parent", parent);
	}
}

static void expressions(void)
{
	struct lttng_event_expr *payload = lttng_event_expr_event_payload_field_create("next_prio");
	struct lttng_event_expr *empty = lttng_event_expr_event_payload_field_create("");
	struct lttng_event_expr *channel = lttng_event_expr_channel_context_field_create("vpid");
	struct lttng_event_expr *app = lttng_event_expr_app_specific_context_field_create("prov", "ctx");

	CHECK(payload && empty && channel && app, "expression constructors");
	printf("create NULL: payload=%s channel=%s app=%s/%s/%s element=%s\n",
	       lttng_event_expr_event_payload_field_create(NULL) ? "expr" : "NULL",
	       lttng_event_expr_channel_context_field_create(NULL) ? "expr" : "NULL",
	       lttng_event_expr_app_specific_context_field_create(NULL, "t") ? "expr" : "NULL",
	       lttng_event_expr_app_specific_context_field_create("p", NULL) ? "expr" : "NULL",
	       lttng_event_expr_app_specific_context_field_create(NULL, NULL) ? "expr" : "NULL",
	       lttng_event_expr_array_field_element_create(NULL, 0) ? "expr" : "NULL");
	dump_expr("NULL", NULL);
	dump_expr("payload", payload);
	dump_expr("empty payload", empty);
	dump_expr("channel", channel);
	dump_expr("app", app);

	/* Array elements take over their parent. */
	struct lttng_event_expr *arr = lttng_event_expr_event_payload_field_create("arr");
	struct lttng_event_expr *elem = lttng_event_expr_array_field_element_create(arr, 3);
	struct lttng_event_expr *nested = lttng_event_expr_array_field_element_create(elem, UINT_MAX);
	struct lttng_event_expr *app_elem = lttng_event_expr_array_field_element_create(
		lttng_event_expr_app_specific_context_field_create("p", "t"), 0);

	CHECK(elem && nested && app_elem, "array element constructors");
	printf("parent of nested is elem: %s; parent of elem is arr: %s\n",
	       lttng_event_expr_array_field_element_get_parent_expr(nested) == elem ? "yes" : "no",
	       lttng_event_expr_array_field_element_get_parent_expr(elem) == arr ? "yes" : "no");
	dump_expr("nested", nested);
	dump_expr("app element", app_elem);

	/* Equality. */
	struct lttng_event_expr *payload2 = lttng_event_expr_event_payload_field_create("next_prio");
	struct lttng_event_expr *other = lttng_event_expr_event_payload_field_create("prev_prio");
	struct lttng_event_expr *channel2 = lttng_event_expr_channel_context_field_create("next_prio");
	struct lttng_event_expr *app2 = lttng_event_expr_app_specific_context_field_create("prov", "ctx");
	struct lttng_event_expr *app3 = lttng_event_expr_app_specific_context_field_create("prov", "other");
	struct lttng_event_expr *app4 = lttng_event_expr_app_specific_context_field_create("other", "ctx");
	struct lttng_event_expr *nested2 = lttng_event_expr_array_field_element_create(
		lttng_event_expr_array_field_element_create(
			lttng_event_expr_event_payload_field_create("arr"), 3),
		UINT_MAX);
	struct lttng_event_expr *nested3 = lttng_event_expr_array_field_element_create(
		lttng_event_expr_array_field_element_create(
			lttng_event_expr_event_payload_field_create("arr"), 4),
		UINT_MAX);
	struct lttng_event_expr *nested4 = lttng_event_expr_array_field_element_create(
		lttng_event_expr_array_field_element_create(
			lttng_event_expr_event_payload_field_create("arr2"), 3),
		UINT_MAX);

	printf("equal: NULL,NULL=%d NULL,e=%d e,NULL=%d self=%d same=%d other name=%d other kind=%d\n",
	       lttng_event_expr_is_equal(NULL, NULL), lttng_event_expr_is_equal(NULL, payload),
	       lttng_event_expr_is_equal(payload, NULL), lttng_event_expr_is_equal(payload, payload),
	       lttng_event_expr_is_equal(payload, payload2),
	       lttng_event_expr_is_equal(payload, other),
	       lttng_event_expr_is_equal(payload, channel2));
	printf("equal: app same=%d other type=%d other provider=%d nested same=%d other index=%d "
	       "other parent=%d nested vs elem=%d\n",
	       lttng_event_expr_is_equal(app, app2), lttng_event_expr_is_equal(app, app3),
	       lttng_event_expr_is_equal(app, app4), lttng_event_expr_is_equal(nested, nested2),
	       lttng_event_expr_is_equal(nested, nested3),
	       lttng_event_expr_is_equal(nested, nested4),
	       lttng_event_expr_is_equal(nested, lttng_event_expr_array_field_element_get_parent_expr(nested)));

	struct lttng_event_expr *all[] = { payload, empty, channel, app, nested, app_elem, payload2,
					   other, channel2, app2, app3, app4, nested2, nested3,
					   nested4 };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		lttng_event_expr_destroy(all[i]);
	}
	lttng_event_expr_destroy(NULL);
}

static void evaluations_and_values(void)
{
	double ratio = -1;
	uint64_t u = 42;
	int64_t i = 42;
	const struct lttng_trace_archive_location *location = NULL;
	const struct lttng_event_field_value *value = NULL;
	const char *s = "(untouched)";
	unsigned int length = 4242;

	printf("evaluation NULL: type=%d ratio=%d usage=%d consumed=%d id=%d location=%d "
	       "captured=%d\n",
	       lttng_evaluation_get_type(NULL),
	       lttng_evaluation_buffer_usage_get_usage_ratio(NULL, &ratio),
	       lttng_evaluation_buffer_usage_get_usage(NULL, &u),
	       lttng_evaluation_session_consumed_size_get_consumed_size(NULL, &u),
	       lttng_evaluation_session_rotation_get_id(NULL, &u),
	       lttng_evaluation_session_rotation_completed_get_location(NULL, &location),
	       lttng_evaluation_event_rule_matches_get_captured_values(NULL, &value));
	printf("evaluation NULL, NULL out: ratio=%d usage=%d consumed=%d id=%d location=%d "
	       "captured=%d\n",
	       lttng_evaluation_buffer_usage_get_usage_ratio(NULL, NULL),
	       lttng_evaluation_buffer_usage_get_usage(NULL, NULL),
	       lttng_evaluation_session_consumed_size_get_consumed_size(NULL, NULL),
	       lttng_evaluation_session_rotation_get_id(NULL, NULL),
	       lttng_evaluation_session_rotation_completed_get_location(NULL, NULL),
	       lttng_evaluation_event_rule_matches_get_captured_values(NULL, NULL));
	lttng_evaluation_destroy(NULL);
	printf("field value NULL: type=%d uint=%d int=%d real=%d string=%d length=%d element=%d\n",
	       lttng_event_field_value_get_type(NULL),
	       lttng_event_field_value_unsigned_int_get_value(NULL, &u),
	       lttng_event_field_value_signed_int_get_value(NULL, &i),
	       lttng_event_field_value_real_get_value(NULL, &ratio),
	       lttng_event_field_value_string_get_value(NULL, &s),
	       lttng_event_field_value_array_get_length(NULL, &length),
	       lttng_event_field_value_array_get_element_at_index(NULL, 0, &value));
	printf("field value NULL, NULL out: uint=%d int=%d real=%d string=%d length=%d element=%d\n",
	       lttng_event_field_value_unsigned_int_get_value(NULL, NULL),
	       lttng_event_field_value_signed_int_get_value(NULL, NULL),
	       lttng_event_field_value_real_get_value(NULL, NULL),
	       lttng_event_field_value_string_get_value(NULL, NULL),
	       lttng_event_field_value_array_get_length(NULL, NULL),
	       lttng_event_field_value_array_get_element_at_index(NULL, 0, NULL));
	printf("outs untouched: %s %s %" PRIu64 " %" PRId64 " %s %u\n", location ? "no" : "yes",
	       value ? "no" : "yes", u, i, s, length);
}

static void append_and_show(struct lttng_condition *c, const char *what, struct lttng_event_expr *e)
{
	int st = lttng_condition_event_rule_matches_append_capture_descriptor(c, e);

	printf("  append %s=%d\n", what, st);
	if (st != LTTNG_CONDITION_STATUS_OK) {
		lttng_event_expr_destroy(e);
	}
}

static void event_rule_matches(void)
{
	struct lttng_event_rule *rule = lttng_event_rule_user_tracepoint_create();
	const struct lttng_event_rule *got = NULL;
	const char *pattern = NULL;

	CHECK(rule, "user tracepoint rule");
	CHECK(lttng_event_rule_user_tracepoint_set_name_pattern(rule, "my_*") ==
		      LTTNG_EVENT_RULE_STATUS_OK,
	      "pattern");
	struct lttng_condition *c = lttng_condition_event_rule_matches_create(rule);

	CHECK(c, "event_rule_matches_create");
	dump_condition("event_rule_matches", c, rule);
	set_all("event_rule_matches", c);
	dump_condition("event_rule_matches", c, rule);

	/* The condition keeps its own reference on the rule. */
	lttng_event_rule_destroy(rule);
	printf("  get_rule after the caller's destroy=%d",
	       lttng_condition_event_rule_matches_get_rule(c, &got));
	printf(" type=%d", lttng_event_rule_get_type(got));
	printf(" pattern=%d:", lttng_event_rule_user_tracepoint_get_name_pattern(got, &pattern));
	printf("%s\n", str(pattern));

	append_and_show(c, "NULL", NULL);
	append_and_show(c, "payload", lttng_event_expr_event_payload_field_create("next_prio"));
	append_and_show(c, "channel", lttng_event_expr_channel_context_field_create("vpid"));
	append_and_show(c, "app", lttng_event_expr_app_specific_context_field_create("prov", "ctx"));
	append_and_show(c, "element",
			lttng_event_expr_array_field_element_create(
				lttng_event_expr_array_field_element_create(
					lttng_event_expr_event_payload_field_create("arr"), 1),
				2));

	unsigned int count = 0;

	printf("  count=%d", lttng_condition_event_rule_matches_get_capture_descriptor_count(c, &count));
	printf(":%u\n", count);
	for (unsigned int i = 0; i <= count; i++) {
		char what[32];

		snprintf(what, sizeof(what), "  descriptor %u", i);
		dump_expr(what, lttng_condition_event_rule_matches_get_capture_descriptor_at_index(c, i));
	}
	struct lttng_event_expr *same = lttng_event_expr_channel_context_field_create("vpid");

	printf("  descriptor 2 equals a new vpid: %d, descriptor 1: %d\n",
	       lttng_event_expr_is_equal(same,
		       lttng_condition_event_rule_matches_get_capture_descriptor_at_index(c, 2)),
	       lttng_event_expr_is_equal(same,
		       lttng_condition_event_rule_matches_get_capture_descriptor_at_index(c, 1)));
	lttng_event_expr_destroy(same);
	dump_condition("event_rule_matches", c, got);
	lttng_condition_destroy(c);
}

/* Which rule types can capture. */
static void capture_support(void)
{
	struct lttng_kernel_probe_location *address = lttng_kernel_probe_location_address_create(0x1000);
	struct lttng_kernel_probe_location *symbol =
		lttng_kernel_probe_location_symbol_create("do_sys_open", 16);
	struct lttng_userspace_probe_location *uprobe = lttng_userspace_probe_location_function_create(
		"/bin/true", "main", lttng_userspace_probe_location_lookup_method_function_elf_create());
	struct {
		const char *what;
		struct lttng_event_rule *rule;
	} rules[] = {
		{ "user tracepoint", lttng_event_rule_user_tracepoint_create() },
		{ "kernel tracepoint", lttng_event_rule_kernel_tracepoint_create() },
		{ "kernel syscall", lttng_event_rule_kernel_syscall_create(
					    LTTNG_EVENT_RULE_KERNEL_SYSCALL_EMISSION_SITE_ENTRY_EXIT) },
		{ "jul", lttng_event_rule_jul_logging_create() },
		{ "log4j", lttng_event_rule_log4j_logging_create() },
		{ "python", lttng_event_rule_python_logging_create() },
		{ "kprobe address", lttng_event_rule_kernel_kprobe_create(address) },
		{ "kprobe symbol", lttng_event_rule_kernel_kprobe_create(symbol) },
		{ "uprobe", lttng_event_rule_kernel_uprobe_create(uprobe) },
	};

	CHECK(address && symbol && uprobe, "probe locations");
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		CHECK(rules[i].rule, "%s rule", rules[i].what);
		struct lttng_condition *c = lttng_condition_event_rule_matches_create(rules[i].rule);
		const struct lttng_event_rule *got = NULL;
		unsigned int count = 4242;

		CHECK(c, "%s condition", rules[i].what);
		int st = lttng_condition_event_rule_matches_get_rule(c, &got);

		printf("%s: type=%d get_rule=%d:%s", rules[i].what, lttng_condition_get_type(c), st,
		       got == rules[i].rule ? "the rule" : "another");
		printf(" rule type=%d\n", lttng_event_rule_get_type(got));
		append_and_show(c, "payload", lttng_event_expr_event_payload_field_create("f"));
		append_and_show(c, "element", lttng_event_expr_array_field_element_create(
						      lttng_event_expr_channel_context_field_create("c"), 0));
		printf("  count=%d",
		       lttng_condition_event_rule_matches_get_capture_descriptor_count(c, &count));
		printf(":%u\n", count);
		/* The condition goes first here, the rule after. */
		lttng_condition_destroy(c);
		lttng_event_rule_destroy(rules[i].rule);
	}
	lttng_kernel_probe_location_destroy(address);
	lttng_kernel_probe_location_destroy(symbol);
	lttng_userspace_probe_location_destroy(uprobe);
}

/*
 * Our library only: what crashes or corrupts memory with the real one (a NULL out-parameter
 * it writes through, destructors on pointers the caller no longer owns, an expression given
 * away twice).
 */
static void beyond_upstream(void)
{
	struct lttng_event_rule *rule = lttng_event_rule_user_tracepoint_create();
	struct lttng_condition *c = lttng_condition_event_rule_matches_create(rule);
	struct lttng_event_expr *e = lttng_event_expr_event_payload_field_create("f");
	struct lttng_event_expr *parent = lttng_event_expr_event_payload_field_create("arr");
	struct lttng_event_expr *elem = lttng_event_expr_array_field_element_create(parent, 1);
	unsigned int count = 0;

	CHECK(rule && c && e && elem, "objects");
	printf("ours: get_rule NULL out=%d\n", lttng_condition_event_rule_matches_get_rule(c, NULL));
	printf("ours: append=%d", lttng_condition_event_rule_matches_append_capture_descriptor(c, e));
	lttng_event_expr_destroy(e);
	printf(" after the caller's destroy: name=%s",
	       str(lttng_event_expr_event_payload_field_get_name(e)));
	printf(" append again=%d", lttng_condition_event_rule_matches_append_capture_descriptor(c, e));
	const struct lttng_event_expr *borrowed =
		lttng_condition_event_rule_matches_get_capture_descriptor_at_index(c, 1);

	lttng_event_expr_destroy((struct lttng_event_expr *) borrowed);
	lttng_condition_event_rule_matches_get_capture_descriptor_count(c, &count);
	printf(" count=%u same=%s\n", count, borrowed == e ? "yes" : "no");
	lttng_event_expr_destroy(parent);
	printf("ours: parent after the caller's destroy: %s\n",
	       str(lttng_event_expr_event_payload_field_get_name(
		       lttng_event_expr_array_field_element_get_parent_expr(elem))));
	printf("ours: append element=%d\n",
	       lttng_condition_event_rule_matches_append_capture_descriptor(c, elem));
	lttng_event_rule_destroy(rule);
	lttng_event_rule_destroy(rule);
	lttng_condition_destroy(c);
	lttng_condition_destroy(c);
	printf("ours: destroyed twice\n");
}

int main(int argc, char **argv)
{
	check_lib();
	if (argc > 1 && strcmp(argv[1], "ours") == 0) {
		beyond_upstream();
		return 0;
	}
	setvbuf(stdout, NULL, _IONBF, 0);

	dump_condition("NULL", NULL, NULL);
	set_all("NULL", NULL);
	lttng_condition_destroy(NULL);
	printf("event_rule_matches_create(NULL)=%s\n",
	       lttng_condition_event_rule_matches_create(NULL) ? "condition" : "NULL");

	buffer_usage(1);
	buffer_usage(0);
	consumed_size();
	rotation(0);
	rotation(1);
	expressions();
	evaluations_and_values();
	event_rule_matches();
	capture_support();
	return 0;
}
