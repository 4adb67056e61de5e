/* child-view.c — a child as the public sees them: the labels added to a row of CHILD_PUBLIC_COLS. */
#include <stdio.h>

#include "public.h"
#include "../labels.h"
#include "../regions.h"

static int set(HDF *node, const char *name, const char *value, struct err *e)
{
	NEOERR *nerr = hdf_set_value(node, name, value ? value : "");

	if (nerr) {
		nerr_ignore(&nerr);
		return err_set(e, 500, NULL, "hdf: out of memory labelling child");
	}
	return 0;
}

static int label_one(HDF *row, struct err *e)
{
	const struct region *county = region_get(hdf_get_value(row, "county", ""));
	const struct region *city = county ? region_get(county->city) : NULL;
	char place[160];

	if (county && city && city != county)
		snprintf(place, sizeof place, "%s·%s", city->short_name, county->name);
	else
		snprintf(place, sizeof place, "%s", county ? county->name : "");
	return set(row, "gender_label", label_of(GENDERS, hdf_get_value(row, "gender", NULL)), e) ||
	       set(row, "category_label", label_of(CATEGORIES, hdf_get_value(row, "category", NULL)), e) ||
	       set(row, "status_label", label_of(CHILD_STATUSES, hdf_get_value(row, "status", NULL)), e) ||
	       set(row, "place", place, e) ? -1 : 0;
}

int child_labels(HDF *hdf, const char *prefix, struct err *e)
{
	for (HDF *row = hdf_obj_child(hdf_get_obj(hdf, prefix)); row; row = hdf_obj_next(row))
		if (label_one(row, e) < 0)
			return -1;
	return 0;
}
