/*
 * ui-donate.c — GET/POST /donate: a gift to the sponsorship fund (慈善捐赠), from a donor or a
 * guest.
 */
#include <stdio.h>

#include "public.h"
#include "../page.h"
#include "../util.h"

int ui_donate(struct ctx *c)
{
	gift_form(c);
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
