/*
 * http_decide.c — staff decide paid pairings: approve, reject with refund, twice (409), out of
 * scope (404), audited, each change of state with who made it.
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
#include "db.h"
#include "pay.h"

#define STAFF_BY "staff:"
#define CHILD_ID(code) "(SELECT id FROM children WHERE code = '" code "')"

static long long num(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static long long num(const char *fmt, ...)
{
	char sql[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	return admin_sql_num(sql);
}

/* A waiting child of 巴东县 (code), or of 武汉市武昌区 when far. */
static void child(const char *code, int far)
{
	char id[32];
	struct fixture_child ch = {
		code, "测试·审核", "m", "2013-05-06", far ? "420106" : "422823", "ill", "（虚构）审核测试用的故事。",
		"waiting", 1, "虚构·审核真名", id, "虚构监护人 13900000000",
	};

	snprintf(id, sizeof id, "HDEC-%s", code);
	fixture_delete(code);
	ck_assert_int_eq(fixture_insert(&ch), 0);
}

/* POST a form that must answer 303; loc (if not NULL, 256 bytes) gets where to. */
static void post_303(struct browser *b, const char *path, const char *form, char *loc)
{
	struct resp r;

	b_post(b, path, form, &r);
	ck_assert_msg(r.status == 303, "POST %s: %ld", path, r.status);
	if (loc)
		resp_location(&r, loc, 256);
	resp_free(&r);
}

/* A donor who holds, chooses the annual plan and pays: the sponsorship waits for approval. Returns its id. */
static long long paid_pairing(struct browser *d, const char *code)
{
	char login[96], path[300], loc[256];
	struct resp r;

	browser_init(d);
	snprintf(login, sizeof login, "decide-%s-%ld-%d@example.com", code, (long)time(NULL), (int)getpid());
	ck_assert_int_eq(b_signup(d, login, "decide-test-pw", "审核测试"), 303);
	ck_assert_int_eq(b_verify(d, login), 303);
	snprintf(path, sizeof path, "/sponsor/%s", code);
	b_get(d, path, &r), resp_free(&r);
	snprintf(path, sizeof path, "/children/%s/hold", code);
	post_303(d, path, "", NULL);
	snprintf(path, sizeof path, "/sponsor/%s", code);
	b_get(d, path, &r), resp_free(&r);
	post_303(d, path, "plan=annual&agree=1", loc);
	b_get(d, loc, &r), resp_free(&r);
	snprintf(path, sizeof path, "%s/pay", loc);
	post_303(d, path, "", NULL);
	return num("SELECT id FROM sponsorships WHERE state = 'pending_approval' AND child_id = "
	           "(SELECT id FROM children WHERE code = '%s')", code);
}

static void staff(struct browser *b, const char *username)
{
	ck_assert_msg(b_staff(b, username) == 303, "%s: login", username);
}

static long decide(struct browser *b, long long id, const char *what, const char *form)
{
	char path[96];
	struct resp r;
	long status;

	snprintf(path, sizeof path, "/admin/pairings/%lld/%s", id, what);
	b_post(b, path, form, &r);
	status = r.status;
	resp_free(&r);
	return status;
}

START_TEST(approve_once_then_409)
{
	struct browser donor, badong;
	struct resp r;
	long long id, audits;

	child("TD00000001", 0);
	id = paid_pairing(&donor, "TD00000001");
	ck_assert_int_gt(id, 0);
	staff(&badong, "badong");
	b_get(&badong, "/admin/pairings", &r);
	ck_assert_msg(body_has(&r, "TD00000001"), "the queue does not show the paid pairing");
	resp_free(&r);
	audits = num("SELECT COUNT(*) FROM audit_log WHERE action = 'pairing.approve' AND object_id = '%lld'", id);
	ck_assert_int_eq(decide(&badong, id, "approve", ""), 303);
	ck_assert_int_eq(num("SELECT state = 'active' FROM sponsorships WHERE id = %lld", id), 1);
	ck_assert_int_eq(num("SELECT status = 'paired' FROM children WHERE code = 'TD00000001'"), 1);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE action = 'pairing.approve' AND object_id = '%lld'", id),
	                 audits + 1);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM outbox WHERE subject = '结对已生效' AND body LIKE '%%TD00000001%%'"), 1);
	b_get(&donor, "/me", &r);
	ck_assert_msg(body_has(&r, "结对中"), "/me does not show the pairing active");
	resp_free(&r);
	/* Twice: refused, nothing changes. */
	ck_assert_int_eq(decide(&badong, id, "approve", ""), 409);
	ck_assert_int_eq(decide(&badong, id, "reject", "reason=x"), 409);
	ck_assert_int_eq(num("SELECT state = 'active' FROM sponsorships WHERE id = %lld", id), 1);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE object_id = '%lld' AND action LIKE 'pairing.%%'", id),
	                 audits + 1);
	browser_free(&donor);
	browser_free(&badong);
}
END_TEST

START_TEST(reject_refunds_and_frees_the_child)
{
	struct browser donor, enshi;
	struct resp r;
	long long id;

	child("TD00000002", 0);
	id = paid_pairing(&donor, "TD00000002");
	staff(&enshi, "enshi");   /* the city may act for its county */
	ck_assert_int_eq(decide(&enshi, id, "reject", ""), 400);     /* a reason is required */
	ck_assert_int_eq(num("SELECT state = 'pending_approval' FROM sponsorships WHERE id = %lld", id), 1);
	ck_assert_int_eq(decide(&enshi, id, "reject", "reason=%E5%AE%B6%E5%BA%AD%E6%83%85%E5%86%B5%E5%B7%B2%E5%8F%98"), 303);
	ck_assert_int_eq(num("SELECT CONCAT(state, reject_reason) = 'rejected家庭情况已变' FROM sponsorships WHERE id = %lld",
	                     id), 1);
	ck_assert_int_eq(num("SELECT status = 'waiting' FROM children WHERE code = 'TD00000002'"), 1);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM donations WHERE sponsorship_id = %lld AND status = 'refunded'", id), 1);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM sandbox_payments p JOIN pay_orders o ON o.order_no = p.order_no "
	                     "WHERE o.sponsorship_id = %lld AND p.refunded_at IS NOT NULL", id), 1);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM outbox WHERE subject = '结对未通过审核' AND body LIKE '%%家庭情况已变%%'"), 1);
	/* Asked again under the reject's refund number (a retried transaction, a lost answer), the provider says done
	 * and refunds nothing more; under another number it refuses: the money went back once. */
	{
		struct config cfg;
		struct db db;
		struct err e = { 0 };
		struct pay_notice n = { "", "", 0 };
		char sql[512], *out = NULL, refund_no[PAY_REFUND_NO_MAX + 1], when[32];
		snprintf(sql, sizeof sql, "SELECT CONCAT_WS(' ', p.order_no, p.txn, p.amount_fen, UNIX_TIMESTAMP(p.refunded_at)) "
		         "FROM sandbox_payments p JOIN pay_orders o ON o.order_no = p.order_no WHERE o.sponsorship_id = %lld", id);
		ck_assert_int_eq(admin_sql(sql, &out), 0);
		ck_assert_int_eq(sscanf(out, "%31s %63s %lld %31s", n.order_no, n.txn, &n.amount_fen, when), 4);
		free(out);
		ck_assert_int_eq(instance_config(&cfg), 0);
		db_init(&db, &cfg);
		pay_refund_no(n.order_no, refund_no);
		ck_assert_int_eq(pay_provider("sandbox")->refund(&cfg, &db, &n, n.amount_fen, refund_no, &e), 0);
		ck_assert_int_eq(pay_provider("sandbox")->refund(&cfg, &db, &n, n.amount_fen, "R-another-refund", &e), -1);
		ck_assert_int_eq(err_status(&e), 409);
		db_close(&db);
		config_free(&cfg);
		snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM sandbox_payments WHERE txn = '%s' AND refund_no = '%s' AND "
		         "UNIX_TIMESTAMP(refunded_at) = %s", n.txn, refund_no, when);
		ck_assert_int_eq(num("%s", sql), 1);
	}
	/* Listed again for everyone. */
	ck_assert_int_eq(http_get("/children/TD00000002", &r), 0);
	ck_assert_msg(body_has(&r, "等待结对"), "the child is not waiting again");
	resp_free(&r);
	browser_free(&donor);
	browser_free(&enshi);
}
END_TEST

START_TEST(out_of_scope_is_404_and_changes_nothing)
{
	struct browser donor, badong;
	long long id;

	child("TD00000003", 1);
	id = paid_pairing(&donor, "TD00000003");
	staff(&badong, "badong");
	ck_assert_int_eq(decide(&badong, id, "approve", ""), 404);
	ck_assert_int_eq(decide(&badong, id, "reject", "reason=x"), 404);
	ck_assert_int_eq(num("SELECT state = 'pending_approval' FROM sponsorships WHERE id = %lld", id), 1);
	browser_free(&badong);
	staff(&badong, "province");
	ck_assert_int_eq(decide(&badong, id, "approve", ""), 303);
	browser_free(&donor);
	browser_free(&badong);
}
END_TEST

/*
 * The provider refunded, but the transaction that was to record it never committed (a crash, a lost connection):
 * the refund stands requested. The pairing cannot be approved over it, and rejecting again finishes it without a
 * second refund.
 */
START_TEST(a_refund_the_books_missed_is_finished_not_repeated)
{
	struct browser donor, badong;
	long long id;
	char sql[1024], *out = NULL, when[32];

	child("TD00000004", 0);
	id = paid_pairing(&donor, "TD00000004");
	snprintf(sql, sizeof sql,
	         "SET @d = (SELECT id FROM donations WHERE sponsorship_id = %lld);"
	         "SET @o = (SELECT o.order_no FROM pay_orders o JOIN donations d ON d.order_id = o.id WHERE d.id = @d);"
	         "INSERT INTO refunds (refund_no, donation_id, amount_fen, provider) "
	         "  SELECT CONCAT('R', @o), id, amount_fen, provider FROM donations WHERE id = @d;"
	         "UPDATE sandbox_payments SET refunded_at = NOW() - INTERVAL 1 MINUTE, refund_no = CONCAT('R', @o) "
	         "  WHERE order_no = @o;"
	         "SELECT UNIX_TIMESTAMP(refunded_at) FROM sandbox_payments WHERE order_no = @o;", id);
	ck_assert_int_eq(admin_sql(sql, &out), 0);
	snprintf(when, sizeof when, "%.*s", (int)strcspn(out, "\n"), out);
	free(out);
	staff(&badong, "badong");
	ck_assert_int_eq(decide(&badong, id, "approve", ""), 409);
	ck_assert_int_eq(num("SELECT state = 'pending_approval' FROM sponsorships WHERE id = %lld", id), 1);
	ck_assert_int_eq(decide(&badong, id, "reject", "reason=%E9%87%8D%E5%81%9A"), 303);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM donations d JOIN refunds r ON r.donation_id = d.id WHERE "
	                     "d.sponsorship_id = %lld AND d.status = 'refunded' AND r.state = 'done'", id), 1);
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM sandbox_payments p JOIN pay_orders o ON o.order_no = p.order_no "
	         "WHERE o.sponsorship_id = %lld AND UNIX_TIMESTAMP(p.refunded_at) = %s", id, when);
	ck_assert_int_eq(num("%s", sql), 1);   /* refunded once, when it first was */
	browser_free(&donor);
	browser_free(&badong);
}
END_TEST

/* The audit rows of action on object id by who: "staff:<username>", or the system's address. */
static long long audited(const char *action, long long id, const char *by)
{
	return strncmp(by, STAFF_BY, strlen(STAFF_BY)) == 0 ?
	       num("SELECT COUNT(*) FROM audit_log WHERE action = '%s' AND object_id = '%lld' "
	           "AND staff_id = (SELECT id FROM staff WHERE username = '%s')", action, id,
	           by + strlen(STAFF_BY)) :
	       num("SELECT COUNT(*) FROM audit_log WHERE action = '%s' AND object_id = '%lld' "
	           "AND staff_id IS NULL AND addr = '%s'", action, id, by);
}

/*
 * Every state change on the way from payment to pairing is on record with who made it: the
 * provider's notice paid the order, moved the sponsorship on and the child to pending; the staff
 * member approved both.
 */
START_TEST(each_change_of_state_is_audited_with_its_actor)
{
	struct browser donor, badong;
	long long id, order, child_id;

	child("TD00000005", 0);
	id = paid_pairing(&donor, "TD00000005");
	order = num("SELECT id FROM pay_orders WHERE sponsorship_id = %lld AND state = 'paid'", id);
	child_id = num("SELECT id FROM children WHERE code = 'TD00000005'");
	ck_assert_int_eq(audited("order.paid", order, "notify:sandbox"), 1);
	ck_assert_int_eq(audited("sponsorship.pending_approval", id, "notify:sandbox"), 1);
	ck_assert_int_eq(audited("child.pending", child_id, "notify:sandbox"), 1);
	staff(&badong, "badong");
	ck_assert_int_eq(decide(&badong, id, "approve", ""), 303);
	ck_assert_int_eq(audited("sponsorship.active", id, "staff:badong"), 1);
	ck_assert_int_eq(audited("child.paired", child_id, "staff:badong"), 1);
	browser_free(&donor);
	browser_free(&badong);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("decide");
	TCase *t = tcase_create("decide");

	tcase_set_timeout(t, 120);
	tcase_add_test(t, approve_once_then_409);
	tcase_add_test(t, reject_refunds_and_frees_the_child);
	tcase_add_test(t, out_of_scope_is_404_and_changes_nothing);
	tcase_add_test(t, a_refund_the_books_missed_is_finished_not_repeated);
	tcase_add_test(t, each_change_of_state_is_audited_with_its_actor);
	suite_add_tcase(s, t);
	return s;
}
