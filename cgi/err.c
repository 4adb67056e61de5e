/* err.c — filling in struct err. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <ClearSilver.h>

#include "err.h"

int err_set(struct err *e, int status, const char *msg, const char *causefmt, ...)
{
	va_list ap;

	e->status = status;
	e->dbcode = 0;
	snprintf(e->msg, sizeof e->msg, "%s", msg ? msg : "");
	va_start(ap, causefmt);
	vsnprintf(e->cause, sizeof e->cause, causefmt, ap);
	va_end(ap);
	return -1;
}

int err_neo(struct err *e, NEOERR *nerr, const char *what)
{
	STRING s;

	string_init(&s);
	nerr_error_string(nerr, &s);
	err_set(e, 500, NULL, "%s: %s", what, s.buf ? s.buf : "?");
	string_clear(&s);
	nerr_ignore(&nerr);
	return -1;
}

void err_clear(struct err *e)
{
	memset(e, 0, sizeof *e);
}
