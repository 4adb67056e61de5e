/*
 * ui-statement.c — GET /me/statements/{year}: one printable page of a calendar year: the donor's
 * gifts and receipts, the payouts made to their children that year, the visits approved, and the
 * programme's totals for the year.
 */
#include <stdio.h>

#include "donor.h"
#include "../labels.h"
#include "../core/ledger.h"
#include "../core/period.h"
#include "../core/trail.h"
#include "../money.h"
#include "../page.h"
#include "../util.h"

#define AMOUNT_SIZE 40   /* a year's total as text */
#define ROW_NAME_SIZE 64

/* The year's range for a column: paid_at, paid_on, visited_on. */
#define IN_YEAR(col) col " >= MAKEDATE(?, 1) AND " col " < MAKEDATE(? + 1, 1)"

/* The donor's gifts of the year and their total: how many there were, or -1. */
static int gifts(struct ctx *c, const struct dbp *p, unsigned np)
{
	long long total;
	char buf[AMOUNT_SIZE], cap[MONEY_CAPITAL_MAX];
	int n;

	if (db_query_hdf(c->db,
	        "SELECT DATE_FORMAT(paid_at, '%Y-%m-%d') AS paid_on, amount_fen, purpose, "
	        RECEIPT_NO_SQL("") " AS receipt_no, receipt_code FROM donations "
	        "WHERE donor_id = ? AND status = 'paid' AND refund_due = 0 AND " IN_YEAR("paid_at")
	        " ORDER BY paid_at, id", p, np, c->hdf, "Gifts", &n, &c->err) < 0 ||
	    db_query_int(c->db, "SELECT COALESCE(SUM(amount_fen), 0) FROM donations "
	                 "WHERE donor_id = ? AND status = 'paid' AND refund_due = 0 AND "
	                 IN_YEAR("paid_at"), p, np, &total, &c->err) < 0)
		return -1;
	page_money_rows(c, "Gifts", "amount_fen", "amount");
	page_label_rows(c, "Gifts", "purpose", PURPOSES, "purpose_label");
	page_setf(c, "Statement.count=%d", n);
	page_set(c, NULL, "Statement.total", money_format(total, buf, sizeof buf));
	page_set(c, NULL, "Statement.total_capital", money_capital(total, cap, sizeof cap));
	return n;
}

/*
 * The payouts paid to the donor's children that year from their sponsorships (periods as people
 * read them), and the visits approved: how many payouts there were, or -1.
 */
static int payouts(struct ctx *c, const struct dbp *p, unsigned np)
{
	char name[ROW_NAME_SIZE], text[PERIOD_TEXT_MAX];
	long long visits;
	int n;

	if (db_query_hdf(c->db,
	        "SELECT p.period, p.amount_fen, DATE_FORMAT(p.paid_on, '%Y-%m-%d') AS paid_on "
	        "FROM sponsorships s JOIN payouts p "
	        "ON p.sponsorship_id = s.id AND p.state = 'paid' "
	        "WHERE s.donor_id = ? AND " IN_YEAR("p.paid_on") " ORDER BY p.paid_on, p.id",
	        p, np, c->hdf, "Payouts", &n, &c->err) < 0 ||
	    db_query_int(c->db, "SELECT COUNT(*) FROM sponsorships s JOIN visits v "
	                 "ON v.sponsorship_id = s.id AND v.state = 'approved' "
	                 "WHERE s.donor_id = ? AND " IN_YEAR("v.visited_on"), p, np, &visits,
	                 &c->err) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof name, "Payouts.%d.period", i);
		period_code_text(hdf_get_value(c->hdf, name, ""), text, sizeof text);
		page_setf(c, "Payouts.%d.period_text=%s", i, text);
	}
	page_money_rows(c, "Payouts", "amount_fen", "amount");
	page_setf(c, "Statement.visits=%lld", visits);
	return n;
}

/* The programme's raised and paid out for the year. */
static int programme(struct ctx *c)
{
	struct trail_year y;
	char buf[AMOUNT_SIZE];

	if (trail_year_totals(c->db, (int)c->f[K_YEAR].num, &y, &c->err) < 0)
		return -1;
	page_set(c, NULL, "Programme.raised", money_format(y.raised_fen, buf, sizeof buf));
	page_set(c, NULL, "Programme.paid_out", money_format(y.paid_out_fen, buf, sizeof buf));
	return 0;
}

int ui_statement(struct ctx *c)
{
	struct dbp p[] = { P_INT(donor_of(c)), P_INT(c->f[K_YEAR].num), P_INT(c->f[K_YEAR].num) };
	int ngifts = gifts(c, p, nitems(p)), npayouts;

	if (ngifts < 0 || (npayouts = payouts(c, p, nitems(p))) < 0 || programme(c) < 0)
		return -1;
	if (ngifts == 0 && npayouts == 0)
		return err_set(&c->err, 404, "这一年没有您的捐赠记录。", "no donations in %lld",
		               c->f[K_YEAR].num);
	page_set(c, NULL, "Statement.year", c->f[K_YEAR].str);
	page_set(c, NULL, "Page.Title", "年度捐赠证明");
	page_set(c, NULL, "Page.Print", "1");
	c->tmpl = "statement.cs";
	return 0;
}
