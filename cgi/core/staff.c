/*
 * core/staff.c — staff accounts: a username as the core's actor, and opening an account (staff.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "../scope.h"
#include "../util.h"
#include "audit.h"
#include "staff.h"

/* id, role, region_code: the account, into the actor. */
static int actor_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct actor *a = ctx;

	(void)n; (void)f; (void)l;
	a->kind = ACTOR_STAFF;
	a->id = strtoll(v[0], NULL, 10);
	snprintf(a->role, sizeof a->role, "%s", v[1]);
	snprintf(a->region, sizeof a->region, "%s", v[2]);
	return 0;
}

int staff_actor(struct db *db, const char *username, const char *where, struct actor *out,
                struct err *e)
{
	struct dbp p[] = { P_STR(username) };

	*out = actor_system(where);
	if (db_query(db, "SELECT id, role, region_code FROM staff WHERE username = "
	             "? AND active = 1", p, nitems(p), actor_row, out, e) < 0)
		return -1;
	if (out->kind != ACTOR_STAFF)
		return err_core(e, ERR_NOT_FOUND, "staff.no_account", "no active staff member %s",
		                username);
	return 0;
}

int staff_check_new(const struct staff_new *n, struct err *e)
{
	if (!scope_role_fits(n->role, n->region))
		return err_core(e, ERR_INVALID, "staff.region_role", "role %s with region %s",
		                n->role, n->region);
	return 0;
}

struct opening {
	const struct actor     *a;
	const struct staff_new *n;
};

/* The account and its audit row stand or fall together. */
static int open_tx(struct db *db, void *arg, struct err *e)
{
	const struct opening *o = arg;
	const struct staff_new *n = o->n;
	struct dbp p[] = { P_STR(n->username), P_STR(n->pw_hash), P_STR(n->name), P_STR(n->role),
	                   P_STR(n->region) };

	if (db_exec(db, "INSERT INTO staff (username, pw_hash, display_name, role, region_code) "
	            "VALUES (?, ?, ?, ?, ?)", p, nitems(p), NULL, e) < 0)
		return db_is_dup(e) ? err_core(e, ERR_CONFLICT, "staff.taken", "staff %s exists",
		                               n->username) : -1;
	return audit_actor(db, o->a, e, "staff.create", "staff", n->username,
	                   "opened %s as %s of %s", n->username, n->role, n->region);
}

int staff_open(struct db *db, const struct config *cfg, const struct actor *a,
               const struct staff_new *n, struct err *e)
{
	struct opening o = { a, n };

	(void)cfg;
	if (staff_check_new(n, e) < 0)
		return -1;
	return db_tx(db, open_tx, &o, e);
}
