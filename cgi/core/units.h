/*
 * core/units.h — member units (the county and city charity federations) and their cooperation
 * agreements.
 */
#ifndef TX_CORE_UNITS_H
#define TX_CORE_UNITS_H

#include "../config.h"
#include "../db.h"
#include "actor.h"

/*
 * Record that the member unit of region signed its agreement on date (signed 1), or that it ended
 * (signed 0, date ignored), by actor a; audited. ERR_INVALID (units.no_date) for a signing without
 * a date, ERR_NOT_FOUND (units.none) if there is no such unit.
 */
int unit_agreement(struct db *db, const struct config *cfg, const struct actor *a,
                   const char *region, int signed_, const char *date, struct err *e);

#endif
