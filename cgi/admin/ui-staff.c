/*
 * ui-staff.c — GET/POST /admin/staff, POST /admin/staff/{username}/active and …/password: province
 * staff open accounts for the federations and volunteers, close them, and set a new password for
 * someone who lost theirs; a closed account's sessions end at once, and so do those of an account
 * whose password was reset; both forget the browsers the account signed in from (device.h). All
 * audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "../audit.h"
#include "../core/staff.h"
#include "../device.h"
#include "../labels.h"
#include "../page.h"
#include "../passwd.h"
#include "../session.h"
#include "../util.h"

int ui_admin_staff(struct ctx *c)
{
	if (db_query_hdf(c->db, "SELECT id, username, display_name, role, region_code AS "
	                 "region, org, active, "
	                 "DATE_FORMAT(last_login_at, '%Y-%m-%d %H:%i') AS last_login, "
	                 "last_login_addr FROM staff ORDER BY role, region_code, username", NULL, 0,
	                 c->hdf, "Staff", NULL, &c->err) < 0)
		return -1;
	page_label_rows(c, "Staff", "role", STAFF_ROLES, "role_label");
	page_region_rows(c, "Staff", "region", "region_name");
	page_label_list(c, "Roles", STAFF_ROLES);
	admin_page(c, "工作人员账号", "staff");
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
		.role = f[K_ROLE].str, .region = f[K_REGION].str,
	};

	/* Before the password's costly hash: a region that is not the role's is refused at once. */
	if (staff_check_new(&n, &c->err) < 0 ||
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
	const char *who = c->f[K_USERNAME].str;
	long long on = c->f[K_ACTIVE].num, id;
	struct dbp u[] = { P_STR(who) };

	if (db_query_int(db, "SELECT id FROM staff WHERE username = ? FOR UPDATE", u, nitems(u),
	                 &id, e) < 0)
		return -1;
	if (!id)
		return err_set(e, 404, "找不到这个账号。", "no staff %s", who);
	if (id == c->who.id && !on)
		return err_set(e, 409, "不能停用自己正在使用的账号。",
		               "staff %lld tried to close itself", id);
	struct dbp p[] = { P_INT(on), P_INT(id) };
	if (db_exec(db, "UPDATE staff SET active = ? WHERE id = ?", p, nitems(p), NULL, e) < 0)
		return -1;
	/* Closed now, not when its sessions run out; reopened, it knows no browser of before. */
	if (!on && (session_end_all(db, REALM_STAFF, id, e) < 0 ||
	            device_forget_all(db, REALM_STAFF, id, e) < 0))
		return -1;
	return audit(db, c, e, on ? "staff.open" : "staff.close", "staff", who, "%s %s",
	             on ? "reopened" : "closed", who);
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
	const char *who = np->c->f[K_USERNAME].str;
	long long id;
	struct dbp u[] = { P_STR(who) };

	if (db_query_int(db, "SELECT id FROM staff WHERE username = ? FOR UPDATE", u, nitems(u),
	                 &id, e) < 0)
		return -1;
	if (!id)
		return err_set(e, 404, "找不到这个账号。", "no staff %s", who);
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
