/*
 * http_letters.c — letters between a sponsor and their child, through staff: writing (one letter
 * for a form sent twice, a limit on letters waiting), another donor's or an ended sponsorship
 * (404), review (approve, edit keeping the original, decline with the reason the sponsor reads),
 * the privacy check blocking approval, handing over by the assigned volunteer, and the child's
 * reply: recorded, reviewed with its photos, then shown to the sponsor, and not before.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "check_main.h"
#include "client.h"

#define KID       "TL00000001"   /* 巴东县, paired, assigned to badong-volunteer */
#define KID_OTHER "TL00000002"   /* 巴东县, paired, assigned to nobody */
#define KID_FAR   "TL00000003"   /* 武汉市武昌区, paired */
#define REAL_NAME "虚构·王小明"
#define OTHER_VOL "letters-vol2"  /* a volunteer of 巴东县 the child is not assigned to */
#define PW        "letters-test-pw"
#define URL_MAX   256
#define FORM_MAX  2048

#define num admin_sql_numf

static void sql(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sql(const char *fmt, ...)
{
	char q[2048], *out = NULL;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(q, sizeof q, fmt, ap);
	va_end(ap);
	ck_assert_msg(admin_sql(q, &out) == 0, "SQL failed: %s\n%s", q, out ? out : "");
	free(out);
}

/* A paired child of the county (the letters and photos of an earlier run removed first). */
static void child(const char *code, const char *county)
{
	struct fixture_child ch = {
		code, "测试·写信", "f", "2013-05-06", county, "ill", "（虚构）写信测试用的故事。",
		"paired", 1, REAL_NAME, NULL, "虚构监护人 13900000000",
	};
	char id[32];

	snprintf(id, sizeof id, "HLET-%s", code);
	ch.id_number = id;
	admin_sql("DELETE p FROM photos p JOIN children c ON c.id = p.child_id "
	          "WHERE c.code LIKE 'TL0000000_'", NULL);
	/* Replies first: they refer to the letters they answer. */
	admin_sql("DELETE FROM letters WHERE child_id IN (SELECT id FROM children "
	          "WHERE code LIKE 'TL0000000_') ORDER BY reply_to IS NULL", NULL);
	admin_sql("DELETE v FROM visits v JOIN children c ON c.id = v.child_id "
	          "WHERE c.code LIKE 'TL0000000_'", NULL);
	fixture_delete(code);
	ck_assert_int_eq(fixture_insert(&ch), 0);
}

/* A new donor, signed in on b; their id. */
static long long donor(struct browser *b, const char *who)
{
	char login[96];

	browser_init(b);
	snprintf(login, sizeof login, "letters-%s-%ld-%d@example.com", who, (long)time(NULL),
	         (int)getpid());
	ck_assert_int_eq(b_signup(b, login, PW, "写信测试"), 303);
	return num("SELECT id FROM donors WHERE login = '%s'", login);
}

/* A sponsorship of the child by the donor, in state; its id. */
static long long sponsorship(const char *code, long long donor_id, const char *state)
{
	return num("INSERT INTO sponsorships (child_id, donor_id, state, plan, hold_until, agreed_at, "
	           "decided_at) VALUES ((SELECT id FROM children WHERE code = '%s'), %lld, '%s', "
	           "'annual', NOW(), NOW(), NOW()); SELECT LAST_INSERT_ID()", code, donor_id, state);
}

/* The fixtures of a test: the children, the sponsor (on d) and their active sponsorship. */
static long long setup(struct browser *d)
{
	long long sid;

	child(KID, "422823");
	child(KID_OTHER, "422823");
	child(KID_FAR, "420106");
	sql("INSERT IGNORE INTO volunteer_children (staff_id, child_id) VALUES ((SELECT id FROM staff "
	    "WHERE username = 'badong-volunteer'), (SELECT id FROM children WHERE code = '" KID "'))");
	sid = sponsorship(KID, donor(d, "sponsor"), "active");
	return sid;
}

/* The form key of the letters page of sid, as b is shown it (and its status). */
static long letters_page(struct browser *b, long long sid, struct resp *r)
{
	char path[URL_MAX];

	snprintf(path, sizeof path, "/me/sponsorships/%lld/letters", sid);
	b_get(b, path, r);
	return r->status;
}

static void form_key(const struct resp *r, char key[33])
{
	const char *at = strstr(r->body, "name=\"form_key\" value=\"");

	ck_assert_msg(at != NULL, "no form key on the page");
	at += strlen("name=\"form_key\" value=\"");
	snprintf(key, 33, "%.32s", at);
}

/* POST form (its text percent-encoded here) to path with the key; the status. */
static long send_form(struct browser *b, const char *path, const char *key, const char *text)
{
	char form[FORM_MAX];
	char *v = curl_easy_escape(NULL, text, 0);
	struct resp r;
	long status;

	snprintf(form, sizeof form, "form_key=%s&letter=%s", key, v);
	curl_free(v);
	b_post(b, path, form, &r);
	status = r.status;
	resp_free(&r);
	return status;
}

/* Write a letter from the page's form: the POST's status. */
static long write_letter(struct browser *b, long long sid, const char *text)
{
	char key[33], path[URL_MAX];
	struct resp r;

	ck_assert_int_eq(letters_page(b, sid, &r), 200);
	form_key(&r, key);
	resp_free(&r);
	snprintf(path, sizeof path, "/me/sponsorships/%lld/letters", sid);
	return send_form(b, path, key, text);
}

static long long newest_letter(long long sid)
{
	return num("SELECT MAX(id) FROM letters WHERE sponsorship_id = %lld", sid);
}

/* A reviewer's (or anyone's) POST to /admin/letters/{id}{tail}: the status. */
static long staff_post(struct browser *b, long long id, const char *tail, const char *form)
{
	char path[URL_MAX];
	struct resp r;
	long status;

	/* As the browser that was shown the letter's page and its forms. */
	snprintf(path, sizeof path, "/admin/letters/%lld", id);
	b_get(b, path, &r);
	resp_free(&r);
	snprintf(path, sizeof path, "/admin/letters/%lld%s", id, tail);
	b_post(b, path, form, &r);
	status = r.status;
	resp_free(&r);
	return status;
}

static long decide(struct browser *b, long long id, const char *form)
{
	return staff_post(b, id, "", form);
}

/* Whether the sponsor's letters page of sid shows needle. */
static int sponsor_sees(struct browser *d, long long sid, const char *needle)
{
	struct resp r;
	int has;

	ck_assert_int_eq(letters_page(d, sid, &r), 200);
	has = body_has(&r, needle) != 0;
	resp_free(&r);
	return has;
}

START_TEST(a_form_sent_twice_makes_one_letter_and_a_few_wait_at_once)
{
	struct browser d;
	long long sid = setup(&d);
	char key[33], path[URL_MAX];
	struct resp r;

	ck_assert_int_eq(letters_page(&d, sid, &r), 200);
	ck_assert_msg(body_has(&r, "不会知道彼此的联系方式") && body_has(&r, "工作人员先阅读审核"),
	              "the page does not say what happens to a letter");
	form_key(&r, key);
	resp_free(&r);
	snprintf(path, sizeof path, "/me/sponsorships/%lld/letters", sid);
	/* A slow network: the same form arrives twice. */
	ck_assert_int_eq(send_form(&d, path, key, "（虚构）你好，祝你学习进步！"), 303);
	ck_assert_int_eq(send_form(&d, path, key, "（虚构）你好，祝你学习进步！"), 303);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM letters WHERE sponsorship_id = %lld", sid), 1);
	ck_assert(sponsor_sees(&d, sid, "祝你学习进步") && sponsor_sees(&d, sid, "待审核"));
	/* The body is sealed at rest. */
	ck_assert_int_eq(num("SELECT COUNT(*) FROM letters WHERE sponsorship_id = %lld "
	                     "AND LOCATE('学习', CAST(body AS CHAR CHARACTER SET utf8mb4)) > 0", sid),
	                 0);
	ck_assert_int_eq(write_letter(&d, sid, "（虚构）第二封信。"), 303);
	ck_assert_int_eq(write_letter(&d, sid, "（虚构）第三封信。"), 303);
	/* Three wait for review: a fourth waits for them. */
	ck_assert_int_eq(write_letter(&d, sid, "（虚构）第四封信。"), 429);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM letters WHERE sponsorship_id = %lld", sid), 3);
	/* An empty letter, and one over 500 characters, are refused. */
	ck_assert_int_eq(write_letter(&d, sid, "   "), 400);
	browser_free(&d);
}
END_TEST

START_TEST(another_donors_or_an_ended_sponsorship_is_404)
{
	struct browser d, other;
	long long sid = setup(&d), ended;
	char path[URL_MAX];
	struct resp r;

	donor(&other, "other");
	ck_assert_int_eq(letters_page(&other, sid, &r), 404);
	resp_free(&r);
	snprintf(path, sizeof path, "/me/sponsorships/%lld/letters", sid);
	ck_assert_int_eq(send_form(&other, path, "0123456789abcdef0123456789abcdef", "（虚构）你好"),
	                 404);
	ended = sponsorship(KID_OTHER, num("SELECT donor_id FROM sponsorships WHERE id = %lld", sid),
	                    "ended");
	ck_assert_int_eq(letters_page(&d, ended, &r), 404);
	resp_free(&r);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM letters WHERE sponsorship_id IN (%lld, %lld)",
	                     sid, ended), 0);
	browser_free(&d);
	browser_free(&other);
}
END_TEST

START_TEST(review_approves_edits_keeping_the_original_and_declines_with_a_reason)
{
	struct browser d, county, vol;
	long long sid = setup(&d), a, e, x;
	struct resp r;
	char path[URL_MAX];

	ck_assert_int_eq(write_letter(&d, sid, "（虚构）第一封：祝你开心。"), 303);
	a = newest_letter(sid);
	ck_assert_int_eq(write_letter(&d, sid, "（虚构）第二封：我想说的话太多了。"), 303);
	e = newest_letter(sid);
	ck_assert_int_eq(write_letter(&d, sid, "（虚构）第三封：不宜转交的内容。"), 303);
	x = newest_letter(sid);
	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	ck_assert_int_eq(b_staff(&vol, "badong-volunteer"), 303);
	/* The queue shows them; a volunteer sees no sponsor's letter before review. */
	b_get(&county, "/admin/letters?letter_state=pending", &r);
	ck_assert(r.status == 200 && body_has(&r, KID));
	resp_free(&r);
	b_get(&vol, "/admin/letters?letter_state=pending", &r);
	ck_assert(r.status == 200 && !body_has(&r, KID));
	resp_free(&r);
	snprintf(path, sizeof path, "/admin/letters/%lld", a);
	b_get(&vol, path, &r);
	ck_assert_int_eq(r.status, 404);
	resp_free(&r);
	/* A volunteer may not review. */
	ck_assert_int_eq(decide(&vol, a, "decision=approve"), 403);
	ck_assert_int_eq(decide(&county, a, "decision=approve"), 303);
	ck_assert_int_eq(decide(&county, a, "decision=approve"), 409);
	ck_assert(sponsor_sees(&d, sid, "已通过"));
	/* An edit: the sponsor reads what the child will get; the original is kept, sealed. */
	ck_assert_int_eq(decide(&county, e, "decision=edit&letter=%EF%BC%88%E8%99%9A%E6%9E%84%EF%BC%89"
	                        "%E6%94%B9%E8%BF%87%E7%9A%84%E4%BF%A1"), 303);   /* （虚构）改过的信 */
	ck_assert_int_eq(num("SELECT original IS NOT NULL FROM letters WHERE id = %lld", e), 1);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE action = 'letter.edit' "
	                     "AND object_id = '%lld'", e), 1);
	snprintf(path, sizeof path, "/admin/letters/%lld", e);
	b_get(&county, path, &r);
	ck_assert(r.status == 200 && body_has(&r, "改过的信") && body_has(&r, "我想说的话太多了"));
	resp_free(&r);
	ck_assert_int_eq(decide(&county, e, "decision=approve"), 303);
	ck_assert(sponsor_sees(&d, sid, "改过的信") && !sponsor_sees(&d, sid, "我想说的话太多了"));
	/* A decline needs its reason, which the sponsor reads. */
	ck_assert_int_eq(decide(&county, x, "decision=decline"), 400);
	ck_assert_int_eq(decide(&county, x, "decision=decline&reason=%E8%AF%B7%E4%B8%8D%E8%A6%81"
	                        "%E5%86%99%E8%BF%99%E4%BA%9B"), 303);   /* 请不要写这些 */
	ck_assert(sponsor_sees(&d, sid, "未通过") && sponsor_sees(&d, sid, "请不要写这些"));
	ck_assert_int_eq(decide(&county, x, "decision=approve"), 409);
	browser_free(&d);
	browser_free(&county);
	browser_free(&vol);
}
END_TEST

/* A letter holding what the check is for: approval is refused until a reviewer edits it out. */
static void blocked_until_edited(struct browser *d, struct browser *county, long long sid,
                                 const char *text)
{
	long long id;
	char path[URL_MAX];
	struct resp r;

	ck_assert_int_eq(write_letter(d, sid, text), 303);
	id = newest_letter(sid);
	snprintf(path, sizeof path, "/admin/letters/%lld", id);
	b_get(county, path, &r);
	ck_assert_msg(r.status == 200 && body_has(&r, "隐私检查发现"), "%s: no finding shown", text);
	resp_free(&r);
	ck_assert_msg(decide(county, id, "decision=approve") == 409, "%s: approved", text);
	ck_assert_int_eq(num("SELECT state = 'pending' FROM letters WHERE id = %lld", id), 1);
	ck_assert_int_eq(decide(county, id, "decision=edit&letter=%EF%BC%88%E8%99%9A%E6%9E%84%EF%BC%89"
	                        "%E7%A5%9D%E4%BD%A0%E5%A5%BD"), 303);   /* （虚构）祝你好 */
	ck_assert_int_eq(decide(county, id, "decision=approve"), 303);
}

START_TEST(the_privacy_check_blocks_approval_until_edited)
{
	struct browser d, county;
	long long sid = setup(&d);

	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	blocked_until_edited(&d, &county, sid, "（虚构）有事打我电话 13812345678。");
	blocked_until_edited(&d, &county, sid, "（虚构）我家住在青山村三组12号。");
	blocked_until_edited(&d, &county, sid, "（虚构）你需要钱的话，请给我转账。");
	blocked_until_edited(&d, &county, sid, "（虚构）" REAL_NAME "，你好！");
	browser_free(&d);
	browser_free(&county);
}
END_TEST

/* An approved letter of the sponsor's: its id. */
static long long approved_letter(struct browser *d, struct browser *county, long long sid)
{
	long long id;

	ck_assert_int_eq(write_letter(d, sid, "（虚构）给你寄去一封信。"), 303);
	id = newest_letter(sid);
	ck_assert_int_eq(decide(county, id, "decision=approve"), 303);
	return id;
}

START_TEST(the_assigned_volunteer_records_the_handing_over)
{
	struct browser d, county, vol, other, far;
	long long sid = setup(&d), id, mine, theirs;
	char form[96];
	struct resp r;

	sql("INSERT IGNORE INTO staff (username, pw_hash, display_name, role, region_code, org_id) "
	    "SELECT '" OTHER_VOL "', pw_hash, '另一位志愿者', role, region_code, org_id FROM staff "
	    "WHERE username = 'badong-volunteer'");
	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	ck_assert_int_eq(b_staff(&vol, "badong-volunteer"), 303);
	ck_assert_int_eq(b_staff(&other, OTHER_VOL), 303);
	ck_assert_int_eq(b_staff(&far, "enshi"), 303);
	id = approved_letter(&d, &county, sid);
	/* The volunteer's list: letters to hand over to their children. */
	b_get(&vol, "/admin/letters", &r);
	ck_assert(r.status == 200 && body_has(&r, KID));
	resp_free(&r);
	b_get(&other, "/admin/letters", &r);
	ck_assert(r.status == 200 && !body_has(&r, KID));
	resp_free(&r);
	/* Not the child's volunteer: like nothing. City staff do not hand letters over. */
	ck_assert_int_eq(staff_post(&other, id, "/delivered", ""), 404);
	ck_assert_int_eq(staff_post(&far, id, "/delivered", ""), 403);
	/* A visit of another child cannot be the one it was handed over on. */
	mine = num("INSERT INTO visits (child_id, sponsorship_id, author_id, visited_on, kind, care, "
	           "summary, form_key) SELECT %lld, %lld, id, CURDATE(), 'home', 'life', 'x', "
	           "RANDOM_BYTES(16) FROM staff WHERE username = 'badong-volunteer'; "
	           "SELECT LAST_INSERT_ID()", num("SELECT id FROM children WHERE code = '" KID "'"),
	           sid);
	theirs = num("INSERT INTO visits (child_id, sponsorship_id, author_id, visited_on, kind, care, "
	             "summary, form_key) SELECT c.id, %lld, s.id, CURDATE(), 'home', 'life', 'x', "
	             "RANDOM_BYTES(16) FROM staff s, children c WHERE s.username = 'badong-volunteer' "
	             "AND c.code = '" KID_OTHER "'; SELECT LAST_INSERT_ID()", sid);
	/* The form offers the child's visits. */
	snprintf(form, sizeof form, "/admin/letters/%lld", id);
	b_get(&vol, form, &r);
	snprintf(form, sizeof form, "<option value=\"%lld\">", mine);
	ck_assert(r.status == 200 && body_has(&r, form) && body_has(&r, "信已送到孩子手中"));
	resp_free(&r);
	snprintf(form, sizeof form, "visit=%lld", theirs);
	ck_assert_int_eq(staff_post(&vol, id, "/delivered", form), 400);
	ck_assert_int_eq(num("SELECT state = 'approved' FROM letters WHERE id = %lld", id), 1);
	snprintf(form, sizeof form, "visit=%lld", mine);
	ck_assert_int_eq(staff_post(&vol, id, "/delivered", form), 303);
	ck_assert_int_eq(num("SELECT delivered_visit FROM letters WHERE id = %lld AND state = "
	                     "'delivered'", id), mine);
	ck_assert_int_eq(staff_post(&vol, id, "/delivered", ""), 409);
	ck_assert(sponsor_sees(&d, sid, "已送达"));
	browser_free(&d);
	browser_free(&county);
	browser_free(&vol);
	browser_free(&other);
	browser_free(&far);
}
END_TEST

/* The reply form's key on the letter's page, as b is shown it. */
static void reply_key(struct browser *b, long long id, char key[33])
{
	char path[URL_MAX];
	struct resp r;

	snprintf(path, sizeof path, "/admin/letters/%lld", id);
	b_get(b, path, &r);
	ck_assert_int_eq(r.status, 200);
	form_key(&r, key);
	resp_free(&r);
}

START_TEST(a_reply_is_shown_to_the_sponsor_once_approved_with_its_confirmed_photos)
{
	struct browser d, county, vol;
	long long sid = setup(&d), id, reply;
	char key[33], path[URL_MAX];
	struct resp r;

	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	ck_assert_int_eq(b_staff(&vol, "badong-volunteer"), 303);
	id = approved_letter(&d, &county, sid);
	/* Not before the letter reached the child. */
	snprintf(path, sizeof path, "/admin/letters/%lld/reply", id);
	ck_assert_int_eq(send_form(&vol, path, "00112233445566778899aabbccddeeff", "（虚构）谢谢"), 409);
	ck_assert_int_eq(staff_post(&vol, id, "/delivered", ""), 303);
	reply_key(&vol, id, key);
	/* Sent twice: one reply. */
	ck_assert_int_eq(send_form(&vol, path, key, "（虚构）谢谢叔叔阿姨，我会好好学习。"), 303);
	ck_assert_int_eq(send_form(&vol, path, key, "（虚构）谢谢叔叔阿姨，我会好好学习。"), 303);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM letters WHERE reply_to = %lld", id), 1);
	reply = num("SELECT id FROM letters WHERE reply_to = %lld", id);
	ck_assert(!sponsor_sees(&d, sid, "我会好好学习"));
	/* The letter's page leads to its reply. */
	snprintf(path, sizeof path, "/admin/letters/%lld", id);
	b_get(&vol, path, &r);
	snprintf(path, sizeof path, "href=\"/admin/letters/%lld\"", reply);
	ck_assert(r.status == 200 && body_has(&r, path));
	resp_free(&r);
	/* Two photos of a drawing (the photos part uploads them; here as rows): one confirmed. */
	sql("INSERT INTO photos (name, child_id, letter_id, slot, mime, width, height, bytes, "
	    "uploaded_by) SELECT n, l.child_id, l.id, s, 'image/png', 10, 10, 100, l.recorded_by "
	    "FROM letters l, (SELECT 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1' n, 1 s UNION SELECT "
	    "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2', 2) p WHERE l.id = %lld", reply);
	snprintf(path, sizeof path, "/admin/letters/%lld", reply);
	b_get(&county, path, &r);
	ck_assert(r.status == 200 && body_has(&r, "/admin/photos/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1") &&
	          body_has(&r, "photo_ok_2"));
	resp_free(&r);
	b_get(&vol, path, &r);
	ck_assert(r.status == 200 && body_has(&r, "/admin/letters/") && body_has(&r, "photo\""));
	resp_free(&r);
	ck_assert_int_eq(decide(&county, reply, "decision=approve&photo_ok_1=1"), 303);
	ck_assert_int_eq(num("SELECT SUM(confirmed) FROM photos WHERE letter_id = %lld", reply), 1);
	ck_assert(sponsor_sees(&d, sid, "我会好好学习"));
	ck_assert(sponsor_sees(&d, sid, "<img src=\"/me/photos/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1\" "
	                       "alt=\"孩子的画\">"));
	ck_assert(!sponsor_sees(&d, sid, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2"));
	/* The digest can count it: an approved reply has its time of review. */
	ck_assert_int_eq(num("SELECT reviewed_at IS NOT NULL FROM letters WHERE id = %lld", reply), 1);
	browser_free(&d);
	browser_free(&county);
	browser_free(&vol);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_letters");
	TCase *t = tcase_create("letters");

	tcase_set_timeout(t, 120);
	tcase_add_test(t, a_form_sent_twice_makes_one_letter_and_a_few_wait_at_once);
	tcase_add_test(t, another_donors_or_an_ended_sponsorship_is_404);
	tcase_add_test(t, review_approves_edits_keeping_the_original_and_declines_with_a_reason);
	tcase_add_test(t, the_privacy_check_blocks_approval_until_edited);
	tcase_add_test(t, the_assigned_volunteer_records_the_handing_over);
	tcase_add_test(t, a_reply_is_shown_to_the_sponsor_once_approved_with_its_confirmed_photos);
	suite_add_tcase(s, t);
	return s;
}
