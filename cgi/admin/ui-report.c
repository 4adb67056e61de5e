/*
 * ui-report.c — GET /admin/reports/{id}: one report in reach, with the reporter's contact (opened
 * for staff, the view audited), the page it is about and the forms to answer it and to pause its
 * activity or personal page; POST …/answer and …/pause-item (core/reports.h).
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "../audit.h"
#include "../core/reports.h"
#include "../labels.h"
#include "../page.h"
#include "../pii.h"
#include "../regions.h"
#include "../scope.h"
#include "../util.h"

#define REPORT_URL_MAX 64

/* The public address of the page item names: home, child:, activity: or page: and its code. */
static void item_link(const char *item, char *out, size_t n)
{
	static const struct { const char *prefix, *path; } L[] = {
		{ "child:", "/children/" }, { "activity:", "/activities/" }, { "page:", "/p/" },
	};

	snprintf(out, n, "/");
	for (size_t i = 0; i < nitems(L); i++)
		if (strncmp(item, L[i].prefix, strlen(L[i].prefix)) == 0)
			snprintf(out, n, "%s%s", L[i].path, item + strlen(L[i].prefix));
}

/* A report's contact as the database holds it, opened: the row callback of show_reach. */
struct reach {
	const struct config *cfg;
	char                 plain[REPORT_REACH_MAX];
	int                  bad;
};

static int reach_row(void *ctx, unsigned ncols, MYSQL_FIELD *fields, char **v, unsigned long *lens)
{
	struct reach *r = ctx;

	(void)fields;
	if (ncols != 2 || !v[0] || !v[1])
		return 0;
	r->bad = pii_open_into(r->cfg->pii_key, REPORT_REACH_FIELD, v[0], v[1], lens[1], r->plain,
	                       sizeof r->plain) < 0;
	return 0;
}

/* The reporter's contact, opened into Report.reach_text, and the view audited. */
static int show_reach(struct ctx *c, long long id)
{
	struct reach r = { .cfg = c->cfg };
	struct dbp p[] = { P_INT(id) };
	char key[24];

	if (db_query(c->db, "SELECT ticket, reach FROM reports WHERE id = ?", p, nitems(p),
	             reach_row, &r, &c->err) < 0)
		return -1;
	if (r.bad)
		return err_set(&c->err, 500, NULL, "report %lld: contact does not open", id);
	if (!*r.plain)
		return 0;
	snprintf(key, sizeof key, "%lld", id);
	page_set(c, NULL, "Report.reach_text", r.plain);
	return audit(c->db, c, &c->err, "report.view_reach", "report", key, "contact shown");
}

int ui_admin_report(struct ctx *c)
{
	const struct actor staff = actor_of(c);
	long long id = c->f[K_ID].num;
	struct dbp p[] = { P_INT(id) };
	char link[REPORT_URL_MAX];
	const struct region *region;
	int found;

	if (page_query_one(c, "SELECT r.id, r.ticket, r.item, r.kind, r.state, r.body, r.due_on, "
	                   "r.region_code AS region, r.answer, r.activity_id, r.page_id, "
	                   "DATE_FORMAT(r.filed_at, '%Y-%m-%d %H:%i') AS filed, "
	                   "DATE_FORMAT(r.answered_at, '%Y-%m-%d %H:%i') AS answered, "
	                   "DATE_FORMAT(r.paused_at, '%Y-%m-%d %H:%i') AS paused, "
	                   "a.display_name AS answerer, " REPORT_OVERDUE " AS overdue "
	                   "FROM reports r LEFT JOIN staff a ON a.id = r.answered_by "
	                   "WHERE r.id = ?", p, nitems(p), "Report", &found) < 0)
		return -1;
	if (!found || !scope_reaches_region(&staff, hdf_get_value(c->hdf, "Report.region", "")))
		return err_set(&c->err, 404, "找不到这条举报。", "report %lld: none in reach", id);
	item_link(hdf_get_value(c->hdf, "Report.item", ""), link, sizeof link);
	page_set(c, NULL, "Report.link", link);
	page_set(c, NULL, "Report.kind_label",
	         label_of(REPORT_KINDS, hdf_get_value(c->hdf, "Report.kind", "")));
	region = region_get(hdf_get_value(c->hdf, "Report.region", ""));
	page_set(c, NULL, "Report.place", region ? region->name : "全省");
	if (show_reach(c, id) < 0)
		return -1;
	admin_page(c, "举报详情", "reports");
	c->tmpl = "admin-report.cs";
	return 0;
}

/* Back to the report after a change. */
static int back(struct ctx *c)
{
	char url[ADMIN_URL_LEN];

	snprintf(url, sizeof url, "/admin/reports/%lld", c->f[K_ID].num);
	return ctx_redirect(c, url);
}

int ui_admin_report_answer(struct ctx *c)
{
	const struct actor staff = actor_of(c);

	if (report_answer(c->db, &staff, c->f[K_ID].num, c->f[K_TEXT].str, &c->err) < 0)
		return -1;
	return back(c);
}

int ui_admin_report_pause(struct ctx *c)
{
	const struct actor staff = actor_of(c);

	if (report_pause_item(c->db, &staff, c->f[K_ID].num, c->f[K_REASON].str, &c->err) < 0)
		return -1;
	return back(c);
}
