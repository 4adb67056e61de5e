/*
 * http_states.c — the database itself refuses a change of state its transition table does not
 * allow, whatever the app sends: every illegal move of every entity, tried as the app's own
 * database user on a real row, is refused and changes nothing; a legal one goes through; and the
 * app's user cannot change the table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "client.h"
#include "core/state.h"
#include "util.h"

#define CMD_LEN    1024
#define SQL_LEN    1024
#define SECRET_LEN 256

/* The app's database password, from the test instance's secrets. */
static const char *app_password(void)
{
	static char pw[SECRET_LEN];
	char path[512], line[SECRET_LEN];
	FILE *f;

	if (pw[0])
		return pw;
	const char *var = getenv("TX_VAR") ? getenv("TX_VAR") : "var/test";

	snprintf(path, sizeof path, "%s/secrets.hdf", var);
	ck_assert_msg((f = fopen(path, "r")) != NULL, "cannot read %s", path);
	while (fgets(line, sizeof line, f))
		if (sscanf(line, " Password = %255s", pw) == 1)
			break;
	fclose(f);
	ck_assert_msg(pw[0], "no Password in %s", path);
	return pw;
}

/* Run sql as the app's database user (tx_app); its output and errors go to out. */
static int app_sql(const char *sql, char *out, size_t n)
{
	const char *var = getenv("TX_VAR") ? getenv("TX_VAR") : "var/test";
	char cmd[CMD_LEN], path[512];
	FILE *f, *p;
	size_t got;
	int fd, rc;

	snprintf(path, sizeof path, "%s/app-sql.XXXXXX", var);
	ck_assert((fd = mkstemp(path)) >= 0 && (f = fdopen(fd, "w")) != NULL);
	fputs(sql, f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "MYSQL_PWD='%s' mariadb --no-defaults "
	         "--socket='%s/run/mysqld.sock' -utx_app -N -B tongxiang < '%s' 2>&1",
	         app_password(), var, path);
	ck_assert((p = popen(cmd, "r")) != NULL);
	got = fread(out, 1, n - 1, p);
	out[got] = '\0';
	rc = pclose(p);
	remove(path);
	return rc;
}

/* Whether any actor may move the entity from state a to state b. */
static int legal(enum entity ent, int a, int b)
{
	for (int k = 0; k < ACTOR__MAX; k++)
		if (state_allowed(ent, a, b, k))
			return 1;
	return 0;
}

/* The key column of an entity's table. */
static const char *key_of(enum entity ent)
{
	return ent == ENT_REFUND ? "donation_id" : "id";
}

/* As an administrator repairing data: row id of entity ent into state, past the checks. */
static void repair(enum entity ent, long long id, const char *state)
{
	const struct entity_def *d = &ENTITIES[ent];
	char sql[SQL_LEN], *out = NULL;

	/* A paid payout has its day (the running totals count it by that month, sql/031). */
	snprintf(sql, sizeof sql, "SET SESSION check_constraint_checks = 0; "
	         "UPDATE %s SET %s = '%s'%s WHERE %s = %lld;", d->table, d->column, state,
	         ent == ENT_PAYOUT ? ", paid_on = COALESCE(paid_on, CURDATE())" : "", key_of(ent), id);
	ck_assert_msg(admin_sql(sql, &out) == 0, "%s: %s", sql, out ? out : "");
	free(out);
}

/* A sponsorship and its order of the test's own: a new donor holds a listed child and pays not. */
static void own_sponsorship(void)
{
	struct browser b;
	struct resp r;
	char login[128], path[64], *code = NULL;

	browser_init(&b);
	snprintf(login, sizeof login, "states-%d@example.com", (int)getpid());
	ck_assert_int_eq(b_signup(&b, login, "states-test-pw", "状态测试"), 303);
	ck_assert_int_eq(b_verify(&b, login), 303);
	ck_assert_int_eq(admin_sql("SELECT code FROM children WHERE listed = 1 "
	                           "ORDER BY id DESC LIMIT 1", &code), 0);
	code[strcspn(code, "\n")] = '\0';
	snprintf(path, sizeof path, "/children/%s/hold", code);
	ck_assert_int_eq(b_post(&b, path, "", &r), 0);
	ck_assert_int_eq(r.status, 303);
	resp_free(&r);
	snprintf(path, sizeof path, "/sponsor/%s", code);
	ck_assert_int_eq(b_get(&b, path, &r), 0);
	resp_free(&r);
	ck_assert_int_eq(b_post(&b, path, "plan=annual&agree=1", &r), 0);
	ck_assert_int_eq(r.status, 303);
	resp_free(&r);
	free(code);
	browser_free(&b);
}

/*
 * Each state in turn on one row of the entity (set as a repair), and from there every move the
 * table does not have, tried as the app: each is refused and changes nothing. The row gets its
 * state back after.
 */
START_TEST(illegal_moves_are_refused)
{
	const struct entity_def *d = &ENTITIES[_i];
	char sql[SQL_LEN], out[2048], *was = NULL;
	long long id;
	int tried = 0;

	if (_i == ENT_SPONSORSHIP || _i == ENT_ORDER)
		own_sponsorship();
	snprintf(sql, sizeof sql, "SELECT COALESCE(MAX(%s), 0) FROM %s", key_of(_i), d->table);
	id = admin_sql_num(sql);
	/*
	 * Refunds exist once http_owed has run (alone, this one has none); payouts, activities,
	 * pages and pools with demo data.
	 */
	if (!id && (_i == ENT_REFUND || _i >= ENT_PAYOUT))
		return;
	ck_assert_msg(id > 0, "no %s to try", d->name);
	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE %s = %lld", d->column, d->table,
	         key_of(_i), id);
	ck_assert_int_eq(admin_sql(sql, &was), 0);
	was[strcspn(was, "\n")] = '\0';
	for (int from = 0; from < d->nstates; from++) {
		repair(_i, id, d->states[from]);
		for (int to = 0; to < d->nstates; to++) {
			if (to == from || legal((enum entity)_i, from, to))
				continue;
			snprintf(sql, sizeof sql, "START TRANSACTION; UPDATE %s SET %s = '%s' "
			         "WHERE %s = %lld; SELECT 'moved'; ROLLBACK;", d->table, d->column,
			         d->states[to], key_of(_i), id);
			ck_assert_msg(app_sql(sql, out, sizeof out) != 0 &&
			              strstr(out, "may not make this change") &&
			              !strstr(out, "moved"),
			              "%s %lld: %s -> %s: %s", d->name, id, d->states[from],
			              d->states[to], out);
			ck_assert_int_eq(admin_sql_numf("SELECT %s = '%s' FROM %s WHERE %s = %lld",
			                                d->column, d->states[from], d->table,
			                                key_of(_i), id), 1);
			tried++;
		}
	}
	repair(_i, id, was);
	free(was);
	ck_assert_int_gt(tried, 0);
}
END_TEST

/* A legal move, and a write that keeps the state, go through as the app (then rolled back). */
START_TEST(legal_moves_go_through)
{
	long long id = admin_sql_num("SELECT MIN(id) FROM children WHERE status = 'waiting'");
	char sql[SQL_LEN], out[2048];

	ck_assert_int_gt(id, 0);
	snprintf(sql, sizeof sql, "START TRANSACTION; "
	         "UPDATE children SET status = 'held' WHERE id = %lld; "
	         "UPDATE children SET story = story WHERE id = %lld; "
	         "SELECT status FROM children WHERE id = %lld; ROLLBACK;", id, id, id);
	ck_assert_msg(app_sql(sql, out, sizeof out) == 0 && strstr(out, "held"), "%s", out);
	ck_assert_int_eq(admin_sql_numf("SELECT status = 'waiting' FROM children WHERE id = %lld",
	                                id), 1);
}
END_TEST

/* The app reads the table and may not write it: a new move takes a migration. */
START_TEST(the_app_cannot_change_the_table)
{
	static const char *const W[] = {
		"INSERT INTO state_transitions VALUES ('child', 'exited', 'waiting')",
		"DELETE FROM state_transitions WHERE entity = 'child'",
		"UPDATE state_transitions SET to_state = 'paired' WHERE entity = 'child'",
	};
	char out[2048];

	for (size_t i = 0; i < nitems(W); i++)
		ck_assert_msg(app_sql(W[i], out, sizeof out) != 0 && strstr(out, "denied"),
		              "%s: %s", W[i], out);
	ck_assert_msg(app_sql("SELECT COUNT(*) FROM state_transitions", out, sizeof out) == 0, "%s",
	              out);
	ck_assert_int_eq(atoi(out), admin_sql_num("SELECT COUNT(*) FROM state_transitions"));
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_states");
	TCase *t = tcase_create("states");

	tcase_set_timeout(t, 120);
	tcase_add_loop_test(t, illegal_moves_are_refused, 0, ENT__MAX);
	tcase_add_test(t, legal_moves_go_through);
	tcase_add_test(t, the_app_cannot_change_the_table);
	suite_add_tcase(s, t);
	return s;
}
