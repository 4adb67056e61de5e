/* check_period.c — a payout's period: parsed or refused, its first and last days, its text, overlaps. */
#include <string.h>

#include "check_main.h"
#include "core/period.h"
#include "util.h"

struct pcase {
	const char *code;
	int year, first_month, months;
	const char *first, *last, *text;
};

static const struct pcase GOOD[] = {
	{ "2027", 2027, 1, 12, "2027-01-01", "2027-12-31", "2027年" },
	{ "2027H1", 2027, 1, 6, "2027-01-01", "2027-06-30", "2027年上半年" },
	{ "2027H2", 2027, 7, 6, "2027-07-01", "2027-12-31", "2027年下半年" },
	{ "2027-03", 2027, 3, 1, "2027-03-01", "2027-03-31", "2027年3月" },
	{ "2027-04", 2027, 4, 1, "2027-04-01", "2027-04-30", "2027年4月" },
	{ "2027-12", 2027, 12, 1, "2027-12-01", "2027-12-31", "2027年12月" },
	/* February: 28 days, 29 in a leap year, and 2000 is one (divisible by 400) */
	{ "2027-02", 2027, 2, 1, "2027-02-01", "2027-02-28", "2027年2月" },
	{ "2028-02", 2028, 2, 1, "2028-02-01", "2028-02-29", "2028年2月" },
	{ "2000-02", 2000, 2, 1, "2000-02-01", "2000-02-29", "2000年2月" },
	{ "2000", 2000, 1, 12, "2000-01-01", "2000-12-31", "2000年" },
	{ "2099H2", 2099, 7, 6, "2099-07-01", "2099-12-31", "2099年下半年" },
};

START_TEST(parses_a_period)
{
	const struct pcase *c = &GOOD[_i];
	struct period p;
	char text[PERIOD_TEXT_MAX];

	ck_assert_int_eq(period_parse(c->code, &p), 0);
	ck_assert_int_eq(p.year, c->year);
	ck_assert_int_eq(p.first_month, c->first_month);
	ck_assert_int_eq(p.months, c->months);
	ck_assert_str_eq(p.code, c->code);
	ck_assert_str_eq(p.first, c->first);
	ck_assert_str_eq(p.last, c->last);
	period_text(&p, text, sizeof text);
	ck_assert_str_eq(text, c->text);
	period_code_text(c->code, text, sizeof text);
	ck_assert_str_eq(text, c->text);
}
END_TEST

static const char *const BAD[] = {
	"", "2", "202", "20271", "1999", "2100", "3027", "2027H", "2027H0", "2027H3", "2027h1", "2027-00",
	"2027-13", "2027-1", "2027-001", "2027/03", "2027-3a", " 2027", "2027 ", "２０２７", "2027H1x",
	"2027-03-01", "abcd", "20a7",
};

START_TEST(refuses_what_is_not_one)
{
	struct period p;
	char text[PERIOD_TEXT_MAX] = "x";

	ck_assert_msg(period_parse(BAD[_i], &p) == -1, "\"%s\" read as a period", BAD[_i]);
	period_code_text(BAD[_i], text, sizeof text);
	ck_assert_str_eq(text, "");
}
END_TEST

struct ocase {
	const char *a, *b;
	int overlaps;
};

static const struct ocase OVERLAPS[] = {
	{ "2027", "2027", 1 },
	{ "2027", "2027H2", 1 },
	{ "2027", "2027-12", 1 },
	{ "2027H1", "2027-06", 1 },
	{ "2027H1", "2027-07", 0 },
	{ "2027H2", "2027-07", 1 },
	{ "2027H1", "2027H2", 0 },
	{ "2027", "2028", 0 },
	{ "2027", "2028-01", 0 },
	{ "2027-12", "2028-01", 0 },
	{ "2027H2", "2028H1", 0 },
	{ "2027-03", "2027-03", 1 },
	{ "2027-03", "2027-04", 0 },
};

START_TEST(overlaps_when_they_share_a_month)
{
	const struct ocase *c = &OVERLAPS[_i];
	struct period a, b;

	ck_assert_int_eq(period_parse(c->a, &a), 0);
	ck_assert_int_eq(period_parse(c->b, &b), 0);
	ck_assert_msg(period_overlaps(&a, &b) == c->overlaps, "%s and %s", c->a, c->b);
	ck_assert_msg(period_overlaps(&b, &a) == c->overlaps, "%s and %s", c->b, c->a);
}
END_TEST

START_TEST(text_fits_a_small_buffer)
{
	struct period p;
	char text[8];

	ck_assert_int_eq(period_parse("2027H1", &p), 0);
	period_text(&p, text, sizeof text);
	ck_assert_uint_lt(strlen(text), sizeof text);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("period");
	TCase *t = tcase_create("period");

	tcase_add_loop_test(t, parses_a_period, 0, (int)nitems(GOOD));
	tcase_add_loop_test(t, refuses_what_is_not_one, 0, (int)nitems(BAD));
	tcase_add_loop_test(t, overlaps_when_they_share_a_month, 0, (int)nitems(OVERLAPS));
	tcase_add_test(t, text_fits_a_small_buffer);
	suite_add_tcase(s, t);
	return s;
}
