/* ui-login.c — GET/POST /login and POST /logout: signing in, throttled against guessing, and signing out. */
#include <stdio.h>
#include <stdlib.h>

#include "donor.h"
#include "../log.h"
#include "../page.h"
#include "../passwd.h"
#include "../session.h"
#include "../throttle.h"

static int form_page(struct ctx *c, int status, const char *problem)
{
	page_set(c, NULL, "Next", c->f[K_NEXT].present ? c->f[K_NEXT].str : "");
	page_set(c, NULL, "Login", c->f[K_LOGIN].present ? c->f[K_LOGIN].str : "");
	page_set(c, NULL, "Problem", problem);
	page_set(c, NULL, "Page.Title", "登录");
	c->status = status;
	c->tmpl = "login.cs";
	return 0;
}

int ui_login(struct ctx *c)
{
	return form_page(c, 200, NULL);
}

/* The donor with this login: 1 with id, hash and name filled, or 0. */
static int find_donor(struct ctx *c, const char *login, long long *id, char *hash, char *name, size_t nlen)
{
	struct dbp p[] = { P_STR(login) };
	HDF *row;

	if (db_query_row(c->db, "SELECT id, pw_hash, display_name FROM donors WHERE login = ?", p, 1, &row, &c->err) < 0)
		return -1;
	if (!row)
		return 0;
	*id = strtoll(hdf_get_value(row, "id", "0"), NULL, 10);
	snprintf(hash, PASSWD_HASH_MAX, "%s", hdf_get_value(row, "pw_hash", ""));
	snprintf(name, nlen, "%s", hdf_get_value(row, "display_name", ""));
	hdf_destroy(&row);
	return 1;
}

static int rehash(struct ctx *c, long long id, const char *pw)
{
	char hash[PASSWD_HASH_MAX];

	if (passwd_hash(c->cfg, pw, hash, &c->err) < 0)
		return -1;
	return db_exec(c->db, "UPDATE donors SET pw_hash = ? WHERE id = ?", (struct dbp[]){ P_STR(hash), P_INT(id) }, 2,
	               NULL, &c->err);
}

/* One login attempt, decided under the account's throttle lock. */
struct attempt {
	struct ctx *c;
	const char *login;
	int         status;       /* 0: signed in; 403 wrong; 429 throttled */
	long long   wait;
};

static int attempt_tx(struct db *db, void *arg, struct err *e)
{
	struct attempt *a = arg;
	struct ctx *c = a->c;
	char hash[PASSWD_HASH_MAX], name[132];
	const char *pw = c->f[K_PASSWORD].str, *addr = c->req->remote_addr;
	long long id = 0;
	int found, ok, stale;

	a->status = 0;
	if (throttle_lock(db, c->cfg, a->login, e) < 0 || (ok = throttle_check(db, c->cfg, a->login, addr, &a->wait, e)) < 0)
		return -1;
	if (ok) {
		a->status = 429;
		return 0;
	}
	if ((found = find_donor(c, a->login, &id, hash, name, sizeof name)) < 0)
		return -1;
	/* An unknown login is checked against a dummy hash: it takes as long, and says the same, as a wrong password. */
	if ((ok = passwd_check(c->cfg, found ? hash : NULL, pw, &stale, e)) < 0)
		return -1;
	if (!ok) {
		a->status = 403;
		return throttle_fail(db, c->cfg, a->login, addr, e);
	}
	if (throttle_clear(db, c->cfg, a->login, e) < 0 || (stale && rehash(c, id, pw) < 0))
		return -1;
	return session_start(c, id, name, NULL, NULL);
}

int ui_login_post(struct ctx *c)
{
	char login[DONOR_LOGIN_MAX], msg[160];
	struct attempt a = { c, login, 0, 0 };

	donor_login_norm(c->f[K_LOGIN].str, login);
	/* c->err is where session_start and rehash report; the transaction reports there too. */
	if (db_tx(c->db, attempt_tx, &a, &c->err) < 0)
		return -1;
	if (a.status == 429) {
		log_info("login for a throttled account or address from %s: %lld s to wait", c->req->remote_addr, a.wait);
		snprintf(msg, sizeof msg, a.wait > 60 ? "登录失败次数过多，已暂停登录。请 %lld 分钟后再试，或重设密码。" :
		         "登录失败次数较多，请 %lld 秒后再试。", a.wait > 60 ? (a.wait + 59) / 60 : a.wait);
		return form_page(c, 429, msg);
	}
	if (a.status == 403) {
		log_info("failed login from %s", c->req->remote_addr);
		return form_page(c, 403, "账号或密码不正确。");
	}
	return ctx_redirect(c, donor_next(c));
}

int ui_logout(struct ctx *c)
{
	if (session_end(c) < 0)
		return -1;
	return ctx_redirect(c, "/");
}
