/* page.c — setters for page data that turn ClearSilver's errors into the request's error, once. */
#include <stdarg.h>
#include <stdio.h>

#include "page.h"

static void record(struct ctx *c, NEOERR *nerr)
{
	if (!nerr)
		return;
	if (!c->err.status)
		err_neo(&c->err, nerr, "page data");
	else
		nerr_ignore(&nerr);
}

void page_set(struct ctx *c, HDF *node, const char *name, const char *value)
{
	record(c, hdf_set_value(node ? node : c->hdf, name, value ? value : ""));
}

void page_setf(struct ctx *c, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof buf) {
		if (!c->err.status)
			err_set(&c->err, 500, NULL, "page data too long: %.60s", buf);
		return;
	}
	/* Formatted here, so that nothing in the values is read as a format by ClearSilver. */
	record(c, hdf_set_valuef(c->hdf, "%s", buf));
}
