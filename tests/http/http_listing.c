/* http_listing.c — /children's totals follow every change at once, and pages past the bound. */
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
/* Each worker answers some of a handful of requests: every one must see the change. */
#define TRIES 6
#define PATH_MAX_LEN 128

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

Suite *suite(void)
{
	Suite *s = suite_create("http_listing");
	TCase *t = tcase_create("listing");

	tcase_add_unchecked_fixture(t, setup, teardown);
	tcase_add_test(t, found_follows_change);
	tcase_add_test(t, last_page_shown);
	tcase_add_test(t, page_past_bound);
	suite_add_tcase(s, t);
	return s;
}
