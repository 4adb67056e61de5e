/* check_main.h — the shared main() of the unit test programs: each defines suite() and gets a runner. */
#ifndef TX_CHECK_MAIN_H
#define TX_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

Suite *suite(void);

int main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
