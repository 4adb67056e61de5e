/*
 * http_activities.c — themed activities (专题活动): staff open, change and publish them within
 * reach (another city's is not found, a volunteer is refused, a county only for its own county),
 * a draft is not public, a gift through the activity's page counts on it, a pause tells its donors
 * and refuses gifts until it resumes, an ended one takes its closing report once and no gifts, the
 * sweep ends one past its end date, and bad input is refused with nothing written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "client.h"
#include "money.h"
#include "core/actor.h"
#include "core/activities.h"

/* The test's activities all have slugs starting so. */
#define MINE "t-act-%%"
#define ID_OF(slug) "(SELECT id FROM activities WHERE slug = '" slug "')"
#define NEW_FORM "title=Trip&text=A+story&goal_yuan=1000&from=2026-01-01&to=2099-12-31&slug="
#define GUEST_MOBILE "13912345670"
/* A spokesperson's page raising for the test's running activity. */
#define PAGE_CODE "TACT0001"

/*
 * Everything the test made: its gifts (matches first), orders, updates, letters, pools,
 * activities.
 */
static void cleanup(void)
{
	admin_sql_okf("SET @a = (SELECT GROUP_CONCAT(id) FROM activities WHERE slug LIKE '" MINE "');"
	              "DELETE FROM donations WHERE match_of IS NOT NULL AND FIND_IN_SET(activity_id, @a);"
	              "DELETE FROM donations WHERE FIND_IN_SET(activity_id, @a);"
	              "DELETE FROM pay_orders WHERE FIND_IN_SET(activity_id, @a);"
	              "DELETE FROM progress_updates WHERE item_kind = 'activity' AND "
	              "FIND_IN_SET(item_id, @a);"
	              "DELETE FROM outbox WHERE recipient = '" GUEST_MOBILE "';"
	              "DELETE FROM fund_pages WHERE code = '" PAGE_CODE "';"
	              "DELETE FROM match_pools WHERE FIND_IN_SET(activity_id, @a);"
	              "DELETE FROM activities WHERE slug LIKE '" MINE "';");
}

static long post(struct browser *b, const char *path, const char *form)
{
	return b_status(b, path, form, NULL, NULL);
}

/* The page's status; with text, whether it shows it goes to *shown. */
static long page(struct browser *b, const char *path, const char *text, int *shown)
{
	return b_status(b, path, NULL, text, shown);
}

static long long activity_id(const char *slug)
{
	return admin_sql_numf("SELECT COALESCE(MAX(id), 0) FROM activities WHERE slug = '%s'", slug);
}

/* POST to /admin/activities/{slug's id}/what as b. */
static long act(struct browser *b, const char *slug, const char *what, const char *form)
{
	char path[128];

	snprintf(path, sizeof path, "/admin/activities/%lld/%s", activity_id(slug), what);
	return post(b, path, form);
}

START_TEST(staff_by_reach)
{
	struct browser prov, city, county, vol;
	char path[128];
	int shown;

	cleanup();
	ck_assert_int_eq(b_staff(&prov, "province"), 303);
	ck_assert_int_eq(b_staff(&city, "enshi"), 303);
	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	ck_assert_int_eq(b_staff(&vol, "badong-volunteer"), 303);
	/* the county for its own county, named or not; not for another */
	ck_assert_int_eq(post(&county, "/admin/activities", NEW_FORM "t-act-county&region=422823"), 303);
	ck_assert_int_eq(post(&county, "/admin/activities", NEW_FORM "t-act-own"), 303);
	ck_assert_int_eq(admin_sql_num("SELECT region_code FROM activities WHERE slug = 't-act-own'"),
	                 422823);
	ck_assert_int_eq(post(&county, "/admin/activities", NEW_FORM "t-act-far&region=422802"), 403);
	ck_assert_int_eq(post(&county, "/admin/activities", NEW_FORM "t-act-far&region=422800"), 403);
	/* the city for itself and its counties; the province anywhere, or the whole province */
	ck_assert_int_eq(post(&city, "/admin/activities", NEW_FORM "t-act-city&region=422800"), 303);
	ck_assert_int_eq(post(&city, "/admin/activities", NEW_FORM "t-act-far&region=420100"), 403);
	ck_assert_int_eq(post(&prov, "/admin/activities", NEW_FORM "t-act-wuhan&region=420100"), 303);
	ck_assert_int_eq(post(&prov, "/admin/activities", NEW_FORM "t-act-all"), 303);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM activities WHERE slug = 't-act-all' "
	                               "AND region_code IS NULL AND state = 'draft'"), 1);
	/* no volunteer; nothing of the refused was written */
	ck_assert_int_eq(post(&vol, "/admin/activities", NEW_FORM "t-act-far&region=422823"), 403);
	ck_assert_int_eq(page(&vol, "/admin/activities", NULL, NULL), 403);
	ck_assert_int_eq(activity_id("t-act-far"), 0);
	/* another city's, or a city's for its county, is not found; the list shows what is in reach */
	snprintf(path, sizeof path, "/admin/activities/%lld", activity_id("t-act-wuhan"));
	ck_assert_int_eq(page(&city, path, NULL, NULL), 404);
	ck_assert_int_eq(act(&city, "t-act-wuhan", "publish", ""), 404);
	snprintf(path, sizeof path, "/admin/activities/%lld", activity_id("t-act-city"));
	ck_assert_int_eq(page(&county, path, NULL, NULL), 404);
	ck_assert_int_eq(page(&city, path, "t-act-city", &shown), 200);
	ck_assert(shown);
	ck_assert_int_eq(page(&city, "/admin/activities", "t-act-county", &shown), 200);
	ck_assert(shown);
	ck_assert_int_eq(page(&city, "/admin/activities", "t-act-wuhan", &shown), 200);
	ck_assert(!shown);
	/* every change audited */
	ck_assert_int_ge(admin_sql_num("SELECT COUNT(*) FROM audit_log WHERE action = 'activity.create' "
	                               "AND at >= NOW() - INTERVAL 10 MINUTE"), 5);
	browser_free(&prov);
	browser_free(&city);
	browser_free(&county);
	browser_free(&vol);
}
END_TEST

START_TEST(bad_input)
{
	struct browser prov;

	cleanup();
	ck_assert_int_eq(b_staff(&prov, "province"), 303);
	ck_assert_int_eq(post(&prov, "/admin/activities", NEW_FORM "Bad+Slug"), 400);
	ck_assert_int_eq(post(&prov, "/admin/activities", NEW_FORM "-t-act-x"), 400);
	ck_assert_int_eq(post(&prov, "/admin/activities", "title=T&text=S&goal_yuan=1000&from=2027-02-01"
	                      "&to=2027-01-01&slug=t-act-x"), 400);
	ck_assert_int_eq(post(&prov, "/admin/activities", "title=T&text=S&goal_yuan=0&from=2027-01-01"
	                      "&to=2027-02-01&slug=t-act-x"), 400);
	ck_assert_int_eq(post(&prov, "/admin/activities", "title=T&text=S&goal_yuan=1000"
	                      "&from=2027-01-01&slug=t-act-x"), 400);
	ck_assert_int_eq(post(&prov, "/admin/activities", NEW_FORM "t-act-x&region=999999"), 400);
	ck_assert_int_eq(activity_id("t-act-x"), 0);
	/* a slug once */
	ck_assert_int_eq(post(&prov, "/admin/activities", NEW_FORM "t-act-x"), 303);
	ck_assert_int_eq(post(&prov, "/admin/activities", NEW_FORM "t-act-x"), 409);
	/* an end before the start when changed */
	ck_assert_int_eq(act(&prov, "t-act-x", "edit", "text=S&from=2027-02-01&to=2027-01-01&slug=t-act-x"
	                     "&title=T&goal_yuan=1"), 400);
	browser_free(&prov);
}
END_TEST

START_TEST(draft_then_public)
{
	struct browser prov, guest;
	char path[64];
	int shown;

	cleanup();
	ck_assert_int_eq(b_staff(&prov, "province"), 303);
	ck_assert_int_eq(post(&prov, "/admin/activities", NEW_FORM "t-act-pub&filing_no=F-2026-01"), 303);
	ck_assert_int_eq(page(NULL, "/activities/t-act-pub", NULL, NULL), 404);
	snprintf(path, sizeof path, "/admin/activities/%lld", activity_id("t-act-pub"));
	ck_assert_int_eq(page(&prov, path, "F-2026-01", &shown), 200);
	ck_assert(shown);
	ck_assert_int_eq(page(NULL, "/activities", "t-act-pub", &shown), 200);
	ck_assert(!shown);
	browser_init(&guest);
	ck_assert_int_eq(b_give(&guest, "/donate", "/activities/t-act-pub/donate", "amount=100",
	                        NULL), 404);
	browser_free(&guest);
	/* a draft changes whole */
	ck_assert_int_eq(act(&prov, "t-act-pub", "edit", "slug=t-act-pub&title=Renamed&text=Draft+story"
	                     "&goal_yuan=2000&from=2026-01-01&to=2099-12-31&filing_no=F-2026-01"), 303);
	ck_assert_int_eq(act(&prov, "t-act-pub", "publish", ""), 303);
	ck_assert_int_eq(act(&prov, "t-act-pub", "publish", ""), 409);
	ck_assert_int_eq(page(NULL, "/activities/t-act-pub", "Renamed", &shown), 200);
	ck_assert(shown);
	ck_assert_int_eq(page(NULL, "/activities/t-act-pub", "F-2026-01", &shown), 200);
	ck_assert(shown);
	ck_assert_int_eq(page(NULL, "/activities/t-act-pub", "/report?item=activity:t-act-pub", &shown),
	                 200);
	ck_assert(shown);
	ck_assert_int_eq(page(NULL, "/activities", "t-act-pub", &shown), 200);
	ck_assert(shown);
	/* once live: its story and end date change, its title and goal do not */
	ck_assert_int_eq(act(&prov, "t-act-pub", "edit", "slug=t-act-pub&title=Again&text=Live+story"
	                     "&goal_yuan=5&from=2026-01-01&to=2099-11-30"), 303);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM activities WHERE slug = 't-act-pub' AND "
	                               "title = 'Renamed' AND story = 'Live story' AND goal_fen = 200000 "
	                               "AND ends_on = '2099-11-30' AND filing_no IS NULL"), 1);
	browser_free(&prov);
}
END_TEST

/* The activity's page shows what raised_totals hold for it (matches included) and count gifts. */
static void shows_raised(const char *slug, long long gifts)
{
	char money[40], want[64], path[96];
	int shown;

	money_format(admin_sql_numf("SELECT COALESCE(SUM(fen + match_fen), 0) FROM raised_totals "
	                            "WHERE item_kind = 'activity' AND item_id = " ID_OF("%s"), slug),
	             money, sizeof money);
	snprintf(path, sizeof path, "/activities/%s", slug);
	snprintf(want, sizeof want, "<b>¥%s</b>", money);
	ck_assert_int_eq(page(NULL, path, want, &shown), 200);
	ck_assert_msg(shown, "%s does not show %s", path, want);
	snprintf(want, sizeof want, "%lld 人次", gifts);
	ck_assert_int_eq(page(NULL, path, want, &shown), 200);
	ck_assert_msg(shown, "%s does not show %s", path, want);
}

START_TEST(gifts_pause_resume_end)
{
	struct browser prov, guest;
	char order[32], path[64];
	int shown;

	cleanup();
	ck_assert_int_eq(b_staff(&prov, "province"), 303);
	browser_init(&guest);
	ck_assert_int_eq(post(&prov, "/admin/activities", NEW_FORM "t-act-run&region=422800"), 303);
	ck_assert_int_eq(act(&prov, "t-act-run", "publish", ""), 303);
	shows_raised("t-act-run", 0);
	/* the live personal pages raising for it are listed on it */
	admin_sql_okf("INSERT INTO fund_pages (code, kind, spokesperson, person_name, display_name, "
	              "activity_id, title, story, goal_fen, ends_on, state) VALUES ('" PAGE_CODE "', "
	              "'activity', 1, 'Tester', 'Tester', " ID_OF("t-act-run") ", 'Page title', 'S', "
	              "100000, '2099-01-01', 'live')");
	ck_assert_int_eq(page(NULL, "/activities/t-act-run", "/p/" PAGE_CODE, &shown), 200);
	ck_assert(shown);
	/* a gift through its page counts on it at once */
	ck_assert_int_eq(b_give(&guest, "/activities/t-act-run", "/activities/t-act-run/donate",
	                        "amount_other=123.45&mobile=" GUEST_MOBILE, order), 303);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM donations d JOIN pay_orders o ON "
	                                "o.id = d.order_id WHERE o.order_no = '%s' AND d.status = 'paid' "
	                                "AND d.purpose = 'activity' AND d.amount_fen = 12345 AND "
	                                "d.activity_id = " ID_OF("t-act-run"), order), 1);
	shows_raised("t-act-run", 1);
	/* a pool for it, in its window (for pages' gifts only): its line on the page */
	admin_sql_okf("INSERT INTO match_pools (funder, amount_fen, remaining_fen, cap_fen, starts_at, "
	              "ends_at, activity_id, kinds, created_by) SELECT 'T-act pool', 50000, 50000, 100, "
	              "NOW() - INTERVAL 1 DAY, NOW() + INTERVAL 1 DAY, " ID_OF("t-act-run") ", 'page', "
	              "id FROM staff WHERE username = 'province'");
	ck_assert_int_eq(page(NULL, "/activities/t-act-run", "已配捐 ¥0 / ¥500", &shown), 200);
	ck_assert(shown);
	/* paused: its donors told why, no gifts, said on the page */
	ck_assert_int_eq(act(&prov, "t-act-run", "pause", "reason=Checking+the+accounts"), 303);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM outbox WHERE recipient = '" GUEST_MOBILE "' "
	                               "AND body LIKE '%Checking the accounts%'"), 1);
	ck_assert_int_eq(page(NULL, "/activities/t-act-run", "已暂停募捐", &shown), 200);
	ck_assert(shown);
	ck_assert_int_eq(page(NULL, "/activities/t-act-run", "/activities/t-act-run/donate", &shown),
	                 200);
	ck_assert(!shown);
	ck_assert_int_eq(b_give(&guest, "/activities/t-act-run", "/activities/t-act-run/donate",
	                        "amount_other=5", NULL), 409);
	ck_assert_int_eq(act(&prov, "t-act-run", "pause", "reason=again"), 409);
	snprintf(path, sizeof path, "/admin/activities/%lld", activity_id("t-act-run"));
	ck_assert_int_eq(page(&prov, path, "Checking the accounts", &shown), 200);
	ck_assert(shown);
	/* resumed: gifts again */
	ck_assert_int_eq(act(&prov, "t-act-run", "resume", ""), 303);
	ck_assert_int_eq(b_give(&guest, "/activities/t-act-run", "/activities/t-act-run/donate",
	                        "amount_other=10", NULL), 303);
	shows_raised("t-act-run", 2);
	/* the closing report only once it ended, and once */
	ck_assert_int_eq(act(&prov, "t-act-run", "updates", "text=Half+way"), 303);
	ck_assert_int_eq(act(&prov, "t-act-run", "updates", "text=Report&final=1"), 409);
	ck_assert_int_eq(act(&prov, "t-act-run", "end", ""), 303);
	ck_assert_int_eq(act(&prov, "t-act-run", "end", ""), 409);
	ck_assert_int_eq(b_give(&guest, "/activities/t-act-run", "/activities/t-act-run/donate",
	                        "amount_other=5", NULL), 409);
	ck_assert_int_eq(act(&prov, "t-act-run", "updates", "text=The+closing+report&final=1"), 303);
	ck_assert_int_eq(act(&prov, "t-act-run", "updates", "text=Another&final=1"), 409);
	ck_assert_int_eq(page(NULL, "/activities/t-act-run", "结项报告", &shown), 200);
	ck_assert(shown);
	ck_assert_int_eq(page(NULL, "/activities/t-act-run", "The closing report", &shown), 200);
	ck_assert(shown);
	ck_assert_int_eq(page(NULL, "/activities/t-act-run", "Half way", &shown), 200);
	ck_assert(shown);
	ck_assert_int_eq(page(&prov, path, "The closing report", &shown), 200);
	ck_assert(shown);
	ck_assert_int_eq(act(&prov, "t-act-run", "edit", "text=Late&to=2099-01-01"), 409);
	browser_free(&guest);
	browser_free(&prov);
}
END_TEST

/* The activities' part of the sweep, as sweep_with runs one. */
static int activities_swept(struct db *db, const struct config *cfg, const struct actor *a,
                            struct err *e)
{
	(void)cfg;
	return activities_sweep(db, a, e);
}

START_TEST(sweep_ends_expired)
{
	cleanup();
	admin_sql_okf("INSERT INTO activities (slug, title, story, goal_fen, starts_on, ends_on, state, "
	              "created_by) SELECT 't-act-old', 'Old', 'S', 100, CURDATE() - INTERVAL 9 DAY, "
	              "CURDATE() - INTERVAL 1 DAY, 'paused', id FROM staff WHERE username = 'province';"
	              "INSERT INTO activities (slug, title, story, goal_fen, starts_on, ends_on, state, "
	              "created_by) SELECT 't-act-today', 'Today', 'S', 100, CURDATE() - INTERVAL 9 DAY, "
	              "CURDATE(), 'live', id FROM staff WHERE username = 'province'");
	ck_assert_int_eq(sweep_with(activities_swept), 0);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM activities WHERE slug = 't-act-old' "
	                               "AND state = 'ended'"), 1);
	/* its last day is still its own */
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM activities WHERE slug = 't-act-today' "
	                               "AND state = 'live'"), 1);
	ck_assert_int_ge(admin_sql_num("SELECT COUNT(*) FROM audit_log WHERE object_type = 'activity' "
	                               "AND object_id = " ID_OF("t-act-old")), 1);
	cleanup();
}
END_TEST

/* The demo's: the 六一 study trip live with updates and gifts, an ended one with its report. */
START_TEST(demo_activities)
{
	int shown;

	ck_assert_int_eq(page(NULL, "/activities/liuyi-yanxue", "六一研学", &shown), 200);
	ck_assert(shown);
	ck_assert_int_eq(page(NULL, "/activities/chunjie-wennuan", "结项报告", &shown), 200);
	ck_assert(shown);
	ck_assert_int_eq(page(NULL, "/activities/shujia-peiban", NULL, NULL), 404);
	ck_assert_int_ge(admin_sql_num("SELECT COUNT(*) FROM donations WHERE activity_id = "
	                               ID_OF("liuyi-yanxue")), 5);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("activities");
	TCase *t = tcase_create("activities");

	tcase_set_timeout(t, 120);
	tcase_add_test(t, staff_by_reach);
	tcase_add_test(t, bad_input);
	tcase_add_test(t, draft_then_public);
	tcase_add_test(t, gifts_pause_resume_end);
	tcase_add_test(t, sweep_ends_expired);
	tcase_add_test(t, demo_activities);
	tcase_add_unchecked_fixture(t, NULL, cleanup);
	suite_add_tcase(s, t);
	return s;
}
