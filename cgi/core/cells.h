/*
 * core/cells.h — a CSV cell as banks and Excel write it: spaces around it, an amount with thousands
 * separators, a date in one of three forms. Shared by the files staff upload (bankfile.c,
 * offline.c).
 */
#ifndef TX_CORE_CELLS_H
#define TX_CORE_CELLS_H

/* "YYYY-MM-DD" and its NUL. */
#define CELL_DATE_LEN sizeof "YYYY-MM-DD"

/* s without the spaces and tabs around it, in place. */
char *cell_trimmed(char *s);

/* An amount in yuan as "1,500.00" or "1500" into fen, 0.01 yuan to max_fen: 0, or -1. */
int cell_amount(const char *s, long long max_fen, long long *fen);

/*
 * A real date written YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD as YYYY-MM-DD in out: 0, or -1. "" stays
 * "" (the caller says what an empty cell means).
 */
int cell_date(const char *s, char out[CELL_DATE_LEN]);

#endif
