/*
 * sponsorship.h — the sponsorship core: a donor holds a child, turns the hold into an order, pays
 * later instalments, cancels an unpaid order or gives the hold up; a hold that ran out ends. One
 * transaction each, and every state written through state_move (core/state.h). One live sponsorship
 * per child is the database's rule (a unique key on sponsorships.live_child); the row locks taken
 * here make the loser of a race get a clear answer. The donor is the actor (ACTOR_DONOR, a->id);
 * errors are err_core kinds with "spons." keys (cgi/messages.c).
 */
#ifndef TX_SPONSORSHIP_H
#define TX_SPONSORSHIP_H

#include "../db.h"
#include "../keys.h"
#include "actor.h"

struct order_view;

enum hold_result {
	HOLD_NEW,         /* held now */
	HOLD_MINE,        /* this donor held it already */
	HOLD_TAKEN,       /* someone else holds or sponsors it */
	HOLD_LIMIT,       /* this donor holds Checkout.MaxHolds children already */
	HOLD_UNVERIFIED,  /* the donor's login is not verified yet (cgi/verify.h) */
	HOLD_COOLING,     /* the donor's hold of it ended unpaid < Checkout.CooldownHours ago */
	HOLD_NETWORK,     /* Checkout.MaxHoldsPerNetwork are held from the client's network */
};

#define HOLD_UNTIL_SIZE 20   /* YYYY-MM-DD HH:MM:SS and a NUL */

/* What came of a hold; for a refusal that passes (HOLD_COOLING, HOLD_NETWORK), when it does. */
struct hold_answer {
	enum hold_result res;
	char             until[HOLD_UNTIL_SIZE];   /* YYYY-MM-DD HH:MM */
	long long        wait;                     /* seconds until then */
};

/*
 * Donor a holds the child with public code, the hold counted against the donor and against the
 * client's network (a->net). ERR_NOT_FOUND if the child is not public; a refusal is an answer
 * (a->res), not an error.
 */
int sponsorship_hold(struct db *db, const struct config *cfg, const struct actor *a,
                     const char *code, struct hold_answer *ans, struct err *e);

#define SPONS_STATE_SIZE 20
#define SPONS_PLAN_SIZE  8

/* A donor's live sponsorship of one child, as the sponsor page needs it. */
struct spons {
	long long id, child_id;
	char      state[SPONS_STATE_SIZE];
	char      plan[SPONS_PLAN_SIZE];         /* annual | monthly, once chosen */
	long long seconds_left;                  /* of the hold; 0 or less once it has lapsed */
	char      hold_until[HOLD_UNTIL_SIZE];
	char      order_no[ORDER_NO_LEN + 1];    /* its open order, if any */
};

/* Donor a's live sponsorship of child code: 1 and s filled, 0 if there is none, -1 on error. */
int sponsorship_find(struct db *db, const struct config *cfg, const struct actor *a,
                     const char *code, struct spons *s, struct err *e);

/*
 * Whether child c (a row of children as c) is free to hold: waiting, or held by a hold that has
 * lapsed but not been swept yet. A column of the query that reads the child, not a query of its
 * own.
 */
#define SPONS_FREE_COL \
	"(c.status = 'waiting' OR (c.status = 'held' AND EXISTS (SELECT 1 FROM sponsorships s " \
	"WHERE s.live_child = c.id AND s.state IN ('held','pending_payment') " \
	"AND s.hold_until <= NOW())))"

/*
 * Whether the donor (the query's parameter before those of its WHERE) has a live sponsorship of
 * child c: a column, as SPONS_FREE_COL is; sponsorship_find reads it when there is one.
 */
#define SPONS_OWN_COL \
	"EXISTS (SELECT 1 FROM sponsorships s WHERE s.live_child = c.id AND s.donor_id = ?)"

#define PLAN_MONTHS 12   /* the instalments of a monthly plan */

/* What the donor chose on the sponsor page. */
struct plan_choice {
	int         monthly;
	const char *receipt_name;   /* NULL: the donor's display name */
	int         anonymous;
	const char *display_name;   /* the donor's, as their session read it this request */
	const char *provider;       /* the payment provider picked (offered); NULL: the default */
};

/*
 * Turn donor a's hold of child code into a pending sponsorship with its pledge schedule and an
 * order for the first payment, expiring with the hold: 1, with what paying it needs in *v (its
 * number, purpose, amount, provider, expiry), so that it need not be read back. A second submit
 * finds the first order: 0, with its number alone in v->order_no. -1 on error.
 */
int sponsorship_order(struct db *db, const struct config *cfg, const struct actor *a,
                      const char *code, const struct plan_choice *p, struct order_view *v,
                      struct err *e);

/*
 * An order for the next unpaid instalment of one of donor a's sponsorships, to be paid through
 * provider (offered; NULL: the default). An open order for it is taken as it is, whichever provider
 * it was made for: a second order for one instalment could be paid twice.
 */
int sponsorship_next_order(struct db *db, const struct config *cfg, const struct actor *a,
                           long long sponsorship_id, const char *provider,
                           char order_no[ORDER_NO_LEN + 1], struct err *e);

/*
 * Its payer a cancels unpaid order v (as ledger_order_view gives it): a first instalment's
 * sponsorship goes back to held, so the donor can choose again while the hold lasts. The provider
 * is asked first: an order it was paid for is credited (ledger_settle) and refused with
 * ERR_CONFLICT.
 */
int sponsorship_cancel(struct db *db, const struct config *cfg, const struct actor *a,
                       const struct order_view *v, struct err *e);

/*
 * Donor a gives up their hold of child code (held, or an order not yet paid): the sponsorship ends
 * as cancelled, its orders close (ledger_close_orders; their provider is asked too, after the
 * commit), and the child is listed again at once. A payment that arrives for it all the same is
 * owed back. ERR_CONFLICT if there is no such hold.
 */
int sponsorship_release(struct db *db, const struct config *cfg, const struct actor *a,
                        const char *code, struct err *e);

/*
 * End sponsorship id of child child_id if its hold has run out (held, or its order unpaid), in one
 * transaction: its open orders expire and the child is listed again. Idempotent: a later call finds
 * nothing to do.
 */
int sponsorship_lapse(struct db *db, const struct actor *a, long long id, long long child_id,
                      struct err *e);

#define CHILD_ALIAS_SIZE 132   /* 32 characters of up to 4 bytes, and a NUL */
#define CHILD_WORD_SIZE  16    /* a gender, category or status code */
#define REGION_CODE_SIZE 7

/* A listed child as a card shows it: CHILD_PUBLIC_COLS (cgi/public/public.h), typed. */
struct child_card {
	char      code[CHILD_CODE_LEN + 1];
	char      alias[CHILD_ALIAS_SIZE];
	char      gender[CHILD_WORD_SIZE];
	char      county[REGION_CODE_SIZE];
	char      category[CHILD_WORD_SIZE];
	char      status[CHILD_WORD_SIZE];
	long long age, days_waiting;
};

/*
 * Up to max listed children like child code into out (same city first, then anywhere, longest
 * waiting first); *n gets how many.
 */
int sponsorship_similar(struct db *db, const struct config *cfg, const struct actor *a,
                        const char *code, struct child_card *out, int max, int *n,
                        struct err *e);

#endif
