/* http_offline.c — offline gifts entered by staff: one by one (reach, a retried form, receipts and /donations with the
 * channel), and as a CSV batch checked then confirmed (UTF-8 and GBK; every bad file refused, nothing written). */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "check_main.h"
#include "client.h"

/* Every gift the tests enter has a reference starting so (cash ones their message), and goes at the end. */
#define OURS "(bank_ref LIKE 'T-OFF-%' OR message = 'T-OFF')"
#define COUNT_OURS "SELECT COUNT(*) FROM donations WHERE " OURS
#define HEADER "日期,金额,渠道,捐赠人,留言,去向,流水号\r\n"

static void forget_ours(void)
{
	admin_sql("DELETE FROM donations WHERE match_of IN (SELECT id FROM (SELECT id FROM donations WHERE " OURS ") x);"
	          "DELETE FROM donations WHERE " OURS ";", NULL);
}

static void staff(struct browser *b, const char *username)
{
	ck_assert_int_eq(b_staff(b, username), 303);
}

/* Today, as the database (China time) has it. */
static void today(char out[11])
{
	char *t = NULL;

	admin_sql("SELECT CURDATE();", &t);
	ck_assert_ptr_nonnull(t);
	snprintf(out, 11, "%s", t);
	free(t);
}

/* A fresh one-time form key. */
static void form_key(char hex[33])
{
	unsigned char key[16];

	randombytes_buf(key, sizeof key);
	sodium_bin2hex(hex, 33, key, sizeof key);
}

/* The receipt link on a result page ("" if none): /receipts/NO?code=CODE. */
static const char *receipt_link(const struct resp *r, char out[80])
{
	const char *at = strstr(r->body, "href=\"/receipts/");
	size_t n;

	out[0] = '\0';
	if (at) {
		at += 6;
		n = strcspn(at, "\"");
		snprintf(out, 80, "%.*s", (int)(n < 79 ? n : 79), at);
	}
	return out;
}

START_TEST(one_gift_by_staff)
{
	struct browser b, vol;
	struct resp r;
	char day[11], key[33], form[512], link[80];

	forget_ours();
	today(day);
	/* Volunteers enter no money. */
	staff(&vol, "badong-volunteer");
	ck_assert_int_eq(b_get(&vol, "/admin/offline", &r), 0);
	ck_assert_int_eq(r.status, 403);
	resp_free(&r);
	browser_free(&vol);
	staff(&b, "badong");
	ck_assert_int_eq(b_get(&b, "/admin/offline", &r), 0);
	ck_assert_msg(r.status == 200 && body_has(&r, "name=\"form_key\"") &&
	              body_has(&r, "<option value=\"422823\">巴东县</option>"),
	              "the form: %ld %s", r.status, r.body);
	resp_free(&r);
	/* A gift directed to 武昌区 is out of 巴东县's reach: not found, nothing written. */
	form_key(key);
	snprintf(form, sizeof form, "form_key=%s&channel=bank&date=%s&amount=50&bank_ref=T-OFF-OUT&target=420106",
	         key, day);
	b_post(&b, "/admin/offline", form, &r);
	ck_assert_int_eq(r.status, 404);
	resp_free(&r);
	/* A bank transfer needs its reference; a date in the future is refused. */
	snprintf(form, sizeof form, "form_key=%s&channel=bank&date=%s&amount=50&target=422823", key, day);
	b_post(&b, "/admin/offline", form, &r);
	ck_assert_msg(r.status == 400 && body_has(&r, "流水号"), "no reference: %ld", r.status);
	resp_free(&r);
	{
		char *tomorrow = NULL;
		admin_sql("SELECT CURDATE() + INTERVAL 1 DAY;", &tomorrow);
		ck_assert_ptr_nonnull(tomorrow);
		snprintf(form, sizeof form, "form_key=%s&channel=bank&date=%.10s&amount=50&bank_ref=T-OFF-1&"
		         "target=422823", key, tomorrow);
		free(tomorrow);
	}
	b_post(&b, "/admin/offline", form, &r);
	ck_assert_msg(r.status == 400 && body_has(&r, "不能晚于今天"), "future: %ld", r.status);
	resp_free(&r);
	ck_assert_int_eq(admin_sql_num(COUNT_OURS), 0);
	/* Entered: a paid donation directed to 巴东县, entered by badong, with its receipt. */
	snprintf(form, sizeof form, "form_key=%s&channel=bank&date=%s&amount=123.45&bank_ref=T-OFF-1&target=422823"
	         "&name=%%E6%%B5%%8B%%E8%%AF%%95%%C2%%B7%%E7%%BA%%BF%%E4%%B8%%8B&message=hello", key, day);
	b_post(&b, "/admin/offline", form, &r);
	ck_assert_msg(r.status == 200 && body_has(&r, "已登记") && *receipt_link(&r, link), "entered: %ld %s", r.status,
	              r.body);
	resp_free(&r);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM donations d JOIN staff s ON s.id = d.entered_by "
	                               "WHERE d.bank_ref = 'T-OFF-1' AND d.channel = 'bank' AND d.status = 'paid' "
	                               "AND d.purpose = 'directed' AND d.target_region = '422823' AND d.amount_fen = "
	                               "12345 AND s.username = 'badong' AND d.receipt_seq IS NOT NULL AND "
	                               "d.order_id IS NULL AND DATE(d.paid_at) = CURDATE()"), 1);
	/* The same form sent again writes nothing more, and shows the same receipt. */
	b_post(&b, "/admin/offline", form, &r);
	ck_assert_msg(r.status == 200 && body_has(&r, "已经提交过") && body_has(&r, link), "again: %ld", r.status);
	resp_free(&r);
	ck_assert_int_eq(admin_sql_num(COUNT_OURS), 1);
	/* The same reference on a new form is refused. */
	form_key(key);
	snprintf(form, sizeof form, "form_key=%s&channel=bank&date=%s&amount=9&bank_ref=T-OFF-1", key, day);
	b_post(&b, "/admin/offline", form, &r);
	ck_assert_msg(r.status == 409 && body_has(&r, "已经登记过"), "reference twice: %ld", r.status);
	resp_free(&r);
	ck_assert_int_eq(admin_sql_num(COUNT_OURS), 1);
	/* Its receipt states the channel and the county; so does the public record. */
	ck_assert_int_eq(b_get(&b, link, &r), 0);
	ck_assert_msg(r.status == 200 && body_has(&r, "银行转账") && body_has(&r, "定向：巴东县") &&
	              body_has(&r, "123.45") && body_has(&r, "测试·线下"), "receipt: %ld %s", r.status, r.body);
	resp_free(&r);
	ck_assert_int_eq(http_get("/donations", &r), 0);
	ck_assert_msg(r.status == 200 && cells_has(&r, "123.45 | 定向：巴东县 | 银行转账"),
	              "donations: %s", r.body);
	resp_free(&r);
	/* Cash needs no reference; a general gift is any staff member's to enter. */
	form_key(key);
	snprintf(form, sizeof form, "form_key=%s&channel=cash&date=%s&amount=20&message=T-OFF&anonymous=1", key, day);
	b_post(&b, "/admin/offline", form, &r);
	ck_assert_msg(r.status == 200 && body_has(&r, "现金"), "cash: %ld", r.status);
	resp_free(&r);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM donations WHERE message = 'T-OFF' AND channel = 'cash' "
	                               "AND purpose = 'general' AND anonymous = 1 AND bank_ref IS NULL"), 1);
	/* A member unit: 巴东县's own is within reach, 恩施州's is not. */
	form_key(key);
	snprintf(form, sizeof form, "form_key=%s&channel=cheque&date=%s&amount=30&bank_ref=T-OFF-U&target=u%lld", key,
	         day, admin_sql_num("SELECT id FROM member_units WHERE region_code = '422800'"));
	b_post(&b, "/admin/offline", form, &r);
	ck_assert_int_eq(r.status, 404);
	resp_free(&r);
	snprintf(form, sizeof form, "form_key=%s&channel=cheque&date=%s&amount=30&bank_ref=T-OFF-U&target=u%lld", key,
	         day, admin_sql_num("SELECT id FROM member_units WHERE region_code = '422823'"));
	b_post(&b, "/admin/offline", form, &r);
	ck_assert_msg(r.status == 200 && *receipt_link(&r, link), "unit: %ld", r.status);
	resp_free(&r);
	{
		char *unit = NULL, want[200];
		admin_sql("SELECT name FROM member_units WHERE region_code = '422823';", &unit);
		ck_assert_ptr_nonnull(unit);
		unit[strcspn(unit, "\n")] = '\0';
		snprintf(want, sizeof want, "定向：%s", unit);
		ck_assert_int_eq(b_get(&b, link, &r), 0);
		ck_assert_msg(body_has(&r, want) && body_has(&r, "支票"), "unit receipt: %s", r.body);
		resp_free(&r);
		free(unit);
	}
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM donations WHERE bank_ref = 'T-OFF-U' AND target_region IS "
	                               "NULL AND target_unit IS NOT NULL AND purpose = 'directed'"), 1);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM audit_log WHERE action = 'offline.gift' AND "
	                               "object_id IN (SELECT id FROM donations WHERE " OURS ")"), 3);
	forget_ours();
	browser_free(&b);
}
END_TEST

/* POST a batch as the upload form does; the report in r. */
static long upload(struct browser *b, const char *csv, size_t len, struct resp *r)
{
	const char *names[1] = { "csrf" }, *values[1] = { b->csrf };

	return b_upload(b, "/admin/offline/import", csv, len, names, values, 1, r);
}

/* The confirm button's target on a check report ("" if it offers none). */
static const char *confirm_path(const struct resp *r, char out[80])
{
	const char *at = strstr(r->body, "action=\"/admin/offline/import/");

	out[0] = '\0';
	if (at)
		snprintf(out, 80, "%.54s", at + 8);   /* "/admin/offline/import/" and 32 hex characters */
	return out;
}

/* A good batch of three, dated today: each channel, one directed to 巴东县 by name; refs T-OFF-<tag>-1..3. */
static char *good_batch(const char *tag, size_t *len)
{
	char day[11], *csv = malloc(2048);

	today(day);
	*len = (size_t)snprintf(csv, 2048, "\xEF\xBB\xBF" HEADER
	                        "%s,\"1,000.00\",银行转账,测试·批量甲,加油,,T-OFF-%s-1\r\n"
	                        "%s,200,现金,,,巴东县,T-OFF-%s-2\r\n"
	                        "%s,35.5,cheque,测试·批量乙,,422823,T-OFF-%s-3\r\n", day, tag, day, tag, day, tag);
	return csv;
}

/* Check csv then confirm it; both must succeed. */
static void check_and_confirm(struct browser *b, const char *csv, size_t len)
{
	struct resp r;
	char path[80];

	ck_assert_int_eq(upload(b, csv, len, &r), 200);
	ck_assert_msg(body_has(&r, "尚未登记") && body_has(&r, "可以登记 <b>3</b>") && body_has(&r, "1,235.50") &&
	              *confirm_path(&r, path), "check: %s", r.body);
	resp_free(&r);
	ck_assert_int_eq(admin_sql_num(COUNT_OURS), 0);
	b_post(b, path, "", &r);
	ck_assert_msg(r.status == 200 && body_has(&r, "已登记"), "confirm: %ld %s", r.status, r.body);
	resp_free(&r);
	ck_assert_int_eq(admin_sql_num(COUNT_OURS), 3);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM donations WHERE " OURS " AND status = 'paid' AND "
	                               "receipt_seq IS NOT NULL AND ((channel = 'bank' AND purpose = 'general') OR "
	                               "(channel = 'cash' AND target_region = '422823') OR (channel = 'cheque' AND "
	                               "target_region = '422823' AND amount_fen = 3550))"), 3);
	/* Pressed again: the file is gone. */
	b_post(b, path, "", &r);
	ck_assert_int_eq(r.status, 404);
	resp_free(&r);
	ck_assert_int_eq(admin_sql_num(COUNT_OURS), 3);
}

START_TEST(a_batch_checked_then_confirmed_once)
{
	struct browser b;
	struct resp r;
	size_t len;
	char *csv = good_batch("U", &len), path[80];

	forget_ours();
	staff(&b, "badong");
	check_and_confirm(&b, csv, len);
	/* The same rows again: refused row by row, nothing to confirm. */
	ck_assert_int_eq(upload(&b, csv, len, &r), 200);
	ck_assert_msg(body_has(&r, "已经登记过") && !*confirm_path(&r, path) && body_has(&r, "有问题 <b>3</b>"),
	              "second import: %s", r.body);
	resp_free(&r);
	ck_assert_int_eq(admin_sql_num(COUNT_OURS), 3);
	forget_ours();
	free(csv);
	browser_free(&b);
}
END_TEST

START_TEST(a_gbk_batch)
{
	struct browser b;
	size_t len, left, room = 4096;
	char *csv = good_batch("G", &len), *gbk = malloc(room), *in = csv + 3, *out = gbk;
	iconv_t cd = iconv_open("GBK", "UTF-8");

	forget_ours();
	left = len - 3;   /* without the BOM, as Excel on Chinese Windows writes it */
	ck_assert(cd != (iconv_t)-1);
	ck_assert(iconv(cd, &in, &left, &out, &room) != (size_t)-1);
	iconv_close(cd);
	staff(&b, "badong");
	check_and_confirm(&b, gbk, (size_t)(out - gbk));
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM donations WHERE donor_name = '测试·批量甲' AND "
	                               "bank_ref = 'T-OFF-G-1'"), 1);
	forget_ours();
	free(csv);
	free(gbk);
	browser_free(&b);
}
END_TEST

/* Files that change nothing: the status each gets, and a word of its page. */
static const struct { const char *name, *csv; long status; const char *says; } BAD[] = {
	{ "binary", "日期,金额\0\1\2", 400, "二进制" },
	{ "columns", "日期,金额,渠道\r\n2024-01-01,1,现金\r\n", 400, "表头缺少" },
	{ "quotes", HEADER "{today},\"1,bank,,,,T-OFF-Q\r\n", 400, "引号" },
	{ "empty", HEADER, 400, "没有捐赠记录" },
	{ "date", HEADER "2024-13-40,1,bank,,,,T-OFF-D\r\n", 200, "日期须写成" },
	{ "old", HEADER "2001-01-01,1,bank,,,,T-OFF-D\r\n", 200, "一年前" },
	{ "amount", HEADER "{today},-5,bank,,,,T-OFF-A\r\n", 200, "金额须为" },
	{ "channel", HEADER "{today},5,wechat,,,,T-OFF-C\r\n", 200, "渠道只能是" },
	{ "target", HEADER "{today},5,bank,,,武昌区,T-OFF-T\r\n", 200, "管理范围" },
	{ "reference", HEADER "{today},5,bank,,,,\r\n", 200, "流水号须为" },
	{ "twice", HEADER "{today},5,bank,,,,T-OFF-2\r\n{today},6,bank,,,,T-OFF-2\r\n", 200, "本文件中重复" },
	{ "fields", HEADER "{today},5,bank\r\n", 200, "列数" },
};

/* s with every {today} replaced by the date. */
static char *with_today(const char *s, size_t len, size_t *olen)
{
	char day[11], *out = malloc(len * 2 + 1), *o = out;

	today(day);
	for (size_t i = 0; i < len; i++) {
		if (strncmp(s + i, "{today}", 7) == 0) {
			o += sprintf(o, "%s", day);
			i += 6;
		} else {
			*o++ = s[i];
		}
	}
	*olen = (size_t)(o - out);
	return out;
}

START_TEST(bad_files_change_nothing)
{
	struct browser b;
	struct resp r;
	size_t len = _i == 0 ? 16 : strlen(BAD[_i].csv), n;
	char *csv = with_today(BAD[_i].csv, len, &n), path[80];

	forget_ours();
	staff(&b, "badong");
	upload(&b, csv, n, &r);
	ck_assert_msg(r.status == BAD[_i].status && body_has(&r, BAD[_i].says) && !*confirm_path(&r, path),
	              "%s: %ld %s", BAD[_i].name, r.status, r.body);
	resp_free(&r);
	ck_assert_int_eq(admin_sql_num(COUNT_OURS), 0);
	free(csv);
	browser_free(&b);
}
END_TEST

/* Over 5,000 rows, or over 2 MB: 413, nothing written. */
START_TEST(big_files_are_refused)
{
	struct browser b;
	struct resp r;
	char day[11], *csv = malloc(3 * 1024 * 1024);
	size_t n = 0;

	forget_ours();
	today(day);
	staff(&b, "badong");
	n = (size_t)sprintf(csv, HEADER);
	for (int i = 0; i < 5001; i++)
		n += (size_t)sprintf(csv + n, "%s,1,bank,,,,T-OFF-M%d\r\n", day, i);
	upload(&b, csv, n, &r);
	ck_assert_msg(r.status == 413 && body_has(&r, "5000"), "rows: %ld", r.status);
	resp_free(&r);
	while (n < 2 * 1024 * 1024 + 10)
		n += (size_t)sprintf(csv + n, "%s,1,bank,,%0200d,,T-OFF-M\r\n", day, 0);
	upload(&b, csv, n, &r);
	ck_assert_msg(r.status == 413 && body_has(&r, "2 MB"), "bytes: %ld", r.status);
	resp_free(&r);
	ck_assert_int_eq(admin_sql_num(COUNT_OURS), 0);
	free(csv);
	browser_free(&b);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("offline");
	TCase *t = tcase_create("offline");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, one_gift_by_staff);
	tcase_add_test(t, a_batch_checked_then_confirmed_once);
	tcase_add_test(t, a_gbk_batch);
	tcase_add_loop_test(t, bad_files_change_nothing, 0, sizeof BAD / sizeof BAD[0]);
	tcase_add_test(t, big_files_are_refused);
	suite_add_tcase(s, t);
	return s;
}
