/*
 * http_trail.c — the sponsor's fund trail (资金到人) on /me: payments received, paid payouts only
 * (凭证已核验 with a file), the balance the county holds; nothing of the family's bank or names;
 * not another donor's. The year-end statement's payouts, visits and programme totals. The daily
 * digest's payout news, once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "client.h"
#include "config.h"
#include "core/actor.h"
#include "core/trail.h"
#include "db.h"

#define PW       "trail-test-pw"
#define STORY    "（虚构）资金到人测试用的故事。"
#define REALNAME "虚构·资金真名"
#define GUARDIAN "虚构监护人甲某"
#define MASK     "6222 **** **** 1234"
#define KID_A    "TR00000001"
#define KID_B    "TR00000002"
#define KID_C    "TR00000003"
#define KID_D    "TR00000004"
#define KID_E    "TR00000005"
#define OLD_YEAR "2011"      /* the statement's year: only this test's money is in it */

/* A child's money rows (payouts, their files, its funds), which fixture_delete leaves, then it. */
static void forget(const char *code)
{
	char sql[640];

	snprintf(sql, sizeof sql, "SET @c = (SELECT id FROM children WHERE code = '%s');"
	         "DELETE f FROM payout_files f JOIN payouts p ON p.id = f.payout_id "
	         "WHERE p.child_id = @c;"
	         "DELETE FROM payouts WHERE child_id = @c;"
	         "DELETE FROM child_funds WHERE child_id = @c;"
	         "DELETE r FROM reminders r JOIN sponsorships s ON s.id = r.sponsorship_id "
	         "WHERE s.child_id = @c;", code);
	admin_sql(sql, NULL);
	fixture_delete(code);
}

static void child(const char *code)
{
	char id[32];
	struct fixture_child ch = {
		code, "测试·资金", "f", "2014-02-03", "422823", "ill", STORY, "waiting", 1,
		REALNAME, id, GUARDIAN,
	};

	snprintf(id, sizeof id, "HTR-%s", code);
	forget(code);
	ck_assert_msg(fixture_insert(&ch) == 0, "fixture %s not inserted", code);
	admin_sql_numf("UPDATE children SET bank_mask = '" MASK "' WHERE code = '%s'; SELECT 1",
	               code);
}

/* A new signed-up donor in browser b; their id, and their login into login. */
static long long donor(struct browser *b, char login[96])
{
	static int k;

	snprintf(login, 96, "htr-%ld-%d-%d@example.com", (long)time(NULL), (int)getpid(), k++);
	browser_init(b);
	ck_assert_msg(b_signup(b, login, PW, "资金测试") == 303, "signup of %s failed", login);
	return admin_sql_numf("SELECT id FROM donors WHERE login = '%s'", login);
}

static void page(struct browser *b, const char *path, long status, struct resp *r)
{
	ck_assert_int_eq(b_get(b, path, r), 0);
	ck_assert_msg(r->status == status, "%s: %ld, want %ld", path, r->status, status);
}

/* How many times needle is in the body. */
static int count_of(const struct resp *r, const char *needle)
{
	int n = 0;

	for (const char *at = r->body; at && (at = strstr(at, needle)); at += strlen(needle))
		n++;
	return n;
}

START_TEST(trail_shows_payments_paid_payouts_and_the_balance)
{
	struct browser b;
	struct resp r;
	char login[96], link[128];
	long long sid, gift;

	child(KID_A);
	sid = fixture_pair(KID_A, donor(&b, login), "2025-03-01");
	gift = fixture_gift(sid, 300000, "2025-03-01 10:00:00");
	fixture_gift(sid, 300000, "2026-03-01 10:00:00");
	fixture_payout(sid, "2025H1", 150000, 0, "paid", "2025-06-20", 1);
	fixture_payout(sid, "2025H2", 150000, 50000, "paid", "2025-12-20", 0);
	fixture_payout(sid, "2026H1", 150000, 0, "draft", NULL, 0);
	fixture_payout(sid, "2026H2", 150000, 0, "approved", NULL, 1);
	fixture_payout(sid, "2027H1", 150000, 0, "failed", NULL, 0);

	page(&b, "/me", 200, &r);
	ck_assert_msg(body_has(&r, "资金到人"), "no fund trail on /me");
	/* Received 6,000; paid out 3,000, of which the county advanced 500: it holds 3,500. */
	ck_assert(body_has(&r, "已收到您的善款 <b>6,000</b> 元"));
	ck_assert(body_has(&r, "已发放到孩子家庭 <b>3,000</b> 元"));
	ck_assert(body_has(&r, "区县慈善会为孩子结存 <b>3,500</b> 元"));
	ck_assert(body_has(&r, "区县慈善会垫付 500 元"));
	/* Each payment with its date and receipt link. */
	ck_assert(body_has(&r, "2025-03-01") && body_has(&r, "2026-03-01"));
	snprintf(link, sizeof link, "/receipts/2025-%06lld?code=TRAILTRAILTRAIL0",
	         admin_sql_numf("SELECT receipt_seq FROM donations WHERE id = %lld", gift));
	ck_assert_msg(body_has(&r, link), "no receipt link %s", link);
	/* The paid payouts: period, amount, method, date; evidence for the one with a file. */
	ck_assert(body_has(&r, "2025年上半年") && body_has(&r, "2025年下半年"));
	ck_assert(body_has(&r, "2025-06-20") && body_has(&r, "2025-12-20"));
	ck_assert(body_has(&r, "银行代发"));
	ck_assert_int_eq(count_of(&r, "凭证已核验"), 1);
	/* Nothing of payouts not paid, of the bank, of the family. */
	ck_assert_msg(!body_has(&r, "2026年上半年") && !body_has(&r, "2026年下半年") &&
	              !body_has(&r, "2027年上半年"), "an unpaid payout on /me");
	ck_assert(!body_has(&r, "户名与账号不符") && !body_has(&r, "BANKREF-TRAIL"));
	ck_assert(!body_has(&r, "6222") && !body_has(&r, GUARDIAN) && !body_has(&r, REALNAME));
	/* An active sponsorship offers 停止续捐. */
	snprintf(link, sizeof link, "href=\"/me/sponsorships/%lld/stop\"", sid);
	ck_assert_msg(body_has(&r, link), "no 停止续捐 link");
	resp_free(&r);
	browser_free(&b);
}
END_TEST

/* The core's answer for one sponsorship, as donor id asks. */
static int trail_as(long long donor_id, long long sid, struct trail_set *s, struct err *e)
{
	struct config cfg;
	struct db db;
	struct actor a = { .kind = ACTOR_DONOR, .id = donor_id };
	int rc;

	ck_assert_int_eq(instance_config(&cfg), 0);
	db_init(&db, &cfg);
	memset(s, 0, sizeof *s);
	rc = trail_of(&db, &a, sid, s, e);
	db_close(&db);
	config_free(&cfg);
	return rc;
}

START_TEST(another_donor_sees_nothing_of_the_trail)
{
	struct browser owner, other;
	struct resp r;
	struct trail_set s;
	struct err e;
	char login[96];
	long long sid, id, stranger;

	child(KID_B);
	id = donor(&owner, login);
	sid = fixture_pair(KID_B, id, "2025-04-01");
	fixture_gift(sid, 300000, "2025-04-01 10:00:00");
	fixture_payout(sid, "2025H2", 123400, 0, "paid", "2025-10-10", 1);
	stranger = donor(&other, login);

	page(&other, "/me", 200, &r);
	ck_assert(!body_has(&r, "1,234") && !body_has(&r, "资金到人"));
	resp_free(&r);
	/* The core: the owner's trail; another donor's is not found. */
	ck_assert_int_eq(trail_as(id, sid, &s, &e), 0);
	ck_assert_int_eq(s.n, 1);
	ck_assert_int_eq(s.t[0].received_fen, 300000);
	ck_assert_int_eq(s.t[0].paid_fen, 123400);
	ck_assert_int_eq(s.t[0].held_fen, 300000 - 123400);
	ck_assert_int_eq(s.npayouts, 1);
	ck_assert_int_eq(s.payouts[0].evidence, 1);
	trail_free(&s);
	ck_assert_int_eq(trail_as(stranger, sid, &s, &e), -1);
	ck_assert_int_eq(e.kind, ERR_NOT_FOUND);
	trail_free(&s);
	/* An ended sponsorship its donor paid nothing for has no trail. */
	sid = admin_sql_numf("INSERT INTO sponsorships (child_id, donor_id, state, plan, hold_until, "
	                     "ended_at) VALUES ((SELECT id FROM children WHERE code = '" KID_B "'), "
	                     "%lld, 'ended', 'annual', NOW(), NOW()); SELECT LAST_INSERT_ID()",
	                     stranger);
	ck_assert_int_eq(trail_as(stranger, sid, &s, &e), -1);
	ck_assert_int_eq(e.kind, ERR_NOT_FOUND);
	trail_free(&s);
	browser_free(&owner);
	browser_free(&other);
}
END_TEST

START_TEST(lapsing_and_stopping_say_what_they_mean)
{
	struct browser b;
	struct resp r;
	char login[96], link[96];
	long long sid;

	child(KID_D);
	sid = fixture_pair(KID_D, donor(&b, login), "2025-01-10");
	fixture_gift(sid, 300000, "2025-01-10 10:00:00");
	/* Next year's pledge, due ten days ago, unpaid: the sponsorship lapsing. */
	admin_sql_numf("INSERT INTO instalments (sponsorship_id, seq, amount_fen, due_date) VALUES "
	               "(%lld, 2, 300000, CURDATE() - INTERVAL 10 DAY); UPDATE sponsorships SET "
	               "state = 'lapsing', lapsing_since = CURDATE() WHERE id = %lld; SELECT 1",
	               sid, sid);
	page(&b, "/me", 200, &r);
	ck_assert(body_has(&r, "逾期未续") && body_has(&r, "孩子仍与您结对"));
	snprintf(link, sizeof link, "action=\"/me/sponsorships/%lld/pay\"", sid);
	ck_assert_msg(body_has(&r, link) && body_has(&r, "支付 3,000 元"), "no pay button");
	ck_assert(body_has(&r, "到期"));
	resp_free(&r);
	admin_sql_numf("UPDATE sponsorships SET state = 'stopping', stopped_at = NOW() "
	               "WHERE id = %lld; SELECT 1", sid);
	page(&b, "/me", 200, &r);
	ck_assert(body_has(&r, "已停止续捐") && body_has(&r, "继续按期发放给孩子"));
	ck_assert_msg(!body_has(&r, link), "a stopped sponsorship offers the pay button");
	snprintf(link, sizeof link, "/me/sponsorships/%lld/stop", sid);
	ck_assert(!body_has(&r, link));
	/* The trail stays, and once the county ends the sponsorship too. */
	ck_assert(body_has(&r, "资金到人"));
	resp_free(&r);
	admin_sql_numf("UPDATE sponsorships SET state = 'ended', ended_at = NOW() WHERE id = %lld; "
	               "SELECT 1", sid);
	page(&b, "/me", 200, &r);
	ck_assert(body_has(&r, "资金到人") && body_has(&r, "已收到您的善款 <b>3,000</b> 元"));
	resp_free(&r);
	browser_free(&b);
}
END_TEST

START_TEST(statement_has_payouts_visits_and_the_programme_totals)
{
	struct browser b;
	struct resp r;
	char login[96];
	long long sid;

	child(KID_C);
	sid = fixture_pair(KID_C, donor(&b, login), OLD_YEAR "-01-15");
	fixture_gift(sid, 300000, OLD_YEAR "-01-15 09:00:00");
	fixture_payout(sid, OLD_YEAR "H1", 150000, 0, "paid", OLD_YEAR "-07-01", 1);
	fixture_payout(sid, OLD_YEAR "H2", 100000, 0, "paid", OLD_YEAR "-12-20", 0);
	fixture_payout(sid, "2012H1", 50000, 0, "paid", "2012-06-30", 0);
	fixture_visit(KID_C, sid, "badong-volunteer", "approved", OLD_YEAR "-05-05", "home",
	              "life", 0, "（虚构）资金测试探访一：孩子很好。", 60);
	fixture_visit(KID_C, sid, "badong-volunteer", "approved", OLD_YEAR "-09-05", "home",
	              "life", 0, "（虚构）资金测试探访二：孩子很好。", 60);
	fixture_visit(KID_C, sid, "badong-volunteer", "submitted", OLD_YEAR "-10-05", "home",
	              "life", 0, "（虚构）资金测试探访三：孩子很好。", 0);

	page(&b, "/me/statements/" OLD_YEAR, 200, &r);
	ck_assert(body_has(&r, "年度捐赠证明") && body_has(&r, "3,000"));
	ck_assert(body_has(&r, "/static/print.css"));
	ck_assert(body_has(&r, "发放到孩子家庭"));
	ck_assert(body_has(&r, OLD_YEAR "年上半年") && body_has(&r, OLD_YEAR "-07-01"));
	ck_assert(body_has(&r, OLD_YEAR "年下半年") && body_has(&r, "1,000"));
	ck_assert_msg(!body_has(&r, "2012年上半年"), "another year's payout on the statement");
	ck_assert_msg(body_has(&r, "探访您助养的孩子 <b>2</b> 次"), "approved visits of the year");
	ck_assert_msg(cells_has(&r, "| 累计筹款 | 3,000 元 |"),
	              "the programme's raised");
	ck_assert_msg(cells_has(&r, "| 已发放 | 2,500 元 |"),
	              "the programme's paid out");
	resp_free(&r);
	/* A year of payouts alone has its statement, and /me links it; a year of nothing has none. */
	page(&b, "/me/statements/2012", 200, &r);
	ck_assert(body_has(&r, "2012年上半年") && body_has(&r, "没有新的捐赠"));
	resp_free(&r);
	page(&b, "/me", 200, &r);
	ck_assert(body_has(&r, "href=\"/me/statements/2012\""));
	resp_free(&r);
	page(&b, "/me/statements/2013", 404, &r);
	resp_free(&r);
	browser_free(&b);
}
END_TEST

START_TEST(digest_tells_of_a_payout_once)
{
	struct browser b;
	char login[96], *body = NULL, sql[256];
	long long sid, id;

	child(KID_E);
	id = donor(&b, login);
	sid = fixture_pair(KID_E, id, "2026-01-05");
	fixture_gift(sid, 300000, "2026-01-05 10:00:00");
	fixture_payout(sid, "2026H2", 150000, 0, "paid", "2026-07-01", 0);
	fixture_payout(sid, "2027H1", 150000, 0, "approved", NULL, 0);
	/* Payout news alone is news; two sweeps (and the workers') send one message. */
	ck_assert_int_eq(digest_sweep(), 0);
	ck_assert_int_eq(digest_sweep(), 0);
	ck_assert_int_eq(digests_to(login), 1);
	snprintf(sql, sizeof sql, "SELECT body FROM outbox WHERE recipient = '%s' AND subject = '"
	         DIGEST_SUBJECT "'", login);
	ck_assert_int_eq(admin_sql(sql, &body), 0);
	ck_assert_msg(strstr(body, "善款已发放：2026年下半年 1,500 元，已发放到孩子家庭"),
	              "digest: %s", body);
	ck_assert_msg(!strstr(body, "2027年上半年"), "an unpaid payout told: %s", body);
	free(body);
	ck_assert_int_eq(admin_sql_numf("SELECT payouts FROM care_digests WHERE donor_id = %lld",
	                                id), 1);
	browser_free(&b);
}
END_TEST

static void remove_children(void)
{
	const char *codes[] = { KID_A, KID_B, KID_C, KID_D, KID_E };

	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		forget(codes[i]);
}

Suite *suite(void)
{
	Suite *s = suite_create("http_trail");
	TCase *t = tcase_create("trail");

	tcase_add_unchecked_fixture(t, NULL, remove_children);
	tcase_add_test(t, trail_shows_payments_paid_payouts_and_the_balance);
	tcase_add_test(t, another_donor_sees_nothing_of_the_trail);
	tcase_add_test(t, lapsing_and_stopping_say_what_they_mean);
	tcase_add_test(t, statement_has_payouts_visits_and_the_programme_totals);
	tcase_add_test(t, digest_tells_of_a_payout_once);
	suite_add_tcase(s, t);
	return s;
}
