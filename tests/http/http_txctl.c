/*
 * http_txctl.c — the administrator's command acts through the domain core with an actor of its own:
 * staff-add as the system (the audit log says txctl, and names the account as the web does), an
 * import as the staff member it names (their reach decides, the audit log names them), and no
 * request is faked for either.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "client.h"

#define PASSWORD "txctl-test-pw"
#define OUTPUT_MAX 8192

/* A fictional ledger of n rows for region, from txctl itself, into the file path. */
static void sample(const char *region, int n, char *path, size_t size)
{
	char args[128], *out = malloc(OUTPUT_MAX);
	FILE *f;

	ck_assert_ptr_nonnull(out);
	snprintf(args, sizeof args, "ledger-sample %d %s", n, region);
	ck_assert_int_eq(txctl_run(args, NULL, 0, out, OUTPUT_MAX), 0);
	snprintf(path, size, "%s/txctl-ledger-%s.csv", getenv("TX_VAR"), region);
	ck_assert_ptr_nonnull((f = fopen(path, "w")));
	fputs(out, f);
	fclose(f);
	free(out);
}

START_TEST(staff_add_acts_as_the_system)
{
	char user[32], args[128], out[OUTPUT_MAX];

	snprintf(user, sizeof user, "tx%d", (int)getpid());
	snprintf(args, sizeof args, "staff-add %s county 422823 Txctl", user);
	ck_assert_msg(txctl_run(args, PASSWORD "\n", 1, out, sizeof out) == 0, "staff-add: %s", out);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM staff WHERE username = '%s' AND role "
	                                "= 'county' AND region_code = '422823'", user), 1);
	/* The account is named as the web's form names it; no staff member did it, txctl did. */
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM audit_log WHERE action = "
	                                "'staff.create' AND object_id = '%s' AND staff_id IS NULL "
	                                "AND addr = 'txctl' AND summary = 'opened %s as "
	                                "county of 422823'", user, user),
	                 1);
	/* A region that is not the role's is refused, and nothing is written. */
	snprintf(args, sizeof args, "staff-add %sx county 422800 Txctl", user);
	ck_assert_int_ne(txctl_run(args, PASSWORD "\n", 1, out, sizeof out), 0);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM staff WHERE username = '%sx'", user),
	                 0);
}
END_TEST

START_TEST(an_import_acts_as_the_staff_member_it_names)
{
	char path[512], args[700], out[OUTPUT_MAX];
	long long province = admin_sql_num("SELECT id FROM staff WHERE username = 'province'");
	long long before = admin_sql_num("SELECT COUNT(*) FROM children WHERE "
	                                 "county_code = '420106'");

	sample("420106", 3, path, sizeof path);
	/* Out of badong's reach: every row refused, as the web's report says. */
	snprintf(args, sizeof args, "import badong '%s'", path);
	ck_assert_msg(txctl_run(args, NULL, 1, out, sizeof out) == 0, "import: %s", out);
	ck_assert_msg(strstr(out, "3 rejected") && strstr(out, "区县不在您的管理范围内"), "%s",
	              out);
	/*
	 * The province reaches it: applied, in one audited step that names the province's account.
	 */
	snprintf(args, sizeof args, "import province '%s' apply", path);
	ck_assert_msg(txctl_run(args, NULL, 1, out, sizeof out) == 0, "import: %s", out);
	ck_assert_msg(strstr(out, "applied: 3 rows: 3 new"), "%s", out);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM children WHERE "
	                               "county_code = '420106'"),
	                 before + 3);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM audit_log WHERE action = "
	                                "'import.apply' AND staff_id = %lld AND addr = 'txctl' AND "
	                                "summary LIKE '3 rows: 3 new%%'", province), 1);
	/* No such account: nothing is done. */
	snprintf(args, sizeof args, "import nobody-here '%s'", path);
	ck_assert_int_ne(txctl_run(args, NULL, 1, out, sizeof out), 0);
	ck_assert_msg(strstr(out, "no active staff member nobody-here"), "%s", out);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("txctl");
	TCase *t = tcase_create("txctl");

	tcase_set_timeout(t, 120);
	tcase_add_test(t, staff_add_acts_as_the_system);
	tcase_add_test(t, an_import_acts_as_the_staff_member_it_names);
	suite_add_tcase(s, t);
	return s;
}
