/* http_grants.c — the app's database rights are sql/grants.allow's; no local file is read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "client.h"
#include "config.h"
#include "db.h"

#define MAX_RIGHTS 256
#define ER_TABLEACCESS_DENIED 1142

/* "table PRIVILEGE" pairs, one per right. */
struct rights {
	char pair[MAX_RIGHTS][80];
	int  n;
};

static void add(struct rights *r, const char *table, const char *priv)
{
	ck_assert_int_lt(r->n, MAX_RIGHTS);
	snprintf(r->pair[r->n++], sizeof r->pair[0], "%s %s", table, priv);
}

static int has(const struct rights *r, const char *table, const char *priv)
{
	char want[80];

	snprintf(want, sizeof want, "%s %s", table, priv);
	for (int i = 0; i < r->n; i++)
		if (strcmp(r->pair[i], want) == 0)
			return 1;
	return 0;
}

/* sql/grants.allow: "table RIGHT ..." or "table -", comments and blank lines aside. */
static void read_allow(struct rights *r)
{
	FILE *f = fopen("sql/grants.allow", "r");
	char line[512];

	ck_assert_msg(f != NULL, "sql/grants.allow is missing");
	while (fgets(line, sizeof line, f)) {
		char *save, *table = strtok_r(line, " \t\n", &save), *priv;
		if (!table || *table == '#')
			continue;
		while ((priv = strtok_r(NULL, " \t\n", &save)))
			if (strcmp(priv, "-") != 0)
				add(r, table, priv);
	}
	fclose(f);
}

/*
 * SHOW GRANTS for the app's account, as pairs. Only USAGE may be global, and nothing may be granted
 * on the whole database or on columns: each would be a right the list does not show.
 */
static void read_grants(struct rights *r)
{
	char *out = NULL, *save, *line;

	ck_assert_int_eq(admin_sql("SHOW GRANTS FOR 'tx_app'@'localhost'", &out), 0);
	for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char privs[256], table[64], *on = strstr(line, " ON "), *psave, *p;
		if (strncmp(line, "GRANT USAGE ON *.* TO ", 22) == 0)
			continue;
		ck_assert_msg(on && strncmp(line, "GRANT ", 6) == 0 &&
		              on - line - 6 < (long)sizeof privs &&
		              sscanf(on, " ON `tongxiang`.`%63[a-z_0-9]` TO ", table) == 1,
		              "a grant that is not one table's: %s", line);
		snprintf(privs, sizeof privs, "%.*s", (int)(on - line - 6), line + 6);
		for (p = strtok_r(privs, ", ", &psave); p; p = strtok_r(NULL, ", ", &psave))
			add(r, table, p);
	}
	free(out);
}

START_TEST(account_holds_exactly_the_listed_rights)
{
	static struct rights allow, held;

	read_allow(&allow);
	read_grants(&held);
	ck_assert_int_gt(allow.n, 20);
	for (int i = 0; i < allow.n; i++) {
		char table[64], priv[16];
		sscanf(allow.pair[i], "%63s %15s", table, priv);
		ck_assert_msg(has(&held, table, priv), "listed but not granted: %s", allow.pair[i]);
	}
	for (int i = 0; i < held.n; i++) {
		char table[64], priv[16];
		sscanf(held.pair[i], "%63s %15s", table, priv);
		ck_assert_msg(has(&allow, table, priv), "granted but not listed: %s", held.pair[i]);
	}
}
END_TEST

/* The security review's rules, whatever the list says: no history removed, no region changed. */
START_TEST(history_cannot_be_removed)
{
	static const char *const KEPT[] = {
		"donations", "pay_orders", "refunds", "child_consents", "regions", "staff",
		"audit_log", "schema_version",
	};
	static struct rights held;

	read_grants(&held);
	for (size_t i = 0; i < sizeof KEPT / sizeof KEPT[0]; i++)
		ck_assert_msg(!has(&held, KEPT[i], "DELETE"), "may delete from %s", KEPT[i]);
	ck_assert(!has(&held, "regions", "UPDATE") && !has(&held, "regions", "INSERT"));
	ck_assert(!has(&held, "audit_log", "UPDATE"));
	ck_assert(has(&held, "donations", "SELECT"));
}
END_TEST

/* What the account is refused, tried as the app would: with its connection code and its config. */
START_TEST(app_account_is_refused)
{
	static const char *const REFUSED[] = {
		"DELETE FROM donations WHERE id = 0",
		"DELETE FROM pay_orders WHERE id = 0",
		"DELETE FROM audit_log WHERE id = 0",
		"UPDATE audit_log SET summary = summary WHERE id = 0",
		"UPDATE regions SET name = name WHERE code = '420000'",
		"DELETE FROM staff WHERE id = 0",
		"SELECT COUNT(*) FROM schema_version",
	};
	struct config cfg;
	struct db db;
	struct err e;
	long long n;

	ck_assert_int_eq(instance_config(&cfg), 0);
	db_init(&db, &cfg);
	err_clear(&e);
	ck_assert_int_eq(db_query_int(&db, "SELECT COUNT(*) FROM regions", NULL, 0, &n, &e), 0);
	ck_assert_int_eq(n, 117);
	for (size_t i = 0; i < sizeof REFUSED / sizeof REFUSED[0]; i++) {
		err_clear(&e);
		ck_assert_msg(db_exec(&db, REFUSED[i], NULL, 0, NULL, &e) < 0, "%s", REFUSED[i]);
		ck_assert_msg(e.dbcode == ER_TABLEACCESS_DENIED, "%s: %s", REFUSED[i], e.cause);
	}
	err_clear(&e);
	ck_assert_int_lt(db_exec(&db, "CREATE TABLE grants_probe (i INT)", NULL, 0, NULL, &e), 0);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM information_schema.tables "
	                               "WHERE table_name = 'grants_probe'"), 0);
	db_close(&db);
	config_free(&cfg);
}
END_TEST

/*
 * The test instance's MariaDB runs with conf/mariadb-small.cnf: LOAD DATA LOCAL is off, and the
 * regions were seeded all the same (sql/migrate.sh turns the seed's LOAD DATA into INSERTs).
 */
START_TEST(seeded_without_local_infile)
{
	ck_assert_int_eq(admin_sql_num("SELECT @@global.local_infile"), 0);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM regions"), 117);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM regions "
	                               "WHERE level = 'county' AND city_code = parent_code"), 99);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM regions "
	                               "WHERE level IN ('city', 'city-county') "
	                               "AND city_code = code AND parent_code = '420000'"), 17);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM regions WHERE name = '湖北省' "
	                               "AND short_name = '湖北' AND parent_code IS NULL "
	                               "AND city_code IS NULL"), 1);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_grants");
	TCase *t = tcase_create("grants");

	tcase_add_test(t, account_holds_exactly_the_listed_rights);
	tcase_add_test(t, history_cannot_be_removed);
	tcase_add_test(t, app_account_is_refused);
	tcase_add_test(t, seeded_without_local_infile);
	suite_add_tcase(s, t);
	return s;
}
