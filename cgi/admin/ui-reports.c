/*
 * ui-reports.c — GET /admin/reports: the reports (举报) in the staff member's reach (a report
 * without a region is the province's), overdue ones first, then open ones by due day, then
 * answered ones; list_state (open | answered) narrows it. The dashboard's count of overdue ones
 * is reports_overdue_count here too.
 */
#include <string.h>

#include "admin.h"
#include "../core/reports.h"
#include "../core/state.h"
#include "../labels.h"
#include "../page.h"
#include "../scope.h"
#include "../util.h"

#define REPORTS_SQL \
	"SELECT r.id, r.ticket, r.item, r.kind, r.state, r.due_on, r.region_code AS region, " \
	"DATE_FORMAT(r.filed_at, '%%Y-%%m-%%d %%H:%%i') AS filed, " REPORT_OVERDUE " AS overdue, " \
	"LEFT(r.body, 40) AS excerpt " \
	"FROM reports r LEFT JOIN regions rg ON rg.code = r.region_code " \
	"WHERE %s AND (? = '' OR r.state = ?) " \
	"ORDER BY " REPORT_OVERDUE " DESC, r.state = 'open' DESC, r.due_on, r.id LIMIT 200"

int ui_admin_reports(struct ctx *c)
{
	const struct actor staff = actor_of(c);
	const char *want = c->f[K_STATE].present ? c->f[K_STATE].str : "";
	struct scope s;
	char sql[SCOPE_SQL_LEN * 2];

	if (*want && state_of(ENT_REPORT, want) < 0)
		return err_set(&c->err, 400, "举报状态只能是处理中或已答复。", "list_state %s",
		               want);
	scope_for_region(&staff, &s);
	struct dbp p[] = { s.param, P_STR(want), P_STR(want) };
	if (scope_sql(sql, sizeof sql, REPORTS_SQL, &s) < 0)
		return err_set(&c->err, 500, NULL, "reports query too long");
	if (db_query_hdf(c->db, sql, p, nitems(p), c->hdf, "Reports", NULL, &c->err) < 0)
		return -1;
	page_label_rows(c, "Reports", "kind", REPORT_KINDS, "kind_label");
	page_region_rows(c, "Reports", "region", "place");
	page_set(c, NULL, "List.state", want);
	admin_page(c, "举报", "reports");
	c->tmpl = "admin-reports.cs";
	return 0;
}

int reports_overdue_count(struct ctx *c, const char *name)
{
	const struct actor staff = actor_of(c);
	struct scope s;
	char sql[SCOPE_SQL_LEN];
	long long n;

	scope_for_region(&staff, &s);
	if (scope_sql(sql, sizeof sql, "SELECT COUNT(*) FROM reports r LEFT JOIN regions rg "
	              "ON rg.code = r.region_code WHERE " REPORT_OVERDUE " AND %s", &s) < 0)
		return err_set(&c->err, 500, NULL, "overdue reports query too long");
	if (db_query_int(c->db, sql, &s.param, 1, &n, &c->err) < 0)
		return -1;
	page_setf(c, "%s=%lld", name, n);
	return 0;
}
