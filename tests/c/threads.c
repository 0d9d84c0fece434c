/*
 * Eight threads share one library instance: each creates, lists and destroys its own
 * sessions in a loop, and adds a channel and an event on the way. Every call must succeed
 * and every list must show the thread's own session.
 */
#include <lttng/lttng.h>
#include <pthread.h>
#include "check_lib.h"

#define THREADS 8

static int rounds = 10;

static void *worker(void *arg)
{
	long id = (long) arg;
	long errors = 0;
	char name[64];
	struct lttng_domain domain;

	memset(&domain, 0, sizeof(domain));
	domain.type = LTTNG_DOMAIN_UST;
	domain.buf_type = LTTNG_BUFFER_PER_UID;
	for (int r = 0; r < rounds; r++) {
		snprintf(name, sizeof(name), "thread%ld-round%d", id, r);
		int rc = lttng_create_session(name, NULL);
		if (rc) {
			fprintf(stderr, "%s: create %d\n", name, rc);
			errors++;
			continue;
		}
		struct lttng_handle *h = lttng_create_handle(name, &domain);
		struct lttng_event ev;
		memset(&ev, 0, sizeof(ev));
		ev.loglevel = -1;
		snprintf(ev.name, sizeof(ev.name), "prov%ld:*", id);
		rc = lttng_enable_event(h, &ev, NULL);
		if (rc) {
			fprintf(stderr, "%s: enable_event %d\n", name, rc);
			errors++;
		}
		struct lttng_session *sessions = NULL;
		int n = lttng_list_sessions(&sessions);
		int found = 0;
		for (int i = 0; i < n; i++)
			found |= strcmp(sessions[i].name, name) == 0;
		free(sessions);
		if (n < 1 || !found) {
			fprintf(stderr, "%s: list %d found %d\n", name, n, found);
			errors++;
		}
		struct lttng_event *events = NULL;
		n = lttng_list_events(h, "channel0", &events);
		if (n != 1 || strcmp(events[0].name, ev.name) != 0) {
			fprintf(stderr, "%s: list_events %d\n", name, n);
			errors++;
		}
		free(events);
		lttng_destroy_handle(h);
		rc = lttng_destroy_session(name);
		if (rc) {
			fprintf(stderr, "%s: destroy %d\n", name, rc);
			errors++;
		}
	}
	return (void *) errors;
}

int main(int argc, char **argv)
{
	pthread_t threads[THREADS];
	long total = 0;

	setvbuf(stdout, NULL, _IONBF, 0);
	check_lib();
	if (argc > 1)
		rounds = atoi(argv[1]);
	for (long i = 0; i < THREADS; i++)
		CHECK(pthread_create(&threads[i], NULL, worker, (void *) i) == 0, "pthread_create");
	for (int i = 0; i < THREADS; i++) {
		void *errors;
		pthread_join(threads[i], &errors);
		total += (long) errors;
	}
	printf("threads=%d rounds=%d errors=%ld\n", THREADS, rounds, total);
	return total ? 1 : 0;
}
