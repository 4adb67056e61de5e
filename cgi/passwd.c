/* passwd.c — argon2id hashing under a cross-process limit: a byte-range lock per slot. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "passwd.h"

/* Room for the lock file's path. */
#define PASSWD_PATH_MAX 512

/*
 * Slots are open-file-description locks on bytes 0..slots-1 of a file beside the socket. The kernel
 * drops a lock when its holder dies, so a worker killed mid-hash cannot leak a slot (a counting
 * semaphore in shared memory could). Each process opens the file itself: descriptions shared across
 * fork would share their locks too.
 */
static int lock_fd = -1;
static pid_t lock_pid;

static int slot_file(const struct config *cfg, struct err *e)
{
	char path[PASSWD_PATH_MAX];

	if (lock_fd >= 0 && lock_pid == getpid())
		return lock_fd;
	if (lock_fd >= 0)
		close(lock_fd);
	snprintf(path, sizeof path, "%s.pwlock", cfg->socket);
	lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	lock_pid = getpid();
	if (lock_fd < 0)
		return err_set(e, 500, NULL, "cannot open %s: %s", path, strerror(errno));
	return lock_fd;
}

static int slot_lock(int fd, int slot, short type)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = slot, .l_len = 1 };

	return fcntl(fd, F_OFD_SETLK, &fl);
}

/* The slot taken, or -1 with e set (503 after PASSWD_WAIT_MS of all slots busy). */
static int slot_take(const struct config *cfg, struct err *e)
{
	int fd = slot_file(cfg, e);
	struct timespec nap = { 0, 10 * 1000 * 1000 };

	if (fd < 0)
		return -1;
	for (int waited = 0; waited < PASSWD_WAIT_MS; waited += 10) {
		for (int s = 0; s < cfg->pw_slots; s++)
			if (slot_lock(fd, s, F_WRLCK) == 0)
				return s;
		if (errno != EAGAIN && errno != EACCES)
			return err_set(e, 500, NULL, "password slot lock: %s", strerror(errno));
		nanosleep(&nap, NULL);
	}
	return err_set(e, 503, "登录的人太多了，请稍后再试。", "all %d password-hash slots busy",
	               cfg->pw_slots);
}

static void slot_give(int slot)
{
	slot_lock(lock_fd, slot, F_UNLCK);
}

int passwd_hash(const struct config *cfg, const char *pw, char out[PASSWD_HASH_MAX], struct err *e)
{
	int slot = slot_take(cfg, e), rc;

	if (slot < 0)
		return -1;
	rc = crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                       crypto_pwhash_MEMLIMIT_INTERACTIVE);
	slot_give(slot);
	return rc == 0 ? 0 : err_set(e, 503, NULL, "crypto_pwhash_str failed (out of memory?)");
}

int passwd_check(const struct config *cfg, const char *hash, const char *pw, int *rehash,
                 struct err *e)
{
	/*
	 * Hashed once per process, at the same limits as real ones, so that unknown logins cost the
	 * same.
	 */
	static char dummy[PASSWD_HASH_MAX];
	int slot, ok;

	*rehash = 0;
	if (!hash) {
		if (!dummy[0] && passwd_hash(cfg, "tongxiang-no-such-account", dummy, e) < 0)
			return -1;
		hash = dummy;
	}
	if ((slot = slot_take(cfg, e)) < 0)
		return -1;
	ok = crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
	slot_give(slot);
	if (ok && hash != dummy)
		*rehash = crypto_pwhash_str_needs_rehash(hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
		                                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
	return ok && hash != dummy;
}
