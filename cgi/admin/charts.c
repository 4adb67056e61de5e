/*
 * charts.c — the dashboard's charts (GET /admin, ui-home.c): pairings and money by month over a
 * year, and the children of each place in reach by state (cities for the province, counties for
 * a city; a county is one place, so it has none).
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "../chart.h"
#include "../core/dashboard.h"
#include "../regions.h"

/* A chart's title: what it shows, from which month to which. */
#define TITLE_MAX 192

/* A month ("2027-03") as its label ("3月"), or in full ("2027年3月"). */
static void month_label(const char *month, int full, char *out, size_t n)
{
	int y, m;

	if (sscanf(month, "%d-%d", &y, &m) != 2)
		snprintf(out, n, "%.7s", month);
	else if (full)
		snprintf(out, n, "%d年%d月", y, m);
	else
		snprintf(out, n, "%d月", m);
}

/* A chart's title over the months m: what it shows, then from which month to which. */
static void months_title(char *out, size_t n, const char *what, const struct dash_month *m)
{
	char from[CHART_LABEL_MAX], to[CHART_LABEL_MAX];

	month_label(m[0].month, 1, from, sizeof from);
	month_label(m[DASH_MONTHS - 1].month, 1, to, sizeof to);
	snprintf(out, n, "%s，%s至%s", what, from, to);
}

static void months(struct ctx *c, const struct dash_month *m)
{
	static struct chart paired, funds;   /* 2 kB of labels each: not on the stack */
	static char paired_title[TITLE_MAX], funds_title[TITLE_MAX];

	months_title(paired_title, sizeof paired_title, "每月新结对（人）", m);
	months_title(funds_title, sizeof funds_title, "每月助养款（元）", m);
	paired = (struct chart){ .title = paired_title, .unit = CHART_COUNT, .nseries = 1,
	                         .ngroups = DASH_MONTHS, .series = { "新结对" } };
	funds = (struct chart){ .title = funds_title, .unit = CHART_FEN, .nseries = 1,
	                        .ngroups = DASH_MONTHS, .series = { "助养款" } };
	for (int i = 0; i < DASH_MONTHS; i++) {
		month_label(m[i].month, 0, paired.label[i], sizeof paired.label[i]);
		memcpy(funds.label[i], paired.label[i], sizeof funds.label[i]);
		paired.v[0][i] = m[i].paired;
		funds.v[0][i] = m[i].funds_fen;
	}
	chart_columns(c, "Charts.paired", &paired);
	chart_columns(c, "Charts.funds", &funds);
}

/* The row of place code in ch, added if new; -1 when the chart is full. */
static int place_row(struct chart *ch, const char *code)
{
	const struct region *r = region_get(code);
	const char *name = !r ? code : r->short_name[0] ? r->short_name : r->name;

	for (int g = 0; g < ch->ngroups; g++)
		if (strcmp(ch->label[g], name) == 0)
			return g;
	if (ch->ngroups == CHART_GROUPS_MAX)
		return -1;
	snprintf(ch->label[ch->ngroups], sizeof ch->label[0], "%s", name);
	return ch->ngroups++;
}

static void places(struct ctx *c, const struct dash_county *k, int n)
{
	static struct chart ch;
	int by_city = strcmp(c->who.role, "province") == 0;

	ch = (struct chart){ .unit = CHART_COUNT, .nseries = 3,
	                     .series = { "已结对", "结对中", "等待结对" } };
	ch.title = by_city ? "各市州儿童（人）" : "各区县儿童（人）";
	for (int i = 0; i < n; i++) {
		const struct region *r = region_get(k[i].county);
		int g;

		if (k[i].paired + k[i].pairing + k[i].waiting <= 0)
			continue;
		if ((g = place_row(&ch, by_city && r ? r->city : k[i].county)) < 0)
			break;
		ch.v[0][g] += k[i].paired;
		ch.v[1][g] += k[i].pairing;
		ch.v[2][g] += k[i].waiting;
	}
	if (ch.ngroups > 1)
		chart_rows(c, "Charts.places", &ch);
}

void dash_charts(struct ctx *c, const struct dash_month *m, const struct dash_county *k, int n)
{
	months(c, m);
	if (strcmp(c->who.role, "county") != 0)
		places(c, k, n);
}
