/* session.c — session and visitor cookies, signing in and out, and CSRF tokens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "log.h"
#include "page.h"
#include "session.h"
#include "util.h"

void token_new(unsigned char token[TOKEN_BYTES])
{
	randombytes_buf(token, TOKEN_BYTES);
}

/* Unkeyed: the token is 256 random bits, so its hash needs no secret to be unguessable. */
void token_hash(const unsigned char token[TOKEN_BYTES], unsigned char out[32])
{
	crypto_generichash(out, 32, token, TOKEN_BYTES, NULL, 0);
}

void token_b64(const unsigned char token[TOKEN_BYTES], char out[TOKEN_B64_LEN + 1])
{
	sodium_bin2base64(out, TOKEN_B64_LEN + 1, token, TOKEN_BYTES,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

const char *cookie_value(const char *header, const char *name, size_t *len)
{
	size_t nlen = strlen(name);
	const char *p = header;

	while (p && *p) {
		p += strspn(p, " ;");
		if (strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
			*len = strcspn(p + nlen + 1, ";");
			return p + nlen + 1;
		}
		p = strchr(p, ';');
	}
	return NULL;
}

int cookie_token(const char *header, const char *name, unsigned char token[TOKEN_BYTES])
{
	size_t vlen, blen;
	const char *v = cookie_value(header, name, &vlen);

	if (!v || vlen != TOKEN_B64_LEN ||
	    sodium_base642bin(token, TOKEN_BYTES, v, vlen, NULL, &blen, NULL,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || blen != TOKEN_BYTES)
		return -1;
	return 0;
}

void csrf_token(const unsigned char key[32], char kind, const unsigned char token[TOKEN_BYTES],
                unsigned char out[CSRF_BYTES])
{
	crypto_generichash_state st;
	const char label[] = { 'c', 's', 'r', 'f', ':', kind, ':' };

	crypto_generichash_init(&st, key, 32, CSRF_BYTES);
	crypto_generichash_update(&st, (const unsigned char *)label, sizeof label);
	crypto_generichash_update(&st, token, TOKEN_BYTES);
	crypto_generichash_final(&st, out, CSRF_BYTES);
}

void csrf_mask(const unsigned char secret[CSRF_BYTES], char out[CSRF_MASKED_LEN + 1])
{
	unsigned char both[2 * CSRF_BYTES];

	randombytes_buf(both, CSRF_BYTES);
	for (int i = 0; i < CSRF_BYTES; i++)
		both[CSRF_BYTES + i] = both[i] ^ secret[i];
	sodium_bin2base64(out, CSRF_MASKED_LEN + 1, both, sizeof both,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int csrf_unmask(const char *given, unsigned char secret[CSRF_BYTES])
{
	unsigned char both[2 * CSRF_BYTES];
	size_t n;

	if (!given || strlen(given) != CSRF_MASKED_LEN ||
	    sodium_base642bin(both, sizeof both, given, CSRF_MASKED_LEN, NULL, &n, NULL,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || n != sizeof both)
		return -1;
	for (int i = 0; i < CSRF_BYTES; i++)
		secret[i] = both[i] ^ both[CSRF_BYTES + i];
	return 0;
}

void cookie_set(struct ctx *c, const char *name, const char *path, const char *value, int max_age)
{
	ctx_header(c, "Set-Cookie: %s=%s; Path=%s; Max-Age=%d; HttpOnly; SameSite=Lax%s",
	           name, value, path, max_age, c->cfg->https ? "; Secure" : "");
}

static void set_cookie(struct ctx *c, const char *name, const unsigned char *token, int max_age)
{
	char v[TOKEN_B64_LEN + 1] = "";

	if (token)
		token_b64(token, v);
	cookie_set(c, name, "/", v, max_age);
}

/* A kind of account that signs in: its cookie, its tables, its CSRF kind and its time limits. */
struct realm_def {
	const char *cookie;
	char        kind;
	const char *load, *touch, *insert, *remove, *remove_all, *sweep;
};

static const struct realm_def REALMS[] = {
	[REALM_DONOR] = {
		SESSION_COOKIE, 's',
		"SELECT d.id, d.display_name, s.last_seen < NOW() - INTERVAL 60 SECOND, NULL, NULL "
		"FROM sessions s JOIN donors d ON d.id = s.donor_id WHERE s.token_hash = ? "
		"AND s.last_seen > NOW() - INTERVAL ? SECOND "
		"AND s.created_at > NOW() - INTERVAL ? SECOND",
		"UPDATE sessions SET last_seen = NOW() WHERE token_hash = ?",
		"INSERT INTO sessions (token_hash, donor_id, addr) VALUES (?, ?, ?)",
		"DELETE FROM sessions WHERE token_hash = ?",
		"DELETE FROM sessions WHERE donor_id = ?",
		"DELETE FROM sessions WHERE last_seen < NOW() - INTERVAL ? SECOND LIMIT 1000",
	},
	[REALM_STAFF] = {
		STAFF_COOKIE, 'a',
		"SELECT t.id, t.display_name, s.last_seen < NOW() - INTERVAL 60 SECOND, "
		"t.role, t.region_code FROM staff_sessions s JOIN staff t ON t.id = s.staff_id "
		"WHERE s.token_hash = ? AND t.active = 1 "
		"AND s.last_seen > NOW() - INTERVAL ? SECOND "
		"AND s.created_at > NOW() - INTERVAL ? SECOND",
		"UPDATE staff_sessions SET last_seen = NOW() WHERE token_hash = ?",
		"INSERT INTO staff_sessions (token_hash, staff_id, addr) VALUES (?, ?, ?)",
		"DELETE FROM staff_sessions WHERE token_hash = ?",
		"DELETE FROM staff_sessions WHERE staff_id = ?",
		"DELETE FROM staff_sessions WHERE last_seen < NOW() - INTERVAL ? SECOND LIMIT 1000",
	},
};

static int idle_of(const struct config *cfg, enum realm r)
{
	return r == REALM_STAFF ? cfg->staff_idle : cfg->session_idle;
}

static int max_of(const struct config *cfg, enum realm r)
{
	return r == REALM_STAFF ? cfg->staff_max : cfg->session_max;
}

struct sess_row {
	struct who *w;
	int         stale;
};

static int sess_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct sess_row *r = ctx;

	(void)n; (void)f; (void)l;
	r->w->id = strtoll(v[0], NULL, 10);
	snprintf(r->w->name, sizeof r->w->name, "%s", v[1]);
	r->stale = v[2][0] == '1';
	snprintf(r->w->role, sizeof r->w->role, "%s", v[3] ? v[3] : "");
	snprintf(r->w->region, sizeof r->w->region, "%s", v[4] ? v[4] : "");
	return 0;
}

static int load_session(struct ctx *c, const unsigned char token[TOKEN_BYTES])
{
	const struct realm_def *rl = &REALMS[c->who.realm];
	unsigned char h[32];
	struct sess_row r = { &c->who, 0 };
	struct dbp p[] = { P_BIN(h, 32), P_INT(idle_of(c->cfg, c->who.realm)),
	                   P_INT(max_of(c->cfg, c->who.realm)) };
	struct dbp key[] = { P_BIN(h, 32) };   /* the touch names the session alone */

	token_hash(token, h);
	if (db_query(c->db, rl->load, p, nitems(p), sess_row, &r, &c->err) < 0)
		return -1;
	if (!c->who.id)
		return 0;
	memcpy(c->who.sess_token, token, TOKEN_BYTES);
	/*
	 * Idle time is kept to the minute: one write a minute per active account, not one per
	 * request.
	 */
	if (r.stale)
		return db_exec(c->db, rl->touch, key, nitems(key), NULL, &c->err);
	return 0;
}

int session_read(struct ctx *c, enum realm realm, int issue_visitor)
{
	struct who *w = &c->who;
	unsigned char tok[TOKEN_BYTES];
	const char *hdr = c->req->cookie;

	w->realm = realm;
	if (cookie_token(hdr, REALMS[realm].cookie, tok) == 0 && load_session(c, tok) < 0)
		return -1;
	if (cookie_token(hdr, VISITOR_COOKIE, w->visitor) == 0)
		w->has_visitor = 1;
	if (w->id) {
		csrf_token(c->cfg->csrf_key, REALMS[realm].kind, w->sess_token, w->csrf);
		w->has_csrf = 1;
	} else {
		if (!w->has_visitor && issue_visitor) {
			token_new(w->visitor);
			w->has_visitor = 1;
			set_cookie(c, VISITOR_COOKIE, w->visitor, 365 * 86400);
		}
		if (w->has_visitor) {
			csrf_token(c->cfg->csrf_key, 'v', w->visitor, w->csrf);
			w->has_csrf = 1;
		}
	}
	return 0;
}

int session_start(struct ctx *c, long long id, const char *name, const char *role,
                  const char *region)
{
	const struct realm_def *rl = &REALMS[c->who.realm];
	unsigned char tok[TOKEN_BYTES], h[32];
	struct dbp p[] = { P_BIN(h, 32), P_INT(id), P_STR(c->req->remote_addr) };
	struct dbp old[] = { P_BIN(h, 32) };   /* the session it replaces, by its hash alone */

	if (c->who.id) {
		token_hash(c->who.sess_token, h);
		if (db_exec(c->db, rl->remove, old, nitems(old), NULL, &c->err) < 0)
			return -1;
	}
	token_new(tok);
	token_hash(tok, h);
	if (db_exec(c->db, rl->insert, p, nitems(p), NULL, &c->err) < 0)
		return -1;
	c->who.id = id;
	snprintf(c->who.name, sizeof c->who.name, "%s", name);
	snprintf(c->who.role, sizeof c->who.role, "%s", role ? role : "");
	snprintf(c->who.region, sizeof c->who.region, "%s", region ? region : "");
	memcpy(c->who.sess_token, tok, TOKEN_BYTES);
	csrf_token(c->cfg->csrf_key, rl->kind, tok, c->who.csrf);
	c->who.has_csrf = 1;
	/*
	 * A staff cookie lives no longer than its session may; a donor's stays for the session's
	 * whole life.
	 */
	set_cookie(c, rl->cookie, tok, max_of(c->cfg, c->who.realm));
	log_info("%s %lld signed in from %s", c->who.realm == REALM_STAFF ? "staff" : "donor", id,
	         c->req->remote_addr);
	return 0;
}

int session_end(struct ctx *c)
{
	const struct realm_def *rl = &REALMS[c->who.realm];
	unsigned char h[32];
	struct dbp p[] = { P_BIN(h, 32) };

	if (c->who.id) {
		token_hash(c->who.sess_token, h);
		if (db_exec(c->db, rl->remove, p, nitems(p), NULL, &c->err) < 0)
			return -1;
	}
	c->who.id = 0;
	set_cookie(c, rl->cookie, NULL, 0);
	return 0;
}

int session_end_all(struct db *db, enum realm realm, long long id, struct err *e)
{
	struct dbp p[] = { P_INT(id) };

	return db_exec(db, REALMS[realm].remove_all, p, nitems(p), NULL, e);
}

int session_csrf_ok(const struct ctx *c, const char *given)
{
	unsigned char secret[CSRF_BYTES];

	return c->who.has_csrf && csrf_unmask(given, secret) == 0 &&
	       sodium_memcmp(secret, c->who.csrf, CSRF_BYTES) == 0;
}

int session_sweep(struct db *db, const struct config *cfg, struct err *e)
{
	for (int r = 0; r < REALM__MAX; r++) {
		struct dbp p[] = { P_INT(idle_of(cfg, (enum realm)r)) };
		if (db_exec(db, REALMS[r].sweep, p, nitems(p), NULL, e) < 0)
			return -1;
	}
	return 0;
}
