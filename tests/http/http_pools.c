/*
 * http_pools.c — matching pools (配捐) through the real stack: a gift credited by the sandbox's
 * signed notice is matched in its crediting (the match a donation of its own, to the fund), by
 * ratio and cap, from the narrowest pool; not outside the window, the scope or the kinds, nor from
 * a paused or closed pool; its refund gives the match back; 200 gifts credited at once against a
 * pool with room for 50 matches match exactly 50 and leave it at zero; the pool's page and the
 * home page's line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sodium.h>

#include "check_main.h"
#include "client.h"
#include "config.h"
#include "core/ledger.h"
#include "money.h"
#include "pay.h"
#include "pay/sandbox.h"

/* The test's pools and gifts are named so (pools LIKE FUNDER%), never the demo's. */
#define FUNDER    "测试·配捐"
#define GIFT_NAME "配捐测试捐赠人"
#define FORM      "application/x-www-form-urlencoded"
/* 巴东县 and its city 恩施州, 恩施市 (another county of it), 武昌区 and 江岸区 of 武汉市. */
#define BADONG  "422823"
#define ENSHI   "422800"
#define ESS     "422801"
#define WUCHANG "420106"
#define JIANGAN "420102"
/* A window that holds now, and one that starts tomorrow. */
#define NOW_WINDOW  "starts_at = NOW() - INTERVAL 1 DAY, ends_at = NOW() + INTERVAL 1 DAY"
#define LATER       "starts_at = NOW() + INTERVAL 1 DAY, ends_at = NOW() + INTERVAL 2 DAY"
/* The race: gifts of RACE_FEN credited at once by RACERS processes, a pool with room for 50. */
#define RACE_GIFTS 200
#define RACE_FEN   100
#define RACE_ROOM  50
#define RACERS     40

static void cleanup(void)
{
	admin_sql_okf("DELETE FROM refunds WHERE donation_id IN (SELECT id FROM donations WHERE "
	              "donor_name = '" GIFT_NAME "');"
	              "DELETE FROM donations WHERE pool_id IN (SELECT id FROM match_pools WHERE "
	              "funder LIKE '" FUNDER "%%');"
	              "DELETE FROM donations WHERE donor_name = '" GIFT_NAME "';"
	              "DELETE FROM sandbox_payments WHERE order_no IN (SELECT order_no FROM "
	              "pay_orders WHERE donor_name = '" GIFT_NAME "');"
	              "DELETE FROM pay_orders WHERE donor_name = '" GIFT_NAME "';"
	              "DELETE FROM match_pools WHERE funder LIKE '" FUNDER "%%';");
}

/* A pool in window (NOW_WINDOW or LATER) with the rest of its columns as set says; its id. */
static long long pool(const char *window, const char *set)
{
	return admin_sql_numf("INSERT INTO match_pools SET funder = '" FUNDER "', created_by = "
	                      "(SELECT id FROM staff WHERE username = 'province'), %s, %s; "
	                      "SELECT LAST_INSERT_ID();", window, set);
}

/* An order for a gift of fen (directed to region, or general when NULL), its number into no. */
static void order(const char *region, long long fen, char no[ORDER_NO_LEN + 1])
{
	ledger_code(no, ORDER_NO_LEN);
	admin_sql_okf("INSERT INTO pay_orders (order_no, purpose, visitor_hash, amount_fen, provider, "
	              "expires_at, donor_name, target_region) VALUES ('%s', '%s', "
	              "UNHEX(SHA2('%s', 256)), %lld, 'sandbox', NOW() + INTERVAL 1 HOUR, '"
	              GIFT_NAME "', %s%s%s)", no, region ? "directed" : "general", no, fen,
	              region ? "'" : "", region ? region : "NULL", region ? "'" : "");
}

/*
 * The sandbox's signed notice that order no was paid fen; on its books too (for a refund) if
 * books (the race's gifts are never refunded, and 200 rows one by one would be slow).
 */
static char *signed_notice(const char *no, long long fen, int books)
{
	static struct config cfg;
	static int loaded;
	struct pay_notice n = { .amount_fen = fen };
	STRING s;
	struct err e;
	char *out;

	if (!loaded)
		ck_assert_int_eq(instance_config(&cfg), 0);
	loaded = 1;
	snprintf(n.order_no, sizeof n.order_no, "%s", no);
	ledger_code(n.txn, SANDBOX_TXN_LEN);
	string_init(&s);
	ck_assert_int_eq(sandbox_notice(&cfg, &n, "2026-01-01 00:00:00", &s, &e), 0);
	out = strdup(s.buf);
	string_clear(&s);
	if (books)
		admin_sql_okf("INSERT INTO sandbox_payments (txn, order_no, amount_fen, notice) "
		              "VALUES ('%s', '%s', %lld, 'x')", n.txn, no, fen);
	return out;
}

/* Deliver a notice as the provider does: 0 when acknowledged. */
static int deliver(const char *body)
{
	struct resp r;
	int ok = http_request("POST", "/pay/notify/sandbox", body, FORM, &r) == 0 &&
	         r.status == 200 && strcmp(r.body, "success") == 0;

	resp_free(&r);
	return ok ? 0 : -1;
}

/* A gift of fen directed to region (NULL: general), paid and credited; its donation's id. */
static long long gift(const char *region, long long fen)
{
	char no[ORDER_NO_LEN + 1], *n;

	order(region, fen, no);
	n = signed_notice(no, fen, 1);
	ck_assert_int_eq(deliver(n), 0);
	free(n);
	return admin_sql_numf("SELECT d.id FROM donations d JOIN pay_orders o ON o.id = d.order_id "
	                      "WHERE o.order_no = '%s'", no);
}

/* What gift was matched (paid matches), and from which pool (0: none). */
static long long matched(long long gift_id)
{
	return admin_sql_numf("SELECT COALESCE(SUM(amount_fen), 0) FROM donations WHERE match_of = "
	                      "%lld AND status = 'paid'", gift_id);
}

static long long matched_from(long long gift_id)
{
	return admin_sql_numf("SELECT COALESCE(MAX(pool_id), 0) FROM donations WHERE match_of = %lld",
	                      gift_id);
}

static long long remaining(long long pool_id)
{
	return admin_sql_numf("SELECT remaining_fen FROM match_pools WHERE id = %lld", pool_id);
}

static void get_has(struct browser *b, const char *path, const char *want)
{
	struct resp r;

	ck_assert_int_eq(b ? b_get(b, path, &r) : http_get(path, &r), 0);
	ck_assert_msg(r.status == 200, "%s: %ld", path, r.status);
	ck_assert_msg(body_has(&r, want), "%s: no '%s' in\n%s", path, want, r.body);
	resp_free(&r);
}

/* The home page's line, as the active pools in their window add up now. */
static void home_line_adds_up(void)
{
	char want[160], a[40], b[40];

	money_format(admin_sql_num("SELECT SUM(amount_fen - remaining_fen) FROM match_pools WHERE "
	                           "state = 'active' AND NOW() BETWEEN starts_at AND ends_at"),
	             a, sizeof a);
	money_format(admin_sql_num("SELECT SUM(amount_fen) FROM match_pools WHERE state = 'active' "
	                           "AND NOW() BETWEEN starts_at AND ends_at"), b, sizeof b);
	snprintf(want, sizeof want, "已配捐 ¥%s / ¥%s", a, b);
	get_has(NULL, "/", want);
}

START_TEST(gift_is_matched_by_ratio_and_cap)
{
	long long a, b, c, g1, g2, g3, g4, g5;
	struct browser st;
	char path[64];

	cleanup();
	/* 1:2 up to 50 yuan a gift; 3:1 (floored); one with 3 yuan left. */
	a = pool(NOW_WINDOW, "scope_region = '" BADONG "', kinds = 'directed', amount_fen = 1000000, "
	         "remaining_fen = 1000000, ratio_num = 2, ratio_den = 1, cap_fen = 5000");
	b = pool(NOW_WINDOW, "scope_region = '" WUCHANG "', kinds = 'directed', amount_fen = 100000, "
	         "remaining_fen = 100000, ratio_num = 1, ratio_den = 3, cap_fen = 100000");
	c = pool(NOW_WINDOW, "scope_region = '" ESS "', kinds = 'directed', amount_fen = 300, "
	         "remaining_fen = 300, cap_fen = 100000");
	g1 = gift(BADONG, 1234);
	ck_assert_int_eq(matched(g1), 2468);
	ck_assert_int_eq(matched_from(g1), a);
	/* The match: a donation of its own, from the funder, to the fund (no child, no order). */
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM donations m JOIN donations g ON g.id = "
	                                "m.match_of WHERE m.match_of = %lld AND m.channel = 'match' "
	                                "AND m.purpose = 'directed' AND m.target_region = '" BADONG
	                                "' AND m.sponsorship_id IS NULL AND m.order_id IS NULL AND "
	                                "m.donor_name = '" FUNDER "' AND m.paid_at = g.paid_at AND "
	                                "m.receipt_seq IS NOT NULL AND m.receipt_seq <> g.receipt_seq",
	                                g1), 1);
	g2 = gift(BADONG, 10000);
	ck_assert_int_eq(matched(g2), 5000);
	ck_assert_int_eq(remaining(a), 1000000 - 2468 - 5000);
	g3 = gift(WUCHANG, 1000);
	ck_assert_int_eq(matched(g3), 333);
	ck_assert_int_eq(remaining(b), 100000 - 333);
	/* Less left than the match: what is left; then nothing. */
	g4 = gift(ESS, 1000);
	ck_assert_int_eq(matched(g4), 300);
	ck_assert_int_eq(remaining(c), 0);
	g5 = gift(ESS, 1000);
	ck_assert_int_eq(matched(g5), 0);
	ck_assert_int_eq(remaining(c), 0);
	/* The pool's page (the county reaches its own county's pool), and the home page's line. */
	ck_assert_int_eq(b_staff(&st, "badong"), 303);
	snprintf(path, sizeof path, "/admin/pools/%lld", a);
	get_has(&st, path, "<dt>剩余</dt><dd>¥9,925.32</dd>");
	get_has(&st, path, "¥74.68（2 笔捐赠）");
	get_has(&st, path, "<svg class=\"chart\"");
	get_has(&st, "/admin/pools", path);
	browser_free(&st);
	home_line_adds_up();
	cleanup();
}
END_TEST

START_TEST(gift_outside_window_scope_or_kind_is_not_matched)
{
	long long county, city, g;

	cleanup();
	pool(LATER, "scope_region = '" BADONG "', kinds = 'directed', amount_fen = 100000, "
	     "remaining_fen = 100000, cap_fen = 100000");
	pool(NOW_WINDOW, "scope_region = '" WUCHANG "', kinds = 'activity,page', "
	     "amount_fen = 100000, remaining_fen = 100000, cap_fen = 100000");
	pool(NOW_WINDOW, "scope_region = '" ESS "', kinds = 'directed', amount_fen = 100000, "
	     "remaining_fen = 100000, cap_fen = 100000");
	ck_assert_int_eq(matched(gift(BADONG, 500)), 0);      /* not yet in its window */
	ck_assert_int_eq(matched(gift(WUCHANG, 500)), 0);     /* not a kind it matches */
	ck_assert_int_eq(matched(gift(JIANGAN, 500)), 0);     /* another county */
	/* A city's pool covers its counties; a county's own pool, narrower, goes first. */
	city = pool(NOW_WINDOW, "scope_region = '" ENSHI "', kinds = 'directed', "
	            "amount_fen = 100000, remaining_fen = 100000, cap_fen = 100000");
	county = pool(NOW_WINDOW, "scope_region = '" BADONG "', kinds = 'sponsorship,directed', "
	              "amount_fen = 700, remaining_fen = 700, cap_fen = 100000");
	g = gift(BADONG, 500);
	ck_assert_int_eq(matched_from(g), county);
	ck_assert_int_eq(matched(g), 500);
	/* The county's has 200 left: that, then the city's. */
	g = gift(BADONG, 500);
	ck_assert_int_eq(matched_from(g), county);
	ck_assert_int_eq(matched(g), 200);
	g = gift(BADONG, 500);
	ck_assert_int_eq(matched_from(g), city);
	ck_assert_int_eq(remaining(city), 100000 - 500);
	cleanup();
}
END_TEST

/* POST path from browser b (its token from a back-office page): the status, Location into loc. */
static long post(struct browser *b, const char *path, const char *form, char loc[256])
{
	struct resp r;
	long status;

	ck_assert_int_eq(b_get(b, "/admin/pools", &r), 0);
	resp_free(&r);
	ck_assert_int_eq(b_post(b, path, form, &r), 0);
	status = r.status;
	resp_location(&r, loc, 256);
	resp_free(&r);
	return status;
}

/* POST /admin/pools/{id}/{what} from browser b answers want. */
static void moved(struct browser *b, long long id, const char *what, long want)
{
	char path[96], loc[256];

	snprintf(path, sizeof path, "/admin/pools/%lld/%s", id, what);
	ck_assert_int_eq(post(b, path, "", loc), want);
}

START_TEST(staff_make_pause_resume_and_close_a_pool)
{
	struct browser st;
	char loc[256], path[96], form[400], *from, *to;
	long long id;

	cleanup();
	from = NULL;
	ck_assert_int_eq(admin_sql("SELECT CURDATE()", &from), 0);
	from[strcspn(from, "\n")] = '\0';
	ck_assert_int_eq(admin_sql("SELECT CURDATE() + INTERVAL 30 DAY", &to), 0);
	to[strcspn(to, "\n")] = '\0';
	ck_assert_int_eq(b_staff(&st, "badong"), 303);
	/* The end before the start; another county; both a region and an activity: refused. */
	snprintf(form, sizeof form, "funder=" FUNDER "&goal_yuan=10&ratio=1:1&cap_yuan=3&from=%s"
	         "&to=2000-01-01&kinds=directed&region=" BADONG, from);
	ck_assert_int_eq(post(&st, "/admin/pools", form, loc), 400);
	snprintf(form, sizeof form, "funder=" FUNDER "&goal_yuan=10&ratio=1:1&cap_yuan=3&from=%s"
	         "&to=%s&kinds=directed&region=" WUCHANG, from, to);
	ck_assert_int_eq(post(&st, "/admin/pools", form, loc), 404);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM match_pools WHERE funder LIKE '"
	                               FUNDER "%'"), 0);
	/* 1:1 up to 3 yuan a gift, 10 yuan in all, from today for 30 days. */
	snprintf(form, sizeof form, "funder=" FUNDER "&goal_yuan=10&ratio=1:1&cap_yuan=3&from=%s"
	         "&to=%s&kinds=directed&region=" BADONG, from, to);
	ck_assert_int_eq(post(&st, "/admin/pools", form, loc), 303);
	id = admin_sql_num("SELECT MAX(id) FROM match_pools WHERE funder = '" FUNDER "'");
	snprintf(path, sizeof path, "/admin/pools/%lld", id);
	ck_assert_str_eq(loc, path);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM match_pools WHERE id = %lld AND "
	                                "amount_fen = 1000 AND remaining_fen = 1000 AND cap_fen = 300 "
	                                "AND scope_region = '" BADONG "' AND starts_at = CURDATE() "
	                                "AND ends_at = CURDATE() + INTERVAL 31 DAY - INTERVAL 1 SECOND",
	                                id), 1);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM audit_log WHERE action = 'pool.create' "
	                                "AND object_id = '%lld'", id), 1);
	ck_assert_int_eq(matched(gift(BADONG, 500)), 300);
	/* Paused: nothing matched; resumed: matched again; closed: for good. */
	moved(&st, id, "pause", 303);
	ck_assert_int_eq(matched(gift(BADONG, 500)), 0);
	moved(&st, id, "resume", 303);
	ck_assert_int_eq(matched(gift(BADONG, 200)), 200);
	moved(&st, id, "close", 303);
	ck_assert_int_eq(matched(gift(BADONG, 500)), 0);
	moved(&st, id, "resume", 409);
	ck_assert_int_eq(remaining(id), 500);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM audit_log WHERE object_type = 'pool' "
	                                "AND object_id = '%lld'", id), 4);
	browser_free(&st);
	free(from);
	free(to);
	cleanup();
}
END_TEST

START_TEST(refund_returns_the_match)
{
	struct browser st;
	char loc[256], path[64];
	long long p, g;

	cleanup();
	p = pool(NOW_WINDOW, "scope_region = '" BADONG "', kinds = 'directed', amount_fen = 100000, "
	         "remaining_fen = 100000, cap_fen = 100000");
	g = gift(BADONG, 2000);
	ck_assert_int_eq(matched(g), 2000);
	ck_assert_int_eq(remaining(p), 98000);
	/* The gift turns out to be owed back (as a rejected pairing's is); staff refund it. */
	admin_sql_okf("UPDATE donations SET refund_due = 1, refund_reason = 'http_pools' "
	              "WHERE id = %lld", g);
	ck_assert_int_eq(b_staff(&st, "province"), 303);
	snprintf(path, sizeof path, "/admin/refunds/%lld", g);
	ck_assert_int_eq(post(&st, path, "", loc), 303);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM donations WHERE id = %lld AND "
	                                "status = 'refunded'", g), 1);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM donations WHERE match_of = %lld AND "
	                                "status = 'refunded'", g), 1);
	ck_assert_int_eq(remaining(p), 100000);
	browser_free(&st);
	cleanup();
}
END_TEST

/* The race's notices, and the pipe each racer takes their indexes from. */
static char *race_notice[RACE_GIFTS];
static int race_jobs = -1;

/* One racer: notices delivered until none are left; 0 if every one was acknowledged. */
static int racer(void)
{
	int i, rc = 0;

	while (read(race_jobs, &i, sizeof i) == (ssize_t)sizeof i)
		rc |= deliver(race_notice[i]);
	return rc;
}

START_TEST(concurrent_gifts_never_overmatch)
{
	char no[RACE_GIFTS][ORDER_NO_LEN + 1], *sql;
	size_t len = 0, cap = RACE_GIFTS * 400;
	struct timespec t0, t1;
	int jobs[2];
	long long p;

	cleanup();
	p = pool(NOW_WINDOW, "scope_region = '" BADONG "', kinds = 'directed', amount_fen = 5000, "
	         "remaining_fen = 5000, cap_fen = 100");
	ck_assert_ptr_nonnull(sql = malloc(cap));
	len += (size_t)snprintf(sql, cap, "INSERT INTO pay_orders (order_no, purpose, visitor_hash, "
	                        "amount_fen, provider, expires_at, donor_name, target_region) VALUES ");
	for (int i = 0; i < RACE_GIFTS; i++) {
		ledger_code(no[i], ORDER_NO_LEN);
		len += (size_t)snprintf(sql + len, cap - len, "%s('%s', 'directed', UNHEX(SHA2('%s', 256)), "
		                        "%d, 'sandbox', NOW() + INTERVAL 1 HOUR, '" GIFT_NAME "', '"
		                        BADONG "')", i ? ", " : "", no[i], no[i], RACE_FEN);
	}
	ck_assert_int_eq(admin_sql(sql, NULL), 0);
	free(sql);
	for (int i = 0; i < RACE_GIFTS; i++)
		race_notice[i] = signed_notice(no[i], RACE_FEN, 0);
	ck_assert_int_eq(pipe(jobs), 0);
	for (int i = 0; i < RACE_GIFTS; i++)
		ck_assert_int_eq(write(jobs[1], &i, sizeof i), (ssize_t)sizeof i);
	close(jobs[1]);
	race_jobs = jobs[0];
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(race_processes(RACERS, racer), RACERS);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	close(jobs[0]);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM donations WHERE donor_name = '"
	                               GIFT_NAME "' AND status = 'paid'"), RACE_GIFTS);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM donations WHERE pool_id = %lld", p),
	                 RACE_ROOM);
	ck_assert_int_eq(admin_sql_numf("SELECT SUM(amount_fen) FROM donations WHERE pool_id = %lld",
	                                p), RACE_ROOM * RACE_FEN);
	ck_assert_int_eq(remaining(p), 0);
	/* The figure for the closing note (tests/bench/pool.sh); no assertion on time. */
	printf("pool race: %d gifts credited at once by %d processes in %.2f s; %lld matched, "
	       "the pool's remaining %lld fen\n", RACE_GIFTS, RACERS,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
	       admin_sql_numf("SELECT COUNT(*) FROM donations WHERE pool_id = %lld", p), remaining(p));
	for (int i = 0; i < RACE_GIFTS; i++)
		free(race_notice[i]);
	cleanup();
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_pools");
	TCase *t = tcase_create("pools");
	TCase *race = tcase_create("race");

	if (sodium_init() < 0)
		abort();
	tcase_set_timeout(t, 120);
	tcase_set_timeout(race, 300);
	tcase_add_unchecked_fixture(t, NULL, cleanup);
	tcase_add_test(t, gift_is_matched_by_ratio_and_cap);
	tcase_add_test(t, gift_outside_window_scope_or_kind_is_not_matched);
	tcase_add_test(t, staff_make_pause_resume_and_close_a_pool);
	tcase_add_test(t, refund_returns_the_match);
	tcase_add_test(race, concurrent_gifts_never_overmatch);
	suite_add_tcase(s, t);
	suite_add_tcase(s, race);
	return s;
}
