/*
 * Calls made while the session daemon dies or goes mute (tests/faults.rs). SIGPIPE keeps
 * its default action: the process must never die of it.
 *
 *   faults list             one lttng_list_sessions(); prints "list: RC"
 *   faults exclusions       one lttng_enable_event_with_exclusions() whose payload (2000
 *                           exclusions, 400 kB) outlasts a socket buffer; prints "exclusions: RC"
 *   faults pending          lttng_list_sessions() in a thread; prints "pending" once it has
 *                           been blocked for 2 s, then "list: RC" when it returns
 *   faults loop THREADS     THREADS threads call list/create/destroy until a call fails;
 *                           prints "running" after the first successful round, then one
 *                           "thread I: calls N, CALL error RC" line per thread
 */
#include <lttng/lttng.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>
#include "check_lib.h"

static volatile int done;
static int list_rc;

static void *list_thread(void *arg)
{
	struct lttng_session *s = NULL;

	(void) arg;
	list_rc = lttng_list_sessions(&s);
	free(s);
	done = 1;
	return NULL;
}

struct worker {
	int id;
	long calls;
	int error;
	const char *call;
};

static volatile int running;

static void *loop_thread(void *arg)
{
	struct worker *w = arg;
	char name[64];

	for (long i = 0;; i++) {
		struct lttng_session *s = NULL;
		int rc = lttng_list_sessions(&s);

		free(s);
		if (rc < 0) {
			w->error = rc;
			w->call = "list";
			return NULL;
		}
		snprintf(name, sizeof(name), "fault-%d-%ld", w->id, i);
		rc = lttng_create_session(name, NULL);
		if (rc < 0) {
			w->error = rc;
			w->call = "create";
			return NULL;
		}
		rc = lttng_destroy_session(name);
		if (rc < 0) {
			w->error = rc;
			w->call = "destroy";
			return NULL;
		}
		w->calls += 3;
		running = 1;
	}
}

static int exclusions(void)
{
	static char names[2000][200];
	char *list[2000];
	struct lttng_domain ust;
	struct lttng_event ev;

	for (int i = 0; i < 2000; i++) {
		snprintf(names[i], sizeof(names[i]), "provider:event_%0180d", i);
		list[i] = names[i];
	}
	memset(&ust, 0, sizeof(ust));
	ust.type = LTTNG_DOMAIN_UST;
	ust.buf_type = LTTNG_BUFFER_PER_UID;
	struct lttng_handle *h = lttng_create_handle("s", &ust);
	memset(&ev, 0, sizeof(ev));
	strcpy(ev.name, "provider:*");
	int rc = lttng_enable_event_with_exclusions(h, &ev, NULL, NULL, 2000, list);
	lttng_destroy_handle(h);
	return rc;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	check_lib();
	signal(SIGPIPE, SIG_DFL);
	CHECK(argc >= 2, "usage: faults list|exclusions|pending|loop THREADS");
	if (strcmp(argv[1], "list") == 0) {
		struct lttng_session *s = NULL;
		int rc = lttng_list_sessions(&s);

		free(s);
		printf("list: %d\n", rc);
	} else if (strcmp(argv[1], "exclusions") == 0) {
		printf("exclusions: %d\n", exclusions());
	} else if (strcmp(argv[1], "pending") == 0) {
		pthread_t t;

		CHECK(pthread_create(&t, NULL, list_thread, NULL) == 0, "pthread_create");
		for (int i = 0; i < 200 && !done; i++)
			usleep(10000);
		if (!done)
			printf("pending\n");
		pthread_join(t, NULL);
		printf("list: %d\n", list_rc);
	} else if (strcmp(argv[1], "loop") == 0 && argc == 3) {
		int n = atoi(argv[2]);
		pthread_t t[64];
		struct worker w[64];

		CHECK(n > 0 && n <= 64, "1..64 threads");
		for (int i = 0; i < n; i++) {
			w[i] = (struct worker){ .id = i };
			CHECK(pthread_create(&t[i], NULL, loop_thread, &w[i]) == 0, "pthread_create");
		}
		while (!running)
			usleep(10000);
		printf("running\n");
		for (int i = 0; i < n; i++) {
			pthread_join(t[i], NULL);
			printf("thread %d: calls %ld, %s error %d\n", i, w[i].calls, w[i].call, w[i].error);
		}
	} else {
		CHECK(0, "unknown mode %s", argv[1]);
	}
	return 0;
}
