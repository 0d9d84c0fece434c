/*
 * The network-consumer design's command chain with `struct lttng_uri`, through lttng-ctl:
 *
 *   lttng create SESSION                            lttng_create_session(SESSION, NULL)
 *   lttng-consumer enable net://HOST:CTRL:DATA      lttng_uri_parse, lttng_set_consumer_uri
 *                                                   (control, then data), lttng_enable_consumer
 *   lttng enable-event -u -a                        lttng_enable_event
 *   lttng start ... lttng stop ... lttng destroy
 *
 * Usage: consumer_uri SESSION URI [COMMAND [ARGS...]]
 *   URI      net://HOST[:CTRL[:DATA]][/SUBDIR] (ports default to 5342 and 5343), net6://,
 *            or file:///PATH and /PATH for a local trace (see lttng_uri_parse)
 *   COMMAND  a program to run while tracing (for example examples/traced_app.c)
 *
 * Build (pkg-config file installed by scripts/install.sh):
 *   cc -Wall -Wextra consumer_uri.c -o consumer_uri $(pkg-config --cflags --libs lttng-ctl)
 *
 * Against lttng-ref-sessiond, lttng_enable_consumer connects the relay daemon. The real
 * lttng-sessiond 2.13 answers it with -LTTNG_ERR_UND and connects the URIs itself when
 * tracing is set up, so the chain works there too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lttng/lttng.h>
#include <lttng-ctl-rs.h>

/* Prints the error of a failed call and exits with the LTTng code, as the lttng CLI does. */
static void check(int ret, const char *what)
{
	if (ret < 0) {
		fprintf(stderr, "Error: %s: %s\n", what, lttng_strerror(ret));
		exit(-ret);
	}
}

/* Writes a URI the way LTTng prints one: tcp4://127.0.0.1:5342/subdir or file:///path. */
static void print_uri(const struct lttng_uri *uri)
{
	switch (uri->dtype) {
	case LTTNG_DST_PATH:
		printf("file://%s", uri->dst.path);
		return;
	case LTTNG_DST_IPV6:
		printf("%s6://[%s]", uri->proto == LTTNG_UDP ? "udp" : "tcp", uri->dst.ipv6);
		break;
	case LTTNG_DST_IPV4:
		printf("%s4://%s", uri->proto == LTTNG_UDP ? "udp" : "tcp", uri->dst.ipv4);
		break;
	case LTTNG_DST_HOST:
		printf("%s://%s", uri->proto == LTTNG_UDP ? "udp" : "tcp", uri->dst.path);
		break;
	}
	/* Port 0 means the stream's default. */
	printf(":%u/%s", uri->port ? (unsigned) uri->port :
			 uri->stype == LTTNG_STREAM_CONTROL ? 5342u : 5343u,
	       uri->subdir);
}

int main(int argc, char **argv)
{
	struct lttng_uri *uris = NULL;
	struct lttng_domain domain;
	struct lttng_handle *consumer, *ust;
	struct lttng_event event;
	int count, ret;

	if (argc < 3) {
		fprintf(stderr, "usage: %s SESSION URI [COMMAND [ARGS...]]\n", argv[0]);
		return 1;
	}
	const char *session = argv[1];
	printf("library: %s\n", lttng_rs_version());

	/* 1. A session without output: its consumer is configured next. */
	check(lttng_create_session(session, NULL), "lttng_create_session");
	printf("[1/6] created session \"%s\"\n", session);

	/*
	 * 2. Parse the URI: net:// gives a control then a data URI; a path gives one local
	 * destination. Hops (HOP1,URI) come first as LTTNG_URI_HOP: no daemon supports them.
	 */
	count = lttng_uri_parse(argv[2], &uris);
	check(count, "lttng_uri_parse");

	/*
	 * 3. Set each URI on the session's consumer: a handle without a domain addresses the
	 * session's consumer template. Then enable the consumer.
	 */
	consumer = lttng_create_handle(session, NULL);
	for (int i = 0; i < count; i++) {
		if (uris[i].utype == LTTNG_URI_HOP) {
			fprintf(stderr, "Error: proxy (hop) not supported\n");
			return 1;
		}
		check(lttng_set_consumer_uri(consumer, &uris[i]), "lttng_set_consumer_uri");
		printf("[2/6] %s set to ", uris[i].dtype == LTTNG_DST_PATH ? "local output" :
					  uris[i].stype == LTTNG_STREAM_CONTROL ? "control URI" :
										  "data URI");
		print_uri(&uris[i]);
		printf("\n");
	}
	lttng_uri_free(uris);
	ret = lttng_enable_consumer(consumer);
	if (ret == -LTTNG_ERR_UND) {
		printf("[2/6] the session daemon connects the consumer itself (LTTng 2.13)\n");
	} else {
		check(ret, "lttng_enable_consumer");
		printf("[2/6] consumer enabled\n");
	}

	/* 4. Enable every user-space event (an empty name means "*"). */
	memset(&domain, 0, sizeof(domain));
	domain.type = LTTNG_DOMAIN_UST;
	domain.buf_type = LTTNG_BUFFER_PER_UID;
	ust = lttng_create_handle(session, &domain);
	memset(&event, 0, sizeof(event));
	event.type = LTTNG_EVENT_TRACEPOINT;
	event.loglevel = -1;
	check(lttng_enable_event(ust, &event, NULL), "lttng_enable_event");
	printf("[3/6] enabled user-space events \"%s\"\n", event.name);

	/* 5. Trace while the command runs. */
	check(lttng_start_tracing(session), "lttng_start_tracing");
	printf("[4/6] tracing started\n");
	fflush(stdout);
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

	/* 6. Stop (waits until every event reached the consumer) and destroy. */
	check(lttng_stop_tracing(session), "lttng_stop_tracing");
	printf("[5/6] tracing stopped, all data sent\n");
	check(lttng_destroy_session(session), "lttng_destroy_session");
	printf("[6/6] session destroyed\n");

	lttng_destroy_handle(ust);
	lttng_destroy_handle(consumer);
	return 0;
}
