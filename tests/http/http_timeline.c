/*
 * http_timeline.c — what a sponsor sees of the care after pairing on /me: approved visits only,
 * newest first, this year's count, confirmed photos only, the letters' page; another donor sees
 * nothing of them. And the daily digest: one message a day however many approvals and sweeps.
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "client.h"
#include "config.h"
#include "core/actor.h"
#include "core/care.h"
#include "db.h"

#define PW      "timeline-test-pw"
#define STORY   "（虚构）探访时间线测试用的故事。"
#define KID     "TT00000001"
#define KID_B   "TT00000002"
#define KID_C   "TT00000003"
#define PHOTO_OK  "0123456789abcdef0123456789abcdef"
#define PHOTO_NOT "fedcba9876543210fedcba9876543210"
#define SWEEPS  4   /* sweeps racing for one donor's digest */

static void child(const char *code)
{
	char id[32];
	struct fixture_child ch = {
		code, "测试·时间线", "m", "2013-06-07", "422823", "ill", STORY, "waiting", 1,
		"虚构·时间线真名", id, "虚构监护人 13900000003",
	};

	snprintf(id, sizeof id, "HTL-%s", code);
	fixture_delete(code);
	ck_assert_msg(fixture_insert(&ch) == 0, "fixture %s not inserted", code);
}

/* A new signed-up donor in browser b; their id, and their login into login. */
static long long donor(struct browser *b, char login[96])
{
	static int k;

	snprintf(login, 96, "htl-%ld-%d-%d@example.com", (long)time(NULL), (int)getpid(), k++);
	browser_init(b);
	ck_assert_msg(b_signup(b, login, PW, "时间线测试") == 303, "signup of %s failed", login);
	return admin_sql_numf("SELECT id FROM donors WHERE login = '%s'", login);
}

static void me(struct browser *b, struct resp *r)
{
	ck_assert_int_eq(b_get(b, "/me", r), 0);
	ck_assert_msg(r->status == 200, "/me: %ld", r->status);
}

static int year_now(void)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	return tm.tm_year + 1900;
}

START_TEST(timeline_shows_approved_visits_newest_first_with_confirmed_photos)
{
	struct browser b;
	struct resp r;
	char login[96], day[24], letters[64];
	long long sid, v;
	const char *older, *newer;

	child(KID);
	sid = fixture_pair(KID, donor(&b, login), "2023-03-01");
	snprintf(day, sizeof day, "%d-01-01", year_now());
	fixture_visit(KID, sid, "badong-volunteer", "approved", "2023-05-01", "home", "life,education",
	              0, "（虚构）甲：孩子在读三年级，成绩不错。", 60);
	v = fixture_visit(KID, sid, "badong-volunteer", "approved", day, "school", "education",
	                  1550, "（虚构）乙：在学校见到孩子，送去了文具。", 60);
	fixture_visit(KID, sid, "badong-volunteer", "submitted", day, "phone", "family", 0,
	              "（虚构）丙：还在审核的探访。", 0);
	fixture_visit(KID, sid, "badong-volunteer", "draft", day, "phone", "family", 0,
	              "（虚构）丁：草稿。", 0);
	ck_assert_int_eq(admin_sql_numf(
	        "INSERT INTO photos (name, child_id, visit_id, slot, mime, width, height, bytes, "
	        "uploaded_by, confirmed) SELECT '%s', child_id, id, 1, 'image/jpeg', 800, 600, 1000, "
	        "author_id, 1 FROM visits WHERE id = %lld; "
	        "INSERT INTO photos (name, child_id, visit_id, slot, mime, width, height, bytes, "
	        "uploaded_by, confirmed) SELECT '%s', child_id, id, 2, 'image/jpeg', 800, 600, 1000, "
	        "author_id, 0 FROM visits WHERE id = %lld; SELECT 1", PHOTO_OK, v, PHOTO_NOT, v), 1);
	admin_sql_numf("UPDATE visits SET given_what = '文具' WHERE id = %lld; SELECT 1", v);
	me(&b, &r);
	older = strstr(r.body, "甲：孩子在读三年级");
	newer = strstr(r.body, "乙：在学校见到孩子");
	ck_assert_msg(older && newer && newer < older, "/me: the approved visits, newest first");
	ck_assert_msg(!body_has(&r, "丙：") && !body_has(&r, "丁："), "/me shows a visit not approved");
	ck_assert_msg(body_has(&r, "今年 1 次"), "/me: this year's count is not 1");
	ck_assert_msg(body_has(&r, "学校探访 · 教育关爱") && body_has(&r, "生活关爱、教育关爱"),
	              "/me: the kind and the care");
	ck_assert_msg(body_has(&r, "送去：文具，价值 15.50 元"), "/me: what was given");
	ck_assert_msg(body_has(&r, "<img src=\"/me/photos/" PHOTO_OK "\" alt=\"探访照片\" "
	                           "loading=\"lazy\">"), "/me: the confirmed photo");
	ck_assert_msg(!body_has(&r, PHOTO_NOT), "/me shows a photo nobody confirmed");
	snprintf(letters, sizeof letters, "/me/sponsorships/%lld/letters", sid);
	ck_assert_msg(body_has(&r, letters), "/me: the letters' page");
	resp_free(&r);
	browser_free(&b);
}
END_TEST

/* Past the latest ten, the count says how many there are; the oldest are not on the page. */
START_TEST(timeline_is_bounded)
{
	struct browser b;
	struct resp r;
	char login[96], day[24], text[64];
	long long sid;

	child(KID_B);
	sid = fixture_pair(KID_B, donor(&b, login), "2020-01-01");
	for (int i = 1; i <= 12; i++) {
		snprintf(day, sizeof day, "2021-%02d-01", i);
		snprintf(text, sizeof text, "（虚构）第%02d次探访的反馈。", i);
		fixture_visit(KID_B, sid, "badong-volunteer", "approved", day, "home", "life", 0, text,
		              60);
	}
	me(&b, &r);
	ck_assert_msg(body_has(&r, "第12次") && body_has(&r, "第03次"), "/me: the latest ten");
	ck_assert_msg(!body_has(&r, "第02次") && !body_has(&r, "第01次"), "/me: more than ten");
	ck_assert_msg(body_has(&r, "共 12 次探访，这里显示最近 10 次"), "/me: the count of all");
	resp_free(&r);
	browser_free(&b);
}
END_TEST

/* Another donor's /me, a visitor's child page: nothing of the visits, nor of their photos. */
START_TEST(nobody_else_sees_the_visits)
{
	struct browser b, other;
	struct resp r;
	char login[96];
	long long sid;

	child(KID_C);
	sid = fixture_pair(KID_C, donor(&b, login), "2023-03-01");
	fixture_visit(KID_C, sid, "badong-volunteer", "approved", "2024-02-03", "home", "life", 0,
	              "（虚构）戊：只有助养人能看到的反馈。", 60);
	donor(&other, login);
	me(&other, &r);
	ck_assert_msg(!body_has(&r, "戊：") && !body_has(&r, "探访反馈"),
	              "another donor's /me shows the visit");
	resp_free(&r);
	ck_assert_int_eq(http_get("/children/" KID_C, &r), 0);
	ck_assert_msg(!body_has(&r, "戊："), "the child's page shows the visit");
	resp_free(&r);
	me(&b, &r);
	ck_assert_msg(body_has(&r, "戊："), "the sponsor's /me does not show the visit");
	resp_free(&r);
	browser_free(&b);
	browser_free(&other);
}
END_TEST

START_TEST(digest_once_a_day_batched)
{
	struct browser b;
	char login[96];
	long long sid, d;

	child(KID);
	d = donor(&b, login);
	sid = fixture_pair(KID, d, "2023-03-01");
	fixture_visit(KID, sid, "badong", "approved", "2024-04-01", "home", "life", 0,
	              "（虚构）第一条新的反馈。", 30);
	fixture_visit(KID, sid, "badong", "approved", "2024-04-02", "home", "life", 0,
	              "（虚构）第二条新的反馈。", 20);
	/* The workers sweep too: theirs or this one, one message today. */
	ck_assert_int_eq(digest_sweep(), 0);
	ck_assert_int_eq(digests_to(login), 1);
	/* A third approval the same day: no second message today, however often the sweep runs. */
	fixture_visit(KID, sid, "badong", "approved", "2024-04-03", "home", "life", 0,
	              "（虚构）第三条新的反馈。", 1);
	ck_assert_int_eq(digest_sweep(), 0);
	ck_assert_int_eq(digest_sweep(), 0);
	ck_assert_int_eq(digests_to(login), 1);
	/* The next day (today's digest moved to yesterday): the news since then, in one message. */
	admin_sql_numf("UPDATE care_digests SET day = day - INTERVAL 1 DAY WHERE donor_id = %lld; "
	               "SELECT 1", d);
	ck_assert_int_eq(digest_sweep(), 0);
	ck_assert_int_eq(digests_to(login), 2);
	/* Every approval told once, in one of the two. */
	ck_assert_int_eq(admin_sql_numf("SELECT SUM(visits) FROM care_digests WHERE donor_id = %lld",
	                                d), 3);
	ck_assert_int_eq(admin_sql_numf("SELECT body LIKE '%%条新的探访反馈%%' FROM outbox WHERE "
	                                "recipient = '%s' ORDER BY id DESC LIMIT 1", login), 1);
	browser_free(&b);
}
END_TEST

/* Several sweeps at once, each on its own connection (as on several hosts): one message. */
START_TEST(digest_once_across_racing_sweeps)
{
	struct browser b;
	char login[96];
	long long sid;

	child(KID_B);
	sid = fixture_pair(KID_B, donor(&b, login), "2023-03-01");
	fixture_visit(KID_B, sid, "badong", "approved", "2024-04-01", "home", "life", 0,
	              "（虚构）同时清理的反馈。", 5);
	ck_assert_int_eq(race_processes(SWEEPS, digest_sweep), SWEEPS);
	ck_assert_int_eq(digests_to(login), 1);
	browser_free(&b);
}
END_TEST

static void remove_children(void)
{
	fixture_delete(KID);
	fixture_delete(KID_B);
	fixture_delete(KID_C);
}

Suite *suite(void)
{
	Suite *s = suite_create("http_timeline");
	TCase *t = tcase_create("timeline");

	tcase_set_timeout(t, 120);
	tcase_add_unchecked_fixture(t, NULL, remove_children);
	tcase_add_test(t, timeline_shows_approved_visits_newest_first_with_confirmed_photos);
	tcase_add_test(t, timeline_is_bounded);
	tcase_add_test(t, nobody_else_sees_the_visits);
	tcase_add_test(t, digest_once_a_day_batched);
	tcase_add_test(t, digest_once_across_racing_sweeps);
	suite_add_tcase(s, t);
	return s;
}
