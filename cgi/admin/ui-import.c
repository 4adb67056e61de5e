/*
 * ui-import.c — GET/POST /admin/import: upload the ledger CSV and see it checked, nothing written;
 * the checked file waits, sealed, in the stash. POST /admin/import/{upload}: import that file, as
 * the report showed it (re-checked against the records as they are then), in one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sodium.h>

#include "admin.h"
#include "../core/import.h"
#include "../page.h"
#include "../stash.h"

int ui_admin_import(struct ctx *c)
{
	for (int k = 0; k < L__MAX; k++)
		page_setf(c, "Columns.%d=%s", k, LEDGER_COLUMNS[k]);
	admin_page(c, "导入台账", "import");
	c->tmpl = "admin-import.cs";
	return 0;
}

/*
 * The report's rows: the rejected with their reasons, and those on record elsewhere that a check
 * told of.
 */
static void report_rows(struct ctx *c, const struct import_report *rep)
{
	char name[sizeof "Report.Rejects..line" + 3 * sizeof(long)];

	for (long i = 0; i < rep->nrejects; i++) {
		page_setf(c, "Report.Rejects.%ld.line=%ld", i, rep->rejects[i].line);
		snprintf(name, sizeof name, "Report.Rejects.%ld.why", i);
		page_set(c, NULL, name, rep->rejects[i].why);
	}
	for (long i = 0; i < rep->ntold; i++)
		page_setf(c, "Report.Elsewhere.%ld.line=%ld", i, rep->told[i]);
}

/* Check (apply 0) or import data as the signed-in staff member; the report goes on the page. */
static int run(struct ctx *c, const char *data, size_t len, int apply, struct import_report *rep)
{
	struct actor a = actor_of(c);

	if (import_ledger(c->db, c->cfg, &a, data, len, apply, rep, NULL, NULL, &c->err) < 0)
		return -1;
	page_setf(c, "Report.rows=%ld", rep->rows);
	page_setf(c, "Report.added=%ld", rep->added);
	page_setf(c, "Report.updated=%ld", rep->updated);
	page_setf(c, "Report.unchanged=%ld", rep->unchanged);
	page_setf(c, "Report.rejected=%ld", rep->rejected);
	page_setf(c, "Report.applied=%d", rep->applied);
	page_setf(c, "Report.withheld=%d", rep->withheld);
	page_setf(c, "Report.elsewhere=%ld", rep->elsewhere);
	page_setf(c, "Report.outside=%ld", rep->added + rep->elsewhere);
	report_rows(c, rep);
	return 0;
}

/*
 * Whether a checked file has anything to import. Rows not told apart count whether new or not:
 * offering no import only when they all are on record elsewhere would tell just that.
 */
static int writable(const struct import_report *rep)
{
	return rep->added + rep->updated + (rep->withheld ? rep->elsewhere : 0) > 0;
}

int ui_admin_import_post(struct ctx *c)
{
	struct import_report rep;
	char id[STASH_ID_LEN + 1];
	int rc;

	if (!c->req->upload || c->req->upload_len == 0)
		return err_set(&c->err, 400, "请选择要上传的台账文件（CSV）。",
		               "import without a file");
	stash_sweep(c->cfg);
	rc = run(c, c->req->upload, c->req->upload_len, 0, &rep);
	/* Something to write: the file waits for the staff member's confirmation. */
	if (rc == 0 && writable(&rep) &&
	    (rc = stash_put(c->cfg, c->who.id, c->req->upload, c->req->upload_len, id,
	                    &c->err)) == 0)
		page_set(c, NULL, "Report.upload", id);
	import_report_free(&rep);
	return rc < 0 ? -1 : ui_admin_import(c);
}

/* What importing the stashed file needs. */
struct applying {
	struct ctx           *c;
	struct import_report  rep;
};

static int apply_stashed(void *arg, const char *data, size_t len)
{
	struct applying *x = arg;

	return run(x->c, data, len, 1, &x->rep);
}

int ui_admin_import_apply(struct ctx *c)
{
	struct applying x = { .c = c };
	int rc = stash_use(c->cfg, c->who.id, c->f[K_UPLOAD].str, apply_stashed, &x, &c->err);

	import_report_free(&x.rep);
	return rc < 0 ? -1 : ui_admin_import(c);
}
