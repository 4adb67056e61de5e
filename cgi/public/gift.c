/*
 * gift.c — the donate form's gift, whatever it is for (the fund, a region, a themed activity, a
 * personal page): an order made from the form and the payer sent to pay it.
 */
#include "public.h"
#include "../core/ledger.h"
#include "../pay/paypages.h"
#include "../session.h"

struct gift {
	const struct config *cfg;
	struct actor         actor;
	struct order_req     req;
	char                 order_no[ORDER_NO_LEN + 1];
};

/* The amount typed in wins over a preset left ticked beside it. */
static const struct field *amount(const struct ctx *c)
{
	return c->f[K_OTHER].present ? &c->f[K_OTHER] : &c->f[K_AMOUNT];
}

static int gift_tx(struct db *db, void *arg, struct err *e)
{
	struct gift *g = arg;

	return ledger_order(db, g->cfg, &g->actor, &g->req, g->order_no, e);
}

int gift_post(struct ctx *c, const struct gift_for *to)
{
	unsigned char vh[VISITOR_HASH_LEN];
	struct gift g = {
		.cfg = c->cfg, .actor = actor_of(c),
		.req = {
			.purpose = to->purpose, .amount_fen = amount(c)->num,
			.visitor_hash = donor_of(c) ? NULL : vh,
			.donor_name = c->f[K_NAME].present ? c->f[K_NAME].str :
			              donor_of(c) ? c->who.name : NULL,
			.anonymous = c->f[K_ANON].present,
			.mobile = c->f[K_MOBILE].present ? c->f[K_MOBILE].str : NULL,
			.message = c->f[K_MESSAGE].present ? c->f[K_MESSAGE].str : NULL,
			.page_id = to->page_id, .activity_id = to->activity_id,
			.target_region = to->target_region, .target_unit = to->target_unit,
		},
	};

	if (!amount(c)->present)
		return err_set(&c->err, 400, "请选择或填写捐赠金额。",
		               "donation without an amount");
	/*
	 * A guest's order belongs to the browser that made it; the CSRF check has made sure it has
	 * a visitor cookie.
	 */
	if (!donor_of(c) && !c->who.has_visitor)
		return err_set(&c->err, 403, NULL, "guest donation without a visitor cookie");
	if (!donor_of(c))
		token_hash(c->who.visitor, vh);
	if (db_tx(c->db, gift_tx, &g, &c->err) < 0)
		return -1;
	return pay_redirect(c, g.order_no);
}
