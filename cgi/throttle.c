/*
 * throttle.c — counting failed logins under keyed hashes, so the table holds no logins or addresses
 * in clear.
 */
#include <string.h>
#include <sodium.h>

#include "throttle.h"
#include "util.h"

long long throttle_wait(long long failures, int free_tries)
{
	long long over = failures - free_tries;

	if (over < 0)
		return 0;
	if (over >= 5)
		return THROTTLE_LOCK;
	return 2LL << over;
}

void throttle_subject(const struct config *cfg, const char *kind, const char *what,
                      unsigned char out[32])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, cfg->throttle_key, sizeof cfg->throttle_key, 32);
	crypto_generichash_update(&st, (const unsigned char *)kind, strlen(kind) + 1);
	crypto_generichash_update(&st, (const unsigned char *)what, strlen(what));
	crypto_generichash_final(&st, out, 32);
}

/* How long this subject must still wait; 0 if not at all. */
static int remaining(struct db *db, const unsigned char s[32], int free_tries, long long *wait,
                     struct err *e)
{
	struct dbp p[] = { P_BIN(s, 32), P_INT(THROTTLE_WINDOW) };
	HDF *row;
	long long failures, since;

	*wait = 0;
	if (db_query_row(db, "SELECT failures, TIMESTAMPDIFF(SECOND, last_failure, NOW()) AS since "
	                 "FROM login_throttle "
	                 "WHERE subject = ? AND last_failure > NOW() - INTERVAL ? SECOND",
	                 p, nitems(p), &row, e) < 0)
		return -1;
	if (!row)
		return 0;
	failures = hdf_get_int_value(row, "failures", 0);
	since = hdf_get_int_value(row, "since", 0);
	hdf_destroy(&row);
	if (throttle_wait(failures, free_tries) > since)
		*wait = throttle_wait(failures, free_tries) - since;
	return 0;
}

/* What an attempt is counted against, s[0..n): a known device alone, or account and network. */
static int subjects(const struct config *cfg, const char *login, const char *net,
                    const char *device, unsigned char s[2][32], int free_tries[2])
{
	if (device) {
		throttle_subject(cfg, "dev", device, s[0]);
		free_tries[0] = THROTTLE_FREE_DEVICE;
		return 1;
	}
	throttle_subject(cfg, "acct", login, s[0]);
	throttle_subject(cfg, "addr", net, s[1]);
	free_tries[0] = THROTTLE_FREE_ACCOUNT;
	free_tries[1] = THROTTLE_FREE_ADDR;
	return 2;
}

int throttle_check(struct db *db, const struct config *cfg, const char *login, const char *net,
                   const char *device, long long *wait, struct err *e)
{
	unsigned char s[2][32];
	int free_tries[2], n = subjects(cfg, login, net, device, s, free_tries);
	long long w;

	*wait = 0;
	for (int i = 0; i < n; i++) {
		if (remaining(db, s[i], free_tries[i], &w, e) < 0)
			return -1;
		if (w > *wait)
			*wait = w;
	}
	return *wait > 0;
}

static int count(struct db *db, const unsigned char s[32], struct err *e)
{
	struct dbp p[] = { P_BIN(s, 32), P_INT(THROTTLE_WINDOW) };

	return db_exec(db, "INSERT INTO login_throttle (subject, failures, last_failure) "
	               "VALUES (?, 1, NOW()) "
	               "ON DUPLICATE KEY UPDATE "
	               "failures = IF(last_failure < NOW() - INTERVAL ? SECOND, 1, failures + 1), "
	               "last_failure = NOW()", p, nitems(p), NULL, e);
}

int throttle_lock(struct db *db, const struct config *cfg, const char *login, struct err *e)
{
	unsigned char a[32];
	struct dbp p[] = { P_BIN(a, 32) };

	throttle_subject(cfg, "acct", login, a);
	if (db_exec(db, "INSERT INTO login_throttle (subject, failures, last_failure) "
	            "VALUES (?, 0, NOW()) "
	            "ON DUPLICATE KEY UPDATE subject = subject", p, nitems(p), NULL, e) < 0)
		return -1;
	return db_exec(db, "SELECT failures FROM login_throttle WHERE subject = ? FOR UPDATE",
	               p, nitems(p), NULL, e);
}

int throttle_use(struct db *db, const struct config *cfg, const char *kind, const char *what,
                 int max, long long *wait, struct err *e)
{
	unsigned char s[32];
	struct dbp p[] = { P_BIN(s, 32) };
	long long uses;

	throttle_subject(cfg, kind, what, s);
	*wait = 0;
	if (count(db, s, e) < 0 ||
	    db_query_int(db, "SELECT failures FROM login_throttle WHERE subject = ?",
	                 p, nitems(p), &uses, e) < 0)
		return -1;
	if (uses <= max)
		return 0;
	*wait = THROTTLE_WINDOW;
	return 1;
}

int throttle_fail(struct db *db, const struct config *cfg, const char *login, const char *net,
                  const char *device, struct err *e)
{
	unsigned char s[2][32];
	int free_tries[2], n = subjects(cfg, login, net, device, s, free_tries);

	for (int i = 0; i < n; i++)
		if (count(db, s[i], e) < 0)
			return -1;
	return 0;
}

int throttle_clear(struct db *db, const struct config *cfg, const char *login, const char *device,
                   struct err *e)
{
	unsigned char s[2][32];
	int free_tries[2];
	struct dbp p[] = { P_BIN(s[0], 32) };

	subjects(cfg, login, "", device, s, free_tries);
	return db_exec(db, "DELETE FROM login_throttle WHERE subject = ?", p, nitems(p), NULL, e);
}

int throttle_sweep(struct db *db, struct err *e)
{
	return db_exec(db, "DELETE FROM login_throttle WHERE last_failure < NOW() - INTERVAL 1 DAY "
	               "LIMIT 1000", NULL, 0, NULL, e);
}
