/*
 * http_home_counts.c — the home page's children and visits figures and the listing's total, read
 * from kept rows (sql/040's county_counts, sql/044's public_counts, sql/051's listed_months), equal
 * a full recount after each change that moves them: a child listed, its consent withdrawn and
 * given again, its birth date moved, moved to another city, held, one paired in a city no child
 * was paired in, a visit approved and removed, children deleted; and public_counts_rebuild()
 * gives the same figures.
 */
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "client.h"

#define LISTED "TPC0000001"
#define PAIRED "TPC0000002"
#define STORY  "（虚构）首页计数测试用的故事。"

/* A county of a city where no child is paired (so that pairing one moves both figures). */
static char county[8];

static void remove_fixtures(void)
{
	admin_sql_okf("DELETE FROM visits WHERE form_key = UNHEX(MD5('http_home_counts'))");
	fixture_delete(LISTED);
	fixture_delete(PAIRED);
}

static void setup(void)
{
	remove_fixtures();
	snprintf(county, sizeof county, "%s",
	         admin_sql_line("SELECT r.code FROM regions r WHERE r.county_city IS NOT NULL AND "
	                        "r.county_city NOT IN (SELECT city_code FROM children "
	                        "WHERE status = 'paired') ORDER BY r.code LIMIT 1"));
}

/* The figure labelled label on the home page equals what sql counts. */
static void expect_figure(const struct resp *home, const char *label, const char *sql,
                          const char *when)
{
	long long want = admin_sql_num(sql), got = resp_figure(home, label);

	ck_assert_msg(got == want, "%s: home shows %lld %s, a recount %lld", when, got, label,
	              want);
}

/* The listing's total for query equals a recount of the listed children where sql holds. */
static void expect_listing(const char *query, const char *sql, const char *when)
{
	char path[128];
	struct resp r;

	snprintf(path, sizeof path, "/children?%s", query);
	ck_assert_int_eq(http_get(path, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_msg(listing_found(&r) ==
	              admin_sql_numf("SELECT COUNT(*) FROM children WHERE listed = 1 AND %s", sql),
	              "%s: %s finds %lld", when, path, listing_found(&r));
	resp_free(&r);
}

/*
 * listed_months (sql/051) row for row against a recount, and the totals read from it (an age
 * range, a city, both) as the listing shows them. The fixture's city, and ages 10 and 11: its
 * birth dates below.
 */
static void expect_months(const char *when)
{
	char city[16], q[64], where[96];

	ck_assert_msg(admin_sql_num("SELECT COUNT(*) FROM listed_months m WHERE m.n <> "
	                            "(SELECT COUNT(*) FROM children c WHERE c.listed = 1 AND "
	                            "c.city_code = m.city_code AND c.birth_ym = m.birth_ym)") == 0 &&
	              admin_sql_num("SELECT COUNT(*) FROM children c WHERE c.listed = 1 AND "
	                            "NOT EXISTS (SELECT 1 FROM listed_months m WHERE "
	                            "m.city_code = c.city_code AND m.birth_ym = c.birth_ym)") == 0,
	              "%s: listed_months differs from a recount", when);
	snprintf(city, sizeof city, "%s", admin_sql_line("SELECT county_city FROM regions "
	                                                  "WHERE code = '%s'", county));
	expect_listing("age_min=10&age_max=11",
	               "TIMESTAMPDIFF(YEAR, birth_ym, CURDATE()) BETWEEN 10 AND 11", when);
	snprintf(q, sizeof q, "city=%s", city);
	snprintf(where, sizeof where, "city_code = '%s'", city);
	expect_listing(q, where, when);
	snprintf(q, sizeof q, "city=%s&age_max=10", city);
	snprintf(where, sizeof where, "city_code = '%s' AND "
	         "TIMESTAMPDIFF(YEAR, birth_ym, CURDATE()) <= 10", city);
	expect_listing(q, where, when);
}

/* Home's figures and the listing's total, each against a recount from the rows themselves. */
static void expect_recount(const char *when)
{
	struct resp r;

	ck_assert_int_eq(http_get("/", &r), 0);
	ck_assert_int_eq(r.status, 200);
	expect_figure(&r, "已结对儿童", "SELECT COUNT(*) FROM children WHERE status = 'paired'",
	              when);
	expect_figure(&r, "等待结对", "SELECT COUNT(*) FROM children WHERE listed = 1", when);
	expect_figure(&r, "覆盖市州", "SELECT COUNT(DISTINCT city_code) FROM children "
	              "WHERE status = 'paired'", when);
	expect_figure(&r, "覆盖区县", "SELECT COUNT(DISTINCT county_code) FROM children "
	              "WHERE status = 'paired'", when);
	expect_figure(&r, "探访次数", "SELECT COUNT(*) FROM visits WHERE state = 'approved'", when);
	resp_free(&r);
	ck_assert_int_eq(http_get("/children", &r), 0);
	ck_assert_msg(listing_found(&r) ==
	              admin_sql_num("SELECT COUNT(*) FROM children WHERE listed = 1"),
	              "%s: /children finds %lld", when, listing_found(&r));
	resp_free(&r);
	expect_months(when);
}

static void insert_child(const char *code, const char *status)
{
	struct fixture_child ch = {
		.code = code, .alias = "计数", .gender = "f", .birth = "2016-03-10",
		.county = county, .category = "deceased", .story = STORY, .status = status,
		.consent = 1, .real_name = "测试", .id_number = code, .guardian = "测试监护人",
	};

	ck_assert_int_eq(fixture_insert(&ch), 0);
}

START_TEST(children_figures_follow)
{
	ck_assert_msg(county[0], "every city has a paired child");
	expect_recount("before");
	insert_child(LISTED, "waiting");
	expect_recount("a child listed");
	admin_sql_okf("UPDATE children SET consent_publish = 0 WHERE code = '%s'", LISTED);
	expect_recount("its consent withdrawn");
	admin_sql_okf("UPDATE children SET consent_publish = 1 WHERE code = '%s'", LISTED);
	expect_recount("consent given again");
	admin_sql_okf("UPDATE children SET birth_date = birth_date - INTERVAL 1 YEAR "
	              "WHERE code = '%s'", LISTED);
	expect_recount("its birth date a year earlier");
	admin_sql_okf("UPDATE children c JOIN regions r ON r.county_city IS NOT NULL AND "
	              "r.county_city <> c.city_code SET c.county_code = r.code, "
	              "c.city_code = r.county_city WHERE c.code = '%s'", LISTED);
	expect_recount("moved to another city");
	admin_sql_okf("UPDATE children SET status = 'held' WHERE code = '%s'", LISTED);
	expect_recount("held");
	insert_child(PAIRED, "paired");
	expect_recount("a child paired in a city without one");
	fixture_delete(PAIRED);
	fixture_delete(LISTED);
	expect_recount("both deleted");
}
END_TEST

/* A copy of an approved visit, submitted, then approved, then removed. */
START_TEST(visits_figure_follows)
{
	admin_sql_okf("INSERT INTO visits (child_id, sponsorship_id, author_id, state, visited_on, "
	              "kind, care, summary, form_key, submitted_at) "
	              "SELECT child_id, sponsorship_id, author_id, 'submitted', visited_on, kind, "
	              "care, summary, UNHEX(MD5('http_home_counts')), NOW() FROM visits "
	              "WHERE state = 'approved' ORDER BY id LIMIT 1");
	expect_recount("a visit submitted");
	admin_sql_okf("UPDATE visits SET state = 'approved', reviewed_by = author_id, "
	              "reviewed_at = NOW() WHERE form_key = UNHEX(MD5('http_home_counts'))");
	expect_recount("a visit approved");
	remove_fixtures();
	expect_recount("an approved visit removed");
}
END_TEST

/* Rebuilt from scratch, kept rows gone wrong give the same figures as a recount again. */
START_TEST(rebuild_agrees)
{
	admin_sql_okf("UPDATE public_counts SET listed = listed + 3 WHERE slot = 2");
	admin_sql_okf("UPDATE listed_months SET n = n + 3 ORDER BY city_code, birth_ym LIMIT 1");
	admin_sql_okf("CALL public_counts_rebuild()");
	expect_recount("rebuilt");
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM public_counts"), 16);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_home_counts");
	TCase *t = tcase_create("home_counts");

	tcase_add_unchecked_fixture(t, setup, remove_fixtures);
	tcase_add_test(t, children_figures_follow);
	tcase_add_test(t, visits_figure_follows);
	tcase_add_test(t, rebuild_agrees);
	suite_add_tcase(s, t);
	return s;
}
