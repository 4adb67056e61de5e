/* idcard.c — GB 11643 ID numbers: the ISO 7064 MOD 11-2 check character and the embedded birth date. */
#include <stdio.h>
#include <string.h>

#include "idcard.h"

char idcard_check_char(const char *first17)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (first17[i] - '0') * w[i];
	return "10X98765432"[sum % 11];
}

int idcard_real_date(int y, int m, int d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] + (m == 2 && leap);
}

int idcard_valid(const char *id, char birth[11])
{
	int y, m, d;
	char last;

	if (strlen(id) != 18 || strspn(id, "0123456789") < 17)
		return 0;
	last = id[17] == 'x' ? 'X' : id[17];
	if (last != idcard_check_char(id))
		return 0;
	if (sscanf(id + 6, "%4d%2d%2d", &y, &m, &d) != 3 || !idcard_real_date(y, m, d))
		return 0;
	if (birth) {
		char buf[40];   /* the date was checked; the room is for the compiler, which cannot know */
		snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
		memcpy(birth, buf, 11);
	}
	return 1;
}
