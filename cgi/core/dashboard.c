/* core/dashboard.c — the dashboard's counts by county; the dated ones kept per worker. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dashboard.h"
#include "finance.h"
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

/* One county's dated figures. */
struct dash_dated {
	char      county[7];
	long long waiting_long, due, held, held_fen;
};

/* Two figures by county: the waiting children's cutoff, then care_seen's (sql/040). */
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

/* The children with money held too long by county, their scope condition the whole province's. */
#define HELD_SQL_FMT \
	"SELECT h.county, COUNT(*), SUM(h.held_fen) FROM (" FIN_HELD_ROWS ") h " \
	"WHERE h.held_fen > 0 GROUP BY h.county ORDER BY h.county"

static const struct col HELD_COLS[] = {
	COL_S(struct dash_dated, county),
	COL_I(struct dash_dated, held),
	COL_I(struct dash_dated, held_fen),
};

/* What the kept figures were counted under: the counts' generation, the day and the cutoffs. */
struct stamp {
	long long           gen;
	char                day[16];
	struct dash_cutoffs k;
};

static struct dash_dated kept[DASH_COUNTIES_MAX], held[DASH_COUNTIES_MAX];
static int nkept = -1;          /* none kept yet */
static struct stamp kept_under;

/*
 * The stamp now. Read before the figures, never after: a write between the two then leaves
 * figures newer than their stamp, counted again on the next call, never older ones kept.
 */
static int stamp_now(struct db *db, const struct dash_cutoffs *k, struct stamp *st,
                     struct err *e)
{
	const struct var v[] = { VAR_LL(&st->gen), VAR_STR(st->day) };

	*st = (struct stamp){ .k = *k };
	return row_get(db, "SELECT SUM(gen), CURDATE() FROM dashboard_generation", NULL, 0, v,
	               nitems(v), e) < 0 ? -1 : 0;
}

static int same(const struct stamp *a, const struct stamp *b)
{
	return a->gen == b->gen && strcmp(a->day, b->day) == 0 &&
	       a->k.long_days == b->k.long_days && a->k.due_days == b->k.due_days &&
	       a->k.hold_days == b->k.hold_days;
}

static int by_county(const void *key, const void *row)
{
	return strcmp(key, ((const struct dash_dated *)row)->county);
}

static int in_county_order(const void *a, const void *b)
{
	return by_county(((const struct dash_dated *)a)->county, b);
}

/* County's figures in d (n of them, in county order), or NULL if it has none. */
static struct dash_dated *dashboard_county(struct dash_dated *d, int n, const char *county)
{
	return n > 0 ? bsearch(county, d, (size_t)n, sizeof *d, by_county) : NULL;
}

/* The held money by county (n rows in held) into kept's nkept counties, adding those missing. */
static int held_into_kept(int n, struct err *e)
{
	int added = 0;

	for (int i = 0; i < n; i++) {
		struct dash_dated *k = dashboard_county(kept, nkept, held[i].county);

		if (!k) {
			if (nkept + added >= DASH_COUNTIES_MAX)
				return err_internal(e, "dashboard: more than %d counties",
				                    DASH_COUNTIES_MAX);
			k = &kept[nkept + added++];
			*k = (struct dash_dated){ .waiting_long = 0 };
			memcpy(k->county, held[i].county, sizeof k->county);
		}
		k->held = held[i].held;
		k->held_fen = held[i].held_fen;
	}
	qsort(kept, (size_t)(nkept + added), sizeof kept[0], in_county_order);
	return nkept + added;
}

/* Count the dated figures afresh into kept: how many counties, or -1 on error (e). */
static int count_dated(struct db *db, const struct dash_cutoffs *k, struct err *e)
{
	char sql[sizeof HELD_SQL_FMT + 8];
	struct rows r = ROWS_INTO(kept, DATED_COLS), h = ROWS_INTO(held, HELD_COLS);
	const struct dbp p[] = { P_INT(k->long_days), P_INT(k->long_days), P_INT(k->long_days),
	                         P_INT(k->due_days), P_INT(k->due_days), P_INT(k->due_days) };
	const struct dbp hp[] = { P_INT(k->hold_days) };

	snprintf(sql, sizeof sql, HELD_SQL_FMT, "1 = 1");
	if (rows_read(db, DATED_SQL, p, nitems(p), &r, e) < 0 ||
	    rows_read(db, sql, hp, nitems(hp), &h, e) < 0)
		return -1;
	if (r.n > DASH_COUNTIES_MAX || h.n > DASH_COUNTIES_MAX)
		return err_internal(e, "dashboard: more than %d counties", DASH_COUNTIES_MAX);
	nkept = r.n;
	return held_into_kept(h.n, e);
}

/*
 * Every county's dated figures, in county code order (a county with none is absent), into kept:
 * their number, or -1 on error (e); counted again only when the stamp moved.
 */
static int dashboard_dated(struct db *db, const struct dash_cutoffs *k, struct err *e)
{
	struct stamp st;
	int n;

	if (stamp_now(db, k, &st, e) < 0)
		return -1;
	if (nkept >= 0 && same(&st, &kept_under))
		return nkept;
	if ((n = count_dated(db, k, e)) < 0) {
		nkept = -1;
		return -1;
	}
	kept_under = st;
	return nkept = n;
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

int dashboard_counties(struct db *db, const struct actor *a, const struct dash_cutoffs *k,
                       struct dash_county *out, int max, struct err *e)
{
	char sql[SCOPE_SQL_LEN];
	struct scope s;
	struct rows r = { .cols = COUNTY_COLS, .ncols = nitems(COUNTY_COLS), .base = out,
	                  .stride = sizeof *out, .max = max };
	int nd;

	scope_for(a, &s);
	if (scope_sql(sql, sizeof sql, COUNTIES_SQL, &s) < 0)
		return err_internal(e, "dashboard: counties statement does not fit");
	if ((nd = dashboard_dated(db, k, e)) < 0 ||
	    rows_read(db, sql, &s.param, 1, &r, e) < 0)
		return -1;
	if (r.n > max)
		return err_internal(e, "dashboard: more than %d counties", max);
	for (int i = 0; i < r.n; i++) {
		const struct dash_dated *d = dashboard_county(kept, nd, out[i].county);

		out[i].waiting_long = d ? d->waiting_long : 0;
		out[i].due = d ? d->due : 0;
		out[i].held = d ? d->held : 0;
		out[i].held_fen = d ? d->held_fen : 0;
	}
	return r.n;
}

/* The months, oldest first: the database's today decides which month is this one. */
static int months_named(struct db *db, struct dash_month *out, struct err *e)
{
	long long now;
	int y, m;

	if (db_query_int(db, "SELECT YEAR(CURDATE()) * 100 + MONTH(CURDATE())", NULL, 0, &now,
	                 e) < 0)
		return -1;
	y = (int)(now / 100), m = (int)(now % 100);
	for (int i = DASH_MONTHS - 1; i >= 0; i--) {
		snprintf(out[i].month, sizeof out[i].month, "%04u-%02u", (unsigned)y % 10000,
		         (unsigned)m % 100);
		out[i].paired = out[i].funds_fen = 0;
		if (--m == 0)
			m = 12, y--;
	}
	return 0;
}

/* Each row of MONTHS_SQL (month, pairings, money): into its month. */
static int month_row(void *ctx, unsigned ncols, MYSQL_FIELD *fields, char **vals,
                     unsigned long *lens)
{
	struct dash_month *m = ctx;

	(void)fields, (void)lens;
	if (ncols < 3 || !vals[0])
		return 0;
	for (int i = 0; i < DASH_MONTHS; i++)
		if (strcmp(m[i].month, vals[0]) == 0) {
			m[i].paired = vals[1] ? strtoll(vals[1], NULL, 10) : 0;
			m[i].funds_fen = vals[2] ? strtoll(vals[2], NULL, 10) : 0;
		}
	return 0;
}

/* The pairings and the money by month in a scope (its condition on county_months aliased c). */
static const char MONTHS_SQL[] =
	"SELECT c.month, SUM(IF(c.kind = 'paired', c.n, 0)), SUM(IF(c.kind = 'funds', c.n, 0)) "
	"FROM county_months c WHERE c.kind IN ('paired', 'funds') AND c.month >= ? AND %s "
	"GROUP BY c.month";

int dashboard_months(struct db *db, const struct actor *a, struct dash_month *out, struct err *e)
{
	char sql[SCOPE_SQL_LEN];
	struct scope s;
	struct dbp p[2];

	if (months_named(db, out, e) < 0)
		return -1;
	scope_for(a, &s);
	p[0] = P_STR(out[0].month);
	p[1] = s.param;
	if (scope_sql(sql, sizeof sql, MONTHS_SQL, &s) < 0)
		return err_internal(e, "dashboard: months statement does not fit");
	return db_query(db, sql, p, 2, month_row, out, e);
}
