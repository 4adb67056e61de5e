/*
 * core/staff.c — staff accounts: a username as the core's actor, opening an account, and who may
 * manage which (staff.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../scope.h"
#include "../util.h"
#include "audit.h"
#include "orgs.h"
#include "rows.h"
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

static int is_volunteer(const char *role)
{
	return strcmp(role, "volunteer") == 0;
}

/* The province and the system open any account; county and city staff volunteers alone. */
static int opens_any(const struct actor *a)
{
	return a->kind != ACTOR_STAFF || strcmp(a->role, "province") == 0;
}

int staff_check_new(const struct actor *a, const struct staff_new *n, struct err *e)
{
	if (!is_volunteer(n->role) && !opens_any(a))
		return err_core(e, ERR_FORBIDDEN, "staff.role_forbidden", "%s may not open a %s",
		                a->role, n->role);
	if (is_volunteer(n->role) && n->org_id <= 0)
		return err_core(e, ERR_INVALID, "staff.org_required",
		                "volunteer without organisation");
	if (!is_volunteer(n->role) && !scope_role_fits(n->role, n->region))
		return err_core(e, ERR_INVALID, "staff.region_role", "role %s with region %s",
		                n->role, n->region);
	return 0;
}

struct opening {
	const struct actor     *a;
	const struct staff_new *n;
};

/*
 * The account and its audit row stand or fall together; a volunteer's organisation is locked
 * meanwhile, so that it cannot be closed under the new account.
 */
static int open_tx(struct db *db, void *arg, struct err *e)
{
	const struct opening *o = arg;
	const struct staff_new *n = o->n;
	char county[ACTOR_REGION_LEN];
	const char *region = n->region;

	if (is_volunteer(n->role)) {
		if (org_for_volunteer(db, o->a, n->org_id, county, e) < 0)
			return -1;
		region = county;
	}
	struct dbp p[] = { P_STR(n->username), P_STR(n->pw_hash), P_STR(n->name), P_STR(n->role),
	                   P_STR(region), is_volunteer(n->role) ? P_INT(n->org_id) : P_NULL };

	if (db_exec(db, "INSERT INTO staff (username, pw_hash, display_name, role, region_code, "
	            "org_id) VALUES (?, ?, ?, ?, ?, ?)", p, nitems(p), NULL, e) < 0)
		return db_is_dup(e) ? err_core(e, ERR_CONFLICT, "staff.taken", "staff %s exists",
		                               n->username) : -1;
	if (is_volunteer(n->role))
		return audit_actor(db, o->a, e, "staff.create", "staff", n->username,
		                   "opened %s as volunteer of organisation %lld in %s", n->username,
		                   n->org_id, region);
	return audit_actor(db, o->a, e, "staff.create", "staff", n->username,
	                   "opened %s as %s of %s", n->username, n->role, region);
}

int staff_open(struct db *db, const struct config *cfg, const struct actor *a,
               const struct staff_new *n, struct err *e)
{
	struct opening o = { a, n };

	(void)cfg;
	if (staff_check_new(a, n, e) < 0)
		return -1;
	return db_tx(db, open_tx, &o, e);
}

int staff_target(struct db *db, const struct actor *a, const char *username, long long *id,
                 int *volunteer, struct err *e)
{
	struct dbp p[] = { P_STR(username) };
	char role[ACTOR_ROLE_LEN] = "", region[ACTOR_REGION_LEN] = "";
	struct var v[] = { VAR_LL(id), VAR_STR(role), VAR_STR(region) };
	int found = row_get(db, "SELECT id, role, region_code FROM staff WHERE username = ? "
	                    "FOR UPDATE", p, nitems(p), v, nitems(v), e);

	if (found < 0)
		return -1;
	*volunteer = is_volunteer(role);
	/* Below the province: a volunteer of a county within reach, and nobody else. */
	if (!found || !(opens_any(a) || (*volunteer && scope_reaches(a, region))))
		return err_core(e, ERR_NOT_FOUND, "staff.no_account",
		                "no staff %s in reach of %lld", username, a->id);
	return 0;
}

int staff_end_assignments(struct db *db, long long id, unsigned long long *n, struct err *e)
{
	struct dbp p[] = { P_INT(id) };

	return db_exec(db, "DELETE FROM volunteer_children WHERE staff_id = ?", p, nitems(p), n, e);
}
