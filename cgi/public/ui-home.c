/*
 * ui-home.c — GET /: what the programme is, live totals (volunteer organisations, volunteers,
 * approved visits and the money paid out among them), the children who have waited longest.
 */
#include <stdlib.h>

#include "public.h"
#include "../chart.h"
#include "../core/match.h"
#include "../money.h"
#include "../page.h"
#include "../util.h"

#define HOME_LONGEST 6
/* Room for the annual need as text ("3,000"). */
#define NEED_TEXT_MAX 48

/*
 * A pool made, moved or drawn on moves the content generation (sql/035), so the cached home page
 * shows its line at once.
 */
int pools_line(struct ctx *c, long long activity_id)
{
	long long matched, pledged;
	char buf[NEED_TEXT_MAX];

	if (match_pool_totals(c->db, activity_id, &matched, &pledged, &c->err) < 0)
		return -1;
	if (pledged > 0) {
		page_set(c, NULL, "Pools.matched", money_format(matched, buf, sizeof buf));
		page_set(c, NULL, "Pools.pledged", money_format(pledged, buf, sizeof buf));
	}
	return 0;
}

static long long figure(struct ctx *c, const char *name)
{
	return strtoll(hdf_get_value(c->hdf, name, "0"), NULL, 10);
}

/* The figures as progress bars: the children paired of those waiting or paired; money paid out. */
static void progress(struct ctx *c)
{
	long long paired = figure(c, "Stats.paired"), waiting = figure(c, "Stats.waiting");
	long long paid = figure(c, "Stats.paid_fen"), raised = figure(c, "Stats.raised_fen");

	chart_progress(c, "Progress.paired", paired, paired + waiting, CHART_COUNT);
	chart_progress(c, "Progress.paid", paid, raised, CHART_FEN);
}

int ui_home(struct ctx *c)
{
	struct dbp lim[] = { P_INT(HOME_LONGEST) };
	char buf[NEED_TEXT_MAX];

	/*
	 * Paired children and the places they live are what "covered" means in the programme's own
	 * reports. The children's and visits' figures are kept rows (sql/040's county_counts,
	 * sql/044's public_counts), summed over their slots and each table read once: counting the
	 * children themselves cost 180 ms at 100,000, on every change a campaign makes.
	 */
	if (page_query_one(c,
	        "SELECT k.paired, p.waiting, k.cities, k.counties, "
	        "(SELECT COUNT(*) FROM member_units WHERE agreement_signed = 1) AS units, "
	        "(SELECT SUM(fen) FROM donation_totals) AS raised_fen, "
	        /* Paid out to families: the running totals of sql/031_finance.sql. */
	        "(SELECT COALESCE(SUM(fen), 0) FROM finance_months WHERE kind = 'spending') "
	        "AS paid_fen, "
	        /* Care after pairing: what the programme reports as its volunteers' work. */
	        "(SELECT COUNT(*) FROM volunteer_orgs WHERE active = 1) AS orgs, "
	        "(SELECT COUNT(*) FROM staff WHERE role = 'volunteer' AND active = 1) "
	        "AS volunteers, p.visits "
	        "FROM (SELECT COALESCE(SUM(n), 0) AS paired, "
	        "COUNT(DISTINCT IF(n > 0, city_code, NULL)) AS cities, "
	        "COUNT(DISTINCT IF(n > 0, county_code, NULL)) AS counties "
	        "FROM (SELECT county_code, city_code, SUM(paired) AS n FROM county_counts "
	        "GROUP BY county_code, city_code) AS g) AS k, "
	        "(SELECT COALESCE(SUM(listed), 0) AS waiting, COALESCE(SUM(visits), 0) AS visits "
	        "FROM public_counts) AS p",
	        NULL, 0, "Stats", NULL) < 0)
		return -1;
	if (db_query_hdf(c->db,
	        "SELECT " CHILD_PUBLIC_COLS " FROM children c WHERE c.listed = 1 "
	        "ORDER BY " CHILD_WAITING_ORDER " LIMIT ?",
	        lim, nitems(lim), c->hdf, "Children", NULL, &c->err) < 0)
		return -1;
	child_labels(c, "Children");
	progress(c);
	page_money(c, "Stats.raised_fen", "Stats.raised");
	page_money(c, "Stats.paid_fen", "Stats.paid");
	page_set(c, NULL, "Need", money_format(MONEY_ANNUAL_NEED_FEN, buf, sizeof buf));
	if (pools_line(c, 0) < 0)
		return -1;
	page_set(c, NULL, "Page.Nav", "home");
	c->tmpl = "home.cs";
	return 0;
}
