/*
 * http_directed.c — directed gifts (定向捐赠): a gift to a county through /donate is recorded with
 * its target, shows on that county's /admin/directed (and its city's, and the province's) but not
 * another county's, and counts under its city in the finance disclosure's table and CSV; a gift
 * to a member unit that signed; a bad target (unknown, unsigned, the province) is refused with no
 * order made.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "client.h"
#include "money.h"

/* The test's gifts: their amounts, and a county staff member of 利川市 (恩施州, like 巴东县). */
#define TO_COUNTY "77.77"
#define TO_UNIT   "66.66"
#define MINE_FEN  "(7777, 6666)"
#define LICHUAN   "t-dir-lichuan"
#define ENSHI_NAME "恩施土家族苗族自治州"

static void cleanup(void)
{
	admin_sql_okf("SET @d = (SELECT GROUP_CONCAT(id) FROM donations WHERE purpose = 'directed' "
	              "AND provider = 'sandbox' AND amount_fen IN " MINE_FEN ");"
	              "DELETE FROM donations WHERE FIND_IN_SET(match_of, @d);"
	              "DELETE FROM donations WHERE FIND_IN_SET(id, @d);"
	              "DELETE FROM pay_orders WHERE purpose = 'directed' AND amount_fen IN " MINE_FEN ";"
	              "DELETE FROM donations WHERE provider = 'test-directed';");
	admin_sql("DELETE FROM staff WHERE username = '" LICHUAN "'", NULL);
}

static void add_staff(void)
{
	cleanup();
	admin_sql_okf("INSERT INTO staff (username, pw_hash, display_name, role, region_code) "
	              "SELECT '" LICHUAN "', pw_hash, '利川测试', 'county', '422802' FROM staff "
	              "WHERE username = 'badong'");
}

/* Year's directed gifts counted under city, as the disclosure counts them. */
static long long directed_in_city(const char *city)
{
	return admin_sql_numf("SELECT COALESCE(SUM(d.amount_fen), 0) FROM donations d "
	                      "LEFT JOIN member_units u ON u.id = d.target_unit JOIN regions r "
	                      "ON r.code = COALESCE(d.target_region, u.region_code) "
	                      "WHERE d.purpose = 'directed' AND d.status = 'paid' AND d.refund_due = 0 "
	                      "AND d.channel <> 'match' AND YEAR(d.paid_at) = YEAR(NOW()) "
	                      "AND COALESCE(r.city_code, r.code) = '%s'", city);
}

/* Whether staff member username's /admin/directed shows text. */
static int staff_sees(const char *username, const char *text)
{
	struct browser b;
	int shown = 0;

	ck_assert_int_eq(b_staff(&b, username), 303);
	ck_assert_int_eq(b_status(&b, "/admin/directed", NULL, text, &shown), 200);
	browser_free(&b);
	return shown;
}

START_TEST(to_a_county)
{
	struct browser guest;
	struct resp r;
	char order[32], money[40], want[160], path[64];
	long long year = admin_sql_num("SELECT YEAR(NOW())");
	int shown;

	add_staff();
	browser_init(&guest);
	ck_assert_int_eq(b_status(&guest, "/donate", NULL, "value=\"422823\"", &shown), 200);
	ck_assert(shown);
	ck_assert_int_eq(b_give(&guest, "/donate", "/donate", "target=422823&amount_other=" TO_COUNTY,
	                        order), 303);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM donations d JOIN pay_orders o ON "
	                                "o.id = d.order_id WHERE o.order_no = '%s' AND d.status = 'paid' "
	                                "AND d.purpose = 'directed' AND d.target_region = '422823' AND "
	                                "d.target_unit IS NULL AND d.amount_fen = 7777", order), 1);
	browser_free(&guest);
	/* its county, city and the province see it; another county does not */
	ck_assert(staff_sees("badong", TO_COUNTY));
	ck_assert(staff_sees("enshi", TO_COUNTY));
	ck_assert(staff_sees("province", TO_COUNTY));
	ck_assert(!staff_sees(LICHUAN, TO_COUNTY));
	/* the disclosure counts it under 恩施州, on the page and in the CSV */
	snprintf(path, sizeof path, "/disclosure/finance?year=%lld", year);
	money_format(directed_in_city("422800"), money, sizeof money);
	ck_assert_int_ge(directed_in_city("422800"), 7777);
	snprintf(want, sizeof want, "| " ENSHI_NAME " | %s |", money);
	ck_assert_int_eq(http_get(path, &r), 0);
	ck_assert_msg(r.status == 200 && cells_has(&r, want), "%s does not show %s", path, want);
	resp_free(&r);
	ck_assert_int_eq(b_status(NULL, path, NULL, "定向捐赠（按地区）", &shown), 200);
	ck_assert(shown);
	snprintf(path, sizeof path, "/disclosure/finance.csv?year=%lld", year);
	money_plain(directed_in_city("422800"), money, sizeof money);
	snprintf(want, sizeof want, "\r\n\"" ENSHI_NAME "\",\"%s\"\r\n", money);
	ck_assert_int_eq(b_status(NULL, path, NULL, want, &shown), 200);
	ck_assert_msg(shown, "%s does not hold %s", path, want);
	cleanup();
}
END_TEST

START_TEST(to_a_unit_and_bad_targets)
{
	struct browser guest;
	long long signed_unit = admin_sql_num("SELECT MIN(id) FROM member_units "
	                                      "WHERE agreement_signed = 1");
	long long unsigned_unit = admin_sql_num("SELECT COALESCE(MIN(id), 99999999) FROM member_units "
	                                        "WHERE agreement_signed = 0");
	long long orders;
	char form[96], order[32];

	cleanup();
	orders = admin_sql_num("SELECT COUNT(*) FROM pay_orders");
	browser_init(&guest);
	snprintf(form, sizeof form, "target=u%lld&amount_other=" TO_UNIT, signed_unit);
	ck_assert_int_eq(b_give(&guest, "/donate", "/donate", form, order), 303);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM donations d JOIN pay_orders o ON "
	                                "o.id = d.order_id WHERE o.order_no = '%s' AND d.purpose = "
	                                "'directed' AND d.target_unit = %lld AND d.target_region IS NULL",
	                                order, signed_unit), 1);
	orders++;
	snprintf(form, sizeof form, "target=u%lld&amount_other=" TO_UNIT, unsigned_unit);
	ck_assert_int_eq(b_give(&guest, "/donate", "/donate", form, NULL), 400);
	ck_assert_int_eq(b_give(&guest, "/donate", "/donate", "target=u99999999&amount=100", NULL), 400);
	ck_assert_int_eq(b_give(&guest, "/donate", "/donate", "target=999999&amount=100", NULL), 400);
	ck_assert_int_eq(b_give(&guest, "/donate", "/donate", "target=420000&amount=100", NULL), 400);
	ck_assert_int_eq(b_give(&guest, "/donate", "/donate", "target=everyone&amount=100", NULL), 400);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM pay_orders"), orders);
	browser_free(&guest);
	cleanup();
}
END_TEST

/* A page of 50 gifts at a time, newest first, the next page linked while there is one. */
START_TEST(paged)
{
	struct browser b;
	int shown;

	cleanup();
	admin_sql_okf("INSERT INTO donations (amount_fen, status, purpose, paid_at, provider, "
	              "target_region, receipt_year, receipt_seq, receipt_code) SELECT 5500 + seq, 'paid', "
	              "'directed', NOW() + INTERVAL seq SECOND, 'test-directed', '422823', 1997, seq, "
	              "'DIRECTEDDIRECTED' FROM seq_1_to_51");
	ck_assert_int_eq(b_staff(&b, "badong"), 303);
	ck_assert_int_eq(b_status(&b, "/admin/directed", NULL, "55.51", &shown), 200);
	ck_assert(shown);
	ck_assert_int_eq(b_status(&b, "/admin/directed", NULL, "55.01<", &shown), 200);
	ck_assert(!shown);
	ck_assert_int_eq(b_status(&b, "/admin/directed", NULL, "?page=2", &shown), 200);
	ck_assert(shown);
	ck_assert_int_eq(b_status(&b, "/admin/directed?page=2", NULL, "55.01<", &shown), 200);
	ck_assert(shown);
	ck_assert_int_eq(b_status(&b, "/admin/directed?page=2", NULL, "?page=1", &shown), 200);
	ck_assert(shown);
	browser_free(&b);
	cleanup();
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("directed");
	TCase *t = tcase_create("directed");

	tcase_set_timeout(t, 120);
	tcase_add_test(t, to_a_county);
	tcase_add_test(t, to_a_unit_and_bad_targets);
	tcase_add_test(t, paged);
	tcase_add_unchecked_fixture(t, NULL, cleanup);
	suite_add_tcase(s, t);
	return s;
}
