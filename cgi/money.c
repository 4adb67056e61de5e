/* money.c — formatting integer fen for people; never touches floating point. */
#include <stdio.h>
#include <string.h>

#include "money.h"

char *money_format(long long fen, char *buf, size_t n)
{
	unsigned long long v = fen < 0 ? 0ULL - (unsigned long long)fen : (unsigned long long)fen;
	unsigned long long yuan = v / 100, cents = v % 100;
	char digits[32], grouped[48];
	size_t len, g = 0;

	snprintf(digits, sizeof digits, "%llu", yuan);
	len = strlen(digits);
	for (size_t i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			grouped[g++] = ',';
		grouped[g++] = digits[i];
	}
	grouped[g] = '\0';
	if (cents)
		snprintf(buf, n, "%s%s.%02llu", fen < 0 ? "-" : "", grouped, cents);
	else
		snprintf(buf, n, "%s%s", fen < 0 ? "-" : "", grouped);
	return buf;
}
