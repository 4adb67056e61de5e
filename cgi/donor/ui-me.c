/*
 * ui-me.c — GET /me: the donor's sponsorships and their pledge schedules, the fund trail of each
 * (资金到人: payments received, payouts to the family, the balance held), the care timeline of each
 * active one (approved visits, with confirmed photos; the letters' page), every donation with its
 * receipt, statements (of the years with a gift, or a payout to their child).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "donor.h"
#include "../labels.h"
#include "../log.h"
#include "../money.h"
#include "../pii.h"
#include "../core/ledger.h"
#include "../core/trail.h"
#include "../page.h"
#include "../pay/paypages.h"
#include "../public/public.h"
#include "../util.h"

#define RECEIPT_COLS RECEIPT_NO_SQL("d.") " AS receipt_no, d.receipt_code"

#define SPONS_SHOWN 50   /* the newest sponsorships shown */
#define ROW_NAME_SIZE 64
/* The latest visits shown under each active sponsorship; the count says how many there are. */
#define VISITS_SHOWN 10
#define SUMMARY_MAX  2048   /* a summary: 500 characters of up to 4 bytes, and a NUL */
#define CARE_TEXT_MAX 64
#define MONEY_TEXT_MAX 32
/* The next instalment is offered for payment this many days before it is due, and after. */
#define DUE_SOON_DAYS 30

/*
 * The instalments of the sponsorships shown, each put under its sponsorship's row (Spons.N.inst).
 */
struct inst_rows {
	struct ctx *c;
	int         nspons;
	int         n[SPONS_SHOWN];   /* instalments put under each row so far */
};

/*
 * The row of the sponsorship with id sid (as text, exactly as the database gave both) among the
 * nspons shown, or -1.
 */
static int spons_row(struct ctx *c, int nspons, const char *sid)
{
	char name[ROW_NAME_SIZE];

	for (int i = 0; i < nspons; i++) {
		snprintf(name, sizeof name, "Spons.%d.sid", i);
		if (strcmp(hdf_get_value(c->hdf, name, ""), sid) == 0)
			return i;
	}
	return -1;
}

/* One instalment (its sponsorship's id first) as the next row under its sponsorship. */
static int inst_row(void *ctx, unsigned ncols, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct inst_rows *r = ctx;
	int k = spons_row(r->c, r->nspons, v[0]);

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
	struct dbp p[] = { P_INT(DUE_SOON_DAYS), P_INT(donor_of(c)) };
	struct inst_rows r = { .c = c, .nspons = nspons };
	char prefix[ROW_NAME_SIZE];

	if (db_query(c->db,
	        "SELECT i.sponsorship_id, i.seq, i.amount_fen, i.due_date, "
	        "i.donation_id IS NOT NULL AS paid, "
	        "i.due_date <= CURDATE() + INTERVAL ? DAY AS due_soon, "
	        "i.due_date < CURDATE() AS overdue, " RECEIPT_COLS
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

/*
 * The latest approved visits of each of the donor's active sponsorships, numbered newest first
 * (rn): read from the visits' sponsorship index alone, however many visits there are.
 */
#define TIMELINE_IDS \
	"(SELECT v.id, ROW_NUMBER() OVER (PARTITION BY v.sponsorship_id " \
	"ORDER BY v.visited_on DESC, v.id DESC) AS rn FROM visits v " \
	"JOIN sponsorships s ON s.id = v.sponsorship_id " \
	"WHERE s.donor_id = ? AND s.state = 'active' AND v.state = 'approved') t"

/* A visit shown: Spons.k.visits.i, and how many of its photos are there so far. */
struct shown_visit {
	long long id;
	int       k, i, photos;
};

/* The visits shown, each put under its sponsorship's row (Spons.N.visits), then their photos. */
struct timeline {
	struct ctx        *c;
	int                nspons, nvisits;
	int                n[SPONS_SHOWN];   /* visits put under each row so far */
	struct shown_visit v[SPONS_SHOWN * VISITS_SHOWN];
};

/* The visits query's columns, in order. */
enum { V_SID, V_ID, V_DATE, V_KIND, V_CARE, V_GIVEN, V_WHAT, V_SUMMARY, V_CODE };

/*
 * The summary the sponsor reads, opened from its seal. One that does not open is a fault to look
 * into, not a reason to keep the donor from the rest of the page: it says so in its place.
 */
static void visit_summary(struct timeline *t, int k, int i, char **v, unsigned long *l)
{
	char plain[SUMMARY_MAX];

	if (pii_open_into(t->c->cfg->pii_key, "visit_summary", v[V_CODE], v[V_SUMMARY],
	                  l[V_SUMMARY], plain, sizeof plain) < 0) {
		log_warn("me: the summary of visit %s does not open", v[V_ID]);
		page_setf(t->c, "Spons.%d.visits.%d.summary=（这条反馈暂时无法显示）", k, i);
		return;
	}
	page_setf(t->c, "Spons.%d.visits.%d.summary=%s", k, i, plain);
	sodium_memzero(plain, sizeof plain);
}

static int visit_row(void *ctx, unsigned ncols, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct timeline *t = ctx;
	int k = spons_row(t->c, t->nspons, v[V_SID]), i;
	const char *kind = label_of(VISIT_KINDS, v[V_KIND]);
	char care[CARE_TEXT_MAX], money[MONEY_TEXT_MAX];

	(void)ncols; (void)f;
	/* A sponsorship begun since the list was read is not shown, nor are its visits. */
	if (k < 0 || t->nvisits == (int)nitems(t->v))
		return 0;
	i = t->n[k]++;
	t->v[t->nvisits++] = (struct shown_visit){ strtoll(v[V_ID], NULL, 10), k, i, 0 };
	label_set_text(CARE_KINDS, v[V_CARE], "、", care, sizeof care);
	page_setf(t->c, "Spons.%d.visits.%d.date=%s", k, i, v[V_DATE]);
	page_setf(t->c, "Spons.%d.visits.%d.kind=%s", k, i, kind ? kind : "");
	page_setf(t->c, "Spons.%d.visits.%d.care=%s", k, i, care);
	if (v[V_GIVEN] && strtoll(v[V_GIVEN], NULL, 10) > 0)
		page_setf(t->c, "Spons.%d.visits.%d.given=%s", k, i,
		          money_format(strtoll(v[V_GIVEN], NULL, 10), money, sizeof money));
	if (v[V_WHAT] && v[V_WHAT][0])
		page_setf(t->c, "Spons.%d.visits.%d.given_what=%s", k, i, v[V_WHAT]);
	visit_summary(t, k, i, v, l);
	return 0;
}

/* A confirmed photo (its visit's id, its name) under its visit, in slot order. */
static int photo_row(void *ctx, unsigned ncols, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct timeline *t = ctx;
	long long id = strtoll(v[0], NULL, 10);

	(void)ncols; (void)f; (void)l;
	for (int j = 0; j < t->nvisits; j++)
		if (t->v[j].id == id) {
			page_setf(t->c, "Spons.%d.visits.%d.photos.%d=%s", t->v[j].k, t->v[j].i,
			          t->v[j].photos++, v[1]);
			break;
		}
	return 0;
}

/*
 * The care timeline of the donor's active sponsorships: only approved visits under the donor's own
 * sponsorships, the latest VISITS_SHOWN of each, and only their confirmed photos. Two statements
 * whatever the number of visits.
 */
static int timeline(struct ctx *c, int nspons)
{
	struct timeline t = { .c = c, .nspons = nspons };
	struct dbp p[] = { P_INT(donor_of(c)), P_INT(VISITS_SHOWN) };

	return db_query(c->db,
	        "SELECT v.sponsorship_id, v.id, v.visited_on, v.kind, v.care, v.given_fen, "
	        "v.given_what, v.summary, c.code FROM " TIMELINE_IDS
	        " JOIN visits v ON v.id = t.id JOIN children c ON c.id = v.child_id "
	        "WHERE t.rn <= ? ORDER BY v.sponsorship_id, t.rn",
	        p, nitems(p), visit_row, &t, &c->err) < 0 ||
	       db_query(c->db,
	        "SELECT p.visit_id, p.name FROM " TIMELINE_IDS
	        " JOIN photos p ON p.visit_id = t.id WHERE t.rn <= ? AND p.confirmed = 1 "
	        "ORDER BY p.visit_id, p.slot",
	        p, nitems(p), photo_row, &t, &c->err) < 0 ? -1 : 0;
}

/* One sponsorship's trail (the k-th row of the page) and its totals. */
static void trail_totals(struct ctx *c, int k, const struct trail *t)
{
	char money[MONEY_TEXT_MAX];

	page_setf(c, "Spons.%d.trail.received=%s", k,
	          money_format(t->received_fen, money, sizeof money));
	page_setf(c, "Spons.%d.trail.paid=%s", k, money_format(t->paid_fen, money, sizeof money));
	page_setf(c, "Spons.%d.trail.held=%s", k, money_format(t->held_fen, money, sizeof money));
	if (t->advanced_fen > 0)
		page_setf(c, "Spons.%d.trail.advanced=%s", k,
		          money_format(t->advanced_fen, money, sizeof money));
}

/*
 * The fund trail of each sponsorship that has one (core/trail.h), under its row: Spons.k.trail
 * with its gifts, its paid payouts and its totals. Three queries for all of them.
 */
static int trail(struct ctx *c, int nspons)
{
	struct actor a = actor_of(c);
	struct trail_set s = { 0 };
	int row[TRAIL_SPONS_MAX], ng[TRAIL_SPONS_MAX] = { 0 }, np[TRAIL_SPONS_MAX] = { 0 };
	char sid[ROW_NAME_SIZE], money[MONEY_TEXT_MAX], period[PERIOD_TEXT_MAX];

	if (trail_of_donor(c->db, &a, &s, &c->err) < 0) {
		trail_free(&s);
		return -1;
	}
	for (int i = 0; i < s.n; i++) {
		snprintf(sid, sizeof sid, "%lld", s.t[i].sponsorship_id);
		row[i] = spons_row(c, nspons, sid);
		if (row[i] >= 0)
			trail_totals(c, row[i], &s.t[i]);
	}
	for (int j = 0; j < s.ngifts; j++) {
		const struct trail_gift *g = &s.gifts[j];
		int k = row[g->spons], i = ng[g->spons]++;

		if (k < 0)
			continue;
		page_setf(c, "Spons.%d.trail.gifts.%d.date=%s", k, i, g->paid_on);
		page_setf(c, "Spons.%d.trail.gifts.%d.amount=%s", k, i,
		          money_format(g->amount_fen, money, sizeof money));
		page_setf(c, "Spons.%d.trail.gifts.%d.receipt_no=%s", k, i, g->receipt_no);
		page_setf(c, "Spons.%d.trail.gifts.%d.receipt_code=%s", k, i, g->receipt_code);
	}
	for (int j = 0; j < s.npayouts; j++) {
		const struct trail_payout *p = &s.payouts[j];
		const char *method = label_of(PAYOUT_METHODS, p->method);
		int k = row[p->spons], i = np[p->spons]++;

		if (k < 0)
			continue;
		period_code_text(p->period, period, sizeof period);
		page_setf(c, "Spons.%d.trail.payouts.%d.period=%s", k, i, period);
		page_setf(c, "Spons.%d.trail.payouts.%d.amount=%s", k, i,
		          money_format(p->amount_fen, money, sizeof money));
		page_setf(c, "Spons.%d.trail.payouts.%d.method=%s", k, i, method ? method : "");
		page_setf(c, "Spons.%d.trail.payouts.%d.date=%s", k, i, p->paid_on);
		page_setf(c, "Spons.%d.trail.payouts.%d.verified=%d", k, i, p->evidence);
		if (p->advanced_fen > 0)
			page_setf(c, "Spons.%d.trail.payouts.%d.advanced=%s", k, i,
			          money_format(p->advanced_fen, money, sizeof money));
	}
	trail_free(&s);
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
	        "(SELECT COUNT(*) FROM visits v WHERE v.sponsorship_id = s.id "
	        " AND v.state = 'approved') AS visits_total, "
	        "(SELECT COUNT(*) FROM visits v WHERE v.sponsorship_id = s.id "
	        " AND v.state = 'approved' AND v.visited_on >= MAKEDATE(YEAR(CURDATE()), 1)) "
	        "AS visits_year, "
	        "(SELECT COUNT(*) FROM letters l WHERE l.sponsorship_id = s.id "
	        " AND l.direction = 'from_child' AND l.state = 'approved') AS replies, "
	        CHILD_PUBLIC_COLS
	        " FROM sponsorships s JOIN children c ON c.id = s.child_id "
	        "WHERE s.donor_id = ? AND s.state NOT IN ('expired','cancelled') "
	        "ORDER BY s.id DESC LIMIT ?", p, nitems(p), c->hdf, "Spons", &n, &c->err) < 0)
		return -1;
	child_labels(c, "Spons");
	page_label_rows(c, "Spons", "sstate", SPONSORSHIP_STATES, "state_label");
	page_label_rows(c, "Spons", "plan", PLANS, "plan_label");
	page_setf(c, "Care.shown=%d", VISITS_SHOWN);
	return instalments(c, n) < 0 || timeline(c, n) < 0 || trail(c, n) < 0 ? -1 : 0;
}

static int donations(struct ctx *c)
{
	struct dbp p[] = { P_INT(donor_of(c)) }, q[] = { P_INT(donor_of(c)), P_INT(donor_of(c)) };

	if (db_query_hdf(c->db,
	        "SELECT DATE_FORMAT(d.paid_at, '%Y-%m-%d %H:%i') AS paid_at, d.amount_fen, "
	        "d.purpose, d.refund_due, " RECEIPT_COLS
	        " FROM donations d WHERE d.donor_id = ? AND d.status = 'paid' "
	        "ORDER BY d.paid_at DESC, d.id DESC LIMIT 200",
	        p, nitems(p), c->hdf, "Gifts", NULL, &c->err) < 0 ||
	    db_query_hdf(c->db, "SELECT YEAR(paid_at) AS year FROM donations "
	                 "WHERE donor_id = ? AND status = 'paid' AND refund_due = 0 UNION "
	                 "SELECT YEAR(p.paid_on) FROM sponsorships s JOIN payouts p "
	                 "ON p.sponsorship_id = s.id AND p.state = 'paid' WHERE s.donor_id = ? "
	                 "ORDER BY year DESC", q, nitems(q), c->hdf, "Years", NULL, &c->err) < 0)
		return -1;
	page_money_rows(c, "Gifts", "amount_fen", "amount");
	page_label_rows(c, "Gifts", "purpose", PURPOSES, "purpose_label");
	return 0;
}

int ui_me(struct ctx *c)
{
	if (sponsorships(c) < 0 || donations(c) < 0 || me_pages(c) < 0)
		return -1;
	pay_offer(c);
	page_set(c, NULL, "Page.Title", "我的账户");
	page_set(c, NULL, "Page.Nav", "me");
	c->tmpl = "me.cs";
	return 0;
}
