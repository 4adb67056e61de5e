/*
 * ui-audit.c — GET /admin/audit: the audit log, for province staff, filtered by staff member,
 * action and dates.
 */
#include <stdio.h>

#include "admin.h"
#include "../page.h"
#include "../util.h"

#define PER_PAGE 100

static const char *opt(const struct field *f, const char *none)
{
	return f->present ? f->str : none;
}

int ui_admin_audit(struct ctx *c)
{
	const struct field *f = c->f;
	long long page = f[K_PAGE].present ? f[K_PAGE].num : 1;
	struct dbp p[] = {
		P_STR(opt(&f[K_STAFF], "")), P_STR(opt(&f[K_STAFF], "")),
		P_STR(opt(&f[K_ACTION], "")), P_STR(opt(&f[K_ACTION], "")),
		P_STR(opt(&f[K_FROM], "2000-01-01")), P_STR(opt(&f[K_TO], "2999-12-31")),
		P_INT(PER_PAGE), P_INT((page - 1) * PER_PAGE),
	};

	if (db_query_hdf(c->db,
	        "SELECT DATE_FORMAT(a.at, '%Y-%m-%d %H:%i:%s') AS at, COALESCE(s.username, "
	        "'(系统)') AS username, "
	        "s.display_name AS name, a.addr, a.action, a.object_type, a.object_id, a.summary "
	        "FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id WHERE (? = '' OR "
	        "s.username = ?) AND (? = '' OR a.action = ?) AND a.at >= ? AND a.at "
	        "< ? + INTERVAL "
	        "1 DAY ORDER BY a.id DESC LIMIT ? OFFSET ?", p, nitems(p), c->hdf, "Audit", NULL,
	        &c->err) < 0)
		return -1;
	for (int k = K_STAFF; k <= K_TO; k++)
		if (f[k].present)
			page_setf(c, "Filter.%s=%s", KEYS[k].name, f[k].str);
	page_setf(c, "Pager.Page=%lld", page);
	admin_page(c, "审计日志", "audit");
	c->tmpl = "admin-audit.cs";
	return 0;
}
