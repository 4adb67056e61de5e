/*
 * http_owed.c — money that settles nothing is owed back: an exit, a reject and a hold given up
 * close their open orders (the sandbox refuses them); what arrives all the same, a wrong amount and
 * a second transaction are recorded, owed back, listed for staff, told to the donor and left out of
 * what was raised; replays change nothing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "client.h"
#include "config.h"
#include "money.h"
#include "pay/sandbox.h"

#define ORDER_LEN 24
#define CLOSED    "这笔订单已经关闭"
#define OWED_MAIL "款项将原路退回"
#define CHILD(c)  "(SELECT id FROM children WHERE code = '" c "')"

/*
 * A query's first line, formatted from f: into the next of four static buffers (the test's own
 * thread only).
 */
static const char *val(const char *f, ...) __attribute__((format(printf, 1, 2)));
static const char *val(const char *f, ...)
{
	static char ring[4][512];
	static int next;
	char sql[2048], *out = NULL, *b = ring[next++ % 4];
	va_list ap;

	va_start(ap, f);
	vsnprintf(sql, sizeof sql, f, ap);
	va_end(ap);
	ck_assert_msg(admin_sql(sql, &out) == 0, "SQL failed: %s: %s", sql, out ? out : "");
	snprintf(b, sizeof ring[0], "%.*s", (int)strcspn(out, "\n"), out);
	free(out);
	return b;
}

#define ck_val(want, ...) do { const char *got_ = val(__VA_ARGS__); \
	ck_assert_msg(strcmp(got_, want) == 0, "%s: \"%s\", not \"%s\"", #__VA_ARGS__, got_, want); } while (0)

/* GET (form NULL) or POST path as browser b (NULL: a stranger's GET): the status must be want, and the page must
 * show text (if not NULL); loc (256 bytes, if not NULL) gets where a redirect goes. */
static void expect(struct browser *b, const char *path, const char *form, long want, const char *text, char *loc)
{
	struct resp r;

	ck_assert_int_eq((!b ? http_get(path, &r) : form ? b_post(b, path, form, &r) : b_get(b, path, &r)), 0);
	ck_assert_msg(r.status == want, "%s %s: %ld, not %ld", form ? "POST" : "GET", path, r.status, want);
	ck_assert_msg(!text || body_has(&r, text), "%s does not show %s", path, text);
	if (loc)
		resp_location(&r, loc, 256);
	resp_free(&r);
}

/* A fresh waiting child of 巴东县 (the demo staff badong's county). */
static void child(const char *code)
{
	char id[32], sql[128];
	struct fixture_child ch = {
		code, "测试·退款", "m", "2012-03-04", "422823", "ill", "（虚构）退款测试用的故事。", "waiting", 1,
		"虚构·退款真名", id, "虚构监护人 13900000000",
	};

	snprintf(id, sizeof id, "HOWE-%s", code);
	fixture_delete(code);
	ck_assert_int_eq(fixture_insert(&ch), 0);
	/*
	 * Waiting since today: those left waiting come last on the lists that other tests read the
	 * head of.
	 */
	snprintf(sql, sizeof sql, "UPDATE children SET waiting_since = CURDATE() WHERE code = '%s'", code);
	ck_assert_int_eq(admin_sql(sql, NULL), 0);
}

/* A new donor, signed up and verified (to hold children); login (128 bytes) gets the address. */
static void donor(struct browser *b, char *login)
{
	static int n;

	browser_init(b);
	snprintf(login, 128, "owed-%ld-%d-%d@example.com", (long)time(NULL), (int)getpid(), n++);
	ck_assert_int_eq(b_signup(b, login, "owed-test-pw", "退款测试"), 303);
	ck_assert_int_eq(b_verify(b, login), 303);
}

/* The order number of a 303 to the sandbox's pay page. */
static void order_from(const char *loc, char order[ORDER_LEN + 1])
{
	ck_assert_msg(strncmp(loc, "/pay/sandbox/", 13) == 0 && strlen(loc) == 13 + ORDER_LEN, "sent to %s", loc);
	memcpy(order, loc + 13, ORDER_LEN + 1);
}

/*
 * The donor holds child code and chooses plan ("annual" or "monthly"): the first order, not yet
 * paid.
 */
static void first_order(struct browser *b, const char *code, const char *plan, char order[ORDER_LEN + 1])
{
	char path[64], form[64], loc[256];

	snprintf(path, sizeof path, "/sponsor/%s", code);
	expect(b, path, NULL, 200, NULL, NULL);
	snprintf(path, sizeof path, "/children/%s/hold", code);
	expect(b, path, "", 303, NULL, NULL);
	snprintf(path, sizeof path, "/sponsor/%s", code);
	expect(b, path, NULL, 200, NULL, NULL);
	snprintf(form, sizeof form, "plan=%s&agree=1", plan);
	expect(b, path, form, 303, NULL, loc);
	order_from(loc, order);
}

/* Press Pay on the sandbox's page: it takes the money and delivers its notice. */
static void pay(struct browser *b, const char *order)
{
	char path[64];

	snprintf(path, sizeof path, "/pay/sandbox/%s", order);
	expect(b, path, NULL, 200, "确认支付", NULL);
	snprintf(path, sizeof path, "/pay/sandbox/%s/pay", order);
	expect(b, path, "", 303, NULL, NULL);
}

/*
 * The sandbox's page for a closed order says so, and its Pay button refuses: nothing taken, nothing
 * credited.
 */
static void pay_refused(struct browser *b, const char *order)
{
	char path[64];

	snprintf(path, sizeof path, "/pay/sandbox/%s", order);
	expect(b, path, NULL, 200, CLOSED, NULL);
	snprintf(path, sizeof path, "/pay/sandbox/%s/pay", order);
	expect(b, path, "", 409, CLOSED, NULL);
	ck_val("closed 1 0 0", "SELECT CONCAT_WS(' ', state, provider_closed_at IS NOT NULL, (SELECT COUNT(*) FROM "
	       "sandbox_payments p WHERE p.order_no = o.order_no), (SELECT COUNT(*) FROM donations d WHERE "
	       "d.order_id = o.id)) FROM pay_orders o WHERE order_no = '%s'", order);
	ck_val("1", "SELECT COUNT(*) FROM sandbox_closed WHERE order_no = '%s'", order);
}

/* The donor's next instalment, from the form on /me: its order. */
static void next_order(struct browser *b, long long sid, char order[ORDER_LEN + 1])
{
	char path[64], loc[256];

	expect(b, "/me", NULL, 200, "支付这一期", NULL);
	snprintf(path, sizeof path, "/me/sponsorships/%lld/pay", sid);
	expect(b, path, "", 303, NULL, loc);
	order_from(loc, order);
}

/* A sandbox transaction number no run has used. */
static void new_txn(char txn[ORDER_LEN + 1])
{
	static int n;
	char buf[96];

	snprintf(buf, sizeof buf, "%010ld%06d%08d", (long)time(NULL), (int)getpid() % 1000000, n++);
	snprintf(txn, ORDER_LEN + 1, "%.24s", buf);
}

/*
 * What the sandbox would send for a payment of fen under txn: signed with its own key, as
 * http_payments checks.
 */
static char *signed_notice(const char *order, const char *txn, long long fen)
{
	struct config cfg;
	struct pay_notice n;
	struct err e = { 0 };
	STRING body;
	char *out;

	memset(&n, 0, sizeof n);
	snprintf(n.order_no, sizeof n.order_no, "%s", order);
	snprintf(n.txn, sizeof n.txn, "%s", txn);
	n.amount_fen = fen;
	ck_assert_int_eq(instance_config(&cfg), 0);
	string_init(&body);
	ck_assert_int_eq(sandbox_notice(&cfg, &n, "2026-05-01 10:00:00", &body, &e), 0);
	out = strdup(body.buf);
	string_clear(&body);
	config_free(&cfg);
	return out;
}

/*
 * The sandbox took fen for order (on its books), and its notice has not arrived: returned, to
 * deliver.
 */
static char *provider_took(const char *order, long long fen)
{
	char txn[ORDER_LEN + 1], sql[1024], *notice;

	new_txn(txn);
	notice = signed_notice(order, txn, fen);
	snprintf(sql, sizeof sql, "INSERT INTO sandbox_payments (txn, order_no, amount_fen, notice) "
	         "VALUES ('%s', '%s', %lld, '%s')", txn, order, fen, notice);
	ck_assert_int_eq(admin_sql(sql, NULL), 0);
	return notice;
}

/* The provider's server delivers a notice: acknowledged, whatever it settles. */
static void notify(const char *notice)
{
	struct resp r;

	ck_assert_int_eq(http_request("POST", "/pay/notify/sandbox", notice, "application/x-www-form-urlencoded", &r), 0);
	ck_assert_msg(r.status == 200 && strcmp(r.body, "success") == 0, "notice answered %ld '%.60s'", r.status, r.body);
	resp_free(&r);
}

/* Everything a notice could change, to compare before and after a replay. */
static const char *books(void)
{
	return val("SELECT CONCAT_WS('/', (SELECT COUNT(*) FROM donations), (SELECT SUM(amount_fen) FROM donations), "
	           "(SELECT SUM(refund_due) FROM donations), (SELECT SUM(last_seq) FROM receipt_counters), "
	           "(SELECT COUNT(*) FROM outbox), (SELECT SUM(CRC32(CONCAT(id, state))) FROM pay_orders))");
}

/* Delivered again, three times, a notice changes nothing. */
static void replay_changes_nothing(const char *notice)
{
	char before[512];

	snprintf(before, sizeof before, "%s", books());
	for (int i = 0; i < 3; i++)
		notify(notice);
	ck_assert_str_eq(books(), before);
}

/* The public totals (/donations, the home page) count what was raised: paid and not owed back. */
static void totals_leave_out_owed(void)
{
	char totals[256], raised[128], buf[48];
	long long owed = admin_sql_num("SELECT COUNT(*) FROM donations WHERE status = 'paid' AND refund_due = 1");
	struct browser b;

	ck_assert_int_gt(owed, 0);
	money_format(admin_sql_num("SELECT SUM(amount_fen) FROM donations WHERE status = 'paid' AND refund_due = 0"), buf,
	             sizeof buf);
	snprintf(totals, sizeof totals, "累计 <b>%lld</b> 笔捐赠，共 <b>%s</b> 元",
	         admin_sql_num("SELECT COUNT(*) FROM donations WHERE status = 'paid' AND refund_due = 0"), buf);
	snprintf(raised, sizeof raised, "<b>¥%s</b>", buf);
	browser_init(&b);
	for (int i = 0; i < 4; i++) {   /* from either worker, each with its page cache */
		expect(&b, "/donations", NULL, 200, totals, NULL);
		expect(&b, "/", NULL, 200, raised, NULL);
	}
	browser_free(&b);
}

/*
 * The money that came for order (its only donation) is owed back for why, and the donor (to) told:
 * its id.
 */
static long long owed_for(const char *order, const char *why, const char *to)
{
	long long id;

	ck_val("1 1", "SELECT CONCAT(COUNT(*), ' ', MIN(d.refund_due)) FROM donations d JOIN pay_orders o "
	       "ON o.id = d.order_id WHERE o.order_no = '%s'", order);
	id = atoll(val("SELECT d.id FROM donations d JOIN pay_orders o ON o.id = d.order_id WHERE o.order_no = '%s'",
	               order));
	ck_val("1", "SELECT refund_reason LIKE '%%%s%%' FROM donations WHERE id = %lld", why, id);
	ck_val("1", "SELECT COUNT(*) FROM outbox WHERE recipient = '%s' AND subject = '" OWED_MAIL "' AND body LIKE "
	       "CONCAT('%%', (SELECT CONCAT(receipt_year, '-', LPAD(receipt_seq, 6, '0')) FROM donations "
	       "WHERE id = %lld), '%%')", to, id);
	return id;
}

/*
 * Staff member who (signed in) sees donation id on /admin/refunds (with text) or, if !listed, does
 * not.
 */
static void refunds_list(struct browser *who, long long id, int listed, const char *text)
{
	char form[64];
	struct resp r;

	snprintf(form, sizeof form, "action=\"/admin/refunds/%lld\"", id);
	ck_assert_int_eq(b_get(who, "/admin/refunds", &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_msg(body_has(&r, form) == listed, "/admin/refunds %s donation %lld", listed ? "lacks" : "shows", id);
	ck_assert_msg(!listed || !text || body_has(&r, text), "/admin/refunds does not say %s", text);
	resp_free(&r);
}

/* Whether the app log has a line saying the hold of child code was given up. */
static int logged(const char *code)
{
	char line[4096], path[512];
	FILE *f;
	int found = 0;

	snprintf(path, sizeof path, "%s/log/app.log", getenv("TX_VAR"));
	ck_assert_msg((f = fopen(path, "r")) != NULL, "no app log at %s", path);
	while (!found && fgets(line, sizeof line, f))
		found = strstr(line, "gave up the hold of child") && strstr(line, code);
	fclose(f);
	return found;
}

static long long live_sponsorship(const char *code)
{
	return atoll(val("SELECT id FROM sponsorships WHERE live_child = (SELECT id FROM children WHERE code = '%s')",
	                 code));
}

/*
 * The case: a monthly plan, approved; the donor opens instalment 2's order; staff exit the
 * child. The order is closed with the exit (the sandbox refuses it); the money the provider had
 * taken a moment before, noticed now, is recorded, owed back, listed, told to the donor, left out
 * of what was raised, and refunded by the three steps.
 */
START_TEST(an_exit_closes_the_next_instalment_and_its_money_is_owed_back)
{
	const char *code = "TW00000001";
	struct browser d, badong;
	char login[128], o1[ORDER_LEN + 1], o2[ORDER_LEN + 1], path[96], *notice;
	long long sid, id;

	child(code);
	donor(&d, login);
	first_order(&d, code, "monthly", o1);
	pay(&d, o1);
	sid = live_sponsorship(code);
	ck_assert_int_eq(b_staff(&badong, "badong"), 303);
	snprintf(path, sizeof path, "/admin/pairings/%lld/approve", sid);
	expect(&badong, path, "", 303, NULL, NULL);
	next_order(&d, sid, o2);
	snprintf(path, sizeof path, "/admin/children/%s/exit", code);
	expect(&badong, path, "exit_reason=improved", 303, NULL, NULL);
	ck_val("ended exited", "SELECT CONCAT(s.state, ' ', c.status) FROM sponsorships s JOIN children c "
	       "ON c.id = s.child_id WHERE s.id = %lld", sid);
	pay_refused(&d, o2);
	snprintf(path, sizeof path, "/pay/return/%s", o2);
	expect(&d, path, NULL, 200, "订单已关闭", NULL);

	notice = provider_took(o2, 25000);
	notify(notice);
	id = owed_for(o2, "不再进行（已结束）", login);
	ck_val("paid ended exited 1", "SELECT CONCAT_WS(' ', o.state, s.state, c.status, (SELECT COUNT(*) FROM instalments "
	       "i WHERE i.sponsorship_id = s.id AND i.donation_id IS NOT NULL)) FROM pay_orders o JOIN sponsorships s "
	       "ON s.id = o.sponsorship_id JOIN children c ON c.id = s.child_id WHERE o.order_no = '%s'", o2);
	expect(&d, path, NULL, 200, "原路退回", NULL);
	expect(&d, "/me", NULL, 200, "待原路退回", NULL);
	replay_changes_nothing(notice);
	totals_leave_out_owed();

	refunds_list(&badong, id, 1, "已结束");
	snprintf(path, sizeof path, "/admin/refunds/%lld", id);
	expect(&badong, path, "", 303, NULL, NULL);
	ck_val("refunded 0 1", "SELECT CONCAT_WS(' ', d.status, d.refund_due, p.refunded_at IS NOT NULL) FROM donations d "
	       "JOIN sandbox_payments p ON p.txn = d.provider_txn WHERE d.id = %lld", id);
	refunds_list(&badong, id, 0, NULL);
	free(notice);
	browser_free(&d);
	browser_free(&badong);
}
END_TEST

/*
 * A reject closes the pairing's open order; if the provider, asked to close it after the commit,
 * says the donor had paid it already, that payment is credited then and there, and owed back.
 */
START_TEST(a_reject_closes_open_orders_and_credits_what_the_provider_took)
{
	static const char *const codes[] = { "TW00000002", "TW00000003" };
	struct browser d, badong;
	char login[128], o1[ORDER_LEN + 1], o2[ORDER_LEN + 1], path[96], *notice = NULL;
	long long sid, id;

	ck_assert_int_eq(b_staff(&badong, "badong"), 303);
	for (int took = 0; took < 2; took++) {
		child(codes[took]);
		donor(&d, login);
		first_order(&d, codes[took], "monthly", o1);
		pay(&d, o1);
		sid = live_sponsorship(codes[took]);
		next_order(&d, sid, o2);   /* while the pairing waits for approval */
		if (took)
			notice = provider_took(o2, 25000);
		snprintf(path, sizeof path, "/admin/pairings/%lld/reject", sid);
		expect(&badong, path, "reason=%E6%B5%8B%E8%AF%95", 303, NULL, NULL);
		ck_val("rejected waiting", "SELECT CONCAT(s.state, ' ', c.status) FROM sponsorships s JOIN children c "
		       "ON c.id = s.child_id WHERE s.id = %lld", sid);
		ck_val("refunded", "SELECT d.status FROM donations d JOIN pay_orders o ON o.id = d.order_id "
		       "WHERE o.order_no = '%s'", o1);
		if (!took) {
			pay_refused(&d, o2);
		} else {
			ck_val("paid", "SELECT state FROM pay_orders WHERE order_no = '%s'", o2);
			id = owed_for(o2, "未通过审核", login);
			refunds_list(&badong, id, 1, "未通过审核");
			replay_changes_nothing(notice);
			free(notice);
		}
		browser_free(&d);
	}
	browser_free(&badong);
}
END_TEST

/*
 * A donor gives up a hold (放弃保留): the hold ends, its order closes, the child is listed again at
 * once, and the app log says so. Money the provider took for it all the same is owed back and
 * revives nothing.
 */
START_TEST(a_donor_gives_up_a_hold)
{
	const char *code = "TW00000004";
	struct browser d;
	char login[128], o[ORDER_LEN + 1], path[96], *notice;
	long long sid;

	child(code);
	donor(&d, login);
	first_order(&d, code, "annual", o);
	sid = live_sponsorship(code);
	snprintf(path, sizeof path, "/sponsor/%s", code);
	expect(&d, path, NULL, 200, "action=\"/sponsor/TW00000004/release\"", NULL);
	snprintf(path, sizeof path, "/sponsor/%s/release", code);
	expect(&d, path, "csrf=", 403, NULL, NULL);
	ck_val("pending_payment", "SELECT state FROM sponsorships WHERE id = %lld", sid);
	expect(&d, path, "", 303, NULL, NULL);
	ck_val("cancelled waiting", "SELECT CONCAT(s.state, ' ', c.status) FROM sponsorships s JOIN children c "
	       "ON c.id = s.child_id WHERE s.id = %lld", sid);
	snprintf(path, sizeof path, "/children/%s", code);
	expect(NULL, path, NULL, 200, "等待结对", NULL);
	pay_refused(&d, o);
	snprintf(path, sizeof path, "/sponsor/%s/release", code);
	expect(&d, path, "", 409, "保留已经结束", NULL);
	ck_val("1", "SELECT COUNT(*) FROM sponsorships WHERE id = %lld AND end_reason = '捐赠人放弃保留'", sid);
	ck_assert_msg(logged(code), "the app log does not say the hold of %s was given up", code);

	notice = provider_took(o, 300000);
	notify(notice);
	owed_for(o, "已取消", login);
	ck_val("cancelled waiting", "SELECT CONCAT(s.state, ' ', c.status) FROM sponsorships s JOIN children c "
	       "ON c.id = s.child_id WHERE s.id = %lld", sid);
	free(notice);
	browser_free(&d);
}
END_TEST

/*
 * A general donation: a notice for another amount than the order's, and then a second transaction
 * for the paid order, are each recorded as money beyond the order's own payment, owed back (a guest
 * told by SMS, if they gave a mobile), listed for the province only; the order's own payment
 * stands; replays of any of them change nothing.
 */
START_TEST(a_wrong_amount_and_a_second_transaction_are_owed_back)
{
	struct browser guest, province, badong;
	char o[ORDER_LEN + 1], loc[256], txn[ORDER_LEN + 1], *wrong, *second, *own;
	long long id;

	browser_init(&guest);
	expect(&guest, "/donate", NULL, 200, NULL, NULL);
	expect(&guest, "/donate", "amount=30&mobile=13800138077", 303, NULL, loc);
	order_from(loc, o);
	new_txn(txn);
	wrong = signed_notice(o, txn, 2999);
	notify(wrong);
	id = owed_for(o, "金额与订单不符（订单为 30 元）", "13800138077");
	ck_val("created 0 2999 sms", "SELECT CONCAT_WS(' ', o.state, d.settles, d.amount_fen, (SELECT channel FROM outbox "
	       "WHERE recipient = '13800138077' ORDER BY id DESC LIMIT 1)) FROM pay_orders o JOIN donations d "
	       "ON d.order_id = o.id WHERE o.order_no = '%s'", o);
	replay_changes_nothing(wrong);
	ck_assert_int_eq(b_staff(&province, "province"), 303);
	ck_assert_int_eq(b_staff(&badong, "badong"), 303);
	refunds_list(&province, id, 1, "金额与订单不符");
	refunds_list(&badong, id, 0, NULL);

	pay(&guest, o);   /* the order is still open: the right amount pays it */
	ck_val("paid 1 0 3000", "SELECT CONCAT_WS(' ', o.state, d.settles, d.refund_due, d.amount_fen) FROM pay_orders o "
	       "JOIN donations d ON d.settles_order = o.id WHERE o.order_no = '%s'", o);
	new_txn(txn);
	second = signed_notice(o, txn, 3000);
	notify(second);
	ck_val("3 2 1", "SELECT CONCAT_WS(' ', COUNT(*), SUM(refund_due), SUM(settles)) FROM donations d "
	       "JOIN pay_orders o ON o.id = d.order_id WHERE o.order_no = '%s'", o);
	ck_val("1", "SELECT COUNT(*) FROM donations WHERE provider_txn = '%s' AND refund_due = 1 AND settles = 0 "
	       "AND refund_reason LIKE '%%另一笔付款%%'", txn);
	replay_changes_nothing(second);
	own = strdup(val("SELECT notice FROM sandbox_payments WHERE order_no = '%s'", o));
	replay_changes_nothing(own);
	replay_changes_nothing(wrong);
	totals_leave_out_owed();
	free(wrong), free(second), free(own);
	browser_free(&guest);
	browser_free(&province);
	browser_free(&badong);
}
END_TEST

/*
 * A late payment for a lapsed hold revives it only while its child is free: one whose child has
 * left the programme in the meantime is owed back, and the sponsorship stays lapsed.
 */
START_TEST(a_late_payment_for_a_child_who_left_is_owed_back)
{
	const char *code = "TW00000005";
	struct browser d;
	char login[128], o[ORDER_LEN + 1], sql[1024], *notice;

	child(code);
	donor(&d, login);
	first_order(&d, code, "annual", o);
	notice = provider_took(o, 300000);
	snprintf(sql, sizeof sql, "UPDATE pay_orders SET state = 'expired', expires_at = NOW() - INTERVAL 1 SECOND "
	         "WHERE order_no = '%s'; UPDATE sponsorships SET state = 'expired', hold_until = NOW() - INTERVAL 1 SECOND, "
	         "ended_at = NOW() WHERE live_child = " CHILD("%s") "; UPDATE children SET status = 'exited', "
	         "exit_reason = 'moved', exited_at = NOW() WHERE code = '%s';", o, code, code);
	ck_assert_int_eq(admin_sql(sql, NULL), 0);
	notify(notice);
	owed_for(o, "保留已过期", login);
	ck_val("expired exited", "SELECT CONCAT(s.state, ' ', c.status) FROM sponsorships s JOIN children c "
	       "ON c.id = s.child_id WHERE c.code = '%s'", code);
	free(notice);
	browser_free(&d);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_owed");
	TCase *t = tcase_create("owed");

	tcase_set_timeout(t, 180);
	tcase_add_test(t, an_exit_closes_the_next_instalment_and_its_money_is_owed_back);
	tcase_add_test(t, a_reject_closes_open_orders_and_credits_what_the_provider_took);
	tcase_add_test(t, a_donor_gives_up_a_hold);
	tcase_add_test(t, a_wrong_amount_and_a_second_transaction_are_owed_back);
	tcase_add_test(t, a_late_payment_for_a_child_who_left_is_owed_back);
	suite_add_tcase(s, t);
	return s;
}
