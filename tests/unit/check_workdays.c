/*
 * check_workdays.c — working days (cgi/core/workdays.c) over the calendar sql/033 holds: weekends,
 * holidays, make-up working days, and a report filed on the Friday before 国庆 due after it.
 */
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "core/workdays.h"
#include "util.h"

#define SQL_FILE "sql/033_disclosure.sql"

/* The migration's holidays rows, ('YYYY-MM-DD', 'off' | 'work', …), as a calendar. */
static void load(struct workcal *cal)
{
	FILE *f = fopen(SQL_FILE, "r");
	char line[512];

	ck_assert_msg(f != NULL, "cannot open %s", SQL_FILE);
	cal->n = 0;
	while (fgets(line, sizeof line, f)) {
		for (char *p = strstr(line, "('"); p; p = strstr(p + 1, "('")) {
			char date[WORKDAYS_DATE_MAX], kind[5];
			workday_t d;

			if (sscanf(p, "('%10[0-9-]', '%4[a-z]'", date, kind) != 2)
				continue;
			ck_assert_int_eq(workday_parse(date, &d), 0);
			ck_assert_int_lt(cal->n, WORKDAYS_CAL_MAX);
			cal->ex[cal->n].day = d;
			cal->ex[cal->n].off = strcmp(kind, "off") == 0;
			cal->n++;
		}
	}
	fclose(f);
	ck_assert_int_gt(cal->n, 40);
}

struct wcase {
	const char *from;
	int n;
	const char *due, *why;
};

static const struct wcase CASES[] = {
	{ "2026-11-30", 5, "2026-12-07", "Monday: the next Monday, over one weekend" },
	{ "2026-12-04", 5, "2026-12-11", "Friday: the weekend does not count" },
	{ "2026-12-05", 1, "2026-12-07", "Saturday: Monday is the first working day" },
	{ "2026-09-25", 5, "2026-10-09", "the Friday before 国庆 (中秋, off): 3 days, then 10-08" },
	{ "2026-09-24", 4, "2026-10-08", "Thursday before 中秋 and 国庆" },
	{ "2026-09-18", 5, "2026-09-24", "Sunday 09-20 is a make-up working day" },
	{ "2026-10-08", 2, "2026-10-10", "Saturday 10-10 is a make-up working day" },
	{ "2026-02-13", 5, "2026-02-27", "春节: 02-14 works, 02-15..23 off" },
	{ "2026-02-26", 2, "2026-02-28", "春节's make-up Saturday 02-28" },
	{ "2026-04-30", 1, "2026-05-06", "劳动节: 05-01..05 off" },
	{ "2026-05-08", 1, "2026-05-09", "劳动节's make-up Saturday" },
	{ "2026-12-31", 1, "2027-01-04", "元旦 2027, then the weekend" },
	{ "2027-02-04", 2, "2027-02-10", "春节 2027: 02-05..08 off" },
};

START_TEST(counts_working_days)
{
	const struct wcase *c = &CASES[_i];
	struct workcal cal;
	workday_t from;
	char due[WORKDAYS_DATE_MAX];

	load(&cal);
	ck_assert_int_eq(workday_parse(c->from, &from), 0);
	workday_format(workday_after(&cal, from, c->n), due);
	ck_assert_msg(strcmp(due, c->due) == 0, "%s + %d: %s, not %s (%s)", c->from, c->n, due,
	              c->due, c->why);
}
END_TEST

START_TEST(weekdays_and_exceptions)
{
	struct workcal cal;
	workday_t d;

	load(&cal);
	ck_assert_int_eq(workday_parse("2026-09-20", &d), 0);   /* Sunday, 调休上班 */
	ck_assert_int_eq(workday_is_working(&cal, d), 1);
	ck_assert_int_eq(workday_parse("2026-09-19", &d), 0);   /* Saturday */
	ck_assert_int_eq(workday_is_working(&cal, d), 0);
	ck_assert_int_eq(workday_parse("2026-10-05", &d), 0);   /* Monday in 国庆 */
	ck_assert_int_eq(workday_is_working(&cal, d), 0);
	ck_assert_int_eq(workday_parse("2026-10-12", &d), 0);   /* an ordinary Monday */
	ck_assert_int_eq(workday_is_working(&cal, d), 1);
}
END_TEST

START_TEST(an_empty_calendar_has_weekends_only)
{
	struct workcal cal = { 0 };
	workday_t d;
	char due[WORKDAYS_DATE_MAX];

	ck_assert_int_eq(workday_parse("2026-09-25", &d), 0);
	workday_format(workday_after(&cal, d, 5), due);
	ck_assert_str_eq(due, "2026-10-02");
}
END_TEST

START_TEST(dates_round_trip_and_bad_ones_are_refused)
{
	static const char *const BAD[] = {
		"2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01", "2026-01-01x",
		"", "2026/01/01", "1969-12-31",
	};
	static const char *const GOOD[] = { "1970-01-01", "2000-02-29", "2026-12-31", "2099-03-01" };
	workday_t d;
	char out[WORKDAYS_DATE_MAX];

	for (size_t i = 0; i < nitems(BAD); i++)
		ck_assert_msg(workday_parse(BAD[i], &d) < 0, "%s parsed", BAD[i]);
	for (size_t i = 0; i < nitems(GOOD); i++) {
		ck_assert_int_eq(workday_parse(GOOD[i], &d), 0);
		workday_format(d, out);
		ck_assert_str_eq(out, GOOD[i]);
	}
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("workdays");
	TCase *t = tcase_create("workdays");

	tcase_add_loop_test(t, counts_working_days, 0, (int)nitems(CASES));
	tcase_add_test(t, weekdays_and_exceptions);
	tcase_add_test(t, an_empty_calendar_has_weekends_only);
	tcase_add_test(t, dates_round_trip_and_bad_ones_are_refused);
	suite_add_tcase(s, t);
	return s;
}
