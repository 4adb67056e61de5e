/*
 * ui-activity.c — GET /admin/activities/{id}: one themed activity for staff within reach, with
 * what it raised, its updates, the form that changes it (a draft whole; once public its story,
 * filing number and end date) and the buttons its state allows; POST …/edit, …/publish, …/pause
 * (its donors told), …/resume, …/end and …/updates (a progress update, or the closing report once
 * it ended). core/activities.c decides each.
 */
#include <stdio.h>

#include "admin.h"
#include "../core/activities.h"
#include "../page.h"
#include "../public/public.h"
#include "../util.h"

int ui_admin_activity(struct ctx *c)
{
	struct actor a = actor_of(c);
	struct dbp p[] = { P_INT(c->f[K_ID].num) };
	int found;

	if (page_query_one(c, "SELECT a.id, a.slug, a.title, a.story, a.state, a.goal_fen, "
	                   "a.filing_no, a.pause_reason, COALESCE(a.region_code, '') AS region, "
	                   "DATE_FORMAT(a.starts_on, '%Y-%m-%d') AS starts_on, "
	                   "DATE_FORMAT(a.ends_on, '%Y-%m-%d') AS ends_on, "
	                   "(SELECT COALESCE(SUM(t.fen + t.match_fen), 0) FROM raised_totals t "
	                   "WHERE t.item_kind = 'activity' AND t.item_id = a.id) AS raised_fen, "
	                   "(SELECT COALESCE(SUM(t.gifts), 0) FROM raised_totals t "
	                   "WHERE t.item_kind = 'activity' AND t.item_id = a.id) AS gifts "
	                   "FROM activities a WHERE a.id = ?", p, nitems(p), "Activity",
	                   &found) < 0)
		return -1;
	if (!found || !scope_reaches_region(&a, hdf_get_value(c->hdf, "Activity.region", "")))
		return err_set(&c->err, 404, "找不到这个专题活动。", "activity %lld: none in reach",
		               c->f[K_ID].num);
	if (db_query_hdf(c->db, ACTIVITY_UPDATES, p, nitems(p), c->hdf, "Updates", NULL,
	                 &c->err) < 0)
		return -1;
	activity_labels(c);
	page_money(c, "Activity.raised_fen", "Activity.raised");
	/* a refused edit's region stays chosen (form_again) */
	regions_in_reach(c, c->f[K_REGION].present ? c->f[K_REGION].str :
	                 hdf_get_value(c->hdf, "Activity.region", NULL));
	admin_page(c, "专题活动", "activities");
	c->tmpl = "admin-activity.cs";
	return 0;
}

/* Back to the activity's page after a change. */
static int to_activity(struct ctx *c)
{
	char url[ADMIN_URL_LEN];

	snprintf(url, sizeof url, "/admin/activities/%lld", c->f[K_ID].num);
	return ctx_redirect(c, url);
}

int ui_admin_activity_edit(struct ctx *c)
{
	struct actor a = actor_of(c);
	struct activity_form f = activity_form_of(c);

	if (activity_save(c->db, &a, c->f[K_ID].num, &f, &c->err) < 0)
		return activity_refused_at(&c->err);
	return to_activity(c);
}

/* One of the moves of its state, as the path names it. */
static int move(struct ctx *c, enum activity_move m)
{
	struct actor a = actor_of(c);
	const char *reason = c->f[K_REASON].present ? c->f[K_REASON].str : NULL;

	if (activity_move(c->db, &a, c->f[K_ID].num, m, reason, &c->err) < 0)
		return -1;
	return to_activity(c);
}

int ui_admin_activity_publish(struct ctx *c) { return move(c, ACT_PUBLISH); }
int ui_admin_activity_pause(struct ctx *c)   { return move(c, ACT_PAUSE); }
int ui_admin_activity_resume(struct ctx *c)  { return move(c, ACT_RESUME); }
int ui_admin_activity_end(struct ctx *c)     { return move(c, ACT_END); }

int ui_admin_activity_update(struct ctx *c)
{
	struct actor a = actor_of(c);

	if (activity_post_update(c->db, &a, c->f[K_ID].num, c->f[K_TEXT].str,
	                         c->f[K_FINAL].present && c->f[K_FINAL].num, &c->err) < 0)
		return err_at_if(&c->err, "activities.final_twice", KEYS[K_FINAL].name);
	return to_activity(c);
}
