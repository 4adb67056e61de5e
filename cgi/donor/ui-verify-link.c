/* ui-verify-link.c — GET/POST /verify/{token}: verify an e-mail address by its mailed link. */
#include "donor.h"
#include "../page.h"
#include "../verify.h"

/*
 * The link only shows a button: mail scanners open links on their own, and a GET must change
 * nothing. Whoever presses it need not be signed in (the link may be opened on another device):
 * holding the link proves the mailbox.
 */
int ui_verify_link(struct ctx *c)
{
	if (verify_link_live(c, c->f[K_TOKEN].str) < 0)
		return -1;
	page_set(c, NULL, "Token", c->f[K_TOKEN].str);
	page_set(c, NULL, "Next", c->f[K_NEXT].present ? c->f[K_NEXT].str : "");
	page_set(c, NULL, "Page.Title", "验证邮箱");
	c->tmpl = "verify-link.cs";
	return 0;
}

int ui_verify_link_post(struct ctx *c)
{
	long long donor;

	if (verify_link(c, c->f[K_TOKEN].str, &donor) < 0)
		return -1;
	/* The donor's own browser goes straight on; another is told, and goes on by logging in. */
	if (donor == donor_of(c))
		return ctx_redirect(c, donor_next(c));
	page_set(c, NULL, "Notice.Title", "邮箱已验证");
	page_set(c, NULL, "Notice.Message", "谢谢！您的邮箱已经验证，"
	         "现在可以为孩子办理保留和结对了。");
	page_set(c, NULL, "Notice.Link", donor_next(c));
	page_set(c, NULL, "Notice.LinkText", "继续");
	page_set(c, NULL, "Page.Title", "邮箱已验证");
	c->tmpl = "notice.cs";
	return 0;
}
