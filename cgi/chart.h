/*
 * chart.h — bar charts drawn on the server, as page data for the macros of templates/chart.cs:
 * the geometry in SVG user units (a fixed viewBox that the page scales), a scale with round
 * steps, and a summary of every value for screen readers (the svg's aria-label). No script, and
 * no style attribute: the CSP allows neither, so the template colours the bars by presentation
 * attributes.
 */
#ifndef TX_CHART_H
#define TX_CHART_H

#include "ctx.h"

#define CHART_SERIES_MAX 3
#define CHART_GROUPS_MAX 32
#define CHART_LABEL_MAX  64

/* What the values count: things (children), or money in fen, shown as yuan (万 on the scale). */
enum chart_unit { CHART_COUNT, CHART_FEN };

/*
 * A chart's data: ngroups labelled groups (months, places), each with one value per series.
 * Values below 0 are drawn as 0.
 */
struct chart {
	const char     *title;                              /* what it shows: the summary's start */
	enum chart_unit unit;
	int             nseries, ngroups;
	const char     *series[CHART_SERIES_MAX];           /* the legend's names */
	char            label[CHART_GROUPS_MAX][CHART_LABEL_MAX];
	long long       v[CHART_SERIES_MAX][CHART_GROUPS_MAX];
};

/*
 * Columns (chart.cs's columns macro): a column per series side by side in each group, along a
 * scale of round steps, e.g. money by month. Sets name.w, .h, .x0, .x1, .base, .ly, .label, .title,
 * .ticks.N.{y,text}, .series.K.{name,s}, .groups.N.{label,x} and .groups.N.bars.K.{x,y,w,h,s,
 * text}; s is the series' number (the template's colour).
 */
void chart_columns(struct ctx *c, const char *name, const struct chart *ch);

/*
 * Rows (chart.cs's rows macro): a row per group with its label before it, the series stacked
 * along it and the row's total after it, e.g. children by county and state. Sets name.w, .h,
 * .x0, .bar, .label, .title, .series.K.{name,s} and .groups.N.{label,y,ty,total,tx} with
 * .groups.N.bars.K.{x,w,s,text}.
 */
void chart_rows(struct ctx *c, const char *name, const struct chart *ch);

/*
 * A bar of part out of whole (chart.cs's progress macro): name.w (of 100), .pct, .part and
 * .whole as text in unit.
 */
void chart_progress(struct ctx *c, const char *name, long long part, long long whole,
                    enum chart_unit unit);

#endif
