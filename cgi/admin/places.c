/*
 * places.c — the back office's choices of place: the lists' region filters and the forms' region
 * selects by name within the staff member's reach, and the member units grouped by city.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "../page.h"
#include "../regions.h"
#include "../regionsel.h"
#include "../scope.h"

/* Counties or Cities, a select's options, and how many (CountyChoices or CityChoices). */
static int region_options(struct ctx *c, enum regionsel_kind kind, const char *chosen)
{
	const struct actor a = actor_of(c);
	int cities = kind == RS_CITIES;
	int n = regionsel_set(c, cities ? "Cities" : "Counties", kind, &a, chosen);

	page_setf(c, "%s=%d", cities ? "CityChoices" : "CountyChoices", n);
	return n;
}

int admin_county_options(struct ctx *c, const char *chosen)
{
	return region_options(c, RS_COUNTIES, chosen);
}

/* The filter key (a county or a city, as its validator has made sure) and its select. */
static int region_filter(struct ctx *c, int key, enum regionsel_kind kind, const char **code)
{
	const struct actor a = actor_of(c);
	const struct field *f = &c->f[key];

	*code = f->present ? f->str : "";
	if (f->present && !scope_reaches_region(&a, f->str))
		return err_set(&c->err, 404, kind == RS_CITIES ? "所选市州不在您的工作范围内。" :
		               "所选区县不在您的工作范围内。", "%s %s out of scope",
		               KEYS[key].name, f->str);
	region_options(c, kind, *code);
	return 0;
}

int admin_county_filter(struct ctx *c, const char **county)
{
	return region_filter(c, K_COUNTY, RS_COUNTIES, county);
}

int admin_city_filter(struct ctx *c, const char **city)
{
	return region_filter(c, K_CITY, RS_CITIES, city);
}

void regions_in_reach(struct ctx *c, const char *chosen)
{
	struct actor a = actor_of(c);

	regionsel_set(c, "Regions", RS_REGIONS, &a, chosen);
	page_setf(c, "MayProvince=%d", scope_reaches_region(&a, NULL));
}

void admin_unit_groups(struct ctx *c, const char *from, const char *to)
{
	char last[REGION_CODE_SIZE + 1] = "-";   /* no city's code */
	int g = -1, n = 0;

	for (HDF *u = hdf_obj_child(hdf_get_obj(c->hdf, from)); u; u = hdf_obj_next(u)) {
		const struct region *r = region_get(hdf_get_value(u, "region", ""));
		const char *city = r ? r->city : "";
		const struct region *named = *city ? region_get(city) : r;

		if (strcmp(city, last) != 0) {
			snprintf(last, sizeof last, "%s", city);
			page_setf(c, "%s.%d.label=%s", to, ++g, named ? named->name : "");
			n = 0;
		}
		page_setf(c, "%s.%d.Units.%d.id=%s", to, g, n, hdf_get_value(u, "id", ""));
		page_setf(c, "%s.%d.Units.%d.name=%s", to, g, n++, hdf_get_value(u, "name", ""));
	}
}
