/* ui-reset.c — GET/POST /reset: ask for a password-reset link, sent through the outbox. */
#include <stdio.h>
#include <sodium.h>

#include "donor.h"
#include "../log.h"
#include "../outbox.h"
#include "../page.h"
#include "../session.h"
#include "../throttle.h"
#include "../util.h"

#define RESET_MINUTES 30

int ui_reset(struct ctx *c)
{
	page_set(c, NULL, "Page.Title", "重设密码");
	c->tmpl = "reset.cs";
	return 0;
}

/* Room for the reset message with its link. */
#define RESET_BODY_MAX 1024

struct reset {
	const struct config *cfg;
	long long            donor_id;
	const char          *login;
};

static int reset_tx(struct db *db, void *arg, struct err *e)
{
	struct reset *r = arg;
	unsigned char tok[TOKEN_BYTES], h[crypto_generichash_BYTES];   /* token_hash's */
	char hex[TOKEN_BYTES * 2 + 1], body[RESET_BODY_MAX], url[RESET_BODY_MAX];
	struct dbp p[] = { P_BIN(h, sizeof h), P_INT(r->donor_id), P_INT(RESET_MINUTES) };

	token_new(tok);
	token_hash(tok, h);
	sodium_bin2hex(hex, sizeof hex, tok, sizeof tok);
	snprintf(body, sizeof body,
	         "您好！有人（希望是您本人）申请重设童享阳光账号的密码。\n"
	         "请在 %d 分钟内打开下面的链接设置新密码，链接只能使用一次：\n%s/reset/%s\n"
	         "如果不是您本人的操作，请忽略这条消息，您的密码不会改变。",
	         RESET_MINUTES, r->cfg->site_url, hex);
	if (db_exec(db, "INSERT INTO password_resets (token_hash, donor_id, expires_at) "
	            "VALUES (?, ?, NOW() + INTERVAL ? MINUTE)", p, nitems(p), NULL, e) < 0)
		return -1;
	snprintf(url, sizeof url, "%s/reset/%s", r->cfg->site_url, hex);
	return outbox_put_sms(db, r->login, "重设童享阳光账号密码", body,
	                      &(struct outbox_sms){ "link", "url", url }, e);
}

/*
 * Each request may send a message, and SMS costs money: a few per login, and some more per address,
 * in the window. The limit holds whether or not the account exists, so it tells nothing about who
 * has one.
 */
static int too_often(struct ctx *c, const char *login)
{
	long long wait;
	int a, b;

	if ((a = throttle_use(c->db, c->cfg, "reset", login, c->cfg->resets_per_login, &wait,
	                      &c->err)) < 0 ||
	    (b = throttle_use(c->db, c->cfg, "reset-addr", c->req->remote_net,
	                      c->cfg->resets_per_addr, &wait, &c->err)) < 0)
		return -1;
	if (a || b)
		return err_set(&c->err, 429, "重设密码的请求太频繁了，请 15 分钟后再试。",
		               "reset requests throttled");
	return 0;
}

int ui_reset_post(struct ctx *c)
{
	char login[DONOR_LOGIN_MAX];
	struct reset r = { c->cfg, 0, login };
	struct dbp p[] = { P_NULL };

	donor_login_norm(c->f[K_LOGIN].str, login);
	if (too_often(c, login) != 0)
		return -1;
	p[0] = P_STR(login);
	if (db_query_int(c->db, "SELECT id FROM donors WHERE login = ?", p, nitems(p), &r.donor_id,
	                 &c->err) < 0)
		return -1;
	if (r.donor_id) {
		if (db_tx(c->db, reset_tx, &r, &c->err) < 0)
			return -1;
		log_info("password reset requested for donor %lld from %s", r.donor_id,
		         c->req->remote_addr);
	}
	/*
	 * The same answer whether or not the account exists: this page must not tell who has an
	 * account.
	 */
	page_set(c, NULL, "Sent", "1");
	return ui_reset(c);
}
