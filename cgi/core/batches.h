/*
 * core/batches.h — a county's payout batch (payout_batches, sql/026): "pay everyone paired in this
 * county for 2027H1" made as one draft payout per child whose funds cover it (payouts.h guards
 * each), then submitted by the county and approved by the city (the province may act for a city)
 * all together. A batch has no state of its own: its payouts' states are its state. Each change is
 * one transaction, audited once with its count. The bank's files for a batch are bankfile.h's.
 */
#ifndef TX_CORE_BATCHES_H
#define TX_CORE_BATCHES_H

#include "../db.h"
#include "actor.h"
#include "payouts.h"
#include "state.h"

#define BATCH_SKIPS_MAX 1000          /* refused children kept for the result page; all counted */
#define BATCH_NAME_LEN  (32 * 4 + 1)  /* an alias */
#define BATCH_DATE_LEN  sizeof "YYYY-MM-DD HH:MM"

/* A child the batch could not pay, and why (payout_refusal_key tells people). */
struct batch_skip {
	char                code[CHILD_CODE_LEN + 1];
	char                alias[BATCH_NAME_LEN];
	enum payout_refusal why;
};

/* What batch_create made: the batch (id 0 when no child could be paid: nothing written). */
struct batch_made {
	long long          id;
	long               made, skipped;
	long long          total_fen;     /* of the drafts made */
	struct batch_skip *skips;         /* the first BATCH_SKIPS_MAX skipped, by child id */
	long               nskips;
};

/* A batch as staff read it: its payouts counted and summed by state (cancelled included). */
struct batch {
	long long id;
	char      county[ACTOR_REGION_LEN], period[PERIOD_CODE_MAX], method[PAYOUT_WORD_LEN];
	char      created_at[BATCH_DATE_LEN], exported_at[BATCH_DATE_LEN];
	long      count[PO__MAX];
	long long sum_fen[PO__MAX];
	int       may_submit, may_approve, may_pay;   /* what the reader's role may do with it */
};

/* Whether actor a makes and pays batches (county staff) and approves them (city, province). */
int batch_payer(const struct actor *a);
int batch_approver(const struct actor *a);

/*
 * A batch of a's county for period and method (a PAYOUT_METHODS code): a draft per child of the
 * county that is paired under a live sponsorship (active, lapsing or stopping), of the child's
 * annual need times the period's months / 12, made by payout_insert in child id order (its lock
 * order) inside one transaction; the children it refuses are skipped and listed in out. County
 * staff only (ERR_FORBIDDEN batches.not_payer). Free out with batch_made_free, also on failure.
 */
int batch_create(struct db *db, const struct actor *a, const char *period, const char *method,
                 struct batch_made *out, struct err *e);
void batch_made_free(struct batch_made *m);

/*
 * Batch id as a reads it: ERR_NOT_FOUND (batches.unknown) unless its county is in a's reach.
 */
int batch_read(struct db *db, const struct actor *a, long long id, struct batch *b,
               struct err *e);

/*
 * The batch's draft and returned payouts submitted for approval (county staff of its county),
 * or its submitted ones approved (city staff of its city, the province): one state_move, audited
 * once with the count, *moved how many. ERR_FORBIDDEN for another role (batches.not_payer,
 * batches.not_approver); ERR_CONFLICT when none was in the state to move (batches.none_to_submit,
 * batches.none_to_approve).
 */
int batch_submit(struct db *db, const struct actor *a, long long id, unsigned long long *moved,
                 struct err *e);
int batch_approve(struct db *db, const struct actor *a, long long id, unsigned long long *moved,
                  struct err *e);

/*
 * Inside a transaction: batch id locked for a change by a, who must be a payer (pay set) or an
 * approver, its county and method in b (b may be NULL). The errors as batch_read's and
 * batch_submit's. For bankfile.c.
 */
int batch_lock(struct db *db, const struct actor *a, long long id, int pay, struct batch *b,
               struct err *e);

#endif
