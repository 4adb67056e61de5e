/* http_import.c — the ledger upload: a check changes nothing, applying adds and updates by ID, broken files are refused whole. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "check_main.h"
#include "client.h"
#include "idcard.h"

#define HEADER "\xEF\xBB\xBF姓名,身份证号,性别,出生日期,区县代码,困境类别,监护人姓名,监护人电话,家庭住址\r\n"
#define ROW_A "虚构·导入甲,422823201203040010,男,2012-03-04,422823,父母一方重病,虚构乙,13900000011,\"巴东县某村\"\r\n"
#define ROW_B "虚构·导入丙,422823201203040029,女,2012-03-04,422823,ill,虚构丁,13900000012,巴东县某镇\r\n"
#define ROW_FAR "虚构·导入戊,420106201203040030,男,2012-03-04,420106,ill,虚构己,13900000013,武昌区\r\n"
#define ROW_BAD "虚构·导入庚,422823201203040019,男,2012-03-04,422823,ill,虚构辛,13900000014,某村\r\n"
#define CHILDREN "SELECT COUNT(*) FROM children"
#define OURS "SELECT COUNT(*) FROM children WHERE id_hash IS NOT NULL AND alias = '待定' AND county_code = '422823' " \
	"AND birth_date = '2012-03-04'"

/* POST csv as the upload form does (a check), with the CSRF token (csrf) or without. */
static long upload(struct browser *b, const char *path, const char *csv, size_t len, int csrf, struct resp *r)
{
	const char *names[1] = { "csrf" }, *values[1] = { b->csrf };

	return b_upload(b, path, csv, len, names, values, csrf ? 1 : 0, r);
}

/* The confirm button's target on a check report ("" if it offers none). */
static const char *confirm_path(const struct resp *r, char out[64])
{
	const char *at = strstr(r->body, "action=\"/admin/import/");

	out[0] = '\0';
	if (at)
		snprintf(out, 64, "%.46s", at + 8);   /* "/admin/import/" and 32 hex characters */
	return out;
}

/* Check csv, then press the report's button; the check's report stays in *check, the import's in *r. */
static long check_and_import(struct browser *b, const char *csv, size_t len, struct resp *check, struct resp *r)
{
	char path[64];

	ck_assert_int_eq(upload(b, "/admin/import", csv, len, 1, check), 200);
	ck_assert_msg(*confirm_path(check, path), "no confirm button: %s", check->body);
	b_post(b, path, "", r);
	return r->status;
}

static void staff(struct browser *b, const char *username)
{
	ck_assert_int_eq(b_staff(b, username), 303);
}

static void forget_ours(void)
{
	admin_sql("DELETE FROM children WHERE alias = '待定' AND county_code IN ('422823','422822','420106') "
	          "AND birth_date = '2012-03-04';", NULL);
}

START_TEST(check_then_apply_then_reimport)
{
	const char csv[] = HEADER ROW_A ROW_B ROW_FAR ROW_BAD;
	struct browser b;
	struct resp r, check;
	long long before, audits = admin_sql_num("SELECT COUNT(*) FROM audit_log WHERE action = 'import.apply'");

	forget_ours();
	before = admin_sql_num(CHILDREN);
	staff(&b, "badong");
	/* The check: the counts and each refused row with its reason, and nothing written. */
	ck_assert_int_eq(upload(&b, "/admin/import", csv, sizeof csv - 1, 1, &r), 200);
	ck_assert_msg(body_has(&r, "尚未导入") && body_has(&r, "新增 <b>2</b>") && body_has(&r, "有问题 <b>2</b>"),
	              "check report: %s", r.body);
	ck_assert_msg(body_has(&r, "管理范围") && body_has(&r, "身份证号无效"), "the reasons are not shown");
	ck_assert_msg(cells_has(&r, "\n| 4 |") && cells_has(&r, "\n| 5 |"),
	              "the rejected rows' numbers are not shown");
	ck_assert_msg(body_has(&r, "确认导入"), "the check offers no import");
	/* A check more than an hour old can no longer be imported. */
	{
		char path[64], file[512];
		struct utimbuf old = { time(NULL) - 7200, time(NULL) - 7200 };
		confirm_path(&r, path);
		snprintf(file, sizeof file, "%s/uploads/%s", getenv("TX_VAR"), path + strlen("/admin/import/"));
		ck_assert_msg(utime(file, &old) == 0, "no stashed file %s", file);
		resp_free(&r);
		b_post(&b, path, "", &r);
		ck_assert_msg(r.status == 404 && body_has(&r, "过期"), "an old check imported: %ld", r.status);
		ck_assert_msg(access(file, F_OK) != 0, "an expired upload is still kept");
	}
	resp_free(&r);
	ck_assert_int_eq(admin_sql_num(CHILDREN), before);
	/* Confirming writes the good rows, sealed, and says so in the audit log. */
	ck_assert_int_eq(check_and_import(&b, csv, sizeof csv - 1, &check, &r), 200);
	ck_assert_msg(body_has(&r, "已导入"), "apply report: %s", r.body);
	resp_free(&r);
	ck_assert_int_eq(admin_sql_num(CHILDREN), before + 2);
	ck_assert_int_eq(admin_sql_num(OURS), 2);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM children WHERE CAST(pii_real_name AS CHAR) LIKE '%导入%'"), 0);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM audit_log WHERE action = 'import.apply'"), audits + 1);
	/* Pressing again imports nothing: the file is gone (404). Checking the same ledger again finds nothing to do. */
	{
		char path[64];
		confirm_path(&check, path);
		ck_assert_int_eq(b_post(&b, path, "", &r), 0);
		ck_assert_int_eq(r.status, 404);
		resp_free(&r);
		ck_assert_int_eq(upload(&b, "/admin/import", csv, sizeof csv - 1, 1, &r), 200);
		ck_assert_msg(!*confirm_path(&r, path) && body_has(&r, "没有需要写入") && body_has(&r, "不变 2"),
		              "re-check: %s", r.body);
		resp_free(&r);
	}
	resp_free(&check);
	ck_assert_int_eq(admin_sql_num(CHILDREN), before + 2);
	/* A changed address updates, not duplicates. */
	{
		const char changed[] = HEADER ROW_A "虚构·导入丙,422823201203040029,女,2012-03-04,422823,ill,虚构丁,"
		                       "13900000012,巴东县另一个镇\r\n";
		char path[64];
		struct browser enshi;
		ck_assert_int_eq(upload(&b, "/admin/import", changed, sizeof changed - 1, 1, &check), 200);
		ck_assert_msg(body_has(&check, "更新 <b>1</b>") && body_has(&check, "不变 1"), "update: %s", check.body);
		confirm_path(&check, path);
		/* Another staff member cannot use badong's upload, and trying leaves it for badong. */
		staff(&enshi, "enshi");
		b_get(&enshi, "/admin/import", &r);
		resp_free(&r);
		b_post(&enshi, path, "", &r);
		ck_assert_int_eq(r.status, 404);
		resp_free(&r);
		browser_free(&enshi);
		b_post(&b, path, "", &r);
		ck_assert_msg(r.status == 200 && body_has(&r, "已导入") && body_has(&r, "更新 <b>1</b>"), "update: %s", r.body);
		resp_free(&r);
		resp_free(&check);
		/* What was written opens as what the file said: checked again, nothing differs. */
		ck_assert_int_eq(upload(&b, "/admin/import", changed, sizeof changed - 1, 1, &r), 200);
		ck_assert_msg(body_has(&r, "不变 2"), "after the update: %s", r.body);
		resp_free(&r);
		/* A child moved out of reach while its update waited for the press is left alone: the import checks again. */
		{
			const char again[] = HEADER ROW_A "虚构·导入丙,422823201203040029,女,2012-03-04,422823,ill,虚构丁,"
			                     "13900000012,巴东县第三个镇\r\n";
			ck_assert_int_eq(upload(&b, "/admin/import", again, sizeof again - 1, 1, &check), 200);
			confirm_path(&check, path);
			admin_sql("UPDATE children SET county_code = '422822', city_code = '422800' "
			          "WHERE birth_date = '2012-03-04' AND alias = '待定' AND gender = 'f' AND county_code = '422823';", NULL);
			b_post(&b, path, "", &r);
			ck_assert_msg(r.status == 200 && body_has(&r, "更新 <b>0</b>") && body_has(&r, "有问题 <b>0</b>") &&
			              body_has(&r, "已在其他区县登记 <b>1</b>"), "a moved child updated: %s", r.body);
			resp_free(&r);
			resp_free(&check);
			ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM children WHERE county_code = '422822' AND "
			                               "birth_date = '2012-03-04' AND alias = '待定' AND version = 2"), 1);
		}
	}
	ck_assert_int_eq(admin_sql_num(CHILDREN), before + 2);
	forget_ours();
	browser_free(&b);
}
END_TEST

static const struct {
	const char *csv;
	size_t      len;
	long        status;
	const char *says;
} BROKEN[] = {
	{ HEADER "\"虚构·导入甲,422823201203040010,男\r\n" ROW_B, 0, 400, "引号" },
	{ HEADER "a\0b", sizeof HEADER + 2, 400, "二进制" },
	{ "姓名,身份证号\r\n甲,1\r\n", 0, 400, "表头" },
	{ "", 0, 400, "选择" },
};

START_TEST(broken_files_change_nothing)
{
	struct browser b;
	struct resp r;
	long long before;

	forget_ours();
	before = admin_sql_num(CHILDREN);
	staff(&b, "badong");
	ck_assert_int_eq(upload(&b, "/admin/import", BROKEN[_i].csv, BROKEN[_i].len ? BROKEN[_i].len :
	                        strlen(BROKEN[_i].csv), 1, &r), BROKEN[_i].status);
	ck_assert_msg(body_has(&r, BROKEN[_i].says), "case %d: %s", _i, r.body);
	resp_free(&r);
	ck_assert_int_eq(admin_sql_num(CHILDREN), before);
	browser_free(&b);
}
END_TEST

START_TEST(uploads_need_the_token_the_role_and_the_right_page)
{
	const char csv[] = HEADER ROW_A;
	struct browser b, vol;
	struct resp r;
	long long before;

	forget_ours();
	before = admin_sql_num(CHILDREN);
	staff(&b, "badong");
	ck_assert_int_eq(upload(&b, "/admin/import", csv, sizeof csv - 1, 0, &r), 403);      /* no CSRF token */
	resp_free(&r);
	ck_assert_int_eq(upload(&b, "/admin/children/TA00000001", csv, sizeof csv - 1, 1, &r), 415);
	resp_free(&r);
	staff(&vol, "badong-volunteer");
	ck_assert_int_eq(upload(&vol, "/admin/import", csv, sizeof csv - 1, 1, &r), 403);
	resp_free(&r);
	ck_assert_int_eq(admin_sql_num(CHILDREN), before);
	browser_free(&b);
	browser_free(&vol);
}
END_TEST

/*
 * Send the headers of a 20 MB upload to path and 64 KB of its body, then wait for an answer: one that comes while
 * the rest is unsent was decided from the headers, with the body unread. Returns the status (0: none in 60 s).
 */
static long unread_upload(const char *path, const char *cookie)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)http_port()) };
	struct timeval tv = { 60, 0 };
	char head[512], reply[256] = "", chunk[65536];
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	long status = 0;

	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	snprintf(head, sizeof head, "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: %s\r\n"
	         "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: %ld\r\n\r\n--b\r\n",
	         path, cookie, 20L * 1024 * 1024);
	memset(chunk, 'x', sizeof chunk);
	ck_assert(write(fd, head, strlen(head)) == (ssize_t)strlen(head));
	ck_assert(write(fd, chunk, sizeof chunk) == (ssize_t)sizeof chunk);
	if (read(fd, reply, sizeof reply - 1) > 0)
		sscanf(reply, "HTTP/1.1 %ld", &status);
	close(fd);
	return status;
}

/* An upload is refused from its headers, before the body is read: no session, or a role that may not import. */
START_TEST(uploads_from_strangers_are_refused_unread)
{
	ck_assert_int_eq(unread_upload("/admin/import", ""), 403);
	ck_assert_int_eq(unread_upload("/admin/import", "tx_a=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), 403);
}
END_TEST

/* A ledger of rows [from, to) of a generated county list, the even rows' addresses changed if changed. */
static char *generated(int from, int to, int changed, size_t *len)
{
	size_t cap = 256 + (size_t)(to - from) * 200, n;
	char *csv = malloc(cap);

	ck_assert_ptr_nonnull(csv);
	n = (size_t)snprintf(csv, cap, "%s", HEADER);
	for (int i = from; i < to; i++) {
		char id[32];   /* 18 characters; the room is for the compiler, which cannot see the range of i */
		snprintf(id, sizeof id, "42282320110505%03d", i % 1000);
		id[17] = idcard_check_char(id);
		id[18] = '\0';
		n += (size_t)snprintf(csv + n, cap - n, "虚构·批量%d,%s,%s,2011-05-05,422823,ill,虚构监护人,13900000000,%s%d\r\n",
		                      i, id, id[16] % 2 ? "男" : "女", changed && i % 2 == 0 ? "巴东县新址" : "巴东县旧址", i);
	}
	*len = n;
	return csv;
}

#define BATCHED "SELECT COUNT(*) FROM children WHERE birth_date = '2011-05-05' AND county_code = '422823' AND alias = '待定'"

/* More rows than a batch (200) holds, new and known mixed: every batch is written, and written as the file says. */
START_TEST(big_ledgers_go_in_many_batches)
{
	struct browser b;
	struct resp r, check;
	size_t len;
	char *csv;

	admin_sql("DELETE FROM children WHERE birth_date = '2011-05-05' AND county_code = '422823' AND alias = '待定';", NULL);
	staff(&b, "badong");
	csv = generated(0, 450, 0, &len);
	ck_assert_int_eq(check_and_import(&b, csv, len, &check, &r), 200);
	ck_assert_msg(body_has(&r, "新增 <b>450</b>"), "first import: %s", r.body);
	resp_free(&r);
	resp_free(&check);
	free(csv);
	ck_assert_int_eq(admin_sql_num(BATCHED), 450);
	/* 225 changed, 225 as they were, 50 new: two kinds of batch in one import. */
	csv = generated(0, 500, 1, &len);
	ck_assert_int_eq(check_and_import(&b, csv, len, &check, &r), 200);
	ck_assert_msg(body_has(&r, "新增 <b>50</b>") && body_has(&r, "更新 <b>225</b>") && body_has(&r, "不变 225"),
	              "second import: %s", r.body);
	resp_free(&r);
	resp_free(&check);
	ck_assert_int_eq(admin_sql_num(BATCHED), 500);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM children WHERE birth_date = '2011-05-05' AND "
	                               "county_code = '422823' AND alias = '待定' AND version = 2"), 225);
	/* Read back through the seals and compared: nothing differs from the file. */
	ck_assert_int_eq(upload(&b, "/admin/import", csv, len, 1, &r), 200);
	ck_assert_msg(body_has(&r, "不变 500"), "re-check: %s", r.body);
	resp_free(&r);
	free(csv);
	admin_sql("DELETE FROM children WHERE birth_date = '2011-05-05' AND county_code = '422823' AND alias = '待定';", NULL);
	browser_free(&b);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("import");
	TCase *t = tcase_create("import");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, check_then_apply_then_reimport);
	tcase_add_loop_test(t, broken_files_change_nothing, 0, sizeof BROKEN / sizeof BROKEN[0]);
	tcase_add_test(t, uploads_need_the_token_the_role_and_the_right_page);
	tcase_add_test(t, uploads_from_strangers_are_refused_unread);
	tcase_add_test(t, big_ledgers_go_in_many_batches);
	suite_add_tcase(s, t);
	return s;
}
