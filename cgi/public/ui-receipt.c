/*
 * ui-receipt.c — GET /receipts/{no}?code=…: a printable receipt (捐赠票据): what the gift is for
 * with its target, how it came, and its match. The receipt's lookup and page data, shared with the
 * certificate (ui-certificate.c).
 */
#include <stdio.h>
#include <string.h>

#include "public.h"
#include "../core/ledger.h"
#include "../labels.h"
#include "../money.h"
#include "../page.h"
#include "../regions.h"

/* A receipt number's sequence part, as the route's key reads YYYYNNNNNNN into one number. */
#define RECEIPT_SEQ_SPAN 10000000

const char *gift_for(const char *purpose, const char *region, const char *unit,
                     const char *activity, char *buf, size_t n)
{
	const struct region *r = region && *region ? region_get(region) : NULL;
	const char *label = label_of(PURPOSES, purpose);

	if (strcmp(purpose, "directed") == 0 && (r || (unit && *unit)))
		snprintf(buf, n, "定向：%s", r ? r->name : unit);
	else if (strcmp(purpose, "activity") == 0 && activity && *activity)
		snprintf(buf, n, "专题活动：%s", activity);
	else
		snprintf(buf, n, "%s", label ? label : purpose);
	return buf;
}

/*
 * The receipt as Receipt.*, under the names its columns had; what it lacks (no child, no name, no
 * match) is left unset.
 */
void receipt_page(struct ctx *c, const struct receipt *r)
{
	char buf[MONEY_TEXT_MAX], cap[MONEY_CAPITAL_MAX], what[FUND_NAME_MAX + 32];
	int match = strcmp(r->channel, "match") == 0;

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
	page_set(c, NULL, "Receipt.purpose_label", gift_for(r->purpose, r->target_region,
	         r->unit_name, r->activity_title, what, sizeof what));
	if (r->page_title[0])
		page_set(c, NULL, "Receipt.page_title", r->page_title);
	/* Money from a pool is given by its funder; a gift without a name by 爱心人士. */
	page_set(c, NULL, "Receipt.donor", match && r->funder[0] ? r->funder :
	         r->donor_name[0] ? r->donor_name : ANONYMOUS_DONOR);
	page_set(c, NULL, "Receipt.channel", r->channel);
	page_set(c, NULL, "Receipt.channel_label", label_of(DONATION_CHANNELS, r->channel));
	if (match)
		page_set(c, NULL, "Receipt.matches_no", r->matches_no);
	if (r->match_fen > 0) {
		page_set(c, NULL, "Receipt.match", money_format(r->match_fen, buf, sizeof buf));
		page_set(c, NULL, "Receipt.funder", r->funder);
	}
}

int receipt_find(struct ctx *c, struct receipt *r)
{
	long long no = c->f[K_NO].num;
	int found = ledger_receipt(c->db, no / RECEIPT_SEQ_SPAN, no % RECEIPT_SEQ_SPAN,
	                           c->f[K_RCODE].str, r, &c->err);

	if (found < 0)
		return -1;
	/* A wrong code and a wrong number look the same, so numbers cannot be probed. */
	if (!found)
		return err_set(&c->err, 404, "没有找到这张票据：票据号或验证码不对。",
		               "receipt %s with a wrong code", c->f[K_NO].str);
	return 0;
}

int ui_receipt(struct ctx *c)
{
	struct receipt r;

	if (receipt_find(c, &r) < 0)
		return -1;
	receipt_page(c, &r);
	page_set(c, NULL, "Receipt.code", c->f[K_RCODE].str);
	page_set(c, NULL, "Page.Title", "捐赠票据");
	page_set(c, NULL, "Page.Print", "1");
	c->tmpl = "receipt.cs";
	return 0;
}
