/*
 * period.h — the period a payout is for (payouts.period): a year "2027", a half "2027H1" (上半年)
 * or "2027H2" (下半年), or a month "2027-03". Parsed once; its first and last days, its months and
 * the text people read come from here.
 */
#ifndef TX_PERIOD_H
#define TX_PERIOD_H

#include <stddef.h>

#define PERIOD_CODE_MAX 8    /* "2027-03" and a NUL */
#define PERIOD_TEXT_MAX 32   /* "2027年上半年" */
#define PERIOD_DATE_MAX 11   /* "YYYY-MM-DD" */

struct period {
	int  year;
	int  first_month, months;               /* 1..12; 12, 6 or 1 */
	char code[PERIOD_CODE_MAX];
	char first[PERIOD_DATE_MAX], last[PERIOD_DATE_MAX];  /* its first and last days */
};

/* s as a period of the years 2000..2099: 0 and *p filled, or -1 if it is not one. */
int period_parse(const char *s, struct period *p);

/* What people read: 2027年, 2027年上半年, 2027年3月. */
void period_text(const struct period *p, char *out, size_t n);

/* The text of a period's code straight away ("" if it is not one), for lists. */
void period_code_text(const char *code, char *out, size_t n);

/* Whether periods a and b share a month. */
int period_overlaps(const struct period *a, const struct period *b);

#endif
