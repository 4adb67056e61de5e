/*
 * ui-statement.c — GET /me/statements/{year}: a printable statement of one calendar year's giving.
 */
#include <stdio.h>

#include "donor.h"
#include "../labels.h"
#include "../core/ledger.h"
#include "../money.h"
#include "../page.h"
#include "../util.h"

#define AMOUNT_SIZE 40   /* a year's total as text */

int ui_statement(struct ctx *c)
{
	struct dbp p[] = { P_INT(donor_of(c)), P_INT(c->f[K_YEAR].num), P_INT(c->f[K_YEAR].num) };
	long long total;
	char buf[AMOUNT_SIZE], cap[MONEY_CAPITAL_MAX];
	int n;

	if (db_query_hdf(c->db,
	        "SELECT DATE_FORMAT(paid_at, '%Y-%m-%d') AS paid_on, amount_fen, purpose, "
	        RECEIPT_NO_SQL("") " AS receipt_no, receipt_code FROM donations "
	        "WHERE donor_id = ? AND status = 'paid' AND refund_due = 0 "
	        "AND paid_at >= MAKEDATE(?, 1) "
	        "AND paid_at < MAKEDATE(? + 1, 1) ORDER BY paid_at, id",
	        p, nitems(p), c->hdf, "Gifts", &n, &c->err) < 0 ||
	    db_query_int(c->db, "SELECT COALESCE(SUM(amount_fen), 0) FROM donations "
	                 "WHERE donor_id = ? AND status = 'paid' AND refund_due = 0 "
	                 "AND paid_at >= MAKEDATE(?, 1) AND paid_at < MAKEDATE(? + 1, 1)",
	                 p, nitems(p), &total, &c->err) < 0)
		return -1;
	if (n == 0)
		return err_set(&c->err, 404, "这一年没有您的捐赠记录。", "no donations in %lld",
		               c->f[K_YEAR].num);
	page_money_rows(c, "Gifts", "amount_fen", "amount");
	page_label_rows(c, "Gifts", "purpose", PURPOSES, "purpose_label");
	page_set(c, NULL, "Statement.year", c->f[K_YEAR].str);
	page_setf(c, "Statement.count=%d", n);
	page_set(c, NULL, "Statement.total", money_format(total, buf, sizeof buf));
	page_set(c, NULL, "Statement.total_capital", money_capital(total, cap, sizeof cap));
	page_set(c, NULL, "Page.Title", "年度捐赠证明");
	c->tmpl = "statement.cs";
	return 0;
}
