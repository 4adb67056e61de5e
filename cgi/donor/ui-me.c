/*
 * ui-me.c — GET /me: the donor's sponsorships and their pledge schedules, every donation with its
 * receipt, statements.
 */
#include <stdio.h>
#include <string.h>

#include "donor.h"
#include "../labels.h"
#include "../core/ledger.h"
#include "../page.h"
#include "../public/public.h"
#include "../util.h"

#define RECEIPT_COLS RECEIPT_NO_SQL("d.") " AS receipt_no, d.receipt_code"

#define SPONS_SHOWN 50   /* the newest sponsorships shown */
#define ROW_NAME_SIZE 64

/*
 * The instalments of the sponsorships shown, each put under its sponsorship's row (Spons.N.inst).
 */
struct inst_rows {
	struct ctx *c;
	int         nspons;
	int         n[SPONS_SHOWN];   /* instalments put under each row so far */
};

/* The row of the sponsorship with id sid (as text, exactly as the database gave both), or -1. */
static int spons_row(const struct inst_rows *r, const char *sid)
{
	char name[ROW_NAME_SIZE];

	for (int i = 0; i < r->nspons; i++) {
		snprintf(name, sizeof name, "Spons.%d.sid", i);
		if (strcmp(hdf_get_value(r->c->hdf, name, ""), sid) == 0)
			return i;
	}
	return -1;
}

/* One instalment (its sponsorship's id first) as the next row under its sponsorship. */
static int inst_row(void *ctx, unsigned ncols, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct inst_rows *r = ctx;
	int k = spons_row(r, v[0]);

	(void)l;
	/* A sponsorship begun since the list was read is not shown, nor are its instalments. */
	if (k < 0)
		return 0;
	for (unsigned i = 1; i < ncols; i++)
		if (v[i])
			page_setf(r->c, "Spons.%d.inst.%d.%s=%s", k, r->n[k], f[i].name, v[i]);
	r->n[k]++;
	return 0;
}

static int instalments(struct ctx *c, int nspons)
{
	struct dbp p[] = { P_INT(donor_of(c)) };
	struct inst_rows r = { .c = c, .nspons = nspons };
	char prefix[ROW_NAME_SIZE];

	if (db_query(c->db,
	        "SELECT i.sponsorship_id, i.seq, i.amount_fen, i.due_date, "
	        "i.donation_id IS NOT NULL AS paid, " RECEIPT_COLS
	        " FROM instalments i JOIN sponsorships s ON s.id = i.sponsorship_id "
	        "LEFT JOIN donations d ON d.id = i.donation_id "
	        "WHERE s.donor_id = ? AND s.state NOT IN ('expired','cancelled') "
	        "ORDER BY i.sponsorship_id, i.seq", p, nitems(p), inst_row, &r, &c->err) < 0)
		return -1;
	for (int k = 0; k < nspons; k++) {
		snprintf(prefix, sizeof prefix, "Spons.%d.inst", k);
		page_money_rows(c, prefix, "amount_fen", "amount");
	}
	return 0;
}

static int sponsorships(struct ctx *c)
{
	struct dbp p[] = { P_INT(donor_of(c)), P_INT(SPONS_SHOWN) };
	int n;

	if (db_query_hdf(c->db,
	        "SELECT s.id AS sid, s.state AS sstate, s.plan, DATE(s.created_at) AS since, "
	        "GREATEST(0, CEIL(TIMESTAMPDIFF(SECOND, NOW(), s.hold_until) / 60)) "
	        "AS minutes_left, "
	        CHILD_PUBLIC_COLS
	        " FROM sponsorships s JOIN children c ON c.id = s.child_id "
	        "WHERE s.donor_id = ? AND s.state NOT IN ('expired','cancelled') "
	        "ORDER BY s.id DESC LIMIT ?", p, nitems(p), c->hdf, "Spons", &n, &c->err) < 0)
		return -1;
	child_labels(c, "Spons");
	page_label_rows(c, "Spons", "sstate", SPONSORSHIP_STATES, "state_label");
	page_label_rows(c, "Spons", "plan", PLANS, "plan_label");
	return instalments(c, n);
}

static int donations(struct ctx *c)
{
	struct dbp p[] = { P_INT(donor_of(c)) };

	if (db_query_hdf(c->db,
	        "SELECT DATE_FORMAT(d.paid_at, '%Y-%m-%d %H:%i') AS paid_at, d.amount_fen, "
	        "d.purpose, d.refund_due, " RECEIPT_COLS
	        " FROM donations d WHERE d.donor_id = ? AND d.status = 'paid' "
	        "ORDER BY d.paid_at DESC, d.id DESC LIMIT 200",
	        p, nitems(p), c->hdf, "Gifts", NULL, &c->err) < 0 ||
	    db_query_hdf(c->db, "SELECT DISTINCT YEAR(paid_at) AS year FROM donations "
	                 "WHERE donor_id = ? AND status = 'paid' AND refund_due = 0 "
	                 "ORDER BY year DESC", p, nitems(p), c->hdf, "Years", NULL, &c->err) < 0)
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
