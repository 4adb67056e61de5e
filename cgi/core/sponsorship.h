/*
 * checkout.h — one-to-one sponsorship: holding a child, turning the hold into an order, and letting lapsed holds go.
 * Pairing state changes here, one transaction each. One live sponsorship per child is the database's rule (a unique
 * key on sponsorships.live_child); the row locks taken here make the loser of a race get a clear answer.
 */
#ifndef TX_CHECKOUT_H
#define TX_CHECKOUT_H

#include "../ctx.h"
#include "../keys.h"

enum hold_result {
	HOLD_NEW,         /* held now */
	HOLD_MINE,        /* this donor held it already */
	HOLD_TAKEN,       /* someone else holds or sponsors it */
	HOLD_LIMIT,       /* this donor holds Checkout.MaxHolds children already */
	HOLD_UNVERIFIED,  /* the donor's login is not verified yet (cgi/verify.h) */
	HOLD_COOLING,     /* the donor's hold of it ended unpaid < Checkout.CooldownHours ago */
	HOLD_NETWORK,     /* Checkout.MaxHoldsPerNetwork are held from the client's network */
};

/* What came of a hold; for a refusal that passes (HOLD_COOLING, HOLD_NETWORK), when it does. */
struct hold_answer {
	enum hold_result res;
	char             until[20];   /* YYYY-MM-DD HH:MM */
	long long        wait;        /* seconds until then */
};

/*
 * Hold the child with public code for the signed-in donor, counting the hold against the donor and
 * against the client's network (c->req->remote_net). 404 if the child is not public.
 */
int checkout_hold(struct ctx *c, const char *code, struct hold_answer *a);

/* A donor's live sponsorship of one child, as the sponsor page needs it. */
struct spons {
	long long id, child_id;
	char      state[20];
	char      plan[8];        /* annual | monthly, once chosen */
	long long seconds_left;   /* of the hold; 0 or less once it has lapsed */
	char      hold_until[20];
	char      order_no[ORDER_NO_LEN + 1];   /* its open order, if any */
};

/* The signed-in donor's live sponsorship of child code: 1 and s filled, or 0 if there is none. */
int checkout_find(struct ctx *c, const char *code, struct spons *s);

/* Whether child code is free to hold: waiting, or held by a hold that has lapsed but not been swept yet. */
int checkout_free(struct ctx *c, const char *code, int *free);

/* What the donor chose on the sponsor page. */
struct plan_choice {
	int         monthly;
	const char *receipt_name;   /* NULL: the display name */
	int         anonymous;
};

/*
 * Turn the donor's hold of child code into a pending sponsorship with its pledge schedule and an order for the first
 * payment, expiring with the hold. A second submit finds the first order and returns it.
 */
int checkout_order(struct ctx *c, const char *code, const struct plan_choice *p, char order_no[ORDER_NO_LEN + 1]);

/* An order for the next unpaid instalment of one of the donor's sponsorships (or the open one for it). */
int checkout_next_order(struct ctx *c, long long sponsorship_id, char order_no[ORDER_NO_LEN + 1]);

/* Cancel an unpaid order: a sponsorship goes back to held, so the donor can choose again while the hold lasts. */
int checkout_cancel(struct ctx *c, const char *order_no);

/*
 * The signed-in donor gives up their hold of child code (held, or an order not yet paid): the
 * sponsorship ends as cancelled, its orders close (ledger_close_orders; their provider is asked
 * too, after the commit), and the child is listed again at once. A payment that arrives for it all
 * the same is owed back. 409 if there is no such hold.
 */
int checkout_release(struct ctx *c, const char *code);

/*
 * Let everything lapsed go: unpaid orders past their expiry, holds past theirs (the child is listed again), idle
 * sessions and old throttle counters. Safe to run from every worker at once.
 */
int checkout_sweep(struct db *db, const struct config *cfg, struct err *e);

/* Up to n listed children like child code (same city first, then anywhere), under prefix in the page data. */
int checkout_similar(struct ctx *c, const char *code, int n, const char *prefix);

#endif
