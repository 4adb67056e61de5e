/* device.c — device cookies: signed, one per account, recorded so that they can be forgotten. */
#include <stdio.h>
#include <string.h>
#include <sodium.h>

#include "device.h"
#include "log.h"
#include "session.h"
#include "util.h"

#define SIG_BYTES 32
/* Room for what a signature covers: the realm's kind and the account. */
#define DEVICE_LABEL_MAX 40

/* A realm's row: its cookie's kind and page, and the statements on its table of devices. */
#define REALM(k, p, table, owner) { \
	.kind = k, \
	.path = p, \
	.find = "SELECT COUNT(*) FROM " table " WHERE id = ? AND " owner " = ?", \
	.insert = "INSERT INTO " table " (id, " owner ") VALUES (?, ?)", \
	.touch = "UPDATE " table " SET last_used = NOW() WHERE id = ?", \
	.forget = "DELETE FROM " table " WHERE " owner " = ?", \
	.sweep = "DELETE FROM " table " WHERE last_used < NOW() - INTERVAL ? DAY LIMIT 1000", \
}

/* Where each realm's devices live, and the one page their cookies are sent to. */
static const struct {
	char        kind;   /* in the cookie's name and signature: a donor's is no staff cookie */
	const char *path;
	const char *find, *insert, *touch, *forget, *sweep;
} REALMS[] = {
	[REALM_DONOR] = REALM('s', "/login", "donor_devices", "donor_id"),
	[REALM_STAFF] = REALM('a', "/admin/login", "staff_devices", "staff_id"),
};

void device_cookie_name(enum realm realm, long long account, char out[DEVICE_NAME_MAX])
{
	snprintf(out, DEVICE_NAME_MAX, "tx_d%c%lld", REALMS[realm].kind, account);
}

static void sign(const unsigned char key[KEY_BYTES], enum realm realm, long long account,
                 const unsigned char id[DEVICE_ID_BYTES], unsigned char sig[SIG_BYTES])
{
	crypto_generichash_state st;
	char label[DEVICE_LABEL_MAX];

	/* The name says the realm and the account, and ends with a character no number has. */
	device_cookie_name(realm, account, label);
	crypto_generichash_init(&st, key, KEY_BYTES, SIG_BYTES);
	crypto_generichash_update(&st, (const unsigned char *)label, strlen(label) + 1);
	crypto_generichash_update(&st, id, DEVICE_ID_BYTES);
	crypto_generichash_final(&st, sig, SIG_BYTES);
}

void device_cookie(const unsigned char key[KEY_BYTES], enum realm realm, long long account,
                   const unsigned char id[DEVICE_ID_BYTES], char out[DEVICE_COOKIE_LEN + 1])
{
	unsigned char v[DEVICE_ID_BYTES + SIG_BYTES];

	memcpy(v, id, DEVICE_ID_BYTES);
	sign(key, realm, account, id, v + DEVICE_ID_BYTES);
	sodium_bin2base64(out, DEVICE_COOKIE_LEN + 1, v, sizeof v,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int device_cookie_id(const unsigned char key[KEY_BYTES], enum realm realm, long long account,
                     const char *value, size_t len, unsigned char id[DEVICE_ID_BYTES])
{
	unsigned char v[DEVICE_ID_BYTES + SIG_BYTES], sig[SIG_BYTES];
	size_t n;

	if (len != DEVICE_COOKIE_LEN ||
	    sodium_base642bin(v, sizeof v, value, len, NULL, &n, NULL,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || n != sizeof v)
		return -1;
	sign(key, realm, account, v, sig);
	if (sodium_memcmp(sig, v + DEVICE_ID_BYTES, SIG_BYTES) != 0)
		return -1;
	memcpy(id, v, DEVICE_ID_BYTES);
	return 0;
}

int device_of(struct db *db, struct ctx *c, long long account, struct device *d, struct err *e)
{
	enum realm realm = c->who.realm;
	char name[DEVICE_NAME_MAX];
	const char *v;
	size_t len;
	long long n;
	struct dbp p[] = { P_BIN(d->id, DEVICE_ID_BYTES), P_INT(account) };

	memset(d, 0, sizeof *d);
	device_cookie_name(realm, account, name);
	if (!(v = cookie_value(c->req->cookie, name, &len)))
		return 0;
	if (device_cookie_id(c->cfg->device_key, realm, account, v, len, d->id) < 0) {
		log_info("a device cookie %s not signed by us, from %s", name, c->req->remote_addr);
		return 0;
	}
	/* Ours, but perhaps forgotten since (a new password): then a stranger like any other. */
	if (db_query_int(db, REALMS[realm].find, p, nitems(p), &n, e) < 0)
		return -1;
	d->known = n > 0;
	sodium_bin2hex(d->name, sizeof d->name, d->id, DEVICE_ID_BYTES);
	return 0;
}

int device_remember(struct db *db, struct ctx *c, long long account, const struct device *d,
                    struct err *e)
{
	enum realm realm = c->who.realm;
	unsigned char id[DEVICE_ID_BYTES];
	char name[DEVICE_NAME_MAX], value[DEVICE_COOKIE_LEN + 1];
	struct dbp p[] = { P_BIN(id, DEVICE_ID_BYTES), P_INT(account) };
	struct dbp by_id[] = { P_BIN(id, DEVICE_ID_BYTES) };

	if (d->known) {
		memcpy(id, d->id, DEVICE_ID_BYTES);
		if (db_exec(db, REALMS[realm].touch, by_id, nitems(by_id), NULL, e) < 0)
			return -1;
	} else {
		randombytes_buf(id, DEVICE_ID_BYTES);
		if (db_exec(db, REALMS[realm].insert, p, nitems(p), NULL, e) < 0)
			return -1;
	}
	device_cookie_name(realm, account, name);
	device_cookie(c->cfg->device_key, realm, account, id, value);
	cookie_set(c, name, REALMS[realm].path, value, DEVICE_DAYS * 86400);
	return 0;
}

int device_forget_all(struct db *db, enum realm realm, long long account, struct err *e)
{
	struct dbp p[] = { P_INT(account) };

	return db_exec(db, REALMS[realm].forget, p, nitems(p), NULL, e);
}

int device_sweep(struct db *db, struct err *e)
{
	struct dbp p[] = { P_INT(DEVICE_DAYS) };

	for (int r = 0; r < REALM__MAX; r++)
		if (db_exec(db, REALMS[r].sweep, p, nitems(p), NULL, e) < 0)
			return -1;
	return 0;
}
