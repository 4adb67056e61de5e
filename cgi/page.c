/* page.c — setters for page data that turn ClearSilver's errors into the request's error, once. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "labels.h"
#include "money.h"
#include "page.h"
#include "regions.h"

/* The longest formatted value page_setf takes ("Name=Value"); a page's values are short. */
#define PAGE_SETF_MAX 1024
/* Room for any amount of yuan money_format writes ("21,474,836.47" and beyond). */
#define MONEY_TEXT_MAX 40

static void record(struct ctx *c, NEOERR *nerr)
{
	if (!nerr)
		return;
	if (!err_is(&c->err))
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
	char buf[PAGE_SETF_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof buf) {
		if (!err_is(&c->err))
			err_set(&c->err, 500, NULL, "page data too long: %.60s", buf);
		return;
	}
	/* Formatted here, so that nothing in the values is read as a format by ClearSilver. */
	record(c, hdf_set_valuef(c->hdf, "%s", buf));
}

/* node's integer fen column from as yuan text in column to. */
static void money_at(struct ctx *c, HDF *node, const char *from, const char *to)
{
	char buf[MONEY_TEXT_MAX];
	/* Sums pass 2^31 fen (21 million yuan): read as 64-bit, never through hdf_get_int_value. */
	long long fen = strtoll(hdf_get_value(node, from, "0"), NULL, 10);

	page_set(c, node, to, money_format(fen, buf, sizeof buf));
}

void page_money(struct ctx *c, const char *from, const char *to)
{
	money_at(c, c->hdf, from, to);
}

void page_money_rows(struct ctx *c, const char *prefix, const char *from, const char *to)
{
	for (HDF *row = hdf_obj_child(hdf_get_obj(c->hdf, prefix)); row; row = hdf_obj_next(row))
		money_at(c, row, from, to);
}

int page_query_one(struct ctx *c, const char *sql, const struct dbp *p, unsigned np,
                   const char *prefix, int *found)
{
	HDF *row;

	if (db_query_row(c->db, sql, p, np, &row, &c->err) < 0)
		return -1;
	if (found)
		*found = row != NULL;
	if (row) {
		record(c, hdf_copy(c->hdf, prefix, row));
		hdf_destroy(&row);
	}
	return err_is(&c->err) ? -1 : 0;
}

void page_label_rows(struct ctx *c, const char *prefix, const char *code, const struct label *list,
                     const char *to)
{
	for (HDF *row = hdf_obj_child(hdf_get_obj(c->hdf, prefix)); row; row = hdf_obj_next(row))
		page_set(c, row, to, label_of(list, hdf_get_value(row, code, NULL)));
}

void page_label_list(struct ctx *c, const char *prefix, const struct label *list)
{
	for (int i = 0; list[i].code; i++) {
		page_setf(c, "%s.%d.code=%s", prefix, i, list[i].code);
		page_setf(c, "%s.%d.label=%s", prefix, i, list[i].text);
	}
}

void page_region_rows(struct ctx *c, const char *prefix, const char *code, const char *to)
{
	for (HDF *row = hdf_obj_child(hdf_get_obj(c->hdf, prefix)); row; row = hdf_obj_next(row)) {
		const struct region *r = region_get(hdf_get_value(row, code, ""));
		page_set(c, row, to, r ? r->name : "");
	}
}

void ctx_header(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	string_appendvf(&c->headers, fmt, ap);
	va_end(ap);
	string_append(&c->headers, "\r\n");
}

void ctx_headers_back_to(struct ctx *c, int len)
{
	c->headers.len = len;
	if (c->headers.buf)
		c->headers.buf[len] = '\0';
}

/* 303 to url, once the caller judged it safe; else a 500: a bad target is our own mistake. */
static int see_other(struct ctx *c, const char *url, int safe)
{
	if (!safe)
		return err_set(&c->err, 500, NULL, "refusing to redirect to %.100s", url);
	ctx_header(c, "Location: %s", url);
	c->status = 303;
	c->body = "";
	c->tmpl = NULL;
	return 0;
}

int ctx_redirect_away(struct ctx *c, const char *url)
{
	/* A payment provider's cashier: https only, and nothing that could end the header line. */
	return see_other(c, url, strncmp(url, "https://", 8) == 0 && !strpbrk(url, "\r\n \\"));
}

struct actor actor_of(const struct ctx *c)
{
	struct actor a = { .kind = ACTOR_VISITOR };

	if (c->who.id) {
		a.kind = c->who.realm == REALM_STAFF ? ACTOR_STAFF : ACTOR_DONOR;
		a.id = c->who.id;
		snprintf(a.role, sizeof a.role, "%s", c->who.role);
		snprintf(a.region, sizeof a.region, "%s", c->who.region);
	}
	snprintf(a.addr, sizeof a.addr, "%s",
	         c->req && c->req->remote_addr ? c->req->remote_addr : "?");
	snprintf(a.net, sizeof a.net, "%s", c->req ? c->req->remote_net : a.addr);
	return a;
}

int ctx_redirect(struct ctx *c, const char *url)
{
	/* Only our own paths: the header must carry no line break nor send the browser away. */
	return see_other(c, url, url[0] == '/' && url[1] != '/' && !strpbrk(url, "\r\n\\"));
}

/* The internal location of the photo directory in conf/nginx-dev.conf.in and nginx-site.conf. */
#define PHOTO_LOCATION "/_photos/"

int ctx_send_photo(struct ctx *c, const char *name, const char *mime)
{
	if (strspn(name, "0123456789abcdef") != strlen(name) || !*name ||
	    (strcmp(mime, "image/jpeg") && strcmp(mime, "image/png") &&
	     strcmp(mime, "application/pdf")))
		return err_set(&c->err, 500, NULL, "refusing to send photo %.40s (%.20s)", name,
		               mime);
	ctx_header(c, "X-Accel-Redirect: " PHOTO_LOCATION "%s", name);
	/* static strings: a payout's evidence may be a PDF as the bank sent it */
	c->ctype = strcmp(mime, "image/png") == 0 ? "image/png" :
	           strcmp(mime, "application/pdf") == 0 ? "application/pdf" : "image/jpeg";
	c->cache_control = "private";
	c->body = "";
	c->tmpl = NULL;
	return 0;
}
