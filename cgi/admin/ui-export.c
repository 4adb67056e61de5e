/*
 * ui-export.c — GET /admin/export/children.csv and pairings.csv: CSV within scope, UTF-8 with a BOM so that Excel
 * on Chinese Windows reads it right. Personal data only when asked for by a POST (a form with its CSRF token, so no
 * link from elsewhere can make one), and such an export is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "admin.h"
#include "../audit.h"
#include "../html.h"
#include "../labels.h"
#include "../money.h"
#include "../pii.h"
#include "../regions.h"
#include "../scope.h"

struct sheet {
	struct ctx *c;
	int         pii, rows;
};

static void place(STRING *out, const char *county)
{
	const struct region *r = region_get(county);
	const struct region *city = r ? region_get(r->city) : NULL;
	char text[160];

	snprintf(text, sizeof text, "%s%s", city && city != r ? city->short_name : "", r ? r->name : county);
	csv_field_to(out, text, 0);
}

/* Open one sealed field of the child whose code is code; a field that will not open stops the export. */
static int sealed(struct sheet *s, const char *field, const char *code, const char *ct, unsigned long len, int last)
{
	char plain[1100];

	if (!ct && strcmp(field, "address") == 0) {   /* recorded before ledgers brought addresses */
		csv_field_to(&s->c->built, "", last);
		return 0;
	}
	if (pii_open_into(s->c->cfg->pii_key, field, code, ct, len, plain, sizeof plain) < 0)
		return err_set(&s->c->err, 500, NULL, "export: %s of %s does not open", field, code);
	csv_field_to(&s->c->built, plain, last);
	sodium_memzero(plain, sizeof plain);
	return 0;
}

/*
 * code, alias, gender, birth (year-month, or the date with personal data), county, category,
 * status, waiting_since, consent, [pii x4]
 */
static int child_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct sheet *s = ctx;
	STRING *out = &s->c->built;

	(void)n; (void)f;
	csv_field_to(out, v[0], 0);
	csv_field_to(out, v[1], 0);
	csv_field_to(out, label_of(GENDERS, v[2]) ? label_of(GENDERS, v[2]) : "", 0);
	csv_field_to(out, v[3], 0);
	place(out, v[4]);
	csv_field_to(out, label_of(CATEGORIES, v[5]) ? label_of(CATEGORIES, v[5]) : "", 0);
	csv_field_to(out, label_of(CHILD_STATUSES, v[6]) ? label_of(CHILD_STATUSES, v[6]) : "", 0);
	csv_field_to(out, v[7], 0);
	csv_field_to(out, v[8][0] == '1' ? "是" : "否", !s->pii);
	s->rows++;
	if (!s->pii)
		return 0;
	return sealed(s, "real_name", v[0], v[9], l[9], 0) < 0 || sealed(s, "id_number", v[0], v[10], l[10], 0) < 0 ||
	       sealed(s, "guardian", v[0], v[11], l[11], 0) < 0 || sealed(s, "address", v[0], v[12], l[12], 1) < 0;
}

static void header(STRING *out, const char *const *cols, int n)
{
	string_append(out, CSV_BOM);
	for (int i = 0; i < n; i++)
		csv_field_to(out, cols[i], i == n - 1);
}

static void attachment(struct ctx *c, const char *name)
{
	ctx_header(c, "Content-Disposition: attachment; filename=\"%s\"", name);
	c->ctype = "text/csv; charset=utf-8";
}

int ui_admin_export_children(struct ctx *c)
{
	static const char *const COLS[] = { "编号", "化名", "性别", "出生年月", "所在地", "困境类别", "状态", "等待起始",
	                                    "同意公开", "真实姓名", "身份证号", "监护人", "家庭住址" };
	struct sheet s = { c, c->f[K_PII].present && c->f[K_PII].num, 0 };
	const char *cols[13];
	struct scope sc;
	char sql[1024];

	/* The birth date is personal data: without it, the year and month, as the public has. */
	memcpy(cols, COLS, sizeof cols);
	if (s.pii)
		cols[3] = "出生日期";
	scope_of(&c->who, &sc);
	header(&c->built, cols, s.pii ? 13 : 9);
	if (scope_sql(sql, sizeof sql, s.pii ?
	        "SELECT c.code, c.alias, c.gender, c.birth_date, c.county_code, c.category, c.status, c.waiting_since, "
	        "c.consent_publish, c.pii_real_name, c.pii_id_number, c.pii_guardian, c.pii_address FROM children c WHERE %s "
	        "ORDER BY c.code" :
	        "SELECT c.code, c.alias, c.gender, DATE_FORMAT(c.birth_ym, '%%Y-%%m'), "
	        "c.county_code, c.category, c.status, c.waiting_since, c.consent_publish "
	        "FROM children c WHERE %s ORDER BY c.code", &sc) < 0 ||
	    db_query(c->db, sql, &sc.param, 1, child_row, &s, &c->err) < 0)
		return -1;
	/* Personal data leaving the system in a file: on record, with how many children it held. */
	if (s.pii && audit(c->db, c, &c->err, "export.children_pii", "export", "children.csv",
	                   "exported %d children with personal data", s.rows) < 0)
		return -1;
	attachment(c, s.pii ? "children-personal.csv" : "children.csv");
	return 0;
}

static int pairing_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct sheet *s = ctx;
	STRING *out = &s->c->built;
	char money[40];

	(void)n; (void)f; (void)l;
	for (int i = 0; i < 3; i++)
		csv_field_to(out, v[i] ? v[i] : "", 0);
	place(out, v[3]);
	csv_field_to(out, v[4], 0);
	csv_field_to(out, v[5] && label_of(PLANS, v[5]) ? label_of(PLANS, v[5]) : "", 0);
	csv_field_to(out, label_of(SPONSORSHIP_STATES, v[6]) ? label_of(SPONSORSHIP_STATES, v[6]) : "", 0);
	csv_field_to(out, money_format(strtoll(v[7], NULL, 10), money, sizeof money), 0);
	csv_field_to(out, v[8], 0);
	csv_field_to(out, v[9] ? v[9] : "", 1);
	s->rows++;
	return 0;
}

int ui_admin_export_pairings(struct ctx *c)
{
	static const char *const COLS[] = { "结对号", "孩子编号", "化名", "所在地", "捐赠人", "方式", "状态", "已付（元）",
	                                    "提交时间", "审核时间" };
	struct sheet s = { c, 0, 0 };
	struct scope sc;
	char sql[1024];

	scope_of(&c->who, &sc);
	header(&c->built, COLS, 10);
	if (scope_sql(sql, sizeof sql,
	        "SELECT x.id, c.code, c.alias, c.county_code, d.display_name, x.plan, x.state, "
	        "(SELECT COALESCE(SUM(g.amount_fen), 0) FROM donations g "
	        " WHERE g.sponsorship_id = x.id AND g.status = 'paid' AND g.refund_due = 0), "
	        "x.created_at, x.decided_at FROM sponsorships x JOIN children c ON c.id = x.child_id "
	        "JOIN donors d ON d.id = x.donor_id WHERE x.state NOT IN ('expired','cancelled') AND %s ORDER BY x.id", &sc) < 0 ||
	    db_query(c->db, sql, &sc.param, 1, pairing_row, &s, &c->err) < 0)
		return -1;
	attachment(c, "pairings.csv");
	return 0;
}
