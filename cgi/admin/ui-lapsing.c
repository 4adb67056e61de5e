/*
 * ui-lapsing.c — GET /admin/lapsing: sponsorships in scope that are lapsing (unpaid past the grace
 * days) or stopping (their donor stopped them), with days overdue, the date they are paid through
 * and the child's payouts still open, those for the county to decide first; POST
 * /admin/sponsorships/{id}/lapse: the county's decision, wait or end (core/renewals.h).
 */
#include <string.h>

#include "admin.h"
#include "../core/renewals.h"
#include "../labels.h"
#include "../page.h"
#include "../scope.h"
#include "../util.h"

/*
 * Paid through: the day before the oldest unpaid instalment's due date or, all paid, the end of
 * the last one's period. To decide: stopping, or overdue Money.DecideDays, unless the county
 * chose to wait until a later day.
 */
#define LAPSING_SQL \
	"SELECT t.*, (t.sstate = 'stopping' OR t.overdue >= ?) AND " \
	"(t.wait_until IS NULL OR t.wait_until <= CURDATE()) AS to_decide FROM (" \
	" SELECT s.id, s.state AS sstate, s.plan, c.code, c.alias, c.county_code AS county," \
	" s.lapsing_since, DATE(s.stopped_at) AS stopped_on, s.stop_reason, s.wait_until," \
	" COALESCE((SELECT DATEDIFF(CURDATE(), MIN(i.due_date)) FROM instalments i" \
	"  WHERE i.sponsorship_id = s.id AND i.donation_id IS NULL), 0) AS overdue," \
	" COALESCE((SELECT MIN(i.due_date) FROM instalments i" \
	"  WHERE i.sponsorship_id = s.id AND i.donation_id IS NULL)," \
	"  (SELECT MAX(i.due_date) + INTERVAL IF(s.plan = 'monthly', 1, 12) MONTH" \
	"  FROM instalments i WHERE i.sponsorship_id = s.id)) - INTERVAL 1 DAY AS paid_through," \
	" (SELECT COUNT(*) FROM payouts o WHERE o.child_id = s.child_id" \
	"  AND o.state IN ('draft','submitted','returned','approved','failed')) AS payouts_open" \
	" FROM sponsorships s JOIN children c ON c.id = s.child_id" \
	" WHERE s.state IN ('lapsing','stopping') AND %s) t " \
	"ORDER BY to_decide DESC, t.overdue DESC, t.id LIMIT 200"

int ui_admin_lapsing(struct ctx *c)
{
	const struct actor staff = actor_of(c);
	struct scope s;
	char sql[SCOPE_SQL_LEN * 2];
	struct dbp p[] = { P_INT(c->cfg->decide_days), P_NULL };

	scope_for(&staff, &s);
	p[1] = s.param;
	if (scope_sql(sql, sizeof sql, LAPSING_SQL, &s) < 0)
		return err_set(&c->err, 500, NULL, "lapsing query too long");
	if (db_query_hdf(c->db, sql, p, nitems(p), c->hdf, "Spons", NULL, &c->err) < 0)
		return -1;
	page_label_rows(c, "Spons", "sstate", SPONSORSHIP_STATES, "state_label");
	page_label_rows(c, "Spons", "plan", PLANS, "plan_label");
	page_region_rows(c, "Spons", "county", "place");
	page_setf(c, "Lapse.grace=%d", c->cfg->grace_days);
	page_setf(c, "Lapse.decide=%d", c->cfg->decide_days);
	page_setf(c, "Lapse.wait=%d", RENEWAL_WAIT_DAYS);
	page_setf(c, "Lapse.can_decide=%d", strcmp(staff.role, "county") == 0);
	admin_page(c, "逾期与停止续捐", "lapsing");
	c->tmpl = "admin-lapsing.cs";
	return 0;
}

int ui_admin_lapse(struct ctx *c)
{
	const struct actor staff = actor_of(c);

	if (renewal_decide(c->db, c->cfg, &staff, c->f[K_ID].num, c->f[K_LAPSE].str, &c->err) < 0)
		return -1;
	return ctx_redirect(c, "/admin/lapsing");
}
