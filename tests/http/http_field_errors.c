/*
 * http_field_errors.c — refused input draws the form again (issue 16, WCAG 3.3.1): 400 with the
 * same form, a summary (role="alert") linking each error to its field, the message at the field
 * by aria-describedby, the values typed kept but never a password or another secret key's, and
 * nothing written (signup, donate, page-new, the staff login, a visit); a route without a form,
 * and a refused CSRF token, keep the error page.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "client.h"

/* A password the tests type, too short to pass: it must never come back. */
#define SHORT_PW "Zq7xw"
#define PW "field-errors-pw-1"
#define TITLE "字段错误测试页"
#define AMOUNT_PROBLEM "捐赠金额须为 1 到 1,000,000 元之间的数字，最多两位小数，例如 100 或 52.50。"

static char login[64], login2[64];

static void setup(void)
{
	snprintf(login, sizeof login, "fielderr-%d@example.com", (int)getpid());
	snprintf(login2, sizeof login2, "fielderr-v-%d@example.com", (int)getpid());
}

static void teardown(void)
{
	char sql[512];

	snprintf(sql, sizeof sql, "DELETE FROM fund_pages WHERE title LIKE '" TITLE "%%'; "
	         "DELETE FROM outbox WHERE recipient IN ('%s', '%s'); "
	         "DELETE FROM donors WHERE login IN ('%s', '%s')", login, login2, login, login2);
	ck_assert_int_eq(admin_sql(sql, NULL), 0);
}

#define assert_body(r, what, needle) \
	ck_assert_msg(body_has(r, needle), "%s: the page lacks '%s'", what, needle)
#define assert_not_body(r, what, needle) \
	ck_assert_msg(!body_has(r, needle), "%s: the page shows '%s'", what, needle)

/*
 * What a person sees when a form comes back refused: status 400, the summary with a link to the
 * field, and the field marked invalid and described by its message, which stands beside it.
 */
static void expect_at_field(const struct resp *r, const char *what, const char *field,
                            const char *msg)
{
	char want[512];

	ck_assert_msg(r->status == 400, "%s: status %ld, want 400", what, r->status);
	assert_body(r, what, "<div class=\"error-summary\" role=\"alert\"");
	snprintf(want, sizeof want, "<a href=\"#f-%s\">%s</a>", field, msg);
	assert_body(r, what, want);
	snprintf(want, sizeof want, "id=\"f-%s\" name=\"%s\" aria-invalid=\"true\" "
	         "aria-describedby=\"f-%s-error\"", field, field, field);
	assert_body(r, what, want);
	snprintf(want, sizeof want, "<span class=\"field-error\" id=\"f-%s-error\">%s</span>",
	         field, msg);
	assert_body(r, what, want);
	assert_not_body(r, what, "错误代码");
}

/* POST form to path from browser b, after loading path's form (its CSRF token) from form_at. */
static void post_form(struct browser *b, const char *form_at, const char *path, const char *form,
                     struct resp *r)
{
	struct resp g;

	ck_assert_int_eq(b_get(b, form_at, &g), 0);
	ck_assert_msg(g.status == 200, "GET %s: status %ld", form_at, g.status);
	resp_free(&g);
	ck_assert_int_eq(b_post(b, path, form, r), 0);
}

/* Sign-up: each bad field at once; the tick kept, the password and the login never sent back. */
START_TEST(signup_comes_back_with_its_errors)
{
	struct browser b;
	struct resp r;
	char form[256];

	browser_init(&b);
	snprintf(form, sizeof form, "login=%s&password=" SHORT_PW "&display_name=&agree=1", login);
	post_form(&b, "/signup", "/signup", form, &r);
	expect_at_field(&r, "signup", "password", "密码须为 8 到 128 个字符。");
	expect_at_field(&r, "signup", "display_name", "昵称须为 1 到 32 个字，且不能换行。");
	assert_body(&r, "signup", "id=\"f-agree\" name=\"agree\" value=\"1\" aria-required=\"true\" checked");
	assert_body(&r, "signup", "action=\"/signup\"");
	assert_not_body(&r, "signup", SHORT_PW);
	assert_not_body(&r, "signup", login);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM donors WHERE login = '%s'", login),
	                 0);
	resp_free(&r);
	browser_free(&b);
}
END_TEST

/* Signing in and asking for a reset link: a malformed login at its field; no password or login
 * comes back. */
START_TEST(sign_in_forms_come_back)
{
	static const struct { const char *path, *form; } FORMS[] = {
		{ "/login", "login=not-a-login&password=" SHORT_PW },
		{ "/reset", "login=not-a-login" },
	};
	struct browser b;
	struct resp r;
	char form[128];

	browser_init(&b);
	for (size_t i = 0; i < sizeof FORMS / sizeof *FORMS; i++) {
		post_form(&b, FORMS[i].path, FORMS[i].path, FORMS[i].form, &r);
		expect_at_field(&r, FORMS[i].path, "login", "请填写有效的电子邮箱或手机号码。");
		assert_not_body(&r, FORMS[i].path, SHORT_PW);
		resp_free(&r);
	}
	/* A login that passes, beside a password left out: the login is not shown either. */
	snprintf(form, sizeof form, "login=%s", login);
	post_form(&b, "/login", "/login", form, &r);
	expect_at_field(&r, "/login without a password", "password", "密码须为 8 到 128 个字符。");
	assert_not_body(&r, "/login without a password", login);
	resp_free(&r);
	browser_free(&b);
}
END_TEST

/* The verification code: a malformed one at its field, the donor still unverified. */
START_TEST(verify_code_comes_back)
{
	struct browser b;
	struct resp r;

	browser_init(&b);
	ck_assert_int_eq(b_signup(&b, login2, PW, "验证测试"), 303);
	post_form(&b, "/verify", "/verify/send", "", &r);
	ck_assert_msg(r.status == 303, "a code was not sent: status %ld", r.status);
	resp_free(&r);
	post_form(&b, "/verify", "/verify", "verify_code=12ab", &r);
	expect_at_field(&r, "verify", "verify_code", "验证码是 6 位数字。");
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM donors WHERE login = '%s' "
	                                "AND verified_at IS NOT NULL", login2), 0);
	resp_free(&r);
	browser_free(&b);
}
END_TEST

/* A guest's gift: the amount typed and the place chosen come back; no order is made. */
START_TEST(donate_keeps_amount_and_target)
{
	long long orders = admin_sql_num("SELECT COUNT(*) FROM pay_orders");
	char county[8], form[256], want[64];
	struct browser b;
	struct resp r;

	snprintf(county, sizeof county, "%s",
	         admin_sql_line("SELECT code FROM regions WHERE level = 'county' LIMIT 1"));
	browser_init(&b);
	snprintf(form, sizeof form,
	         "target=%s&amount_other=12.345&message=%%E5%%8A%%A0%%E6%%B2%%B9", county);
	post_form(&b, "/donate", "/donate", form, &r);
	expect_at_field(&r, "bad amount", "amount_other", AMOUNT_PROBLEM);
	assert_body(&r, "bad amount", "name=\"amount_other\" aria-invalid=\"true\" "
	            "aria-describedby=\"f-amount_other-error\" value=\"12.345\"");
	snprintf(want, sizeof want, "<option value=\"%s\" selected>", county);
	assert_body(&r, "bad amount", want);
	resp_free(&r);

	/* No amount at all: the handler's refusal, at the field to type one in. */
	ck_assert_int_eq(b_post(&b, "/donate", "target=all", &r), 0);
	expect_at_field(&r, "no amount", "amount_other", "请选择或填写捐赠金额。");
	resp_free(&r);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM pay_orders"), orders);
	browser_free(&b);
}
END_TEST

/* A donor's fundraising page without its goal: the title and story typed come back. */
START_TEST(page_new_keeps_what_was_typed)
{
	char form[512], to[16];
	time_t t = time(NULL) + 30 * 86400;
	struct browser b;
	struct resp r;

	strftime(to, sizeof to, "%Y-%m-%d", gmtime(&t));
	browser_init(&b);
	ck_assert_int_eq(b_signup(&b, login, PW, "字段测试"), 303);
	snprintf(form, sizeof form, "page_kind=programme&title=" TITLE
	         "&text=%%E4%%B8%%80%%E8%%B5%%B7%%3Cb%%3E&to=%s"
	         "&display_name=%%E5%%B0%%8F%%E6%%9D%%8E", to);
	post_form(&b, "/pages/new", "/pages/new", form, &r);
	expect_at_field(&r, "page without goal", "goal_yuan", "请填写目标金额。");
	assert_body(&r, "page without goal", "name=\"title\" value=\"" TITLE "\"");
	/* The story comes back as text, escaped, in its textarea. */
	assert_body(&r, "page without goal", "一起&lt;b&gt;</textarea>");
	snprintf(form, sizeof form, "name=\"to\" value=\"%s\"", to);
	assert_body(&r, "page without goal", form);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM fund_pages WHERE title = '" TITLE "'"),
	                 0);
	resp_free(&r);
	browser_free(&b);
}
END_TEST

/* Staff sign-in: a malformed user name comes back typed, the password never. */
START_TEST(admin_login_keeps_username)
{
	struct browser b;
	struct resp r;

	browser_init(&b);
	post_form(&b, "/admin/login", "/admin/login", "username=Bad%20Name&password=" SHORT_PW "x",
	          &r);
	expect_at_field(&r, "admin login", "username",
	                "用户名须为 2 到 64 个小写字母、数字、点、横线或下划线。");
	assert_body(&r, "admin login", "value=\"Bad Name\"");
	assert_not_body(&r, "admin login", SHORT_PW);
	resp_free(&r);
	browser_free(&b);
}
END_TEST

/* Form key of the visit form on page r (32 hex digits). */
static void form_key_of(const struct resp *r, char key[33])
{
	const char *p = strstr(r->body, "name=\"form_key\" value=\"");

	ck_assert_msg(p != NULL, "the visit form has no one-time key");
	snprintf(key, 33, "%.32s", p + strlen("name=\"form_key\" value=\""));
}

/* A county officer's visit: the date, kind and care ticked come back; no visit is written. */
START_TEST(visit_keeps_date_kind_and_care)
{
	long long visits = admin_sql_num("SELECT COUNT(*) FROM visits");
	char code[16], path[64], key[33], form[512];
	struct browser b;
	struct resp r;

	snprintf(code, sizeof code, "%s",
	         admin_sql_line("SELECT c.code FROM sponsorships s JOIN children c "
	                        "ON c.id = s.child_id WHERE s.state = 'active' "
	                        "AND c.county_code = '422823' ORDER BY c.code LIMIT 1"));
	ck_assert_msg(*code, "no active pairing in 巴东县 to visit");
	ck_assert_int_eq(b_staff(&b, "badong"), 303);
	snprintf(path, sizeof path, "/admin/visits/new?child=%s", code);
	ck_assert_int_eq(b_get(&b, path, &r), 0);
	ck_assert_msg(r.status == 200, "GET %s: status %ld", path, r.status);
	form_key_of(&r, key);
	resp_free(&r);
	snprintf(form, sizeof form, "child=%s&form_key=%s&date=2026-11-01&kind=phone&care_family=1"
	         "&given_yuan=abc&summary=short", code, key);
	ck_assert_int_eq(b_post(&b, "/admin/visits", form, &r), 0);
	expect_at_field(&r, "visit", "given_yuan", "金额须为 0.01 到 1,000,000 元之间的数字，"
	                "最多两位小数。");
	expect_at_field(&r, "visit", "summary", "给捐赠人的探访摘要须为 20 到 500 个字。");
	assert_body(&r, "visit", "value=\"2026-11-01\"");
	assert_body(&r, "visit", "<option value=\"phone\" selected>");
	assert_body(&r, "visit", "name=\"care_family\" value=\"1\" checked");
	assert_body(&r, "visit", "value=\"abc\"");
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM visits"), visits);
	resp_free(&r);
	browser_free(&b);
}
END_TEST

/*
 * The record page's forms (the record, consent, exit) and the staff form: each refused field at
 * its field, the record page drawn again around it, and nothing changed.
 */
START_TEST(record_and_staff_forms_come_back)
{
	char code[16], rec[80], path[96], form[256];
	long long version, staff = admin_sql_num("SELECT COUNT(*) FROM staff");
	const char *p;
	struct browser b;
	struct resp r;

	snprintf(code, sizeof code, "%s", admin_sql_line("SELECT code FROM children WHERE "
	                                                 "county_code = '422823' AND status = "
	                                                 "'waiting' ORDER BY code LIMIT 1"));
	version = admin_sql_numf("SELECT version FROM children WHERE code = '%s'", code);
	ck_assert_int_eq(b_staff(&b, "badong"), 303);
	snprintf(rec, sizeof rec, "/admin/children/%s", code);
	snprintf(form, sizeof form, "version=%lld&alias=x&gender=m&birth_date=2013-02-31"
	         "&county=422823&category=ill&real_name=x&id_number=x&guardian=x", version);
	post_form(&b, rec, rec, form, &r);
	expect_at_field(&r, "record", "birth_date", "出生日期须写成 YYYY-MM-DD，且是真实的日期。");
	assert_body(&r, "record", "本页含有孩子的个人信息");
	resp_free(&r);
	/* The photo consent's form holds the ties; the publication one's fields have no id. */
	snprintf(path, sizeof path, "%s/consent", rec);
	post_form(&b, rec, path, "scope=photo&publish=1&given_by=x&given_on=2026-13-01", &r);
	expect_at_field(&r, "consent", "given_on", "同意日期须写成 YYYY-MM-DD，且是真实的日期。");
	p = strstr(r.body, "id=\"f-given_on\"");
	ck_assert_msg(p && !strstr(p + 1, "id=\"f-given_on\""), "consent: f-given_on twice");
	resp_free(&r);
	snprintf(path, sizeof path, "%s/exit", rec);
	post_form(&b, rec, path, "exit_reason=bogus", &r);
	expect_at_field(&r, "exit", "exit_reason",
	                "退出原因只能是年满 18 岁、家庭情况好转、迁出本省或其他。");
	resp_free(&r);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM children WHERE code = '%s' AND "
	                                "version = %lld AND status = 'waiting'", code, version), 1);
	browser_free(&b);

	ck_assert_int_eq(b_staff(&b, "province"), 303);
	post_form(&b, "/admin/staff", "/admin/staff", "username=Bad+Name&display_name=x"
	          "&role=county&region=422823&password=staff-pw-123456", &r);
	expect_at_field(&r, "staff", "username",
	                "用户名须为 2 到 64 个小写字母、数字、点、横线或下划线。");
	assert_not_body(&r, "staff", "staff-pw-123456");
	resp_free(&r);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM staff"), staff);
	browser_free(&b);
}
END_TEST

/* A route with no form to draw again, and a refused CSRF token, keep the error page. */
START_TEST(error_page_stays_elsewhere)
{
	struct browser b;
	struct resp r;

	browser_init(&b);
	post_form(&b, "/report?item=home", "/report", "item=home&problem=zzz&text=x", &r);
	ck_assert_msg(r.status == 400, "report: status %ld", r.status);
	assert_body(&r, "report", "请选择问题类型。");
	assert_body(&r, "report", "错误代码 400");
	assert_not_body(&r, "report", "error-summary");
	resp_free(&r);

	ck_assert_int_eq(b_post(&b, "/signup", "csrf=forged&login=x&password=" SHORT_PW, &r), 0);
	ck_assert_msg(r.status == 403, "forged signup: status %ld", r.status);
	assert_not_body(&r, "forged signup", "error-summary");
	assert_not_body(&r, "forged signup", SHORT_PW);
	resp_free(&r);
	browser_free(&b);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_field_errors");
	TCase *t = tcase_create("field_errors");

	tcase_add_unchecked_fixture(t, setup, teardown);
	tcase_add_test(t, signup_comes_back_with_its_errors);
	tcase_add_test(t, sign_in_forms_come_back);
	tcase_add_test(t, verify_code_comes_back);
	tcase_add_test(t, donate_keeps_amount_and_target);
	tcase_add_test(t, page_new_keeps_what_was_typed);
	tcase_add_test(t, admin_login_keeps_username);
	tcase_add_test(t, visit_keeps_date_kind_and_care);
	tcase_add_test(t, record_and_staff_forms_come_back);
	tcase_add_test(t, error_page_stays_elsewhere);
	suite_add_tcase(s, t);
	return s;
}
