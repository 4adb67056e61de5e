/* http_checkout.c — one-to-one sponsorship checkout: hold, plan, pay, receipts, /me; races, lapses, access, CSRF. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <curl/curl.h>

#include "check_main.h"
#include "client.h"

#define PW        "checkout-test-pw"
#define TAKEN     "这个孩子刚刚被其他爱心人士选中了"
#define RNAME     "张三丰"
#define RNAME_ENC "%E5%BC%A0%E4%B8%89%E4%B8%B0"
#define ANNUAL    "plan=annual&agree=1"
#define CHILD_ID  "(SELECT id FROM children WHERE code = '%s')"
#define ORDER_LEN 24
#define NRACE     50

/* ---- the database, as the test instance's administrator sees it ---- */

/* The first line of what a query prints (NULL prints as "NULL"). */
static void sql_text(char *out, size_t n, const char *fmt, ...)
{
	char sql[1024], *got = NULL;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	ck_assert_msg(admin_sql(sql, &got) == 0, "SQL failed: %s\n%s", sql, got ? got : "");
	got[strcspn(got, "\n")] = '\0';
	snprintf(out, n, "%s", got);
	free(got);
}

/* A one-line answer (a state, a count) compared with what it should be, so a failure says what the database held instead. */
#define ck_sql_eq(want, ...) do { char got_[256]; sql_text(got_, sizeof got_, __VA_ARGS__); \
	ck_assert_msg(strcmp(got_, want) == 0, "%s: got \"%s\", want \"%s\"", #__VA_ARGS__, got_, want); } while (0)

/* The child's latest sponsorship, and the states of things, each by the child's code or the order number. */
#define SPONS_OF     "(SELECT MAX(id) FROM sponsorships WHERE child_id = " CHILD_ID ")"
#define CHILD_STATUS "SELECT status FROM children WHERE code = '%s'"
#define SPONS_STATE  "SELECT state FROM sponsorships WHERE id = " SPONS_OF
#define ORDER_STATE  "SELECT state FROM pay_orders WHERE order_no = '%s'"

/* ---- fixtures: fictional children and fresh donors ---- */

/*
 * A fresh waiting child; its birth month (from the code) narrows its county's listing to a few
 * children, on the first page if it is listed at all: fixtures wait longest (since 2020-01-01), so
 * they come first.
 */
static void child_new(const char *code)
{
	char birth[16], id[32];

	snprintf(birth, sizeof birth, "2014-%02d-07", atoi(code + 2) % 12 + 1);
	snprintf(id, sizeof id, "HCHK-%s", code);
	struct fixture_child ch = {
		code, "测试·结对", "f", birth, "422823", "ill", "（虚构）结对测试用的故事。", "waiting", 1,
		"虚构·结对真名", id, "虚构监护人 13900000000",
	};
	fixture_delete(code);  /* an earlier run's */
	ck_assert_msg(fixture_insert(&ch) == 0, "fixture %s not inserted", code);
}

/* Whether the child is on its filtered public listing; polled for up to seconds (the sweep runs every second). */
static int listed_within(const char *code, int seconds)
{
	char path[96], card[64];
	struct resp r;
	int on = 0;

	snprintf(path, sizeof path, "/children?county=422823&birth_month=%d",
	         atoi(code + 2) % 12 + 1);
	snprintf(card, sizeof card, "href=\"/children/%s\"", code);
	for (int i = 0; !on && i <= seconds * 5; i++) {
		if (i)
			usleep(200 * 1000);
		ck_assert_int_eq(http_get(path, &r), 0);
		ck_assert_msg(r.status == 200 && listing_found(&r) >= 0, "%s: status %ld", path, r.status);
		on = body_has(&r, card);
		resp_free(&r);
	}
	return on;
}
#define listed(code) listed_within(code, 0)

/* ---- what a donor does ---- */

/* path, formatted into buf: for the pages named after an order or a child. */
#define PATH(buf, ...) (snprintf(buf, sizeof buf, __VA_ARGS__), buf)

/* GET path (form NULL) or POST form to it, as the browser or (b NULL) a stranger; the answer must be status want. */
static void request(struct browser *b, const char *path, const char *form, long want, struct resp *r)
{
	int rc = b ? (form ? b_post(b, path, form, r) : b_get(b, path, r))
	           : (form ? http_request("POST", path, form, NULL, r) : http_get(path, r));

	ck_assert_msg(rc == 0, "no response for %s", path);
	ck_assert_msg(r->status == want, "%s %s: status %ld, want %ld", form ? "POST" : "GET", path, r->status, want);
}

/* The same, and the page shows each of texts. */
static void shows_all(struct browser *b, const char *path, const char *form, long want, const char *const *texts)
{
	struct resp r;

	request(b, path, form, want, &r);
	for (; *texts; texts++)
		ck_assert_msg(body_has(&r, *texts), "%s does not show \"%s\"", path, *texts);
	resp_free(&r);
}
#define page_shows(b, path, want, ...) shows_all(b, path, NULL, want, (const char *const[]){ __VA_ARGS__, NULL })
#define post_shows(b, path, form, want, ...) shows_all(b, path, form, want, (const char *const[]){ __VA_ARGS__, NULL })

/* A new donor, signed up and verified, holding a page with this session's CSRF token. */
static void donor_new(struct browser *b, const char *tag)
{
	static int n;
	char login[128];

	browser_init(b);
	snprintf(login, sizeof login, "hchk-%s-%ld-%d-%d@example.com", tag, (long)time(NULL), (int)getpid(), n++);
	ck_assert_msg(b_signup(b, login, PW, "checkout") == 303, "signup of %s failed", login);
	ck_assert_msg(b_verify(b, login) == 303, "verification of %s failed", login);
	page_shows(b, "/me", 200, "name=\"csrf\"");
}

/* POST a form (the browser adds its CSRF token unless form has one); the status, and the Location into loc. */
static long post(struct browser *b, const char *path, const char *form, char *loc, size_t n)
{
	struct resp r;
	long status;

	ck_assert_msg(b_post(b, path, form, &r) == 0, "no response for POST %s", path);
	if (loc)
		resp_location(&r, loc, n);
	status = r.status;
	resp_free(&r);
	return status;
}

static size_t discard(char *p, size_t size, size_t n, void *ctx)
{
	(void)p;
	(void)ctx;
	return size * n;
}

/* POST form exactly as given, with no CSRF field, with the browser's cookies: a forged cross-site form. */
static long post_bare(struct browser *b, const char *path, const char *form)
{
	char url[512];
	long status = 0;

	snprintf(url, sizeof url, "%s%s", http_base(), path);
	curl_easy_setopt(b->c, CURLOPT_URL, url);
	curl_easy_setopt(b->c, CURLOPT_POSTFIELDS, form);
	curl_easy_setopt(b->c, CURLOPT_POSTFIELDSIZE, (long)strlen(form));
	curl_easy_setopt(b->c, CURLOPT_CUSTOMREQUEST, "POST");
	curl_easy_setopt(b->c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(b->c, CURLOPT_HEADERFUNCTION, discard);
	ck_assert_msg(curl_easy_perform(b->c) == CURLE_OK, "no response for POST %s", path);
	curl_easy_getinfo(b->c, CURLINFO_RESPONSE_CODE, &status);
	return status;
}

/* The offer page, then its hold button; on 303 the donor goes on to the plan page. Returns the POST's status. */
static long hold(struct browser *b, const char *code)
{
	char path[64], loc[256];
	struct resp r;
	long status;

	ck_assert_int_eq(b_get(b, PATH(path, "/sponsor/%s", code), &r), 0);
	resp_free(&r);
	status = post(b, PATH(path, "/children/%s/hold", code), "", loc, sizeof loc);
	if (status == 303)
		ck_assert_str_eq(loc, PATH(path, "/sponsor/%s", code));
	return status;
}

/* The order number of a 303 to the sandbox's pay page. */
static void order_of(const char *loc, char out[ORDER_LEN + 1])
{
	ck_assert_msg(strncmp(loc, "/pay/sandbox/", 13) == 0 && strlen(loc + 13) == ORDER_LEN, "sent to \"%s\"", loc);
	memcpy(out, loc + 13, ORDER_LEN + 1);
}

/* On the plan page, submit form; out gets the order number from the 303 to the sandbox's pay page. */
static void order(struct browser *b, const char *code, const char *form, char out[ORDER_LEN + 1])
{
	char path[64], loc[256];

	page_shows(b, PATH(path, "/sponsor/%s", code), 200, "确认并去支付");
	ck_assert_int_eq(post(b, path, form, loc, sizeof loc), 303);
	order_of(loc, out);
}

/* Pay order on the sandbox page; receipt gets the receipt link the return page shows. */
static void pay(struct browser *b, const char *order_no, char *receipt, size_t n)
{
	char path[96], loc[256], want[96];
	struct resp r;
	const char *p;

	page_shows(b, PATH(path, "/pay/sandbox/%s", order_no), 200, "确认支付");
	ck_assert_int_eq(post(b, PATH(path, "/pay/sandbox/%s/pay", order_no), "", loc, sizeof loc), 303);
	ck_assert_str_eq(loc, PATH(want, "/pay/return/%s", order_no));
	request(b, loc, NULL, 200, &r);
	ck_assert_msg(body_has(&r, "支付成功"), "%s does not say 支付成功", loc);
	ck_assert_msg((p = strstr(r.body, "href=\"/receipts/")), "%s has no receipt link", loc);
	p += 6;
	snprintf(receipt, n, "%.*s", (int)strcspn(p, "\""), p);
	resp_free(&r);
}

static long long spons_id(const char *code)
{
	char id[32];

	sql_text(id, sizeof id, "SELECT id FROM sponsorships WHERE live_child = " CHILD_ID, code);
	return strtoll(id, NULL, 10);
}

/* Make the child's live hold lapse now, as if its 15 minutes had passed. */
static void age_hold(const char *code)
{
	char none[8];

	sql_text(none, sizeof none, "UPDATE sponsorships SET hold_until = NOW() - INTERVAL 1 SECOND WHERE live_child = "
	         CHILD_ID, code);
}

/*
 * As if the sandbox took the money but its notice never came, and the sweep meanwhile let the hold lapse: the
 * provider's books keep the payment, ours forget the credit and show the lapse.
 */
static void lapse_before_the_notice(const char *code, const char *order_no)
{
	char sql[2048];

	snprintf(sql, sizeof sql,
	         "SET @o = (SELECT id FROM pay_orders WHERE order_no = '%s'); SET @s = (SELECT sponsorship_id FROM pay_orders "
	         "WHERE id = @o); UPDATE instalments SET donation_id = NULL WHERE sponsorship_id = @s; "
	         "DELETE FROM donations WHERE order_id = @o; UPDATE pay_orders SET state = 'expired', paid_at = NULL, "
	         "expires_at = NOW() - INTERVAL 1 SECOND WHERE id = @o; UPDATE sponsorships SET state = 'expired', "
	         "hold_until = NOW() - INTERVAL 1 SECOND, ended_at = NOW() WHERE id = @s; "
	         "UPDATE children SET status = 'waiting' WHERE code = '%s';", order_no, code);
	ck_assert_int_eq(admin_sql(sql, NULL), 0);
}

/* ---- the tests ---- */

START_TEST(annual_plan_end_to_end)
{
	const char *code = "TK00000001";
	struct browser a;
	char ord[ORDER_LEN + 1], rec[160];

	child_new(code);
	donor_new(&a, "annual");
	ck_assert_msg(listed(code), "a waiting child is not listed");
	ck_assert_int_eq(hold(&a, code), 303);
	page_shows(NULL, "/children/TK00000001", 200, "有爱心人士正在结对");
	ck_assert_msg(!listed(code), "a held child is still listed");
	order(&a, code, ANNUAL "&receipt_name=" RNAME_ENC, ord);
	pay(&a, ord, rec, sizeof rec);

	page_shows(NULL, rec, 200, "3,000", "叁仟元整", RNAME);
	ck_sql_eq("pending_approval", SPONS_STATE, code);
	ck_sql_eq("pending", CHILD_STATUS, code);
	ck_sql_eq("1 300000 sponsorship", "SELECT CONCAT(COUNT(*), ' ', SUM(amount_fen), ' ', MIN(purpose)) "
	          "FROM donations WHERE sponsorship_id = " SPONS_OF, code);
	page_shows(&a, "/me", 200, "待审核");
	browser_free(&a);
}
END_TEST

START_TEST(monthly_plan_pays_instalments_in_turn)
{
	const char *code = "TK00000002";
	struct browser a;
	char ord[ORDER_LEN + 1], ord2[ORDER_LEN + 1], rec1[160], rec2[160], path[96], form[96], loc[256];
	long long sid;
	int y1 = 0, n1 = 0, y2 = 0, n2 = 0;

	child_new(code);
	donor_new(&a, "monthly");
	ck_assert_int_eq(hold(&a, code), 303);
	order(&a, code, "plan=monthly&agree=1", ord);
	sid = spons_id(code);
	ck_sql_eq("12 25000 25000", "SELECT CONCAT(COUNT(*), ' ', MIN(amount_fen), ' ', MAX(amount_fen)) "
	          "FROM instalments WHERE sponsorship_id = %lld", sid);
	/* Due month by month from today, each instalment a month after the one before. */
	ck_sql_eq("12 1 1", "SELECT CONCAT(COUNT(DISTINCT due_date), ' ', "
	          "MIN(due_date) = CURDATE(), ' ', "
	          "SUM(due_date = CURDATE() + INTERVAL seq - 1 MONTH) = 12) FROM instalments "
	          "WHERE sponsorship_id = %lld", sid);
	page_shows(&a, PATH(path, "/pay/sandbox/%s", ord), 200, "支付 250 元");
	pay(&a, ord, rec1, sizeof rec1);
	ck_sql_eq("1", "SELECT GROUP_CONCAT(seq ORDER BY seq) FROM instalments WHERE sponsorship_id = %lld "
	          "AND donation_id IS NOT NULL", sid);

	/* /me offers the next instalment; paying it through that form credits instalment 2. */
	snprintf(form, sizeof form, "action=\"/me/sponsorships/%lld/pay\"", sid);
	page_shows(&a, "/me", 200, form, "支付这一期");
	ck_assert_int_eq(post(&a, PATH(path, "/me/sponsorships/%lld/pay", sid), "", loc, sizeof loc), 303);
	order_of(loc, ord2);
	ck_assert_str_ne(ord2, ord);
	page_shows(&a, loc, 200, "第 2 期");
	pay(&a, ord2, rec2, sizeof rec2);

	ck_sql_eq("1,2", "SELECT GROUP_CONCAT(seq ORDER BY seq) FROM instalments WHERE sponsorship_id = %lld "
	          "AND donation_id IS NOT NULL", sid);
	ck_sql_eq("2 50000", "SELECT CONCAT(COUNT(*), ' ', SUM(amount_fen)) FROM donations WHERE sponsorship_id = %lld",
	          sid);
	sscanf(rec1, "/receipts/%d-%d?", &y1, &n1);
	sscanf(rec2, "/receipts/%d-%d?", &y2, &n2);
	ck_assert_msg(y1 > 2000 && y2 == y1 && n2 == n1 + 1, "receipts %s then %s are not sequential", rec1, rec2);
	browser_free(&a);
}
END_TEST

static pthread_barrier_t start;

struct racer {
	struct browser b;
	long           status;
	int            taken;   /* the 409 page says the child was just chosen */
};

/* No Check assertions here: they belong to the test's own thread. */
static void *race(void *arg)
{
	struct racer *x = arg;
	struct resp r;

	pthread_barrier_wait(&start);
	if (b_post(&x->b, "/children/TK00000003/hold", "", &r) == 0) {
		x->status = r.status;
		x->taken = body_has(&r, TAKEN);
	} else {
		x->status = -1;
	}
	resp_free(&r);
	return NULL;
}

START_TEST(fifty_donors_race_for_one_child)
{
	const char *code = "TK00000003";
	static struct racer x[NRACE];
	pthread_t t[NRACE];
	int won = 0;

	child_new(code);
	for (int i = 0; i < NRACE; i++)
		donor_new(&x[i].b, "race");
	ck_assert_int_eq(pthread_barrier_init(&start, NULL, NRACE), 0);
	for (int i = 0; i < NRACE; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, race, &x[i]), 0);
	for (int i = 0; i < NRACE; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&start);
	/* One wins; every other racer gets 409 and the page saying someone else chose the child. */
	for (int i = 0; i < NRACE; i++) {
		won += x[i].status == 303;
		ck_assert_msg(x[i].status == 303 || (x[i].status == 409 && x[i].taken), "racer %d: status %ld%s", i,
		              x[i].status, x[i].taken ? "" : " without the taken page");
	}
	ck_assert_int_eq(won, 1);
	ck_sql_eq("1", "SELECT COUNT(*) FROM sponsorships WHERE live_child = " CHILD_ID, code);
	ck_sql_eq("1", "SELECT COUNT(*) FROM sponsorships WHERE child_id = " CHILD_ID, code);
	ck_sql_eq("held", CHILD_STATUS, code);
	for (int i = 0; i < NRACE; i++)
		browser_free(&x[i].b);
}
END_TEST

START_TEST(another_donors_checkout_is_closed)
{
	const char *code = "TK00000004";
	struct browser a, b;
	char ord[ORDER_LEN + 1], rec[160], path[96];
	char *c;

	child_new(code);
	donor_new(&a, "owner");
	donor_new(&b, "other");
	ck_assert_int_eq(hold(&a, code), 303);
	order(&a, code, ANNUAL, ord);

	/* B (and a stranger, where a GET) cannot see, pay or cancel A's checkout. */
	page_shows(&b, "/sponsor/TK00000004", 403, TAKEN);
	for (int who = 0; who < 2; who++) {
		page_shows(who ? NULL : &b, PATH(path, "/pay/sandbox/%s", ord), 404, "找不到这笔订单");
		page_shows(who ? NULL : &b, PATH(path, "/pay/return/%s", ord), 404, "找不到这笔订单");
	}
	ck_assert_int_eq(post(&b, PATH(path, "/pay/sandbox/%s/pay", ord), "", NULL, 0), 404);
	ck_assert_int_eq(post(&b, PATH(path, "/pay/sandbox/%s/cancel", ord), "", NULL, 0), 404);
	ck_sql_eq("created", ORDER_STATE, ord);
	ck_sql_eq("pending_payment", SPONS_STATE, code);
	ck_sql_eq("0", "SELECT COUNT(*) FROM donations WHERE sponsorship_id = " SPONS_OF, code);

	/* Once A has paid: B cannot order A's next instalment; A's receipt needs its exact code. */
	pay(&a, ord, rec, sizeof rec);
	ck_assert_int_eq(post(&b, PATH(path, "/me/sponsorships/%lld/pay", spons_id(code)), "", NULL, 0), 404);
	ck_sql_eq("1", "SELECT COUNT(*) FROM pay_orders WHERE sponsorship_id = " SPONS_OF, code);
	page_shows(&b, rec, 200, "叁仟元整");
	ck_assert_msg((c = strstr(rec, "code=")) && strlen(c + 5) == 16, "receipt link %s", rec);
	c[5] = c[5] == '0' ? '1' : '0';
	page_shows(&b, rec, 404, "没有找到这张票据");
	page_shows(NULL, rec, 404, "没有找到这张票据");
	browser_free(&a);
	browser_free(&b);
}
END_TEST

START_TEST(double_submit_makes_one_order_and_one_credit)
{
	const char *code = "TK00000005";
	struct browser a;
	char ord[ORDER_LEN + 1], rec[160], path[96], loc[256], want[96];

	child_new(code);
	donor_new(&a, "twice");
	ck_assert_int_eq(hold(&a, code), 303);
	order(&a, code, ANNUAL, ord);
	ck_assert_int_eq(post(&a, "/sponsor/TK00000005", ANNUAL, loc, sizeof loc), 303);
	ck_assert_str_eq(loc, PATH(want, "/pay/sandbox/%s", ord));
	ck_sql_eq("1", "SELECT COUNT(*) FROM pay_orders WHERE sponsorship_id = " SPONS_OF, code);

	pay(&a, ord, rec, sizeof rec);
	ck_assert_int_eq(post(&a, PATH(path, "/pay/sandbox/%s/pay", ord), "", loc, sizeof loc), 303);
	ck_assert_str_eq(loc, PATH(want, "/pay/return/%s", ord));
	ck_sql_eq("1", "SELECT COUNT(*) FROM donations WHERE sponsorship_id = " SPONS_OF, code);
	ck_sql_eq("1", "SELECT COUNT(*) FROM sandbox_payments WHERE order_no = '%s'", ord);
	ck_sql_eq("paid", ORDER_STATE, ord);
	browser_free(&a);
}
END_TEST

START_TEST(lapsed_hold_frees_the_child_and_its_order)
{
	const char *code = "TK00000006";
	struct browser a;
	char ord[ORDER_LEN + 1], path[96];
	long status;

	child_new(code);
	donor_new(&a, "lapse");
	ck_assert_int_eq(hold(&a, code), 303);
	order(&a, code, ANNUAL, ord);
	/* The pay page, with its form, was open before the hold lapsed. */
	page_shows(&a, PATH(path, "/pay/sandbox/%s", ord), 200, "确认支付");
	age_hold(code);
	ck_assert_msg(listed_within(code, 15), "the child of a lapsed hold is not listed again");
	ck_sql_eq("waiting", CHILD_STATUS, code);
	ck_sql_eq("expired", SPONS_STATE, code);
	ck_sql_eq("expired", ORDER_STATE, ord);

	/* Neither choosing a plan again nor paying the old order brings the lapsed hold back. */
	status = post(&a, "/sponsor/TK00000006", ANNUAL, NULL, 0);
	ck_assert_msg(status == 403 || status == 409, "plan POST after the hold lapsed: %ld", status);
	ck_assert_int_eq(post(&a, PATH(path, "/pay/sandbox/%s/pay", ord), "", NULL, 0), 409);
	ck_sql_eq("1", "SELECT COUNT(*) FROM pay_orders WHERE sponsorship_id = " SPONS_OF, code);
	ck_sql_eq("0", "SELECT COUNT(*) FROM donations WHERE sponsorship_id = " SPONS_OF, code);
	ck_sql_eq("expired", ORDER_STATE, ord);
	ck_sql_eq("expired", SPONS_STATE, code);
	ck_sql_eq("waiting", CHILD_STATUS, code);
	browser_free(&a);
}
END_TEST

START_TEST(lapsed_hold_can_be_taken_before_the_sweep)
{
	const char *code = "TK00000007";
	struct browser a, b;
	char path[64];

	child_new(code);
	donor_new(&a, "first");
	donor_new(&b, "second");
	ck_assert_int_eq(hold(&a, code), 303);
	age_hold(code);
	ck_assert_int_eq(post(&b, PATH(path, "/children/%s/hold", code), "", NULL, 0), 303);
	page_shows(&b, "/sponsor/TK00000007", 200, "确认并去支付");
	page_shows(&a, "/sponsor/TK00000007", 403, TAKEN);
	ck_sql_eq("2", "SELECT COUNT(*) FROM sponsorships WHERE child_id = " CHILD_ID, code);
	ck_sql_eq("1", "SELECT COUNT(*) FROM sponsorships WHERE live_child = " CHILD_ID, code);
	ck_sql_eq("expired", "SELECT state FROM sponsorships WHERE child_id = " CHILD_ID " ORDER BY id LIMIT 1", code);
	ck_sql_eq("held", CHILD_STATUS, code);
	browser_free(&a);
	browser_free(&b);
}
END_TEST

START_TEST(fourth_hold_is_refused)
{
	static const char *const codes[] = { "TK00000008", "TK00000009", "TK00000010", "TK00000011" };
	struct browser a;

	for (int i = 0; i < 4; i++)
		child_new(codes[i]);
	donor_new(&a, "limit");
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(hold(&a, codes[i]), 303);
	post_shows(&a, "/children/TK00000011/hold", "", 409, "已达上限");
	ck_sql_eq("waiting", CHILD_STATUS, codes[3]);
	ck_sql_eq("0", "SELECT COUNT(*) FROM sponsorships WHERE child_id = " CHILD_ID, codes[3]);
	ck_assert_msg(listed(codes[3]), "the refused child is no longer listed");
	browser_free(&a);
}
END_TEST

START_TEST(cancelled_order_returns_to_the_plan_page)
{
	const char *code = "TK00000012";
	struct browser a;
	char ord[ORDER_LEN + 1], ord2[ORDER_LEN + 1], path[96], loc[256];

	child_new(code);
	donor_new(&a, "cancel");
	ck_assert_int_eq(hold(&a, code), 303);
	order(&a, code, ANNUAL, ord);
	page_shows(&a, PATH(path, "/pay/sandbox/%s", ord), 200, "取消");
	ck_assert_int_eq(post(&a, PATH(path, "/pay/sandbox/%s/cancel", ord), "", loc, sizeof loc), 303);
	ck_assert_str_eq(loc, "/sponsor/TK00000012");
	page_shows(&a, loc, 200, "action=\"/sponsor/TK00000012\"");
	ck_sql_eq("cancelled", ORDER_STATE, ord);
	ck_sql_eq("held", SPONS_STATE, code);
	ck_sql_eq("held", CHILD_STATUS, code);
	page_shows(&a, PATH(path, "/pay/return/%s", ord), 200, "订单已取消");
	/* Choosing again makes a new order. */
	order(&a, code, ANNUAL, ord2);
	ck_assert_str_ne(ord, ord2);
	browser_free(&a);
}
END_TEST

START_TEST(posts_without_csrf_change_nothing)
{
	const char *code = "TK00000013";
	struct browser a, v;
	char ord[ORDER_LEN + 1], path[96];

	child_new(code);
	/* Anonymous: no cookies at all, then a visitor with a valid visitor token. */
	post_shows(NULL, "/children/TK00000013/hold", "", 403, "请先登录");
	browser_init(&v);
	page_shows(&v, "/login", 200, "name=\"csrf\"");
	post_shows(&v, "/children/TK00000013/hold", "", 403, "请先登录");
	browser_free(&v);

	donor_new(&a, "csrf");
	ck_assert_int_eq(post_bare(&a, "/children/TK00000013/hold", ""), 403);
	ck_assert_int_eq(post(&a, "/children/TK00000013/hold", "csrf=", NULL, 0), 403);
	ck_sql_eq("0", "SELECT COUNT(*) FROM sponsorships WHERE child_id = " CHILD_ID, code);
	ck_sql_eq("waiting", CHILD_STATUS, code);

	ck_assert_int_eq(hold(&a, code), 303);
	ck_assert_int_eq(post_bare(&a, "/sponsor/TK00000013", ANNUAL), 403);
	ck_sql_eq("0", "SELECT COUNT(*) FROM pay_orders WHERE sponsorship_id = " SPONS_OF, code);
	ck_sql_eq("held", SPONS_STATE, code);

	order(&a, code, ANNUAL, ord);
	page_shows(&a, PATH(path, "/pay/sandbox/%s", ord), 200, "确认支付");
	ck_assert_int_eq(post_bare(&a, PATH(path, "/pay/sandbox/%s/pay", ord), ""), 403);
	ck_assert_int_eq(post(&a, path, "csrf=" "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
	                      NULL, 0), 403);
	ck_sql_eq("created", ORDER_STATE, ord);
	ck_sql_eq("0", "SELECT COUNT(*) FROM sandbox_payments WHERE order_no = '%s'", ord);
	ck_sql_eq("0", "SELECT COUNT(*) FROM donations WHERE sponsorship_id = " SPONS_OF, code);
	browser_free(&a);
}
END_TEST

/* Paid at the last moment, noticed after the lapse: the sponsorship comes back whole, with its pledge schedule. */
START_TEST(late_payment_revives_the_sponsorship_with_its_schedule)
{
	const char *code = "TK00000020";
	struct browser a;
	char ord[ORDER_LEN + 1], rec[160], path[96];

	child_new(code);
	donor_new(&a, "late");
	ck_assert_int_eq(hold(&a, code), 303);
	order(&a, code, "plan=monthly&agree=1", ord);
	pay(&a, ord, rec, sizeof rec);
	lapse_before_the_notice(code, ord);
	ck_sql_eq("expired", SPONS_STATE, code);

	page_shows(&a, PATH(path, "/pay/return/%s", ord), 200, "支付成功", "审核结对");
	ck_sql_eq("pending_approval", SPONS_STATE, code);
	ck_sql_eq("pending", CHILD_STATUS, code);
	ck_sql_eq("12 1", "SELECT CONCAT(COUNT(*), ' ', COUNT(donation_id)) FROM instalments WHERE sponsorship_id = "
	          SPONS_OF, code);
	page_shows(&a, "/me", 200, "支付这一期");
	browser_free(&a);
}
END_TEST

/* Paid at the last moment, noticed after someone else took the child: recorded, receipted, and owed back. */
START_TEST(late_payment_for_a_taken_child_is_owed_back)
{
	const char *code = "TK00000021";
	struct browser a, b;
	char ord[ORDER_LEN + 1], rec[160], path[96];

	child_new(code);
	donor_new(&a, "late-a");
	donor_new(&b, "late-b");
	ck_assert_int_eq(hold(&a, code), 303);
	order(&a, code, ANNUAL, ord);
	pay(&a, ord, rec, sizeof rec);
	lapse_before_the_notice(code, ord);
	ck_assert_int_eq(hold(&b, code), 303);

	page_shows(&a, PATH(path, "/pay/return/%s", ord), 200, "支付成功", "原路退回");
	ck_sql_eq("paid 1 1", "SELECT CONCAT(o.state, ' ', COUNT(d.id), ' ', MAX(d.refund_due)) FROM pay_orders o "
	          "LEFT JOIN donations d ON d.order_id = o.id WHERE o.order_no = '%s' GROUP BY o.id", ord);
	ck_sql_eq("held", CHILD_STATUS, code);
	ck_sql_eq("1", "SELECT COUNT(*) FROM sponsorships WHERE live_child = " CHILD_ID, code);
	/* The county gives it back: listed as owed, refunded through the provider once, the donor told. */
	{
		struct browser staff;
		char id[24], form_path[64], receipt[32], loc[128];
		sql_text(id, sizeof id, "SELECT d.id FROM donations d JOIN pay_orders o ON o.id = d.order_id "
		         "WHERE o.order_no = '%s'", ord);
		sql_text(receipt, sizeof receipt, "SELECT d.receipt_seq FROM donations d JOIN pay_orders o ON o.id = d.order_id "
		         "WHERE o.order_no = '%s'", ord);
		ck_assert_int_eq(b_staff(&staff, "badong"), 303);
		snprintf(form_path, sizeof form_path, "/admin/refunds/%s", id);
		page_shows(&staff, "/admin/refunds", 200, form_path, "测试·结对");
		ck_assert_int_eq(post(&staff, form_path, "", loc, sizeof loc), 303);
		ck_sql_eq("refunded 0 1", "SELECT CONCAT(d.status, ' ', d.refund_due, ' ', p.refund_no IS NOT NULL) FROM donations d "
		          "JOIN pay_orders o ON o.id = d.order_id JOIN sandbox_payments p ON p.txn = d.provider_txn "
		          "WHERE o.order_no = '%s'", ord);
		ck_sql_eq("1", "SELECT COUNT(*) FROM audit_log WHERE action = 'donation.refund' AND object_id = '%s'", id);
		ck_sql_eq("1", "SELECT COUNT(*) FROM outbox WHERE subject = '款项已退回' AND body LIKE '%%-%%%s）%%'", receipt);
		ck_assert_int_eq(post(&staff, form_path, "", loc, sizeof loc), 409);
		{
			struct resp r;
			b_get(&staff, "/admin/refunds", &r);
			ck_assert_msg(r.status == 200 && !body_has(&r, form_path), "a refunded gift is still listed as owed");
			resp_free(&r);
		}
		browser_free(&staff);
	}
	browser_free(&a);
	browser_free(&b);
}
END_TEST

/*
 * Paid at the last moment, noticed after the order lapsed and a second order for the same
 * instalment was opened: the first is credited, and the second can no longer be paid.
 */
START_TEST(late_payment_expires_the_other_order_of_its_instalment)
{
	const char *code = "TK00000022", *second = "HCHK2ND0RDER0000000000TK";
	struct browser a;
	char ord[ORDER_LEN + 1], rec[160], path[96];

	child_new(code);
	donor_new(&a, "second");
	ck_assert_int_eq(hold(&a, code), 303);
	order(&a, code, ANNUAL, ord);
	pay(&a, ord, rec, sizeof rec);
	lapse_before_the_notice(code, ord);
	admin_sql_okf("DELETE FROM pay_orders WHERE order_no = '%s'; "
	              "INSERT INTO pay_orders (order_no, purpose, donor_id, sponsorship_id, "
	              "instalment_seq, amount_fen, provider, expires_at, donor_name) "
	              "SELECT '%s', purpose, donor_id, sponsorship_id, instalment_seq, amount_fen, "
	              "provider, NOW() + INTERVAL 10 MINUTE, donor_name FROM pay_orders "
	              "WHERE order_no = '%s'", second, second, ord);
	page_shows(&a, PATH(path, "/pay/sandbox/%s", second), 200, "确认支付");

	page_shows(&a, PATH(path, "/pay/return/%s", ord), 200, "支付成功");
	ck_sql_eq("paid", ORDER_STATE, ord);
	ck_sql_eq("expired", ORDER_STATE, second);
	post_shows(&a, PATH(path, "/pay/sandbox/%s/pay", second), "", 409, "已经取消或过期");
	admin_sql_okf("DELETE FROM pay_orders WHERE order_no = '%s'", second);
	browser_free(&a);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_checkout");
	TCase *t = tcase_create("checkout");

	/* Fifty sign-ups (each an Argon2id hash) before the race. */
	tcase_set_timeout(t, 180);
	tcase_add_test(t, annual_plan_end_to_end);
	tcase_add_test(t, monthly_plan_pays_instalments_in_turn);
	tcase_add_test(t, fifty_donors_race_for_one_child);
	tcase_add_test(t, another_donors_checkout_is_closed);
	tcase_add_test(t, double_submit_makes_one_order_and_one_credit);
	tcase_add_test(t, lapsed_hold_frees_the_child_and_its_order);
	tcase_add_test(t, lapsed_hold_can_be_taken_before_the_sweep);
	tcase_add_test(t, fourth_hold_is_refused);
	tcase_add_test(t, cancelled_order_returns_to_the_plan_page);
	tcase_add_test(t, posts_without_csrf_change_nothing);
	tcase_add_test(t, late_payment_revives_the_sponsorship_with_its_schedule);
	tcase_add_test(t, late_payment_for_a_taken_child_is_owed_back);
	tcase_add_test(t, late_payment_expires_the_other_order_of_its_instalment);
	suite_add_tcase(s, t);
	return s;
}
