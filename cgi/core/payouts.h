/*
 * core/payouts.h — payouts to children's families (善款发放): money the county federation gives a
 * child's family for a period (period.h), by bank transfer to the guardian's account, cash against
 * a signed receipt, or goods. A draft the county makes (alone, or in a batch: batches.h) is
 * submitted, approved by the city (the province may act for a city) or returned with a comment,
 * and recorded paid by the county (or marked paid or failed by the bank's result file). Only paid
 * ones count as paid out. Every move goes through state_move (ENT_PAYOUT, state.c) in one
 * transaction with its audit row.
 *
 * The guards are the database's and one locked row's: a child has one payout per period
 * (uk_payout_period; periods that share a month are refused here too), and a payout takes no more
 * than the child's sponsors gave and no payout has taken yet (child_funds, kept by triggers,
 * sql/026_money.sql), unless the county advances the difference from its own funds (配套 / 垫付:
 * advanced_fen, recorded as such).
 */
#ifndef TX_CORE_PAYOUTS_H
#define TX_CORE_PAYOUTS_H

#include "../config.h"
#include "../db.h"
#include "../keys.h"
#include "actor.h"
#include "period.h"

#define PAYOUT_REF_LEN    12          /* payouts.ref: "P" and 11 Crockford base32 characters */
#define PAYOUT_WORD_LEN   16          /* a state, a method */
#define PAYOUT_GOODS_LEN  (100 * 4 + 1)

/* A payout to make, inside the caller's transaction (payout_insert). */
struct payout_new {
	long long   child_id;
	const char *period;         /* a period's code, checked by period_parse */
	long long   amount_fen;     /* > 0 */
	long long   advanced_fen;   /* 0..amount_fen: the part the county advances */
	const char *method;         /* a PAYOUT_METHODS code */
	const char *goods;          /* what was given, for goods; NULL otherwise */
	long long   batch_id;       /* 0: made alone */
};

/* Why a payout could not be made: none, or a refusal the maker is told (not an error). */
enum payout_refusal {
	PAYOUT_MADE,
	PAYOUT_UNFUNDED,      /* more than received and not yet paid out, and not advanced */
	PAYOUT_PERIOD_TAKEN,  /* the child has a payout for this period, or one sharing a month */
	PAYOUT_NO_ACCOUNT,    /* a bank transfer, and no account is on the child's record */
	PAYOUT_NOT_PAIRED,    /* the child has never had a sponsor, nor any money received */
};

/*
 * Make a draft payout for n->child_id, acted by a (county staff; the caller has checked the child
 * is in a's reach), inside the caller's transaction: the child's row is locked, so two makers of
 * the same child's payouts queue, and the guards above are read under that lock. 0 with *why =
 * PAYOUT_MADE and *id the new payout's, or 0 with the refusal in *why (nothing written), or -1 on
 * an error. The payout is the child's live sponsorship's (else its last one's), its county and
 * city the child's now. Audited as payout.create.
 */
int payout_insert(struct db *db, const struct actor *a, const struct payout_new *n, long long *id,
                  enum payout_refusal *why, struct err *e);

/* The message key (cgi/messages.c) that tells a refusal to people: "payouts.unfunded" etc. */
const char *payout_refusal_key(enum payout_refusal why);

/*
 * A bank account as staff see it in a list (children.bank_mask): the first four digits and the last
 * four, "6222 **** **** 1234", from the digits alone (spaces dropped). out: 24 bytes.
 */
#define BANK_MASK_LEN 24
void payout_bank_mask(const char *number, char out[BANK_MASK_LEN]);

#endif
