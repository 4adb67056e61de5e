/*
 * http_alipay.c — sponsorship checkout through Alipay (issue 15), against its gateway's stub
 * (tests/stubs/alipay_stub.py, HTTPS on loopback with a test CA): page pay on a computer, WAP pay
 * on a phone, the notice credited once whatever is replayed or tampered, a lost notice found by
 * the return page's query, a given-up order closed at Alipay, a rejected pairing refunded once.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <curl/curl.h>

#include "check_main.h"
#include "client.h"
#include "config.h"
#include "pay/alipay.h"

#define APP_ID   "2021000000000001"
#define PHONE_UA "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 " \
                 "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
#define PLAN     "plan=annual&agree=1&provider=alipay"
#define BODY_MAX 65536

static pid_t gw;
static char gw_url[64], gw_ca[640];

/* The gateway's stub: its port is this instance's + 201, its files under $TX_VAR/alipay. */
static void gateway_start(void)
{
	char dir[600], port[16];

	snprintf(port, sizeof port, "%d", http_port() + 201);
	snprintf(dir, sizeof dir, "%s/alipay", getenv("TX_VAR"));
	snprintf(gw_ca, sizeof gw_ca, "%s/ca.pem", dir);
	snprintf(gw_url, sizeof gw_url, "https://127.0.0.1:%s", port);
	gw = stub_start("alipay_stub.py", (const char *const[]){ port, dir, APP_ID, NULL });
	ck_assert_msg(gw > 0, "the Alipay stub did not start (python3-cryptography installed?)");
}

static void gateway_stop(void)
{
	kill(gw, SIGTERM);
	waitpid(gw, NULL, 0);
}

static size_t keep(char *p, size_t size, size_t n, void *ctx)
{
	char *b = ctx;
	size_t have = strlen(b), add = size * n;

	if (have + add >= BODY_MAX)
		add = BODY_MAX - 1 - have;
	memcpy(b + have, p, add);
	b[have + add] = '\0';
	return size * n;
}

/* GET url at the gateway (its test CA trusted): the status, the body into body (BODY_MAX). */
static long gateway_get(const char *url, char *body)
{
	CURL *c = curl_easy_init();
	long status = 0;

	body[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CAINFO, gw_ca);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, body);
	ck_assert_msg(curl_easy_perform(c) == CURLE_OK, "no answer from %s", url);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	return status;
}

/* The stub acting as the payer: /ctl/what for the order (mode NULL: none); its JSON in out. */
static long payer(const char *what, const char *order_no, const char *mode, char *out)
{
	char url[256];

	snprintf(url, sizeof url, "%s/ctl/%s?out_trade_no=%s&mode=%s", gw_url, what, order_no,
	         mode ? mode : "");
	return gateway_get(url, out);
}

/* What the app answered to the notice the stub sent, as its control reports: "400 …" */
static void answered(const char *json, long status, const char *body)
{
	char want[128];

	snprintf(want, sizeof want, "\"status\": %ld, \"body\": \"%s", status, body);
	ck_assert_msg(strstr(json, want), "the app answered the notice: %s, not %s", json, want);
}

/* A fresh waiting child in 巴东县. */
static void child_new(const char *code)
{
	char id[32];

	snprintf(id, sizeof id, "HALI-%s", code);
	struct fixture_child ch = {
		code, "测试·支付宝", "m", "2015-03-09", "422823", "ill", "（虚构）支付宝测试的故事。",
		"waiting", 1, "虚构·支付宝真名", id, "虚构监护人 13900000001",
	};
	fixture_delete(code);
	ck_assert_msg(fixture_insert(&ch) == 0, "fixture %s not inserted", code);
}

/* A verified donor, in a browser that says it is ua (NULL: a computer's curl). */
static void donor_new(struct browser *b, const char *ua)
{
	static int n;
	char login[128];

	browser_init(b);
	if (ua)
		curl_easy_setopt(b->c, CURLOPT_USERAGENT, ua);
	snprintf(login, sizeof login, "hali-%ld-%d-%d@example.com", (long)time(NULL), (int)getpid(),
	         n++);
	ck_assert_int_eq(b_signup(b, login, "alipay-test-pw", "alipay"), 303);
	ck_assert_int_eq(b_verify(b, login), 303);
}

static long poststatus(struct browser *b, const char *path, const char *form, char *loc,
                       size_t n)
{
	struct resp r;
	long status;

	ck_assert_int_eq(b_post(b, path, form, &r), 0);
	resp_location(&r, loc, n);
	status = r.status;
	resp_free(&r);
	return status;
}

/*
 * Hold child code, plan a year and pick Alipay: the browser is sent to the gateway (its URL into
 * url), whose cashier takes the order (order number into order, the cashier page into page).
 */
static void checkout(struct browser *b, const char *code, char *url, size_t n, char order[32],
                     char *page)
{
	static const char NO[] = "out_trade_no%22%3A%22";
	char path[64];
	struct resp r;
	const char *p;

	snprintf(path, sizeof path, "/children/%s/hold", code);
	ck_assert_int_eq(poststatus(b, path, "", url, n), 303);
	snprintf(path, sizeof path, "/sponsor/%s", code);
	ck_assert_int_eq(b_get(b, path, &r), 0);
	ck_assert_msg(body_has(&r, "支付宝"), "the plan page does not offer 支付宝");
	resp_free(&r);
	ck_assert_int_eq(poststatus(b, path, PLAN, url, n), 303);
	ck_assert_msg(strncmp(url, gw_url, strlen(gw_url)) == 0 && strstr(url, "&sign=") &&
	              (p = strstr(url, NO)), "sent to %s", url);
	snprintf(order, 32, "%.24s", p + strlen(NO));
	ck_assert_int_eq(gateway_get(url, page), 200);
	ck_assert_msg(strstr(page, order) && strstr(page, "¥3000.00"), "the cashier shows %s", page);
}

/* What the donor's page counts of the order: its donations, and the fen they total. */
static void credited_once(const char *order_no)
{
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM donations d JOIN pay_orders o ON "
	                                "o.id = d.order_id WHERE o.order_no = '%s'", order_no), 1);
	ck_assert_int_eq(admin_sql_numf("SELECT SUM(d.amount_fen) FROM donations d JOIN pay_orders o "
	                                "ON o.id = d.order_id WHERE o.order_no = '%s'", order_no),
	                 300000);
}

/* Back from the cashier at url (our return page): it says paid, with the receipt's link. */
static void returns_paid(struct browser *b, const char *url, char *receipt, size_t n)
{
	char path[2048];
	struct resp r;
	const char *p;

	ck_assert_msg(strncmp(url, http_base(), strlen(http_base())) == 0, "return to %s", url);
	snprintf(path, sizeof path, "%s", url + strlen(http_base()));
	ck_assert_int_eq(b_get(b, path, &r), 0);
	ck_assert_msg(r.status == 200 && body_has(&r, "支付成功"), "the return page: %ld", r.status);
	ck_assert_msg((p = strstr(r.body, "href=\"/receipts/")), "no receipt link");
	snprintf(receipt, n, "%.*s", (int)strcspn(p + 6, "\""), p + 6);
	resp_free(&r);
}

/* The return URL the stub's control reported, unescaped enough for a path. */
static void return_url(const char *json, char *out, size_t n)
{
	const char *p = strstr(json, "\"return_url\": \"");

	ck_assert_ptr_nonnull(p);
	p += 15;
	snprintf(out, n, "%.*s", (int)strcspn(p, "\""), p);
}

/* The paid order's notice sent again (mode as the stub's control takes it): it changes nothing. */
static void again_changes_nothing(const char *order, const char *mode, char *page)
{
	ck_assert_int_eq(payer("notify", order, mode, page), 200);
	answered(page, 200, "success");
	credited_once(order);
}

START_TEST(a_computer_pays_by_page_pay_once_whatever_is_replayed_or_tampered)
{
	static const char *const refused[] = { "badsig", "amount", "merchant", "old" };
	char url[4096], order[32], *page = malloc(BODY_MAX), ret[2048], receipt[128], *p;
	struct browser b;
	struct resp r;

	child_new("TA00000001");
	donor_new(&b, NULL);
	checkout(&b, "TA00000001", url, sizeof url, order, page);
	ck_assert_msg(strstr(url, "method=alipay.trade.page.pay") &&
	              strstr(page, "FAST_INSTANT_TRADE_PAY"), "not page pay: %s", url);
	/* The gateway checks our signature: the amount changed on the way is refused. */
	ck_assert_ptr_nonnull((p = strstr(url, "3000.00")));
	memcpy(p, "1000.00", 7);
	ck_assert_int_eq(gateway_get(url, page), 400);
	ck_assert_msg(strstr(page, "isv.invalid-signature"), "the gateway said %s", page);
	ck_assert_int_eq(payer("pay", order, NULL, page), 200);
	answered(page, 200, "success");
	return_url(page, ret, sizeof ret);
	returns_paid(&b, ret, receipt, sizeof receipt);
	ck_assert_int_eq(b_get(&b, receipt, &r), 0);
	ck_assert_msg(body_has(&r, "3,000") && body_has(&r, "叁仟元整"), "the receipt");
	resp_free(&r);
	ck_assert_int_eq(b_get(&b, "/me", &r), 0);
	ck_assert_msg(body_has(&r, "待审核"), "/me does not show the pairing awaiting approval");
	resp_free(&r);
	credited_once(order);

	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		ck_assert_int_eq(payer("notify", order, refused[i], page), 200);
		answered(page, 400, "");
	}
	/* Alipay's own retry, and the same bytes again: acknowledged, credited nothing more. */
	again_changes_nothing(order, "ok", page);
	again_changes_nothing(order, "replay", page);
	free(page);
	browser_free(&b);
}
END_TEST

START_TEST(a_phone_pays_by_wap_pay_and_a_lost_notice_is_found_on_return)
{
	char url[4096], order[32], *page = malloc(BODY_MAX), ret[2048], receipt[128];
	struct browser b;

	child_new("TA00000002");
	donor_new(&b, PHONE_UA);
	checkout(&b, "TA00000002", url, sizeof url, order, page);
	ck_assert_msg(strstr(url, "method=alipay.trade.wap.pay") && strstr(page, "QUICK_WAP_WAY"),
	              "not WAP pay: %s", url);
	/* Paid, but the notice never arrives: the return page asks Alipay (trade.query). */
	ck_assert_int_eq(payer("pay", order, "silent", page), 200);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM donations d JOIN pay_orders o ON "
	                                "o.id = d.order_id WHERE o.order_no = '%s'", order), 0);
	return_url(page, ret, sizeof ret);
	returns_paid(&b, ret, receipt, sizeof receipt);
	credited_once(order);
	/* The notice, late after all: acknowledged, nothing more credited. */
	again_changes_nothing(order, "ok", page);
	free(page);
	browser_free(&b);
}
END_TEST

START_TEST(a_given_up_order_is_closed_at_alipay_and_cannot_be_paid)
{
	char url[4096], order[32], *page = malloc(BODY_MAX), loc[256], path[64];
	struct browser b;
	struct resp r;

	child_new("TA00000003");
	donor_new(&b, NULL);
	checkout(&b, "TA00000003", url, sizeof url, order, page);
	/* Alipay out of reach: the return page shows the order as stored, to be refreshed. */
	ck_assert_int_eq(payer("outage", order, "on", page), 200);
	snprintf(path, sizeof path, "/pay/return/%s", order);
	ck_assert_int_eq(b_get(&b, path, &r), 0);
	ck_assert_msg(r.status == 200 && body_has(&r, "正在确认支付结果"), "return: %ld", r.status);
	resp_free(&r);
	ck_assert_int_eq(payer("outage", order, "off", page), 200);
	ck_assert_int_eq(poststatus(&b, "/sponsor/TA00000003/release", "", loc, sizeof loc), 303);
	ck_assert_int_eq(payer("order", order, NULL, page), 200);
	ck_assert_msg(strstr(page, "\"status\": \"TRADE_CLOSED\""), "Alipay's books: %s", page);
	ck_assert_int_eq(payer("pay", order, NULL, page), 409);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM pay_orders WHERE order_no = '%s' AND "
	                                "state = 'closed'", order), 1);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM donations d JOIN pay_orders o ON "
	                                "o.id = d.order_id WHERE o.order_no = '%s'", order), 0);
	free(page);
	browser_free(&b);
}
END_TEST

START_TEST(a_rejected_pairing_is_refunded_once_however_often_asked)
{
	char url[4096], order[32], *page = malloc(BODY_MAX), ret[2048], receipt[128], path[96];
	char refund_no[PAY_REFUND_NO_MAX + 1], loc[256];
	struct pay_notice paid = { 0 };
	struct browser b, staff;
	struct config cfg;
	struct err e;
	long long sid;
	const char *p;

	child_new("TA00000004");
	donor_new(&b, NULL);
	checkout(&b, "TA00000004", url, sizeof url, order, page);
	ck_assert_int_eq(payer("pay", order, NULL, page), 200);
	return_url(page, ret, sizeof ret);
	returns_paid(&b, ret, receipt, sizeof receipt);
	sid = admin_sql_numf("SELECT o.sponsorship_id FROM pay_orders o WHERE o.order_no = '%s'",
	                     order);
	ck_assert_int_eq(b_staff(&staff, "badong"), 303);
	snprintf(path, sizeof path, "/admin/pairings/%lld/reject", sid);
	ck_assert_int_eq(poststatus(&staff, path, "reason=%E6%B5%8B%E8%AF%95", loc, sizeof loc),
	                 303);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM donations d JOIN pay_orders o ON "
	                                "o.id = d.order_id WHERE o.order_no = '%s' AND d.status = "
	                                "'refunded'", order), 1);
	ck_assert_int_eq(payer("refunds", order, NULL, page), 200);
	ck_assert_msg(strstr(page, "\"refunds\": 1"), "Alipay's refunds: %s", page);
	/* Alipay's notice that the trade is closed, refunded whole: acknowledged, nothing credited. */
	ck_assert_int_eq(payer("notify", order, "closed", page), 200);
	answered(page, 200, "success");
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM donations d JOIN pay_orders o ON "
	                                "o.id = d.order_id WHERE o.order_no = '%s' AND d.status = "
	                                "'refunded'", order), 1);

	/* Asked again under the same number, as a retried step would: done, and no second refund. */
	ck_assert_int_eq(instance_config(&cfg), 0);
	snprintf(paid.order_no, sizeof paid.order_no, "%s", order);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM donations d JOIN pay_orders o ON "
	                                "o.id = d.order_id WHERE o.order_no = '%s'", order), 1);
	ck_assert_int_eq(payer("order", order, NULL, page), 200);
	ck_assert_ptr_nonnull((p = strstr(page, "\"trade_no\": \"")));
	snprintf(paid.txn, sizeof paid.txn, "%.*s", (int)strcspn(p + 13, "\""), p + 13);
	pay_refund_no(order, refund_no);
	ck_assert_int_eq(ALIPAY_PROVIDER.refund(&cfg, NULL, &paid, 300000, refund_no, &e), 0);
	ck_assert_int_eq(payer("refunds", order, NULL, page), 200);
	ck_assert_msg(strstr(page, "\"refunds\": 1"), "Alipay's refunds: %s", page);
	/* Under another number it would be a second refund, which Alipay refuses. */
	ck_assert_int_eq(ALIPAY_PROVIDER.refund(&cfg, NULL, &paid, 300000, "Rsomething-else", &e),
	                 -1);
	config_free(&cfg);
	free(page);
	browser_free(&staff);
	browser_free(&b);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("alipay");
	TCase *t = tcase_create("checkout");

	tcase_add_unchecked_fixture(t, gateway_start, gateway_stop);
	tcase_set_timeout(t, 60);
	tcase_add_test(t, a_computer_pays_by_page_pay_once_whatever_is_replayed_or_tampered);
	tcase_add_test(t, a_phone_pays_by_wap_pay_and_a_lost_notice_is_found_on_return);
	tcase_add_test(t, a_given_up_order_is_closed_at_alipay_and_cannot_be_paid);
	tcase_add_test(t, a_rejected_pairing_is_refunded_once_however_often_asked);
	suite_add_tcase(s, t);
	return s;
}
