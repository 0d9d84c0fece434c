/* Prints lttng_strerror() for a range of codes; run on both libraries and compared. */
#include <limits.h>
#include <lttng/lttng.h>
#include "check_lib.h"

int main(void)
{
	int extremes[] = { INT_MIN, INT_MIN + 1, -1000, 1000, INT_MAX };

	check_lib();
	for (int code = -200; code <= 200; code++) {
		const char *text = lttng_strerror(code);
		printf("%d\t%s\n", code, text ? text : "(NULL)");
	}
	for (size_t i = 0; i < sizeof(extremes) / sizeof(extremes[0]); i++) {
		const char *text = lttng_strerror(extremes[i]);
		printf("%d\t%s\n", extremes[i], text ? text : "(NULL)");
	}
	return 0;
}
