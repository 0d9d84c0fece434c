/*
 * The PID tracker calls that 2.13 keeps for older programs, and lttng_metadata_regenerate,
 * against a real session daemon: every outcome printed, run on both libraries and compared.
 * Usage: legacy_trackers SESSION
 */
/* These calls are deprecated upstream; calling them is the point. */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <stdlib.h>
#include <lttng/lttng.h>
#include "check_lib.h"

static int by_value(const void *a, const void *b)
{
	return *(const int32_t *) a - *(const int32_t *) b;
}

/* The daemon keeps the set in a hash table: its order varies, so it is printed sorted. */
static void list(struct lttng_handle *h, const char *step)
{
	int enabled = -1;
	int32_t *pids = NULL;
	size_t n = 0;
	int ret = lttng_list_tracker_pids(h, &enabled, &pids, &n);

	if (pids)
		qsort(pids, n, sizeof(*pids), by_value);
	printf("list %s: ret=%d enabled=%d n=%zu:", step, ret, enabled, n);
	for (size_t i = 0; i < n; i++)
		printf(" %d", pids[i]);
	printf("\n");
	free(pids);
}

#define R(call) printf("%s = %d\n", #call, (int) (call))

int main(int argc, char **argv)
{
	struct lttng_domain ust = { .type = LTTNG_DOMAIN_UST };
	struct lttng_domain kernel = { .type = LTTNG_DOMAIN_KERNEL };
	struct lttng_handle *h, *k, *missing;

	check_lib();
	if (argc != 2)
		return 2;
	R(lttng_create_session(argv[1], NULL));
	h = lttng_create_handle(argv[1], &ust);
	k = lttng_create_handle(argv[1], &kernel);
	missing = lttng_create_handle("no-such-session", &ust);
	list(h, "initial");
	R(lttng_untrack_pid(h, 42));
	R(lttng_track_pid(h, 42));
	R(lttng_track_pid(h, 42));
	R(lttng_track_pid(h, 7));
	list(h, "two");
	R(lttng_untrack_pid(h, 42));
	R(lttng_untrack_pid(h, 42));
	list(h, "one");
	R(lttng_untrack_pid(h, -1));
	list(h, "none");
	R(lttng_untrack_pid(h, 7));
	R(lttng_track_pid(h, -1));
	list(h, "all");
	R(lttng_track_pid(k, 1));
	R(lttng_untrack_pid(k, 1));
	R(lttng_track_pid(missing, 1));
	R(lttng_untrack_pid(missing, 1));
	list(missing, "missing");
	R(lttng_track_pid(NULL, 1));
	R(lttng_untrack_pid(NULL, 1));
	R(lttng_list_tracker_pids(h, NULL, NULL, NULL));
	R(lttng_metadata_regenerate(argv[1]));
	R(lttng_metadata_regenerate("no-such-session"));
	R(lttng_metadata_regenerate(NULL));
	R(lttng_destroy_session(argv[1]));
	lttng_destroy_handle(h);
	lttng_destroy_handle(k);
	lttng_destroy_handle(missing);
	return 0;
}
