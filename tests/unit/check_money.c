/* check_money.c — fen to text: grouping, cents, negatives and the extremes of 64-bit amounts. */
#include <limits.h>

#include "check_main.h"
#include "money.h"

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
	char buf[48];

	ck_assert_str_eq(money_format(CASES[_i].fen, buf, sizeof buf), CASES[_i].text);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("money");
	TCase *t = tcase_create("format");

	tcase_add_loop_test(t, formats_fen, 0, sizeof CASES / sizeof CASES[0]);
	suite_add_tcase(s, t);
	return s;
}
