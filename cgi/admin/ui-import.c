/* ui-import.c — GET/POST /admin/import: upload the ledger CSV; check it (a dry run), or check and apply it. */
#include <stdio.h>

#include "admin.h"
#include "../import.h"
#include "../page.h"

int ui_admin_import(struct ctx *c)
{
	for (int k = 0; k < L__MAX; k++)
		page_setf(c, "Columns.%d=%s", k, LEDGER_COLUMNS[k]);
	admin_page(c, "导入台账", "import");
	c->tmpl = "admin-import.cs";
	return 0;
}

int ui_admin_import_post(struct ctx *c)
{
	struct import_report rep;
	NEOERR *nerr;
	int apply = c->f[K_APPLY].present;

	if (!c->req->upload || c->req->upload_len == 0)
		return err_set(&c->err, 400, "请选择要上传的台账文件（CSV）。", "import without a file");
	if (import_ledger(c->db, c->cfg, c, c->req->upload, c->req->upload_len, apply, &rep, NULL, NULL, &c->err) < 0) {
		import_report_free(&rep);
		return -1;
	}
	page_setf(c, "Report.rows=%ld", rep.rows);
	page_setf(c, "Report.added=%ld", rep.added);
	page_setf(c, "Report.updated=%ld", rep.updated);
	page_setf(c, "Report.unchanged=%ld", rep.unchanged);
	page_setf(c, "Report.rejected=%ld", rep.rejected);
	page_setf(c, "Report.applied=%d", rep.applied);
	nerr = hdf_get_obj(rep.rejects, "Rejects") ? hdf_copy(c->hdf, "Report", rep.rejects) : NULL;
	import_report_free(&rep);
	if (nerr)
		return err_neo(&c->err, nerr, "import report");
	return ui_admin_import(c);
}
