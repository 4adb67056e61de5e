/* device.c — device cookies: signed, one per account, recorded so that they can be forgotten. */
#include <stdio.h>
#include <string.h>
#include <sodium.h>

#include "device.h"
#include "log.h"
#include "session.h"

#define SIG_BYTES 32

/* Where each realm's devices live, and the one page their cookies are sent to. */
static const struct {
	char        kind;   /* in the cookie's name and signature: a donor's is no staff cookie */
	const char *path;
	const char *find, *insert, *touch, *forget, *sweep;
} REALMS[] = {
	[REALM_DONOR] = {
		's', "/login",
		"SELECT COUNT(*) FROM donor_devices WHERE id = ? AND donor_id = ?",
		"INSERT INTO donor_devices (id, donor_id) VALUES (?, ?)",
		"UPDATE donor_devices SET last_used = NOW() WHERE id = ?",
		"DELETE FROM donor_devices WHERE donor_id = ?",
		"DELETE FROM donor_devices WHERE last_used < NOW() - INTERVAL ? DAY LIMIT 1000",
	},
	[REALM_STAFF] = {
		'a', "/admin/login",
		"SELECT COUNT(*) FROM staff_devices WHERE id = ? AND staff_id = ?",
		"INSERT INTO staff_devices (id, staff_id) VALUES (?, ?)",
		"UPDATE staff_devices SET last_used = NOW() WHERE id = ?",
		"DELETE FROM staff_devices WHERE staff_id = ?",
		"DELETE FROM staff_devices WHERE last_used < NOW() - INTERVAL ? DAY LIMIT 1000",
	},
};

void device_cookie_name(enum realm realm, long long account, char out[32])
{
	snprintf(out, 32, "tx_d%c%lld", REALMS[realm].kind, account);
}

static void sign(const unsigned char key[32], enum realm realm, long long account,
                 const unsigned char id[DEVICE_ID_BYTES], unsigned char sig[SIG_BYTES])
{
	crypto_generichash_state st;
	char label[40];

	/* The name says the realm and the account, and ends with a character no number has. */
	device_cookie_name(realm, account, label);
	crypto_generichash_init(&st, key, 32, SIG_BYTES);
	crypto_generichash_update(&st, (const unsigned char *)label, strlen(label) + 1);
	crypto_generichash_update(&st, id, DEVICE_ID_BYTES);
	crypto_generichash_final(&st, sig, SIG_BYTES);
}

void device_cookie(const unsigned char key[32], enum realm realm, long long account,
                   const unsigned char id[DEVICE_ID_BYTES], char out[DEVICE_COOKIE_LEN + 1])
{
	unsigned char v[DEVICE_ID_BYTES + SIG_BYTES];

	memcpy(v, id, DEVICE_ID_BYTES);
	sign(key, realm, account, id, v + DEVICE_ID_BYTES);
	sodium_bin2base64(out, DEVICE_COOKIE_LEN + 1, v, sizeof v,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int device_cookie_id(const unsigned char key[32], enum realm realm, long long account,
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
	char name[32];
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
	if (db_query_int(db, REALMS[realm].find, p, 2, &n, e) < 0)
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
	char name[32], value[DEVICE_COOKIE_LEN + 1];
	struct dbp p[] = { P_BIN(id, DEVICE_ID_BYTES), P_INT(account) };

	if (d->known) {
		memcpy(id, d->id, DEVICE_ID_BYTES);
		if (db_exec(db, REALMS[realm].touch, p, 1, NULL, e) < 0)
			return -1;
	} else {
		randombytes_buf(id, DEVICE_ID_BYTES);
		if (db_exec(db, REALMS[realm].insert, p, 2, NULL, e) < 0)
			return -1;
	}
	device_cookie_name(realm, account, name);
	device_cookie(c->cfg->device_key, realm, account, id, value);
	cookie_set(c, name, REALMS[realm].path, value, DEVICE_DAYS * 86400);
	return 0;
}

int device_forget_all(struct db *db, enum realm realm, long long account, struct err *e)
{
	return db_exec(db, REALMS[realm].forget, (struct dbp[]){ P_INT(account) }, 1, NULL, e);
}

int device_sweep(struct db *db, struct err *e)
{
	struct dbp p[] = { P_INT(DEVICE_DAYS) };

	for (int r = 0; r < REALM__MAX; r++)
		if (db_exec(db, REALMS[r].sweep, p, 1, NULL, e) < 0)
			return -1;
	return 0;
}
