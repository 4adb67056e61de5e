/* verify.c — codes and links that verify a donor's login: sent through the outbox, kept hashed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "html.h"
#include "keys.h"
#include "log.h"
#include "outbox.h"
#include "session.h"
#include "throttle.h"
#include "verify.h"
#include "util.h"

/* A code's or a link's stored hash: a keyed BLAKE2b, as token_hash makes a link's. */
#define VERIFY_HASH_BYTES crypto_generichash_BYTES
/* Room for "donor:code", what a code's hash is of. */
#define VERIFY_WHAT_MAX 48

/* A code is one of a million: only a keyed hash of it, bound to its donor, is stored. */
static void code_hash(const struct config *cfg, long long donor, const char *code,
                      unsigned char h[VERIFY_HASH_BYTES])
{
	char what[VERIFY_WHAT_MAX];
	int n = snprintf(what, sizeof what, "%lld:%s", donor, code);

	crypto_generichash(h, VERIFY_HASH_BYTES, (const unsigned char *)what, (size_t)n,
	                   cfg->verify_key, sizeof cfg->verify_key);
}

/* The link's token from its 64 hex digits (the validator checked their form), as its hash. */
static void link_hash(const char *hex, unsigned char h[VERIFY_HASH_BYTES])
{
	unsigned char tok[TOKEN_BYTES];

	sodium_hex2bin(tok, sizeof tok, hex, TOKEN_BYTES * 2, NULL, NULL, NULL);
	token_hash(tok, h);
}

int verify_state(struct ctx *c, struct verify_state *s)
{
	struct dbp p[] = { P_INT(VERIFY_TRIES), P_INT(donor_of(c)) };
	HDF *row;

	memset(s, 0, sizeof *s);
	if (db_query_row(c->db, "SELECT d.login, d.verified_at IS NOT NULL AS verified, "
	                 "? - l.tries AS tries_left, l.expires_at > NOW() AS live, "
	                 "DATE_FORMAT(l.expires_at, '%H:%i') AS expires FROM donors d "
	                 "LEFT JOIN login_codes l ON l.donor_id = d.id WHERE d.id = ?",
	                 p, nitems(p), &row, &c->err) < 0)
		return -1;
	if (!row)
		return err_set(&c->err, 403, "请先登录。",
		               "verify page for donor %lld, who is gone", donor_of(c));
	snprintf(s->login, sizeof s->login, "%s", hdf_get_value(row, "login", ""));
	snprintf(s->expires, sizeof s->expires, "%s", hdf_get_value(row, "expires", ""));
	s->verified = hdf_get_int_value(row, "verified", 0);
	s->tries_left = hdf_get_int_value(row, "tries_left", 0);
	s->live = hdf_get_int_value(row, "live", 0) && s->tries_left > 0;
	hdf_destroy(&row);
	return 0;
}

struct send {
	struct ctx   *c;
	const char   *login;
	unsigned char code_h[VERIFY_HASH_BYTES], link_h[VERIFY_HASH_BYTES];
	const char   *subject;
	STRING        body;
	char          code[VERIFY_DIGITS + 1];   /* an SMS's variable */
};

/*
 * The code and message are made before the transaction: one run again (after a deadlock, say) sends
 * the same code again, never a second one that replaces the first.
 */
static int send_tx(struct db *db, void *arg, struct err *e)
{
	struct send *s = arg;
	int mail = !is_mobile(s->login);
	struct dbp p[] = {
		P_INT(donor_of(s->c)), P_BIN(s->code_h, sizeof s->code_h),
		mail ? P_BIN(s->link_h, sizeof s->link_h) : P_NULL, P_INT(VERIFY_MINUTES),
	};

	if (db_exec(db, "INSERT INTO login_codes (donor_id, code_hash, link_hash, tries, "
	            "expires_at) VALUES (?, ?, ?, 0, NOW() + INTERVAL ? MINUTE) "
	            "ON DUPLICATE KEY UPDATE code_hash = VALUES(code_hash), "
	            "link_hash = VALUES(link_hash), tries = 0, expires_at = VALUES(expires_at), "
	            "created_at = NOW()", p, nitems(p), NULL, e) < 0)
		return -1;
	return outbox_put_sms(db, s->login, s->subject, s->body.buf,
	                      &(struct outbox_sms){ "code", "code", s->code }, e);
}

/* The message: an SMS with the code alone, or a mail with the code and a link on to next. */
static void compose(struct send *s, const char *code, const char *next)
{
	unsigned char tok[TOKEN_BYTES];
	char hex[TOKEN_BYTES * 2 + 1];

	string_init(&s->body);
	s->subject = "童享阳光验证码";
	if (is_mobile(s->login)) {
		string_appendf(&s->body, "【童享阳光】验证码：%s，%d 分钟内有效。"
		               "请勿告诉他人；如非本人操作，请忽略。", code, VERIFY_MINUTES);
		return;
	}
	token_new(tok);
	token_hash(tok, s->link_h);
	sodium_bin2hex(hex, sizeof hex, tok, sizeof tok);
	sodium_memzero(tok, sizeof tok);
	string_appendf(&s->body, "您好！您正在验证童享阳光账号的邮箱。\n验证码：%s\n"
	               "%d 分钟内有效，请勿告诉他人。也可以打开下面的链接完成验证：\n%s/verify/%s",
	               code, VERIFY_MINUTES, s->c->cfg->site_url, hex);
	if (next) {
		string_append(&s->body, "?next=");
		url_encode_to(&s->body, next);
	}
	string_append(&s->body, "\n如果不是您本人的操作，请忽略这封邮件。");
}

/* Each code is a message, and an SMS costs money: a few per login, some more per network. */
static int too_often(struct ctx *c, const char *login, int *refused)
{
	const struct config *cfg = c->cfg;
	const char *net = c->req->remote_net;
	struct err *e = &c->err;
	long long w;
	int a, b;

	if ((a = throttle_use(c->db, cfg, "verify", login, cfg->codes_per_login, &w, e)) < 0 ||
	    (b = throttle_use(c->db, cfg, "verify-addr", net, cfg->codes_per_addr, &w, e)) < 0)
		return -1;
	*refused = a || b;
	return 0;
}

int verify_send(struct ctx *c, const char *next, int *refused)
{
	struct verify_state st;
	struct send s;
	char code[VERIFY_DIGITS + 1];
	int rc;

	*refused = 0;
	if (verify_state(c, &st) < 0)
		return -1;
	/* Verified already (in another tab, say): nothing to send; the page sends the donor on. */
	if (st.verified)
		return 0;
	if (too_often(c, st.login, refused) < 0)
		return -1;
	if (*refused) {
		log_info("verification codes for donor %lld throttled", donor_of(c));
		return 0;
	}
	memset(&s, 0, sizeof s);
	s.c = c;
	s.login = st.login;
	snprintf(code, sizeof code, "%06u", (unsigned)randombytes_uniform(1000000));
	code_hash(c->cfg, donor_of(c), code, s.code_h);
	compose(&s, code, next);
	memcpy(s.code, code, sizeof code);
	sodium_memzero(code, sizeof code);
	rc = db_tx(c->db, send_tx, &s, &c->err);
	sodium_memzero(s.code, sizeof s.code);
	sodium_memzero(s.body.buf, (size_t)s.body.len);
	string_clear(&s.body);
	if (rc == 0)
		log_info("verification code sent to donor %lld", donor_of(c));
	return rc;
}

/* The login is proven: verified from now on, and the code (with its link) is spent. */
static int verified(struct db *db, long long donor, struct err *e)
{
	struct dbp p[] = { P_INT(donor) };

	if (db_exec(db, "UPDATE donors SET verified_at = NOW() WHERE id = ? "
	            "AND verified_at IS NULL", p, nitems(p), NULL, e) < 0)
		return -1;
	return db_exec(db, "DELETE FROM login_codes WHERE donor_id = ?", p, nitems(p), NULL, e);
}

struct check {
	struct ctx         *c;
	const char         *code;
	enum verify_result *res;
	int                *tries_left;
};

/* The code's row, read as the bytes it holds: a hash may hold NULs, which an HDF value may not. */
struct code_row {
	int           found, tries, live;
	unsigned char hash[VERIFY_HASH_BYTES];
};

static int code_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct code_row *r = ctx;

	(void)n;
	(void)f;
	r->found = l[0] == sizeof r->hash;
	if (r->found)
		memcpy(r->hash, v[0], sizeof r->hash);
	r->tries = atoi(v[1]);
	r->live = atoi(v[2]);
	return 0;
}

static int check_tx(struct db *db, void *arg, struct err *e)
{
	struct check *k = arg;
	long long me = donor_of(k->c), done;
	struct dbp p[] = { P_INT(me) };
	struct code_row r = { .found = 0 };
	unsigned char h[VERIFY_HASH_BYTES];

	if (db_query_int(db, "SELECT verified_at IS NOT NULL FROM donors WHERE id = ?",
	                 p, nitems(p), &done, e) < 0 ||
	    db_query(db, "SELECT code_hash, tries, expires_at > NOW() FROM login_codes "
	             "WHERE donor_id = ? FOR UPDATE", p, nitems(p), code_row, &r, e) < 0)
		return -1;
	if (done || !r.found) {
		*k->res = done ? VERIFY_OK : VERIFY_NONE;
		return 0;
	}
	if (!r.live) {
		*k->res = VERIFY_EXPIRED;
		return 0;
	}
	if (r.tries >= VERIFY_TRIES) {
		*k->res = VERIFY_SPENT;
		return 0;
	}
	code_hash(k->c->cfg, me, k->code, h);
	if (sodium_memcmp(h, r.hash, sizeof h) == 0) {
		*k->res = VERIFY_OK;
		return verified(db, me, e);
	}
	*k->tries_left = VERIFY_TRIES - r.tries - 1;
	*k->res = *k->tries_left > 0 ? VERIFY_WRONG : VERIFY_SPENT;
	return db_exec(db, "UPDATE login_codes SET tries = tries + 1 WHERE donor_id = ?",
	               p, nitems(p), NULL, e);
}

int verify_code(struct ctx *c, const char *code, enum verify_result *res, int *tries_left)
{
	static const char *const why[] = {
		[VERIFY_WRONG] = "wrong", [VERIFY_SPENT] = "spent", [VERIFY_EXPIRED] = "expired",
		[VERIFY_NONE] = "none sent",
	};
	struct check k = { .c = c, .code = code, .res = res, .tries_left = tries_left };

	*tries_left = 0;
	if (db_tx(c->db, check_tx, &k, &c->err) < 0)
		return -1;
	if (*res == VERIFY_OK)
		log_info("donor %lld verified their login by code", donor_of(c));
	else
		log_info("donor %lld: verification code refused, %s", donor_of(c), why[*res]);
	return 0;
}

static const char GONE[] = "这个验证链接无效、已经用过或已经过期。请登录后重新获取验证码。";

int verify_link_live(struct ctx *c, const char *token)
{
	unsigned char h[VERIFY_HASH_BYTES];
	struct dbp p[] = { P_BIN(h, sizeof h) };
	long long n;

	link_hash(token, h);
	if (db_query_int(c->db, "SELECT COUNT(*) FROM login_codes WHERE link_hash = ? "
	                 "AND expires_at > NOW()", p, nitems(p), &n, &c->err) < 0)
		return -1;
	return n ? 0 : err_set(&c->err, 404, GONE, "verification link not live");
}

struct by_link {
	unsigned char h[VERIFY_HASH_BYTES];
	long long     donor;
};

static int link_tx(struct db *db, void *arg, struct err *e)
{
	struct by_link *l = arg;
	struct dbp p[] = { P_BIN(l->h, sizeof l->h) };

	if (db_query_int(db, "SELECT donor_id FROM login_codes WHERE link_hash = ? "
	                 "AND expires_at > NOW() FOR UPDATE", p, nitems(p), &l->donor, e) < 0)
		return -1;
	if (!l->donor)
		return err_set(e, 404, GONE, "verification link not live at use");
	return verified(db, l->donor, e);
}

int verify_link(struct ctx *c, const char *token, long long *donor)
{
	struct by_link l;

	link_hash(token, l.h);
	l.donor = 0;
	if (db_tx(c->db, link_tx, &l, &c->err) < 0)
		return -1;
	*donor = l.donor;
	log_info("donor %lld verified their login by link", l.donor);
	return 0;
}

int verify_sweep(struct db *db, struct err *e)
{
	return db_exec(db, "DELETE FROM login_codes WHERE expires_at < NOW() - INTERVAL 1 DAY "
	               "LIMIT 1000", NULL, 0, NULL, e);
}
