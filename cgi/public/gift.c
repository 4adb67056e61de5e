/*
 * gift.c — the donate form's gift, whatever it is for (the fund, a region, a themed activity, a
 * personal page): an order made from the form and the payer sent to pay it.
 */
#include "public.h"
#include "../core/ledger.h"
#include "../pay/paypages.h"
#include "../labels.h"
#include "../page.h"
#include "../session.h"
#include "../util.h"

/* The preset amounts, in yuan: a month, a term's books, a season, a year of one child's support. */
static const char *const PRESETS[] = { "30", "100", "300", "3000" };

/* A donor's name as a public list shows it, masked (mask_name). */
#define MASKED_NAME_MAX 160

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

	if (pay_pick(c, &g.req.provider) < 0)
		return -1;
	if (!amount(c)->present) {
		err_set(&c->err, 400, "请选择或填写捐赠金额。", "donation without an amount");
		return err_at(&c->err, KEYS[K_OTHER].name);
	}
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

/*
 * Names on a public list are masked, and an anonymous donor is 爱心人士, whatever name the receipt
 * carries.
 */
void gift_mask_names(struct ctx *c, const char *prefix)
{
	char buf[MASKED_NAME_MAX];

	for (HDF *row = hdf_obj_child(hdf_get_obj(c->hdf, prefix)); row; row = hdf_obj_next(row)) {
		mask_name(hdf_get_value(row, "donor_name", NULL),
		          hdf_get_int_value(row, "anonymous", 0), buf, sizeof buf);
		page_set(c, row, "donor", buf);
		hdf_remove_tree(row, "donor_name");
	}
}

void gift_form(struct ctx *c)
{
	for (size_t i = 0; i < nitems(PRESETS); i++)
		page_setf(c, "Presets.%zu=%s", i, PRESETS[i]);
	page_set(c, NULL, "Amount", c->f[K_AMOUNT].present ? c->f[K_AMOUNT].str : "100");
	pay_offer(c);
}
