/* ui-login.c — GET/POST /admin/login, POST /admin/logout: staff sign in (audited) and out. */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "../audit.h"
#include "../log.h"
#include "../login.h"
#include "../page.h"
#include "../session.h"

static int form_page(struct ctx *c, int status, const char *problem)
{
	page_set(c, NULL, "Next", c->f[K_NEXT].present ? c->f[K_NEXT].str : "");
	page_set(c, NULL, "Username", c->f[K_USERNAME].present ? c->f[K_USERNAME].str : "");
	page_set(c, NULL, "Problem", problem);
	page_set(c, NULL, "Page.Admin", "1");
	page_set(c, NULL, "Page.Title", "工作人员登录");
	c->status = status;
	c->tmpl = "admin-login.cs";
	return 0;
}

int ui_admin_login(struct ctx *c)
{
	return form_page(c, 200, NULL);
}

int ui_admin_login_post(struct ctx *c)
{
	enum login_result res;
	long long wait;
	char msg[LOGIN_WAIT_TEXT_MAX];

	if (login_attempt(c, &STAFF_ACCOUNTS, c->f[K_USERNAME].str, &res, &wait) < 0)
		return -1;
	if (res == LOGIN_THROTTLED)
		return form_page(c, 429, login_wait_text(wait, msg, sizeof msg));
	if (res == LOGIN_WRONG)
		return form_page(c, 403, "用户名或密码不正确。");
	return ctx_redirect(c, c->f[K_NEXT].present && strncmp(c->f[K_NEXT].str, "/admin", 6) == 0 ?
	                    c->f[K_NEXT].str : "/admin");
}

int ui_admin_logout(struct ctx *c)
{
	if (session_end(c) < 0)
		return -1;
	return ctx_redirect(c, "/admin/login");
}
