/*
 * ui-payout.c — GET /admin/payouts/{id}: one payout, its evidence, and the moves its reader may
 * make; POST /admin/payouts/{id}/submit, …/approve, …/return (review_note), …/paid (date,
 * bank_ref), …/cancel, …/retry (core/payouts.c decides who and when).
 */
#include <stdio.h>

#include "admin.h"
#include "../core/payouts.h"
#include "../labels.h"
#include "../money.h"
#include "../page.h"
#include "../util.h"

/* The moves as the page names them (Payout.may_<name>), in enum payout_act order. */
static const char *const ACT_NAMES[PA__MAX] = {
	[PA_SUBMIT] = "submit", [PA_APPROVE] = "approve", [PA_RETURN] = "return",
	[PA_PAID] = "paid", [PA_CANCEL] = "cancel", [PA_RETRY] = "retry", [PA_FILE] = "file",
};

static void payout_page(struct ctx *c, const struct payout *p)
{
	char yuan[32];

	page_setf(c, "Payout.id=%lld", p->id);
	page_set(c, NULL, "Payout.ref", p->ref);
	page_set(c, NULL, "Payout.code", p->code);
	page_set(c, NULL, "Payout.alias", p->alias);
	page_set(c, NULL, "Payout.period_text", p->period_text);
	page_set(c, NULL, "Payout.amount", money_format(p->amount_fen, yuan, sizeof yuan));
	page_set(c, NULL, "Payout.advanced", p->advanced_fen ?
	         money_format(p->advanced_fen, yuan, sizeof yuan) : "");
	page_set(c, NULL, "Payout.method_label", label_of(PAYOUT_METHODS, p->method));
	page_set(c, NULL, "Payout.goods", p->goods);
	page_set(c, NULL, "Payout.state", p->state);
	page_set(c, NULL, "Payout.state_label", label_of(PAYOUT_STATES, p->state));
	if (p->batch_id)
		page_setf(c, "Payout.batch=%lld", p->batch_id);
	page_set(c, NULL, "Payout.paid_on", p->paid_on);
	page_set(c, NULL, "Payout.bank_ref", p->bank_ref);
	page_set(c, NULL, "Payout.fail_reason", p->fail_reason);
	page_set(c, NULL, "Payout.review_note", p->review_note);
	page_set(c, NULL, "Payout.created_by", p->created_by);
	page_set(c, NULL, "Payout.created_at", p->created_at);
	page_set(c, NULL, "Payout.approved_by", p->approved_by);
	page_set(c, NULL, "Payout.approved_at", p->approved_at);
	page_set(c, NULL, "Payout.paid_by", p->paid_by);
	page_set(c, NULL, "Payout.paid_at", p->paid_at);
	for (int i = 0; i < PA__MAX; i++)
		if (p->may & (1u << i))
			page_setf(c, "Payout.may_%s=1", ACT_NAMES[i]);
}

int ui_admin_payout(struct ctx *c)
{
	const struct actor a = actor_of(c);
	struct payout p;
	struct dbp q[] = { P_INT(c->f[K_ID].num) };

	if (payout_read(c->db, &a, c->f[K_ID].num, &p, &c->err) < 0 ||
	    db_query_hdf(c->db, "SELECT name, slot, mime, DATE_FORMAT(created_at, "
	                 "'%Y-%m-%d %H:%i') AS created_at FROM payout_files WHERE payout_id = ? "
	                 "ORDER BY slot", q, nitems(q), c->hdf, "Files", NULL, &c->err) < 0)
		return -1;
	payout_page(c, &p);
	admin_page(c, "发放记录", "payouts");
	c->tmpl = "admin-payout.cs";
	return 0;
}

/* One move on payout {id}, then back to it. */
static int act(struct ctx *c, enum payout_act what, const struct payout_args *args)
{
	const struct actor a = actor_of(c);
	char url[ADMIN_URL_LEN];

	if (payout_act(c->db, &a, c->f[K_ID].num, what, args, &c->err) < 0)
		return -1;
	snprintf(url, sizeof url, "/admin/payouts/%lld", c->f[K_ID].num);
	return ctx_redirect(c, url);
}

int ui_admin_payout_submit(struct ctx *c)
{
	return act(c, PA_SUBMIT, NULL);
}

int ui_admin_payout_approve(struct ctx *c)
{
	return act(c, PA_APPROVE, NULL);
}

int ui_admin_payout_return(struct ctx *c)
{
	const struct payout_args g = { .note = c->f[K_REVIEW_NOTE].str };

	return act(c, PA_RETURN, &g);
}

int ui_admin_payout_paid(struct ctx *c)
{
	const struct payout_args g = {
		.paid_on = c->f[K_DATE].str,
		.bank_ref = c->f[K_BANK_REF].present ? c->f[K_BANK_REF].str : NULL,
	};

	if (act(c, PA_PAID, &g) < 0)
		return err_at_if(&c->err, "payouts.future", KEYS[K_DATE].name);
	return 0;
}

int ui_admin_payout_cancel(struct ctx *c)
{
	return act(c, PA_CANCEL, NULL);
}

int ui_admin_payout_retry(struct ctx *c)
{
	return act(c, PA_RETRY, NULL);
}
