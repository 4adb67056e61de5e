/* ui-me.c — GET /me: the donor's sponsorships and their pledge schedules, every donation with its receipt, statements. */
#include <stdio.h>

#include "donor.h"
#include "../labels.h"
#include "../core/ledger.h"
#include "../page.h"
#include "../public/public.h"

#define RECEIPT_COLS RECEIPT_NO_SQL("d.") " AS receipt_no, d.receipt_code"

static int sponsorships(struct ctx *c)
{
	struct dbp p[] = { P_INT(donor_of(c)) };
	int n;

	if (db_query_hdf(c->db,
	        "SELECT s.id AS sid, s.state AS sstate, s.plan, DATE(s.created_at) AS since, "
	        "GREATEST(0, CEIL(TIMESTAMPDIFF(SECOND, NOW(), s.hold_until) / 60)) AS minutes_left, " CHILD_PUBLIC_COLS
	        " FROM sponsorships s JOIN children c ON c.id = s.child_id "
	        "WHERE s.donor_id = ? AND s.state NOT IN ('expired','cancelled') ORDER BY s.id DESC LIMIT 50",
	        p, 1, c->hdf, "Spons", &n, &c->err) < 0)
		return -1;
	child_labels(c, "Spons");
	page_label_rows(c, "Spons", "sstate", SPONSORSHIP_STATES, "state_label");
	page_label_rows(c, "Spons", "plan", PLANS, "plan_label");
	for (int i = 0; i < n; i++) {
		char prefix[32];
		struct dbp q[1];
		snprintf(prefix, sizeof prefix, "Spons.%d.sid", i);
		q[0] = P_INT(hdf_get_int_value(c->hdf, prefix, 0));
		snprintf(prefix, sizeof prefix, "Spons.%d.inst", i);
		if (db_query_hdf(c->db,
		        "SELECT i.seq, i.amount_fen, i.due_date, i.donation_id IS NOT NULL AS paid, " RECEIPT_COLS
		        " FROM instalments i LEFT JOIN donations d ON d.id = i.donation_id WHERE i.sponsorship_id = ? "
		        "ORDER BY i.seq", q, 1, c->hdf, prefix, NULL, &c->err) < 0)
			return -1;
		page_money_rows(c, prefix, "amount_fen", "amount");
	}
	return 0;
}

static int donations(struct ctx *c)
{
	struct dbp p[] = { P_INT(donor_of(c)) };

	if (db_query_hdf(c->db,
	        "SELECT DATE_FORMAT(d.paid_at, '%Y-%m-%d %H:%i') AS paid_at, d.amount_fen, d.purpose, "
	        "d.refund_due, " RECEIPT_COLS
	        " FROM donations d WHERE d.donor_id = ? AND d.status = 'paid' ORDER BY d.paid_at DESC, d.id DESC LIMIT 200",
	        p, 1, c->hdf, "Gifts", NULL, &c->err) < 0 ||
	    db_query_hdf(c->db, "SELECT DISTINCT YEAR(paid_at) AS year FROM donations WHERE donor_id = ? AND status = 'paid' "
	                 "AND refund_due = 0 "
	                 "ORDER BY year DESC", p, 1, c->hdf, "Years", NULL, &c->err) < 0)
		return -1;
	page_money_rows(c, "Gifts", "amount_fen", "amount");
	page_label_rows(c, "Gifts", "purpose", PURPOSES, "purpose_label");
	return 0;
}

int ui_me(struct ctx *c)
{
	if (sponsorships(c) < 0 || donations(c) < 0)
		return -1;
	page_set(c, NULL, "Page.Title", "我的账户");
	page_set(c, NULL, "Page.Nav", "me");
	c->tmpl = "me.cs";
	return 0;
}
