/* http_payments.c — general donations end to end: checkout, signed notifications (replayed, raced, forged), receipts, the public record. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <curl/curl.h>

#include "check_main.h"
#include "client.h"
#include "money.h"

#define ORDER_LEN 24
#define NTHREADS 20
#define FORM "application/x-www-form-urlencoded"
#define OF_ORDER "FROM donations d JOIN pay_orders o ON o.id = d.order_id WHERE o.order_no = "
#define RECEIPT_SEQ "SELECT COALESCE(MAX(last_seq), 0) FROM receipt_counters WHERE year = YEAR(NOW())"
#define PAID "FROM donations WHERE status = 'paid' AND refund_due = 0"   /* raised: money owed back is not */
#define ORDER "FROM pay_orders WHERE order_no = '%s'"

/* printf into the next of four static buffers, for SQL and paths used at once: the test's own thread only. */
static const char *fmt(const char *f, ...)
{
	static char bufs[4][2048];
	static int next;
	char *b = bufs[next++ % 4];
	va_list ap;

	va_start(ap, f);
	vsnprintf(b, sizeof bufs[0], f, ap);
	va_end(ap);
	return b;
}

/* A query's one-line answer; malloc'd. */
static char *text(const char *sql)
{
	char *out = NULL;

	ck_assert_msg(admin_sql(sql, &out) == 0, "SQL failed: %s: %s", sql, out ? out : "");
	out[strcspn(out, "\n")] = '\0';
	return out;
}

/* The order is in state, with this many donations. */
static void assert_order(const char *order, const char *state, int donations)
{
	char *s = text(fmt("SELECT CONCAT(state, '/', (SELECT COUNT(*) FROM donations WHERE order_id = o.id)) "
	                   "FROM pay_orders o WHERE order_no = '%s'", order)), want[40];

	snprintf(want, sizeof want, "%s/%d", state, donations);
	ck_assert_msg(strcmp(s, want) == 0, "order %s: %s, not %s", order, s, want);
	free(s);
}

/* What a notice could change: donations, receipt numbers, the provider's books, orders (a lapse is not its doing). */
static char *snapshot(void)
{
	return text("SELECT CONCAT_WS('/', (SELECT COUNT(*) FROM donations), (SELECT COALESCE(SUM(amount_fen), 0) FROM "
	            "donations), (SELECT COALESCE(SUM(last_seq), 0) FROM receipt_counters), (SELECT COUNT(*) FROM "
	            "sandbox_payments), (SELECT COUNT(*) FROM pay_orders), (SELECT COALESCE(SUM(CRC32(CONCAT_WS(':', id, "
	            "IF(state = 'expired', 'created', state), COALESCE(paid_at, '-')))), 0) FROM pay_orders))");
}

static void assert_unchanged(const char *before, const char *what)
{
	char *now = snapshot();

	ck_assert_msg(strcmp(before, now) == 0, "%s changed the database: %s -> %s", what, before, now);
	free(now);
}

/* Percent-encoded, as a browser's form submission has it. */
static const char *enc(const char *s, char *out, size_t n)
{
	char *e = curl_easy_escape(NULL, s, 0);

	snprintf(out, n, "%s", e);
	curl_free(e);
	return out;
}

/* GET path in browser b (NULL: a fresh one, no cookies): its status, and each needle of the NULL-ended list on it. */
static void assert_page(struct browser *b, const char *path, long status, ...)
{
	struct resp r;
	va_list ap;

	ck_assert_int_eq(b ? b_get(b, path, &r) : http_get(path, &r), 0);
	ck_assert_msg(r.status == status, "%s: %ld, not %ld", path, r.status, status);
	va_start(ap, status);
	for (const char *s; (s = va_arg(ap, const char *)); )
		ck_assert_msg(body_has(&r, s), "%s does not show %s", path, s);
	va_end(ap);
	resp_free(&r);
}

static char refusal[512];  /* the message of the last refusal donate() got */

/* GET /donate, POST the form: the order number, from the redirect to the sandbox, goes to order (or ""). */
static long donate(struct browser *b, const char *form, char order[ORDER_LEN + 1])
{
	struct resp r;
	char loc[512];
	const char *m;
	long status;

	assert_page(b, "/donate", 200, NULL);
	ck_assert_int_eq(b_post(b, "/donate", form, &r), 0);
	resp_location(&r, loc, sizeof loc);
	order[0] = refusal[0] = '\0';
	if ((status = r.status) == 303) {
		ck_assert_msg(strncmp(loc, "/pay/sandbox/", 13) == 0 && strlen(loc) == 13 + ORDER_LEN, "redirect to %s", loc);
		memcpy(order, loc + 13, ORDER_LEN + 1);
	} else if ((m = strstr(r.body, "<div class=\"error-summary\"")) && (m = strstr(m, "<li>"))) {
		/* the form drawn again: the summary's first error, a link to its field */
		m += strlen("<li>");
		if (strncmp(m, "<a ", 3) == 0)
			m = strchr(m, '>') + 1;
		snprintf(refusal, sizeof refusal, "%.*s", (int)strcspn(m, "<"), m);
	}
	resp_free(&r);
	return status;
}

/* Press the sandbox page's button ("pay" or "cancel"): the status, and the Location into loc. */
static long press(struct browser *b, const char *order, const char *button, char loc[256])
{
	struct resp r;
	long status;

	ck_assert_int_eq(b_post(b, fmt("/pay/sandbox/%s/%s", order, button), "", &r), 0);
	status = r.status;
	resp_location(&r, loc, 256);
	resp_free(&r);
	return status;
}

/* A donation from browser b, paid on the sandbox's page: its order number goes to order. */
static void give(struct browser *b, const char *form, char order[ORDER_LEN + 1])
{
	char loc[256];

	ck_assert_int_eq(donate(b, form, order), 303);
	assert_page(b, fmt("/pay/sandbox/%s", order), 200, "确认支付", NULL);
	ck_assert_int_eq(press(b, order, "pay", loc), 303);
	ck_assert_str_eq(loc, fmt("/pay/return/%s", order));
}

/* A guest's gift, paid; returns the signed notice the provider sent for it. */
static char *paid_gift(const char *form, char order[ORDER_LEN + 1])
{
	struct browser b;
	char *n;

	browser_init(&b);
	give(&b, form, order);
	browser_free(&b);
	n = text(fmt("SELECT notice FROM sandbox_payments WHERE order_no = '%s'", order));
	ck_assert_msg(strstr(n, "&sig=") != NULL, "no stored notice for %s: '%s'", order, n);
	return n;
}

/* The provider took the money, its notice never came: so made in the database (the signing key is the provider's). */
static void lose_the_credit(const char *order)
{
	ck_assert_int_eq(admin_sql(fmt("DELETE d " OF_ORDER "'%s'; UPDATE pay_orders SET state = 'created', paid_at = NULL "
	                               "WHERE order_no = '%s';", order, order), NULL), 0);
	assert_order(order, "created", 0);
}

/* The return page says it was paid; the receipt link on it goes to url. */
static void receipt_url(struct browser *b, const char *order, char *url, size_t n)
{
	struct resp r;
	const char *p;

	ck_assert_int_eq(b_get(b, fmt("/pay/return/%s", order), &r), 0);
	ck_assert_msg(r.status == 200 && body_has(&r, "支付成功"), "return page of %s does not say paid", order);
	ck_assert_msg((p = strstr(r.body, "href=\"/receipts/")) != NULL, "no receipt link on the return page");
	snprintf(url, n, "%.*s", (int)strcspn(p + 6, "\""), p + 6);
	resp_free(&r);
}

/* The app log, written by a worker before it answers: its length (a NULL), or whether a line after mark has a and b. */
static long app_log(long mark, const char *a, const char *b)
{
	char line[4096];
	FILE *f = fopen(fmt("%s/log/app.log", getenv("TX_VAR")), "r");
	long found = 0;

	ck_assert_msg(f != NULL, "no app log");
	if (!a && fseek(f, 0, SEEK_END) == 0)
		found = ftell(f);
	if (a && fseek(f, mark, SEEK_SET) == 0)
		while (!found && fgets(line, sizeof line, f))
			found = strstr(line, a) && strstr(line, b);
	fclose(f);
	return found;
}

/* A provider's call (no cookies, no CSRF token) answers want ("success" if 200); a refusal changes nothing, logs word. */
static void notify(const char *provider, const char *body, long want, const char *word, const char *what)
{
	char *before = snapshot();
	long mark = app_log(0, NULL, NULL);
	struct resp r;

	ck_assert_int_eq(http_request("POST", fmt("/pay/notify/%s", provider), body, FORM, &r), 0);
	ck_assert_msg(r.status == want, "%s: %ld, not %ld", what, r.status, want);
	ck_assert_msg((strcmp(r.body, "success") == 0) == (want == 200), "%s answered '%.40s'", what, r.body);
	resp_free(&r);
	if (want != 200) {
		assert_unchanged(before, what);
		ck_assert_msg(app_log(mark, "/pay/notify/", word), "%s: no log line with '%s'", what, word);
	}
	free(before);
}

/* /donations' totals and the home page's raised sum are the database's, from every worker (6 asks reach both). */
static void assert_totals(void)
{
	char totals[256], raised[256], buf[48];

	money_format(admin_sql_num("SELECT COALESCE(SUM(amount_fen), 0) " PAID), buf, sizeof buf);
	snprintf(totals, sizeof totals, "累计 <b>%lld</b> 笔捐赠，共 <b>%s</b> 元", admin_sql_num("SELECT COUNT(*) " PAID), buf);
	snprintf(raised, sizeof raised, "<b>¥%s</b>", buf);
	for (int i = 0; i < 6; i++) {
		assert_page(NULL, "/donations", 200, totals, NULL);
		assert_page(NULL, "/", 200, raised, NULL);
	}
}

/* Guests' gifts, as the receipt and the public record (a row: donor, amount, purpose, channel, message) show them. */
static const struct gift {
	const char *amount, *name, *more, *message, *receipt, *row;
} GIFTS[] = {
	{ "100&amount_other=52.5", "张三丰", "", "愿孩子们都能安心上学", "伍拾贰元伍角",  /* typed, over the preset */
	  "| 张*丰 | 52.50 | 慈善捐赠（助养基金） | 网上捐赠 | 愿孩子们都能安心上学" },
	{ "30", "李四光", "&anonymous=1", "匿名<i>留言</i>", "叁拾元整",
	  "| 爱心人士 | 30 | 慈善捐赠（助养基金） | 网上捐赠 | 匿名&lt;i&gt;留言&lt;/i&gt;" },
};

START_TEST(guest_gift_is_paid_receipted_and_listed)
{
	const struct gift *g = &GIFTS[_i];
	struct browser b;
	struct resp r;
	char order[ORDER_LEN + 1], url[256], row[512], form[1024], name[64], said[128], msg[512];

	assert_totals();  /* and so cached, by both workers */
	browser_init(&b);
	snprintf(said, sizeof said, "%s%d", g->message, (int)getpid());
	snprintf(row, sizeof row, "%s%d |", g->row, (int)getpid());
	snprintf(form, sizeof form, "amount=%s&name=%s%s&message=%s", g->amount, enc(g->name, name, sizeof name), g->more,
	         enc(said, msg, sizeof msg));
	give(&b, form, order);
	ck_assert_int_eq(press(&b, order, "cancel", url), 409);  /* paid is paid */
	assert_order(order, "paid", 1);
	receipt_url(&b, order, url, sizeof url);
	assert_page(NULL, url, 200, "捐赠票据", g->receipt, g->name, "慈善捐赠", "湖北省慈善总会", NULL);
	ck_assert_int_eq(http_get("/donations", &r), 0);
	ck_assert_msg(r.status == 200 && cells_has(&r, row), "/donations: %ld, no row %s", r.status,
	              row);
	resp_free(&r);
	assert_totals();  /* at once */
	browser_free(&b);
}
END_TEST

START_TEST(another_browser_cannot_see_or_pay_a_guest_order)
{
	static const char *const pages[] = { "sandbox", "return" }, *const buttons[] = { "pay", "cancel" };
	struct browser mine, other;
	char order[ORDER_LEN + 1], loc[256], *before;

	browser_init(&mine);
	browser_init(&other);
	ck_assert_int_eq(donate(&mine, "amount=100", order), 303);
	before = snapshot();
	assert_page(&other, "/donate", 200, NULL);  /* its own visitor cookie and form token */
	for (int i = 0; i < 2; i++) {
		assert_page(&other, fmt("/pay/%s/%s", pages[i], order), 404, NULL);
		assert_page(NULL, fmt("/pay/%s/%s", pages[i], order), 404, NULL);
		ck_assert_msg(press(&other, order, buttons[i], loc) == 404, "%s from another browser", buttons[i]);
	}
	assert_unchanged(before, "another browser's attempts");
	assert_page(&mine, fmt("/pay/sandbox/%s", order), 200, "确认支付", NULL);  /* the browser that made it still can */
	ck_assert_int_eq(press(&mine, order, "pay", loc), 303);
	assert_order(order, "paid", 1);
	free(before);
	browser_free(&mine);
	browser_free(&other);
}
END_TEST

START_TEST(bad_input_is_refused_without_an_order)
{
	static const char *const amounts[] = {
		"-1", "0", "1e3", "12.345", "１２", "1000000.01", "99999999999999999999", "abc", "0.01", "0.99", "007",
		" 12", "12.", ".5", "1,000", "+5",
	};
	static const char *const keys[] = { "amount=%s", "amount=100&amount_other=%s" };  /* a preset, a typed amount */
	struct browser b;
	char form[4096], amount[128], order[ORDER_LEN + 1];
	long long orders = admin_sql_num("SELECT COUNT(*) FROM pay_orders");
	int n;

	browser_init(&b);
	for (int i = 0; i < 2 * (int)(sizeof amounts / sizeof amounts[0]); i++) {
		snprintf(form, sizeof form, keys[i % 2], enc(amounts[i / 2], amount, sizeof amount));
		ck_assert_msg(donate(&b, form, order) == 400, "%s was not refused", form);
		ck_assert_msg(strstr(refusal, "捐赠金额须为") != NULL, "%s refused with '%s'", form, refusal);
	}
	ck_assert_int_eq(donate(&b, "name=%E7%8E%8B", order), 400);  /* no amount at all */
	ck_assert_str_eq(refusal, "请选择或填写捐赠金额。");
	ck_assert_int_eq(donate(&b, "amount=&amount_other=", order), 400);
	ck_assert_str_eq(refusal, "请选择或填写捐赠金额。");
	ck_assert_int_eq(donate(&b, "amount=30&mobile=12345678901", order), 400);
	ck_assert_str_eq(refusal, "手机号码须为 11 位数字，以 1 开头。");
	n = snprintf(form, sizeof form, "amount=30&message=");
	for (int i = 0; i < 201; i++)
		n += snprintf(form + n, sizeof form - (size_t)n, "%%E7%%88%%B1");  /* 爱 */
	ck_assert_int_eq(donate(&b, form, order), 400);
	ck_assert_str_eq(refusal, "留言最多 200 个字。");
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM pay_orders"), orders);
	/* The edges that are allowed: 200 characters of message, 1,000,000 yuan, 1 yuan. */
	form[n - 9] = '\0';
	ck_assert_int_eq(donate(&b, form, order), 303);
	ck_assert_int_eq(donate(&b, "amount=1000000", order), 303);
	ck_assert_int_eq(admin_sql_num(fmt("SELECT amount_fen " ORDER, order)), 100000000);
	ck_assert_int_eq(donate(&b, "amount=&amount_other=1&mobile=13800138000", order), 303);
	ck_assert_int_eq(admin_sql_num(fmt("SELECT amount_fen " ORDER, order)), 100);
	browser_free(&b);
}
END_TEST

/* One of a race's runners: POST body to path, from tab (with its cookies and token) or from nowhere. */
struct racer {
	pthread_barrier_t *go;
	struct browser    *tab;
	char               path[80];
	const char        *body;
	long               status;
	char               answer[32];
};

static void *race(void *arg)
{
	struct racer *rc = arg;
	struct resp r;
	int rv;

	pthread_barrier_wait(rc->go);
	rv = rc->tab ? b_post(rc->tab, rc->path, "", &r) : http_request("POST", rc->path, rc->body, FORM, &r);
	rc->status = rv < 0 ? -1 : r.status;
	snprintf(rc->answer, sizeof rc->answer, "%s", r.body);
	resp_free(&r);
	return NULL;
}

/* The n runners (their tab, path and body set) let go at the same moment by a barrier. */
static void run_race(int n, struct racer *rc)
{
	pthread_t t[NTHREADS];
	pthread_barrier_t go;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	pthread_barrier_init(&go, NULL, (unsigned)n);
	for (int i = 0; i < n; i++) {
		rc[i].go = &go;
		ck_assert_int_eq(pthread_create(&t[i], NULL, race, &rc[i]), 0);
	}
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&go);
}

/* NTHREADS deliveries of a notice at once: every one is acknowledged. */
static void deliver_at_once(const char *notice)
{
	struct racer rc[NTHREADS];

	for (int i = 0; i < NTHREADS; i++)
		rc[i] = (struct racer){ NULL, NULL, "/pay/notify/sandbox", notice, 0, "" };
	run_race(NTHREADS, rc);
	for (int i = 0; i < NTHREADS; i++)
		ck_assert_msg(rc[i].status == 200 && strcmp(rc[i].answer, "success") == 0,
		              "delivery %d answered %ld '%s'", i, rc[i].status, rc[i].answer);
}

/* Delivered again, even 20 at once, a notice changes nothing; 20 first deliveries at once credit it once. */
START_TEST(notices_credit_exactly_once)
{
	char order[ORDER_LEN + 1], *notice = paid_gift("amount=88.8", order), *before = snapshot(), *receipt, *again;
	char sql[256];
	long long seq;

	snprintf(sql, sizeof sql, "SELECT CONCAT(receipt_year, '-', receipt_seq, '-', receipt_code) " OF_ORDER "'%s'", order);
	receipt = text(sql);
	notify("sandbox", notice, 200, NULL, "a notice delivered again");
	deliver_at_once(notice);
	assert_unchanged(before, "replays");
	assert_order(order, "paid", 1);
	ck_assert_str_eq(receipt, again = text(sql));
	lose_the_credit(order);
	seq = admin_sql_num(RECEIPT_SEQ);
	deliver_at_once(notice);
	assert_order(order, "paid", 1);
	ck_assert_int_eq(admin_sql_num(RECEIPT_SEQ), seq + 1);  /* every credit takes a number */
	ck_assert_int_eq(admin_sql_num(fmt("SELECT d.receipt_seq " OF_ORDER "'%s'", order)), seq + 1);
	free(notice), free(before), free(receipt), free(again);
}
END_TEST

/* Two tabs of one browser press Pay and Pay (loop 0) or Cancel (1) at one moment: at most one payment, credited. */
START_TEST(two_clicks_at_once_credit_at_most_once)
{
	static const char *const second[] = { "pay", "cancel" };
	struct browser mine, tabs[2];
	struct curl_slist *l = NULL;
	struct racer rc[2];
	char order[ORDER_LEN + 1];
	long long seq = admin_sql_num(RECEIPT_SEQ), taken;

	browser_init(&mine);
	ck_assert_int_eq(donate(&mine, "amount=77", order), 303);
	assert_page(&mine, fmt("/pay/sandbox/%s", order), 200, "确认支付", NULL);
	curl_easy_getinfo(mine.c, CURLINFO_COOKIELIST, &l);
	for (int i = 0; i < 2; i++) {
		browser_init(&tabs[i]);
		for (struct curl_slist *p = l; p; p = p->next)
			curl_easy_setopt(tabs[i].c, CURLOPT_COOKIELIST, p->data);
		memcpy(tabs[i].csrf, mine.csrf, sizeof mine.csrf);
		rc[i] = (struct racer){ NULL, &tabs[i], "", NULL, 0, "" };
		snprintf(rc[i].path, sizeof rc[i].path, "/pay/sandbox/%s/%s", order, i ? second[_i] : "pay");
	}
	curl_slist_free_all(l);
	run_race(2, rc);
	taken = admin_sql_num(fmt("SELECT COUNT(*) FROM sandbox_payments WHERE order_no = '%s'", order));
	assert_order(order, taken ? "paid" : "cancelled", (int)taken);
	ck_assert_int_eq(admin_sql_num(RECEIPT_SEQ), seq + taken);
	for (int i = 0; i < 2; i++)
		ck_assert_msg(rc[i].status == 303 || (_i && rc[i].status == 409), "click %d: %ld", i, rc[i].status);
	ck_assert_msg(_i || taken == 1, "two pay clicks took %lld payments", taken);
	for (int i = 0; i < 2; i++)
		browser_free(&tabs[i]);
	browser_free(&mine);
}
END_TEST

/* Paid at the last moment, the notice lost, then the order lapsed: the return page must ask the provider. */
START_TEST(return_page_after_a_lapse_asks_the_provider)
{
	struct browser b;
	char order[ORDER_LEN + 1], url[256];

	browser_init(&b);
	give(&b, "amount=21", order);
	lose_the_credit(order);
	/* As the sweep leaves an order it found unpaid, before the provider's record of the payment was there. */
	ck_assert_int_eq(admin_sql(fmt("UPDATE pay_orders SET state = 'expired', expires_at = NOW() - INTERVAL 1 SECOND "
	                               "WHERE order_no = '%s'", order), NULL), 0);
	assert_order(order, "expired", 0);
	receipt_url(&b, order, url, sizeof url);
	assert_order(order, "paid", 1);
	browser_free(&b);
}
END_TEST

/* An order past its time whose notice never came: the sweep asks the provider and credits it, nobody visiting. */
START_TEST(sweep_settles_a_lost_notice_before_expiring)
{
	struct browser b;
	char order[ORDER_LEN + 1];
	int i;

	browser_init(&b);
	give(&b, "amount=22", order);
	lose_the_credit(order);
	ck_assert_int_eq(admin_sql(fmt("UPDATE pay_orders SET expires_at = NOW() - INTERVAL 1 SECOND "
	                               "WHERE order_no = '%s'", order), NULL), 0);
	for (i = 0; i < 100 && !admin_sql_num(fmt("SELECT state <> 'created' " ORDER, order)); i++)
		usleep(100 * 1000);  /* the sweeper runs every App.SweepSeconds */
	assert_order(order, "paid", 1);
	browser_free(&b);
}
END_TEST

/* The notice with its first from (of n bytes; 0: all of it) replaced by to. */
static const char *doctored(const char *notice, const char *from, size_t n, const char *to)
{
	static char out[1024];
	const char *p = strstr(notice, from);

	ck_assert_msg(p != NULL, "'%s' not in the notice", from);
	snprintf(out, sizeof out, "%.*s%s%s", (int)(p - notice), notice, to, p + (n ? n : strlen(from)));
	return out;
}

START_TEST(forged_and_misdirected_notices_are_refused)
{
	struct browser b;
	char order[ORDER_LEN + 1], unpaid[ORDER_LEN + 1];
	char *notice = paid_gift("amount=45.6", order), *sig = strstr(notice, "&sig=");

	browser_init(&b);
	ck_assert_int_eq(donate(&b, "amount=45.6", unpaid), 303);
	lose_the_credit(order);  /* so that a forgery believed would credit it */
	notify("sandbox", doctored(notice, sig, 6, sig[5] == '0' ? "&sig=1" : "&sig=0"), 400, "notice", "a flipped digit");
	notify("sandbox", doctored(notice, "amount_fen=4560&", 0, "amount_fen=1&"), 400, "notice", "a lower amount");
	notify("sandbox", doctored(notice, "amount_fen=4560&", 0, "amount_fen=456000&"), 400, "notice", "a higher amount");
	notify("sandbox", doctored(notice, sig, 0, ""), 400, "notice", "a notice without its signature");
	notify("sandbox", doctored(notice, fmt("order=%s", order), 0, fmt("order=%s", unpaid)), 400, "notice",
	       "a notice moved to another order");
	notify("sandbox", "", 400, "notice", "an empty notice");
	notify("paypal", notice, 404, "paypal", "a notice to an unknown provider");
	notify("SANDBOX", notice, 404, "SANDBOX", "a notice to a misspelt provider");
	assert_page(NULL, "/pay/notify/sandbox", 405, NULL);
	/* An order number the provider signed that no longer names an order of ours. */
	ck_assert_int_eq(admin_sql(fmt("UPDATE pay_orders SET order_no = CONCAT('ZZ', SUBSTRING(order_no, 3)) "
	                               "WHERE order_no = '%s'", order), NULL), 0);
	notify("sandbox", notice, 404, order, "a notice for an unknown order");
	ck_assert_int_eq(admin_sql(fmt("UPDATE pay_orders SET order_no = '%s' WHERE order_no = CONCAT('ZZ', "
	                               "SUBSTRING('%s', 3))", order, order), NULL), 0);
	assert_order(unpaid, "created", 0);
	notify("sandbox", notice, 200, NULL, "the genuine notice");  /* still good */
	assert_order(order, "paid", 1);
	free(notice);
	browser_free(&b);
}
END_TEST

START_TEST(receipts_are_sequential_and_need_their_code)
{
	static const char *const malformed[] = { "2026-abcdef", "1999-000001", "2026-0000000000001", "2026000001" };
	struct browser b;
	char order[ORDER_LEN + 1], url[3][256], *code[3];
	long long seq[3];

	browser_init(&b);
	for (int i = 0; i < 3; i++) {
		give(&b, "amount=10", order);
		seq[i] = admin_sql_num(fmt("SELECT d.receipt_seq " OF_ORDER "'%s' AND d.receipt_year = YEAR(NOW())", order));
		receipt_url(&b, order, url[i], sizeof url[i]);
		ck_assert_msg(strstr(url[i], fmt("-%06lld?", seq[i])) != NULL, "link %s for number %lld", url[i], seq[i]);
		assert_page(NULL, url[i], 200, "壹拾元整", NULL);
		code[i] = strstr(url[i], "?code=");
	}
	ck_assert_msg(seq[1] == seq[0] + 1 && seq[2] == seq[1] + 1, "receipts %lld, %lld, %lld", seq[0], seq[1], seq[2]);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) - COUNT(DISTINCT receipt_year, receipt_seq) " PAID), 0);
	/* A code is good for its own receipt only; a wrong character makes it no code at all; the code is required. */
	assert_page(NULL, fmt("%.*s%s", (int)(code[0] - url[0]), url[0], code[1]), 404, "没有找到这张票据", NULL);
	code[0][strlen(code[0]) - 1] = code[0][strlen(code[0]) - 1] == '0' ? '1' : '0';
	assert_page(NULL, url[0], 404, NULL);
	for (int i = 0; i < 4; i++)
		assert_page(NULL, fmt("/receipts/%s%s", malformed[i], code[1]), 404, NULL);
	assert_page(NULL, fmt("%.*s", (int)(code[1] - url[1]), url[1]), 400, NULL);
	browser_free(&b);
}
END_TEST

START_TEST(donations_are_paged_twenty_at_a_time)
{
	long long paid = admin_sql_num("SELECT COUNT(*) " PAID), pages = (paid + 19) / 20;

	ck_assert_int_gt(paid, 20);
	assert_page(NULL, "/donations", 200, "/donations?page=2", NULL);
	assert_page(NULL, "/donations?page=2", 200, fmt("2 / %lld", pages), NULL);
	assert_page(NULL, fmt("/donations?page=%lld", pages), 200, "rel=\"prev\"", NULL);
	assert_page(NULL, fmt("/donations?page=%lld", pages + 1), 404, NULL);
	assert_page(NULL, "/donations?page=999", 404, "没有这一页", NULL);
	assert_page(NULL, "/donations?page=0", 400, "页码须为正整数", NULL);
	assert_page(NULL, "/donations?page=-1", 400, NULL);
	assert_page(NULL, "/donations?page=abc", 400, NULL);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_payments");
	TCase *t = tcase_create("payments");
	const TTest *all[] = {
		another_browser_cannot_see_or_pay_a_guest_order, bad_input_is_refused_without_an_order,
		notices_credit_exactly_once, return_page_after_a_lapse_asks_the_provider, sweep_settles_a_lost_notice_before_expiring,
		forged_and_misdirected_notices_are_refused, receipts_are_sequential_and_need_their_code,
		donations_are_paged_twenty_at_a_time,
	};

	tcase_add_loop_test(t, guest_gift_is_paid_receipted_and_listed, 0, (int)(sizeof GIFTS / sizeof GIFTS[0]));
	tcase_add_loop_test(t, two_clicks_at_once_credit_at_most_once, 0, 2);
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		tcase_add_test(t, all[i]);
	suite_add_tcase(s, t);
	return s;
}
