/* http_headers.c — every response, page, error or static file, carries the security headers; errors are pages. */
#include <string.h>

#include "check_main.h"
#include "client.h"

static const char *const PATHS[] = {
	"/", "/children", "/children?city=420100", "/healthz", "/no-such-page", "/children/0000000000",
	"/children?age_min=x", "/static/style.css", "/static/errors/502.html",
};

static void assert_security_headers(const struct resp *r, const char *path)
{
	ck_assert_msg(resp_has_header(r, "Content-Security-Policy",
	        "default-src 'none'; connect-src 'self'; style-src 'self'; img-src 'self' data:; "
	        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
	        "CSP missing on %s:\n%s", path, r->headers);
	ck_assert_msg(resp_has_header(r, "X-Content-Type-Options", "nosniff"), "nosniff missing on %s", path);
	ck_assert_msg(resp_has_header(r, "Referrer-Policy", NULL), "Referrer-Policy missing on %s", path);
}

START_TEST(security_headers_everywhere)
{
	struct resp r;
	const char *path = PATHS[_i];

	ck_assert_int_eq(http_get(path, &r), 0);
	assert_security_headers(&r, path);
	resp_free(&r);
}
END_TEST

START_TEST(unknown_path_is_templated_404)
{
	struct resp r;

	ck_assert_int_eq(http_get("/no/such/page", &r), 0);
	ck_assert_int_eq(r.status, 404);
	ck_assert(body_has(&r, "页面不存在"));
	ck_assert(body_has(&r, "信息公开"));  /* the full layout, not a bare server message */
	resp_free(&r);
}
END_TEST

START_TEST(wrong_method_is_405_with_allow)
{
	struct resp r;

	ck_assert_int_eq(http_request("POST", "/children", "a=b", NULL, &r), 0);
	ck_assert_int_eq(r.status, 405);
	ck_assert(resp_has_header(&r, "Allow", "GET, HEAD"));
	resp_free(&r);
}
END_TEST

START_TEST(head_is_served_like_get)
{
	struct resp r;

	ck_assert_int_eq(http_request("HEAD", "/children", NULL, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_uint_eq(r.len, 0);
	resp_free(&r);
}
END_TEST

START_TEST(body_over_limit_is_413_page)
{
	struct resp r;
	size_t n = 70 * 1024;
	char *big = malloc(n + 1);

	memset(big, 'a', n);
	memcpy(big, "x=", 2);
	big[n] = '\0';
	ck_assert_int_eq(http_request("POST", "/login", big, NULL, &r), 0);   /* a route that takes POSTs */
	ck_assert_int_eq(r.status, 413);
	ck_assert(body_has(&r, "提交的内容太大"));
	resp_free(&r);
	free(big);
}
END_TEST

START_TEST(no_inline_script_or_style)
{
	struct resp r;

	ck_assert_int_eq(http_get(PATHS[_i], &r), 0);
	ck_assert_msg(!body_has(&r, "<script"), "script tag on %s", PATHS[_i]);
	ck_assert_msg(!body_has(&r, "style=\""), "inline style on %s", PATHS[_i]);
	ck_assert_msg(!body_has(&r, "<style"), "style element on %s", PATHS[_i]);
	resp_free(&r);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_headers");
	TCase *t = tcase_create("headers");

	tcase_add_loop_test(t, security_headers_everywhere, 0, (int)(sizeof PATHS / sizeof PATHS[0]));
	tcase_add_loop_test(t, no_inline_script_or_style, 0, 7);
	tcase_add_test(t, unknown_path_is_templated_404);
	tcase_add_test(t, wrong_method_is_405_with_allow);
	tcase_add_test(t, head_is_served_like_get);
	tcase_add_test(t, body_over_limit_is_413_page);
	suite_add_tcase(s, t);
	return s;
}
