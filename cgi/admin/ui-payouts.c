/*
 * ui-payouts.c — GET /admin/payouts?payout_state=&county=&period=&page=: the payouts in the staff
 * member's reach, newest first, with each role's work on top: for county staff what is theirs to
 * do (returned, approved to pay, failed, drafts), for the city and the province those awaiting
 * approval.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "../core/payouts.h"
#include "../labels.h"
#include "../page.h"
#include "../scope.h"
#include "../util.h"

#define PAYOUTS_SQL_MAX  2048
#define PAYOUTS_PER_PAGE 50

/* A period's code as people read it, for each row (Payouts.N.period -> .period_text). */
static void period_rows(struct ctx *c)
{
	HDF *list = hdf_get_obj(c->hdf, "Payouts");
	char text[PERIOD_TEXT_MAX];

	for (HDF *row = list ? hdf_obj_child(list) : NULL; row; row = hdf_obj_next(row)) {
		period_code_text(hdf_get_value(row, "period", ""), text, sizeof text);
		page_set(c, row, "period_text", text);
	}
}

int ui_admin_payouts(struct ctx *c)
{
	const struct actor a = actor_of(c);
	const struct field *f = c->f;
	const char *state = f[K_PSTATE].present ? f[K_PSTATE].str : "";
	const char *county;
	const char *period = f[K_PERIOD].present ? f[K_PERIOD].str : "";
	long long page = f[K_PAGE].present ? f[K_PAGE].num : 1;
	int maker = payout_maker(&a), n;
	/* What is the reader's to do: the county's moves, or the approvers'. */
	const char *todo1 = maker ? "returned" : "submitted", *todo2 = maker ? "approved" : "",
	           *todo3 = maker ? "failed" : "", *todo4 = maker ? "draft" : "";
	char sql[PAYOUTS_SQL_MAX];
	struct scope s;

	if (admin_county_filter(c, &county) < 0)
		return -1;
	scope_for(&a, &s);
	struct dbp p[] = {
		P_STR(state), P_STR(state), P_STR(county), P_STR(county), P_STR(period),
		P_STR(period), s.param, P_STR(todo1), P_STR(todo2), P_STR(todo3), P_STR(todo4),
		P_INT(PAYOUTS_PER_PAGE + 1), P_INT((page - 1) * PAYOUTS_PER_PAGE),
	};
	if (scope_sql(sql, sizeof sql,
	        "SELECT p.id, p.ref, p.period, p.amount_fen, p.advanced_fen, p.method, p.state, "
	        "p.county_code AS county, COALESCE(p.batch_id, '') AS batch, c.code, c.alias, "
	        "DATE_FORMAT(p.paid_on, '%%Y-%%m-%%d') AS paid_on FROM payouts p "
	        "JOIN children c ON c.id = p.child_id "
	        "WHERE (? = '' OR p.state = ?) AND (? = '' OR p.county_code = ?) "
	        "AND (? = '' OR p.period = ?) AND %s "
	        "ORDER BY p.state IN (?, ?, ?, ?) DESC, p.id DESC LIMIT ? OFFSET ?", &s) < 0)
		return err_set(&c->err, 500, NULL, "payouts query too long");
	if (db_query_hdf(c->db, sql, p, nitems(p), c->hdf, "Payouts", &n, &c->err) < 0)
		return -1;
	/* One row more than a page says there is a next page; it is not shown. */
	if (n > PAYOUTS_PER_PAGE) {
		char last[32];
		snprintf(last, sizeof last, "Payouts.%d", PAYOUTS_PER_PAGE);
		hdf_remove_tree(c->hdf, last);
		page_setf(c, "Next=%lld", page + 1);
	}
	if (page > 1)
		page_setf(c, "Prev=%lld", page - 1);
	page_money_rows(c, "Payouts", "amount_fen", "amount");
	page_money_rows(c, "Payouts", "advanced_fen", "advanced");
	page_label_rows(c, "Payouts", "state", PAYOUT_STATES, "state_label");
	page_label_rows(c, "Payouts", "method", PAYOUT_METHODS, "method_label");
	page_region_rows(c, "Payouts", "county", "place");
	period_rows(c);
	page_label_list(c, "States", PAYOUT_STATES);
	page_set(c, NULL, "Filter.state", state);
	page_set(c, NULL, "Filter.county", county);
	page_set(c, NULL, "Filter.period", period);
	if (maker)
		page_set(c, NULL, "Maker", "1");
	admin_page(c, "善款发放", "payouts");
	c->tmpl = "admin-payouts.cs";
	return 0;
}
