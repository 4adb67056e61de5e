/* ui-donate.c — GET/POST /donate: a gift to the sponsorship fund (慈善捐赠), from a donor or a guest. */
#include <stdio.h>

#include "public.h"
#include "../core/ledger.h"
#include "../page.h"

/* The preset amounts, in yuan: a month, a term's books, a season, a year of one child's support. */
static const char *const PRESETS[] = { "30", "100", "300", "3000" };

int ui_donate(struct ctx *c)
{
	for (int i = 0; i < (int)(sizeof PRESETS / sizeof PRESETS[0]); i++)
		page_setf(c, "Presets.%d=%s", i, PRESETS[i]);
	page_set(c, NULL, "Amount", c->f[K_AMOUNT].present ? c->f[K_AMOUNT].str : "100");
	page_set(c, NULL, "Page.Title", "我要捐赠");
	page_set(c, NULL, "Page.Nav", "donate");
	c->tmpl = "donate.cs";
	return 0;
}

struct gift {
	struct ctx *c;
	char        order_no[ORDER_NO_LEN + 1];
};

/* The amount typed in wins over a preset left ticked beside it. */
static const struct field *amount(const struct ctx *c)
{
	return c->f[K_OTHER].present ? &c->f[K_OTHER] : &c->f[K_AMOUNT];
}

static int gift_tx(struct db *db, void *arg, struct err *e)
{
	struct gift *g = arg;
	struct ctx *c = g->c;
	const char *name = c->f[K_NAME].present ? c->f[K_NAME].str :
	                   donor_of(c) ? c->who.name : NULL;
	struct order_req r = {
		"general", donor_of(c), donor_of(c) ? NULL : c->who.visitor, 0, 0, amount(c)->num, NULL,
		name, c->f[K_ANON].present, c->f[K_MOBILE].present ? c->f[K_MOBILE].str : NULL,
		c->f[K_MESSAGE].present ? c->f[K_MESSAGE].str : NULL,
	};

	return ledger_order(db, c->cfg, &r, g->order_no, e);
}

int ui_donate_post(struct ctx *c)
{
	struct gift g = { c, "" };

	if (!amount(c)->present)
		return err_set(&c->err, 400, "请选择或填写捐赠金额。", "donation without an amount");
	/* A guest's order belongs to the browser that made it; the CSRF check has made sure it has a visitor cookie. */
	if (!donor_of(c) && !c->who.has_visitor)
		return err_set(&c->err, 403, NULL, "guest donation without a visitor cookie");
	if (db_tx(c->db, gift_tx, &g, &c->err) < 0)
		return -1;
	return ledger_pay_redirect(c, g.order_no);
}
