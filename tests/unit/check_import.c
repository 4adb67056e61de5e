/* check_import.c — the ledger CSV: UTF-8 and GBK, any column order, quoted breaks, refusals. */
#include <iconv.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "core/import.h"
#include "regions.h"
#include "util.h"

/* Room for a row's fields as the tests read them back, a GBK ledger, and a refusal. */
#define FIELD_MAX 128
#define GBK_MAX   512
#define WHY_MAX   128

#define HEADER "姓名,身份证号,性别,出生日期,区县代码,困境类别,监护人姓名,监护人电话,家庭住址\r\n"
#define ROW1 "虚构·甲,42282320100102001X,男,2010-01-02,422823,父母一方重病,虚构乙,13900000001,巴东县某村\r\n"

struct got {
	int  rows, problems;
	long last_problem;
	char name[FIELD_MAX], address[FIELD_MAX], id[FIELD_MAX];
};

static int on_row(void *ctx, const struct ledger_row *r)
{
	struct got *g = ctx;

	if (g->rows++ == 0) {
		snprintf(g->name, sizeof g->name, "%s", r->f[L_NAME]);
		snprintf(g->address, sizeof g->address, "%s", r->f[L_ADDRESS]);
		snprintf(g->id, sizeof g->id, "%s", r->f[L_ID]);
	}
	return 0;
}

static void on_problem(void *ctx, long line, const char *why)
{
	struct got *g = ctx;

	(void)why;
	g->problems++;
	g->last_problem = line;
}

static int parse(const char *csv, size_t len, struct got *g, struct err *e)
{
	memset(g, 0, sizeof *g);
	memset(e, 0, sizeof *e);
	return ledger_parse(csv, len, on_row, on_problem, g, e);
}

START_TEST(utf8_with_a_bom)
{
	const char csv[] = "\xEF\xBB\xBF" HEADER ROW1;
	struct got g;
	struct err e;

	ck_assert_int_eq(parse(csv, sizeof csv - 1, &g, &e), 0);
	ck_assert_int_eq(g.rows, 1);
	ck_assert_str_eq(g.name, "虚构·甲");
	ck_assert_str_eq(g.id, "42282320100102001X");
}
END_TEST

/* Excel on Chinese Windows saves CSV as GBK: the same file in GB18030 bytes reads the same. */
START_TEST(gbk_reads_the_same)
{
	const char utf8[] = HEADER ROW1;
	char gbk[GBK_MAX], *in = (char *)utf8, *out = gbk;
	size_t ileft = sizeof utf8 - 1, oleft = sizeof gbk;
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	struct got g;
	struct err e;

	ck_assert(cd != (iconv_t)-1);
	ck_assert(iconv(cd, &in, &ileft, &out, &oleft) != (size_t)-1);
	iconv_close(cd);
	ck_assert_int_ne(memcmp(gbk, utf8, 10), 0);     /* really other bytes */
	ck_assert_int_eq(parse(gbk, sizeof gbk - oleft, &g, &e), 0);
	ck_assert_int_eq(g.rows, 1);
	ck_assert_str_eq(g.name, "虚构·甲");
	ck_assert_str_eq(g.address, "巴东县某村");
}
END_TEST

START_TEST(columns_in_any_order)
{
	const char csv[] = "家庭住址,区县代码,姓名,身份证号,性别,出生日期,困境类别,监护人电话,监护人姓名,备注\r\n"
	                   "某村,422823,虚构·丙,42282320100102001X,男,2010-01-02,other,139,乙,多余的列\r\n";
	struct got g;
	struct err e;

	ck_assert_int_eq(parse(csv, sizeof csv - 1, &g, &e), 0);
	ck_assert_str_eq(g.name, "虚构·丙");
	ck_assert_str_eq(g.address, "某村");
}
END_TEST

START_TEST(quoted_fields_keep_line_breaks_and_quotes)
{
	const char csv[] = HEADER "\"虚构·丁\",42282320100102001X,男,2010-01-02,422823,other,乙,139,"
	                   "\"第一行\r\n第二行，\"\"引号\"\"\"\r\n" ROW1;
	struct got g;
	struct err e;

	ck_assert_int_eq(parse(csv, sizeof csv - 1, &g, &e), 0);
	ck_assert_int_eq(g.rows, 2);
	ck_assert_str_eq(g.address, "第一行\r\n第二行，\"引号\"");
}
END_TEST

START_TEST(a_row_of_the_wrong_width_is_reported_and_the_rest_read)
{
	const char csv[] = HEADER "只有,三列,而已\r\n" ROW1;
	struct got g;
	struct err e;

	ck_assert_int_eq(parse(csv, sizeof csv - 1, &g, &e), 0);
	ck_assert_int_eq(g.problems, 1);
	ck_assert_int_eq(g.last_problem, 2);       /* the header is row 1 */
	ck_assert_int_eq(g.rows, 1);
}
END_TEST

struct bad {
	const char *csv;
	size_t      len;   /* 0: strlen */
	const char *says;
};

static const struct bad BAD[] = {
	{ HEADER "\"虚构·戊,42282320100102001X,男\r\n", 0, "引号" },          /* a quote never closed */
	{ HEADER "虚构\"己,42282320100102001X,男,2010-01-02,422823,other,乙,139,村\r\n", 0, "引号" },
	{ "姓名,身份证号\r\n甲,1\r\n", 0, "表头" },
	{ HEADER "a\0b,c\r\n", sizeof HEADER + 6, "二进制" },
	{ HEADER "\x01\x02\x03,x\r\n", 0, "控制字符" },
	{ "\xc4\xe3\x0c", 0, "控制字符" },      /* GBK that decodes, then a control byte (the fuzzer
	                                     * found a leak here) */
	{ "\xff\xfe\x00\x41", 4, "二进制" },                                   /* UTF-16 */
	{ "", 0, "空" },
};

START_TEST(broken_files_are_refused_whole)
{
	struct got g;
	struct err e;
	char text[ERR_MSG_LEN];
	size_t len = BAD[_i].len ? BAD[_i].len : strlen(BAD[_i].csv);

	ck_assert_int_eq(parse(BAD[_i].csv, len, &g, &e), -1);
	ck_assert_int_eq(err_status(&e), 400);
	ck_assert_msg(strstr(err_text(&e, text, sizeof text), BAD[_i].says), "case %d says \"%s\"", _i, text);
}
END_TEST

static struct actor county_staff(void)
{
	struct actor a = { .kind = ACTOR_STAFF, .id = 1, .role = "county", .region = "422823" };

	return a;
}

struct rowcase {
	const char *f[L__MAX];
	const char *says;      /* NULL: the row is good */
};

/* A good row's ID number and birth date, which most cases keep. */
#define ID   "422823201001020011"
#define BORN "2010-01-02"

static const struct rowcase ROWS[] = {
	{ { "甲", ID, "男", BORN, "422823", "父母一方重病", "乙", "139", "村" }, NULL },
	/* a lower-case check character, a landline */
	{ { "甲", "42282320100102002x", "女", BORN, "422823", "ill", "乙", "0718-1234567", "村" },
	  NULL },
	{ { "甲", "422823201001020019", "男", BORN, "422823", "ill", "乙", "139", "村" }, "身份证号" },
	{ { "甲", ID, "男", "2010-01-03", "422823", "ill", "乙", "139", "村" }, "不一致" },
	{ { "甲", ID, "M", BORN, "422823", "ill", "乙", "139", "村" }, "性别" },
	{ { "甲", ID, "男", BORN, "422823", "孤儿", "乙", "139", "村" }, "困境类别" },
	{ { "甲", ID, "男", BORN, "420106", "ill", "乙", "139", "村" }, "管理范围" },
	{ { "甲", ID, "男", BORN, "999999", "ill", "乙", "139", "村" }, "区县代码" },
	{ { "", ID, "男", BORN, "422823", "ill", "乙", "139", "村" }, "姓名" },
	{ { "甲", ID, "男", "2010/01/02", "422823", "ill", "乙", "139", "村" }, "出生日期" },
	{ { "甲", ID, "男", BORN, "422823", "ill", "乙", "电话", "村" }, "电话" },
};

START_TEST(each_row_is_checked)
{
	struct actor w = county_staff();
	struct ledger_row r = { 2, { 0 } };
	char why[WHY_MAX] = "";

	regions_clear();
	regions_add("420000", "", "province", "湖北省", "湖北");
	regions_add("420100", "420000", "city", "武汉市", "武汉");
	regions_add("420106", "420100", "county", "武昌区", "武昌区");
	regions_add("422800", "420000", "city", "恩施州", "恩施州");
	regions_add("422823", "422800", "county", "巴东县", "巴东县");
	memcpy(r.f, ROWS[_i].f, sizeof r.f);
	if (!ROWS[_i].says) {
		ck_assert_msg(ledger_check(&w, &r, why, sizeof why) == 0, "case %d refused: %s", _i,
		              why);
	} else {
		ck_assert_int_eq(ledger_check(&w, &r, why, sizeof why), -1);
		ck_assert_msg(strstr(why, ROWS[_i].says), "case %d says \"%s\"", _i, why);
	}
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("import");
	TCase *t = tcase_create("ledger");

	tcase_add_test(t, utf8_with_a_bom);
	tcase_add_test(t, gbk_reads_the_same);
	tcase_add_test(t, columns_in_any_order);
	tcase_add_test(t, quoted_fields_keep_line_breaks_and_quotes);
	tcase_add_test(t, a_row_of_the_wrong_width_is_reported_and_the_rest_read);
	tcase_add_loop_test(t, broken_files_are_refused_whole, 0, nitems(BAD));
	tcase_add_loop_test(t, each_row_is_checked, 0, nitems(ROWS));
	suite_add_tcase(s, t);
	return s;
}
