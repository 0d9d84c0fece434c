/*
 * Soak: THREADS threads share one library instance for SECONDS seconds; each loops over a
 * session's whole life (create, enable a channel and an event, list sessions, channels and
 * events, start, stop, destroy), with names of its own.
 *
 *   soak THREADS SECONDS
 *
 * Prints "rss KB calls N errors N" every 10 s (the process's resident size), every error
 * as it happens, then "total calls N errors N rss_start KB rss_end KB". Exit 0 when no call
 * failed.
 */
#include <lttng/lttng.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>
#include "check_lib.h"

static atomic_long calls, errors;
static atomic_int stop;

static long rss_kb(void)
{
	long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f) {
		if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
			resident = 0;
		fclose(f);
	}
	return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static void count(int rc, const char *what, const char *name)
{
	atomic_fetch_add(&calls, 1);
	if (rc < 0) {
		atomic_fetch_add(&errors, 1);
		fprintf(stderr, "%s %s: %d (%s)\n", what, name, rc, lttng_strerror(rc));
	}
}

static void *worker(void *arg)
{
	long id = (long) arg;
	char name[64];
	struct lttng_domain ust;

	memset(&ust, 0, sizeof(ust));
	ust.type = LTTNG_DOMAIN_UST;
	ust.buf_type = LTTNG_BUFFER_PER_UID;
	for (long i = 0; !atomic_load(&stop); i++) {
		struct lttng_session *sessions = NULL;
		struct lttng_channel *channels = NULL, chan;
		struct lttng_event *events = NULL, ev;
		struct lttng_handle *h;

		snprintf(name, sizeof(name), "soak-%ld-%ld", id, i);
		count(lttng_create_session(name, NULL), "create", name);
		h = lttng_create_handle(name, &ust);
		memset(&chan, 0, sizeof(chan));
		lttng_channel_set_default_attr(&ust, &chan.attr);
		strcpy(chan.name, "c");
		count(lttng_enable_channel(h, &chan), "enable-channel", name);
		memset(&ev, 0, sizeof(ev));
		ev.type = LTTNG_EVENT_TRACEPOINT;
		strcpy(ev.name, "ref:*");
		count(lttng_enable_event(h, &ev, "c"), "enable-event", name);
		int n = lttng_list_sessions(&sessions);
		count(n, "list-sessions", name);
		free(sessions);
		n = lttng_list_channels(h, &channels);
		count(n, "list-channels", name);
		if (n != 1) {
			atomic_fetch_add(&errors, 1);
			fprintf(stderr, "list-channels %s: %d channels\n", name, n);
		}
		free(channels);
		n = lttng_list_events(h, "c", &events);
		count(n, "list-events", name);
		if (n != 1) {
			atomic_fetch_add(&errors, 1);
			fprintf(stderr, "list-events %s: %d events\n", name, n);
		}
		free(events);
		count(lttng_start_tracing(name), "start", name);
		count(lttng_stop_tracing(name), "stop", name);
		count(lttng_destroy_session(name), "destroy", name);
		lttng_destroy_handle(h);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t threads[64];

	setvbuf(stdout, NULL, _IONBF, 0);
	check_lib();
	CHECK(argc == 3, "usage: soak THREADS SECONDS");
	int n = atoi(argv[1]);
	long seconds = atol(argv[2]);
	CHECK(n > 0 && n <= 64 && seconds > 0, "bad arguments");
	long rss_start = rss_kb();
	for (long i = 0; i < n; i++)
		CHECK(pthread_create(&threads[i], NULL, worker, (void *) i) == 0, "pthread_create");
	time_t begin = time(NULL);
	while (time(NULL) - begin < seconds) {
		sleep(1);
		if ((time(NULL) - begin) % 10 == 0)
			printf("rss %ld calls %ld errors %ld\n", rss_kb(), atomic_load(&calls),
			       atomic_load(&errors));
	}
	atomic_store(&stop, 1);
	for (int i = 0; i < n; i++)
		pthread_join(threads[i], NULL);
	printf("total calls %ld errors %ld rss_start %ld rss_end %ld\n", atomic_load(&calls),
	       atomic_load(&errors), rss_start, rss_kb());
	return atomic_load(&errors) ? 1 : 0;
}
