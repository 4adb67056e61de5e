/* render.h — page data into a response: the template cache, ClearSilver rendering, headers. */
#ifndef TX_RENDER_H
#define TX_RENDER_H

#include <stddef.h>
#include <fcgiapp.h>
#include <ClearSilver.h>

#include "err.h"

/* Read every *.cs file in dir into memory. Called once, before the workers fork: they share it. */
int render_init(const char *dir, struct err *e);
void render_free(void);

/*
 * Render template tmpl with hdf into out. Config.VarEscapeMode=html is set on hdf first, so every
 * <?cs var:?> is HTML-escaped. Includes are resolved from the cache only; templates use literal
 * include paths.
 */
int render_template(const char *tmpl, HDF *hdf, STRING *out, struct err *e);

/*
 * What a template reads. Each .cs file in templates/ starts with one comment: its purpose, then
 * "needs:" and every page data name the file itself reads, over as many lines as it takes, up to
 * the comment's end: a list's rows as Name.*.col (each:), one row without an index (Stats.raised).
 * An included file declares what it reads itself (header.cs: Page.Title, Nav.*.href ...); a
 * macro's parameters are declared by its callers, under the names they pass (Children.*.alias for
 * call:child_card(ch) over Children). Names a template sets itself (set:, loop variables) are not
 * listed. tests/unit/check_templates.c renders each with an empty tree; with App.TestHooks the
 * workers note the names each page was rendered with (render_record_names), and
 * tests/http/http_zz_templates.c names any declared name no page ever had.
 */
typedef void (*render_name_fn)(const char *name, void *arg);

/* Each name tmpl declares, to fn; returns their number, or -1 if tmpl has no needs comment. */
int render_needs(const char *tmpl, render_name_fn fn, void *arg);

/* Each template tmpl includes (include:"header.cs"), to fn; returns their number. */
int render_includes(const char *tmpl, render_name_fn fn, void *arg);

/* The name of the i-th template in the cache, or NULL past the last. */
const char *render_name(int i);

/*
 * Test instances only (App.TestHooks): append to file a "tmpl name" line for each name in hdf
 * this process has not noted for tmpl before, as tmpl is rendered with it. Names only, with row
 * indices folded to "*" (Children.*.alias), never a value: children's data stays out of files.
 */
void render_record_names(const char *file, const char *tmpl, HDF *hdf);

/* The reason phrase for an HTTP status. */
const char *render_reason(int status);

/*
 * Write status line, security headers, content type, cache control and body. extra_headers, if
 * not NULL, is one or more complete "Name: value\r\n" lines.
 */
void render_send(FCGX_Stream *out, int status, const char *ctype, const char *cache_control,
                 const char *extra_headers, const char *body, size_t len);

#endif
