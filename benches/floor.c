/*
 * The floor of the control path, for benches/compare.rs: a minimal client that sends given
 * request bytes to the session daemon the cheapest correct way and reads the whole reply.
 * No library: per request one socket, one connect, one sendmsg carrying the request and
 * SCM_CREDENTIALS (pid, euid, egid computed once), recv until the reply is complete (one
 * recv when the daemon sent it in one piece), close.
 *
 *   floor lib                           prints "floor"
 *   floor calls N WARMUP FILE...        WARMUP untimed then N timed calls; a call sends each
 *                                       FILE (one request: the 13156-byte header and its
 *                                       payload, as the library sent it) in order, each on
 *                                       its own connection; one line per call: nanoseconds
 *
 * The socket is $LTTNG_HOME/.lttng/client-lttng-sessiond (the benches run it as an
 * unprivileged user outside the tracing group, as they run the libraries). The request
 * files are recorded from the libraries by the bench, which checks that ours and the real
 * one send the same bytes.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define REPLY_HEADER_LEN 24
#define CMD_DESTROY_SESSION 9
#define CMD_CREATE_SESSION_EXT 49
#define LTTNG_OK 10

struct request {
	char *bytes;
	size_t len;
	uint32_t cmd;
};

static struct sockaddr_un addr;
static struct ucred creds;
static char reply[1 << 20];

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void load(const char *path, struct request *req)
{
	FILE *f = fopen(path, "rb");
	long len;

	if (!f || fseek(f, 0, SEEK_END) || (len = ftell(f)) < 4 || fseek(f, 0, SEEK_SET)) {
		die(path);
	}
	req->bytes = malloc((size_t)len);
	if (!req->bytes || fread(req->bytes, 1, (size_t)len, f) != (size_t)len) {
		die(path);
	}
	fclose(f);
	req->len = (size_t)len;
	memcpy(&req->cmd, req->bytes, sizeof(req->cmd));
}

/* One request on its own connection; the reply's code. */
static uint32_t exchange(const struct request *req)
{
	char control[CMSG_SPACE(sizeof(struct ucred))];
	struct iovec iov = { req->bytes, req->len };
	struct msghdr msg = { 0 };
	struct cmsghdr *cmsg;
	uint32_t words[6] = { 0 };
	size_t got = 0, want = REPLY_HEADER_LEN;
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		die("connect");
	}
	memset(control, 0, sizeof(control));
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = control;
	msg.msg_controllen = CMSG_LEN(sizeof(creds));
	cmsg = CMSG_FIRSTHDR(&msg);
	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_CREDENTIALS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(creds));
	memcpy(CMSG_DATA(cmsg), &creds, sizeof(creds));
	if (sendmsg(fd, &msg, MSG_NOSIGNAL) != (ssize_t)req->len) {
		die("sendmsg");
	}
	while (got < want) {
		ssize_t n = recv(fd, reply + got, sizeof(reply) - got, 0);

		if (n <= 0) {
			die("recv");
		}
		got += (size_t)n;
		if (want == REPLY_HEADER_LEN && got >= REPLY_HEADER_LEN) {
			memcpy(words, reply, sizeof(words));
			want += (size_t)words[3] + words[4];
			if (want > sizeof(reply)) {
				die("reply too large");
			}
		}
	}
	close(fd);
	return words[1];
}

static void call(const struct request *reqs, int n)
{
	for (int i = 0; i < n; i++) {
		uint32_t code = exchange(&reqs[i]);

		if ((reqs[i].cmd == CMD_CREATE_SESSION_EXT || reqs[i].cmd == CMD_DESTROY_SESSION) &&
		    code != LTTNG_OK) {
			fprintf(stderr, "floor: command %u answered %u\n", reqs[i].cmd, code);
			exit(1);
		}
	}
}

int main(int argc, char **argv)
{
	const char *home = getenv("LTTNG_HOME");
	struct request *reqs;
	long n, warmup;
	uint64_t *t;
	int nreq;

	if (argc == 2 && !strcmp(argv[1], "lib")) {
		printf("floor\n");
		return 0;
	}
	if (argc < 5 || strcmp(argv[1], "calls") || !home) {
		fprintf(stderr, "usage: see the comment at the top of benches/floor.c\n");
		return 2;
	}
	addr.sun_family = AF_UNIX;
	if (snprintf(addr.sun_path, sizeof(addr.sun_path), "%s/.lttng/client-lttng-sessiond",
		     home) >= (int)sizeof(addr.sun_path)) {
		return 2;
	}
	creds.pid = getpid();
	creds.uid = geteuid();
	creds.gid = getegid();
	n = atol(argv[2]);
	warmup = atol(argv[3]);
	nreq = argc - 4;
	reqs = calloc((size_t)nreq, sizeof(*reqs));
	t = calloc((size_t)n + 1, sizeof(*t));
	if (!reqs || !t) {
		return 1;
	}
	for (int i = 0; i < nreq; i++) {
		load(argv[4 + i], &reqs[i]);
	}
	for (long i = 0; i < warmup; i++) {
		call(reqs, nreq);
	}
	for (long i = 0; i < n; i++) {
		uint64_t t0 = now_ns();

		call(reqs, nreq);
		t[i] = now_ns() - t0;
	}
	for (long i = 0; i < n; i++) {
		printf("%llu\n", (unsigned long long)t[i]);
	}
	return 0;
}
