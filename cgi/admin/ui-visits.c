/*
 * ui-visits.c — GET /admin/visits?status=…: visits in the staff member's reach by state. For
 * reviewers the queue (submitted, oldest first) by default; a volunteer sees only their own, every
 * state unless one is chosen.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "../core/visits.h"
#include "../labels.h"
#include "../page.h"
#include "../scope.h"
#include "../util.h"

/* The list's query, with the staff member's scope put in. */
#define VISITS_SQL_MAX 1536
#define VISITS_LIMIT   200

int ui_admin_visits(struct ctx *c)
{
	const struct actor a = actor_of(c);
	const struct field *st = &c->f[K_CSTATUS];
	int reviewer = visit_reviewer(&a);
	const char *status = st->present ? st->str : reviewer ? "submitted" : "";
	struct scope s;
	char sql[VISITS_SQL_MAX];
	struct dbp p[] = { P_STR(status), P_STR(status), P_INT(a.id), P_STR(a.role), P_NULL,
	                   P_INT(VISITS_LIMIT) };

	/* status lists children and letters too (keys.c): here only a visit's. */
	if (*status && !label_of(VISIT_STATES, status))
		return err_set(&c->err, 400, "探访记录的状态不存在。", "status=%s", status);
	scope_for(&a, &s);
	p[4] = s.param;
	if (scope_sql(sql, sizeof sql,
	        "SELECT v.id, v.state, v.kind, "
	        "DATE_FORMAT(v.visited_on, '%%Y-%%m-%%d') AS visited_on, "
	        "DATE_FORMAT(v.submitted_at, '%%Y-%%m-%%d %%H:%%i') AS submitted_at, "
	        "c.code, c.alias, c.county_code AS county, s.display_name AS author FROM visits v "
	        "JOIN children c ON c.id = v.child_id JOIN staff s ON s.id = v.author_id "
	        "WHERE (? = '' OR v.state = ?) AND (v.author_id = ? OR ? <> 'volunteer') AND %s "
	        "ORDER BY v.state <> 'submitted', IF(v.state = 'submitted', v.submitted_at, NULL), "
	        "v.created_at DESC, v.id "
	        "LIMIT ?", &s) < 0)
		return err_set(&c->err, 500, NULL, "visits query too long");
	if (db_query_hdf(c->db, sql, p, nitems(p), c->hdf, "Visits", NULL, &c->err) < 0)
		return -1;
	page_label_rows(c, "Visits", "state", VISIT_STATES, "state_label");
	page_label_rows(c, "Visits", "kind", VISIT_KINDS, "kind_label");
	page_region_rows(c, "Visits", "county", "place");
	page_label_list(c, "States", VISIT_STATES);
	page_set(c, NULL, "Status", status);
	if (visit_writer(&a))
		page_set(c, NULL, "Writer", "1");
	admin_page(c, "探访记录", "visits");
	c->tmpl = "admin-visits.cs";
	return 0;
}
