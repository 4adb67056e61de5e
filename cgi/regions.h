/* regions.h — the province → city → county tree (GB/T 2260), held in each worker's memory: it changes only by migration. */
#ifndef TX_REGIONS_H
#define TX_REGIONS_H

#include <stddef.h>

#include "db.h"

#define REGIONS_MAX 256

struct region {
	char code[7];
	char parent[7];
	char city[7];         /* the city-level unit it belongs to: itself for cities and city-counties */
	char name[64];
	char short_name[48];
	int  is_city;         /* cities, prefectures, and the province-administered city-counties */
	int  is_county;       /* counties, districts, county-level cities, and the city-counties */
};

/* Load the table once per process; later calls return at once. */
int regions_load(struct db *db, struct err *e);

/* Add one region by hand (tests); level is as in the CSV: province, city, county or city-county. */
int regions_add(const char *code, const char *parent, const char *level, const char *name, const char *short_name);
void regions_clear(void);

/* The region with this code, or NULL. */
const struct region *region_get(const char *code);

/* All regions in code order. */
size_t regions_count(void);
const struct region *region_at(size_t i);

#endif
