/*
 * Event rules and what they hold (lttng/event-rule/\*.h, log-level-rule.h, kernel-probe.h,
 * userspace-probe.h), without a daemon: builds every rule type, every probe location and
 * log-level rule, sets and reads back every attribute, tries the invalid cases (NULL, a
 * rule of another type, bad values) and destroys everything. Every status and every value
 * read is printed: tests/event_rules.rs runs it on the real library and on ours and
 * compares, and runs it on ours under valgrind.
 *
 * `event_rules ours-only` runs the cases where upstream crashes (an assertion or abort())
 * and where it would read freed or foreign memory; only this library can run them.
 */
#include <lttng/lttng.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lttng-ctl-rs.h"
#include "check_lib.h"

#define ST(expr) printf("%s = %d\n", #expr, (int) (expr))

static void str(const char *what, const char *s)
{
	if (s) {
		printf("%s = \"%s\"\n", what, s);
	} else {
		printf("%s = (null)\n", what);
	}
}

static const char *nul(const void *p)
{
	return p ? "non-NULL" : "NULL";
}

/* A string of n copies of c. */
static char *repeat(char c, size_t n)
{
	char *s = malloc(n + 1);

	CHECK(s, "malloc");
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

static int fd_open(int fd)
{
	return fd >= 0 && fcntl(fd, F_GETFD) != -1;
}

static void log_level_rules(void)
{
	struct lttng_log_level_rule *ex = lttng_log_level_rule_exactly_create(3);
	struct lttng_log_level_rule *al = lttng_log_level_rule_at_least_as_severe_as_create(-5);
	struct lttng_log_level_rule *big = lttng_log_level_rule_exactly_create(INT_MAX);
	int level = 42;

	printf("-- log-level rules\n");
	printf("exactly_create(3) %s, at_least_create(-5) %s\n", nul(ex), nul(al));
	ST(lttng_log_level_rule_get_type(ex));
	ST(lttng_log_level_rule_get_type(al));
	ST(lttng_log_level_rule_get_type(NULL));
	ST(lttng_log_level_rule_exactly_get_level(ex, &level));
	printf("level = %d\n", level);
	level = 42;
	ST(lttng_log_level_rule_exactly_get_level(al, &level));
	ST(lttng_log_level_rule_exactly_get_level(NULL, &level));
	ST(lttng_log_level_rule_exactly_get_level(ex, NULL));
	printf("level = %d\n", level);
	ST(lttng_log_level_rule_at_least_as_severe_as_get_level(al, &level));
	printf("level = %d\n", level);
	ST(lttng_log_level_rule_at_least_as_severe_as_get_level(ex, &level));
	ST(lttng_log_level_rule_at_least_as_severe_as_get_level(NULL, &level));
	ST(lttng_log_level_rule_at_least_as_severe_as_get_level(al, NULL));
	ST(lttng_log_level_rule_exactly_get_level(big, &level));
	printf("level = %d\n", level);
	lttng_log_level_rule_destroy(NULL);
	lttng_log_level_rule_destroy(ex);
	lttng_log_level_rule_destroy(al);
	lttng_log_level_rule_destroy(big);
}

/* Every getter family applied to a rule: the status tells which types each accepts. */
static void getters_on(const char *what, struct lttng_event_rule *r)
{
	const char *s = NULL;
	const struct lttng_log_level_rule *l = NULL;
	const struct lttng_kernel_probe_location *k = NULL;
	const struct lttng_userspace_probe_location *u = NULL;
	unsigned int count = 0;

	printf("getters on %s: type %d\n", what, (int) lttng_event_rule_get_type(r));
	printf("  pattern ut=%d kt=%d sc=%d jul=%d log4j=%d py=%d\n",
	       (int) lttng_event_rule_user_tracepoint_get_name_pattern(r, &s),
	       (int) lttng_event_rule_kernel_tracepoint_get_name_pattern(r, &s),
	       (int) lttng_event_rule_kernel_syscall_get_name_pattern(r, &s),
	       (int) lttng_event_rule_jul_logging_get_name_pattern(r, &s),
	       (int) lttng_event_rule_log4j_logging_get_name_pattern(r, &s),
	       (int) lttng_event_rule_python_logging_get_name_pattern(r, &s));
	printf("  filter ut=%d kt=%d sc=%d jul=%d log4j=%d py=%d\n",
	       (int) lttng_event_rule_user_tracepoint_get_filter(r, &s),
	       (int) lttng_event_rule_kernel_tracepoint_get_filter(r, &s),
	       (int) lttng_event_rule_kernel_syscall_get_filter(r, &s),
	       (int) lttng_event_rule_jul_logging_get_filter(r, &s),
	       (int) lttng_event_rule_log4j_logging_get_filter(r, &s),
	       (int) lttng_event_rule_python_logging_get_filter(r, &s));
	printf("  log level ut=%d jul=%d log4j=%d py=%d\n",
	       (int) lttng_event_rule_user_tracepoint_get_log_level_rule(r, &l),
	       (int) lttng_event_rule_jul_logging_get_log_level_rule(r, &l),
	       (int) lttng_event_rule_log4j_logging_get_log_level_rule(r, &l),
	       (int) lttng_event_rule_python_logging_get_log_level_rule(r, &l));
	printf("  exclusions count=%d at=%d\n",
	       (int) lttng_event_rule_user_tracepoint_get_name_pattern_exclusion_count(r, &count),
	       (int) lttng_event_rule_user_tracepoint_get_name_pattern_exclusion_at_index(r, 0, &s));
	printf("  emission site %d\n", (int) lttng_event_rule_kernel_syscall_get_emission_site(r));
	printf("  kprobe location=%d name=%d\n",
	       (int) lttng_event_rule_kernel_kprobe_get_location(r, &k),
	       (int) lttng_event_rule_kernel_kprobe_get_event_name(r, &s));
	printf("  uprobe location=%d name=%d\n",
	       (int) lttng_event_rule_kernel_uprobe_get_location(r, &u),
	       (int) lttng_event_rule_kernel_uprobe_get_event_name(r, &s));
	printf("  setters pattern ut=%d kt=%d sc=%d jul=%d log4j=%d py=%d\n",
	       (int) lttng_event_rule_user_tracepoint_set_name_pattern(r, "p"),
	       (int) lttng_event_rule_kernel_tracepoint_set_name_pattern(r, "p"),
	       (int) lttng_event_rule_kernel_syscall_set_name_pattern(r, "p"),
	       (int) lttng_event_rule_jul_logging_set_name_pattern(r, "p"),
	       (int) lttng_event_rule_log4j_logging_set_name_pattern(r, "p"),
	       (int) lttng_event_rule_python_logging_set_name_pattern(r, "p"));
	printf("  setters filter ut=%d kt=%d sc=%d jul=%d log4j=%d py=%d\n",
	       (int) lttng_event_rule_user_tracepoint_set_filter(r, "f"),
	       (int) lttng_event_rule_kernel_tracepoint_set_filter(r, "f"),
	       (int) lttng_event_rule_kernel_syscall_set_filter(r, "f"),
	       (int) lttng_event_rule_jul_logging_set_filter(r, "f"),
	       (int) lttng_event_rule_log4j_logging_set_filter(r, "f"),
	       (int) lttng_event_rule_python_logging_set_filter(r, "f"));
	{
		struct lttng_log_level_rule *ll = lttng_log_level_rule_exactly_create(1);

		printf("  setters log level ut=%d jul=%d log4j=%d py=%d\n",
		       (int) lttng_event_rule_user_tracepoint_set_log_level_rule(r, ll),
		       (int) lttng_event_rule_jul_logging_set_log_level_rule(r, ll),
		       (int) lttng_event_rule_log4j_logging_set_log_level_rule(r, ll),
		       (int) lttng_event_rule_python_logging_set_log_level_rule(r, ll));
		lttng_log_level_rule_destroy(ll);
	}
	printf("  setters exclusion=%d kprobe name=%d uprobe name=%d\n",
	       (int) lttng_event_rule_user_tracepoint_add_name_pattern_exclusion(r, "x"),
	       (int) lttng_event_rule_kernel_kprobe_set_event_name(r, "n"),
	       (int) lttng_event_rule_kernel_uprobe_set_event_name(r, "n"));
}

/* Pattern, filter (and log level rule) of a tracepoint-like rule. */
#define PATTERN_FILTER(prefix, r)                                                           \
	do {                                                                               \
		const char *s_ = NULL;                                                     \
		ST(prefix##_get_name_pattern(r, &s_));                                     \
		str("default pattern", s_);                                                \
		ST(prefix##_set_name_pattern(r, "a**b***c"));                              \
		ST(prefix##_get_name_pattern(r, &s_));                                     \
		str("pattern", s_);                                                        \
		ST(prefix##_set_name_pattern(r, "\\**x\\\\**y*"));                         \
		ST(prefix##_get_name_pattern(r, &s_));                                     \
		str("pattern", s_);                                                        \
		ST(prefix##_set_name_pattern(r, "end\\"));                                 \
		ST(prefix##_get_name_pattern(r, &s_));                                     \
		str("pattern", s_);                                                        \
		ST(prefix##_set_name_pattern(r, ""));                                      \
		ST(prefix##_set_name_pattern(r, NULL));                                    \
		ST(prefix##_set_name_pattern(NULL, "x"));                                  \
		ST(prefix##_get_name_pattern(r, NULL));                                    \
		ST(prefix##_get_name_pattern(NULL, &s_));                                  \
		ST(prefix##_set_name_pattern(r, "my_*"));                                  \
		ST(prefix##_get_name_pattern(r, &s_));                                     \
		str("pattern", s_);                                                        \
		s_ = "sentinel";                                                           \
		ST(prefix##_get_filter(r, &s_));                                           \
		str("unset filter", s_);                                                   \
		ST(prefix##_set_filter(r, ""));                                            \
		ST(prefix##_set_filter(r, NULL));                                          \
		ST(prefix##_set_filter(NULL, "x"));                                        \
		ST(prefix##_set_filter(r, "x > 3"));                                       \
		ST(prefix##_set_filter(r, "x == 1 && y != \"a\""));                        \
		ST(prefix##_get_filter(r, &s_));                                           \
		str("filter", s_);                                                         \
		ST(prefix##_get_filter(r, NULL));                                          \
		ST(prefix##_get_filter(NULL, &s_));                                        \
	} while (0)

#define LOG_LEVEL(prefix, r, low, high)                                                    \
	do {                                                                               \
		const struct lttng_log_level_rule *l_ = NULL;                              \
		struct lttng_log_level_rule *a_ = lttng_log_level_rule_exactly_create(3);  \
		struct lttng_log_level_rule *lo_ =                                         \
			lttng_log_level_rule_at_least_as_severe_as_create(low);            \
		struct lttng_log_level_rule *hi_ = lttng_log_level_rule_exactly_create(high); \
		int lv_ = 0;                                                               \
		ST(prefix##_get_log_level_rule(r, &l_));                                   \
		printf("unset log level rule: %s\n", nul(l_));                             \
		ST(prefix##_set_log_level_rule(NULL, a_));                                 \
		ST(prefix##_set_log_level_rule(r, a_));                                    \
		ST(prefix##_get_log_level_rule(r, &l_));                                   \
		printf("log level rule is a copy: %s\n", l_ && l_ != a_ ? "yes" : "no");  \
		lttng_log_level_rule_destroy(a_);                                          \
		ST(lttng_log_level_rule_get_type(l_));                                     \
		ST(lttng_log_level_rule_exactly_get_level(l_, &lv_));                      \
		printf("level = %d\n", lv_);                                               \
		ST(prefix##_set_log_level_rule(r, lo_));                                   \
		ST(prefix##_get_log_level_rule(r, &l_));                                   \
		ST(lttng_log_level_rule_get_type(l_));                                     \
		ST(lttng_log_level_rule_at_least_as_severe_as_get_level(l_, &lv_));        \
		printf("level = %d\n", lv_);                                               \
		ST(prefix##_set_log_level_rule(r, hi_));                                   \
		ST(prefix##_get_log_level_rule(r, &l_));                                   \
		ST(lttng_log_level_rule_get_type(l_));                                     \
		ST(lttng_log_level_rule_exactly_get_level(l_, &lv_));                      \
		printf("level = %d\n", lv_);                                               \
		ST(prefix##_get_log_level_rule(r, NULL));                                  \
		ST(prefix##_get_log_level_rule(NULL, &l_));                                \
		lttng_log_level_rule_destroy(lo_);                                         \
		lttng_log_level_rule_destroy(hi_);                                         \
	} while (0)

static void user_tracepoint(void)
{
	struct lttng_event_rule *r = lttng_event_rule_user_tracepoint_create();
	struct lttng_log_level_rule *bad;
	const char *s = NULL;
	unsigned int count = 99;
	char *long_name;

	printf("-- user tracepoint\n");
	CHECK(r, "user tracepoint");
	ST(lttng_event_rule_get_type(r));
	PATTERN_FILTER(lttng_event_rule_user_tracepoint, r);
	LOG_LEVEL(lttng_event_rule_user_tracepoint, r, 0, 14);
	/* Levels outside EMERG..DEBUG. */
	bad = lttng_log_level_rule_exactly_create(15);
	ST(lttng_event_rule_user_tracepoint_set_log_level_rule(r, bad));
	lttng_log_level_rule_destroy(bad);
	bad = lttng_log_level_rule_at_least_as_severe_as_create(-1);
	ST(lttng_event_rule_user_tracepoint_set_log_level_rule(r, bad));
	lttng_log_level_rule_destroy(bad);

	ST(lttng_event_rule_user_tracepoint_get_name_pattern_exclusion_count(r, &count));
	printf("count = %u\n", count);
	ST(lttng_event_rule_user_tracepoint_add_name_pattern_exclusion(r, "my_bad"));
	ST(lttng_event_rule_user_tracepoint_add_name_pattern_exclusion(r, ""));
	long_name = repeat('e', 255);
	ST(lttng_event_rule_user_tracepoint_add_name_pattern_exclusion(r, long_name));
	free(long_name);
	long_name = repeat('e', 256);
	ST(lttng_event_rule_user_tracepoint_add_name_pattern_exclusion(r, long_name));
	free(long_name);
	ST(lttng_event_rule_user_tracepoint_add_name_pattern_exclusion(r, NULL));
	ST(lttng_event_rule_user_tracepoint_add_name_pattern_exclusion(NULL, "x"));
	ST(lttng_event_rule_user_tracepoint_add_name_pattern_exclusion(r, "my_*"));
	ST(lttng_event_rule_user_tracepoint_get_name_pattern_exclusion_count(r, &count));
	printf("count = %u\n", count);
	for (unsigned int i = 0; i < count; i++) {
		ST(lttng_event_rule_user_tracepoint_get_name_pattern_exclusion_at_index(r, i, &s));
		printf("exclusion %u: %zu bytes, \"%.12s\"\n", i, strlen(s), s);
	}
	s = "sentinel";
	ST(lttng_event_rule_user_tracepoint_get_name_pattern_exclusion_at_index(r, count, &s));
	str("past the end", s);
	ST(lttng_event_rule_user_tracepoint_get_name_pattern_exclusion_at_index(r, UINT_MAX, &s));
	str("past the end", s);
	ST(lttng_event_rule_user_tracepoint_get_name_pattern_exclusion_at_index(r, 0, NULL));
	ST(lttng_event_rule_user_tracepoint_get_name_pattern_exclusion_at_index(NULL, 0, &s));
	ST(lttng_event_rule_user_tracepoint_get_name_pattern_exclusion_count(r, NULL));
	ST(lttng_event_rule_user_tracepoint_get_name_pattern_exclusion_count(NULL, &count));
	getters_on("user tracepoint", r);
	lttng_event_rule_destroy(r);
}

static void kernel_tracepoint_and_syscall(void)
{
	struct lttng_event_rule *r = lttng_event_rule_kernel_tracepoint_create();
	int sites[] = { 0, 1, 2, 3, -1 };

	printf("-- kernel tracepoint\n");
	CHECK(r, "kernel tracepoint");
	ST(lttng_event_rule_get_type(r));
	PATTERN_FILTER(lttng_event_rule_kernel_tracepoint, r);
	getters_on("kernel tracepoint", r);
	lttng_event_rule_destroy(r);

	printf("-- kernel syscall\n");
	for (size_t i = 0; i < sizeof(sites) / sizeof(sites[0]); i++) {
		r = lttng_event_rule_kernel_syscall_create(
			(enum lttng_event_rule_kernel_syscall_emission_site) sites[i]);
		printf("kernel_syscall_create(%d): %s\n", sites[i], nul(r));
		if (r) {
			ST(lttng_event_rule_kernel_syscall_get_emission_site(r));
			lttng_event_rule_destroy(r);
		}
	}
	ST(lttng_event_rule_kernel_syscall_get_emission_site(NULL));
	r = lttng_event_rule_kernel_syscall_create(LTTNG_EVENT_RULE_KERNEL_SYSCALL_EMISSION_SITE_EXIT);
	CHECK(r, "kernel syscall");
	ST(lttng_event_rule_get_type(r));
	PATTERN_FILTER(lttng_event_rule_kernel_syscall, r);
	getters_on("kernel syscall", r);
	lttng_event_rule_destroy(r);
}

static void agents(void)
{
	struct lttng_event_rule *r;

	printf("-- jul logging\n");
	r = lttng_event_rule_jul_logging_create();
	CHECK(r, "jul");
	ST(lttng_event_rule_get_type(r));
	PATTERN_FILTER(lttng_event_rule_jul_logging, r);
	LOG_LEVEL(lttng_event_rule_jul_logging, r, INT_MIN, INT_MAX);
	getters_on("jul logging", r);
	lttng_event_rule_destroy(r);

	printf("-- log4j logging\n");
	r = lttng_event_rule_log4j_logging_create();
	CHECK(r, "log4j");
	ST(lttng_event_rule_get_type(r));
	PATTERN_FILTER(lttng_event_rule_log4j_logging, r);
	LOG_LEVEL(lttng_event_rule_log4j_logging, r, -1000, 50000);
	getters_on("log4j logging", r);
	lttng_event_rule_destroy(r);

	printf("-- python logging\n");
	r = lttng_event_rule_python_logging_create();
	CHECK(r, "python");
	ST(lttng_event_rule_get_type(r));
	PATTERN_FILTER(lttng_event_rule_python_logging, r);
	LOG_LEVEL(lttng_event_rule_python_logging, r, -7, 99);
	getters_on("python logging", r);
	lttng_event_rule_destroy(r);
}

static void kernel_probes(void)
{
	struct lttng_kernel_probe_location *sym = lttng_kernel_probe_location_symbol_create("do_sys_open", 16);
	struct lttng_kernel_probe_location *addr =
		lttng_kernel_probe_location_address_create(0xffffffff81000000ULL);
	const struct lttng_kernel_probe_location *lent = NULL;
	struct lttng_event_rule *r;
	const char *s = NULL;
	uint64_t v = 7;
	char *name;

	printf("-- kernel probe locations\n");
	printf("symbol %s, address %s\n", nul(sym), nul(addr));
	printf("symbol_create(NULL, 0): %s\n", nul(lttng_kernel_probe_location_symbol_create(NULL, 0)));
	name = repeat('s', 256);
	printf("symbol_create(256 bytes): %s\n", nul(lttng_kernel_probe_location_symbol_create(name, 0)));
	free(name);
	name = repeat('s', 255);
	{
		struct lttng_kernel_probe_location *l = lttng_kernel_probe_location_symbol_create(name, 1);

		printf("symbol_create(255 bytes): %s, name of %zu bytes\n", nul(l),
		       strlen(lttng_kernel_probe_location_symbol_get_name(l)));
		lttng_kernel_probe_location_destroy(l);
	}
	free(name);
	{
		struct lttng_kernel_probe_location *l = lttng_kernel_probe_location_symbol_create("", UINT64_MAX);

		printf("symbol_create(\"\", UINT64_MAX): %s\n", nul(l));
		str("empty symbol", lttng_kernel_probe_location_symbol_get_name(l));
		ST(lttng_kernel_probe_location_symbol_get_offset(l, &v));
		printf("offset = %llu\n", (unsigned long long) v);
		lttng_kernel_probe_location_destroy(l);
	}
	ST(lttng_kernel_probe_location_get_type(sym));
	ST(lttng_kernel_probe_location_get_type(addr));
	ST(lttng_kernel_probe_location_get_type(NULL));
	str("symbol name", lttng_kernel_probe_location_symbol_get_name(sym));
	str("name of address", lttng_kernel_probe_location_symbol_get_name(addr));
	str("name of NULL", lttng_kernel_probe_location_symbol_get_name(NULL));
	ST(lttng_kernel_probe_location_symbol_get_offset(sym, &v));
	printf("offset = %llu\n", (unsigned long long) v);
	v = 7;
	ST(lttng_kernel_probe_location_symbol_get_offset(addr, &v));
	ST(lttng_kernel_probe_location_symbol_get_offset(NULL, &v));
	ST(lttng_kernel_probe_location_address_get_address(addr, &v));
	printf("address = %#llx\n", (unsigned long long) v);
	v = 7;
	ST(lttng_kernel_probe_location_address_get_address(sym, &v));
	ST(lttng_kernel_probe_location_address_get_address(NULL, &v));
	printf("v = %llu\n", (unsigned long long) v);

	printf("-- kernel kprobe\n");
	printf("kprobe_create(NULL): %s\n", nul(lttng_event_rule_kernel_kprobe_create(NULL)));
	r = lttng_event_rule_kernel_kprobe_create(sym);
	CHECK(r, "kprobe");
	ST(lttng_event_rule_get_type(r));
	ST(lttng_event_rule_kernel_kprobe_get_location(r, &lent));
	printf("location is a copy: %s\n", lent && lent != sym ? "yes" : "no");
	lttng_kernel_probe_location_destroy(sym);
	ST(lttng_kernel_probe_location_get_type(lent));
	str("copy's symbol", lttng_kernel_probe_location_symbol_get_name(lent));
	ST(lttng_kernel_probe_location_symbol_get_offset(lent, &v));
	printf("offset = %llu\n", (unsigned long long) v);
	ST(lttng_event_rule_kernel_kprobe_get_location(r, NULL));
	ST(lttng_event_rule_kernel_kprobe_get_location(NULL, &lent));
	s = "sentinel";
	ST(lttng_event_rule_kernel_kprobe_get_event_name(r, &s));
	str("unset name", s);
	ST(lttng_event_rule_kernel_kprobe_set_event_name(r, ""));
	ST(lttng_event_rule_kernel_kprobe_set_event_name(r, NULL));
	ST(lttng_event_rule_kernel_kprobe_set_event_name(NULL, "k"));
	ST(lttng_event_rule_kernel_kprobe_set_event_name(r, "first"));
	ST(lttng_event_rule_kernel_kprobe_set_event_name(r, "my**kprobe"));
	ST(lttng_event_rule_kernel_kprobe_get_event_name(r, &s));
	str("name", s);
	ST(lttng_event_rule_kernel_kprobe_get_event_name(r, NULL));
	ST(lttng_event_rule_kernel_kprobe_get_event_name(NULL, &s));
	getters_on("kernel kprobe", r);
	lttng_event_rule_destroy(r);

	r = lttng_event_rule_kernel_kprobe_create(addr);
	CHECK(r, "kprobe at an address");
	lttng_kernel_probe_location_destroy(addr);
	ST(lttng_event_rule_kernel_kprobe_get_location(r, &lent));
	ST(lttng_kernel_probe_location_get_type(lent));
	ST(lttng_kernel_probe_location_address_get_address(lent, &v));
	printf("address = %#llx\n", (unsigned long long) v);
	lttng_event_rule_destroy(r);
	lttng_kernel_probe_location_destroy(NULL);
}

static void same_file(const char *what, int fd, const char *path)
{
	struct stat a, b;

	CHECK(fd >= 0 && fstat(fd, &a) == 0 && stat(path, &b) == 0, "%s: fstat", what);
	printf("%s: fd open on the binary: %s\n", what,
	       a.st_ino == b.st_ino && a.st_dev == b.st_dev ? "yes" : "no");
}

static void userspace_probes(const char *binary)
{
	struct lttng_userspace_probe_location_lookup_method *elf =
		lttng_userspace_probe_location_lookup_method_function_elf_create();
	struct lttng_userspace_probe_location_lookup_method *sdt =
		lttng_userspace_probe_location_lookup_method_tracepoint_sdt_create();
	struct lttng_userspace_probe_location *fn, *tp, *l;
	const struct lttng_userspace_probe_location *lent = NULL;
	const struct lttng_userspace_probe_location_lookup_method *m;
	struct lttng_event_rule *r;
	const char *s = NULL;
	int fd, copy_fd;
	char *name;

	printf("-- userspace probe locations\n");
	printf("elf %s, sdt %s\n", nul(elf), nul(sdt));
	ST(lttng_userspace_probe_location_lookup_method_get_type(elf));
	ST(lttng_userspace_probe_location_lookup_method_get_type(sdt));
	ST(lttng_userspace_probe_location_lookup_method_get_type(NULL));
	lttng_userspace_probe_location_lookup_method_destroy(NULL);

	printf("function_create(NULL path): %s\n",
	       nul(lttng_userspace_probe_location_function_create(NULL, "main", elf)));
	printf("function_create(NULL function): %s\n",
	       nul(lttng_userspace_probe_location_function_create(binary, NULL, elf)));
	printf("function_create(NULL lookup): %s\n",
	       nul(lttng_userspace_probe_location_function_create(binary, "main", NULL)));
	printf("function_create(SDT lookup): %s\n",
	       nul(lttng_userspace_probe_location_function_create(binary, "main", sdt)));
	printf("function_create(missing binary): %s\n",
	       nul(lttng_userspace_probe_location_function_create("/nonexistent/bin", "main", elf)));
	printf("tracepoint_create(ELF lookup): %s\n",
	       nul(lttng_userspace_probe_location_tracepoint_create(binary, "a", "b", elf)));
	printf("tracepoint_create(NULL probe): %s\n",
	       nul(lttng_userspace_probe_location_tracepoint_create(binary, NULL, "b", sdt)));
	printf("tracepoint_create(NULL provider): %s\n",
	       nul(lttng_userspace_probe_location_tracepoint_create(binary, "a", NULL, sdt)));
	printf("tracepoint_create(NULL path): %s\n",
	       nul(lttng_userspace_probe_location_tracepoint_create(NULL, "a", "b", sdt)));
	/* The methods are still the caller's after those failures. */
	ST(lttng_userspace_probe_location_lookup_method_get_type(elf));
	ST(lttng_userspace_probe_location_lookup_method_get_type(sdt));

	fn = lttng_userspace_probe_location_function_create(binary, "main", elf);
	CHECK(fn, "function location");
	ST(lttng_userspace_probe_location_get_type(fn));
	str("function binary path", lttng_userspace_probe_location_function_get_binary_path(fn));
	str("function name", lttng_userspace_probe_location_function_get_function_name(fn));
	fd = lttng_userspace_probe_location_function_get_binary_fd(fn);
	same_file("function", fd, binary);
	ST(lttng_userspace_probe_location_function_get_instrumentation_type(fn));
	ST(lttng_userspace_probe_location_function_set_instrumentation_type(
		fn, LTTNG_USERSPACE_PROBE_LOCATION_FUNCTION_INSTRUMENTATION_TYPE_ENTRY));
	ST(lttng_userspace_probe_location_function_set_instrumentation_type(
		fn, LTTNG_USERSPACE_PROBE_LOCATION_FUNCTION_INSTRUMENTATION_TYPE_UNKNOWN));
	ST(lttng_userspace_probe_location_function_set_instrumentation_type(
		fn, (enum lttng_userspace_probe_location_function_instrumentation_type) 1));
	ST(lttng_userspace_probe_location_function_set_instrumentation_type(
		NULL, LTTNG_USERSPACE_PROBE_LOCATION_FUNCTION_INSTRUMENTATION_TYPE_ENTRY));
	m = lttng_userspace_probe_location_get_lookup_method(fn);
	printf("function's lookup method is the one given: %s\n", m == elf ? "yes" : "no");
	ST(lttng_userspace_probe_location_lookup_method_get_type(m));
	/* Tracepoint getters on a function location. */
	str("tracepoint path of function", lttng_userspace_probe_location_tracepoint_get_binary_path(fn));
	str("probe of function", lttng_userspace_probe_location_tracepoint_get_probe_name(fn));
	str("provider of function", lttng_userspace_probe_location_tracepoint_get_provider_name(fn));
	ST(lttng_userspace_probe_location_tracepoint_get_binary_fd(fn));

	tp = lttng_userspace_probe_location_tracepoint_create(binary, "second", "third", sdt);
	CHECK(tp, "tracepoint location");
	ST(lttng_userspace_probe_location_get_type(tp));
	str("tracepoint binary path", lttng_userspace_probe_location_tracepoint_get_binary_path(tp));
	str("probe name", lttng_userspace_probe_location_tracepoint_get_probe_name(tp));
	str("provider name", lttng_userspace_probe_location_tracepoint_get_provider_name(tp));
	same_file("tracepoint", lttng_userspace_probe_location_tracepoint_get_binary_fd(tp), binary);
	m = lttng_userspace_probe_location_get_lookup_method(tp);
	printf("tracepoint's lookup method is the one given: %s\n", m == sdt ? "yes" : "no");
	ST(lttng_userspace_probe_location_lookup_method_get_type(m));
	/* Function getters on a tracepoint location, and on NULL. */
	str("function path of tracepoint", lttng_userspace_probe_location_function_get_binary_path(tp));
	str("function of tracepoint", lttng_userspace_probe_location_function_get_function_name(tp));
	ST(lttng_userspace_probe_location_function_get_binary_fd(tp));
	ST(lttng_userspace_probe_location_function_get_instrumentation_type(tp));
	ST(lttng_userspace_probe_location_function_set_instrumentation_type(
		tp, LTTNG_USERSPACE_PROBE_LOCATION_FUNCTION_INSTRUMENTATION_TYPE_ENTRY));
	ST(lttng_userspace_probe_location_get_type(NULL));
	str("function path of NULL", lttng_userspace_probe_location_function_get_binary_path(NULL));
	str("function of NULL", lttng_userspace_probe_location_function_get_function_name(NULL));
	ST(lttng_userspace_probe_location_function_get_binary_fd(NULL));
	ST(lttng_userspace_probe_location_function_get_instrumentation_type(NULL));
	str("tracepoint path of NULL", lttng_userspace_probe_location_tracepoint_get_binary_path(NULL));
	str("probe of NULL", lttng_userspace_probe_location_tracepoint_get_probe_name(NULL));
	str("provider of NULL", lttng_userspace_probe_location_tracepoint_get_provider_name(NULL));
	ST(lttng_userspace_probe_location_tracepoint_get_binary_fd(NULL));

	/* Empty names are accepted. */
	l = lttng_userspace_probe_location_function_create(
		binary, "", lttng_userspace_probe_location_lookup_method_function_elf_create());
	printf("function_create(empty function): %s\n", nul(l));
	str("empty function", lttng_userspace_probe_location_function_get_function_name(l));
	lttng_userspace_probe_location_destroy(l);
	l = lttng_userspace_probe_location_tracepoint_create(
		binary, "", "", lttng_userspace_probe_location_lookup_method_tracepoint_sdt_create());
	printf("tracepoint_create(empty names): %s\n", nul(l));
	str("empty probe", lttng_userspace_probe_location_tracepoint_get_probe_name(l));
	lttng_userspace_probe_location_destroy(l);
	printf("function_create(empty path): %s\n",
	       nul(lttng_userspace_probe_location_function_create("", "main", elf)));
	/* Names are cut to 256 bytes. */
	name = repeat('f', 300);
	l = lttng_userspace_probe_location_function_create(
		binary, name, lttng_userspace_probe_location_lookup_method_function_elf_create());
	CHECK(l, "long function name");
	printf("function name of 300 bytes kept as %zu\n",
	       strlen(lttng_userspace_probe_location_function_get_function_name(l)));
	lttng_userspace_probe_location_destroy(l);
	l = lttng_userspace_probe_location_tracepoint_create(
		binary, name, name, lttng_userspace_probe_location_lookup_method_tracepoint_sdt_create());
	CHECK(l, "long probe names");
	printf("probe and provider names of 300 bytes kept as %zu and %zu\n",
	       strlen(lttng_userspace_probe_location_tracepoint_get_probe_name(l)),
	       strlen(lttng_userspace_probe_location_tracepoint_get_provider_name(l)));
	lttng_userspace_probe_location_destroy(l);
	free(name);

	printf("-- kernel uprobe\n");
	printf("uprobe_create(NULL): %s\n", nul(lttng_event_rule_kernel_uprobe_create(NULL)));
	r = lttng_event_rule_kernel_uprobe_create(fn);
	CHECK(r, "uprobe");
	ST(lttng_event_rule_get_type(r));
	ST(lttng_event_rule_kernel_uprobe_get_location(r, &lent));
	printf("location is a copy: %s\n", lent && lent != fn ? "yes" : "no");
	copy_fd = lttng_userspace_probe_location_function_get_binary_fd(lent);
	printf("copy shares the binary's fd: %s\n", copy_fd == fd ? "yes" : "no");
	m = lttng_userspace_probe_location_get_lookup_method(lent);
	printf("copy has its own lookup method: %s\n", m && m != elf ? "yes" : "no");
	ST(lttng_userspace_probe_location_lookup_method_get_type(m));
	lttng_userspace_probe_location_destroy(fn);
	printf("fd open after the original's destruction: %s\n", fd_open(fd) ? "yes" : "no");
	ST(lttng_userspace_probe_location_get_type(lent));
	str("copy's binary path", lttng_userspace_probe_location_function_get_binary_path(lent));
	str("copy's function", lttng_userspace_probe_location_function_get_function_name(lent));
	ST(lttng_userspace_probe_location_function_get_instrumentation_type(lent));
	ST(lttng_event_rule_kernel_uprobe_get_location(r, NULL));
	ST(lttng_event_rule_kernel_uprobe_get_location(NULL, &lent));
	s = "sentinel";
	ST(lttng_event_rule_kernel_uprobe_get_event_name(r, &s));
	str("unset name", s);
	ST(lttng_event_rule_kernel_uprobe_set_event_name(r, ""));
	ST(lttng_event_rule_kernel_uprobe_set_event_name(r, NULL));
	ST(lttng_event_rule_kernel_uprobe_set_event_name(NULL, "u"));
	ST(lttng_event_rule_kernel_uprobe_set_event_name(r, "my_uprobe"));
	ST(lttng_event_rule_kernel_uprobe_get_event_name(r, &s));
	str("name", s);
	ST(lttng_event_rule_kernel_uprobe_get_event_name(r, NULL));
	ST(lttng_event_rule_kernel_uprobe_get_event_name(NULL, &s));
	getters_on("kernel uprobe", r);
	lttng_event_rule_destroy(r);
	printf("fd open after the rule's destruction: %s\n", fd_open(fd) ? "yes" : "no");

	r = lttng_event_rule_kernel_uprobe_create(tp);
	CHECK(r, "uprobe on an SDT probe");
	ST(lttng_event_rule_kernel_uprobe_get_location(r, &lent));
	ST(lttng_userspace_probe_location_get_type(lent));
	str("copy's probe", lttng_userspace_probe_location_tracepoint_get_probe_name(lent));
	str("copy's provider", lttng_userspace_probe_location_tracepoint_get_provider_name(lent));
	ST(lttng_userspace_probe_location_lookup_method_get_type(
		lttng_userspace_probe_location_get_lookup_method(lent)));
	lttng_event_rule_destroy(r);

	printf("-- event with a userspace probe location\n");
	{
		struct lttng_event *ev = lttng_event_create();

		CHECK(ev, "event");
		printf("no location: %s\n", nul(lttng_event_get_userspace_probe_location(ev)));
		ST(lttng_event_set_userspace_probe_location(NULL, tp));
		ST(lttng_event_set_userspace_probe_location(ev, NULL));
		ST(lttng_event_set_userspace_probe_location(ev, tp));
		printf("location is the one given: %s\n",
		       lttng_event_get_userspace_probe_location(ev) == tp ? "yes" : "no");
		printf("location of NULL: %s\n", nul(lttng_event_get_userspace_probe_location(NULL)));
		fd = lttng_userspace_probe_location_tracepoint_get_binary_fd(tp);
		l = lttng_userspace_probe_location_function_create(
			binary, "main", lttng_userspace_probe_location_lookup_method_function_elf_create());
		CHECK(l, "second location");
		ST(lttng_event_set_userspace_probe_location(ev, l));
		printf("the first location's fd is closed: %s\n", fd_open(fd) ? "no" : "yes");
		printf("location is the second one: %s\n",
		       lttng_event_get_userspace_probe_location(ev) == l ? "yes" : "no");
		fd = lttng_userspace_probe_location_function_get_binary_fd(l);
		lttng_event_destroy(ev);
		printf("the event closed its location's fd: %s\n", fd_open(fd) ? "no" : "yes");
	}
	lttng_userspace_probe_location_destroy(NULL);
}

/* What only this library survives: upstream crashes or reads freed/foreign memory. */
static void ours_only(const char *binary)
{
	struct lttng_event_rule *ut = lttng_event_rule_user_tracepoint_create();
	struct lttng_event_rule *jul = lttng_event_rule_jul_logging_create();
	struct lttng_kernel_probe_location *sym = lttng_kernel_probe_location_symbol_create("f", 1);
	struct lttng_log_level_rule *llr = lttng_log_level_rule_exactly_create(1);
	struct lttng_userspace_probe_location *loc = lttng_userspace_probe_location_function_create(
		binary, "main", lttng_userspace_probe_location_lookup_method_function_elf_create());
	const struct lttng_log_level_rule *lent = NULL;
	const char *s = NULL;

	CHECK(ut && jul && sym && llr && loc, "objects");
	printf("user tracepoint NULL log level rule: %d\n",
	       (int) lttng_event_rule_user_tracepoint_set_log_level_rule(ut, NULL));
	printf("jul NULL log level rule: %d\n",
	       (int) lttng_event_rule_jul_logging_set_log_level_rule(jul, NULL));
	printf("symbol offset to NULL: %d\n",
	       (int) lttng_kernel_probe_location_symbol_get_offset(sym, NULL));
	printf("address to NULL: %d\n",
	       (int) lttng_kernel_probe_location_address_get_address(sym, NULL));
	printf("lookup method of NULL: %s\n",
	       nul(lttng_userspace_probe_location_get_lookup_method(NULL)));
	/* Objects of another kind where a rule, a location or a log-level rule is expected. */
	printf("type of a log-level rule as a rule: %d\n",
	       (int) lttng_event_rule_get_type((const struct lttng_event_rule *) llr));
	printf("pattern of a location as a rule: %d\n",
	       (int) lttng_event_rule_user_tracepoint_get_name_pattern(
		       (const struct lttng_event_rule *) sym, &s));
	printf("rule as a log-level rule: %d\n",
	       (int) lttng_event_rule_user_tracepoint_set_log_level_rule(
		       ut, (const struct lttng_log_level_rule *) jul));
	printf("kprobe on a userspace location: %s\n",
	       nul(lttng_event_rule_kernel_kprobe_create((const struct lttng_kernel_probe_location *) loc)));
	printf("type of a rule as a location: %d\n",
	       (int) lttng_userspace_probe_location_get_type((const struct lttng_userspace_probe_location *) ut));
	/* A lent object given to its destructor, then used: still the rule's. */
	CHECK(lttng_event_rule_user_tracepoint_set_log_level_rule(ut, llr) == LTTNG_EVENT_RULE_STATUS_OK,
	      "set");
	CHECK(lttng_event_rule_user_tracepoint_get_log_level_rule(ut, &lent) == LTTNG_EVENT_RULE_STATUS_OK,
	      "get");
	lttng_log_level_rule_destroy((struct lttng_log_level_rule *) lent);
	printf("lent log-level rule survives its destructor: %d\n",
	       (int) lttng_log_level_rule_get_type(lent));
	/* Released objects. */
	lttng_event_rule_destroy(jul);
	lttng_event_rule_destroy(jul);
	printf("released rule: %d\n", (int) lttng_event_rule_get_type(jul));
	lttng_userspace_probe_location_destroy(loc);
	printf("released location: %d\n", (int) lttng_userspace_probe_location_get_type(loc));
	lttng_event_rule_destroy(ut);
	lttng_kernel_probe_location_destroy(sym);
	lttng_log_level_rule_destroy(llr);
}

int main(int argc, char **argv)
{
	const char *binary = "/bin/true";

	check_lib();
	if (argc > 1 && strcmp(argv[1], "ours-only") == 0) {
		ours_only(binary);
		return 0;
	}
	ST(lttng_event_rule_get_type(NULL));
	lttng_event_rule_destroy(NULL);
	log_level_rules();
	user_tracepoint();
	kernel_tracepoint_and_syscall();
	agents();
	kernel_probes();
	userspace_probes(binary);
	printf("done\n");
	return 0;
}
