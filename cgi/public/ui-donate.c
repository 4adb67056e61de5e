/*
 * ui-donate.c — GET/POST /donate: a gift to the sponsorship fund (慈善捐赠), from a donor or a
 * guest.
 */
#include <stdio.h>

#include "public.h"
#include "../page.h"
#include "../util.h"

/* The preset amounts, in yuan: a month, a term's books, a season, a year of one child's support. */
static const char *const PRESETS[] = { "30", "100", "300", "3000" };

int ui_donate(struct ctx *c)
{
	for (size_t i = 0; i < nitems(PRESETS); i++)
		page_setf(c, "Presets.%zu=%s", i, PRESETS[i]);
	page_set(c, NULL, "Amount", c->f[K_AMOUNT].present ? c->f[K_AMOUNT].str : "100");
	page_set(c, NULL, "Page.Title", "我要捐赠");
	page_set(c, NULL, "Page.Nav", "donate");
	c->tmpl = "donate.cs";
	return 0;
}

int ui_donate_post(struct ctx *c)
{
	const struct gift_for to = { .purpose = "general" };

	return gift_post(c, &to);
}
