/*
 * ui-decide.c — POST /admin/pairings/{id}/approve and …/reject: the county's decision on a paid pairing. Each is one
 * transaction under the sponsorship's row lock; deciding twice, or on something already decided, is a 409. A reject's
 * refunds are requested and sent first (ledger.h's three steps), so money given back is never lost from the books.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "../audit.h"
#include "../core/ledger.h"
#include "../log.h"
#include "../outbox.h"
#include "../scope.h"

struct decision {
	struct ctx *c;
	int         approve;
	HDF        *row;    /* the sponsorship, its child and donor, locked */
};

/* The sponsorship, if it is in the staff member's scope (else 404, as if it did not exist), locked for the decision. */
static int lock_pairing(struct db *db, struct decision *d, struct err *e)
{
	struct scope s;
	char sql[1024];

	scope_of(&d->c->who, &s);
	if (scope_sql(sql, sizeof sql,
	        "SELECT x.id, x.state, x.child_id, c.code, c.alias, o.login, o.display_name "
	        "FROM sponsorships x JOIN children c ON c.id = x.child_id JOIN donors o ON o.id = x.donor_id "
	        "WHERE x.id = ? AND %s FOR UPDATE", &s) < 0)
		return err_set(e, 500, NULL, "decision query too long");
	{
		struct dbp p[] = { P_INT(d->c->f[K_ID].num), s.param };
		if (db_query_row(db, sql, p, 2, &d->row, e) < 0)
			return -1;
	}
	if (!d->row)
		return err_set(e, 404, "找不到这项结对。", "pairing %lld not found or out of scope", d->c->f[K_ID].num);
	if (strcmp(hdf_get_value(d->row, "state", ""), "pending_approval") != 0)
		return err_set(e, 409, "这项结对已经处理过了（或还没有付款），不能再次审核。请刷新列表。",
		               "pairing %lld is %s", d->c->f[K_ID].num, hdf_get_value(d->row, "state", ""));
	return 0;
}

/* The sponsorship's gifts that a query (sponsorship id as its one parameter) names, each given to fn. */
static int each_donation(struct db *db, struct decision *d, const char *sql, db_each_fn fn, struct err *e)
{
	return db_query_each(db, sql, (struct dbp[]){ P_INT(d->c->f[K_ID].num) }, 1, fn, d, e);
}

static long long donation_of(HDF *row)
{
	return strtoll(hdf_get_value(row, "id", "0"), NULL, 10);
}

#define PAID_SQL      "SELECT id FROM donations WHERE sponsorship_id = ? AND status = 'paid' FOR UPDATE"
#define REFUNDING_SQL "SELECT r.donation_id AS id FROM refunds r JOIN donations d ON d.id = r.donation_id " \
                      "WHERE d.sponsorship_id = ? AND r.state = 'requested'"

static int request_one(struct db *db, void *d, HDF *row, struct err *e)
{
	return ledger_refund_request(db, donation_of(row), ((struct decision *)d)->c->who.id, e);
}

static int send_one(struct db *db, void *d, HDF *row, struct err *e)
{
	return ledger_refund_send(db, ((struct decision *)d)->c->cfg, donation_of(row), e);
}

static int done_one(struct db *db, void *d, HDF *row, struct err *e)
{
	(void)d;
	return ledger_refund_done(db, donation_of(row), e);
}

/* A reject's first step, committed before any money moves: every paid gift of the pairing is to be refunded. */
static int request_tx(struct db *db, void *arg, struct err *e)
{
	struct decision *d = arg;

	hdf_destroy(&d->row);
	if (lock_pairing(db, d, e) < 0)
		return -1;
	return each_donation(db, d, PAID_SQL, request_one, e);
}

/* The money back: every refund requested, and then nothing of the pairing left paid (a gift that arrived meanwhile
 * has no refund yet: the staff member does it again). */
static int refund_all(struct db *db, struct decision *d, struct err *e)
{
	long long left;

	if (each_donation(db, d, REFUNDING_SQL " FOR UPDATE", done_one, e) < 0 ||
	    db_query_int(db, "SELECT COUNT(*) FROM donations WHERE sponsorship_id = ? AND status = 'paid'",
	                 (struct dbp[]){ P_INT(d->c->f[K_ID].num) }, 1, &left, e) < 0)
		return -1;
	return left ? err_set(e, 409, "这项结对刚刚又有款项到账，请再操作一次。", "pairing %lld: a gift arrived during the reject",
	                      d->c->f[K_ID].num) : 0;
}

/* An approval waits for any refund under way to be finished (by rejecting again). */
static int no_refund_under_way(struct db *db, struct decision *d, struct err *e)
{
	long long n;

	if (db_query_int(db, "SELECT COUNT(*) FROM refunds r JOIN donations g ON g.id = r.donation_id "
	                 "WHERE g.sponsorship_id = ? AND r.state = 'requested'", (struct dbp[]){ P_INT(d->c->f[K_ID].num) },
	                 1, &n, e) < 0)
		return -1;
	return n ? err_set(e, 409, "这项结对的款项正在退回，不能通过。请再次选择“不通过并退款”完成退款。",
	                   "pairing %lld: refund under way", d->c->f[K_ID].num) : 0;
}

static int tell_donor(struct db *db, struct decision *d, struct err *e)
{
	char body[1024];
	const char *alias = hdf_get_value(d->row, "alias", "");

	if (d->approve)
		snprintf(body, sizeof body, "%s，您好！您与%s（编号 %s）的一对一结对已经通过审核，正式生效。"
		         "感谢您的爱心，孩子的近况会显示在“我的账户”中。", hdf_get_value(d->row, "display_name", ""), alias,
		         hdf_get_value(d->row, "code", ""));
	else
		snprintf(body, sizeof body, "%s，您好！很抱歉，您与%s（编号 %s）的结对没有通过审核，原因：%s。"
		         "您支付的款项已经原路退回。欢迎您选择其他等待结对的孩子。", hdf_get_value(d->row, "display_name", ""),
		         alias, hdf_get_value(d->row, "code", ""), d->c->f[K_REASON].str);
	return outbox_put(db, hdf_get_value(d->row, "login", ""), d->approve ? "结对已生效" : "结对未通过审核", body, e);
}

static int decide_tx(struct db *db, void *arg, struct err *e)
{
	struct decision *d = arg;
	struct ctx *c = d->c;
	struct actor staff = actor_of(c);
	struct dbp p[] = { P_INT(c->who.id), P_INT(c->f[K_ID].num) };
	const char *child = NULL;
	int rc;

	hdf_destroy(&d->row);
	if (lock_pairing(db, d, e) < 0)
		return -1;
	child = hdf_get_value(d->row, "child_id", "0");
	if (d->approve) {
		rc = no_refund_under_way(db, d, e) < 0 ||
		     db_exec(db, "UPDATE sponsorships SET state = 'active', decided_at = NOW(), decided_by = ? WHERE id = ?",
		             p, 2, NULL, e) < 0 ||
		     db_exec(db, "UPDATE children SET status = 'paired' WHERE id = ?", (struct dbp[]){ P_STR(child) }, 1,
		             NULL, e) < 0;
	} else {
		struct dbp q[] = { P_INT(c->who.id), P_STR(c->f[K_REASON].str), P_INT(c->f[K_ID].num) };
		rc = refund_all(db, d, e) < 0 ||
		     db_exec(db, "UPDATE sponsorships SET state = 'rejected', decided_at = NOW(), decided_by = ?, "
		             "reject_reason = ?, ended_at = NOW() WHERE id = ?", q, 3, NULL, e) < 0 ||
		     ledger_close_orders(db, &staff, c->f[K_ID].num, e) < 0 ||
		     db_exec(db, "UPDATE children SET status = 'waiting' WHERE id = ? AND status = 'pending'",
		             (struct dbp[]){ P_STR(child) }, 1, NULL, e) < 0;
	}
	if (rc || tell_donor(db, d, e) < 0)
		return -1;
	return audit(db, c, e, d->approve ? "pairing.approve" : "pairing.reject", "sponsorship", c->f[K_ID].str,
	             "%s %s (%s)%s%s", d->approve ? "approved" : "rejected", hdf_get_value(d->row, "code", ""),
	             hdf_get_value(d->row, "alias", ""), d->approve ? "" : ": ", d->approve ? "" : c->f[K_REASON].str);
}

static int decide(struct ctx *c, int approve)
{
	struct decision d = { c, approve, NULL };
	int rc = 0;

	/* A reject's money goes back first: requested (committed), then the provider asked, outside any transaction. */
	if (!approve && (db_tx(c->db, request_tx, &d, &c->err) < 0 ||
	                 each_donation(c->db, &d, REFUNDING_SQL, send_one, &c->err) < 0))
		rc = -1;
	if (rc == 0)
		rc = db_tx(c->db, decide_tx, &d, &c->err);

	hdf_destroy(&d.row);
	if (rc < 0)
		return -1;
	if (!approve)
		ledger_close_send(c->db, c->cfg, c->f[K_ID].num);
	log_info("staff %lld %s pairing %lld", c->who.id, approve ? "approved" : "rejected", c->f[K_ID].num);
	return ctx_redirect(c, "/admin/pairings");
}

int ui_admin_approve(struct ctx *c)
{
	return decide(c, 1);
}

int ui_admin_reject(struct ctx *c)
{
	return decide(c, 0);
}
