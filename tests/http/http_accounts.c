/* http_accounts.c — donor accounts: signup, login, throttling, hashed sessions, logout, idle expiry, CSRF, password reset. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>
#include <sodium.h>

#include "check_main.h"
#include "client.h"
#include "session.h"

#define PW "acct-test-pw-1"
/* Failed logins an account gets before it is slowed (THROTTLE_FREE_ACCOUNT in cgi/throttle.h). */
#define THROTTLE_FREE 3
/* The app's connections keep China Standard Time; ours must too, or our NOW() is eight hours behind its NOW(). */
#define CST "SET time_zone = '+08:00'; "
#define OF_DONOR "FROM sessions s JOIN donors d ON d.id = s.donor_id WHERE d.login = '%s'"

/* SQL with one %s for arg: its single number, or (want < 0) just run, which must succeed. */
static long long sql1(const char *fmt, const char *arg, int want)
{
	char f[1024], sql[1024];

	snprintf(f, sizeof f, CST "%s", fmt);
	snprintf(sql, sizeof sql, f, arg);
	if (want >= 0)
		return admin_sql_num(sql);
	ck_assert_msg(admin_sql(sql, NULL) == 0, "SQL failed: %s", sql);
	return 0;
}
#define run_sql(fmt, arg) sql1(fmt, arg, -1)
#define count_where(fmt, arg) sql1(fmt, arg, 0)

#define donors_n(login) count_where("SELECT COUNT(*) FROM donors WHERE LOWER(login) = LOWER('%s')", login)
#define sessions_n(login) count_where("SELECT COUNT(*) " OF_DONOR, login)
#define outbox_n(login) count_where("SELECT COUNT(*) FROM outbox WHERE recipient = '%s'", login)
#define devices_n(login) count_where("SELECT COUNT(*) FROM donor_devices v JOIN donors d " \
                                     "ON d.id = v.donor_id WHERE d.login = '%s'", login)

/* A login no earlier run left behind: its donor (with sessions and reset links) and its mail are gone. */
static void fresh(const char *login)
{
	run_sql("DELETE FROM outbox WHERE recipient = '%s'", login);
	run_sql("DELETE FROM donors WHERE login = '%s'", login);
}

/* Failed logins count per account and address: cleared before each test and after the last. */
static void clear_throttle(void)
{
	admin_sql("DELETE FROM login_throttle", NULL);
}

/* A request (form NULL: a GET) that must answer want. */
static void req(struct browser *b, const char *path, const char *form, long want, struct resp *r)
{
	ck_assert_msg((form ? b_post(b, path, form, r) : b_get(b, path, r)) == 0, "%s: no response", path);
	ck_assert_msg(r->status == want, "%s %s (%s): status %ld, want %ld", form ? "POST" : "GET", path,
	              form ? form : "", r->status, want);
}

/* Load a page with a form (for its CSRF token); init: in a new browser. */
static void visit(struct browser *b, const char *path, int init)
{
	struct resp r;

	if (init)
		browser_init(b);
	req(b, path, NULL, 200, &r);
	resp_free(&r);
}

static void assert_location(const struct resp *r, const char *want)
{
	char loc[512];

	ck_assert_msg(strcmp(resp_location(r, loc, sizeof loc), want) == 0, "Location '%s', want '%s'", loc, want);
}

#define assert_body(r, needle) ck_assert_msg(body_has(r, needle), "status %ld: page lacks '%s'", (r)->status, needle)

/* One request (form NULL: a GET) that must answer want, show needle and redirect to location (each if not NULL). */
static void expect(struct browser *b, const char *path, const char *form, long want, const char *needle,
                   const char *location)
{
	struct resp r;

	req(b, path, form, want, &r);
	if (needle)
		assert_body(&r, needle);
	if (location)
		assert_location(&r, location);
	resp_free(&r);
}

/* The response's Set-Cookie line for the session cookie tx_s, in line; NULL if it sets none. */
static const char *session_cookie(const struct resp *r, char line[256])
{
	const char *p = strcasestr(r->headers, "\nSet-Cookie: tx_s=");

	if (!p)
		return NULL;
	snprintf(line, 256, "%.*s", (int)strcspn(p + 1, "\r\n"), p + 1);
	return line;
}

#define assert_no_session_cookie(r, what) \
	ck_assert_msg(!session_cookie(r, (char[256]){ 0 }), "%s: the session cookie was set", what)

/* A new browser signed up as a fresh login, so signed in (at /me); cookie, if not NULL, gets tx_s's Set-Cookie line. */
static void signed_up(struct browser *b, const char *login, const char *name, char cookie[256])
{
	char form[512];
	struct resp r;

	fresh(login);
	visit(b, "/signup", 1);
	snprintf(form, sizeof form, "login=%s&password=%s&display_name=%s&agree=1", login, PW, name);
	req(b, "/signup", form, 303, &r);
	assert_location(&r, "/me");
	ck_assert_msg(!cookie || session_cookie(&r, cookie), "signup set no tx_s");
	resp_free(&r);
}

/* What /me answers this browser: 200 when signed in; otherwise the redirect to the login page. */
static long me_status(struct browser *b)
{
	struct resp r;
	long status;

	ck_assert(b_get(b, "/me", &r) == 0);
	status = r.status;
	if (status == 303)
		assert_location(&r, "/login?next=%2Fme");
	resp_free(&r);
	return status;
}

/* A login through the form in a new browser (from address from, if not NULL): its status. */
static long login_status_from(const char *login, const char *pw, const char *from)
{
	struct browser b;
	long status;

	browser_init(&b);
	if (from)
		browser_from(&b, from);
	status = b_login(&b, login, pw);
	browser_free(&b);
	return status;
}
#define login_status(login, pw) login_status_from(login, pw, NULL)

/* POST exactly body with b's cookies, adding no CSRF field: a form posted from another site. */
static void post_raw(struct browser *b, const char *path, const char *body, struct resp *r)
{
	size_t hlen;
	FILE *out, *hdr;
	char url[1024];

	memset(r, 0, sizeof *r);
	out = open_memstream(&r->body, &r->len);
	hdr = open_memstream(&r->headers, &hlen);
	snprintf(url, sizeof url, "%s%s", http_base(), path);
	curl_easy_setopt(b->c, CURLOPT_URL, url);
	curl_easy_setopt(b->c, CURLOPT_CUSTOMREQUEST, "POST");
	curl_easy_setopt(b->c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(b->c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	/* No callbacks: libcurl writes to the FILEs itself. */
	curl_easy_setopt(b->c, CURLOPT_WRITEFUNCTION, NULL);
	curl_easy_setopt(b->c, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(b->c, CURLOPT_HEADERFUNCTION, NULL);
	curl_easy_setopt(b->c, CURLOPT_HEADERDATA, hdr);
	ck_assert_msg(curl_easy_perform(b->c) == CURLE_OK, "POST %s: no response", path);
	curl_easy_getinfo(b->c, CURLINFO_RESPONSE_CODE, &r->status);
	fclose(out);
	fclose(hdr);
}

/* How many session rows are known by the BLAKE2b hash of the cookie's token; none may hold the token itself. */
static long long session_rows(const char *cookie)
{
	const char *b64 = cookie + strlen("Set-Cookie: tx_s=");
	unsigned char tok[32], h[32];
	char hex[65];
	size_t n = 0;

	ck_assert_msg(strcspn(b64, ";") == 43 && sodium_base642bin(tok, sizeof tok, b64, 43, NULL, &n, NULL,
	              sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0 && n == 32, "tx_s is not base64url of 32 bytes: %s", cookie);
	sodium_bin2hex(hex, sizeof hex, tok, sizeof tok);
	ck_assert_msg(count_where("SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX('%s')", hex) == 0,
	              "the session token itself is stored");
	crypto_generichash(h, sizeof h, tok, sizeof tok, NULL, 0);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	return count_where("SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX('%s')", hex);
}

START_TEST(signup_signs_in_and_stores_only_the_token_hash)
{
	const char *login = "acct-signup@example.com";
	char line[256];
	struct browser b;

	fresh(login);
	ck_assert_int_eq(sessions_n(login), 0);
	signed_up(&b, login, "账户测试甲", line);
	ck_assert_msg(strstr(line, "; HttpOnly") && strstr(line, "; SameSite=Lax") && strstr(line, "; Max-Age="),
	              "cookie attributes: %s", line);
	ck_assert_int_eq(donors_n(login), 1);
	expect(&b, "/me", NULL, 200, "账户测试甲 的账户", NULL);
	/* One new session row, known only by the BLAKE2b hash of the cookie's token. */
	ck_assert_int_eq(sessions_n(login), 1);
	ck_assert_msg(session_rows(line) == 1, "no session row under the token's BLAKE2b hash");
	browser_free(&b);
}
END_TEST

START_TEST(signup_of_an_existing_login_is_refused)
{
	const char *const again[] = { "acct-dup@example.com", "Acct-DUP@Example.COM" };
	struct browser first, b;
	char form[256];

	signed_up(&first, again[0], "先来的", NULL);
	for (int i = 0; i < 2; i++) {
		visit(&b, "/signup", 1);
		snprintf(form, sizeof form, "login=%s&password=other-pw-123&display_name=后来的&agree=1", again[i]);
		expect(&b, "/signup", form, 409, "已经注册过了", NULL);
		ck_assert_msg(me_status(&b) == 303, "%s: signed in", again[i]);
		browser_free(&b);
		ck_assert_msg(donors_n(again[0]) == 1, "%s: %lld rows", again[i], donors_n(again[0]));
	}
	/* The first account keeps its password. */
	ck_assert_int_eq(login_status(again[0], PW), 303);
	browser_free(&first);
}
END_TEST

#define BADLOGIN "acct-badinput@example.com"
#define NEXT_LOGIN "acct-next@example.com"
#define GOOD "login=" BADLOGIN "&password=" PW
#define NAME_PROBLEM "昵称须为 1 到 32 个字，且不能换行。"
#define NEXT_PROBLEM "登录后要去的页面无效。"
static const struct {
	const char *path, *form, *problem;
} BAD_INPUT[] = {
	{ "/signup", "login=" BADLOGIN "&password=short7&display_name=x&agree=1", "密码须为 8 到 128 个字符。" },
	{ "/signup", "login=" BADLOGIN "&display_name=x&agree=1", "密码须为 8 到 128 个字符。" },
	{ "/signup", "login=acct-badinput.example.com&password=" PW "&display_name=x&agree=1", "请填写有效的电子邮箱或手机号码。" },
	{ "/signup", "login=acct-bad@input@example.com&password=" PW "&display_name=x&agree=1", "请填写有效的电子邮箱或手机号码。" },
	{ "/signup", "password=" PW "&display_name=x&agree=1", "请填写有效的电子邮箱或手机号码。" },
	{ "/signup", GOOD "&display_name=x", "请阅读并勾选同意相关协议后再提交。" },
	{ "/signup", GOOD "&display_name=x&agree=0", "请阅读并勾选同意相关协议后再提交。" },
	{ "/signup", GOOD "&agree=1", NAME_PROBLEM },
	{ "/signup", GOOD "&display_name=a%0Ab&agree=1", NAME_PROBLEM },
	{ "/signup", GOOD "&display_name=a%0D%0Ab&agree=1", NAME_PROBLEM },
	{ "/signup", GOOD "&display_name=x&agree=1&next=%2F%2Fevil.example", NEXT_PROBLEM },
	{ "/signup", GOOD "&display_name=x&agree=1&next=https%3A%2F%2Fevil.example", NEXT_PROBLEM },
	{ "/login", "login=" NEXT_LOGIN "&password=" PW "&next=%2F%2Fevil.example", NEXT_PROBLEM },
	{ "/login", "login=" NEXT_LOGIN "&password=" PW "&next=https%3A%2F%2Fevil.example", NEXT_PROBLEM },
	{ "/login", "login=" NEXT_LOGIN "&password=" PW "&next=%2F%5Cevil.example", NEXT_PROBLEM },
};
#define NBAD (int)(sizeof BAD_INPUT / sizeof BAD_INPUT[0])

/* Refused with the field's message, without an account or a session. */
START_TEST(bad_input_is_refused)
{
	long long before;
	struct browser b;
	struct resp r;

	fresh(BADLOGIN);
	signed_up(&b, NEXT_LOGIN, "next", NULL);
	browser_free(&b);
	before = admin_sql_num("SELECT COUNT(*) FROM donors");
	visit(&b, BAD_INPUT[_i].path, 1);
	req(&b, BAD_INPUT[_i].path, BAD_INPUT[_i].form, 400, &r);
	assert_body(&r, BAD_INPUT[_i].problem);
	assert_no_session_cookie(&r, BAD_INPUT[_i].form);
	resp_free(&r);
	browser_free(&b);
	ck_assert_int_eq(donors_n(BADLOGIN), 0);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM donors"), before);
	ck_assert_int_eq(sessions_n(NEXT_LOGIN), 1);
}
END_TEST

START_TEST(next_is_honoured)
{
	struct browser b;

	fresh(NEXT_LOGIN);
	browser_init(&b);
	expect(&b, "/signup?next=%2Fchildren%3Fsort%3Dage", NULL, 200, "name=\"next\" value=\"/children?sort=age\"", NULL);
	expect(&b, "/signup", "login=" NEXT_LOGIN "&password=" PW "&display_name=next&agree=1&next=%2Fchildren%3Fsort%3Dage",
	       303, NULL, "/children?sort=age");
	browser_free(&b);
	visit(&b, "/login?next=%2Fdonations", 1);
	expect(&b, "/login", "login=" NEXT_LOGIN "&password=" PW "&next=%2Fdonations", 303, NULL, "/donations");
	browser_free(&b);
}
END_TEST

START_TEST(login_renews_and_logout_ends_the_session)
{
	char before[256], after[256], line[256];
	struct browser b;
	struct resp r;

	signed_up(&b, "acct-session@example.com", "session", before);
	/* A login issues a new token and drops the session held before it. */
	visit(&b, "/login", 0);
	req(&b, "/login", "login=acct-session@example.com&password=" PW, 303, &r);
	ck_assert_msg(session_cookie(&r, after), "login set no tx_s");
	resp_free(&r);
	ck_assert_msg(strcmp(before, after) != 0, "login kept the session token held before it");
	ck_assert_msg(session_rows(before) == 0, "the session held before login is still there");
	ck_assert_int_eq(session_rows(after), 1);
	ck_assert_int_eq(sessions_n("acct-session@example.com"), 1);
	ck_assert_int_eq(me_status(&b), 200);  /* also the page with the logout form */
	/* Logout deletes the row and the cookie. */
	req(&b, "/logout", "", 303, &r);
	assert_location(&r, "/");
	ck_assert_msg(session_cookie(&r, line) && strstr(line, "Max-Age=0"), "logout did not clear the cookie");
	resp_free(&r);
	ck_assert_msg(session_rows(after) == 0, "the session row outlived logout");
	ck_assert_int_eq(sessions_n("acct-session@example.com"), 0);
	ck_assert_int_eq(me_status(&b), 303);
	browser_free(&b);
}
END_TEST

#define AGE_SESSION "UPDATE sessions s JOIN donors d ON d.id = s.donor_id SET s.last_seen = NOW() - INTERVAL "

START_TEST(idle_session_expires)
{
	const char *login = "acct-idle@example.com";
	struct browser b;

	signed_up(&b, login, "idle", NULL);
	ck_assert_int_eq(me_status(&b), 200);
	/* Within Session.IdleMinutes (120) the session lives, and is marked as seen again. */
	run_sql(AGE_SESSION "110 MINUTE WHERE d.login = '%s'", login);
	ck_assert_int_eq(me_status(&b), 200);
	ck_assert_int_eq(count_where("SELECT COUNT(*) " OF_DONOR " AND s.last_seen > NOW() - INTERVAL 5 MINUTE", login), 1);
	run_sql(AGE_SESSION "121 MINUTE WHERE d.login = '%s'", login);
	ck_assert_int_eq(me_status(&b), 303);
	browser_free(&b);
}
END_TEST

/* The problem paragraph of a login page answering form, for comparing two answers. */
static void login_problem(struct browser *b, const char *form, long want, char *out, size_t n)
{
	struct resp r;
	const char *p, *end;

	req(b, "/login", form, want, &r);
	assert_no_session_cookie(&r, form);
	p = strstr(r.body, "<p class=\"problem\"");
	ck_assert_msg(p && (end = strstr(p, "</p>")), "status %ld: no problem shown", r.status);
	snprintf(out, n, "%.*s", (int)(end - p), p);
	resp_free(&r);
}

START_TEST(login_right_wrong_and_unknown)
{
	char wrong[512], unknown[512];
	struct browser owner, b;

	fresh("acct-nobody@example.com");
	signed_up(&owner, "acct-login@example.com", "login", NULL);
	visit(&b, "/login", 1);
	login_problem(&b, "login=acct-login@example.com&password=wrong-password", 403, wrong, sizeof wrong);
	ck_assert_msg(strstr(wrong, "账号或密码不正确"), "wrong password: %s", wrong);
	login_problem(&b, "login=acct-nobody@example.com&password=wrong-password", 403, unknown, sizeof unknown);
	ck_assert_msg(strcmp(wrong, unknown) == 0, "wrong password says '%s', unknown login '%s'", wrong, unknown);
	ck_assert_int_eq(sessions_n("acct-login@example.com"), 1);
	ck_assert_int_eq(me_status(&b), 303);
	expect(&b, "/login", "login=acct-login@example.com&password=" PW, 303, NULL, "/me");
	ck_assert_int_eq(sessions_n("acct-login@example.com"), 2);
	ck_assert_int_eq(me_status(&b), 200);
	/* The login is case-insensitive. */
	ck_assert_int_eq(login_status("ACCT-Login@Example.com", PW), 303);
	browser_free(&b);
	browser_free(&owner);
}
END_TEST

/* Ask for a reset link for login; the page answering goes to r. */
static void ask_reset(struct browser *b, const char *login, struct resp *r)
{
	char form[256];

	visit(b, "/reset", 0);
	snprintf(form, sizeof form, "login=%s", login);
	req(b, "/reset", form, 200, r);
}

/* The path ("/reset/<64 hex>", after the site's address) of the newest link mailed to login; ask: ask for one first. */
static void reset_link(struct browser *b, int ask, const char *login, char *path, size_t n)
{
	char sql[256], prefix[256], *out = NULL, *p;
	struct resp r;

	if (ask) {
		ask_reset(b, login, &r);
		resp_free(&r);
	}
	snprintf(sql, sizeof sql, "SELECT body FROM outbox WHERE recipient = '%s' ORDER BY id DESC LIMIT 1", login);
	ck_assert(admin_sql(sql, &out) == 0);
	snprintf(prefix, sizeof prefix, "%s/reset/", http_base());
	ck_assert_msg((p = strstr(out, prefix)), "no link %s... in the mail: %s", prefix, out);
	p += strlen(http_base());
	ck_assert_msg(strspn(p + 7, "0123456789abcdef") == 64, "bad link in: %s", out);
	snprintf(path, n, "%.71s", p);
	free(out);
}

/* The lock page offers a reset (“或重设密码”), so a new password set by the link lets the owner in. */
START_TEST(repeated_failures_lock_the_account_until_a_reset)
{
	const char *login = "acct-throttle@example.com", *other = "acct-throttle2@example.com";
	struct browser owner, bystander, b;
	char problem[512], link[128];

	signed_up(&owner, login, "throttle", NULL);
	signed_up(&bystander, other, "bystander", NULL);
	visit(&b, "/login", 1);
	/* THROTTLE_FREE_ACCOUNT (3) failures cost nothing ... */
	for (int i = 0; i < 3; i++)
		expect(&b, "/login", "login=acct-throttle@example.com&password=not-the-password", 403, NULL, NULL);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM login_throttle WHERE failures = 3"), 2);  /* account, address */
	/* ... five more lock it. Counted into the table, so that no time between requests decides the result. */
	ck_assert_int_eq(admin_sql(CST "UPDATE login_throttle SET failures = failures + 5, last_failure = NOW()", NULL), 0);
	login_problem(&b, "login=acct-throttle@example.com&password=" PW, 429, problem, sizeof problem);
	ck_assert_msg(strstr(problem, "登录失败次数过多，已暂停登录。请 15 分钟后再试，或重设密码。"), "429 says: %s", problem);
	ck_assert_int_eq(sessions_n(login), 1);
	/* In other letter case it is the same account. */
	ck_assert_int_eq(login_status_from("ACCT-THROTTLE@example.com", PW, b.from), 429);
	/* The address (8 failures of its 20 free) is not locked: another account signs in from it. */
	ck_assert_int_eq(login_status_from(other, PW, b.from), 303);
	reset_link(&b, 1, login, link, sizeof link);
	expect(&b, link, "password=acct-new-pw-5", 200, "密码已重设", NULL);
	ck_assert_int_eq(login_status(login, "acct-new-pw-5"), 303);
	browser_free(&b);
	browser_free(&bystander);
	browser_free(&owner);
}
END_TEST

#define CSRF_LOGIN "acct-csrf@example.com"
#define CSRF_NEW "acct-csrf-new@example.com"
static const struct {
	const char *path, *form;
} CSRF_POSTS[] = {
	{ "/login", "login=" CSRF_LOGIN "&password=" PW },
	{ "/signup", "login=" CSRF_NEW "&password=" PW "&display_name=csrf&agree=1" },
	{ "/logout", "" },
	{ "/reset", "login=" CSRF_LOGIN },
};
#define NCSRF (int)(sizeof CSRF_POSTS / sizeof CSRF_POSTS[0])

/* _i: each route, without a csrf field, with a made-up one, then with one from another browser. */
START_TEST(post_without_the_right_csrf_changes_nothing)
{
	int route = _i % NCSRF, how = _i / NCSRF, logout = route == 2;
	const char *path = CSRF_POSTS[route].path, *form = CSRF_POSTS[route].form;
	struct browser donor, visitor, other, *b = logout ? &donor : &visitor;
	char body[512];
	struct resp r;

	fresh(CSRF_NEW);
	signed_up(&donor, CSRF_LOGIN, "csrf", NULL);
	browser_init(&visitor);
	visit(&other, "/login", 1);
	/* Logout is a signed-in donor's form; the others are a visitor's, with the page (and its cookie) loaded. */
	visit(b, logout ? "/me" : path, 0);
	ck_assert_msg(strlen(b->csrf) == CSRF_MASKED_LEN && strcmp(b->csrf, other.csrf) != 0,
	              "%s: no token of its own", path);
	snprintf(body, sizeof body, "%s%s%s%s", form, how && *form ? "&" : "", how ? "csrf=" : "",
	         how == 0 ? "" : how == 1 ? "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" : other.csrf);
	post_raw(b, path, body, &r);
	ck_assert_msg(r.status == 403, "%s (%s): status %ld", path, body, r.status);
	assert_body(&r, "页面已过期");
	assert_no_session_cookie(&r, path);
	resp_free(&r);
	ck_assert_msg(sessions_n(CSRF_LOGIN) == 1, "%s: sessions changed", path);
	ck_assert_int_eq(donors_n(CSRF_NEW), 0);
	ck_assert_int_eq(outbox_n(CSRF_LOGIN), 0);
	ck_assert_int_eq(me_status(&donor), 200);
	ck_assert_int_eq(me_status(&visitor), 303);
	browser_free(&other);
	browser_free(&visitor);
	browser_free(&donor);
}
END_TEST

#define NOBODY_RESET "login=acct-csrf-nobody@example.com"
#define RESET_SENT "如果这个邮箱或手机号注册过"

/* A reset request with exactly this csrf field: it must answer want with needle on the page. */
static void reset_with(struct browser *b, const char *csrf, long want, const char *needle)
{
	char form[256];

	snprintf(form, sizeof form, "csrf=%s&" NOBODY_RESET, csrf);
	expect(b, "/reset", form, want, needle, NULL);
}

/* Each page masks the browser's token afresh (no two responses carry the same string, so BREACH
 * has nothing to converge on), and every masking is accepted; another browser's, or a garbled one,
 * is refused with the 403 page. */
START_TEST(csrf_tokens_differ_per_page_and_each_works)
{
	char first[sizeof ((struct browser *)0)->csrf], second[sizeof first], garbled[sizeof first];
	struct browser b, other;

	visit(&b, "/reset", 1);
	snprintf(first, sizeof first, "%s", b.csrf);
	visit(&b, "/reset", 0);
	snprintf(second, sizeof second, "%s", b.csrf);
	ck_assert_uint_eq(strlen(first), CSRF_MASKED_LEN);
	ck_assert_msg(strcmp(first, second) != 0, "two pages carried the same token %s", first);
	reset_with(&b, first, 200, RESET_SENT);
	reset_with(&b, second, 200, RESET_SENT);
	visit(&other, "/reset", 1);
	reset_with(&b, other.csrf, 403, "页面已过期");
	snprintf(garbled, sizeof garbled, "%s", first);
	garbled[20] = garbled[20] == 'x' ? 'y' : 'x';
	reset_with(&b, garbled, 403, "页面已过期");
	/* The other browser's own token still works for it. */
	reset_with(&other, other.csrf, 200, RESET_SENT);
	browser_free(&other);
	browser_free(&b);
}
END_TEST

/* The link, once used or expired, is gone for GET and POST alike. */
static void assert_link_gone(struct browser *b, const char *link)
{
	expect(b, link, NULL, 404, "这个重设密码的链接无效、已经用过或已经过期", NULL);
	expect(b, link, "password=acct-late-pw-9", 404, NULL, NULL);
}

START_TEST(password_reset_by_single_use_expiring_link)
{
	const char *login = "acct-reset@example.com", *nobody = "acct-reset-nobody@example.com";
	struct browser one, two, b;
	struct resp known, unknown;
	long long signed_in;
	char link[128];

	fresh(nobody);
	signed_up(&one, login, "reset", NULL);
	browser_init(&two);
	ck_assert_int_eq(b_login(&two, login, PW), 303);
	ck_assert_int_eq(sessions_n(login), 2);
	ck_assert_int_eq(devices_n(login), 2);   /* both browsers are known to the account */
	/* The same page whether the account exists or not; only the existing one gets mail. */
	browser_init(&b);
	ask_reset(&b, login, &known);
	ask_reset(&b, nobody, &unknown);
	assert_body(&known, "如果这个邮箱或手机号注册过");
	ck_assert_msg(strcmp(known.body, unknown.body) == 0, "the reset page tells whether an account exists");
	resp_free(&known);
	resp_free(&unknown);
	ck_assert_int_eq(outbox_n(login), 1);
	ck_assert_int_eq(outbox_n(nobody), 0);
	reset_link(&b, 0, login, link, sizeof link);
	expect(&b, link, "password=short7", 400, "密码须为 8 到 128 个字符。", NULL);  /* refused, and the link lives on */
	expect(&b, link, NULL, 200, "设置新密码", NULL);
	expect(&b, link, "password=acct-new-pw-2", 200, "密码已重设", NULL);
	/* Signed out and every browser a stranger; the old password fails, the new works. */
	ck_assert_int_eq(sessions_n(login), 0);
	ck_assert_int_eq(devices_n(login), 0);
	ck_assert_int_eq(me_status(&one), 303);
	ck_assert_int_eq(me_status(&two), 303);
	ck_assert_int_eq(login_status(login, PW), 403);
	ck_assert_int_eq(login_status(login, "acct-new-pw-2"), 303);
	/* Single use. */
	assert_link_gone(&b, link);
	/* A link past its expiry is gone too, and changes nothing: the password stands, the donor stays signed in. */
	ck_assert_int_eq(b_login(&one, login, "acct-new-pw-2"), 303);
	signed_in = sessions_n(login);
	reset_link(&b, 1, login, link, sizeof link);
	run_sql("UPDATE password_resets p JOIN donors d ON d.id = p.donor_id SET p.expires_at = NOW() - INTERVAL 1 SECOND "
	        "WHERE d.login = '%s' AND p.used_at IS NULL", login);
	assert_link_gone(&b, link);
	ck_assert_int_eq(sessions_n(login), signed_in);
	ck_assert_int_eq(me_status(&one), 200);
	ck_assert_int_eq(login_status(login, "acct-new-pw-2"), 303);
	browser_free(&b);
	browser_free(&two);
	browser_free(&one);
}
END_TEST

/* Each reset request may send a message: a few per login in the window, then a clear refusal and no more mail. */
START_TEST(reset_requests_are_limited_per_login)
{
	const char *login = "acct-resetlimit@example.com";
	struct browser b;
	struct resp r;

	signed_up(&b, login, "重设限制", NULL);
	for (int i = 0; i < 3; i++) {
		ask_reset(&b, login, &r);
		resp_free(&r);
	}
	visit(&b, "/reset", 0);
	req(&b, "/reset", "login=acct-resetlimit@example.com", 429, &r);
	ck_assert_msg(body_has(&r, "太频繁"), "the 429 page does not say why");
	resp_free(&r);
	ck_assert_int_eq(outbox_n(login), 3);
	browser_free(&b);
}
END_TEST

#define NGUESS 8

struct guess {
	struct browser    b;
	pthread_barrier_t *go;
	long               status;
};

static void *guess(void *arg)
{
	struct guess *g = arg;
	struct resp r;

	pthread_barrier_wait(g->go);
	b_post(&g->b, "/login", "login=acct-burst@example.com&password=wrong-password", &r);
	g->status = r.status;
	resp_free(&r);
	return NULL;
}

/* Guesses sent all at once are checked and counted one after another: a burst gets no more tries than a queue. */
START_TEST(parallel_guesses_are_counted_one_by_one)
{
	struct guess g[NGUESS];
	pthread_t t[NGUESS];
	pthread_barrier_t go;
	struct browser owner;
	int wrong = 0, refused = 0;

	signed_up(&owner, "acct-burst@example.com", "并发猜测", NULL);
	pthread_barrier_init(&go, NULL, NGUESS);
	for (int i = 0; i < NGUESS; i++) {
		g[i].go = &go;
		visit(&g[i].b, "/login", 1);
		pthread_create(&t[i], NULL, guess, &g[i]);
	}
	for (int i = 0; i < NGUESS; i++) {
		pthread_join(t[i], NULL);
		wrong += g[i].status == 403;
		refused += g[i].status == 429;
		browser_free(&g[i].b);
	}
	pthread_barrier_destroy(&go);
	ck_assert_msg(wrong == THROTTLE_FREE && refused == NGUESS - THROTTLE_FREE,
	              "%d wrong-password answers and %d refusals, want %d and %d", wrong, refused, THROTTLE_FREE,
	              NGUESS - THROTTLE_FREE);
	browser_free(&owner);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("accounts");
	TCase *tc = tcase_create("accounts");

	if (sodium_init() < 0)
		abort();
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, clear_throttle, NULL);
	tcase_add_unchecked_fixture(tc, NULL, clear_throttle);
	tcase_add_test(tc, signup_signs_in_and_stores_only_the_token_hash);
	tcase_add_test(tc, signup_of_an_existing_login_is_refused);
	tcase_add_loop_test(tc, bad_input_is_refused, 0, NBAD);
	tcase_add_test(tc, next_is_honoured);
	tcase_add_test(tc, login_renews_and_logout_ends_the_session);
	tcase_add_test(tc, idle_session_expires);
	tcase_add_test(tc, login_right_wrong_and_unknown);
	tcase_add_test(tc, repeated_failures_lock_the_account_until_a_reset);
	tcase_add_loop_test(tc, post_without_the_right_csrf_changes_nothing, 0, 3 * NCSRF);
	tcase_add_test(tc, csrf_tokens_differ_per_page_and_each_works);
	tcase_add_test(tc, password_reset_by_single_use_expiring_link);
	tcase_add_test(tc, reset_requests_are_limited_per_login);
	tcase_add_test(tc, parallel_guesses_are_counted_one_by_one);
	suite_add_tcase(s, tc);
	return s;
}
