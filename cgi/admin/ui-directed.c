/*
 * ui-directed.c — GET /admin/directed: directed gifts (定向捐赠) to the staff member's region: to
 * their county, to their city or its counties (city staff), or to a member unit there; all of them
 * for the province. Totals by month and the gifts, newest first, a page at a time. Amounts, dates
 * and targets only: no donor's or child's personal data.
 */
#include <stdio.h>

#include "admin.h"
#include "../core/activities.h"
#include "../labels.h"
#include "../page.h"
#include "../util.h"

#define DIRECTED_PER_PAGE 50

/* Paid directed gifts, not owed back, whose target region or unit's region r is within %s. */
#define DIRECTED_FROM \
	"FROM donations d LEFT JOIN member_units u ON u.id = d.target_unit " \
	"JOIN regions r ON r.code = COALESCE(d.target_region, u.region_code) " \
	"WHERE d.purpose = 'directed' AND d.status = 'paid' AND d.refund_due = 0 " \
	"AND d.channel <> 'match' AND %s "

static int directed_query(struct ctx *c, const struct scope *s, const char *fmt,
                          const struct dbp *p, unsigned np, const char *prefix)
{
	char sql[SCOPE_SQL_LEN];

	if (scope_sql(sql, sizeof sql, fmt, s) < 0)
		return err_set(&c->err, 500, NULL, "directed query too long");
	return db_query_hdf(c->db, sql, p, np, c->hdf, prefix, NULL, &c->err);
}

int ui_admin_directed(struct ctx *c)
{
	struct actor a = actor_of(c);
	long long page = c->f[K_PAGE].present ? c->f[K_PAGE].num : 1;
	struct scope s;
	char extra[16];
	int n;

	activities_scope(&a, &s);
	struct dbp p[] = { s.param, P_INT(DIRECTED_PER_PAGE + 1),
	                   P_INT((page - 1) * DIRECTED_PER_PAGE) };
	if (directed_query(c, &s, "SELECT DATE_FORMAT(d.paid_at, '%%Y-%%m') AS month, "
	                   "COUNT(*) AS gifts, SUM(d.amount_fen) AS fen " DIRECTED_FROM
	                   "GROUP BY month ORDER BY month DESC LIMIT 36", p, 1, "Months") < 0 ||
	    directed_query(c, &s, "SELECT DATE_FORMAT(d.paid_at, '%%Y-%%m-%%d') AS paid_on, "
	                   "d.amount_fen, d.channel, r.code AS region, u.name AS unit "
	                   DIRECTED_FROM "ORDER BY d.paid_at DESC, d.id DESC LIMIT ? OFFSET ?",
	                   p, nitems(p), "Gifts") < 0)
		return -1;
	/* The row past the page only says there is a next one. */
	snprintf(extra, sizeof extra, "Gifts.%d", DIRECTED_PER_PAGE);
	if ((n = hdf_get_obj(c->hdf, extra) != NULL))
		hdf_remove_tree(c->hdf, extra);
	page_money_rows(c, "Months", "fen", "amount");
	page_money_rows(c, "Gifts", "amount_fen", "amount");
	page_region_rows(c, "Gifts", "region", "region_name");
	page_label_rows(c, "Gifts", "channel", DONATION_CHANNELS, "channel_label");
	if (page > 1)
		page_setf(c, "Pager.prev=%lld", page - 1);
	if (n)
		page_setf(c, "Pager.next=%lld", page + 1);
	admin_page(c, "定向捐赠", "directed");
	c->tmpl = "admin-directed.cs";
	return 0;
}
