/*
 * http_holds.c — children cannot be hoarded off the list: a login is verified (code or link)
 * before a first hold, holds are limited per donor (409) and per client network (429), and a
 * hold that lapsed or was given up keeps its donor from that child for a day (409).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "client.h"

#define PW        "holds-test-pw"
#define DONOR_ID  "(SELECT id FROM donors WHERE login = '%s')"
#define CHILD_ID  "(SELECT id FROM children WHERE code = '%s')"
#define VERIFIED  "SELECT verified_at IS NOT NULL FROM donors WHERE login = '%s'"
#define MAILS     "SELECT COUNT(*) FROM outbox WHERE recipient = '%s'"
#define CODES     "SELECT COUNT(*) FROM login_codes WHERE donor_id = " DONOR_ID
/* The child's live sponsorship (a hold, say): by its code. */
#define LIVE      "FROM sponsorships WHERE live_child = " CHILD_ID
/* The one address the network test's donors share: 127.0.x.x is no browser's own (client.h). */
#define NET       "127.0.11.1"

/* The single number a query with one %s for arg prints. */
static long long num(const char *fmt, const char *arg)
{
	char sql[1024];

	snprintf(sql, sizeof sql, fmt, arg);
	return admin_sql_num(sql);
}

static void run(const char *fmt, const char *arg)
{
	char sql[1024];

	snprintf(sql, sizeof sql, fmt, arg);
	ck_assert_msg(admin_sql(sql, NULL) == 0, "SQL failed: %s", sql);
}

/* As if the child's live hold had run its 15 minutes; the sweep may or may not have seen it yet. */
#define age_hold(code) run("UPDATE sponsorships SET hold_until = NOW() - INTERVAL 1 SECOND " \
                           "WHERE live_child = " CHILD_ID, code)

#define STORY     "（虚构）保留限制测试用的故事。"

/* A fresh waiting child of its own (an earlier run's, with its holds, goes first). */
static void child(const char *code)
{
	char id[32];
	struct fixture_child ch = {
		code, "测试·保留", "m", "2013-05-06", "422823", "ill", STORY, "waiting", 1,
		"虚构·保留真名", id, "虚构监护人 13900000001",
	};

	snprintf(id, sizeof id, "HHLD-%s", code);
	fixture_delete(code);
	ck_assert_msg(fixture_insert(&ch) == 0, "fixture %s not inserted", code);
}

/* A new browser signed up as a new login (a mobile number when mobile), verified if asked. */
static void donor(struct browser *b, char *login, size_t n, int mobile, int verified)
{
	static int k;
	long t = (long)time(NULL);

	if (mobile)
		snprintf(login, n, "139%08ld", (t * 100 + getpid() * 7 + k++) % 100000000);
	else
		snprintf(login, n, "hhld-%ld-%d-%d@example.com", t, (int)getpid(), k++);
	run("DELETE FROM outbox WHERE recipient = '%s'", login);
	run("DELETE FROM donors WHERE login = '%s'", login);
	browser_init(b);
	ck_assert_msg(b_signup(b, login, PW, "保留测试") == 303, "signup of %s failed", login);
	if (verified)
		ck_assert_msg(b_verify(b, login) == 303, "verification of %s failed", login);
}

/*
 * GET path (form NULL) or POST form to it: the answer must be status want and show each of the
 * texts (a list ending in NULL); loc, if not NULL, gets its Location.
 */
static void expect(struct browser *b, const char *path, const char *form, long want, char *loc, ...)
{
	struct resp r;
	const char *text, *how = form ? "POST" : "GET";
	va_list ap;

	ck_assert_int_eq(form ? b_post(b, path, form, &r) : b_get(b, path, &r), 0);
	ck_assert_msg(r.status == want, "%s %s: status %ld, want %ld", how, path, r.status, want);
	va_start(ap, loc);
	while ((text = va_arg(ap, const char *)))
		ck_assert_msg(body_has(&r, text), "%s %s does not show \"%s\"", how, path, text);
	va_end(ap);
	if (loc)
		resp_location(&r, loc, 256);
	resp_free(&r);
}

/* The child's offer page, then its hold button: the POST's status, and its Location into loc. */
static long hold(struct browser *b, const char *code, char *loc)
{
	char path[64];
	struct resp r;
	long status;

	snprintf(path, sizeof path, "/sponsor/%s", code);
	ck_assert_int_eq(b_get(b, path, &r), 0);
	resp_free(&r);
	snprintf(path, sizeof path, "/children/%s/hold", code);
	ck_assert_int_eq(b_post(b, path, "", &r), 0);
	status = r.status;
	if (loc)
		resp_location(&r, loc, 256);
	resp_free(&r);
	return status;
}

/* What a refused hold leaves: the child waiting, and no live sponsorship of it. */
static void still_waiting(const char *code)
{
	ck_assert_int_eq(num("SELECT status = 'waiting' FROM children WHERE code = '%s'", code), 1);
	ck_assert_int_eq(num("SELECT COUNT(*) " LIVE, code), 0);
}

/* Enter code on /verify: the answer must be want and show text (if not NULL). */
static void enter(struct browser *b, const char *code, long want, const char *text)
{
	char form[32];

	snprintf(form, sizeof form, "verify_code=%s", code);
	expect(b, "/verify", form, want, NULL, text, NULL);
}

/* ---- verification ---- */

START_TEST(unverified_donor_is_sent_to_verify_and_back)
{
	const char *code = "TH00000001", *back = "/verify?next=%2Fsponsor%2FTH00000001";
	struct browser a;
	char login[64], loc[256], got[7], form[64];

	child(code);
	donor(&a, login, sizeof login, 0, 0);
	ck_assert_int_eq(hold(&a, code, loc), 303);
	ck_assert_str_eq(loc, back);
	still_waiting(code);
	expect(&a, loc, NULL, 200, NULL, "验证邮箱", login, "发送验证码", NULL);
	expect(&a, "/verify/send", "next=/sponsor/TH00000001", 303, loc, NULL);
	ck_assert_str_eq(loc, back);
	expect(&a, loc, NULL, 200, NULL, "验证码已经发到您的邮箱", "6 位验证码", NULL);
	ck_assert_int_eq(num(MAILS " AND channel = 'email'", login), 1);
	ck_assert_int_eq(outbox_code(login, got), 0);
	snprintf(form, sizeof form, "verify_code=%s&next=/sponsor/TH00000001", got);
	expect(&a, "/verify", form, 303, loc, NULL);
	ck_assert_str_eq(loc, "/sponsor/TH00000001");
	ck_assert_int_eq(num(VERIFIED, login), 1);
	ck_assert_int_eq(num(CODES, login), 0);
	/* Verified once: the page sends the donor straight on, and the hold works. */
	expect(&a, back, NULL, 303, loc, NULL);
	ck_assert_str_eq(loc, "/sponsor/TH00000001");
	ck_assert_int_eq(hold(&a, code, loc), 303);
	ck_assert_str_eq(loc, "/sponsor/TH00000001");
	ck_assert_int_eq(num("SELECT state = 'held' " LIVE, code), 1);
	browser_free(&a);
}
END_TEST

START_TEST(five_wrong_codes_and_a_new_code_is_needed)
{
	struct browser a;
	char login[64], got[7], bad[7], want[64], loc[256];

	child("TH00000002");
	donor(&a, login, sizeof login, 0, 0);
	expect(&a, "/verify", NULL, 200, NULL, "发送验证码", NULL);
	expect(&a, "/verify/send", "", 303, NULL, NULL);
	ck_assert_int_eq(outbox_code(login, got), 0);
	/* Only a keyed hash of the code is kept. */
	ck_assert_int_eq(num(CODES, login), 1);
	snprintf(bad, sizeof bad, "%.5s%c", got, got[5] == '9' ? '0' : got[5] + 1);
	for (int left = 4; left > 0; left--) {
		snprintf(want, sizeof want, "还可以再试 %d 次", left);
		enter(&a, bad, 403, want);
	}
	enter(&a, bad, 429, "重新获取验证码");
	/* The right code no longer helps: this code is spent. */
	enter(&a, got, 429, "作废");
	ck_assert_int_eq(num(VERIFIED, login), 0);
	ck_assert_int_eq(hold(&a, "TH00000002", loc), 303);
	ck_assert_str_eq(loc, "/verify?next=%2Fsponsor%2FTH00000002");
	still_waiting("TH00000002");
	/* A new code works. */
	expect(&a, "/verify/send", "", 303, NULL, NULL);
	ck_assert_int_eq(outbox_code(login, got), 0);
	enter(&a, got, 303, NULL);
	ck_assert_int_eq(hold(&a, "TH00000002", NULL), 303);
	browser_free(&a);
}
END_TEST

START_TEST(expired_code_is_refused)
{
	struct browser a;
	char login[64], got[7];

	donor(&a, login, sizeof login, 0, 0);
	expect(&a, "/verify", NULL, 200, NULL, NULL);
	expect(&a, "/verify/send", "", 303, NULL, NULL);
	ck_assert_int_eq(outbox_code(login, got), 0);
	run("UPDATE login_codes SET expires_at = NOW() - INTERVAL 1 SECOND "
	    "WHERE donor_id = " DONOR_ID, login);
	enter(&a, got, 409, "已过期");
	ck_assert_int_eq(num(VERIFIED, login), 0);
	browser_free(&a);
}
END_TEST

/* The mail's link works once in any browser, signed in or not, and leads on where it was going. */
START_TEST(mailed_link_verifies_the_address)
{
	struct browser a, other;
	char login[64], sql[256], *body = NULL, *p, link[160];

	donor(&a, login, sizeof login, 0, 0);
	expect(&a, "/verify?next=%2Fsponsor%2FTH00000001", NULL, 200, NULL, NULL);
	expect(&a, "/verify/send", "next=/sponsor/TH00000001", 303, NULL, NULL);
	snprintf(sql, sizeof sql, "SELECT body FROM outbox WHERE recipient = '%s'", login);
	ck_assert(admin_sql(sql, &body) == 0);
	p = strstr(body, "/verify/");
	ck_assert_msg(p && strspn(p + 8, "0123456789abcdef") == 64, "no link: %s", body);
	/* The client prints the body's line breaks as \n. */
	snprintf(link, sizeof link, "%.*s", (int)strcspn(p, "\\\n"), p);
	free(body);
	ck_assert_str_eq(link + 72, "?next=%2Fsponsor%2FTH00000001");
	browser_init(&other);
	expect(&other, link, NULL, 200, NULL, "确认验证", NULL);
	expect(&other, link, "next=/sponsor/TH00000001", 200, NULL, "邮箱已验证",
	       "href=\"/sponsor/TH00000001\"", NULL);
	ck_assert_int_eq(num(VERIFIED, login), 1);
	/* Single use. */
	expect(&other, link, NULL, 404, NULL, "验证链接无效", NULL);
	expect(&a, "/verify", NULL, 303, NULL, NULL);
	browser_free(&other);
	browser_free(&a);
}
END_TEST

/* A mobile number gets its code by SMS, without a link; the code verifies it the same way. */
START_TEST(mobile_login_gets_an_sms_code)
{
	struct browser a;
	char login[16];

	donor(&a, login, sizeof login, 1, 0);
	expect(&a, "/verify", NULL, 200, NULL, "验证手机号", NULL);
	ck_assert_int_eq(b_verify(&a, login), 303);
	ck_assert_int_eq(num(MAILS " AND channel = 'sms' AND body NOT LIKE '%%/verify/%%'", login),
	                 1);
	ck_assert_int_eq(num(MAILS, login), 1);
	ck_assert_int_eq(num(VERIFIED, login), 1);
	browser_free(&a);
}
END_TEST

/* Each code is a message: a few per login in 15 minutes (Throttle.CodesPerLogin, 3), then a 429. */
START_TEST(codes_are_limited_per_login)
{
	struct browser a;
	char login[64];

	donor(&a, login, sizeof login, 0, 0);
	expect(&a, "/verify", NULL, 200, NULL, NULL);
	for (int i = 0; i < 3; i++)
		expect(&a, "/verify/send", "", 303, NULL, NULL);
	expect(&a, "/verify/send", "", 429, NULL, "太频繁", NULL);
	ck_assert_int_eq(num(MAILS, login), 3);
	browser_free(&a);
}
END_TEST

/* ---- limits ---- */

/* Checkout.MaxHolds (3) per donor, from any network: the 409 page says how many, leads to /me. */
START_TEST(fourth_hold_is_a_409_that_leads_to_the_donors_holds)
{
	static const char *const codes[] = {
		"TH00000010", "TH00000011", "TH00000012", "TH00000013",
	};
	struct browser a;
	char login[64];

	for (int i = 0; i < 4; i++)
		child(codes[i]);
	donor(&a, login, sizeof login, 0, 1);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(hold(&a, codes[i], NULL), 303);
	expect(&a, "/children/TH00000013/hold", "", 409, NULL, "已达上限", "同时保留了 3 个孩子",
	       "href=\"/me\"", NULL);
	browser_from(&a, "127.0.13.1");
	expect(&a, "/children/TH00000013/hold", "", 409, NULL, "已达上限", NULL);
	still_waiting(codes[3]);
	browser_free(&a);
}
END_TEST

/* Checkout.MaxHoldsPerNetwork (10): ten donors from one address hold a child each; an 11th: 429. */
START_TEST(eleventh_hold_from_one_network_is_a_429)
{
	static struct browser d[11];
	char login[64], codes[12][24], path[64];
	struct resp r;

	for (int i = 0; i < 12; i++) {
		snprintf(codes[i], sizeof codes[i], "TH000001%02d", i);
		child(codes[i]);
	}
	/* Each verifies from an address of its own (a code asked for each), then holds from NET. */
	for (int i = 0; i < 11; i++) {
		donor(&d[i], login, sizeof login, 0, 1);
		browser_from(&d[i], NET);
	}
	for (int i = 0; i < 10; i++)
		ck_assert_msg(hold(&d[i], codes[i], NULL) == 303, "hold %d from NET", i + 1);
	snprintf(path, sizeof path, "/children/%s/hold", codes[10]);
	ck_assert_int_eq(b_post(&d[10], path, "", &r), 0);
	ck_assert_msg(r.status == 429, "11th hold from one network: %ld", r.status);
	ck_assert_msg(body_has(&r, "这个网络保留的孩子太多了") && body_has(&r, "10 个"),
	              "the 429 page does not say why");
	ck_assert_msg(resp_has_header(&r, "Retry-After", NULL), "429 without Retry-After");
	resp_free(&r);
	still_waiting(codes[10]);
	/* The limit is the network's: the same donor elsewhere holds that child. */
	browser_from(&d[10], "127.0.11.2");
	ck_assert_int_eq(hold(&d[10], codes[10], NULL), 303);
	/* Only live holds count: once one of the ten lapses, the network may hold another. */
	age_hold(codes[0]);
	browser_from(&d[10], NET);
	ck_assert_int_eq(hold(&d[10], codes[11], NULL), 303);
	for (int i = 0; i < 11; i++)
		browser_free(&d[i]);
}
END_TEST

/* Letting a hold lapse and holding again must not keep a child off the list: a day for the pair. */
START_TEST(lapsed_hold_keeps_its_donor_from_that_child_for_a_day)
{
	const char *code = "TH00000020";
	struct browser a, b;
	char login[64], other[64], until[64], *out = NULL;

	child(code);
	child("TH00000021");
	donor(&a, login, sizeof login, 0, 1);
	ck_assert_int_eq(hold(&a, code, NULL), 303);
	age_hold(code);
	ck_assert_int_eq(admin_sql("SELECT DATE_FORMAT(MAX(hold_until) + INTERVAL 24 HOUR, "
	                           "'%Y-%m-%d %H:%i') FROM sponsorships WHERE child_id = "
	                           "(SELECT id FROM children WHERE code = 'TH00000020')", &out), 0);
	snprintf(until, sizeof until, "%.16s 之后可以再试", out);
	free(out);
	expect(&a, "/children/TH00000020/hold", "", 409, NULL, "暂时不能再次保留这个孩子", "24 小时",
	       until, "这些孩子也在等待", NULL);
	still_waiting(code);
	/* Other children are open to the donor, and this child to other donors. */
	ck_assert_int_eq(hold(&a, "TH00000021", NULL), 303);
	donor(&b, other, sizeof other, 0, 1);
	ck_assert_int_eq(hold(&b, code, NULL), 303);
	/* A day after the lapse (once the other's hold lapsed too), the donor holds it again. */
	age_hold(code);
	run("UPDATE sponsorships SET hold_until = hold_until - INTERVAL 1 DAY "
	    "WHERE state = 'expired' AND donor_id = " DONOR_ID, login);
	ck_assert_int_eq(hold(&a, code, NULL), 303);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM sponsorships WHERE donor_id = " DONOR_ID
	                     " AND live_child IS NOT NULL AND child_id = "
	                     "(SELECT id FROM children WHERE code = 'TH00000020')", login), 1);
	browser_free(&b);
	browser_free(&a);
}
END_TEST

/* Giving a hold up and holding again at once would start its 15 minutes afresh: it counts too. */
START_TEST(hold_given_up_counts_too)
{
	const char *code = "TH00000030";
	struct browser a;
	char login[64];

	child(code);
	donor(&a, login, sizeof login, 0, 1);
	ck_assert_int_eq(hold(&a, code, NULL), 303);
	expect(&a, "/sponsor/TH00000030", NULL, 200, NULL, "放弃保留", "24 小时内您不能再次保留这个孩子",
	       NULL);
	expect(&a, "/sponsor/TH00000030/release", "", 303, NULL, NULL);
	expect(&a, "/children/TH00000030/hold", "", 409, NULL, "暂时不能再次保留这个孩子", "放弃", NULL);
	still_waiting(code);
	/* A day later. */
	run("UPDATE sponsorships SET hold_until = hold_until - INTERVAL 1 DAY, ended_at = "
	    "ended_at - INTERVAL 1 DAY WHERE state = 'cancelled' AND donor_id = " DONOR_ID, login);
	ck_assert_int_eq(hold(&a, code, NULL), 303);
	browser_free(&a);
}
END_TEST

/*
 * After the last test, the children it made go, with their holds: fixtures wait since 2020, longer
 * than any demo child, and left waiting they would push other tests' children off the home page.
 */
static void remove_children(void)
{
	char *out = NULL, *save = NULL;

	if (admin_sql("SELECT code FROM children WHERE story = '" STORY "'", &out) == 0)
		for (char *c = strtok_r(out, "\n", &save); c; c = strtok_r(NULL, "\n", &save))
			fixture_delete(c);
	free(out);
}

Suite *suite(void)
{
	Suite *s = suite_create("http_holds");
	TCase *t = tcase_create("holds");

	/* A dozen sign-ups (each an Argon2id hash) in the network test. */
	tcase_set_timeout(t, 180);
	tcase_add_unchecked_fixture(t, NULL, remove_children);
	tcase_add_test(t, unverified_donor_is_sent_to_verify_and_back);
	tcase_add_test(t, five_wrong_codes_and_a_new_code_is_needed);
	tcase_add_test(t, expired_code_is_refused);
	tcase_add_test(t, mailed_link_verifies_the_address);
	tcase_add_test(t, mobile_login_gets_an_sms_code);
	tcase_add_test(t, codes_are_limited_per_login);
	tcase_add_test(t, fourth_hold_is_a_409_that_leads_to_the_donors_holds);
	tcase_add_test(t, eleventh_hold_from_one_network_is_a_429);
	tcase_add_test(t, lapsed_hold_keeps_its_donor_from_that_child_for_a_day);
	tcase_add_test(t, hold_given_up_counts_too);
	suite_add_tcase(s, t);
	return s;
}
