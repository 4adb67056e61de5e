/*
 * ui-finance.c — GET /admin/finance (对账: a year's received, paid out, advanced and balance per
 * child of a county, or per county above one; the children whose money has waited longer than
 * Money.HoldDays) and GET /admin/finance/report (the report by city and county for any period, on
 * screen and as CSV). Amounts come from donations and payouts themselves (core/finance.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "../core/finance.h"
#include "../html.h"
#include "../money.h"
#include "../page.h"
#include "../regions.h"
#include "../scope.h"
#include "../util.h"

/* An amount as text ("1,234,567.89"), with room to spare. */
#define MONEY_TEXT_MAX 40
/* The held list's statement. */
#define HELD_SQL_LEN 2048
/* "YYYY-MM-DD" and its NUL. */
#define DAY_LEN 11

static int is_county_staff(const struct ctx *c)
{
	return strcmp(c->who.role, "county") == 0;
}

/* The money columns of each row under prefix as yuan text. */
static void money_rows(struct ctx *c, const char *prefix)
{
	page_money_rows(c, prefix, "received_fen", "received");
	page_money_rows(c, prefix, "paid_fen", "paid");
	page_money_rows(c, prefix, "advanced_fen", "advanced");
	page_money_rows(c, prefix, "balance_fen", "balance");
}

/*
 * The children in scope s whose money has waited too long (FIN_HELD_ROWS), most held first; for
 * above a county, the count and sum by county too.
 */
static int held(struct ctx *c, const struct scope *s)
{
	char sql[HELD_SQL_LEN];
	struct dbp p[] = { P_INT(c->cfg->hold_days), s->param };

	if (scope_sql(sql, sizeof sql, "SELECT * FROM (" FIN_HELD_ROWS ") h WHERE h.held_fen > 0 "
	              "ORDER BY h.held_fen DESC, h.code", s) < 0 ||
	    db_query_hdf(c->db, sql, p, nitems(p), c->hdf, "Held", NULL, &c->err) < 0)
		return -1;
	page_money_rows(c, "Held", "held_fen", "held");
	page_money_rows(c, "Held", "balance_fen", "balance");
	page_region_rows(c, "Held", "county", "place");
	page_setf(c, "HoldDays=%d", c->cfg->hold_days);
	return 0;
}

/* Per child of one county over the year: from its first day to its last. */
static int children_year(struct ctx *c, const struct scope *s, const char *from, const char *to)
{
	char sql[FIN_SQL_LEN];
	struct dbp p[] = { P_STR(from), P_STR(from), P_STR(from), P_STR(to), s->param, P_STR(to),
	                   s->param };

	if (finance_sql(sql, sizeof sql, 1, s) < 0)
		return err_set(&c->err, 500, NULL, "finance: statement does not fit");
	if (db_query_hdf(c->db, sql, p, nitems(p), c->hdf, "Kids", NULL, &c->err) < 0)
		return -1;
	money_rows(c, "Kids");
	return 0;
}

static void set_money(struct ctx *c, HDF *row, const char *name, long long fen)
{
	char buf[MONEY_TEXT_MAX];

	page_set(c, row, name, money_format(fen, buf, sizeof buf));
}

static void line_hdf(struct ctx *c, const char *name, const struct fin_line *l, const char *city,
                     const char *county)
{
	HDF *row;

	page_setf(c, "%s.county=%s", name, l->county);
	if (!(row = hdf_get_obj(c->hdf, name)))
		return;
	page_set(c, row, "city_name", city);
	page_set(c, row, "county_name", county);
	set_money(c, row, "received", l->received);
	set_money(c, row, "paid", l->paid);
	set_money(c, row, "advanced", l->advanced);
	set_money(c, row, "balance", l->balance);
}

static const char *region_name(const char *code)
{
	const struct region *r = region_get(code);

	return r ? r->name : code;
}

/*
 * The report's lines as Lines.N, a city's subtotal (sub=1) after its counties when the report
 * spans more than one city; the general donations and the total as General and Total.
 */
static void report_hdf(struct ctx *c, const struct fin_report *r)
{
	struct fin_line sub = { 0 };
	int row = 0, cities = 0;
	char name[32];

	for (int i = 0; i < r->n; i++)
		cities += i == 0 || strcmp(r->lines[i].city, r->lines[i - 1].city) != 0;
	for (int i = 0; i < r->n; i++) {
		const struct fin_line *l = &r->lines[i];

		snprintf(name, sizeof name, "Lines.%d", row++);
		line_hdf(c, name, l, region_name(l->city), region_name(l->county));
		sub.received += l->received;
		sub.paid += l->paid;
		sub.advanced += l->advanced;
		sub.balance += l->balance;
		if (cities > 1 && (i == r->n - 1 || strcmp(l->city, r->lines[i + 1].city) != 0)) {
			snprintf(sub.county, sizeof sub.county, "%s", l->city);
			snprintf(name, sizeof name, "Lines.%d", row++);
			line_hdf(c, name, &sub, region_name(l->city), "小计");
			page_setf(c, "%s.sub=1", name);
			memset(&sub, 0, sizeof sub);
		}
	}
	line_hdf(c, "Total", &r->total, "", "");
	set_money(c, NULL, "General", r->general);
	set_money(c, NULL, "Income", r->total.received + r->general);
}

/* Today and the first of this year, China time as the workers keep it. */
static void today(char *first, char *day)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(first, DAY_LEN, "%Y-01-01", &tm);
	strftime(day, DAY_LEN, "%Y-%m-%d", &tm);
}

static int report(struct ctx *c, struct fin_report *r, const char **from, const char **to,
                  char *first, char *day)
{
	struct actor a = actor_of(c);

	today(first, day);
	*from = c->f[K_FROM].present ? c->f[K_FROM].str : first;
	*to = c->f[K_TO].present ? c->f[K_TO].str : day;
	if (strcmp(*from, *to) > 0)
		return err_set(&c->err, 400, "起始日期不能晚于截止日期。", "report %s > %s", *from,
		               *to);
	if (finance_report(c->db, &a, *from, *to, r, &c->err) < 0)
		return -1;
	page_set(c, NULL, "From", *from);
	page_set(c, NULL, "To", *to);
	return 0;
}

int ui_admin_finance(struct ctx *c)
{
	struct scope s;
	const char *county;
	char from[DAY_LEN], to[DAY_LEN], first[DAY_LEN], day[DAY_LEN];
	int year;

	today(first, day);
	year = c->f[K_YEAR].present ? (int)c->f[K_YEAR].num : (int)strtol(first, NULL, 10);
	snprintf(from, sizeof from, "%04d-01-01", year);
	snprintf(to, sizeof to, "%04d-12-31", year);
	page_setf(c, "Year=%d", year);
	admin_page(c, "对账", "finance");
	c->tmpl = "admin-finance.cs";
	scope_of(&c->who, &s);
	if (admin_county_filter(c, &county) < 0)
		return -1;
	if (*county || is_county_staff(c)) {
		/* One county's children: a city or the province looks at one of theirs. */
		if (*county) {
			s.sql = "c.county_code = ?";
			s.param = P_STR(county);
		}
		page_set(c, NULL, "CountyName", region_name(*county ? county : c->who.region));
		return children_year(c, &s, from, to) < 0 ? -1 : held(c, &s);
	}
	struct fin_report *r = calloc(1, sizeof *r);
	struct actor a = actor_of(c);
	int rc;

	if (!r)
		return err_set(&c->err, 500, NULL, "finance: out of memory");
	rc = finance_report(c->db, &a, from, to, r, &c->err);
	if (rc == 0)
		report_hdf(c, r);
	free(r);
	return rc < 0 ? -1 : held(c, &s);
}

/* Put a report on the page, or into a CSV. */
typedef void (*report_fn)(struct ctx *c, const struct fin_report *r, const char *from,
                          const char *to);

/* The report over the period asked for (this year so far by default), given to out. */
static int run_report(struct ctx *c, report_fn out)
{
	struct fin_report *r = calloc(1, sizeof *r);
	const char *from, *to;
	char first[DAY_LEN], day[DAY_LEN];
	int rc;

	if (!r)
		return err_set(&c->err, 500, NULL, "finance: out of memory");
	if ((rc = report(c, r, &from, &to, first, day)) == 0)
		out(c, r, from, to);
	free(r);
	return rc;
}

static void report_page(struct ctx *c, const struct fin_report *r, const char *from,
                        const char *to)
{
	(void)from; (void)to;
	report_hdf(c, r);
	page_setf(c, "Province=%d", strcmp(c->who.role, "province") == 0);
	admin_page(c, "收支报表", "finance");
	c->tmpl = "admin-finance-report.cs";
}

int ui_admin_finance_report(struct ctx *c)
{
	return run_report(c, report_page);
}

/* One line of the CSV: where, then the four amounts as plain yuan. */
static void csv_line(STRING *out, const char *city, const char *county, const struct fin_line *l)
{
	char buf[MONEY_TEXT_MAX];

	csv_field_to(out, city, 0);
	csv_field_to(out, county, 0);
	csv_field_to(out, money_plain(l->received, buf, sizeof buf), 0);
	csv_field_to(out, money_plain(l->paid, buf, sizeof buf), 0);
	csv_field_to(out, money_plain(l->advanced, buf, sizeof buf), 0);
	csv_field_to(out, money_plain(l->balance, buf, sizeof buf), 1);
}

/*
 * The counties' lines (no subtotals: a sheet adds up itself), the province's general donations,
 * and the total of every line above it.
 */
static void report_csv(struct ctx *c, const struct fin_report *r, const char *from,
                       const char *to)
{
	static const char *const COLS[] = { "市州", "区县", "收到善款（元）", "发放（元）",
	                                    "其中县级垫付（元）", "期末结余（元）" };
	struct fin_line total = r->total;

	string_append(&c->built, CSV_BOM);
	for (size_t i = 0; i < nitems(COLS); i++)
		csv_field_to(&c->built, COLS[i], i == nitems(COLS) - 1);
	for (int i = 0; i < r->n; i++)
		csv_line(&c->built, region_name(r->lines[i].city), region_name(r->lines[i].county),
		         &r->lines[i]);
	if (strcmp(c->who.role, "province") == 0) {
		struct fin_line g = { .received = r->general };

		csv_line(&c->built, "省级", "非定向捐赠", &g);
		total.received += r->general;
	}
	csv_line(&c->built, "合计", "", &total);
	ctx_header(c, "Content-Disposition: attachment; filename=\"finance-%s-%s.csv\"", from, to);
	c->ctype = "text/csv; charset=utf-8";
}

int ui_admin_finance_report_csv(struct ctx *c)
{
	return run_report(c, report_csv);
}
