/*
 * ui-offline.c — GET/POST /admin/offline: one offline gift (bank transfer, cash, cheque) entered
 * by staff, with its receipt; GET/POST /admin/offline/import: a CSV batch checked, nothing
 * written, the file kept in the stash; POST /admin/offline/import/{upload}: that batch written
 * whole (core/offline.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "admin.h"
#include "../core/offline.h"
#include "../labels.h"
#include "../money.h"
#include "../page.h"
#include "../scope.h"
#include "../stash.h"

#define FORM_KEY_BYTES 16

/* The form's choices: channels, counties and member units in reach, activities; a fresh key. */
static int form_page(struct ctx *c)
{
	const struct actor a = actor_of(c);
	unsigned char key[FORM_KEY_BYTES];
	char hex[FORM_KEY_BYTES * 2 + 1];
	HDF *u, *next;
	char name[32];

	randombytes_buf(key, sizeof key);
	sodium_bin2hex(hex, sizeof hex, key, sizeof key);
	page_set(c, NULL, "FormKey", hex);
	page_label_list(c, "Channels", OFFLINE_CHANNELS);
	/* a refused gift's county stays chosen (form_again) */
	admin_county_options(c, c->f[K_TARGET].present ? c->f[K_TARGET].str : NULL);
	if (db_query_hdf(c->db, "SELECT id, name, region_code AS region FROM member_units "
	                 "ORDER BY region_code, id", NULL, 0, c->hdf, "Units", NULL, &c->err) < 0 ||
	    db_query_hdf(c->db, "SELECT slug, title FROM activities WHERE state <> 'draft' "
	                 "ORDER BY starts_on DESC", NULL, 0, c->hdf, "Activities", NULL,
	                 &c->err) < 0)
		return -1;
	/* Only the units the staff member may direct a gift to. */
	for (u = hdf_obj_child(hdf_get_obj(c->hdf, "Units")); u; u = next) {
		next = hdf_obj_next(u);
		snprintf(name, sizeof name, "Units.%s", hdf_obj_name(u));
		if (!scope_reaches_region(&a, hdf_get_value(u, "region", "")))
			hdf_remove_tree(c->hdf, name);
	}
	admin_unit_groups(c, "Units", "UnitGroups");
	admin_page(c, "登记线下捐赠", "offline");
	c->tmpl = "admin-offline.cs";
	return 0;
}

int ui_admin_offline(struct ctx *c)
{
	return form_page(c);
}

static const char *opt(const struct field *f)
{
	return f->present ? f->str : NULL;
}

int ui_admin_offline_post(struct ctx *c)
{
	const struct field *f = c->f;
	const struct actor a = actor_of(c);
	const char *target = opt(&f[K_TARGET]);
	struct offline_gift g = {
		.channel = f[K_CHANNEL].str, .paid_on = f[K_DATE].str,
		.amount_fen = f[K_AMOUNT].num, .donor_name = opt(&f[K_NAME]),
		.anonymous = f[K_ANON].present, .message = opt(&f[K_MESSAGE]),
		.bank_ref = opt(&f[K_BANK_REF]), .form_key = f[K_FORM_KEY].str,
		.slug = opt(&f[K_SLUG]),
		.unit = target && target[0] == 'u' ? f[K_TARGET].num : 0,
		.target_region = target && target[0] != 'u' && strcmp(target, "all") != 0 ?
		                 target : NULL,
	};
	struct offline_done d;
	char buf[MONEY_TEXT_MAX];

	if (!g.bank_ref && strcmp(g.channel, "cash") != 0) {
		err_set(&c->err, 400, "银行转账和支票须填写银行流水号或支票号。",
		        "offline %s gift without a reference", g.channel);
		return err_at(&c->err, KEYS[K_BANK_REF].name);
	}
	if (offline_gift(c->db, &a, &g, &d, &c->err) < 0) {
		err_at_if(&c->err, "offline.date", KEYS[K_DATE].name);
		return err_at_if(&c->err, "offline.ref_taken", KEYS[K_BANK_REF].name);
	}
	page_set(c, NULL, "Done.receipt_no", d.receipt_no);
	page_set(c, NULL, "Done.receipt_code", d.receipt_code);
	page_setf(c, "Done.again=%d", d.again);
	page_set(c, NULL, "Done.amount", money_format(g.amount_fen, buf, sizeof buf));
	page_set(c, NULL, "Done.channel", label_of(OFFLINE_CHANNELS, g.channel));
	return form_page(c);
}

/* ---- a batch ---- */

int ui_admin_offline_import(struct ctx *c)
{
	for (int k = 0; k < O__MAX; k++)
		page_setf(c, "Columns.%d=%s", k, OFFLINE_COLUMNS[k]);
	page_setf(c, "Limits.rows=%d", OFFLINE_MAX_ROWS);
	admin_page(c, "批量登记线下捐赠", "offline");
	c->tmpl = "admin-offline-import.cs";
	return 0;
}

/* Check (apply 0) or write a batch as the signed-in staff member; the report goes on the page. */
static int run(struct ctx *c, const char *data, size_t len, int apply,
               struct offline_report *rep)
{
	const struct actor a = actor_of(c);
	char buf[MONEY_TEXT_MAX];
	long kept;

	if (offline_import(c->db, &a, data, len, apply, rep, &c->err) < 0)
		return -1;
	page_setf(c, "Report.rows=%ld", rep->rows);
	page_setf(c, "Report.good=%ld", rep->good);
	page_setf(c, "Report.problems=%ld", rep->nproblems);
	page_setf(c, "Report.applied=%d", rep->applied);
	page_set(c, NULL, "Report.total", money_format(rep->fen, buf, sizeof buf));
	kept = rep->nproblems < OFFLINE_PROBLEMS_MAX ? rep->nproblems : OFFLINE_PROBLEMS_MAX;
	for (long i = 0; i < kept; i++) {
		page_setf(c, "Report.Rows.%ld.line=%ld", i, rep->problems[i].line);
		page_setf(c, "Report.Rows.%ld.column=%s", i, rep->problems[i].column);
		page_setf(c, "Report.Rows.%ld.why=%s", i, rep->problems[i].why);
	}
	return 0;
}

int ui_admin_offline_import_post(struct ctx *c)
{
	struct offline_report rep;
	char id[STASH_ID_LEN + 1];
	int rc;

	if (!c->req->upload || c->req->upload_len == 0)
		return err_set(&c->err, 400, "请选择要上传的捐赠明细文件（CSV）。",
		               "offline import without a file");
	stash_sweep(c->cfg);
	rc = run(c, c->req->upload, c->req->upload_len, 0, &rep);
	/* A clean file waits for the staff member's confirmation. */
	if (rc == 0 && rep.nproblems == 0 && rep.good > 0 &&
	    (rc = stash_put(c->cfg, c->who.id, c->req->upload, c->req->upload_len, id,
	                    &c->err)) == 0)
		page_set(c, NULL, "Report.upload", id);
	offline_report_free(&rep);
	return rc < 0 ? -1 : ui_admin_offline_import(c);
}

/* What writing the stashed batch needs. */
struct applying {
	struct ctx            *c;
	struct offline_report  rep;
};

static int apply_stashed(void *arg, const char *data, size_t len)
{
	struct applying *x = arg;

	return run(x->c, data, len, 1, &x->rep);
}

int ui_admin_offline_import_apply(struct ctx *c)
{
	struct applying x = { .c = c };
	int rc = stash_use(c->cfg, c->who.id, c->f[K_UPLOAD].str, apply_stashed, &x, &c->err);

	offline_report_free(&x.rep);
	return rc < 0 ? -1 : ui_admin_offline_import(c);
}
