/*
 * http_listing.c — /children's totals follow every change at once, pages past the bound, and the
 * same cards whichever index a page is read from.
 */
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "client.h"

/* ui-children.c's MAX_PAGES, written apart: the last page the listing shows. */
#define MAX_PAGES 100
/* Children enough for one page past the bound, all in one county and category of their own. */
#define DEEP (MAX_PAGES * LISTING_PER_PAGE + 10)
#define COUNTY "420115"
#define FILTER "/children?county=" COUNTY "&category=rehab"
/* The same category province-wide: its total is the sum of each city's, kept apart. */
#define FILTER_ALL "/children?category=rehab"
/* Each worker answers some of a handful of requests: every one must see the change. */
#define TRIES 6
#define PATH_MAX_LEN 128

static long long listed_rehab(void)
{
	return admin_sql_num("SELECT COUNT(*) FROM children WHERE listed = 1 "
	                     "AND category = 'rehab'");
}

static long long listed_in_filter(void)
{
	return admin_sql_num("SELECT COUNT(*) FROM children WHERE status = 'waiting' AND "
	                     "consent_publish = 1 AND county_code = '" COUNTY "' "
	                     "AND category = 'rehab'");
}

/* DEEP listed children with codes TLD0000001 on, waiting since 2020 (the longest waiting). */
static void setup(void)
{
	admin_sql_okf("DELETE FROM children WHERE code LIKE 'TLD%%'");
	admin_sql_okf("INSERT INTO children (code, alias, gender, birth_date, county_code, "
	              "city_code, category, waiting_since, consent_publish, consent_date, "
	              "pii_real_name, pii_id_number, pii_guardian, id_hash) "
	              "SELECT CONCAT('TLD', LPAD(seq, 7, '0')), '测试·深页', 'f', '2015-06-15', '"
	              COUNTY "', (SELECT county_city FROM regions WHERE code = '" COUNTY "'), "
	              "'rehab', '2020-01-01', 1, '2024-01-01', '', '', '', "
	              "UNHEX(SHA2(CONCAT('http_listing ', seq), 256)) FROM seq_1_to_%d", DEEP);
}

static void teardown(void)
{
	admin_sql_okf("DELETE FROM children WHERE code LIKE 'TLD%%'");
}

static void get_ok(const char *path, struct resp *r)
{
	ck_assert_msg(http_get(path, r) == 0, "no response for %s", path);
	ck_assert_msg(r->status == 200, "%s: status %ld", path, r->status);
}

/* Every one of TRIES requests for path finds want children. */
static void expect_found(const char *path, long long want)
{
	struct resp r;

	for (int i = 0; i < TRIES; i++) {
		get_ok(path, &r);
		ck_assert_msg(listing_found(&r) == want, "%s: found %lld, want %lld", path,
		              listing_found(&r), want);
		resp_free(&r);
	}
}

/*
 * A child unlisted and listed again shows in the total on the very next request from every
 * worker, on the first page and a later one alike, though both counted the filter before.
 */
START_TEST(found_follows_change)
{
	long long n = listed_in_filter();

	ck_assert_int_ge(n, DEEP);
	expect_found(FILTER, n);
	expect_found(FILTER "&page=2", n);
	admin_sql_okf("UPDATE children SET consent_publish = 0 WHERE code = 'TLD0000007'");
	expect_found(FILTER, n - 1);
	expect_found(FILTER "&page=2", n - 1);
	admin_sql_okf("UPDATE children SET status = 'held' WHERE code = 'TLD0000008'");
	expect_found(FILTER, n - 2);
	admin_sql_okf("UPDATE children SET consent_publish = 1, status = 'waiting' "
	              "WHERE code IN ('TLD0000007', 'TLD0000008')");
	expect_found(FILTER, n);
	expect_found(FILTER "&page=2", n);
}
END_TEST

/*
 * A filter without a region, whose total is summed from its cities' (each under its own city's
 * stamp), follows a change in one city and then in another on every worker's next request.
 */
START_TEST(province_total_follows_change)
{
	char other[16];
	long long n = listed_rehab();

	snprintf(other, sizeof other, "%s",
	         admin_sql_line("SELECT code FROM children WHERE listed = 1 AND category = 'rehab' "
	                        "AND city_code <> (SELECT county_city FROM regions WHERE code = '"
	                        COUNTY "') ORDER BY code LIMIT 1"));
	ck_assert_msg(other[0], "no listed rehab child outside " COUNTY "'s city");
	expect_found(FILTER_ALL, n);
	expect_found(FILTER_ALL "&page=2", n);
	admin_sql_okf("UPDATE children SET consent_publish = 0 WHERE code = 'TLD0000009'");
	expect_found(FILTER_ALL, n - 1);
	admin_sql_okf("UPDATE children SET consent_publish = 0 WHERE code = '%s'", other);
	expect_found(FILTER_ALL, n - 2);
	expect_found(FILTER_ALL "&page=2", n - 2);
	admin_sql_okf("UPDATE children SET consent_publish = 1 WHERE code IN ('TLD0000009', '%s')",
	              other);
	expect_found(FILTER_ALL, n);
}
END_TEST

/* The last page shown is an ordinary page: its cards, and no link further on. */
START_TEST(last_page_shown)
{
	char path[PATH_MAX_LEN];
	struct resp r;
	struct listing l;

	snprintf(path, sizeof path, FILTER "&page=%d", MAX_PAGES);
	get_ok(path, &r);
	ck_assert_int_eq(listing_read(&r, &l), 0);
	ck_assert_msg(l.n == LISTING_PER_PAGE, "%s: %d cards", path, l.n);
	ck_assert_msg(body_has(&r, "第 100 / 100 页"), "%s: not page 100 of 100", path);
	ck_assert_msg(!body_has(&r, "rel=\"next\""), "%s: a link past the last page shown", path);
	ck_assert_msg(body_has(&r, "rel=\"prev\""), "%s: no link back", path);
	resp_free(&r);
}
END_TEST

/*
 * A page past the bound but within the total says why it shows no cards, keeps the filters in
 * the form and the total, and links to the last page shown with the same filters.
 */
START_TEST(page_past_bound)
{
	char path[PATH_MAX_LEN];
	struct resp r;

	snprintf(path, sizeof path, FILTER "&page=%d", MAX_PAGES + 1);
	get_ok(path, &r);
	ck_assert_msg(!body_has(&r, "class=\"card\""), "%s: cards past the bound", path);
	ck_assert_msg(body_has(&r, "只显示前 100 页，请用筛选条件缩小范围"), "%s: no note", path);
	ck_assert_msg(listing_found(&r) == listed_in_filter(), "%s: found %lld", path,
	              listing_found(&r));
	ck_assert_msg(body_has(&r, "value=\"" COUNTY "\" selected") &&
	              body_has(&r, "value=\"rehab\" selected"), "%s: filters not kept", path);
	ck_assert_msg(body_has(&r, "/children?county=" COUNTY "&amp;category=rehab&amp;page=100\""),
	              "%s: no link to page 100 with the filters", path);
	ck_assert_msg(!body_has(&r, "class=\"pager\""), "%s: a pager past the bound", path);
	resp_free(&r);
}
END_TEST

/*
 * A filter set as the listing takes it, and as SQL says it apart from the app's own conditions:
 * the age as a card shows it, the orders as the listing names them.
 */
static const struct {
	const char *query, *where, *order;
} sets[] = {
	/* the DEEP children wait longest: an age they lack is read past them, then by its range */
	{ "age_min=0&age_max=2", "TIMESTAMPDIFF(YEAR, birth_ym, CURDATE()) BETWEEN 0 AND 2",
	  "public_since, code" },
	{ "age_min=4&age_max=5", "TIMESTAMPDIFF(YEAR, birth_ym, CURDATE()) BETWEEN 4 AND 5",
	  "public_since, code" },
	{ "age_min=12&age_max=17&sort=newest", "TIMESTAMPDIFF(YEAR, birth_ym, CURDATE()) "
	  "BETWEEN 12 AND 17", "public_since DESC, code DESC" },
	{ "city=421100&sort=age", "city_code = '421100'", "birth_ym DESC, code DESC" },
	/* a county, from its city's index: the DEEP children and the others of its city */
	{ "county=" COUNTY "&sort=newest", "county_code = '" COUNTY "'",
	  "public_since DESC, code DESC" },
	{ "birth_month=4&sort=newest", "birth_month = 4",
	  "public_since DESC, code DESC" },
	{ "city=421100&age_min=2&sort=age", "city_code = '421100' AND "
	  "TIMESTAMPDIFF(YEAR, birth_ym, CURDATE()) >= 2", "birth_ym DESC, code DESC" },
	/* FILTER and FILTER_ALL, in the order they are read in: the DEEP children first */
#define SET_FILTER 7
	{ "county=" COUNTY "&category=rehab", "county_code = '" COUNTY "' AND category = 'rehab'",
	  "public_since, code" },
#define SET_FILTER_ALL 8
	{ "category=rehab", "category = 'rehab'", "public_since, code" },
	/* the youngest wait least: read in order from where their age puts them, or sorted */
	{ "age_max=1", "TIMESTAMPDIFF(YEAR, birth_ym, CURDATE()) <= 1", "public_since, code" },
	{ "age_min=1&age_max=2&sort=waiting", "TIMESTAMPDIFF(YEAR, birth_ym, CURDATE()) "
	  "BETWEEN 1 AND 2", "public_since, code" },
	{ "age_min=15&age_max=17", "TIMESTAMPDIFF(YEAR, birth_ym, CURDATE()) BETWEEN 15 AND 17",
	  "public_since, code" },
};

/* The codes page holds for set i, as SQL lists them. */
static const char *codes_by_sql(int i, long long page)
{
	return admin_sql_line("SELECT IFNULL(GROUP_CONCAT(code ORDER BY n SEPARATOR ','), '') FROM "
	                      "(SELECT code, ROW_NUMBER() OVER (ORDER BY %s) AS n FROM children "
	                      "WHERE listed = 1 AND %s) AS t WHERE n > %lld AND n <= %lld",
	                      sets[i].order, sets[i].where, (page - 1) * LISTING_PER_PAGE,
	                      page * LISTING_PER_PAGE);
}

/*
 * The first two pages and the last shown of each filter set hold the cards SQL finds, in its order:
 * pages read in order, cut short and read again from the filter's index, or read from the
 * filter's at once (a last page, or a page past one that came back short before) alike.
 */
/* Page page of set i shows found and the cards SQL lists there. */
static void check_page(int i, long long page, long long found)
{
	char path[PATH_MAX_LEN];
	struct resp r;
	struct listing l;

	snprintf(path, sizeof path, "/children?%s&page=%lld", sets[i].query, page);
	get_ok(path, &r);
	ck_assert_int_eq(listing_read(&r, &l), 0);
	ck_assert_msg(l.found == found, "%s: found %lld, want %lld", path, l.found, found);
	ck_assert_str_eq(l.codes, codes_by_sql(i, page));
	resp_free(&r);
}

/*
 * Pages no worker has kept, of filters whose total every worker counted before a child was
 * unlisted: each shows the new total and the cards SQL finds after the change. Such a page is
 * read before its total is known (the stamp in the page's statement); the total kept under the
 * old stamp must be counted again, not taken.
 */
START_TEST(unseen_pages_follow_change)
{
	const int set[] = { SET_FILTER, SET_FILTER_ALL };
	long long n[2];
	char path[PATH_MAX_LEN];

	for (int k = 0; k < 2; k++) {
		n[k] = admin_sql_numf("SELECT COUNT(*) FROM children WHERE listed = 1 AND %s",
		                      sets[set[k]].where);
		snprintf(path, sizeof path, "/children?%s", sets[set[k]].query);
		expect_found(path, n[k]);
	}
	admin_sql_okf("UPDATE children SET consent_publish = 0 WHERE code = 'TLD0000001'");
	/* pages 3 on: no other test here asks for them first */
	for (int k = 0; k < 2; k++)
		for (int page = 3; page < 3 + TRIES; page++)
			check_page(set[k], page, n[k] - 1);
	admin_sql_okf("UPDATE children SET consent_publish = 1 WHERE code = 'TLD0000001'");
}
END_TEST

START_TEST(pages_hold_their_cards)
{
	for (int i = 0; i < (int)(sizeof sets / sizeof sets[0]); i++) {
		long long found = admin_sql_numf("SELECT COUNT(*) FROM children WHERE listed = 1 "
		                                 "AND %s", sets[i].where);
		long long last = (found + LISTING_PER_PAGE - 1) / LISTING_PER_PAGE;
		long long pages[] = { 1, 2, last < MAX_PAGES ? last : MAX_PAGES, 2, 1 };

		ck_assert_msg(last >= 2, "%s: %lld pages", sets[i].query, last);
		for (int k = 0; k < (int)(sizeof pages / sizeof pages[0]); k++)
			check_page(i, pages[k], found);
	}
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_listing");
	TCase *t = tcase_create("listing");

	tcase_add_unchecked_fixture(t, setup, teardown);
	tcase_add_test(t, found_follows_change);
	tcase_add_test(t, province_total_follows_change);
	tcase_add_test(t, last_page_shown);
	tcase_add_test(t, page_past_bound);
	tcase_add_test(t, unseen_pages_follow_change);
	tcase_add_test(t, pages_hold_their_cards);
	suite_add_tcase(s, t);
	return s;
}
