/*
 * ui-donations.c — GET /donations: the public donation record (捐赠查询), newest first, 20 a
 * page, with totals.
 */
#include <stdio.h>

#include "public.h"
#include "../core/ledger.h"
#include "../labels.h"
#include "../money.h"
#include "../page.h"
#include "../util.h"

#define PER_PAGE 20
int ui_donations(struct ctx *c)
{
	long long page = c->f[K_PAGE].present ? c->f[K_PAGE].num : 1, pages;
	struct dbp p[] = { P_INT(PER_PAGE), P_INT((page - 1) * PER_PAGE) };
	struct ledger_totals tot;
	char buf[MONEY_TEXT_MAX];

	/*
	 * Running totals kept by triggers (sql/005_donation_totals.sql): 16 rows, however many
	 * donations there are.
	 */
	if (ledger_totals(c->db, &tot, &c->err) < 0)
		return -1;
	page_setf(c, "Totals.count=%lld", tot.count);
	page_set(c, NULL, "Totals.amount", money_format(tot.fen, buf, sizeof buf));
	pages = (tot.count + PER_PAGE - 1) / PER_PAGE;
	if (page > 1 && page > pages)
		return err_set(&c->err, 404, "没有这一页。", "donations page %lld of %lld", page,
		               pages);
	if (db_query_hdf(c->db,
	        "SELECT DATE_FORMAT(paid_at, '%Y-%m-%d %H:%i') AS paid_at, donor_name, anonymous, "
	        "amount_fen, purpose, message FROM donations WHERE status = 'paid' AND refund_due "
	        "= 0 ORDER BY paid_at DESC, id DESC LIMIT ? OFFSET ?",
	        p, nitems(p), c->hdf, "Gifts", NULL, &c->err) < 0)
		return -1;
	gift_mask_names(c, "Gifts");
	page_money_rows(c, "Gifts", "amount_fen", "amount");
	page_label_rows(c, "Gifts", "purpose", PURPOSES, "purpose_label");
	page_setf(c, "Pager.Page=%lld", page);
	page_setf(c, "Pager.Pages=%lld", pages);
	page_set(c, NULL, "Page.Title", "捐赠查询");
	page_set(c, NULL, "Page.Nav", "donations");
	c->tmpl = "donations.cs";
	return 0;
}
