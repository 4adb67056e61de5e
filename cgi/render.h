/* render.h — turning page data into a response: the in-memory template cache, ClearSilver rendering, and headers. */
#ifndef TX_RENDER_H
#define TX_RENDER_H

#include <stddef.h>
#include <fcgiapp.h>
#include <ClearSilver.h>

#include "err.h"

/* Read every *.cs file in dir into memory. Called once, before the workers fork, so they share the pages. */
int render_init(const char *dir, struct err *e);
void render_free(void);

/*
 * Render template tmpl with hdf into out. Config.VarEscapeMode=html is set on hdf first, so every <?cs var:?>
 * is HTML-escaped. Includes are resolved from the cache only; templates use literal include paths.
 */
int render_template(const char *tmpl, HDF *hdf, STRING *out, struct err *e);

/* The reason phrase for an HTTP status. */
const char *render_reason(int status);

/*
 * Write status line, security headers, content type, cache control and body. extra_headers, if not NULL,
 * is one or more complete "Name: value\r\n" lines.
 */
void render_send(FCGX_Stream *out, int status, const char *ctype, const char *cache_control,
                 const char *extra_headers, const char *body, size_t len);

#endif
