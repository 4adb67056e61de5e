/*
 * ui-staff.c — GET/POST /admin/staff, POST /admin/staff/{username}/active and …/password: province
 * staff open accounts for the federations and volunteers, close them, and set a new password for
 * someone who lost theirs; county and city staff do the same for the volunteers of the counties
 * they reach, each bound to one of those counties' organisations (core/staff.c decides who may).
 * A closed account's sessions end at once, and so do those of an account whose password was reset;
 * both forget the browsers the account signed in from (device.h). A closed volunteer's assignments
 * end: the county sees those children unassigned and gives them another volunteer (the visits
 * stay, as history). All audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "../audit.h"
#include "../core/orgs.h"
#include "../core/staff.h"
#include "../device.h"
#include "../labels.h"
#include "../page.h"
#include "../passwd.h"
#include "../regions.h"
#include "../session.h"
#include "../util.h"

/*
 * The accounts the staff member manages: all for the province, the volunteers of the counties in
 * reach for county and city staff (r: the region row of the account's county).
 */
#define STAFF_LIST \
	"SELECT s.id, s.username, s.display_name, s.role, s.region_code AS region, " \
	"o.name AS org_name, s.active, " \
	"DATE_FORMAT(s.last_login_at, '%%Y-%%m-%%d %%H:%%i') AS last_login, s.last_login_addr " \
	"FROM staff s JOIN regions r ON r.code = s.region_code " \
	"LEFT JOIN volunteer_orgs o ON o.id = s.org_id " \
	"WHERE (s.role = 'volunteer' OR ? = 'province') AND %s " \
	"ORDER BY s.role, s.region_code, s.username"

/* The active organisations a new volunteer may join, by the same reach. */
#define ORG_CHOICES \
	"SELECT o.id, o.name, o.county_code AS county FROM volunteer_orgs o " \
	"JOIN regions r ON r.code = o.county_code WHERE o.active = 1 AND %s " \
	"ORDER BY o.county_code, o.name"

/* A query of the staff page: fmt with the actor's reach put in, params after lead (if any). */
static int staff_query(struct ctx *c, const char *fmt, const struct actor *a, const char *lead,
                       const char *prefix)
{
	char sql[SCOPE_SQL_LEN];
	struct scope s;

	orgs_scope(a, &s);
	if (scope_sql(sql, sizeof sql, fmt, &s) < 0)
		return err_set(&c->err, 500, NULL, "staff query too long");
	struct dbp p[] = { lead ? P_STR(lead) : s.param, s.param };
	return db_query_hdf(c->db, sql, p, lead ? 2 : 1, c->hdf, prefix, NULL, &c->err);
}

int ui_admin_staff(struct ctx *c)
{
	struct actor a = actor_of(c);
	int province = strcmp(a.role, "province") == 0;

	if (staff_query(c, STAFF_LIST, &a, a.role, "Staff") < 0 ||
	    staff_query(c, ORG_CHOICES, &a, NULL, "Orgs") < 0)
		return -1;
	page_label_rows(c, "Staff", "role", STAFF_ROLES, "role_label");
	page_region_rows(c, "Staff", "region", "region_name");
	page_region_rows(c, "Orgs", "county", "county_name");
	/* Below the province the only role to open is the volunteer. */
	if (province) {
		const struct region *own = region_get(a.region);

		page_label_list(c, "Roles", STAFF_ROLES);
		/* the region by name: the province's own, or a city or county grouped by city */
		page_set(c, NULL, "Province.code", a.region);
		page_set(c, NULL, "Province.name", own ? own->name : a.region);
		regions_in_reach(c, NULL);
	} else {
		page_set(c, NULL, "VolunteersOnly", "1");
	}
	admin_page(c, province ? "工作人员账号" : "志愿者账号", "staff");
	c->tmpl = "admin-staff.cs";
	return 0;
}

int ui_admin_staff_post(struct ctx *c)
{
	const struct field *f = c->f;
	char hash[PASSWD_HASH_MAX];
	struct actor a = actor_of(c);
	struct staff_new n = {
		.username = f[K_USERNAME].str, .pw_hash = hash, .name = f[K_DNAME].str,
		.role = f[K_ROLE].str, .region = f[K_REGION].present ? f[K_REGION].str : "",
		.org_id = f[K_ORG].present ? f[K_ORG].num : 0,
	};

	/* Before the password's costly hash: a role or region refused is refused at once. */
	if (staff_check_new(&a, &n, &c->err) < 0 ||
	    passwd_hash(c->cfg, f[K_PASSWORD].str, hash, &c->err) < 0 ||
	    staff_open(c->db, c->cfg, &a, &n, &c->err) < 0)
		return -1;
	return ctx_redirect(c, "/admin/staff");
}

struct activation {
	struct ctx *c;
};

static int active_tx(struct db *db, void *arg, struct err *e)
{
	struct ctx *c = ((struct activation *)arg)->c;
	struct actor a = actor_of(c);
	const char *who = c->f[K_USERNAME].str;
	long long on = c->f[K_ACTIVE].num, id;
	unsigned long long ended = 0;
	int volunteer;

	if (staff_target(db, &a, who, &id, &volunteer, e) < 0)
		return -1;
	if (id == c->who.id && !on)
		return err_set(e, 409, "不能停用自己正在使用的账号。",
		               "staff %lld tried to close itself", id);
	struct dbp p[] = { P_INT(on), P_INT(id) };
	if (db_exec(db, "UPDATE staff SET active = ? WHERE id = ?", p, nitems(p), NULL, e) < 0)
		return -1;
	/* Closed now, not when its sessions run out; reopened, it knows no browser of before. */
	if (!on && (session_end_all(db, REALM_STAFF, id, e) < 0 ||
	            device_forget_all(db, REALM_STAFF, id, e) < 0 ||
	            (volunteer && staff_end_assignments(db, id, &ended, e) < 0)))
		return -1;
	if (on)
		return audit(db, c, e, "staff.open", "staff", who, "reopened %s", who);
	return audit(db, c, e, "staff.close", "staff", who, "closed %s (%llu assignments ended)",
	             who, ended);
}

int ui_admin_staff_active(struct ctx *c)
{
	struct activation a = { c };

	if (db_tx(c->db, active_tx, &a, &c->err) < 0)
		return -1;
	return ctx_redirect(c, "/admin/staff");
}

struct new_password {
	struct ctx *c;
	const char *hash;
};

static int password_tx(struct db *db, void *arg, struct err *e)
{
	struct new_password *np = arg;
	struct actor a = actor_of(np->c);
	const char *who = np->c->f[K_USERNAME].str;
	long long id;
	int volunteer;

	if (staff_target(db, &a, who, &id, &volunteer, e) < 0)
		return -1;
	/* As with a donor's reset: the old password's sessions end, its browsers are forgotten. */
	struct dbp p[] = { P_STR(np->hash), P_INT(id) };
	if (db_exec(db, "UPDATE staff SET pw_hash = ? WHERE id = ?", p, nitems(p), NULL, e) < 0 ||
	    session_end_all(db, REALM_STAFF, id, e) < 0 ||
	    device_forget_all(db, REALM_STAFF, id, e) < 0)
		return -1;
	return audit(db, np->c, e, "staff.password", "staff", who, "set a new password for %s",
	             who);
}

int ui_admin_staff_password(struct ctx *c)
{
	char hash[PASSWD_HASH_MAX];
	struct new_password np = { c, hash };

	if (passwd_hash(c->cfg, c->f[K_PASSWORD].str, hash, &c->err) < 0 ||
	    db_tx(c->db, password_tx, &np, &c->err) < 0)
		return -1;
	return ctx_redirect(c, "/admin/staff");
}
