/*
 * scope.h — the one condition every back-office query puts on the children it reads: which children a staff
 * member's role and region reach. Province: all; city: its counties; county: its own; volunteer: those assigned.
 */
#ifndef TX_SCOPE_H
#define TX_SCOPE_H

#include "ctx.h"
#include "db.h"

/*
 * The condition on children aliased c, as SQL text with exactly one parameter (so that a query's parameter count
 * does not depend on the role): e.g. "c.county_code = ?" with the county's code.
 */
struct scope {
	const char *sql;
	struct dbp  param;
};

/* The scope of the signed-in staff member in c->who; a role the table does not know reaches nothing. */
void scope_of(const struct who *w, struct scope *s);

/* Whether county (a county-level code) is within the staff member's reach: where a record may be put. */
int scope_has_county(const struct who *w, const char *county);

/* Whether a staff role may be bound to region: the province to the province, a city role to a city, others to a county. */
int scope_role_fits(const char *role, const char *region);

/* Format fmt (one %s, where the condition goes) into out; -1 if it does not fit, which is a programming error. */
int scope_sql(char *out, size_t n, const char *fmt, const struct scope *s);

#endif
