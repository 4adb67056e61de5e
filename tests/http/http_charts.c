/*
 * http_charts.c — the charts drawn on the server (issue 15: templates/chart.cs, cgi/chart.c): each
 * svg is well-formed XML (read by expat) with a text alternative, and its bars follow the data,
 * recounted here from the records themselves: the finance disclosure's income and spending by
 * month, the dashboard's pairings and money by month (the province's and a city's) and its places
 * by state, the home page's progress bars.
 */
#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "client.h"

#define BARS_MAX 64
#define ENSHI "422800"

/* What expat read of one svg: its bars' sizes in order, and whether the XML was well-formed. */
struct svg {
	int    ok;
	char   label[4096];       /* the svg's aria-label */
	int    n;
	double x[BARS_MAX], w[BARS_MAX], h[BARS_MAX];
};

static const char *attr(const char **a, const char *name)
{
	for (; a && a[0]; a += 2)
		if (strcmp(a[0], name) == 0)
			return a[1];
	return NULL;
}

static void on_start(void *ud, const char *el, const char **a)
{
	struct svg *s = ud;
	const char *cls = attr(a, "class"), *label = attr(a, "aria-label");

	if (strcmp(el, "svg") == 0 && label)
		snprintf(s->label, sizeof s->label, "%s", label);
	if (strcmp(el, "rect") != 0 || !cls || strcmp(cls, "bar") != 0 || s->n == BARS_MAX)
		return;
	s->x[s->n] = atof(attr(a, "x") ? attr(a, "x") : "0");
	s->w[s->n] = atof(attr(a, "width") ? attr(a, "width") : "-1");
	s->h[s->n] = atof(attr(a, "height") ? attr(a, "height") : "-1");
	s->n++;
}

static void on_end(void *ud, const char *el)
{
	(void)ud, (void)el;
}

/*
 * The svg that follows marker on the page (the first after it that is an image with a label),
 * parsed by expat: a page without one, or XML that is not well-formed, ends the test.
 */
static void svg_after(const struct resp *r, const char *marker, struct svg *s)
{
	const char *p = strstr(r->body, marker), *end;
	XML_Parser x = XML_ParserCreate("UTF-8");

	ck_assert_msg(p, "no %s on the page", marker);
	ck_assert_msg((p = strstr(p, "<svg viewBox=")) && (end = strstr(p, "</svg>")),
	              "no chart after %s", marker);
	memset(s, 0, sizeof *s);
	XML_SetUserData(x, s);
	XML_SetElementHandler(x, on_start, on_end);
	s->ok = XML_Parse(x, p, (int)(end + strlen("</svg>") - p), 1) == XML_STATUS_OK;
	ck_assert_msg(s->ok, "%s: the chart is not well-formed XML: %s at line %lu", marker,
	              XML_ErrorString(XML_GetErrorCode(x)), XML_GetCurrentLineNumber(x));
	XML_ParserFree(x);
	ck_assert_msg(strstr(s->label, "："), "%s: the chart has no text alternative", marker);
}

/*
 * Sizes follow values: size[i] / size of the largest value == v[i] / the largest value, within
 * the 0.1 that sizes are written to; a value of 0 draws nothing.
 */
static void follows(const char *what, const double *size, const long long *v, int n)
{
	int top = 0;

	for (int i = 1; i < n; i++)
		top = v[i] > v[top] ? i : top;
	for (int i = 0; i < n; i++) {
		double want = v[top] > 0 ? (double)v[i] * size[top] / (double)v[top] : 0;

		ck_assert_msg(fabs(size[i] - want) <= 0.11,
		              "%s: bar %d is %.1f for %lld, where %.2f follows the largest "
		              "(%.1f for %lld)",
		              what, i, size[i], v[i], want, size[top], v[top]);
	}
	ck_assert_msg(v[top] == 0 || size[top] > 0, "%s: nothing drawn", what);
}

/* A "key=value,key=value" answer (GROUP_CONCAT) into v[key - base], the rest 0. */
static void by_key(const char *line, long long *v, int n, int base)
{
	memset(v, 0, sizeof *v * (size_t)n);
	for (const char *p = line; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
		int k = atoi(p);
		const char *eq = strchr(p, '=');

		if (eq && k - base >= 0 && k - base < n)
			v[k - base] = atoll(eq + 1);
	}
}

/* A list of numbers ("1,0,5,...") into v: how many. */
static int list_of(const char *line, long long *v, int max)
{
	const char *p = line;
	int n = 0;

	while (p && *p && n < max) {
		v[n++] = atoll(p);
		p = strchr(p, ',');
		p = p ? p + 1 : NULL;
	}
	return n;
}

START_TEST(finance_by_month)
{
	int year = atoi(admin_sql_line("SELECT YEAR(CURDATE())"));
	long long income[12], spent[12], both[24];
	double h[24];
	char path[64];
	struct svg s;
	struct resp r;

	by_key(admin_sql_line("SELECT GROUP_CONCAT(CONCAT(m, '=', f)) FROM (SELECT "
	                      "CAST(SUBSTR(month, 6) AS UNSIGNED) AS m, SUM(fen) AS f "
	                      "FROM finance_months WHERE kind = 'income' AND month LIKE '%d-%%' "
	                      "GROUP BY month) t", year), income, 12, 1);
	by_key(admin_sql_line("SELECT GROUP_CONCAT(CONCAT(m, '=', f)) FROM (SELECT "
	                      "CAST(SUBSTR(month, 6) AS UNSIGNED) AS m, SUM(fen) AS f "
	                      "FROM finance_months WHERE kind = 'spending' AND month LIKE '%d-%%' "
	                      "GROUP BY month) t", year), spent, 12, 1);
	snprintf(path, sizeof path, "/disclosure/finance?year=%d", year);
	ck_assert_int_eq(http_get(path, &r), 0);
	ck_assert_int_eq(r.status, 200);
	svg_after(&r, "每月收入与发放", &s);
	ck_assert_int_eq(s.n, 24);
	/* Income and spending side by side, month by month, on one scale. */
	for (int m = 0; m < 12; m++) {
		both[2 * m] = income[m], both[2 * m + 1] = spent[m];
		h[2 * m] = s.h[2 * m], h[2 * m + 1] = s.h[2 * m + 1];
	}
	follows("finance", h, both, 24);
	ck_assert_msg(strstr(s.label, "1月 收入") && strstr(s.label, "12月 收入"),
	              "the summary does not read every month: %s", s.label);
	resp_free(&r);
}
END_TEST

/* A month's place in the dashboard's twelve (0: eleven months ago), of column col. */
#define MONTH_KEY(col) "PERIOD_DIFF(DATE_FORMAT(" col ", '%%Y%%m'), " \
	"DATE_FORMAT(CURDATE() - INTERVAL 11 MONTH, '%%Y%%m'))"
#define YEAR_AGO "DATE_FORMAT(CURDATE() - INTERVAL 11 MONTH, '%%Y-%%m-01')"

/* The dashboard's pairings by month, recounted from the sponsorships decided in scope. */
static const char PAIRED_RECOUNT[] =
	"SELECT GROUP_CONCAT(CONCAT(k, '=', n)) FROM (SELECT " MONTH_KEY("x.decided_at") " AS k, "
	"COUNT(*) AS n FROM sponsorships x JOIN children c ON c.id = x.child_id "
	"WHERE x.state IN ('active', 'ended') AND x.decided_at >= " YEAR_AGO " AND %s "
	"GROUP BY k) t";
/* Its money by month, recounted from the donations to sponsorships in scope. */
static const char FUNDS_RECOUNT[] =
	"SELECT GROUP_CONCAT(CONCAT(k, '=', n)) FROM (SELECT " MONTH_KEY("d.paid_at") " AS k, "
	"SUM(d.amount_fen) AS n FROM donations d JOIN sponsorships x ON x.id = d.sponsorship_id "
	"JOIN children c ON c.id = x.child_id WHERE d.status = 'paid' AND d.refund_due = 0 "
	"AND d.paid_at >= " YEAR_AGO " AND %s GROUP BY k) t";

/* The chart after marker on the page follows the recount (a format with the scope's %s). */
static void months_follow(const struct resp *r, const char *marker, const char *recount,
                          const char *scope)
{
	long long v[12];
	struct svg s;

	svg_after(r, marker, &s);
	by_key(admin_sql_line(recount, scope), v, 12, 0);
	ck_assert_int_eq(s.n, 12);
	follows(marker, s.h, v, 12);
}

START_TEST(dashboard_months)
{
	static const char *const who[][2] = {
		{ "province", "1 = 1" }, { "enshi", "c.city_code = '" ENSHI "'" },
	};

	for (size_t i = 0; i < sizeof who / sizeof *who; i++) {
		struct browser b;
		struct resp r;

		ck_assert_int_eq(b_staff(&b, who[i][0]), 303);
		ck_assert_int_eq(b_get(&b, "/admin", &r), 0);
		ck_assert_int_eq(r.status, 200);
		months_follow(&r, "每月新结对", PAIRED_RECOUNT, who[i][1]);
		months_follow(&r, "每月助养款", FUNDS_RECOUNT, who[i][1]);
		resp_free(&r);
		browser_free(&b);
	}
}
END_TEST

/*
 * A city's counties as rows, their children by state stacked: each segment's width follows the
 * county's kept count, and a county officer, with one place, has no such chart.
 */
START_TEST(dashboard_places)
{
	long long v[3 * 32];
	double w[3 * 32];
	int n;
	struct browser b;
	struct resp r;
	struct svg s;

	/* Each county with children: paired, pairing, waiting, in county code order. */
	n = list_of(admin_sql_line("SELECT GROUP_CONCAT(CONCAT(p, ',', q, ',', w) "
	                           "ORDER BY county_code) FROM (SELECT county_code, "
	                           "SUM(paired) AS p, SUM(pairing) AS q, SUM(waiting) AS w "
	                           "FROM county_counts WHERE city_code = '" ENSHI "' "
	                           "GROUP BY county_code HAVING p + q + w <> 0) t"), v, 3 * 32);
	ck_assert_msg(n >= 6, "only %d values for 恩施州's counties", n);
	ck_assert_int_eq(b_staff(&b, "enshi"), 303);
	ck_assert_int_eq(b_get(&b, "/admin", &r), 0);
	svg_after(&r, "各区县儿童", &s);
	ck_assert_msg(s.n == n, "%d segments for %d counties", s.n, n / 3);
	memcpy(w, s.w, sizeof w);
	follows("places", w, v, s.n);
	/* Stacked: each segment starts where the one before it in its row ends. */
	for (int i = 0; i < s.n; i++)
		if (i % 3)
			ck_assert_msg(fabs(s.x[i] - (s.x[i - 1] + s.w[i - 1])) <= 0.11,
			              "segment %d starts at %.1f, not after the one before it", i,
			              s.x[i]);
	resp_free(&r);
	browser_free(&b);

	ck_assert_int_eq(b_staff(&b, "badong"), 303);
	ck_assert_int_eq(b_get(&b, "/admin", &r), 0);
	ck_assert_msg(body_has(&r, "每月新结对") && !body_has(&r, "各区县儿童"),
	              "a county officer's dashboard: months yes, places no");
	resp_free(&r);
	browser_free(&b);
}
END_TEST

/* The home page's bars: the children paired of those paired or waiting, the money paid out. */
START_TEST(home_progress)
{
	long long paired = atoll(admin_sql_line("SELECT SUM(paired) FROM county_counts"));
	long long waiting = atoll(admin_sql_line("SELECT COALESCE(SUM(listed), 0) "
	                                         "FROM public_counts"));
	char want[64];
	struct resp r;

	ck_assert_int_eq(http_get("/", &r), 0);
	ck_assert_int_eq(r.status, 200);
	snprintf(want, sizeof want, "<rect class=\"bar\" width=\"%lld\"",
	         paired + waiting > 0 ? paired * 100 / (paired + waiting) : 0);
	ck_assert_msg(body_has(&r, want), "the pairing bar is not %s", want);
	snprintf(want, sizeof want, "已结对儿童 %lld%%（%lld / %lld）",
	         paired + waiting > 0 ? paired * 100 / (paired + waiting) : 0, paired,
	         paired + waiting);
	ck_assert_msg(body_has(&r, want), "the pairing bar does not say %s", want);
	resp_free(&r);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_charts");
	TCase *t = tcase_create("charts");

	tcase_add_test(t, finance_by_month);
	tcase_add_test(t, dashboard_months);
	tcase_add_test(t, dashboard_places);
	tcase_add_test(t, home_progress);
	suite_add_tcase(s, t);
	return s;
}
