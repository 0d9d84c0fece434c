/*
 * Shared by the C test programs: prove which liblttng-ctl answered.
 *
 * Our library exports lttng_rs_version(); the real one does not. A program expects ours
 * unless LTTNG_CTL_EXPECT_REAL=1 (differential runs against the real library).
 */
#ifndef CHECK_LIB_H
#define CHECK_LIB_H

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline void check_lib(void)
{
	const char *(*version)(void) = (const char *(*)(void)) dlsym(RTLD_DEFAULT, "lttng_rs_version");
	const char *expect_real = getenv("LTTNG_CTL_EXPECT_REAL");
	int want_real = expect_real && strcmp(expect_real, "1") == 0;

	if (want_real && version) {
		fprintf(stderr, "FATAL: expected the real liblttng-ctl, loaded %s\n", version());
		exit(99);
	}
	if (!want_real && !version) {
		fprintf(stderr, "FATAL: expected lttng-ctl (Rust), loaded the system liblttng-ctl\n");
		exit(99);
	}
	fprintf(stderr, "library: %s\n", version ? version() : "real liblttng-ctl");
}

#define CHECK(cond, ...)                                                                   \
	do {                                                                               \
		if (!(cond)) {                                                             \
			fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                \
			fprintf(stderr, __VA_ARGS__);                                      \
			fprintf(stderr, "\n");                                             \
			exit(1);                                                           \
		}                                                                          \
	} while (0)

#endif
