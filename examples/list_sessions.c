/*
 * Lists the recording sessions of the session daemon with their outputs, like `lttng list`
 * and `lttng list SESSION`, through the 2.13 API only: an existing program of this kind
 * runs unchanged on lttng-ctl (LD_LIBRARY_PATH=<dir with liblttng-ctl.so.0> ./list_sessions).
 *
 * Usage: list_sessions
 *
 * For each session: name, state, kind (regular, snapshot, live), output (a local path,
 * tcp4://HOST:CTRL/ [data: DATA] for a relay daemon, or none), creation time, then the
 * channels of each domain with their event rules and discarded-event counts.
 *
 * Build against the system library (then run it on lttng-ctl with LD_LIBRARY_PATH):
 *   cc -Wall -Wextra list_sessions.c -o list_sessions -llttng-ctl
 */
#include <dlfcn.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <lttng/lttng.h>

static const char *domain_name(enum lttng_domain_type type)
{
	switch (type) {
	case LTTNG_DOMAIN_KERNEL:
		return "kernel";
	case LTTNG_DOMAIN_UST:
		return "user space";
	case LTTNG_DOMAIN_JUL:
		return "JUL";
	case LTTNG_DOMAIN_LOG4J:
		return "log4j";
	case LTTNG_DOMAIN_PYTHON:
		return "Python";
	default:
		return "unknown domain";
	}
}

/* The channels of one domain, with their event rules. */
static void list_channels(const char *session, struct lttng_domain *domain)
{
	struct lttng_handle *handle = lttng_create_handle(session, domain);
	struct lttng_channel *channels = NULL;
	int count = lttng_list_channels(handle, &channels);

	if (count < 0) {
		printf("    (channels: %s)\n", lttng_strerror(count));
	}
	for (int i = 0; i < count; i++) {
		uint64_t discarded = 0;
		struct lttng_event *events = NULL;

		lttng_channel_get_discarded_event_count(&channels[i], &discarded);
		printf("    channel %s [%s], %" PRIu64 " x %" PRIu64 " bytes, %" PRIu64
		       " discarded events\n",
		       channels[i].name, channels[i].enabled ? "enabled" : "disabled",
		       channels[i].attr.num_subbuf, channels[i].attr.subbuf_size, discarded);
		int n = lttng_list_events(handle, channels[i].name, &events);
		for (int j = 0; j < n; j++) {
			printf("      event rule %s [%s]\n", events[j].name,
			       events[j].enabled ? "enabled" : "disabled");
		}
		free(events); /* one block, as the list functions return them */
	}
	free(channels);
	lttng_destroy_handle(handle);
}

int main(void)
{
	/* Which liblttng-ctl is this? lttng-ctl exports lttng_rs_version; the real one does not. */
	const char *(*version)(void) = (const char *(*)(void)) dlsym(RTLD_DEFAULT, "lttng_rs_version");
	printf("library: %s\n", version ? version() : "liblttng-ctl (LTTng)");

	struct lttng_session *sessions = NULL;
	int count = lttng_list_sessions(&sessions);
	if (count < 0) {
		fprintf(stderr, "Error: %s\n", lttng_strerror(count));
		return -count;
	}
	printf("%d session%s\n", count, count == 1 ? "" : "s");
	for (int i = 0; i < count; i++) {
		struct lttng_session *s = &sessions[i];
		uint64_t created = 0;
		char when[32] = "?";

		if (lttng_session_get_creation_time(s, &created) == LTTNG_OK) {
			time_t t = (time_t) created;
			strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", localtime(&t));
		}
		printf("%s [%s] %s\n", s->name, s->enabled ? "active" : "inactive",
		       s->snapshot_mode         ? "snapshot" :
		       s->live_timer_interval ? "live" :
						"regular");
		printf("  output:  %s\n", s->path[0] ? s->path : "none");
		printf("  created: %s\n", when);

		struct lttng_domain *domains = NULL;
		int n = lttng_list_domains(s->name, &domains);
		for (int d = 0; d < n; d++) {
			printf("  %s domain\n", domain_name(domains[d].type));
			list_channels(s->name, &domains[d]);
		}
		free(domains);
	}
	free(sessions);
	return 0;
}
