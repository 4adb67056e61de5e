/*
 * audit.c — the audit log for a request: its actor, made from the request, and core/audit.c's row.
 */
#include <stdarg.h>

#include "audit.h"

int audit(struct db *db, const struct ctx *c, struct err *e, const char *action,
          const char *object_type, const char *object_id, const char *fmt, ...)
{
	struct actor a = actor_of(c);
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = audit_actorv(db, &a, e, action, object_type, object_id, fmt, ap);
	va_end(ap);
	return rc;
}
