/* ui-children.c — GET /children: waiting children with publication consent, filtered and paged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "public.h"
#include "../countcache.h"
#include "../html.h"
#include "../labels.h"
#include "../page.h"
#include "../regions.h"

#define PER_PAGE 20
/*
 * Pages past this one are not shown: OFFSET walks every index entry it skips, so a deep page
 * costs in proportion to its number, and no donor reads 2,000 cards to choose one child. A
 * bound keeps the page numbers in links and cached URLs as they are, where keyset paging would
 * need a cursor in each link; the filters narrow a long list instead.
 */
#define MAX_PAGES 100
/* Pages read without the deferred join (page_rows). */
#define SHALLOW_PAGES 5
#define MAX_FILTERS 8
/* Room for the filters' conditions, for a whole statement, and for a page data name. */
#define WHERE_MAX 512
#define SQL_MAX   1024
#define HDF_NAME_MAX 64

/*
 * The filters as SQL: conditions and their parameters, built once and used for both the count and
 * the page.
 */
struct where {
	char       sql[WHERE_MAX];
	struct dbp p[MAX_FILTERS + 2];
	unsigned   np;
};

static void cond(struct where *w, const char *sql, struct dbp p)
{
	strncat(w->sql, sql, sizeof w->sql - strlen(w->sql) - 1);
	w->p[w->np++] = p;
}

static void build_where(const struct field *f, struct where *w)
{
	memset(w, 0, sizeof *w);
	strcpy(w->sql, " FROM children c WHERE c.listed = 1");
	if (f[K_CITY].present)
		cond(w, " AND c.city_code = ?", P_STR(f[K_CITY].str));
	if (f[K_COUNTY].present)
		cond(w, " AND c.county_code = ?", P_STR(f[K_COUNTY].str));
	if (f[K_GENDER].present)
		cond(w, " AND c.gender = ?", P_STR(f[K_GENDER].str));
	if (f[K_CATEGORY].present)
		cond(w, " AND c.category = ?", P_STR(f[K_CATEGORY].str));
	/*
	 * The public age (CHILD_PUBLIC_AGE) solved for the first of the birth month, so that
	 * k_listed_ym serves it: age >= n when that day is n years ago or earlier, age <= n when
	 * it is later than n + 1 years ago. Whole years after a 1st are a 1st again, so no month
	 * end is cut short, and nothing but the month counts.
	 */
	if (f[K_AGE_MIN].present)
		cond(w, " AND c.birth_ym <= DATE_SUB(CURDATE(), INTERVAL ? YEAR)",
		     P_INT(f[K_AGE_MIN].num));
	if (f[K_AGE_MAX].present)
		cond(w, " AND c.birth_ym > DATE_SUB(CURDATE(), INTERVAL ? YEAR)",
		     P_INT(f[K_AGE_MAX].num + 1));
	if (f[K_BMONTH].present)
		cond(w, " AND c.birth_month = ?", P_INT(f[K_BMONTH].num));
}

/* Youngest first goes by the birth month alone: within a month by the random code, not the day. */
static const char *order_by(const struct field *f)
{
	const char *s = f[K_SORT].present ? f[K_SORT].str : "waiting";

	if (strcmp(s, "age") == 0)
		return " ORDER BY c.birth_ym DESC, c.code DESC";
	if (strcmp(s, "newest") == 0)
		return " ORDER BY c.public_since DESC, c.code DESC";
	return " ORDER BY " CHILD_WAITING_ORDER;
}

/* Filters that contradict each other are a mistake worth telling, not an empty page. */
static int check_combination(struct ctx *c)
{
	const struct field *f = c->f;

	if (f[K_AGE_MIN].present && f[K_AGE_MAX].present && f[K_AGE_MIN].num > f[K_AGE_MAX].num)
		return err_set(&c->err, 400, "最小年龄不能大于最大年龄。", "age_min > age_max");
	if (f[K_CITY].present && f[K_COUNTY].present &&
	    strcmp(region_get(f[K_COUNTY].str)->city, f[K_CITY].str) != 0)
		return err_set(&c->err, 400, "所选区县不在所选城市（市州）之内。",
		               "county %s not in city %s", f[K_COUNTY].str, f[K_CITY].str);
	return 0;
}

/* The query string that reproduces the current filters on another page. */
static void filter_url(const struct ctx *c, long long page, STRING *out)
{
	string_append(out, "/children?");
	keys_append_query(c->f, 1u << K_PAGE | 1u << K_CODE, out);
	string_appendf(out, "page=%lld", page);
}

static void set_url(struct ctx *c, const char *name, long long page)
{
	STRING url;

	string_init(&url);
	filter_url(c, page, &url);
	page_set(c, NULL, name, url.buf);
	string_clear(&url);
}

static void pager(struct ctx *c, long long page, long long pages)
{
	long long from = page - 2 < 1 ? 1 : page - 2, to = page + 2 > pages ? pages : page + 2;
	char name[HDF_NAME_MAX];
	int i = 0;

	page_setf(c, "Pager.Page=%lld", page);
	page_setf(c, "Pager.Pages=%lld", pages);
	if (page > 1)
		set_url(c, "Pager.Prev", page - 1);
	if (page < pages)
		set_url(c, "Pager.Next", page + 1);
	for (long long p = from; p <= to; p++, i++) {
		page_setf(c, "Pager.Links.%d.num=%lld", i, p);
		snprintf(name, sizeof name, "Pager.Links.%d.url", i);
		set_url(c, name, p);
		if (p == page)
			page_setf(c, "Pager.Links.%d.current=1", i);
	}
}

/*
 * The filter form's region lists as HTML, the same for every request but for the choice marked:
 * built once per worker (117 regions put into page data and looped over by the template cost
 * more than the rest of an uncached page), each <option> escaped by html.c's escaper.
 */
struct option_list {
	STRING html;
	/* where " selected" goes for the i-th region (region_at(i)); 0 if it is not in the list */
	size_t at[REGIONS_MAX];
};

static struct option_list city_options, county_options;

static void add_option(struct option_list *l, size_t i, const struct region *r)
{
	string_append(&l->html, "<option value=\"");
	html_escape_to(&l->html, r->code);
	string_append(&l->html, "\"");
	l->at[i] = (size_t)l->html.len;
	string_append_char(&l->html, '>');
	html_escape_to(&l->html, r->name);
	string_append(&l->html, "</option>");
}

static void free_options(void)
{
	string_clear(&city_options.html);
	string_clear(&county_options.html);
}

/* Cities in code order; counties grouped under their city, in code order within it. */
static void build_options(void)
{
	string_init(&city_options.html);
	string_init(&county_options.html);
	atexit(free_options);
	for (size_t i = 0; i < regions_count(); i++) {
		const struct region *r = region_at(i);
		if (!r->is_city)
			continue;
		add_option(&city_options, i, r);
		string_append(&county_options.html, "<optgroup label=\"");
		html_escape_to(&county_options.html, r->name);
		string_append(&county_options.html, "\">");
		for (size_t j = 0; j < regions_count(); j++) {
			const struct region *k = region_at(j);
			if (k->is_county && strcmp(k->city, r->code) == 0)
				add_option(&county_options, j, k);
		}
		string_append(&county_options.html, "</optgroup>");
	}
}

/*
 * List l as page data name, with the region filter key chose marked. The template writes it with
 * uvar: (unescaped), which is safe because every name and code in it went through
 * html_escape_to when it was built and the one thing added here is the literal " selected".
 */
static void set_options(struct ctx *c, const char *name, const struct option_list *l, int key)
{
	size_t at = 0, len = (size_t)l->html.len;
	STRING s;

	for (size_t i = 0; c->f[key].present && i < regions_count() && !at; i++)
		if (strcmp(region_at(i)->code, c->f[key].str) == 0)
			at = l->at[i];
	string_init(&s);
	string_appendn(&s, l->html.buf, (int)(at ? at : len));
	if (at) {
		string_append(&s, " selected");
		string_appendn(&s, l->html.buf + at, (int)(len - at));
	}
	page_set(c, NULL, name, s.buf ? s.buf : "");
	string_clear(&s);
}

/* The filter form's choices and the filters as they were chosen. */
static void form_options(struct ctx *c)
{
	if (!city_options.html.buf)
		build_options();
	set_options(c, "Form.Cities", &city_options, K_CITY);
	set_options(c, "Form.Counties", &county_options, K_COUNTY);
	page_label_list(c, "Categories", CATEGORIES);
	for (int k = 0; k < K__MAX; k++)
		if (c->f[k].present && k != K_PAGE && k != K_CODE)
			page_setf(c, "Filter.%s=%s", KEYS[k].name, c->f[k].str);
}

/*
 * The key of a filter set's total: the conditions and their parameters, which filter values
 * validated at the door keep free of the separator.
 */
static void count_key(const struct where *w, STRING *key)
{
	string_append(key, w->sql);
	for (unsigned i = 0; i < w->np; i++) {
		if (w->p[i].type == DBP_INT)
			string_appendf(key, "\x1f%lld", w->p[i].i);
		else
			string_appendf(key, "\x1f%.*s", (int)w->p[i].len, (const char *)w->p[i].s);
	}
}

/*
 * How many children the filters find: from the worker's count cache while the page stamp holds
 * (a route without one counts every time), else counted and kept.
 */
static int count_found(struct ctx *c, const struct where *w, long long *found)
{
	char sql[SQL_MAX];
	STRING key;
	int rc = 0;

	string_init(&key);
	count_key(w, &key);
	if (!c->stamp || !countcache_get(key.buf, c->stamp, found)) {
		snprintf(sql, sizeof sql, "SELECT COUNT(*)%s", w->sql);
		rc = db_query_int(c->db, sql, w->p, w->np, found, &c->err);
		if (rc == 0 && c->stamp)
			countcache_put(key.buf, c->stamp, *found);
	}
	string_clear(&key);
	return rc;
}

/*
 * One page of cards. Past the first pages the inner query finds the page's 20 ids on a secondary
 * index alone (each index holds the filter columns, so the filters are checked on its entries,
 * and the id rides along), so OFFSET skips index entries, not rows; only the 20 rows shown are
 * read whole. On the first pages there is little to skip, and the derived table that join makes
 * cost more than it saved: the plain query, its filters still checked on the index entries, is
 * 13% faster there (the miss mix, pages 1-3: 1,173 against 1,034 a second, one instance, A/B).
 */
static int page_rows(struct ctx *c, struct where *w, long long page)
{
	char sql[SQL_MAX];
	const char *order = order_by(c->f);

	if (page <= SHALLOW_PAGES)
		snprintf(sql, sizeof sql, "SELECT " CHILD_PUBLIC_COLS "%s%s LIMIT ? OFFSET ?",
		         w->sql, order);
	else
		snprintf(sql, sizeof sql, "SELECT " CHILD_PUBLIC_COLS " FROM children c"
		         " JOIN (SELECT c.id%s%s LIMIT ? OFFSET ?) AS p ON p.id = c.id%s",
		         w->sql, order, order);
	w->p[w->np++] = P_INT(PER_PAGE);
	w->p[w->np++] = P_INT((page - 1) * PER_PAGE);
	if (db_query_hdf(c->db, sql, w->p, w->np, c->hdf, "Children", NULL, &c->err) < 0)
		return -1;
	child_labels(c, "Children");
	return 0;
}

/* In place of the cards past the bound: what to do instead, and the last page shown. */
static void beyond(struct ctx *c)
{
	page_setf(c, "Pager.Beyond=%d", MAX_PAGES);
	set_url(c, "Pager.Last", MAX_PAGES);
}

int ui_children(struct ctx *c)
{
	struct where w;
	long long found, page = c->f[K_PAGE].present ? c->f[K_PAGE].num : 1, pages;

	if (check_combination(c) < 0)
		return -1;
	build_where(c->f, &w);
	if (count_found(c, &w, &found) < 0)
		return -1;
	pages = (found + PER_PAGE - 1) / PER_PAGE;
	/* A page past the end is empty without asking; one past the bound is not shown. */
	if (page <= pages && page > MAX_PAGES)
		beyond(c);
	else if (page <= pages && page_rows(c, &w, page) < 0)
		return -1;
	page_setf(c, "Found=%lld", found);
	pager(c, page, pages < 1 ? 1 : pages > MAX_PAGES ? MAX_PAGES : pages);
	form_options(c);
	page_set(c, NULL, "Filter.sort", c->f[K_SORT].present ? c->f[K_SORT].str : "waiting");
	page_set(c, NULL, "Page.Title", "选择一个孩子");
	page_set(c, NULL, "Page.Nav", "children");
	c->tmpl = "children.cs";
	return 0;
}
