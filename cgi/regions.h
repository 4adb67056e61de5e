/* regions.h — the province → city → county tree (GB/T 2260) in each worker's memory. */
#ifndef TX_REGIONS_H
#define TX_REGIONS_H

#include <stddef.h>

#include "db.h"

#define REGIONS_MAX 256
/* A region's code, six digits, with its NUL. */
#define REGION_CODE_SIZE 7
/* Room for a region's name and its short name (Chinese, three bytes a character). */
#define REGION_NAME_MAX  64
#define REGION_SHORT_MAX 48

struct region {
	char code[REGION_CODE_SIZE];
	char parent[REGION_CODE_SIZE];
	/* the city-level unit it belongs to: itself for cities and city-counties */
	char city[REGION_CODE_SIZE];
	char name[REGION_NAME_MAX];
	char short_name[REGION_SHORT_MAX];
	int  is_city;         /* cities, prefectures, and the province-administered city-counties */
	int  is_county;       /* counties, districts, county-level cities, and the city-counties */
};

/* Load the table once per process; later calls return at once. */
int regions_load(struct db *db, struct err *e);

/* Add one region by hand (tests); level is as in the CSV: province, city, county or city-county. */
int regions_add(const char *code, const char *parent, const char *level, const char *name,
                const char *short_name);
void regions_clear(void);

/* The region with this code, or NULL. */
const struct region *region_get(const char *code);

/* Where the region with this code is in code order (region_at), or -1. */
long region_index(const char *code);

/* All regions in code order. */
size_t regions_count(void);
const struct region *region_at(size_t i);

#endif
