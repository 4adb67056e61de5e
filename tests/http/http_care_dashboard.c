/*
 * http_care_dashboard.c — the care after pairing on /admin: children due a visit, visits and
 * letters waiting, for a county and by county for the city and the province; the volunteer's own
 * list, due ones first; the visits export (BOM, no personal data, scope).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "client.h"

#define STORY   "（虚构）探访看板测试用的故事。"
#define DUE_NEVER "TD00000001"   /* paired long ago, never visited: due */
#define DUE_OLD   "TD00000002"   /* last visited 200 days ago: due */
#define SEEN_NOW  "TD00000003"   /* visited 10 days ago: not due; a visit waits for review */
#define WAITING   "TD00000004"   /* assigned, not paired */
#define WUHAN     "TD00000005"   /* 武昌区: out of 恩施州's scope */
#define SUMMARY   "（虚构）看板测试的反馈，不应出现在导出中。"
#define VOLUNTEER "(SELECT id FROM staff WHERE username = 'badong-volunteer')"
#define BOM       "\xEF\xBB\xBF"

static const char *const KIDS[] = { DUE_NEVER, DUE_OLD, SEEN_NOW, WAITING, WUHAN };

static void child(const char *code, const char *county)
{
	char id[32];
	struct fixture_child ch = {
		code, "测试·看板", "f", "2012-02-03", county, "ill", STORY, "waiting", 1,
		"虚构·看板真名", id, "虚构监护人 13900000004",
	};

	snprintf(id, sizeof id, "HCD-%s", code);
	fixture_delete(code);
	ck_assert_msg(fixture_insert(&ch) == 0, "fixture %s not inserted", code);
}

/* The day n days ago, as YYYY-MM-DD. */
static const char *days_ago(int n, char out[24])
{
	time_t t = time(NULL) - (time_t)n * 86400;
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 24, "%Y-%m-%d", &tm);
	return out;
}

static long long donor_id(void)
{
	admin_sql("INSERT IGNORE INTO donors (login, login_kind, pw_hash, display_name, agreed_at) "
	          "VALUES ('care-dashboard@example.com', 'email', 'x', '看板测试', NOW())", NULL);
	return admin_sql_num("SELECT id FROM donors WHERE login = 'care-dashboard@example.com'");
}

/* The figures a staff member's /admin shows: due, visits to review, letters to review, to hand over. */
struct figures {
	long long due, visits, pending, approved, county_due;
};

static void dashboard(const char *staff, struct figures *f, struct resp *keep)
{
	struct browser b;
	struct resp r;
	long long row[2];

	ck_assert_int_eq(b_staff(&b, staff), 303);
	ck_assert_int_eq(b_get(&b, "/admin", &r), 0);
	ck_assert_int_eq(r.status, 200);
	f->due = resp_figure(&r, "</b><span>超过 90 天未探访");
	f->visits = resp_figure(&r, "</a></b><span id=\"s-visits\">待审核探访");
	f->pending = resp_figure(&r, "</a></b><span id=\"s-letters-pending\">待审核信件");
	f->approved = resp_figure(&r, "</a></b><span id=\"s-letters-approved\">待转交信件");
	/* By county (a city's, the province's): 巴东县's row under the care heading. */
	/* paired, then due */
	f->county_due = row_figures(&r, "探访与书信", "巴东县", row, 2) == 2 ? row[1] : -1;
	if (keep)
		*keep = r;
	else
		resp_free(&r);
	browser_free(&b);
}

static void letter(const char *code, long long sid, const char *state)
{
	ck_assert_int_eq(admin_sql_numf(
	        "INSERT INTO letters (sponsorship_id, child_id, direction, state, body, form_key, "
	        "reviewed_at) VALUES (%lld, (SELECT id FROM children WHERE code = '%s'), 'to_child', "
	        "'%s', X'00', RANDOM_BYTES(16), IF('%s' = 'pending', NULL, NOW())); SELECT 1",
	        sid, code, state, state), 1);
}

/* Everything the tests look at, made afresh; the figures before it, in before[]. */
static void care_fixtures(void)
{
	long long d = donor_id(), sid;
	char day[24];

	child(DUE_NEVER, "422823");
	child(DUE_OLD, "422823");
	child(SEEN_NOW, "422823");
	child(WAITING, "422823");
	child(WUHAN, "420106");
	fixture_pair(DUE_NEVER, d, "2001-01-01");
	sid = fixture_pair(DUE_OLD, d, "2001-01-02");
	fixture_visit(DUE_OLD, sid, "badong", "approved", days_ago(200, day), "home", "life", 0,
	              SUMMARY, 3600);
	sid = fixture_pair(SEEN_NOW, d, "2001-01-03");
	fixture_visit(SEEN_NOW, sid, "badong", "approved", days_ago(10, day), "home", "life", 0,
	              SUMMARY, 3600);
	fixture_visit(SEEN_NOW, sid, "badong-volunteer", "submitted", days_ago(1, day), "phone",
	              "family,special", 2500, SUMMARY, 0);
	letter(SEEN_NOW, sid, "pending");
	letter(SEEN_NOW, sid, "approved");
	sid = fixture_pair(WUHAN, d, "2001-01-04");
	fixture_visit(WUHAN, sid, "province", "submitted", days_ago(1, day), "home", "life", 0,
	              SUMMARY, 0);
	admin_sql("INSERT IGNORE INTO volunteer_children (staff_id, child_id) SELECT " VOLUNTEER
	          ", id FROM children WHERE code IN ('" DUE_NEVER "', '" SEEN_NOW "', '" WAITING
	          "')", NULL);
}

static void remove_fixtures(void)
{
	for (size_t i = 0; i < sizeof KIDS / sizeof KIDS[0]; i++)
		fixture_delete(KIDS[i]);
}

/* A county's, a city's and the province's figures move by what was added in their scope. */
START_TEST(figures_count_what_waits_in_scope)
{
	static const char *const STAFF[] = { "badong", "enshi", "province" };
	struct figures before[3], after[3];
	struct resp r;

	remove_fixtures();
	for (int i = 0; i < 3; i++)
		dashboard(STAFF[i], &before[i], NULL);
	care_fixtures();
	for (int i = 0; i < 3; i++) {
		dashboard(STAFF[i], &after[i], NULL);
		ck_assert_msg(after[i].due - before[i].due == 2 + (i == 2), "%s: due", STAFF[i]);
		ck_assert_msg(after[i].visits - before[i].visits == 1 + (i == 2), "%s: visits",
		              STAFF[i]);
		ck_assert_msg(after[i].pending - before[i].pending == 1, "%s: letters", STAFF[i]);
		ck_assert_msg(after[i].approved - before[i].approved == 1, "%s: to hand over",
		              STAFF[i]);
	}
	/* Above a county, by county. */
	ck_assert_int_eq(before[0].county_due, -1);
	ck_assert_int_eq(after[1].county_due - before[1].county_due, 2);
	ck_assert_int_eq(after[2].county_due - before[2].county_due, 2);
	/* A county's list: the oldest unseen first, with its volunteer; the volunteers with most. */
	dashboard("badong", &after[0], &r);
	ck_assert_msg(strstr(r.body, DUE_NEVER) && strstr(r.body, DUE_OLD) &&
	              strstr(r.body, DUE_NEVER) < strstr(r.body, DUE_OLD), "badong: the due list");
	ck_assert_msg(!body_has(&r, SEEN_NOW), "badong: a child seen 10 days ago is due");
	ck_assert_msg(body_has(&r, "从未（2001-01-01 结对）"), "badong: never visited");
	ck_assert_msg(body_has(&r, "需探访孩子最多的志愿者") && body_has(&r, "badong-volunteer"),
	              "badong: the volunteers");
	resp_free(&r);
}
END_TEST

/* The volunteer's own children: due first, the last visit, the visit form's link. */
START_TEST(volunteer_sees_own_children_due_first)
{
	struct browser b;
	struct resp r;
	const char *never, *seen, *waiting;

	remove_fixtures();
	care_fixtures();
	ck_assert_int_eq(b_staff(&b, "badong-volunteer"), 303);
	ck_assert_int_eq(b_get(&b, "/admin", &r), 0);
	ck_assert_int_eq(r.status, 200);
	never = strstr(r.body, DUE_NEVER);
	seen = strstr(r.body, SEEN_NOW);
	waiting = strstr(r.body, WAITING);
	ck_assert_msg(never && seen && waiting && never < seen, "the volunteer's list, due first");
	ck_assert_msg(strstr(never, "需探访") && strstr(never, "需探访") < seen,
	              "a child never visited is not marked due");
	ck_assert_msg(!strstr(seen, "需探访"), "a child seen 10 days ago is marked due");
	ck_assert_msg(body_has(&r, "/admin/visits/new?child=" DUE_NEVER), "the visit form's link");
	ck_assert_msg(!body_has(&r, "/admin/visits/new?child=" WAITING), "a form for an unpaired child");
	ck_assert_msg(!body_has(&r, DUE_OLD), "a child not assigned is on the volunteer's list");
	resp_free(&r);
	browser_free(&b);
}
END_TEST

/* The export: a BOM, the visits in scope, no summary and no personal field; dates filter. */
START_TEST(visits_export_has_no_personal_data_and_keeps_scope)
{
	struct browser b;
	struct resp r;
	char path[96], day[24];

	remove_fixtures();
	care_fixtures();
	ck_assert_int_eq(b_staff(&b, "enshi"), 303);
	ck_assert_int_eq(b_get(&b, "/admin/export/visits.csv", &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_msg(strncmp(r.body, BOM "\"探访编号\",\"孩子编号\"", strlen(BOM) + 28) == 0,
	              "the BOM and the header: %.60s", r.body);
	ck_assert_msg(body_has(&r, SEEN_NOW "\",\"恩施州巴东县\"") &&
	              body_has(&r, "\"电话回访\",\"家庭关爱、特别关爱\",\"待审核\",\"25\","), "the submitted visit: %.200s",
	              strstr(r.body, SEEN_NOW) ? strstr(r.body, SEEN_NOW) : "none");
	ck_assert_msg(!body_has(&r, WUHAN), "a visit out of scope");
	ck_assert_msg(!body_has(&r, "看板测试的反馈") && !body_has(&r, "虚构·看板真名") &&
	              !body_has(&r, "13900000004"), "personal data in the export");
	resp_free(&r);
	snprintf(path, sizeof path, "/admin/export/visits.csv?from=%s", days_ago(5, day));
	ck_assert_int_eq(b_get(&b, path, &r), 0);
	ck_assert_msg(body_has(&r, SEEN_NOW) && !body_has(&r, DUE_OLD), "the date filter");
	resp_free(&r);
	browser_free(&b);
	ck_assert_int_eq(b_staff(&b, "province"), 303);
	ck_assert_int_eq(b_get(&b, "/admin/export/visits.csv", &r), 0);
	ck_assert_msg(body_has(&r, WUHAN), "the province's export lacks 武昌区");
	resp_free(&r);
	browser_free(&b);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_care_dashboard");
	TCase *t = tcase_create("care_dashboard");

	tcase_set_timeout(t, 120);
	tcase_add_unchecked_fixture(t, NULL, remove_fixtures);
	tcase_add_test(t, figures_count_what_waits_in_scope);
	tcase_add_test(t, volunteer_sees_own_children_due_first);
	tcase_add_test(t, visits_export_has_no_personal_data_and_keeps_scope);
	suite_add_tcase(s, t);
	return s;
}
