/* err.c — filling in struct err. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <ClearSilver.h>

#include "err.h"
#include "util.h"

static void set_cause(struct err *e, const char *fmt, va_list ap)
{
	vsnprintf(e->cause, sizeof e->cause, fmt, ap);
}

int err_core(struct err *e, enum err_kind kind, const char *key, const char *causefmt, ...)
{
	va_list ap;

	e->kind = kind;
	e->key = key;
	e->arg = 0;
	e->dbcode = 0;
	e->field = NULL;
	e->msg[0] = '\0';
	va_start(ap, causefmt);
	set_cause(e, causefmt, ap);
	va_end(ap);
	return -1;
}

int err_internal(struct err *e, const char *causefmt, ...)
{
	va_list ap;

	err_core(e, ERR_INTERNAL, NULL, "%s", "");
	va_start(ap, causefmt);
	set_cause(e, causefmt, ap);
	va_end(ap);
	return -1;
}

/* The kind an HTTP status stands for; a status with no kind of its own is internal. */
static enum err_kind kind_of(int status)
{
	static const struct { int status; enum err_kind kind; } map[] = {
		{ 400, ERR_INVALID }, { 403, ERR_FORBIDDEN }, { 404, ERR_NOT_FOUND },
		{ 405, ERR_METHOD }, { 409, ERR_CONFLICT }, { 413, ERR_TOO_LARGE },
		{ 415, ERR_MEDIA }, { 429, ERR_TOO_MANY }, { 503, ERR_BUSY },
	};

	for (size_t i = 0; i < nitems(map); i++)
		if (map[i].status == status)
			return map[i].kind;
	return ERR_INTERNAL;
}

int err_set(struct err *e, int status, const char *msg, const char *causefmt, ...)
{
	va_list ap;

	e->kind = kind_of(status);
	e->key = NULL;
	e->arg = 0;
	e->dbcode = 0;
	e->field = NULL;
	snprintf(e->msg, sizeof e->msg, "%s", msg ? msg : "");
	va_start(ap, causefmt);
	set_cause(e, causefmt, ap);
	va_end(ap);
	return -1;
}

int err_at(struct err *e, const char *field)
{
	e->field = field;
	return -1;
}

int err_at_if(struct err *e, const char *key, const char *field)
{
	if (e->key && strcmp(e->key, key) == 0)
		e->field = field;
	return -1;
}

int err_neo(struct err *e, NEOERR *nerr, const char *what)
{
	STRING s;

	string_init(&s);
	nerr_error_string(nerr, &s);
	err_core(e, ERR_INTERNAL, NULL, "%s: %s", what, s.buf ? s.buf : "?");
	string_clear(&s);
	nerr_ignore(&nerr);
	return -1;
}

void err_clear(struct err *e)
{
	memset(e, 0, sizeof *e);
}
