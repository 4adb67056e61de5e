/*
 * ui-batches.c — GET /admin/batches: the payout batches in the staff member's reach (county staff
 * their own, with the form that makes one; city and province those below them, by county), each
 * with its payouts counted by state. POST /admin/batches: county staff make "everyone paired in
 * this county for a period" (core/batches.c); the result page lists the children skipped, and why.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "../core/batches.h"
#include "../labels.h"
#include "../page.h"
#include "../scope.h"
#include "../util.h"

#define BATCHES_SQL_MAX 2048
#define BATCHES_LIMIT   200

int ui_admin_batches(struct ctx *c)
{
	const struct actor a = actor_of(c);
	const char *county;
	struct scope s;
	char sql[BATCHES_SQL_MAX];

	if (admin_county_filter(c, &county) < 0)
		return -1;
	struct dbp p[] = { P_STR(county), P_STR(county), P_NULL, P_INT(BATCHES_LIMIT) };
	scope_for(&a, &s);
	p[2] = s.param;
	/* The scope condition reads a child's place (c.county_code, c.city_code): a batch's county
	 * stands in for it. */
	if (scope_sql(sql, sizeof sql,
	        "SELECT b.id, b.county_code AS county, b.period, b.method, "
	        "DATE_FORMAT(b.created_at, '%%Y-%%m-%%d %%H:%%i') AS created_at, "
	        "COUNT(p.id) AS payouts, "
	        "SUM(p.state IN ('draft','returned')) AS open, "
	        "SUM(p.state = 'submitted') AS submitted, "
	        "SUM(p.state = 'approved') AS approved, SUM(p.state = 'paid') AS paid, "
	        "SUM(p.state = 'failed') AS failed, "
	        "COALESCE(SUM(IF(p.state <> 'cancelled', p.amount_fen, 0)), 0) AS total_fen "
	        "FROM payout_batches b "
	        "JOIN (SELECT code AS county_code, county_city AS city_code FROM regions) c "
	        "ON c.county_code = b.county_code LEFT JOIN payouts p ON p.batch_id = b.id "
	        "WHERE (? = '' OR b.county_code = ?) AND %s GROUP BY b.id "
	        "ORDER BY b.created_at DESC, b.id DESC LIMIT ?", &s) < 0)
		return err_set(&c->err, 500, NULL, "batches query too long");
	if (db_query_hdf(c->db, sql, p, nitems(p), c->hdf, "Batches", NULL, &c->err) < 0)
		return -1;
	page_region_rows(c, "Batches", "county", "place");
	page_label_rows(c, "Batches", "method", PAYOUT_METHODS, "method_label");
	page_money_rows(c, "Batches", "total_fen", "total");
	for (HDF *row = hdf_obj_child(hdf_get_obj(c->hdf, "Batches")); row;
	     row = hdf_obj_next(row)) {
		char text[PERIOD_TEXT_MAX];

		period_code_text(hdf_get_value(row, "period", ""), text, sizeof text);
		page_set(c, row, "period_text", text);
	}
	page_label_list(c, "Methods", PAYOUT_METHODS);
	if (batch_payer(&a))
		page_set(c, NULL, "Payer", "1");
	admin_page(c, "善款发放批次", "payouts");
	c->tmpl = "admin-batches.cs";
	return 0;
}

/* The children a new batch skipped, with the reason each was refused. */
static void skips_page(struct ctx *c, const struct batch_made *m)
{
	char name[sizeof "Skipped..alias" + 3 * sizeof(long)];

	page_setf(c, "Made.made=%ld", m->made);
	page_setf(c, "Made.skipped=%ld", m->skipped);
	page_setf(c, "Made.listed=%ld", m->nskips);
	for (long i = 0; i < m->nskips; i++) {
		page_setf(c, "Skipped.%ld.code=%s", i, m->skips[i].code);
		snprintf(name, sizeof name, "Skipped.%ld.alias", i);
		page_set(c, NULL, name, m->skips[i].alias);
		snprintf(name, sizeof name, "Skipped.%ld.why", i);
		page_set(c, NULL, name, message_text(payout_refusal_key(m->skips[i].why)));
	}
}

int ui_admin_batches_post(struct ctx *c)
{
	const struct actor a = actor_of(c);
	struct batch_made m;
	int rc;

	rc = batch_create(c->db, &a, c->f[K_PERIOD].str, c->f[K_METHOD].str, &m, &c->err);
	if (rc < 0)
		err_at_if(&c->err, "payouts.bad", KEYS[K_PERIOD].name);
	if (rc == 0) {
		skips_page(c, &m);
		/* Nobody could be paid: nothing was made, and the list says why. */
		if (!m.id)
			page_set(c, NULL, "Made.none", "1");
		rc = m.id ? batch_page(c, m.id) : ui_admin_batches(c);
	}
	batch_made_free(&m);
	return rc;
}
