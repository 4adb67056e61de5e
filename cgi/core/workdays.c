/* workdays.c — counting working days over weekends, holidays and make-up working days. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util.h"
#include "workdays.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static workday_t from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void to_civil(workday_t z, long *y, unsigned *m, unsigned *d)
{
	long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long)yoe + era * 400 + (*m <= 2);
}

int workday_parse(const char *s, workday_t *out)
{
	unsigned m, d, mm, dd;
	long y, yy;
	int used = 0;

	if (strlen(s) != 10 || sscanf(s, "%4ld-%2u-%2u%n", &y, &m, &d, &used) != 3 || used != 10 ||
	    s[4] != '-' || s[7] != '-' || strspn(s, "0123456789-") != 10 || y < 1970 || m < 1 ||
	    m > 12 || d < 1 || d > 31)
		return -1;
	*out = from_civil(y, m, d);
	to_civil(*out, &yy, &mm, &dd);
	return yy == y && mm == m && dd == d ? 0 : -1;   /* 2026-02-30 is no day */
}

void workday_format(workday_t z, char *out)
{
	long y;
	unsigned m, d;

	to_civil(z, &y, &m, &d);
	snprintf(out, WORKDAYS_DATE_MAX, "%04u-%02u-%02u", (unsigned)((unsigned long)y % 10000u),
	         m % 13u, d % 32u);
}

int workday_is_working(const struct workcal *cal, workday_t d)
{
	/* 1970-01-01 was a Thursday: (d + 3) % 7 is 0 on Mondays, 5 and 6 at the weekend. */
	int weekend = (d + 3) % 7 >= 5;

	for (int i = 0; i < cal->n; i++)
		if (cal->ex[i].day == d)
			return !cal->ex[i].off;
	return !weekend;
}

workday_t workday_after(const struct workcal *cal, workday_t from, int n)
{
	workday_t d = from;

	while (n > 0)
		if (workday_is_working(cal, ++d))
			n--;
	return d;
}

/* One row of the holidays table into the calendar. */
static int cal_row(void *ctx, unsigned ncols, MYSQL_FIELD *fields, char **v, unsigned long *lens)
{
	struct workcal *cal = ctx;
	workday_t d;

	(void)ncols, (void)fields, (void)lens;
	if (cal->n >= WORKDAYS_CAL_MAX || !v[0] || !v[1] || workday_parse(v[0], &d) < 0)
		return -1;
	cal->ex[cal->n].day = d;
	cal->ex[cal->n].off = strcmp(v[1], "off") == 0;
	cal->n++;
	return 0;
}

int workdays_add(struct db *db, const char *from, int n, char *out, struct err *e)
{
	/* n working days lie within 2n + 60 calendar days, even across 春节's week and weekends. */
	struct dbp p[] = { P_STR(from), P_STR(from), P_INT(2 * n + 60) };
	struct workcal cal = { 0 };
	workday_t d;

	if (n < 1 || n > WORKDAYS_MAX_N || workday_parse(from, &d) < 0)
		return err_internal(e, "workdays_add: %s + %d", from, n);
	if (db_query(db, "SELECT day, kind FROM holidays "
	             "WHERE day > ? AND day <= ? + INTERVAL ? DAY", p, nitems(p), cal_row, &cal,
	             e) < 0)
		return -1;
	workday_format(workday_after(&cal, d, n), out);
	return 0;
}
