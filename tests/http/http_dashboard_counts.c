/*
 * http_dashboard_counts.c — the counts /admin keeps by county (sql/040: county_counts,
 * county_months with sql/048's money by month, care_seen) equal a full recount after changes
 * through the app (a visit approved, a child exited) and the fixtures (children on both sides of
 * the date cutoffs, pairings, visits, letters, paid gifts, one owed back, a transfer); the
 * dashboard of the province, a city and a county shows the recount; and county_counts_rebuild()
 * gives the same rows. The counties' dated figures each worker keeps (cgi/core/dashboard.c),
 * children waiting long and money held too long, move on every worker's very next request.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "client.h"

#define STORY   "（虚构）看板计数测试用的故事。"
#define SUMMARY "（虚构）看板计数测试的反馈。"
#define BADONG  "422823"
#define ENSHI   "422801"   /* 恩施市, in 恩施州 with 巴东县 */
#define WUCHANG "420106"

/* The fixture children: code, county, and the days ago they have waited since. */
static const struct kid {
	const char *code, *county;
	int waited;
} KIDS[] = {
	{ "TK00000001", BADONG, 10 },    /* waiting, recently */
	{ "TK00000002", BADONG, 179 },   /* paired today */
	{ "TK00000003", BADONG, 180 },   /* waiting, exactly the 180 days: not long */
	{ "TK00000004", BADONG, 181 },   /* waiting long, in the cutoff's month or the one before */
	{ "TK00000005", BADONG, 400 },   /* waiting long; exited through the app */
	{ "TK00000006", BADONG, 500 },   /* paired long ago, never visited: due */
	{ "TK00000007", BADONG, 500 },   /* paired; a visit 89 days ago: not due */
	{ "TK00000008", BADONG, 500 },   /* paired; a visit 91 days ago: due; one approved now */
	{ "TK00000009", ENSHI, 500 },    /* paired, visited 200 days ago; moved from 巴东县 */
	{ "TK00000010", WUCHANG, 200 },  /* waiting long, another city; a letter pending */
};
#define NKIDS (sizeof KIDS / sizeof KIDS[0])

/* The day n days ago, as YYYY-MM-DD. */
static const char *days_ago(int n, char out[24])
{
	time_t t = time(NULL) - (time_t)n * 86400;
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 24, "%Y-%m-%d", &tm);
	return out;
}

static void remove_fixtures(void)
{
	for (size_t i = 0; i < NKIDS; i++) {
		fixture_money_delete(KIDS[i].code);
		fixture_delete(KIDS[i].code);
	}
}

static long long donor_id(void)
{
	admin_sql("INSERT IGNORE INTO donors (login, login_kind, pw_hash, display_name, agreed_at) "
	          "VALUES ('dashboard-counts@example.com', 'email', 'x', '计数测试', NOW())", NULL);
	return admin_sql_num("SELECT id FROM donors WHERE login = 'dashboard-counts@example.com'");
}

static void child(const struct kid *k)
{
	char id[32], day[24];
	struct fixture_child ch = {
		k->code, "测试·计数", "m", "2013-04-05", k->county, "ill", STORY, "waiting", 1,
		"虚构·计数真名", id, "虚构监护人 13900000005",
	};

	snprintf(id, sizeof id, "HDC-%s", k->code);
	ck_assert_msg(fixture_insert(&ch) == 0, "fixture %s not inserted", k->code);
	ck_assert_int_eq(admin_sql_numf("UPDATE children SET waiting_since = '%s' "
	                                "WHERE code = '%s'; SELECT ROW_COUNT()",
	                                days_ago(k->waited, day), k->code), 1);
}

static long long visit(int kid, long long sid, const char *state, int ago)
{
	char day[24];

	return fixture_visit(KIDS[kid].code, sid, "badong", state, days_ago(ago, day), "home",
	                     "life", 0, SUMMARY, strcmp(state, "approved") == 0 ? 3600 : 0);
}

/* The fixtures, partly written as the app's staff would: returns the visit left to approve. */
static long long fixtures(void)
{
	long long d = donor_id(), sid, open;
	char day[24];

	remove_fixtures();
	for (size_t i = 0; i < NKIDS; i++)
		child(&KIDS[i]);
	fixture_pair(KIDS[1].code, d, days_ago(0, day));
	fixture_pair(KIDS[5].code, d, "2001-01-01");
	sid = fixture_pair(KIDS[6].code, d, "2001-01-02");
	visit(6, sid, "approved", 89);
	sid = fixture_pair(KIDS[7].code, d, "2001-01-03");
	visit(7, sid, "approved", 91);
	open = visit(7, sid, "submitted", 1);
	/* Paired in 巴东县, then moved to 恩施市: its counts go with it. */
	admin_sql("UPDATE children SET county_code = '" BADONG "' WHERE code = 'TK00000009'", NULL);
	sid = fixture_pair(KIDS[8].code, d, "2001-01-04");
	fixture_gift(sid, 150000, "2001-02-03 10:00:00");
	/* A gift found owed back leaves its month. */
	admin_sql_okf("UPDATE donations SET refund_due = 1 WHERE id = %lld",
	              fixture_gift(sid, 30000, "2001-03-04 10:00:00"));
	visit(8, sid, "approved", 200);
	visit(8, sid, "submitted", 2);
	admin_sql("UPDATE children SET county_code = '" ENSHI "' WHERE code = 'TK00000009'", NULL);
	ck_assert_int_eq(admin_sql_numf(
	        "INSERT INTO letters (sponsorship_id, child_id, direction, state, body, form_key) "
	        "SELECT %lld, id, 'to_child', 'pending', X'00', RANDOM_BYTES(16) FROM children "
	        "WHERE code = 'TK00000010'; SELECT ROW_COUNT()", sid), 1);
	return open;
}

/* Kept rows against a recount: each statement counts the counties (or rows) where they differ. */
static const char *const MISMATCHES[] = {
	/* county_counts: children by state, visits and letters waiting, by county */
	"SELECT COUNT(*) FROM (SELECT u.county FROM ("
	"  SELECT county_code AS county, waiting AS w, pairing AS p, paired AS pa, "
	"  visits_submitted AS v, letters_pending AS lp, letters_approved AS la, care AS k "
	"  FROM county_counts UNION ALL SELECT county_code, -SUM(status = 'waiting'), "
	"  -SUM(status IN ('held', 'pending')), -SUM(status = 'paired'), 0, 0, 0, 0 "
	"  FROM children GROUP BY county_code "
	"  UNION ALL SELECT c.county_code, 0, 0, 0, -COUNT(*), 0, 0, 0 FROM visits v "
	"  JOIN children c ON c.id = v.child_id WHERE v.state = 'submitted' GROUP BY c.county_code "
	"  UNION ALL SELECT c.county_code, 0, 0, 0, 0, -SUM(l.state = 'pending'), "
	"  -SUM(l.state = 'approved' AND l.direction = 'to_child'), 0 FROM letters l "
	"  JOIN children c ON c.id = l.child_id GROUP BY c.county_code "
	"  UNION ALL SELECT c.county_code, 0, 0, 0, 0, 0, 0, -COUNT(*) FROM sponsorships x "
	"  JOIN children c ON c.id = x.live_child WHERE x.state = 'active' AND c.status = 'paired' "
	"  GROUP BY c.county_code) u GROUP BY u.county "
	"  HAVING SUM(w) <> 0 OR SUM(p) <> 0 OR SUM(pa) <> 0 OR SUM(v) <> 0 OR SUM(lp) <> 0 "
	"  OR SUM(la) <> 0 OR SUM(k) <> 0) d",
	/* care_seen: each paired child's active sponsorship with its last seen day */
	"SELECT COUNT(*) FROM (SELECT u.id FROM (SELECT sponsorship_id AS id, seen, county_code, "
	"  1 AS n FROM care_seen UNION ALL SELECT x.id, COALESCE((SELECT MAX(v.visited_on) "
	"  FROM visits v WHERE v.sponsorship_id = x.id AND v.state = 'approved'), "
	"  DATE(x.decided_at), DATE(x.created_at)), c.county_code, -1 FROM sponsorships x "
	"  JOIN children c ON c.id = x.live_child "
	"  WHERE x.state = 'active' AND c.status = 'paired') u "
	"  GROUP BY u.id, u.seen, u.county_code HAVING SUM(u.n) <> 0) d",
	/* county_months: the waiting children, care_seen's rows, the pairings and money by month */
	"SELECT COUNT(*) FROM (SELECT u.kind FROM (SELECT kind, county_code, month, n "
	"  FROM county_months UNION ALL SELECT 'waiting', county_code, "
	"  DATE_FORMAT(waiting_since, '%Y-%m'), -1 FROM children WHERE status = 'waiting' "
	"  UNION ALL SELECT 'seen', county_code, DATE_FORMAT(seen, '%Y-%m'), -1 FROM care_seen "
	"  UNION ALL SELECT 'paired', c.county_code, DATE_FORMAT(x.decided_at, '%Y-%m'), -1 "
	"  FROM sponsorships x JOIN children c ON c.id = x.child_id "
	"  WHERE x.state IN ('active', 'ended') AND x.decided_at IS NOT NULL "
	"  UNION ALL SELECT 'funds', c.county_code, DATE_FORMAT(d.paid_at, '%Y-%m'), "
	"  -CAST(d.amount_fen AS SIGNED) FROM donations d "
	"  JOIN sponsorships x ON x.id = d.sponsorship_id JOIN children c ON c.id = x.child_id "
	"  WHERE d.status = 'paid' AND d.refund_due = 0) u "
	"  GROUP BY u.kind, u.county_code, u.month HAVING SUM(u.n) <> 0) d",
};

static void assert_kept_equals_recount(const char *when)
{
	for (size_t i = 0; i < sizeof MISMATCHES / sizeof MISMATCHES[0]; i++)
		ck_assert_msg(admin_sql_num(MISMATCHES[i]) == 0,
		              "%s: kept counts %zu differ from a recount", when, i);
}

/* A recount in SQL of children in scope (cond on children aliased c), as the old dashboard did. */
static long long recount(const char *what, const char *cond)
{
	return admin_sql_numf("SELECT COUNT(*) FROM children c %s AND %s", what, cond);
}

#define DUE_RECOUNT \
	"JOIN sponsorships x ON x.live_child = c.id WHERE c.status = 'paired' " \
	"AND x.state = 'active' AND COALESCE((SELECT MAX(v.visited_on) FROM visits v " \
	"WHERE v.sponsorship_id = x.id AND v.state = 'approved'), DATE(x.decided_at), " \
	"DATE(x.created_at)) < CURDATE() - INTERVAL 90 DAY"
#define MONTH_RECOUNT \
	"JOIN sponsorships x ON x.child_id = c.id WHERE x.state IN ('active', 'ended') " \
	"AND x.decided_at >= DATE_FORMAT(CURDATE(), '%Y-%m-01')"
/* This month's sponsorship money, in fen, summed from the donations themselves. */
static long long funds_recount(const char *cond)
{
	return admin_sql_numf("SELECT COALESCE(SUM(d.amount_fen), 0) FROM donations d "
	                      "JOIN sponsorships x ON x.id = d.sponsorship_id "
	                      "JOIN children c ON c.id = x.child_id WHERE d.status = 'paid' "
	                      "AND d.refund_due = 0 "
	                      "AND d.paid_at >= DATE_FORMAT(CURDATE(), '%%Y-%%m-01') AND %s", cond);
}

/* A sum of money the page shows before label ("¥3,000.50</b><span>label"), in fen. */
static long long money_before(const struct resp *r, const char *label)
{
	const char *at = strstr(r->body, label), *p = at;
	long long fen = 0, cents = -1;

	ck_assert_msg(at != NULL, "no figure %s on the page", label);
	while (p > r->body && strncmp(p, "¥", strlen("¥")) != 0)
		p--;
	for (p += strlen("¥"); p < at && (*p == ',' || *p == '.' || (*p >= '0' && *p <= '9')); p++)
		if (*p == '.')
			cents = 0;
		else if (*p != ',' && cents < 0)
			fen = fen * 10 + (*p - '0');
		else if (*p != ',')
			cents = cents * 10 + (*p - '0');
	return fen * 100 + (cents < 0 ? 0 : cents);
}

#define LONG_RECOUNT \
	"WHERE c.status = 'waiting' AND c.waiting_since < CURDATE() - INTERVAL 180 DAY"

/* The dashboard of staff (scope cond) shows the recount, in its figures and 巴东县's rows. */
static void assert_dashboard_shows_recount(const char *staff, const char *cond)
{
	struct browser b;
	struct resp r;
	long long row[5];
	const char *badong = "c.county_code = '" BADONG "'";

	ck_assert_int_eq(b_staff(&b, staff), 303);
	ck_assert_int_eq(b_get(&b, "/admin", &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq(resp_figure(&r, "</b><span>等待超过 180 天"), recount(LONG_RECOUNT, cond));
	ck_assert_int_eq(resp_figure(&r, "</b><span>超过 90 天未探访"), recount(DUE_RECOUNT, cond));
	ck_assert_int_eq(resp_figure(&r, "</b><span>本月新结对"), recount(MONTH_RECOUNT, cond));
	ck_assert_int_eq(money_before(&r, "</b><span>本月助养款"), funds_recount(cond));
	if (strcmp(staff, "badong") != 0) {
		ck_assert_int_eq(row_figures(&r, "各区县", "巴东县", row, 4), 4);
		ck_assert_int_eq(row[0], recount("WHERE c.status = 'waiting'", badong));
		ck_assert_int_eq(row[1], recount("WHERE c.status IN ('held', 'pending')", badong));
		ck_assert_int_eq(row[2], recount("WHERE c.status = 'paired'", badong));
		ck_assert_int_eq(row[3], recount(LONG_RECOUNT, badong));
		ck_assert_int_eq(row_figures(&r, "探访与书信", "巴东县", row, 5), 5);
		ck_assert_int_eq(row[0], recount("WHERE c.status = 'paired'", badong));
		ck_assert_int_eq(row[1], recount(DUE_RECOUNT, badong));
		ck_assert_int_eq(row[2], recount("JOIN visits v ON v.child_id = c.id "
		                                 "WHERE v.state = 'submitted'", badong));
	}
	resp_free(&r);
	browser_free(&b);
}

static void assert_dashboards_show_recount(void)
{
	assert_dashboard_shows_recount("province", "1 = 1");
	assert_dashboard_shows_recount("enshi", "c.city_code = '422800'");
	assert_dashboard_shows_recount("badong", "c.county_code = '" BADONG "'");
}

/* Changes through the app and the fixtures: the kept counts stay a recount's, on every page. */
START_TEST(kept_counts_equal_a_recount)
{
	struct browser b;
	struct resp r;
	char path[96];
	long long open = fixtures(), due;

	assert_kept_equals_recount("fixtures");
	assert_dashboards_show_recount();
	/* A visit approved today: TK00000008 is no longer due. */
	due = recount(DUE_RECOUNT, "c.code = 'TK00000008'");
	ck_assert_int_eq(due, 1);
	ck_assert_int_eq(b_staff(&b, "badong"), 303);
	ck_assert_int_eq(b_get(&b, "/admin/visits", &r), 0);
	resp_free(&r);
	admin_sql_numf("UPDATE visits SET visited_on = CURDATE() WHERE id = %lld; SELECT 1", open);
	snprintf(path, sizeof path, "/admin/visits/%lld/approve", open);
	ck_assert_int_eq(b_post(&b, path, "", &r), 0);
	ck_assert_msg(r.status == 303, "approve: %ld", r.status);
	resp_free(&r);
	ck_assert_int_eq(recount(DUE_RECOUNT, "c.code = 'TK00000008'"), 0);
	/* A waiting child exited. */
	ck_assert_int_eq(b_get(&b, "/admin/children/TK00000005", &r), 0);
	resp_free(&r);
	ck_assert_int_eq(b_post(&b, "/admin/children/TK00000005/exit", "exit_reason=improved", &r),
	                 0);
	ck_assert_msg(r.status == 303, "exit: %ld", r.status);
	resp_free(&r);
	browser_free(&b);
	assert_kept_equals_recount("through the app");
	assert_dashboards_show_recount();
	/* A rebuild from scratch (repair after an import) gives the same rows. */
	admin_sql("CALL county_counts_rebuild()", NULL);
	assert_kept_equals_recount("rebuilt");
	assert_dashboards_show_recount();
	remove_fixtures();
	assert_kept_equals_recount("fixtures removed");
}
END_TEST

/* A donor's POST to path: its status; the Location of a redirect into loc. */
static long donor_post(struct browser *b, const char *path, const char *form, char loc[128])
{
	struct resp r;
	long status;

	ck_assert_int_eq(b_post(b, path, form, &r), 0);
	status = r.status;
	resp_location(&r, loc, 128);
	resp_free(&r);
	return status;
}

/* A hold of code by donor b, through the offer page. */
static void hold(struct browser *b, const char *code)
{
	char path[64], loc[128];
	struct resp r;

	snprintf(path, sizeof path, "/sponsor/%s", code);
	ck_assert_int_eq(b_get(b, path, &r), 0);
	resp_free(&r);
	snprintf(path, sizeof path, "/children/%s/hold", code);
	ck_assert_int_eq(donor_post(b, path, "", loc), 303);
}

/*
 * A checkout's moves (sql/047 counts them by difference, where it counted the old state out and
 * the new in): a hold, a payment, the approval, and a hold given up keep the kept counts a
 * recount's. The match a pool may have added is taken back with the fixtures.
 */
START_TEST(a_checkout_keeps_the_counts)
{
	struct browser d, s;
	char login[64], path[160], loc[128];
	long long sid;

	fixtures();
	browser_init(&d);
	snprintf(login, sizeof login, "counts-%ld-%d@example.com", (long)time(NULL), (int)getpid());
	ck_assert_int_eq(b_signup(&d, login, "counts-password", "计数"), 303);
	ck_assert_int_eq(b_verify(&d, login), 303);
	hold(&d, KIDS[0].code);
	assert_kept_equals_recount("held");
	snprintf(path, sizeof path, "/sponsor/%s", KIDS[0].code);
	ck_assert_int_eq(donor_post(&d, path, "plan=annual&agree=1", loc), 303);
	snprintf(path, sizeof path, "%s/pay", loc);
	ck_assert_int_eq(donor_post(&d, path, "", loc), 303);
	assert_kept_equals_recount("paid");
	sid = admin_sql_numf("SELECT s.id FROM sponsorships s JOIN children c ON c.id = s.child_id "
	                     "WHERE c.code = '%s' AND s.state = 'pending_approval'", KIDS[0].code);
	ck_assert_int_eq(b_staff(&s, "badong"), 303);
	snprintf(path, sizeof path, "/admin/pairings/%lld/approve", sid);
	ck_assert_int_eq(donor_post(&s, path, "", loc), 303);
	assert_kept_equals_recount("approved");
	assert_dashboards_show_recount();
	hold(&d, KIDS[2].code);
	snprintf(path, sizeof path, "/sponsor/%s/release", KIDS[2].code);
	ck_assert_int_eq(donor_post(&d, path, "", loc), 303);
	assert_kept_equals_recount("given up");
	browser_free(&d);
	browser_free(&s);
	admin_sql_okf("UPDATE match_pools p JOIN donations m ON m.pool_id = p.id "
	              "JOIN donations g ON g.id = m.match_of "
	              "SET p.remaining_fen = p.remaining_fen + m.amount_fen "
	              "WHERE g.sponsorship_id = %lld; DELETE m FROM donations m JOIN donations g "
	              "ON g.id = m.match_of WHERE g.sponsorship_id = %lld", sid, sid);
	remove_fixtures();
	assert_kept_equals_recount("fixtures removed");
}
END_TEST

/*
 * Four requests for the province's /admin by one staff browser: what each showed waiting long, in
 * all and in 巴东县, and the children with money held too long.
 */
struct looks {
	struct browser b;
	long long      all[4], badong[4], held[4];
};

/* The children with money held too long in the dashboard's alert, 0 if it has none. */
static long long held_alert(const struct resp *r)
{
	const char *a = "<a href=\"/admin/finance#held\">", *p = strstr(r->body, a);

	return p ? strtoll(p + strlen(a), NULL, 10) : 0;
}

static void *look(void *arg)
{
	struct looks *l = arg;

	for (int i = 0; i < 4; i++) {
		struct resp r;
		long long row[4];

		ck_assert_int_eq(b_get(&l->b, "/admin", &r), 0);
		ck_assert_int_eq(r.status, 200);
		l->all[i] = resp_figure(&r, "</b><span>等待超过 180 天");
		l->badong[i] = row_figures(&r, "各区县", "巴东县", row, 4) == 4 ? row[3] : -1;
		l->held[i] = held_alert(&r);
		resp_free(&r);
	}
	return NULL;
}

/*
 * Sixteen requests, four browsers at a time so that each of the app's workers answers some: before
 * a change they leave the figures kept in every worker, after it they are every worker's next
 * request. Each shows the recount of children waiting long, in all and in 巴东县's row, and held
 * children with money held too long (-1: as many as the first request showed): that number.
 */
static long long looks_show_recount(struct looks l[4], const char *when, long long held)
{
	pthread_t t[4];
	long long all = recount(LONG_RECOUNT, "1 = 1");
	long long badong = recount(LONG_RECOUNT, "c.county_code = '" BADONG "'");

	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, look, &l[i]);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < 16; i++) {
		const struct looks *k = &l[i / 4];

		ck_assert_msg(k->all[i % 4] == all,
		              "%s: request %d showed %lld waiting long, not %lld", when, i,
		              k->all[i % 4], all);
		ck_assert_msg(k->badong[i % 4] == badong,
		              "%s: request %d showed %lld in 巴东县, not %lld", when, i,
		              k->badong[i % 4], badong);
		held = held < 0 ? k->held[0] : held;
		ck_assert_msg(k->held[i % 4] == held, "%s: request %d showed %lld held, not %lld",
		              when, i, k->held[i % 4], held);
	}
	return held;
}

/*
 * A child counted waiting long; a paired child's gift held too long, then paid out; both gone: on
 * every worker's next request.
 */
START_TEST(dated_figures_move_on_the_next_request)
{
	struct looks l[4];
	char day[24], paid[40];
	long long sid, held;

	remove_fixtures();
	child(&KIDS[0]);
	child(&KIDS[5]);
	sid = fixture_pair(KIDS[5].code, donor_id(), "2001-01-01");
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(b_staff(&l[i].b, "province"), 303);
	held = looks_show_recount(l, "before", -1);
	ck_assert_int_eq(admin_sql_numf("UPDATE children SET waiting_since = '%s' "
	                                "WHERE code = '%s'; SELECT ROW_COUNT()",
	                                days_ago(400, day), KIDS[0].code), 1);
	ck_assert_int_eq(recount(LONG_RECOUNT, "c.code = 'TK00000001'"), 1);
	looks_show_recount(l, "waiting long", held);
	snprintf(paid, sizeof paid, "%s 10:00:00", days_ago(200, day));
	ck_assert_int_gt(fixture_gift(sid, 300000, paid), 0);
	looks_show_recount(l, "money held", held + 1);
	ck_assert_int_gt(fixture_payout(sid, "2018", 300000, 0, "paid", days_ago(100, day), 0), 0);
	looks_show_recount(l, "paid out", held);
	remove_fixtures();
	looks_show_recount(l, "removed", held);
	for (int i = 0; i < 4; i++)
		browser_free(&l[i].b);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_dashboard_counts");
	TCase *t = tcase_create("dashboard_counts");

	tcase_set_timeout(t, 120);
	tcase_add_unchecked_fixture(t, NULL, remove_fixtures);
	tcase_add_test(t, kept_counts_equal_a_recount);
	tcase_add_test(t, a_checkout_keeps_the_counts);
	tcase_add_test(t, dated_figures_move_on_the_next_request);
	suite_add_tcase(s, t);
	return s;
}
