/*
 * A filter on a real traced application, upstream API only:
 *
 *   filter_e2e SESSION URL APP COUNT FILTER
 *
 * creates SESSION streaming to URL, enables every user-space event with FILTER, checks
 * that the daemon lists the rule with that filter text, starts, runs APP (COUNT tracef()
 * events "tick N"), stops and destroys the session.
 */
#include <lttng/lttng.h>
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
	setvbuf(stdout, NULL, _IONBF, 0);
	check_lib();
	CHECK(argc == 6, "usage: filter_e2e SESSION URL APP COUNT FILTER");
	const char *session = argv[1], *url = argv[2], *app = argv[3], *count = argv[4];
	const char *filter = argv[5];

	int ret = lttng_create_session(session, url);
	CHECK(ret == 0, "create_session: %d %s", ret, lttng_strerror(ret));
	struct lttng_domain domain;
	memset(&domain, 0, sizeof(domain));
	domain.type = LTTNG_DOMAIN_UST;
	domain.buf_type = LTTNG_BUFFER_PER_UID;
	struct lttng_handle *handle = lttng_create_handle(session, &domain);
	CHECK(handle, "create_handle");

	struct lttng_event event;
	memset(&event, 0, sizeof(event));
	event.type = LTTNG_EVENT_TRACEPOINT;
	event.loglevel = -1;
	strcpy(event.name, "lttng_ust_tracef:*");
	ret = lttng_enable_event_with_filter(handle, &event, NULL, filter);
	CHECK(ret == 0, "enable_event_with_filter: %d %s", ret, lttng_strerror(ret));

	struct lttng_event *events = NULL;
	int n = lttng_list_events(handle, "channel0", &events);
	CHECK(n == 1, "list_events: %d", n);
	const char *listed = NULL;
	ret = lttng_event_get_filter_expression(&events[0], &listed);
	CHECK(ret == 0 && listed, "get_filter_expression: %d", ret);
	printf("listed: %s filter=[%s]\n", events[0].name, listed);
	CHECK(strcmp(listed, filter) == 0, "the daemon lists another filter");
	free(events);

	ret = lttng_start_tracing(session);
	CHECK(ret == 0, "start: %d %s", ret, lttng_strerror(ret));
	run_app(app, count);
	ret = lttng_stop_tracing(session);
	CHECK(ret == 0, "stop: %d %s", ret, lttng_strerror(ret));
	ret = lttng_destroy_session(session);
	CHECK(ret == 0, "destroy: %d %s", ret, lttng_strerror(ret));
	lttng_destroy_handle(handle);
	printf("done\n");
	return 0;
}
