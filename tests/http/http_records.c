/* http_records.c — staff and children's records: scope, audited views of personal data, edit conflicts, validation, consent. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "client.h"

#define NEAR "TR00000001"   /* 巴东县: badong's, enshi's and province's */
#define FAR  "TR00000002"   /* 武汉市武昌区: only province's */
#define NEAR_ID "42282320130506999X"

/* badong's audited views of a child's personal data (the log only grows, so tests compare counts). */
#define VIEWS(code) "SELECT COUNT(*) FROM audit_log WHERE action = 'child.view_pii' AND object_id = '" code "' " \
	"AND staff_id = (SELECT id FROM staff WHERE username = 'badong')"

#define UPDATES "SELECT COUNT(*) FROM audit_log WHERE action = 'child.update' AND object_id = '" NEAR "' " \
	"AND summary LIKE '%%alias%%'"

static long long num(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static long long num(const char *fmt, ...)
{
	char sql[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	return admin_sql_num(sql);
}

static void children(void)
{
	static const struct fixture_child KIDS[] = {
		{ NEAR, "测试·档案甲", "m", "2013-05-06", "422823", "ill", "（虚构）档案测试。", "waiting", 1,
		  "虚构·档案真名甲", NEAR_ID, "虚构监护人 13900000001" },
		{ FAR, "测试·档案乙", "f", "2014-02-03", "420106", "other", "（虚构）档案测试。", "waiting", 1,
		  "虚构·档案真名乙", "420106201402031233", "虚构监护人 13900000002" },
	};

	for (int i = 0; i < 2; i++) {
		fixture_delete(KIDS[i].code);
		ck_assert_int_eq(fixture_insert(&KIDS[i]), 0);
	}
}

static void staff(struct browser *b, const char *username)
{
	struct resp r;
	char form[128];

	browser_init(b);
	b_get(b, "/admin/login", &r), resp_free(&r);
	snprintf(form, sizeof form, "username=%s&password=tongxiang-demo", username);
	b_post(b, "/admin/login", form, &r);
	ck_assert_msg(r.status == 303, "%s: login %ld", username, r.status);
	resp_free(&r);
}

static long get(struct browser *b, const char *path, const char *needle)
{
	struct resp r;
	long status;

	b_get(b, path, &r);
	status = r.status;
	if (needle)
		ck_assert_msg(body_has(&r, needle), "%s: no \"%s\"", path, needle);
	resp_free(&r);
	return status;
}

static long post(struct browser *b, const char *path, const char *form, const char *needle)
{
	struct resp r;
	long status;

	b_post(b, path, form, &r);
	status = r.status;
	if (needle)
		ck_assert_msg(body_has(&r, needle), "POST %s: no \"%s\"", path, needle);
	resp_free(&r);
	return status;
}

/* The record form as the edit page has it, with changes: alias, story and the ID number as given. */
static const char *form(const char *alias, const char *id, int version)
{
	static char f[512];

	snprintf(f, sizeof f, "version=%d&alias=%s&gender=m&birth_date=2013-05-06&county=422823&category=ill"
	         "&story=x&real_name=%%E8%%99%%9A%%E6%%9E%%84&id_number=%s&guardian=g", version, alias, id);
	return f;
}

START_TEST(views_are_scoped_and_audited)
{
	struct browser badong, vol;
	long long seen;

	children();
	staff(&badong, "badong");
	seen = num(VIEWS(NEAR));
	ck_assert_int_eq(get(&badong, "/admin/children/" NEAR, "虚构·档案真名甲"), 200);
	ck_assert_int_eq(num(VIEWS(NEAR)), seen + 1);
	/* Another county's child is not there for badong, and looking is not a view. */
	seen = num(VIEWS(FAR));
	ck_assert_int_eq(get(&badong, "/admin/children/" FAR, NULL), 404);
	ck_assert_int_eq(num(VIEWS(FAR)), seen);
	ck_assert_int_eq(get(&badong, "/admin/children?county=420106", NULL), 200);
	ck_assert_int_eq(get(&badong, "/admin/children", NEAR), 200);
	{
		struct resp r;
		b_get(&badong, "/admin/children?days=0", &r);
		ck_assert_msg(!body_has(&r, FAR), "badong's list shows a child of another county");
		resp_free(&r);
	}
	staff(&vol, "badong-volunteer");
	ck_assert_int_eq(get(&vol, "/admin/children/" NEAR, NULL), 403);
	browser_free(&badong);
	browser_free(&vol);
}
END_TEST

START_TEST(second_save_from_an_old_version_gets_the_conflict_page)
{
	struct browser a, b;
	long long updates = num(UPDATES);

	children();
	staff(&a, "badong");
	staff(&b, "enshi");
	ck_assert_int_eq(get(&a, "/admin/children/" NEAR, NULL), 200);
	ck_assert_int_eq(get(&b, "/admin/children/" NEAR, NULL), 200);
	ck_assert_int_eq(post(&a, "/admin/children/" NEAR, form("A%E7%9A%84%E5%8C%96%E5%90%8D", NEAR_ID, 1), NULL), 303);
	ck_assert_int_eq(num("SELECT version FROM children WHERE code = '" NEAR "'"), 2);
	/* B saved from version 1: nothing is written, and the page shows both. */
	ck_assert_int_eq(post(&b, "/admin/children/" NEAR, form("B%E7%9A%84%E5%8C%96%E5%90%8D", NEAR_ID, 1),
	                      "别人已经保存"), 409);
	ck_assert_int_eq(num("SELECT alias = 'A的化名' AND version = 2 FROM children WHERE code = '" NEAR "'"), 1);
	{
		struct resp r;
		b_post(&b, "/admin/children/" NEAR, form("B%E7%9A%84%E5%8C%96%E5%90%8D", NEAR_ID, 1), &r);
		ck_assert_msg(body_has(&r, "A的化名") && body_has(&r, "B的化名"), "the conflict page lacks a version");
		ck_assert_msg(body_has(&r, "name=\"version\" value=\"2\""), "the conflict page does not start from version 2");
		resp_free(&r);
	}
	/* Knowing both, B saves again from the current version. */
	ck_assert_int_eq(post(&b, "/admin/children/" NEAR, form("B%E7%9A%84%E5%8C%96%E5%90%8D", NEAR_ID, 2), NULL), 303);
	ck_assert_int_eq(num("SELECT alias = 'B的化名' AND version = 3 FROM children WHERE code = '" NEAR "'"), 1);
	ck_assert_int_eq(num(UPDATES), updates + 2);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE summary LIKE '%%档案真名%%' OR summary LIKE '%%"
	                     NEAR_ID "%%'"), 0);   /* the log names fields, never personal data */
	browser_free(&a);
	browser_free(&b);
}
END_TEST

static const struct {
	const char *form;
	long        status;
	const char *says;
} BAD[] = {
	{ "version=1&alias=x&gender=m&birth_date=2013-05-06&county=422823&category=ill&real_name=x&id_number="
	  "422823201305069991&guardian=g", 400, "校验位" },
	{ "version=1&alias=x&gender=m&birth_date=2013-05-07&county=422823&category=ill&real_name=x&id_number="
	  NEAR_ID "&guardian=g", 400, "不一致" },
	{ "version=1&alias=x&gender=m&birth_date=2013-05-06&county=420106&category=ill&real_name=x&id_number="
	  NEAR_ID "&guardian=g", 403, "管理范围" },
	{ "version=1&alias=x&gender=m&birth_date=2013-05-06&county=422823&category=orphan&real_name=x&id_number="
	  NEAR_ID "&guardian=g", 400, "困境类别" },
	{ "version=1&alias=x&gender=m&birth_date=2013-02-30&county=422823&category=ill&real_name=x&id_number="
	  NEAR_ID "&guardian=g", 400, "出生日期" },
	{ "version=1&gender=m&birth_date=2013-05-06&county=422823&category=ill&real_name=x&id_number="
	  NEAR_ID "&guardian=g", 400, "化名" },
};

START_TEST(bad_records_are_refused_and_change_nothing)
{
	struct browser b;

	children();
	staff(&b, "badong");
	ck_assert_int_eq(get(&b, "/admin/children/" NEAR, NULL), 200);
	ck_assert_int_eq(post(&b, "/admin/children/" NEAR, BAD[_i].form, BAD[_i].says), BAD[_i].status);
	ck_assert_int_eq(num("SELECT version FROM children WHERE code = '" NEAR "'"), 1);
	browser_free(&b);
}
END_TEST

START_TEST(withdrawn_consent_leaves_the_public_pages_at_once)
{
	struct browser b;
	struct resp r;
	long long logged;

	children();
	staff(&b, "badong");
	logged = num("SELECT COUNT(*) FROM audit_log WHERE action = 'child.consent' AND object_id = '" NEAR "'");
	ck_assert_int_eq(http_get("/children/" NEAR, &r), 0);
	ck_assert_int_eq(r.status, 200);
	resp_free(&r);
	ck_assert_int_eq(get(&b, "/admin/children/" NEAR, NULL), 200);
	ck_assert_int_eq(post(&b, "/admin/children/" NEAR "/consent",
	                      "publish=0&given_by=%E7%9B%91%E6%8A%A4%E4%BA%BA&given_on=2026-11-01", NULL), 303);
	ck_assert_int_eq(http_get("/children/" NEAR, &r), 0);
	ck_assert_int_eq(r.status, 404);
	resp_free(&r);
	ck_assert_int_eq(http_get("/children?county=422823&birthday=05-06", &r), 0);
	ck_assert_msg(!body_has(&r, NEAR), "a child without consent is still listed");
	resp_free(&r);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM child_consents WHERE publish = 0 AND given_by = '监护人' AND "
	                     "child_id = (SELECT id FROM children WHERE code = '" NEAR "')"), 1);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE action = 'child.consent' AND object_id = '" NEAR "'"),
	                 logged + 1);
	browser_free(&b);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("records");
	TCase *t = tcase_create("records");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, views_are_scoped_and_audited);
	tcase_add_test(t, second_save_from_an_old_version_gets_the_conflict_page);
	tcase_add_loop_test(t, bad_records_are_refused_and_change_nothing, 0, sizeof BAD / sizeof BAD[0]);
	tcase_add_test(t, withdrawn_consent_leaves_the_public_pages_at_once);
	suite_add_tcase(s, t);
	return s;
}
