/* ui-hold.c — POST /children/{code}/hold: hold a waiting child for this donor while they choose a plan and pay. */
#include <stdio.h>

#include "donor.h"
#include "../checkout.h"
#include "../page.h"

int donor_taken_page(struct ctx *c, const char *code, int status)
{
	if (checkout_similar(c, code, 4, "Similar") < 0)
		return -1;
	page_set(c, NULL, "Page.Title", "这个孩子刚刚被选中");
	page_set(c, NULL, "Page.Nav", "children");
	c->status = status;
	c->tmpl = "taken.cs";
	return 0;
}

int ui_hold(struct ctx *c)
{
	const char *code = c->f[K_CODE].str;
	enum hold_result r;
	char url[64];

	if (checkout_hold(c, code, &r) < 0)
		return -1;
	switch (r) {
	case HOLD_UNVERIFIED:
		/* Back to the child's offer page once the login is proven, to hold it there. */
		snprintf(url, sizeof url, "/sponsor/%s", code);
		return donor_to_verify(c, url);
	case HOLD_TAKEN:
		return donor_taken_page(c, code, 409);
	case HOLD_LIMIT:
		return err_set(&c->err, 409, "您同时保留的孩子已达上限。请先完成已保留孩子的结对，或等保留到期后再选择。",
		               "donor %lld at the hold limit", donor_of(c));
	default:
		snprintf(url, sizeof url, "/sponsor/%s", code);
		return ctx_redirect(c, url);
	}
}
