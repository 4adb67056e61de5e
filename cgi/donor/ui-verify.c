/* ui-verify.c — GET/POST /verify, POST /verify/send: prove the login with a code, go on to next. */
#include <stdio.h>

#include "donor.h"
#include "../keys.h"
#include "../page.h"
#include "../verify.h"

/* The page as the donor's verification stands; a verified donor goes straight on. */
static int verify_page(struct ctx *c, int status, const char *problem)
{
	struct verify_state s;

	if (verify_state(c, &s) < 0)
		return -1;
	if (s.verified)
		return ctx_redirect(c, donor_next(c));
	page_set(c, NULL, "Next", c->f[K_NEXT].present ? c->f[K_NEXT].str : "");
	page_set(c, NULL, "Login", s.login);
	page_set(c, NULL, "Kind", is_mobile(s.login) ? "手机号" : "邮箱");
	page_set(c, NULL, "Mail", is_mobile(s.login) ? "" : "1");
	page_set(c, NULL, "Live", s.live ? "1" : "");
	page_set(c, NULL, "Expires", s.expires);
	page_set(c, NULL, "Problem", problem);
	page_set(c, NULL, "Page.Title", "验证账号");
	c->status = status;
	c->tmpl = "verify.cs";
	return 0;
}

int ui_verify(struct ctx *c)
{
	return verify_page(c, 200, NULL);
}

int ui_verify_send(struct ctx *c)
{
	int refused;

	if (verify_send(c, c->f[K_NEXT].present ? c->f[K_NEXT].str : NULL, &refused) < 0)
		return -1;
	if (refused)
		return verify_page(c, 429, "验证码发送太频繁了，请 15 分钟后再试。"
		                   "已经收到的验证码仍然可以用。");
	return donor_to_verify(c, c->f[K_NEXT].present ? c->f[K_NEXT].str : NULL);
}

int ui_verify_post(struct ctx *c)
{
	enum verify_result res;
	int left;
	char msg[VERIFY_MSG_MAX];

	if (verify_code(c, c->f[K_VCODE].str, &res, &left) < 0)
		return -1;
	switch (res) {
	case VERIFY_OK:
		return ctx_redirect(c, donor_next(c));
	case VERIFY_WRONG:
		snprintf(msg, sizeof msg, "验证码不正确，还可以再试 %d 次。", left);
		return verify_page(c, 403, msg);
	case VERIFY_SPENT:
		snprintf(msg, sizeof msg, "验证码已经输错 %d 次，这个验证码作废了。"
		         "请重新获取验证码。", VERIFY_TRIES);
		return verify_page(c, 429, msg);
	case VERIFY_EXPIRED:
		snprintf(msg, sizeof msg, "验证码已过期（%d 分钟内有效）。请重新获取验证码。",
		         VERIFY_MINUTES);
		return verify_page(c, 409, msg);
	default:
		return verify_page(c, 409, "还没有给您发过验证码，或者它已经用过了。"
		                   "请先获取验证码。");
	}
}
