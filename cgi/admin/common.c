/*
 * common.c — what every back-office page shows: its navigation, and who is signed in with what
 * reach.
 */
#include "admin.h"
#include "../labels.h"
#include "../page.h"
#include "../regions.h"

void admin_page(struct ctx *c, const char *title, const char *nav)
{
	const struct region *r = region_get(c->who.region);

	page_set(c, NULL, "Page.Admin", "1");
	page_set(c, NULL, "Page.Title", title);
	page_set(c, NULL, "Page.Nav", nav);
	page_set(c, NULL, "Who.role_label", label_of(STAFF_ROLES, c->who.role));
	page_set(c, NULL, "Who.region_name", r ? r->name : "");
}
