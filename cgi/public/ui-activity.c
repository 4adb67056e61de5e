/*
 * ui-activity.c — GET /activities/{slug}: a themed activity's page (its story, dates, region, 备案
 * 编号, what it raised with matching money, its updates and closing report, the personal pages
 * for it, the donate form while it runs), and POST /activities/{slug}/donate, a gift to it. A
 * draft is not found. Not cached: a new gift shows at once.
 */
#include <stdio.h>
#include <stdlib.h>

#include "public.h"
#include "../core/activities.h"
#include "../labels.h"
#include "../page.h"
#include "../regions.h"
#include "../util.h"

/* open: live and within its dates, the only time it takes gifts. */
#define ACTIVITY_COLS \
	"a.id, a.slug, a.title, a.story, a.state, a.goal_fen, a.filing_no, a.pause_reason, " \
	"COALESCE(a.region_code, '') AS region, " \
	"DATE_FORMAT(a.starts_on, '%Y-%m-%d') AS starts_on, " \
	"DATE_FORMAT(a.ends_on, '%Y-%m-%d') AS ends_on, " \
	"a.state = 'live' AND CURDATE() BETWEEN a.starts_on AND a.ends_on AS open, " \
	"CURDATE() < a.starts_on AS early"

/* A whole number of the page's data (fen beyond an int's range). */
static long long page_ll(struct ctx *c, const char *name)
{
	return strtoll(hdf_get_value(c->hdf, name, "0"), NULL, 10);
}

/* The public activity of the path's slug as Activity.*, or a 404 (a draft too). */
static int activity_load(struct ctx *c)
{
	struct dbp p[] = { P_STR(c->f[K_SLUG].str) };
	int found;

	if (page_query_one(c, "SELECT " ACTIVITY_COLS " FROM activities a "
	                   "WHERE a.slug = ? AND a.state <> 'draft'", p, nitems(p), "Activity",
	                   &found) < 0)
		return -1;
	if (!found)
		return err_set(&c->err, 404, "没有找到这个专题活动。", "no public activity %s",
		               c->f[K_SLUG].str);
	return 0;
}

/* What it raised (matching money included), from the running totals, with its share of the goal. */
static int activity_raised(struct ctx *c, long long id)
{
	struct dbp p[] = { P_INT(id) };
	long long goal = page_ll(c, "Activity.goal_fen"), raised;

	if (page_query_one(c, "SELECT COALESCE(SUM(gifts), 0) AS gifts, "
	                   "COALESCE(SUM(fen + match_fen), 0) AS fen, "
	                   "COALESCE(SUM(match_fen), 0) AS match_fen FROM raised_totals "
	                   "WHERE item_kind = 'activity' AND item_id = ?", p, nitems(p), "Raised",
	                   NULL) < 0)
		return -1;
	raised = page_ll(c, "Raised.fen");
	page_setf(c, "Raised.percent=%lld",
	          goal <= 0 ? 0 : raised >= goal ? 100 : raised * 100 / goal);
	page_money(c, "Raised.fen", "Raised.amount");
	page_money(c, "Raised.match_fen", "Raised.match");
	return 0;
}

/* Its updates, newest first (the closing report among them), and the live pages raising for it. */
static int activity_lists(struct ctx *c, long long id)
{
	struct dbp p[] = { P_INT(id) };

	if (db_query_hdf(c->db, ACTIVITY_UPDATES, p, nitems(p), c->hdf, "Updates", NULL,
	                 &c->err) < 0 ||
	    db_query_hdf(c->db, "SELECT f.code, f.title, f.display_name, "
	                 "(SELECT COALESCE(SUM(t.fen + t.match_fen), 0) FROM raised_totals t "
	                 "WHERE t.item_kind = 'page' AND t.item_id = f.id) AS raised_fen "
	                 "FROM fund_pages f WHERE f.activity_id = ? AND f.state = 'live' "
	                 "ORDER BY raised_fen DESC, f.id LIMIT 50", p, nitems(p), c->hdf, "Pages",
	                 NULL, &c->err) < 0)
		return -1;
	page_money_rows(c, "Pages", "raised_fen", "raised");
	return 0;
}

void activity_labels(struct ctx *c)
{
	const struct region *r = region_get(hdf_get_value(c->hdf, "Activity.region", ""));

	page_set(c, NULL, "Activity.region_name", r ? r->name : "全省");
	page_set(c, NULL, "Activity.state_label",
	         label_of(ACTIVITY_STATES, hdf_get_value(c->hdf, "Activity.state", "")));
	page_money(c, "Activity.goal_fen", "Activity.goal");
}

int ui_activity(struct ctx *c)
{
	long long id;

	if (activity_load(c) < 0)
		return -1;
	id = page_ll(c, "Activity.id");
	if (activity_raised(c, id) < 0 || pools_line(c, id) < 0 || activity_lists(c, id) < 0)
		return -1;
	activity_labels(c);
	gift_form(c);
	page_set(c, NULL, "Page.Title", hdf_get_value(c->hdf, "Activity.title", ""));
	page_set(c, NULL, "Page.Nav", "activities");
	c->tmpl = "activity.cs";
	return 0;
}

int ui_activity_donate(struct ctx *c)
{
	if (activity_load(c) < 0)
		return -1;
	if (!hdf_get_int_value(c->hdf, "Activity.open", 0))
		return err_set(&c->err, 409,
		               "这个专题活动现在不接受捐赠（尚未开始、已暂停或已结束）。",
		               "gift to activity %s, which is %s", c->f[K_SLUG].str,
		               hdf_get_value(c->hdf, "Activity.state", ""));
	return gift_post(c, &(struct gift_for){
		.purpose = "activity", .activity_id = page_ll(c, "Activity.id"),
	});
}
