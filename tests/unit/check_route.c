/* check_route.c — path patterns and the dispatch table: parameters, exact match, 404 vs 405. */
#include <string.h>

#include "check_main.h"
#include "cmd.h"
#include "route.h"
#include "util.h"

/* Room for a path as the log shows it. */
#define LOGGED_MAX 128

struct rcase {
	const char *pattern, *path;
	int match;
	const char *param;   /* expected first captured value, if any */
};

static const struct rcase CASES[] = {
	{ "/", "/", 1, NULL },
	{ "/children", "/children", 1, NULL },
	{ "/children", "/children/", 0, NULL },
	{ "/children", "/childrenx", 0, NULL },
	{ "/children/{code}", "/children/AB12CD34EF", 1, "AB12CD34EF" },
	{ "/children/{code}", "/children/", 0, NULL },
	{ "/children/{code}", "/children/a/b", 0, NULL },
	{ "/children/{code}/hold", "/children/X1/hold", 1, "X1" },
	{ "/children/{code}/hold", "/children/X1/holdx", 0, NULL },
	{ "/", "/children", 0, NULL },
	{ "/a/{x}", "/a/../etc", 0, NULL },
};

START_TEST(matches_patterns)
{
	const struct rcase *c = &CASES[_i];
	struct route_params rp;

	ck_assert_msg(route_match(c->pattern, c->path, &rp) == c->match, "%s vs %s", c->pattern,
	              c->path);
	if (c->match && c->param) {
		ck_assert_int_eq(rp.n, 1);
		ck_assert_str_eq(rp.name[0], strchr(c->pattern, '{') ? "code" : "");
		ck_assert_str_eq(rp.value[0], c->param);
	}
}
END_TEST

START_TEST(refuses_overlong_parameter)
{
	struct route_params rp;
	char path[ROUTE_MAX_VALUE + 32] = "/children/";

	memset(path + 10, 'A', ROUTE_MAX_VALUE);
	path[10 + ROUTE_MAX_VALUE] = '\0';
	ck_assert_int_eq(route_match("/children/{code}", path, &rp), 0);
}
END_TEST

START_TEST(dispatches_by_method_and_path)
{
	struct route_params rp;
	enum cmd_miss why;
	const struct cmd *c;

	c = cmd_find("GET", "/children/AB12CD34EF", 1, &rp, &why);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->pattern, "/children/{child}");
	ck_assert_int_eq(why, CMD_FOUND);
	ck_assert_ptr_nonnull(cmd_find("HEAD", "/", 1, &rp, &why));
	ck_assert_ptr_null(cmd_find("POST", "/children", 1, &rp, &why));
	ck_assert_int_eq(why, CMD_NO_METHOD);
	ck_assert_ptr_null(cmd_find("GET", "/nowhere", 1, &rp, &why));
	ck_assert_int_eq(why, CMD_NO_PATH);
}
END_TEST

/* The sandbox's pages exist on demo sites only: elsewhere they are unknown paths, 404 not 405. */
START_TEST(sandbox_pages_on_demo_sites_only)
{
	static const char *const PAGES[][2] = {
		{ "GET", "/pay/sandbox/T20240101000000001" },
		{ "HEAD", "/pay/sandbox/T20240101000000001" },
		{ "POST", "/pay/sandbox/T20240101000000001/pay" },
		{ "POST", "/pay/sandbox/T20240101000000001/cancel" },
	};
	struct route_params rp;
	enum cmd_miss why;
	int demo_routes = 0;

	for (size_t i = 0; i < nitems(PAGES); i++) {
		ck_assert_ptr_nonnull(cmd_find(PAGES[i][0], PAGES[i][1], 1, &rp, &why));
		ck_assert_ptr_null(cmd_find(PAGES[i][0], PAGES[i][1], 0, &rp, &why));
		ck_assert_int_eq(why, CMD_NO_PATH);
		ck_assert_ptr_null(cmd_find("PUT", PAGES[i][1], 0, &rp, &why));
		ck_assert_int_eq(why, CMD_NO_PATH);
	}
	/* Those and no other: a real site keeps everything else, the shared payment pages too. */
	for (const struct cmd *c = CMDS; c->method; c++) {
		int sandbox = strncmp(c->pattern, "/pay/sandbox/", 13) == 0;
		ck_assert_msg(sandbox == ((c->flags & CMD_DEMO) != 0), "%s %s", c->method,
		              c->pattern);
		demo_routes += sandbox;
	}
	ck_assert_int_eq(demo_routes, 3);
	ck_assert_ptr_nonnull(cmd_find("POST", "/pay/notify/sandbox", 0, &rp, &why));
	ck_assert_ptr_nonnull(cmd_find("GET", "/pay/return/T20240101000000001", 0, &rp, &why));
	/* WeChat Pay's cashier is a real site's page. */
	ck_assert_ptr_nonnull(cmd_find("GET", "/pay/wechat/T20240101000000001", 0, &rp, &why));
	ck_assert_ptr_nonnull(cmd_find("GET", "/pay/wechat/T20240101000000001/qr.svg", 0, &rp,
	                               &why));
}
END_TEST

/* Every route's path parameters must have a validator, or requests to it would fail at the door. */
START_TEST(every_route_parameter_has_a_validator)
{
	for (const struct cmd *c = CMDS; c->method; c++) {
		const char *p = c->pattern;
		while ((p = strchr(p, '{'))) {
			const char *end = strchr(p, '}');
			int found = 0;
			for (int k = 0; k < K__MAX; k++)
				found |= strlen(KEYS[k].name) == (size_t)(end - p - 1) &&
				         strncmp(KEYS[k].name, p + 1, (size_t)(end - p - 1)) == 0;
			ck_assert_msg(found, "no validator for a parameter of %s", c->pattern);
			p = end;
		}
	}
}
END_TEST

/*
 * A secret path parameter, and all after it, is left out of the log; other paths are logged as they
 * are.
 */
static const struct { const char *in, *out; } LOGGED[] = {
	{ "/reset/0123456789abcdef", "/reset/…" },
	{ "/reset/abc/def", "/reset/…" },
	{ "/reset", "/reset" },
	{ "/reset/", "/reset/" },
	{ "/children/TSX0000001", "/children/TSX0000001" },
	{ "/admin/import/0123", "/admin/import/0123" },
};

START_TEST(secret_path_parameters_are_not_logged)
{
	char out[LOGGED_MAX];

	cmd_log_path(LOGGED[_i].in, out, sizeof out);
	ck_assert_str_eq(out, LOGGED[_i].out);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("route");
	TCase *t = tcase_create("route");

	tcase_add_loop_test(t, matches_patterns, 0, nitems(CASES));
	tcase_add_test(t, refuses_overlong_parameter);
	tcase_add_test(t, dispatches_by_method_and_path);
	tcase_add_test(t, sandbox_pages_on_demo_sites_only);
	tcase_add_test(t, every_route_parameter_has_a_validator);
	tcase_add_loop_test(t, secret_path_parameters_are_not_logged, 0, nitems(LOGGED));
	suite_add_tcase(s, t);
	return s;
}
