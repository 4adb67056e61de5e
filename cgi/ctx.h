/* ctx.h — what a handler is given (the clean request, the page data, the database) and what it hands back. */
#ifndef TX_CTX_H
#define TX_CTX_H

#include <ClearSilver.h>

#include "config.h"
#include "db.h"
#include "err.h"
#include "keys.h"
#include "request.h"
#include "route.h"

struct ctx {
	const struct request *req;
	struct field          f[K__MAX];  /* validated parameters, query, form and path alike */
	struct route_params   path;       /* the path parameters' text, which c->f points into */
	const struct config  *cfg;
	struct db            *db;
	HDF                  *hdf;        /* page data for the template */
	struct err            err;

	/* The response a handler chooses: a template, or a plain body. */
	int         status;               /* 200 unless set */
	const char *tmpl;                 /* e.g. "children.cs" */
	const char *ctype;                /* for a plain body; "text/plain; charset=utf-8" if NULL */
	const char *body;                 /* a plain body (static text), instead of a template */
	const char *cache_control;        /* NULL: no-store; pages with nothing personal may allow caching */
};

/*
 * A page handler: fill c->hdf and set c->tmpl (or c->body), returning 0; or return -1 with c->err set
 * (use err_set(&c->err, ...)). Handlers run once per request and may run a second time, from scratch,
 * when the database connection was lost under the first run.
 */
typedef int (*handler_fn)(struct ctx *c);

#endif
