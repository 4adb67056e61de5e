/*
 * http_reports.c — 举报: a report on each kind of public page (the home page, a child's, a themed
 * activity's, a personal page's; an unknown one is 404), anonymous or with a contact sealed at
 * rest and never logged, due in 5 working days; the ticket's status page; the limit per network
 * (429); staff in reach answer it (another county's is 404, a volunteer 403); pausing the page or
 * activity it is about tells its donors; overdue reports on the dashboard.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "client.h"

#define PW "tongxiang-demo"
/* The fixtures: a public child of 巴东县, a live activity and a live personal page there. */
#define KID       "TR00000001"
#define ACT_SLUG  "rpt-test-activity"
#define PAGE_CODE "RPT0TEST"
#define ACT_TITLE "举报测试活动"
#define PAGE_TITLE "举报测试页面"
#define OUT_PAGE  "RPT0WCH1"
#define BODY      "（测试）举报测试的描述"
#define CONTACT   "13900007777"

static void cleanup(void)
{
	admin_sql("DELETE FROM reports WHERE body LIKE '（测试）%' OR item LIKE 'page:RPT0%' "
	          "OR item = 'activity:" ACT_SLUG "';"
	          "DELETE FROM outbox WHERE subject LIKE '%举报测试%';"
	          "DELETE FROM donations WHERE page_id IN (SELECT id FROM fund_pages "
	          "  WHERE code LIKE 'RPT0%') OR activity_id IN (SELECT id FROM activities "
	          "  WHERE slug = '" ACT_SLUG "');"
	          "DELETE FROM fund_pages WHERE code LIKE 'RPT0%';"
	          "DELETE FROM activities WHERE slug = '" ACT_SLUG "';", NULL);
	fixture_delete(KID);
}

static void setup(void)
{
	struct fixture_child ch = {
		KID, "测试·举报", "f", "2013-05-06", "422823", "ill", "（虚构）举报测试用的故事。",
		"waiting", 1, "虚构·举报真名", "HRPT-1", "虚构监护人 13900000000",
	};

	cleanup();
	ck_assert_int_eq(fixture_insert(&ch), 0);
	admin_sql_okf("INSERT INTO activities (slug, title, story, goal_fen, starts_on, ends_on, "
	              "region_code, state, created_by) SELECT '" ACT_SLUG "', '" ACT_TITLE "', 'x', "
	              "100000, CURDATE(), CURDATE() + INTERVAL 30 DAY, '422823', 'live', id "
	              "FROM staff WHERE username = 'province';"
	              "INSERT INTO fund_pages (code, kind, person_name, display_name, title, story, "
	              "goal_fen, ends_on, region_code, state) VALUES "
	              "('" PAGE_CODE "', 'programme', '测试', '测试', '" PAGE_TITLE "', 'x', 100000, "
	              "CURDATE() + INTERVAL 30 DAY, '422823', 'live'), "
	              "('" OUT_PAGE "', 'programme', '测试', '测试', '武昌的页面', 'x', 100000, "
	              "CURDATE() + INTERVAL 30 DAY, '420106', 'live');");
}

/* File a report on item as b (a contact if reach): the page says the ticket; its id. */
static long long file(struct browser *b, const char *item, const char *reach)
{
	char path[128], form[512];

	snprintf(path, sizeof path, "/report?item=%s", item);
	b_expect(b, path, NULL, 200, "提交举报");
	snprintf(form, sizeof form, "item=%s&problem=fraud&text=" BODY "%s%s", item,
	         reach ? "&reach=" : "", reach ? reach : "");
	b_expect(b, "/report", form, 200, "您的查询码是");
	return atoll(admin_sql_line("SELECT MAX(id) FROM reports WHERE item = '%s'", item));
}

START_TEST(each_kind_of_page_can_be_reported)
{
	static const struct { const char *item, *region; } ITEMS[] = {
		{ "home", "NULL" }, { "child:" KID, "422823" }, { "activity:" ACT_SLUG, "422823" },
		{ "page:" PAGE_CODE, "422823" },
	};
	struct browser b;

	browser_init(&b);
	for (size_t i = 0; i < sizeof ITEMS / sizeof ITEMS[0]; i++) {
		long long id = file(&b, ITEMS[i].item, NULL);

		ck_assert_msg(id > 0, "no report on %s", ITEMS[i].item);
		ck_assert_str_eq(admin_sql_line("SELECT CONCAT_WS(' ', COALESCE(region_code, 'NULL'), state, "
		                     "reach IS NULL, kind) FROM reports WHERE id = %lld", id),
		                 admin_sql_line("SELECT CONCAT_WS(' ', '%s', 'open', 1, 'fraud')",
		                     ITEMS[i].region));
		/* 5 working days after today: a week at least, never more than a holiday's length. */
		ck_assert_str_eq(admin_sql_line("SELECT due_on BETWEEN CURDATE() + INTERVAL 7 DAY AND "
		                     "CURDATE() + INTERVAL 20 DAY FROM reports WHERE id = %lld", id),
		                 "1");
	}
	/* What does not exist, or is not public, cannot be reported; nothing is written. */
	b_expect(&b, "/report?item=page:ZZZZZZZZ", NULL, 404, "找不到要举报的页面");
	b_expect(&b, "/report?item=activity:no-such-activity", NULL, 404, NULL);
	b_expect(&b, "/report?item=child:TR0000000Z", NULL, 404, NULL);
	b_expect(&b, "/report", "item=page:ZZZZZZZZ&problem=fraud&text=" BODY, 404, NULL);
	b_expect(&b, "/report?item=elsewhere", NULL, 400, NULL);
	b_expect(&b, "/report", "item=home&problem=nonsense&text=" BODY, 400, "请选择问题类型");
	ck_assert_str_eq(admin_sql_line("SELECT COUNT(*) FROM reports WHERE item = 'page:ZZZZZZZZ'"), "0");
	browser_free(&b);
}
END_TEST

/* The contact is sealed in the table, and neither it nor the description reaches the log. */
START_TEST(a_contact_is_sealed_and_never_logged)
{
	struct browser b;
	char cmd[512], line[64];
	FILE *p;
	int hits = 0;
	long long id;

	browser_init(&b);
	id = file(&b, "home", CONTACT);
	ck_assert_str_eq(admin_sql_line("SELECT reach IS NOT NULL AND LOCATE('" CONTACT "', reach) = 0 "
	                     "FROM reports WHERE id = %lld", id), "1");
	snprintf(cmd, sizeof cmd, "grep -c -e '%s' -e '%s' %s/log/*.log || true", CONTACT, BODY,
	         getenv("TX_VAR"));
	p = popen(cmd, "r");
	while (p && fgets(line, sizeof line, p))
		hits += atoi(strchr(line, ':') ? strchr(line, ':') + 1 : line);
	ck_assert_int_eq(p ? pclose(p) : -1, 0);
	ck_assert_msg(hits == 0, "the contact or the description is in a log (%d lines)", hits);
	/* The province's staff read it opened on the report's page. */
	browser_free(&b);
	ck_assert_int_eq(b_staff(&b, "province"), 303);
	snprintf(cmd, sizeof cmd, "/admin/reports/%lld", id);
	b_expect(&b, cmd, NULL, 200, CONTACT);
	browser_free(&b);
}
END_TEST

/* The ticket shows the state, the due day and the answer, and nothing else of the report. */
START_TEST(the_ticket_shows_the_state_and_the_answer)
{
	struct browser b, staff;
	char path[128], ticket[16], due[16], form[64];
	long long id;

	browser_init(&b);
	id = file(&b, "child:" KID, NULL);
	snprintf(ticket, sizeof ticket, "%s", admin_sql_line("SELECT ticket FROM reports WHERE id = %lld", id));
	snprintf(due, sizeof due, "%s", admin_sql_line("SELECT due_on FROM reports WHERE id = %lld", id));
	snprintf(path, sizeof path, "/report/status?ticket=%s", ticket);
	b_expect(&b, path, NULL, 200, "处理中");
	b_expect(&b, path, NULL, 200, due);
	{
		struct resp r;

		ck_assert_int_eq(http_get(path, &r), 0);
		ck_assert_int_eq(r.status, 200);
		ck_assert_msg(!body_has(&r, BODY), "the status page shows the description");
		resp_free(&r);
	}
	b_expect(&b, "/report/status?ticket=000000000000", NULL, 404, "没有找到这个查询码");
	b_expect(&b, "/report/status?ticket=short", NULL, 400, NULL);
	b_expect(&b, "/report/status", NULL, 200, "查询码");

	ck_assert_int_eq(b_staff(&staff, "badong"), 303);
	snprintf(path, sizeof path, "/admin/reports/%lld", id);
	b_expect(&staff, path, NULL, 200, BODY);
	snprintf(path, sizeof path, "/admin/reports/%lld/answer", id);
	snprintf(form, sizeof form, "text=已核实，谢谢。");
	b_expect(&staff, path, form, 303, NULL);
	b_expect(&staff, path, form, 409, "已经答复过了");
	snprintf(path, sizeof path, "/admin/reports/%lld", id);
	b_expect(&staff, path, NULL, 200, "已核实，谢谢。");
	ck_assert_str_eq(admin_sql_line("SELECT COUNT(*) FROM audit_log WHERE object_type = 'report' AND "
	                     "object_id = '%lld'", id), "1");
	snprintf(path, sizeof path, "/report/status?ticket=%s", ticket);
	b_expect(&b, path, NULL, 200, "已核实，谢谢。");
	b_expect(&b, path, NULL, 200, "已答复");
	browser_free(&staff);
	browser_free(&b);
}
END_TEST

/* One network files at most 5 reports in 15 minutes: the 6th is refused and written nowhere. */
START_TEST(a_network_is_limited)
{
	struct browser b;
	long long before;

	browser_init(&b);
	for (int i = 0; i < 5; i++)
		file(&b, "home", NULL);
	before = atoll(admin_sql_line("SELECT COUNT(*) FROM reports"));
	b_expect(&b, "/report", "item=home&problem=other&text=" BODY, 429, "太多");
	ck_assert_int_eq(atoll(admin_sql_line("SELECT COUNT(*) FROM reports")), before);
	browser_free(&b);
}
END_TEST

/* Staff of the report's region answer it; another county's staff do not find it, volunteers may not. */
START_TEST(staff_in_reach_answer_it)
{
	struct browser b, badong, enshi, vol, prov;
	char path[128];
	long long in, out;

	browser_init(&b);
	in = file(&b, "page:" PAGE_CODE, NULL);
	out = file(&b, "page:" OUT_PAGE, NULL);
	ck_assert_int_eq(b_staff(&badong, "badong"), 303);
	ck_assert_int_eq(b_staff(&enshi, "enshi"), 303);
	ck_assert_int_eq(b_staff(&vol, "badong-volunteer"), 303);
	ck_assert_int_eq(b_staff(&prov, "province"), 303);
	snprintf(path, sizeof path, "/admin/reports/%lld", out);
	b_expect(&badong, path, NULL, 404, NULL);
	b_expect(&enshi, path, NULL, 404, NULL);
	b_expect(&vol, path, NULL, 403, NULL);
	b_expect(&prov, path, NULL, 200, OUT_PAGE);
	b_expect(&badong, "/admin/reports", NULL, 200, PAGE_CODE);
	b_expect(&vol, "/admin/reports", NULL, 403, NULL);
	snprintf(path, sizeof path, "/admin/reports/%lld/answer", out);
	b_expect(&badong, path, "text=no", 404, NULL);
	b_expect(&vol, path, "text=no", 403, NULL);
	snprintf(path, sizeof path, "/admin/reports/%lld/answer", in);
	b_expect(&enshi, path, "text=恩施州已处理。", 303, NULL);
	ck_assert_str_eq(admin_sql_line("SELECT CONCAT(state, ' ', answer) FROM reports WHERE id = %lld", in),
	                 "answered 恩施州已处理。");
	ck_assert_str_eq(admin_sql_line("SELECT state FROM reports WHERE id = %lld", out), "open");
	browser_free(&prov);
	browser_free(&vol);
	browser_free(&enshi);
	browser_free(&badong);
	browser_free(&b);
}
END_TEST

/* A gift of 50 yuan by the demo donor to the page or activity (what pausing tells). */
static void gift(const char *col, const char *where)
{
	admin_sql_okf("INSERT INTO donations (amount_fen, status, purpose, paid_at, provider, "
	              "donor_id, %s, receipt_year, receipt_seq, receipt_code) SELECT 5000, 'paid', "
	              "'general', NOW(), 'demo', d.id, x.id, 1997, 800000 + FLOOR(RAND() * 1e8), "
	              "'REPORTREPORTREP0' FROM donors d, %s x WHERE d.login = 'demo@example.com'",
	              col, where);
}

/* Pausing from a report pauses the page or the activity, records it, and tells its donors. */
START_TEST(pausing_from_a_report_tells_the_donors)
{
	struct browser b, staff;
	char path[128];
	long long page, act;

	gift("page_id", "(SELECT id FROM fund_pages WHERE code = '" PAGE_CODE "')");
	gift("activity_id", "(SELECT id FROM activities WHERE slug = '" ACT_SLUG "')");
	browser_init(&b);
	page = file(&b, "page:" PAGE_CODE, NULL);
	act = file(&b, "activity:" ACT_SLUG, NULL);
	ck_assert_int_eq(b_staff(&staff, "badong"), 303);
	snprintf(path, sizeof path, "/admin/reports/%lld", page);
	b_expect(&staff, path, NULL, 200, "暂停这项募捐");
	snprintf(path, sizeof path, "/admin/reports/%lld/pause-item", page);
	b_expect(&staff, path, "reason=举报测试：核实中", 303, NULL);
	ck_assert_str_eq(admin_sql_line("SELECT CONCAT(state, ' ', review_note) FROM fund_pages "
	                     "WHERE code = '" PAGE_CODE "'"), "paused 举报测试：核实中");
	ck_assert_str_eq(admin_sql_line("SELECT paused_at IS NOT NULL FROM reports WHERE id = %lld", page),
	                 "1");
	ck_assert_str_eq(admin_sql_line("SELECT COUNT(*) FROM outbox WHERE recipient = 'demo@example.com' "
	                     "AND subject LIKE '%%" PAGE_TITLE "%%' AND body LIKE '%%核实中%%'"),
	                 "1");
	/* Paused already: a conflict, and nobody is told twice. */
	b_expect(&staff, path, "reason=举报测试：再次", 409, NULL);
	snprintf(path, sizeof path, "/admin/reports/%lld/pause-item", act);
	b_expect(&staff, path, "reason=举报测试：活动核实中", 303, NULL);
	ck_assert_str_eq(admin_sql_line("SELECT state FROM activities WHERE slug = '" ACT_SLUG "'"), "paused");
	snprintf(path, sizeof path, "/admin/reports/%lld", act);
	b_expect(&staff, path, NULL, 200, "根据这条举报暂停");
	ck_assert_str_eq(admin_sql_line("SELECT COUNT(*) FROM outbox WHERE recipient = 'demo@example.com' "
	                     "AND subject LIKE '%%" ACT_TITLE "%%'"), "1");
	/* A report about the home page (the province's) has nothing to pause. */
	browser_free(&staff);
	ck_assert_int_eq(b_staff(&staff, "province"), 303);
	snprintf(path, sizeof path, "/admin/reports/%lld/pause-item", file(&b, "home", NULL));
	b_expect(&staff, path, "reason=x", 409, "无法暂停");
	browser_free(&staff);
	browser_free(&b);
}
END_TEST

/* An open report past its due day is counted on the dashboard of the staff who reach it. */
START_TEST(overdue_reports_are_on_the_dashboard)
{
	struct browser badong;
	char want[64];
	long long n;

	admin_sql_okf("INSERT INTO reports (ticket, item, region_code, kind, body, net_hash, filed_at, "
	              "due_on) VALUES ('RPT0VERDUE01', 'child:" KID "', '422823', 'other', "
	              "'（测试）逾期', RANDOM_BYTES(32), NOW() - INTERVAL 20 DAY, "
	              "CURDATE() - INTERVAL 3 DAY)");
	n = atoll(admin_sql_line("SELECT COUNT(*) FROM reports r WHERE r.state = 'open' AND r.due_on < CURDATE() "
	              "AND r.region_code = '422823'"));
	ck_assert_int_ge(n, 1);
	snprintf(want, sizeof want, "%lld 条举报逾期未答复", n);
	ck_assert_int_eq(b_staff(&badong, "badong"), 303);
	b_expect(&badong, "/admin", NULL, 200, want);
	b_expect(&badong, "/admin/reports?list_state=open", NULL, 200, "RPT0VERDUE01");
	b_expect(&badong, "/admin/reports?list_state=open", NULL, 200, "已逾期");
	b_expect(&badong, "/admin/reports?list_state=nonsense", NULL, 400, NULL);
	/* Answered, it is no longer overdue. */
	admin_sql_okf("UPDATE reports SET state = 'answered', answer = 'x' "
	              "WHERE ticket = 'RPT0VERDUE01'");
	snprintf(want, sizeof want, "%lld 条举报逾期未答复", n - 1);
	if (n > 1)
		b_expect(&badong, "/admin", NULL, 200, want);
	else
		b_expect(&badong, "/admin", NULL, 200, "工作台");
	browser_free(&badong);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_reports");
	TCase *t = tcase_create("reports");

	tcase_set_timeout(t, 180);
	tcase_add_unchecked_fixture(t, setup, cleanup);
	tcase_add_test(t, each_kind_of_page_can_be_reported);
	tcase_add_test(t, a_contact_is_sealed_and_never_logged);
	tcase_add_test(t, the_ticket_shows_the_state_and_the_answer);
	tcase_add_test(t, a_network_is_limited);
	tcase_add_test(t, staff_in_reach_answer_it);
	tcase_add_test(t, pausing_from_a_report_tells_the_donors);
	tcase_add_test(t, overdue_reports_are_on_the_dashboard);
	suite_add_tcase(s, t);
	return s;
}
