/*
 * http_db_later.c — rows that wait for their transaction's commit (db_insert_later, what the audit
 * lines use): all of a transaction's in one INSERT at its commit, in order, each as it was given;
 * none after a rollback; at once outside a transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "client.h"
#include "config.h"
#include "db.h"
#include "util.h"

#define HEAD "INSERT INTO audit_log (addr, action, object_type, object_id, summary) VALUES "
#define ROW  "(?, 'test.later', 'test', ?, ?)"
#define ROWS 3

/* This run's rows are those of this addr. */
static char addr[48];

static void forget_rows(void)
{
	snprintf(addr, sizeof addr, "later-%ld-%d", (long)time(NULL), (int)getpid());
	admin_sql_okf("DELETE FROM audit_log WHERE action = 'test.later'");
}

/* Row i of the run; its summary built in a buffer the next row overwrites. */
static int later(struct db *db, int i, struct err *e)
{
	char id[16], summary[64];

	snprintf(id, sizeof id, "%d", i);
	snprintf(summary, sizeof summary, "第 %d 行", i);
	{
		struct dbp p[] = { P_STR(addr), P_STR(id), P_STR(summary) };

		return db_insert_later(db, HEAD, ROW, p, nitems(p), e);
	}
}

/* The run's rows as another connection sees them: "id:summary,..." in the order they went in. */
static char *rows_seen(void)
{
	char sql[256], *out = NULL;

	snprintf(sql, sizeof sql, "SELECT COALESCE(GROUP_CONCAT(object_id, ':', summary "
	         "ORDER BY id), '') FROM audit_log WHERE addr = '%s'", addr);
	ck_assert_int_eq(admin_sql(sql, &out), 0);
	out[strcspn(out, "\n")] = '\0';
	return out;
}

/* How many this connection has seen: the run's rows, and the INSERTs it sent. */
static long long count(struct db *db, const char *sql, struct err *e)
{
	struct dbp p[] = { P_STR(addr) };
	long long n = -1;

	ck_assert_int_eq(db_query_int(db, sql, p, strchr(sql, '?') ? 1 : 0, &n, e), 0);
	return n;
}

#define OWN_ROWS "SELECT COUNT(*) FROM audit_log WHERE addr = ?"
#define INSERTS  "SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS " \
                 "WHERE VARIABLE_NAME = 'COM_INSERT'"

/* A connection of the app's own, in a transaction, for a run with no rows yet. */
static void begin(struct config *cfg, struct db *db, struct err *e)
{
	forget_rows();
	ck_assert_int_eq(instance_config(cfg), 0);
	db_init(db, cfg);
	ck_assert_int_eq(db_ready(db, e), 0);
	ck_assert_int_eq(db_begin(db, e), 0);
}

static void end(struct config *cfg, struct db *db)
{
	db_close(db);
	config_free(cfg);
	forget_rows();
}

START_TEST(a_transactions_rows_go_in_at_its_commit_in_one_insert)
{
	struct config cfg;
	struct db db;
	struct err e = { 0 };
	long long inserts;
	char *seen;

	begin(&cfg, &db, &e);
	inserts = count(&db, INSERTS, &e);
	for (int i = 1; i <= ROWS; i++)
		ck_assert_int_eq(later(&db, i, &e), 0);
	/* Not even the transaction itself has them yet. */
	ck_assert_int_eq(count(&db, OWN_ROWS, &e), 0);
	ck_assert_int_eq(db_commit(&db, &e), 0);
	ck_assert_int_eq(count(&db, INSERTS, &e), inserts + 1);
	seen = rows_seen();
	ck_assert_str_eq(seen, "1:第 1 行,2:第 2 行,3:第 3 行");
	free(seen);
	end(&cfg, &db);
}
END_TEST

START_TEST(a_rollback_drops_them_and_outside_a_transaction_they_go_in_at_once)
{
	struct config cfg;
	struct db db;
	struct err e = { 0 };
	char *seen;

	begin(&cfg, &db, &e);
	ck_assert_int_eq(later(&db, 1, &e), 0);
	ck_assert_int_eq(later(&db, 2, &e), 0);
	db_rollback(&db);
	/* The next transaction commits its own rows alone. */
	ck_assert_int_eq(db_begin(&db, &e), 0);
	ck_assert_int_eq(later(&db, 3, &e), 0);
	ck_assert_int_eq(db_commit(&db, &e), 0);
	seen = rows_seen();
	ck_assert_str_eq(seen, "3:第 3 行");
	free(seen);
	ck_assert_int_eq(later(&db, 4, &e), 0);
	ck_assert_int_eq(count(&db, OWN_ROWS, &e), 2);
	end(&cfg, &db);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_db_later");
	TCase *t = tcase_create("db_later");

	tcase_add_test(t, a_transactions_rows_go_in_at_its_commit_in_one_insert);
	tcase_add_test(t, a_rollback_drops_them_and_outside_a_transaction_they_go_in_at_once);
	suite_add_tcase(s, t);
	return s;
}
