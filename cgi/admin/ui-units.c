/* ui-units.c — GET /admin/units and POST /admin/units/{region}: member units and their cooperation agreements. */
#include "admin.h"
#include "../audit.h"
#include "../page.h"

int ui_admin_units(struct ctx *c)
{
	if (db_query_hdf(c->db, "SELECT u.region_code AS region, u.name, u.agreement_signed AS signed, u.agreement_date "
	                 "AS since, r.level FROM member_units u JOIN regions r ON r.code = u.region_code "
	                 "ORDER BY r.city_code IS NOT NULL, r.city_code, r.level = 'county', u.region_code",
	                 NULL, 0, c->hdf, "Units", NULL, &c->err) < 0)
		return -1;
	admin_page(c, "会员单位", "units");
	c->tmpl = "admin-units.cs";
	return 0;
}

static int unit_tx(struct db *db, void *arg, struct err *e)
{
	struct ctx *c = arg;
	const struct field *f = c->f;
	struct dbp p[] = { P_INT(f[K_SIGNED].num), f[K_SIGNED].num ? P_STR(f[K_DATE].str) : P_NULL, P_STR(f[K_REGION].str) };
	unsigned long long n;

	if (db_exec(db, "UPDATE member_units SET agreement_signed = ?, agreement_date = ? WHERE region_code = ?",
	            p, 3, &n, e) < 0)
		return -1;
	if (!n) {   /* nothing changed: already so, or no such unit */
		long long exists;
		if (db_query_int(db, "SELECT COUNT(*) FROM member_units WHERE region_code = ?", &p[2], 1, &exists, e) < 0)
			return -1;
		if (!exists)
			return err_set(e, 404, "没有这个会员单位。", "no member unit %s", f[K_REGION].str);
	}
	return audit(db, c, e, f[K_SIGNED].num ? "unit.sign" : "unit.unsign", "unit", f[K_REGION].str, "%s%s",
	             f[K_SIGNED].num ? "agreement signed on " : "agreement ended", f[K_SIGNED].num ? f[K_DATE].str : "");
}

int ui_admin_unit_post(struct ctx *c)
{
	if (c->f[K_SIGNED].num && !c->f[K_DATE].present)
		return err_set(&c->err, 400, "签约时请填写签约日期。", "unit signed without a date");
	if (db_tx(c->db, unit_tx, c, &c->err) < 0)
		return -1;
	return ctx_redirect(c, "/admin/units");
}
