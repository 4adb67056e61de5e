/*
 * scope.h — the one condition every back-office query puts on the children it reads: which children
 * a staff member's role and region reach. Province: all; city: its counties; county: its own;
 * volunteer: those assigned. Decided from an actor (the domain core's, core/actor.h); the who forms
 * are the web layer's shorthand.
 */
#ifndef TX_SCOPE_H
#define TX_SCOPE_H

#include "core/actor.h"
#include "db.h"

/*
 * The condition on children aliased c, as SQL text with exactly one parameter (so that a query's
 * parameter count does not depend on the role): e.g. "c.county_code = ?" with the county's code.
 */
struct scope {
	const char *sql;
	struct dbp  param;
};

/*
 * The scope of actor a; anyone but staff, and a role the table does not know, reach nothing. The
 * parameter may point into a's region: a must outlive the scope's use.
 */
void scope_for(const struct actor *a, struct scope *s);

/* Whether county (a county-level code) is within actor a's reach: where a record may be put. */
int scope_reaches(const struct actor *a, const char *county);

/*
 * Whether actor a (staff) reaches a fundraising item tied to region: NULL or "" (the whole
 * province) only the province; a county as scope_reaches; a city its city staff and the province.
 */
int scope_reaches_region(const struct actor *a, const char *region);

/*
 * The same as a condition on the items a list reads, aliased x (x.region_code), with one
 * parameter as scope_for's: the province all, a city's staff its own and its counties', a county's
 * its own; anyone else nothing.
 */
void scope_region_for(const struct actor *a, struct scope *s);

/* The same two for the signed-in staff member in a request's who (ctx.h). */
struct who;
void scope_of(const struct who *w, struct scope *s);
int scope_has_county(const struct who *w, const char *county);

/*
 * Whether a staff role may be bound to region: the province to the province, a city role to a city,
 * others to a county.
 */
int scope_role_fits(const char *role, const char *region);

/* Room for a back-office query with its scope condition put in (scope_sql). */
#define SCOPE_SQL_LEN 1024

/*
 * Format fmt (one %s, where the condition goes) into out; -1 if it does not fit, which is a
 * programming error.
 */
int scope_sql(char *out, size_t n, const char *fmt, const struct scope *s);

#endif
