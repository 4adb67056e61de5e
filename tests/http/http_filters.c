/* http_filters.c — the back office's filter forms come back with the filters a search used. */
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "client.h"
#include "keys.h"
#include "util.h"

#define URL_MAX 256

/* GET path as staff member b; each of want must be on the page. */
static void expect_kept(struct browser *b, const char *path, const char *const *want, size_t n)
{
	struct resp r;

	b_get(b, path, &r);
	ck_assert_msg(r.status == 200, "%s: %ld", path, r.status);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(body_has(&r, want[i]), "%s: no %s", path, want[i]);
	resp_free(&r);
}

/* The form names come from the key table, as the forms' own do. */
START_TEST(children_filters_kept)
{
	static const char *const WANT[] = { "value=\"waiting\" selected", "value=\"30\"" };
	struct browser b;
	char url[URL_MAX];

	snprintf(url, sizeof url, "/admin/children?%s=waiting&%s=30", KEYS[K_CSTATUS].name,
	         KEYS[K_DAYS].name);
	ck_assert_int_eq(b_staff(&b, "badong"), 303);
	expect_kept(&b, url, WANT, nitems(WANT));
	browser_free(&b);
}
END_TEST

START_TEST(audit_filters_kept)
{
	static const char *const WANT[] = {
		"value=\"badong\"", "value=\"child.view_pii\"", "value=\"2024-01-01\"",
		"value=\"2024-12-31\"",
	};
	struct browser b;
	char url[URL_MAX];

	snprintf(url, sizeof url, "/admin/audit?%s=badong&%s=child.view_pii&%s=2024-01-01"
	         "&%s=2024-12-31", KEYS[K_STAFF].name, KEYS[K_ACTION].name, KEYS[K_FROM].name,
	         KEYS[K_TO].name);
	ck_assert_int_eq(b_staff(&b, "province"), 303);
	expect_kept(&b, url, WANT, nitems(WANT));
	browser_free(&b);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_filters");
	TCase *t = tcase_create("filters");

	tcase_add_test(t, children_filters_kept);
	tcase_add_test(t, audit_filters_kept);
	suite_add_tcase(s, t);
	return s;
}
