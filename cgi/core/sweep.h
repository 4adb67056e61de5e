/*
 * sweep.h — what the workers let go between requests, every App.SweepSeconds: lapsed holds and
 * unpaid orders past their time, closes their provider has not heard of yet, idle sessions, old
 * devices, throttle counters, codes and reset links. All of it idempotent, so every worker may
 * sweep at once.
 */
#ifndef TX_SWEEP_H
#define TX_SWEEP_H

#include "../db.h"

/* Everything below that is due, in order, as the system actor "sweep"; stops at the first error. */
int sweep_all(struct db *db, const struct config *cfg, struct err *e);

#endif
