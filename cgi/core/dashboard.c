/* core/dashboard.c — the dashboard's counts by county; the dated ones kept per worker. */
#include <stdlib.h>
#include <string.h>

#include "dashboard.h"
#include "rows.h"
#include "../scope.h"

/*
 * What the date changes without a write is kept by month (sql/040_dashboard_counts.sql): the
 * rows dated before a cutoff day (CUT, its days ago a parameter) are all of them (total, a column
 * of county_counts) less the months after the cutoff's (county_months) and the rows of the
 * cutoff's month from the cutoff on (read from an index of table): a few recent months, whatever
 * the age of the rest. By county; its three parameters are the same days.
 */
#define CUT "(CURDATE() - INTERVAL ? DAY)"
#define BEFORE_CUT_BY_COUNTY(total, kind, table, cond, day) \
	"SELECT b.county, SUM(b.n) AS n FROM (" \
	"SELECT c.county_code AS county, SUM(c." total ") AS n FROM county_counts c " \
	"GROUP BY c.county_code UNION ALL SELECT c.county_code, -SUM(c.n) FROM county_months c " \
	"WHERE c.kind = '" kind "' AND c.month > DATE_FORMAT(" CUT ", '%Y-%m') " \
	"GROUP BY c.county_code UNION ALL SELECT c.county_code, -COUNT(*) FROM " table " c " \
	"WHERE " cond "c." day " >= " CUT " AND c." day " < DATE_FORMAT(" CUT ", '%Y-%m-01') " \
	"+ INTERVAL 1 MONTH GROUP BY c.county_code) b GROUP BY b.county"

/* Both figures by county: the waiting children's cutoff, then care_seen's (sql/040). */
/* One county's dated figures. */
struct dash_dated {
	char      county[7];
	long long waiting_long, due;
};

static const char DATED_SQL[] =
	"SELECT u.county, SUM(u.w), SUM(u.d) FROM ("
	"SELECT w.county, w.n AS w, 0 AS d FROM ("
	BEFORE_CUT_BY_COUNTY("waiting", "waiting", "children", "c.status = 'waiting' AND ",
	                     "waiting_since")
	") w UNION ALL SELECT d.county, 0, d.n FROM ("
	BEFORE_CUT_BY_COUNTY("care", "seen", "care_seen", "", "seen")
	") d) u GROUP BY u.county HAVING SUM(u.w) <> 0 OR SUM(u.d) <> 0 ORDER BY u.county";

static const struct col DATED_COLS[] = {
	COL_S(struct dash_dated, county),
	COL_I(struct dash_dated, waiting_long),
	COL_I(struct dash_dated, due),
};

/* What the kept figures were counted under: the counts' generation, the day and the cutoffs. */
struct stamp {
	long long gen;
	char      day[16];
	int       long_days, due_days;
};

static struct dash_dated kept[DASH_COUNTIES_MAX];
static int nkept = -1;          /* none kept yet */
static struct stamp kept_under;

/*
 * The stamp now. Read before the figures, never after: a write between the two then leaves
 * figures newer than their stamp, counted again on the next call, never older ones kept.
 */
static int stamp_now(struct db *db, int long_days, int due_days, struct stamp *st,
                     struct err *e)
{
	const struct var v[] = { VAR_LL(&st->gen), VAR_STR(st->day) };

	*st = (struct stamp){ .long_days = long_days, .due_days = due_days };
	return row_get(db, "SELECT SUM(gen), CURDATE() FROM dashboard_generation", NULL, 0, v,
	               nitems(v), e) < 0 ? -1 : 0;
}

static int same(const struct stamp *a, const struct stamp *b)
{
	return a->gen == b->gen && strcmp(a->day, b->day) == 0 &&
	       a->long_days == b->long_days && a->due_days == b->due_days;
}

/*
 * Every county's dated figures, in county code order (a county with neither is absent): their
 * number, or -1 on error (e), and the array into *out, valid until the next call.
 */
static int dashboard_dated(struct db *db, int long_days, int due_days,
                           const struct dash_dated **out, struct err *e)
{
	struct stamp st;
	struct rows r = ROWS_INTO(kept, DATED_COLS);
	const struct dbp p[] = { P_INT(long_days), P_INT(long_days), P_INT(long_days),
	                         P_INT(due_days), P_INT(due_days), P_INT(due_days) };

	*out = kept;
	if (stamp_now(db, long_days, due_days, &st, e) < 0)
		return -1;
	if (nkept >= 0 && same(&st, &kept_under))
		return nkept;
	nkept = -1;
	if (rows_read(db, DATED_SQL, p, nitems(p), &r, e) < 0)
		return -1;
	if (r.n > DASH_COUNTIES_MAX)
		return err_internal(e, "dashboard: more than %d counties", DASH_COUNTIES_MAX);
	kept_under = st;
	return nkept = r.n;
}

static int by_county(const void *key, const void *row)
{
	return strcmp(key, ((const struct dash_dated *)row)->county);
}

/* County's figures in d (n of them, as dashboard_dated gave), or NULL if it has none. */
static const struct dash_dated *dashboard_county(const struct dash_dated *d, int n,
                                                 const char *county)
{
	return n > 0 ? bsearch(county, d, (size_t)n, sizeof *d, by_county) : NULL;
}

/* The kept counts by county in a scope (its condition on county_counts aliased c, the %s). */
static const char COUNTIES_SQL[] =
	"SELECT c.county_code, SUM(c.waiting), SUM(c.pairing), SUM(c.paired), "
	"SUM(c.visits_submitted), SUM(c.letters_pending), SUM(c.letters_approved) "
	"FROM county_counts c WHERE %s GROUP BY c.county_code ORDER BY c.county_code";

static const struct col COUNTY_COLS[] = {
	COL_S(struct dash_county, county),
	COL_I(struct dash_county, waiting),
	COL_I(struct dash_county, pairing),
	COL_I(struct dash_county, paired),
	COL_I(struct dash_county, visits_submitted),
	COL_I(struct dash_county, letters_pending),
	COL_I(struct dash_county, letters_approved),
};

int dashboard_counties(struct db *db, const struct actor *a, int long_days, int due_days,
                       struct dash_county *out, int max, struct err *e)
{
	char sql[SCOPE_SQL_LEN];
	struct scope s;
	struct rows r = { .cols = COUNTY_COLS, .ncols = nitems(COUNTY_COLS), .base = out,
	                  .stride = sizeof *out, .max = max };
	const struct dash_dated *d;
	int nd;

	scope_for(a, &s);
	if (scope_sql(sql, sizeof sql, COUNTIES_SQL, &s) < 0)
		return err_internal(e, "dashboard: counties statement does not fit");
	if ((nd = dashboard_dated(db, long_days, due_days, &d, e)) < 0 ||
	    rows_read(db, sql, &s.param, 1, &r, e) < 0)
		return -1;
	if (r.n > max)
		return err_internal(e, "dashboard: more than %d counties", max);
	for (int i = 0; i < r.n; i++) {
		const struct dash_dated *k = dashboard_county(d, nd, out[i].county);

		out[i].waiting_long = k ? k->waiting_long : 0;
		out[i].due = k ? k->due : 0;
	}
	return r.n;
}
