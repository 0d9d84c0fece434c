/*
 * The health API on the public header: each component's health object created, queried
 * and printed (query result, state, thread count, each thread's name and state), then
 * NULL and invalid arguments. Run on the real library and on ours against the same
 * daemons (tests/health.rs): the outputs must be identical.
 *
 * Usage: health [RELAYD_HEALTH_SOCKET...]
 */
#include <errno.h>
#include <limits.h>
#include <lttng/lttng.h>
#include <stdio.h>
#include <string.h>

#include "check_lib.h"

static void print_threads(const struct lttng_health *h)
{
	int n = lttng_health_get_nr_threads(h);

	for (int i = 0; i < n; i++) {
		const struct lttng_health_thread *t = lttng_health_get_thread(h, i);
		const char *name = lttng_health_thread_name(t);

		printf("  [%d] %s: %d\n", i, name ? name : "(NULL)", lttng_health_thread_state(t));
	}
	printf("  [%d] past the end: %s\n", n, lttng_health_get_thread(h, n) ? "thread" : "NULL");
}

static void show(const char *what, struct lttng_health *h)
{
	if (!h) {
		printf("%s: create: NULL\n", what);
		return;
	}
	printf("%s: before query: state=%d nr_threads=%d thread0=%d\n", what, lttng_health_state(h),
	       lttng_health_get_nr_threads(h), lttng_health_thread_state(lttng_health_get_thread(h, 0)));
	int ret = lttng_health_query(h);
	printf("%s: query=%d state=%d nr_threads=%d\n", what, ret, lttng_health_state(h),
	       lttng_health_get_nr_threads(h));
	print_threads(h);
	lttng_health_destroy(h);
}

int main(int argc, char **argv)
{
	static char long_path[PATH_MAX + 1];

	check_lib();
	setvbuf(stdout, NULL, _IONBF, 0);

	show("sessiond", lttng_health_create_sessiond());
	show("consumerd ust64", lttng_health_create_consumerd(LTTNG_HEALTH_CONSUMERD_UST_64));
	show("consumerd ust32", lttng_health_create_consumerd(LTTNG_HEALTH_CONSUMERD_UST_32));
	show("consumerd kernel", lttng_health_create_consumerd(LTTNG_HEALTH_CONSUMERD_KERNEL));
	for (int i = 1; i < argc; i++) {
		show("relayd", lttng_health_create_relayd(argv[i]));
	}

	/* NULL and invalid arguments. */
	printf("query(NULL)=%d state(NULL)=%d nr_threads(NULL)=%d (-EINVAL=%d)\n",
	       lttng_health_query(NULL), lttng_health_state(NULL), lttng_health_get_nr_threads(NULL),
	       -EINVAL);
	printf("get_thread(NULL, 0)=%s thread_state(NULL)=%d thread_name(NULL)=%s\n",
	       lttng_health_get_thread(NULL, 0) ? "thread" : "NULL", lttng_health_thread_state(NULL),
	       lttng_health_thread_name(NULL) ? "name" : "NULL");
	lttng_health_destroy(NULL);
	show("relayd NULL path", lttng_health_create_relayd(NULL));
	show("relayd empty path", lttng_health_create_relayd(""));
	show("relayd missing socket", lttng_health_create_relayd("/nonexistent/health-1"));
	memset(long_path, 'a', PATH_MAX - 1);
	show("relayd path of PATH_MAX-1 bytes", lttng_health_create_relayd(long_path));
	long_path[PATH_MAX - 1] = 'a';
	show("relayd path of PATH_MAX bytes", lttng_health_create_relayd(long_path));
	show("consumerd NR_LTTNG_HEALTH_CONSUMERD",
	     lttng_health_create_consumerd(NR_LTTNG_HEALTH_CONSUMERD));
	show("consumerd -1", lttng_health_create_consumerd((enum lttng_health_consumerd) -1));
	{
		struct lttng_health *h = lttng_health_create_sessiond();

		printf("get_thread(h, UINT_MAX)=%s\n", lttng_health_get_thread(h, UINT_MAX) ? "thread" : "NULL");
		lttng_health_destroy(h);
	}
	return 0;
}
