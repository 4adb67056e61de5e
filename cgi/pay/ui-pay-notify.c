/* ui-pay-notify.c — POST /pay/notify/{provider}: a provider's server tells us an order was paid. */
#include <string.h>

#include "paypages.h"
#include "../core/ledger.h"
#include "../request.h"

int ui_pay_notify(struct ctx *c)
{
	const struct pay_provider *pv = pay_usable(c->cfg, c->f[K_PROVIDER].str);
	const struct pay_message m = {
		.body = c->req->body, .len = c->req->body ? strlen(c->req->body) : 0,
		.signature = request_header(c->req, "HTTP_WECHATPAY_SIGNATURE"),
		.timestamp = request_header(c->req, "HTTP_WECHATPAY_TIMESTAMP"),
		.nonce = request_header(c->req, "HTTP_WECHATPAY_NONCE"),
		.serial = request_header(c->req, "HTTP_WECHATPAY_SERIAL"),
	};

	struct err unset;

	if (!pv)
		return err_set(&c->err, 404, NULL, "provider %s is for demo sites only",
		               c->f[K_PROVIDER].str);
	/*
	 * A provider this site neither offers nor has settings for: nobody's notice, not our
	 * trouble (one no longer offered but still set up takes its late notices).
	 */
	if (!pay_offered(c->cfg, pv->name) && pv->check && pv->check(c->cfg, &unset) < 0)
		return err_set(&c->err, 404, NULL, "provider %s is not set up here", pv->name);
	/*
	 * Refusals are logged by the worker with their cause (forged, unknown order, wrong amount)
	 * and change nothing.
	 */
	if (ledger_accept(c->db, c->cfg, pv, &m, &c->err) < 0)
		return -1;
	c->body = pv->ack;
	return 0;
}
