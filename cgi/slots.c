/* slots.c — a cross-process limit on costly work: a byte-range lock per slot. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "slots.h"

/* Room for the lock file's path. */
#define SLOTS_PATH_MAX 512

/* The lock file, opened by this process: descriptions shared across fork share their locks. */
static int slots_file(struct slots *s, const char *socket)
{
	char path[SLOTS_PATH_MAX];

	if (s->fd >= 0 && s->pid == getpid())
		return s->fd;
	if (s->fd >= 0)
		close(s->fd);
	snprintf(path, sizeof path, "%s%s", socket, s->suffix);
	s->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	s->pid = getpid();
	return s->fd;
}

static int slot_lock(int fd, int slot, short type)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = slot, .l_len = 1 };

	return fcntl(fd, F_OFD_SETLK, &fl);
}

int slots_take(struct slots *s, const char *socket, int n, int wait_ms)
{
	struct timespec nap = { 0, 10 * 1000 * 1000 };
	int fd = slots_file(s, socket);

	if (fd < 0)
		return -1;
	for (int waited = 0; ; waited += 10) {
		for (int i = 0; i < n; i++)
			if (slot_lock(fd, i, F_WRLCK) == 0)
				return i;
		if (errno != EAGAIN && errno != EACCES)
			return -1;
		if (waited >= wait_ms)
			return SLOTS_BUSY;
		nanosleep(&nap, NULL);
	}
}

void slots_give(struct slots *s, int slot)
{
	if (s->fd >= 0 && slot >= 0)
		slot_lock(s->fd, slot, F_UNLCK);
}
