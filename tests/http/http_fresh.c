/* http_fresh.c — pages cached per region: a change shows at once where it shows, only there. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "client.h"

/* A child of 巴东县 (恩施州), found first on the narrow listings below (fixtures wait longest). */
static const struct fixture_child KID = {
	"CF00000001", "新鲜测试小华", "m", "2015-03-04", "422823", "ill",
	"（虚构）缓存分区测试用的故事。",
	"waiting", 1, "虚构·分区真名", "422823201503049992", "虚构监护人 13900000002",
};
/* A child of 武汉 (江岸区), first on the narrow 武汉 listing below. */
static const struct fixture_child WUHAN_KID = {
	"CF00000002", "新鲜测试小武", "m", "2015-03-04", "420102", "ill",
	"（虚构）缓存分区测试用的故事。", "waiting", 1, "虚构·分区真名", "420102201503049993",
	"虚构监护人 13900000003",
};
#define CODE      "CF00000001"
#define COUNTY    "/children?county=422823&birth_month=3&gender=m"
#define CITY      "/children?city=422800&birth_month=3&gender=m"
#define ALL       "/children"
#define PAGE      "/children/" CODE
/* Another city's listing: 武汉, a city the changes above are not in. */
#define WUHAN     "/children?city=420100&birth_month=3&gender=m"
/* Both cities' whole listings, for their counts. */
#define WUHAN_ALL "/children?city=420100"
#define ENSHI_ALL "/children?city=422800"
#define WUHAN_GEN "SELECT SUM(gen) FROM children_generation WHERE city_code = '420100'"
#define WITHDRAW  "UPDATE children SET consent_publish = 0 WHERE code = '" CODE "';"

/* What four requests for one path saw: status, whether the child was in it, and a count. */
struct seen {
	const char *path;
	long long (*count)(const struct resp *r);
	long        status[4];
	int         has[4];
	long long   n[4];
};

static void *ask(void *arg)
{
	struct seen *s = arg;

	for (int i = 0; i < 4; i++) {
		struct resp r;

		ck_assert_int_eq(http_get(s->path, &r), 0);
		s->status[i] = r.status;
		s->has[i] = body_has(&r, CODE);
		s->n[i] = r.status == 200 && s->count ? s->count(&r) : -1;
		resp_free(&r);
	}
	return NULL;
}

/*
 * Sixteen requests for path, four at a time, so that each of the app's workers answers some:
 * before a change they leave the page cached in every worker, after it they are every worker's
 * next request. Each is a 200.
 */
static void ask_all(const char *path, long long (*count)(const struct resp *), struct seen s[4])
{
	pthread_t t[4];

	for (int i = 0; i < 4; i++) {
		memset(&s[i], 0, sizeof s[i]);
		s[i].path = path;
		s[i].count = count;
		pthread_create(&t[i], NULL, ask, &s[i]);
	}
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < 16; i++)
		ck_assert_msg(s[i / 4].status[i % 4] == 200, "%s: %ld", path,
		              s[i / 4].status[i % 4]);
}

/* Whether every one of the sixteen requests for path showed the child (want 1) or not (want 0). */
static void child_shown(const char *path, int want)
{
	struct seen s[4];

	ask_all(path, NULL, s);
	for (int i = 0; i < 16; i++)
		ck_assert_msg(s[i / 4].has[i % 4] == want, "%s: request %d %s the child", path, i,
		              want ? "did not show" : "still showed");
}

static long long found(const struct resp *r)
{
	return listing_found(r);
}

/* The home page's 等待结对 figure. */
static long long waiting(const struct resp *r)
{
	const char *end = strstr(r->body, "</b><span>等待结对");

	if (!end)
		return -1;
	while (end > r->body && end[-1] >= '0' && end[-1] <= '9')
		end--;
	return strtoll(end, NULL, 10);
}

/* What count finds on path, the same in all sixteen answers (-1 if not). */
static long long count_by_all(const char *path, long long (*count)(const struct resp *))
{
	struct seen s[4];

	ask_all(path, count, s);
	for (int i = 1; i < 16; i++)
		if (s[i / 4].n[i % 4] != s[0].n[0])
			return -1;
	return s[0].n[0];
}

/* The child's page, four at a time: every answer has status and, if text, the text. */
static void page_is(long status, const char *text)
{
	for (int i = 0; i < 8; i++) {
		struct resp r;

		ck_assert_int_eq(http_get(PAGE, &r), 0);
		ck_assert_msg(r.status == status, "%s: %ld, not %ld", PAGE, r.status, status);
		ck_assert_msg(!text || body_has(&r, text), "%s lacks %s", PAGE, text);
		resp_free(&r);
	}
}

/* The child listed, and every page that shows it cached in every worker; the counts before. */
static void warm(long long *all, long long *home)
{
	fixture_delete(CODE);
	ck_assert_int_eq(fixture_insert(&KID), 0);
	child_shown(COUNTY, 1);
	child_shown(CITY, 1);
	*all = count_by_all(ALL, found);
	ck_assert_int_gt(*all, 0);
	*home = count_by_all("/", waiting);
	ck_assert_int_gt(*home, 0);
	page_is(200, "status-waiting");
	page_is(200, "status-waiting");
}

/* The child gone from every listing, on every worker's next request; one fewer waiting. */
static void gone_everywhere(long long all, long long home)
{
	child_shown(COUNTY, 0);
	child_shown(CITY, 0);
	ck_assert_int_eq(count_by_all(ALL, found), all - 1);
	ck_assert_int_eq(count_by_all("/", waiting), home - 1);
}

START_TEST(withdrawn_consent_shows_on_every_page_at_once)
{
	long long all, home;

	warm(&all, &home);
	ck_assert_int_eq(admin_sql(WITHDRAW, NULL), 0);
	page_is(404, "不再公开");
	gone_everywhere(all, home);
	fixture_delete(CODE);
}
END_TEST

/* A new verified donor, with a login of this run's own (codes sent to a login are limited). */
static void donor(struct browser *b, char *login, size_t n)
{
	char sql[256];

	snprintf(login, n, "fresh-%ld-%d@example.com", (long)time(NULL), (int)getpid());
	browser_init(b);
	ck_assert_int_eq(b_signup(b, login, "fresh-test-pw", "新鲜测试"), 303);
	ck_assert_int_eq(b_verify(b, login), 303);
	snprintf(sql, sizeof sql, "DELETE FROM outbox WHERE recipient = '%s';", login);
	admin_sql(sql, NULL);
}

START_TEST(new_hold_shows_on_every_page_at_once)
{
	struct browser b;
	struct resp r;
	char login[64], sql[128];
	long long all, home;

	donor(&b, login, sizeof login);
	warm(&all, &home);
	ck_assert_int_eq(b_get(&b, "/sponsor/" CODE, &r), 0);
	resp_free(&r);
	ck_assert_int_eq(b_post(&b, "/children/" CODE "/hold", "", &r), 0);
	ck_assert_int_eq(r.status, 303);
	resp_free(&r);
	page_is(200, "status-held");
	gone_everywhere(all, home);
	browser_free(&b);
	fixture_delete(CODE);
	snprintf(sql, sizeof sql, "DELETE FROM donors WHERE login = '%s';", login);
	ck_assert_int_eq(admin_sql(sql, NULL), 0);
}
END_TEST

/*
 * A change in 巴东县 leaves the 武汉 listing cached: a 武汉 child renamed behind the triggers' back
 * (as only a bulk writer may, @bulk_write) stays unseen after it, where one stamp for everything
 * showed the rename on the next request.
 */
START_TEST(a_change_in_one_city_leaves_another_cached)
{
	struct resp r;
	long long gen;

	fixture_delete(CODE);
	fixture_delete(WUHAN_KID.code);
	ck_assert_int_eq(fixture_insert(&KID), 0);
	ck_assert_int_eq(fixture_insert(&WUHAN_KID), 0);
	child_shown(WUHAN, 0);
	ck_assert_int_eq(http_get(WUHAN, &r), 0);
	ck_assert_msg(body_has(&r, WUHAN_KID.alias), "the 武汉 child is not listed to begin with");
	resp_free(&r);
	gen = admin_sql_num(WUHAN_GEN);
	ck_assert_int_eq(admin_sql("SET @bulk_write = 1; UPDATE children SET alias = '分区改名' "
	                           "WHERE code = 'CF00000002'; SET @bulk_write = NULL;", NULL), 0);
	ck_assert_int_eq(admin_sql(WITHDRAW, NULL), 0);
	ck_assert_int_eq(admin_sql_num(WUHAN_GEN), gen);
	child_shown(COUNTY, 0);
	ck_assert_int_eq(http_get(WUHAN, &r), 0);
	ck_assert_msg(body_has(&r, WUHAN_KID.alias) && !body_has(&r, "分区改名"),
	              "巴东县's change threw the 武汉 listing away");
	resp_free(&r);
	/* the ordinary way, a change to the 武汉 child moves 武汉's generation */
	fixture_delete(WUHAN_KID.code);
	ck_assert_int_gt(admin_sql_num(WUHAN_GEN), gen);
	fixture_delete(CODE);
}
END_TEST

/*
 * A bulk writer (the ledger import) stands the children triggers aside and bumps content_generation
 * once, under @bulk_write: that one bump moves every city, so what it wrote shows at once.
 */
START_TEST(a_bulk_write_shows_in_every_city_at_once)
{
	struct resp r;

	fixture_delete(WUHAN_KID.code);
	ck_assert_int_eq(fixture_insert(&WUHAN_KID), 0);
	child_shown(WUHAN, 0);
	ck_assert_int_eq(admin_sql("SET @bulk_write = 1; UPDATE children SET alias = '分区批量' "
	                           "WHERE code = 'CF00000002'; UPDATE content_generation "
	                           "SET gen = gen + 1 WHERE id = 1; SET @bulk_write = NULL;",
	                           NULL), 0);
	for (int i = 0; i < 8; i++) {
		ck_assert_int_eq(http_get(WUHAN, &r), 0);
		ck_assert_msg(body_has(&r, "分区批量"), "the bulk write is not on the 武汉 page");
		resp_free(&r);
	}
	fixture_delete(WUHAN_KID.code);
}
END_TEST

/* A child moved from 巴东县 to 武汉 (a staff edit) leaves one listing, joins the other at once. */
START_TEST(a_child_moved_shows_in_both_cities_at_once)
{
	long long wuhan, enshi;

	fixture_delete(CODE);
	ck_assert_int_eq(fixture_insert(&KID), 0);
	wuhan = count_by_all(WUHAN_ALL, found);
	enshi = count_by_all(ENSHI_ALL, found);
	ck_assert_int_ge(wuhan, 0);
	ck_assert_int_gt(enshi, 0);
	page_is(200, "巴东");
	ck_assert_int_eq(admin_sql("UPDATE children SET county_code = '420102', "
	                           "city_code = '420100' WHERE code = '" CODE "';", NULL), 0);
	ck_assert_int_eq(count_by_all(WUHAN_ALL, found), wuhan + 1);
	ck_assert_int_eq(count_by_all(ENSHI_ALL, found), enshi - 1);
	page_is(200, "江岸");
	fixture_delete(CODE);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_fresh");
	TCase *t = tcase_create("fresh");

	tcase_add_test(t, withdrawn_consent_shows_on_every_page_at_once);
	tcase_add_test(t, new_hold_shows_on_every_page_at_once);
	tcase_add_test(t, a_change_in_one_city_leaves_another_cached);
	tcase_add_test(t, a_bulk_write_shows_in_every_city_at_once);
	tcase_add_test(t, a_child_moved_shows_in_both_cities_at_once);
	suite_add_tcase(s, t);
	return s;
}
