/* check_html.c — escaping: the hand-written escapers, and ClearSilver's html VarEscapeMode. */
#include <string.h>

#include "check_main.h"
#include "html.h"
#include "render.h"

START_TEST(escapes_html)
{
	STRING s;

	string_init(&s);
	html_escape_to(&s, "<script>alert('x')</script> & \"q\" 湖北");
	ck_assert_str_eq(s.buf,
	                 "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; 湖北");
	string_clear(&s);
}
END_TEST

START_TEST(encodes_url_components)
{
	STRING s;

	string_init(&s);
	url_encode_to(&s, "a b&c=d/湖~-._");
	ck_assert_str_eq(s.buf, "a%20b%26c%3Dd%2F%E6%B9%96~-._");
	string_clear(&s);
}
END_TEST

/* The real templates, rendered with hostile data: every var: must come out escaped. */
START_TEST(templates_escape_variables)
{
	HDF *hdf;
	STRING out;
	struct err e;

	ck_assert_int_eq(render_init("templates", &e), 0);
	ck_assert_ptr_null(hdf_init(&hdf));
	hdf_set_value(hdf, "Error.Status", "400");
	hdf_set_value(hdf, "Error.Message", "<img src=x onerror=alert(1)>\"'");
	hdf_set_value(hdf, "Page.Title", "<b>t</b>");
	string_init(&out);
	ck_assert_int_eq(render_template("error.cs", hdf, &out, &e), 0);
	ck_assert_ptr_null(strstr(out.buf, "<img"));
	ck_assert_ptr_null(strstr(out.buf, "<b>t"));
	ck_assert_ptr_nonnull(strstr(out.buf, "&lt;img src=x onerror=alert(1)&gt;"));
	string_clear(&out);
	hdf_destroy(&hdf);
	render_free();
}
END_TEST

START_TEST(unknown_template_is_an_error)
{
	HDF *hdf;
	STRING out;
	struct err e;

	ck_assert_int_eq(render_init("templates", &e), 0);
	ck_assert_ptr_null(hdf_init(&hdf));
	string_init(&out);
	ck_assert_int_eq(render_template("nonexistent.cs", hdf, &out, &e), -1);
	ck_assert_int_eq(err_status(&e), 500);
	string_clear(&out);
	hdf_destroy(&hdf);
	render_free();
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("html");
	TCase *t = tcase_create("escape");

	tcase_add_test(t, escapes_html);
	tcase_add_test(t, encodes_url_components);
	tcase_add_test(t, templates_escape_variables);
	tcase_add_test(t, unknown_template_is_an_error);
	suite_add_tcase(s, t);
	return s;
}
