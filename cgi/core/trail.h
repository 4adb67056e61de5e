/*
 * core/trail.h — the sponsor's fund trail (资金到人): for each of a donor's sponsorships, the
 * payments it received, the payouts made from it to the child's family, and what the county
 * federation still holds for the child from it. Only paid payouts appear, and nothing of the
 * family: no names, no bank details, no reasons a transfer failed.
 */
#ifndef TX_CORE_TRAIL_H
#define TX_CORE_TRAIL_H

#include "../db.h"
#include "actor.h"
#include "ledger.h"
#include "payouts.h"
#include "period.h"

/* The newest sponsorships given a trail: as many as /me shows. */
#define TRAIL_SPONS_MAX 50

/* One payment a sponsorship received (paid, not owed back), with its receipt. */
struct trail_gift {
	int       spons;                           /* its trail's index in the set */
	long long amount_fen;
	char      paid_on[PERIOD_DATE_MAX];
	char      receipt_no[RECEIPT_NO_MAX], receipt_code[RECEIPT_CODE_LEN + 1];
};

/* One paid payout made from a sponsorship's money. */
struct trail_payout {
	int       spons;                           /* its trail's index in the set */
	long long amount_fen, advanced_fen;        /* advanced: the county's own part (垫付) */
	char      period[PERIOD_CODE_MAX], method[PAYOUT_WORD_LEN], paid_on[PERIOD_DATE_MAX];
	int       evidence;                        /* a file is on record: 凭证已核验 */
};

/* One sponsorship's totals. */
struct trail {
	long long sponsorship_id;
	long long received_fen, paid_fen, advanced_fen;
	long long held_fen;    /* received - (paid - advanced): what the county holds; never < 0 */
};

/*
 * A donor's trails, newest sponsorship first, and every gift and payout of them in date order
 * (each naming its trail by index). The arrays grow as rows come; trail_free releases them.
 */
struct trail_set {
	int                  n, ngifts, npayouts;
	struct trail         t[TRAIL_SPONS_MAX];
	struct trail_gift   *gifts;
	struct trail_payout *payouts;
	int                  gifts_cap, payouts_cap;
};

/*
 * The trails of donor a's sponsorships that have one: active, lapsing and stopping ones, and ended
 * ones the donor paid for. Three queries however many sponsorships, payments and payouts. s starts
 * zeroed; 0, or -1 on an error (ERR_FORBIDDEN for an actor who is not a donor).
 */
int trail_of_donor(struct db *db, const struct actor *a, struct trail_set *s, struct err *e);

/*
 * The trail of sponsorship sid alone, into s (zeroed at first; s->n is 1): ERR_NOT_FOUND if it is
 * not donor a's, or has no trail.
 */
int trail_of(struct db *db, const struct actor *a, long long sid, struct trail_set *s,
             struct err *e);

/* Release a set's arrays (the set may be reused once zeroed again). */
void trail_free(struct trail_set *s);

/* The programme's totals for a calendar year. */
struct trail_year {
	long long raised_fen;    /* paid donations, not owed back, paid that year */
	long long paid_out_fen;  /* paid payouts, paid_on that year */
};

/*
 * The programme's totals for year (2000..2099), one range read of an index each (donations'
 * (status, paid_at), payouts' k_payout_paid): 0, or -1 on an error.
 */
int trail_year_totals(struct db *db, int year, struct trail_year *y, struct err *e);

#endif
