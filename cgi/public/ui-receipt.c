/* ui-receipt.c — GET /receipts/{no}?code=…: a printable donation receipt (捐赠票据) and certificate. */
#include <stdlib.h>

#include "public.h"
#include "../labels.h"
#include "../core/ledger.h"
#include "../money.h"
#include "../page.h"

int ui_receipt(struct ctx *c)
{
	long long no = c->f[K_NO].num;
	struct dbp p[] = { P_INT(no / 10000000), P_INT(no % 10000000), P_STR(c->f[K_RCODE].str) };
	char buf[40], cap[MONEY_CAPITAL_MAX];
	long long fen;
	int n;

	if (db_query_hdf(c->db,
	        "SELECT " RECEIPT_NO_SQL("d.") " AS no, d.amount_fen, d.purpose, d.donor_name, "
	        "DATE_FORMAT(d.paid_at, '%Y年%m月%d日') AS paid_on, "
	        "d.provider, d.provider_txn, d.refund_due, "
	        "ch.alias AS child_alias, ch.code AS child_code FROM donations d "
	        "LEFT JOIN sponsorships s ON s.id = d.sponsorship_id LEFT JOIN children ch ON ch.id = s.child_id "
	        "WHERE d.receipt_year = ? AND d.receipt_seq = ? AND d.receipt_code = ? AND d.status = 'paid'",
	        p, 3, c->hdf, "Receipt", &n, &c->err) < 0)
		return -1;
	/* A wrong code and a wrong number look the same, so numbers cannot be probed. */
	if (n == 0)
		return err_set(&c->err, 404, "没有找到这张票据：票据号或验证码不对。", "receipt %s with a wrong code",
		               c->f[K_NO].str);
	fen = strtoll(hdf_get_value(c->hdf, "Receipt.0.amount_fen", "0"), NULL, 10);
	page_set(c, NULL, "Receipt.0.amount", money_format(fen, buf, sizeof buf));
	page_set(c, NULL, "Receipt.0.capital", money_capital(fen, cap, sizeof cap));
	page_label_rows(c, "Receipt", "purpose", PURPOSES, "purpose_label");
	page_set(c, NULL, "Receipt.0.donor", hdf_get_value(c->hdf, "Receipt.0.donor_name", ANONYMOUS_DONOR));
	page_set(c, NULL, "Page.Title", "捐赠票据");
	c->tmpl = "receipt.cs";
	return 0;
}
