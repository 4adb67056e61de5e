/* page.c — setters for page data that turn ClearSilver's errors into the request's error, once. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "labels.h"
#include "money.h"
#include "page.h"
#include "regions.h"

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
	char buf[1024];
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

void page_money_rows(struct ctx *c, const char *prefix, const char *from, const char *to)
{
	char buf[40];

	for (HDF *row = hdf_obj_child(hdf_get_obj(c->hdf, prefix)); row; row = hdf_obj_next(row))
		page_set(c, row, to, money_format(strtoll(hdf_get_value(row, from, "0"), NULL, 10), buf, sizeof buf));
}

void page_label_rows(struct ctx *c, const char *prefix, const char *code, const struct label *list, const char *to)
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

/* 303 to url, once the caller has judged it safe; or the refusal, as a 500: a bad target is our own mistake. */
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
	snprintf(a.addr, sizeof a.addr, "%s", c->req && c->req->remote_addr ? c->req->remote_addr : "?");
	snprintf(a.net, sizeof a.net, "%s", c->req ? c->req->remote_net : a.addr);
	return a;
}

int ctx_redirect(struct ctx *c, const char *url)
{
	/* Only our own paths: the header must not carry a line break, nor send the browser elsewhere. */
	return see_other(c, url, url[0] == '/' && url[1] != '/' && !strpbrk(url, "\r\n\\"));
}
