/* check_money.c — fen to text (grouping, cents, extremes), amounts to fen, and 大写 capitals. */
#include <limits.h>
#include <string.h>

#include "check_main.h"
#include "money.h"
#include "util.h"

/* Room for any amount as text. */
#define TEXT_MAX 48

struct mcase {
	long long fen;
	const char *text;
};

static const struct mcase CASES[] = {
	{ 0, "0" },
	{ 1, "0.01" },
	{ 100, "1" },
	{ 300000, "3,000" },
	{ 25000, "250" },
	{ 3500000000LL, "35,000,000" },
	{ 123456789, "1,234,567.89" },
	{ -150, "-1.50" },
	{ LLONG_MAX, "92,233,720,368,547,758.07" },
	{ LLONG_MIN, "-92,233,720,368,547,758.08" },
};

START_TEST(formats_fen)
{
	char buf[TEXT_MAX];

	ck_assert_str_eq(money_format(CASES[_i].fen, buf, sizeof buf), CASES[_i].text);
}
END_TEST

/* For spreadsheets: no separators, always the cents, so a column adds up. */
static const struct mcase PLAIN[] = {
	{ 0, "0.00" },
	{ 1, "0.01" },
	{ 300000, "3000.00" },
	{ 123456789, "1234567.89" },
	{ -150, "-1.50" },
	{ LLONG_MIN, "-92233720368547758.08" },
};

START_TEST(formats_plain)
{
	char buf[TEXT_MAX];

	ck_assert_str_eq(money_plain(PLAIN[_i].fen, buf, sizeof buf), PLAIN[_i].text);
}
END_TEST

/*
 * What a donor types, within the gift limits (1 .. 1,000,000 yuan); fen is -1 where the amount is
 * refused.
 */
static const struct {
	const char *s;
	long long fen;
} PARSE[] = {
	{ "30", 3000 },
	{ "100", 10000 },
	{ "300", 30000 },
	{ "3000", 300000 },
	{ "1", 100 },
	{ "1.00", 100 },
	{ "1.5", 150 },
	{ "1.50", 150 },
	{ "1.05", 105 },
	{ "12.34", 1234 },
	{ "999999.99", 99999999 },
	{ "1000000", 100000000 },
	{ "1000000.00", 100000000 },
	/* out of the limits */
	{ "0.99", -1 },
	{ "0.5", -1 },
	{ "0", -1 },
	{ "0.00", -1 },
	{ "1000000.01", -1 },
	{ "1000001", -1 },
	{ "999999999999", -1 },
	{ "99999999999999999999", -1 },   /* overflows 64 bits as fen */
	/* not an amount as we write them */
	{ "", -1 },
	{ "-1", -1 },
	{ "+1", -1 },
	{ "1e3", -1 },
	{ "12.345", -1 },
	{ "1.", -1 },
	{ ".5", -1 },
	{ "1,000", -1 },
	{ " 1", -1 },
	{ "1 ", -1 },
	{ "1\n", -1 },
	{ "01", -1 },
	{ "007", -1 },
	{ "00.5", -1 },
	{ "1.2.3", -1 },
	{ "0x10", -1 },
	{ "NaN", -1 },
	{ "inf", -1 },
	{ "1.-5", -1 },
	{ "３０", -1 },                    /* full-width digits */
	{ "１", -1 },
};

START_TEST(parses_yuan)
{
	long long fen = -42;
	int rc = money_parse_yuan(PARSE[_i].s, MONEY_MIN_GIFT_FEN, MONEY_MAX_GIFT_FEN, &fen);

	if (PARSE[_i].fen < 0) {
		ck_assert_msg(rc == -1, "\"%s\" accepted as %lld fen", PARSE[_i].s, fen);
		ck_assert_msg(fen == -42, "\"%s\" refused but wrote %lld to *fen", PARSE[_i].s,
		              fen);
	} else {
		ck_assert_msg(rc == 0, "\"%s\" refused", PARSE[_i].s);
		ck_assert_int_eq(fen, PARSE[_i].fen);
	}
}
END_TEST

/*
 * 大写 by the rules for filling in bills (正确填写票据和结算凭证的基本规定): a run of zeros inside the number is one
 * 零; a zero 角 before a nonzero 分 writes 零 after 元; whole yuan end in 整, amounts ending at 角 or 分 do
 * not; 壹拾 keeps its 壹; 万 and 亿 name a group of four that holds a digit. Where the rules allow
 * either form (a zero 元 digit before a nonzero 角, or a zero 万 digit before a nonzero 仟) the row
 * says which one we write.
 */
static const struct mcase CAPITAL[] = {
	{ 0, "零元整" },
	{ 1, "壹分" },
	{ 5, "伍分" },
	{ 10, "壹角" },
	{ 11, "壹角壹分" },
	{ 50, "伍角" },
	{ 99, "玖角玖分" },
	{ 100, "壹元整" },
	{ 101, "壹元零壹分" },
	{ 105, "壹元零伍分" },
	{ 110, "壹元壹角" },
	{ 1000, "壹拾元整" },
	{ 1500, "壹拾伍元整" },
	{ 25000, "贰佰伍拾元整" },
	{ 32504, "叁佰贰拾伍元零肆分" },                  /* the rules' own example, ￥325.04 */
	{ 100005, "壹仟元零伍分" },
	{ 123456, "壹仟贰佰叁拾肆元伍角陆分" },
	{ 140950, "壹仟肆佰零玖元伍角" },                 /* ￥1409.50 */
	{ 168032, "壹仟陆佰捌拾元叁角贰分" },             /* ￥1680.32; the rules also allow 捌拾元零叁角 */
	{ 300000, "叁仟元整" },
	{ 1000000, "壹万元整" },
	{ 1000100, "壹万零壹元整" },
	{ 1001000, "壹万零壹拾元整" },
	{ 1640902, "壹万陆仟肆佰零玖元零贰分" },          /* ￥16409.02 */
	{ 10000000, "壹拾万元整" },
	{ 10700053, "壹拾万零柒仟元伍角叁分" },           /* ￥107000.53; the rules also allow 壹拾万柒仟元零伍角 */
	{ 11000000, "壹拾壹万元整" },
	{ 100000000, "壹佰万元整" },
	{ 100010000, "壹佰万零壹佰元整" },
	{ 100100000, "壹佰万零壹仟元整" },                /* the rules also allow 壹佰万壹仟 */
	{ 1010000000, "壹仟零壹拾万元整" },
	{ 2000000001, "贰仟万元零壹分" },
	{ 10000000000LL, "壹亿元整" },
	{ 10001000000LL, "壹亿零壹万元整" },
	{ 100000000000LL, "壹拾亿元整" },
	{ 100000000100LL, "壹拾亿零壹元整" },
	{ 10000000000000LL, "壹仟亿元整" },
	{ MONEY_CAPITAL_LIMIT - 1, "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分" },
	/* out of range */
	{ -1, NULL },
	{ MONEY_CAPITAL_LIMIT, NULL },
	{ LLONG_MIN, NULL },
	{ LLONG_MAX, NULL },
};

START_TEST(writes_capitals)
{
	char buf[MONEY_CAPITAL_MAX];
	const char *got = money_capital(CAPITAL[_i].fen, buf, sizeof buf);

	if (CAPITAL[_i].text == NULL)
		ck_assert_msg(got == NULL, "%lld fen written as %s", CAPITAL[_i].fen, got);
	else {
		ck_assert_msg(got == buf, "%lld fen refused", CAPITAL[_i].fen);
		ck_assert_str_eq(got, CAPITAL[_i].text);
	}
}
END_TEST

/*
 * A buffer one byte short of the text and its NUL is refused, without a write past its end; an
 * exact one is enough.
 */
START_TEST(capitals_need_room)
{
	const struct mcase *c = &CAPITAL[_i];
	char buf[MONEY_CAPITAL_MAX];
	size_t need;

	if (c->text == NULL)
		return;
	need = strlen(c->text) + 1;
	ck_assert_uint_le(need, MONEY_CAPITAL_MAX);
	for (size_t n = 0; n < need; n++) {
		memset(buf, '#', sizeof buf);
		ck_assert_msg(money_capital(c->fen, buf, n) == NULL, "%lld fen fits in %zu bytes",
		              c->fen, n);
		for (size_t k = n; k < sizeof buf; k++)
			ck_assert_msg(buf[k] == '#', "%lld fen in %zu bytes wrote byte %zu", c->fen,
			              n, k);
	}
	memset(buf, '#', sizeof buf);
	ck_assert_ptr_eq(money_capital(c->fen, buf, need), buf);
	ck_assert_str_eq(buf, c->text);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("money");
	TCase *t = tcase_create("format");

	tcase_add_loop_test(t, formats_fen, 0, nitems(CASES));
	tcase_add_loop_test(t, formats_plain, 0, nitems(PLAIN));
	tcase_add_loop_test(t, parses_yuan, 0, nitems(PARSE));
	tcase_add_loop_test(t, writes_capitals, 0, nitems(CAPITAL));
	tcase_add_loop_test(t, capitals_need_room, 0, nitems(CAPITAL));
	suite_add_tcase(s, t);
	return s;
}
