/*
 * scope.c — the staff scope condition: one table from role to condition, and nothing else decides
 * who sees what.
 */
#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "regions.h"
#include "scope.h"

/*
 * The staff member a request's who names, as an actor of the core (for the checks that keep nothing
 * of it).
 */
static struct actor staff_of(const struct who *w)
{
	struct actor a = { .kind = ACTOR_STAFF, .id = w->id };   /* who forms serve staff pages */

	snprintf(a.role, sizeof a.role, "%s", w->role);
	snprintf(a.region, sizeof a.region, "%s", w->region);
	return a;
}

/* The condition for a staff member (staff 0: anyone else); its parameter points into region. */
static void scope_by(int staff, const char *role, const char *region, long long id, struct scope *s)
{
	if (!staff) {
		s->sql = "1 = ?";
		s->param = P_INT(0);
	} else if (strcmp(role, "province") == 0) {
		s->sql = "1 = ?";
		s->param = P_INT(1);
	} else if (strcmp(role, "city") == 0) {
		s->sql = "c.city_code = ?";
		s->param = P_STR(region);
	} else if (strcmp(role, "county") == 0) {
		s->sql = "c.county_code = ?";
		s->param = P_STR(region);
	} else if (strcmp(role, "volunteer") == 0) {
		s->sql = "c.id IN (SELECT vc.child_id FROM volunteer_children vc "
		         "WHERE vc.staff_id = ?)";
		s->param = P_INT(id);
	} else {
		s->sql = "1 = ?";
		s->param = P_INT(0);
	}
}

void scope_for(const struct actor *a, struct scope *s)
{
	scope_by(a->kind == ACTOR_STAFF, a->role, a->region, a->id, s);
}

void scope_of(const struct who *w, struct scope *s)
{
	scope_by(1, w->role, w->region, w->id, s);
}

int scope_reaches(const struct actor *w, const char *county)
{
	const struct region *r = region_get(county);

	if (w->kind != ACTOR_STAFF || !r || !r->is_county)
		return 0;
	if (strcmp(w->role, "province") == 0)
		return 1;
	if (strcmp(w->role, "city") == 0)
		return strcmp(r->city, w->region) == 0;
	return strcmp(w->role, "county") == 0 && strcmp(county, w->region) == 0;
}

int scope_reaches_region(const struct actor *a, const char *region)
{
	const struct region *r = region && *region ? region_get(region) : NULL;

	if (a->kind != ACTOR_STAFF)
		return 0;
	if (strcmp(a->role, "province") == 0)
		return 1;
	if (!r)
		return 0;
	if (r->is_county)
		return scope_reaches(a, region);
	return strcmp(a->role, "city") == 0 && strcmp(r->city, a->region) == 0;
}

void scope_region_for(const struct actor *a, struct scope *s)
{
	s->param = P_STR(a->region);
	if (a->kind != ACTOR_STAFF)
		s->sql = "0 = 1 AND ? IS NULL";
	else if (strcmp(a->role, "province") == 0)
		s->sql = "? IS NOT NULL";
	else if (strcmp(a->role, "city") == 0)
		s->sql = "EXISTS (SELECT 1 FROM regions xr WHERE xr.code = x.region_code "
		         "AND ? IN (xr.code, xr.city_code))";
	else if (strcmp(a->role, "county") == 0)
		s->sql = "x.region_code = ?";
	else
		s->sql = "0 = 1 AND ? IS NULL";
}

int scope_has_county(const struct who *w, const char *county)
{
	struct actor a = staff_of(w);

	return scope_reaches(&a, county);
}

int scope_role_fits(const char *role, const char *region)
{
	const struct region *r = region_get(region);

	if (!r)
		return 0;
	if (strcmp(role, "province") == 0)
		return r->parent[0] == '\0';
	if (strcmp(role, "city") == 0)
		return r->is_city;
	return (strcmp(role, "county") == 0 || strcmp(role, "volunteer") == 0) && r->is_county;
}

int scope_sql(char *out, size_t n, const char *fmt, const struct scope *s)
{
	int len = snprintf(out, n, fmt, s->sql);

	return len < 0 || (size_t)len >= n ? -1 : 0;
}
