/*
 * ui-letters.c — GET /admin/letters?letter_state=…: letters between sponsors and children in scope.
 * A reviewer's default is those waiting for review; a volunteer's, the letters approved for their
 * children, to hand over (and never a sponsor's letter before a reviewer let it through).
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "../labels.h"
#include "../scope.h"
#include "../page.h"
#include "../util.h"

int ui_admin_letters(struct ctx *c)
{
	const struct actor staff = actor_of(c);
	int volunteer = strcmp(staff.role, "volunteer") == 0;
	const char *status = c->f[K_LSTATUS].present ? c->f[K_LSTATUS].str :
	                     volunteer ? "approved" : "pending";
	struct scope s;
	char sql[SCOPE_SQL_LEN];
	struct dbp p[] = { P_STR(status), P_INT(volunteer), P_NULL };

	scope_for(&staff, &s);
	p[2] = s.param;
	if (scope_sql(sql, sizeof sql,
	        "SELECT l.id, l.direction, l.state, c.code, c.alias, c.county_code AS county, "
	        "DATE_FORMAT(l.created_at, '%%Y-%%m-%%d %%H:%%i') AS created FROM letters l "
	        "JOIN children c ON c.id = l.child_id WHERE l.state = ? AND (? = 0 OR "
	        "l.direction = 'from_child' OR l.state IN ('approved', 'delivered')) AND %s "
	        "ORDER BY l.created_at, l.id LIMIT 200", &s) < 0)
		return err_set(&c->err, 500, NULL, "letters query too long");
	if (db_query_hdf(c->db, sql, p, nitems(p), c->hdf, "Letters", NULL, &c->err) < 0)
		return -1;
	page_label_rows(c, "Letters", "state", LETTER_STATES, "state_label");
	page_region_rows(c, "Letters", "county", "place");
	page_label_list(c, "States", LETTER_STATES);
	page_set(c, NULL, "Status", status);
	admin_page(c, "信件", "letters");
	c->tmpl = "admin-letters.cs";
	return 0;
}
