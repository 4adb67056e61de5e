/*
 * ui-page.c — GET /admin/pages/{id}: a personal fundraising page for staff who reach it (by its
 * region), with its gifts and updates; POST …/approve, …/reject (reason), …/pause (reason: its
 * donors told), …/resume, …/end (core/pages.h; every act audited).
 */
#include <stdio.h>

#include "admin.h"
#include "../core/pages.h"
#include "../page.h"
#include "../public/public.h"
#include "../scope.h"
#include "../util.h"

int ui_admin_page(struct ctx *c)
{
	const struct actor staff = actor_of(c);
	struct dbp p[] = { P_INT(c->f[K_ID].num) };
	int found;

	if (page_query_one(c, "SELECT code, region_code, person_name FROM fund_pages WHERE id = ?",
	                   p, nitems(p), "Mine", &found) < 0)
		return -1;
	if (!found || !scope_reaches_region(&staff, hdf_get_value(c->hdf, "Mine.region_code", "")))
		return err_set(&c->err, 404, "找不到这个一起捐页面。", "page %lld out of reach",
		               c->f[K_ID].num);
	if (page_load(c, hdf_get_value(c->hdf, "Mine.code", ""), 1) < 0 || page_lists(c) < 0)
		return -1;
	page_setf(c, "Form.action=/admin/pages/%lld", c->f[K_ID].num);
	admin_page(c, "一起捐页面", "pages");
	c->tmpl = "admin-page.cs";
	return 0;
}

/* Act on the page and come back to it. */
static int act(struct ctx *c, enum page_act what, const char *note)
{
	const struct actor staff = actor_of(c);
	char url[64];

	if (page_act(c->db, &staff, c->f[K_ID].num, what, note, &c->err) < 0)
		return -1;
	snprintf(url, sizeof url, "/admin/pages/%lld", c->f[K_ID].num);
	return ctx_redirect(c, url);
}

int ui_admin_page_approve(struct ctx *c) { return act(c, PAGE_APPROVE, NULL); }
int ui_admin_page_reject(struct ctx *c)  { return act(c, PAGE_REJECT, c->f[K_REASON].str); }
int ui_admin_page_pause(struct ctx *c)   { return act(c, PAGE_PAUSE, c->f[K_REASON].str); }
int ui_admin_page_resume(struct ctx *c)  { return act(c, PAGE_RESUME, NULL); }
int ui_admin_page_end(struct ctx *c)     { return act(c, PAGE_END, NULL); }
