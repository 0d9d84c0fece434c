/*
 * Which session daemon a call reaches, as the process's settings change between calls:
 * the tracing group (lttng_set_tracing_group) and LTTNG_HOME. Each daemon of the test holds
 * one session named after it, so the listed name says which socket answered.
 *
 *   socket_choice HOME2       LTTNG_HOME is the first home when it starts
 */
#include <lttng/lttng.h>
#include <stdio.h>
#include <stdlib.h>

#include "check_lib.h"

static void which(const char *step)
{
	struct lttng_session *s = NULL;
	int n = lttng_list_sessions(&s);

	printf("%s:", step);
	if (n < 0) {
		printf(" error %d\n", n);
		return;
	}
	for (int i = 0; i < n; i++) {
		printf(" %s", s[i].name);
	}
	printf("\n");
	free(s);
}

int main(int argc, char **argv)
{
	CHECK(argc == 2, "usage: socket_choice HOME2");
	check_lib();
	which("start");
	which("again");
	CHECK(lttng_set_tracing_group("no-such-group") == 0, "set_tracing_group");
	which("group no-such-group");
	CHECK(setenv("LTTNG_HOME", argv[1], 1) == 0, "setenv");
	which("second home");
	CHECK(lttng_set_tracing_group("tracing") == 0, "set_tracing_group");
	which("group tracing");
	CHECK(lttng_set_tracing_group("tracing") == 0, "set_tracing_group");
	which("group tracing again");
	return 0;
}
