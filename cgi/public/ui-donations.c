/*
 * ui-donations.c — GET /donations: the public donation record (捐赠查询), newest first, 20 a
 * page, with totals: each gift with what it is for, how it came and its match; a match is a row
 * of its own, given by its funder (the totals count it as a gift).
 */
#include <stdio.h>
#include <string.h>

#include "public.h"
#include "../core/ledger.h"
#include "../labels.h"
#include "../money.h"
#include "../page.h"
#include "../util.h"

#define PER_PAGE 20
/*
 * Each row as the public reads it: names masked (gift_mask_names), a match given by its funder;
 * what the gift is for, how it came, its match.
 */
static void gift_rows(struct ctx *c)
{
	char what[FUND_NAME_MAX + 32], yuan[MONEY_TEXT_MAX];

	gift_mask_names(c, "Gifts");
	for (HDF *row = hdf_obj_child(hdf_get_obj(c->hdf, "Gifts")); row; row = hdf_obj_next(row)) {
		const char *channel = hdf_get_value(row, "channel", "online");

		if (strcmp(channel, "match") == 0)
			page_set(c, row, "donor", hdf_get_value(row, "funder", "配捐方"));
		page_set(c, row, "for", gift_for(hdf_get_value(row, "purpose", ""),
		         hdf_get_value(row, "region", ""), hdf_get_value(row, "unit", ""),
		         hdf_get_value(row, "activity", ""), what, sizeof what));
		page_set(c, row, "channel_label", label_of(DONATION_CHANNELS, channel));
		if (hdf_get_value(row, "match_fen", NULL))
			page_set(c, row, "match", money_format(hdf_get_int_value(row, "match_fen",
			         0), yuan, sizeof yuan));
	}
}

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
	        "SELECT DATE_FORMAT(d.paid_at, '%Y-%m-%d %H:%i') AS paid_at, d.donor_name, "
	        "d.anonymous, d.amount_fen, d.purpose, d.message, d.channel, d.target_region AS "
	        "region, u.name AS unit, a.title AS activity, pg.title AS page_title, m.amount_fen "
	        "AS match_fen, COALESCE(mp.funder, op.funder) AS funder FROM donations d "
	        "LEFT JOIN member_units u ON u.id = d.target_unit "
	        "LEFT JOIN activities a ON a.id = d.activity_id "
	        "LEFT JOIN fund_pages pg ON pg.id = d.page_id "
	        "LEFT JOIN donations m ON m.match_of = d.id AND m.status = 'paid' "
	        "AND m.refund_due = 0 LEFT JOIN match_pools mp ON mp.id = m.pool_id "
	        "LEFT JOIN match_pools op ON op.id = d.pool_id "
	        "WHERE d.status = 'paid' AND d.refund_due = 0 "
	        "ORDER BY d.paid_at DESC, d.id DESC LIMIT ? OFFSET ?",
	        p, nitems(p), c->hdf, "Gifts", NULL, &c->err) < 0)
		return -1;
	gift_rows(c);
	page_money_rows(c, "Gifts", "amount_fen", "amount");
	page_setf(c, "Pager.Page=%lld", page);
	page_setf(c, "Pager.Pages=%lld", pages);
	page_set(c, NULL, "Page.Title", "捐赠查询");
	page_set(c, NULL, "Page.Nav", "donations");
	c->tmpl = "donations.cs";
	return 0;
}
