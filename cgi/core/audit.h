/*
 * core/audit.h — the append-only audit log: who (a staff member, or the system and where it acted
 * from), when, what action, on which object, and a summary. Written inside the transaction that
 * does the thing, so an action and its record stand or fall together. The app's database user
 * cannot change or delete these rows (sql/grants.sh). The web layer's shorthand for a request's
 * actor is audit() in cgi/audit.h.
 */
#ifndef TX_CORE_AUDIT_H
#define TX_CORE_AUDIT_H

#include <stdarg.h>

#include "../db.h"
#include "actor.h"

/*
 * Append one row for actor a: a staff member by id, anyone else by their address alone. A summary
 * longer than the column is cut (at a whole character).
 */
int audit_actor(struct db *db, const struct actor *a, struct err *e, const char *action,
                const char *object_type, const char *object_id, const char *fmt,
                ...) __attribute__((format(printf, 7, 8)));

/* The same with the summary's arguments as a va_list, for wrappers. */
int audit_actorv(struct db *db, const struct actor *a, struct err *e, const char *action,
                 const char *object_type, const char *object_id, const char *fmt, va_list ap)
	__attribute__((format(printf, 7, 0)));

#endif
