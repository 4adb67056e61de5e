/* child-view.c — a child as the public sees them: labels added to a row of CHILD_PUBLIC_COLS. */
#include <stdio.h>

#include "public.h"
#include "../labels.h"
#include "../page.h"
#include "../regions.h"

/* "city·county": a city's short name, the dot and a county's name (struct region's), with room. */
#define PLACE_MAX 160

/* Where the child lives as the public lists say it: "city·county", or the county alone. */
static void place_of(HDF *row, char *place, size_t n)
{
	const struct region *county = region_get(hdf_get_value(row, "county", ""));
	const struct region *city = county ? region_get(county->city) : NULL;

	if (county && city && city != county)
		snprintf(place, n, "%s·%s", city->short_name, county->name);
	else
		snprintf(place, n, "%s", county ? county->name : "");
}

static void label_one(struct ctx *c, HDF *row)
{
	const char *gender = hdf_get_value(row, "gender", NULL);
	const char *category = hdf_get_value(row, "category", NULL);
	const char *status = hdf_get_value(row, "status", NULL);
	char place[PLACE_MAX];

	place_of(row, place, sizeof place);
	page_set(c, row, "gender_label", label_of(GENDERS, gender));
	page_set(c, row, "category_label", label_of(CATEGORIES, category));
	page_set(c, row, "status_label", label_of(CHILD_STATUSES, status));
	page_set(c, row, "place", place);
}

void child_labels(struct ctx *c, const char *prefix)
{
	for (HDF *row = hdf_obj_child(hdf_get_obj(c->hdf, prefix)); row; row = hdf_obj_next(row))
		label_one(c, row);
}

void child_label(struct ctx *c, const char *name)
{
	HDF *row = hdf_get_obj(c->hdf, name);

	if (row)
		label_one(c, row);
}
