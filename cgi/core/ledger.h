/*
 * ledger.h — money in: payment orders, and crediting a verified payment as a donation with its receipt number.
 * Every change of money happens here, in one transaction each, and crediting is idempotent by provider transaction.
 */
#ifndef TX_LEDGER_H
#define TX_LEDGER_H

#include "../ctx.h"
#include "../keys.h"
#include "../pay.h"

/* A payment order to create. */
struct order_req {
	const char          *purpose;         /* "sponsorship" | "general" */
	long long            donor_id;        /* 0 for a guest */
	const unsigned char *visitor;         /* a guest's visitor token, binding the order to that browser */
	long long            sponsorship_id;  /* 0 for a general donation */
	int                  seq;             /* the instalment it pays */
	long long            amount_fen;
	const char          *expires_at;      /* "YYYY-MM-DD HH:MM:SS", or NULL for now + Checkout.HoldMinutes */
	const char          *donor_name;      /* for the receipt; NULL for none */
	int                  anonymous;
	const char          *mobile, *message;
};

/* An order as its payer may see it. */
struct order_view {
	long long id, donor_id, sponsorship_id, amount_fen;
	int       seq, live;                  /* live: created and not yet past its expiry */
	int       refund_due;                 /* paid, but it settled nothing: the money goes back */
	char      order_no[ORDER_NO_LEN + 1];
	char      purpose[16], state[16], provider[17], expires_at[20];
	char      receipt_no[16], receipt_code[RECEIPT_CODE_LEN + 1];
	char      child_code[CHILD_CODE_LEN + 1];
	char      refund_reason[260];         /* why it is owed back: 64 characters */
};

/* A donation's receipt number as people read it, YYYY-NNNNNN (more digits past a million), for table alias t ("d."). */
#define RECEIPT_NO_SQL(t) \
	"CONCAT(" t "receipt_year, '-', LPAD(" t "receipt_seq, GREATEST(6, CHAR_LENGTH(" t "receipt_seq)), '0'))"

/* n random Crockford base32 characters and a NUL: order numbers, receipt codes. */
void ledger_code(char *out, size_t n);

/* Insert an order, inside the caller's transaction; its number goes to order_no. */
int ledger_order(struct db *db, const struct config *cfg, const struct order_req *o,
                 char order_no[ORDER_NO_LEN + 1], struct err *e);

/*
 * The order numbered order_no, if this browser may see it: its donor's session, or for a guest order the browser
 * that made it. Anyone else gets 404, as if it did not exist.
 */
int ledger_order_view(struct ctx *c, const char *order_no, struct order_view *v);

/* Send the browser to the order's provider to pay it. */
int ledger_pay_redirect(struct ctx *c, const char *order_no);

/*
 * Credit a notification that provider pv has verified: write the donation with the next receipt
 * number of the year, mark the order paid, and move a sponsorship on to awaiting approval. Money
 * that settles nothing is recorded all the same, owed back (donations.refund_due, with its reason)
 * and its donor told: a sponsorship no longer live (ended, rejected, given up, lapsed with its
 * child gone), an instalment already settled, a wrong amount, a second transaction for a paid order
 * (those two are not the order's own payment: donations.settles = 0). Delivered again, however
 * often and however concurrently, a transaction changes nothing: *already is set instead. An
 * unknown order is a 404 and an order of another provider a 400; neither changes anything.
 */
int ledger_credit(struct db *db, const struct pay_provider *pv, const struct pay_notice *n, int *already,
                  struct err *e);

/*
 * Take a notification as it arrived for provider pv: verify it with the provider, then credit it. Used by the
 * notification endpoint, and by the sandbox when it delivers its own notice.
 */
int ledger_accept(struct db *db, const struct config *cfg, const struct pay_provider *pv, const struct request *req,
                  struct err *e);

/*
 * Ask the order's provider whether it was paid, and credit it if so (*paid says which): for a payer back before the
 * notification, or after the order lapsed with the money already taken.
 */
int ledger_settle(struct db *db, const struct config *cfg, const char *provider, const char *order_no, int *paid,
                  struct err *e);

/*
 * Close every open order of a sponsorship, inside the caller's transaction that ends it (an exit, a
 * reject, a hold given up): the one way an order is closed. Closed, an order can no longer be paid,
 * and money that arrives for it all the same is owed back (ledger_credit).
 */
int ledger_close_orders(struct db *db, const struct actor *a, long long sponsorship_id, struct err *e);

/*
 * After that transaction has committed, outside any transaction (a provider is never called inside
 * one): ask the provider of each closed order of sponsorship_id (0: of any, up to 100, as the sweep
 * does) to close it as well. An order the provider says it was paid for is credited, and so owed
 * back. Failures are logged; the sweep asks again.
 */
void ledger_close_send(struct db *db, const struct config *cfg, long long sponsorship_id);

/*
 * A refund, in three steps around the provider (sql/012_refunds.sql), so that money given back is never lost from
 * the books: a provider that refunded while our transaction failed is asked again under the same number and
 * refunds once.
 *
 * 1. ledger_refund_request, inside a transaction of the caller's that commits before step 2: the paid donation
 *    (locked) is to be refunded, under its refund number (pay_refund_no). 404 if there is none, 409 if not paid.
 * 2. ledger_refund_send, outside any transaction: the provider asked, if a refund of the donation is requested.
 * 3. ledger_refund_done, inside the caller's transaction that records what the refund was for: the refund done, the
 *    donation refunded and no longer owed. 409 if step 1 did not happen (or another request finished it).
 */
int ledger_refund_request(struct db *db, long long donation_id, long long staff_id, struct err *e);
int ledger_refund_send(struct db *db, const struct config *cfg, long long donation_id, struct err *e);
int ledger_refund_done(struct db *db, long long donation_id, struct err *e);

#endif
