/* ui-receipt.c — GET /receipts/{no}?code=…: a printable receipt (捐赠票据) and certificate. */
#include "public.h"
#include "../core/ledger.h"
#include "../labels.h"
#include "../money.h"
#include "../page.h"

/* A receipt number's sequence part, as the route's key reads YYYYNNNNNNN into one number. */
#define RECEIPT_SEQ_SPAN 10000000

/*
 * The receipt as Receipt.*, under the names its columns had; what it lacks (no child, no name) is
 * left unset.
 */
static void receipt_page(struct ctx *c, const struct receipt *r)
{
	char buf[MONEY_TEXT_MAX], cap[MONEY_CAPITAL_MAX];
	const char *purpose;

	page_set(c, NULL, "Receipt.no", r->no);
	page_setf(c, "Receipt.amount_fen=%lld", r->amount_fen);
	page_set(c, NULL, "Receipt.purpose", r->purpose);
	if (r->donor_name[0])
		page_set(c, NULL, "Receipt.donor_name", r->donor_name);
	page_set(c, NULL, "Receipt.paid_on", r->paid_on);
	page_set(c, NULL, "Receipt.provider", r->provider);
	page_set(c, NULL, "Receipt.provider_txn", r->provider_txn);
	page_setf(c, "Receipt.refund_due=%d", r->refund_due);
	if (r->child_code[0]) {
		page_set(c, NULL, "Receipt.child_alias", r->child_alias);
		page_set(c, NULL, "Receipt.child_code", r->child_code);
	}
	page_set(c, NULL, "Receipt.amount", money_format(r->amount_fen, buf, sizeof buf));
	page_set(c, NULL, "Receipt.capital", money_capital(r->amount_fen, cap, sizeof cap));
	purpose = label_of(PURPOSES, r->purpose);
	page_set(c, NULL, "Receipt.purpose_label", purpose ? purpose : r->purpose);
	page_set(c, NULL, "Receipt.donor", r->donor_name[0] ? r->donor_name : ANONYMOUS_DONOR);
}

int ui_receipt(struct ctx *c)
{
	long long no = c->f[K_NO].num;
	struct receipt r;
	int found = ledger_receipt(c->db, no / RECEIPT_SEQ_SPAN, no % RECEIPT_SEQ_SPAN,
	                           c->f[K_RCODE].str, &r, &c->err);

	if (found < 0)
		return -1;
	/* A wrong code and a wrong number look the same, so numbers cannot be probed. */
	if (!found)
		return err_set(&c->err, 404, "没有找到这张票据：票据号或验证码不对。",
		               "receipt %s with a wrong code", c->f[K_NO].str);
	receipt_page(c, &r);
	page_set(c, NULL, "Page.Title", "捐赠票据");
	c->tmpl = "receipt.cs";
	return 0;
}
