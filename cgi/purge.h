/*
 * purge.h — the sweep's deletions of the web layer's own rows (idle sessions, unused devices,
 * verification codes past their expiry), declared apart from their modules' request-facing API so
 * that the core's sweep (core/sweep.c) reaches them without seeing a request.
 */
#ifndef TX_PURGE_H
#define TX_PURGE_H

#include "config.h"
#include "db.h"

/* Delete sessions idle past their limit (session.c). */
int session_sweep(struct db *db, const struct config *cfg, struct err *e);

/* Delete devices unused for DEVICE_DAYS (device.c). */
int device_sweep(struct db *db, struct err *e);

/* Forget codes a day past their expiry (verify.c). */
int verify_sweep(struct db *db, struct err *e);

#endif
