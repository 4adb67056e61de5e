/* ui-pay-next.c — POST /me/sponsorships/{id}/pay: pay the next instalment of a monthly pledge. */
#include "donor.h"
#include "../core/sponsorship.h"
#include "../core/ledger.h"
#include "../pay/paypages.h"

int ui_pay_next(struct ctx *c)
{
	struct actor a = actor_of(c);
	char order_no[ORDER_NO_LEN + 1];
	const char *provider;

	if (pay_pick(c, &provider) < 0 ||
	    sponsorship_next_order(c->db, c->cfg, &a, c->f[K_ID].num, provider, order_no,
	                           &c->err) < 0)
		return -1;
	return pay_redirect(c, order_no);
}
