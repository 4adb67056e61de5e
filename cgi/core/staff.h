/*
 * core/staff.h — staff accounts in the domain core: a staff member named by username as an actor
 * (txctl acts as one); opening an account, for the province (any role), for county and city staff
 * (volunteers of an organisation they reach) on /admin/staff, and for the system (txctl
 * staff-add); which accounts a staff member may close or give a new password.
 */
#ifndef TX_CORE_STAFF_H
#define TX_CORE_STAFF_H

#include "../config.h"
#include "../db.h"
#include "actor.h"

/*
 * A new account: its username, password hash (passwd.h), display name, role and the region the role
 * is bound to; a volunteer instead names its organisation, whose county is its region.
 */
struct staff_new {
	const char *username;
	const char *pw_hash;
	const char *name;
	const char *role;
	const char *region;     /* "" for a volunteer: the organisation decides */
	long long   org_id;     /* a volunteer's organisation; 0 for other roles */
};

/*
 * The active staff member username as an actor acting from where (at most 47 characters, e.g.
 * "txctl"): their id, role and region decide what they reach and the audit log names them.
 * ERR_NOT_FOUND (staff.no_account) if there is no such active account.
 */
int staff_actor(struct db *db, const char *username, const char *where, struct actor *out,
                struct err *e);

/*
 * Whether actor a may open the account n, as far as n alone tells (the organisation is checked by
 * staff_open): ERR_FORBIDDEN (staff.role_forbidden) for a role other than volunteer asked by staff
 * below the province; ERR_INVALID (staff.org_required) for a volunteer without an organisation, or
 * (staff.region_role) for another role whose region does not fit it (scope_role_fits).
 */
int staff_check_new(const struct actor *a, const struct staff_new *n, struct err *e);

/*
 * Open the account n, by actor a, in one transaction with its audit row. ERR_* as
 * staff_check_new; for a volunteer, as org_for_volunteer (orgs.h: out of reach or inactive);
 * ERR_CONFLICT (staff.taken) if the username is in use.
 */
int staff_open(struct db *db, const struct config *cfg, const struct actor *a,
               const struct staff_new *n, struct err *e);

/*
 * Inside a transaction: the account username locked, if actor a may manage it (the province any;
 * county and city staff the volunteers of counties they reach), its id into *id and whether it is
 * a volunteer's into *volunteer. ERR_NOT_FOUND (staff.no_account) otherwise, like no account.
 */
int staff_target(struct db *db, const struct actor *a, const char *username, long long *id,
                 int *volunteer, struct err *e);

/*
 * Inside a transaction: a closed volunteer's assignments end (its visits stay, as history); *n gets
 * how many.
 */
int staff_end_assignments(struct db *db, long long id, unsigned long long *n, struct err *e);

#endif
