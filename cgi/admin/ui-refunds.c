/*
 * ui-refunds.c — GET /admin/refunds: money taken that settled nothing (a child taken by someone
 * else before the payment arrived, an instalment paid twice, a pairing no longer live, a wrong
 * amount, a second transaction), owed back, within scope (a general donation's is the province's);
 * POST /admin/refunds/{id}: give it back through the provider in ledger.h's three steps (requested,
 * sent, done), tell the donor, audit; twice is a 409.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "../audit.h"
#include "../labels.h"
#include "../core/ledger.h"
#include "../money.h"
#include "../outbox.h"
#include "../page.h"
#include "../scope.h"

/*
 * Owed donations of the sponsorships of children in reach, and to the province general donations
 * (no child: only its "1 = 1" holds); %s is the scope, the rest is the caller's.
 */
#define OF_DONATION \
	"FROM donations d LEFT JOIN sponsorships x ON x.id = d.sponsorship_id " \
	"LEFT JOIN children c ON c.id = x.child_id "
#define OWED_SQL(what, more) \
	"SELECT " what " " OF_DONATION "LEFT JOIN donors o ON o.id = d.donor_id " \
	"JOIN pay_orders po ON po.id = d.order_id " \
	"WHERE d.refund_due = 1 AND d.status = 'paid' AND %s" more

int ui_admin_refunds(struct ctx *c)
{
	struct scope s;
	char sql[1024];

	scope_of(&c->who, &s);
	if (scope_sql(sql, sizeof sql, OWED_SQL("d.id, " RECEIPT_NO_SQL("d.") " AS receipt, d.amount_fen, "
	        "DATE_FORMAT(d.paid_at, '%%Y-%%m-%%d %%H:%%i') AS paid_at, COALESCE(o.display_name, d.donor_name, '') "
	        "AS donor, c.code, c.alias, c.county_code AS county, x.state, d.instalment_seq AS seq, "
	        "d.refund_reason AS why",
	        " ORDER BY d.paid_at, d.id LIMIT 500"), &s) < 0 ||
	    db_query_hdf(c->db, sql, &s.param, 1, c->hdf, "Owed", NULL, &c->err) < 0)
		return -1;
	page_money_rows(c, "Owed", "amount_fen", "amount");
	page_label_rows(c, "Owed", "state", SPONSORSHIP_STATES, "state_label");
	page_region_rows(c, "Owed", "county", "place");
	admin_page(c, "待退款项", "refunds");
	c->tmpl = "admin-refunds.cs";
	return 0;
}

/* The owed donation named by the path, within scope, locked; a 409 if it was refunded already, else a 404. */
static int lock_owed(struct db *db, struct ctx *c, HDF **row, struct err *e)
{
	struct scope s;
	char sql[1024];
	long long refunded;

	scope_of(&c->who, &s);
	if (scope_sql(sql, sizeof sql, OWED_SQL("d.id, d.amount_fen, " RECEIPT_NO_SQL("d.") " AS receipt, "
	        "COALESCE(o.login, po.mobile, '') AS login, "
	        "COALESCE(o.display_name, d.donor_name, '') AS donor", " AND d.id = ? FOR UPDATE"), &s) < 0 ||
	    db_query_row(db, sql, (struct dbp[]){ s.param, P_INT(c->f[K_ID].num) }, 2, row, e) < 0)
		return -1;
	if (*row)
		return 0;
	if (scope_sql(sql, sizeof sql, "SELECT COUNT(*) " OF_DONATION
	              "WHERE d.id = ? AND d.status = 'refunded' AND %s", &s) < 0 ||
	    db_query_int(db, sql, (struct dbp[]){ P_INT(c->f[K_ID].num), s.param }, 2, &refunded, e) < 0)
		return -1;
	return refunded ? err_set(e, 409, "这笔款项已经退回过了。", "refund %lld: refunded already", c->f[K_ID].num) :
	                  err_set(e, 404, "找不到这笔待退款项。", "refund %lld: not owed or out of scope", c->f[K_ID].num);
}

/* Step one, committed before any money moves. */
static int request_tx(struct db *db, void *arg, struct err *e)
{
	struct ctx *c = arg;
	HDF *row;

	if (lock_owed(db, c, &row, e) < 0)
		return -1;
	hdf_destroy(&row);
	return ledger_refund_request(db, c->f[K_ID].num, c->who.id, e);
}

/* Step three: done, the donor told, on record. */
static int done_tx(struct db *db, void *arg, struct err *e)
{
	struct ctx *c = arg;
	char body[600], yuan[32];
	HDF *row;
	int rc;

	if (lock_owed(db, c, &row, e) < 0)
		return -1;
	money_format(strtoll(hdf_get_value(row, "amount_fen", "0"), NULL, 10), yuan, sizeof yuan);
	snprintf(body, sizeof body, "%s，您好！您支付的 %s 元（票据 %s）到账时已经不能用作捐赠，"
	         "款项现已原路退回，请留意到账。感谢您的爱心。", hdf_get_value(row, "donor", ""), yuan,
	         hdf_get_value(row, "receipt", ""));
	rc = ledger_refund_done(db, c->f[K_ID].num, e) < 0 ||
	     (*hdf_get_value(row, "login", "") && outbox_put(db, hdf_get_value(row, "login", ""), "款项已退回", body, e) < 0) ||
	     audit(db, c, e, "donation.refund", "donation", c->f[K_ID].str, "refunded %s yuan, receipt %s", yuan,
	           hdf_get_value(row, "receipt", "")) < 0;
	hdf_destroy(&row);
	return rc ? -1 : 0;
}

int ui_admin_refund(struct ctx *c)
{
	if (db_tx(c->db, request_tx, c, &c->err) < 0 || ledger_refund_send(c->db, c->cfg, c->f[K_ID].num, &c->err) < 0 ||
	    db_tx(c->db, done_tx, c, &c->err) < 0)
		return -1;
	return ctx_redirect(c, "/admin/refunds");
}
