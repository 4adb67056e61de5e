/* ui-newpw.c — GET/POST /reset/{token}: a new password, by a single-use, expiring reset link. */
#include <sodium.h>

#include "donor.h"
#include "../device.h"
#include "../log.h"
#include "../page.h"
#include "../passwd.h"
#include "../session.h"
#include "../throttle.h"
#include "../util.h"

/* A reset link's token as stored: its hash (token_hash's). */
#define RESET_HASH_BYTES crypto_generichash_BYTES

/* The token's hash, from the 64 hex digits in the path (the validator checked their form). */
static void token_of(const struct ctx *c, unsigned char h[RESET_HASH_BYTES])
{
	unsigned char tok[TOKEN_BYTES];

	sodium_hex2bin(tok, sizeof tok, c->f[K_TOKEN].str, TOKEN_BYTES * 2, NULL, NULL, NULL);
	token_hash(tok, h);
}

static const char GONE[] = "这个重设密码的链接无效、已经用过或已经过期。请重新申请。";

/* Whether the link is live; checked before any hashing, so made-up links cost nothing. */
static int live_link(struct ctx *c, const unsigned char h[RESET_HASH_BYTES])
{
	struct dbp p[] = { P_BIN(h, RESET_HASH_BYTES) };
	long long live;

	if (db_query_int(c->db, "SELECT COUNT(*) FROM password_resets WHERE token_hash = ? "
	                 "AND used_at IS NULL AND expires_at > NOW()", p, nitems(p), &live,
	                 &c->err) < 0)
		return -1;
	return live ? 0 : err_set(&c->err, 404, GONE, "reset link not live");
}

int ui_newpw(struct ctx *c)
{
	unsigned char h[RESET_HASH_BYTES];

	token_of(c, h);
	if (live_link(c, h) < 0)
		return -1;
	page_set(c, NULL, "Token", c->f[K_TOKEN].str);
	page_set(c, NULL, "Page.Title", "设置新密码");
	c->tmpl = "newpw.cs";
	return 0;
}

struct newpw {
	const struct config *cfg;
	const unsigned char *h;
	const char          *hash;
	long long            donor_id;
};

/* The new password, and every link the donor was sent spent: the password they asked for is set. */
static int set_password(struct db *db, const struct newpw *n, struct err *e)
{
	struct dbp p[] = { P_STR(n->hash), P_INT(n->donor_id) };
	struct dbp q[] = { P_INT(n->donor_id) };

	if (db_exec(db, "UPDATE donors SET pw_hash = ? WHERE id = ?", p, nitems(p), NULL, e) < 0)
		return -1;
	return db_exec(db, "UPDATE password_resets SET used_at = NOW() "
	                   "WHERE donor_id = ? AND used_at IS NULL", q, nitems(q), NULL, e);
}

/* The account's failed logins no longer count. */
static int forget_failures(struct db *db, const struct newpw *n, struct err *e)
{
	struct dbp p[] = { P_INT(n->donor_id) };
	HDF *row;
	int rc;

	if (db_query_row(db, "SELECT login FROM donors WHERE id = ?", p, nitems(p), &row, e) < 0)
		return -1;
	rc = row ? throttle_clear(db, n->cfg, hdf_get_value(row, "login", ""), NULL, e) : 0;
	hdf_destroy(&row);
	return rc;
}

static int newpw_tx(struct db *db, void *arg, struct err *e)
{
	struct newpw *n = arg;
	struct dbp p[] = { P_BIN(n->h, RESET_HASH_BYTES) };

	if (db_query_int(db, "SELECT donor_id FROM password_resets WHERE token_hash = ? "
	                 "AND used_at IS NULL AND expires_at > NOW() FOR UPDATE",
	                 p, nitems(p), &n->donor_id, e) < 0)
		return -1;
	if (!n->donor_id)
		return err_set(e, 404, GONE, "reset link not live at use");
	/*
	 * Whoever knew the old password is signed out everywhere, and a browser copied with it is a
	 * stranger again (its device forgotten).
	 */
	if (set_password(db, n, e) < 0 || session_end_all(db, REALM_DONOR, n->donor_id, e) < 0 ||
	    device_forget_all(db, REALM_DONOR, n->donor_id, e) < 0)
		return -1;
	return forget_failures(db, n, e);
}

int ui_newpw_post(struct ctx *c)
{
	unsigned char h[RESET_HASH_BYTES];
	char hash[PASSWD_HASH_MAX];
	struct newpw n = { .cfg = c->cfg, .h = h, .hash = hash, .donor_id = 0 };

	token_of(c, h);
	if (live_link(c, h) < 0 ||
	    passwd_hash(c->cfg, c->f[K_PASSWORD].str, hash, &c->err) < 0 ||
	    db_tx(c->db, newpw_tx, &n, &c->err) < 0)
		return -1;
	log_info("donor %lld set a new password by reset link from %s", n.donor_id,
	         c->req->remote_addr);
	page_set(c, NULL, "Notice.Title", "密码已重设");
	page_set(c, NULL, "Notice.Message", "新密码已经生效，其他设备上的登录都已退出。"
	         "请用新密码登录。");
	page_set(c, NULL, "Notice.Link", "/login");
	page_set(c, NULL, "Notice.LinkText", "去登录");
	page_set(c, NULL, "Page.Title", "密码已重设");
	c->tmpl = "notice.cs";
	return 0;
}
