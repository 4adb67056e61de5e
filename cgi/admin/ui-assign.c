/*
 * ui-assign.c — POST /admin/children/{code}/volunteer: assign a child to a volunteer of the child's county for visits
 * (active=1), or take the assignment back (active=0). A volunteer sees only the public profiles of its children.
 */
#include <stdio.h>

#include "admin.h"
#include "../audit.h"
#include "../scope.h"

static int assign_tx(struct db *db, void *arg, struct err *e)
{
	struct ctx *c = arg;
	const struct field *f = c->f;
	struct scope s;
	char sql[256];
	long long child, vol;

	scope_of(&c->who, &s);
	if (scope_sql(sql, sizeof sql, "SELECT c.id FROM children c WHERE c.code = ? AND %s FOR UPDATE", &s) < 0 ||
	    db_query_int(db, sql, (struct dbp[]){ P_STR(f[K_CODE].str), s.param }, 2, &child, e) < 0)
		return -1;
	if (!child)
		return err_set(e, 404, "找不到这个孩子的档案。", "assign %s: not found or out of scope", f[K_CODE].str);
	/* Assigned only to a volunteer of the child's own county whose account is open; taken back from anyone. */
	if (db_query_int(db, f[K_ACTIVE].num ?
	                 "SELECT v.id FROM staff v JOIN children c ON c.county_code = v.region_code "
	                 "WHERE v.username = ? AND v.role = 'volunteer' AND v.active = 1 AND c.id = ?" :
	                 "SELECT v.id FROM staff v WHERE v.username = ? AND v.role = 'volunteer' AND ? > 0",
	                 (struct dbp[]){ P_STR(f[K_STAFF].str), P_INT(child) }, 2, &vol, e) < 0)
		return -1;
	if (!vol)
		return err_set(e, 400, "只能分配给这个孩子所在区县的志愿者。", "assign %s to %s: not a volunteer there",
		               f[K_CODE].str, f[K_STAFF].str);
	{
		unsigned long long n;
		if (db_exec(db, f[K_ACTIVE].num ? "INSERT IGNORE INTO volunteer_children (staff_id, child_id) VALUES (?, ?)" :
		            "DELETE FROM volunteer_children WHERE staff_id = ? AND child_id = ?",
		            (struct dbp[]){ P_INT(vol), P_INT(child) }, 2, &n, e) < 0)
			return -1;
		if (!f[K_ACTIVE].num && !n)
			return err_set(e, 404, "这个孩子没有分配给这位志愿者。", "take-back of %s from %s: not assigned",
			               f[K_CODE].str, f[K_STAFF].str);
	}
	return audit(db, c, e, f[K_ACTIVE].num ? "child.assign" : "child.unassign", "child", f[K_CODE].str, "%s %s",
	             f[K_ACTIVE].num ? "assigned to" : "taken back from", f[K_STAFF].str);
}

int ui_admin_assign(struct ctx *c)
{
	char url[64];

	if (db_tx(c->db, assign_tx, c, &c->err) < 0)
		return -1;
	snprintf(url, sizeof url, "/admin/children/%s", c->f[K_CODE].str);
	return ctx_redirect(c, url);
}
