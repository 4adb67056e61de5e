/*
 * ui-pairings.c — GET /admin/pairings?status=…: the pairing queue (pending approval by default)
 * within scope.
 */
#include <stdio.h>

#include "admin.h"
#include "../core/pairing.h"
#include "../labels.h"
#include "../page.h"
#include "../util.h"

/* The queue's query, with the staff member's scope put in. */
#define PAIRINGS_SQL_MAX 1536

int ui_admin_pairings(struct ctx *c)
{
	const char *status = c->f[K_STATUS].present ? c->f[K_STATUS].str : "pending_approval";
	const struct actor staff = actor_of(c);
	struct scope s;
	char sql[PAIRINGS_SQL_MAX];
	struct dbp p[] = { P_STR(status), P_NULL };

	scope_for(&staff, &s);
	p[1] = s.param;
	if (scope_sql(sql, sizeof sql,
	        "SELECT x.id, x.state, x.plan, DATE_FORMAT(x.created_at, '%%Y-%%m-%%d %%H:%%i') AS "
	        "since, c.code, c.alias, c.county_code AS county, d.display_name AS donor, (SELECT "
	        "COALESCE(SUM(g.amount_fen), 0) FROM donations g WHERE g.sponsorship_id = x.id  "
	        "AND g.status = 'paid' AND g.refund_due = 0) AS paid_fen FROM sponsorships x JOIN "
	        "children c ON c.id = x.child_id JOIN donors d ON d.id = x.donor_id WHERE x.state "
	        "= ? AND %s ORDER BY x.created_at, x.id LIMIT 200", &s) < 0)
		return err_set(&c->err, 500, NULL, "pairings query too long");
	if (db_query_hdf(c->db, sql, p, nitems(p), c->hdf, "Pairings", NULL, &c->err) < 0)
		return -1;
	page_money_rows(c, "Pairings", "paid_fen", "paid");
	page_label_rows(c, "Pairings", "plan", PLANS, "plan_label");
	page_label_rows(c, "Pairings", "state", SPONSORSHIP_STATES, "state_label");
	page_region_rows(c, "Pairings", "county", "place");
	page_label_list(c, "States", SPONSORSHIP_STATES);
	page_set(c, NULL, "Status", status);
	admin_page(c, "结对审核", "pairings");
	c->tmpl = "admin-pairings.cs";
	return 0;
}
