/* http_security.c — hostile input through every public door: XSS, SQL injection, broken encodings, personal-data leaks. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"

#define XSS "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"
#define REAL_NAME "测试真名甲乙丙"
#define GUARDIAN "监护人电话13812345678"

static const char *const FILTER_KEYS[] = {
	"city", "county", "gender", "age_min", "age_max", "category", "birth_month", "birthday",
	"sort", "page",
};
#define NKEYS (int)(sizeof FILTER_KEYS / sizeof FILTER_KEYS[0])

/* An ID number shaped like a real one (region, birth date, sequence, GB 11643 check digit), so a leak is recognisable. */
static char id_number[19];

static const char *make_id_number(void)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0;

	memcpy(id_number, "42010620130910357", 17);
	for (int i = 0; i < 17; i++)
		sum += (id_number[i] - '0') * w[i];
	id_number[17] = "10X98765432"[sum % 11];
	id_number[18] = '\0';
	return id_number;
}

static struct fixture_child xss_child = {
	"TSX0000001", "<script>alert(1)</script>", "m", "2013-09-09", "420106", "other", "故事" XSS "结束",
	"waiting", 1, "测试攻击", "SECURITY-X1", "测试监护人"
};
static struct fixture_child pii_child = {
	"TSP0000001", "测试·隐私", "f", "2013-09-10", "420106", "ill", "隐私测试的孩子。",
	"waiting", 1, REAL_NAME, NULL, GUARDIAN
};

/* What the database and the listing held before any attack; inherited by every forked test. */
static long long rows_before, found_before;

static long long listing_total(void)
{
	struct resp r;
	long long n;

	ck_assert_int_eq(http_get("/children", &r), 0);
	n = listing_found(&r);
	ck_assert_msg(r.status == 200 && n >= 0, "/children: status %ld", r.status);
	resp_free(&r);
	return n;
}

static void fixtures_remove(void)
{
	fixture_delete(xss_child.code);
	fixture_delete(pii_child.code);
}

/* Unchecked: runs in the runner, so the clean-up happens even when a test dies half-way. */
static void fixtures_add(void)
{
	fixtures_remove();  /* leftovers of an interrupted run */
	pii_child.id_number = make_id_number();
	ck_assert_msg(fixture_insert(&xss_child) == 0, "fixture %s not inserted", xss_child.code);
	ck_assert_msg(fixture_insert(&pii_child) == 0, "fixture %s not inserted", pii_child.code);
	/* The longest waiting of all, so that the home page, which shows the longest waiting first, shows it whatever
	 * other tests have left waiting. */
	admin_sql("UPDATE children SET waiting_since = '2013-09-09' WHERE code = 'TSX0000001';", NULL);
	rows_before = admin_sql_num("SELECT COUNT(*) FROM children");
	found_before = listing_total();
}

/* Percent-encode everything but the unreserved characters, as a browser's form submission would. */
static void enc(const char *s, char *out, size_t size)
{
	size_t o = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p && o + 4 < size; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			out[o++] = (char)*p;
		else
			o += (size_t)snprintf(out + o, size - o, "%%%02X", *p);
	}
	out[o] = '\0';
}

/* A donor's sponsor page needs a signed-in donor; every other page is fetched as by a stranger. */
static void get(const char *path, struct resp *r)
{
	static struct browser donor;

	if (strncmp(path, "/sponsor/", 9) == 0) {
		if (!donor.c) {
			browser_init(&donor);
			if (b_signup(&donor, "security-test@example.com", "security-test-pw", "安全测试") != 303)
				ck_assert_int_eq(b_login(&donor, "security-test@example.com", "security-test-pw"), 303);
		}
		ck_assert_msg(b_get(&donor, path, r) == 0, "no response for %s", path);
	} else {
		ck_assert_msg(http_get(path, r) == 0, "no response for %s", path);
	}
	ck_assert_msg(r->status < 500, "%s: status %ld", path, r->status);
}

static void assert_no_raw_markup(const struct resp *r, const char *path)
{
	ck_assert_msg(!strstr(r->body, "<script"), "%s (%ld): raw <script in body", path, r->status);
	ck_assert_msg(!strstr(r->body, "<img"), "%s (%ld): raw <img in body", path, r->status);
	ck_assert_msg(!strstr(r->headers, "<script") && !strstr(r->headers, "<img"), "%s: markup in headers", path);
}

/* _i: one filter key each, then the path parameter of both child routes, then the payload as a parameter name. */
START_TEST(xss_in_parameters_is_inert)
{
	char e[256], path[384];
	struct resp r;
	long want = 400;

	enc(XSS, e, sizeof e);
	if (_i < NKEYS) {
		snprintf(path, sizeof path, "/children?%s=%s", FILTER_KEYS[_i], e);
	} else if (_i < NKEYS + 2) {
		snprintf(path, sizeof path, "/%s/%s", _i == NKEYS ? "children" : "sponsor", e);
		want = 404;
	} else {
		snprintf(path, sizeof path, "/children?%s=1", e);  /* unknown keys are ignored */
		want = 200;
	}
	get(path, &r);
	ck_assert_msg(r.status == want, "%s: status %ld, want %ld", path, r.status, want);
	assert_no_raw_markup(&r, path);
	resp_free(&r);
}
END_TEST

static const char *const XSS_PAGES[] = {
	"/children/TSX0000001", "/sponsor/TSX0000001",
	"/children?county=420106&birth_month=9&category=other", "/",
};

START_TEST(xss_in_child_is_escaped)
{
	const char *path = XSS_PAGES[_i];
	struct resp r;

	get(path, &r);
	ck_assert_msg(r.status == 200, "%s: status %ld", path, r.status);
	ck_assert_msg(_i == 0 || strstr(r.body, "/children/TSX0000001\""), "%s: the fixture child is not shown", path);
	ck_assert_msg(strstr(r.body, "&lt;script&gt;alert(1)&lt;/script&gt;"), "%s: alias not shown escaped", path);
	if (_i == 0)
		ck_assert_msg(strstr(r.body, "&lt;img src=x onerror=alert(1)&gt;"), "%s: story not shown escaped", path);
	assert_no_raw_markup(&r, path);
	resp_free(&r);
}
END_TEST

static const char *const SQLI[] = {
	"' OR 1=1 --", "1; DROP TABLE children", "420100' OR '1'='1", "'", "%27", "1 OR 1=1", "420100) OR (1=1",
	"1 UNION SELECT pii_real_name FROM children --", "06-01' UNION SELECT id_hash, 1 FROM children #",
	"m'; UPDATE children SET status='exited'; --",
};
#define NSQLI (int)(sizeof SQLI / sizeof SQLI[0])

/* _i covers every payload in every filter key and in both child routes' path parameter. */
START_TEST(sql_injection_is_inert)
{
	int where = _i / NSQLI;
	const char *payload = SQLI[_i % NSQLI];
	char e[256], path[384];
	struct resp r;
	long want = where < NKEYS ? 400 : 404;

	enc(payload, e, sizeof e);
	if (where < NKEYS)
		snprintf(path, sizeof path, "/children?%s=%s", FILTER_KEYS[where], e);
	else
		snprintf(path, sizeof path, "/%s/%s", where == NKEYS ? "children" : "sponsor", e);
	get(path, &r);
	ck_assert_msg(r.status == want, "%s: status %ld, want %ld", path, r.status, want);
	ck_assert_msg(!strstr(r.body, REAL_NAME) && !strstr(r.body, "SQL"), "%s: leaks data or SQL", path);
	resp_free(&r);
	ck_assert_msg(admin_sql_num("SELECT COUNT(*) FROM children") == rows_before, "%s: children rows changed", path);
	ck_assert_msg(listing_total() == found_before, "%s: listing total changed", path);
}
END_TEST

/* Pages the personal-data child is on, or near: its own, its card, and error pages that might echo input. */
static const char *const PII_PAGES[] = {
	"/", "/children?county=420106&birth_month=9&gender=f", "/children/TSP0000001",
	"/sponsor/TSP0000001",
	"/no-such-page", "/children/TSP0000000", "/children?city=pii_real_name", "/children?sort=id_hash",
	"/children?county=420106&birth_month=9&gender=f&sort=pii_id_number",
	"/children?county=420106&birthday=09-10",
};

START_TEST(personal_data_never_leaves)
{
	const char *path = PII_PAGES[_i];
	char last6_birth[32];
	const char *secrets[] = { REAL_NAME, id_number, GUARDIAN, "13812345678", last6_birth, id_number + 12,
	                          "2013-09-10", "20130910", "09-10", "9月10日", "pii_", "id_hash" };
	struct resp r;

	make_id_number();
	snprintf(last6_birth, sizeof last6_birth, "%.8s%s", id_number + 6, id_number + 12);
	get(path, &r);
	if (_i == 1)
		ck_assert_msg(strstr(r.body, "/children/TSP0000001\""), "%s: the fixture child is not listed", path);
	if (_i == 2 || _i == 3)
		ck_assert_msg(r.status == 200 && strstr(r.body, pii_child.alias), "%s: the profile is not shown", path);
	for (size_t i = 0; i < sizeof secrets / sizeof secrets[0]; i++) {
		ck_assert_msg(!strstr(r.body, secrets[i]), "%s (%ld): body contains \"%s\"", path, r.status, secrets[i]);
		ck_assert_msg(!strstr(r.headers, secrets[i]), "%s (%ld): headers contain \"%s\"", path, r.status, secrets[i]);
	}
	resp_free(&r);
}
END_TEST

/* Broken encodings are refused at the door, with the message that says which kind of broken. */
static const struct {
	const char *query, *problem;
} ENCODINGS[] = {
	{ "city=%ff", "UTF-8" }, { "gender=%c0%af", "UTF-8" }, { "gender=%e0%80%af", "UTF-8" },
	{ "gender=%ed%a0%80", "UTF-8" }, { "gender=%f8%88%80%80%80", "UTF-8" }, { "category=%e6%ad", "UTF-8" },
	{ "%ff=1", "UTF-8" }, { "gender=%00", "控制字符" }, { "gender=m%00", "控制字符" }, { "city=420100%00", "控制字符" },
	{ "gender=%01", "控制字符" }, { "gender=%1b", "控制字符" }, { "gender=%7f", "控制字符" },
	{ "%00=1", "控制字符" }, { "city=%zz", "百分号编码" }, { "city=%", "百分号编码" }, { "city=%4", "百分号编码" },
	{ "city=42%g100", "百分号编码" }, { "gender=f&city=420100%", "百分号编码" },
};

START_TEST(bad_encoding_is_400)
{
	char path[128];
	struct resp r;

	snprintf(path, sizeof path, "/children?%s", ENCODINGS[_i].query);
	get(path, &r);
	ck_assert_msg(r.status == 400, "%s: status %ld, want 400", path, r.status);
	ck_assert_msg(strstr(r.body, ENCODINGS[_i].problem), "%s: message does not mention %s", path,
	              ENCODINGS[_i].problem);
	resp_free(&r);
}
END_TEST

/* nginx refuses a NUL in the path before the app sees it; its answer must still be one of our pages. */
START_TEST(nul_in_path_is_a_page)
{
	const char *path = _i ? "/children/TSP0000001%00" : "/children/%00";
	struct resp r;

	get(path, &r);
	ck_assert_msg(r.status == 400 || r.status == 404, "%s: status %ld", path, r.status);
	ck_assert_msg(resp_has_header(&r, "Content-Security-Policy", NULL), "%s: no security headers:\n%s", path,
	              r.headers);
	ck_assert_msg(strstr(r.body, "请求") || strstr(r.body, "页面不存在"), "%s: no readable message:\n%s", path, r.body);
	resp_free(&r);
}
END_TEST

#define N(a) (int)(sizeof a / sizeof a[0])

int main(void)
{
	Suite *s = suite_create("http_security");
	TCase *t = tcase_create("security");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(t, fixtures_add, fixtures_remove);
	tcase_add_loop_test(t, xss_in_parameters_is_inert, 0, NKEYS + 3);
	tcase_add_loop_test(t, xss_in_child_is_escaped, 0, N(XSS_PAGES));
	tcase_add_loop_test(t, sql_injection_is_inert, 0, (NKEYS + 2) * NSQLI);
	tcase_add_loop_test(t, personal_data_never_leaves, 0, N(PII_PAGES));
	tcase_add_loop_test(t, bad_encoding_is_400, 0, N(ENCODINGS));
	tcase_add_loop_test(t, nul_in_path_is_a_page, 0, 2);
	suite_add_tcase(s, t);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
