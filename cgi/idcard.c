/*
 * idcard.c — GB 11643 ID numbers: the ISO 7064 MOD 11-2 check character and the embedded birth
 * date.
 */
#include <stdio.h>
#include <string.h>

#include "idcard.h"

#define IDCARD_LEN   18   /* 17 digits and a check character */
#define IDCARD_BODY  17
#define BIRTH_AT     6    /* where the birth date (YYYYMMDD) starts */
/* The date was checked; the room is for the compiler, which cannot know the numbers are small. */
#define DATE_ROOM    40

char idcard_check_char(const char *first17)
{
	static const int w[IDCARD_BODY] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0;

	for (int i = 0; i < IDCARD_BODY; i++)
		sum += (first17[i] - '0') * w[i];
	return "10X98765432"[sum % 11];
}

int idcard_real_date(int y, int m, int d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= days[m - 1] + (m == 2 && leap);
}

int idcard_valid(const char *id, char birth[IDCARD_DATE_LEN])
{
	int y, m, d;
	char last;

	if (strlen(id) != IDCARD_LEN || strspn(id, "0123456789") < IDCARD_BODY)
		return 0;
	last = id[IDCARD_BODY] == 'x' ? 'X' : id[IDCARD_BODY];
	if (last != idcard_check_char(id))
		return 0;
	if (sscanf(id + BIRTH_AT, "%4d%2d%2d", &y, &m, &d) != 3 || !idcard_real_date(y, m, d))
		return 0;
	if (birth) {
		char buf[DATE_ROOM];
		snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
		memcpy(birth, buf, IDCARD_DATE_LEN);
	}
	return 1;
}
