/* passwd.c — argon2id hashing under a cross-process limit (slots.h). */
#include <errno.h>
#include <string.h>

#include "passwd.h"
#include "slots.h"

/* App.PasswordHashes slots, across the host's workers (slots.h). */
static struct slots hashes = SLOTS_INIT(".pwlock");

/* A slot taken, or -1 with e set (503 after PASSWD_WAIT_MS of all slots busy). */
static int slot_take(const struct config *cfg, struct err *e)
{
	int slot = slots_take(&hashes, cfg->socket, cfg->pw_slots, PASSWD_WAIT_MS);

	if (slot == SLOTS_BUSY)
		return err_set(e, 503, "登录的人太多了，请稍后再试。",
		               "all %d password-hash slots busy", cfg->pw_slots);
	if (slot < 0)
		return err_set(e, 500, NULL, "password slot lock: %s", strerror(errno));
	return slot;
}

static void slot_give(int slot)
{
	slots_give(&hashes, slot);
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
