/* http_nav.c — the navigation bar a visitor, a donor and each staff role sees; its current link. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "client.h"
#include "util.h"

#define NAV_MAX 512
#define LINK "<a href=\""
#define DONOR_LOGIN "nav-donor@example.com"
#define DONOR_PW "nav-donor-pw"

/*
 * The links of the page's top bar as "path,path*,path" (* after the current one), and whether it
 * names the staff member with a way out (the who line and the logout button).
 */
static void bar(const struct resp *r, char *out, size_t n, int *who)
{
	const char *head = r->body ? strstr(r->body, "<header class=\"top\">") : NULL;
	const char *nav = head ? strstr(head, "<nav aria-label=") : NULL;
	const char *end = nav ? strstr(nav, "</nav>") : NULL;
	const char *who_line;
	size_t len = 0;

	out[0] = '\0';
	ck_assert_msg(end != NULL, "no top bar");
	for (const char *a = strstr(nav, LINK); a && a < end; a = strstr(a + 1, LINK)) {
		const char *href = a + strlen(LINK);
		int hlen = (int)strcspn(href, "\"");
		const char *mark = "\" aria-current=\"page\">";
		int current = strncmp(href + hlen, mark, strlen(mark)) == 0;
		len += (size_t)snprintf(out + len, n - len, "%s%.*s%s", len ? "," : "", hlen, href,
		                        current ? "*" : "");
		ck_assert_uint_lt(len, n);
	}
	who_line = strstr(nav, "<span class=\"who\">");
	*who = who_line && who_line < end && strstr(who_line, "action=\"/admin/logout\"") != NULL;
}

/* GET path with b (NULL: a browser without cookies); its bar must be want, with or without who. */
static void expect_bar(struct browser *b, const char *path, const char *want, int want_who)
{
	struct resp r;
	char got[NAV_MAX];
	int who;

	if (b)
		b_get(b, path, &r);
	else
		http_get(path, &r);
	bar(&r, got, sizeof got, &who);
	ck_assert_msg(strcmp(got, want) == 0, "%s: bar %s, not %s", path, got, want);
	ck_assert_msg(who == want_who, "%s: who line %s", path, who ? "shown" : "missing");
	resp_free(&r);
}

#define PUBLIC_BAR(h, c, d, g, m) "/" h ",/children" c ",/donate" d ",/donations" g \
	",/activities,/disclosure/finance,/me" m
/* Managers also open volunteer organisations and the accounts of their volunteers. */
#define MANAGER_BAR(h, p, r, c, v, l, i) \
	"/admin" h ",/admin/pairings" p ",/admin/refunds" r ",/admin/children" c ",/admin/visits" v \
	",/admin/letters" l ",/admin/finance,/admin/offline,/admin/lapsing,/admin/import" i \
	",/admin/payouts,/admin/activities,/admin/pages,/admin/pools,/admin/reports,/admin/disclosure" \
	",/admin/orgs,/admin/staff"

START_TEST(public_bar)
{
	struct browser donor;

	expect_bar(NULL, "/", PUBLIC_BAR("*", "", "", "", ""), 0);
	expect_bar(NULL, "/children", PUBLIC_BAR("", "*", "", "", ""), 0);
	expect_bar(NULL, "/donate", PUBLIC_BAR("", "", "*", "", ""), 0);
	expect_bar(NULL, "/donations", PUBLIC_BAR("", "", "", "*", ""), 0);
	/* An error page has the public bar with nothing current, even under /admin. */
	expect_bar(NULL, "/no-such-page", PUBLIC_BAR("", "", "", "", ""), 0);
	expect_bar(NULL, "/admin/no-such-page", PUBLIC_BAR("", "", "", "", ""), 0);
	browser_init(&donor);
	if (b_signup(&donor, DONOR_LOGIN, DONOR_PW, "nav") != 303)
		ck_assert_int_eq(b_login(&donor, DONOR_LOGIN, DONOR_PW), 303);
	expect_bar(&donor, "/me", PUBLIC_BAR("", "", "", "", "*"), 0);
	expect_bar(&donor, "/children", PUBLIC_BAR("", "*", "", "", ""), 0);
	browser_free(&donor);
}
END_TEST

START_TEST(staff_bars)
{
	static const char *const MANAGERS[] = { "badong", "enshi" };
	struct browser b;

	/* The login page: no links before signing in. */
	expect_bar(NULL, "/admin/login", "", 0);
	ck_assert_int_eq(b_staff(&b, "badong-volunteer"), 303);
	expect_bar(&b, "/admin", "/admin*,/admin/visits,/admin/letters", 1);
	expect_bar(&b, "/admin/visits", "/admin,/admin/visits*,/admin/letters", 1);
	expect_bar(&b, "/admin/letters", "/admin,/admin/visits,/admin/letters*", 1);
	browser_free(&b);
	for (size_t i = 0; i < nitems(MANAGERS); i++) {
		ck_assert_int_eq(b_staff(&b, MANAGERS[i]), 303);
		expect_bar(&b, "/admin", MANAGER_BAR("*", "", "", "", "", "", ""), 1);
		expect_bar(&b, "/admin/pairings", MANAGER_BAR("", "*", "", "", "", "", ""), 1);
		expect_bar(&b, "/admin/refunds", MANAGER_BAR("", "", "*", "", "", "", ""), 1);
		expect_bar(&b, "/admin/children", MANAGER_BAR("", "", "", "*", "", "", ""), 1);
		expect_bar(&b, "/admin/visits", MANAGER_BAR("", "", "", "", "*", "", ""), 1);
		expect_bar(&b, "/admin/letters", MANAGER_BAR("", "", "", "", "", "*", ""), 1);
		expect_bar(&b, "/admin/import", MANAGER_BAR("", "", "", "", "", "", "*"), 1);
		browser_free(&b);
	}
	ck_assert_int_eq(b_staff(&b, "province"), 303);
	expect_bar(&b, "/admin/audit", MANAGER_BAR("", "", "", "", "", "", "")
	           ",/admin/units,/admin/audit*", 1);
	expect_bar(&b, "/admin/units", MANAGER_BAR("", "", "", "", "", "", "")
	           ",/admin/units*,/admin/audit", 1);
	browser_free(&b);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_nav");
	TCase *t = tcase_create("nav");

	tcase_add_test(t, public_bar);
	tcase_add_test(t, staff_bars);
	suite_add_tcase(s, t);
	return s;
}
