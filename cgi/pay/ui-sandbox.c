/*
 * ui-sandbox.c — the sandbox provider's own pages: GET /pay/sandbox/{order}, and its Pay and Cancel
 * buttons.
 */
#include <stdio.h>
#include <string.h>

#include "paypages.h"
#include "sandbox.h"
#include "../core/sponsorship.h"
#include "../core/ledger.h"
#include "../core/rows.h"
#include "../log.h"
#include "../page.h"
#include "../util.h"

#define CLOSED   "这笔订单已经关闭（它所支付的结对已经结束），不能再支付，也没有扣款。"
#define NOT_OPEN "这笔订单已经取消或过期，不能再支付。"

/*
 * A signed notice as the sandbox keeps it (sandbox.h): its fields and 128 hex digits of signature.
 */
#define NOTICE_MAX 512
/* Where the sandbox sends the browser back to: /pay/return/{order}, or /sponsor/{code}. */
#define RETURN_URL_MAX 64

/* The order, if this browser may pay it and it is the sandbox's. */
static int sandbox_order(struct ctx *c, struct order_view *v)
{
	if (pay_view(c, c->f[K_ORDER].str, v) < 0)
		return -1;
	if (strcmp(v->provider, SANDBOX_PROVIDER.name) != 0)
		return err_set(&c->err, 404, "找不到这笔订单。", "order %s is not the sandbox's",
		               v->order_no);
	return 0;
}

int ui_sandbox(struct ctx *c)
{
	struct order_view v;

	if (sandbox_order(c, &v) < 0)
		return -1;
	pay_order_page(c, &v);
	page_set(c, NULL, "Provider.label", SANDBOX_PROVIDER.label);
	page_set(c, NULL, "Page.Title", "支付");
	c->tmpl = "pay-sandbox.cs";
	return 0;
}

/* The order as the sandbox's Pay button sees it under its row lock. */
struct order_now {
	/* open: created and not yet past its expiry; closed: on the sandbox's books */
	int  open, paid, closed;
	char now[DATETIME_MAX];
};

struct signing {
	const struct config     *cfg;
	const struct order_view *v;
	STRING                  *notice;
	/* credited: this click's payment, booked and credited together (paid: its notice) */
	int                      credited, already;
	struct pay_notice        paid;
};

/*
 * The payment on the sandbox's books, with its signed notice; one per order, so a second is not
 * booked. *booked says whether this one was.
 */
static int book_payment(struct db *db, const struct pay_notice *n, const char *notice,
                        unsigned long long *booked, struct err *e)
{
	struct dbp p[] = { P_STR(n->txn), P_STR(n->order_no), P_INT(n->amount_fen), P_STR(notice) };

	return db_exec(db,
	               "INSERT IGNORE INTO sandbox_payments (txn, order_no, amount_fen, notice) "
	               "VALUES (?, ?, ?, ?)", p, nitems(p), booked, e);
}

/*
 * A new transaction and its signed notice, on the books unless the order was paid already (then the
 * first stands). Under the order's row lock, and only while it is open: a cancel that got there
 * first wins, as it would at a bank. A payment booked here is delivered here too, verified and
 * credited as a notification arriving at /pay/notify/sandbox would be: the sandbox's books are in
 * this database, so taking the money and crediting it commit together (one commit, not two).
 */
static int sign_tx(struct db *db, void *arg, struct err *e)
{
	struct signing *s = arg;
	struct pay_notice n;
	struct order_now o;
	unsigned long long booked;
	struct dbp q[] = { P_STR(s->v->order_no) };
	const struct var cols[] = {
		VAR_I(&o.open), VAR_I(&o.paid), VAR_STR(o.now), VAR_I(&o.closed),
	};
	struct pay_message delivery;
	int found;

	/* Nothing credited until committed: an attempt that was rolled back credited nothing. */
	s->credited = 0;
	found = row_get(db, "SELECT state = 'created' AND expires_at > NOW(), state = 'paid', "
	                "DATE_FORMAT(NOW(), '%Y-%m-%d %H:%i:%s'), EXISTS (SELECT 1 FROM "
	                "sandbox_closed c WHERE c.order_no = o.order_no) FROM pay_orders o "
	                "WHERE order_no = ? FOR UPDATE", q, nitems(q), cols, nitems(cols), e);
	if (found < 0)
		return -1;
	/*
	 * Paid by a click a moment ago (another tab): its payment is on the books, and is what this
	 * click delivers.
	 */
	if (found && o.paid)
		return 0;
	if (found && o.closed)
		return err_set(e, 409, CLOSED, "sandbox pay of order %s: closed on its books",
		               s->v->order_no);
	if (!found || !o.open)
		return err_set(e, 409, NOT_OPEN, "sandbox pay of order %s: no longer open",
		               s->v->order_no);
	memset(&n, 0, sizeof n);
	snprintf(n.order_no, sizeof n.order_no, "%s", s->v->order_no);
	ledger_code(n.txn, SANDBOX_TXN_LEN);
	n.amount_fen = s->v->amount_fen;
	string_clear(s->notice);
	string_init(s->notice);
	if (sandbox_notice(s->cfg, &n, o.now, s->notice, e) < 0 ||
	    book_payment(db, &n, s->notice->buf, &booked, e) < 0)
		return -1;
	/* Not booked: an earlier click's payment stands, and its notice is the one to deliver. */
	if (!booked)
		return 0;
	delivery = (struct pay_message){ .body = s->notice->buf, .len = (size_t)s->notice->len };
	if (ledger_accept_in(db, s->cfg, &SANDBOX_PROVIDER, &delivery, &s->paid, &s->already,
	                     e) < 0)
		return -1;
	s->credited = 1;
	return 0;
}

/*
 * The provider takes the money once per order (its books have one row per order) and keeps the
 * signed notice, so a second click sends the same notice again rather than charging twice. *notice
 * gets the notice still to deliver: empty when this click's payment was credited with it.
 */
static int take_payment(struct ctx *c, const struct order_view *v, char notice[NOTICE_MAX])
{
	struct dbp q[] = { P_STR(v->order_no) };
	const struct var cols[] = { { VAR_TEXT, notice, NOTICE_MAX } };
	STRING fresh;
	struct signing s = { .cfg = c->cfg, .v = v, .notice = &fresh };
	int rc;

	string_init(&fresh);
	rc = db_tx(c->db, sign_tx, &s, &c->err);
	string_clear(&fresh);
	notice[0] = '\0';
	if (rc < 0)
		return -1;
	if (s.credited) {
		ledger_accepted(&SANDBOX_PROVIDER, &s.paid, s.already);
		return 0;
	}
	if ((rc = row_get(c->db, "SELECT notice FROM sandbox_payments WHERE order_no = ?", q,
	                  nitems(q), cols, nitems(cols), &c->err)) < 0)
		return -1;
	return rc ? 0 : err_set(&c->err, 500, NULL, "sandbox: payment of %s not on its books",
	                        v->order_no);
}

int ui_sandbox_pay(struct ctx *c)
{
	struct order_view v;
	struct pay_message delivery;
	char notice[NOTICE_MAX], url[RETURN_URL_MAX];

	if (sandbox_order(c, &v) < 0)
		return -1;
	snprintf(url, sizeof url, "/pay/return/%s", v.order_no);
	if (strcmp(v.state, "paid") == 0)
		return ctx_redirect(c, url);
	if (!v.live)
		return err_set(&c->err, 409, strcmp(v.state, "closed") == 0 ? CLOSED : NOT_OPEN,
		               "sandbox pay of order %s (%s)", v.order_no, v.state);
	if (take_payment(c, &v, notice) < 0)
		return -1;
	if (!notice[0])
		return ctx_redirect(c, url);
	/*
	 * An earlier click's notice, delivered again as a notification arriving at
	 * /pay/notify/sandbox would be: verified, then credited.
	 */
	delivery = (struct pay_message){ .body = notice, .len = strlen(notice) };
	if (ledger_accept(c->db, c->cfg, &SANDBOX_PROVIDER, &delivery, &c->err) < 0) {
		/*
		 * The money is taken; the return page asks the provider, so the payer still sees it
		 * paid.
		 */
		log_error("sandbox: delivering the notice for %s failed: %s", v.order_no,
		          c->err.cause);
		err_clear(&c->err);
	}
	return ctx_redirect(c, url);
}

int ui_sandbox_cancel(struct ctx *c)
{
	struct order_view v;
	struct actor a = actor_of(c);
	char url[RETURN_URL_MAX];

	if (sandbox_order(c, &v) < 0 || sponsorship_cancel(c->db, c->cfg, &a, &v, &c->err) < 0)
		return -1;
	if (v.child_code[0] && v.seq == 1)
		snprintf(url, sizeof url, "/sponsor/%s", v.child_code);
	else
		snprintf(url, sizeof url, "/pay/return/%s", v.order_no);
	return ctx_redirect(c, url);
}
