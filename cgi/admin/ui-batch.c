/*
 * ui-batch.c — GET /admin/batches/{id}: one payout batch, its payouts counted and summed by state
 * and listed (failed ones first, kept in sight until sent again or cancelled), with what the
 * reader may do: county staff submit it, export its approved bank transfers for the bank (UTF-8
 * with a BOM, or GBK) and read back the bank's result file; city staff (the province for any
 * city) approve it. POST …/submit, …/approve, …/export, …/results (core/batches.c, bankfile.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "admin.h"
#include "../core/bankfile.h"
#include "../core/batches.h"
#include "../html.h"
#include "../labels.h"
#include "../page.h"
#include "../regions.h"
#include "../util.h"

#define BATCH_ROWS_SHOWN 2000
#define AMOUNT_TEXT_LEN  32

/* The batch's sums by state, as Sums.N (state, label, count, total) for the states it has. */
static void sums_page(struct ctx *c, const struct batch *b)
{
	int n = 0;

	for (int s = 0; s < PO__MAX; s++) {
		const char *state = ENTITIES[ENT_PAYOUT].states[s];

		if (!b->count[s])
			continue;
		page_setf(c, "Sums.%d.state=%s", n, state);
		page_setf(c, "Sums.%d.label=%s", n, label_of(PAYOUT_STATES, state));
		page_setf(c, "Sums.%d.count=%ld", n, b->count[s]);
		page_setf(c, "Sums.%d.total_fen=%lld", n, b->sum_fen[s]);
		n++;
	}
	page_money_rows(c, "Sums", "total_fen", "total");
}

/* What the reader may do now: the buttons the page shows. */
static void actions_page(struct ctx *c, const struct batch *b)
{
	int bank = strcmp(b->method, "bank") == 0;

	if (b->may_submit && b->count[PO_DRAFT] + b->count[PO_RETURNED] > 0)
		page_set(c, NULL, "Batch.may_submit", "1");
	if (b->may_approve && b->count[PO_SUBMITTED] > 0)
		page_set(c, NULL, "Batch.may_approve", "1");
	if (b->may_pay && bank && b->count[PO_APPROVED] > 0)
		page_set(c, NULL, "Batch.may_export", "1");
	if (b->may_pay && bank && b->count[PO_APPROVED] + b->count[PO_PAID] +
	                          b->count[PO_FAILED] > 0)
		page_set(c, NULL, "Batch.may_results", "1");
}

int batch_page(struct ctx *c, long long id)
{
	const struct actor a = actor_of(c);
	struct batch b;
	struct dbp p[] = { P_INT(id), P_INT(BATCH_ROWS_SHOWN) };
	const struct region *r;
	char text[PERIOD_TEXT_MAX];

	if (batch_read(c->db, &a, id, &b, &c->err) < 0)
		return -1;
	page_setf(c, "Batch.id=%lld", b.id);
	page_set(c, NULL, "Batch.place", (r = region_get(b.county)) ? r->name : b.county);
	period_code_text(b.period, text, sizeof text);
	page_set(c, NULL, "Batch.period_text", text);
	page_set(c, NULL, "Batch.method_label", label_of(PAYOUT_METHODS, b.method));
	page_set(c, NULL, "Batch.created_at", b.created_at);
	page_set(c, NULL, "Batch.exported_at", b.exported_at);
	sums_page(c, &b);
	actions_page(c, &b);
	if (db_query_hdf(c->db, "SELECT p.id, p.ref, c.code, c.alias, "
	                 "COALESCE(c.bank_mask, '') AS mask, "
	                 "p.amount_fen, p.advanced_fen, p.state, COALESCE(p.fail_reason, '') AS "
	                 "fail_reason, COALESCE(DATE_FORMAT(p.paid_on, '%Y-%m-%d'), '') AS paid_on "
	                 "FROM payouts p JOIN children c ON c.id = p.child_id WHERE p.batch_id = ? "
	                 "ORDER BY p.state <> 'failed', p.id LIMIT ?", p, nitems(p), c->hdf,
	                 "Payouts", NULL, &c->err) < 0)
		return -1;
	page_money_rows(c, "Payouts", "amount_fen", "amount");
	page_label_rows(c, "Payouts", "state", PAYOUT_STATES, "state_label");
	page_setf(c, "Batch.shown=%d", BATCH_ROWS_SHOWN);
	admin_page(c, "发放批次", "payouts");
	c->tmpl = "admin-batch.cs";
	return 0;
}

int ui_admin_batch(struct ctx *c)
{
	return batch_page(c, c->f[K_ID].num);
}

static int moved_to_page(struct ctx *c, int rc)
{
	char url[ADMIN_URL_LEN];

	if (rc < 0)
		return -1;
	snprintf(url, sizeof url, "/admin/batches/%lld", c->f[K_ID].num);
	return ctx_redirect(c, url);
}

int ui_admin_batch_submit(struct ctx *c)
{
	const struct actor a = actor_of(c);
	unsigned long long n;

	return moved_to_page(c, batch_submit(c->db, &a, c->f[K_ID].num, &n, &c->err));
}

int ui_admin_batch_approve(struct ctx *c)
{
	const struct actor a = actor_of(c);
	unsigned long long n;

	return moved_to_page(c, batch_approve(c->db, &a, c->f[K_ID].num, &n, &c->err));
}

/* The bank's columns, in order; the amount in yuan with two decimals and no separators. */
static const char *const BANK_COLS[] = { "发放编号", "户名", "账号", "金额（元）", "开户行" };

static void bank_csv(STRING *out, const struct bank_export *x)
{
	char amount[AMOUNT_TEXT_LEN];

	for (size_t i = 0; i < nitems(BANK_COLS); i++)
		csv_field_to(out, BANK_COLS[i], i == nitems(BANK_COLS) - 1);
	for (long i = 0; i < x->n; i++) {
		const struct bank_line *l = &x->v[i];

		snprintf(amount, sizeof amount, "%lld.%02lld", l->amount_fen / 100,
		         l->amount_fen % 100);
		csv_field_to(out, l->ref, 0);
		csv_field_to(out, l->holder, 0);
		csv_field_to(out, l->number, 0);
		csv_field_to(out, amount, 0);
		csv_field_to(out, l->bank, 1);
	}
}

/* The UTF-8 sheet in c->built made GBK, in place; the UTF-8 copy wiped. */
static int to_gbk(struct ctx *c)
{
	char *gbk;
	size_t len;

	if (bankfile_gbk(c->built.buf, (size_t)c->built.len, &gbk, &len, &c->err) < 0)
		return -1;
	sodium_memzero(c->built.buf, (size_t)c->built.len);
	string_clear(&c->built);
	string_appendn(&c->built, gbk, (int)len);
	sodium_memzero(gbk, len);
	free(gbk);
	return 0;
}

int ui_admin_batch_export(struct ctx *c)
{
	const struct actor a = actor_of(c);
	long long id = c->f[K_ID].num;
	int gbk = strcmp(c->f[K_ENCODING].str, "gbk") == 0;
	struct bank_export x;
	int rc;

	rc = bankfile_export(c->db, c->cfg, &a, id, &x, &c->err);
	if (rc == 0) {
		/* Excel on Chinese Windows reads UTF-8 by its BOM; a bank's GBK upload has none. */
		if (!gbk)
			string_append(&c->built, CSV_BOM);
		bank_csv(&c->built, &x);
		rc = gbk ? to_gbk(c) : 0;
	}
	bank_export_free(&x);
	if (rc < 0)
		return -1;
	ctx_header(c, "Content-Disposition: attachment; filename=\"batch-%lld-%s.csv\"", id,
	           gbk ? "gbk" : "utf8");
	c->ctype = gbk ? "text/csv; charset=gbk" : "text/csv; charset=utf-8";
	c->cache_control = "no-store";
	return 0;
}

/* Every line of the result file with what became of it, as Results.N. */
static void report_page(struct ctx *c, const struct bank_report *rep)
{
	page_setf(c, "Report.lines=%ld", rep->lines);
	page_setf(c, "Report.paid=%ld", rep->paid);
	page_setf(c, "Report.failed=%ld", rep->failed);
	page_setf(c, "Report.unchanged=%ld", rep->unchanged);
	page_setf(c, "Report.refused=%ld", rep->refused);
	for (long i = 0; i < rep->n; i++) {
		const struct bank_result *r = &rep->v[i];

		page_setf(c, "Results.%ld.line=%ld", i, r->line);
		page_setf(c, "Results.%ld.ref=%s", i, r->ref);
		if (r->outcome == BANK_PAID || r->outcome == BANK_FAILED)
			page_setf(c, "Results.%ld.applied=1", i);
		page_setf(c, "Results.%ld.text=%s", i, message_text(bank_outcome_key(r->outcome)));
		if (r->state[0] && (r->outcome == BANK_NOT_APPROVED || r->outcome == BANK_ALREADY))
			page_setf(c, "Results.%ld.state_label=%s", i,
			          label_of(PAYOUT_STATES, r->state));
	}
}

int ui_admin_batch_results(struct ctx *c)
{
	const struct actor a = actor_of(c);
	struct bank_report rep;
	int rc;

	if (!c->req->upload || c->req->upload_len == 0)
		return err_set(&c->err, 400, "请选择银行返回的结果文件（CSV）。",
		               "results without a file");
	rc = bankfile_results(c->db, &a, c->f[K_ID].num, c->req->upload, c->req->upload_len, &rep,
	                      &c->err);
	if (rc == 0)
		report_page(c, &rep);
	bank_report_free(&rep);
	return rc < 0 ? -1 : batch_page(c, c->f[K_ID].num);
}
