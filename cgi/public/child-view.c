/* child-view.c — a child as the public sees them: the labels added to a row of CHILD_PUBLIC_COLS. */
#include <stdio.h>

#include "public.h"
#include "../labels.h"
#include "../page.h"
#include "../regions.h"

static void label_one(struct ctx *c, HDF *row)
{
	const struct region *county = region_get(hdf_get_value(row, "county", ""));
	const struct region *city = county ? region_get(county->city) : NULL;
	char place[160];

	if (county && city && city != county)
		snprintf(place, sizeof place, "%s·%s", city->short_name, county->name);
	else
		snprintf(place, sizeof place, "%s", county ? county->name : "");
	page_set(c, row, "gender_label", label_of(GENDERS, hdf_get_value(row, "gender", NULL)));
	page_set(c, row, "category_label", label_of(CATEGORIES, hdf_get_value(row, "category", NULL)));
	page_set(c, row, "status_label", label_of(CHILD_STATUSES, hdf_get_value(row, "status", NULL)));
	page_set(c, row, "place", place);
}

void child_labels(struct ctx *c, const char *prefix)
{
	for (HDF *row = hdf_obj_child(hdf_get_obj(c->hdf, prefix)); row; row = hdf_obj_next(row))
		label_one(c, row);
}
