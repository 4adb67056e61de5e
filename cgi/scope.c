/* scope.c — the staff scope condition: one table from role to condition, and nothing else decides who sees what. */
#include <stdio.h>
#include <string.h>

#include "regions.h"
#include "scope.h"

void scope_of(const struct who *w, struct scope *s)
{
	if (strcmp(w->role, "province") == 0) {
		s->sql = "1 = ?";
		s->param = P_INT(1);
	} else if (strcmp(w->role, "city") == 0) {
		s->sql = "c.city_code = ?";
		s->param = P_STR(w->region);
	} else if (strcmp(w->role, "county") == 0) {
		s->sql = "c.county_code = ?";
		s->param = P_STR(w->region);
	} else if (strcmp(w->role, "volunteer") == 0) {
		s->sql = "c.id IN (SELECT vc.child_id FROM volunteer_children vc WHERE vc.staff_id = ?)";
		s->param = P_INT(w->id);
	} else {
		s->sql = "1 = ?";
		s->param = P_INT(0);
	}
}

int scope_has_county(const struct who *w, const char *county)
{
	const struct region *r = region_get(county);

	if (!r || !r->is_county)
		return 0;
	if (strcmp(w->role, "province") == 0)
		return 1;
	if (strcmp(w->role, "city") == 0)
		return strcmp(r->city, w->region) == 0;
	return strcmp(w->role, "county") == 0 && strcmp(county, w->region) == 0;
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
