/*
 * ui-activities.c — GET /activities: the themed activities (专题活动) running, paused or ended in
 * the last 90 days, newest first, with what each raised. Not cached: a gift shows at once.
 */
#include "public.h"
#include "../labels.h"
#include "../page.h"

int ui_activities(struct ctx *c)
{
	if (db_query_hdf(c->db, "SELECT a.slug, a.title, a.state, a.region_code AS region, "
	                 "DATE_FORMAT(a.starts_on, '%Y-%m-%d') AS starts_on, "
	                 "DATE_FORMAT(a.ends_on, '%Y-%m-%d') AS ends_on, a.goal_fen, "
	                 "(SELECT COALESCE(SUM(t.fen + t.match_fen), 0) FROM raised_totals t "
	                 "WHERE t.item_kind = 'activity' AND t.item_id = a.id) AS raised_fen "
	                 "FROM activities a WHERE " ACTIVITIES_SHOWN " "
	                 "ORDER BY a.starts_on DESC, a.id DESC LIMIT " ACTIVITIES_LIMIT, NULL, 0,
	                 c->hdf, "Activities", NULL, &c->err) < 0)
		return -1;
	page_money_rows(c, "Activities", "goal_fen", "goal");
	page_money_rows(c, "Activities", "raised_fen", "raised");
	page_label_rows(c, "Activities", "state", ACTIVITY_STATES, "state_label");
	page_region_rows(c, "Activities", "region", "region_name");
	page_set(c, NULL, "Page.Title", "专题活动");
	page_set(c, NULL, "Page.Nav", "activities");
	c->tmpl = "activities.cs";
	return 0;
}
