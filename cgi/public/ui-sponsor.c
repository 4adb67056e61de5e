/* ui-sponsor.c — GET /sponsor/{code}: the sponsorship plan for a waiting child; the donor checkout builds on this page. */
#include "public.h"
#include "../money.h"
#include "../page.h"

int ui_sponsor(struct ctx *c)
{
	struct dbp p[] = { P_STR(c->f[K_CODE].str) };
	char buf[32];
	int n;

	if (db_query_hdf(c->db,
	        "SELECT " CHILD_PUBLIC_COLS " FROM children c WHERE c.code = ? AND c.listed = 1",
	        p, 1, c->hdf, "Children", &n, &c->err) < 0)
		return -1;
	if (n == 0)
		return err_set(&c->err, 404, "这个孩子现在不在等待结对的名单上，可能刚刚被其他爱心人士选中。",
		               "sponsor page for unlisted child %s", c->f[K_CODE].str);
	child_labels(c, "Children");
	page_set(c, NULL, "Plan.annual", money_format(MONEY_ANNUAL_NEED_FEN, buf, sizeof buf));
	page_set(c, NULL, "Plan.monthly", money_format(MONEY_ANNUAL_NEED_FEN / 12, buf, sizeof buf));
	page_set(c, NULL, "Page.Title", "一对一助养");
	page_set(c, NULL, "Page.Nav", "children");
	c->tmpl = "sponsor.cs";
	return 0;
}
