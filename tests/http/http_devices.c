/* http_devices.c — nobody locks an owner out: a browser that signed in before counts apart. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>

#include "check_main.h"
#include "client.h"
#include "throttle.h"

#define DONOR "device-donor@example.com"
#define DONOR_PW "device-test-pw-1"
#define WRONG "not-the-password"
/* The guessers' addresses: 127.0.0.10 and on, one each. */
#define GUESSERS 20
#define LOCKED "登录失败次数过多，已暂停登录。请 15 分钟后再试"
/* Five more failures, just now: a count at THROTTLE_FREE_* is locked by it. */
#define LOCK_WHERE "UPDATE login_throttle SET failures = failures + 5, last_failure = NOW() WHERE "
#define FAILURES "SELECT SUM(failures) FROM login_throttle"

/* A kind of account as a browser signs in to it, and where its devices are kept. */
struct kind {
	const char *name, *login_page, *field, *account, *password, *home, *logout;
	const char *accounts, *key, *devices, *owner;   /* tables and columns */
	char        cookie;                             /* tx_d<cookie><id> */
};

static const struct kind KINDS[] = {
	{ "staff", "/admin/login", "username", "enshi", "tongxiang-demo", "/admin", "/admin/logout",
	  "staff", "username", "staff_devices", "staff_id", 'a' },
	{ "donor", "/login", "login", DONOR, DONOR_PW, "/me", "/logout",
	  "donors", "login", "donor_devices", "donor_id", 's' },
};

/* Failed logins counted so far, and all of them: cleared before each test and after the last. */
static void clear_throttle(void)
{
	admin_sql("DELETE FROM login_throttle", NULL);
}

static long long account_id(const struct kind *k)
{
	char sql[256];

	snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE %s = '%s'", k->accounts, k->key,
	         k->account);
	return admin_sql_num(sql);
}

/* A sign-in through the form from b with password pw: the answer in r. */
static long sign_in(struct browser *b, const struct kind *k, const char *pw, struct resp *r)
{
	char form[256];
	struct resp page;

	ck_assert(b_get(b, k->login_page, &page) == 0);
	resp_free(&page);
	snprintf(form, sizeof form, "%s=%s&password=%s", k->field, k->account, pw);
	ck_assert_msg(b_post(b, k->login_page, form, r) == 0, "%s: no response", k->login_page);
	return r->status;
}

static long sign_in_status(struct browser *b, const struct kind *k, const char *pw)
{
	struct resp r;
	long status = sign_in(b, k, pw, &r);

	resp_free(&r);
	return status;
}

/* b signs in, is shown its page and signs out; the sign-in's headers go to hdr if not NULL. */
static void signs_in(struct browser *b, const struct kind *k, char **hdr)
{
	struct resp r;

	ck_assert_int_eq(sign_in(b, k, k->password, &r), 303);
	if (hdr)
		*hdr = strdup(r.headers);
	resp_free(&r);
	ck_assert(b_get(b, k->home, &r) == 0);
	ck_assert_msg(r.status == 200, "%s after signing in: %ld", k->home, r.status);
	resp_free(&r);
	ck_assert(b_post(b, k->logout, "", &r) == 0);
	ck_assert_int_eq(r.status, 303);
	resp_free(&r);
}

/* The right password from b is refused, and the page says in Chinese how long to wait. */
static void refused(struct browser *b, const struct kind *k, const char *who)
{
	struct resp r;

	sign_in(b, k, k->password, &r);
	ck_assert_msg(r.status == 429 && body_has(&r, LOCKED), "%s %s: status %ld, no '%s'",
	              k->name, who, r.status, LOCKED);
	resp_free(&r);
}

/* A browser that signed in to the account yesterday (and signed out): it holds a device cookie. */
static void known_browser(struct browser *b, const struct kind *k)
{
	char want[160], sql[512], *hdr;

	browser_init(b);
	signs_in(b, k, &hdr);
	snprintf(want, sizeof want, "Set-Cookie: tx_d%c%lld=", k->cookie, account_id(k));
	ck_assert_msg(strstr(hdr, want), "no %s in:\n%s", want, hdr);
	snprintf(want, sizeof want, "; Path=%s; Max-Age=31536000; HttpOnly; SameSite=Lax\r\n",
	         k->login_page);
	ck_assert_msg(strstr(hdr, want), "no device cookie ending '%s' in:\n%s", want, hdr);
	free(hdr);
	snprintf(sql, sizeof sql, "UPDATE %s SET created_at = NOW() - INTERVAL 1 DAY, "
	         "last_used = NOW() - INTERVAL 1 DAY WHERE %s = %lld", k->devices, k->owner,
	         account_id(k));
	ck_assert(admin_sql(sql, NULL) == 0);
}

/* A browser that holds a device cookie for the account that we did not sign. */
static void forged_browser(struct browser *b, const struct kind *k)
{
	char line[256];

	browser_init(b);
	snprintf(line, sizeof line, "127.0.0.1\tFALSE\t%s\tFALSE\t0\ttx_d%c%lld\t%.64s",
	         k->login_page, k->cookie, account_id(k),
	         "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
	curl_easy_setopt(b->c, CURLOPT_COOKIELIST, line);
}

/* Wrong passwords for the account from GUESSERS other addresses, one each: slowed, then refused. */
static void guessed_from_elsewhere(const struct kind *k)
{
	int wrong = 0;

	for (int i = 0; i < GUESSERS; i++) {
		struct browser g;
		char addr[24];
		long status;

		snprintf(addr, sizeof addr, "127.0.0.%d", 10 + i);
		browser_init(&g);
		browser_from(&g, addr);
		status = sign_in_status(&g, k, WRONG);
		ck_assert_msg(status == 403 || status == 429, "guess %d from %s: %ld", i, addr,
		              status);
		wrong += status == 403;
		browser_free(&g);
	}
	/* Counted per address too: each address a wrong password came from has a count of one. */
	ck_assert_int_ge(wrong, THROTTLE_FREE_ACCOUNT);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM login_throttle WHERE failures = 1"),
	                 wrong);
	/* Counted into the table as if the guessing had gone on for minutes, so that no time
	 * between requests decides the result: the account's is the only count at 3 or more. */
	ck_assert_int_eq(admin_sql_num(LOCK_WHERE "failures >= 3; SELECT ROW_COUNT()"), 1);
}

/* _i: staff (the case: enshi), then donors. */
START_TEST(failures_from_elsewhere_do_not_lock_out_a_known_device)
{
	const struct kind *k = &KINDS[_i];
	struct browser known, other_known, here, there, forged;
	long long before;

	if (strcmp(k->name, "donor") == 0) {
		struct browser s;
		admin_sql("DELETE FROM donors WHERE login = '" DONOR "'", NULL);
		browser_init(&s);
		ck_assert_int_eq(b_signup(&s, DONOR, DONOR_PW, "device"), 303);
		browser_free(&s);
		clear_throttle();   /* the sign-up's own count */
	}
	known_browser(&known, k);
	known_browser(&other_known, k);
	guessed_from_elsewhere(k);
	/* A fresh browser, here or at another address, or with a made-up device cookie: refused. */
	browser_init(&here);
	refused(&here, k, "from a fresh browser");
	browser_init(&there);
	browser_from(&there, "127.0.0.99");
	refused(&there, k, "from a fresh browser elsewhere");
	forged_browser(&forged, k);
	refused(&forged, k, "with a forged device cookie");
	/* The browser that signed in yesterday signs in. */
	signs_in(&known, k, NULL);
	/* Its own failures count against it alone: a new count of three, none added to others. */
	before = admin_sql_num(FAILURES);
	for (int i = 0; i < THROTTLE_FREE_DEVICE; i++)
		ck_assert_int_eq(sign_in_status(&known, k, WRONG), 403);
	ck_assert_int_eq(admin_sql_num(FAILURES), before + THROTTLE_FREE_DEVICE);
	/* Throttled per device: locked out after more, while the other known browser is not. */
	ck_assert_int_eq(admin_sql_num(LOCK_WHERE "failures = 3; SELECT ROW_COUNT()"), 1);
	refused(&known, k, "from the device that failed");
	signs_in(&other_known, k, NULL);
	/* When the wait is over, a fresh browser is let in again. */
	ck_assert(admin_sql("UPDATE login_throttle SET last_failure = NOW() - INTERVAL 901 SECOND",
	                    NULL) == 0);
	signs_in(&here, k, NULL);
	signs_in(&known, k, NULL);
	browser_free(&forged);
	browser_free(&there);
	browser_free(&here);
	browser_free(&other_known);
	browser_free(&known);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("devices");
	TCase *tc = tcase_create("devices");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, clear_throttle, NULL);
	tcase_add_unchecked_fixture(tc, NULL, clear_throttle);
	tcase_add_loop_test(tc, failures_from_elsewhere_do_not_lock_out_a_known_device, 0,
	                    sizeof KINDS / sizeof KINDS[0]);
	suite_add_tcase(s, tc);
	return s;
}
