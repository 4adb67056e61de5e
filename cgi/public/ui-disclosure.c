/*
 * ui-disclosure.c — GET /disclosure (信息公开): the charity's block (Charity.*, on every page),
 * the programme's filed plan and 备案编号, each activity's, the documents (PDFs nginx serves from
 * /files/disclosure/), the programme's progress updates, each running item's last update, and the
 * link to 收支明细. Not cached: a new document or update shows at once.
 */
#include "public.h"
#include "../core/disclosure.h"
#include "../labels.h"
#include "../page.h"
#include "../util.h"

/* The newest documents and programme updates the page lists. */
#define DOCS_SHOWN    100
#define UPDATES_SHOWN 20

int ui_disclosure(struct ctx *c)
{
	struct dbp docs[] = { P_INT(DOCS_SHOWN) }, updates[] = { P_INT(UPDATES_SHOWN) };

	if (db_query_hdf(c->db, "SELECT d.kind, d.title, d.name, d.bytes, "
	                 "DATE(d.uploaded_at) AS on_day, a.title AS activity "
	                 "FROM disclosure_docs d LEFT JOIN activities a ON a.id = d.activity_id "
	                 "ORDER BY d.uploaded_at DESC, d.id DESC LIMIT ?", docs, nitems(docs),
	                 c->hdf, "Docs", NULL, &c->err) < 0 ||
	    db_query_hdf(c->db, "SELECT slug, title, filing_no, state, starts_on, ends_on "
	                 "FROM activities WHERE state <> 'draft' ORDER BY starts_on DESC, id DESC",
	                 NULL, 0, c->hdf, "Activities", NULL, &c->err) < 0 ||
	    db_query_hdf(c->db, "SELECT posted_on, body FROM progress_updates "
	                 "WHERE item_kind = 'programme' ORDER BY posted_on DESC, id DESC LIMIT ?",
	                 updates, nitems(updates), c->hdf, "Updates", NULL, &c->err) < 0 ||
	    db_query_hdf(c->db, "SELECT i.kind, i.ref, i.title, i.last_update FROM ("
	                 DISCLOSURE_ITEMS_SQL ") i WHERE i.final = 0 "
	                 "ORDER BY i.kind = 'programme' DESC, i.kind, i.title",
	                 NULL, 0, c->hdf, "Items", NULL, &c->err) < 0)
		return -1;
	page_label_rows(c, "Docs", "kind", DOC_KINDS, "kind_label");
	page_label_rows(c, "Activities", "state", ACTIVITY_STATES, "state_label");
	page_set(c, NULL, "Page.Title", "信息公开");
	c->tmpl = "disclosure.cs";
	return 0;
}
