/* stash.c — uploads kept, sealed and bound to a staff member, between check and import. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <limits.h>
#include <sodium.h>

#include "files.h"
#include "pii.h"
#include "stash.h"

/* Room for the owner's name that binds a stash to its staff member. */
#define STASH_OWNER_MAX 64
#define STASH_MAX_BYTES (64L * 1024 * 1024)   /* more than any upload route accepts */

/*
 * The sealed data's owner: the staff member and the id, so that a file is nobody else's under any
 * other name.
 */
static void owner_of(long long staff, const char *id, char *out, size_t n)
{
	snprintf(out, n, "%lld:%s", staff, id);
}

int stash_id_valid(const char *id)
{
	return strlen(id) == STASH_ID_LEN && strspn(id, "0123456789abcdef") == STASH_ID_LEN;
}

/* An id's file while it is written (".id"), kept ("id"), and taken for its import ("id.taken"). */
enum where { WRITING, KEPT, TAKEN };

/* The path of id's file; 0, or -1 if the directory's name is too long. */
static int path_of(const struct config *cfg, const char *id, enum where w, char *out, size_t n)
{
	return (size_t)snprintf(out, n, "%s/%s%s%s", cfg->upload_dir, w == WRITING ? "." : "", id,
	                        w == TAKEN ? ".taken" : "") < n ? 0 : -1;
}

int stash_put(const struct config *cfg, long long staff, const char *data, size_t len,
              char id[STASH_ID_LEN + 1], struct err *e)
{
	unsigned char raw[STASH_ID_LEN / 2], *sealed;
	char owner[STASH_OWNER_MAX], path[PATH_MAX], tmp[PATH_MAX];
	int rc;

	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(id, STASH_ID_LEN + 1, raw, sizeof raw);
	owner_of(staff, id, owner, sizeof owner);
	if (path_of(cfg, id, KEPT, path, sizeof path) < 0 ||
	    path_of(cfg, id, WRITING, tmp, sizeof tmp) < 0)
		return err_set(e, 500, NULL, "stash: App.UploadDir is too long");
	if (!(sealed = malloc(PII_SEALED_LEN(len))))
		return err_set(e, 503, NULL, "stash: out of memory for %zu bytes", len);
	pii_seal(cfg->pii_key, "upload", owner, data, len, sealed, PII_SEALED_LEN(len));
	/* Written aside and renamed: a half-written file is never found under its id. */
	rc = file_put(tmp, path, sealed, PII_SEALED_LEN(len), 0600, 0);
	free(sealed);
	if (rc < 0)
		return err_set(e, 503, "暂时无法保存上传的文件，请稍后再试。", "stash: %s: %s",
		               path, strerror(errno));
	return 0;
}

static int gone(struct err *e, const char *id, const char *why)
{
	return err_set(e, 404, "这份上传已经导入、已过期（一小时）或不是您上传的。"
	               "请重新上传台账。", "stash %s: %s", id, why);
}

/* Read the whole of fd (size bytes) and open it as staff's; the plaintext, malloc'd, or NULL. */
static char *read_open(const struct config *cfg, long long staff, const char *id, int fd,
                       off_t size, size_t *len)
{
	unsigned char *sealed = malloc((size_t)size);
	char owner[STASH_OWNER_MAX], *plain = malloc((size_t)size - PII_OVERHEAD + 1);
	ssize_t got = 0;
	long n = -1;

	while (sealed && plain && got < size) {
		ssize_t r = read(fd, sealed + got, (size_t)(size - got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += r;
	}
	owner_of(staff, id, owner, sizeof owner);
	if (sealed && plain && got == size)
		n = pii_open(cfg->pii_key, "upload", owner, sealed, (size_t)got, plain);
	free(sealed);
	if (n < 0) {
		free(plain);
		return NULL;
	}
	*len = (size_t)n;
	return plain;
}

int stash_take(const struct config *cfg, long long staff, const char *id, char **data, size_t *len,
               struct err *e)
{
	char path[PATH_MAX], taken[PATH_MAX];
	struct stat st;
	int fd;

	*data = NULL;
	if (!stash_id_valid(id) || path_of(cfg, id, KEPT, path, sizeof path) < 0 ||
	    path_of(cfg, id, TAKEN, taken, sizeof taken) < 0)
		return gone(e, id, "not an id");
	/*
	 * Opened and read as its owner before it is claimed: nobody else's request ever holds it.
	 */
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return gone(e, id, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < PII_OVERHEAD ||
	    st.st_size > STASH_MAX_BYTES) {
		close(fd);
		return gone(e, id, "not a stashed upload");
	}
	if (st.st_mtime < time(NULL) - STASH_SECONDS) {
		close(fd);
		unlink(path);
		return gone(e, id, "expired");
	}
	*data = read_open(cfg, staff, id, fd, st.st_size, len);
	close(fd);
	if (!*data)
		return gone(e, id, "does not open for this staff member");
	/*
	 * The rename is the claim: of two presses of the owner's button, exactly one finds the
	 * file.
	 */
	if (rename(path, taken) < 0) {
		sodium_memzero(*data, *len);
		free(*data);
		*data = NULL;
		return gone(e, id, "taken by another request");
	}
	return 0;
}

void stash_return(const struct config *cfg, const char *id)
{
	char path[PATH_MAX], taken[PATH_MAX];

	if (stash_id_valid(id) && path_of(cfg, id, KEPT, path, sizeof path) == 0 &&
	    path_of(cfg, id, TAKEN, taken, sizeof taken) == 0)
		rename(taken, path);
}

void stash_drop(const struct config *cfg, const char *id)
{
	char taken[PATH_MAX];

	if (stash_id_valid(id) && path_of(cfg, id, TAKEN, taken, sizeof taken) == 0)
		unlink(taken);
}

int stash_use(const struct config *cfg, long long staff, const char *id, stash_fn fn, void *arg,
              struct err *e)
{
	char *data;
	size_t len;
	int rc;

	if (stash_take(cfg, staff, id, &data, &len, e) < 0)
		return -1;
	rc = fn(arg, data, len);
	if (rc == 0)
		stash_drop(cfg, id);
	else
		stash_return(cfg, id);
	sodium_memzero(data, len);
	free(data);
	return rc;
}

void stash_sweep(const struct config *cfg)
{
	DIR *d = opendir(cfg->upload_dir);
	time_t old = time(NULL) - STASH_SECONDS;
	struct dirent *de;
	struct stat st;

	if (!d)
		return;
	while ((de = readdir(d))) {
		/*
		 * "id", ".id" (a write cut short) or "id.taken" (an import under way, or one that
		 * died)
		 */
		const char *name = de->d_name[0] == '.' ? de->d_name + 1 : de->d_name;
		if (strspn(name, "0123456789abcdef") == STASH_ID_LEN &&
		    fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    st.st_mtime < old)
			unlinkat(dirfd(d), de->d_name, 0);
	}
	closedir(d);
}
