/*
 * http_fundpages.c — personal fundraising pages (一起捐) and spokesperson pages (代言人): a donor
 * makes one (guests to /login, bad input 400, a fourth pending 409), staff in reach review it
 * (another county 404, a volunteer 403), a gift through it shows on /p/{code} masked and moves its
 * progress, a pause tells its donors and refuses gifts (409), its QR code and poster, updates by
 * its initiator alone, and the sweep ending a page past its end date.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "client.h"

#define PW         "fundpages-test-pw"
/* Every page the test makes has this title prefix, for the cleanup. */
#define TITLE      "FPtest"
#define SWEEP_WAIT 30       /* seconds the sweep (every second in tests) may take to come round */
#define POLL_US    100000
#define ORDER_LEN  20
#define GIVER      "%E6%B5%8B%E8%AF%95%E7%94%B2"   /* 测试甲, masked 测*甲 */

static const char *fmt(const char *f, ...)
{
	static char buf[8][2048];
	static int k;
	va_list ap;

	k = (k + 1) % 8;
	va_start(ap, f);
	vsnprintf(buf[k], sizeof buf[k], f, ap);
	va_end(ap);
	return buf[k];
}

/* One value from the database, as text (the caller frees it). */
static char *text(const char *sql)
{
	char *out = NULL;
	size_t n;

	ck_assert_msg(admin_sql(sql, &out) == 0, "query failed: %s", sql);
	n = strlen(out);
	while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	return out;
}

/* A new browser signed up as a new donor (its login to login, if not NULL). */
static void donor(struct browser *b, char *login, size_t n)
{
	static int k;
	char l[96];

	snprintf(l, sizeof l, "fp-%ld-%d-%d@example.com", (long)time(NULL), (int)getpid(), k++);
	browser_init(b);
	ck_assert_msg(b_signup(b, l, PW, "一起捐测试") == 303, "signup of %s failed", l);
	if (login)
		snprintf(login, n, "%s", l);
}

/* GET path in b: its status, and the body has each needle (NULL-terminated list). */
static void see(struct browser *b, const char *path, long status, ...)
{
	struct resp r;
	va_list ap;
	const char *needle;

	ck_assert_int_eq(b ? b_get(b, path, &r) : http_get(path, &r), 0);
	ck_assert_msg(r.status == status, "GET %s: %ld, not %ld", path, r.status, status);
	va_start(ap, status);
	while ((needle = va_arg(ap, const char *)))
		ck_assert_msg(strstr(r.body, needle) != NULL, "GET %s: no \"%s\"", path, needle);
	va_end(ap);
	resp_free(&r);
}

/* POST form to path in b: the status; the Location into loc (if not NULL). */
static long post(struct browser *b, const char *path, const char *form, char *loc, size_t n)
{
	struct resp r;
	long status;

	ck_assert_int_eq(b_post(b, path, form, &r), 0);
	status = r.status;
	if (loc)
		resp_location(&r, loc, n);
	resp_free(&r);
	return status;
}

/* The form of a programme page with goal 1,000 yuan ending in 30 days, titled TITLE + what. */
static const char *page_form(const char *what)
{
	char *to = text("SELECT CURDATE() + INTERVAL 30 DAY");
	const char *f = fmt("page_kind=programme&title=" TITLE "+%s&text=Line+one%%0ALine+two&"
	                    "goal_yuan=1000&to=%s&display_name=FP+initiator", what, to);

	free(to);
	return f;
}

/* Donor b makes a page; its id (from the redirect to /me/pages/{id}). */
static long long make_page(struct browser *b, const char *what)
{
	char loc[256];

	see(b, "/pages/new", 200, "发起一起捐", NULL);
	ck_assert_int_eq(post(b, "/pages/new", page_form(what), loc, sizeof loc), 303);
	ck_assert_msg(strncmp(loc, "/me/pages/", 10) == 0, "new page went to %s", loc);
	return atoll(loc + 10);
}

/* The page's code (static storage, one at a time). */
static const char *code_of(long long id)
{
	static char code[16];
	char *c = text(fmt("SELECT code FROM fund_pages WHERE id = %lld", id));

	snprintf(code, sizeof code, "%s", c);
	free(c);
	return code;
}

/* A gift from a new guest browser through page code, paid on the sandbox's page. */
static void give(const char *code, const char *form)
{
	struct browser g;
	char loc[256], order[256];

	browser_init(&g);
	see(&g, fmt("/p/%s", code), 200, NULL);
	ck_assert_int_eq(post(&g, fmt("/p/%s/donate", code), form, loc, sizeof loc), 303);
	ck_assert_msg(strncmp(loc, "/pay/sandbox/", 13) == 0, "gift went to %s", loc);
	snprintf(order, sizeof order, "%s", loc + 13);
	see(&g, loc, 200, NULL);
	ck_assert_int_eq(post(&g, fmt("/pay/sandbox/%s/pay", order), "", NULL, 0), 303);
	browser_free(&g);
}

/* The waiting child the children pages pick (a fixture of its own). */
#define KID "TF00000001"

static void kid(void)
{
	const struct fixture_child ch = {
		KID, "测试·一起助养", "f", "2015-03-04", "422823", "ill", "（虚构）一起捐测试的故事。",
		"waiting", 1, "虚构·一起助养真名", "HFPG-" KID, "虚构监护人 13900000003",
	};

	ck_assert_msg(fixture_insert(&ch) == 0, "fixture %s not inserted", KID);
}

/* What the test made goes, with the gifts through its pages (their totals with them). */
static void cleanup(void)
{
	admin_sql_okf("DELETE FROM page_children WHERE page_id IN "
	              "(SELECT id FROM fund_pages WHERE title LIKE '" TITLE "%%')");
	fixture_delete(KID);
	admin_sql_okf("DELETE FROM progress_updates WHERE item_kind = 'page' AND item_id IN "
	              "(SELECT id FROM fund_pages WHERE title LIKE '" TITLE "%%'); "
	              "DELETE FROM donations WHERE page_id IN "
	              "(SELECT id FROM fund_pages WHERE title LIKE '" TITLE "%%'); "
	              "DELETE FROM pay_orders WHERE page_id IN "
	              "(SELECT id FROM fund_pages WHERE title LIKE '" TITLE "%%'); "
	              "DELETE FROM raised_totals WHERE item_kind = 'page' AND item_id IN "
	              "(SELECT id FROM fund_pages WHERE title LIKE '" TITLE "%%'); "
	              "DELETE FROM fund_pages WHERE title LIKE '" TITLE "%%'");
}

START_TEST(a_donor_makes_pages)
{
	struct browser guest, d;
	struct resp r;
	char loc[256];
	long long id;

	/* A guest is sent to sign in first. */
	browser_init(&guest);
	ck_assert_int_eq(b_get(&guest, "/pages/new", &r), 0);
	ck_assert_int_eq(r.status, 303);
	resp_location(&r, loc, sizeof loc);
	ck_assert_msg(strncmp(loc, "/login", 6) == 0, "guest went to %s", loc);
	resp_free(&r);
	browser_free(&guest);

	donor(&d, NULL, 0);
	see(&d, "/pages/new", 200, "发起一起捐", NULL);
	/* Bad input: no title, no goal, an end date in the past, an unknown kind. */
	ck_assert_int_eq(post(&d, "/pages/new", "page_kind=programme&text=x&goal_yuan=10&"
	                      "to=2099-01-01&display_name=x", NULL, 0), 400);
	ck_assert_int_eq(post(&d, "/pages/new", "page_kind=programme&title=" TITLE "&text=x&"
	                      "to=2099-01-01&display_name=x", NULL, 0), 400);
	ck_assert_int_eq(post(&d, "/pages/new", "page_kind=programme&title=" TITLE "&text=x&"
	                      "goal_yuan=10&to=2001-01-01&display_name=x", NULL, 0), 400);
	ck_assert_int_eq(post(&d, "/pages/new", "page_kind=lottery&title=" TITLE "&text=x&"
	                      "goal_yuan=10&to=2099-01-01&display_name=x", NULL, 0), 400);
	/* A children page's goal is N × 3,000 yuan, whatever goal is typed. */
	{
		char *to = text("SELECT CURDATE() + INTERVAL 60 DAY");
		ck_assert_int_eq(post(&d, "/pages/new", fmt("page_kind=children&children=2&title="
		                      TITLE "+kids&text=x&goal_yuan=5&to=%s&display_name=x", to),
		                      loc, sizeof loc), 303);
		free(to);
	}
	id = atoll(loc + 10);
	ck_assert_int_eq(admin_sql_numf("SELECT goal_fen FROM fund_pages WHERE id = %lld", id),
	                 600000);
	make_page(&d, "two");
	make_page(&d, "three");
	/* A fourth pending page is refused, and nothing is written. */
	ck_assert_int_eq(post(&d, "/pages/new", page_form("four"), NULL, 0), 409);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM fund_pages WHERE title = '"
	                                TITLE " four'"), 0);
	/* Pending: its initiator sees it (on /me too), the public does not. */
	see(&d, fmt("/p/%s", code_of(id)), 200, "等待慈善会审核", NULL);
	see(NULL, fmt("/p/%s", code_of(id)), 404, NULL);
	see(&d, "/me", 200, "我的一起捐", TITLE " kids", "待审核", NULL);
	browser_free(&d);
}
END_TEST

START_TEST(review_by_staff_in_reach)
{
	struct browser d, county, vol, prov;
	long long in, out;

	donor(&d, NULL, 0);
	in = make_page(&d, "in");
	out = make_page(&d, "out");
	/* Tied to 巴东县 and to 武汉市武昌区. */
	admin_sql_okf("UPDATE fund_pages SET region_code = '422823' WHERE id = %lld", in);
	admin_sql_okf("UPDATE fund_pages SET region_code = '420106' WHERE id = %lld", out);
	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	ck_assert_int_eq(b_staff(&vol, "badong-volunteer"), 303);
	see(&county, "/admin/pages?list_state=pending", 200, TITLE " in", NULL);
	see(&county, fmt("/admin/pages/%lld", out), 404, NULL);
	ck_assert_int_eq(post(&county, fmt("/admin/pages/%lld/approve", out), "", NULL, 0), 404);
	see(&vol, "/admin/pages", 403, NULL);
	ck_assert_int_eq(post(&vol, fmt("/admin/pages/%lld/approve", in), "", NULL, 0), 403);
	ck_assert_int_eq(post(&county, fmt("/admin/pages/%lld/approve", in), "", NULL, 0), 303);
	ck_assert_int_eq(post(&county, fmt("/admin/pages/%lld/approve", in), "", NULL, 0), 409);
	see(NULL, fmt("/p/%s", code_of(in)), 200, TITLE " in", "举报", NULL);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM audit_log WHERE object_type = 'page' "
	                                "AND object_id = '%lld'", in), 2);
	/* The province reaches it, and rejects with a reason its initiator reads. */
	ck_assert_int_eq(b_staff(&prov, "province"), 303);
	ck_assert_int_eq(post(&prov, fmt("/admin/pages/%lld/reject", out), "reason=Not+now", NULL,
	                      0), 303);
	see(&d, fmt("/p/%s", code_of(out)), 200, "Not now", NULL);
	see(NULL, fmt("/p/%s", code_of(out)), 404, NULL);
	browser_free(&d);
	browser_free(&county);
	browser_free(&vol);
	browser_free(&prov);
}
END_TEST

START_TEST(gifts_pause_and_sharing)
{
	struct browser d, prov;
	long long id;
	const char *code;
	char mobile[16];

	donor(&d, NULL, 0);
	id = make_page(&d, "gifts");
	code = code_of(id);
	ck_assert_int_eq(b_staff(&prov, "province"), 303);
	ck_assert_int_eq(post(&prov, fmt("/admin/pages/%lld/approve", id), "", NULL, 0), 303);
	see(NULL, fmt("/p/%s", code), 200, "已筹 <b>0</b> 元", "<b>0</b> 人次", NULL);
	snprintf(mobile, sizeof mobile, "139%08d", (int)(getpid() % 100000000));
	give(code, fmt("amount=100&name=%s&message=Go+go&mobile=%s", GIVER, mobile));
	/* At once (not from the page cache): the masked name, the message, the progress. */
	see(NULL, fmt("/p/%s", code), 200, "测*甲", "Go go", "已筹 <b>100</b> 元",
	    "<b>1</b> 人次", "value=\"10000\"", NULL);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM donations WHERE page_id = %lld "
	                                "AND status = 'paid' AND purpose = 'general'", id), 1);
	/* The QR code of its address, and the poster. */
	{
		struct resp r;

		ck_assert_int_eq(http_get(fmt("/p/%s/qr.svg", code), &r), 0);
		ck_assert_int_eq(r.status, 200);
		ck_assert(resp_has_header(&r, "Content-Type", "image/svg+xml"));
		ck_assert(strstr(r.body, "<svg") != NULL);
		resp_free(&r);
	}
	see(NULL, fmt("/p/%s/poster", code), 200, TITLE " gifts", "湖北省慈善总会",
	    fmt("/p/%s/qr.svg", code), "备案编号", NULL);
	/* Paused: its donor is told, gifts are refused, the page says why. */
	ck_assert_int_eq(post(&prov, fmt("/admin/pages/%lld/pause", id), "reason=Checking", NULL, 0),
	                 303);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM outbox WHERE recipient = '%s' "
	                                "AND body LIKE '%%Checking%%'", mobile), 1);
	see(NULL, fmt("/p/%s", code), 200, "已暂停募捐", "Checking", NULL);
	see(&prov, fmt("/admin/pages/%lld", id), 200, NULL);
	see(&d, fmt("/me/pages/%lld", id), 200, "Checking", NULL);
	{
		struct browser g;

		/* A form opened before the pause (the paused page has none), sent after it. */
		browser_init(&g);
		see(&g, "/donate", 200, NULL);
		ck_assert_int_eq(post(&g, fmt("/p/%s/donate", code), "amount=30", NULL, 0), 409);
		browser_free(&g);
	}
	ck_assert_int_eq(post(&prov, fmt("/admin/pages/%lld/resume", id), "", NULL, 0), 303);
	see(NULL, fmt("/p/%s", code), 200, "去支付", NULL);
	browser_free(&d);
	browser_free(&prov);
}
END_TEST

START_TEST(updates_by_the_initiator_alone)
{
	struct browser d, other, prov;
	long long id;
	int i;

	donor(&d, NULL, 0);
	donor(&other, NULL, 0);
	id = make_page(&d, "updates");
	/* Not before it is public. */
	see(&d, fmt("/me/pages/%lld", id), 200, NULL);
	ck_assert_int_eq(post(&d, fmt("/me/pages/%lld", id), "text=Too+soon", NULL, 0), 409);
	ck_assert_int_eq(b_staff(&prov, "province"), 303);
	ck_assert_int_eq(post(&prov, fmt("/admin/pages/%lld/approve", id), "", NULL, 0), 303);
	see(&other, fmt("/me/pages/%lld", id), 404, NULL);
	ck_assert_int_eq(post(&other, fmt("/me/pages/%lld", id), "text=Not+mine", NULL, 0), 404);
	see(&d, fmt("/me/pages/%lld", id), 200, "发布进展", NULL);
	ck_assert_int_eq(post(&d, fmt("/me/pages/%lld", id), "text=We+are+at+half", NULL, 0), 303);
	see(NULL, fmt("/p/%s", code_of(id)), 200, "We are at half", "最近更新", NULL);
	see(&prov, fmt("/admin/pages/%lld", id), 200, "We are at half", NULL);
	see(&d, fmt("/me/pages/%lld", id), 200, "We are at half", NULL);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM progress_updates WHERE item_kind = "
	                                "'page' AND item_id = %lld", id), 1);
	/* Five a day. */
	for (i = 1; i < 5; i++)
		ck_assert_int_eq(post(&d, fmt("/me/pages/%lld", id), fmt("text=Update+%d", i), NULL, 0),
		                 303);
	ck_assert_int_eq(post(&d, fmt("/me/pages/%lld", id), "text=Sixth", NULL, 0), 429);
	/* Ended early by its initiator: no more gifts. */
	ck_assert_int_eq(post(&other, fmt("/me/pages/%lld/end", id), "", NULL, 0), 404);
	ck_assert_int_eq(post(&d, fmt("/me/pages/%lld/end", id), "", NULL, 0), 303);
	see(NULL, fmt("/p/%s", code_of(id)), 200, "已结束募捐", NULL);
	browser_free(&d);
	browser_free(&other);
	browser_free(&prov);
}
END_TEST

START_TEST(spokesperson_and_sweep)
{
	struct browser prov, county;
	char loc[256];
	long long id;
	char *to = text("SELECT CURDATE() + INTERVAL 10 DAY");
	const char *form = fmt("name=FP+Person&page_kind=programme&title=" TITLE "+star&text=x&"
	                       "goal_yuan=5000&to=%s&display_name=FP+Star", to);

	free(to);
	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	ck_assert_int_eq(post(&county, "/admin/pages", form, NULL, 0), 403);
	ck_assert_int_eq(b_staff(&prov, "province"), 303);
	see(&prov, "/admin/pages/new", 200, "新建代言人页面", NULL);
	ck_assert_int_eq(post(&prov, "/admin/pages", form, loc, sizeof loc), 303);
	id = atoll(loc + strlen("/admin/pages/"));
	/* Live at once, with its badge. */
	see(NULL, fmt("/p/%s", code_of(id)), 200, "FP Star", "代言人", "去支付", NULL);
	/* Past its end date: the sweep ends it. */
	admin_sql_okf("UPDATE fund_pages SET ends_on = CURDATE() - INTERVAL 1 DAY WHERE id = %lld",
	              id);
	for (int i = 0; i < SWEEP_WAIT * 10 && admin_sql_numf("SELECT COUNT(*) FROM fund_pages "
	     "WHERE id = %lld AND state = 'ended'", id) == 0; i++)
		usleep(POLL_US);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM fund_pages WHERE id = %lld "
	                                "AND state = 'ended'", id), 1);
	see(NULL, fmt("/p/%s", code_of(id)), 200, "已结束募捐", NULL);
	browser_free(&prov);
	browser_free(&county);
}
END_TEST

/* The two racing initiators, their pages, and which one each racer is (the first to make the
 * directory is A). */
static struct browser racer[2];
static long long race_page[2];
static char race_dir[256];

static int pick_race(void)
{
	int i = mkdir(race_dir, 0700) == 0 ? 0 : 1;

	return post(&racer[i], fmt("/me/pages/%lld/pick", race_page[i]), "child=" KID, NULL, 0) ==
	       303 ? 0 : 1;
}

/* A children page of donor b, approved, covered for n children by sandbox gifts of 3,000 yuan. */
static long long children_page(struct browser *b, struct browser *prov, int n)
{
	char loc[256], *to = text("SELECT CURDATE() + INTERVAL 60 DAY");
	long long id;

	see(b, "/pages/new", 200, NULL);
	ck_assert_int_eq(post(b, "/pages/new", fmt("page_kind=children&children=2&title=" TITLE
	                      "+pick&text=x&to=%s&display_name=x", to), loc, sizeof loc), 303);
	free(to);
	id = atoll(loc + 10);
	ck_assert_int_eq(post(prov, fmt("/admin/pages/%lld/approve", id), "", NULL, 0), 303);
	for (int i = 0; i < n; i++)
		give(code_of(id), "amount_other=3000");
	return id;
}

START_TEST(children_picked_once)
{
	struct browser prov;
	long long lone;

	kid();
	ck_assert_int_eq(b_staff(&prov, "province"), 303);
	/* Not before a child's 3,000 yuan is raised. */
	donor(&racer[0], NULL, 0);
	lone = children_page(&racer[0], &prov, 0);
	see(&racer[0], fmt("/me/pages/%lld", lone), 200, "每筹满 3,000 元", NULL);
	ck_assert_int_eq(post(&racer[0], fmt("/me/pages/%lld/pick", lone), "child=" KID, NULL, 0),
	                 409);
	give(code_of(lone), "amount_other=2999.99&message=Go");
	see(&prov, fmt("/admin/pages/%lld", lone), 200, "Go", NULL);
	see(&racer[0], fmt("/me/pages/%lld", lone), 200, "Go", NULL);
	ck_assert_int_eq(post(&racer[0], fmt("/me/pages/%lld/pick", lone), "child=" KID, NULL, 0),
	                 409);
	/* Two covered pages of two initiators pick the same child at once: one pairs it. */
	race_page[0] = children_page(&racer[0], &prov, 1);
	donor(&racer[1], NULL, 0);
	race_page[1] = children_page(&racer[1], &prov, 1);
	see(&racer[0], fmt("/me/pages/%lld", race_page[0]), 200, "够再助养 1 个孩子", NULL);
	snprintf(race_dir, sizeof race_dir, "%s/fundpages-race-%d", getenv("TX_VAR"), (int)getpid());
	rmdir(race_dir);
	ck_assert_int_eq(race_processes(2, pick_race), 1);
	rmdir(race_dir);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM sponsorships WHERE live_child = "
	                                "(SELECT id FROM children WHERE code = '" KID "') "
	                                "AND state = 'pending_approval'"), 1);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM page_children WHERE child_id = "
	                                "(SELECT id FROM children WHERE code = '" KID "')"), 1);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM children WHERE code = '" KID "' "
	                                "AND status = 'pending'"), 1);
	/* The winner's page lists it, awaiting approval; its one covered child is used. */
	{
		int w = admin_sql_numf("SELECT COUNT(*) FROM page_children WHERE page_id = %lld",
		                       race_page[0]) == 1 ? 0 : 1;

		see(&racer[w], fmt("/me/pages/%lld", race_page[w]), 200, "测试·一起助养", "待审核",
		    NULL);
		ck_assert_int_eq(post(&racer[w], fmt("/me/pages/%lld/pick", race_page[w]),
		                      "child=" KID, NULL, 0), 409);
	}
	browser_free(&racer[0]);
	browser_free(&racer[1]);
	browser_free(&prov);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_fundpages");
	TCase *t = tcase_create("fundpages");

	tcase_set_timeout(t, 120);
	tcase_add_unchecked_fixture(t, cleanup, cleanup);
	tcase_add_test(t, a_donor_makes_pages);
	tcase_add_test(t, review_by_staff_in_reach);
	tcase_add_test(t, gifts_pause_and_sharing);
	tcase_add_test(t, updates_by_the_initiator_alone);
	tcase_add_test(t, spokesperson_and_sweep);
	tcase_add_test(t, children_picked_once);
	suite_add_tcase(s, t);
	return s;
}
