/*
 * ui-pay-return.c — GET /pay/return/{order}: where the payer lands after paying; shows the order as
 * we recorded it. Also the payment pages' shared part: an order as this browser may see it, and
 * sending the browser to pay it.
 */
#include <string.h>

#include "paypages.h"
#include "../core/ledger.h"
#include "../log.h"
#include "../money.h"
#include "../page.h"
#include "../session.h"

int pay_view(struct ctx *c, const char *order_no, struct order_view *v)
{
	const struct actor a = actor_of(c);
	unsigned char vh[VISITOR_HASH_LEN];

	if (c->who.has_visitor)
		token_hash(c->who.visitor, vh);
	return ledger_order_view(c->db, &a, c->who.has_visitor ? vh : NULL, order_no, v, &c->err);
}

void pay_offer(struct ctx *c)
{
	const struct field *f = &c->f[K_PROVIDER];

	for (int i = 0; i < c->cfg->pay_noffered; i++) {
		const struct pay_provider *pv = pay_provider(c->cfg->pay_offered[i]);

		page_setf(c, "Pay.Offered.%d.name=%s", i, pv->name);
		page_setf(c, "Pay.Offered.%d.label=%s", i, pv->label);
	}
	page_set(c, NULL, "Pay.Picked",
	         f->present && pay_offered(c->cfg, f->str) ? f->str : c->cfg->pay_provider);
}

int pay_pick(struct ctx *c, const char **name)
{
	const struct field *f = &c->f[K_PROVIDER];

	*name = NULL;
	if (!f->present)
		return 0;
	if (!pay_offered(c->cfg, f->str)) {
		err_set(&c->err, 400, "本站未开通这种支付方式，请另选一种。",
		        "provider %s is not offered", f->str);
		return err_at(&c->err, KEYS[K_PROVIDER].name);
	}
	*name = f->str;
	return 0;
}

int pay_redirect_to(struct ctx *c, const struct order_view *v)
{
	const struct pay_browser b = {
		.ip = c->req->remote_addr, .phone = c->req->phone, .wechat = c->req->wechat,
	};
	char url[PAY_URL_MAX];
	int local;

	if (ledger_pay_url(c->cfg, v, &b, url, sizeof url, &local, &c->err) < 0)
		return -1;
	return local ? ctx_redirect(c, url) : ctx_redirect_away(c, url);
}

int pay_redirect(struct ctx *c, const char *order_no)
{
	struct order_view v;

	return pay_view(c, order_no, &v) < 0 ? -1 : pay_redirect_to(c, &v);
}

/*
 * The order's facts for the page, from what is stored: the browser's word that it paid counts for
 * nothing.
 */
void pay_order_page(struct ctx *c, const struct order_view *v)
{
	char buf[MONEY_TEXT_MAX];

	page_set(c, NULL, "Order.no", v->order_no);
	page_set(c, NULL, "Order.state", v->state);
	page_set(c, NULL, "Order.live", v->live ? "1" : "0");
	page_set(c, NULL, "Order.purpose", v->purpose);
	page_set(c, NULL, "Order.amount", money_format(v->amount_fen, buf, sizeof buf));
	page_set(c, NULL, "Order.expires_at", v->expires_at);
	page_set(c, NULL, "Order.receipt_no", v->receipt_no);
	page_set(c, NULL, "Order.receipt_code", v->receipt_code);
	page_set(c, NULL, "Order.child", v->child_code);
	page_setf(c, "Order.seq=%d", v->seq);
	page_setf(c, "Order.refund_due=%d", v->refund_due);
	page_set(c, NULL, "Order.refund_reason", v->refund_reason);
}

int ui_pay_return(struct ctx *c)
{
	/*
	 * The provider is asked by the system on the payer's behalf: what it says is paid is
	 * credited.
	 */
	const struct actor sys = actor_system("pay-return");
	struct order_view v;
	int paid = 0;

	if (pay_view(c, c->f[K_ORDER].str, &v) < 0)
		return -1;
	/*
	 * Not paid as far as we know: ask the provider rather than tell someone who paid that they
	 * did not. The notice may be late, or lost, and the order may have lapsed in the meantime.
	 */
	if (strcmp(v.state, "paid") != 0 &&
	    ledger_settle(c->db, c->cfg, &sys, v.provider, v.order_no, &paid, &c->err) < 0) {
		/*
		 * The provider out of reach (a network provider's gateway): the order as stored,
		 * which says to refresh; the next visit, the notice or the sweep settles it.
		 */
		if (c->err.kind != ERR_BUSY)
			return -1;
		log_warn("pay return %s: %s", v.order_no, c->err.cause);
		err_clear(&c->err);
		paid = 0;
	}
	if (strcmp(v.state, "paid") != 0 && paid && pay_view(c, c->f[K_ORDER].str, &v) < 0)
		return -1;
	pay_order_page(c, &v);
	page_set(c, NULL, "Page.Title", "支付结果");
	c->tmpl = "pay-return.cs";
	return 0;
}
