/* http_logs.c — secrets and personal data never reach a log: every flow that handles them runs, then each log is searched. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <sodium.h>

#include "check_main.h"
#include "client.h"
#include "idcard.h"

#define MAX_SECRETS 40

static char tag[9];                     /* lower-case letters of this run, in every value it makes up */
static char *secrets[MAX_SECRETS];      /* what no log may contain */
static const char *what[MAX_SECRETS];
static int nsecrets;

static const char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static const char *fmt(const char *f, ...)
{
	static char bufs[8][1024];
	static int next;
	char *b = bufs[next++ % 8];
	va_list ap;

	va_start(ap, f);
	vsnprintf(b, sizeof bufs[0], f, ap);
	va_end(ap);
	return b;
}

static const char *secret(const char *label, const char *value)
{
	ck_assert_int_lt(nsecrets, MAX_SECRETS);
	what[nsecrets] = label;
	secrets[nsecrets] = strdup(value);
	return secrets[nsecrets++];
}

/* The test's own SQL stays out of the slow log, which it turns on for everything else. */
static void sql(const char *q, char **out)
{
	ck_assert_msg(admin_sql(fmt("SET SESSION log_slow_query = 0;\n%s", q), out) == 0, "SQL failed: %s", q);
}

static void random_letters(char *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (char)('a' + randombytes_uniform(26));
	out[n] = '\0';
}

static long post(struct browser *b, const char *path, const char *form)
{
	struct resp r;
	long status;

	ck_assert_int_eq(b_post(b, path, form, &r), 0);
	status = r.status;
	resp_free(&r);
	return status;
}

static long get(struct browser *b, const char *path)
{
	struct resp r;
	long status;

	ck_assert_int_eq(b_get(b, path, &r), 0);
	status = r.status;
	resp_free(&r);
	return status;
}

/* Sign-up, a wrong and a right password, a refused sign-up, and a password reset by its link. */
static void accounts(void)
{
	const char *login = secret("login", fmt("logs-%s@example.com", tag));
	const char *pw = secret("password", fmt("Pw-%s-1x", tag)), *pw2 = secret("new password", fmt("Nw-%s-2y", tag));
	const char *wrong = secret("wrong password", fmt("Wr-%s-3z", tag));
	struct browser b, other;
	char *out = NULL, *p, token[65];

	browser_init(&b);
	browser_init(&other);
	ck_assert_int_eq(b_signup(&b, login, pw, secret("display name", fmt("nick%s", tag))), 303);
	get(&other, "/signup");
	post(&other, "/signup", fmt("login=%s&password=%s&display_name=x&agree=1", login, pw));
	post(&other, "/signup", fmt("login=%s&password=%s&display_name=x&agree=1",
	                            secret("bad login", fmt("bad%s@", tag)), pw));
	ck_assert_int_eq(b_login(&other, login, wrong), 403);
	ck_assert_int_eq(b_login(&other, login, pw), 303);
	get(&b, "/reset");
	ck_assert_int_eq(post(&b, "/reset", fmt("login=%s", login)), 200);
	sql(fmt("SELECT body FROM outbox WHERE recipient = '%s' ORDER BY id DESC LIMIT 1", login), &out);
	ck_assert_msg((p = strstr(out, "/reset/")) && strspn(p + 7, "0123456789abcdef") == 64, "no link: %s", out);
	snprintf(token, sizeof token, "%.64s", p + 7);
	free(out);
	secret("reset token", token);
	ck_assert_int_eq(get(&b, fmt("/reset/%s", token)), 200);
	/* Errors on the route: a mistyped link (404) and a form without its token (403), each logged. */
	ck_assert_int_eq(get(&b, fmt("/reset/%.63s%c", token, token[63] == 'a' ? 'b' : 'a')), 404);
	secret("mistyped token", fmt("%.63s", token));
	ck_assert_int_eq(post(&b, fmt("/reset/%s", token), fmt("password=%s&csrf=x", pw2)), 403);
	ck_assert_int_eq(post(&b, fmt("/reset/%s", token), fmt("password=%s", pw2)), 200);
	browser_free(&b);
	browser_free(&other);
}

/* A login verified: a code asked for, its mailed link opened (mistyped first), the code entered. */
static void verification(void)
{
	const char *login = secret("login to verify", fmt("verify-%s@example.com", tag));
	struct browser b;
	char code[7], *out = NULL, *p, token[65];

	browser_init(&b);
	ck_assert_int_eq(b_signup(&b, login, secret("its password", fmt("Vp-%s-4w", tag)), "x"),
	                 303);
	ck_assert_int_eq(get(&b, "/verify"), 200);
	ck_assert_int_eq(post(&b, "/verify/send", "next=/me"), 303);
	/* Read here, not by outbox_code, whose query would be in the slow log with the login. */
	sql(fmt("SELECT body FROM outbox WHERE recipient = '%s'", login), &out);
	p = strstr(out, "验证码：");
	ck_assert_msg(p && strspn(p + strlen("验证码："), "0123456789") == 6, "no code: %s", out);
	snprintf(code, sizeof code, "%.6s", p + strlen("验证码："));
	secret("verification code", fmt("verify_code=%s", code));
	p = strstr(out, "/verify/");
	ck_assert_msg(p && strspn(p + 8, "0123456789abcdef") == 64, "no link: %s", out);
	snprintf(token, sizeof token, "%.64s", p + 8);
	free(out);
	secret("verification token", token);
	ck_assert_int_eq(get(&b, fmt("/verify/%.63s%c", token, token[63] == 'a' ? 'b' : 'a')), 404);
	secret("mistyped verification token", fmt("%.63s", token));
	ck_assert_int_eq(get(&b, fmt("/verify/%s?next=/me", token)), 200);
	ck_assert_int_eq(post(&b, "/verify", fmt("verify_code=%s", code)), 303);
	browser_free(&b);
}

/* A gift with a name, a mobile number and a message; one with a bad number; a receipt asked for with a wrong code. */
static void gifts(void)
{
	struct browser b;
	char digits[9], code[17];

	for (int i = 0; i < 8; i++)
		digits[i] = (char)('0' + randombytes_uniform(10));
	digits[8] = '\0';
	for (int i = 0; i < 16; i++)
		code[i] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[randombytes_uniform(32)];
	code[16] = '\0';
	browser_init(&b);
	get(&b, "/donate");
	ck_assert_int_eq(post(&b, "/donate", fmt("amount=30&name=%s&mobile=%s&message=%s",
	                                         secret("donor name", fmt("giver%s", tag)),
	                                         secret("mobile", fmt("139%s", digits)),
	                                         secret("message", fmt("msg%s", tag)))), 303);
	ck_assert_int_eq(post(&b, "/donate", fmt("amount=30&mobile=%s", secret("bad mobile", fmt("9%s9", digits)))), 400);
	ck_assert_int_eq(get(&b, fmt("/receipts/2026-000001?code=%s", secret("receipt code", code))), 404);
	browser_free(&b);
}

/* A child recorded by hand, with a birth date that does not fit the ID number first, and a bad one. */
static void records(void)
{
	struct browser b;
	char id[48], birth[40], wrong_birth[40], *out = NULL;
	int y = 2008 + (int)randombytes_uniform(9), m = 1 + (int)randombytes_uniform(12);
	int d = 1 + (int)randombytes_uniform(28);
	const char *form = "alias=x&gender=f&birth_date=%s&county=422823&category=ill&story=x&real_name=%s"
	                   "&id_number=%s&guardian=%s&address=%s";
	const char *name, *guardian, *address;

	snprintf(birth, sizeof birth, "%04d-%02d-%02d", y, m, d);
	snprintf(wrong_birth, sizeof wrong_birth, "%04d-%02d-%02d", y, m, d + 1);
	snprintf(id, sizeof id, "422823%04d%02d%02d%03u", y, m, d, randombytes_uniform(1000));
	id[17] = idcard_check_char(id);
	id[18] = '\0';
	secret("ID number", id);
	secret("birth date", birth);
	secret("birth date not on the ID", wrong_birth);
	name = secret("real name", fmt("real%s", tag));
	guardian = secret("guardian", fmt("guard%s", tag));
	address = secret("address", fmt("addr%s", tag));
	ck_assert_int_eq(b_staff(&b, "badong"), 303);
	ck_assert_int_eq(post(&b, "/admin/children", fmt(form, wrong_birth, name, id, guardian, address)), 400);
	ck_assert_int_eq(post(&b, "/admin/children", fmt(form, secret("bad birth date", fmt("19%s", tag)), name, id,
	                                                  guardian, address)), 400);
	ck_assert_int_eq(post(&b, "/admin/children", fmt(form, birth, name, id, guardian, address)), 303);
	ck_assert_int_eq(post(&b, "/admin/children", fmt(form, birth, name, id, guardian, address)), 409);
	sql(fmt("SELECT code FROM children WHERE birth_date = '%s' AND county_code = '422823' AND alias = 'x'", birth),
	    &out);
	out[strcspn(out, "\n")] = '\0';
	ck_assert_int_eq(get(&b, fmt("/admin/children/%s", out)), 200);
	fixture_delete(out);
	free(out);
	browser_free(&b);
}

/* Whether any line of file holds s; the line goes to where. */
static int file_has(const char *path, const char *s, char *where, size_t n)
{
	char line[8192];
	FILE *f = fopen(path, "r");
	int found = 0;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof line, f))
		if (strstr(line, s)) {
			found = 1;
			snprintf(where, n, "%.500s", line);
		}
	fclose(f);
	return found;
}

/* Every log of the instance: the app's, nginx's, MariaDB's error log and its slow and general logs. */
static int logs(char paths[][512], int max)
{
	const char *var = getenv("TX_VAR");
	static const char *const fixed[] = { "app.log", "nginx-access.log", "nginx-error.log", "mariadb.log" };
	int n = 0;
	DIR *d;
	struct dirent *e;

	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		snprintf(paths[n++], 512, "%s/log/%s", var, fixed[i]);
	if ((d = opendir(fmt("%s/db", var)))) {
		while ((e = readdir(d)) && n < max)
			if (strlen(e->d_name) > 4 && strcmp(e->d_name + strlen(e->d_name) - 4, ".log") == 0)
				snprintf(paths[n++], 512, "%s/db/%s", var, e->d_name);
		closedir(d);
	}
	return n;
}

START_TEST(no_secret_reaches_a_log)
{
	char paths[16][512], where[512];
	int n, slow = 0;

	ck_assert_int_ge(sodium_init(), 0);
	random_letters(tag, 8);
	/* Every statement counts as slow: whatever the app's connections send would be in the slow log. */
	sql("SET GLOBAL long_query_time = 0;", NULL);
	ck_assert_int_eq(devctl("app-restart"), 0);
	accounts();
	verification();
	gifts();
	records();
	sql("SET GLOBAL long_query_time = 1;", NULL);
	ck_assert_int_eq(devctl("app-restart"), 0);

	n = logs(paths, 16);
	for (int i = 0; i < n; i++)
		slow += strstr(paths[i], "-slow.log") != NULL;
	ck_assert_msg(slow >= 1, "no slow log found to search");
	for (int s = 0; s < nsecrets; s++)
		for (int i = 0; i < n; i++)
			ck_assert_msg(!file_has(paths[i], secrets[s], where, sizeof where), "the %s (%s) is in %s: %s",
			              what[s], secrets[s], paths[i], where);
	/* The errors on the reset route were logged, with the token left out. */
	ck_assert_msg(file_has(paths[0], "404 GET /reset/… from", where, sizeof where), "no redacted 404 line");
	ck_assert_msg(file_has(paths[0], "403 POST /reset/… from", where, sizeof where), "no redacted 403 line");
	ck_assert_msg(file_has(paths[1], "GET /reset/[token] HTTP", where, sizeof where), "no redacted access line");
	ck_assert_msg(file_has(paths[0], "404 GET /verify/… from", where, sizeof where),
	              "no redacted 404 line for a verification link");
	ck_assert_msg(file_has(paths[1], "GET /verify/[token] HTTP", where, sizeof where),
	              "no redacted access line for a verification link");
	for (int s = 0; s < nsecrets; s++)
		free(secrets[s]);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("logs");
	TCase *t = tcase_create("logs");

	tcase_set_timeout(t, 120);
	tcase_add_test(t, no_secret_reaches_a_log);
	suite_add_tcase(s, t);
	return s;
}
