/*
 * ui-child.c — GET/POST /admin/children/{code}: a child's record, personal data included, for staff in scope. Every
 * view of the personal data is audited; a save that started from an older version gets the conflict page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "admin.h"
#include "../audit.h"
#include "../idcard.h"
#include "../labels.h"
#include "../page.h"
#include "../pii.h"
#include "../regions.h"
#include "../scope.h"

#define RECORD_SQL(lock) \
	"SELECT c.code, c.id, c.alias, c.gender, DATE_FORMAT(c.birth_date, '%%Y-%%m-%%d') AS birth_date, " \
	"c.county_code AS county, c.category, c.story, c.status, c.version, c.consent_publish AS consent, " \
	"DATE_FORMAT(c.exited_at, '%%Y-%%m-%%d') AS exited_at, " \
	"c.pii_real_name, c.pii_id_number, c.pii_guardian, c.pii_address FROM children c WHERE c.code = ? AND %s" lock

/* The personal fields, as stored (column) and as shown and sealed (name, which is also the AD field). */
static const char *const PII[][2] = {
	{ "pii_real_name", "real_name" }, { "pii_id_number", "id_number" }, { "pii_guardian", "guardian" },
	{ "pii_address", "address" },
};

struct record {
	struct ctx *c;
	HDF        *into;     /* the row's node */
	int         found;
	struct err *e;
};

/* One row into r->into; the personal fields opened with the key and the child's code (the first column). */
static int record_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct record *r = ctx;
	char plain[1100];

	r->found = 1;
	for (unsigned i = 0; i < n; i++) {
		const char *name = f[i].name;
		for (size_t k = 0; k < sizeof PII / sizeof PII[0]; k++)
			if (strcmp(name, PII[k][0]) == 0) {
				if (!v[i] && strcmp(name, "pii_address") == 0) {   /* recorded before ledgers brought addresses */
					name = PII[k][1];
					break;
				}
				if (pii_open_into(r->c->cfg->pii_key, PII[k][1], v[0], v[i], l[i], plain, sizeof plain) < 0)
					return err_set(r->e, 500, NULL, "child %s: %s does not open", v[0], PII[k][1]);
				name = PII[k][1];
				v[i] = plain;
				break;
			}
		if (hdf_set_value(r->into, name, v[i] ? v[i] : "")) {
			return err_set(r->e, 500, NULL, "hdf: out of memory");
		}
		if (v[i] == plain)
			memset(plain, 0, sizeof plain);
	}
	return 0;
}

/* The record of code within scope into node (NULL: c->hdf's "Child"); 0 with *found 0 if there is none. */
static int load_record(struct ctx *c, struct db *db, const char *code, int lock, HDF *node, int *found, struct err *e)
{
	struct scope s;
	char sql[1024];
	struct record r = { c, node, 0, e };

	scope_of(&c->who, &s);
	if (scope_sql(sql, sizeof sql, lock ? RECORD_SQL(" FOR UPDATE") : RECORD_SQL(""), &s) < 0)
		return err_set(e, 500, NULL, "record query too long");
	{
		struct dbp p[] = { P_STR(code), s.param };
		if (db_query(db, sql, p, 2, record_row, &r, e) < 0)
			return -1;
	}
	*found = r.found;
	return 0;
}

int ui_admin_child(struct ctx *c)
{
	const char *code = c->f[K_CODE].str;
	HDF *node;
	int found;

	if (hdf_get_node(c->hdf, "Child", &node))
		return err_set(&c->err, 500, NULL, "hdf: out of memory");
	if (load_record(c, c->db, code, 0, node, &found, &c->err) < 0)
		return -1;
	if (!found)
		return err_set(&c->err, 404, "找不到这个孩子的档案。", "child %s not found or out of scope", code);
	if (db_query_hdf(c->db, "SELECT v.username, v.display_name, "
	                 "EXISTS (SELECT 1 FROM volunteer_children vc WHERE vc.staff_id = v.id AND vc.child_id = ?) AS has "
	                 "FROM staff v WHERE v.role = 'volunteer' AND v.active = 1 AND v.region_code = ? ORDER BY v.username",
	                 (struct dbp[]){ P_STR(hdf_get_value(c->hdf, "Child.id", "0")), P_STR(hdf_get_value(c->hdf,
	                 "Child.county", "")) }, 2, c->hdf, "Volunteers", NULL, &c->err) < 0)
		return -1;
	/* The page shows personal data: that it was shown, to whom and from where, is on record. */
	if (audit(c->db, c, &c->err, "child.view_pii", "child", code, "viewed the record with personal data") < 0)
		return -1;
	record_choices(c);
	admin_page(c, hdf_get_value(c->hdf, "Child.alias", "档案"), "children");
	c->tmpl = "admin-child.cs";
	return 0;
}

struct save {
	struct ctx *c;
	HDF        *current;   /* the record as it was when the save began */
	int         conflict;
	char        changed[200];
};

/* The field names the save changes (never their values: the audit log holds no personal data). */
static void changed_fields(struct save *s)
{
	static const int keys[] = { K_ALIAS, K_GENDER, K_BIRTH, K_COUNTY, K_CATEGORY, K_STORY, K_RNAME2, K_IDNUM,
	                            K_GUARDIAN, K_ADDRESS };
	static const char *const cols[] = { "alias", "gender", "birth_date", "county", "category", "story", "real_name",
	                                    "id_number", "guardian", "address" };

	s->changed[0] = '\0';
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(hdf_get_value(s->current, cols[i], ""), s->c->f[keys[i]].present ? s->c->f[keys[i]].str : "")) {
			strncat(s->changed, cols[i], sizeof s->changed - strlen(s->changed) - 2);
			strcat(s->changed, " ");
		}
}

static int write_record(struct db *db, struct save *s, struct err *e)
{
	const struct field *f = s->c->f;
	const char *code = f[K_CODE].str;
	struct sealed_record r;
	unsigned long long n;

	if (record_seal(s->c, code, &r, e) < 0)
		return -1;
	{
		struct dbp p[] = {
			P_STR(f[K_ALIAS].str), P_STR(f[K_GENDER].str), P_STR(f[K_BIRTH].str), P_STR(f[K_COUNTY].str),
			P_STR(r.city), P_STR(f[K_CATEGORY].str), P_STR(f[K_STORY].present ? f[K_STORY].str : ""),
			P_BIN(r.name, r.lname), P_BIN(r.idn, r.lidn), P_BIN(r.guard, r.lguard),
			f[K_ADDRESS].present ? P_BIN(r.addr, r.laddr) : P_NULL, P_BIN(r.hash, PII_HASHBYTES), P_STR(code),
			P_INT(f[K_VERSION].num),
		};
		if (db_exec(db, "UPDATE children SET alias = ?, gender = ?, birth_date = ?, county_code = ?, city_code = ?, "
		            "category = ?, story = ?, pii_real_name = ?, pii_id_number = ?, pii_guardian = ?, "
		            "pii_address = ?, id_hash = ?, version = version + 1 WHERE code = ? AND version = ?", p, 14, &n,
		            e) < 0) {
			if (db_is_dup(e))
				return err_set(e, 409, RECORD_DUP_ID, "duplicate ID number on %s", code);
			return -1;
		}
	}
	sodium_memzero(&r, sizeof r);
	if (n != 1)
		return err_set(e, 500, NULL, "child %s: version moved under the lock", code);
	/* A child who moves county leaves its old county's volunteers. */
	return db_exec(db, "DELETE vc FROM volunteer_children vc JOIN staff v ON v.id = vc.staff_id "
	               "JOIN children c ON c.id = vc.child_id WHERE c.code = ? AND v.region_code <> c.county_code",
	               (struct dbp[]){ P_STR(code) }, 1, NULL, e);
}

static int save_tx(struct db *db, void *arg, struct err *e)
{
	struct save *s = arg;
	struct ctx *c = s->c;
	int found;

	hdf_destroy(&s->current);
	if (hdf_init(&s->current))
		return err_set(e, 500, NULL, "hdf: out of memory");
	if (load_record(c, db, c->f[K_CODE].str, 1, s->current, &found, e) < 0)
		return -1;
	if (!found)
		return err_set(e, 404, "找不到这个孩子的档案。", "child %s not found or out of scope", c->f[K_CODE].str);
	/* Someone saved since this form was opened: nothing is written, and both versions go back to the editor. */
	if (hdf_get_int_value(s->current, "version", 0) != c->f[K_VERSION].num) {
		s->conflict = 1;
		return 0;
	}
	changed_fields(s);
	if (write_record(db, s, e) < 0)
		return -1;
	return audit(db, c, e, "child.update", "child", c->f[K_CODE].str, "changed: %s",
	             s->changed[0] ? s->changed : "nothing");
}

/* The conflict page: the other save's version as it is now, and this editor's, to merge by hand. */
static int conflict_page(struct ctx *c, HDF *current)
{
	static const int keys[] = { K_ALIAS, K_GENDER, K_BIRTH, K_COUNTY, K_CATEGORY, K_STORY, K_RNAME2, K_IDNUM,
	                            K_GUARDIAN, K_ADDRESS };
	NEOERR *nerr;

	if ((nerr = hdf_copy(c->hdf, "Child", current)))
		return err_neo(&c->err, nerr, "conflict page");
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		page_setf(c, "Mine.%s=%s", KEYS[keys[i]].name, c->f[keys[i]].present ? c->f[keys[i]].str : "");
	page_set(c, NULL, "Conflict", "1");
	if (audit(c->db, c, &c->err, "child.view_pii", "child", c->f[K_CODE].str, "saw the record on a save conflict") < 0)
		return -1;
	record_choices(c);
	admin_page(c, "保存冲突", "children");
	c->status = 409;
	c->tmpl = "admin-child.cs";
	return 0;
}

int ui_admin_child_post(struct ctx *c)
{
	struct save s = { c, NULL, 0, "" };
	char url[64];
	int rc;

	if (record_form_ok(c) < 0)
		return -1;
	rc = db_tx(c->db, save_tx, &s, &c->err);
	if (rc == 0 && s.conflict)
		rc = conflict_page(c, s.current);
	hdf_destroy(&s.current);
	if (rc < 0 || s.conflict)
		return rc;
	snprintf(url, sizeof url, "/admin/children/%s", c->f[K_CODE].str);
	return ctx_redirect(c, url);
}
