/*
 * The traced app of the notification benchmark: N tracef() events whose message is the
 * CLOCK_MONOTONIC time in nanoseconds, RATE per second (0: as fast as it can).
 * Link with -llttng-ust -ldl.
 */
#include <lttng/tracef.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t) ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000;
	long rate = argc > 2 ? atol(argv[2]) : 0;
	uint64_t start = now_ns();

	for (long i = 0; i < n; i++) {
		if (rate > 0) {
			uint64_t due = start + (uint64_t) i * 1000000000ULL / rate;

			while (now_ns() < due) {
				struct timespec d = { 0, 20000 };

				nanosleep(&d, NULL);
			}
		}
		tracef("%llu", (unsigned long long) now_ns());
	}
	return 0;
}
