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
#include "../regionsel.h"

#define PER_PAGE 20
/*
 * Pages past this one are not shown: OFFSET walks every index entry it skips, so a deep page
 * costs in proportion to its number, and no donor reads 2,000 cards to choose one child. A
 * bound keeps the page numbers in links and cached URLs as they are, where keyset paging would
 * need a cursor in each link; the filters narrow a long list instead.
 */
#define MAX_PAGES 100
/* Every listed child, the conditions every filter adds to. */
#define LISTED_WHERE " WHERE c.listed = 1"
/* Their number: the kept total (sql/044), not a count of 57,560 rows at 100,000. */
#define LISTED_TOTAL "SELECT COALESCE(SUM(listed), 0) FROM public_counts"
/* The rows of listed_months (sql/051) that any filter reads. */
#define MONTHS_WHERE " WHERE c.n > 0"
/* The most cities a total without a region is summed from (count_by_city). */
#define CITIES_COUNTED 32
/* Parameters of the filters' conditions: build_where adds at most 8. */
#define MAX_FILTERS 10
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

/* Every listed child: the filters' conditions follow. */
static void where_listed(struct where *w)
{
	memset(w, 0, sizeof *w);
	strcpy(w->sql, LISTED_WHERE);
}

/*
 * The public age (CHILD_PUBLIC_AGE) solved for the first of the birth month, so that k_listed_ym
 * and listed_months serve it: age >= n when that day is n years ago or earlier, age <= n when it
 * is later than n + 1 years ago. Whole years after a 1st are a 1st again, so no month end is cut
 * short, and nothing but the month counts.
 */
static void age_conds(const struct field *f, struct where *w)
{
	if (f[K_AGE_MIN].present)
		cond(w, " AND c.birth_ym <= DATE_SUB(CURDATE(), INTERVAL ? YEAR)",
		     P_INT(f[K_AGE_MIN].num));
	if (f[K_AGE_MAX].present)
		cond(w, " AND c.birth_ym > DATE_SUB(CURDATE(), INTERVAL ? YEAR)",
		     P_INT(f[K_AGE_MAX].num + 1));
}

static void build_where(const struct field *f, struct where *w)
{
	where_listed(w);
	/* a county is read from its city's index (sql/041), so it names its city too */
	if (f[K_COUNTY].present)
		cond(w, " AND c.city_code = ?", P_STR(region_get(f[K_COUNTY].str)->city));
	else if (f[K_CITY].present)
		cond(w, " AND c.city_code = ?", P_STR(f[K_CITY].str));
	if (f[K_COUNTY].present)
		cond(w, " AND c.county_code = ?", P_STR(f[K_COUNTY].str));
	if (f[K_GENDER].present)
		cond(w, " AND c.gender = ?", P_STR(f[K_GENDER].str));
	if (f[K_CATEGORY].present)
		cond(w, " AND c.category = ?", P_STR(f[K_CATEGORY].str));
	age_conds(f, w);
	/*
	 * What the age bound implies for waiting time, said so that an index read in that order
	 * starts there: a child is public from the month after its birth month at the earliest
	 * (public_since, sql/014), and a birth month later than a day makes the month after it
	 * later than that day's month later. Without it "age 0" by waiting time read the 35,000
	 * entries before the youngest's turn, or all 3,050 of their own sorted, at 100,000.
	 */
	if (f[K_AGE_MAX].present)
		cond(w, " AND c.public_since > "
		     "DATE_ADD(DATE_SUB(CURDATE(), INTERVAL ? YEAR), INTERVAL 1 MONTH)",
		     P_INT(f[K_AGE_MAX].num + 1));
	if (f[K_BMONTH].present)
		cond(w, " AND c.birth_month = ?", P_INT(f[K_BMONTH].num));
}

/* Filters that listed_months (sql/051) counts alone: a city, an age range, or both. */
static int by_months(const struct field *f)
{
	return (f[K_CITY].present || f[K_AGE_MIN].present || f[K_AGE_MAX].present) &&
	       !f[K_COUNTY].present && !f[K_GENDER].present && !f[K_CATEGORY].present &&
	       !f[K_BMONTH].present;
}

/* by_months's filters as conditions on listed_months. */
static void build_months_where(const struct field *f, struct where *w)
{
	memset(w, 0, sizeof *w);
	strcpy(w->sql, MONTHS_WHERE);
	if (f[K_CITY].present)
		cond(w, " AND c.city_code = ?", P_STR(f[K_CITY].str));
	age_conds(f, w);
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

/* The filter form's choices and the filters as they were chosen. */
static void form_options(struct ctx *c)
{
	/* Built once per worker (117 regions put into page data and looped over by the template
	 * cost more than the rest of an uncached page). */
	regionsel_set(c, "Form.Cities", RS_CITIES, NULL, c->f[K_CITY].str);
	regionsel_set(c, "Form.Counties", RS_COUNTIES, NULL, c->f[K_COUNTY].str);
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

/* The listing's indexes (sql/041): each holds every column a card shows and a filter uses. */
#define BY_WAITING "k_listed_wait"   /* public_since, code: waiting and newest */
#define BY_AGE     "k_listed_ym"     /* birth_ym, code: age, and the age filters */
#define BY_CITY    "k_listed_city"   /* city_code, public_since, code: a city's or county's */

static int age_filtered(const struct field *f)
{
	return f[K_AGE_MIN].present || f[K_AGE_MAX].present;
}

/*
 * The index a total is counted on: the narrowest range the filters give, read from entries
 * alone. Left to itself MariaDB counted a county on k_county_wait, reading each child's row for
 * listed (850 random rows at 100,000, which filled the small buffer pool with them), and an age
 * range on the whole of k_listed_wait rather than its range of k_listed_ym.
 */
static const char *count_index(const struct field *f)
{
	if (f[K_COUNTY].present || f[K_CITY].present)
		return BY_CITY;
	return age_filtered(f) ? BY_AGE : BY_WAITING;
}

/* A city's count of a filter set without a region, as the GROUP BY below returns them. */
struct city_count {
	char      city[REGION_CODE_SIZE];
	long long n;
};

struct city_counts {
	struct city_count c[CITIES_COUNTED];
	int               n;
};

static int row_city_count(void *ctx, unsigned ncols, MYSQL_FIELD *fields, char **v,
                          unsigned long *lens)
{
	struct city_counts *cc = ctx;

	(void)fields; (void)lens;
	if (ncols == 2 && v[0] && v[1] && cc->n < CITIES_COUNTED) {
		snprintf(cc->c[cc->n].city, sizeof cc->c[0].city, "%s", v[0]);
		cc->c[cc->n++].n = strtoll(v[1], NULL, 10);
	}
	return 0;
}

/* What the GROUP BY found for city: none is 0. */
static long long city_count(const struct city_counts *cc, const char *city)
{
	for (int i = 0; i < cc->n; i++)
		if (strcmp(cc->c[i].city, city) == 0)
			return cc->c[i].n;
	return 0;
}

/* The key of city's part of the total kept under key. */
static void city_key(STRING *ck, const char *key, const char *city)
{
	string_set(ck, key);
	string_appendf(ck, "\x1e%s", city);
}

/*
 * The cities whose totals were not kept, counted in one statement, each kept under its stamp:
 * summed from their rows of listed_months when by_months, else from their own entries in
 * k_listed_city when a few changed, from the age range's entries in k_listed_ym when an age
 * range narrows a filter set that most cities must count (the first count of a filter set counts
 * them all). w: the conditions that the source takes (count_found).
 */
static int count_cities(struct ctx *c, const struct where *w, const char *key,
                        const struct page_stamp *st, const int *stale, int n, int ncities,
                        long long *sum)
{
	struct dbp p[CITIES_COUNTED + MAX_FILTERS];
	struct city_counts cc = { .n = 0 };
	char sql[SQL_MAX], in[CITIES_COUNTED * 2 + 1] = "";
	STRING ck;
	unsigned np = 0;

	/* always CITIES_COUNTED, the rest no city's, so that one statement stays prepared */
	for (int i = 0; i < CITIES_COUNTED; i++) {
		strcat(in, np ? ",?" : "?");
		p[np++] = P_STR(i < n ? st[stale[i]].city : "");
	}
	for (unsigned i = 0; i < w->np; i++)
		p[np++] = w->p[i];
	if (by_months(c->f))
		snprintf(sql, sizeof sql, "SELECT c.city_code, SUM(c.n) FROM listed_months c"
		         MONTHS_WHERE " AND c.city_code IN (%s)%s GROUP BY c.city_code",
		         in, w->sql + strlen(MONTHS_WHERE));
	else
		snprintf(sql, sizeof sql, "SELECT c.city_code, COUNT(*) FROM children c "
		         "FORCE INDEX (%s) WHERE c.listed = 1 AND c.city_code IN (%s)%s "
		         "GROUP BY c.city_code", age_filtered(c->f) && 2 * n > ncities ?
		         BY_AGE : BY_CITY, in, w->sql + strlen(LISTED_WHERE));
	if (db_query(c->db, sql, p, np, row_city_count, &cc, &c->err) < 0)
		return -1;
	string_init(&ck);
	for (int i = 0; i < n; i++) {
		long long got = city_count(&cc, st[stale[i]].city);

		city_key(&ck, key, st[stale[i]].city);
		countcache_put(ck.buf, &st[stale[i]], got);
		*sum += got;
	}
	string_clear(&ck);
	return 0;
}

/*
 * A total without a region, as the sum of its cities' totals, each kept under its own city's
 * stamp. The province's stamp moves with a change to any child, and a campaign changes children
 * all day: counted whole, each change cost a count of every listed child the filters reach (up to
 * 57,560 index entries at 100,000); so only the cities whose children changed are counted again.
 * 1 when summed, 0 when there are too many cities for one statement, -1 on error.
 */
static int count_by_city(struct ctx *c, const struct where *w, const char *key,
                         long long *found)
{
	struct page_stamp st[CITIES_COUNTED];
	int stale[CITIES_COUNTED], nstale = 0, n;
	long long kept;
	STRING ck;

	if ((n = pagecache_city_stamps(c->db, st, CITIES_COUNTED, &c->err)) < 0)
		return -1;
	if (n == CITIES_COUNTED)
		return 0;
	*found = 0;
	string_init(&ck);
	for (int i = 0; i < n; i++) {
		city_key(&ck, key, st[i].city);
		if (countcache_get(ck.buf, &st[i], &kept))
			*found += kept;
		else
			stale[nstale++] = i;
	}
	string_clear(&ck);
	if (nstale && count_cities(c, w, key, st, stale, nstale, n, found) < 0)
		return -1;
	return 1;
}

/*
 * How many children the filters find (key: count_key's): from the worker's count cache while the
 * page stamp holds (a route without one counts every time), else counted (without a region, city
 * by city) and kept. A city or an age range alone is summed from listed_months, whatever the
 * number of children; other filters count the entries of an index (count_index).
 */
static int count_found(struct ctx *c, const struct where *w, const char *key, long long *found)
{
	struct where mw;
	char sql[SQL_MAX];
	int rc = 0, months = by_months(c->f);

	if (c->stamp && countcache_get(key, c->stamp, found))
		return 0;
	if (months) {
		build_months_where(c->f, &mw);
		w = &mw;
	}
	if (c->stamp && w->np > 0 && !c->stamp->city[0])
		rc = count_by_city(c, w, key, found);
	if (rc == 0) {
		if (w->np == 0)
			snprintf(sql, sizeof sql, "%s", LISTED_TOTAL);
		else if (months)
			snprintf(sql, sizeof sql, "SELECT COALESCE(SUM(c.n), 0) "
			         "FROM listed_months c%s", w->sql);
		else
			snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM children c "
			         "FORCE INDEX (%s)%s", count_index(c->f), w->sql);
		rc = db_query_int(c->db, sql, w->p, w->np, found, &c->err);
	}
	if (rc >= 0 && c->stamp)
		countcache_put(key, c->stamp, *found);
	return rc < 0 ? -1 : 0;
}

/*
 * The indexes a page may be read from: one that filters and keeps the page's order (a city's or
 * a county's, then waiting time; an age range under age) reads little more than the page, and is
 * the only one given. Otherwise the order's index (in order, until the page's rows match) is
 * first, and the filter's (its matches, then sorted) second, if there is one. A birth month has
 * no index of its own (sql/041): it is checked on the entries of the others.
 */
static void page_indexes(const struct field *f, const char **first, const char **second)
{
	int by_age = f[K_SORT].present && strcmp(f[K_SORT].str, "age") == 0;
	const char *place = f[K_COUNTY].present || f[K_CITY].present ? BY_CITY : NULL;

	*second = NULL;
	if (by_age) {
		*first = BY_AGE;
		if (!age_filtered(f))
			*second = place;
	} else if (place) {
		*first = place;
	} else {
		*first = BY_WAITING;
		if (age_filtered(f))
			*second = BY_AGE;
	}
}

/* The listing's stamp read alone, when no page read gave it. */
static int read_stamp(struct ctx *c)
{
	struct page_stamp *st = c->stamp_later;
	char city[REGION_CODE_SIZE];

	snprintf(city, sizeof city, "%s", st->city);
	return pagecache_stamp(c->db, STAMP_CHILDREN, city[0] ? city : NULL, st, &c->err);
}

/*
 * The cards come after the listing's stamp (what CHILDREN_GEN_SQL and CURDATE() give for its
 * city, or two NULLs), read in the same statement and so from the same snapshot as the cards:
 * the first row gives it to st when the route left it to be read here (ctx.h stamp_later).
 */
struct card_rows {
	struct db_hdf_rows rows;
	struct page_stamp *st;
};

static int row_card(void *ctx, unsigned ncols, MYSQL_FIELD *fields, char **v, unsigned long *lens)
{
	struct card_rows *cr = ctx;

	if (ncols < 2)
		return err_set(cr->rows.e, 500, NULL, "listing: a row without the stamp");
	if (cr->st && cr->st->gen < 0)
		pagecache_stamp_set(cr->st, v[0], v[1]);
	return child_card_row(&cr->rows, ncols - 2, fields + 2, v + 2, lens + 2);
}

/*
 * One page of cards from index, reading at most limit entries of it (0: no limit) besides the
 * stamp's rows, with the stamp when stamped: only a read in the index's order, since one that
 * sorts sums the stamp again for each row it sorts (3,000 sums for one page at 100,000
 * children). The limit is a parameter, so that the statement is one for every total and stays
 * prepared. A read the limit cut short may have cut the stamp's sum short too: its stamp is not
 * taken (one that gave a whole page was not cut).
 */
static int read_page(struct ctx *c, const struct where *w, const char *index, long long limit,
                     int stamped, int *rows)
{
	struct card_rows cr = { { c->hdf, "Children", 0, &c->err }, c->stamp_later };
	struct dbp p[MAX_FILTERS + 4];
	char sql[SQL_MAX];
	unsigned np = 0;
	int rc, unread = stamped && cr.st && cr.st->gen < 0;

	if (stamped)
		p[np++] = P_STR(c->stamp ? c->stamp->city : "");
	memcpy(p + np, w->p, sizeof p[0] * w->np);
	np += w->np;
	if (limit > 0)
		p[np++] = P_INT(limit + CHILDREN_GEN_SLOTS + 1);
	snprintf(sql, sizeof sql, "SELECT %s, " CHILD_PUBLIC_COLS
	         " FROM children c FORCE INDEX (%s)%s%s LIMIT ? OFFSET ?%s",
	         stamped ? "(" CHILDREN_GEN_SQL "), CURDATE()" : "NULL, NULL",
	         index, w->sql, order_by(c->f), limit > 0 ? " ROWS EXAMINED ?" : "");
	hdf_remove_tree(c->hdf, "Children");
	rc = db_query(c->db, sql, p, np, row_card, &cr, &c->err);
	*rows = cr.rows.n;
	if (unread && limit > 0 && *rows < PER_PAGE)
		cr.st->gen = -1;
	return rc;
}

/*
 * One page of cards, read from index entries alone: each listing index holds what a card shows,
 * so OFFSET skips entries, never rows. MariaDB chose the index by its estimates, and chose wrong:
 * "age 0" by waiting time was read from k_listed_wait in order until 60 entries matched, 38,769
 * entries (10 ms) at 100,000 children, as the youngest have waited least, where k_listed_ym
 * holds its 3,050 in one range (1.7 ms with the sort). No estimate sees such a correlation, so
 * the order's index is tried first within what the filter's would cost, about found entries
 * (ROWS EXAMINED), and a page that comes back short (the total says how many rows it has) is
 * read from the filter's instead; the count cache keeps where that happened (learn_short), so
 * that the same filters' pages from there on go to the filter's at once. So does a last page:
 * reading in order cannot stop before the index's end there. Returns -1 on error, else the end
 * of a page that came back short in order, or 0.
 */
static long long page_rows(struct ctx *c, const struct where *filters, const char *key,
                           long long page, long long found)
{
	struct where pw = *filters, *w = &pw;   /* the filters' conditions, and the page's */
	const char *first, *second;
	long long offset = (page - 1) * PER_PAGE, end = offset + PER_PAGE;
	long long want = found - offset < PER_PAGE ? found - offset : PER_PAGE;
	long long short_at = countcache_short_at(key);
	int rows = 0, rc = 0, in_order;

	page_indexes(c->f, &first, &second);
	in_order = !second || (want == PER_PAGE && (!short_at || end < short_at));
	w->p[w->np++] = P_INT(PER_PAGE);
	w->p[w->np++] = P_INT(offset);
	if (in_order)
		rc = read_page(c, w, first, second ? found : 0, 1, &rows);
	if (rc == 0 && second && rows < want) {
		/* the filter's read sorts: a stamp not yet read is read alone, before the cards */
		if (c->stamp_later && c->stamp_later->gen < 0)
			rc = read_stamp(c);
		if (rc == 0)
			rc = read_page(c, w, second, 0, 0, &rows);
		if (rc == 0 && in_order)
			return end;
	}
	return rc < 0 ? -1 : 0;
}

/*
 * Where pages read in order came back short (page_rows's end), kept for the filter set when the
 * total that bounded the read was current: one kept under another stamp may be wrong, and would
 * send pages that read well in order to the sort.
 */
static void learn_short(const char *key, long long end)
{
	if (end > 0)
		countcache_set_short_at(key, end);
}

/* In place of the cards past the bound: what to do instead, and the last page shown. */
static void beyond(struct ctx *c)
{
	page_setf(c, "Pager.Beyond=%d", MAX_PAGES);
	set_url(c, "Pager.Last", MAX_PAGES);
}

/* Whether page has cards to read when the filters find found: one of theirs, within the bound. */
static int shown(long long page, long long found)
{
	return page <= (found + PER_PAGE - 1) / PER_PAGE && page <= MAX_PAGES;
}

/*
 * The total and the page, when the route left the stamp to this handler (ctx.h stamp_later): a
 * total kept for these filters is taken on trust, the page read with the stamp in its statement,
 * and the total kept only if that stamp is the one it was counted under. Otherwise it is counted
 * again; the cards stand, since reading them used the total only to choose an index, and a
 * page that comes back short is read again from the filter's whatever the total said. So a
 * listing whose children did not change costs one statement, not two. A stamp not read with
 * the cards is read alone before them, never after: a page is kept under a stamp no newer than
 * what it shows. *read: whether the page was read.
 */
static int page_first(struct ctx *c, const struct where *w, const char *key, long long page,
                      long long *found, int *read)
{
	struct page_stamp kept;
	long long end = 0;

	*read = 0;
	c->stamp_later->gen = -1;   /* a retry on a new connection reads it again */
	if (!countcache_peek(key, &kept, found))
		return read_stamp(c);
	if (shown(page, *found)) {
		if ((end = page_rows(c, w, key, page, *found)) < 0)
			return -1;
		/* one that found no card gave no stamp: read again after it, never before */
		*read = c->stamp_later->gen >= 0;
	}
	if (c->stamp_later->gen < 0 && read_stamp(c) < 0)
		return -1;
	if (!pagecache_same(&kept, c->stamp))
		return 0;
	learn_short(key, end);
	return 1;
}

int ui_children(struct ctx *c)
{
	struct where w;
	long long found = 0, page = c->f[K_PAGE].present ? c->f[K_PAGE].num : 1, pages;
	STRING key;
	int rc = 0, read = 0;

	if (check_combination(c) < 0)
		return -1;
	build_where(c->f, &w);
	/* the filter set's key in the count cache, for its total and what its pages learnt */
	string_init(&key);
	count_key(&w, &key);
	if (c->stamp_later)
		rc = page_first(c, &w, key.buf, page, &found, &read);
	if (rc == 0)
		rc = count_found(c, &w, key.buf, &found);
	/* A page past the end is empty without asking. */
	if (rc >= 0 && !read && shown(page, found)) {
		long long end = page_rows(c, &w, key.buf, page, found);

		rc = end < 0 ? -1 : 0;
		learn_short(key.buf, end);
	}
	string_clear(&key);
	if (rc < 0)
		return -1;
	pages = (found + PER_PAGE - 1) / PER_PAGE;
	/* one past the bound is not shown */
	if (page <= pages && page > MAX_PAGES)
		beyond(c);
	page_setf(c, "Found=%lld", found);
	pager(c, page, pages < 1 ? 1 : pages > MAX_PAGES ? MAX_PAGES : pages);
	form_options(c);
	page_set(c, NULL, "Filter.sort", c->f[K_SORT].present ? c->f[K_SORT].str : "waiting");
	page_set(c, NULL, "Page.Title", "选择一个孩子");
	page_set(c, NULL, "Page.Nav", "children");
	c->tmpl = "children.cs";
	return 0;
}
