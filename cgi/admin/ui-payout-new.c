/*
 * ui-payout-new.c — GET /admin/payouts/new?child=CODE and POST /admin/payouts: county staff make a
 * draft payout for one child, the child's money so far on the form (received, committed, paid out),
 * so that the guard is seen before it is hit; a refusal (unfunded, the period taken, no account) is
 * a 409 page saying why (core/payouts.c).
 */
#include <stdio.h>

#include "admin.h"
#include "../core/payouts.h"
#include "../labels.h"
#include "../money.h"
#include "../page.h"

static void money_set(struct ctx *c, const char *name, long long fen)
{
	char yuan[32];

	page_set(c, NULL, name, money_format(fen, yuan, sizeof yuan));
}

int ui_admin_payout_new(struct ctx *c)
{
	const struct actor a = actor_of(c);
	struct payout_child ch;

	if (payout_child(c->db, &a, c->f[K_CODE].str, &ch, &c->err) < 0)
		return -1;
	page_set(c, NULL, "Child.code", ch.code);
	page_set(c, NULL, "Child.alias", ch.alias);
	page_set(c, NULL, "Child.bank_mask", ch.bank_mask);
	money_set(c, "Child.received", ch.received);
	money_set(c, "Child.committed", ch.committed);
	money_set(c, "Child.paid", ch.paid);
	money_set(c, "Child.advanced", ch.advanced);
	money_set(c, "Child.available", ch.available);
	page_label_list(c, "Methods", PAYOUT_METHODS);
	admin_page(c, "新建发放", "payouts");
	c->tmpl = "admin-payout-new.cs";
	return 0;
}

/* The field a refusal is about, for the form drawn again; NULL: the child, not a field. */
static const char *refused_field(enum payout_refusal why)
{
	switch (why) {
	case PAYOUT_UNFUNDED:
		return KEYS[K_AMOUNT].name;
	case PAYOUT_PERIOD_TAKEN:
		return KEYS[K_PERIOD].name;
	case PAYOUT_NO_ACCOUNT:
		return KEYS[K_METHOD].name;
	default:
		return NULL;
	}
}

int ui_admin_payout_create(struct ctx *c)
{
	const struct actor a = actor_of(c);
	const struct field *f = c->f;
	const struct payout_new n = {
		.period = f[K_PERIOD].str, .amount_fen = f[K_AMOUNT].num,
		.advanced_fen = f[K_ADVANCED].present ? f[K_ADVANCED].num : 0,
		.method = f[K_METHOD].str, .goods = f[K_GOODS].present ? f[K_GOODS].str : NULL,
	};
	enum payout_refusal why;
	char url[ADMIN_URL_LEN];
	long long id;

	if (payout_create(c->db, &a, f[K_CODE].str, &n, &id, &why, &c->err) < 0)
		return -1;
	if (why != PAYOUT_MADE) {
		err_core(&c->err, ERR_CONFLICT, payout_refusal_key(why), "payout of %s for %s "
		         "refused", f[K_CODE].str, n.period);
		return err_at(&c->err, refused_field(why));
	}
	snprintf(url, sizeof url, "/admin/payouts/%lld", id);
	return ctx_redirect(c, url);
}
