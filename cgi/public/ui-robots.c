/*
 * ui-robots.c — GET /robots.txt and GET /sitemap.xml: what search engines may read. The back
 * office, donors' own pages, payments, receipts and one-time links are kept out; the sitemap
 * lists the public pages and the activities shown, and the children's pages only where the
 * federation has said so (Site.IndexChildren; else each child's page is noindex, header.cs).
 */
#include "public.h"
#include "../html.h"
#include "../util.h"

/* Sitemaps hold at most 50,000 addresses; the fixed pages and activities take the rest. */
#define SITEMAP_CHILDREN 45000

static const char *const PRIVATE[] = {
	"/admin", "/me", "/pay/", "/receipts/", "/certificates/", "/reset/", "/verify/",
};

static const char *const PUBLIC_PAGES[] = {
	"/", "/children", "/donate", "/donations", "/activities", "/disclosure",
	"/disclosure/finance",
};

int ui_robots(struct ctx *c)
{
	string_append(&c->built, "User-agent: *\n");
	for (size_t i = 0; i < nitems(PRIVATE); i++)
		string_appendf(&c->built, "Disallow: %s\n", PRIVATE[i]);
	string_appendf(&c->built, "\nSitemap: %s/sitemap.xml\n", c->cfg->site_url);
	c->cache_control = "public, max-age=86400";
	return 0;
}

static void url_to(struct ctx *c, const char *path, const char *arg)
{
	string_append(&c->built, "<url><loc>");
	html_escape_to(&c->built, c->cfg->site_url);
	html_escape_to(&c->built, path);
	if (arg)
		html_escape_to(&c->built, arg);
	string_append(&c->built, "</loc></url>\n");
}

/* One row of a query whose first column is the last part of a path: its address. */
static int url_row(void *ctx, unsigned ncols, MYSQL_FIELD *fields, char **vals,
                   unsigned long *lens)
{
	struct ctx *c = ((void **)ctx)[0];
	const char *path = ((void **)ctx)[1];

	(void)ncols, (void)fields, (void)lens;
	url_to(c, path, vals[0]);
	return 0;
}

/* The addresses under path of what sql finds, at most limit of them (its one parameter). */
static int urls_of(struct ctx *c, const char *sql, long long limit, const char *path)
{
	void *both[] = { c, (void *)path };
	struct dbp p[] = { P_INT(limit) };

	return db_query(c->db, sql, p, nitems(p), url_row, both, &c->err);
}

int ui_sitemap(struct ctx *c)
{
	string_append(&c->built, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	              "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (size_t i = 0; i < nitems(PUBLIC_PAGES); i++)
		url_to(c, PUBLIC_PAGES[i], NULL);
	if (urls_of(c, "SELECT a.slug FROM activities a WHERE " ACTIVITIES_SHOWN
	            " ORDER BY a.starts_on DESC, a.id DESC LIMIT ?", ACTIVITIES_LISTED,
	            "/activities/") < 0)
		return -1;
	if (hdf_get_int_value(c->cfg->hdf, "Site.IndexChildren", 0) == 1 &&
	    urls_of(c, "SELECT code FROM children WHERE listed = 1 ORDER BY public_since, code "
	            "LIMIT ?", SITEMAP_CHILDREN, "/children/") < 0)
		return -1;
	string_append(&c->built, "</urlset>\n");
	c->ctype = "application/xml; charset=utf-8";
	return 0;
}
