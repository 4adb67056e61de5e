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
/* NEAR's county and birth month: a few children, NEAR first if listed (fixtures wait longest). */
#define NEAR_LISTING "/children?county=422823&birth_month=5&gender=m&category=ill"

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
	ck_assert_msg(b_staff(b, username) == 303, "%s: login", username);
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
	ck_assert_int_eq(get(&badong, "/admin/children/" FAR, "返回工作台"), 404);   /* an error page that leads back to work */
	ck_assert_int_eq(num(VIEWS(FAR)), seen);
	ck_assert_int_eq(get(&badong, "/admin/children?county=420106", NULL), 404);   /* refused */
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
	ck_assert_int_eq(http_get(NEAR_LISTING, &r), 0);
	ck_assert_msg(body_has(&r, NEAR), "a child with consent is not listed");
	resp_free(&r);
	ck_assert_int_eq(get(&b, "/admin/children/" NEAR, NULL), 200);
	ck_assert_int_eq(post(&b, "/admin/children/" NEAR "/consent",
	                      "publish=0&given_by=%E7%9B%91%E6%8A%A4%E4%BA%BA&given_on=2026-11-01", NULL), 303);
	ck_assert_int_eq(http_get("/children/" NEAR, &r), 0);
	ck_assert_int_eq(r.status, 404);
	resp_free(&r);
	ck_assert_int_eq(http_get(NEAR_LISTING, &r), 0);
	ck_assert_msg(!body_has(&r, NEAR), "a child without consent is still listed");
	resp_free(&r);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM child_consents WHERE publish = 0 AND "
	                     "child_id = (SELECT id FROM children WHERE code = '" NEAR "')"), 1);
	/* The guardian's name is sealed, and not in the audit log. */
	ck_assert_int_eq(num("SELECT COUNT(*) FROM child_consents WHERE CAST(given_by AS CHAR) LIKE '%%监护人%%'"), 0);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE summary LIKE '%%监护人%%'"), 0);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE action = 'child.consent' AND object_id = '" NEAR "'"),
	                 logged + 1);
	browser_free(&b);
}
END_TEST

/* A fixture child with a sponsorship of state (by SQL: the checkout has its own tests) for exit-test@example.com. */
static void sponsored(const char *code, const char *state)
{
	char sql[1024];
	struct fixture_child ch = {
		code, "测试·退出", "f", "2010-01-02", "422823", "other", "（虚构）退出测试。", "waiting", 1,
		"虚构·退出真名", "", "虚构监护人 13900000003",
	};
	/* Valid ID numbers (the check character fits) of one made-up birth date, one per child. */
	ch.id_number = code[9] == '3' ? "422823201001020011" : "422823201001020046";
	fixture_delete(code);
	ck_assert_int_eq(fixture_insert(&ch), 0);
	snprintf(sql, sizeof sql,
	         "INSERT INTO donors (login, login_kind, pw_hash, display_name, agreed_at) VALUES "
	         "('exit-test@example.com', 'email', 'x', '退出测试', NOW()) ON DUPLICATE KEY UPDATE id = id;"
	         "INSERT INTO sponsorships (child_id, donor_id, state, plan, hold_until) SELECT c.id, d.id, '%s', 'annual', "
	         "NOW() FROM children c, donors d WHERE c.code = '%s' AND d.login = 'exit-test@example.com';"
	         "UPDATE children SET status = IF('%s' = 'active', 'paired', 'pending') WHERE code = '%s';",
	         state, code, state, code);
	ck_assert_int_eq(admin_sql(sql, NULL), 0);
}

START_TEST(exit_ends_the_pairing_and_offers_another_child)
{
	struct browser b, prov;
	long long mails = num("SELECT COUNT(*) FROM outbox WHERE recipient = 'exit-test@example.com'");
	struct resp r;

	sponsored("TR00000003", "active");
	staff(&b, "badong");
	ck_assert_int_eq(get(&b, "/admin/children/TR00000003", NULL), 200);
	ck_assert_int_eq(post(&b, "/admin/children/TR00000003/exit", "exit_reason=other", "写明原因"), 400);
	ck_assert_int_eq(post(&b, "/admin/children/TR00000003/exit", "exit_reason=improved", NULL), 303);
	ck_assert_int_eq(num("SELECT status = 'exited' AND exit_reason = 'improved' FROM children WHERE code = 'TR00000003'"), 1);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM sponsorships WHERE state = 'ended' AND end_reason = '家庭情况好转' AND "
	                     "child_id = (SELECT id FROM children WHERE code = 'TR00000003')"), 1);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM outbox WHERE recipient = 'exit-test@example.com'"), mails + 1);
	ck_assert_int_eq(num("SELECT body LIKE '%%/children/%%' FROM outbox WHERE recipient = 'exit-test@example.com' "
	                     "ORDER BY id DESC LIMIT 1"), 1);
	ck_assert_int_eq(post(&b, "/admin/children/TR00000003/exit", "exit_reason=moved", NULL), 409);
	ck_assert_int_eq(http_get("/children/TR00000003", &r), 0);
	ck_assert_int_eq(r.status, 404);
	resp_free(&r);
	/* The province reads it in the audit log; a county may not. */
	staff(&prov, "province");
	ck_assert_int_eq(get(&prov, "/admin/audit?action=child.exit", "TR00000003"), 200);
	ck_assert_int_eq(get(&b, "/admin/audit", NULL), 403);
	browser_free(&b);
	browser_free(&prov);
}
END_TEST

START_TEST(exit_waits_for_a_pairing_being_decided)
{
	struct browser b;

	sponsored("TR00000004", "pending_approval");
	staff(&b, "badong");
	ck_assert_int_eq(get(&b, "/admin/children/TR00000004", NULL), 200);
	ck_assert_int_eq(post(&b, "/admin/children/TR00000004/exit", "exit_reason=aged_out", "审核"), 409);
	ck_assert_int_eq(num("SELECT status = 'pending' FROM children WHERE code = 'TR00000004'"), 1);
	browser_free(&b);
}
END_TEST

/* Exports: UTF-8 with a BOM, within scope, personal data only on request and then on record. */
START_TEST(exports_are_scoped_and_personal_data_is_audited)
{
	struct browser b, vol;
	struct resp r;
	long long before = num("SELECT COUNT(*) FROM audit_log WHERE action = 'export.children_pii'");

	children();
	staff(&b, "badong");
	b_get(&b, "/admin/export/children.csv", &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_msg(resp_has_header(&r, "Content-Type", "text/csv; charset=utf-8"), "not CSV");
	ck_assert_msg(memcmp(r.body, "\xEF\xBB\xBF\"编号\"", 11) == 0, "no BOM and header row");
	ck_assert_msg(body_has(&r, NEAR) && !body_has(&r, FAR), "the export is not badong's scope");
	ck_assert_msg(!body_has(&r, "虚构·档案真名甲") && !body_has(&r, NEAR_ID), "personal data without asking");
	/* The birth date is personal data too: the year and month only. */
	ck_assert_msg(body_has(&r, "\"出生年月\"") && body_has(&r, "\"2013-05\"") &&
	              !body_has(&r, "2013-05-06") && !body_has(&r, "出生日期"),
	              "the export without personal data has the birth date");
	resp_free(&r);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE action = 'export.children_pii'"), before);
	/* A link cannot ask for personal data: only the form's POST, with its token, can. */
	b_get(&b, "/admin/export/children.csv?pii=1", &r);
	ck_assert_msg(r.status == 200 && !body_has(&r, NEAR_ID), "a GET exported personal data");
	resp_free(&r);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE action = 'export.children_pii'"), before);
	ck_assert_int_eq(get(&b, "/admin/children", "含个人信息"), 200);
	b_post(&b, "/admin/export/children.csv", "csrf=0000&pii=1", &r);
	ck_assert_int_eq(r.status, 403);
	resp_free(&r);
	b_post(&b, "/admin/export/children.csv", "pii=1", &r);
	ck_assert_msg(body_has(&r, "虚构·档案真名甲") && body_has(&r, NEAR_ID), "personal data missing when asked");
	ck_assert_msg(body_has(&r, "家庭住址"), "no address column");
	ck_assert_msg(body_has(&r, "\"出生日期\"") && body_has(&r, "\"2013-05-06\""),
	              "no birth date with personal data");
	resp_free(&r);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE action = 'export.children_pii'"), before + 1);
	staff(&vol, "badong-volunteer");
	ck_assert_int_eq(post(&vol, "/admin/export/children.csv", "pii=1", NULL), 403);
	browser_free(&b);
	browser_free(&vol);
}
END_TEST

/* A county assigns its child to its volunteer, who then sees it; taken back, it is gone from the volunteer's page. */
START_TEST(volunteers_see_the_children_assigned_to_them)
{
	struct browser b, vol;
	struct resp r;

	children();
	staff(&b, "badong");
	staff(&vol, "badong-volunteer");
	ck_assert_int_eq(get(&b, "/admin/children/" NEAR, "巴东志愿者"), 200);
	ck_assert_int_eq(post(&b, "/admin/children/" NEAR "/volunteer", "staff=badong-volunteer&active=1", NULL), 303);
	b_get(&vol, "/admin", &r);
	ck_assert_msg(body_has(&r, NEAR) && !body_has(&r, "虚构·档案真名甲"), "the volunteer's page: %s", NEAR);
	resp_free(&r);
	ck_assert_int_eq(post(&b, "/admin/children/" NEAR "/volunteer", "staff=badong-volunteer&active=0", NULL), 303);
	b_get(&vol, "/admin", &r);
	ck_assert_msg(!body_has(&r, NEAR), "the volunteer still sees a child taken back");
	resp_free(&r);
	/* Only a volunteer of the child's own county. */
	ck_assert_int_eq(post(&b, "/admin/children/" NEAR "/volunteer", "staff=badong&active=1", "志愿者"), 400);
	browser_free(&b);
	browser_free(&vol);
}
END_TEST

/* A new child's record as the form sends it: 巴东县 unless county says otherwise. */
#define NEW_ID "422823201505050011"
#define NEW_FORM(county, id, birth) "alias=%E6%B5%8B%E8%AF%95%C2%B7%E6%96%B0%E7%99%BB%E8%AE%B0&gender=f&birth_date=" \
	birth "&county=" county "&category=ill&story=x&real_name=%E8%99%9A%E6%9E%84%C2%B7%E6%96%B0%E7%99%BB%E8%AE%B0" \
	"&id_number=" id "&guardian=%E8%99%9A%E6%9E%84%E7%9B%91%E6%8A%A4%E4%BA%BA&address=%E8%99%9A%E6%9E%84%E5%9C%B0%E5%9D%80"
#define NEW_COUNT "SELECT COUNT(*) FROM children WHERE alias = '测试·新登记'"

START_TEST(new_records_are_checked_kept_private_and_audited)
{
	struct browser b;
	struct resp r;
	char loc[128], code[16], sql[256], *out = NULL;

	admin_sql("DELETE FROM children WHERE alias = '测试·新登记';", NULL);
	staff(&b, "badong");
	ck_assert_int_eq(get(&b, "/admin/children/new", "登记新的孩子"), 200);
	/* Refused, and nothing written: another county, a wrong birth date, a wrong check character, no category. */
	ck_assert_int_eq(post(&b, "/admin/children", NEW_FORM("420106", NEW_ID, "2015-05-05"), "管理范围"), 403);
	ck_assert_int_eq(post(&b, "/admin/children", NEW_FORM("422823", NEW_ID, "2015-05-06"), "出生日期"), 400);
	ck_assert_int_eq(post(&b, "/admin/children", NEW_FORM("422823", "422823201505050012", "2015-05-05"), "身份证号"),
	                 400);
	ck_assert_int_eq(num(NEW_COUNT), 0);
	/* Recorded: waiting, unpublished, its personal data on the record page only, and the creation on record. */
	b_post(&b, "/admin/children", NEW_FORM("422823", NEW_ID, "2015-05-05"), &r);
	ck_assert_int_eq(r.status, 303);
	resp_location(&r, loc, sizeof loc);
	resp_free(&r);
	ck_assert_msg(sscanf(loc, "/admin/children/%15s", code) == 1 && strlen(code) == 10, "went to %s", loc);
	ck_assert_int_eq(get(&b, loc, "虚构·新登记"), 200);
	ck_assert_int_eq(get(&b, loc, "虚构地址"), 200);
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM children WHERE code = '%s' AND status = 'waiting' AND "
	         "consent_publish = 0 AND city_code = '422800'", code);
	ck_assert_int_eq(num("%s", sql), 1);
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM audit_log WHERE action = 'child.create' AND object_id = '%s' "
	         "AND summary NOT LIKE '%%虚构%%'", code);
	ck_assert_int_eq(num("%s", sql), 1);
	snprintf(loc, sizeof loc, "/children/%s", code);
	ck_assert_int_eq(get(&b, loc, NULL), 404);
	/* The same ID number again: a 409 that names the record, and still one child. */
	ck_assert_int_eq(post(&b, "/admin/children", NEW_FORM("422823", NEW_ID, "2015-05-05"), code), 409);
	ck_assert_int_eq(num(NEW_COUNT), 1);
	/* An ID number on record in another county: said without naming the record, and that it was said is audited. */
	{
		long long told = num("SELECT COUNT(*) FROM audit_log WHERE action = 'child.elsewhere' AND "
		                     "staff_id = (SELECT id FROM staff WHERE username = 'badong')");
		children();
		ck_assert_int_eq(post(&b, "/admin/children", NEW_FORM("422823", "420106201402031233", "2014-02-03"), "管理范围以外"),
		                 409);
		ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE action = 'child.elsewhere' AND "
		                     "staff_id = (SELECT id FROM staff WHERE username = 'badong')"), told + 1);
		ck_assert_int_eq(num(NEW_COUNT), 1);
	}
	/* The database itself keeps a child's city its county's. */
	snprintf(sql, sizeof sql, "UPDATE children SET city_code = '420100' WHERE code = '%s';", code);
	ck_assert_msg(admin_sql(sql, &out) != 0, "the database took a city that is not the county's");
	free(out);
	fixture_delete(code);
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
	tcase_add_test(t, exit_ends_the_pairing_and_offers_another_child);
	tcase_add_test(t, exit_waits_for_a_pairing_being_decided);
	tcase_add_test(t, exports_are_scoped_and_personal_data_is_audited);
	tcase_add_test(t, volunteers_see_the_children_assigned_to_them);
	tcase_add_test(t, new_records_are_checked_kept_private_and_audited);
	suite_add_tcase(s, t);
	return s;
}
