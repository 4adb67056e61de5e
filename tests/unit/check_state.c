/*
 * check_state.c — the transition tables (cgi/core/state.c) walked whole: every move names states
 * of its entity and is listed once, every state can be reached from where a row starts, every
 * kind of actor a move names exists, the database's copy (the migrations' INSERTs into
 * state_transitions: sql/019 and those after) is the same table, and
 * state_move refuses a move the table does not give the actor before any statement is sent.
 */
#include <glob.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "core/state.h"

#define SQL_FILE "sql/0*.sql"
#define SQL_LINE 256

START_TEST(moves_name_known_states_once)
{
	const struct entity_def *d = &ENTITIES[_i];

	ck_assert_msg(d->nmoves > 0, "%s has no moves", d->name);
	for (int i = 0; i < d->nmoves; i++) {
		const struct transition *t = &d->moves[i];

		ck_assert_msg(t->from >= 0 && t->from < d->nstates && t->to >= 0 &&
		              t->to < d->nstates, "%s move %d: a state out of range", d->name, i);
		ck_assert_msg(t->from != t->to, "%s: %s -> itself", d->name, d->states[t->from]);
		ck_assert_msg(t->actors && !(t->actors & ~AK_ANY),
		              "%s move %d: no actor, or an unknown one", d->name, i);
		ck_assert_msg(t->event && *t->event, "%s move %d says nothing", d->name, i);
		for (int j = 0; j < i; j++)
			ck_assert_msg(d->moves[j].from != t->from || d->moves[j].to != t->to,
			              "%s: %s -> %s listed twice", d->name, d->states[t->from],
			              d->states[t->to]);
	}
	for (int s = 0; s < d->nstates; s++)
		ck_assert_msg(d->states[s] && *d->states[s], "%s state %d has no name", d->name, s);
	ck_assert_msg(d->initial && d->initial < SB(d->nstates), "%s: no initial state", d->name);
}
END_TEST

/* Every state a row is written in can be reached from where rows start; the rest are legacy. */
START_TEST(states_are_reachable)
{
	const struct entity_def *d = &ENTITIES[_i];
	unsigned seen = d->initial, before;

	do {
		before = seen;
		for (int i = 0; i < d->nmoves; i++)
			if (seen & SB(d->moves[i].from))
				seen |= SB(d->moves[i].to);
	} while (seen != before);
	for (int s = 0; s < d->nstates; s++) {
		int used = (d->initial & SB(s)) != 0;

		for (int i = 0; i < d->nmoves; i++)
			used |= d->moves[i].from == s || d->moves[i].to == s;
		ck_assert_msg(!used || (seen & SB(s)), "%s: %s cannot be reached", d->name,
		              d->states[s]);
	}
}
END_TEST

START_TEST(allowed_follows_the_table)
{
	const struct entity_def *d = &ENTITIES[_i];

	for (int from = 0; from < d->nstates; from++)
		for (int to = 0; to < d->nstates; to++)
			for (int k = 0; k < ACTOR__MAX; k++) {
				int want = 0;

				for (int i = 0; i < d->nmoves; i++)
					want |= d->moves[i].from == from && d->moves[i].to == to &&
					        (d->moves[i].actors & AK(k));
				ck_assert_int_eq(state_allowed((enum entity)_i, from, to, k), want);
			}
	for (int s = 0; s < d->nstates; s++)
		ck_assert_int_eq(state_of((enum entity)_i, d->states[s]), s);
	ck_assert_int_eq(state_of((enum entity)_i, "no such state"), -1);
}
END_TEST

/* The rows of the migrations' INSERTs into state_transitions: "  ('entity', 'from', 'to')," lines. */
static int sql_has(const char *ent, const char *from, const char *to, int *rows)
{
	char line[SQL_LINE], e[32], a[32], b[32];
	int found = 0, in = 0;
	glob_t g;

	ck_assert_msg(glob(SQL_FILE, 0, NULL, &g) == 0, "no %s (run from the project root)",
	              SQL_FILE);
	*rows = 0;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		FILE *f = fopen(g.gl_pathv[i], "r");

		ck_assert_msg(f != NULL, "cannot open %s", g.gl_pathv[i]);
		while (fgets(line, sizeof line, f)) {
			if (strstr(line, "INSERT INTO state_transitions"))
				in = 1;
			else if (!strchr(line, '('))
				in = 0;
			if (in && sscanf(line, " ('%31[^']', '%31[^']', '%31[^']')", e, a, b) == 3) {
				(*rows)++;
				found |= !strcmp(e, ent) && !strcmp(a, from) && !strcmp(b, to);
			}
		}
		fclose(f);
	}
	globfree(&g);
	return found;
}

START_TEST(the_database_has_the_same_table)
{
	int rows = 0, total = 0;

	for (int ent = 0; ent < ENT__MAX; ent++) {
		const struct entity_def *d = &ENTITIES[ent];

		total += d->nmoves;
		for (int i = 0; i < d->nmoves; i++)
			ck_assert_msg(sql_has(d->name, d->states[d->moves[i].from],
			                      d->states[d->moves[i].to], &rows),
			              "%s lacks %s %s -> %s", SQL_FILE, d->name,
			              d->states[d->moves[i].from], d->states[d->moves[i].to]);
	}
	ck_assert_msg(rows == total, "%s has %d moves, state.c %d", SQL_FILE, rows, total);
}
END_TEST

/* A donor may not approve a pairing: refused before the database is touched (db is NULL here). */
START_TEST(a_move_not_given_to_the_actor_is_refused)
{
	struct actor donor = { .kind = ACTOR_DONOR, .id = 7 };
	struct actor sys = actor_system("test");
	const struct move approve = {
		.ent = ENT_SPONSORSHIP, .where = "id = ?", .key = P_INT(1),
		.from = SB(SP_PENDING_APPROVAL), .to = SP_ACTIVE, .why = "test",
	};
	const struct move unpair = {
		.ent = ENT_CHILD, .where = "id = ?", .key = P_INT(1),
		.from = SB(CH_PAIRED) | SB(CH_HELD), .to = CH_WAITING, .why = "test",
	};
	struct err e = { 0 };

	ck_assert_int_eq(state_move(NULL, &donor, &approve, NULL, &e), -1);
	ck_assert_int_eq(e.kind, ERR_INTERNAL);
	ck_assert_msg(strstr(e.cause, "pending_approval -> active"), "cause: %s", e.cause);
	err_clear(&e);
	/* held -> waiting is the system's, paired -> waiting nobody's: the whole move fails. */
	ck_assert_int_eq(state_move(NULL, &sys, &unpair, NULL, &e), -1);
	ck_assert_msg(strstr(e.cause, "paired -> waiting"), "cause: %s", e.cause);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("state");
	TCase *t = tcase_create("tables");

	tcase_add_loop_test(t, moves_name_known_states_once, 0, ENT__MAX);
	tcase_add_loop_test(t, states_are_reachable, 0, ENT__MAX);
	tcase_add_loop_test(t, allowed_follows_the_table, 0, ENT__MAX);
	tcase_add_test(t, the_database_has_the_same_table);
	tcase_add_test(t, a_move_not_given_to_the_actor_is_refused);
	suite_add_tcase(s, t);
	return s;
}
