/* ui-home.c — GET /admin: the dashboard within the staff member's reach; a volunteer's children. */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "../elsewhere.h"
#include "../page.h"
#include "../public/public.h"
#include "../scope.h"
#include "../util.h"

/* Children waiting longer than this are counted apart: they need someone to look at why. */
#define WAITING_LONG_DAYS 180
#define STR_(x) #x
#define STR(x) STR_(x)
#define WAITING_LONG "c.waiting_since < CURDATE() - INTERVAL " STR(WAITING_LONG_DAYS) " DAY"
/* The figures' statement: six subqueries, each with the scope condition. */
#define FIGURES_SQL_MAX 2048
/* A statement of one scope condition. */
#define SCOPED_SQL_MAX 1024
/* The scope condition of each figure. */
#define FIGURE_SCOPES(s) s->sql, s->sql, s->sql, s->sql, s->sql, s->sql

/* The figures at the top; every one of them reads children through the scope condition. */
static int figures(struct ctx *c, const struct scope *s)
{
	char sql[FIGURES_SQL_MAX];
	struct dbp p[] = { s->param, s->param, s->param, s->param, s->param, s->param };

	snprintf(sql, sizeof sql,
	    "SELECT (SELECT COUNT(*) FROM sponsorships x JOIN children c ON c.id = x.child_id "
	    "  WHERE x.state = 'pending_approval' AND %s) AS pending, "
	    "(SELECT COUNT(*) FROM sponsorships x JOIN children c ON c.id = x.child_id "
	    "  WHERE x.state IN ('held','pending_payment') AND x.hold_until > NOW() AND %s) "
	    "AS holds, "
	    "(SELECT COUNT(*) FROM children c WHERE c.status = 'waiting' "
	    "  AND " WAITING_LONG " AND %s) AS waiting_long, "
	    "(SELECT COUNT(*) FROM sponsorships x JOIN children c ON c.id = x.child_id "
	    "  WHERE x.state IN ('active','ended') "
	    "  AND x.decided_at >= DATE_FORMAT(CURDATE(), '%%Y-%%m-01') AND %s) AS paired_month, "
	    "(SELECT COALESCE(SUM(d.amount_fen), 0) FROM donations d "
	    "  JOIN sponsorships x ON x.id = d.sponsorship_id "
	    "  JOIN children c ON c.id = x.child_id WHERE d.status = 'paid' AND d.refund_due = 0 "
	    "  AND d.paid_at >= DATE_FORMAT(CURDATE(), '%%Y-%%m-01') AND %s) AS funds_month_fen, "
	    "(SELECT COUNT(*) FROM donations d LEFT JOIN sponsorships x ON x.id = d.sponsorship_id "
	    "  LEFT JOIN children c ON c.id = x.child_id "
	    "  WHERE d.refund_due = 1 AND d.status = 'paid' AND %s) AS owed",
	    FIGURE_SCOPES(s));
	if (page_query_one(c, sql, p, nitems(p), "Fig", NULL) < 0)
		return -1;
	page_money(c, "Fig.funds_month_fen", "Fig.funds_month");
	page_setf(c, "Fig.long_days=%d", WAITING_LONG_DAYS);
	return 0;
}

/* Children by county and state, with the county's name. */
static int counties(struct ctx *c, const struct scope *s)
{
	char sql[SCOPED_SQL_MAX];

	if (scope_sql(sql, sizeof sql,
	        "SELECT c.county_code AS county, SUM(c.status = 'waiting') AS waiting, "
	        "SUM(c.status IN ('held','pending')) AS pairing, "
	        "SUM(c.status = 'paired') AS paired, "
	        "SUM(c.status = 'waiting' AND " WAITING_LONG ") AS waiting_long "
	        "FROM children c WHERE c.status <> 'exited' AND %s "
	        "GROUP BY c.county_code ORDER BY c.county_code", s) < 0 ||
	    db_query_hdf(c->db, sql, &s->param, 1, c->hdf, "Counties", NULL, &c->err) < 0)
		return -1;
	page_region_rows(c, "Counties", "county", "name");
	return 0;
}

/*
 * For the province: the last 30 days' questions about ID numbers outside a staff member's reach
 * that were not answered (the day's allowance was spent), so that someone looks at who asked, and
 * transfers records where needed.
 */
static int withheld(struct ctx *c)
{
	if (db_query_hdf(c->db,
	        "SELECT DATE_FORMAT(a.at, '%Y-%m-%d %H:%i') AS at, t.username, "
	        "t.display_name AS name, "
	        "t.region_code AS region, a.action, "
	        "SUBSTRING_INDEX(a.object_id, '/', 1) AS outside, "
	        "SUBSTRING_INDEX(a.object_id, '/', -1) AS elsewhere "
	        "FROM audit_log a JOIN staff t ON t.id = a.staff_id "
	        "WHERE a.action IN (" ELSEWHERE_WITHHELD_ACTIONS ") "
	        "AND a.at > NOW() - INTERVAL 30 DAY "
	        "ORDER BY a.at DESC, a.id DESC LIMIT 50",
	        NULL, 0, c->hdf, "Withheld", NULL, &c->err) < 0)
		return -1;
	page_region_rows(c, "Withheld", "region", "region_name");
	return 0;
}

/* A volunteer sees the public profile of the children assigned to them, and nothing else. */
static int assigned(struct ctx *c, const struct scope *s)
{
	char sql[SCOPED_SQL_MAX];

	if (scope_sql(sql, sizeof sql,
	        "SELECT " CHILD_PUBLIC_COLS " FROM children c WHERE %s ORDER BY c.code", s) < 0 ||
	    db_query_hdf(c->db, sql, &s->param, 1, c->hdf, "Children", NULL, &c->err) < 0)
		return -1;
	child_labels(c, "Children");
	return 0;
}

int ui_admin_home(struct ctx *c)
{
	struct scope s;

	scope_of(&c->who, &s);
	admin_page(c, "工作台", "home");
	c->tmpl = "admin-home.cs";
	if (strcmp(c->who.role, "volunteer") == 0)
		return assigned(c, &s);
	if (figures(c, &s) < 0 || counties(c, &s) < 0)
		return -1;
	return strcmp(c->who.role, "province") == 0 ? withheld(c) : 0;
}
