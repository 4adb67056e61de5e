/*
 * ui-staff.c — GET/POST /admin/staff, POST /admin/staff/{username}/active and …/password: province staff open
 * accounts for the federations and volunteers, close them, and set a new password for someone who lost theirs; a
 * closed account's sessions end at once, and so do those of an account whose password was reset;
 * both forget the browsers the account signed in from (device.h). All audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "../audit.h"
#include "../device.h"
#include "../labels.h"
#include "../page.h"
#include "../passwd.h"
#include "../scope.h"
#include "../session.h"

int ui_admin_staff(struct ctx *c)
{
	if (db_query_hdf(c->db, "SELECT id, username, display_name, role, region_code AS region, org, active, "
	                 "DATE_FORMAT(last_login_at, '%Y-%m-%d %H:%i') AS last_login, last_login_addr "
	                 "FROM staff ORDER BY role, region_code, username", NULL, 0, c->hdf, "Staff", NULL, &c->err) < 0)
		return -1;
	page_label_rows(c, "Staff", "role", STAFF_ROLES, "role_label");
	page_region_rows(c, "Staff", "region", "region_name");
	page_label_list(c, "Roles", STAFF_ROLES);
	admin_page(c, "工作人员账号", "staff");
	c->tmpl = "admin-staff.cs";
	return 0;
}

struct opening {
	struct ctx *c;
	const char *hash;
};

/* The account and its audit row stand or fall together. */
static int open_tx(struct db *db, void *arg, struct err *e)
{
	struct opening *o = arg;
	const struct field *f = o->c->f;
	struct dbp p[] = { P_STR(f[K_USERNAME].str), P_STR(o->hash), P_STR(f[K_DNAME].str), P_STR(f[K_ROLE].str),
	                   P_STR(f[K_REGION].str) };

	if (db_exec(db, "INSERT INTO staff (username, pw_hash, display_name, role, region_code) VALUES (?, ?, ?, ?, ?)",
	            p, 5, NULL, e) < 0)
		return db_is_dup(e) ? err_set(e, 409, "这个用户名已经有人用了。", "staff %s exists", f[K_USERNAME].str) : -1;
	return audit(db, o->c, e, "staff.create", "staff", f[K_USERNAME].str, "opened %s as %s of %s", f[K_USERNAME].str,
	             f[K_ROLE].str, f[K_REGION].str);
}

int ui_admin_staff_post(struct ctx *c)
{
	const struct field *f = c->f;
	char hash[PASSWD_HASH_MAX];
	struct opening o = { c, hash };

	if (!scope_role_fits(f[K_ROLE].str, f[K_REGION].str))
		return err_set(&c->err, 400, "地区与角色不相符：省级账号用 420000，市州账号用市州代码，区县和志愿者用区县代码。",
		               "role %s with region %s", f[K_ROLE].str, f[K_REGION].str);
	if (passwd_hash(c->cfg, f[K_PASSWORD].str, hash, &c->err) < 0 || db_tx(c->db, open_tx, &o, &c->err) < 0)
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

	if (db_query_int(db, "SELECT id FROM staff WHERE username = ? FOR UPDATE", (struct dbp[]){ P_STR(who) }, 1, &id,
	                 e) < 0)
		return -1;
	if (!id)
		return err_set(e, 404, "找不到这个账号。", "no staff %s", who);
	if (id == c->who.id && !on)
		return err_set(e, 409, "不能停用自己正在使用的账号。", "staff %lld tried to close itself", id);
	if (db_exec(db, "UPDATE staff SET active = ? WHERE id = ?", (struct dbp[]){ P_INT(on), P_INT(id) }, 2, NULL, e) < 0)
		return -1;
	/* Closed now, not when its sessions run out; reopened, it knows no browser of before. */
	if (!on && (session_end_all(db, REALM_STAFF, id, e) < 0 ||
	            device_forget_all(db, REALM_STAFF, id, e) < 0))
		return -1;
	return audit(db, c, e, on ? "staff.open" : "staff.close", "staff", who, "%s %s", on ? "reopened" : "closed", who);
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

	if (db_query_int(db, "SELECT id FROM staff WHERE username = ? FOR UPDATE", (struct dbp[]){ P_STR(who) }, 1, &id,
	                 e) < 0)
		return -1;
	if (!id)
		return err_set(e, 404, "找不到这个账号。", "no staff %s", who);
	/* As with a donor's reset: the old password's sessions end, its browsers are forgotten. */
	if (db_exec(db, "UPDATE staff SET pw_hash = ? WHERE id = ?", (struct dbp[]){ P_STR(np->hash), P_INT(id) }, 2,
	            NULL, e) < 0 || session_end_all(db, REALM_STAFF, id, e) < 0 ||
	    device_forget_all(db, REALM_STAFF, id, e) < 0)
		return -1;
	return audit(db, np->c, e, "staff.password", "staff", who, "set a new password for %s", who);
}

int ui_admin_staff_password(struct ctx *c)
{
	char hash[PASSWD_HASH_MAX];
	struct new_password np = { c, hash };

	if (passwd_hash(c->cfg, c->f[K_PASSWORD].str, hash, &c->err) < 0 || db_tx(c->db, password_tx, &np, &c->err) < 0)
		return -1;
	return ctx_redirect(c, "/admin/staff");
}
