/*
 * check_privacy.c — the privacy check before review: what it must find in a visit's summary or a
 * letter (contact details, ID numbers, the record's names and places, addresses, money asked
 * for), what it must let pass (dates, amounts, the public alias and county), and where it marks.
 */
#include <string.h>

#include "check_main.h"
#include "core/privacy.h"

/* A fictional record: 张小明 (化名 明明), of 巴东县溪丘湾乡杨柳村, at 溪丘湾乡中心小学. */
static struct privacy_terms T;

static void setup(void)
{
	const char *const f[PRIVACY_FIELDS] = {
		"张小明", "张建国 13907181234", "湖北省恩施州巴东县溪丘湾乡杨柳村3组",
		"溪丘湾乡中心小学",
	};

	privacy_terms_from(&T, f, "明明");
}

/* The kinds found in text, in order, as "phone,name,…". */
static const char *kinds(const char *text, unsigned mask)
{
	static char out[512];
	struct privacy_found f;

	out[0] = '\0';
	privacy_scan(text, &T, mask, &f);
	for (int i = 0; i < f.n; i++) {
		strcat(out, i ? "," : "");
		strcat(out, privacy_kind_name(f.hit[i].kind));
	}
	return out;
}

/* The text of the first finding. */
static const char *first(const char *text, unsigned mask)
{
	static char out[256];
	struct privacy_found f;

	out[0] = '\0';
	if (privacy_scan(text, &T, mask, &f) > 0)
		snprintf(out, sizeof out, "%.*s", (int)f.hit[0].len, text + f.hit[0].at);
	return out;
}

START_TEST(contact_details_are_found)
{
	ck_assert_str_eq(kinds("有事打13812345678找我", PV_FOR_VISIT), "phone");
	ck_assert_str_eq(first("电话 138 1234 5678。", PV_FOR_VISIT), "138 1234 5678");
	ck_assert_str_eq(first("电话138-1234-5678", PV_FOR_VISIT), "138-1234-5678");
	ck_assert_str_eq(first("座机0718-4321234", PV_FOR_VISIT), "0718-4321234");
	ck_assert_str_eq(kinds("号码是一三八一二三四五六七八", PV_FOR_VISIT), "phone");
	ck_assert_str_eq(kinds("全角１３８１２３４５６７８", PV_FOR_VISIT), "phone");
	ck_assert_str_eq(kinds("身份证422823201402037164", PV_FOR_VISIT), "idnum");
	ck_assert_str_eq(first("证号42282320140203916X。", PV_FOR_VISIT), "42282320140203916X");
	ck_assert_str_eq(kinds("加QQ 12345678", PV_FOR_VISIT), "chat");
	ck_assert_str_eq(first("微信：zhang_ming2024 谢谢", PV_FOR_VISIT), "微信：zhang_ming2024");
	ck_assert_str_eq(kinds("vx: abcde123", PV_FOR_VISIT), "chat");
	ck_assert_str_eq(kinds("邮箱 ming@example.com", PV_FOR_VISIT), "chat");
}
END_TEST

START_TEST(the_records_words_are_found)
{
	ck_assert_str_eq(kinds("张小明今天很开心", PV_FOR_VISIT), "name");
	ck_assert_str_eq(kinds("小明的成绩进步了", PV_FOR_VISIT), "name");
	ck_assert_str_eq(kinds("爷爷张建国身体好些了", PV_FOR_VISIT), "name");
	ck_assert_str_eq(kinds("在溪丘湾乡中心小学上四年级", PV_FOR_VISIT), "place");
	ck_assert_str_eq(kinds("杨柳村的路修好了", PV_FOR_VISIT), "place");
	ck_assert_str_eq(kinds("从杨柳出发", PV_FOR_VISIT), "place");
	ck_assert_str_eq(kinds("去溪丘湾乡赶集", PV_FOR_VISIT), "place");
}
END_TEST

START_TEST(ordinary_words_pass)
{
	/* the alias, the county, dates, amounts, a visit's everyday words */
	ck_assert_str_eq(kinds("明明在巴东县过得不错，2024-05-06 我们送去了 500 元学习用品。",
	                       PV_FOR_VISIT), "");
	ck_assert_str_eq(kinds("三年级的明明通过微信视频和志愿者聊了 20 分钟。", PV_FOR_VISIT), "");
	ck_assert_str_eq(kinds("一二年级", PV_FOR_VISIT), "");
	ck_assert_str_eq(kinds("twxy and QQQ", PV_FOR_VISIT), "");
	ck_assert_str_eq(kinds("", PV_FOR_VISIT), "");
}
END_TEST

START_TEST(letters_are_checked_for_more)
{
	ck_assert_str_eq(kinds("请给我转账", PV_FOR_LETTER), "money");
	ck_assert_str_eq(kinds("请给我转账", PV_FOR_VISIT), "");
	ck_assert_str_eq(kinds("我家住在和平路12号", PV_FOR_LETTER), "address,address");
	ck_assert_str_eq(first("寄到和平路12号", PV_FOR_LETTER), "和平路12号");
	ck_assert_str_eq(kinds("加我微信吧", PV_FOR_LETTER), "chat,chat");
	ck_assert_str_eq(kinds("卡号6222020200112233445", PV_FOR_LETTER), "money,money");
	ck_assert_str_eq(kinds("祝你学习进步，天天开心！", PV_FOR_LETTER), "");
}
END_TEST

START_TEST(findings_are_in_order_and_apart)
{
	const char *text = "张小明 13812345678 张小明";
	struct privacy_found f;

	ck_assert_int_eq(privacy_scan(text, &T, PV_FOR_VISIT, &f), 3);
	for (int i = 1; i < f.n; i++)
		ck_assert_uint_ge(f.hit[i].at, f.hit[i - 1].at + f.hit[i - 1].len);
	ck_assert_int_eq(f.hit[0].at, 0);
	ck_assert_int_eq(f.more, 0);
	/* without the record, only what the text itself shows */
	ck_assert_int_eq(privacy_scan(text, NULL, PV_FOR_VISIT, &f), 1);
}
END_TEST

START_TEST(terms_leave_out_the_public_and_the_short)
{
	const char *const f[PRIVACY_FIELDS] = { "王芳", "李", NULL, NULL };
	struct privacy_terms t;

	privacy_terms_from(&t, f, "芳芳");
	ck_assert_int_eq(t.n, 1);
	ck_assert_str_eq(t.term[0], "王芳");
	privacy_terms_wipe(&t);
	ck_assert_int_eq(t.n, 0);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("privacy");
	TCase *t = tcase_create("scan");

	tcase_add_unchecked_fixture(t, setup, NULL);
	tcase_add_test(t, contact_details_are_found);
	tcase_add_test(t, the_records_words_are_found);
	tcase_add_test(t, ordinary_words_pass);
	tcase_add_test(t, letters_are_checked_for_more);
	tcase_add_test(t, findings_are_in_order_and_apart);
	tcase_add_test(t, terms_leave_out_the_public_and_the_short);
	suite_add_tcase(s, t);
	return s;
}
