/*
 * ui-activities.c — GET /admin/activities (the themed activities within reach, with what each
 * raised), GET /admin/activities/new and POST /admin/activities (a new draft). The province's
 * staff reach every activity, city and county staff those of their region (core/activities.h).
 */
#include <stdio.h>
#include <time.h>

#include "admin.h"
#include "../core/activities.h"
#include "../labels.h"
#include "../page.h"
#include "../util.h"

int ui_admin_activities(struct ctx *c)
{
	struct actor a = actor_of(c);
	char sql[SCOPE_SQL_LEN];
	struct scope s;

	activities_scope(&a, &s);
	if (scope_sql(sql, sizeof sql, "SELECT a.id, a.slug, a.title, a.state, "
	              "a.region_code AS region, "
	              "DATE_FORMAT(a.starts_on, '%%Y-%%m-%%d') AS starts_on, "
	              "DATE_FORMAT(a.ends_on, '%%Y-%%m-%%d') AS ends_on, a.goal_fen, "
	              "(SELECT COALESCE(SUM(t.fen + t.match_fen), 0) FROM raised_totals t "
	              "WHERE t.item_kind = 'activity' AND t.item_id = a.id) AS raised_fen "
	              "FROM activities a LEFT JOIN regions r ON r.code = a.region_code "
	              "WHERE %s ORDER BY a.id DESC LIMIT 200", &s) < 0)
		return err_set(&c->err, 500, NULL, "activities query too long");
	struct dbp p[] = { s.param };
	if (db_query_hdf(c->db, sql, p, nitems(p), c->hdf, "Activities", NULL, &c->err) < 0)
		return -1;
	page_money_rows(c, "Activities", "goal_fen", "goal");
	page_money_rows(c, "Activities", "raised_fen", "raised");
	page_label_rows(c, "Activities", "state", ACTIVITY_STATES, "state_label");
	page_region_rows(c, "Activities", "region", "region_name");
	admin_page(c, "专题活动", "activities");
	c->tmpl = "admin-activities.cs";
	return 0;
}

int ui_admin_activity_new(struct ctx *c)
{
	time_t now = time(NULL);
	struct tm tm;
	char today[16];

	localtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	page_set(c, NULL, "Today", today);
	/* a refused form's region stays chosen (form_again) */
	regions_in_reach(c, c->f[K_REGION].present ? c->f[K_REGION].str : NULL);
	admin_page(c, "新建专题活动", "activities");
	c->tmpl = "admin-activity-new.cs";
	return 0;
}

struct activity_form activity_form_of(const struct ctx *c)
{
	const struct field *f = c->f;

	return (struct activity_form){
		.slug = f[K_SLUG].str, .title = f[K_TITLE].str, .story = f[K_TEXT].str,
		.goal_fen = f[K_GOAL].num, .starts_on = f[K_FROM].str, .ends_on = f[K_TO].str,
		.region = f[K_REGION].present ? f[K_REGION].str : "",
		.filing_no = f[K_FILING].present ? f[K_FILING].str : "",
	};
}

int activity_refused_at(struct err *e)
{
	err_at_if(e, "activities.slug_taken", KEYS[K_SLUG].name);
	err_at_if(e, "activities.dates", KEYS[K_TO].name);
	return err_at_if(e, "activities.region_kind", KEYS[K_REGION].name);
}

int ui_admin_activities_post(struct ctx *c)
{
	struct actor a = actor_of(c);
	struct activity_form f = activity_form_of(c);
	char url[ADMIN_URL_LEN];
	long long id;

	if (activity_create(c->db, &a, &f, &id, &c->err) < 0)
		return activity_refused_at(&c->err);
	snprintf(url, sizeof url, "/admin/activities/%lld", id);
	return ctx_redirect(c, url);
}
