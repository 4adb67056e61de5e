/* period.c — a payout's period: "2027", "2027H1", "2027-03"; its days and its name. */
#include <stdio.h>
#include <string.h>

#include "period.h"

static const int MONTH_DAYS[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int period_parse(const char *s, struct period *p)
{
	size_t len = strlen(s);
	int last;

	memset(p, 0, sizeof *p);
	if (len < 4 || !digits(s, 4) || s[0] != '2' || s[1] != '0')
		return -1;
	p->year = (s[2] - '0') * 10 + (s[3] - '0') + 2000;
	if (len == 4) {
		p->first_month = 1, p->months = 12;
	} else if (len == 6 && s[4] == 'H' && (s[5] == '1' || s[5] == '2')) {
		p->first_month = s[5] == '1' ? 1 : 7, p->months = 6;
	} else if (len == 7 && s[4] == '-' && digits(s + 5, 2)) {
		p->first_month = (s[5] - '0') * 10 + (s[6] - '0'), p->months = 1;
		if (p->first_month < 1 || p->first_month > 12)
			return -1;
	} else {
		return -1;
	}
	last = p->first_month + p->months - 1;
	memcpy(p->code, s, len + 1);
	snprintf(p->first, sizeof p->first, "%04d-%02d-01", p->year, p->first_month);
	snprintf(p->last, sizeof p->last, "%04d-%02d-%02d", p->year, last,
	         MONTH_DAYS[last - 1] + (last == 2 && leap(p->year)));
	return 0;
}

void period_text(const struct period *p, char *out, size_t n)
{
	if (p->months == 12)
		snprintf(out, n, "%d年", p->year);
	else if (p->months == 6)
		snprintf(out, n, "%d年%s", p->year, p->first_month == 1 ? "上半年" : "下半年");
	else
		snprintf(out, n, "%d年%d月", p->year, p->first_month);
}

void period_code_text(const char *code, char *out, size_t n)
{
	struct period p;

	if (period_parse(code, &p) < 0) {
		if (n)
			out[0] = '\0';
		return;
	}
	period_text(&p, out, n);
}

int period_overlaps(const struct period *a, const struct period *b)
{
	int a0 = a->year * 12 + a->first_month, b0 = b->year * 12 + b->first_month;

	return a0 < b0 + b->months && b0 < a0 + a->months;
}
