/* login.c — one sign-in attempt under the account's throttle lock: /login and /admin/login. */
#include <stdio.h>
#include <stdlib.h>

#include "audit.h"
#include "device.h"
#include "login.h"
#include "log.h"
#include "session.h"
#include "throttle.h"
#include "util.h"

/* Room for a staff id as the audit log's subject, and for a login with its throttle's prefix. */
#define LOGIN_ID_MAX 24
#define LOGIN_THROTTLE_NAME_MAX 300

/*
 * A staff sign-in: its time and address on the account, and the audit log's row, committed with the
 * session; a wrong password is audited too (the throttle bounds how many), under the name that was
 * tried.
 */
static int staff_record(struct db *db, struct ctx *c, const char *login, int ok, struct err *e)
{
	char id[LOGIN_ID_MAX];
	struct dbp p[] = { P_NULL, P_INT(c->who.id) };

	if (!ok)
		return audit(db, c, e, "login.failed", "staff", login,
		             "wrong password or no such active account");
	p[0] = P_STR(c->req->remote_addr);
	snprintf(id, sizeof id, "%lld", c->who.id);
	if (db_exec(db, "UPDATE staff SET last_login_at = NOW(), last_login_addr = ? WHERE id = ?",
	            p, nitems(p), NULL, e) < 0)
		return -1;
	return audit(db, c, e, "login", "staff", id, "signed in as %s (%s)", c->who.role,
	             c->who.region);
}

const struct account_table DONOR_ACCOUNTS = {
	.find = "SELECT id, pw_hash, display_name, NULL AS role, NULL AS region_code "
	        "FROM donors WHERE login = ?",
	.rehash = "UPDATE donors SET pw_hash = ? WHERE id = ?",
	.prefix = "",
	.record = NULL,
};

const struct account_table STAFF_ACCOUNTS = {
	.find = "SELECT id, pw_hash, display_name, role, region_code "
	        "FROM staff WHERE username = ? AND active = 1",
	.rehash = "UPDATE staff SET pw_hash = ? WHERE id = ?",
	.prefix = "staff:",
	.record = staff_record,
};

static int find(struct db *db, const struct account_table *t, const char *login, struct account *a,
                struct err *e)
{
	struct dbp p[] = { P_STR(login) };
	HDF *row;

	if (db_query_row(db, t->find, p, nitems(p), &row, e) < 0)
		return -1;
	if (!row)
		return 0;
	a->id = strtoll(hdf_get_value(row, "id", "0"), NULL, 10);
	snprintf(a->hash, sizeof a->hash, "%s", hdf_get_value(row, "pw_hash", ""));
	snprintf(a->name, sizeof a->name, "%s", hdf_get_value(row, "display_name", ""));
	snprintf(a->role, sizeof a->role, "%s", hdf_get_value(row, "role", ""));
	snprintf(a->region, sizeof a->region, "%s", hdf_get_value(row, "region_code", ""));
	hdf_destroy(&row);
	return 1;
}

static int rehash(struct ctx *c, const struct account_table *t, long long id, const char *pw,
                  struct err *e)
{
	char hash[PASSWD_HASH_MAX];
	struct dbp p[] = { P_NULL, P_INT(id) };

	if (passwd_hash(c->cfg, pw, hash, e) < 0)
		return -1;
	p[0] = P_STR(hash);
	return db_exec(c->db, t->rehash, p, nitems(p), NULL, e);
}

struct attempt {
	struct ctx                 *c;
	const struct account_table *t;
	const char                 *login;    /* the throttle's name for it: prefix + login */
	const char                 *given;    /* as looked up */
	enum login_result           res;
	long long                   wait;
	int                         known;    /* from a browser that signed in to it before */
	/*
	 * As the request was before the first try: a retried transaction starts from it again (one
	 * session, one Set-Cookie, the old session the one removed).
	 */
	int                         tried;
	struct who                  who;
	int                         headers_len;
};

/*
 * The account is found first: whether the browser is one of its devices decides what the attempt
 * is counted against, a known device's own count or the account's and the network's (throttle.h).
 */
static int attempt_tx(struct db *db, void *arg, struct err *e)
{
	struct attempt *a = arg;
	struct ctx *c = a->c;
	struct account acc = { 0 };
	struct device dev = { 0 };
	const char *pw = c->f[K_PASSWORD].str, *net = c->req->remote_net, *from;
	int found, ok, stale;

	if (!a->tried) {
		a->tried = 1;
		a->who = c->who;
		a->headers_len = c->headers.len;
	} else {
		c->who = a->who;
		ctx_headers_back_to(c, a->headers_len);
	}
	a->res = LOGIN_OK;
	if (throttle_lock(db, c->cfg, a->login, e) < 0 ||
	    (found = find(db, a->t, a->given, &acc, e)) < 0 ||
	    (found && device_of(db, c, acc.id, &dev, e) < 0))
		return -1;
	a->known = dev.known;
	from = dev.known ? dev.name : NULL;
	if ((ok = throttle_check(db, c->cfg, a->login, net, from, &a->wait, e)) < 0)
		return -1;
	if (ok) {
		a->res = LOGIN_THROTTLED;
		return 0;
	}
	/*
	 * An unknown login is checked against a dummy hash: it takes as long, and says the same, as
	 * a wrong password.
	 */
	if ((ok = passwd_check(c->cfg, found ? acc.hash : NULL, pw, &stale, e)) < 0)
		return -1;
	if (!ok) {
		a->res = LOGIN_WRONG;
		if (throttle_fail(db, c->cfg, a->login, net, from, e) < 0)
			return -1;
		return a->t->record ? a->t->record(db, c, a->given, 0, e) : 0;
	}
	if (throttle_clear(db, c->cfg, a->login, from, e) < 0 ||
	    (stale && rehash(c, a->t, acc.id, pw, e) < 0) ||
	    session_start(c, acc.id, acc.name, acc.role, acc.region) < 0 ||
	    device_remember(db, c, acc.id, &dev, e) < 0)
		return -1;
	return a->t->record ? a->t->record(db, c, a->given, 1, e) : 0;
}

int login_attempt(struct ctx *c, const struct account_table *table, const char *login,
                  enum login_result *res, long long *wait)
{
	char name[LOGIN_THROTTLE_NAME_MAX];
	struct attempt a = { .c = c, .t = table, .login = name, .given = login, .res = LOGIN_OK };

	snprintf(name, sizeof name, "%s%s", table->prefix, login);
	if (db_tx(c->db, attempt_tx, &a, &c->err) < 0)
		return -1;
	*res = a.res;
	*wait = a.wait;
	if (a.res == LOGIN_THROTTLED)
		log_info("login for a throttled %s from %s: %lld s to wait",
		         a.known ? "known device" : "account or network", c->req->remote_addr,
		         a.wait);
	else if (a.res == LOGIN_WRONG)
		log_info("failed login from %s%s", c->req->remote_addr,
		         a.known ? ", a known device" : "");
	return 0;
}

const char *login_wait_text(long long wait, char *buf, size_t n)
{
	if (wait > 60)
		snprintf(buf, n, "登录失败次数过多，已暂停登录。请 %lld 分钟后再试，或重设密码。",
		         (wait + 59) / 60);
	else
		snprintf(buf, n, "登录失败次数较多，请 %lld 秒后再试。", wait);
	return buf;
}
