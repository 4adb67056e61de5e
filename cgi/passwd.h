/*
 * passwd.h — donors' passwords: argon2id (libsodium's crypto_pwhash_str at its INTERACTIVE limits),
 * with at most App.PasswordHashes hashes running at once across all workers, so a burst of logins
 * cannot exhaust memory.
 */
#ifndef TX_PASSWD_H
#define TX_PASSWD_H

#include <sodium.h>

#include "config.h"
#include "err.h"

#define PASSWD_HASH_MAX crypto_pwhash_STRBYTES

/* Hash pw into out. Fails with 503 when every hashing slot stayed busy for PASSWD_WAIT_MS. */
#define PASSWD_WAIT_MS 5000
int passwd_hash(const struct config *cfg, const char *pw, char out[PASSWD_HASH_MAX], struct err *e);

/*
 * Check pw against a stored hash: 1 if it matches, 0 if not, -1 on error (503 when busy). On a
 * match *rehash says the hash was made with other parameters than today's, and should be replaced.
 * A NULL hash checks against a dummy, so that an unknown login takes as long as a wrong password
 * and does not reveal which accounts exist.
 */
int passwd_check(const struct config *cfg, const char *hash, const char *pw, int *rehash,
                 struct err *e);

#endif
