/*
 * http_birthdate.c — what the public site tells of a child's birth date, every filter tried: never
 * the day.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "check_main.h"
#include "client.h"

/*
 * The attacker of the review: for a listed child, learn the birth date from what the public pages
 * show (which queries list the child, the age on its card and page, where it stands in sorted
 * pages). The dates consistent with those observations are the days d such that a child born on d
 * would be observed the same. So the test lists, in a county of their own, twins alike in
 * everything public but the birth date: one born on each day of three sample months, and one on
 * each day next to those months. This month ten years ago, where an age that ticked over on the
 * birthday would show; a leap February, with its 29th; and last month, its twins recorded on the
 * day they were born, where a wait counted from the record date would bound the birth day. It asks
 * every public filter value (each alone and, for the ages, every min-max pair), every sort, every
 * page, and each twin's own page:
 *  - a twin's dates are those of the twins observed exactly like it, which must include its whole
 *    month (and, so that the test is seen to see anything, exclude the neighbouring months);
 *  - where twins stand among each other and among other children must carry no date: with the
 *    twins' birth days shuffled within their months, every page must read exactly as before.
 */

#define COUNTY "420281"  /* 大冶市: no other test's children live there */
#define CITY   "420200"
#define MAXQ   512       /* queries in a sweep */
#define MONTHS 3          /* sample months */
#define MAXT   100       /* twins: the sample months' days and their neighbours */
#define N(a) (int)(sizeof a / sizeof a[0])

struct twin {
	char code[11];
	int  y, m, d;     /* born, as inserted */
	int  group;       /* its sample month */
	int  edge;        /* 1: a day next to that month, not in it */
};

static struct twin twins[MAXT];
static int ntwins;
static int today_y, today_m;
/* The sample months; at_birth: their twins were recorded on the day they were born. */
static struct { int y, m, at_birth; } months[MONTHS];

/*
 * What a sweep saw: each page's text (as a hash), and per twin, in which listings it was and what
 * its card said.
 */
struct sweep {
	int           nq;
	char          path[MAXQ][128];
	unsigned char text[MAXQ][16];      /* every page of the query, in order, with its status */
	signed char   age[MAXT][MAXQ];     /* the age on the twin's card; -1: not listed */
	unsigned char card[MAXT][MAXQ][8]; /* the twin's card, its code masked; zeros: not listed */
	unsigned char own[MAXT][16];       /* the twin's own page, its code masked */
};
static struct sweep base;

static int days_in(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : n[m - 1];
}

/* Codes TBD<group><6 digits>, so that a sample month's twins can be found by their prefix. */
static void twin_add(int y, int m, int d, int group, int edge)
{
	struct twin *t = &twins[ntwins];
	unsigned n = (unsigned)ntwins % 100000, g = (unsigned)group % 10;

	ck_assert_msg(ntwins++ < MAXT, "too many twins");
	*t = (struct twin){ "", y, m, d, group, edge };
	snprintf(t->code, sizeof t->code, "TBD%u%06u", g, n);
}

/*
 * A day's neighbour in the calendar: dir -1 is the last day of the month before, +1 the first of
 * the month after.
 */
static void neighbour(int g, int dir)
{
	int nm = months[g].m + dir, ny = months[g].y + (nm < 1 ? -1 : nm > 12 ? 1 : 0);

	nm = nm < 1 ? 12 : nm > 12 ? 1 : nm;
	twin_add(ny, nm, dir < 0 ? days_in(ny, nm) : 1, g, 1);
}

/* They are only ever listed, so nothing hangs off them. */
static void twins_remove(void)
{
	admin_sql("DELETE FROM children WHERE code LIKE 'TBD%';", NULL);
}

/* Today as the app counts it (China time), as YYYYMMDD. */
static long long today(void)
{
	return admin_sql_num("SELECT DATE_FORMAT(CURDATE(), '%Y%m%d')");
}

/* The twins: each day of the sample months, and the days next to those months. */
static void twins_plan(void)
{
	long long t = today();
	int leap = (int)(t / 10000) - 12;

	today_y = (int)(t / 10000), today_m = (int)(t / 100 % 100);
	while (days_in(leap, 2) != 29)
		leap--;
	months[0].y = today_y - 10, months[0].m = today_m;
	months[1].y = leap, months[1].m = 2;
	months[2].y = today_m == 1 ? today_y - 1 : today_y;
	months[2].m = today_m == 1 ? 12 : today_m - 1;
	months[2].at_birth = 1;
	ntwins = 0;
	for (int g = 0; g < MONTHS; g++) {
		for (int d = 1; d <= days_in(months[g].y, months[g].m); d++)
			twin_add(months[g].y, months[g].m, d, g, 0);
		neighbour(g, -1);
		neighbour(g, +1);
	}
}

/* ---- what the public sees ---- */

/*
 * The age the site must show for a birth in month m of year y: whole years since the 1st of that
 * month.
 */
static int age_of(int y, int m)
{
	return today_y - y - (today_m < m);
}

static int twin_of(const char *code)
{
	for (int i = 0; i < ntwins; i++)
		if (strcmp(twins[i].code, code) == 0)
			return i;
	return -1;
}

static void add_query(struct sweep *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add_query(struct sweep *s, const char *fmt, ...)
{
	va_list ap;

	ck_assert_msg(s->nq < MAXQ, "too many queries");
	va_start(ap, fmt);
	vsnprintf(s->path[s->nq++], sizeof s->path[0], fmt, ap);
	va_end(ap);
}

/*
 * Every public filter value, each sort, and views that place the twins among everyone's children.
 */
static void plan_queries(struct sweep *s)
{
	static const char *const sorts[] = { "waiting", "age", "newest" };
	static const char *const categories[] = { "deceased", "missing", "abandoned", "disabled",
	                                          "ill", "imprisoned", "rehab", "other" };
	const char *c = "/children?county=" COUNTY;

	s->nq = 0;
	for (int i = 0; i < N(sorts); i++)
		add_query(s, "%s&sort=%s", c, sorts[i]);
	add_query(s, "/children?city=" CITY "&county=" COUNTY);
	add_query(s, "%s&gender=m", c);
	add_query(s, "%s&gender=f", c);
	for (int i = 0; i < N(categories); i++)
		add_query(s, "%s&category=%s", c, categories[i]);
	for (int m = 1; m <= 12; m++)
		add_query(s, "%s&birth_month=%d", c, m);
	for (int a = 0; a <= 17; a++) {
		add_query(s, "%s&age_min=%d", c, a);
		add_query(s, "%s&age_max=%d", c, a);
		for (int b = a; b <= 17; b++)
			add_query(s, "%s&age_min=%d&age_max=%d", c, a, b);
	}
	/* The retired day filter, for every day a twin has. */
	for (int i = 0; i < ntwins; i++)
		add_query(s, "%s&birthday=%02d-%02d", c, twins[i].m, twins[i].d);
	for (int g = 0; g < MONTHS; g++)
		for (int i = 0; i < N(sorts); i++) {
			add_query(s, "%s&birth_month=%d&sort=%s", c, months[g].m, sorts[i]);
			add_query(s, "/children?birth_month=%d&sort=%s", months[g].m, sorts[i]);
		}
	for (int g = 0; g < MONTHS; g++) {
		int a = age_of(months[g].y, months[g].m);
		add_query(s, "/children?age_min=%d&age_max=%d&sort=age", a, a);
	}
	add_query(s, "/");
	for (int i = 0; i < ntwins; i++)
		add_query(s, "/children/%s", twins[i].code);
}

/* A hash of text about twin t with its code masked: what tells twins apart besides their codes. */
static void masked_hash(const char *text, int t, unsigned char *out, size_t outlen)
{
	char *masked = strdup(text);

	ck_assert_ptr_nonnull(masked);
	for (char *p = masked; (p = strstr(p, twins[t].code)); p += 10)
		memcpy(p, "XXXXXXXXXX", 10);
	crypto_generichash(out, outlen, (const unsigned char *)masked, strlen(masked), NULL, 0);
	free(masked);
}

/* The page's text into the query's hash; a twin's own page also into its own. */
static void take_page(struct sweep *s, int q, crypto_generichash_state *h, const struct resp *r)
{
	char status[16];
	int t = strncmp(s->path[q], "/children/", 10) == 0 ? twin_of(s->path[q] + 10) : -1;

	snprintf(status, sizeof status, "%ld\n", r->status);
	crypto_generichash_update(h, (const unsigned char *)status, strlen(status));
	crypto_generichash_update(h, (const unsigned char *)r->body, r->len);
	if (t >= 0)
		masked_hash(r->body, t, s->own[t], sizeof s->own[t]);
}

/* One query, every page of it: what each twin on it showed, and the text of all of it. */
static void ask(struct sweep *s, int q)
{
	crypto_generichash_state h;
	int listing = strncmp(s->path[q], "/children?", 10) == 0;
	long long pages = 1;

	crypto_generichash_init(&h, NULL, 0, 16);
	for (long long p = 1; p <= pages; p++) {
		char path[160];
		struct listing l;
		struct resp r;

		snprintf(path, sizeof path, p == 1 ? "%s" : "%s&page=%lld", s->path[q], p);
		ck_assert_msg(http_get(path, &r) == 0, "no response for %s", path);
		ck_assert_msg(r.status == 200 || r.status == 400, "%s: status %ld", path, r.status);
		take_page(s, q, &h, &r);
		ck_assert_msg(listing_read(&r, &l) == 0, "%s: a card is malformed", path);
		if (p == 1 && listing && l.found > 0)
			pages = (l.found + LISTING_PER_PAGE - 1) / LISTING_PER_PAGE;
		for (int i = 0; listing && i < l.n; i++) {
			int t = twin_of(l.c[i].code);
			if (t < 0)
				continue;
			s->age[t][q] = (signed char)l.c[i].age;
			masked_hash(l.c[i].text, t, s->card[t][q], sizeof s->card[t][q]);
		}
		resp_free(&r);
	}
	crypto_generichash_final(&h, s->text[q], 16);
}

/* Everything once; again if midnight passed meanwhile, so that every page is of one day. */
static void observe(struct sweep *s)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		long long day = today();
		plan_queries(s);
		memset(s->age, -1, sizeof s->age);
		memset(s->card, 0, sizeof s->card);
		for (int q = 0; q < s->nq; q++)
			ask(s, q);
		if (today() == day)
			return;
	}
	ck_abort_msg("the date changed twice during a sweep");
}

static int same(int d, int n) { (void)n; return d; }

/* A twin's birth day with the days of the sample months moved by move(). */
static int day_of(const struct twin *t, int (*move)(int d, int n))
{
	return t->edge ? t->d : move(t->d, days_in(t->y, t->m));
}

static long born[MAXT];  /* YYYYMMDD of each twin, as recorded now */

static int by_birth(const void *a, const void *b)
{
	long x = born[*(const int *)a], y = born[*(const int *)b];
	return (x > y) - (x < y);
}

/*
 * Record the twins as a ledger sorted by birth date (by ID number, that is) would bring them: in
 * date order, so that their ids follow their birth dates; with the days within each sample month
 * moved by move(). Those of a month recorded at birth wait since the day they were born.
 */
static void twins_record(int (*move)(int d, int n))
{
	int order[MAXT];

	for (int i = 0; i < ntwins; i++) {
		order[i] = i;
		born[i] = (twins[i].y * 100L + twins[i].m) * 100 + day_of(&twins[i], move);
	}
	qsort(order, (size_t)ntwins, sizeof order[0], by_birth);
	twins_remove();
	for (int k = 0; k < ntwins; k++) {
		const struct twin *t = &twins[order[k]];
		char birth[40], id[32];
		struct fixture_child ch = { t->code, "测试·生日", "f", birth, COUNTY, "ill",
		                            "（虚构）生日测试。", "waiting", 1, "虚构·生日", id, "虚构监护人" };

		snprintf(birth, sizeof birth, "%ld-%02ld-%02ld", born[order[k]] / 10000,
		         born[order[k]] / 100 % 100, born[order[k]] % 100);
		snprintf(id, sizeof id, "BIRTHDATE-%.10s", t->code);
		ck_assert_msg(fixture_insert(&ch) == 0, "fixture %s not inserted", t->code);
	}
	for (int g = 0; g < MONTHS; g++) {
		char sql[128];
		snprintf(sql, sizeof sql, "UPDATE children SET waiting_since = birth_date "
		         "WHERE code LIKE 'TBD%d%%';", g);
		ck_assert(!months[g].at_birth || admin_sql(sql, NULL) == 0);
	}
}

/*
 * Unchecked: runs in the runner itself, so the observations are shared by the tests and the
 * clean-up happens.
 */
static void twins_add(void)
{
	twins_plan();
	twins_record(same);
	observe(&base);
}

/* ---- the tests ---- */

/*
 * The twins of a sample: the first, the fifteenth and the last of each month (so 29 February too).
 */
static int sample(int i)
{
	int g = i / 3, n = days_in(months[g].y, months[g].m), d = (int[]){ 1, 15, n }[i % 3];

	for (int t = 0; t < ntwins; t++)
		if (twins[t].group == g && !twins[t].edge && twins[t].d == d)
			return t;
	return -1;
}

/* Whether twin t was born in the month of twin f (not next to it). */
static int month_mate(int f, int t)
{
	return twins[t].group == twins[f].group && !twins[t].edge;
}

/*
 * The first query whose observation of twins a and b differs, or -1 (-2: their own pages differ).
 */
static int differs(const struct sweep *s, int a, int b)
{
	for (int q = 0; q < s->nq; q++)
		if (memcmp(s->card[a][q], s->card[b][q], sizeof s->card[a][q]) != 0)
			return q;
	return memcmp(s->own[a], s->own[b], 16) ? -2 : -1;
}

START_TEST(no_filter_tells_the_day)
{
	int f = sample(_i), in_month = 0, listed = 0, apart = -1, by = -1;
	const struct twin *ft;
	char days[400] = "";
	size_t o = 0;

	ck_assert_int_ge(f, 0);
	ft = &twins[f];
	for (int q = 0; q < base.nq; q++)
		listed += base.age[f][q] >= 0;
	ck_assert_msg(listed > 0 && base.age[f][0] >= 0, "%s is not listed at all", ft->code);
	/*
	 * The dates consistent with what was seen of the sample child: the days of the twins seen
	 * alike.
	 */
	for (int t = 0; t < ntwins; t++) {
		int q = differs(&base, f, t);
		if (q != -1) {
			if (month_mate(f, t) && apart < 0)
				apart = t, by = q;
			continue;
		}
		o += (size_t)snprintf(days + o, sizeof days - o, " %02d-%02d", twins[t].m,
		                      twins[t].d);
		in_month += month_mate(f, t);
		ck_assert_msg(!twins[t].edge, "%s: the neighbouring %02d-%02d is not told apart: "
		              "the test sees nothing",
		              ft->code, twins[t].m, twins[t].d);
	}
	ck_assert_msg(in_month == days_in(ft->y, ft->m), "born %04d-%02d-%02d: the public sees %d "
	              "possible days:%s "
	              "(%02d-%02d is told apart by %s)", ft->y, ft->m, ft->d, in_month, days,
	              apart < 0 ? 0 : twins[apart].m, apart < 0 ? 0 : twins[apart].d,
	              by == -2 ? "the child's own page" : by >= 0 ? base.path[by] : "-");
}
END_TEST

/*
 * The age shown is counted from the first of the birth month: whole years since then, everywhere.
 */
START_TEST(age_is_counted_from_the_month)
{
	int f = sample(_i);
	const struct twin *ft = &twins[f];
	int want = age_of(ft->y, ft->m);

	for (int q = 0; q < base.nq; q++)
		ck_assert_msg(base.age[f][q] < 0 || base.age[f][q] == want,
		              "born %04d-%02d-%02d: %s shows %d 岁, want %d",
		              ft->y, ft->m, ft->d, base.path[q], base.age[f][q], want);
}
END_TEST

static int reverse(int d, int n) { return n + 1 - d; }
static int rotate(int d, int n) { return (d - 1 + n / 2) % n + 1; }
/*
 * The twins' birth days shuffled within their months, and the twins recorded again in birth-date
 * order: no page, sorted or not, may read differently, so neither the dates nor the order the
 * records came in show.
 */
START_TEST(order_carries_no_day)
{
	static struct sweep after;
	int (*move)(int, int) = _i ? rotate : reverse;

	twins_record(move);  /* the tests after this one read the observations taken before it */
	observe(&after);
	ck_assert_int_eq(after.nq, base.nq);
	for (int q = 0; q < base.nq; q++)
		ck_assert_msg(memcmp(after.text[q], base.text[q], 16) == 0,
		              "%s reads differently with the twins' days %s",
		              base.path[q], _i ? "rotated" : "reversed");
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_birthdate");
	TCase *t = tcase_create("birthdate");

	tcase_add_unchecked_fixture(t, twins_add, twins_remove);
	tcase_add_loop_test(t, no_filter_tells_the_day, 0, 3 * MONTHS);
	tcase_add_loop_test(t, age_is_counted_from_the_month, 0, 3 * MONTHS);
	tcase_add_loop_test(t, order_carries_no_day, 0, 2);
	suite_add_tcase(s, t);
	return s;
}
