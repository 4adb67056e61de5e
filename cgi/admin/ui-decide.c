/*
 * ui-decide.c — POST /admin/pairings/{id}/approve and …/reject: the county's decision on a paid pairing. Each is one
 * transaction under the sponsorship's row lock; deciding twice, or on something already decided, is a 409.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "../audit.h"
#include "../ledger.h"
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

/* Money back through the provider that took it, for every paid gift of the sponsorship; recorded as refunded. */
static int refund_all(struct db *db, struct decision *d, struct err *e)
{
	HDF *rows;
	NEOERR *nerr;
	int rc = 0;

	if ((nerr = hdf_init(&rows)))
		return err_neo(e, nerr, "refunds");
	if (db_query_hdf(db, "SELECT id FROM donations WHERE sponsorship_id = ? AND status = 'paid' FOR UPDATE",
	                 (struct dbp[]){ P_INT(d->c->f[K_ID].num) }, 1, rows, "d", NULL, e) < 0)
		rc = -1;
	for (HDF *r = hdf_obj_child(hdf_get_obj(rows, "d")); r && rc == 0; r = hdf_obj_next(r))
		rc = ledger_refund(db, d->c->cfg, strtoll(hdf_get_value(r, "id", "0"), NULL, 10), e);
	hdf_destroy(&rows);
	return rc;
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
	struct dbp p[] = { P_INT(c->who.id), P_INT(c->f[K_ID].num) };
	const char *child = NULL;
	int rc;

	hdf_destroy(&d->row);
	if (lock_pairing(db, d, e) < 0)
		return -1;
	child = hdf_get_value(d->row, "child_id", "0");
	if (d->approve) {
		rc = db_exec(db, "UPDATE sponsorships SET state = 'active', decided_at = NOW(), decided_by = ? WHERE id = ?",
		             p, 2, NULL, e) < 0 ||
		     db_exec(db, "UPDATE children SET status = 'paired' WHERE id = ?", (struct dbp[]){ P_STR(child) }, 1,
		             NULL, e) < 0;
	} else {
		struct dbp q[] = { P_INT(c->who.id), P_STR(c->f[K_REASON].str), P_INT(c->f[K_ID].num) };
		rc = refund_all(db, d, e) < 0 ||
		     db_exec(db, "UPDATE sponsorships SET state = 'rejected', decided_at = NOW(), decided_by = ?, "
		             "reject_reason = ?, ended_at = NOW() WHERE id = ?", q, 3, NULL, e) < 0 ||
		     db_exec(db, "UPDATE pay_orders SET state = 'cancelled' WHERE sponsorship_id = ? AND state = 'created'",
		             (struct dbp[]){ P_INT(c->f[K_ID].num) }, 1, NULL, e) < 0 ||
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
	int rc = db_tx(c->db, decide_tx, &d, &c->err);

	hdf_destroy(&d.row);
	if (rc < 0)
		return -1;
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
