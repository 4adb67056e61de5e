/*
 * ledger.h — money in: payment orders, and crediting a verified payment as a donation with its
 * receipt number. Every change of money happens here, in one transaction each, and crediting is
 * idempotent by provider transaction.
 */
#ifndef TX_LEDGER_H
#define TX_LEDGER_H

#include "../keys.h"
#include "../pay.h"
#include "actor.h"

/*
 * A payment order to create. Its donor is the actor that makes it, if a donor; else a guest's
 * browser's.
 */
struct order_req {
	/* "sponsorship" | "general" | "directed" | "activity" (donations.purpose, sql/032) */
	const char          *purpose;
	/* A guest's visitor token's hash (token_hash): the order is that browser's. */
	const unsigned char *visitor_hash;
	long long            sponsorship_id;  /* 0 for a general donation */
	int                  seq;             /* the instalment it pays */
	long long            amount_fen;
	const char          *expires_at;      /* "YYYY-MM-DD HH:MM:SS"; NULL: now + the hold */
	const char          *donor_name;      /* for the receipt; NULL for none */
	int                  anonymous;
	const char          *mobile, *message;
	/* What else the gift is for (sql/032): 0 or NULL for none. */
	long long            page_id;         /* the personal page it came through */
	long long            activity_id;     /* the themed activity it is for */
	const char          *target_region;   /* a directed gift's city or county */
	long long            target_unit;     /* a directed gift's member unit */
	const char          *provider;        /* the payer's pick (offered); NULL: the default */
};

/* An amount in yuan as money_format writes it, for pages and letters. */
#define MONEY_TEXT_MAX 32
/* A visitor token's hash (token_hash), as pay_orders.visitor_hash holds it. */
#define VISITOR_HASH_LEN 32
/*
 * Why money is owed back, as people read it: 64 characters of up to 4 bytes
 * (donations.refund_reason).
 */
#define REFUND_REASON_MAX 260
/* A receipt number as people read it (RECEIPT_NO_SQL): YYYY-NNNNNN, more digits past a million. */
#define RECEIPT_NO_MAX 16
/* A state's name, as the ENUM columns hold it. */
#define STATE_NAME_MAX 20
/* A provider's name (pay_orders.provider) and a date and time "YYYY-MM-DD HH:MM:SS". */
#define PROVIDER_NAME_MAX 17
#define DATETIME_MAX 20
/* A date as a receipt shows it: YYYY年MM月DD日. */
#define DATE_TEXT_MAX 24
/*
 * Where a letter goes (donors.login: an e-mail address, or a mobile number), and a name of 32
 * characters.
 */
#define LETTER_TO_MAX 1020
#define PERSON_NAME_MAX 132

/* An order as its payer may see it. */
struct order_view {
	long long id, donor_id, sponsorship_id, amount_fen;
	int       seq, live;                  /* live: created and not yet past its expiry */
	int       refund_due;                 /* paid, but it settled nothing: it goes back */
	char      order_no[ORDER_NO_LEN + 1];
	char      purpose[STATE_NAME_MAX], state[STATE_NAME_MAX];
	char      provider[PROVIDER_NAME_MAX], expires_at[DATETIME_MAX];
	char      receipt_no[RECEIPT_NO_MAX], receipt_code[RECEIPT_CODE_LEN + 1];
	char      child_code[CHILD_CODE_LEN + 1];
	char      refund_reason[REFUND_REASON_MAX];
};

/*
 * A donation's receipt number as people read it, YYYY-NNNNNN (more digits past a million), for
 * table alias t ("d.").
 */
#define RECEIPT_NO_SQL(t) \
	"CONCAT(" t "receipt_year, '-', " \
	"LPAD(" t "receipt_seq, GREATEST(6, CHAR_LENGTH(" t "receipt_seq)), '0'))"

/* n random Crockford base32 characters and a NUL: order numbers, receipt codes. */
void ledger_code(char *out, size_t n);

/*
 * The next receipt number of this year (year-seq), under the counter row's lock until the caller's
 * transaction ends: numbers are gap-free per committed year. For every donation written, online
 * or offline.
 */
int ledger_next_receipt(struct db *db, long long year, long long *seq, struct err *e);

/* Insert an order for actor a, inside the caller's transaction; its number goes to order_no. */
int ledger_order(struct db *db, const struct config *cfg, const struct actor *a,
                 const struct order_req *o, char order_no[ORDER_NO_LEN + 1], struct err *e);

/*
 * The order numbered order_no, if actor a may see it: its donor, or for a guest order the browser
 * whose visitor token hashes to visitor_hash (NULL: the actor has none). Anyone else gets not-found
 * ("order.unknown"), as if it did not exist.
 */
int ledger_order_view(struct db *db, const struct actor *a, const unsigned char *visitor_hash,
                      const char *order_no, struct order_view *v, struct err *e);

/*
 * Where to send the payer of order v, in browser b, to pay it (the provider's create): into url.
 * *local says whether it is a page of ours (the sandbox's cashier) or on the provider's own site.
 */
int ledger_pay_url(const struct config *cfg, const struct order_view *v,
                   const struct pay_browser *b, char *url, size_t n, int *local, struct err *e);

/*
 * Credit a notification that provider pv has verified: write the donation with the next receipt
 * number of the year, mark the order paid, and move a sponsorship on to awaiting approval. Money
 * that settles nothing is recorded all the same, owed back (donations.refund_due, with its reason)
 * and its donor told: a sponsorship no longer live (ended, rejected, given up, lapsed with its
 * child gone), an instalment already settled, a wrong amount, a second transaction for a paid order
 * (those two are not the order's own payment: donations.settles = 0). Delivered again, however
 * often and however concurrently, a transaction changes nothing: *already is set instead. An
 * unknown order is not found and an order of another provider invalid; neither changes anything. a
 * is the system: a provider's notice, the sweep, or a provider asked on a payer's behalf.
 */
int ledger_credit(struct db *db, const struct actor *a, const struct pay_provider *pv,
                  const struct pay_notice *n, int *already, struct err *e);

/*
 * Take a notification as it arrived for provider pv (its bytes, and what else the provider signs):
 * verify it with the provider, then credit it, acting as the system ("notify:<provider>"). Used by
 * the notification endpoint, and by the sandbox when it delivers its own notice.
 */
int ledger_accept(struct db *db, const struct config *cfg, const struct pay_provider *pv,
                  const struct pay_message *m, struct err *e);

/*
 * ledger_accept's work inside the caller's transaction, for a provider whose books are in this
 * database (the sandbox): the money taken and the money credited commit together, one commit where
 * two would do. The verified notice goes to *n, whether it was delivered before to *already; the
 * caller logs with ledger_accepted once the transaction has committed.
 */
int ledger_accept_in(struct db *db, const struct config *cfg, const struct pay_provider *pv,
                     const struct pay_message *m, struct pay_notice *n, int *already,
                     struct err *e);

/* What ledger_accept logs of a notice it took: credited, or delivered again. */
void ledger_accepted(const struct pay_provider *pv, const struct pay_notice *n, int already);

/*
 * Ask the order's provider whether it was paid, and credit it if so (*paid says which), acting as
 * a, a system actor: the sweep after the order lapsed with the money already taken, or the system
 * on behalf of a payer back before the notification.
 */
int ledger_settle(struct db *db, const struct config *cfg, const struct actor *a,
                  const char *provider, const char *order_no, int *paid, struct err *e);

/*
 * Close every open order of a sponsorship, inside the caller's transaction that ends it (an exit, a
 * reject, a hold given up): the one way an order is closed. Closed, an order can no longer be paid,
 * and money that arrives for it all the same is owed back (ledger_credit).
 */
int ledger_close_orders(struct db *db, const struct actor *a, long long sponsorship_id,
                        struct err *e);

/*
 * After that transaction has committed, outside any transaction (a provider is never called inside
 * one): ask the provider of each closed order of sponsorship_id (0: of any, up to 100, as the sweep
 * does) to close it as well. An order the provider says it was paid for is credited, and so owed
 * back. Failures are logged; the sweep asks again.
 */
void ledger_close_send(struct db *db, const struct config *cfg, long long sponsorship_id);

/*
 * A refund, in three steps around the provider (sql/012_refunds.sql), so that money given back is
 * never lost from the books: a provider that refunded while our transaction failed is asked again
 * under the same number and refunds once.
 *
 * 1. ledger_refund_request, inside a transaction of the caller's that commits before step 2: the
 *    paid donation
 *    (locked) is to be refunded, under its refund number (pay_refund_no), requested by a (a staff
 *    member).
 *    Not found if there is none, a conflict if it is not paid.
 * 2. ledger_refund_send, outside any transaction: the provider asked, if a refund of the donation
 *    is requested.
 * 3. ledger_refund_done, inside the caller's transaction that records what the refund was for: the
 *    refund done, the
 *    donation refunded and no longer owed. A conflict if step 1 did not happen (or another request
 *    finished it).
 */
int ledger_refund_request(struct db *db, const struct actor *a, long long donation_id,
                          struct err *e);
int ledger_refund_send(struct db *db, const struct config *cfg, long long donation_id,
                       struct err *e);
int ledger_refund_done(struct db *db, const struct actor *a, long long donation_id, struct err *e);

/* The public totals: gifts counted as raised (money owed back is not), and their sum. */
struct ledger_totals {
	long long count, fen;
};

/*
 * The totals, from the running sums triggers keep (sql/005_donation_totals.sql): as cheap with ten
 * million gifts.
 */
int ledger_totals(struct db *db, struct ledger_totals *t, struct err *e);

/* A region's code and its NUL; a title, unit or funder of 64 characters of up to 4 bytes. */
#define REGION_CODE_MAX 7
#define FUND_NAME_MAX   260

/* A donation's receipt (捐赠票据), as its page shows it. */
struct receipt {
	long long amount_fen;
	int       refund_due;                 /* it settled nothing and goes back */
	char      no[RECEIPT_NO_MAX], purpose[STATE_NAME_MAX];
	char      donor_name[PERSON_NAME_MAX];   /* "": none given (爱心人士) */
	char      paid_on[DATE_TEXT_MAX], provider[PROVIDER_NAME_MAX];
	char      provider_txn[PAY_TXN_MAX + 1];
	/* The child it sponsors; "": not a sponsorship's. */
	char      child_alias[PERSON_NAME_MAX], child_code[CHILD_CODE_LEN + 1];
	/* How it came (donations.channel) and what else it is for, "" for none (sql/032). */
	char      channel[STATE_NAME_MAX];
	char      target_region[REGION_CODE_MAX];     /* a directed gift's city or county */
	char      unit_name[FUND_NAME_MAX];           /* a directed gift's member unit */
	char      activity_title[FUND_NAME_MAX];      /* the themed activity it is for */
	char      page_title[FUND_NAME_MAX];          /* the personal page it came through */
	/*
	 * A gift's match (0: none) and its funder; a match's own funder, and the receipt number of
	 * the gift it matches.
	 */
	long long match_fen;
	char      funder[FUND_NAME_MAX];
	char      matches_no[RECEIPT_NO_MAX];
};

/*
 * The paid donation with receipt number year-seq whose receipt code is code: 1 and *r filled, or 0
 * if there is none (a wrong code and a wrong number look the same, so numbers cannot be probed).
 * With it what the gift is for, how it came, and its match: a gift's (paid), or the gift a match
 * matches.
 */
int ledger_receipt(struct db *db, long long year, long long seq, const char *code,
                   struct receipt *r, struct err *e);

/*
 * Money owed back (a donation that settled nothing, refund_due), within the reach of staff actor a
 * (a general donation's, which has no child, is the province's): what the refunds page lists. The
 * SELECT's columns are what, and more follows the condition; the one %s is the actor's scope
 * (scope.h). Paid and owed only.
 */
#define LEDGER_OF_DONATION \
	"FROM donations d LEFT JOIN sponsorships x ON x.id = d.sponsorship_id " \
	"LEFT JOIN children c ON c.id = x.child_id "
#define LEDGER_OWED_SQL(what, more) \
	"SELECT " what " " LEDGER_OF_DONATION "LEFT JOIN donors o ON o.id = d.donor_id " \
	"JOIN pay_orders po ON po.id = d.order_id " \
	"WHERE d.refund_due = 1 AND d.status = 'paid' AND %s" more

/*
 * Give money owed back to its payer, for staff actor a: the three refund steps above, then the
 * donor told and the refund audited. Not found if the donation is not owed or out of reach; a
 * conflict if it was refunded already.
 */
int ledger_refund_owed(struct db *db, const struct config *cfg, const struct actor *a,
                       long long donation_id, struct err *e);

#endif
