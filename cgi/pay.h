/*
 * pay.h — the payment provider interface. The checkout talks only to this, so a WeChat Pay or
 * Alipay adapter plugs in beside the sandbox (add it to PROVIDERS in pay.c) without a change to the
 * checkout code.
 */
#ifndef TX_PAY_H
#define TX_PAY_H

#include <stddef.h>

#include "config.h"
#include "db.h"
#include "err.h"

#define PAY_TXN_MAX 64

/*
 * The browser that is to pay. A provider shows a desktop a QR code to scan with the phone, and
 * sends a phone's browser to its mobile cashier.
 */
struct pay_browser {
	const char *ip;      /* its address, as nginx saw it (WeChat Pay's H5 asks for it) */
	int         phone;   /* a phone's browser */
	int         wechat;  /* WeChat's own browser (MicroMessenger in its User-Agent) */
};

/* What a provider is told about an order when the donor sets off to pay it. */
struct pay_order {
	const char *order_no;     /* our public order number */
	long long   amount_fen;
	const char *subject;      /* what the donor's bank statement shows */
	/* "YYYY-MM-DD HH:MM:SS", China time: the provider must refuse payment after it */
	const char *expires_at;
	const struct pay_browser *browser;
};

/*
 * A notification whose signature checked out: the provider says this order was paid, under this
 * transaction.
 */
struct pay_notice {
	char      order_no[32];
	char      txn[PAY_TXN_MAX + 1];
	long long amount_fen;
};

/*
 * A notification as it arrived: its bytes, and the signature headers a provider may sign them under
 * (WeChat Pay's Wechatpay-Signature, -Timestamp, -Nonce and -Serial); NULL where absent. The
 * sandbox signs its body alone.
 */
struct pay_message {
	const char *body;
	size_t      len;
	const char *signature, *timestamp, *nonce, *serial;
};

struct pay_provider {
	const char *name;    /* in URLs (/pay/notify/{name}), and on every order and donation */
	const char *label;   /* what the donor reads: 微信支付, 沙箱支付 */
	const char *ack;     /* the answer to a handled notification, as the provider wants it */
	int         demo_only;  /* moves no real money: for demo sites (Site.Demo = 1) only */
	/*
	 * Called over the network (HTTPS) from the workers: offered, it lets them open Internet
	 * sockets (cgi/syscall_filter.c), which they otherwise cannot.
	 */
	int         network;
	/*
	 * Whether the config holds what it needs (merchant ids, keys that load): asked at start-up
	 * of a real site (Site.Demo = 0) for each provider it offers, so that a site missing them
	 * refuses to start rather than every payment. NULL: it needs nothing.
	 */
	int (*check)(const struct config *cfg, struct err *e);

	/* Start paying an order: write the URL to send the browser to into url. */
	int (*create)(const struct config *cfg, const struct pay_order *o, char *url, size_t n,
	              struct err *e);

	/*
	 * Check a notification as it arrived (its raw body and headers): format and signature only.
	 * Fills notice (0); a forged or malformed one is invalid (400). A genuine one that reports
	 * no payment (Alipay's TRADE_CLOSED after a close or a full refund) is 1: acknowledged,
	 * nothing credited. Whether the order exists and the amount matches is the ledger's.
	 */
	int (*verify)(const struct config *cfg, const struct pay_message *m,
	              struct pay_notice *notice, struct err *e);

	/* Ask the provider whether an order was paid: 1 and notice filled if so, 0 if not. */
	int (*query)(const struct config *cfg, struct db *db, const char *order_no,
	             struct pay_notice *notice, struct err *e);

	/*
	 * Close an unpaid order, so that it can no longer be paid (WeChat Pay's closeorder,
	 * Alipay's trade.close): 0 once it is closed (asked again, still 0), or 1 and notice filled
	 * if the provider had taken the money already. Called outside any transaction of ours
	 * (ledger_close_send), like refund.
	 */
	int (*close)(const struct config *cfg, struct db *db, const char *order_no,
	             struct pay_notice *notice, struct err *e);

	/*
	 * Give amount_fen of a paid transaction back to the payer, under our refund number
	 * (pay_refund_no): asked again with the same number — a retried transaction, an answer lost
	 * on the way — it refunds once and says done.
	 */
	int (*refund)(const struct config *cfg, struct db *db, const struct pay_notice *paid,
	              long long amount_fen, const char *refund_no, struct err *e);
};

/*
 * Our number for the refund of an order's payment: the same every time it is asked for (64
 * characters at most).
 */
#define PAY_REFUND_NO_MAX 64
void pay_refund_no(const char *order_no, char out[PAY_REFUND_NO_MAX + 1]);

/* The provider called name, or NULL. */
const struct pay_provider *pay_provider(const char *name);

/* The provider called name if this site may use it (a demo-only one on demo sites), or NULL. */
const struct pay_provider *pay_usable(const struct config *cfg, const char *name);

/* The provider new orders use unless the payer picks another (the first of Pay.Providers). */
const struct pay_provider *pay_default(const struct config *cfg);

/* The provider called name if the site offers it to payers (Pay.Providers), or NULL. */
const struct pay_provider *pay_offered(const struct config *cfg, const char *name);

#endif
