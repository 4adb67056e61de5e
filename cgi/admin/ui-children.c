/*
 * ui-children.c — GET /admin/children: the children within scope, filtered by status, county,
 * category and days waiting.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "../labels.h"
#include "../page.h"
#include "../public/public.h"
#include "../regions.h"
#include "../scope.h"
#include "../util.h"

#define PER_PAGE 50

/*
 * One statement whatever the filters: an absent filter is '' (or 0 days), which its condition lets
 * through. The scope condition comes first, so every row a staff member can list is one the role
 * may see.
 */
#define FILTERS \
	" FROM children c WHERE %s AND (? = '' OR c.status = ?) " \
	"AND (? = '' OR c.city_code = ?) AND (? = '' OR c.county_code = ?) " \
	"AND (? = '' OR c.category = ?) " \
	"AND DATEDIFF(CURDATE(), c.waiting_since) >= ?"

static const char *opt(const struct field *f)
{
	return f->present ? f->str : "";
}

int ui_admin_children(struct ctx *c)
{
	const struct field *f = c->f;
	long long page = f[K_PAGE].present ? f[K_PAGE].num : 1, total;
	struct scope s;
	char sql[SCOPE_SQL_LEN];
	const char *city, *county;

	if (admin_city_filter(c, &city) < 0 || admin_county_filter(c, &county) < 0)
		return -1;
	/* as on the public list: filters that contradict each other are told, not listed empty */
	if (*city && *county && strcmp(region_get(county)->city, city) != 0)
		return err_set(&c->err, 400, "所选区县不在所选城市（市州）之内。",
		               "county %s not in city %s", county, city);
	struct dbp p[] = { P_NULL, P_STR(opt(&f[K_CSTATUS])), P_STR(opt(&f[K_CSTATUS])),
	                   P_STR(city), P_STR(city), P_STR(county), P_STR(county),
	                   P_STR(opt(&f[K_CATEGORY])), P_STR(opt(&f[K_CATEGORY])),
	                   P_INT(f[K_DAYS].present ? f[K_DAYS].num : 0), P_INT(PER_PAGE),
	                   P_INT((page - 1) * PER_PAGE) };

	/* status lists visits and letters too (keys.c): here only a child's. */
	if (f[K_CSTATUS].present && !label_of(CHILD_STATUSES, f[K_CSTATUS].str))
		return err_set(&c->err, 400, "儿童状态不存在。", "status=%s", f[K_CSTATUS].str);
	scope_of(&c->who, &s);
	p[0] = s.param;
	if (scope_sql(sql, sizeof sql, "SELECT COUNT(*)" FILTERS, &s) < 0 ||
	    db_query_int(c->db, sql, p, nitems(p) - 2, &total, &c->err) < 0 ||
	    /* no LIMIT, OFFSET */
	    scope_sql(sql, sizeof sql, "SELECT " CHILD_PUBLIC_COLS ", "
	              "c.consent_publish AS consent" FILTERS
	              " ORDER BY c.waiting_since, c.id LIMIT ? OFFSET ?", &s) < 0 ||
	    db_query_hdf(c->db, sql, p, nitems(p), c->hdf, "Children", NULL, &c->err) < 0)
		return -1;
	child_labels(c, "Children");
	for (int k = K_CSTATUS; k <= K_DAYS; k++)
		if (f[k].present)
			page_setf(c, "Filter.%s=%s", KEYS[k].name, f[k].str);
	page_set(c, NULL, "Filter.city", city);
	page_set(c, NULL, "Filter.county", county);
	page_set(c, NULL, "Filter.category", opt(&f[K_CATEGORY]));
	page_setf(c, "Found=%lld", total);
	page_setf(c, "Pager.Page=%lld", page);
	page_setf(c, "Pager.Pages=%lld", (total + PER_PAGE - 1) / PER_PAGE);
	page_label_list(c, "Categories", CATEGORIES);
	page_label_list(c, "Statuses", CHILD_STATUSES);
	admin_page(c, "儿童档案", "children");
	c->tmpl = "admin-children.cs";
	return 0;
}
