/*
 * page.h — filling a page's data (c->hdf). The setters remember the first failure in c->err, and the worker
 * treats a handler that returns 0 with c->err set as failed, so handlers can set values without checking each one.
 */
#ifndef TX_PAGE_H
#define TX_PAGE_H

#include "ctx.h"

/* name = value under node (c->hdf when node is NULL); a NULL value is stored as "". */
void page_set(struct ctx *c, HDF *node, const char *name, const char *value);

/* hdf_set_valuef's "Name=Value" format, e.g. page_setf(c, "Cities.%d.code=%s", i, code). */
void page_setf(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
