/*
 * regionsel.h — the <option>s of a region select: the counties, the cities, or both, that a reader
 * reaches, by name, grouped by city where they span more than one; built once per worker for each
 * reach (the regions do not change at run time), escaped where built.
 */
#ifndef TX_REGIONSEL_H
#define TX_REGIONSEL_H

#include "core/actor.h"

struct ctx;

enum regionsel_kind {
	RS_COUNTIES,   /* counties (a city-county among them), grouped by city */
	RS_CITIES,     /* cities (a city-county among them), never grouped */
	RS_REGIONS,    /* both: each city's group opens with the city itself, then its counties */
	RS__KINDS
};

/*
 * Set page data name to the <option>s of kind that staff actor a reaches (NULL: the whole province,
 * for the public pages), as scope_reaches decides for counties and scope_reaches_region for the
 * rest, with the one whose code is chosen (NULL, "" or one not offered: none) marked selected.
 * Every name and code in it was escaped when it was built, so a template writes it with uvar:.
 * Returns how many options it holds (0 for a reader who reaches none).
 */
int regionsel_set(struct ctx *c, const char *name, enum regionsel_kind kind,
                  const struct actor *a, const char *chosen);

#endif
