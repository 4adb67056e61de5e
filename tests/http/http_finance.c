/*
 * http_finance.c — where the money went: the public 收支明细 (months and totals for known data, no
 * personal data, the CSV's BOM and sums, a paid payout shown at once), the home page's 已发放, the
 * reconciliation per child and per county in scope, the alert for money held past Money.HoldDays,
 * and the report adding up on generated data (to donations and payouts, and to the running
 * totals).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "client.h"
#include "money.h"
#include "util.h"

#define STORY "（虚构）收支测试用的故事。"
#define DONOR_LOGIN "finance-test@example.com"
#define DONOR_NAME  "收支测试捐赠人"
/* The test's own receipt year and payout references, so that a rerun finds and removes them. */
#define RECEIPT_YEAR 1998
#define BOM "\xEF\xBB\xBF"

/* 2019's known data: 巴东县 (恩施州) and 武昌区 (武汉市). */
#define KNOWN    "TF00000001"
#define KNOWN_WH "TF00000004"
/* Money held: given 200 days ago and never paid out; given as long ago and paid out; given lately. */
#define HELD     "TF00000002"
#define SPENT    "TF00000003"
#define RECENT   "TF00000005"
/* Generated for the report, in 2020: children in five counties of three cities. */
#define GENERATED 20
static const char *const GEN_COUNTIES[] = { "422823", "422801", "420106", "420102", "420502" };

static void child(const char *code, const char *county)
{
	char id[32];
	struct fixture_child ch = {
		code, "测试·收支", "m", "2013-04-05", county, "ill", STORY, "waiting", 1,
		"虚构·收支真名", id, "虚构收支监护人 13900000009",
	};

	snprintf(id, sizeof id, "HFIN-%s", code);
	ck_assert_msg(fixture_insert(&ch) == 0, "fixture %s not inserted", code);
}

/* Room for a code, and for any int snprintf might put in one. */
#define CODE_LEN 16

static void gen_code(int i, char out[CODE_LEN])
{
	snprintf(out, CODE_LEN, "TF%08d", 100 + i);
}

/*
 * The test's payouts have references starting "PU": U is not in the alphabet of the app's own
 * (P and Crockford base32, ledger_code), so no demo or other test's payout is ever touched.
 */
static void remove_fixtures(void)
{
	char code[CODE_LEN];

	admin_sql("DELETE FROM payouts WHERE ref LIKE 'PU%';"
	          "DELETE FROM donations WHERE receipt_year = 1998;"
	          "DELETE f FROM child_funds f JOIN children c ON c.id = f.child_id "
	          "WHERE c.code LIKE 'TF%';", NULL);
	fixture_delete(KNOWN);
	fixture_delete(KNOWN_WH);
	fixture_delete(HELD);
	fixture_delete(SPENT);
	fixture_delete(RECENT);
	for (int i = 0; i < GENERATED; i++) {
		gen_code(i, code);
		fixture_delete(code);
	}
	admin_sql("DELETE FROM donors WHERE login = '" DONOR_LOGIN "'", NULL);
}

static long long donor(void)
{
	admin_sql("INSERT IGNORE INTO donors (login, login_kind, pw_hash, display_name, agreed_at) "
	          "VALUES ('" DONOR_LOGIN "', 'email', 'x', '" DONOR_NAME "', NOW())", NULL);
	return admin_sql_num("SELECT id FROM donors WHERE login = '" DONOR_LOGIN "'");
}

static int receipts;

/*
 * A gift to child code's sponsorship (or a general one if code is NULL), paid at paid_at (an SQL
 * expression), in status, owed back or not.
 */
static void gift(const char *code, long long fen, const char *paid_at, const char *status,
                 int owed)
{
	char sql[1024];

	snprintf(sql, sizeof sql,
	         "INSERT INTO donations (amount_fen, status, purpose, paid_at, donor_id, donor_name, "
	         "sponsorship_id, receipt_year, receipt_seq, receipt_code, refund_due) "
	         "SELECT %lld, '%s', IF(%d, 'sponsorship', 'general'), %s, d.id, '" DONOR_NAME "', "
	         "(SELECT id FROM sponsorships WHERE live_child = (SELECT id FROM children "
	         "WHERE code = '%s')), %d, %d, 'FINANCEFINANCEFI', %d FROM donors d "
	         "WHERE d.login = '" DONOR_LOGIN "'",
	         fen, status, code != NULL, paid_at, code ? code : "", RECEIPT_YEAR, ++receipts, owed);
	ck_assert_msg(admin_sql(sql, NULL) == 0, "gift not inserted: %s", sql);
}

static int refs;

/* A payout of child code for period in state, paid on paid_on (an SQL expression, or NULL). */
static void payout(const char *code, const char *period, long long fen, long long advanced,
                   const char *state, const char *paid_on)
{
	char sql[1024];

	snprintf(sql, sizeof sql,
	         "INSERT INTO payouts (ref, child_id, sponsorship_id, county_code, city_code, period, "
	         "amount_fen, advanced_fen, method, state, paid_on, created_by) "
	         "SELECT CONCAT('PU', LPAD(%d, 10, '0')), c.id, x.id, c.county_code, c.city_code, "
	         "'%s', %lld, %lld, 'cash', '%s', %s, (SELECT id FROM staff WHERE username = 'badong') "
	         "FROM children c LEFT JOIN sponsorships x ON x.live_child = c.id WHERE c.code = '%s'",
	         ++refs, period, fen, advanced, state, paid_on ? paid_on : "NULL", code);
	ck_assert_msg(admin_sql(sql, NULL) == 0, "payout not inserted: %s", sql);
}

static void paired(const char *code, const char *county, long long d)
{
	child(code, county);
	ck_assert_msg(fixture_pair(code, d, "2018-01-01") > 0, "%s not paired", code);
}

/*
 * 2019: in March a sponsor's 3,000 (and 1,500 owed back, and in July 1,000 refunded) and a general
 * 500; in July 2,000 in 武昌区. Paid out: 1,500 in March and 1,000 (200 advanced) in September in
 * 巴东县, 800 in August in 武昌区; a failed and a cancelled one do not count.
 */
static void known(void)
{
	long long d;

	remove_fixtures();
	d = donor();
	paired(KNOWN, "422823", d);
	paired(KNOWN_WH, "420106", d);
	gift(KNOWN, 300000, "'2019-03-05 10:00:00'", "paid", 0);
	gift(KNOWN, 150000, "'2019-03-20 10:00:00'", "paid", 1);
	gift(KNOWN, 100000, "'2019-07-01 10:00:00'", "refunded", 0);
	gift(NULL, 50000, "'2019-03-08 10:00:00'", "paid", 0);
	gift(KNOWN_WH, 200000, "'2019-07-15 10:00:00'", "paid", 0);
	payout(KNOWN, "2019H1", 150000, 0, "paid", "'2019-03-25'");
	payout(KNOWN, "2019H2", 100000, 20000, "paid", "'2019-09-10'");
	payout(KNOWN_WH, "2019H2", 120000, 0, "failed", NULL);
	payout(KNOWN_WH, "2019-08", 80000, 0, "paid", "'2019-08-20'");
	payout(KNOWN_WH, "2019-09", 50000, 0, "cancelled", NULL);
}

static void get_ok(struct browser *b, const char *path, struct resp *r)
{
	if (b)
		b_get(b, path, r);
	else
		http_get(path, r);
	ck_assert_msg(r->status == 200, "%s: %ld", path, r->status);
}

START_TEST(public_page_shows_months_and_totals_without_personal_data)
{
	struct resp r;

	known();
	get_ok(NULL, "/disclosure/finance?year=2019", &r);
	/* March: a sponsor's 3,000 and a general 500 (the 1,500 owed back not counted); 1,500 paid. */
	ck_assert_msg(cells_has(&r, "| 3月 | 3,000 | 500 | 0 | 0 | 0 | 0 | 3,500 | 1,500 |\n"),
	              "March:\n%s", r.body);
	/* July: 2,000 in 武昌区; the 1,000 refunded not counted. */
	ck_assert(cells_has(&r, "| 7月 | 2,000 | 0 | 0 | 0 | 0 | 0 | 2,000 | 0 |\n"));
	ck_assert(cells_has(&r, "| 8月 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 800 |\n"));
	ck_assert(cells_has(&r, "| 9月 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 1,000 |\n"));
	ck_assert_msg(cells_has(&r, "| 全年 | 5,000 | 500 | 0 | 0 | 0 | 0 | 5,500 | 3,300 |"),
	              "year:\n%s", r.body);
	/* Spending by city, with its months. */
	ck_assert(cells_has(&r, "| 恩施土家族苗族自治州 | 2,500 | 3月 1,500 · 9月 1,000 |"));
	ck_assert(cells_has(&r, "| 武汉市 | 800 | 8月 800 |"));
	ck_assert(body_has(&r, "href=\"/disclosure/finance.csv?year=2019\""));
	ck_assert(body_has(&r, "<rect "));
	/* Amounts only. */
	ck_assert(!body_has(&r, KNOWN) && !body_has(&r, "测试·收支") && !body_has(&r, "虚构·收支") &&
	          !body_has(&r, DONOR_NAME) && !body_has(&r, "虚构收支监护人"));
	resp_free(&r);
	get_ok(NULL, "/disclosure/finance?year=2026", &r);
	ck_assert_msg(body_has(&r, "href=\"/disclosure/finance?year=2019\""), "no link to 2019");
	resp_free(&r);
}
END_TEST

START_TEST(public_csv_has_bom_and_adds_up)
{
	struct resp r;

	known();
	get_ok(NULL, "/disclosure/finance.csv?year=2019", &r);
	ck_assert(resp_has_header(&r, "Content-Type", "text/csv; charset=utf-8"));
	ck_assert_msg(strncmp(r.body, BOM "\"月份\",\"一对一助养\",\"非定向捐赠\"", 35) == 0,
	              "header: %.80s", r.body);
	/* The cities by code: 武汉市 (420100), then 恩施州 (422800). */
	ck_assert_msg(body_has(&r, "\"发放·武汉市\",\"发放·恩施土家族苗族自治州\",\"发放合计\"\r\n"),
	              "%s", r.body);
	ck_assert_msg(body_has(&r, "\"2019-03\",\"3000.00\",\"500.00\",\"0.00\",\"0.00\",\"0.00\",\"0.00\","
	                       "\"3500.00\",\"0.00\",\"1500.00\",\"1500.00\"\r\n"), "%s", r.body);
	ck_assert(body_has(&r, "\"合计\",\"5000.00\",\"500.00\",\"0.00\",\"0.00\",\"0.00\",\"0.00\","
	                   "\"5500.00\",\"800.00\",\"2500.00\",\"3300.00\"\r\n"));
	ck_assert(!body_has(&r, DONOR_NAME) && !body_has(&r, KNOWN));
	resp_free(&r);
}
END_TEST

/*
 * The public page is cached; a payout paid (failed, sent again, paid in October) and a gift found
 * owed back show at once, and the home page's 已发放 is every paid payout.
 */
START_TEST(changes_show_at_once_and_home_shows_paid_out)
{
	struct resp r;
	char want[128], money[40];

	known();
	get_ok(NULL, "/disclosure/finance?year=2019", &r);
	resp_free(&r);
	get_ok(NULL, "/", &r);
	resp_free(&r);
	ck_assert(admin_sql("UPDATE payouts SET state = 'approved' WHERE ref LIKE 'PU%' AND "
	                    "state = 'failed';"
	                    "UPDATE payouts SET state = 'paid', paid_on = '2019-10-10' "
	                    "WHERE ref LIKE 'PU%' AND state = 'approved';"
	                    "UPDATE donations SET refund_due = 1 WHERE receipt_year = 1998 "
	                    "AND amount_fen = 50000", NULL) == 0);
	get_ok(NULL, "/disclosure/finance?year=2019", &r);
	ck_assert_msg(cells_has(&r, "| 10月 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 1,200 |\n"), "%s",
	              r.body);
	ck_assert(cells_has(&r, "| 全年 | 5,000 | 0 | 0 | 0 | 0 | 0 | 5,000 | 4,500 |"));
	resp_free(&r);
	get_ok(NULL, "/", &r);
	snprintf(want, sizeof want, "<a href=\"/disclosure/finance\" aria-describedby=\"s-paid\">¥%s</a></b><span id=\"s-paid\">已发放",
	         money_format(admin_sql_num("SELECT COALESCE(SUM(amount_fen), 0) FROM payouts "
	                                    "WHERE state = 'paid'"), money, sizeof money));
	ck_assert_msg(body_has(&r, want), "home lacks %s", want);
	ck_assert(body_has(&r, "累计筹款"));
	resp_free(&r);
}
END_TEST

/* A county's children, a city's counties, the province's cities: each in scope only. */
START_TEST(reconciliation_per_child_and_county_in_scope)
{
	struct browser b;
	struct resp r;

	known();
	ck_assert(b_staff(&b, "badong") == 303);
	get_ok(&b, "/admin/finance?year=2019", &r);
	/* Received 3,000 (owed back and refunded left out), paid 2,500 of which 200 advanced. */
	ck_assert_msg(cells_has(&r, KNOWN " | 3,000 | 2,500 | 200 | 700 |"), "%s", r.body);
	ck_assert(!body_has(&r, KNOWN_WH));
	resp_free(&r);
	browser_free(&b);

	ck_assert(b_staff(&b, "enshi") == 303);
	get_ok(&b, "/admin/finance?year=2019", &r);
	ck_assert_msg(cells_has(&r, "| 巴东县 | 3,000 | 2,500 | 200 | 700 |"), "%s", r.body);
	ck_assert(!body_has(&r, "武昌区"));
	resp_free(&r);
	get_ok(&b, "/admin/finance?year=2019&county=422823", &r);
	ck_assert(cells_has(&r, KNOWN " | 3,000 |"));
	resp_free(&r);
	b_get(&b, "/admin/finance?year=2019&county=420106", &r);
	ck_assert_int_eq(r.status, 404);
	resp_free(&r);
	browser_free(&b);

	ck_assert(b_staff(&b, "province") == 303);
	get_ok(&b, "/admin/finance?year=2019", &r);
	ck_assert(cells_has(&r, "| 武昌区 | 2,000 | 800 | 0 | 1,200 |"));
	ck_assert(cells_has(&r, "| 合计 | 5,000 | 3,300 | 200 | 1,900 |"));
	resp_free(&r);
	browser_free(&b);
}
END_TEST

/*
 * The alert: first in, first out, money given before the last Money.HoldDays (90) days and not
 * yet paid out. HELD gave 3,000 200 days ago, none paid: held. SPENT's was paid out 100 days ago:
 * not held. RECENT gave 10 days ago: not yet.
 */
START_TEST(alert_shows_children_past_hold_days)
{
	struct browser b;
	struct resp r;
	const char *held;
	long long d;

	remove_fixtures();
	d = donor();
	paired(HELD, "422823", d);
	paired(SPENT, "422823", d);
	paired(RECENT, "422823", d);
	gift(HELD, 300000, "NOW() - INTERVAL 200 DAY", "paid", 0);
	gift(SPENT, 300000, "NOW() - INTERVAL 200 DAY", "paid", 0);
	payout(SPENT, "2018", 300000, 0, "paid", "CURDATE() - INTERVAL 100 DAY");
	gift(RECENT, 300000, "NOW() - INTERVAL 10 DAY", "paid", 0);

	ck_assert(b_staff(&b, "badong") == 303);
	get_ok(&b, "/admin/finance", &r);
	held = strstr(r.body, "id=\"held\"");
	ck_assert_msg(held && cells_has(&(struct resp){ .body = (char *)held },
	                                HELD " | 巴东县 | 3,000 | 3,000 |"), "%s", r.body);
	ck_assert(!strstr(held, SPENT) && !strstr(held, RECENT));
	resp_free(&r);
	get_ok(&b, "/admin", &r);
	ck_assert_msg(body_has(&r, "<a href=\"/admin/finance#held\">") &&
	              body_has(&r, "名儿童的善款到账超过 90 天仍未发放"), "%s", r.body);
	resp_free(&r);
	browser_free(&b);

	/* The city sees it on its dashboard too; a county elsewhere's staff would not (scope). */
	ck_assert(b_staff(&b, "enshi") == 303);
	get_ok(&b, "/admin", &r);
	ck_assert(body_has(&r, "到账超过 90 天仍未发放"));
	resp_free(&r);
	get_ok(&b, "/admin/finance", &r);
	ck_assert(body_has(&r, HELD));
	resp_free(&r);
	browser_free(&b);
	remove_fixtures();
}
END_TEST

/* Generated: every child of five counties, twelve gifts and twelve payouts each, in 2020. */
static void generate(void)
{
	char code[CODE_LEN], sql[2048];
	long long d;

	remove_fixtures();
	d = donor();
	for (int i = 0; i < GENERATED; i++) {
		gen_code(i, code);
		paired(code, GEN_COUNTIES[i % nitems(GEN_COUNTIES)], d);
	}
	/*
	 * Month m of child k: a gift of 250 + 7k + m yuan on the 10th, owed back every fifth,
	 * refunded every seventh; a payout of 200 + 3k + m on the 20th: cancelled, failed,
	 * approved, or paid (a quarter of those partly advanced).
	 */
	snprintf(sql, sizeof sql,
	         "INSERT INTO donations (amount_fen, status, purpose, paid_at, donor_id, "
	         "sponsorship_id, receipt_year, receipt_seq, receipt_code, refund_due) "
	         "WITH RECURSIVE m (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM m WHERE n < 12) "
	         "SELECT (25000 + 700 * CAST(SUBSTRING(c.code, 3) AS UNSIGNED) + 100 * m.n) + 37, "
	         "IF((x.id + m.n) %% 7 = 0, 'refunded', 'paid'), 'sponsorship', "
	         "CONCAT('2020-', LPAD(m.n, 2, '0'), '-10 12:00:00'), %lld, x.id, %d, "
	         "100000 + x.id * 100 + m.n, 'FINANCEFINANCEFI', (x.id + m.n) %% 5 = 0 "
	         "FROM children c JOIN sponsorships x ON x.live_child = c.id JOIN m "
	         "WHERE c.code LIKE 'TF000001%%';"
	         "INSERT INTO payouts (ref, child_id, sponsorship_id, county_code, city_code, period, "
	         "amount_fen, advanced_fen, method, state, paid_on, created_by) "
	         "WITH RECURSIVE m (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM m WHERE n < 12) "
	         "SELECT CONCAT('PU', LPAD(x.id * 100 + m.n, 10, '0')), c.id, x.id, c.county_code, "
	         "c.city_code, CONCAT('2020-', LPAD(m.n, 2, '0')), "
	         "20000 + 300 * CAST(SUBSTRING(c.code, 3) AS UNSIGNED) + 100 * m.n, "
	         "IF((x.id + m.n) %% 4 = 0, 5000, 0), 'cash', "
	         "ELT((x.id + m.n) %% 6 + 1, 'cancelled', 'failed', 'approved', 'paid', 'paid', "
	         "'paid'), IF((x.id + m.n) %% 6 >= 3, CONCAT('2020-', LPAD(m.n, 2, '0'), '-20'), "
	         "NULL), (SELECT id FROM staff WHERE username = 'badong') "
	         "FROM children c JOIN sponsorships x ON x.live_child = c.id JOIN m "
	         "WHERE c.code LIKE 'TF000001%%';",
	         d, RECEIPT_YEAR);
	ck_assert_msg(admin_sql(sql, NULL) == 0, "generation failed");
	gift(NULL, 123456, "'2020-05-05 09:00:00'", "paid", 0);
	gift(NULL, 99900, "'2020-06-05 09:00:00'", "paid", 1);
}

/* Yuan as a CSV writes it ("1234.56") to fen. */
static long long fen_of(const char *s)
{
	long long yuan = 0, cents = 0;

	ck_assert_msg(sscanf(s, "%lld.%2lld", &yuan, &cents) == 2, "not an amount: %s", s);
	return yuan * 100 + cents;
}

/* The sums of a report CSV's county lines (col 2..5), and its total line. */
struct sums {
	long long received, paid, advanced, balance;
};

static void csv_sums(const char *body, struct sums *lines, struct sums *total, long long *general)
{
	char *copy = strdup(body), *save = NULL;
	int first = 1;

	memset(lines, 0, sizeof *lines);
	memset(total, 0, sizeof *total);
	*general = 0;
	for (char *line = strtok_r(copy, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
		char *f[6], *fs = NULL;
		int n = 0;
		struct sums *to = lines;

		for (char *p = strtok_r(line, ",", &fs); p && n < 6; p = strtok_r(NULL, ",", &fs)) {
			size_t len = strlen(p);

			if (len >= 2 && p[0] == '"' && p[len - 1] == '"') {
				p[len - 1] = '\0';
				p++;
			}
			f[n++] = p;
		}
		if (first) {
			first = 0;
			continue;
		}
		ck_assert_int_eq(n, 6);
		if (strcmp(f[0], "合计") == 0) {
			to = total;
		} else if (strcmp(f[1], "非定向捐赠") == 0) {
			*general = fen_of(f[2]);
			continue;
		}
		to->received += fen_of(f[2]);
		to->paid += fen_of(f[3]);
		to->advanced += fen_of(f[4]);
		to->balance += fen_of(f[5]);
	}
	free(copy);
}

/* The same sums straight from donations and payouts, of children the condition where reaches. */
static void direct(const char *from, const char *to, const char *where, struct sums *s)
{
	s->received = admin_sql_numf("SELECT COALESCE(SUM(d.amount_fen), 0) FROM donations d "
	        "JOIN sponsorships x ON x.id = d.sponsorship_id JOIN children c ON c.id = x.child_id "
	        "WHERE d.status = 'paid' AND d.refund_due = 0 AND d.purpose = 'sponsorship' "
	        "AND DATE(d.paid_at) BETWEEN '%s' AND '%s' AND %s", from, to, where);
	s->paid = admin_sql_numf("SELECT COALESCE(SUM(p.amount_fen), 0) FROM payouts p "
	        "JOIN children c ON c.id = p.child_id WHERE p.state = 'paid' "
	        "AND p.paid_on BETWEEN '%s' AND '%s' AND %s", from, to, where);
	s->advanced = admin_sql_numf("SELECT COALESCE(SUM(p.advanced_fen), 0) FROM payouts p "
	        "JOIN children c ON c.id = p.child_id WHERE p.state = 'paid' "
	        "AND p.paid_on BETWEEN '%s' AND '%s' AND %s", from, to, where);
	s->balance = admin_sql_numf("SELECT (SELECT COALESCE(SUM(d.amount_fen), 0) FROM donations d "
	        "JOIN sponsorships x ON x.id = d.sponsorship_id JOIN children c ON c.id = x.child_id "
	        "WHERE d.status = 'paid' AND d.refund_due = 0 AND d.purpose = 'sponsorship' "
	        "AND DATE(d.paid_at) <= '%s' AND %s) - (SELECT COALESCE(SUM(p.amount_fen - "
	        "p.advanced_fen), 0) FROM payouts p JOIN children c ON c.id = p.child_id "
	        "WHERE p.state = 'paid' AND p.paid_on <= '%s' AND %s)", to, where, to, where);
}

static void report_adds_up(const char *staff, const char *from, const char *to,
                           const char *where)
{
	struct browser b;
	struct resp r;
	struct sums lines, total, want;
	long long general;
	char path[128];

	ck_assert(b_staff(&b, staff) == 303);
	snprintf(path, sizeof path, "/admin/finance/report.csv?from=%s&to=%s", from, to);
	get_ok(&b, path, &r);
	ck_assert(strncmp(r.body, BOM "\"市州\"", 9) == 0);
	csv_sums(r.body, &lines, &total, &general);
	direct(from, to, where, &want);
	ck_assert_msg(want.received > 0 && want.paid > 0 && want.advanced > 0, "%s: no data", staff);
	ck_assert_msg(lines.received == want.received, "%s %s..%s: received %lld, not %lld", staff,
	              from, to, lines.received, want.received);
	ck_assert_int_eq(lines.paid, want.paid);
	ck_assert_int_eq(lines.advanced, want.advanced);
	ck_assert_int_eq(lines.balance, want.balance);
	ck_assert_int_eq(total.received, lines.received + general);
	ck_assert_int_eq(total.paid, lines.paid);
	ck_assert_int_eq(total.advanced, lines.advanced);
	ck_assert_int_eq(total.balance, lines.balance);
	if (strcmp(staff, "province") == 0) {
		ck_assert_int_eq(general, admin_sql_numf("SELECT COALESCE(SUM(amount_fen), 0) FROM "
		                 "donations WHERE status = 'paid' AND refund_due = 0 AND purpose = "
		                 "'general' AND DATE(paid_at) BETWEEN '%s' AND '%s'", from, to));
	}
	resp_free(&r);
	browser_free(&b);
}

START_TEST(report_adds_up_on_generated_data)
{
	struct browser b;
	struct resp r;
	char want[256], a[40], p[40];
	long long income, spent;

	generate();
	/* The province, the whole year: lines = donations and payouts = the running totals. */
	report_adds_up("province", "2020-01-01", "2020-12-31", "1 = 1");
	income = admin_sql_num("SELECT SUM(fen) FROM finance_months WHERE kind = 'income' "
	                       "AND month BETWEEN '2020-01' AND '2020-12'");
	spent = admin_sql_num("SELECT SUM(fen) FROM finance_months WHERE kind = 'spending' "
	                      "AND month BETWEEN '2020-01' AND '2020-12'");
	ck_assert_int_eq(income, admin_sql_num("SELECT SUM(amount_fen) FROM donations WHERE "
	                 "status = 'paid' AND refund_due = 0 AND YEAR(paid_at) = 2020"));
	ck_assert_int_eq(spent, admin_sql_num("SELECT SUM(amount_fen) FROM payouts WHERE "
	                 "state = 'paid' AND YEAR(paid_on) = 2020"));
	/* Part of a year, days cut inside months; a city's counties only. */
	report_adds_up("province", "2020-03-10", "2020-06-20", "1 = 1");
	report_adds_up("enshi", "2020-01-01", "2020-12-31", "c.city_code = '422800'");
	report_adds_up("badong", "2020-02-11", "2020-11-19", "c.county_code = '422823'");

	/* On screen the province's total line and its income agree with the same sums. */
	ck_assert(b_staff(&b, "province") == 303);
	get_ok(&b, "/admin/finance/report?from=2020-01-01&to=2020-12-31", &r);
	snprintf(want, sizeof want, "本期收入合计 <b>%s</b>", money_format(income, a, sizeof a));
	ck_assert_msg(body_has(&r, want), "no %s in\n%s", want, r.body);
	snprintf(want, sizeof want, "| 合计 | %s | %s |",
	         money_format(income - admin_sql_num("SELECT SUM(amount_fen) FROM donations WHERE "
	                      "status = 'paid' AND refund_due = 0 AND purpose = 'general' "
	                      "AND YEAR(paid_at) = 2020"), a, sizeof a),
	         money_format(spent, p, sizeof p));
	ck_assert_msg(cells_has(&r, want), "no %s in\n%s", want, r.body);
	ck_assert(body_has(&r, "class=\"sub\""));
	resp_free(&r);
	/* A period that ends before it starts is refused. */
	b_get(&b, "/admin/finance/report?from=2020-05-01&to=2020-04-01", &r);
	ck_assert_int_eq(r.status, 400);
	resp_free(&r);
	browser_free(&b);
	remove_fixtures();
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_finance");
	TCase *t = tcase_create("finance");

	tcase_set_timeout(t, 120);
	tcase_add_unchecked_fixture(t, NULL, remove_fixtures);
	tcase_add_test(t, public_page_shows_months_and_totals_without_personal_data);
	tcase_add_test(t, public_csv_has_bom_and_adds_up);
	tcase_add_test(t, changes_show_at_once_and_home_shows_paid_out);
	tcase_add_test(t, reconciliation_per_child_and_county_in_scope);
	tcase_add_test(t, alert_shows_children_past_hold_days);
	tcase_add_test(t, report_adds_up_on_generated_data);
	suite_add_tcase(s, t);
	return s;
}
