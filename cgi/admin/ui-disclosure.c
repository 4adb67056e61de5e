/*
 * ui-disclosure.c — GET /admin/disclosure: the fundraising items in reach whose progress update or
 * final report falls due within DISCLOSURE_AHEAD_DAYS or is overdue (the 3-month rule,
 * core/disclosure.h); for the province, the documents and the forms to upload a PDF (POST
 * /admin/disclosure/docs, into Disclosure.Dir) and to post a programme update (POST
 * /admin/disclosure/updates).
 */
#include <string.h>

#include "admin.h"
#include "../core/disclosure.h"
#include "../labels.h"
#include "../page.h"
#include "../scope.h"
#include "../util.h"

#define DUE_SQL \
	"SELECT i.kind, i.id, i.ref, i.title, i.region, i.final, i.last_update, i.due_on, " \
	"i.due_on < CURDATE() AS overdue FROM (" DISCLOSURE_ITEMS_SQL ") i " \
	"LEFT JOIN regions rg ON rg.code = i.region " \
	"WHERE i.due_on <= CURDATE() + INTERVAL ? DAY AND %s ORDER BY i.due_on, i.kind, i.id"

int ui_admin_disclosure(struct ctx *c)
{
	const struct actor staff = actor_of(c);
	struct scope s;
	char sql[sizeof DUE_SQL + SCOPE_SQL_LEN];

	scope_for_region(&staff, &s);
	struct dbp p[] = { P_INT(DISCLOSURE_AHEAD_DAYS), s.param };
	if (scope_sql(sql, sizeof sql, DUE_SQL, &s) < 0)
		return err_set(&c->err, 500, NULL, "disclosure query too long");
	if (db_query_hdf(c->db, sql, p, nitems(p), c->hdf, "Due", NULL, &c->err) < 0)
		return -1;
	page_region_rows(c, "Due", "region", "place");
	page_setf(c, "Disclosure.ahead=%d", DISCLOSURE_AHEAD_DAYS);
	if (strcmp(staff.role, "province") == 0) {
		if (db_query_hdf(c->db, "SELECT d.kind, d.title, d.name, d.bytes, "
		                 "DATE_FORMAT(d.uploaded_at, '%Y-%m-%d %H:%i') AS at, "
		                 "a.title AS activity FROM disclosure_docs d "
		                 "LEFT JOIN activities a ON a.id = d.activity_id "
		                 "ORDER BY d.uploaded_at DESC, d.id DESC LIMIT 50", NULL, 0, c->hdf,
		                 "Docs", NULL, &c->err) < 0)
			return -1;
		page_label_rows(c, "Docs", "kind", DOC_KINDS, "kind_label");
		page_label_list(c, "DocKinds", DOC_KINDS);
		page_set(c, NULL, "Disclosure.province", "1");
	}
	admin_page(c, "信息公开", "disclosure");
	c->tmpl = "admin-disclosure.cs";
	return 0;
}

int ui_admin_disclosure_doc(struct ctx *c)
{
	const struct actor staff = actor_of(c);
	const struct disclosure_doc d = {
		.kind = c->f[K_DKIND].str, .title = c->f[K_TITLE].str,
		.slug = c->f[K_SLUG].present ? c->f[K_SLUG].str : NULL,
		.data = c->req->upload, .len = c->req->upload ? c->req->upload_len : 0,
	};
	char name[DISCLOSURE_NAME_LEN + 1];

	if (disclosure_doc_add(c->db, hdf_get_value(c->cfg->hdf, "Disclosure.Dir",
	                                            DISCLOSURE_DIR_DEFAULT),
	                       &staff, &d, name, &c->err) < 0)
		return -1;
	return ctx_redirect(c, "/admin/disclosure");
}

int ui_admin_disclosure_update(struct ctx *c)
{
	const struct actor staff = actor_of(c);

	if (disclosure_update(c->db, &staff, c->f[K_TEXT].str, &c->err) < 0)
		return -1;
	return ctx_redirect(c, "/admin/disclosure");
}
