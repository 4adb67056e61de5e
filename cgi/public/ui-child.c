/* ui-child.c — GET /children/{code}: a child's public profile, if the guardian consented to it. */
#include "public.h"
#include "../page.h"
#include "../util.h"

int ui_child(struct ctx *c)
{
	struct dbp p[] = { P_STR(c->f[K_CODE].str) };
	int found;

	if (page_query_one(c,
	        "SELECT " CHILD_PUBLIC_COLS ", c.story, c.annual_need_fen "
	        "FROM children c "
	        "WHERE c.code = ? AND c.consent_publish = 1 AND c.status <> 'exited'",
	        p, nitems(p), "Child", &found) < 0)
		return -1;
	if (!found)
		return err_set(&c->err, 404, "没有找到这个孩子：编号不存在，或孩子的信息不再公开。",
		               "no public child %s", c->f[K_CODE].str);
	child_label(c, "Child");
	page_money(c, "Child.annual_need_fen", "Child.need");
	page_set(c, NULL, "Page.Title", hdf_get_value(c->hdf, "Child.alias", ""));
	/* A shared link shows the alias and the place, never more of the child. */
	page_setf(c, "Page.Description=%s（化名），%s。"
	          "困境儿童一对一助养，每年 %s 元，善款去向可查。",
	          hdf_get_value(c->hdf, "Child.alias", ""),
	          hdf_get_value(c->hdf, "Child.place", ""),
	          hdf_get_value(c->hdf, "Child.need", ""));
	if (hdf_get_int_value(c->cfg->hdf, "Site.IndexChildren", 0) != 1)
		page_set(c, NULL, "Page.NoIndex", "1");
	page_set(c, NULL, "Page.Nav", "children");
	c->tmpl = "child.cs";
	return 0;
}
