/* A traced application for the examples: emits N tracef() events ("tick %d"). Link with -llttng-ust -ldl. */
#include <lttng/tracef.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1000;

	for (int i = 0; i < n; i++)
		tracef("tick %d", i);
	return 0;
}
