/* check_idcard.c — GB 11643 ID numbers: the check character, the birth date inside, refusals. */
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "idcard.h"
#include "util.h"

/* Room for a birth date (YYYY-MM-DD) and an ID number, each with its NUL. */
#define DATE_SIZE 11
#define ID_SIZE   19

struct idcase {
	const char *id;
	int         ok;
	const char *birth;
};

static const struct idcase CASES[] = {
	{ "11010519491231002X", 1, "1949-12-31" },   /* the standard's own example */
	{ "11010519491231002x", 1, "1949-12-31" },   /* a lower-case x as people type it */
	{ "440524188001010014", 1, "1880-01-01" } ,  /* before 1900: refused below */
	{ "11010519491231002Y", 0, NULL },
	{ "110105194912310021", 0, NULL },           /* wrong check digit */
	{ "11010519491231002", 0, NULL },            /* 17 characters */
	{ "11010519491231002XX", 0, NULL },
	{ "1101051949123100２X", 0, NULL },          /* a full-width digit */
	{ "", 0, NULL },
};

START_TEST(validates_numbers)
{
	char birth[DATE_SIZE] = "";
	const struct idcase *c = &CASES[_i];
	int want = c->ok && strcmp(c->birth, "1900-01-01") >= 0;

	ck_assert_int_eq(idcard_valid(c->id, birth), want);
	if (want)
		ck_assert_str_eq(birth, c->birth);
}
END_TEST

/*
 * Every number made from a real date gets the check character that makes it valid, and no other one
 * does.
 */
START_TEST(check_character_round_trip)
{
	const char *dates[] = { "20130910", "20000229", "20240229", "20121231" };
	char id[ID_SIZE];

	for (size_t i = 0; i < nitems(dates); i++) {
		snprintf(id, sizeof id, "422823%s%03zu", dates[i], i);
		id[17] = idcard_check_char(id);
		id[18] = '\0';
		ck_assert_msg(idcard_valid(id, NULL), "%s", id);
		for (const char *x = "0123456789X"; *x; x++) {
			id[17] = *x;
			ck_assert_int_eq(idcard_valid(id, NULL), *x == idcard_check_char(id));
		}
	}
}
END_TEST

/* Impossible dates are refused even with a fitting check character. */
START_TEST(impossible_dates_are_refused)
{
	const char *dates[] = { "20130230", "20230229", "19001301", "20130000", "21000101" };
	char id[ID_SIZE];

	for (size_t i = 0; i < nitems(dates); i++) {
		snprintf(id, sizeof id, "422823%s123", dates[i]);
		id[17] = idcard_check_char(id);
		id[18] = '\0';
		ck_assert_msg(!idcard_valid(id, NULL), "%s accepted", id);
	}
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("idcard");
	TCase *t = tcase_create("idcard");

	tcase_add_loop_test(t, validates_numbers, 0, nitems(CASES));
	tcase_add_test(t, check_character_round_trip);
	tcase_add_test(t, impossible_dates_are_refused);
	suite_add_tcase(s, t);
	return s;
}
