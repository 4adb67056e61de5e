/* ui-consent.c — POST /admin/children/{code}/consent: a guardian gives or withdraws consent to publish the profile. */
#include <stdio.h>
#include <stdlib.h>

#include "admin.h"
#include <string.h>

#include "../audit.h"
#include "../pii.h"
#include "../scope.h"

static int consent_tx(struct db *db, void *arg, struct err *e)
{
	struct ctx *c = arg;
	const struct field *f = c->f;
	struct scope s;
	char sql[256];
	long long id;
	unsigned char by[PII_SEALED_LEN(200)];
	long blen;

	scope_of(&c->who, &s);
	if (scope_sql(sql, sizeof sql, "SELECT c.id FROM children c WHERE c.code = ? AND %s FOR UPDATE", &s) < 0 ||
	    db_query_int(db, sql, (struct dbp[]){ P_STR(f[K_CODE].str), s.param }, 2, &id, e) < 0)
		return -1;
	if (!id)
		return err_set(e, 404, "找不到这个孩子的档案。", "consent for %s: not found or out of scope", f[K_CODE].str);
	/* The guardian's name is personal data: sealed to the child like the others, and kept out of the audit log. */
	if ((blen = pii_seal(c->cfg->pii_key, "consent_by", f[K_CODE].str, f[K_GIVEN_BY].str, strlen(f[K_GIVEN_BY].str),
	                     by, sizeof by)) < 0)
		return err_set(e, 500, NULL, "consent for %s: the name too long to seal", f[K_CODE].str);
	/* The public pages follow at once: `listed` is computed from consent, and the page cache sees the change. */
	if (db_exec(db, "INSERT INTO child_consents (child_id, publish, given_by, given_on, recorded_by) "
	            "VALUES (?, ?, ?, ?, ?)", (struct dbp[]){ P_INT(id), P_INT(f[K_PUBLISH].num), P_BIN(by, blen),
	            P_STR(f[K_GIVEN_ON].str), P_INT(c->who.id) }, 5, NULL, e) < 0 ||
	    db_exec(db, "UPDATE children SET consent_publish = ?, consent_date = ? WHERE id = ?",
	            (struct dbp[]){ P_INT(f[K_PUBLISH].num), P_STR(f[K_GIVEN_ON].str), P_INT(id) }, 3, NULL, e) < 0)
		return -1;
	return audit(db, c, e, "child.consent", "child", f[K_CODE].str, "%s by the guardian on %s",
	             f[K_PUBLISH].num ? "consent to publish given" : "consent withdrawn", f[K_GIVEN_ON].str);
}

int ui_admin_consent(struct ctx *c)
{
	char url[64];

	if (db_tx(c->db, consent_tx, c, &c->err) < 0)
		return -1;
	snprintf(url, sizeof url, "/admin/children/%s", c->f[K_CODE].str);
	return ctx_redirect(c, url);
}
