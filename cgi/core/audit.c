/* core/audit.c — appending to the audit log, for any actor. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../util.h"
#include "audit.h"

/* The summary column's size (VARCHAR(500)): a longer one is cut. */
#define AUDIT_SUMMARY_LEN 500

/*
 * A summary cut at the buffer's end may end inside a UTF-8 character, which a strict database
 * refuses: drop it.
 */
static void trim_partial(char *s)
{
	size_t n = strlen(s), i = n, need;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0 || ((unsigned char)s[i - 1] & 0x80) == 0)
		return;
	need = ((unsigned char)s[i - 1] & 0xF0) == 0xF0 ? 4 :
	       ((unsigned char)s[i - 1] & 0xE0) == 0xE0 ? 3 : 2;
	if (n - (i - 1) < need)
		s[i - 1] = '\0';
}

int audit_actorv(struct db *db, const struct actor *a, struct err *e, const char *action,
                 const char *object_type, const char *object_id, const char *fmt, va_list ap)
{
	char summary[AUDIT_SUMMARY_LEN];

	vsnprintf(summary, sizeof summary, fmt, ap);
	trim_partial(summary);
	struct dbp p[] = { a->kind == ACTOR_STAFF && a->id ? P_INT(a->id) : P_NULL, P_STR(a->addr),
	                   P_STR(action), P_STR(object_type), P_STR(object_id), P_STR(summary) };
	/* Inside a transaction, with its other lines at its commit: nothing reads them before. */
	return db_insert_later(db, "INSERT INTO audit_log (staff_id, addr, action, object_type, "
	                       "object_id, summary) VALUES ", "(?, ?, ?, ?, ?, ?)", p, nitems(p),
	                       e);
}

int audit_actor(struct db *db, const struct actor *a, struct err *e, const char *action,
                const char *object_type, const char *object_id, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = audit_actorv(db, a, e, action, object_type, object_id, fmt, ap);
	va_end(ap);
	return rc;
}
