/* child-view.c — a child as the public sees them: labels added to a row of CHILD_PUBLIC_COLS. */
#include <stdio.h>
#include <string.h>

#include "public.h"
#include "../labels.h"
#include "../page.h"
#include "../regions.h"

/* "city·county": a city's short name, the dot and a county's name (struct region's), with room. */
#define PLACE_MAX 160

/* Where the child lives as the public lists say it: "city·county", or the county alone. */
static void place_of(const char *code, char *place, size_t n)
{
	const struct region *county = region_get(code ? code : "");
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

	place_of(hdf_get_value(row, "county", ""), place, sizeof place);
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

/* The columns of CHILD_PUBLIC_COLS a card shows as they come; the labels follow. */
static const char *const CARD_COLS[] = { "code", "alias", "age", "days_waiting",
                                         "sponsored_before" };
#define CARD_LABELS 3
#define CARD_FIELDS (sizeof CARD_COLS / sizeof CARD_COLS[0] + CARD_LABELS)

static int card_col(const char *name)
{
	for (size_t i = 0; i < sizeof CARD_COLS / sizeof CARD_COLS[0]; i++)
		if (strcmp(CARD_COLS[i], name) == 0)
			return 1;
	return 0;
}

struct card {
	MYSQL_FIELD   f[CARD_FIELDS];
	char         *v[CARD_FIELDS];
	unsigned long len[CARD_FIELDS];
	unsigned      n;
};

/* A label as one more column of the card (db_row_to_hdf reads it, never writes). */
static void card_label(struct card *k, const char *name, const char *text)
{
	memset(&k->f[k->n], 0, sizeof k->f[0]);
	k->f[k->n].name = (char *)name;
	k->v[k->n] = (char *)text;
	k->len[k->n++] = text ? strlen(text) : 0;
}

int child_card_row(void *ctx, unsigned ncols, MYSQL_FIELD *fields, char **v,
                   unsigned long *lens)
{
	const char *gender = NULL, *category = NULL, *county = NULL;
	struct card k = { .n = 0 };
	char place[PLACE_MAX];

	for (unsigned i = 0; i < ncols; i++) {
		if (strcmp(fields[i].name, "gender") == 0) {
			gender = v[i];
		} else if (strcmp(fields[i].name, "category") == 0) {
			category = v[i];
		} else if (strcmp(fields[i].name, "county") == 0) {
			county = v[i];
		} else if (card_col(fields[i].name) && k.n < CARD_FIELDS - CARD_LABELS) {
			k.f[k.n] = fields[i];
			k.v[k.n] = v[i];
			k.len[k.n++] = lens[i];
		}
	}
	place_of(county, place, sizeof place);
	card_label(&k, "gender_label", label_of(GENDERS, gender));
	card_label(&k, "category_label", label_of(CATEGORIES, category));
	card_label(&k, "place", place);
	return db_row_to_hdf(ctx, k.n, k.f, k.v, k.len);
}
