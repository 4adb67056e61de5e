/*
 * workdays.h — working days (工作日) as the State Council's holiday schedule has them:
 * Saturdays and Sundays are off unless made a working day (调休上班), weekdays are working
 * days unless a holiday (table holidays, sql/033). A report's answer is due 5 working days after
 * the day it was filed. The counting is pure (a calendar in memory, testable without a
 * database); workdays_add reads the calendar it needs from the table.
 */
#ifndef TX_WORKDAYS_H
#define TX_WORKDAYS_H

#include "../db.h"

#define WORKDAYS_DATE_MAX 11          /* "YYYY-MM-DD" and a NUL */
/* The most exceptions a calendar holds: the days a count can reach (see WORKDAYS_MAX_N). */
#define WORKDAYS_CAL_MAX  128
/* The most working days one count goes ahead: a holiday plus weekends fits in its window. */
#define WORKDAYS_MAX_N    30

/* A day, as days since 1970-01-01. */
typedef long workday_t;

/* A calendar's exceptions to the weekend rule, in any order: day and whether it is off or work. */
struct workcal {
	int n;
	struct { workday_t day; int off; } ex[WORKDAYS_CAL_MAX];
};

/* "YYYY-MM-DD" (a real date, years 1970..9999) as a day: 0 and *d, or -1. */
int workday_parse(const char *s, workday_t *d);

/* Day d as "YYYY-MM-DD" into out (WORKDAYS_DATE_MAX bytes). */
void workday_format(workday_t d, char *out);

/* Whether day d is a working day in calendar cal. */
int workday_is_working(const struct workcal *cal, workday_t d);

/* The n-th working day after from (n 1..WORKDAYS_MAX_N; from itself never counts). */
workday_t workday_after(const struct workcal *cal, workday_t from, int n);

/*
 * The n-th working day after from ("YYYY-MM-DD") into out (WORKDAYS_DATE_MAX bytes), with the
 * holidays table as the calendar. A bad date or n is a program error (500).
 */
int workdays_add(struct db *db, const char *from, int n, char *out, struct err *e);

#endif
