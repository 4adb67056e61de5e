/*
 * ui-wechat.c — WeChat Pay's cashier, a page of ours: GET /pay/wechat/{order} shows a desktop the
 * Native QR code (GET /pay/wechat/{order}/qr.svg) and sends a phone's browser on to H5.
 */
#include <stdio.h>
#include <string.h>

#include "paypages.h"
#include "wechat.h"
#include "../core/ledger.h"
#include "../html.h"
#include "../page.h"
#include "../qr.h"

/* The order, if this browser may see it and it is WeChat Pay's. */
static int wechat_order(struct ctx *c, struct order_view *v)
{
	if (pay_view(c, c->f[K_ORDER].str, v) < 0)
		return -1;
	if (strcmp(v->provider, WECHAT_PROVIDER.name) != 0)
		return err_set(&c->err, 404, "找不到这笔订单。", "order %s is not WeChat Pay's",
		               v->order_no);
	return 0;
}

/* Order v placed with WeChat Pay, Native or (h5) H5: its code_url or h5_url into url. */
static int prepay(struct ctx *c, const struct order_view *v, int h5, char *url, size_t n)
{
	const struct pay_browser b = {
		.ip = c->req->remote_addr, .phone = c->req->phone, .wechat = c->req->wechat,
	};
	struct pay_order o;

	ledger_pay_order(v, &b, &o);
	return wechat_prepay(c->cfg, &o, h5, url, n, &c->err);
}

/* H5: WeChat Pay's page, which sends the payer back to our return page when done. */
static int send_to_h5(struct ctx *c, const struct order_view *v)
{
	char url[PAY_URL_MAX], back[PAY_URL_MAX];
	STRING to;
	int rc;

	if (prepay(c, v, 1, url, sizeof url) < 0)
		return -1;
	snprintf(back, sizeof back, "%s/pay/return/%s", c->cfg->site_url, v->order_no);
	string_init(&to);
	string_append(&to, url);
	string_append(&to, strchr(url, '?') ? "&redirect_url=" : "?redirect_url=");
	url_encode_to(&to, back);
	rc = to.buf ? ctx_redirect_away(c, to.buf)
	            : err_set(&c->err, 500, NULL, "out of memory for the H5 address");
	string_clear(&to);
	return rc;
}

int ui_wechat(struct ctx *c)
{
	struct order_view v;
	char url[PAY_URL_MAX];

	if (wechat_order(c, &v) < 0)
		return -1;
	if (strcmp(v.state, "paid") == 0) {
		snprintf(url, sizeof url, "/pay/return/%s", v.order_no);
		return ctx_redirect(c, url);
	}
	/*
	 * A phone's browser goes to H5; WeChat's own is not let pay there (JSAPI, not done, is its
	 * way), and gets the QR code, which it can read from the screen by a long press.
	 */
	if (v.live && c->req->phone && !c->req->wechat)
		return send_to_h5(c, &v);
	pay_order_page(c, &v);
	page_set(c, NULL, "Provider.label", WECHAT_PROVIDER.label);
	page_set(c, NULL, "Page.Title", "微信支付");
	c->tmpl = "pay-wechat.cs";
	return 0;
}

int ui_wechat_qr(struct ctx *c)
{
	struct order_view v;
	char code_url[QR_TEXT_MAX + 1];

	if (wechat_order(c, &v) < 0)
		return -1;
	if (!v.live)
		return err_set(&c->err, 404, "这笔订单已经不能支付。", "QR of order %s (%s)",
		               v.order_no, v.state);
	if (prepay(c, &v, 0, code_url, sizeof code_url) < 0 ||
	    ctx_send_qr(c, code_url) < 0)
		return -1;
	/* One order's code, for the browser that may pay it: not for a shared cache. */
	c->cache_control = "private, no-store";
	return 0;
}
