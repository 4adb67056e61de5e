/*
 * ui-refunds.c — GET /admin/refunds: money taken that settled nothing (a child taken by someone
 * else before the payment arrived, an instalment paid twice, a pairing no longer live, a wrong
 * amount, a second transaction), owed back, within scope (a general donation's is the province's);
 * POST /admin/refunds/{id}: give it back through the provider (ledger_refund_owed: requested, sent,
 * done, the donor told, audited); twice is a 409.
 */
#include <stdio.h>

#include "admin.h"
#include "../core/ledger.h"
#include "../core/pairing.h"
#include "../labels.h"
#include "../page.h"
#include "../util.h"

/* The list's query, with the staff member's scope put in. */
#define REFUNDS_SQL_MAX 1024

int ui_admin_refunds(struct ctx *c)
{
	const struct actor staff = actor_of(c);
	struct scope s;
	char sql[REFUNDS_SQL_MAX];
	struct dbp p[1];

	scope_for(&staff, &s);
	p[0] = s.param;
	if (scope_sql(sql, sizeof sql,
	              LEDGER_OWED_SQL("d.id, " RECEIPT_NO_SQL("d.") " AS receipt, d.amount_fen, "
	        "DATE_FORMAT(d.paid_at, '%%Y-%%m-%%d %%H:%%i') AS paid_at, "
	        "COALESCE(o.display_name, d.donor_name, '') AS donor, c.code, c.alias, "
	        "c.county_code AS county, x.state, d.instalment_seq AS seq, d.refund_reason AS why",
	        " ORDER BY d.paid_at, d.id LIMIT 500"), &s) < 0 ||
	    db_query_hdf(c->db, sql, p, nitems(p), c->hdf, "Owed", NULL, &c->err) < 0)
		return -1;
	page_money_rows(c, "Owed", "amount_fen", "amount");
	page_label_rows(c, "Owed", "state", SPONSORSHIP_STATES, "state_label");
	page_region_rows(c, "Owed", "county", "place");
	admin_page(c, "待退款项", "refunds");
	c->tmpl = "admin-refunds.cs";
	return 0;
}

int ui_admin_refund(struct ctx *c)
{
	const struct actor staff = actor_of(c);

	if (ledger_refund_owed(c->db, c->cfg, &staff, c->f[K_ID].num, &c->err) < 0)
		return -1;
	return ctx_redirect(c, "/admin/refunds");
}
