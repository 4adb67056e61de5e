/* ui-home.c — GET /: the programme page with live totals, the charity's disclosure, and children who have waited longest. */
#include <stdlib.h>

#include "public.h"
#include "../money.h"
#include "../page.h"

#define HOME_LONGEST 6

int ui_home(struct ctx *c)
{
	struct dbp lim[] = { P_INT(HOME_LONGEST) };
	char buf[48];

	/* Paired children and the places they live are what "covered" means in the programme's own reports. */
	if (db_query_hdf(c->db,
	        "SELECT (SELECT COUNT(*) FROM children WHERE status = 'paired') AS paired, "
	        "(SELECT COUNT(*) FROM children WHERE listed = 1) AS waiting, "
	        "(SELECT COUNT(DISTINCT city_code) FROM children WHERE status = 'paired') AS cities, "
	        "(SELECT COUNT(DISTINCT county_code) FROM children WHERE status = 'paired') AS counties, "
	        "(SELECT COUNT(*) FROM member_units WHERE agreement_signed = 1) AS units, "
	        "(SELECT SUM(fen) FROM donation_totals) AS raised_fen",
	        NULL, 0, c->hdf, "Stats", NULL, &c->err) < 0)
		return -1;
	if (db_query_hdf(c->db,
	        "SELECT " CHILD_PUBLIC_COLS " FROM children c WHERE c.listed = 1 "
	        "ORDER BY " CHILD_WAITING_ORDER " LIMIT ?",
	        lim, 1, c->hdf, "Children", NULL, &c->err) < 0)
		return -1;
	child_labels(c, "Children");
	/* Sums pass 2^31 fen (21 million yuan): read them as 64-bit, never through hdf_get_int_value. */
	money_format(strtoll(hdf_get_value(c->hdf, "Stats.0.raised_fen", "0"), NULL, 10), buf, sizeof buf);
	page_set(c, NULL, "Stats.0.raised", buf);
	money_format(MONEY_ANNUAL_NEED_FEN, buf, sizeof buf);
	page_set(c, NULL, "Need", buf);
	page_set(c, NULL, "Page.Nav", "home");
	c->tmpl = "home.cs";
	return 0;
}
