/* ui-pay-next.c — POST /me/sponsorships/{id}/pay: pay the next instalment of a monthly pledge. */
#include "donor.h"
#include "../checkout.h"
#include "../core/ledger.h"
#include "../pay/paypages.h"

int ui_pay_next(struct ctx *c)
{
	char order_no[ORDER_NO_LEN + 1];

	if (checkout_next_order(c, c->f[K_ID].num, order_no) < 0)
		return -1;
	return pay_redirect(c, order_no);
}
