/*
 * Objects of the library passed back after they were released, or where another kind of
 * object is expected, or pointers the library never returned: each call is refused with
 * the function's invalid-argument value (no crash, no read of the memory, no double free).
 * Run on this library only (the real one's behaviour here is undefined); under valgrind by
 * tests/ffi_kit.rs.
 */
#include <lttng/lttng.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "lttng-ctl-rs.h"
#include "check_lib.h"

int main(void)
{
	struct lttng_session_descriptor *d;
	struct lttng_rotation_schedule *sched;
	struct lttng_snapshot_output *out;
	struct lttng_save_session_attr *save;
	struct lttng_load_session_attr *load;
	struct lttng_handle *h;
	const char *name = NULL;
	uint64_t value = 0;
	char junk[64] = { 0 };

	check_lib();

	/* Released objects. */
	d = lttng_session_descriptor_create("kit");
	CHECK(d, "descriptor");
	CHECK(lttng_session_descriptor_get_session_name(d, &name) ==
		      LTTNG_SESSION_DESCRIPTOR_STATUS_OK,
	      "live descriptor");
	lttng_session_descriptor_destroy(d);
	name = NULL;
	CHECK(lttng_session_descriptor_get_session_name(d, &name) ==
		      LTTNG_SESSION_DESCRIPTOR_STATUS_INVALID && !name,
	      "released descriptor refused");
	lttng_session_descriptor_destroy(d); /* no double free */
	printf("released descriptor: refused\n");

	sched = lttng_rotation_schedule_size_threshold_create();
	CHECK(lttng_rotation_schedule_size_threshold_set_threshold(sched, 4096) ==
		      LTTNG_ROTATION_STATUS_OK,
	      "live schedule");
	lttng_rotation_schedule_destroy(sched);
	CHECK(lttng_rotation_schedule_size_threshold_get_threshold(sched, &value) ==
		      LTTNG_ROTATION_STATUS_INVALID,
	      "released schedule refused");
	CHECK(lttng_rotation_schedule_get_type(sched) == LTTNG_ROTATION_SCHEDULE_TYPE_UNKNOWN,
	      "released schedule type");
	lttng_rotation_schedule_destroy(sched);
	printf("released schedule: refused\n");

	out = lttng_snapshot_output_create();
	lttng_snapshot_output_destroy(out);
	CHECK(lttng_snapshot_output_set_name("x", out) == -LTTNG_ERR_INVALID,
	      "released output refused");
	CHECK(lttng_snapshot_output_get_name(out) == NULL, "released output name");
	lttng_snapshot_output_destroy(out);
	printf("released snapshot output: refused\n");

	save = lttng_save_session_attr_create();
	lttng_save_session_attr_destroy(save);
	CHECK(lttng_save_session_attr_set_overwrite(save, 1) == -LTTNG_ERR_INVALID,
	      "released save attributes refused");
	lttng_save_session_attr_destroy(save);
	printf("released save attributes: refused\n");

	h = lttng_create_handle("kit", NULL);
	lttng_destroy_handle(h);
	lttng_destroy_handle(h); /* no double free */
	printf("released handle: destroyed once\n");

	/* Another kind of object where one is expected. */
	load = lttng_load_session_attr_create();
	sched = lttng_rotation_schedule_periodic_create();
	CHECK(lttng_session_descriptor_get_session_name((void *)load, &name) ==
		      LTTNG_SESSION_DESCRIPTOR_STATUS_INVALID,
	      "load attributes as a descriptor refused");
	CHECK(lttng_save_session_attr_set_overwrite((void *)load, 1) == -LTTNG_ERR_INVALID,
	      "load attributes as save attributes refused");
	CHECK(lttng_rotation_schedule_periodic_get_period((void *)load, &value) ==
		      LTTNG_ROTATION_STATUS_INVALID,
	      "load attributes as a schedule refused");
	lttng_session_descriptor_destroy((void *)sched); /* not freed: wrong kind */
	CHECK(lttng_rotation_schedule_periodic_set_period(sched, 1000) == LTTNG_ROTATION_STATUS_OK,
	      "the schedule survived");
	lttng_rotation_schedule_destroy(sched);
	lttng_load_session_attr_destroy(load);
	printf("wrong kind: refused\n");

	/* Pointers the library never returned. */
	CHECK(lttng_session_descriptor_get_session_name((void *)junk, &name) ==
		      LTTNG_SESSION_DESCRIPTOR_STATUS_INVALID,
	      "foreign pointer refused");
	lttng_session_descriptor_destroy((void *)junk);
	lttng_snapshot_output_destroy((void *)junk);
	lttng_destroy_handle((void *)junk);
	printf("foreign pointers: refused\n");
	return 0;
}
