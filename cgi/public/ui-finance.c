/*
 * ui-finance.c — GET /disclosure/finance (收支明细) and its CSV: a year's income by channel and
 * spending by city, month by month, from the running totals (core/finance.h). Amounts only.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "public.h"
#include "../chart.h"
#include "../core/finance.h"
#include "../html.h"
#include "../labels.h"
#include "../money.h"
#include "../page.h"
#include "../regions.h"
#include "../util.h"

/* A city's months as a line of text: "3月 1,500 · " twelve times. */
#define MONTHS_TEXT_MAX 512
/* An amount as text ("1,234,567.89"), with room to spare. */
#define MONEY_TEXT_MAX 40

/*
 * The year asked for, else the newest with money, else this one; the years to link in *years
 * (newest first).
 */
static int pick_year(struct ctx *c, int *years, int *nyears)
{
	time_t now = time(NULL);
	struct tm tm;

	if ((*nyears = finance_years(c->db, years, FIN_YEARS_MAX, &c->err)) < 0)
		return -1;
	if (c->f[K_YEAR].present)
		return (int)c->f[K_YEAR].num;
	if (*nyears > 0)
		return years[0];
	localtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

static void set_money(struct ctx *c, HDF *node, const char *name, long long fen)
{
	char buf[MONEY_TEXT_MAX];

	page_set(c, node, name, money_format(fen, buf, sizeof buf));
}

/* Income and spending by month, as columns (templates/chart.cs). */
static void months_chart(struct ctx *c, int year, const struct fin_year *y)
{
	static struct chart ch;   /* 2 kB of labels: not on the stack */
	char title[64];

	snprintf(title, sizeof title, "%d年每月收入与发放", year);
	ch = (struct chart){ .title = title, .unit = CHART_FEN, .nseries = 2, .ngroups = 12,
	                     .series = { "收入", "发放" } };
	for (int m = 0; m < 12; m++) {
		snprintf(ch.label[m], sizeof ch.label[m], "%d月", m + 1);
		ch.v[0][m] = y->month_income[m];
		ch.v[1][m] = y->month_spent[m];
	}
	chart_columns(c, "Chart", &ch);
}

static void months(struct ctx *c, const struct fin_year *y)
{
	for (int m = 0; m < 12; m++) {
		HDF *row;
		char name[32];

		snprintf(name, sizeof name, "Months.%d", m);
		page_setf(c, "%s.month=%d", name, m + 1);
		if (!(row = hdf_get_obj(c->hdf, name)))
			return;
		for (int k = 0; k < FIN_CHANNELS; k++) {
			char ch[16];

			snprintf(ch, sizeof ch, "ch.%d", k);
			set_money(c, row, ch, y->income[m][k]);
		}
		set_money(c, row, "income", y->month_income[m]);
		set_money(c, row, "spent", y->month_spent[m]);
	}
}

/* Each city with spending that year: its total and its months ("3月 1,500 · 6月 3,000"). */
static void cities(struct ctx *c, const struct fin_year *y)
{
	for (int i = 0; i < y->ncities; i++) {
		const struct fin_city *fc = &y->cities[i];
		const struct region *r = region_get(fc->code);
		char name[32], text[MONTHS_TEXT_MAX] = "", money[MONEY_TEXT_MAX];
		size_t len = 0;

		snprintf(name, sizeof name, "Cities.%d", i);
		page_setf(c, "%s.name=%s", name, r ? r->name : fc->code);
		set_money(c, hdf_get_obj(c->hdf, name), "total", fc->total);
		for (int m = 0; m < 12 && len < sizeof text; m++) {
			if (fc->fen[m] == 0)
				continue;
			money_format(fc->fen[m], money, sizeof money);
			len += (size_t)snprintf(text + len, sizeof text - len, "%s%d月 %s",
			                        len ? " · " : "", m + 1, money);
		}
		page_set(c, hdf_get_obj(c->hdf, name), "months", text);
	}
}

/* The name of a directed line's city; the province's own unit's line is 省本级. */
static const char *directed_name(const char *code)
{
	const struct region *r = region_get(code);

	return !r ? code : r->is_city ? r->name : "省本级";
}

/* Directed gifts by city (定向捐赠（按地区）): Directed.N.name and .total. */
static int directed(struct ctx *c, int year)
{
	struct fin_directed d[FIN_CITIES_MAX];
	int n = finance_directed(c->db, year, d, &c->err);

	for (int i = 0; i < n; i++) {
		char name[32];

		snprintf(name, sizeof name, "Directed.%d", i);
		page_setf(c, "%s.name=%s", name, directed_name(d[i].city));
		set_money(c, hdf_get_obj(c->hdf, name), "total", d[i].fen);
	}
	return n < 0 ? -1 : 0;
}

/* The same as the CSV's last lines, under a heading line of their own. */
static int directed_csv(struct ctx *c, int year)
{
	struct fin_directed d[FIN_CITIES_MAX];
	int n = finance_directed(c->db, year, d, &c->err);
	char buf[MONEY_TEXT_MAX];

	if (n < 0)
		return -1;
	string_append(&c->built, "\r\n");
	csv_field_to(&c->built, "定向捐赠（按地区）", 0);
	csv_field_to(&c->built, "金额", 1);
	for (int i = 0; i < n; i++) {
		csv_field_to(&c->built, directed_name(d[i].city), 0);
		csv_field_to(&c->built, money_plain(d[i].fen, buf, sizeof buf), 1);
	}
	return 0;
}

static int read_year(struct ctx *c, struct fin_year *y)
{
	int years[FIN_YEARS_MAX], nyears, year = pick_year(c, years, &nyears);

	if (year < 0 || finance_year(c->db, year, y, &c->err) < 0)
		return -1;
	page_setf(c, "Year=%d", year);
	for (int i = 0; i < nyears; i++)
		page_setf(c, "Years.%d=%d", i, years[i]);
	return 0;
}

int ui_finance(struct ctx *c)
{
	struct fin_year y;
	HDF *tot;

	if (read_year(c, &y) < 0)
		return -1;
	page_label_list(c, "Channels", FINANCE_CHANNELS);
	months(c, &y);
	months_chart(c, y.year, &y);
	cities(c, &y);
	if (directed(c, y.year) < 0)
		return -1;
	page_setf(c, "Totals.income=0");
	if (!(tot = hdf_get_obj(c->hdf, "Totals")))
		return err_set(&c->err, 500, NULL, "finance: no totals node");
	for (int k = 0; k < FIN_CHANNELS; k++) {
		char ch[16];

		snprintf(ch, sizeof ch, "ch.%d", k);
		set_money(c, tot, ch, y.income_total[k]);
	}
	set_money(c, tot, "income", y.income_sum);
	set_money(c, tot, "spent", y.spent_sum);
	page_set(c, NULL, "Page.Title", "收支明细");
	page_set(c, NULL, "Page.Nav", "finance");
	c->tmpl = "finance.cs";
	return 0;
}

/* One line of the CSV: a label, the channels, income, each city, spending. */
static void csv_line(STRING *out, const char *label, const long long *ch, long long income,
                     const struct fin_year *y, int month, long long spent)
{
	char buf[MONEY_TEXT_MAX];

	csv_field_to(out, label, 0);
	for (int k = 0; k < FIN_CHANNELS; k++)
		csv_field_to(out, money_plain(ch[k], buf, sizeof buf), 0);
	csv_field_to(out, money_plain(income, buf, sizeof buf), 0);
	for (int i = 0; i < y->ncities; i++)
		csv_field_to(out, money_plain(month < 0 ? y->cities[i].total :
		                              y->cities[i].fen[month], buf, sizeof buf), 0);
	csv_field_to(out, money_plain(spent, buf, sizeof buf), 1);
}

int ui_finance_csv(struct ctx *c)
{
	struct fin_year y;
	char name[REGION_NAME_MAX + 16];

	if (read_year(c, &y) < 0)
		return -1;
	string_append(&c->built, CSV_BOM);
	csv_field_to(&c->built, "月份", 0);
	for (int k = 0; k < FIN_CHANNELS; k++)
		csv_field_to(&c->built, FINANCE_CHANNELS[k].text, 0);
	csv_field_to(&c->built, "收入合计", 0);
	for (int i = 0; i < y.ncities; i++) {
		const struct region *r = region_get(y.cities[i].code);

		snprintf(name, sizeof name, "发放·%s", r ? r->name : y.cities[i].code);
		csv_field_to(&c->built, name, 0);
	}
	csv_field_to(&c->built, "发放合计", 1);
	for (int m = 0; m < 12; m++) {
		snprintf(name, sizeof name, "%d-%02d", y.year, m + 1);
		csv_line(&c->built, name, y.income[m], y.month_income[m], &y, m, y.month_spent[m]);
	}
	csv_line(&c->built, "合计", y.income_total, y.income_sum, &y, -1, y.spent_sum);
	if (directed_csv(c, y.year) < 0)
		return -1;
	ctx_header(c, "Content-Disposition: attachment; filename=\"finance-%d.csv\"", y.year);
	c->ctype = "text/csv; charset=utf-8";
	return 0;
}
