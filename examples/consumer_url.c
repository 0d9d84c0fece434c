/*
 * The network-consumer design's command chain with URL strings, through lttng-ctl:
 * lttng_set_consumer_url (a 2.13 function) sets the session's consumer from a control URL
 * and an optional data URL; lttng_enable_consumer (the design's) connects it.
 *
 *   lttng create SESSION                          lttng_create_session(SESSION, NULL)
 *   lttng-consumer enable -C CTRL -D DATA         lttng_set_consumer_url, lttng_enable_consumer
 *   lttng enable-event -u -a; lttng start; ...; lttng stop; lttng destroy
 *
 * Usage: consumer_url SESSION CONTROL_URL [DATA_URL|-] [COMMAND [ARGS...]]
 *   CONTROL_URL  net://HOST[:CTRL[:DATA]] alone (then DATA_URL is -), or tcp://HOST[:PORT]
 *                with DATA_URL tcp://HOST[:PORT] on the same host, or a local path
 *   COMMAND      a program to run while tracing
 *
 * Unlike lttng_uri_parse, the URL parser of the 2.13 API takes the same forms as
 * `lttng create --set-url`/`-C`/`-D`: no UDP, no hops; the data host must be the control host.
 *
 * Build: cc -Wall -Wextra consumer_url.c -o consumer_url $(pkg-config --cflags --libs lttng-ctl)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lttng/lttng.h>
#include <lttng-ctl-rs.h>

static void check(int ret, const char *what)
{
	if (ret < 0) {
		fprintf(stderr, "Error: %s: %s\n", what, lttng_strerror(ret));
		exit(-ret);
	}
}

int main(int argc, char **argv)
{
	struct lttng_domain domain;
	struct lttng_event event;
	int ret;

	if (argc < 3) {
		fprintf(stderr, "usage: %s SESSION CONTROL_URL [DATA_URL|-] [COMMAND [ARGS...]]\n",
			argv[0]);
		return 1;
	}
	const char *session = argv[1];
	const char *control_url = argv[2];
	const char *data_url = argc > 3 && strcmp(argv[3], "-") != 0 ? argv[3] : NULL;
	printf("library: %s\n", lttng_rs_version());

	check(lttng_create_session(session, NULL), "lttng_create_session");
	printf("created session \"%s\"\n", session);

	/* The consumer template of the session: a handle without a domain. */
	struct lttng_handle *consumer = lttng_create_handle(session, NULL);
	check(lttng_set_consumer_url(consumer, control_url, data_url), "lttng_set_consumer_url");
	printf("consumer set to %s%s%s\n", control_url, data_url ? " and " : "",
	       data_url ? data_url : "");
	ret = lttng_enable_consumer(consumer);
	if (ret != -LTTNG_ERR_UND) { /* the real 2.13 daemon connects it by itself */
		check(ret, "lttng_enable_consumer");
		printf("consumer enabled\n");
	}

	memset(&domain, 0, sizeof(domain));
	domain.type = LTTNG_DOMAIN_UST;
	domain.buf_type = LTTNG_BUFFER_PER_UID;
	struct lttng_handle *ust = lttng_create_handle(session, &domain);
	memset(&event, 0, sizeof(event));
	event.type = LTTNG_EVENT_TRACEPOINT;
	event.loglevel = -1;
	strcpy(event.name, "*");
	check(lttng_enable_event(ust, &event, NULL), "lttng_enable_event");

	check(lttng_start_tracing(session), "lttng_start_tracing");
	printf("tracing\n");
	fflush(stdout);
	if (argc > 4) {
		pid_t pid = fork();
		if (pid == 0) {
			execvp(argv[4], &argv[4]);
			_exit(127);
		}
		waitpid(pid, NULL, 0);
	}
	check(lttng_stop_tracing(session), "lttng_stop_tracing");
	check(lttng_destroy_session(session), "lttng_destroy_session");
	printf("stopped and destroyed\n");
	lttng_destroy_handle(ust);
	lttng_destroy_handle(consumer);
	return 0;
}
