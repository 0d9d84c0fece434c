/*
 * A daemon that answers before reading a request's payload and closes: the library must
 * return the daemon's answer, and never kill its host with SIGPIPE (SIGPIPE is left at its
 * default action here). The payload (2000 exclusions) is larger than a socket buffer, so
 * the library is still sending when the daemon closes.
 */
#include <lttng/lttng.h>
#include <signal.h>
#include "check_lib.h"

int main(void)
{
	static char names[2000][200];
	char *list[2000];
	struct lttng_domain ust;
	struct lttng_event ev;

	setvbuf(stdout, NULL, _IONBF, 0);
	check_lib();
	signal(SIGPIPE, SIG_DFL);
	for (int i = 0; i < 2000; i++) {
		snprintf(names[i], sizeof(names[i]), "provider:event_%0180d", i);
		list[i] = names[i];
	}
	memset(&ust, 0, sizeof(ust));
	ust.type = LTTNG_DOMAIN_UST;
	ust.buf_type = LTTNG_BUFFER_PER_UID;
	struct lttng_handle *h = lttng_create_handle("early", &ust);
	memset(&ev, 0, sizeof(ev));
	strcpy(ev.name, "provider:*");
	int rc = lttng_enable_event_with_exclusions(h, &ev, NULL, NULL, 2000, list);
	printf("enable_event: %d (%s)\n", rc, lttng_strerror(rc));
	lttng_destroy_handle(h);
	return rc == -LTTNG_ERR_RELAYD_CONNECT_FAIL ? 0 : 1;
}
