/* regions.c — the region table in memory: places named without a join, filters checked at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regions.h"

static struct region regions[REGIONS_MAX];
static size_t nregions;
static int loaded;

void regions_clear(void)
{
	nregions = 0;
	loaded = 0;
}

int regions_add(const char *code, const char *parent, const char *level, const char *name,
                const char *short_name)
{
	struct region *r;

	if (nregions >= REGIONS_MAX)
		return -1;
	r = &regions[nregions++];
	memset(r, 0, sizeof *r);
	snprintf(r->code, sizeof r->code, "%s", code);
	snprintf(r->parent, sizeof r->parent, "%s", parent ? parent : "");
	snprintf(r->name, sizeof r->name, "%s", name);
	snprintf(r->short_name, sizeof r->short_name, "%s", short_name);
	r->is_city = strcmp(level, "city") == 0 || strcmp(level, "city-county") == 0;
	r->is_county = strcmp(level, "county") == 0 || strcmp(level, "city-county") == 0;
	snprintf(r->city, sizeof r->city, "%s", r->is_city ? r->code : r->parent);
	return 0;
}

static int add_row(void *ctx, unsigned ncols, MYSQL_FIELD *fields, char **v, unsigned long *lens)
{
	struct err *e = ctx;

	(void)fields; (void)lens;
	if (ncols != 5 || !v[0] || !v[2] || !v[3] || !v[4])
		return err_set(e, 500, NULL, "regions: unexpected row");
	if (regions_add(v[0], v[1], v[2], v[3], v[4]) < 0)
		return err_set(e, 500, NULL, "regions: more than %d rows", REGIONS_MAX);
	return 0;
}

int regions_load(struct db *db, struct err *e)
{
	if (loaded)
		return 0;
	nregions = 0;
	if (db_query(db, "SELECT code, parent_code, level, name, short_name FROM regions "
	                 "ORDER BY code", NULL, 0, add_row, e, e) < 0) {
		nregions = 0;
		return -1;
	}
	loaded = 1;
	return 0;
}

long region_index(const char *code)
{
	size_t lo = 0, hi = nregions;

	/* Rows arrive in code order, so a binary search will do. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(regions[mid].code, code);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

const struct region *region_get(const char *code)
{
	long i = region_index(code);

	return i < 0 ? NULL : &regions[i];
}

size_t regions_count(void)
{
	return nregions;
}

const struct region *region_at(size_t i)
{
	return i < nregions ? &regions[i] : NULL;
}
