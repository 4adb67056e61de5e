/* payouts.c — payouts to families: a draft made under the child's lock and the funds guard. */
#include <stdio.h>
#include <stddef.h>
#include <string.h>

#include "audit.h"
#include "ledger.h"
#include "payouts.h"
#include "rows.h"
#include "../util.h"

#define PAYOUT_PERIODS_MAX 64   /* a child's payouts looked at for overlap: years of months */
#define PAYOUT_ID_TEXT     24

/* The child, locked, with its money so far (child_funds: the triggers' running sums). */
struct funded_child {
	long long received, committed, sponsorship;
	int       has_account;
	char      county[ACTOR_REGION_LEN], city[ACTOR_REGION_LEN], code[CHILD_CODE_LEN + 1];
};

static int lock_child(struct db *db, long long child_id, struct funded_child *c, struct err *e)
{
	struct dbp p[] = { P_INT(child_id) };
	const struct var cols[] = {
		VAR_STR(c->county), VAR_STR(c->city), VAR_STR(c->code), VAR_I(&c->has_account),
		VAR_LL(&c->received), VAR_LL(&c->committed),
	};
	int found;

	found = row_get(db, "SELECT c.county_code, c.city_code, c.code, c.pii_bank IS NOT NULL, "
	                "COALESCE(f.received_fen, 0), COALESCE(f.committed_fen, 0) "
	                "FROM children c LEFT JOIN child_funds f ON f.child_id = c.id "
	                "WHERE c.id = ? FOR UPDATE", p, 1, cols, nitems(cols), e);
	if (found <= 0)
		return found < 0 ? -1 : err_core(e, ERR_NOT_FOUND, "payouts.no_child",
		                                 "payout: child %lld not found", child_id);
	/* Whose money it is: the live sponsorship, else the last that ended. */
	c->sponsorship = 0;
	return db_query_int(db, "SELECT COALESCE((SELECT id FROM sponsorships WHERE child_id = ? "
	                    "AND state IN ('active','lapsing','stopping','ended') "
	                    "ORDER BY state = 'ended', id DESC LIMIT 1), 0)", p, 1,
	                    &c->sponsorship, e);
}

/* Whether the child has a payout, not cancelled, for a period that shares a month with want. */
static int period_taken(struct db *db, long long child_id, const struct period *want, int *taken,
                        struct err *e)
{
	struct dbp p[] = { P_INT(child_id) };
	struct taken_row { char code[PERIOD_CODE_MAX]; } codes[PAYOUT_PERIODS_MAX];
	static const struct col cols[] = { COL_S(struct taken_row, code) };
	struct rows r = ROWS_INTO(codes, cols);
	struct period have;
	int n;

	if ((n = rows_read(db, "SELECT period FROM payouts WHERE child_id = ? AND "
	                   "state <> 'cancelled' ORDER BY period DESC", p, 1, &r, e)) < 0)
		return -1;
	*taken = 0;
	for (int i = 0; i < n && i < PAYOUT_PERIODS_MAX && !*taken; i++)
		*taken = period_parse(codes[i].code, &have) == 0 && period_overlaps(&have, want);
	return 0;
}

static enum payout_refusal refusal(const struct payout_new *n, const struct funded_child *c)
{
	if (!c->sponsorship && c->received == 0)
		return PAYOUT_NOT_PAIRED;
	if (strcmp(n->method, "bank") == 0 && !c->has_account)
		return PAYOUT_NO_ACCOUNT;
	if (n->amount_fen - n->advanced_fen > c->received - c->committed)
		return PAYOUT_UNFUNDED;
	return PAYOUT_MADE;
}

static int insert_row(struct db *db, const struct actor *a, const struct payout_new *n,
                      const struct funded_child *c, long long *id, struct err *e)
{
	char ref[PAYOUT_REF_LEN + 1] = "P";

	/* Made before the parameters, which take its length. */
	ledger_code(ref + 1, PAYOUT_REF_LEN - 1);
	struct dbp p[] = {
		P_STR(ref), P_INT(n->child_id), c->sponsorship ? P_INT(c->sponsorship) : P_NULL,
		P_STR(c->county), P_STR(c->city), P_STR(n->period), P_INT(n->amount_fen),
		P_INT(n->advanced_fen), P_STR(n->method), n->goods ? P_STR(n->goods) : P_NULL,
		n->batch_id ? P_INT(n->batch_id) : P_NULL, P_INT(a->id),
	};

	if (db_exec(db, "INSERT INTO payouts (ref, child_id, sponsorship_id, county_code, "
	            "city_code, period, amount_fen, advanced_fen, method, goods, batch_id, "
	            "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p, nitems(p), NULL,
	            e) < 0)
		return -1;
	return db_query_int(db, "SELECT LAST_INSERT_ID()", NULL, 0, id, e);
}

int payout_insert(struct db *db, const struct actor *a, const struct payout_new *n, long long *id,
                  enum payout_refusal *why, struct err *e)
{
	struct funded_child c;
	struct period want;
	char ids[PAYOUT_ID_TEXT];
	int taken;

	if (period_parse(n->period, &want) < 0 || n->amount_fen <= 0 || n->advanced_fen < 0 ||
	    n->advanced_fen > n->amount_fen)
		return err_core(e, ERR_INVALID, "payouts.bad", "payout: period %s, %lld of %lld",
		                n->period, n->advanced_fen, n->amount_fen);
	if (lock_child(db, n->child_id, &c, e) < 0 ||
	    period_taken(db, n->child_id, &want, &taken, e) < 0)
		return -1;
	*why = taken ? PAYOUT_PERIOD_TAKEN : refusal(n, &c);
	if (*why != PAYOUT_MADE)
		return 0;
	if (insert_row(db, a, n, &c, id, e) < 0) {
		if (!db_is_dup(e))
			return -1;
		err_clear(e);       /* the period was taken meanwhile: the unique key says so */
		*why = PAYOUT_PERIOD_TAKEN;
		return 0;
	}
	snprintf(ids, sizeof ids, "%lld", *id);
	return audit_actor(db, a, e, "payout.create", "payout", ids, "%s payout of %s for %s: "
	                   "%lld fen, %lld advanced", n->method, c.code, n->period, n->amount_fen,
	                   n->advanced_fen);
}

const char *payout_refusal_key(enum payout_refusal why)
{
	static const char *const KEYS_OF[] = {
		[PAYOUT_MADE] = "payouts.made", [PAYOUT_UNFUNDED] = "payouts.unfunded",
		[PAYOUT_PERIOD_TAKEN] = "payouts.period_taken",
		[PAYOUT_NO_ACCOUNT] = "payouts.no_account",
		[PAYOUT_NOT_PAIRED] = "payouts.not_paired",
	};

	return KEYS_OF[why];
}

void payout_bank_mask(const char *number, char out[BANK_MASK_LEN])
{
	char d[24];
	size_t n = 0;

	for (; *number && n < sizeof d - 1; number++)
		if (*number >= '0' && *number <= '9')
			d[n++] = *number;
	if (n < 8) {
		snprintf(out, BANK_MASK_LEN, "****");
		return;
	}
	snprintf(out, BANK_MASK_LEN, "%.4s **** **** %.4s", d, d + n - 4);
}
