/*
 * paypages.h — handlers of the payment pages: the sandbox provider's own pages, and those every
 * provider shares.
 */
#ifndef TX_PAYPAGES_H
#define TX_PAYPAGES_H

#include "../ctx.h"

int ui_sandbox(struct ctx *c);         /* GET /pay/sandbox/{order}           ui-sandbox.c */
int ui_sandbox_pay(struct ctx *c);     /* POST /pay/sandbox/{order}/pay      ui-sandbox.c */
int ui_sandbox_cancel(struct ctx *c);  /* POST /pay/sandbox/{order}/cancel   ui-sandbox.c */
int ui_pay_notify(struct ctx *c);      /* POST /pay/notify/{provider}        ui-pay-notify.c */
int ui_pay_return(struct ctx *c);      /* GET /pay/return/{order}            ui-pay-return.c */

/*
 * A provider's payment page's address, as its create() writes it: Alipay's carries the whole signed
 * request in its query.
 */
#define PAY_URL_MAX 4096

/* The order's stored facts as Order.* page data, for the sandbox and return pages. */
struct order_view;
void pay_order_page(struct ctx *c, const struct order_view *v);

/*
 * The order numbered order_no, if this browser may see it (its donor, or for a guest order the
 * browser that made it); else a 404, as if it did not exist.
 */
int pay_view(struct ctx *c, const char *order_no, struct order_view *v);

/*
 * The providers the site offers, for a form that starts a payment (pay_choice in fields.cs):
 * Pay.Offered.N.name and .label in order, and Pay.Picked, the one ticked (the posted pick when the
 * form comes back refused, else the first).
 */
void pay_offer(struct ctx *c);

/*
 * The provider the payer picked on the form (`provider`), which the site must offer: its name in
 * *name, or NULL for the site's default when the form had none. A provider not offered is a 400.
 */
int pay_pick(struct ctx *c, const char **name);

/* Send the browser to the order's provider to pay it. */
int pay_redirect(struct ctx *c, const char *order_no);

/* The same for order v, known already (its number, purpose, amount, provider, expiry). */
int pay_redirect_to(struct ctx *c, const struct order_view *v);

#endif
