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
#define BANK_MASK_LEN     24          /* children.bank_mask and its NUL */

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
void payout_bank_mask(const char *number, char out[BANK_MASK_LEN]);

/* ---- payouts one by one: made, read, moved (payouts.c), their evidence (payout_files.c) ---- */

#define PAYOUT_NAME_LEN   (32 * 4 + 1)     /* an alias, a staff member's name */
#define PAYOUT_NOTE_LEN   (200 * 4 + 1)    /* review_note, fail_reason */
#define PAYOUT_BANKREF_LEN 65
#define PAYOUT_TIME_LEN   sizeof "YYYY-MM-DD HH:MM"
#define PAYOUT_FILES      4                /* evidence files a payout holds: slots 1..4 */
#define PAYOUT_PDF_MAX    (5L * 1024 * 1024)

/* Whether a's role makes and pays payouts (county staff) and approves them (city, province). */
int payout_maker(const struct actor *a);
int payout_approver(const struct actor *a);

/* A child a payout may be made for, with its money so far, as the new payout's form shows it. */
struct payout_child {
	long long id;
	long long received, committed, paid, advanced;   /* child_funds */
	long long available;                             /* received - committed */
	char      code[CHILD_CODE_LEN + 1], alias[PAYOUT_NAME_LEN], county[ACTOR_REGION_LEN];
	char      bank_mask[BANK_MASK_LEN];              /* "" when no account is on record */
};

/*
 * The child with code for a new payout by a: ERR_FORBIDDEN (payouts.not_maker) unless a is county
 * staff; ERR_NOT_FOUND (payouts.no_child) unless the child is in a's reach.
 */
int payout_child(struct db *db, const struct actor *a, const char *code, struct payout_child *out,
                 struct err *e);

/*
 * Make a draft payout for the child with code (n->child_id is ignored), as payout_child allows, in
 * one transaction: 0 with *why PAYOUT_MADE and *id, or 0 with the refusal in *why, or -1.
 */
int payout_create(struct db *db, const struct actor *a, const char *code,
                  const struct payout_new *n, long long *id, enum payout_refusal *why,
                  struct err *e);

/* What may be done to a payout: one bit per move, (1 << PA_…). */
enum payout_act { PA_SUBMIT, PA_APPROVE, PA_RETURN, PA_PAID, PA_CANCEL, PA_RETRY, PA_FILE,
                  PA__MAX };

/* A payout as staff read it. */
struct payout {
	long long id, child_id, batch_id, amount_fen, advanced_fen;
	int       files;                                   /* evidence files */
	unsigned  may;                                     /* (1 << PA_…): the reader may */
	char      ref[PAYOUT_REF_LEN + 1], code[CHILD_CODE_LEN + 1], alias[PAYOUT_NAME_LEN];
	char      county[ACTOR_REGION_LEN], period[PERIOD_CODE_MAX], period_text[PERIOD_TEXT_MAX];
	char      method[PAYOUT_WORD_LEN], state[PAYOUT_WORD_LEN], goods[PAYOUT_GOODS_LEN];
	char      paid_on[PERIOD_DATE_MAX], bank_ref[PAYOUT_BANKREF_LEN];
	char      fail_reason[PAYOUT_NOTE_LEN], review_note[PAYOUT_NOTE_LEN];
	char      created_by[PAYOUT_NAME_LEN], created_at[PAYOUT_TIME_LEN];
	char      approved_by[PAYOUT_NAME_LEN], approved_at[PAYOUT_TIME_LEN];
	char      paid_by[PAYOUT_NAME_LEN], paid_at[PAYOUT_TIME_LEN];
};

/* Payout id as a reads it: ERR_NOT_FOUND (payouts.unknown) unless its child is in a's reach. */
int payout_read(struct db *db, const struct actor *a, long long id, struct payout *out,
                struct err *e);

/* What a move carries: the reviewer's note (return), the day paid and the bank's reference. */
struct payout_args {
	const char *note;      /* PA_RETURN: 1..200 characters */
	const char *paid_on;   /* PA_PAID: YYYY-MM-DD, not after today */
	const char *bank_ref;  /* PA_PAID: NULL or the bank's reference */
};

/*
 * Move payout id, in one transaction through state_move (ENT_PAYOUT), audited: PA_SUBMIT, PA_PAID,
 * PA_CANCEL and PA_RETRY for county staff, PA_APPROVE and PA_RETURN for city staff (their counties)
 * and the province. ERR_NOT_FOUND (payouts.unknown) out of reach, ERR_FORBIDDEN
 * (payouts.not_maker, payouts.not_approver) for the other roles, ERR_CONFLICT (payouts.state) when
 * its state does not allow it, ERR_INVALID (payouts.future) for a day paid after today.
 */
int payout_act(struct db *db, const struct actor *a, long long id, enum payout_act act,
               const struct payout_args *args, struct err *e);

/*
 * Add evidence to payout id (county staff, a payout not cancelled, at most PAYOUT_FILES): an image
 * (encoded afresh as a visit photo is, photos.h) or a PDF (starting "%PDF-", at most
 * PAYOUT_PDF_MAX) stored as it came; its name into name. ERR_MEDIA (payouts.not_evidence) for
 * anything else, ERR_CONFLICT (payouts.files_full, payouts.state), and photo_add's errors.
 */
struct photo_file;
int payout_file_add(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                    const void *data, size_t len, char *name, struct err *e);

/* The evidence file called name for staff actor a in reach of its child, the view audited. */
int payout_file_for_staff(struct db *db, const struct actor *a, const char *name,
                          struct photo_file *out, struct err *e);

#endif
