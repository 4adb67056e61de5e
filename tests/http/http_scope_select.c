/*
 * http_scope_select.c — the back office's region selects by name, within reach: the county filter
 * of the lists and the county of the record form offer the province every county grouped by city,
 * 恩施州 its eight, 巴东县 none (its list is its county); the province filters children by city
 * too; the region forms and the member units group by city; a county or city typed by hand
 * beyond reach is refused; choosing one filters the list.
 */
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "client.h"

#define BADONG  "<option value=\"422823\">巴东县</option>"
#define ENSHI_SHI "<option value=\"422801\">恩施市</option>"
#define WUCHANG "<option value=\"420106\">武昌区</option>"
#define ENSHI_GROUP "<optgroup label=\"恩施土家族苗族自治州\">" ENSHI_SHI
#define ENSHI_ZHOU "<option value=\"422800\">恩施土家族苗族自治州</option>"
#define ENSHI_ZHOU_CHOSEN "<option value=\"422800\" selected>恩施土家族苗族自治州</option>"
#define COUNTY_SELECT "<select name=\"county\">"
#define REFUSED "所选区县不在您的工作范围内"

/* The pages with a county select: five lists' filters (the first LISTS) and the record form. */
static const char *const PAGES[] = { "/admin/children", "/admin/payouts", "/admin/orgs",
                                     "/admin/batches", "/admin/finance", "/admin/children/new" };
#define LISTS 5

/* Whether the page at path, as b, is 200 and holds text. */
static int shows(struct browser *b, const char *path, const char *text)
{
	int shown = 0;

	ck_assert_int_eq(b_status(b, path, NULL, text, &shown), 200);
	return shown;
}

START_TEST(province_sees_every_county_grouped_by_city)
{
	struct browser b;

	ck_assert_int_eq(b_staff(&b, "province"), 303);
	for (size_t i = 0; i < sizeof PAGES / sizeof *PAGES; i++) {
		ck_assert_msg(shows(&b, PAGES[i], ENSHI_GROUP), "%s: no 恩施州 group", PAGES[i]);
		ck_assert_msg(shows(&b, PAGES[i], WUCHANG), "%s: no 武昌区", PAGES[i]);
	}
	/* The list's filter asks for no code any more; the province picks a city too. */
	ck_assert(!shows(&b, "/admin/children", "区县代码"));
	ck_assert(shows(&b, "/admin/children", "<select name=\"city\"><option value=\"\">全部"
	                "</option><option value=\"420100\">武汉市</option>"));
	ck_assert(shows(&b, "/admin/children?city=422800", ENSHI_ZHOU_CHOSEN));
	/* a county outside the city chosen: told, not an empty list */
	b_expect(&b, "/admin/children?city=420100&county=422823", NULL, 400,
	         "所选区县不在所选城市");
	browser_free(&b);
}
END_TEST

START_TEST(city_sees_its_counties_only)
{
	struct browser b;
	char path[64];

	ck_assert_int_eq(b_staff(&b, "enshi"), 303);
	for (size_t i = 0; i < sizeof PAGES / sizeof *PAGES; i++) {
		const char *p = PAGES[i];

		ck_assert_msg(shows(&b, p, BADONG), "%s: no 巴东县", p);
		ck_assert_msg(shows(&b, p, ENSHI_SHI), "%s: no 恩施市", p);
		ck_assert_msg(!shows(&b, p, "420106"), "%s: offers 武昌区", p);
		/* one city: no group around its counties */
		ck_assert_msg(!shows(&b, p, "<optgroup"), "%s: a group for one city", p);
	}
	/* A county beyond reach, typed by hand, is refused on each list, not listed empty. */
	for (size_t i = 0; i < LISTS; i++) {
		snprintf(path, sizeof path, "%s?county=420106", PAGES[i]);
		b_expect(&b, path, NULL, 404, REFUSED);
	}
	/* Its one city is no choice: no city select, and another city is refused. */
	ck_assert(!shows(&b, "/admin/children", "<select name=\"city\">"));
	b_expect(&b, "/admin/children?city=420100", NULL, 404, "所选市州不在您的工作范围内");
	browser_free(&b);
}
END_TEST

START_TEST(forms_offer_regions_grouped_by_city)
{
	struct browser b;

	/* The province's staff form: the province, then each city opening its own group. */
	ck_assert_int_eq(b_staff(&b, "province"), 303);
	ck_assert(shows(&b, "/admin/staff", "<option value=\"420000\">湖北省（省级）</option>"));
	ck_assert(shows(&b, "/admin/staff", "<optgroup label=\"恩施土家族苗族自治州\">" ENSHI_ZHOU
	                ENSHI_SHI));
	ck_assert(!shows(&b, "/admin/staff", "地区代码"));
	ck_assert(shows(&b, "/admin/activities/new", "<optgroup label=\"武汉市\">"));
	/* the offline gift's counties too, the units in a group of their own */
	ck_assert(shows(&b, "/admin/offline", ENSHI_GROUP));
	browser_free(&b);
	/* 恩施州's activity and pool forms: the city, then its counties, nothing beyond. */
	ck_assert_int_eq(b_staff(&b, "enshi"), 303);
	ck_assert(shows(&b, "/admin/activities/new", ENSHI_ZHOU ENSHI_SHI));
	ck_assert(shows(&b, "/admin/pools/new", ENSHI_ZHOU ENSHI_SHI));
	ck_assert(!shows(&b, "/admin/activities/new", "420106"));
	ck_assert(!shows(&b, "/admin/activities/new", "<optgroup"));
	browser_free(&b);
}
END_TEST

/* The member units a form offers, grouped by the city of each unit's region. */
START_TEST(member_units_grouped_by_city)
{
	struct browser b;
	char want[256];
	long long enshi, wuchang;

	enshi = admin_sql_num("SELECT MIN(id) FROM member_units WHERE region_code = '422800'");
	wuchang = admin_sql_num("SELECT MIN(id) FROM member_units WHERE region_code = '420106'");

	/* Any unit may fund a pool: the province's form has them all, by city. */
	ck_assert_int_eq(b_staff(&b, "province"), 303);
	snprintf(want, sizeof want, "<optgroup label=\"恩施土家族苗族自治州\">"
	         "<option value=\"%lld\">", enshi);
	ck_assert_msg(shows(&b, "/admin/pools/new", want), "no 恩施州 group of units");
	browser_free(&b);
	/* An offline gift goes to a unit in reach: 恩施州's, in its group, not 武昌区's. */
	ck_assert_int_eq(b_staff(&b, "enshi"), 303);
	snprintf(want, sizeof want, "<optgroup label=\"会员单位 · 恩施土家族苗族自治州\">"
	         "<option value=\"u%lld\">", enshi);
	ck_assert_msg(shows(&b, "/admin/offline", want), "no group of 恩施州's units");
	snprintf(want, sizeof want, "<option value=\"u%lld\">", wuchang);
	ck_assert(!shows(&b, "/admin/offline", want));
	browser_free(&b);
}
END_TEST

START_TEST(county_has_no_county_select)
{
	struct browser b;

	ck_assert_int_eq(b_staff(&b, "badong"), 303);
	ck_assert(!shows(&b, "/admin/children", COUNTY_SELECT));
	ck_assert(!shows(&b, "/admin/payouts", COUNTY_SELECT));
	ck_assert(!shows(&b, "/admin/finance", COUNTY_SELECT));
	/* The record form's county (its id ties it to its error) is theirs, and only theirs. */
	ck_assert(shows(&b, "/admin/children/new",
	                "<select id=\"f-county\" name=\"county\">" BADONG "</select>"));
	b_expect(&b, "/admin/children?county=422823", NULL, 200, NULL);
	b_expect(&b, "/admin/children?county=422801", NULL, 404, REFUSED);
	browser_free(&b);
}
END_TEST

START_TEST(choosing_a_county_filters_the_list)
{
	struct browser b;
	struct resp r;
	long long all, badong;
	char found[64];

	/* as the list counts them: every child with a day it began to wait */
	all = admin_sql_num("SELECT COUNT(*) FROM children WHERE city_code = '422800' "
	                    "AND waiting_since <= CURDATE()");
	badong = admin_sql_num("SELECT COUNT(*) FROM children WHERE county_code = '422823' "
	                       "AND waiting_since <= CURDATE()");
	ck_assert_int_gt(badong, 0);
	ck_assert_int_gt(all, badong);
	ck_assert_int_eq(b_staff(&b, "enshi"), 303);
	snprintf(found, sizeof found, "共 %lld 个", all);
	ck_assert(shows(&b, "/admin/children?days=0", found));
	b_get(&b, "/admin/children?county=422823&days=0", &r);
	ck_assert_int_eq(r.status, 200);
	snprintf(found, sizeof found, "共 %lld 个", badong);
	ck_assert_msg(body_has(&r, found), "the list does not count 巴东县's %lld", badong);
	/* the choice stays shown */
	ck_assert(body_has(&r, "<option value=\"422823\" selected>巴东县</option>"));
	resp_free(&r);
	browser_free(&b);
	/* The province's city filter counts the city's children. */
	ck_assert_int_eq(b_staff(&b, "province"), 303);
	snprintf(found, sizeof found, "共 %lld 个", all);
	ck_assert(shows(&b, "/admin/children?city=422800&days=0", found));
	browser_free(&b);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("scope_select");
	TCase *t = tcase_create("scope_select");

	tcase_set_timeout(t, 120);
	tcase_add_test(t, province_sees_every_county_grouped_by_city);
	tcase_add_test(t, city_sees_its_counties_only);
	tcase_add_test(t, forms_offer_regions_grouped_by_city);
	tcase_add_test(t, member_units_grouped_by_city);
	tcase_add_test(t, county_has_no_county_select);
	tcase_add_test(t, choosing_a_county_filters_the_list);
	suite_add_tcase(s, t);
	return s;
}
