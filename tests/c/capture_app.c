/*
 * A traced application with a tracepoint of every field kind (tests/c/capture_tp.h):
 * N events captest:ev (default 2), one per 100 ms. Link with -llttng-ust -ldl.
 */
#define TRACEPOINT_DEFINE
#define TRACEPOINT_CREATE_PROBES
#include "capture_tp.h"

#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 2;
	const int32_t arr[3] = { -1, 0, 2147483647 };
	const char *texts[] = { "first", "second" };

	for (int i = 0; i < n; i++) {
		tracepoint(captest, ev, i, texts[i % 2], arr, (unsigned int) (i % 2 ? 3 : 1));
		usleep(100000);
	}
	return 0;
}
