/*
 * The notification channel against tests/python/notification_standin.py (a stand-in for
 * the session daemon's notification socket under $LTTNG_HOME): the order of the
 * notifications queued during a command (newest first, a dropped marker in its place),
 * a wait interrupted by a signal, the 100-entry limit, a blocking wait, a notification that
 * does not decode, the daemon going away. Run on the real library and on ours
 * (tests/notification_channel.rs): the outputs must be identical.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <lttng/lttng.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check_lib.h"

static void on_alarm(int sig)
{
	(void) sig;
}

/* One get_next: its status, and the notification's trigger name and rotation id. */
static void next(struct lttng_notification_channel *ch, const char *what)
{
	struct lttng_notification *n = (void *) 1;
	enum lttng_notification_channel_status st =
		lttng_notification_channel_get_next_notification(ch, &n);

	printf("%s: get_next -> %d", what, st);
	if (n == NULL) {
		printf(" (NULL)");
	} else if (n != (void *) 1) {
		const char *name = NULL;
		uint64_t id = 0;

		lttng_trigger_get_name(lttng_notification_get_trigger(n), &name);
		lttng_evaluation_session_rotation_get_id(lttng_notification_get_evaluation(n), &id);
		printf(" %s id %" PRIu64, name, id);
		lttng_notification_destroy(n);
	}
	printf("\n");
}

static void pending(struct lttng_notification_channel *ch, const char *what)
{
	bool p = true;
	int st;

	*(unsigned char *) &p = 42;
	st = lttng_notification_channel_has_pending_notification(ch, &p);
	printf("%s: has_pending -> %d, %s\n", what, st,
	       *(unsigned char *) &p == 42 ? "unwritten" : (p ? "true" : "false"));
}

int main(void)
{
	struct lttng_notification_channel *ch;
	struct lttng_condition *c = lttng_condition_session_rotation_ongoing_create();
	struct sigaction sa;
	int queued = 0;

	check_lib();
	setvbuf(stdout, NULL, _IONBF, 0);
	lttng_condition_session_rotation_set_session_name(c, "s1");
	ch = lttng_notification_channel_create(lttng_session_daemon_notification_endpoint);
	CHECK(ch, "channel");

	printf("subscribe -> %d\n", lttng_notification_channel_subscribe(ch, c));
	for (int i = 0; i < 4; i++) {
		pending(ch, "queued");
		next(ch, "queued");
	}
	pending(ch, "empty");

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	alarm(1);
	next(ch, "interrupted");

	printf("subscribe again -> %d\n", lttng_notification_channel_subscribe(ch, c));
	for (;;) {
		bool p = false;
		struct lttng_notification *n = NULL;
		enum lttng_notification_channel_status st;

		CHECK(lttng_notification_channel_has_pending_notification(ch, &p) == 0, "pending");
		if (!p) {
			break;
		}
		st = lttng_notification_channel_get_next_notification(ch, &n);
		if (queued == 0 || !n) {
			const char *name = NULL;

			if (n) {
				lttng_trigger_get_name(lttng_notification_get_trigger(n), &name);
			}
			printf("limit: entry %d: status %d %s\n", queued, st, name ? name : "(NULL)");
		}
		lttng_notification_destroy(n);
		queued++;
	}
	printf("limit: %d entries\n", queued);

	printf("unsubscribe -> %d\n", lttng_notification_channel_unsubscribe(ch, c));
	next(ch, "blocking");
	printf("unsubscribe again -> %d\n", lttng_notification_channel_unsubscribe(ch, c));
	usleep(200000);
	pending(ch, "malformed");
	usleep(600000);
	next(ch, "closed");
	pending(ch, "closed");
	lttng_notification_channel_destroy(ch);
	lttng_condition_destroy(c);
	return 0;
}
