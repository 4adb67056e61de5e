/* check_templates.c — every template renders with no page data at all, and says what it reads. */
#include <ctype.h>
#include <string.h>

#include "check_main.h"
#include "render.h"

/* The suite runs from the checkout's top (tests/run.sh). */
#define TEMPLATES "templates"

static void load(void)
{
	struct err e;

	err_clear(&e);
	ck_assert_msg(render_init(TEMPLATES, &e) == 0, "%s", e.cause);
}

/* Nothing a handler forgot to set may stop a page: each renders from an empty tree. */
START_TEST(renders_from_an_empty_tree)
{
	const char *t;
	int n = 0;

	load();
	for (int i = 0; (t = render_name(i)); i++, n++) {
		HDF *hdf;
		STRING out;
		struct err e;

		ck_assert_ptr_null(hdf_init(&hdf));
		string_init(&out);
		err_clear(&e);
		ck_assert_msg(render_template(t, hdf, &out, &e) == 0, "%s: %s", t, e.cause);
		string_clear(&out);
		hdf_destroy(&hdf);
	}
	ck_assert_int_gt(n, 0);
	render_free();
}
END_TEST

/* A declared name: parts of letters, digits and _, or "*" for a row, joined by dots. */
static void well_formed(const char *name, void *arg)
{
	const char *tmpl = arg;
	int ok = isalpha((unsigned char)name[0]);

	for (const char *p = name; ok && *p; p++) {
		if (*p == '.')
			ok = p[1] == '*' || isalnum((unsigned char)p[1]) || p[1] == '_';
		else if (*p == '*')
			ok = p[-1] == '.' && (p[1] == '.' || p[1] == '\0');
		else
			ok = isalnum((unsigned char)*p) || *p == '_';
	}
	ck_assert_msg(ok, "%s: needs %s is not a page data name", tmpl, name);
}

/* Each file lists what it reads (cgi/render.h says how), in well-formed names. */
START_TEST(each_says_what_it_reads)
{
	const char *t;

	load();
	for (int i = 0; (t = render_name(i)); i++)
		ck_assert_msg(render_needs(t, well_formed, (void *)t) > 0, "%s: no needs list", t);
	render_free();
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("check_templates");
	TCase *t = tcase_create("templates");

	tcase_add_test(t, renders_from_an_empty_tree);
	tcase_add_test(t, each_says_what_it_reads);
	suite_add_tcase(s, t);
	return s;
}
