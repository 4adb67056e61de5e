/*
 * audit.h — the web layer's shorthand for the audit log (core/audit.h): a row for the request's own
 * actor, the signed-in staff member (or visitor) and their address.
 */
#ifndef TX_AUDIT_H
#define TX_AUDIT_H

#include "core/audit.h"
#include "ctx.h"

/* Append one row for c's actor (actor_of); a summary longer than the column is cut. */
int audit(struct db *db, const struct ctx *c, struct err *e, const char *action,
          const char *object_type, const char *object_id, const char *fmt,
          ...) __attribute__((format(printf, 7, 8)));

#endif
