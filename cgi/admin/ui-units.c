/*
 * ui-units.c — GET /admin/units and POST /admin/units/{region}: member units and their cooperation
 * agreements.
 */
#include "admin.h"
#include "../core/units.h"
#include "../page.h"

int ui_admin_units(struct ctx *c)
{
	if (db_query_hdf(c->db, "SELECT u.region_code AS region, u.name, u.agreement_signed AS "
	                 "signed, u.agreement_date AS since, r.level FROM member_units u JOIN "
	                 "regions r ON r.code = u.region_code ORDER BY r.city_code IS NOT NULL, "
	                 "r.city_code, r.level = 'county', u.region_code", NULL, 0, c->hdf, "Units",
	                 NULL, &c->err) < 0)
		return -1;
	admin_page(c, "会员单位", "units");
	c->tmpl = "admin-units.cs";
	return 0;
}

int ui_admin_unit_post(struct ctx *c)
{
	const struct field *f = c->f;
	struct actor a = actor_of(c);

	if (unit_agreement(c->db, c->cfg, &a, f[K_REGION].str, (int)f[K_SIGNED].num,
	                   f[K_DATE].present ? f[K_DATE].str : NULL, &c->err) < 0)
		return -1;
	return ctx_redirect(c, "/admin/units");
}
