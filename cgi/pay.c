/* pay.c — the registry of payment providers. */
#include <stdio.h>
#include <string.h>

#include "pay.h"
#include "pay/alipay.h"
#include "pay/sandbox.h"
#include "pay/wechat.h"

static const struct pay_provider *const PROVIDERS[] = {
	&SANDBOX_PROVIDER,
	&WECHAT_PROVIDER,
	&ALIPAY_PROVIDER,
	NULL
};

const struct pay_provider *pay_provider(const char *name)
{
	for (int i = 0; PROVIDERS[i]; i++)
		if (strcmp(PROVIDERS[i]->name, name) == 0)
			return PROVIDERS[i];
	return NULL;
}

const struct pay_provider *pay_usable(const struct config *cfg, const char *name)
{
	const struct pay_provider *pv = pay_provider(name);

	return pv && (!pv->demo_only || cfg->demo) ? pv : NULL;
}

const struct pay_provider *pay_default(const struct config *cfg)
{
	return pay_provider(cfg->pay_provider);
}

const struct pay_provider *pay_offered(const struct config *cfg, const char *name)
{
	for (int i = 0; i < cfg->pay_noffered; i++)
		if (strcmp(cfg->pay_offered[i], name) == 0)
			return pay_provider(name);
	return NULL;
}

void pay_refund_no(const char *order_no, char out[PAY_REFUND_NO_MAX + 1])
{
	/* One payment per order, refunded whole: the order's number says which refund this is. */
	snprintf(out, PAY_REFUND_NO_MAX + 1, "R%s", order_no);
}
