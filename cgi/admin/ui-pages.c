/*
 * ui-pages.c — GET /admin/pages?list_state=: personal fundraising pages in reach (by the page's
 * region: scope_for_region), those awaiting review first; GET /admin/pages/new and POST
 * /admin/pages: the province makes a spokesperson's page (代言人), live at once (core/pages.h).
 */
#include <stdio.h>

#include "admin.h"
#include "../core/pages.h"
#include "../donor/donor.h"
#include "../labels.h"
#include "../page.h"
#include "../scope.h"
#include "../util.h"

#define PAGES_SQL \
	"SELECT x.id, x.code, x.kind, x.spokesperson, x.display_name, x.title, x.goal_fen, " \
	"x.ends_on, x.region_code, x.state, DATE(x.created_at) AS created FROM fund_pages x " \
	"LEFT JOIN regions rg ON rg.code = x.region_code WHERE (? = '' OR x.state = ?) AND %s " \
	"ORDER BY x.state = 'pending' DESC, x.id DESC LIMIT 200"

int ui_admin_pages(struct ctx *c)
{
	const struct actor staff = actor_of(c);
	const char *st = c->f[K_STATE].present ? c->f[K_STATE].str : "";
	struct scope s;
	char sql[SCOPE_SQL_LEN * 2];
	struct dbp p[] = { P_STR(st), P_STR(st), P_NULL };

	if (*st && !label_of(PAGE_STATES, st))
		return err_set(&c->err, 400, "状态不存在。", "page list state %s", st);
	scope_for_region(&staff, &s);
	p[2] = s.param;
	if (scope_sql(sql, sizeof sql, PAGES_SQL, &s) < 0)
		return err_set(&c->err, 500, NULL, "pages query too long");
	if (db_query_hdf(c->db, sql, p, nitems(p), c->hdf, "Pages", NULL, &c->err) < 0)
		return -1;
	page_label_rows(c, "Pages", "state", PAGE_STATES, "state_label");
	page_label_rows(c, "Pages", "kind", PAGE_KINDS, "kind_label");
	page_region_rows(c, "Pages", "region_code", "place");
	page_money_rows(c, "Pages", "goal_fen", "goal");
	page_label_list(c, "States", PAGE_STATES);
	page_set(c, NULL, "List.state", st);
	admin_page(c, "一起捐页面", "pages");
	c->tmpl = "admin-pages.cs";
	return 0;
}

int ui_admin_page_new(struct ctx *c)
{
	if (page_form(c) < 0)
		return -1;
	admin_page(c, "新建代言人页面", "pages");
	c->tmpl = "admin-page-new.cs";
	return 0;
}

int ui_admin_page_create(struct ctx *c)
{
	return page_submit(c, c->f[K_NAME].str, "/admin/pages");
}
