/*
 * http_zz_templates.c — every name a template declares (its needs comment, cgi/render.h) was on
 * some page it rendered during the HTTP tests. The workers of the test instance note each page's
 * names (App.TestHooks, App.TemplateNames); "zz" makes this program run after every other HTTP
 * test, as tests/run.sh runs them in name order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "client.h"
#include "render.h"
#include "util.h"

/* A noted line: "tmpl name". */
#define LINE_MAX_LEN 512

/* What the workers noted, sorted, for bsearch. */
static char **seen;
static size_t nseen;

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void read_noted(void)
{
	char path[LINE_MAX_LEN], line[LINE_MAX_LEN];
	size_t cap = 0;
	FILE *f;

	snprintf(path, sizeof path, "%s/template-names", getenv("TX_VAR"));
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "%s: no names noted (App.TestHooks and App.TemplateNames?)", path);
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (nseen == cap) {
			cap = cap ? 2 * cap : 1024;
			seen = realloc(seen, cap * sizeof *seen);
			ck_assert_ptr_nonnull(seen);
		}
		seen[nseen++] = strdup(line);
	}
	fclose(f);
	qsort(seen, nseen, sizeof *seen, by_text);
}

/* Whether a page of tmpl had name (NULL: whether tmpl was rendered at all). */
static int had(const char *tmpl, const char *name)
{
	char key[2 * LINE_MAX_LEN];
	const char *k = key;
	size_t lo = 0, hi = nseen, len;

	len = (size_t)snprintf(key, sizeof key, "%s %s", tmpl, name ? name : "");
	if (name)
		return bsearch(&k, seen, nseen, sizeof *seen, by_text) != NULL;
	/* The first line at or after "tmpl ": the template's, if it has any. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(seen[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nseen && strncmp(seen[lo], key, len) == 0;
}

/* What the check of one template collects: the template, those rendering it, what is missing. */
struct check {
	const char *tmpl;
	const char *pages[64];   /* the rendered templates that are, or include, tmpl */
	size_t      npages;
	STRING      missing;
	int         includer;    /* scratch for includes_it */
};

static void includes_it(const char *name, void *arg)
{
	struct check *k = arg;

	if (strcmp(name, k->tmpl) == 0)
		k->includer = 1;
}

/* name with its row numbers as the workers note them: Receipt.0.no as Receipt.*.no. */
static void fold(const char *name, char *out, size_t n)
{
	size_t len = 0;

	for (const char *p = name; *p && len + 1 < n; ) {
		size_t seg = strcspn(p, ".");
		int digits = seg > 0 && strspn(p, "0123456789") >= seg;

		len += (size_t)snprintf(out + len, n - len, "%.*s", digits ? 1 : (int)seg,
		                        digits ? "*" : p);
		p += seg;
		if (*p == '.' && len + 1 < n)
			out[len++] = *p++;
	}
	out[len < n ? len : n - 1] = '\0';
}

static void check_name(const char *name, void *arg)
{
	struct check *k = arg;
	char folded[LINE_MAX_LEN];

	fold(name, folded, sizeof folded);
	for (size_t i = 0; i < k->npages; i++)
		if (had(k->pages[i], folded))
			return;
	string_appendf(&k->missing, " %s", name);
}

/* The rendered templates that are tmpl or include it. */
static void pages_of(struct check *k)
{
	const char *t;

	for (int i = 0; (t = render_name(i)); i++) {
		k->includer = strcmp(t, k->tmpl) == 0;
		render_includes(t, includes_it, k);
		if (k->includer && had(t, NULL) && k->npages < nitems(k->pages))
			k->pages[k->npages++] = t;
	}
}

START_TEST(declared_names_were_set)
{
	char dir[LINE_MAX_LEN];
	struct err e;
	STRING problems, unrendered;
	const char *t;

	snprintf(dir, sizeof dir, "%s/templates", getenv("TX_ROOT"));
	err_clear(&e);
	ck_assert_msg(render_init(dir, &e) == 0, "%s", e.cause);
	read_noted();
	string_init(&problems);
	string_init(&unrendered);
	for (int i = 0; (t = render_name(i)); i++) {
		struct check k = { .tmpl = t };

		string_init(&k.missing);
		pages_of(&k);
		if (k.npages == 0)
			string_appendf(&unrendered, " %s", t);
		else if (render_needs(t, check_name, &k) < 0)
			string_appendf(&problems, "%s: no needs comment\n", t);
		if (k.missing.len)
			string_appendf(&problems, "%s: declared, never set:%s\n", t, k.missing.buf);
		string_clear(&k.missing);
	}
	/* Not a failure: a page no test shows is a gap in the tests, said here for the reader. */
	if (unrendered.len)
		printf("templates no test rendered:%s\n", unrendered.buf);
	fflush(stdout);
	ck_assert_msg(problems.len == 0, "%s", problems.buf);
	string_clear(&problems);
	string_clear(&unrendered);
	render_free();
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_zz_templates");
	TCase *t = tcase_create("needs");

	tcase_add_test(t, declared_names_were_set);
	suite_add_tcase(s, t);
	return s;
}
