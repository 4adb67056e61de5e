/* http_elsewhere.c — ID numbers outside a staff member's reach: told about within the day's allowance, never probed. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "check_main.h"
#include "client.h"
#include "config.h"
#include "idcard.h"
#include "pii.h"

/* A child of 武昌区 (420106), out of 巴东县's reach; its ID number is what the probes look for. */
#define REAL_ID "420106201306150048"
#define CODE "TEW0000001"
#define HEADER "姓名,身份证号,性别,出生日期,区县代码,困境类别,监护人姓名,监护人电话,家庭住址\r\n"

/* The instance's daily allowance (the suite's is large, so that other tests' checks are told everything). */
static long allowance(void)
{
	struct config cfg;
	long n;

	ck_assert_int_eq(instance_config(&cfg), 0);
	n = cfg.elsewhere_per_day;
	config_free(&cfg);
	return n;
}

/* Leave badong with left answers today, whatever the instance's allowance (the suite's is large). */
static void allowance_left(long left)
{
	char sql[512];

	snprintf(sql, sizeof sql, "REPLACE INTO elsewhere_allowance (staff_id, day, used) "
	         "SELECT id, CURDATE(), %ld FROM staff WHERE username = 'badong';", allowance() - left);
	ck_assert_int_eq(admin_sql(sql, NULL), 0);
}

static void setup(void)
{
	struct fixture_child ch = { CODE, "测试·外县", "f", "2013-06-15", "420106", "ill", "（虚构）", "waiting", 1,
	                            "虚构·外县", REAL_ID, "虚构监护人" };

	fixture_delete(CODE);
	ck_assert_int_eq(fixture_insert(&ch), 0);
}

static void teardown(void)
{
	fixture_delete(CODE);
	admin_sql("DELETE FROM elsewhere_allowance;", NULL);
}

/*
 * A ledger of 1,000 candidate numbers for a child born on birth in 武昌区 (the last three digits before the check
 * character run 000..999), each row in 巴东县, where the uploader works.
 */
static char *candidates(const char *birth, size_t *len)
{
	size_t cap = 1000 * 160 + 256, n;
	char *csv = malloc(cap);

	ck_assert_ptr_nonnull(csv);
	n = (size_t)snprintf(csv, cap, "%s", HEADER);
	for (int i = 0; i < 1000; i++) {
		char id[32];
		snprintf(id, sizeof id, "420106%.4s%.2s%.2s%03d", birth, birth + 5, birth + 8, i);
		id[17] = idcard_check_char(id);
		id[18] = '\0';
		n += (size_t)snprintf(csv + n, cap - n, "虚构·候选%d,%s,女,%s,422823,ill,虚构,13900000000,某村\r\n", i, id,
		                      birth);
	}
	*len = n;
	return csv;
}

/* POST csv to the check, as the upload form does; the report is left in r. */
static void check(struct browser *b, const char *csv, size_t len, struct resp *r)
{
	const char *names[1] = { "csrf" }, *values[1] = { b->csrf };

	ck_assert_int_eq(b_upload(b, "/admin/import", csv, len, names, values, 1, r), 200);
}

/* The report without what differs from one upload to the next: the upload's id and the form tokens. */
static char *report_of(const struct resp *r)
{
	char *s = strdup(r->body), *p;

	ck_assert_ptr_nonnull(s);
	for (p = s; (p = strstr(p, "/admin/import/")); p += 14)
		memset(p + 14, '-', strspn(p + 14, "0123456789abcdef"));
	for (p = s; (p = strstr(p, "name=\"csrf\" value=\"")); p += 19)
		memset(p + 19, '-', strcspn(p + 19, "\""));
	return s;
}

START_TEST(a_thousand_candidates_tell_nothing_and_the_province_sees_them)
{
	struct browser b, prov;
	struct resp hit, miss, r;
	size_t len;
	char *csv, *a, *z;
	long long withheld = admin_sql_numf("SELECT COUNT(*) FROM audit_log WHERE action = 'import.withheld' AND "
	                                    "object_id = '1000/1' AND staff_id = (SELECT id FROM staff WHERE "
	                                    "username = 'badong')");

	allowance_left(20);
	ck_assert_int_eq(b_staff(&b, "badong"), 303);
	/* One file holds the real number among 999 others; another, for a birth date with no child, holds none. */
	csv = candidates("2013-06-15", &len);
	check(&b, csv, len, &hit);
	free(csv);
	csv = candidates("2013-06-16", &len);
	check(&b, csv, len, &miss);
	free(csv);
	a = report_of(&hit);
	z = report_of(&miss);
	ck_assert_msg(strcmp(a, z) == 0, "the report with the real number differs from one without:\n%s", a);
	ck_assert_msg(body_has(&hit, "不在您档案中的 <b>1000</b> 行") && !body_has(&hit, "其他区县登记 <b>"),
	              "report: %s", hit.body);
	free(a);
	free(z);
	resp_free(&hit);
	resp_free(&miss);
	/* Nothing was written, the day's allowance is untouched, and the province is told: its dashboard lists it. */
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM children WHERE alias = '待定' AND birth_date = '2013-06-15'"), 0);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM audit_log WHERE action = 'import.withheld' AND "
	                                "object_id = '1000/1' AND staff_id = (SELECT id FROM staff WHERE "
	                                "username = 'badong')"), withheld + 1);
	ck_assert_int_eq(b_staff(&prov, "province"), 303);
	ck_assert_int_eq(b_get(&prov, "/admin", &r), 0);
	ck_assert_msg(r.status == 200 && body_has(&r, "待省级审核") && body_has(&r, "不在其档案中的 1000 行，其中 1 行"),
	              "the province's dashboard: %s", r.body);
	resp_free(&r);
	/* The county's own dashboard has no such list. */
	ck_assert_int_eq(b_get(&b, "/admin", &r), 0);
	ck_assert_msg(r.status == 200 && !body_has(&r, "待省级审核"), "a county sees the review list");
	resp_free(&r);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM audit_log WHERE summary LIKE '%%" REAL_ID "%%' OR object_id = '"
	                     REAL_ID "'"), 0);
	browser_free(&b);
	browser_free(&prov);
}
END_TEST

/* The keyed hash of an ID number, in hex, as the audit log keeps it. */
static void hash_hex(const char *id, char out[2 * PII_HASHBYTES + 1])
{
	struct config cfg;
	unsigned char h[PII_HASHBYTES];

	ck_assert_int_eq(instance_config(&cfg), 0);
	pii_id_hash(cfg.hash_key, id, h);
	sodium_bin2hex(out, 2 * PII_HASHBYTES + 1, h, PII_HASHBYTES);
	config_free(&cfg);
}

/* Audit rows of action about the number with keyed hash hex (the log is append-only: tests compare counts). */
static long long audits(const char *action, const char *hex)
{
	return admin_sql_numf("SELECT COUNT(*) FROM audit_log WHERE action = '%s' AND object_id = '%s'", action, hex);
}

START_TEST(within_the_allowance_staff_are_told_row_by_row_and_it_is_audited)
{
	const char csv[] = HEADER
		"虚构·甲,42282320130615001X,女,2013-06-15,422823,ill,虚构,13900000000,某村\r\n"
		"虚构·乙," REAL_ID ",女,2013-06-15,422823,ill,虚构,13900000000,某村\r\n";
	struct browser b;
	struct resp r;
	char hex[2 * PII_HASHBYTES + 1];
	long long rows, told, withheld;

	hash_hex(REAL_ID, hex);
	rows = admin_sql_numf("SELECT COUNT(*) FROM audit_log WHERE action = 'import.elsewhere' AND object_id = '%s' "
	                      "AND summary LIKE '%%row 3 %%'", hex);
	told = audits("child.elsewhere", hex);
	withheld = audits("child.withheld", hex);
	allowance_left(20);
	ck_assert_int_eq(b_staff(&b, "badong"), 303);
	check(&b, csv, sizeof csv - 1, &r);
	ck_assert_msg(body_has(&r, "新增 <b>1</b>") && body_has(&r, "已在其他区县登记 <b>1</b>") &&
	              cells_has(&r, "\n| 3 |") && body_has(&r, "转移档案"), "report: %s", r.body);
	resp_free(&r);
	/* Two answers spent (a new row tells as much as an elsewhere one); the elsewhere one audited by its hash. */
	ck_assert_int_eq(admin_sql_numf("SELECT used FROM elsewhere_allowance a JOIN staff t ON t.id = a.staff_id "
	                     "WHERE t.username = 'badong' AND a.day = CURDATE()"), allowance() - 20 + 2);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM audit_log WHERE action = 'import.elsewhere' AND "
	                                "object_id = '%s' AND summary LIKE '%%row 3 %%'", hex), rows + 1);
	/* The form: told while an answer is left, then only that the province will look at it. */
	allowance_left(1);
	{
		const char *form = "alias=x&gender=f&birth_date=2013-06-15&county=422823&category=ill&real_name=x"
		                   "&id_number=" REAL_ID "&guardian=x";
		ck_assert_int_eq(b_post(&b, "/admin/children", form, &r), 0);
		ck_assert_msg(r.status == 409 && body_has(&r, "转移档案"), "first: %ld %s", r.status, r.body);
		resp_free(&r);
		ck_assert_int_eq(b_post(&b, "/admin/children", form, &r), 0);
		ck_assert_msg(r.status == 409 && body_has(&r, "省慈善总会审核") && !body_has(&r, "管理范围以外"),
		              "second: %ld %s", r.status, r.body);
		resp_free(&r);
	}
	ck_assert_int_eq(audits("child.elsewhere", hex), told + 1);
	ck_assert_int_eq(audits("child.withheld", hex), withheld + 1);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM audit_log WHERE summary LIKE '%%" REAL_ID "%%' OR object_id = '"
	                     REAL_ID "'"), 0);
	browser_free(&b);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("elsewhere");
	TCase *t = tcase_create("elsewhere");

	tcase_set_timeout(t, 120);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, a_thousand_candidates_tell_nothing_and_the_province_sees_them);
	tcase_add_test(t, within_the_allowance_staff_are_told_row_by_row_and_it_is_audited);
	suite_add_tcase(s, t);
	return s;
}
