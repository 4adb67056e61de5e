/*
 * http_wechat.c — checkout through WeChat Pay (API v3) against its stub (tests/stubs/wechat_stub.py,
 * HTTPS on loopback with this instance's test CA): the cashier's QR code, H5 for a phone, paying,
 * forged notices refused (signature, age, amount, merchant) and a replay credited once, a lost
 * notice found by the return page's query, a cancelled order closed at WeChat Pay so that a late
 * payment is refused, and a refund made once though asked twice.
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

#define PW        "wechat-test-pw"
#define ANNUAL    "plan=annual&agree=1&provider=wechatpay"
#define ORDER_LEN 24
#define MCHID     "1900000109"
#define APPID     "wxd678efh567hg6787"
#define APIV3     "tongxiangTestAPIv3Key0123456789A"
#define PHONE_UA  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"
#define WECHAT_UA PHONE_UA " MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN"
#define DONATIONS "SELECT CONCAT(COUNT(*), ' ', COALESCE(SUM(d.amount_fen), 0)) FROM donations d " \
                  "JOIN pay_orders o ON o.id = d.order_id WHERE o.order_no = '%s'"

static pid_t stub;
static char stub_base[64], ca[600];

/* The stub: started once for the program, on this instance's port + 200. */
static void stub_start_once(void)
{
	char dir[512], portarg[16];
	const char *args[] = { portarg, dir, MCHID, APPID, APIV3, NULL };
	int port = http_port() + 200;

	snprintf(dir, sizeof dir, "%s/wechat", getenv("TX_VAR"));
	snprintf(ca, sizeof ca, "%s/ca.pem", dir);
	snprintf(portarg, sizeof portarg, "%d", port);
	snprintf(stub_base, sizeof stub_base, "https://127.0.0.1:%d", port);
	ck_assert_msg((stub = stub_start("wechat_stub.py", args)) > 0,
	              "the WeChat Pay stub did not start (python3-cryptography installed?)");
}

static void stub_stop(void)
{
	kill(stub, SIGTERM);
	waitpid(stub, NULL, 0);
}

static size_t keep(char *p, size_t size, size_t n, void *arg)
{
	size_t have = strlen(arg), len = size * n;

	if (have + len < 4096) {
		memcpy((char *)arg + have, p, len);
		((char *)arg)[have + len] = '\0';
	}
	return len;
}

/* A request to the stub's control endpoint (POST json, or GET if json is NULL): its status. */
static long control(const char *path, const char *json, char out[4096])
{
	CURL *c = curl_easy_init();
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
	char url[256];
	long status = 0;

	out[0] = '\0';
	snprintf(url, sizeof url, "%s%s", stub_base, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CAINFO, ca);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	if (json)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, json);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	ck_assert_msg(curl_easy_perform(c) == CURLE_OK, "no answer from the stub for %s", path);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return status;
}

/*
 * The payer pays order (tamper "" and send 1), or the stub sends a forged notice: the status our
 * notify URL answered it with (0 if none was sent).
 */
static long notice(const char *order_no, const char *tamper, int send)
{
	char json[256], out[4096];
	const char *s;

	snprintf(json, sizeof json, "{\"out_trade_no\": \"%s\", \"tamper\": \"%s\", \"send\": %s}",
	         order_no, tamper, send ? "true" : "false");
	ck_assert_int_eq(control("/control/pay", json, out), 200);
	ck_assert_ptr_nonnull((s = strstr(out, "\"status\": ")));
	return atol(s + 10);
}

/* What the stub's books say of an order: "NOTPAY", "SUCCESS", "CLOSED", "REFUND" and refunds. */
static void stub_order(const char *order_no, const char *want_state, int want_refunds)
{
	char path[96], out[4096], want[96];

	snprintf(path, sizeof path, "/control/order/%s", order_no);
	ck_assert_int_eq(control(path, NULL, out), 200);
	snprintf(want, sizeof want, "{\"trade_state\": \"%s\", \"refunds\": %d}", want_state,
	         want_refunds);
	ck_assert_msg(strcmp(out, want) == 0, "stub has %s, want %s", out, want);
}

/* A fresh waiting child of 巴东县 (county 422823). */
static void child_new(const char *code)
{
	char id[32];
	struct fixture_child ch = {
		code, "测试·微信", "f", "2014-03-07", "422823", "ill", "（虚构）微信支付测试。",
		"waiting", 1, "虚构·微信真名", id, "虚构监护人 13900000000",
	};

	snprintf(id, sizeof id, "HWX-%s", code);
	fixture_delete(code);
	ck_assert_msg(fixture_insert(&ch) == 0, "fixture %s not inserted", code);
}

static void donor_new(struct browser *b, const char *tag)
{
	char login[128];

	browser_init(b);
	snprintf(login, sizeof login, "hwx-%s-%ld-%d@example.com", tag, (long)time(NULL),
	         (int)getpid());
	ck_assert_msg(b_signup(b, login, PW, "wechat") == 303, "signup of %s failed", login);
	ck_assert_msg(b_verify(b, login) == 303, "verification of %s failed", login);
}

static long get(struct browser *b, const char *path, struct resp *r)
{
	ck_assert_msg(b_get(b, path, r) == 0, "no response for %s", path);
	return r->status;
}

/* On page (for its form's CSRF token), POST form to action: a 303, whose Location goes to loc. */
static void submit(struct browser *b, const char *page, const char *action, const char *form,
                   char loc[256])
{
	struct resp r;

	ck_assert_int_eq(get(b, page, &r), 200);
	resp_free(&r);
	ck_assert_int_eq(b_post(b, action, form, &r), 0);
	ck_assert_msg(r.status == 303, "POST %s: %ld", action, r.status);
	resp_location(&r, loc, 256);
	resp_free(&r);
}

/* Hold the child and order a year through WeChat Pay: the order number of our cashier page. */
static void order_wechat(struct browser *b, const char *code, char out[ORDER_LEN + 1])
{
	char page[64], hold[64], loc[256];

	snprintf(page, sizeof page, "/sponsor/%s", code);
	snprintf(hold, sizeof hold, "/children/%s/hold", code);
	submit(b, page, hold, "", loc);
	submit(b, page, page, ANNUAL, loc);
	ck_assert_msg(strncmp(loc, "/pay/wechat/", 12) == 0 && strlen(loc + 12) == ORDER_LEN,
	              "sent to \"%s\"", loc);
	memcpy(out, loc + 12, ORDER_LEN + 1);
}

/* The cashier page on a desktop: the amount, what to do, and the QR code of WeChat Pay's code_url. */
static void cashier(struct browser *b, const char *ord)
{
	char path[96], img[128];
	struct resp r;

	snprintf(path, sizeof path, "/pay/wechat/%s", ord);
	ck_assert_int_eq(get(b, path, &r), 200);
	snprintf(img, sizeof img, "src=\"/pay/wechat/%s/qr.svg\"", ord);
	ck_assert_msg(body_has(&r, "微信支付") && body_has(&r, "3,000") &&
	              body_has(&r, "扫一扫") && body_has(&r, img) && body_has(&r, "我已支付"),
	              "the cashier page lacks its parts");
	resp_free(&r);
	snprintf(path, sizeof path, "/pay/wechat/%s/qr.svg", ord);
	ck_assert_int_eq(get(b, path, &r), 200);
	ck_assert(resp_has_header(&r, "Content-Type", "image/svg+xml") && body_has(&r, "<svg"));
	resp_free(&r);
}

/* A new donor holds child code and orders through WeChat Pay; on a desktop, sees the cashier. */
static void ordered(struct browser *a, const char *code, int desktop, char ord[ORDER_LEN + 1])
{
	child_new(code);
	donor_new(a, code);
	order_wechat(a, code, ord);
	if (desktop)
		cashier(a, ord);
}

static void page_has(struct browser *b, const char *path, const char *text)
{
	struct resp r;

	ck_assert_int_eq(get(b, path, &r), 200);
	ck_assert_msg(body_has(&r, text), "%s does not show %s", path, text);
	resp_free(&r);
}

START_TEST(paid_through_wechat_forgeries_refused_replay_once)
{
	struct browser a;
	char ord[ORDER_LEN + 1], path[96], out[4096];
	static const char *const FORGED[] = { "signature", "timestamp", "merchant" };

	ordered(&a, "TW00000001", 1, ord);
	stub_order(ord, "NOTPAY", 0);
	/* The stub, like WeChat Pay, answers only a request signed with the merchant's key. */
	snprintf(path, sizeof path, "/v3/pay/transactions/out-trade-no/%s?mchid=" MCHID, ord);
	ck_assert_int_eq(control(path, NULL, out), 401);
	ck_assert_msg(strstr(out, "SIGN_ERROR"), "an unsigned query got %s", out);
	/* Forged, stale, or for another merchant: refused, nothing credited. */
	for (size_t i = 0; i < sizeof FORGED / sizeof *FORGED; i++) {
		long st = notice(ord, FORGED[i], 1);
		ck_assert_msg(st >= 400 && st < 500, "a %s-tampered notice got %ld", FORGED[i], st);
		ck_assert_str_eq(admin_sql_line(DONATIONS, ord), "0 0");
	}
	ck_assert_int_eq(notice(ord, "", 1), 200);
	ck_assert_str_eq(admin_sql_line(DONATIONS, ord), "1 300000");
	/* WeChat Pay sends a notice again until it hears 200: credited once. */
	snprintf(path, sizeof path, "{\"out_trade_no\": \"%s\"}", ord);
	ck_assert_int_eq(control("/control/replay", path, out), 200);
	ck_assert_msg(strstr(out, "\"status\": 200"), "the replay got %s", out);
	ck_assert_str_eq(admin_sql_line(DONATIONS, ord), "1 300000");
	snprintf(path, sizeof path, "/pay/return/%s", ord);
	page_has(&a, path, "支付成功");
	page_has(&a, path, "href=\"/receipts/");
	page_has(&a, "/me", "待审核");
	browser_free(&a);
}
END_TEST

/*
 * WeChat Pay says it took another amount than the order's: money really moved, so it is recorded,
 * as owed back, and the order is not paid by it.
 */
START_TEST(another_amount_is_owed_back_not_credited)
{
	struct browser a;
	char ord[ORDER_LEN + 1], path[96];
	struct resp r;

	ordered(&a, "TW00000006", 1, ord);
	ck_assert_int_eq(notice(ord, "amount", 1), 200);
	ck_assert_str_eq(admin_sql_line("SELECT CONCAT(o.state, ' ', d.amount_fen, ' ', d.refund_due) "
	                                "FROM pay_orders o JOIN donations d ON d.order_id = o.id "
	                                "WHERE o.order_no = '%s'", ord), "created 300100 1");
	snprintf(path, sizeof path, "/pay/return/%s", ord);
	ck_assert_int_eq(get(&a, path, &r), 200);
	ck_assert_msg(!body_has(&r, "支付成功"), "a wrong amount paid the order");
	resp_free(&r);
	browser_free(&a);
}
END_TEST

/* The notice never came: the return page asks WeChat Pay, and credits what it says was paid. */
START_TEST(a_lost_notice_is_found_by_the_query)
{
	struct browser a;
	char ord[ORDER_LEN + 1], path[96];

	ordered(&a, "TW00000002", 1, ord);
	ck_assert_int_eq(notice(ord, "", 0), 0);
	ck_assert_str_eq(admin_sql_line(DONATIONS, ord), "0 0");
	snprintf(path, sizeof path, "/pay/return/%s", ord);
	page_has(&a, path, "支付成功");
	ck_assert_str_eq(admin_sql_line(DONATIONS, ord), "1 300000");
	browser_free(&a);
}
END_TEST

/*
 * A phone's browser is sent to WeChat Pay's H5 page, which sends it back to our return page;
 * WeChat's own browser is not.
 */
START_TEST(a_phone_goes_to_h5)
{
	struct browser a;
	char ord[ORDER_LEN + 1], path[96], back[160];
	struct resp r;

	ordered(&a, "TW00000003", 0, ord);
	curl_easy_setopt(a.c, CURLOPT_USERAGENT, PHONE_UA);
	snprintf(path, sizeof path, "/pay/wechat/%s", ord);
	ck_assert_int_eq(get(&a, path, &r), 303);
	snprintf(back, sizeof back, "&redirect_url=http%%3A%%2F%%2F127.0.0.1%%3A%d%%2Fpay%%2Freturn"
	         "%%2F%s", http_port(), ord);
	ck_assert_msg(resp_has_header(&r, "Location", NULL) &&
	              strstr(r.headers, "Location: https://wx.tenpay.test/checkmweb?prepay_id=") &&
	              strstr(r.headers, back), "not sent to H5 and back: %s", r.headers);
	resp_free(&r);
	/*
	 * WeChat's own browser may not pay by H5: it gets the QR code, to read by a long press.
	 * The same order, prepaid by H5 already, is a Native order now: WeChat Pay refuses a second
	 * trade type under one out_trade_no, so each kind has its own.
	 */
	curl_easy_setopt(a.c, CURLOPT_USERAGENT, WECHAT_UA);
	page_has(&a, path, "扫一扫");
	snprintf(path, sizeof path, "/pay/wechat/%s/qr.svg", ord);
	ck_assert_int_eq(get(&a, path, &r), 200);
	ck_assert_msg(strstr(r.body, "<svg"), "no QR code after H5: %.200s", r.body);
	resp_free(&r);
	browser_free(&a);
}
END_TEST

/*
 * The donor gives the child up before paying: the order is closed at WeChat Pay too, and a payment
 * tried after that is refused there.
 */
START_TEST(a_cancelled_order_is_closed_at_wechat)
{
	struct browser a;
	char ord[ORDER_LEN + 1], out[4096], json[128];
	struct resp r;

	ordered(&a, "TW00000004", 1, ord);
	ck_assert_int_eq(b_post(&a, "/sponsor/TW00000004/release", "", &r), 0);
	ck_assert_int_eq(r.status, 303);
	resp_free(&r);
	stub_order(ord, "CLOSED", 0);
	ck_assert_str_eq(admin_sql_line("SELECT CONCAT(state, ' ', provider_closed_at IS NOT NULL) "
	                                "FROM pay_orders WHERE order_no = '%s'", ord), "closed 1");
	snprintf(json, sizeof json, "{\"out_trade_no\": \"%s\"}", ord);
	ck_assert_int_eq(control("/control/pay", json, out), 409);
	ck_assert_str_eq(admin_sql_line(DONATIONS, ord), "0 0");
	browser_free(&a);
}
END_TEST

/*
 * A gift owed back: refunded through WeChat Pay under our refund number. The first answer is lost
 * on the way; asked again, WeChat Pay gives the same refund, and the money goes back once.
 */
START_TEST(a_refund_is_made_once_though_asked_twice)
{
	struct browser a, staff;
	char ord[ORDER_LEN + 1], out[4096], path[64], id[24];
	struct resp r;

	ordered(&a, "TW00000005", 1, ord);
	ck_assert_int_eq(notice(ord, "", 1), 200);
	snprintf(id, sizeof id, "%s", admin_sql_line("SELECT d.id FROM donations d JOIN pay_orders o "
	         "ON o.id = d.order_id WHERE o.order_no = '%s'", ord));
	snprintf(path, sizeof path, "/admin/refunds/%s", id);
	admin_sql_okf("UPDATE donations SET refund_due = 1, refund_reason = '测试退款' "
	              "WHERE id = %s", id);
	ck_assert_int_eq(control("/control/lose-refund-answer", "{}", out), 200);
	ck_assert_int_eq(b_staff(&staff, "badong"), 303);
	ck_assert_int_eq(b_post(&staff, path, "", &r), 0);
	ck_assert_msg(r.status >= 500, "a refund whose answer was lost got %ld", r.status);
	resp_free(&r);
	stub_order(ord, "REFUND", 1);
	ck_assert_int_eq(get(&staff, "/admin/refunds", &r), 200);
	resp_free(&r);
	ck_assert_int_eq(b_post(&staff, path, "", &r), 0);
	ck_assert_int_eq(r.status, 303);
	resp_free(&r);
	stub_order(ord, "REFUND", 1);
	ck_assert_str_eq(admin_sql_line("SELECT CONCAT(d.status, ' ', d.refund_due) FROM donations d "
	                                "WHERE d.id = %s", id), "refunded 0");
	browser_free(&staff);
	browser_free(&a);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("wechat");
	TCase *t = tcase_create("wechatpay");

	tcase_add_unchecked_fixture(t, stub_start_once, stub_stop);
	tcase_add_test(t, paid_through_wechat_forgeries_refused_replay_once);
	tcase_add_test(t, another_amount_is_owed_back_not_credited);
	tcase_add_test(t, a_lost_notice_is_found_by_the_query);
	tcase_add_test(t, a_phone_goes_to_h5);
	tcase_add_test(t, a_cancelled_order_is_closed_at_wechat);
	tcase_add_test(t, a_refund_is_made_once_though_asked_twice);
	suite_add_tcase(s, t);
	return s;
}
