/* A traced application for the Python package's tests: emits N pycap:sample events
 * (n = 0..N-1, text "sample <n>", values {n, 2n, 3n}), SLEEP_US microseconds apart.
 *
 *   py_capture_app N [SLEEP_US]
 *
 * Link with -llttng-ust -ldl. */
#define TRACEPOINT_DEFINE
#define TRACEPOINT_CREATE_PROBES
#include "py_capture_tp.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1;
	long sleep_us = argc > 2 ? atol(argv[2]) : 0;

	for (int i = 0; i < n; i++) {
		char text[32];
		int values[3] = { i, 2 * i, 3 * i };

		snprintf(text, sizeof(text), "sample %d", i);
		tracepoint(pycap, sample, i, text, values);
		if (sleep_us > 0)
			usleep(sleep_us);
	}
	return 0;
}
