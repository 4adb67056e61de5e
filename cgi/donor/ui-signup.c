/* ui-signup.c — GET/POST /signup: a donor account, with consent to the terms and privacy notice. */
#include "donor.h"
#include "../device.h"
#include "../keys.h"
#include "../log.h"
#include "../page.h"
#include "../passwd.h"
#include "../session.h"
#include "../throttle.h"
#include "../util.h"

static void form_page(struct ctx *c)
{
	page_set(c, NULL, "Next", c->f[K_NEXT].present ? c->f[K_NEXT].str : "");
	page_set(c, NULL, "Page.Title", "注册");
	c->tmpl = "signup.cs";
}

int ui_signup(struct ctx *c)
{
	form_page(c);
	return 0;
}

static const char TAKEN[] = "这个邮箱或手机号已经注册过了，请直接登录；忘记密码可以重设。";

/* How many accounts have login (*n): asked before the costly hash. */
static int accounts_of(struct ctx *c, const char *login, long long *n)
{
	struct dbp p[] = { P_STR(login) };

	return db_query_int(c->db, "SELECT COUNT(*) FROM donors WHERE login = ?", p, nitems(p), n,
	                    &c->err);
}

/* The account; a unique key refuses a login that another sign-up took meanwhile. */
static int insert_donor(struct ctx *c, const char *login, const char *hash)
{
	struct dbp p[] = {
		P_STR(login), P_STR(is_mobile(login) ? "mobile" : "email"), P_STR(hash),
		P_STR(c->f[K_DNAME].str),
	};

	if (db_exec(c->db, "INSERT INTO donors (login, login_kind, pw_hash, display_name, "
	            "agreed_at) VALUES (?, ?, ?, ?, NOW())", p, nitems(p), NULL, &c->err) == 0)
		return 0;
	if (db_is_dup(&c->err))
		return err_set(&c->err, 409, TAKEN, "signup for existing login (a race)");
	return -1;
}

int ui_signup_post(struct ctx *c)
{
	char login[DONOR_LOGIN_MAX], hash[PASSWD_HASH_MAX];
	long long id, wait;
	int over;

	donor_login_norm(c->f[K_LOGIN].str, login);
	/*
	 * Each sign-up costs an argon2id hash (64 MB): a flood of them must not crowd out
	 * everyone's logins.
	 */
	if ((over = throttle_use(c->db, c->cfg, "signup", c->req->remote_net,
	                         c->cfg->signups_per_addr, &wait, &c->err)) < 0)
		return -1;
	if (over)
		return err_set(&c->err, 429, "这个网络注册的账号太多了，请 15 分钟后再试。",
		               "signups from %s throttled", c->req->remote_addr);
	if (accounts_of(c, login, &id) < 0)
		return -1;
	if (id)
		return err_set(&c->err, 409, TAKEN, "signup for existing login");
	if (passwd_hash(c->cfg, c->f[K_PASSWORD].str, hash, &c->err) < 0 ||
	    insert_donor(c, login, hash) < 0)
		return -1;
	/* Signed in from here: the browser that made the account is its first device. */
	if (db_query_int(c->db, "SELECT LAST_INSERT_ID()", NULL, 0, &id, &c->err) < 0 ||
	    session_start(c, id, c->f[K_DNAME].str, NULL, NULL) < 0 ||
	    device_remember(c->db, c, id, &(struct device){ 0 }, &c->err) < 0)
		return -1;
	log_info("donor %lld signed up from %s", id, c->req->remote_addr);
	return ctx_redirect(c, donor_next(c));
}
