/* ui-login.c — GET/POST /login, POST /logout: signing in, throttled against guessing, and out. */
#include "donor.h"
#include "../login.h"
#include "../page.h"
#include "../session.h"

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

int ui_login_post(struct ctx *c)
{
	char login[DONOR_LOGIN_MAX], msg[LOGIN_WAIT_TEXT_MAX];
	enum login_result res;
	long long wait;

	donor_login_norm(c->f[K_LOGIN].str, login);
	if (login_attempt(c, &DONOR_ACCOUNTS, login, &res, &wait) < 0)
		return -1;
	if (res == LOGIN_THROTTLED)
		return form_page(c, 429, login_wait_text(wait, msg, sizeof msg));
	if (res == LOGIN_WRONG)
		return form_page(c, 403, "账号或密码不正确。");
	return ctx_redirect(c, donor_next(c));
}

int ui_logout(struct ctx *c)
{
	if (session_end(c) < 0)
		return -1;
	return ctx_redirect(c, "/");
}
