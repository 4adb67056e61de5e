/*
 * http_disclosure.c — 信息公开: province staff upload a PDF (anything else 415, over 10 MB 413;
 * other staff 403), /disclosure lists it and nginx serves it; a programme update shows with its
 * date; the 3-month rule's list on /admin/disclosure: what falls due within 14 days and what is
 * overdue, in reach, from items made at dates in the past.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "client.h"

#define DOC_TITLE    "（测试）审计报告"
#define UPDATE_TEXT  "（测试）本季度的项目进展"
#define SLUG(s)      "dsc-test-" s
#define PAGE(c)      "DSC0" c
#define MB           (1024L * 1024)
/* An activity's filed plan: its number and its document (a row only). */
#define FILING       "TEST-FILING-0001"
#define ACT_DOC      "（测试）活动募捐方案"

/* A blank one-page PDF. */
static const char PDF[] =
	"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
	"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
	"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
	"trailer<</Root 1 0 R>>\n%%EOF\n";

static void cleanup(void)
{
	char *names = NULL, cmd[4096];

	/* The test's documents' files, then their rows. */
	if (admin_sql("SELECT name FROM disclosure_docs WHERE title LIKE '（测试）%'", &names) == 0 &&
	    names) {
		for (char *n = strtok(names, "\n"); n; n = strtok(NULL, "\n")) {
			snprintf(cmd, sizeof cmd, "%s/disclosure/%s", getenv("TX_VAR"), n);
			remove(cmd);
		}
	}
	free(names);
	admin_sql("DELETE FROM disclosure_docs WHERE title LIKE '（测试）%';"
	          "DELETE FROM progress_updates WHERE body LIKE '（测试）%';"
	          "DELETE FROM fund_pages WHERE code LIKE 'DSC0%';"
	          "DELETE FROM activities WHERE slug LIKE 'dsc-test-%';", NULL);
}

/* Upload data as staff b with kind and title; the status. */
static long upload(struct browser *b, const char *data, size_t len, const char *title)
{
	const char *const names[] = { "csrf", "doc_kind", "title" };
	const char *const values[] = { b->csrf, "audit", title };
	struct resp r;
	long status;

	b_get(b, "/admin/disclosure", &r);
	resp_free(&r);
	status = b_upload_as(b, "/admin/disclosure/docs", "file", "report.pdf", "application/pdf",
	                     data, len, names, values, 3, &r);
	resp_free(&r);
	return status;
}

START_TEST(a_pdf_is_listed_and_served)
{
	struct browser prov;
	struct resp r;
	char path[128], name[64];

	ck_assert_int_eq(b_staff(&prov, "province"), 303);
	ck_assert_int_eq(upload(&prov, PDF, sizeof PDF - 1, DOC_TITLE), 303);
	snprintf(name, sizeof name, "%s", admin_sql_line("SELECT name FROM disclosure_docs "
	                                      "WHERE title = '" DOC_TITLE "'"));
	ck_assert_int_eq((int)strlen(name), 28);
	ck_assert_str_eq(admin_sql_line("SELECT COUNT(*) FROM audit_log WHERE action = 'disclosure.doc' "
	                     "AND object_id = '%s'", name), "1");
	ck_assert_int_eq(http_get("/disclosure", &r), 0);
	ck_assert_int_eq(r.status, 200);
	snprintf(path, sizeof path, "/files/disclosure/%s", name);
	ck_assert_msg(body_has(&r, DOC_TITLE) && body_has(&r, path), "/disclosure lacks the document");
	ck_assert_msg(body_has(&r, "/disclosure/finance"), "/disclosure does not link 收支明细");
	resp_free(&r);
	ck_assert_int_eq(http_get(path, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_msg(resp_has_header(&r, "Content-Type", "application/pdf"), "%s", r.headers);
	ck_assert_msg(r.len == sizeof PDF - 1 && memcmp(r.body, PDF, r.len) == 0, "not the file");
	resp_free(&r);
	browser_free(&prov);
}
END_TEST

START_TEST(what_is_not_a_pdf_or_too_big_is_refused)
{
	struct browser prov, county;
	long long before = atoll(admin_sql_line("SELECT COUNT(*) FROM disclosure_docs"));
	size_t big = 10 * MB + 1;
	char *data = malloc(big);

	ck_assert_ptr_nonnull(data);
	ck_assert_int_eq(b_staff(&prov, "province"), 303);
	ck_assert_int_eq(upload(&prov, "<html>not a pdf</html>", 22, "（测试）网页"), 415);
	ck_assert_int_eq(upload(&prov, "", 0, "（测试）空"), 400);
	memset(data, ' ', big);
	memcpy(data, "%PDF-1.4\n", 9);
	ck_assert_int_eq(upload(&prov, data, big, "（测试）太大"), 413);
	ck_assert_int_eq(upload(&prov, data, 10 * MB, "（测试）正好 10 MB"), 303);
	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	ck_assert_int_eq(upload(&county, PDF, sizeof PDF - 1, "（测试）区县"), 403);
	ck_assert_int_eq(atoll(admin_sql_line("SELECT COUNT(*) FROM disclosure_docs")), before + 1);
	free(data);
	browser_free(&county);
	browser_free(&prov);
}
END_TEST

START_TEST(a_programme_update_shows_with_its_date)
{
	struct browser prov, county;
	struct resp r;
	char today[16];

	snprintf(today, sizeof today, "%s", admin_sql_line("SELECT CURDATE()"));
	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	b_get(&county, "/admin/disclosure", &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_msg(!body_has(&r, "/admin/disclosure/updates"), "a county gets the update form");
	resp_free(&r);
	ck_assert_int_eq(b_post(&county, "/admin/disclosure/updates", "text=" UPDATE_TEXT, &r), 0);
	ck_assert_int_eq(r.status, 403);
	resp_free(&r);
	ck_assert_int_eq(b_staff(&prov, "province"), 303);
	b_get(&prov, "/admin/disclosure", &r);
	resp_free(&r);
	ck_assert_int_eq(b_post(&prov, "/admin/disclosure/updates", "text=" UPDATE_TEXT, &r), 0);
	ck_assert_int_eq(r.status, 303);
	resp_free(&r);
	ck_assert_str_eq(admin_sql_line("SELECT CONCAT(item_kind, item_id, ' ', posted_on) FROM progress_updates "
	                     "WHERE body = '" UPDATE_TEXT "'"), admin_sql_line("SELECT CONCAT('programme0 ', "
	                     "CURDATE())"));
	ck_assert_int_eq(http_get("/disclosure", &r), 0);
	ck_assert_msg(body_has(&r, UPDATE_TEXT) && body_has(&r, today), "the update is not shown");
	resp_free(&r);
	browser_free(&county);
	browser_free(&prov);
}
END_TEST

/*
 * The items, at dates in the past: overdue (no update in the 3 months since an activity began), due
 * within 14 days (one of them since its update 80 days ago), not due (an update 10 days ago), a page ended after 7 months without its final
 * report (overdue) and one with it (done), and an overdue activity of 武昌区 (the province's to see).
 */
static void items(void)
{
	admin_sql_okf(
	    "INSERT INTO activities (slug, title, story, goal_fen, starts_on, ends_on, region_code, "
	    "state, filing_no, created_by) SELECT s.slug, s.title, 'x', 100000, "
	    "CURDATE() - INTERVAL s.ago DAY, CURDATE() + INTERVAL 60 DAY, s.region, 'live', "
	    "IF(s.slug = '" SLUG("late") "', '" FILING "', NULL), t.id FROM staff t JOIN ("
	    "SELECT '" SLUG("late") "' AS slug, '测试逾期活动' AS title, 100 AS ago, '422823' AS region "
	    "UNION ALL SELECT '" SLUG("soon") "', '测试将到期活动', 80, '422823' "
	    "UNION ALL SELECT '" SLUG("fine") "', '测试已更新活动', 200, '422823' "
	    "UNION ALL SELECT '" SLUG("upd") "', '测试有进展活动', 200, '422823' "
	    "UNION ALL SELECT '" SLUG("far") "', '测试武昌活动', 100, '420106') s "
	    "WHERE t.username = 'province';"
	    "INSERT INTO progress_updates (item_kind, item_id, body, posted_on, staff_id) "
	    "SELECT 'activity', a.id, '（测试）活动进展', CURDATE() - INTERVAL 10 DAY, a.created_by "
	    "FROM activities a WHERE a.slug = '" SLUG("fine") "';"
	    "INSERT INTO progress_updates (item_kind, item_id, body, posted_on, staff_id) "
	    "SELECT 'activity', a.id, '（测试）活动进展', CURDATE() - INTERVAL 80 DAY, a.created_by "
	    "FROM activities a WHERE a.slug = '" SLUG("upd") "';"
	    "INSERT INTO fund_pages (code, kind, person_name, display_name, title, story, goal_fen, "
	    "ends_on, region_code, state, created_at) VALUES "
	    "('" PAGE("ENDX") "', 'programme', '测试', '测试', '测试未结项页面', 'x', 100000, "
	    "CURDATE() - INTERVAL 100 DAY, '422823', 'ended', NOW() - INTERVAL 300 DAY), "
	    "('" PAGE("ENDD") "', 'programme', '测试', '测试', '测试已结项页面', 'x', 100000, "
	    "CURDATE() - INTERVAL 100 DAY, '422823', 'ended', NOW() - INTERVAL 300 DAY);"
	    "INSERT INTO progress_updates (item_kind, item_id, body, final, posted_on, staff_id) "
	    "SELECT 'page', p.id, '（测试）结项报告', 1, CURDATE() - INTERVAL 50 DAY, "
	    "(SELECT id FROM staff WHERE username = 'province') FROM fund_pages p "
	    "WHERE p.code = '" PAGE("ENDD") "';"
	    "INSERT INTO disclosure_docs (kind, title, activity_id, name, bytes, uploaded_by) "
	    "SELECT 'plan', '" ACT_DOC "', a.id, CONCAT(LPAD(FLOOR(RAND() * 1e12), 24, '0'), '.pdf'), "
	    "1, a.created_by FROM activities a WHERE a.slug = '" SLUG("late") "';");
}

/* Whether the page r shows the text, as want says. */
#define SHOWS(r, text, want) \
	ck_assert_msg((body_has(r, text) != 0) == (want), "%s %s", want ? "lacks" : "shows", text)

START_TEST(due_and_overdue_items_are_listed_in_reach)
{
	struct browser county, prov;
	struct resp r;
	char late_due[16], soon_due[16], page_due[16];

	items();
	snprintf(late_due, sizeof late_due, "%s", admin_sql_line("SELECT starts_on + INTERVAL 3 MONTH "
	         "FROM activities WHERE slug = '" SLUG("late") "'"));
	snprintf(soon_due, sizeof soon_due, "%s", admin_sql_line("SELECT starts_on + INTERVAL 3 MONTH "
	         "FROM activities WHERE slug = '" SLUG("soon") "'"));
	snprintf(page_due, sizeof page_due, "%s", admin_sql_line("SELECT ends_on + INTERVAL 3 MONTH "
	         "FROM fund_pages WHERE code = '" PAGE("ENDX") "'"));
	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	ck_assert_int_eq(b_get(&county, "/admin/disclosure", &r), 0);
	ck_assert_int_eq(r.status, 200);
	SHOWS(&r, "测试逾期活动", 1);
	SHOWS(&r, late_due, 1);
	SHOWS(&r, "已逾期", 1);
	SHOWS(&r, "测试将到期活动", 1);
	SHOWS(&r, soon_due, 1);
	SHOWS(&r, "测试未结项页面", 1);
	SHOWS(&r, page_due, 1);
	SHOWS(&r, "结项报告", 1);
	SHOWS(&r, "测试已更新活动", 0);
	SHOWS(&r, "测试有进展活动", 1);
	SHOWS(&r, admin_sql_line("SELECT CURDATE() - INTERVAL 80 DAY"), 1);
	SHOWS(&r, "测试已结项页面", 0);
	SHOWS(&r, "测试武昌活动", 0);
	resp_free(&r);
	ck_assert_int_eq(b_staff(&prov, "province"), 303);
	ck_assert_int_eq(b_get(&prov, "/admin/disclosure", &r), 0);
	SHOWS(&r, "测试武昌活动", 1);
	SHOWS(&r, "测试逾期活动", 1);
	resp_free(&r);
	/* The public page: each running item's last update, or none yet. */
	ck_assert_int_eq(http_get("/disclosure", &r), 0);
	SHOWS(&r, "测试已更新活动", 1);
	SHOWS(&r, admin_sql_line("SELECT CURDATE() - INTERVAL 10 DAY"), 1);
	SHOWS(&r, "测试逾期活动", 1);
	SHOWS(&r, "测试已结项页面", 0);
	/* Each activity's 备案编号 and its plan, named for it. */
	SHOWS(&r, "备案编号 " FILING, 1);
	SHOWS(&r, ACT_DOC, 1);
	resp_free(&r);
	browser_free(&prov);
	browser_free(&county);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_disclosure");
	TCase *t = tcase_create("disclosure");

	tcase_set_timeout(t, 180);
	tcase_add_unchecked_fixture(t, cleanup, cleanup);
	tcase_add_test(t, a_pdf_is_listed_and_served);
	tcase_add_test(t, what_is_not_a_pdf_or_too_big_is_refused);
	tcase_add_test(t, a_programme_update_shows_with_its_date);
	tcase_add_test(t, due_and_overdue_items_are_listed_in_reach);
	suite_add_tcase(s, t);
	return s;
}
