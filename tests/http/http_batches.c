/*
 * http_batches.c — a county's payout batch, as county and city staff use it: made for everyone paired in the county
 * (the unfunded, those without an account and those with the period taken skipped and listed with the reason),
 * submitted by the county, approved by the city only, exported for the bank (UTF-8 with a BOM, GBK that decodes to
 * the same rows, audited, formula-safe), and the bank's result file read back line by line (unknown reference, amount
 * mismatch, junk, GBK, BOM), only the good lines applied, the same file again changing nothing, failed rows first.
 */
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "client.h"

#define COUNTY      "422802"            /* 利川市, under 恩施州 (the demo city staff enshi) */
#define PAYER       "batches-lichuan"   /* its county staff, made here */
#define DONOR       "batches-donor@example.com"
#define PERIOD      "2027H1"
#define HALF_FEN    150000              /* half of 3,000 yuan */
#define BOM         "\xEF\xBB\xBF"
/* The batch's children: their codes, in id order. */
#define KIDS_IN     "'BA00000001','BA00000002','BA00000003','BA00000004','BA00000005','BA00000006'"

/* Paid with funds and an account (the first holder's name starts like a formula); unfunded; no account; the
 * period taken by a month of it. */
enum { KID_A, KID_B, KID_C, KID_POOR, KID_NOACC, KID_TAKEN, NKIDS };
static const struct fixture_child KIDS[NKIDS] = {
	{ "BA00000001", "测试·发放甲", "f", "2014-02-03", COUNTY, "ill", "（虚构）发放测试。", "paired", 0,
	  "虚构·发放甲", "BATCH-1", "虚构监护人 13900000021" },
	{ "BA00000002", "测试·发放乙", "m", "2014-02-03", COUNTY, "ill", "（虚构）发放测试。", "paired", 0,
	  "虚构·发放乙", "BATCH-2", "虚构监护人 13900000022" },
	{ "BA00000003", "测试·发放丙", "f", "2014-02-03", COUNTY, "ill", "（虚构）发放测试。", "paired", 0,
	  "虚构·发放丙", "BATCH-3", "虚构监护人 13900000023" },
	{ "BA00000004", "测试·发放丁", "m", "2014-02-03", COUNTY, "ill", "（虚构）发放测试。", "paired", 0,
	  "虚构·发放丁", "BATCH-4", "虚构监护人 13900000024" },
	{ "BA00000005", "测试·发放戊", "f", "2014-02-03", COUNTY, "ill", "（虚构）发放测试。", "paired", 0,
	  "虚构·发放戊", "BATCH-5", "虚构监护人 13900000025" },
	{ "BA00000006", "测试·发放己", "m", "2014-02-03", COUNTY, "ill", "（虚构）发放测试。", "paired", 0,
	  "虚构·发放己", "BATCH-6", "虚构监护人 13900000026" },
};
static const char *const HOLDER[NKIDS] = { "=虚构户主甲", "虚构户主乙", "虚构户主丙", "虚构户主丁", NULL, "虚构户主己" };
static const char *const NUMBER[NKIDS] = { "6222020200001111", "6222020200002222", "6222020200003333",
                                           "6222020200004444", NULL, "6222020200006666" };

__attribute__((format(printf, 1, 2))) static long long num(const char *fmt, ...)
{
	char sql[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	return admin_sql_num(sql);
}

__attribute__((format(printf, 1, 2))) static void sql(const char *fmt, ...)
{
	char q[4096], *out = NULL;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(q, sizeof q, fmt, ap);
	va_end(ap);
	ck_assert_msg(admin_sql(q, &out) == 0, "SQL failed: %s\n%s", q, out ? out : "");
	free(out);
}

/* The first line a query prints, into out (n bytes). */
__attribute__((format(printf, 3, 4))) static void text(char *out, size_t n, const char *fmt, ...)
{
	char q[1024], *t = NULL;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(q, sizeof q, fmt, ap);
	va_end(ap);
	ck_assert_msg(admin_sql(q, &t) == 0, "SQL failed: %s\n%s", q, t ? t : "");
	t[strcspn(t, "\n")] = '\0';
	snprintf(out, n, "%s", t);
	free(t);
}

/* The county's batches gone: their payouts cancelled by repair (the funds' triggers give their money back) and
 * out of the batch, which goes. */
#define BATCHES_GONE \
	"SET @state_repair = 1;" \
	"UPDATE payouts SET state = 'cancelled', batch_id = NULL WHERE batch_id IN " \
	"  (SELECT id FROM payout_batches WHERE county_code = '" COUNTY "');" \
	"SET @state_repair = NULL;" \
	"DELETE FROM payout_batches WHERE county_code = '" COUNTY "';"

static void remove_all(void)
{
	admin_sql(BATCHES_GONE
	          "DELETE FROM payouts WHERE child_id IN (SELECT id FROM children WHERE code IN (" KIDS_IN "));"
	          "DELETE FROM child_funds WHERE child_id IN (SELECT id FROM children WHERE code IN (" KIDS_IN "));", NULL);
	for (int i = 0; i < NKIDS; i++)
		fixture_delete(KIDS[i].code);
	admin_sql("DELETE FROM donors WHERE login = '" DONOR "';"
	          "DELETE FROM staff_sessions WHERE staff_id = (SELECT id FROM staff WHERE username = '" PAYER "');"
	          "DELETE FROM staff WHERE username = '" PAYER "';", NULL);
}

/* The children paired under an active sponsorship each, funded with a year's 3,000 yuan but the poor one; the
 * accounts; a payout for a month of the period already; the county's staff member (the demo password). */
static void setup(void)
{
	remove_all();
	sql("INSERT INTO donors (login, login_kind, pw_hash, display_name, agreed_at) "
	    "VALUES ('" DONOR "', 'email', 'x', '发放测试捐赠人', NOW());"
	    "INSERT INTO staff (username, pw_hash, display_name, role, region_code) "
	    "  SELECT '" PAYER "', pw_hash, '测试·利川', 'county', '" COUNTY "' FROM staff WHERE username = 'badong';");
	for (int i = 0; i < NKIDS; i++) {
		long long sid;

		ck_assert_int_eq(fixture_insert(&KIDS[i]), 0);
		sid = fixture_pair(KIDS[i].code, num("SELECT id FROM donors WHERE login = '" DONOR "'"), "2026-01-05");
		ck_assert_int_gt(sid, 0);
		if (i != KID_POOR)
			ck_assert_int_eq(fixture_fund(sid, 300000), 0);
		if (HOLDER[i])
			ck_assert_int_eq(fixture_bank(KIDS[i].code, HOLDER[i], NUMBER[i], "虚构银行利川支行"), 0);
	}
	sql("INSERT INTO payouts (ref, child_id, county_code, city_code, period, amount_fen, method, created_by) "
	    "SELECT 'PTAKEN000001', id, county_code, city_code, '2027-03', 10000, 'cash', "
	    "  (SELECT id FROM staff WHERE username = '" PAYER "') FROM children WHERE code = '%s'",
	    KIDS[KID_TAKEN].code);
}

/* POST or GET as the browser b: the status (r filled). */
static long post(struct browser *b, const char *path, const char *form, struct resp *r)
{
	b_post(b, path, form, r);
	return r->status;
}

static long get(struct browser *b, const char *path, struct resp *r)
{
	b_get(b, path, r);
	return r->status;
}

static long long batch_id(void)
{
	return num("SELECT COALESCE(MAX(id), 0) FROM payout_batches WHERE county_code = '" COUNTY "'");
}

static void ref_of(int kid, char ref[16])
{
	text(ref, 16, "SELECT p.ref FROM payouts p JOIN children c ON c.id = p.child_id WHERE c.code = '%s' "
	     "AND p.batch_id IS NOT NULL", KIDS[kid].code);
}

static void state_of(int kid, char *out, size_t n)
{
	text(out, n, "SELECT CONCAT_WS(' ', p.state, COALESCE(p.paid_on, '-'), COALESCE(p.bank_ref, '-'), "
	     "COALESCE(p.fail_reason, '-')) FROM payouts p JOIN children c ON c.id = p.child_id "
	     "WHERE c.code = '%s' AND p.batch_id IS NOT NULL", KIDS[kid].code);
}

static long batch_post(struct browser *b, long long id, const char *what, const char *form, struct resp *r)
{
	char path[96];
	struct resp own;
	long status;

	snprintf(path, sizeof path, "/admin/batches/%lld/%s", id, what);
	status = post(b, path, form, r ? r : &own);
	if (!r)
		resp_free(&own);
	return status;
}

/* The batch made, submitted and approved: its id. Each test starts from it, afresh. */
static long long approved_batch(void)
{
	struct browser county, city;
	struct resp r;
	long long id;

	sql(BATCHES_GONE);
	ck_assert_int_eq(b_staff(&county, PAYER), 303);
	ck_assert_int_eq(post(&county, "/admin/batches", "period=" PERIOD "&method=bank", &r), 200);
	resp_free(&r);
	id = batch_id();
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(batch_post(&county, id, "submit", "", NULL), 303);
	ck_assert_int_eq(b_staff(&city, "enshi"), 303);
	ck_assert_int_eq(batch_post(&city, id, "approve", "", NULL), 303);
	browser_free(&county);
	browser_free(&city);
	return id;
}

START_TEST(a_batch_pays_the_funded_and_lists_the_skipped)
{
	struct browser county, city, vol;
	struct resp r;
	char why[256];
	long long audits = num("SELECT COUNT(*) FROM audit_log WHERE action = 'batch.create'"), id;

	sql(BATCHES_GONE);
	/* Only county staff make batches: the city is refused (403), a volunteer by the route. */
	ck_assert_int_eq(b_staff(&city, "enshi"), 303);
	ck_assert_int_eq(post(&city, "/admin/batches", "period=" PERIOD "&method=bank", &r), 403);
	resp_free(&r);
	ck_assert_int_eq(b_staff(&vol, "badong-volunteer"), 303);
	ck_assert_int_eq(post(&vol, "/admin/batches", "period=" PERIOD "&method=bank", &r), 403);
	resp_free(&r);
	ck_assert_int_eq(b_staff(&county, PAYER), 303);
	ck_assert_int_eq(post(&county, "/admin/batches", "period=2027H3&method=bank", &r), 400);
	resp_free(&r);
	ck_assert_int_eq(post(&county, "/admin/batches", "period=" PERIOD "&method=bank", &r), 200);
	ck_assert(body_has(&r, "批次已建立：3 个孩子的发放草稿"));
	/* The skipped, each with its reason. */
	ck_assert(body_has(&r, KIDS[KID_POOR].code));
	snprintf(why, sizeof why, "%s | 发放金额超过了这个孩子已收到", KIDS[KID_POOR].code);
	ck_assert(cells_has(&r, why));
	snprintf(why, sizeof why, "%s | 孩子的档案里还没有监护人的银行账户", KIDS[KID_NOACC].code);
	ck_assert(cells_has(&r, why));
	snprintf(why, sizeof why, "%s | 这个孩子在这个期间（或与之重叠的期间）已有发放记录",
	         KIDS[KID_TAKEN].code);
	ck_assert(cells_has(&r, why));
	/* The page shows the masked account only. */
	ck_assert(body_has(&r, "6222 **** **** 1111"));
	ck_assert(!body_has(&r, NUMBER[KID_A]));
	resp_free(&r);
	id = batch_id();
	ck_assert_int_eq(num("SELECT COUNT(*) FROM payouts p JOIN children c ON c.id = p.child_id WHERE p.batch_id = %lld "
	                     "AND c.code IN (" KIDS_IN ") AND p.state = 'draft' AND p.amount_fen = %d AND p.period = '"
	                     PERIOD "'", id, HALF_FEN), 3);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE action = 'batch.create'"), audits + 1);
	/* The same again: every child has the period now, so nobody is paid and nothing is kept. */
	ck_assert_int_eq(post(&county, "/admin/batches", "period=" PERIOD "&method=bank", &r), 200);
	ck_assert(body_has(&r, "没有建立批次"));
	resp_free(&r);
	ck_assert_int_eq(batch_id(), id);
	/* The list shows it. */
	ck_assert_int_eq(get(&county, "/admin/batches", &r), 200);
	snprintf(why, sizeof why, "/admin/batches/%lld\"", id);
	ck_assert(body_has(&r, why));
	ck_assert(body_has(&r, "2027年上半年"));
	resp_free(&r);
	browser_free(&county);
	browser_free(&city);
	browser_free(&vol);
}
END_TEST

START_TEST(the_county_submits_and_only_the_city_approves)
{
	struct browser county, city, far;
	struct resp r;
	long long id;

	sql(BATCHES_GONE);
	ck_assert_int_eq(b_staff(&county, PAYER), 303);
	ck_assert_int_eq(post(&county, "/admin/batches", "period=" PERIOD "&method=bank", &r), 200);
	resp_free(&r);
	id = batch_id();
	ck_assert_int_eq(b_staff(&city, "enshi"), 303);
	/* Nothing submitted yet: nothing to approve. */
	ck_assert_int_eq(batch_post(&city, id, "approve", "", NULL), 409);
	/* The city does not submit; county staff of another county do not see it. */
	ck_assert_int_eq(batch_post(&city, id, "submit", "", NULL), 403);
	ck_assert_int_eq(b_staff(&far, "badong"), 303);
	ck_assert_int_eq(batch_post(&far, id, "submit", "", NULL), 404);
	{
		char path[64];

		snprintf(path, sizeof path, "/admin/batches/%lld", id);
		ck_assert_int_eq(get(&far, path, &r), 404);
		resp_free(&r);
	}
	ck_assert_int_eq(batch_post(&county, id, "submit", "", NULL), 303);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM payouts WHERE batch_id = %lld AND state = 'submitted'", id), 3);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE action = 'payout.submitted' AND object_id = '%lld' "
	                     "AND summary LIKE '3 from%%'", id), 1);
	/* The city sees it waiting for its approval, with the button; the county does not. */
	{
		char path[64];

		snprintf(path, sizeof path, "/admin/batches/%lld", id);
		ck_assert_int_eq(get(&city, path, &r), 200);
		ck_assert(body_has(&r, "审批通过</button>"));
		ck_assert(body_has(&r, "待审批"));
		resp_free(&r);
		ck_assert_int_eq(get(&county, path, &r), 200);
		ck_assert(!body_has(&r, "审批通过</button>"));
		resp_free(&r);
	}
	/* The county may not approve its own batch. */
	ck_assert_int_eq(batch_post(&county, id, "approve", "", NULL), 403);
	ck_assert_int_eq(batch_post(&far, id, "approve", "", NULL), 404);
	ck_assert_int_eq(batch_post(&city, id, "approve", "", NULL), 303);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM payouts WHERE batch_id = %lld AND state = 'approved' "
	                     "AND approved_by = (SELECT id FROM staff WHERE username = 'enshi')", id), 3);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE action = 'payout.approved' AND object_id = '%lld'", id), 1);
	browser_free(&county);
	browser_free(&city);
	browser_free(&far);
}
END_TEST

/* s in GBK as UTF-8 (malloc'd). */
static char *from_gbk(const char *s, size_t len)
{
	iconv_t cd = iconv_open("UTF-8", "GBK");
	size_t room = len * 2 + 1, left = room - 1;
	char *out = calloc(1, room), *op = out, *ip = (char *)s;

	ck_assert(cd != (iconv_t)-1);
	ck_assert_msg(iconv(cd, &ip, &len, &op, &left) != (size_t)-1, "not GBK");
	iconv_close(cd);
	return out;
}

/* UTF-8 s as GBK (malloc'd), its length in *n. */
static char *to_gbk(const char *s, size_t *n)
{
	iconv_t cd = iconv_open("GBK", "UTF-8");
	size_t len = strlen(s), room = len + 1, left = room;
	char *out = calloc(1, room), *op = out, *ip = (char *)s;

	ck_assert(iconv(cd, &ip, &len, &op, &left) != (size_t)-1);
	iconv_close(cd);
	*n = room - left;
	return out;
}

START_TEST(the_bank_file_in_utf8_and_gbk_is_audited)
{
	struct browser county, city;
	struct resp u, g;
	char ref[16], line[256], *decoded;
	long long id = approved_batch(), audits = num("SELECT COUNT(*) FROM audit_log WHERE action = 'payout.export'");

	ck_assert_int_eq(b_staff(&city, "enshi"), 303);
	ck_assert_int_eq(batch_post(&city, id, "export", "encoding=utf8", NULL), 403);
	ck_assert_int_eq(b_staff(&county, PAYER), 303);
	ck_assert_int_eq(batch_post(&county, id, "export", "encoding=latin1", NULL), 400);
	ck_assert_int_eq(batch_post(&county, id, "export", "encoding=utf8", &u), 200);
	ck_assert(strncmp(u.body, BOM "\"发放编号\",\"户名\",\"账号\",\"金额（元）\",\"开户行\"\r\n", 3 + 64) == 0);
	ck_assert(resp_has_header(&u, "Content-Disposition", NULL));
	ck_assert(strstr(u.headers, "attachment"));
	ck_assert(resp_has_header(&u, "Cache-Control", "no-store"));
	/* Each approved transfer, the account whole; a holder's name that Excel would run as a formula is quoted. */
	ref_of(KID_A, ref);
	snprintf(line, sizeof line, "\"%s\",\"'=虚构户主甲\",\"%s\",\"1500.00\",\"虚构银行利川支行\"\r\n", ref,
	         NUMBER[KID_A]);
	ck_assert_msg(strstr(u.body, line), "%s not in the export", line);
	ref_of(KID_C, ref);
	snprintf(line, sizeof line, "\"%s\",\"虚构户主丙\",\"%s\",\"1500.00\",\"虚构银行利川支行\"\r\n", ref,
	         NUMBER[KID_C]);
	ck_assert(strstr(u.body, line));
	ck_assert(!strstr(u.body, KIDS[KID_POOR].code));
	/* GBK: no BOM, and the same rows. */
	ck_assert_int_eq(batch_post(&county, id, "export", "encoding=gbk", &g), 200);
	ck_assert(strncmp(g.body, BOM, 3) != 0);
	decoded = from_gbk(g.body, g.len);
	ck_assert_str_eq(decoded, u.body + strlen(BOM));
	free(decoded);
	/* Audited twice (the count, never an account), the batch marked exported. */
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE action = 'payout.export' AND object_id = '%lld' "
	                     "AND summary LIKE 'exported 3 bank transfers%%'", id), 2);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE action = 'payout.export'"), audits + 2);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE summary LIKE '%%6222020200%%' "
	                     "OR summary LIKE '%%户主%%'"), 0);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM payout_batches WHERE id = %lld AND exported_at IS NOT NULL "
	                     "AND exported_by = (SELECT id FROM staff WHERE username = '" PAYER "')", id), 1);
	resp_free(&u);
	resp_free(&g);
	browser_free(&county);
	browser_free(&city);
}
END_TEST

static long results(struct browser *b, long long id, const char *csv, size_t len, struct resp *r)
{
	const char *names[1] = { "csrf" }, *values[1] = { b->csrf };
	char path[96];

	snprintf(path, sizeof path, "/admin/batches/%lld/results", id);
	return b_upload(b, path, csv, len, names, values, 1, r);
}

/* Whether the report has line n with text. */
static int reported(const struct resp *r, int n, const char *ref, const char *what)
{
	char row[256];

	snprintf(row, sizeof row, "| %d | %s | %s", n, ref, what);
	return cells_has(r, row);
}

START_TEST(the_bank_result_file_is_reported_line_by_line)
{
	struct browser county;
	struct resp r;
	char a[16], b[16], c[16], csv[2048], st[256], *gbk;
	size_t n;
	long long id = approved_batch(), audits;

	ref_of(KID_A, a);
	ref_of(KID_B, b);
	ref_of(KID_C, c);
	ck_assert_int_eq(b_staff(&county, PAYER), 303);
	/* Only bad lines: nothing changes. */
	snprintf(csv, sizeof csv, "参考号,账号,金额,结果,原因,银行流水号,日期\r\n"
	         "P0000000000Z,6222 **** **** 1111,1500.00,成功,,B1,2026-11-10\r\n"
	         "%s,6222 **** **** 3333,1499.00,成功,,B3,2026-11-10\r\n"
	         "this is not a line of ours\r\n", c);
	audits = num("SELECT COUNT(*) FROM audit_log");
	ck_assert_int_eq(results(&county, id, csv, strlen(csv), &r), 200);
	ck_assert(reported(&r, 2, "P0000000000Z", "找不到这个发放编号"));
	ck_assert(reported(&r, 3, c, "金额与发放记录不符"));
	ck_assert(reported(&r, 4, "this is not", "无法读取") ||
	          cells_has(&r, "| 4 | | 无法读取：列数不对"));
	ck_assert(body_has(&r, "没有改动任何记录"));
	resp_free(&r);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM payouts WHERE batch_id = %lld AND state = 'approved'", id), 3);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log"), audits);
	/* Good and bad lines, with a BOM: the good applied, the bad reported. */
	snprintf(csv, sizeof csv, BOM "参考号,账号,金额,结果,原因,银行流水号,日期\r\n"
	         "%s,6222 **** **** 1111,\"1,500.00\",成功,,BK0001,2026-11-10\r\n"
	         "%s,6222020200002222,1500,失败,账户已销户,BK0002,20261110\r\n"
	         "%s,6222 **** **** 3333,1499.00,success,,BK0003,2026-11-10\r\n"
	         "P0000000000Z,6222 **** **** 1111,1500.00,成功,,B1,2026-11-10\r\n"
	         "junk\r\n", a, b, c);
	ck_assert_int_eq(results(&county, id, csv, strlen(csv), &r), 200);
	ck_assert(reported(&r, 2, a, "已发放"));
	ck_assert(reported(&r, 3, b, "银行代发失败"));
	ck_assert(reported(&r, 4, c, "金额与发放记录不符"));
	ck_assert(reported(&r, 5, "P0000000000Z", "找不到这个发放编号"));
	ck_assert(cells_has(&r, "| 6 | | 无法读取：列数不对"));
	/* The failed row is first among the payouts, with the bank's reason. */
	ck_assert(body_has(&r, "<b>发放失败</b>：账户已销户"));
	resp_free(&r);
	state_of(KID_A, st, sizeof st);
	ck_assert_str_eq(st, "paid 2026-11-10 BK0001 -");
	state_of(KID_B, st, sizeof st);
	ck_assert_str_eq(st, "failed - BK0002 账户已销户");
	state_of(KID_C, st, sizeof st);
	ck_assert_str_eq(st, "approved - - -");
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE action = 'batch.results' AND object_id = '%lld' "
	                     "AND summary LIKE '%%1 paid, 1 failed, 0 unchanged, 3 refused of 5 lines'", id), 1);
	/* The same file again changes nothing: its lines are what is on record. */
	audits = num("SELECT COUNT(*) FROM audit_log");
	ck_assert_int_eq(results(&county, id, csv, strlen(csv), &r), 200);
	ck_assert(reported(&r, 2, a, "与记录相同"));
	ck_assert(reported(&r, 3, b, "与记录相同"));
	resp_free(&r);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log"), audits);
	/* A GBK file, with the right amount now and no date (today). */
	snprintf(csv, sizeof csv, "%s,6222 **** **** 3333,1500.00,成功,,BK0003,\r\n%s,6222020200001111,1500.00,失败,错误,,\r\n",
	         c, a);
	gbk = to_gbk(csv, &n);
	ck_assert_int_eq(results(&county, id, gbk, n, &r), 200);
	free(gbk);
	ck_assert(reported(&r, 1, c, "已发放"));
	ck_assert(reported(&r, 2, a, "发放记录不是“已审批，待发放”状态，未改动（已发放）"));
	resp_free(&r);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM payouts p JOIN children c ON c.id = p.child_id WHERE c.code = '%s' "
	                     "AND p.state = 'paid' AND p.paid_on = CURDATE()", KIDS[KID_C].code), 1);
	/* The failed row stays in sight on the batch's page until it is resolved. */
	ck_assert_int_eq(get(&county, "/admin/batches", &r), 200);
	resp_free(&r);
	snprintf(csv, sizeof csv, "/admin/batches/%lld", id);
	ck_assert_int_eq(get(&county, csv, &r), 200);
	ck_assert(body_has(&r, "<b>发放失败</b>：账户已销户"));
	ck_assert(strstr(r.body, b) < strstr(r.body, a));
	resp_free(&r);
	/* A file of more lines than a batch could have is refused whole (a worker's memory is bounded). */
	{
		size_t big = 50002 * 3;
		char *many = malloc(big + 1);

		for (size_t i = 0; i < big; i += 3)
			memcpy(many + i, "x\r\n", 3);
		ck_assert_int_eq(results(&county, id, many, big, &r), 413);
		ck_assert(body_has(&r, "最多 50,000 行"));
		resp_free(&r);
		free(many);
	}
	/* Another county's staff cannot read results into it. */
	browser_free(&county);
	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	snprintf(csv, sizeof csv, "%s,6222020200002222,1500,成功,,BK0002,20261110\r\n", b);
	ck_assert_int_eq(results(&county, id, csv, strlen(csv), &r), 404);
	resp_free(&r);
	browser_free(&county);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("batches");
	TCase *t = tcase_create("batches");

	tcase_add_unchecked_fixture(t, setup, remove_all);
	tcase_set_timeout(t, 120);
	tcase_add_test(t, a_batch_pays_the_funded_and_lists_the_skipped);
	tcase_add_test(t, the_county_submits_and_only_the_city_approves);
	tcase_add_test(t, the_bank_file_in_utf8_and_gbk_is_audited);
	tcase_add_test(t, the_bank_result_file_is_reported_line_by_line);
	suite_add_tcase(s, t);
	return s;
}
