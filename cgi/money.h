/* money.h — money is integer fen (分) everywhere; this module is the only place that turns it into text. */
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

#endif
