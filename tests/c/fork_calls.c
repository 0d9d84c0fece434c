/*
 * Calls before and after fork(): the child's requests carry the child's credentials.
 * Prints the number of sessions each process lists.
 */
#include <lttng/lttng.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_lib.h"

static int count(void)
{
	struct lttng_session *s = NULL;
	int n = lttng_list_sessions(&s);

	free(s);
	return n;
}

int main(void)
{
	int status;
	pid_t child;

	check_lib();
	printf("parent: %d\n", count());
	fflush(stdout);
	child = fork();
	CHECK(child >= 0, "fork");
	if (child == 0) {
		printf("child: %d\n", count());
		printf("child again: %d\n", count());
		fflush(stdout);
		_exit(0);
	}
	CHECK(waitpid(child, &status, 0) == child && WIFEXITED(status) && !WEXITSTATUS(status),
	      "child");
	printf("parent after: %d\n", count());
	return 0;
}
