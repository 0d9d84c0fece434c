/*
 * A program that claims to carry its own copy of upstream's object code (it defines and
 * exports lttng_trigger_create and lttng_notification_destroy, as the Debian binaries do)
 * whose objects are not upstream 2.13.9's: this library's run-time check must refuse it
 * before touching any of its memory. The program's definitions abort if ever called.
 * Against tests/python/notification_standin.py; on our library only.
 */
#include <lttng/lttng.h>
#include <stdio.h>
#include <stdlib.h>

#include "check_lib.h"

struct lttng_trigger *lttng_trigger_create(struct lttng_condition *condition,
					   struct lttng_action *action)
{
	(void) condition;
	(void) action;
	abort();
}

void lttng_notification_destroy(struct lttng_notification *notification)
{
	(void) notification;
	abort();
}

int main(void)
{
	static char not_a_trigger[256];
	struct lttng_notification_channel *ch;
	struct lttng_condition *c = lttng_condition_session_rotation_ongoing_create();
	struct lttng_notification *n = (void *) 1;
	int ret;

	check_lib();
	setvbuf(stdout, NULL, _IONBF, 0);
	lttng_condition_session_rotation_set_session_name(c, "s1");
	ch = lttng_notification_channel_create(lttng_session_daemon_notification_endpoint);
	CHECK(ch, "channel");
	/* This library's own condition: served. */
	printf("subscribe -> %d\n", lttng_notification_channel_subscribe(ch, c));
	/* A notification of the program's kind cannot be built: ERROR, nothing returned. */
	ret = lttng_notification_channel_get_next_notification(ch, &n);
	printf("get_next -> %d %s\n", ret, n ? "notification" : "NULL");
	/* A pointer of the program's: not used. */
	printf("subscribe(program's) -> %d\n",
	       lttng_notification_channel_subscribe(ch, (struct lttng_condition *) not_a_trigger));
	printf("register(program's) -> %d\n",
	       lttng_register_trigger_with_name((struct lttng_trigger *) not_a_trigger, "x"));
	lttng_notification_channel_destroy(ch);
	lttng_condition_destroy(c);
	return 0;
}
