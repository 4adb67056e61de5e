/*
 * http_renewals.c — a sponsorship's later years: the next year's pledge written 30 days before a
 * year ends, reminders at 30/7/0 days (annual) and 3/0 (monthly) each sent once however many
 * sweeps race, a lapse after the grace days and the payment that revives it, the county's
 * decision (wait; end, refused while payouts are open, the child listed again with 曾获资助), and
 * the donor stopping a sponsorship. Dates are moved with SQL, never waited for.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "client.h"
#include "config.h"
#include "core/actor.h"
#include "core/renewals.h"
#include "db.h"

#define PW      "renewals-test-pw"
#define STORY   "（虚构）续捐测试用的故事。"
#define SWEEPS  4                  /* sweeps racing, each on its own connection */
#define RENEW   "下一年度的助养"
#define REMIND  "助养款付款提醒"
#define LAPSED  "助养款逾期未付"
#define ENDED   "结对结束"
/* 家里有变化, as a browser sends it */
#define REASON  "reason=%E5%AE%B6%E9%87%8C%E6%9C%89%E5%8F%98%E5%8C%96"
/* A query's one number (client.h). */
#define SQL admin_sql_numf
#define CHILD_ID "(SELECT id FROM children WHERE code = '%s')"

/*
 * A year's instalment a test writes as the sweep writes it: the workers' sweep (every second) may
 * have written it first, once the pairing's year is near its end, and then it only gets the
 * test's due date.
 */
#define SWEPT_TOO "ON DUPLICATE KEY UPDATE due_date = VALUES(due_date)"

static void child(const char *code)
{
	char id[32];
	struct fixture_child ch = {
		code, "测试·续捐", "f", "2013-06-07", "422823", "ill", STORY, "waiting", 1,
		"虚构·续捐真名", id, "虚构监护人 13900000004",
	};

	snprintf(id, sizeof id, "HRN-%s", code);
	fixture_delete(code);
	ck_assert_msg(fixture_insert(&ch) == 0, "fixture %s not inserted", code);
}

/* A new signed-up donor in browser b; their id, and their login into login. */
static long long donor(struct browser *b, char login[96])
{
	static int k;

	snprintf(login, 96, "hrn-%ld-%d-%d@example.com", (long)time(NULL), (int)getpid(), k++);
	browser_init(b);
	ck_assert_msg(b_signup(b, login, PW, "续捐测试") == 303, "signup of %s failed", login);
	return SQL("SELECT id FROM donors WHERE login = '%s'", login);
}

/*
 * The child paired with donor on plan (annual | monthly), active: the year's instalments written
 * as checkout writes them, the first due `first` days from today (negative: ago), the first paid
 * of them paid (a donation each, in a long-gone receipt year). Returns the sponsorship's id.
 */
static long long paired(const char *code, long long d, const char *plan, int first, int paid)
{
	int monthly = strcmp(plan, "monthly") == 0, n = monthly ? 12 : 1;
	long long sid = fixture_pair(code, d, "2024-01-01");

	ck_assert_int_gt(sid, 0);
	SQL("UPDATE sponsorships SET plan = '%s' WHERE id = %lld; SELECT 1", plan, sid);
	/*
	 * Written due far ahead, paid, and only then given their due dates in one statement: the
	 * workers' own sweep runs every second, and an instalment past due and not yet paid would
	 * make the sponsorship lapse in between.
	 */
	for (int k = 1; k <= n; k++)
		SQL("INSERT INTO instalments (sponsorship_id, seq, amount_fen, due_date) "
		    "VALUES (%lld, %d, %d, CURDATE() + INTERVAL 400 DAY + INTERVAL %d MONTH); "
		    "SELECT 1", sid, k, 300000 / n, k - 1);
	for (int k = 1; k <= paid; k++)
		SQL("INSERT INTO donations (amount_fen, status, purpose, paid_at, donor_id, "
		    "sponsorship_id, instalment_seq, receipt_year, receipt_seq, receipt_code) "
		    "VALUES (%d, 'paid', 'sponsorship', NOW(), %lld, %lld, %d, 1998, "
		    "%lld * 100 + %d, 'RENEWALSRENEWALS'); "
		    "UPDATE instalments SET donation_id = LAST_INSERT_ID() "
		    "WHERE sponsorship_id = %lld AND seq = %d; SELECT 1",
		    300000 / n, d, sid, k, sid, k, sid, k);
	SQL("UPDATE instalments SET due_date = CURDATE() + INTERVAL %d DAY + INTERVAL (seq - 1) MONTH "
	    "WHERE sponsorship_id = %lld; SELECT 1", first, sid);
	return sid;
}

/* Every due date of the sponsorship moved days earlier: as if that many days had passed. */
static void days_pass(long long sid, int days)
{
	SQL("UPDATE instalments SET due_date = due_date - INTERVAL %d DAY "
	    "WHERE sponsorship_id = %lld; SELECT 1", days, sid);
}

/* The messages to login with subject so far. */
static long long told(const char *login, const char *subject)
{
	return SQL("SELECT COUNT(*) FROM outbox WHERE recipient = '%s' AND subject = '%s'",
	           login, subject);
}

/* One sweep of renewals, as a worker runs it (on a connection of its own). */
static int sweep(void)
{
	return sweep_with(renewals_sweep);
}

/* SWEEPS sweeps at once, as on several hosts (the workers sweep as well). */
static void race(void)
{
	ck_assert_int_eq(race_processes(SWEEPS, sweep), SWEEPS);
}

/* days pass for the sponsorship, and sweeps race twice. */
static void later(long long sid, int days)
{
	days_pass(sid, days);
	race();
	race();
}

static long long state_is(long long sid, const char *state)
{
	return SQL("SELECT state = '%s' FROM sponsorships WHERE id = %lld", state, sid);
}

/* GET path in b: its status, and whether the page shows text. */
static int shows(struct browser *b, const char *path, long status, const char *text)
{
	struct resp r;
	int has;

	ck_assert_int_eq(b_get(b, path, &r), 0);
	ck_assert_msg(r.status == status, "%s: %ld, not %ld", path, r.status, status);
	has = text && body_has(&r, text);
	resp_free(&r);
	return has;
}

/* POST form to path in b (after getting from, for its CSRF token): the status. */
static long post(struct browser *b, const char *from, const char *path, const char *form)
{
	struct resp r;
	long status;

	ck_assert_int_eq(b_get(b, from, &r), 0);
	resp_free(&r);
	ck_assert_int_eq(b_post(b, path, form, &r), 0);
	status = r.status;
	resp_free(&r);
	return status;
}

START_TEST(annual_renewal_and_reminders_once)
{
	struct browser b;
	char login[96];
	long long sid;

	child("RN00000001");
	/* Year 1 ends in 31 days: not yet. */
	sid = paired("RN00000001", donor(&b, login), "annual", -334, 1);
	race();
	ck_assert_int_eq(SQL("SELECT COUNT(*) FROM instalments WHERE sponsorship_id = %lld",
	                     sid), 1);
	/* 30 days before: year 2 written once, due the day year 1 ends, and told once. */
	later(sid, 1);
	ck_assert_int_eq(SQL("SELECT COUNT(*) FROM instalments WHERE sponsorship_id = %lld "
	                     "AND seq = 2 AND amount_fen = 300000 AND donation_id IS NULL "
	                     "AND due_date = CURDATE() + INTERVAL 30 DAY", sid), 1);
	ck_assert_int_eq(told(login, RENEW), 1);
	ck_assert_int_eq(told(login, REMIND), 0);
	ck_assert_int_eq(SQL("SELECT body LIKE '%%/me%%' FROM outbox WHERE recipient = '%s'"
	                     " AND subject = '" RENEW "'", login), 1);
	/* /me has the pay button for it. */
	ck_assert(shows(&b, "/me", 200, "支付这一期"));
	/* 7 days before, then on the day: one reminder each. */
	later(sid, 22);
	ck_assert_int_eq(told(login, REMIND), 0);
	later(sid, 1);
	ck_assert_int_eq(told(login, REMIND), 1);
	later(sid, 7);
	ck_assert_int_eq(told(login, REMIND), 2);
	ck_assert_int_eq(SQL("SELECT body LIKE '%%今天%%' FROM outbox WHERE recipient = '%s' "
	                     "ORDER BY id DESC LIMIT 1", login), 1);
	ck_assert_int_eq(SQL("SELECT GROUP_CONCAT(kind ORDER BY kind) = "
	                     "'renew,before30,before7,due' FROM reminders "
	                     "WHERE sponsorship_id = %lld", sid), 1);
	ck_assert_int_eq(told(login, RENEW), 1);
	ck_assert(state_is(sid, "active"));
	browser_free(&b);
}
END_TEST

START_TEST(monthly_reminders_and_renewal)
{
	struct browser b;
	char login[96];
	long long sid;

	child("RN00000002");
	/* Month 2 is due in 4 days, then 3, then today. */
	sid = paired("RN00000002", donor(&b, login), "monthly", 4, 1);
	SQL("UPDATE instalments SET due_date = due_date - INTERVAL 1 MONTH "
	    "WHERE sponsorship_id = %lld; SELECT 1", sid);
	race();
	ck_assert_int_eq(told(login, REMIND), 0);
	later(sid, 1);
	ck_assert_int_eq(told(login, REMIND), 1);
	later(sid, 3);
	ck_assert_int_eq(told(login, REMIND), 2);
	ck_assert_int_eq(SQL("SELECT GROUP_CONCAT(kind ORDER BY kind) = 'before3,due' FROM "
	                     "reminders WHERE sponsorship_id = %lld AND seq = 2", sid), 1);
	browser_free(&b);

	/* A monthly year paid in full, ending in 30 days: the next twelve months, told once. */
	child("RN00000003");
	sid = paired("RN00000003", donor(&b, login), "monthly", 30, 12);
	SQL("UPDATE instalments SET due_date = due_date - INTERVAL 1 YEAR "
	    "WHERE sponsorship_id = %lld; SELECT 1", sid);
	race();
	race();
	ck_assert_int_eq(SQL("SELECT COUNT(*) FROM instalments WHERE sponsorship_id = %lld "
	                     "AND seq BETWEEN 13 AND 24 AND amount_fen = 25000", sid), 12);
	ck_assert_int_eq(SQL("SELECT COUNT(*) FROM instalments WHERE sponsorship_id = %lld "
	                     "AND seq = 13 AND due_date = CURDATE() + INTERVAL 30 DAY", sid),
	      1);
	ck_assert_int_eq(told(login, RENEW), 1);
	browser_free(&b);
}
END_TEST

/* Pay the sponsorship's next instalment as its donor, through the sandbox. */
static void pay_next(struct browser *b, long long sid)
{
	char path[96], order[64];
	struct resp r;
	const char *loc;

	snprintf(path, sizeof path, "/me/sponsorships/%lld/pay", sid);
	ck_assert_int_eq(b_get(b, "/me", &r), 0);
	resp_free(&r);
	ck_assert_int_eq(b_post(b, path, "", &r), 0);
	ck_assert_msg(r.status == 303, "%s: %ld", path, r.status);
	loc = resp_location(&r, order, sizeof order);
	ck_assert_msg(loc && strncmp(order, "/pay/sandbox/", 13) == 0, "sent to %s", order);
	resp_free(&r);
	ck_assert_int_eq(b_get(b, order, &r), 0);
	resp_free(&r);
	snprintf(path, sizeof path, "%s/pay", order);
	ck_assert_int_eq(b_post(b, path, "", &r), 0);
	ck_assert_msg(r.status == 303, "%s: %ld", path, r.status);
	resp_free(&r);
	snprintf(path, sizeof path, "/pay/return/%s", order + 13);
	ck_assert(shows(b, path, 200, "支付成功"));
}

START_TEST(lapse_after_grace_and_payment_revives)
{
	struct browser b;
	char login[96];
	long long sid;

	child("RN00000004");
	sid = paired("RN00000004", donor(&b, login), "annual", -365 - 29, 1);
	/* Year 2 (written as the sweep writes it) unpaid 29 days: still active. */
	SQL("INSERT INTO instalments (sponsorship_id, seq, amount_fen, due_date) "
	    "VALUES (%lld, 2, 300000, CURDATE() - INTERVAL 29 DAY) " SWEPT_TOO "; SELECT 1", sid);
	race();
	ck_assert(state_is(sid, "active"));
	/* 30 days: lapsing, the donor told once. */
	later(sid, 1);
	ck_assert(state_is(sid, "lapsing"));
	ck_assert_int_eq(SQL("SELECT lapsing_since = CURDATE() FROM sponsorships "
	                     "WHERE id = %lld", sid), 1);
	ck_assert_int_eq(told(login, LAPSED), 1);
	ck_assert(shows(&b, "/me", 200, "逾期未续"));
	ck_assert(shows(&b, "/me", 200, "支付这一期"));
	/* Paid: active again, in the payment's transaction. */
	pay_next(&b, sid);
	ck_assert(state_is(sid, "active"));
	ck_assert_int_eq(SQL("SELECT CONCAT(COUNT(donation_id), COUNT(*)) FROM instalments "
	                     "WHERE sponsorship_id = %lld", sid), 22);
	ck_assert_int_eq(SQL("SELECT lapsing_since IS NULL FROM sponsorships "
	                     "WHERE id = %lld", sid), 1);
	ck_assert_int_eq(SQL("SELECT COUNT(*) FROM donations WHERE sponsorship_id = %lld "
	                     "AND refund_due = 1", sid), 0);
	race();
	ck_assert(state_is(sid, "active"));
	ck_assert_int_eq(told(login, LAPSED), 1);
	browser_free(&b);
}
END_TEST

/* A lapsing sponsorship of the child, its oldest unpaid instalment overdue days. */
static long long lapsing(const char *code, struct browser *b, char login[96], int days)
{
	long long sid = paired(code, donor(b, login), "annual", -365 - days, 1);

	SQL("UPDATE sponsorships SET state = 'lapsing', lapsing_since = CURDATE() "
	    "WHERE id = %lld; "
	    "INSERT INTO instalments (sponsorship_id, seq, amount_fen, due_date) "
	    "VALUES (%lld, 2, 300000, CURDATE() - INTERVAL %d DAY) " SWEPT_TOO "; SELECT 1",
	    sid, sid, days);
	return sid;
}

START_TEST(county_decides_wait_then_end)
{
	struct browser d, county, city;
	char login[96], path[96], action[128];
	long long sid;

	child("RN00000005");
	sid = lapsing("RN00000005", &d, login, 45);
	snprintf(path, sizeof path, "/admin/sponsorships/%lld/lapse", sid);
	snprintf(action, sizeof action, "action=\"%s\"", path);
	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	ck_assert_int_eq(b_staff(&city, "enshi"), 303);
	/* 45 days: listed, not yet to decide. */
	ck_assert(shows(&county, "/admin/lapsing", 200, "RN00000005"));
	ck_assert(!shows(&county, "/admin/lapsing", 200, action));
	ck_assert_int_eq(post(&county, "/admin/lapsing", path, "lapse_choice=end"), 409);
	/* 61 days: the county decides; the city sees it but may not. */
	days_pass(sid, 16);
	ck_assert(shows(&county, "/admin/lapsing", 200, action));
	ck_assert(shows(&city, "/admin/lapsing", 200, "RN00000005"));
	ck_assert_int_eq(post(&city, "/admin/lapsing", path, "lapse_choice=end"), 403);
	ck_assert_int_eq(post(&county, "/admin/lapsing", path, "lapse_choice=later"), 400);
	/* Wait: off the list to decide for 30 days. */
	ck_assert_int_eq(post(&county, "/admin/lapsing", path, "lapse_choice=wait"), 303);
	ck_assert_int_eq(SQL("SELECT wait_until = CURDATE() + INTERVAL 30 DAY FROM "
	                     "sponsorships WHERE id = %lld", sid), 1);
	ck_assert(state_is(sid, "lapsing"));
	ck_assert(!shows(&county, "/admin/lapsing", 200, action));
	/* The wait over; a payout still open refuses the end. */
	SQL("UPDATE sponsorships SET wait_until = CURDATE() WHERE id = %lld; "
	    "INSERT INTO payouts (ref, child_id, sponsorship_id, county_code, city_code, "
	    "period, amount_fen, method, created_by) VALUES (CONCAT('PRN', %lld), "
	    CHILD_ID ", %lld, '422823', '422800', '2026H1', 100000, 'cash', "
	    "(SELECT id FROM staff WHERE username = 'badong')); SELECT 1",
	    sid, sid, "RN00000005", sid);
	ck_assert(shows(&county, "/admin/lapsing", 200, action));
	ck_assert_int_eq(post(&county, "/admin/lapsing", path, "lapse_choice=end"), 409);
	ck_assert(state_is(sid, "lapsing"));
	/* Cancelled: the end goes through, the child is listed again marked 曾获资助. */
	SQL("UPDATE payouts SET state = 'cancelled' WHERE ref = CONCAT('PRN', %lld); "
	    "SELECT 1", sid);
	ck_assert(!shows(&d, "/children/RN00000005", 200, "曾获资助"));
	ck_assert_int_eq(post(&county, "/admin/lapsing", path, "lapse_choice=end"), 303);
	ck_assert(state_is(sid, "ended"));
	ck_assert_int_eq(SQL("SELECT CONCAT(status, sponsored_before) = 'waiting1' FROM "
	                     "children WHERE code = 'RN00000005'"), 1);
	ck_assert(shows(&d, "/children/RN00000005", 200, "曾获资助"));
	ck_assert(shows(&d, "/children?county=422823&sort=newest", 200, "曾获资助"));
	ck_assert_int_eq(told(login, ENDED), 1);
	ck_assert_int_eq(post(&county, "/admin/lapsing", path, "lapse_choice=end"), 404);
	browser_free(&d);
	browser_free(&county);
	browser_free(&city);
}
END_TEST

START_TEST(donor_stops)
{
	struct browser d, other, county;
	char login[96], other_login[96], path[96], link[128], pay[96];
	long long sid;

	child("RN00000006");
	/* Year 2 due in 40 days: no reminder yet (and the renewal written already). */
	sid = paired("RN00000006", donor(&d, login), "annual", -365 + 40, 1);
	SQL("INSERT INTO instalments (sponsorship_id, seq, amount_fen, due_date) "
	    "VALUES (%lld, 2, 300000, CURDATE() + INTERVAL 40 DAY) " SWEPT_TOO "; SELECT 1", sid);
	snprintf(path, sizeof path, "/me/sponsorships/%lld/stop", sid);
	snprintf(link, sizeof link, "href=\"%s\"", path);
	ck_assert(shows(&d, "/me", 200, link));
	/* An order opened for year 2, not paid. */
	snprintf(pay, sizeof pay, "/me/sponsorships/%lld/pay", sid);
	ck_assert_int_eq(post(&d, "/me", pay, ""), 303);
	ck_assert_int_eq(SQL("SELECT COUNT(*) FROM pay_orders WHERE sponsorship_id = %lld "
	                     "AND state = 'created'", sid), 1);
	/* Another donor: nothing there. */
	donor(&other, other_login);
	shows(&other, path, 404, NULL);
	ck_assert_int_eq(post(&other, "/me", path, "reason=x&agree=1"), 404);
	/* The reason and the tick are required. */
	ck_assert(shows(&d, path, 200, "停止续捐"));
	ck_assert_int_eq(post(&d, path, path, "agree=1"), 400);
	ck_assert_int_eq(post(&d, path, path, REASON), 400);
	ck_assert(state_is(sid, "active"));
	ck_assert_int_eq(post(&d, path, path, REASON "&agree=1"), 303);
	ck_assert(state_is(sid, "stopping"));
	ck_assert_int_eq(SQL("SELECT stop_reason = '家里有变化' AND stopped_at IS NOT NULL "
	                     "FROM sponsorships WHERE id = %lld", sid), 1);
	ck_assert_int_eq(SQL("SELECT COUNT(*) FROM pay_orders WHERE sponsorship_id = %lld "
	                     "AND state = 'created'", sid), 0);
	ck_assert_int_eq(SQL("SELECT COUNT(*) FROM pay_orders WHERE sponsorship_id = %lld "
	                     "AND state = 'closed'", sid), 1);
	/* Stopped: no reminders at 30, 7 or 0 days, nor a lapse, however often the sweep runs. */
	later(sid, 10);
	later(sid, 23);
	later(sid, 7);
	later(sid, 40);
	ck_assert(state_is(sid, "stopping"));
	ck_assert_int_eq(told(login, REMIND), 0);
	ck_assert_int_eq(told(login, LAPSED), 0);
	ck_assert_int_eq(SQL("SELECT COUNT(*) FROM reminders WHERE sponsorship_id = %lld",
	                     sid), 0);
	ck_assert_int_eq(post(&d, "/me", path, "reason=x&agree=1"), 409);
	/* The county sees it, with the reason, and an audit row names the stop. */
	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	ck_assert(shows(&county, "/admin/lapsing", 200, "家里有变化"));
	ck_assert_int_ge(SQL("SELECT COUNT(*) FROM audit_log WHERE object_id = '%lld' "
	                     "AND action LIKE 'sponsorship.%%stopping%%'", sid), 1);
	browser_free(&d);
	browser_free(&other);
	browser_free(&county);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_renewals");
	TCase *t = tcase_create("renewals");

	tcase_set_timeout(t, 120);
	tcase_add_test(t, annual_renewal_and_reminders_once);
	tcase_add_test(t, monthly_reminders_and_renewal);
	tcase_add_test(t, lapse_after_grace_and_payment_revives);
	tcase_add_test(t, county_decides_wait_then_end);
	tcase_add_test(t, donor_stops);
	suite_add_tcase(s, t);
	return s;
}
