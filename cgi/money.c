/* money.c — formatting integer fen for people; never touches floating point. */
#include <stdio.h>
#include <string.h>

#include "money.h"
#include "util.h"

/* Room for an amount's digits, and for them grouped by thousands. */
#define MONEY_DIGITS_MAX  32
#define MONEY_GROUPED_MAX 48

char *money_format(long long fen, char *buf, size_t n)
{
	unsigned long long v = fen < 0 ? 0ULL - (unsigned long long)fen : (unsigned long long)fen;
	unsigned long long yuan = v / 100, cents = v % 100;
	char digits[MONEY_DIGITS_MAX], grouped[MONEY_GROUPED_MAX];
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

char *money_plain(long long fen, char *buf, size_t n)
{
	unsigned long long v = fen < 0 ? 0ULL - (unsigned long long)fen : (unsigned long long)fen;

	snprintf(buf, n, "%s%llu.%02llu", fen < 0 ? "-" : "", v / 100, v % 100);
	return buf;
}

int money_parse_yuan(const char *s, long long min_fen, long long max_fen, long long *fen)
{
	long long yuan = 0, cents = 0;
	int ndig = 0, ndec = 0;
	const char *p = s;

	/*
	 * Leading zeros are refused (but "0.5" is a number), so that what the donor sees is what
	 * was meant.
	 */
	if (p[0] == '0' && p[1] != '.' && p[1] != '\0')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++, ndig++) {
		if (ndig >= 12)   /* far beyond any limit; keeps the arithmetic in range */
			return -1;
		yuan = yuan * 10 + (*p - '0');
	}
	if (ndig == 0)
		return -1;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++, ndec++) {
			if (ndec >= 2)
				return -1;
			cents = cents * 10 + (*p - '0');
		}
		if (ndec == 0)
			return -1;
		if (ndec == 1)
			cents *= 10;
	}
	if (*p != '\0')
		return -1;
	yuan = yuan * 100 + cents;
	if (yuan < min_fen || yuan > max_fen)
		return -1;
	*fen = yuan;
	return 0;
}

/* Append a UTF-8 string to buf at *at, keeping room for the NUL; sets *at past n on overflow. */
static void cap_put(char *buf, size_t n, size_t *at, const char *s)
{
	size_t len = strlen(s);

	if (*at + len >= n) {
		*at = n;
		return;
	}
	memcpy(buf + *at, s, len + 1);
	*at += len;
}

char *money_capital(long long fen, char *buf, size_t n)
{
	static const char *const DIGIT[] = {
		"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"
	};
	static const char *const UNIT[] = { "", "拾", "佰", "仟" };
	static const char *const GROUP[] = { "", "万", "亿" };  /* 10^0, 10^4, 10^8 */
	int d[nitems(GROUP) * nitems(UNIT)], nd = 0;   /* as many digits as the words reach */
	long long yuan, jiao, cents;
	size_t at = 0;
	int zero_pending = 0, any = 0;

	if (fen < 0 || fen >= MONEY_CAPITAL_LIMIT || n == 0)
		return NULL;
	buf[0] = '\0';
	yuan = fen / 100;
	jiao = fen / 10 % 10;
	cents = fen % 10;
	for (long long v = yuan; v > 0 && nd < (int)nitems(d); v /= 10)
		d[nd++] = (int)(v % 10);
	/*
	 * Digits from the most significant: a run of zeros inside the number reads as one 零, and a
	 * group of four that holds any digit ends with its group word (万, 亿).
	 */
	for (int i = nd - 1; i >= 0; i--) {
		int pos = i % 4, group = i / 4;
		if (d[i] == 0) {
			zero_pending = any;
		} else {
			if (zero_pending)
				cap_put(buf, n, &at, DIGIT[0]);
			zero_pending = 0;
			cap_put(buf, n, &at, DIGIT[d[i]]);
			cap_put(buf, n, &at, UNIT[pos]);
			any = 1;
		}
		if (pos == 0 && group > 0) {
			int gsum = 0;
			for (int k = i; k < i + 4 && k < nd; k++)
				gsum += d[k];
			if (gsum)
				cap_put(buf, n, &at, GROUP[group]);
		}
	}
	if (any)
		cap_put(buf, n, &at, "元");
	if (jiao == 0 && cents == 0) {
		cap_put(buf, n, &at, any ? "整" : "零元整");
	} else {
		if (jiao) {
			cap_put(buf, n, &at, DIGIT[jiao]);
			cap_put(buf, n, &at, "角");
		} else if (any) {
			cap_put(buf, n, &at, DIGIT[0]);
		}
		if (cents) {
			cap_put(buf, n, &at, DIGIT[cents]);
			cap_put(buf, n, &at, "分");
		}
	}
	return at >= n ? NULL : buf;
}
