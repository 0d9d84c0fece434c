/*
 * An rtld-audit module (LD_AUDIT) for scripts/upstream-tests.sh: every process of a test that
 * loads a liblttng-ctl appends to $UPSTREAM_TESTS_LOADLOG one line,
 *     <pid> <executable> <device major:minor> <inode> <path>
 * taken from its own /proc/self/maps once the library is mapped, so that the run can prove
 * which file (ours or upstream's) each program mapped. It changes nothing else.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

unsigned int la_version(unsigned int version)
{
	return version < LAV_CURRENT ? version : LAV_CURRENT;
}

static void log_mapping(const char *name)
{
	const char *log = getenv("UPSTREAM_TESTS_LOADLOG");
	char exe[512], line[2048], out[3072];
	FILE *maps;
	ssize_t n;
	int fd, len = 0;

	if (!log)
		return;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	maps = fopen("/proc/self/maps", "re");
	if (!maps)
		return;
	while (fgets(line, sizeof(line), maps)) {
		char dev[32], path[1024] = "";
		unsigned long inode;

		/* address perms offset dev inode path */
		if (sscanf(line, "%*s %*s %*s %31s %lu %1023s", dev, &inode, path) == 3 &&
		    strstr(path, "liblttng-ctl")) {
			len = snprintf(out, sizeof(out), "%d %s %s %lu %s\n", (int) getpid(), exe, dev,
				       inode, path);
			break;
		}
	}
	fclose(maps);
	if (len <= 0) /* not found in the maps: say so, with the name the loader used */
		len = snprintf(out, sizeof(out), "%d %s - 0 %s\n", (int) getpid(), exe, name);
	fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	if (write(fd, out, (size_t) len) < 0) {
		/* nothing to do: the log is evidence, not part of the test */
	}
	close(fd);
}

unsigned int la_objopen(struct link_map *map, Lmid_t lmid, uintptr_t *cookie)
{
	(void) lmid;
	(void) cookie;
	if (map->l_name && strstr(map->l_name, "liblttng-ctl"))
		log_mapping(map->l_name);
	return 0;
}
