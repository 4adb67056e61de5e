/* check_cells.c — a CSV cell as banks and Excel write it: trimmed, an amount with separators, a date in three forms. */
#include <string.h>

#include "check_main.h"
#include "core/cells.h"

START_TEST(trimmed)
{
	char a[] = " \t巴东县 \t", b[] = "", c[] = "  ";

	ck_assert_str_eq(cell_trimmed(a), "巴东县");
	ck_assert_str_eq(cell_trimmed(b), "");
	ck_assert_str_eq(cell_trimmed(c), "");
}
END_TEST

START_TEST(amounts)
{
	long long fen = 0;

	ck_assert_int_eq(cell_amount("1,000.00", 100000000, &fen), 0);
	ck_assert_int_eq(fen, 100000);
	ck_assert_int_eq(cell_amount("35.5", 100000000, &fen), 0);
	ck_assert_int_eq(fen, 3550);
	ck_assert_int_eq(cell_amount("0.01", 100000000, &fen), 0);
	ck_assert_int_eq(fen, 1);
	/* Over the most, nothing, a sign, a fraction of a fen, words: refused. */
	ck_assert_int_eq(cell_amount("1,000,001", 100000000, &fen), -1);
	ck_assert_int_eq(cell_amount("", 100000000, &fen), -1);
	ck_assert_int_eq(cell_amount("-5", 100000000, &fen), -1);
	ck_assert_int_eq(cell_amount("1.005", 100000000, &fen), -1);
	ck_assert_int_eq(cell_amount("壹佰", 100000000, &fen), -1);
	ck_assert_int_eq(cell_amount("0", 100000000, &fen), -1);
}
END_TEST

START_TEST(dates)
{
	char d[CELL_DATE_LEN];

	ck_assert_int_eq(cell_date("2024-03-05", d), 0);
	ck_assert_str_eq(d, "2024-03-05");
	ck_assert_int_eq(cell_date("2024/03/05", d), 0);
	ck_assert_str_eq(d, "2024-03-05");
	ck_assert_int_eq(cell_date("20240305", d), 0);
	ck_assert_str_eq(d, "2024-03-05");
	ck_assert_int_eq(cell_date("", d), 0);
	ck_assert_str_eq(d, "");
	/* Not a real day, mixed separators, other shapes: refused. */
	ck_assert_int_eq(cell_date("2023-02-29", d), -1);
	ck_assert_int_eq(cell_date("2024-03/05", d), -1);
	ck_assert_int_eq(cell_date("2024-3-5", d), -1);
	ck_assert_int_eq(cell_date("5 March 2024", d), -1);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("cells");
	TCase *t = tcase_create("cells");

	tcase_add_test(t, trimmed);
	tcase_add_test(t, amounts);
	tcase_add_test(t, dates);
	suite_add_tcase(s, t);
	return s;
}
