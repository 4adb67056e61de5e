/* match.c — matching pools (配捐): a gift matched when it is credited, returned when refunded. */
#include <stdio.h>
#include <string.h>

#include "../log.h"
#include "../util.h"
#include "audit.h"
#include "ledger.h"
#include "match.h"
#include "rows.h"
#include "state.h"

#define MATCH_KIND_MAX   16
#define MATCH_REGION_MAX 8
#define MATCH_ID_MAX     24

/*
 * A gift as matching reads it: what it is for, where, its receipt's year, and whether any pool
 * open now could take its kind at all (most of the year none is: then no pool is looked for).
 */
struct gift {
	long long amount_fen, activity_id, year, any_pool;
	char      kind[MATCH_KIND_MAX], region[MATCH_REGION_MAX];
};

/*
 * The gift, if it may be matched: paid, not owed back, not itself a match, not matched yet. Its
 * kind for matching is 'page' when it came through a personal page, else its purpose; its region
 * is a sponsored child's county, a directed gift's region or unit's region, or its page's or
 * activity's.
 */
static int gift_read(struct db *db, long long id, struct gift *g, struct err *e)
{
	struct dbp p[] = { P_INT(id) };
	const struct var cols[] = {
		VAR_LL(&g->amount_fen), VAR_LL(&g->activity_id), VAR_LL(&g->year), VAR_STR(g->kind),
		VAR_STR(g->region), VAR_LL(&g->any_pool),
	};

	return row_get(db,
	    "SELECT d.amount_fen, d.activity_id, d.receipt_year, "
	    "IF(d.page_id IS NOT NULL, 'page', d.purpose), "
	    "CASE WHEN d.sponsorship_id IS NOT NULL THEN c.county_code "
	    "WHEN d.page_id IS NOT NULL THEN COALESCE(p.region_code, a.region_code) "
	    "WHEN d.purpose = 'directed' THEN COALESCE(d.target_region, u.region_code) "
	    "ELSE a.region_code END, "
	    "EXISTS (SELECT 1 FROM match_pools mp WHERE mp.state = 'active' "
	    "AND NOW() BETWEEN mp.starts_at AND mp.ends_at AND mp.remaining_fen > 0 "
	    "AND FIND_IN_SET(IF(d.page_id IS NOT NULL, 'page', d.purpose), mp.kinds)) "
	    "FROM donations d LEFT JOIN sponsorships s ON s.id = d.sponsorship_id "
	    "LEFT JOIN children c ON c.id = s.child_id "
	    "LEFT JOIN fund_pages p ON p.id = d.page_id "
	    "LEFT JOIN activities a ON a.id = d.activity_id "
	    "LEFT JOIN member_units u ON u.id = d.target_unit "
	    "WHERE d.id = ? AND d.status = 'paid' AND d.refund_due = 0 AND d.channel <> 'match' "
	    "AND NOT EXISTS (SELECT 1 FROM donations m WHERE m.match_of = d.id)",
	    p, nitems(p), cols, nitems(cols), e);
}

/*
 * The pools that may take gift g, narrowest scope first (its activity, its county, its city, the
 * programme), then the earliest end, then the oldest. The order depends on the pools alone, so
 * gifts lock pools in one order and never deadlock on them.
 */
static int pools_for(struct db *db, const struct gift *g, struct id_list *ids, struct err *e)
{
	const char *r = g->region;
	struct dbp p[] = {
		P_STR(g->kind), g->activity_id ? P_INT(g->activity_id) : P_NULL,
		*r ? P_STR(r) : P_NULL, *r ? P_STR(r) : P_NULL, *r ? P_STR(r) : P_NULL,
	};

	return row_ids(db,
	    "SELECT id FROM match_pools WHERE state = 'active' AND NOW() BETWEEN starts_at AND "
	    "ends_at AND remaining_fen > 0 AND FIND_IN_SET(?, kinds) AND ("
	    "(scope_region IS NULL AND activity_id IS NULL) OR activity_id = ? OR scope_region = ? "
	    "OR scope_region = (SELECT city_code FROM regions WHERE code = ? AND code <> city_code)"
	    ") ORDER BY CASE WHEN activity_id IS NOT NULL THEN 0 "
	    "WHEN scope_region IS NULL THEN 3 "
	    "WHEN scope_region = (SELECT city_code FROM regions WHERE code = ?) THEN 2 ELSE 1 END, "
	    "ends_at, id", p, nitems(p), ids, e);
}

/* What a pool offers a gift, read under its row lock. */
struct offer {
	long long remaining, num, den, cap;
};

/*
 * Take the match of gift g from pool id: the pool locked and read again (it may have been paused
 * or emptied since the list was read), m = min(gift × ratio, cap, remaining), and m taken by a
 * statement that cannot leave the pool below zero. *took gets m, or 0 when the pool had nothing.
 */
static int pool_take(struct db *db, long long id, const struct gift *g, long long *took,
                     struct err *e)
{
	struct offer o;
	struct dbp p[] = { P_INT(id) };
	const struct var cols[] = { VAR_LL(&o.remaining), VAR_LL(&o.num), VAR_LL(&o.den),
	                            VAR_LL(&o.cap) };
	unsigned long long n;
	long long m;
	int found;

	*took = 0;
	if ((found = row_get(db, "SELECT remaining_fen, ratio_num, ratio_den, cap_fen "
	                     "FROM match_pools WHERE id = ? AND state = 'active' AND "
	                     "NOW() BETWEEN starts_at AND ends_at FOR UPDATE",
	                     p, nitems(p), cols, nitems(cols), e)) <= 0)
		return found;
	m = g->amount_fen * o.num / o.den;
	m = m < o.cap ? m : o.cap;
	m = m < o.remaining ? m : o.remaining;
	if (m <= 0)
		return 0;
	{
		struct dbp q[] = { P_INT(m), P_INT(id), P_INT(m) };

		if (db_exec(db, "UPDATE match_pools SET remaining_fen = remaining_fen - ? "
		            "WHERE id = ? AND remaining_fen >= ?", q, nitems(q), &n, e) < 0)
			return -1;
	}
	*took = n == 1 ? m : 0;
	return 0;
}

/* The match's row: m fen from pool as a gift's, receipt seq of year with code. */
static int match_write(struct db *db, long long m, long long year, long long seq,
                       const char *code, long long pool, long long gift, struct err *e)
{
	struct dbp p[] = {
		P_INT(m), P_INT(year), P_INT(seq), P_STR(code), P_INT(pool), P_INT(gift),
	};

	return db_exec(db,
	    "INSERT INTO donations (amount_fen, status, purpose, channel, paid_at, donor_name, "
	    "anonymous, receipt_year, receipt_seq, receipt_code, page_id, activity_id, "
	    "target_region, target_unit, pool_id, match_of) "
	    "SELECT ?, 'paid', g.purpose, 'match', g.paid_at, LEFT(mp.funder, 32), 0, ?, ?, ?, "
	    "g.page_id, g.activity_id, g.target_region, g.target_unit, mp.id, g.id "
	    "FROM donations g JOIN match_pools mp ON mp.id = ? WHERE g.id = ?",
	    p, nitems(p), NULL, e);
}

/* The match itself: m fen from pool to gift, a donation of its own with its own receipt. */
static int match_insert(struct db *db, const struct actor *a, long long gift,
                        const struct gift *g, long long pool, long long m, struct err *e)
{
	char code[RECEIPT_CODE_LEN + 1], id[MATCH_ID_MAX];
	long long seq;

	if (ledger_next_receipt(db, g->year, &seq, e) < 0)
		return -1;
	ledger_code(code, RECEIPT_CODE_LEN);
	/* Not the sponsorship: matching money goes to the fund, never to a child's trail. */
	if (match_write(db, m, g->year, seq, code, pool, gift, e) < 0)
		return -1;
	snprintf(id, sizeof id, "%lld", gift);
	return audit_actor(db, a, e, "donation.matched", "donation", id,
	                   "配捐池 %lld 配捐 %lld 分", pool, m);
}

int match_gift(struct db *db, const struct actor *a, long long donation_id, struct err *e)
{
	struct gift g;
	struct id_list ids = { 0 };
	long long took = 0, pool = 0;
	int found, rc = 0;

	if ((found = gift_read(db, donation_id, &g, e)) <= 0 || !g.any_pool)
		return found < 0 ? -1 : 0;
	if (pools_for(db, &g, &ids, e) < 0)
		return -1;
	/* The first pool with anything left takes it; an empty one gives way to the next. */
	for (size_t i = 0; i < ids.n && !took && rc == 0; i++)
		rc = pool_take(db, pool = ids.v[i], &g, &took, e);
	id_list_free(&ids);
	if (rc < 0 || !took)
		return rc;
	log_info("donation %lld matched from pool %lld: %lld fen", donation_id, pool, took);
	return match_insert(db, a, donation_id, &g, pool, took, e);
}

int match_return(struct db *db, const struct actor *a, long long donation_id, struct err *e)
{
	long long id, amount, pool;
	struct dbp p[] = { P_INT(donation_id) };
	const struct var cols[] = { VAR_LL(&id), VAR_LL(&amount), VAR_LL(&pool) };
	unsigned long long n;
	int found;

	if ((found = row_get(db, "SELECT id, amount_fen, pool_id FROM donations WHERE match_of = ? "
	                     "AND status = 'paid' FOR UPDATE", p, nitems(p), cols, nitems(cols),
	                     e)) <= 0)
		return found;
	{
		const struct move back = {
			.ent = ENT_DONATION, .where = "id = ?", .key = P_INT(id),
			.from = SB(DN_PAID), .to = DN_REFUNDED,
			.why = "the gift it matched was refunded",
		};
		struct dbp q[] = { P_INT(amount), P_INT(pool) };

		if (state_move(db, a, &back, &n, e) < 0)
			return -1;
		if (n != 1)
			return 0;
		/* Back to the pool, never above what was pledged. */
		return db_exec(db, "UPDATE match_pools SET remaining_fen = "
		               "LEAST(amount_fen, remaining_fen + ?) WHERE id = ?", q, nitems(q),
		               NULL, e);
	}
}

int match_pool_totals(struct db *db, long long activity_id, long long *matched,
                      long long *pledged, struct err *e)
{
	struct dbp p[] = { P_INT(activity_id), P_INT(activity_id) };
	const struct var cols[] = { VAR_LL(matched), VAR_LL(pledged) };

	return row_get(db,
	    "SELECT COALESCE(SUM(amount_fen - remaining_fen), 0), COALESCE(SUM(amount_fen), 0) "
	    "FROM match_pools WHERE state = 'active' AND NOW() BETWEEN starts_at AND ends_at "
	    "AND (? = 0 OR activity_id = ?)", p, nitems(p), cols, nitems(cols), e) < 0 ? -1 : 0;
}
