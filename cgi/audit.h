/*
 * audit.h — the append-only audit log: who (the signed-in staff member, or the system), when, from where, what
 * action, on which object, and a summary. Written inside the transaction that does the thing, so an action and its
 * record stand or fall together. The app's database user cannot change or delete these rows (sql/grants.sh).
 */
#ifndef TX_AUDIT_H
#define TX_AUDIT_H

#include "core/actor.h"
#include "ctx.h"

/* Append one row for actor a (a staff member's id is kept; others by their address); a summary longer than the
 * column is cut. */
int audit_actor(struct db *db, const struct actor *a, struct err *e, const char *action, const char *object_type,
                const char *object_id, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* Append one row for c's staff member and address; a summary longer than the column is cut. */
int audit(struct db *db, const struct ctx *c, struct err *e, const char *action, const char *object_type,
          const char *object_id, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

#endif
