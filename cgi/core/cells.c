/* core/cells.c — a CSV cell as banks and Excel write it (cells.h). */
#include <stdio.h>
#include <string.h>

#include "../keys.h"
#include "../money.h"
#include "cells.h"

char *cell_trimmed(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

int cell_amount(const char *s, long long max_fen, long long *fen)
{
	char plain[32];
	size_t n = 0;

	for (; *s && n < sizeof plain - 1; s++)
		if (*s != ',')
			plain[n++] = *s;
	plain[n] = '\0';
	return *s ? -1 : money_parse_yuan(plain, 1, max_fen, fen);
}

int cell_date(const char *s, char out[CELL_DATE_LEN])
{
	struct field f;
	size_t n = strlen(s);

	if (n == 0) {
		out[0] = '\0';
		return 0;
	}
	if (n == 8)
		snprintf(out, CELL_DATE_LEN, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
	else if (n == 10 && s[4] == s[7] && (s[4] == '-' || s[4] == '/'))
		snprintf(out, CELL_DATE_LEN, "%.4s-%.2s-%.2s", s, s + 5, s + 8);
	else
		return -1;
	return v_date(out, &f);
}
