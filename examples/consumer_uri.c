/*
 * The network-consumer design's command chain, through the C API of lttng-ctl:
 *
 *   lttng create SESSION
 *   lttng enable-consumer net://HOST:CTRL:DATA     (here: lttng_uri_parse + lttng_set_consumer_uri)
 *   lttng enable-event -u -a
 *   lttng start ... lttng stop ... lttng destroy
 *
 * Usage: consumer_uri SESSION URI [COMMAND [ARGS...]]
 *   URI      a consumer URI, e.g. net://127.0.0.1:5342:5343 (see lttng_uri_parse)
 *   COMMAND  a program to run while tracing (for example a tracef() application)
 *
 * Build: cc consumer_uri.c -o consumer_uri -I<lttng-ctl>/include -L<dir of liblttng-ctl.so.0> -llttng-ctl
 * Works against the real lttng-sessiond 2.13: the session is created without output, then
 * given its control and data URIs, which the daemon connects when tracing is set up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lttng/lttng.h>
#include "lttng-ctl-rs.h"

/* Prints the error of a failed call and exits. */
static void check(int ret, const char *what)
{
	if (ret < 0) {
		fprintf(stderr, "%s failed: %s (%d)\n", what, lttng_strerror(ret), ret);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	struct lttng_uri *uris = NULL;
	struct lttng_domain domain;
	struct lttng_handle *session_handle, *ust_handle;
	struct lttng_event event;
	int count, ret;

	if (argc < 3) {
		fprintf(stderr, "usage: %s SESSION URI [COMMAND [ARGS...]]\n", argv[0]);
		return 2;
	}
	const char *session = argv[1];

	/* 1. A session without output: the consumer is configured next. */
	check(lttng_create_session(session, NULL), "lttng_create_session");
	printf("[1/6] created session \"%s\"\n", session);

	/* 2. Parse the URI: net:// gives a control and a data URI (ports 0 = defaults). */
	count = lttng_uri_parse(argv[2], &uris);
	check(count, "lttng_uri_parse");

	/* 3. Set each URI on the session's consumer template (a handle without domain). */
	session_handle = lttng_create_handle(session, NULL);
	for (int i = 0; i < count; i++) {
		ret = lttng_set_consumer_uri(session_handle, &uris[i]);
		check(ret, "lttng_set_consumer_uri");
		printf("[2/6] %s URI: %s port %u\n",
		       uris[i].stype == LTTNG_STREAM_CONTROL ? "control" : "data",
		       uris[i].dtype == LTTNG_DST_PATH ? uris[i].dst.path : uris[i].dst.ipv4,
		       (unsigned) uris[i].port);
	}
	lttng_uri_free(uris);

	/* 4. Enable every user-space event (an empty name means "*"). */
	memset(&domain, 0, sizeof(domain));
	domain.type = LTTNG_DOMAIN_UST;
	domain.buf_type = LTTNG_BUFFER_PER_UID;
	ust_handle = lttng_create_handle(session, &domain);
	memset(&event, 0, sizeof(event));
	event.type = LTTNG_EVENT_TRACEPOINT;
	event.loglevel = -1;
	check(lttng_enable_event(ust_handle, &event, NULL), "lttng_enable_event");
	printf("[3/6] enabled user-space events \"%s\"\n", event.name);

	/* 5. Trace while the command runs. */
	check(lttng_start_tracing(session), "lttng_start_tracing");
	printf("[4/6] tracing started\n");
	if (argc > 3) {
		pid_t pid = fork();
		if (pid == 0) {
			execvp(argv[3], &argv[3]);
			_exit(127);
		}
		int status = 0;
		waitpid(pid, &status, 0);
		printf("      %s exited with %d\n", argv[3], WEXITSTATUS(status));
	}

	/* 6. Stop (waits until every event reached the relay daemon) and destroy. */
	check(lttng_stop_tracing(session), "lttng_stop_tracing");
	printf("[5/6] tracing stopped, all data sent\n");
	check(lttng_destroy_session(session), "lttng_destroy_session");
	printf("[6/6] session destroyed\n");

	lttng_destroy_handle(ust_handle);
	lttng_destroy_handle(session_handle);
	return 0;
}
