/*
 * core/staff.h — staff accounts in the domain core: a staff member named by username as an actor
 * (txctl acts as one), and opening an account, for province staff on /admin/staff and for the
 * system (txctl staff-add).
 */
#ifndef TX_CORE_STAFF_H
#define TX_CORE_STAFF_H

#include "../config.h"
#include "../db.h"
#include "actor.h"

/*
 * A new account: its username, password hash (passwd.h), display name, role and the region the role
 * is bound to.
 */
struct staff_new {
	const char *username;
	const char *pw_hash;
	const char *name;
	const char *role;
	const char *region;
};

/*
 * The active staff member username as an actor acting from where (at most 47 characters, e.g.
 * "txctl"): their id, role and region decide what they reach and the audit log names them.
 * ERR_NOT_FOUND (staff.no_account) if there is no such active account.
 */
int staff_actor(struct db *db, const char *username, const char *where, struct actor *out,
                struct err *e);

/*
 * Whether the new account's region fits its role (scope_role_fits); ERR_INVALID (staff.region_role)
 * if not.
 */
int staff_check_new(const struct staff_new *n, struct err *e);

/*
 * Open the account n, by actor a, in one transaction with its audit row. ERR_INVALID as
 * staff_check_new; ERR_CONFLICT (staff.taken) if the username is in use.
 */
int staff_open(struct db *db, const struct config *cfg, const struct actor *a,
               const struct staff_new *n, struct err *e);

#endif
