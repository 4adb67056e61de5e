/*
 * http_markup.c — what screen readers and search engines read on the pages of a visitor, a
 * donor and the province officer (issue 16): the page's language and description, every table
 * header with its scope, every input with its type; the back office and (by default) children's
 * pages marked noindex, robots.txt keeping the private paths out, the sitemap listing what search
 * engines may read. The templates themselves are read as well, for the tables and forms that the
 * pages visited here did not happen to show.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "client.h"

#define PW "tongxiang-demo"

static const char *const public_paths[] = {
	"/", "/children", "/children?city=422800&sort=age", "/donate", "/donations", "/activities",
	"/disclosure", "/disclosure/finance", "/report/status", "/signup", "/login",
	"/reset",
};

static const char *const donor_paths[] = { "/me", "/pages/new" };

static const char *const admin_paths[] = {
	"/admin", "/admin/children", "/admin/children/new", "/admin/pairings", "/admin/refunds",
	"/admin/lapsing", "/admin/visits", "/admin/letters", "/admin/payouts",
	"/admin/finance", "/admin/directed", "/admin/pools",
	"/admin/pools/new", "/admin/orgs", "/admin/staff", "/admin/units", "/admin/audit",
	"/admin/import", "/admin/offline", "/admin/batches", "/admin/reports", "/admin/disclosure",
	"/admin/pages", "/admin/activities", "/admin/activities/new",
};

/* Where the tag that starts at p ends: its '>', not the one of a ClearSilver "?>" inside it. */
static const char *tag_end(const char *p)
{
	while ((p = strchr(p, '>')) && p[-1] == '?')
		p++;
	return p;
}

/*
 * The first <name ...> tag in text from which attr is missing, copied into out (at most n
 * bytes), or 0 when every one has it.
 */
static int missing_attr(const char *text, const char *name, const char *attr, char *out,
                        size_t n)
{
	size_t len = strlen(name);

	for (const char *p = text; (p = strchr(p, '<')); p++) {
		const char *end;

		if (strncmp(p + 1, name, len) != 0 || !strchr(" \t\n>", p[1 + len]))
			continue;
		if (!(end = tag_end(p)))
			return 0;
		if (!memmem(p, (size_t)(end - p), attr, strlen(attr))) {
			snprintf(out, n, "%.*s", (int)(end - p + 1), p);
			return 1;
		}
	}
	return 0;
}

/* Tables and inputs that say what they are, in text (a page, or a template) named where. */
static void expect_labelled(const char *text, const char *where)
{
	char tag[256];

	ck_assert_msg(!missing_attr(text, "th", "scope=", tag, sizeof tag),
	              "%s: a table header without its scope: %s", where, tag);
	ck_assert_msg(!missing_attr(text, "input", "type=", tag, sizeof tag),
	              "%s: an input without its type: %s", where, tag);
}

/* What a page may be: found by search engines, shared with Open Graph's title and description. */
enum { INDEXED = 1, SHARED = 2 };

/* What every page says of itself: Chinese, a description; indexed and shared as it should be. */
static void expect_page(struct browser *b, const char *path, int how)
{
	int indexed = (how & INDEXED) != 0, shared = (how & SHARED) != 0;
	struct resp r;

	ck_assert_int_eq(b_get(b, path, &r), 0);
	ck_assert_msg(r.status == 200, "%s: status %ld", path, r.status);
	ck_assert_msg(body_has(&r, "<html lang=\"zh-CN\">"), "%s: no lang=\"zh-CN\"", path);
	ck_assert_msg(body_has(&r, "<meta name=\"description\" content=\"") &&
	              !body_has(&r, "<meta name=\"description\" content=\"\">"),
	              "%s: no description", path);
	ck_assert_msg(body_has(&r, "content=\"noindex") == !indexed,
	              "%s: %s", path, indexed ? "marked noindex" : "not marked noindex");
	ck_assert_msg(body_has(&r, "<meta property=\"og:title\"") == shared,
	              "%s: Open Graph tags %s", path, shared ? "missing" : "in the back office");
	expect_labelled(r.body, path);
	resp_free(&r);
}

START_TEST(robots_keep_private_paths_out)
{
	static const char *const kept_out[] = { "/admin", "/me", "/pay/", "/receipts/" };
	struct resp r;
	char line[64];

	ck_assert_int_eq(http_get("/robots.txt", &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert(resp_has_header(&r, "Content-Type", "text/plain; charset=utf-8"));
	ck_assert(body_has(&r, "User-agent: *"));
	for (size_t i = 0; i < sizeof kept_out / sizeof *kept_out; i++) {
		snprintf(line, sizeof line, "Disallow: %s\n", kept_out[i]);
		ck_assert_msg(body_has(&r, line), "robots.txt lets %s be indexed", kept_out[i]);
	}
	ck_assert_msg(!body_has(&r, "Disallow: /\n") && !body_has(&r, "Disallow: /children"),
	              "robots.txt keeps public pages out");
	ck_assert_msg(body_has(&r, "\nSitemap: http://") && body_has(&r, "/sitemap.xml\n"),
	              "robots.txt names no sitemap");
	resp_free(&r);
}
END_TEST

/* The public pages and the activities shown; no child's page while Site.IndexChildren is 0. */
START_TEST(sitemap_lists_public_pages)
{
	char want[256], slug[64];
	struct resp r;

	snprintf(slug, sizeof slug, "%s", admin_sql_line("SELECT slug FROM activities "
	         "WHERE state = 'live' ORDER BY id LIMIT 1"));
	ck_assert_int_eq(http_get("/sitemap.xml", &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert(resp_has_header(&r, "Content-Type", "application/xml; charset=utf-8"));
	ck_assert(body_has(&r, "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
	snprintf(want, sizeof want, "<url><loc>%s/children</loc></url>", http_base());
	ck_assert_msg(body_has(&r, want), "no %s", want);
	if (*slug) {
		snprintf(want, sizeof want, "<url><loc>%s/activities/%s</loc></url>", http_base(),
		         slug);
		ck_assert_msg(body_has(&r, want), "no %s", want);
	}
	ck_assert_msg(!body_has(&r, "/children/"), "a child's page in the sitemap");
	ck_assert_msg(!body_has(&r, "/admin") && !body_has(&r, "/me"), "a private page listed");
	resp_free(&r);
}
END_TEST

START_TEST(public_pages)
{
	struct browser b;

	browser_init(&b);
	for (size_t i = 0; i < sizeof public_paths / sizeof *public_paths; i++)
		expect_page(&b, public_paths[i], INDEXED | SHARED);
	expect_page(&b, "/admin/login", 0);
	browser_free(&b);
}
END_TEST

/*
 * A child's shared link says the alias and the place, and nothing else of the child; search
 * engines are asked to leave the page alone.
 */
START_TEST(child_page_describes_alias_and_place)
{
	char code[16], path[64], want[256];
	const char *img;
	struct browser b;
	struct resp r;

	/* admin_sql_line's answer lasts until its next call. */
	snprintf(code, sizeof code, "%s",
	         admin_sql_line("SELECT code FROM children WHERE listed = 1 ORDER BY id LIMIT 1"));
	snprintf(path, sizeof path, "/children/%s", code);
	snprintf(want, sizeof want, "<meta name=\"description\" content=\"%s（化名），",
	         admin_sql_line("SELECT alias FROM children WHERE code = '%s'", code));
	browser_init(&b);
	/* Site.IndexChildren is 0 unless a federation says otherwise: shared, not indexed. */
	expect_page(&b, path, SHARED);
	ck_assert_int_eq(b_get(&b, path, &r), 0);
	ck_assert_msg(body_has(&r, want), "%s: the description is not the child's: %s", path,
	              strstr(r.body, "<meta name=\"description\""));
	/* The one picture a shared link shows is the programme's own, never the child's photo. */
	snprintf(want, sizeof want, "<meta property=\"og:image\" content=\"%s/static/og.png\">",
	         http_base());
	img = strstr(r.body, "<meta property=\"og:image\" ");
	ck_assert_msg(img && !strncmp(img, want, strlen(want)) &&
	              !strstr(img + 1, "<meta property=\"og:image\" "),
	              "%s: a shared link shows something other than the programme's picture", path);
	resp_free(&r);
	ck_assert_int_eq(http_get("/static/og.png", &r), 0);
	ck_assert_msg(r.status == 200 && resp_has_header(&r, "Content-Type", "image/png"),
	              "/static/og.png: status %ld", r.status);
	resp_free(&r);
	browser_free(&b);
}
END_TEST

START_TEST(donor_pages)
{
	struct browser b;

	browser_init(&b);
	ck_assert_int_eq(b_login(&b, "demo@example.com", PW), 303);
	for (size_t i = 0; i < sizeof donor_paths / sizeof *donor_paths; i++)
		expect_page(&b, donor_paths[i], INDEXED | SHARED);
	browser_free(&b);
}
END_TEST

START_TEST(back_office_pages)
{
	struct browser b;

	ck_assert_int_eq(b_staff(&b, "province"), 303);  /* b_staff starts the browser */
	for (size_t i = 0; i < sizeof admin_paths / sizeof *admin_paths; i++)
		expect_page(&b, admin_paths[i], 0);
	browser_free(&b);
}
END_TEST

/* Every template: the lists and forms no page above showed (an empty list has no table). */
START_TEST(templates)
{
	char dir[512], path[1024];
	struct dirent *de;
	DIR *d;
	int n = 0;

	snprintf(dir, sizeof dir, "%s/templates", getenv("TX_ROOT") ? getenv("TX_ROOT") : ".");
	ck_assert_msg((d = opendir(dir)) != NULL, "no %s", dir);
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		char *text = NULL;
		size_t size = 0;
		FILE *f;

		if (len < 4 || strcmp(de->d_name + len - 3, ".cs") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		ck_assert_msg((f = fopen(path, "r")) != NULL, "cannot read %s", path);
		ck_assert(getdelim(&text, &size, '\0', f) > 0);
		fclose(f);
		expect_labelled(text, de->d_name);
		free(text);
		n++;
	}
	closedir(d);
	ck_assert_msg(n > 50, "only %d templates in %s", n, dir);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_markup");
	TCase *t = tcase_create("markup");

	tcase_add_test(t, robots_keep_private_paths_out);
	tcase_add_test(t, sitemap_lists_public_pages);
	tcase_add_test(t, public_pages);
	tcase_add_test(t, child_page_describes_alias_and_place);
	tcase_add_test(t, donor_pages);
	tcase_add_test(t, back_office_pages);
	tcase_add_test(t, templates);
	suite_add_tcase(s, t);
	return s;
}
