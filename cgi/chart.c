/*
 * chart.c — bar charts as page data (chart.h): the geometry, the scale and the summary; the
 * markup is templates/chart.cs's.
 */
#include <stdio.h>
#include <string.h>

#include "chart.h"
#include "money.h"
#include "page.h"

/*
 * The columns' viewBox: the plot from x0 to x1, its scale's top at TOP and its zero at BASE. A
 * phone's width, so that its text is read at about its size there; wider screens scale it up.
 */
#define COL_W    360
#define COL_H    196
#define COL_X0   46
#define COL_X1   354
#define COL_TOP  8
#define COL_BASE 172
/* The rows' viewBox: labels end before ROW_X0; the longest row is ROW_LEN long. */
#define ROW_W    360
#define ROW_X0   92
#define ROW_LEN  206
#define ROW_STEP 24
#define ROW_BAR  17
/* The summary read out for the whole chart, and one value as text. */
#define SUMMARY_MAX 4096
#define VALUE_MAX   48

/* A value as people read it: "12", or money as "1,234.50 元". */
static const char *value_text(long long v, enum chart_unit unit, char *buf, size_t n)
{
	if (unit == CHART_FEN) {
		money_format(v, buf, n);
		strncat(buf, " 元", n - strlen(buf) - 1);
	} else {
		snprintf(buf, n, "%lld", v);
	}
	return buf;
}

/* A step of the scale as a label: yuan above 10,000 in 万 ("2.5万"), else the number. */
static void tick_text(long long v, enum chart_unit unit, char *buf, size_t n)
{
	long long yuan = unit == CHART_FEN ? v / 100 : v;

	if (unit == CHART_FEN && yuan >= 10000 && yuan % 10000 == 0)
		snprintf(buf, n, "%lld万", yuan / 10000);
	else if (unit == CHART_FEN && yuan >= 10000)
		snprintf(buf, n, "%.1f万", (double)yuan / 10000);
	else
		snprintf(buf, n, "%lld", yuan);
}

/*
 * The scale's step: the smallest of 1, 2 or 5 times a power of ten (in yuan for money, so that
 * steps are whole yuan) that reaches max in at most four steps.
 */
static long long scale_step(long long max, enum chart_unit unit)
{
	long long per = unit == CHART_FEN ? 100 : 1, top = (max + per - 1) / per;
	long long want = top > 4 ? (top + 3) / 4 : 1, mag = 1;

	while (mag * 10 <= want)
		mag *= 10;
	for (int f = 1; ; f = f == 1 ? 2 : f == 2 ? 5 : 10) {
		if (f == 10)
			return 10 * mag * per;
		if (f * mag >= want)
			return f * mag * per;
	}
}

static long long value_at(const struct chart *ch, int k, int g)
{
	return ch->v[k][g] > 0 ? ch->v[k][g] : 0;
}

/* name.label: the title, then each group's values: "标题：1月 3；2月 5" or "1月 收入 3、发放 1". */
static void summary(struct ctx *c, const char *name, const struct chart *ch)
{
	char out[SUMMARY_MAX], v[VALUE_MAX];
	size_t len = (size_t)snprintf(out, sizeof out, "%s", ch->title);

	for (int g = 0; g < ch->ngroups && len < sizeof out; g++) {
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%s", g ? "；" : "：",
		                        ch->label[g]);
		for (int k = 0; k < ch->nseries && len < sizeof out; k++)
			len += (size_t)snprintf(out + len, sizeof out - len, "%s%s%s%s",
			                        k ? "、" : " ",
			                        ch->nseries > 1 ? ch->series[k] : "",
			                        ch->nseries > 1 ? " " : "",
			                        value_text(value_at(ch, k, g), ch->unit,
			                                   v, sizeof v));
	}
	page_setf(c, "%s.label=%s", name, out);
}

/* The chart's title and its series' names (the caption). */
static void legend(struct ctx *c, const char *name, const struct chart *ch)
{
	page_setf(c, "%s.title=%s", name, ch->title);
	for (int k = 0; k < ch->nseries; k++) {
		page_setf(c, "%s.series.%d.name=%s", name, k, ch->series[k]);
		page_setf(c, "%s.series.%d.s=%d", name, k, k);
	}
}

static void ticks(struct ctx *c, const char *name, long long top, long long step,
                  enum chart_unit unit)
{
	char text[VALUE_MAX];
	int i = 0;

	for (long long t = 0; t <= top; t += step, i++) {
		tick_text(t, unit, text, sizeof text);
		page_setf(c, "%s.ticks.%d.y=%.1f", name, i,
		          COL_BASE - (double)t * (COL_BASE - COL_TOP) / (double)top);
		page_setf(c, "%s.ticks.%d.text=%s", name, i, text);
	}
}

void chart_columns(struct ctx *c, const char *name, const struct chart *ch)
{
	long long max = 0, step, top;
	double gw = (double)(COL_X1 - COL_X0) / (ch->ngroups > 0 ? ch->ngroups : 1);
	double bw = gw * 0.8 / (ch->nseries > 0 ? ch->nseries : 1);
	char text[VALUE_MAX];

	for (int k = 0; k < ch->nseries; k++)
		for (int g = 0; g < ch->ngroups; g++)
			max = value_at(ch, k, g) > max ? value_at(ch, k, g) : max;
	step = scale_step(max, ch->unit);
	top = max > 0 ? (max + step - 1) / step * step : step;
	page_setf(c, "%s.w=%d", name, COL_W);
	page_setf(c, "%s.h=%d", name, COL_H);
	page_setf(c, "%s.x0=%d", name, COL_X0);
	page_setf(c, "%s.x1=%d", name, COL_X1);
	page_setf(c, "%s.base=%d", name, COL_BASE);
	page_setf(c, "%s.ly=%d", name, COL_BASE + 16);
	ticks(c, name, top, step, ch->unit);
	legend(c, name, ch);
	summary(c, name, ch);
	for (int g = 0; g < ch->ngroups; g++) {
		double gx = COL_X0 + g * gw;

		page_setf(c, "%s.groups.%d.label=%s", name, g, ch->label[g]);
		page_setf(c, "%s.groups.%d.x=%.1f", name, g, gx + gw / 2);
		for (int k = 0; k < ch->nseries; k++) {
			double h = (double)value_at(ch, k, g) * (COL_BASE - COL_TOP) / (double)top;
			double x = gx + gw * 0.1 + k * bw;

			page_setf(c, "%s.groups.%d.bars.%d.x=%.1f", name, g, k, x);
			page_setf(c, "%s.groups.%d.bars.%d.w=%.1f", name, g, k, bw);
			page_setf(c, "%s.groups.%d.bars.%d.y=%.1f", name, g, k, COL_BASE - h);
			page_setf(c, "%s.groups.%d.bars.%d.h=%.1f", name, g, k, h);
			page_setf(c, "%s.groups.%d.bars.%d.s=%d", name, g, k, k);
			page_setf(c, "%s.groups.%d.bars.%d.text=%s", name, g, k,
			          value_text(value_at(ch, k, g), ch->unit, text, sizeof text));
		}
	}
}

static long long row_total(const struct chart *ch, int g)
{
	long long t = 0;

	for (int k = 0; k < ch->nseries; k++)
		t += value_at(ch, k, g);
	return t;
}

void chart_rows(struct ctx *c, const char *name, const struct chart *ch)
{
	long long top = 0;
	char text[VALUE_MAX];

	for (int g = 0; g < ch->ngroups; g++)
		top = row_total(ch, g) > top ? row_total(ch, g) : top;
	top = top > 0 ? top : 1;
	page_setf(c, "%s.w=%d", name, ROW_W);
	page_setf(c, "%s.h=%d", name, ch->ngroups * ROW_STEP + 4);
	page_setf(c, "%s.x0=%d", name, ROW_X0);
	page_setf(c, "%s.bar=%d", name, ROW_BAR);
	legend(c, name, ch);
	summary(c, name, ch);
	for (int g = 0; g < ch->ngroups; g++) {
		double x = ROW_X0, y = 2 + g * ROW_STEP;

		page_setf(c, "%s.groups.%d.label=%s", name, g, ch->label[g]);
		page_setf(c, "%s.groups.%d.y=%.1f", name, g, y);
		page_setf(c, "%s.groups.%d.ty=%.1f", name, g, y + ROW_BAR - 4);
		for (int k = 0; k < ch->nseries; k++) {
			double w = (double)value_at(ch, k, g) * ROW_LEN / (double)top;

			page_setf(c, "%s.groups.%d.bars.%d.x=%.1f", name, g, k, x);
			page_setf(c, "%s.groups.%d.bars.%d.w=%.1f", name, g, k, w);
			page_setf(c, "%s.groups.%d.bars.%d.s=%d", name, g, k, k);
			page_setf(c, "%s.groups.%d.bars.%d.text=%s", name, g, k,
			          value_text(value_at(ch, k, g), ch->unit, text, sizeof text));
			x += w;
		}
		page_setf(c, "%s.groups.%d.tx=%.1f", name, g, x + 6);
		page_setf(c, "%s.groups.%d.total=%s", name, g,
		          value_text(row_total(ch, g), ch->unit, text, sizeof text));
	}
}

void chart_progress(struct ctx *c, const char *name, long long part, long long whole,
                    enum chart_unit unit)
{
	char text[VALUE_MAX];
	long long pct = whole > 0 && part > 0 ? part * 100 / whole : 0;

	pct = pct > 100 ? 100 : pct;
	page_setf(c, "%s.w=%lld", name, pct);
	page_setf(c, "%s.pct=%lld", name, pct);
	page_setf(c, "%s.part=%s", name, value_text(part, unit, text, sizeof text));
	page_setf(c, "%s.whole=%s", name, value_text(whole, unit, text, sizeof text));
}
