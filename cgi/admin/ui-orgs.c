/*
 * ui-orgs.c — GET/POST /admin/orgs and GET/POST /admin/orgs/{id}: a county's volunteer
 * organisations, with their volunteers and the paired children those care for; opening one, and
 * one's page with its contact (a view audited, core/orgs.c) and the form that changes it. County
 * staff manage their own county's; city and province staff those below them, with a county filter.
 */
#include <stdio.h>
#include <string.h>
#include <sodium.h>

#include "admin.h"
#include "../core/orgs.h"
#include "../page.h"
#include "../regions.h"
#include "../util.h"

/* Each organisation's active volunteers, and the paired children assigned to them. */
#define ORG_COUNTS \
	"(SELECT COUNT(*) FROM staff s WHERE s.org_id = o.id AND s.active = 1) AS volunteers, " \
	"(SELECT COUNT(DISTINCT vc.child_id) FROM volunteer_children vc " \
	"JOIN staff s ON s.id = vc.staff_id JOIN children k ON k.id = vc.child_id " \
	"WHERE s.org_id = o.id AND s.active = 1 AND k.status = 'paired') AS children"

int ui_admin_orgs(struct ctx *c)
{
	struct actor a = actor_of(c);
	const char *county;
	char sql[SCOPE_SQL_LEN];
	struct scope s;

	if (admin_county_filter(c, &county) < 0)
		return -1;
	orgs_scope(&a, &s);
	if (scope_sql(sql, sizeof sql, "SELECT o.id, o.name, o.county_code AS county, "
	              "DATE_FORMAT(o.agreed_on, '%%Y-%%m-%%d') AS agreed_on, o.active, "
	              ORG_COUNTS " FROM volunteer_orgs o JOIN regions r ON r.code = o.county_code "
	              "WHERE %s AND (? = '' OR o.county_code = ?) "
	              "ORDER BY o.county_code, o.active DESC, o.name", &s) < 0)
		return err_set(&c->err, 500, NULL, "orgs query too long");
	struct dbp p[] = { s.param, P_STR(county), P_STR(county) };
	if (db_query_hdf(c->db, sql, p, nitems(p), c->hdf, "Orgs", NULL, &c->err) < 0)
		return -1;
	page_region_rows(c, "Orgs", "county", "county_name");
	if (strcmp(a.role, "county") == 0)
		page_set(c, NULL, "OwnCounty", a.region);
	admin_page(c, "志愿者组织", "orgs");
	c->tmpl = "admin-orgs.cs";
	return 0;
}

/* The form's fields as the core takes them; county only when one is opened. */
static struct org_form org_form(const struct ctx *c, const char *county, int active)
{
	const struct field *f = c->f;

	return (struct org_form){
		.county = county, .name = f[K_ORG_NAME].str,
		.contact_name = f[K_CONTACT].present ? f[K_CONTACT].str : "",
		.contact_phone = f[K_PHONE].present ? f[K_PHONE].str : "",
		.agreed_on = f[K_AGREED].present ? f[K_AGREED].str : "", .active = active,
	};
}

/* A redirect to organisation id's page. */
static int to_org(struct ctx *c, long long id)
{
	char url[ADMIN_URL_LEN];

	snprintf(url, sizeof url, "/admin/orgs/%lld", id);
	return ctx_redirect(c, url);
}

int ui_admin_orgs_post(struct ctx *c)
{
	struct actor a = actor_of(c);
	/* County staff open their own county's; above them the form names the county. */
	const char *county = c->f[K_COUNTY].present ? c->f[K_COUNTY].str :
	                     strcmp(a.role, "county") == 0 ? a.region : NULL;
	struct org_form f;
	long long id;

	if (!county)
		return err_set(&c->err, 400, "请选择志愿者组织所在的区县。", "org without county");
	f = org_form(c, county, 1);
	if (org_create(c->db, c->cfg, &a, &f, &id, &c->err) < 0)
		return err_at_if(&c->err, "orgs.taken", KEYS[K_ORG_NAME].name);
	return to_org(c, id);
}

int ui_admin_org(struct ctx *c)
{
	struct actor a = actor_of(c);
	struct dbp p[] = { P_INT(c->f[K_ID].num) };
	struct org o;
	int rc;

	rc = org_view(c->db, c->cfg, &a, c->f[K_ID].num, &o, &c->err);
	if (rc == 0) {
		page_setf(c, "Org.id=%lld", o.id);
		page_set(c, NULL, "Org.name", o.name);
		page_set(c, NULL, "Org.county", o.county);
		page_set(c, NULL, "Org.contact_name", o.contact_name);
		page_set(c, NULL, "Org.contact_phone", o.contact_phone);
		page_set(c, NULL, "Org.agreed_on", o.agreed_on);
		page_setf(c, "Org.active=%d", o.active);
		page_set(c, NULL, "Org.county_name", region_get(o.county) ?
		         region_get(o.county)->name : "");
		rc = db_query_hdf(c->db, "SELECT s.username, s.display_name, s.active, "
		                  "(SELECT COUNT(*) FROM volunteer_children vc JOIN children k "
		                  "ON k.id = vc.child_id WHERE vc.staff_id = s.id "
		                  "AND k.status = 'paired') AS children "
		                  "FROM staff s WHERE s.org_id = ? "
		                  "ORDER BY s.active DESC, s.username", p, nitems(p), c->hdf,
		                  "Volunteers", NULL, &c->err);
	}
	sodium_memzero(&o, sizeof o);   /* personal data */
	if (rc < 0)
		return -1;
	admin_page(c, "志愿者组织", "orgs");
	c->tmpl = "admin-org.cs";
	return 0;
}

int ui_admin_org_post(struct ctx *c)
{
	struct actor a = actor_of(c);
	struct org_form f = org_form(c, NULL, (int)c->f[K_ACTIVE].num);

	if (org_save(c->db, c->cfg, &a, c->f[K_ID].num, &f, &c->err) < 0)
		return err_at_if(&c->err, "orgs.taken", KEYS[K_ORG_NAME].name);
	return to_org(c, c->f[K_ID].num);
}
