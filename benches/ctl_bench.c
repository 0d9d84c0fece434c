/*
 * Benchmark driver for benches/compare.rs: one program, linked to the system
 * liblttng-ctl and run on ours through LD_LIBRARY_PATH, so that both libraries run the same
 * code under the same harness.
 *
 *   ctl_bench lib                          prints "ours" or "real" (which library loaded)
 *   ctl_bench calls OP N WARMUP            WARMUP untimed then N timed calls of OP; one
 *                                          line per call: nanoseconds
 *   ctl_bench threads OP T SECS            T threads call OP for SECS seconds, sharing this
 *                                          process's library; prints calls, errors and how
 *                                          many threads were stuck in a call at the end
 *   ctl_bench rss N                        VmRSS (KiB) after loading, after one call and
 *                                          after N list-sessions calls
 *   ctl_bench exec N PROG ARGS...          runs PROG N times (stdout to /dev/null); one
 *                                          line per run: wall-clock nanoseconds
 *
 * OP: list (lttng_list_sessions), create_destroy (create a session without output, then
 * destroy it), enable_event (a new user-space event rule in one session), start_stop
 * (lttng_start_tracing then lttng_stop_tracing of one session), cycle (create, enable an
 * event, list sessions, destroy: 4 commands).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <lttng/lttng.h>

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static const char *which_lib(void)
{
	return dlsym(RTLD_DEFAULT, "lttng_rs_version") ? "ours" : "real";
}

/* Per-thread state of an operation. */
struct op_state {
	char session[64];
	struct lttng_handle *handle;
	unsigned long i;
	int id;
};

static void die(const char *what, int ret)
{
	fprintf(stderr, "ctl_bench: %s: %d (%s)\n", what, ret, lttng_strerror(ret));
	exit(1);
}

static void op_setup(const char *op, struct op_state *st, int id)
{
	struct lttng_domain dom;
	int ret;

	memset(st, 0, sizeof(*st));
	st->id = id;
	if (!strcmp(op, "create_destroy") || !strcmp(op, "cycle")) {
		/*
		 * The same name at every call and in every process, so that both libraries
		 * send the same bytes (benches/floor.c replays them).
		 */
		snprintf(st->session, sizeof(st->session), "b%d-%s", id, op);
	} else {
		snprintf(st->session, sizeof(st->session), "b%d-%d-%s", (int)getpid(), id, op);
	}
	if (strcmp(op, "enable_event") && strcmp(op, "start_stop")) {
		return;
	}
	ret = lttng_create_session(st->session, NULL);
	if (ret < 0) {
		die("create_session", ret);
	}
	memset(&dom, 0, sizeof(dom));
	dom.type = LTTNG_DOMAIN_UST;
	dom.buf_type = LTTNG_BUFFER_PER_UID;
	st->handle = lttng_create_handle(st->session, &dom);
	if (!st->handle) {
		die("create_handle", -1);
	}
	if (!strcmp(op, "start_stop")) {
		struct lttng_event ev;

		memset(&ev, 0, sizeof(ev));
		ev.type = LTTNG_EVENT_TRACEPOINT;
		strcpy(ev.name, "bench:*");
		ret = lttng_enable_event(st->handle, &ev, NULL);
		if (ret < 0) {
			die("enable_event", ret);
		}
	}
}

static void op_teardown(const char *op, struct op_state *st)
{
	if (st->handle) {
		lttng_destroy_handle(st->handle);
		st->handle = NULL;
	}
	if (!strcmp(op, "enable_event") || !strcmp(op, "start_stop")) {
		lttng_destroy_session(st->session);
	}
}

/* One call of OP; 0 or a negative code. */
static int op_once(const char *op, struct op_state *st)
{
	int ret;

	st->i++;
	if (!strcmp(op, "list")) {
		struct lttng_session *s = NULL;

		ret = lttng_list_sessions(&s);
		free(s);
		return ret < 0 ? ret : 0;
	}
	if (!strcmp(op, "create_destroy") || !strcmp(op, "cycle")) {
		const char *name = st->session;

		ret = lttng_create_session(name, NULL);
		if (ret < 0) {
			return ret;
		}
		if (!strcmp(op, "cycle")) {
			struct lttng_domain dom;
			struct lttng_event ev;
			struct lttng_handle *h;
			struct lttng_session *s = NULL;

			memset(&dom, 0, sizeof(dom));
			dom.type = LTTNG_DOMAIN_UST;
			dom.buf_type = LTTNG_BUFFER_PER_UID;
			h = lttng_create_handle(name, &dom);
			memset(&ev, 0, sizeof(ev));
			ev.type = LTTNG_EVENT_TRACEPOINT;
			strcpy(ev.name, "bench:ev");
			ret = lttng_enable_event(h, &ev, NULL);
			lttng_destroy_handle(h);
			if (ret >= 0) {
				ret = lttng_list_sessions(&s);
				free(s);
			}
			if (ret < 0) {
				lttng_destroy_session(name);
				return ret;
			}
		}
		ret = lttng_destroy_session(name);
		return ret < 0 ? ret : 0;
	}
	if (!strcmp(op, "enable_event")) {
		struct lttng_event ev;

		memset(&ev, 0, sizeof(ev));
		ev.type = LTTNG_EVENT_TRACEPOINT;
		snprintf(ev.name, sizeof(ev.name), "bench:ev%lu", st->i);
		ret = lttng_enable_event(st->handle, &ev, NULL);
		return ret < 0 ? ret : 0;
	}
	if (!strcmp(op, "start_stop")) {
		ret = lttng_start_tracing(st->session);
		if (ret < 0) {
			return ret;
		}
		ret = lttng_stop_tracing(st->session);
		return ret < 0 ? ret : 0;
	}
	fprintf(stderr, "ctl_bench: unknown op %s\n", op);
	exit(2);
}

static int cmd_calls(const char *op, long n, long warmup)
{
	struct op_state st;
	uint64_t *t = calloc((size_t)n, sizeof(*t));

	if (!t) {
		return 1;
	}
	op_setup(op, &st, 0);
	for (long i = 0; i < warmup; i++) {
		int ret = op_once(op, &st);

		if (ret < 0) {
			die(op, ret);
		}
	}
	for (long i = 0; i < n; i++) {
		uint64_t t0 = now_ns();
		int ret = op_once(op, &st);

		t[i] = now_ns() - t0;
		if (ret < 0) {
			die(op, ret);
		}
	}
	op_teardown(op, &st);
	for (long i = 0; i < n; i++) {
		printf("%llu\n", (unsigned long long)t[i]);
	}
	free(t);
	return 0;
}

struct worker {
	pthread_t tid;
	const char *op;
	int id;
	atomic_ulong calls;
	atomic_ulong errors;
	atomic_int in_call;
	atomic_int first_error;
};

static atomic_int stop_flag;

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct op_state st;

	op_setup(w->op, &st, w->id);
	while (!atomic_load(&stop_flag)) {
		atomic_store(&w->in_call, 1);
		int ret = op_once(w->op, &st);
		atomic_store(&w->in_call, 0);
		if (ret < 0) {
			atomic_fetch_add(&w->errors, 1);
			int zero = 0;
			atomic_compare_exchange_strong(&w->first_error, &zero, ret);
		} else {
			atomic_fetch_add(&w->calls, 1);
		}
	}
	op_teardown(w->op, &st);
	return NULL;
}

static int cmd_threads(const char *op, int nthreads, double secs)
{
	struct worker *w = calloc((size_t)nthreads, sizeof(*w));
	unsigned long calls = 0, errors = 0;
	int stuck = 0, first_error = 0;
	uint64_t t0, t1;

	if (!w) {
		return 1;
	}
	t0 = now_ns();
	for (int i = 0; i < nthreads; i++) {
		w[i].op = op;
		w[i].id = i;
		if (pthread_create(&w[i].tid, NULL, worker_main, &w[i])) {
			return 1;
		}
	}
	struct timespec d = { (time_t)secs, (long)((secs - (double)(time_t)secs) * 1e9) };
	nanosleep(&d, NULL);
	t1 = now_ns();
	for (int i = 0; i < nthreads; i++) {
		calls += atomic_load(&w[i].calls);
		errors += atomic_load(&w[i].errors);
		if (!first_error) {
			first_error = atomic_load(&w[i].first_error);
		}
	}
	atomic_store(&stop_flag, 1);
	/* A thread still inside a call one second after the stop is stuck (a hang). */
	struct timespec grace = { 1, 0 };
	nanosleep(&grace, NULL);
	for (int i = 0; i < nthreads; i++) {
		stuck += atomic_load(&w[i].in_call);
	}
	printf("threads=%d calls=%lu errors=%lu first_error=%d stuck=%d secs=%.3f\n", nthreads,
	       calls, errors, first_error, stuck, (double)(t1 - t0) / 1e9);
	fflush(stdout);
	/* Do not join stuck threads. */
	_exit(0);
}

static long rss_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;

	if (!f) {
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "VmRSS:", 6)) {
			kib = strtol(line + 6, NULL, 10);
		}
	}
	fclose(f);
	return kib;
}

static int cmd_rss(long n)
{
	struct op_state st;
	long loaded = rss_kib(), first, mid = 0;

	op_setup("list", &st, 0);
	if (op_once("list", &st) < 0) {
		die("list", -1);
	}
	first = rss_kib();
	for (long i = 0; i < n; i++) {
		int ret = op_once("list", &st);

		if (ret < 0) {
			die("list", ret);
		}
		if (i == n / 10) {
			mid = rss_kib();
		}
	}
	printf("loaded=%ld first=%ld tenth=%ld end=%ld\n", loaded, first, mid, rss_kib());
	return 0;
}

static int cmd_exec(long n, char **argv)
{
	for (long i = 0; i < n; i++) {
		uint64_t t0 = now_ns();
		int status;
		pid_t pid = fork();

		if (pid < 0) {
			return 1;
		}
		if (pid == 0) {
			if (!freopen("/dev/null", "w", stdout)) {
				_exit(126);
			}
			execvp(argv[0], argv);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
			fprintf(stderr, "ctl_bench: %s failed (status %d)\n", argv[0], status);
			return 1;
		}
		printf("%llu\n", (unsigned long long)(now_ns() - t0));
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "lib")) {
		printf("%s\n", which_lib());
		return 0;
	}
	if (argc == 5 && !strcmp(argv[1], "calls")) {
		return cmd_calls(argv[2], atol(argv[3]), atol(argv[4]));
	}
	if (argc == 5 && !strcmp(argv[1], "threads")) {
		return cmd_threads(argv[2], atoi(argv[3]), atof(argv[4]));
	}
	if (argc == 3 && !strcmp(argv[1], "rss")) {
		return cmd_rss(atol(argv[2]));
	}
	if (argc >= 4 && !strcmp(argv[1], "exec")) {
		return cmd_exec(atol(argv[2]), argv + 3);
	}
	fprintf(stderr, "usage: see the comment at the top of benches/ctl_bench.c\n");
	return 2;
}
