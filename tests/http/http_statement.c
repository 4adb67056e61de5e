/* http_statement.c — a donor's statement of a year: its gifts, their receipts, the total. */
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "client.h"

#define LOGIN "statement@example.com"
#define PW "statement-pw"
#define NAME "statement-donor"
#define URL_MAX 256
#define ORDER_PATH "/pay/sandbox/"

/* The path of the first link on a page of b's that starts with prefix, into out. */
static void link_on(struct browser *b, const char *page, const char *prefix, char *out, size_t n)
{
	struct resp r;
	char href[URL_MAX];
	const char *at;

	snprintf(href, sizeof href, "href=\"%s", prefix);
	b_get(b, page, &r);
	ck_assert_int_eq(r.status, 200);
	at = strstr(r.body, href);
	ck_assert_msg(at != NULL, "%s: no link to %s", page, prefix);
	at += strlen("href=\"");
	snprintf(out, n, "%.*s", (int)strcspn(at, "\""), at);
	resp_free(&r);
}

/* A gift of 52.50 yuan from b, paid on the sandbox's page. */
static void give(struct browser *b)
{
	struct resp r;
	char loc[URL_MAX], pay[URL_MAX + sizeof "/pay"];

	b_get(b, "/donate", &r);
	resp_free(&r);
	b_post(b, "/donate", "amount_other=52.50", &r);
	ck_assert_int_eq(r.status, 303);
	resp_location(&r, loc, sizeof loc);
	resp_free(&r);
	ck_assert_msg(strncmp(loc, ORDER_PATH, strlen(ORDER_PATH)) == 0, "redirect to %s", loc);
	b_get(b, loc, &r);
	resp_free(&r);
	snprintf(pay, sizeof pay, "%s/pay", loc);
	b_post(b, pay, "", &r);
	ck_assert_int_eq(r.status, 303);
	resp_free(&r);
}

START_TEST(statement_of_the_year)
{
	struct browser b;
	struct resp r;
	char path[URL_MAX], receipt[URL_MAX];
	const char *no;

	browser_init(&b);
	if (b_signup(&b, LOGIN, PW, NAME) != 303)
		ck_assert_int_eq(b_login(&b, LOGIN, PW), 303);
	give(&b);
	link_on(&b, "/me", "/receipts/", receipt, sizeof receipt);
	link_on(&b, "/me", "/me/statements/", path, sizeof path);
	b_get(&b, path, &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert(body_has(&r, "年度捐赠证明") && body_has(&r, NAME) && body_has(&r, "52.50"));
	/* The gift's receipt number, as its receipt link on /me has it. */
	no = receipt + strlen("/receipts/");
	snprintf(path, sizeof path, "| %.*s |", (int)strcspn(no, "?"), no);
	ck_assert_msg(cells_has(&r, path), "no %s on the statement", path);
	resp_free(&r);
	browser_free(&b);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_statement");
	TCase *t = tcase_create("statement");

	tcase_add_test(t, statement_of_the_year);
	suite_add_tcase(s, t);
	return s;
}
