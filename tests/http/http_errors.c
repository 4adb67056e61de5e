/* http_errors.c — a failing handler gives a templated 500 that shows no internals, and the log keeps the cause. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "client.h"

static int log_mentions(const char *needle)
{
	char path[512], line[4096];
	FILE *f;
	int found = 0;

	snprintf(path, sizeof path, "%s/log/app.log", getenv("TX_VAR"));
	if (!(f = fopen(path, "r")))
		return 0;
	while (!found && fgets(line, sizeof line, f))
		found = strstr(line, needle) != NULL;
	fclose(f);
	return found;
}

START_TEST(handler_error_is_a_templated_500)
{
	struct resp r;

	/* A table the home page reads goes missing; the bump makes sure no cached page hides the failure. */
	ck_assert_int_eq(admin_sql("RENAME TABLE member_units TO member_units_away;"
	                           "UPDATE content_generation SET gen = gen + 1 WHERE id = 1;", NULL), 0);
	ck_assert_int_eq(http_get("/", &r), 0);
	admin_sql("RENAME TABLE member_units_away TO member_units;", NULL);

	ck_assert_int_eq(r.status, 500);
	ck_assert(body_has(&r, "服务器出了点问题"));
	ck_assert(body_has(&r, "信息公开"));
	ck_assert_msg(!body_has(&r, "member_units") && !body_has(&r, "SELECT") && !body_has(&r, "doesn't exist"),
	              "internals leaked into the page:\n%s", r.body);
	ck_assert(resp_has_header(&r, "Content-Security-Policy", NULL));
	resp_free(&r);
	ck_assert_msg(log_mentions("member_units"), "the cause is not in the log");
}
END_TEST

START_TEST(service_recovers_when_the_table_returns)
{
	ck_assert_int_eq(wait_for_status("/", 200, 5), 0);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_errors");
	TCase *t = tcase_create("errors");

	tcase_add_test(t, handler_error_is_a_templated_500);
	tcase_add_test(t, service_recovers_when_the_table_returns);
	suite_add_tcase(s, t);
	return s;
}
