/* core/finance.c — income and spending for the public, and reconciliation for staff. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finance.h"
#include "rows.h"
#include "../regions.h"
#include "../scope.h"

const char *const FIN_CHANNEL_CODES[FIN_CHANNELS] = {
	"sponsorship", "general", "directed", "activity", "matching", "offline",
};

/* One line of a year's running totals, its slots added up. */
struct fin_row {
	long long month;      /* 1..12 */
	char      kind[10];
	char      line[17];
	long long fen;
};

static const struct col FIN_ROW_COLS[] = {
	COL_I(struct fin_row, month), COL_S(struct fin_row, kind), COL_S(struct fin_row, line),
	COL_I(struct fin_row, fen),
};

/* Twelve months of six channels and every city: more rows than a year can have. */
#define FIN_YEAR_ROWS (12 * (FIN_CHANNELS + FIN_CITIES_MAX))

static int channel_of(const char *code)
{
	for (int i = 0; i < FIN_CHANNELS; i++)
		if (strcmp(FIN_CHANNEL_CODES[i], code) == 0)
			return i;
	return -1;
}

/* The city's slot in y, added as first met (finance_year sorts them by code). */
static struct fin_city *city_of(struct fin_year *y, const char *code)
{
	for (int i = 0; i < y->ncities; i++)
		if (strcmp(y->cities[i].code, code) == 0)
			return &y->cities[i];
	if (y->ncities == FIN_CITIES_MAX)
		return NULL;
	snprintf(y->cities[y->ncities].code, sizeof y->cities[0].code, "%s", code);
	return &y->cities[y->ncities++];
}

static int add_row(struct fin_year *y, const struct fin_row *r, struct err *e)
{
	int m = (int)r->month - 1, ch;
	struct fin_city *city;

	if (m < 0 || m > 11)
		return err_core(e, ERR_INTERNAL, NULL, "finance_months: month %lld", r->month);
	if (strcmp(r->kind, "income") == 0) {
		if ((ch = channel_of(r->line)) < 0)
			return err_core(e, ERR_INTERNAL, NULL, "finance_months: channel %s",
			                r->line);
		y->income[m][ch] += r->fen;
		y->income_total[ch] += r->fen;
		y->month_income[m] += r->fen;
		y->income_sum += r->fen;
		return 0;
	}
	if (!(city = city_of(y, r->line)))
		return err_core(e, ERR_INTERNAL, NULL, "finance_months: too many cities");
	city->fen[m] += r->fen;
	city->total += r->fen;
	y->month_spent[m] += r->fen;
	y->spent_sum += r->fen;
	return 0;
}

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct fin_city *)a)->code, ((const struct fin_city *)b)->code);
}

int finance_year(struct db *db, int year, struct fin_year *y, struct err *e)
{
	struct fin_row *rows;
	struct rows r;
	char first[8], last[8];
	int n, rc = 0;

	memset(y, 0, sizeof *y);
	y->year = year;
	snprintf(first, sizeof first, "%04d-01", year);
	snprintf(last, sizeof last, "%04d-12", year);
	if (!(rows = calloc(FIN_YEAR_ROWS, sizeof *rows)))
		return err_core(e, ERR_INTERNAL, NULL, "finance_year: out of memory");
	r = (struct rows){ .cols = FIN_ROW_COLS, .ncols = nitems(FIN_ROW_COLS), .base = rows,
	                   .stride = sizeof *rows, .max = FIN_YEAR_ROWS };
	struct dbp p[] = { P_STR(first), P_STR(last) };

	/* The primary key's range: a year is at most a few hundred rows of 16 slots each. */
	n = rows_read(db,
	        "SELECT CAST(SUBSTRING(month, 6, 2) AS UNSIGNED), kind, line, SUM(fen) "
	        "FROM finance_months WHERE month BETWEEN ? AND ? "
	        "GROUP BY month, kind, line HAVING SUM(fen) <> 0 ORDER BY month, kind, line",
	        p, nitems(p), &r, e);
	if (n > FIN_YEAR_ROWS)
		rc = err_core(e, ERR_INTERNAL, NULL, "finance_year: %d rows", n);
	for (int i = 0; n > 0 && rc == 0 && i < n && i < FIN_YEAR_ROWS; i++)
		rc = add_row(y, &rows[i], e);
	free(rows);
	qsort(y->cities, (size_t)y->ncities, sizeof y->cities[0], by_code);
	return n < 0 ? -1 : rc;
}

int finance_years(struct db *db, int *years, int max, struct err *e)
{
	struct id_list l = { 0 };
	int n = 0;

	if (row_ids(db, "SELECT DISTINCT CAST(LEFT(month, 4) AS UNSIGNED) AS y FROM finance_months "
	            "ORDER BY y DESC", NULL, 0, &l, e) < 0)
		return -1;
	for (size_t i = 0; i < l.n && n < max; i++)
		years[n++] = (int)l.v[i];
	id_list_free(&l);
	return n;
}

int finance_sql(char *out, size_t n, int by_child, const struct scope *s)
{
	const char *key = by_child ? "m.code, m.alias, m.county" : "m.county";
	/*
	 * Each side reads only what lies before the period's end, through the scope condition on
	 * the child; the period's own sums count the days from its first.
	 */
	int len = snprintf(out, n,
	        "SELECT %s, SUM(IF(m.day >= ?, m.received, 0)) AS received_fen, "
	        "SUM(IF(m.day >= ?, m.paid, 0)) AS paid_fen, "
	        "SUM(IF(m.day >= ?, m.advanced, 0)) AS advanced_fen, "
	        "SUM(m.received) - SUM(m.paid) + SUM(m.advanced) AS balance_fen "
	        "FROM (SELECT c.id AS child, c.code, c.alias, c.county_code AS county, "
	        "  DATE(d.paid_at) AS day, d.amount_fen AS received, 0 AS paid, 0 AS advanced "
	        "  FROM donations d JOIN sponsorships x ON x.id = d.sponsorship_id "
	        "  JOIN children c ON c.id = x.child_id "
	        "  WHERE d.status = 'paid' AND d.refund_due = 0 AND d.purpose = 'sponsorship' "
	        "  AND d.paid_at < ? + INTERVAL 1 DAY AND %s "
	        "UNION ALL SELECT c.id, c.code, c.alias, p.county_code, p.paid_on, 0, "
	        "  p.amount_fen, p.advanced_fen FROM payouts p "
	        "  JOIN children c ON c.id = p.child_id "
	        "  WHERE p.state = 'paid' AND p.paid_on < ? + INTERVAL 1 DAY AND %s) m "
	        "GROUP BY %s%s "
	        "HAVING received_fen <> 0 OR paid_fen <> 0 OR balance_fen <> 0 ORDER BY %s",
	        key, s->sql, s->sql, by_child ? "m.child, " : "", key, key);

	return len < 0 || (size_t)len >= n ? -1 : 0;
}

static const struct col FIN_LINE_COLS[] = {
	COL_S(struct fin_line, county), COL_I(struct fin_line, received),
	COL_I(struct fin_line, paid), COL_I(struct fin_line, advanced),
	COL_I(struct fin_line, balance),
};

/* The report's lines by city, then county; each line's city from the region tree. */
static int by_city(const void *a, const void *b)
{
	const struct fin_line *x = a, *y = b;
	int c = strcmp(x->city, y->city);

	return c ? c : strcmp(x->county, y->county);
}

static void add_line(struct fin_line *to, const struct fin_line *l)
{
	to->received += l->received;
	to->paid += l->paid;
	to->advanced += l->advanced;
	to->balance += l->balance;
}

int finance_report(struct db *db, const struct actor *a, const char *from, const char *to,
                   struct fin_report *r, struct err *e)
{
	struct scope s;
	struct rows rr;
	char sql[FIN_SQL_LEN];
	int n;

	memset(r, 0, sizeof *r);
	if (a->kind != ACTOR_STAFF || strcmp(a->role, "volunteer") == 0)
		return err_core(e, ERR_FORBIDDEN, NULL, "finance report: not a manager");
	scope_for(a, &s);
	if (finance_sql(sql, sizeof sql, 0, &s) < 0)
		return err_core(e, ERR_INTERNAL, NULL, "finance report: statement does not fit");
	struct dbp p[] = { P_STR(from), P_STR(from), P_STR(from), P_STR(to), s.param, P_STR(to),
	                   s.param };

	rr = ROWS_INTO(r->lines, FIN_LINE_COLS);
	if ((n = rows_read(db, sql, p, nitems(p), &rr, e)) < 0)
		return -1;
	if (n > FIN_COUNTIES_MAX)
		return err_core(e, ERR_INTERNAL, NULL, "finance report: %d counties", n);
	r->n = n;
	for (int i = 0; i < n; i++) {
		const struct region *reg = region_get(r->lines[i].county);

		snprintf(r->lines[i].city, sizeof r->lines[i].city, "%s", reg ? reg->city : "");
		add_line(&r->total, &r->lines[i]);
	}
	qsort(r->lines, (size_t)n, sizeof r->lines[0], by_city);
	if (strcmp(a->role, "province") != 0)
		return 0;
	/* General donations are the province's, given to no child. */
	struct dbp g[] = { P_STR(from), P_STR(to) };
	struct var v[] = { VAR_LL(&r->general) };

	return row_get(db, "SELECT COALESCE(SUM(amount_fen), 0) FROM donations "
	               "WHERE status = 'paid' AND refund_due = 0 AND purpose = 'general' "
	               "AND paid_at >= ? AND paid_at < ? + INTERVAL 1 DAY", g, nitems(g), v,
	               nitems(v), e) < 0 ? -1 : 0;
}

/* ---- directed gifts by city (activities' part) ---- */

/* A region's directed income, before it is added to its city's. */
struct directed_row {
	char      code[7];
	long long fen;
};

static const struct col DIRECTED_COLS[] = {
	COL_S(struct directed_row, code), COL_I(struct directed_row, fen),
};

static int directed_order(const void *a, const void *b)
{
	const struct fin_directed *x = a, *y = b;

	return strcmp(x->city, y->city);
}

/* Add fen to city's line in out[0..*n), opening it if need be. */
static void directed_add(struct fin_directed *out, int *n, const char *city, long long fen)
{
	int i;

	for (i = 0; i < *n && strcmp(out[i].city, city) != 0; i++)
		;
	if (i == *n) {
		if (*n == FIN_CITIES_MAX)
			return;
		snprintf(out[i].city, sizeof out[i].city, "%.6s", city);
		out[i].fen = 0;
		(*n)++;
	}
	out[i].fen += fen;
}

int finance_directed(struct db *db, int year, struct fin_directed *out, struct err *e)
{
	struct directed_row rows[REGIONS_MAX];
	struct rows r = ROWS_INTO(rows, DIRECTED_COLS);
	char from[24], to[24];
	int got, n = 0;

	snprintf(from, sizeof from, "%04d-01-01", year);
	snprintf(to, sizeof to, "%04d-01-01", year + 1);
	struct dbp p[] = { P_STR(from), P_STR(to) };
	got = rows_read(db, "SELECT COALESCE(d.target_region, u.region_code) AS code, "
	                "SUM(d.amount_fen) FROM donations d "
	                "LEFT JOIN member_units u ON u.id = d.target_unit "
	                "WHERE d.purpose = 'directed' AND d.status = 'paid' AND d.refund_due = 0 "
	                "AND d.channel <> 'match' AND d.paid_at >= ? AND d.paid_at < ? "
	                "GROUP BY code", p, nitems(p), &r, e);
	if (got < 0)
		return -1;
	for (int i = 0; i < got && i < (int)nitems(rows); i++) {
		const struct region *g = region_get(rows[i].code);

		directed_add(out, &n, g && g->city[0] ? g->city : rows[i].code, rows[i].fen);
	}
	qsort(out, (size_t)n, sizeof *out, directed_order);
	return n;
}
