/*
 * http_textsize.c — the large-text mode (大字模式, cgi/textsize.h): every page has the switch,
 * which returns to the same page with its filters; the choice is kept in a cookie and shows on
 * public and back-office pages alike; the page cache keeps the two modes apart; the way back
 * never carries a secret (a receipt's code); a bad size or a way back off the site is refused
 * and sets nothing.
 */
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "client.h"

#define LARGE "<html lang=\"zh-CN\" class=\"large\">"
#define NORMAL "<html lang=\"zh-CN\">"

static char city[8];

static void setup(void)
{
	snprintf(city, sizeof city, "%s",
	         admin_sql_line("SELECT city_code FROM children WHERE listed = 1 "
	                        "GROUP BY city_code ORDER BY COUNT(*) DESC LIMIT 1"));
}

/* GET path in browser b: 200, and in the large mode or not. */
static void expect_mode(struct browser *b, const char *path, int large, const char *who)
{
	struct resp r;

	ck_assert_int_eq(b_get(b, path, &r), 0);
	ck_assert_msg(r.status == 200, "%s %s: status %ld", who, path, r.status);
	ck_assert_msg(body_has(&r, large ? LARGE : NORMAL), "%s %s: not in the %s mode", who, path,
	              large ? "large" : "normal");
	ck_assert_msg(body_has(&r, large ? ">标准字号</a>" : ">大字模式</a>"),
	              "%s %s: no switch to the other mode", who, path);
	resp_free(&r);
}

/* The switch on a page links to /text with the page itself (filters and all) as the way back. */
START_TEST(switch_returns_to_the_same_page)
{
	char path[96], link[256], want[128];
	struct browser b;
	struct resp r;

	snprintf(path, sizeof path, "/children?city=%s&sort=age", city);
	snprintf(link, sizeof link,
	         "href=\"/text?size=large&amp;back=%%2Fchildren%%3Fcity%%3D%s%%26sort%%3Dage\"",
	         city);
	browser_init(&b);
	ck_assert_int_eq(b_get(&b, path, &r), 0);
	ck_assert_msg(body_has(&r, link), "the switch does not lead back here: %s", link);
	resp_free(&r);

	snprintf(link, sizeof link,
	         "/text?size=large&back=%%2Fchildren%%3Fcity%%3D%s%%26sort%%3Dage", city);
	ck_assert_int_eq(b_get(&b, link, &r), 0);
	ck_assert_int_eq(r.status, 303);
	snprintf(want, sizeof want, "/children?city=%s&sort=age", city);
	ck_assert_str_eq(resp_location(&r, link, sizeof link), want);
	ck_assert(resp_has_header(&r, "Set-Cookie", "tx_text=large; Path=/; Max-Age=31536000; "
	                          "HttpOnly; SameSite=Lax"));
	resp_free(&r);
	expect_mode(&b, path, 1, "after the switch");
	expect_mode(&b, "/", 1, "the next page");

	ck_assert_int_eq(b_get(&b, "/text?size=normal&back=/", &r), 0);
	ck_assert_int_eq(r.status, 303);
	ck_assert(resp_has_header(&r, "Set-Cookie", "tx_text=; Path=/; Max-Age=0; HttpOnly; "
	                          "SameSite=Lax"));
	resp_free(&r);
	expect_mode(&b, path, 0, "switched back");
	browser_free(&b);
}
END_TEST

/* A cached page is kept once per mode: neither visitor gets the other's. */
START_TEST(page_cache_keeps_modes_apart)
{
	char path[64];
	struct browser plain, large;
	struct resp r;

	snprintf(path, sizeof path, "/children?city=%s&page=2", city);
	browser_init(&plain);
	browser_init(&large);
	ck_assert_int_eq(b_get(&large, "/text?size=large", &r), 0);
	ck_assert_int_eq(r.status, 303);
	resp_free(&r);
	/* Each twice, alternating, so that each would find the other's copy if they shared one. */
	for (int i = 0; i < 2; i++) {
		expect_mode(&large, path, 1, "large");
		expect_mode(&plain, path, 0, "plain");
	}
	browser_free(&plain);
	browser_free(&large);
}
END_TEST

START_TEST(back_office_too)
{
	struct browser b;
	struct resp r;

	ck_assert_int_eq(b_staff(&b, "province"), 303);  /* b_staff starts the browser */
	expect_mode(&b, "/admin/children", 0, "staff");
	ck_assert_int_eq(b_get(&b, "/text?size=large&back=/admin/children", &r), 0);
	ck_assert_int_eq(r.status, 303);
	resp_free(&r);
	expect_mode(&b, "/admin/children", 1, "staff");
	browser_free(&b);
}
END_TEST

/* A receipt's page: its switch leads back to the receipt's path, without the code. */
START_TEST(way_back_keeps_no_secret)
{
	char order[32], path[128], receipt[160], *p, *q;
	struct browser b;
	struct resp r;

	browser_init(&b);
	ck_assert_int_eq(b_give(&b, "/donate", "/donate", "target=all&amount=100", order), 303);
	snprintf(path, sizeof path, "/pay/return/%s", order);
	ck_assert_int_eq(b_get(&b, path, &r), 0);
	ck_assert_msg((p = strstr(r.body, "href=\"/receipts/")) != NULL, "no receipt link");
	p += 6;
	q = strchr(p, '"');
	snprintf(receipt, sizeof receipt, "%.*s", (int)(q - p), p);
	resp_free(&r);
	ck_assert_msg((q = strstr(receipt, "?code=")) != NULL, "no code in %s", receipt);
	ck_assert_int_eq(b_get(&b, receipt, &r), 0);
	ck_assert_int_eq(r.status, 200);
	*q = '\0';
	ck_assert_msg((p = strstr(r.body, "<a class=\"textsize\" href=\"")) != NULL, "no switch");
	snprintf(path, sizeof path, "%.*s", (int)strcspn(p, ">"), p);
	ck_assert_msg(strstr(path, "&amp;back=%2Freceipts%2F") && !strstr(path, "code"),
	              "the switch does not lead back to the receipt without its code: %s", path);
	resp_free(&r);
	browser_free(&b);
}
END_TEST

/*
 * A reset link's page, whole or mistyped (an error page): its switch leads home, never to the
 * link with its token.
 */
START_TEST(way_back_never_holds_a_token)
{
	static const char *const tokens[] = {
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		"0123456789abcdef0123456789abcdef0123456789abcdef012345",
	};
	char path[128];
	struct resp r;

	for (size_t i = 0; i < sizeof tokens / sizeof *tokens; i++) {
		snprintf(path, sizeof path, "/reset/%s", tokens[i]);
		ck_assert_int_eq(http_get(path, &r), 0);
		ck_assert_msg(body_has(&r, "<a class=\"textsize\" "
		                       "href=\"/text?size=large&amp;back=%2F\">"),
		              "the switch on %s (%ld) does not lead home", path, r.status);
		resp_free(&r);
	}
}
END_TEST

START_TEST(bad_input_sets_nothing)
{
	static const char *const bad[] = {
		"/text?size=huge", "/text", "/text?size=large&back=//evil.example/",
		"/text?size=large&back=https://evil.example/", "/text?size=large&back=%5C%5Cevil",
	};
	struct resp r;

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		ck_assert_int_eq(http_get(bad[i], &r), 0);
		ck_assert_msg(r.status == 400, "%s: status %ld", bad[i], r.status);
		ck_assert_msg(!strstr(r.headers, "tx_text"), "%s set a cookie", bad[i]);
		resp_free(&r);
	}
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_textsize");
	TCase *t = tcase_create("textsize");

	tcase_add_unchecked_fixture(t, setup, NULL);
	tcase_add_test(t, switch_returns_to_the_same_page);
	tcase_add_test(t, page_cache_keeps_modes_apart);
	tcase_add_test(t, back_office_too);
	tcase_add_test(t, way_back_keeps_no_secret);
	tcase_add_test(t, way_back_never_holds_a_token);
	tcase_add_test(t, bad_input_sets_nothing);
	suite_add_tcase(s, t);
	return s;
}
