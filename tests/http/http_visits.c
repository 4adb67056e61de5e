/*
 * http_visits.c — visits logged from a phone, and their review: a volunteer logs one for an assigned paired child
 * (not for another, nor an unpaired one), the date rules, a retried POST makes one visit, submit, the review queue,
 * return with a comment, fix, submit again, approve; the privacy check blocks approval until the summary is edited;
 * the ticked photos confirmed at approval; county staff out of scope see nothing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>

#include "check_main.h"
#include "client.h"

#define VOL       "badong-volunteer"
#define VOL_ID    "(SELECT id FROM staff WHERE username = '" VOL "')"
#define FAR_STAFF "visits-wuchang"   /* county staff of 武汉市武昌区, made here */
#define DONOR     "visits-donor@example.com"
#define REAL_NAME "虚构·探访甲"
/* 22 characters: a summary with nothing in it a sponsor may not read. */
#define CLEAN     "孩子这学期学习很认真，期末考试进步明显，家里一切都好。"

/* The fixture children: assigned to the volunteer and paired; paired, not assigned; assigned, waiting; paired in
 * 武昌区. */
enum { KID_MINE, KID_OTHER, KID_WAITING, KID_FAR, NKIDS };
static const struct fixture_child KIDS[NKIDS] = {
	{ "VA00000001", "测试·探访甲", "f", "2014-02-03", "422823", "ill", "（虚构）探访测试用的故事。", "paired", 1,
	  REAL_NAME, "VISIT-1", "虚构监护人 13900000011" },
	{ "VA00000002", "测试·探访乙", "m", "2014-02-03", "422823", "ill", "（虚构）探访测试用的故事。", "paired", 1,
	  "虚构·探访乙", "VISIT-2", "虚构监护人 13900000012" },
	{ "VA00000003", "测试·探访丙", "f", "2014-02-03", "422823", "ill", "（虚构）探访测试用的故事。", "waiting", 1,
	  "虚构·探访丙", "VISIT-3", "虚构监护人 13900000013" },
	{ "VA00000004", "测试·探访丁", "m", "2014-02-03", "420106", "ill", "（虚构）探访测试用的故事。", "paired", 1,
	  "虚构·探访丁", "VISIT-4", "虚构监护人 13900000014" },
};

__attribute__((format(printf, 1, 2))) static long long num(const char *fmt, ...)
{
	char sql[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	return admin_sql_num(sql);
}

__attribute__((format(printf, 1, 2))) static void sql(const char *fmt, ...)
{
	char q[4096], *out = NULL;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(q, sizeof q, fmt, ap);
	va_end(ap);
	ck_assert_msg(admin_sql(q, &out) == 0, "SQL failed: %s\n%s", q, out ? out : "");
	free(out);
}

/* The first line a query prints, into out (n bytes). */
__attribute__((format(printf, 3, 4))) static void text(char *out, size_t n, const char *fmt, ...)
{
	char q[1024], *t = NULL;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(q, sizeof q, fmt, ap);
	va_end(ap);
	ck_assert_msg(admin_sql(q, &t) == 0, "SQL failed: %s\n%s", q, t ? t : "");
	t[strcspn(t, "\n")] = '\0';
	snprintf(out, n, "%s", t);
	free(t);
}

/* The date n days from today (China time, as the app's), YYYY-MM-DD. */
static void day(int n, char out[11])
{
	text(out, 11, "SELECT CURDATE() + INTERVAL %d DAY", n);
}

static void remove_all(void)
{
	for (int i = 0; i < NKIDS; i++) {
		sql("DELETE p FROM photos p JOIN children c ON c.id = p.child_id WHERE c.code = '%s';"
		    "DELETE v FROM visits v JOIN children c ON c.id = v.child_id WHERE c.code = '%s';",
		    KIDS[i].code, KIDS[i].code);
		fixture_delete(KIDS[i].code);
	}
	admin_sql("DELETE FROM donors WHERE login = '" DONOR "';"
	          "DELETE FROM staff_sessions WHERE staff_id = (SELECT id FROM staff WHERE username = '" FAR_STAFF "');"
	          "DELETE FROM staff WHERE username = '" FAR_STAFF "';", NULL);
}

/* The children, paired ones under an active sponsorship approved 60 days ago; the far county's staff member (the
 * demo password). Unchecked: runs once in the runner. */
static void setup(void)
{
	remove_all();
	for (int i = 0; i < NKIDS; i++)
		ck_assert_int_eq(fixture_insert(&KIDS[i]), 0);
	sql("INSERT INTO donors (login, login_kind, pw_hash, display_name, agreed_at) "
	    "VALUES ('" DONOR "', 'email', 'x', '探访测试捐赠人', NOW());"
	    "INSERT INTO sponsorships (child_id, donor_id, state, plan, hold_until, agreed_at, decided_at) "
	    "SELECT c.id, (SELECT id FROM donors WHERE login = '" DONOR "'), 'active', 'annual', NOW(), NOW(), "
	    "  NOW() - INTERVAL 60 DAY FROM children c WHERE c.code IN ('%s', '%s', '%s');"
	    "INSERT INTO volunteer_children (staff_id, child_id) SELECT " VOL_ID ", id FROM children "
	    "  WHERE code IN ('%s', '%s');"
	    "INSERT INTO staff (username, pw_hash, display_name, role, region_code) "
	    "  SELECT '" FAR_STAFF "', pw_hash, '测试·武昌', 'county', '420106' FROM staff WHERE username = 'badong';",
	    KIDS[KID_MINE].code, KIDS[KID_OTHER].code, KIDS[KID_FAR].code, KIDS[KID_MINE].code, KIDS[KID_WAITING].code);
}

static long long visits_of(const char *code)
{
	return num("SELECT COUNT(*) FROM visits v JOIN children c ON c.id = v.child_id WHERE c.code = '%s'", code);
}

/* The form's one-time key on a page (33 bytes), or "" if none. */
static void form_key(const struct resp *r, char key[33])
{
	const char *p = strstr(r->body, "name=\"form_key\" value=\"");

	key[0] = '\0';
	if (p)
		snprintf(key, 33, "%.32s", p + strlen("name=\"form_key\" value=\""));
}

/* Percent-encoded, as a browser sends a form field (the caller frees). */
static char *enc(const char *s)
{
	return curl_easy_escape(NULL, s, 0);
}

/* Show the new-visit form for code and post it with summary and extra fields; the response in r, the form's key
 * in key (33 bytes) if not NULL. */
static void log_visit(struct browser *b, const char *code, const char *summary, const char *extra, struct resp *r,
                      char *key)
{
	char path[128], form[4096], k[33], today[11];
	char *s = enc(summary);
	struct resp page;

	snprintf(path, sizeof path, "/admin/visits/new?child=%s", code);
	b_get(b, path, &page);
	ck_assert_msg(page.status == 200, "new visit form for %s: %ld", code, page.status);
	form_key(&page, k);
	ck_assert_int_eq(strlen(k), 32);
	resp_free(&page);
	/* The date the form starts with (today) unless extra has one. */
	day(0, today);
	snprintf(form, sizeof form, "child=%s&form_key=%s&kind=home&care_life=1&care_education=1&summary=%s%s%s%s",
	         code, k, s, strstr(extra, "date=") ? "" : "&date=", strstr(extra, "date=") ? "" : today, extra);
	curl_free(s);
	b_post(b, "/admin/visits", form, r);
	if (key)
		memcpy(key, k, 33);
}

/* A visit logged by the volunteer for the assigned child, its id; submitted too if submit. */
static long long new_visit(struct browser *vol, const char *summary, int submit)
{
	struct resp r;
	char loc[128];
	long long id;

	log_visit(vol, KIDS[KID_MINE].code, summary, submit ? "&and_submit=1" : "", &r, NULL);
	ck_assert_msg(r.status == 303, "new visit: %ld %s", r.status, r.body);
	resp_location(&r, loc, sizeof loc);
	resp_free(&r);
	ck_assert_msg(sscanf(loc, "/admin/visits/%lld", &id) == 1, "new visit went to %s", loc);
	return id;
}

static void assert_state(long long id, const char *want)
{
	char s[32];

	text(s, sizeof s, "SELECT state FROM visits WHERE id = %lld", id);
	ck_assert_msg(strcmp(s, want) == 0, "visit %lld is %s, not %s", id, s, want);
}

/* POST path with form as b; the status. */
static long post(struct browser *b, const char *path, const char *form, struct resp *keep)
{
	struct resp r;
	long status;

	b_post(b, path, form, &r);
	status = r.status;
	if (keep)
		*keep = r;
	else
		resp_free(&r);
	return status;
}

static long post_visit(struct browser *b, long long id, const char *what, const char *form, struct resp *keep)
{
	char path[96];

	snprintf(path, sizeof path, "/admin/visits/%lld%s", id, what);
	return post(b, path, form, keep);
}

static long get(struct browser *b, const char *path, struct resp *keep)
{
	struct resp r;
	long status;

	b_get(b, path, &r);
	status = r.status;
	if (keep)
		*keep = r;
	else
		resp_free(&r);
	return status;
}

START_TEST(a_volunteer_logs_a_visit_for_an_assigned_child)
{
	struct browser vol;
	struct resp r;
	char path[96];
	long long id;

	ck_assert_int_eq(b_staff(&vol, VOL), 303);
	/* The form a phone loads at the door: small, no script. */
	ck_assert_int_eq(get(&vol, "/admin/visits/new?child=VA00000001", &r), 200);
	fprintf(stderr, "the visit form: %zu bytes of HTML\n", r.len);
	ck_assert_msg(r.len < 30 * 1024, "the visit form is %zu bytes", r.len);
	ck_assert(!body_has(&r, "<script"));
	ck_assert(body_has(&r, "name=\"form_key\""));
	resp_free(&r);
	id = new_visit(&vol, CLEAN, 0);
	assert_state(id, "draft");
	ck_assert_int_eq(num("SELECT COUNT(*) FROM visits WHERE id = %lld AND author_id = " VOL_ID
	                     " AND care = 'life,education' AND LOCATE('期末考试', summary) = 0", id), 1);
	/* On the volunteer's own list, and the page shows it to its author, editable. */
	ck_assert_int_eq(get(&vol, "/admin/visits?status=draft", &r), 200);
	snprintf(path, sizeof path, "/admin/visits/%lld\"", id);
	ck_assert(body_has(&r, path));
	resp_free(&r);
	snprintf(path, sizeof path, "/admin/visits/%lld", id);
	ck_assert_int_eq(get(&vol, path, &r), 200);
	ck_assert(body_has(&r, "期末考试进步明显"));
	ck_assert(body_has(&r, "name=\"summary\""));
	ck_assert(body_has(&r, "/submit\""));
	resp_free(&r);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE action = 'visit.create' AND object_id = '%lld'", id),
	                 1);
	/* the page showed the summary and the staff note: the view is audited */
	ck_assert_int_ge(num("SELECT COUNT(*) FROM audit_log WHERE action = 'visit.view' AND object_id = '%lld'", id),
	                 1);
	browser_free(&vol);
}
END_TEST

START_TEST(no_visit_for_a_child_not_assigned_or_not_paired)
{
	struct browser vol, county;
	struct resp r;

	ck_assert_int_eq(b_staff(&vol, VOL), 303);
	ck_assert_int_eq(get(&vol, "/admin/visits/new?child=VA00000002", NULL), 404);
	ck_assert_int_eq(get(&vol, "/admin/visits/new?child=VA00000003", NULL), 404);
	ck_assert_int_eq(get(&vol, "/admin/visits/new?child=VA00000004", NULL), 404);
	/* The POST without the form: a made-up key, the child not assigned. */
	ck_assert_int_eq(post(&vol, "/admin/visits", "child=VA00000002&form_key=00112233445566778899aabbccddeeff"
	                      "&date=2024-01-01&kind=home&care_life=1&summary=" CLEAN, NULL), 404);
	ck_assert_int_eq(visits_of("VA00000002"), 0);
	/* County staff log visits for any paired child of their county, none elsewhere; the province logs none. */
	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	ck_assert_int_eq(get(&county, "/admin/visits/new?child=VA00000002", &r), 200);
	resp_free(&r);
	ck_assert_int_eq(get(&county, "/admin/visits/new?child=VA00000003", NULL), 404);
	ck_assert_int_eq(get(&county, "/admin/visits/new?child=VA00000004", NULL), 404);
	browser_free(&county);
	ck_assert_int_eq(b_staff(&county, "province"), 303);
	ck_assert_int_eq(get(&county, "/admin/visits/new?child=VA00000002", NULL), 403);
	browser_free(&county);
	browser_free(&vol);
}
END_TEST

START_TEST(the_date_is_neither_in_the_future_nor_before_the_pairing)
{
	struct browser vol;
	struct resp r;
	char date[11], extra[64];
	long long before = visits_of("VA00000001");

	ck_assert_int_eq(b_staff(&vol, VOL), 303);
	day(1, date);
	snprintf(extra, sizeof extra, "&date=%s", date);
	log_visit(&vol, "VA00000001", CLEAN, extra, &r, NULL);
	ck_assert_int_eq(r.status, 400);
	ck_assert(body_has(&r, "探访日期不能晚于今天"));
	resp_free(&r);
	day(-61, date);   /* the pairing began 60 days ago */
	snprintf(extra, sizeof extra, "&date=%s", date);
	log_visit(&vol, "VA00000001", CLEAN, extra, &r, NULL);
	ck_assert_int_eq(r.status, 400);
	ck_assert(body_has(&r, "探访日期不能早于结对生效的日期"));
	resp_free(&r);
	/* A summary too short for the sponsor. */
	log_visit(&vol, "VA00000001", "看望了孩子。", "", &r, NULL);
	ck_assert_int_eq(r.status, 400);
	ck_assert(body_has(&r, "20 到 500 个字"));
	resp_free(&r);
	ck_assert_int_eq(visits_of("VA00000001"), before);
	browser_free(&vol);
}
END_TEST

START_TEST(the_same_post_twice_makes_one_visit)
{
	struct browser vol, county;
	struct resp r1, r2;
	char key[33], form[1024], loc1[128], loc2[128], today[11];
	char *s = enc(CLEAN);
	long long before = visits_of("VA00000001");

	ck_assert_int_eq(b_staff(&vol, VOL), 303);
	log_visit(&vol, "VA00000001", CLEAN, "&and_submit=1", &r1, key);
	ck_assert_int_eq(r1.status, 303);
	resp_location(&r1, loc1, sizeof loc1);
	/* The answer was lost on the way: the phone sends the same form again. */
	day(0, today);
	snprintf(form, sizeof form, "child=VA00000001&form_key=%s&kind=home&care_life=1&care_education=1&summary=%s"
	         "&date=%s&and_submit=1", key, s, today);
	curl_free(s);
	b_post(&vol, "/admin/visits", form, &r2);
	ck_assert_int_eq(r2.status, 303);
	resp_location(&r2, loc2, sizeof loc2);
	ck_assert_str_eq(loc1, loc2);
	ck_assert_int_eq(visits_of("VA00000001"), before + 1);
	resp_free(&r1);
	resp_free(&r2);
	/* Another staff member with the same key gets no visit of theirs, and makes none. */
	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	ck_assert_int_eq(post(&county, "/admin/visits", form, NULL), 409);
	browser_free(&county);
	ck_assert_int_eq(visits_of("VA00000001"), before + 1);
	browser_free(&vol);
}
END_TEST

START_TEST(returned_with_a_comment_fixed_submitted_again_approved)
{
	struct browser vol, county;
	struct resp r;
	char path[96], form[1024], today[11];
	char *s = enc(CLEAN "（已补充）");
	long long id;

	ck_assert_int_eq(b_staff(&vol, VOL), 303);
	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	id = new_visit(&vol, CLEAN, 0);
	snprintf(path, sizeof path, "/admin/visits/%lld\"", id);
	/* A draft is not in the queue; submitted, it is. */
	ck_assert_int_eq(get(&county, "/admin/visits?status=submitted", &r), 200);
	ck_assert(!body_has(&r, path));
	resp_free(&r);
	ck_assert_int_eq(post_visit(&vol, id, "/submit", "", NULL), 303);
	assert_state(id, "submitted");
	ck_assert_int_eq(get(&county, "/admin/visits?status=submitted", &r), 200);
	ck_assert(body_has(&r, path));
	resp_free(&r);
	/* Submitted, the author can no longer change it; a volunteer reviews nothing. */
	ck_assert_int_eq(post_visit(&vol, id, "", "date=2024-01-01&kind=home&care_life=1&summary=" CLEAN, NULL), 409);
	ck_assert_int_eq(post_visit(&vol, id, "/approve", "", NULL), 403);
	/* Returned: a comment is required. */
	ck_assert_int_eq(post_visit(&county, id, "/return", "", NULL), 400);
	ck_assert_int_eq(post_visit(&county, id, "/return", "review_note=%E8%AF%B7%E8%A1%A5%E5%85%85%E5%86%85%E5%AE%B9",
	                            NULL), 303);
	assert_state(id, "returned");
	snprintf(path, sizeof path, "/admin/visits/%lld", id);
	ck_assert_int_eq(get(&vol, path, &r), 200);
	ck_assert(body_has(&r, "请补充内容"));
	resp_free(&r);
	/* Fixed, and submitted with the same press. */
	day(0, today);
	snprintf(form, sizeof form, "date=%s&kind=phone&care_family=1&given_what=%%E4%%B9%%A6%%E5%%8C%%85"
	         "&given_yuan=50.5&summary=%s&and_submit=1", today, s);
	curl_free(s);
	ck_assert_int_eq(post_visit(&vol, id, "", form, NULL), 303);
	assert_state(id, "submitted");
	ck_assert_int_eq(num("SELECT COUNT(*) FROM visits WHERE id = %lld AND kind = 'phone' AND care = 'family' "
	                     "AND given_fen = 5050", id), 1);
	ck_assert_int_eq(post_visit(&county, id, "/approve", "", &r), 303);
	resp_free(&r);
	assert_state(id, "approved");
	ck_assert_int_eq(num("SELECT COUNT(*) FROM visits WHERE id = %lld AND reviewed_by = "
	                     "(SELECT id FROM staff WHERE username = 'badong')", id), 1);
	/* Approved once: a second approval is a conflict. */
	ck_assert_int_eq(post_visit(&county, id, "/approve", "", NULL), 409);
	browser_free(&county);
	browser_free(&vol);
}
END_TEST

/* A summary with what no sponsor may read: submitted, marked for the reviewer, refused approval (409) until the
 * reviewer edits it. */
static void blocked_until_edited(const char *summary, const char *marked)
{
	struct browser vol, county;
	struct resp r;
	char path[96];
	char *s = enc(CLEAN);
	char form[512];
	long long id;

	ck_assert_int_eq(b_staff(&vol, VOL), 303);
	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	id = new_visit(&vol, summary, 0);
	snprintf(path, sizeof path, "/admin/visits/%lld", id);
	/* The author sees the finding on the draft already. */
	ck_assert_int_eq(get(&vol, path, &r), 200);
	ck_assert_msg(body_has(&r, "隐私检查"), "%s: not flagged to the author", summary);
	resp_free(&r);
	ck_assert_int_eq(post_visit(&vol, id, "/submit", "", NULL), 303);
	ck_assert_int_eq(get(&county, path, &r), 200);
	ck_assert_msg(body_has(&r, marked), "%s: %s not marked", summary, marked);
	resp_free(&r);
	ck_assert_int_eq(post_visit(&county, id, "/approve", "photo_ok_1=1", &r), 409);
	ck_assert(body_has(&r, "请先修改摘要"));
	resp_free(&r);
	assert_state(id, "submitted");
	snprintf(form, sizeof form, "summary=%s", s);
	curl_free(s);
	ck_assert_int_eq(post_visit(&county, id, "", form, NULL), 303);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE action = 'visit.edit_summary' AND object_id = '%lld'",
	                     id), 1);
	ck_assert_int_eq(post_visit(&county, id, "/approve", "", NULL), 303);
	assert_state(id, "approved");
	browser_free(&county);
	browser_free(&vol);
}

START_TEST(a_phone_number_blocks_approval_until_edited)
{
	blocked_until_edited("孩子很好，有事可以打她妈妈的电话 139 1234 5678 联系我们。",
	                     "<mark class=\"pv\" title=\"电话号码\">");
}
END_TEST

START_TEST(an_id_number_blocks_approval_until_edited)
{
	blocked_until_edited("孩子很好，她的身份证号是 42282320140203716X，请放心。", "<mark class=\"pv\" title=\"身份证号");
}
END_TEST

START_TEST(the_real_name_blocks_approval_until_edited)
{
	blocked_until_edited("今天看望了" REAL_NAME "，孩子学习很认真，家里一切都好。", "<mark class=\"pv\"");
}
END_TEST

START_TEST(approval_confirms_the_ticked_photos_only)
{
	struct browser vol, county;
	struct resp r;
	char path[96];
	long long id = 0;

	ck_assert_int_eq(b_staff(&vol, VOL), 303);
	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	id = new_visit(&vol, CLEAN, 1);
	sql("INSERT INTO photos (name, child_id, visit_id, slot, mime, width, height, bytes, uploaded_by) "
	    "SELECT CONCAT(LPAD(HEX(%lld), 16, '0'), 'aaaaaaaaaaaaaaa', n), child_id, id, n, 'image/jpeg', 800, 600, "
	    "  1000, author_id FROM visits, (SELECT 1 AS n UNION SELECT 2) s WHERE id = %lld;", id, id);
	snprintf(path, sizeof path, "/admin/visits/%lld", id);
	ck_assert_int_eq(get(&county, path, &r), 200);
	ck_assert(body_has(&r, "<img src=\"/admin/photos/"));
	ck_assert(body_has(&r, "name=\"photo_ok_1\""));
	ck_assert(body_has(&r, "name=\"photo_ok_2\""));
	resp_free(&r);
	ck_assert_int_eq(post_visit(&county, id, "/approve", "photo_ok_1=1", NULL), 303);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM photos WHERE visit_id = %lld AND slot = 1 AND confirmed = 1 AND "
	                     "confirmed_by = (SELECT id FROM staff WHERE username = 'badong')", id), 1);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM photos WHERE visit_id = %lld AND slot = 2 AND confirmed = 0 "
	                     "AND confirmed_by IS NULL", id), 1);
	browser_free(&county);
	browser_free(&vol);
}
END_TEST

START_TEST(county_staff_out_of_scope_see_nothing)
{
	struct browser vol, far, city;
	struct resp r;
	char path[96], row[96];
	long long id;

	ck_assert_int_eq(b_staff(&vol, VOL), 303);
	ck_assert_int_eq(b_staff(&far, FAR_STAFF), 303);
	id = new_visit(&vol, CLEAN, 1);
	snprintf(path, sizeof path, "/admin/visits/%lld", id);
	snprintf(row, sizeof row, "/admin/visits/%lld\"", id);
	ck_assert_int_eq(get(&far, path, NULL), 404);
	ck_assert_int_eq(get(&far, "/admin/visits?status=submitted", &r), 200);
	ck_assert(!body_has(&r, row));
	resp_free(&r);
	ck_assert_int_eq(post_visit(&far, id, "/approve", "", NULL), 404);
	ck_assert_int_eq(post_visit(&far, id, "/return", "review_note=x", NULL), 404);
	ck_assert_int_eq(post_visit(&far, id, "", "summary=" CLEAN, NULL), 404);
	assert_state(id, "submitted");
	/* The city above 巴东县 reviews it. */
	ck_assert_int_eq(b_staff(&city, "enshi"), 303);
	ck_assert_int_eq(get(&city, "/admin/visits?status=submitted", &r), 200);
	ck_assert(body_has(&r, row));
	resp_free(&r);
	ck_assert_int_eq(post_visit(&city, id, "/approve", "", NULL), 303);
	assert_state(id, "approved");
	/* A status that is not a visit's is refused, not listed as nothing. */
	ck_assert_int_eq(get(&city, "/admin/visits?status=paired", NULL), 400);
	browser_free(&city);
	browser_free(&far);
	browser_free(&vol);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("visits");
	TCase *t = tcase_create("visits");

	tcase_add_unchecked_fixture(t, setup, remove_all);
	tcase_set_timeout(t, 120);
	tcase_add_test(t, a_volunteer_logs_a_visit_for_an_assigned_child);
	tcase_add_test(t, no_visit_for_a_child_not_assigned_or_not_paired);
	tcase_add_test(t, the_date_is_neither_in_the_future_nor_before_the_pairing);
	tcase_add_test(t, the_same_post_twice_makes_one_visit);
	tcase_add_test(t, returned_with_a_comment_fixed_submitted_again_approved);
	tcase_add_test(t, a_phone_number_blocks_approval_until_edited);
	tcase_add_test(t, an_id_number_blocks_approval_until_edited);
	tcase_add_test(t, the_real_name_blocks_approval_until_edited);
	tcase_add_test(t, approval_confirms_the_ticked_photos_only);
	tcase_add_test(t, county_staff_out_of_scope_see_nothing);
	suite_add_tcase(s, t);
	return s;
}
