/*
 * idcard.h — mainland resident ID numbers (GB 11643-1999): the check character and what the number
 * says.
 */
#ifndef TX_IDCARD_H
#define TX_IDCARD_H

/* A birth date as YYYY-MM-DD, and its NUL. */
#define IDCARD_DATE_LEN sizeof "YYYY-MM-DD"

/* The check character ('0'..'9' or 'X') for the first 17 digits of an ID number. */
char idcard_check_char(const char *first17);

/* Whether y-m-d is a real date between 1900 and 2099. */
int idcard_real_date(int y, int m, int d);

/*
 * Whether id is a well-formed 18-character ID number: 17 digits and a check character (x accepted
 * for X) that fits, with a real birth date in positions 7..14. birth (if not NULL) gets that date
 * as YYYY-MM-DD.
 */
int idcard_valid(const char *id, char birth[IDCARD_DATE_LEN]);

#endif
