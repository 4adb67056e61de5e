/* files.c — files written aside and renamed into place (the stash's uploads, the photos). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "files.h"

static int write_all(int fd, const unsigned char *p, size_t len)
{
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int file_put(const char *tmp, const char *path, const void *data, size_t len, int mode, int sync)
{
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode), rc, saved;

	if (fd < 0)
		return -1;
	rc = write_all(fd, data, len);
	if (rc == 0 && sync)
		rc = fsync(fd);
	if (close(fd) == 0 && rc == 0 && rename(tmp, path) == 0)
		return 0;
	saved = errno;
	unlink(tmp);
	errno = saved;
	return -1;
}
