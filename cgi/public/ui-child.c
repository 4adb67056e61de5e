/* ui-child.c — GET /children/{code}: one child's public profile, for children whose guardian consented to publication. */
#include <stdlib.h>

#include "public.h"
#include "../money.h"
#include "../page.h"

int ui_child(struct ctx *c)
{
	struct dbp p[] = { P_STR(c->f[K_CODE].str) };
	int n;
	long long need;
	char buf[32];

	if (db_query_hdf(c->db,
	        "SELECT " CHILD_PUBLIC_COLS ", c.story, c.annual_need_fen "
	        "FROM children c WHERE c.code = ? AND c.consent_publish = 1 AND c.status <> 'exited'",
	        p, 1, c->hdf, "Children", &n, &c->err) < 0)
		return -1;
	if (n == 0)
		return err_set(&c->err, 404, "没有找到这个孩子：编号不存在，或孩子的信息不再公开。",
		               "no public child %s", c->f[K_CODE].str);
	child_labels(c, "Children");
	need = strtoll(hdf_get_value(c->hdf, "Children.0.annual_need_fen", "0"), NULL, 10);
	page_set(c, NULL, "Children.0.need", money_format(need, buf, sizeof buf));
	page_set(c, NULL, "Page.Title", hdf_get_value(c->hdf, "Children.0.alias", ""));
	page_set(c, NULL, "Page.Nav", "children");
	c->tmpl = "child.cs";
	return 0;
}
