/*
 * ui-child-new.c — GET /admin/children/new and POST /admin/children: staff record a child by hand (the ledger import
 * records many). The same checks as the record page; an ID number already on record is a 409 that names the record
 * when it is within the staff member's reach. One transaction, audited without the personal data.
 */
#include <stdio.h>
#include <string.h>
#include <sodium.h>

#include "admin.h"
#include "../audit.h"
#include "../elsewhere.h"
#include "../ledger.h"
#include "../page.h"
#include "../scope.h"

int ui_admin_child_new(struct ctx *c)
{
	record_choices(c);
	page_set(c, NULL, "New", "1");
	page_set(c, NULL, "Child.status", "new");   /* the template's "with" needs the node to exist */
	admin_page(c, "登记新的孩子", "children");
	c->tmpl = "admin-child.cs";
	return 0;
}

struct create {
	struct ctx   *c;
	char          code[CHILD_CODE_LEN + 1];
	unsigned char hash[PII_HASHBYTES];
	int           elsewhere;   /* the ID number is on record outside the staff member's reach */
	int           told;        /* and the day's allowance let the staff member be told so */
};

/*
 * 0 if no child has the form's ID number, or (n->elsewhere) one outside the staff member's reach; a 409 that names
 * the record if the staff member may open it.
 */
static int not_recorded(struct db *db, struct create *n, struct err *e)
{
	struct scope s;
	char sql[512];
	HDF *row;
	int mine;

	pii_id_hash(n->c->cfg->hash_key, n->c->f[K_IDNUM].str, n->hash);
	scope_of(&n->c->who, &s);
	if (scope_sql(sql, sizeof sql, "SELECT c.code, (%s) AS mine FROM children c WHERE c.id_hash = ?", &s) < 0 ||
	    db_query_row(db, sql, (struct dbp[]){ s.param, P_BIN(n->hash, PII_HASHBYTES) }, 2, &row, e) < 0)
		return -1;
	if (!row)
		return 0;
	mine = hdf_get_int_value(row, "mine", 0);
	if (mine) {
		err_set(e, 409, NULL, "new child: ID number on record as %s", hdf_get_value(row, "code", ""));
		snprintf(e->msg, sizeof e->msg, "这个身份证号已经登记过了：档案 %s。请打开那份档案修改，不要重复登记。",
		         hdf_get_value(row, "code", ""));
	}
	hdf_destroy(&row);
	if (mine)
		return -1;
	n->elsewhere = 1;
	return 0;
}

/* A number on record elsewhere: told so from the day's allowance, or left for the province; audited either way. */
static int elsewhere(struct db *db, struct create *n, struct err *e)
{
	if ((n->told = elsewhere_take(db, n->c, 1, e)) < 0)
		return -1;
	return elsewhere_audit_one(db, n->c, 0, n->hash, n->told, e);
}

static int create_tx(struct db *db, void *arg, struct err *e)
{
	struct create *n = arg;
	const struct field *f = n->c->f;
	struct sealed_record r;
	int rc;

	n->elsewhere = 0;
	if (not_recorded(db, n, e) < 0)
		return -1;
	if (n->elsewhere)
		return elsewhere(db, n, e);
	ledger_code(n->code, CHILD_CODE_LEN);
	if (record_seal(n->c, n->code, &r, e) < 0)
		return -1;
	{
		struct dbp p[] = {
			P_STR(n->code), P_STR(f[K_ALIAS].str), P_STR(f[K_GENDER].str), P_STR(f[K_BIRTH].str),
			P_STR(f[K_COUNTY].str), P_STR(r.city), P_STR(f[K_CATEGORY].str),
			P_STR(f[K_STORY].present ? f[K_STORY].str : ""), P_BIN(r.name, r.lname), P_BIN(r.idn, r.lidn),
			P_BIN(r.guard, r.lguard), f[K_ADDRESS].present ? P_BIN(r.addr, r.laddr) : P_NULL,
			P_BIN(r.hash, PII_HASHBYTES),
		};
		/* Not published until a guardian's consent is recorded on the record page. */
		rc = db_exec(db, "INSERT INTO children (code, alias, gender, birth_date, county_code, city_code, category, "
		             "story, status, waiting_since, consent_publish, pii_real_name, pii_id_number, pii_guardian, "
		             "pii_address, id_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', CURDATE(), 0, ?, ?, ?, ?, ?)",
		             p, 13, NULL, e);
	}
	sodium_memzero(&r, sizeof r);
	if (rc < 0)
		return db_is_dup(e) ? err_set(e, 409, RECORD_DUP_ID, "new child: duplicate ID number") : -1;
	return audit(db, n->c, e, "child.create", "child", n->code, "recorded in %s (%s)", f[K_COUNTY].str,
	             f[K_CATEGORY].str);
}

int ui_admin_child_create(struct ctx *c)
{
	struct create n = { .c = c };
	char url[64];

	if (record_form_ok(c) < 0 || db_tx(c->db, create_tx, &n, &c->err) < 0)
		return -1;
	/* The answer and its audit row are committed; the form itself changed nothing. */
	if (n.elsewhere && n.told)
		return err_set(&c->err, 409, "这个孩子已经登记在您管理范围以外的区县。请联系省慈善总会转移档案，不要重复登记。",
		               "new child: ID number on record out of scope (told)");
	if (n.elsewhere)
		return err_set(&c->err, 409, "这个身份证号需要省慈善总会审核后才能登记，已转交省慈善总会。",
		               "new child: ID number on record out of scope (not told: allowance spent)");
	snprintf(url, sizeof url, "/admin/children/%s", n.code);
	return ctx_redirect(c, url);
}
