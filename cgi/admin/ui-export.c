/*
 * ui-export.c — GET /admin/export/children.csv, pairings.csv and visits.csv: CSV within scope,
 * UTF-8 with a BOM so that Excel on Chinese Windows reads it right. Personal data only when asked
 * for by a POST (a form with its CSRF token, so no link from elsewhere can make one), and such an
 * export is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "admin.h"
#include "../audit.h"
#include "../core/children.h"
#include "../html.h"
#include "../labels.h"
#include "../money.h"
#include "../pii.h"
#include "../regions.h"
#include "../scope.h"
#include "../util.h"

/*
 * The columns of an export without personal data; with it, the birth date and four personal fields
 * follow.
 */
#define PUBLIC_COLS (C_CONSENT + 1)
/* "3,000.00" for the largest sum a pairing can have paid, and more. */
#define MONEY_TEXT_LEN 40
/* A place as the sheet names it: the city's short name and the county's. */
#define PLACE_LEN 160

struct sheet {
	struct ctx *c;
	int         pii, rows;
};

/* The label of code in list, or "" for a code the list does not know. */
static const char *label_or_empty(const struct label *list, const char *code)
{
	const char *text = label_of(list, code);

	return text ? text : "";
}

static void place(STRING *out, const char *county)
{
	const struct region *r = region_get(county);
	const struct region *city = r ? region_get(r->city) : NULL;
	char text[PLACE_LEN];

	snprintf(text, sizeof text, "%s%s", city && city != r ? city->short_name : "", r ? r->name :
	         county);
	csv_field_to(out, text, 0);
}

/*
 * Open one sealed field of the child whose code is code; a field that will not open stops the
 * export.
 */
static int sealed(struct sheet *s, const char *field, const char *code, const char *ct,
                  unsigned long len, int last)
{
	char plain[CHILD_PII_LEN];

	if (!ct && strcmp(field,
	                  "address") == 0) {   /* recorded before ledgers brought addresses */
		csv_field_to(&s->c->built, "", last);
		return 0;
	}
	if (pii_open_into(s->c->cfg->pii_key, field, code, ct, len, plain, sizeof plain) < 0)
		return err_set(&s->c->err, 500, NULL, "export: %s of %s does not open", field,
		               code);
	csv_field_to(&s->c->built, plain, last);
	sodium_memzero(plain, sizeof plain);
	return 0;
}

/*
 * The children query's columns, in order: the personal ones (C_NAME ...) only with personal data.
 */
enum { C_CODE, C_ALIAS, C_GENDER, C_BIRTH, C_COUNTY, C_CATEGORY, C_STATUS, C_SINCE, C_CONSENT,
       C_NAME, C_IDNUM, C_GUARDIAN, C_ADDRESS };

static int child_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct sheet *s = ctx;
	STRING *out = &s->c->built;
	const char *code = v[C_CODE];

	(void)n; (void)f;
	csv_field_to(out, code, 0);
	csv_field_to(out, v[C_ALIAS], 0);
	csv_field_to(out, label_or_empty(GENDERS, v[C_GENDER]), 0);
	csv_field_to(out, v[C_BIRTH], 0);
	place(out, v[C_COUNTY]);
	csv_field_to(out, label_or_empty(CATEGORIES, v[C_CATEGORY]), 0);
	csv_field_to(out, label_or_empty(CHILD_STATUSES, v[C_STATUS]), 0);
	csv_field_to(out, v[C_SINCE], 0);
	csv_field_to(out, v[C_CONSENT][0] == '1' ? "是" : "否", !s->pii);
	s->rows++;
	if (!s->pii)
		return 0;
	return sealed(s, "real_name", code, v[C_NAME], l[C_NAME], 0) < 0 ||
	       sealed(s, "id_number", code, v[C_IDNUM], l[C_IDNUM], 0) < 0 ||
	       sealed(s, "guardian", code, v[C_GUARDIAN], l[C_GUARDIAN], 0) < 0 ||
	       sealed(s, "address", code, v[C_ADDRESS], l[C_ADDRESS], 1) < 0;
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
	static const char *const COLS[] = { "编号", "化名", "性别", "出生年月", "所在地",
	                                    "困境类别", "状态", "等待起始",
	                                    "同意公开", "真实姓名", "身份证号", "监护人",
	                                    "家庭住址" };
	struct sheet s = { c, c->f[K_PII].present && c->f[K_PII].num, 0 };
	const char *cols[nitems(COLS)];
	struct scope sc;
	char sql[SCOPE_SQL_LEN];

	/* The birth date is personal data: without it, the year and month, as the public has. */
	memcpy(cols, COLS, sizeof cols);
	if (s.pii)
		cols[C_BIRTH] = "出生日期";
	scope_of(&c->who, &sc);
	header(&c->built, cols, s.pii ? (int)nitems(COLS) : PUBLIC_COLS);
	if (scope_sql(sql, sizeof sql, s.pii ?
	        "SELECT c.code, c.alias, c.gender, c.birth_date, c.county_code, c.category, "
	        "c.status, c.waiting_since, "
	        "c.consent_publish, c.pii_real_name, c.pii_id_number, "
	        "c.pii_guardian, c.pii_address "
	        "FROM children c WHERE %s ORDER BY c.code" :
	        "SELECT c.code, c.alias, c.gender, DATE_FORMAT(c.birth_ym, '%%Y-%%m'), "
	        "c.county_code, c.category, c.status, c.waiting_since, c.consent_publish FROM "
	        "children c WHERE %s ORDER BY c.code", &sc) < 0 ||
	    db_query(c->db, sql, &sc.param, 1, child_row, &s, &c->err) < 0)
		return -1;
	/* Personal data leaving the system in a file: on record, with how many children it held. */
	if (s.pii && audit(c->db, c, &c->err, "export.children_pii", "export", "children.csv",
	                   "exported %d children with personal data", s.rows) < 0)
		return -1;
	attachment(c, s.pii ? "children-personal.csv" : "children.csv");
	return 0;
}

/* The pairings query's columns, in order. */
enum { P_ID, P_CODE, P_ALIAS, P_COUNTY, P_DONOR, P_PLAN, P_STATE, P_PAID, P_CREATED, P_DECIDED };

static int pairing_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct sheet *s = ctx;
	STRING *out = &s->c->built;
	char money[MONEY_TEXT_LEN];

	(void)n; (void)f; (void)l;
	for (int i = 0; i <= P_ALIAS; i++)
		csv_field_to(out, v[i] ? v[i] : "", 0);
	place(out, v[P_COUNTY]);
	csv_field_to(out, v[P_DONOR], 0);
	csv_field_to(out, v[P_PLAN] ? label_or_empty(PLANS, v[P_PLAN]) : "", 0);
	csv_field_to(out, label_or_empty(SPONSORSHIP_STATES, v[P_STATE]), 0);
	csv_field_to(out, money_format(strtoll(v[P_PAID], NULL, 10), money, sizeof money), 0);
	csv_field_to(out, v[P_CREATED], 0);
	csv_field_to(out, v[P_DECIDED] ? v[P_DECIDED] : "", 1);
	s->rows++;
	return 0;
}

int ui_admin_export_pairings(struct ctx *c)
{
	static const char *const COLS[] = { "结对号", "孩子编号", "化名", "所在地", "捐赠人",
	                                    "方式", "状态", "已付（元）",
	                                    "提交时间", "审核时间" };
	struct sheet s = { c, 0, 0 };
	struct scope sc;
	char sql[SCOPE_SQL_LEN];

	scope_of(&c->who, &sc);
	header(&c->built, COLS, (int)nitems(COLS));
	if (scope_sql(sql, sizeof sql,
	        "SELECT x.id, c.code, c.alias, c.county_code, d.display_name, x.plan, x.state, "
	        "(SELECT COALESCE(SUM(g.amount_fen), 0) FROM donations g  WHERE g.sponsorship_id = "
	        "x.id AND g.status = 'paid' AND g.refund_due = 0), "
	        "x.created_at, x.decided_at FROM sponsorships x JOIN children c ON c.id = "
	        "x.child_id JOIN donors d ON d.id = x.donor_id WHERE x.state NOT IN "
	        "('expired','cancelled') AND %s ORDER BY x.id", &sc) < 0 ||
	    db_query(c->db, sql, &sc.param, 1, pairing_row, &s, &c->err) < 0)
		return -1;
	attachment(c, "pairings.csv");
	return 0;
}

/*
 * The visits export's columns, in order. No summary, no staff note and no "what was given" text:
 * the first two are sealed because they may name the child, the school or the family (the summary
 * is only checked for that at review), and the third is free text nobody checks; a sheet leaves
 * the system and the back office's rules, so it carries only codes, dates, kinds and amounts.
 */
enum { V_ID, V_CODE, V_COUNTY, V_DATE, V_KIND, V_CARE, V_STATE, V_GIVEN, V_ORG, V_REVIEWED };

#define CARE_TEXT_LEN 64

static int visit_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct sheet *s = ctx;
	STRING *out = &s->c->built;
	char money[MONEY_TEXT_LEN], care[CARE_TEXT_LEN];

	(void)n; (void)f; (void)l;
	csv_field_to(out, v[V_ID], 0);
	csv_field_to(out, v[V_CODE], 0);
	place(out, v[V_COUNTY]);
	csv_field_to(out, v[V_DATE], 0);
	csv_field_to(out, label_or_empty(VISIT_KINDS, v[V_KIND]), 0);
	label_set_text(CARE_KINDS, v[V_CARE], "、", care, sizeof care);
	csv_field_to(out, care, 0);
	csv_field_to(out, label_or_empty(VISIT_STATES, v[V_STATE]), 0);
	csv_field_to(out, v[V_GIVEN] ? money_format(strtoll(v[V_GIVEN], NULL, 10), money,
	                                            sizeof money) : "", 0);
	csv_field_to(out, v[V_ORG] ? v[V_ORG] : "", 0);
	csv_field_to(out, v[V_REVIEWED] ? v[V_REVIEWED] : "", 1);
	s->rows++;
	return 0;
}

/*
 * Visits in scope, oldest first, drafts left out (not yet logged); from and to (optional) bound
 * the day of the visit, read by the visits' child index.
 */
int ui_admin_export_visits(struct ctx *c)
{
	static const char *const COLS[] = { "探访编号", "孩子编号", "所在地", "探访日期", "方式",
	                                    "关爱类型", "状态", "发放金额（元）", "志愿者组织",
	                                    "审核时间" };
	struct sheet s = { c, 0, 0 };
	struct scope sc;
	char sql[SCOPE_SQL_LEN];
	const char *from = c->f[K_FROM].present ? c->f[K_FROM].str : "1000-01-01";
	const char *to = c->f[K_TO].present ? c->f[K_TO].str : "9999-12-31";

	scope_of(&c->who, &sc);
	struct dbp p[] = { P_STR(from), P_STR(to), sc.param };

	header(&c->built, COLS, (int)nitems(COLS));
	if (scope_sql(sql, sizeof sql,
	        "SELECT v.id, c.code, c.county_code, v.visited_on, v.kind, v.care, v.state, "
	        "v.given_fen, o.name, v.reviewed_at FROM visits v "
	        "JOIN children c ON c.id = v.child_id JOIN staff t ON t.id = v.author_id "
	        "LEFT JOIN volunteer_orgs o ON o.id = t.org_id "
	        "WHERE v.state <> 'draft' AND v.visited_on BETWEEN ? AND ? AND %s "
	        "ORDER BY v.visited_on, v.id", &sc) < 0 ||
	    db_query(c->db, sql, p, nitems(p), visit_row, &s, &c->err) < 0)
		return -1;
	attachment(c, "visits.csv");
	return 0;
}
