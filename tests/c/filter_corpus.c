/*
 * Filter corpus driver: one liblttng-ctl call per record, upstream API only.
 *
 *   filter_corpus RECORDS RESULTS
 *
 * RECORDS holds records separated by NUL bytes (so an expression may hold any other byte,
 * newlines included); the fields of a record are separated by 0x1f:
 *
 *   CALL DOMAIN LOGLEVEL_TYPE LOGLEVEL EVENT_NAME HAS_FILTER FILTER
 *
 * CALL: 'e' lttng_enable_event_with_filter, 'x' lttng_enable_event_with_exclusions (two
 * exclusions), 'd' lttng_disable_event_ext. DOMAIN: 'u' user space, 'j' JUL, 'l' log4j,
 * 'p' Python. HAS_FILTER '0' passes a NULL filter.
 *
 * The return code of each call goes to RESULTS, one per line. Not stdout: the real
 * library's lexer echoes the text of an unterminated `//` comment there.
 */
#include <lttng/lttng.h>
#include "check_lib.h"

#define MAX_FIELDS 7

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap + 1);

	CHECK(f && buf, "cannot read %s", path);
	for (;;) {
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n < cap)
			break;
		cap *= 2;
		buf = realloc(buf, cap + 1);
		CHECK(buf, "realloc");
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static enum lttng_domain_type domain_of(char c)
{
	switch (c) {
	case 'j':
		return LTTNG_DOMAIN_JUL;
	case 'l':
		return LTTNG_DOMAIN_LOG4J;
	case 'p':
		return LTTNG_DOMAIN_PYTHON;
	default:
		return LTTNG_DOMAIN_UST;
	}
}

static int run_record(char *rec)
{
	char *field[MAX_FIELDS];
	int n = 0;
	char *p = rec;

	field[n++] = p;
	while (n < MAX_FIELDS && (p = strchr(p, '\x1f')) != NULL) {
		*p++ = '\0';
		field[n++] = p;
	}
	CHECK(n == MAX_FIELDS, "malformed record (%d fields)", n);

	struct lttng_domain domain;
	memset(&domain, 0, sizeof(domain));
	domain.type = domain_of(field[1][0]);
	domain.buf_type = LTTNG_BUFFER_PER_UID;
	struct lttng_handle *h = lttng_create_handle("filters", &domain);
	CHECK(h, "create_handle");

	struct lttng_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.type = LTTNG_EVENT_TRACEPOINT;
	ev.loglevel_type = (enum lttng_loglevel_type) atoi(field[2]);
	ev.loglevel = atoi(field[3]);
	CHECK(strlen(field[4]) < sizeof(ev.name), "event name too long");
	strcpy(ev.name, field[4]);
	const char *filter = field[5][0] == '1' ? field[6] : NULL;

	int rc;
	char *excl[] = { "prov:skipped", "prov:also_skipped" };
	switch (field[0][0]) {
	case 'x':
		rc = lttng_enable_event_with_exclusions(h, &ev, "chan", (char *) filter, 2, excl);
		break;
	case 'd':
		rc = lttng_disable_event_ext(h, &ev, "chan", (char *) filter);
		break;
	default:
		rc = lttng_enable_event_with_filter(h, &ev, "chan", filter);
		break;
	}
	lttng_destroy_handle(h);
	return rc;
}

int main(int argc, char **argv)
{
	size_t len = 0;

	check_lib();
	CHECK(argc == 3, "usage: filter_corpus RECORDS RESULTS");
	char *all = read_all(argv[1], &len);
	FILE *out = fopen(argv[2], "w");
	CHECK(out, "cannot write %s", argv[2]);

	for (size_t start = 0; start < len;) {
		char *rec = all + start;
		size_t rec_len = strlen(rec);

		fprintf(out, "%d\n", run_record(rec));
		fflush(out);
		start += rec_len + 1;
	}
	fclose(out);
	free(all);
	return 0;
}
