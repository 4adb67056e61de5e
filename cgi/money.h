/* money.h — money is integer fen (分) everywhere; only this module turns it into text and back. */
#ifndef TX_MONEY_H
#define TX_MONEY_H

#include <stddef.h>

/* The programme's standard: 3,000 yuan per child per year. */
#define MONEY_ANNUAL_NEED_FEN 300000LL

/*
 * Write fen as yuan with thousands separators: 123456789 -> "1,234,567.89", 300000 -> "3,000".
 * Whole amounts drop the ".00". Negative amounts get a leading '-'. Returns buf.
 */
char *money_format(long long fen, char *buf, size_t n);

/*
 * Write fen as yuan for a spreadsheet to add up: no separators, always two decimals: 123456789 ->
 * "1234567.89", 300000 -> "3000.00", -5 -> "-0.05". Returns buf.
 */
char *money_plain(long long fen, char *buf, size_t n);

/* What a donor may give in one general donation: 1 yuan to 1,000,000 yuan. */
#define MONEY_MIN_GIFT_FEN 100LL
#define MONEY_MAX_GIFT_FEN 100000000LL

/*
 * Parse an amount of yuan as a donor types it into fen: ASCII digits, optionally a point and one or
 * two decimals ("30", "1234.5", "0.01"). No sign, exponent, spaces, separators, full-width digits
 * or leading zeros ("007"). Returns 0 with *fen in [min_fen, max_fen], or -1 (the value is
 * unreadable or out of range).
 */
int money_parse_yuan(const char *s, long long min_fen, long long max_fen, long long *fen);

/*
 * The amount in Chinese capitals as receipts write it (大写): 300000 -> "叁仟元整", 123456 ->
 * "壹仟贰佰叁拾肆元伍角陆分", 100005 -> "壹仟元零伍分", 0 -> "零元整". Amounts below
 * MONEY_CAPITAL_LIMIT (a trillion yuan); returns buf, or NULL if fen is out of that range or buf
 * (MONEY_CAPITAL_MAX bytes is always enough) is too small.
 */
#define MONEY_CAPITAL_LIMIT 100000000000000LL
#define MONEY_CAPITAL_MAX 160
char *money_capital(long long fen, char *buf, size_t n);

#endif
