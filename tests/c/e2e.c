/*
 * End to end on a real session daemon and relay daemon:
 *   e2e url SESSION URL APP COUNT         lttng_create_session(SESSION, URL)
 * Built with -DNO_DESIGN_API (only the upstream API) it links to the real library and
 * runs on ours through LD_LIBRARY_PATH; built in full it links to ours.
 *   e2e uri SESSION HOST CPORT DPORT APP COUNT
 *                                         lttng_create_session(SESSION, NULL), then the
 *                                         design API: lttng_set_consumer_uri() for control
 *                                         and data, built by hand in C
 * then: enable every user-space event, start, run APP (COUNT tracef events), stop, destroy.
 */
#include <lttng/lttng.h>
#ifndef NO_DESIGN_API
#include "design_common.h"
#endif
#include "check_lib.h"

#include <sys/wait.h>
#include <unistd.h>

static void run_app(const char *app, const char *count)
{
	pid_t pid = fork();

	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		execl(app, app, count, (char *) NULL);
		_exit(127);
	}
	int status = 0;
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "app failed (%d)", status);
}


int main(int argc, char **argv)
{
	int ret;
	const char *session, *app, *count;
	struct lttng_domain domain;
	struct lttng_handle *handle;

	setvbuf(stdout, NULL, _IONBF, 0);
	check_lib();
	CHECK(argc >= 5, "usage");
	session = argv[2];
	memset(&domain, 0, sizeof(domain));
	domain.type = LTTNG_DOMAIN_UST;
	domain.buf_type = LTTNG_BUFFER_PER_UID;

	if (strcmp(argv[1], "url") == 0) {
		CHECK(argc == 6, "usage");
		app = argv[4];
		count = argv[5];
		ret = lttng_create_session(session, argv[3]);
		CHECK(ret == 0, "create_session: %d %s", ret, lttng_strerror(ret));
		handle = lttng_create_handle(session, &domain);
		CHECK(handle, "create_handle");
	} else {
#ifdef NO_DESIGN_API
		CHECK(0, "built without the design API");
#else
		CHECK(argc == 8, "usage");
		app = argv[6];
		count = argv[7];
		ret = lttng_create_session(session, NULL);
		CHECK(ret == 0, "create_session: %d %s", ret, lttng_strerror(ret));
		handle = lttng_create_handle(session, &domain);
		CHECK(handle, "create_handle");
		/*
		 * The consumer template belongs to the session, not to a domain: set it
		 * through a handle without a domain, so that the daemon does not set up
		 * the user-space consumer (and its relay connection) before both URIs
		 * are known.
		 */
		struct lttng_handle *session_handle = lttng_create_handle(session, NULL);
		CHECK(session_handle, "create_handle");
		struct lttng_uri ctrl = uri(LTTNG_STREAM_CONTROL, argv[3], atoi(argv[4]));
		struct lttng_uri data = uri(LTTNG_STREAM_DATA, argv[3], atoi(argv[5]));
		ret = lttng_set_consumer_uri(session_handle, &ctrl);
		CHECK(ret == 0, "set_consumer_uri(control): %d %s", ret, lttng_strerror(ret));
		ret = lttng_set_consumer_uri(session_handle, &data);
		CHECK(ret == 0, "set_consumer_uri(data): %d %s", ret, lttng_strerror(ret));
		lttng_destroy_handle(session_handle);
#endif
	}

	struct lttng_event event;
	memset(&event, 0, sizeof(event));
	event.type = LTTNG_EVENT_TRACEPOINT;
	event.loglevel = -1;
	ret = lttng_enable_event(handle, &event, NULL);
	CHECK(ret == 0, "enable_event: %d %s", ret, lttng_strerror(ret));
	CHECK(strcmp(event.name, "*") == 0, "empty name not rewritten to *");

	ret = lttng_start_tracing(session);
	CHECK(ret == 0, "start: %d %s", ret, lttng_strerror(ret));
	run_app(app, count);
	ret = lttng_stop_tracing(session);
	CHECK(ret == 0, "stop: %d %s", ret, lttng_strerror(ret));

	struct lttng_session *sessions = NULL;
	int n = lttng_list_sessions(&sessions);
	CHECK(n >= 1, "list_sessions: %d", n);
	for (int i = 0; i < n; i++)
		if (strcmp(sessions[i].name, session) == 0)
			printf("output: %s\n", sessions[i].path);
	free(sessions);

	ret = lttng_destroy_session(session);
	CHECK(ret == 0, "destroy: %d %s", ret, lttng_strerror(ret));
	lttng_destroy_handle(handle);
	printf("done\n");
	return 0;
}
