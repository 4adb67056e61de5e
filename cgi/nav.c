/* nav.c — the navigation bar's links, one table per area, kept to those the actor may open. */
#include <string.h>

#include "nav.h"
#include "page.h"
#include "util.h"

/* A link of the bar: where it goes, what it says, and the page id its pages set as Page.Nav. */
struct nav_link {
	const char *path;
	const char *label;
	const char *page;
};

static const struct nav_link PUBLIC_NAV[] = {
	{ "/",          "项目介绍", "home" },
	{ "/children",  "选择孩子", "children" },
	{ "/donate",    "我要捐赠", "donate" },
	{ "/donations", "捐赠查询", "donations" },
	/* themed activities */
	{ "/activities", "专题活动", "activities" },
	{ "/disclosure/finance", "收支明细", "finance" },
	{ "/me",        "我的账户", "me" },
};

static const struct nav_link ADMIN_NAV[] = {
	{ "/admin",          "工作台",   "home" },
	{ "/admin/pairings", "结对审核", "pairings" },
	{ "/admin/refunds",  "待退款",   "refunds" },
	{ "/admin/children", "儿童档案", "children" },
	{ "/admin/visits",   "探访记录", "visits" },
	/* letters between sponsor and child */
	{ "/admin/letters",  "信件",     "letters" },
	{ "/admin/finance",  "对账",     "finance" },
	/* offline gifts: bank transfers, cash and cheques, one by one or a batch (issue 13) */
	{ "/admin/offline",  "线下捐赠", "offline" },
	/* renewals: lapsing and stopped sponsorships */
	{ "/admin/lapsing",  "逾期结对", "lapsing" },
	{ "/admin/import",   "导入台账", "import" },
	/* payouts to families (their batches and the bank files are reached from there) */
	{ "/admin/payouts",  "善款发放", "payouts" },
	/* fundraising: themed activities (directed gifts are reached from there), personal pages
	 * (一起捐: review and spokespersons' pages), matching pools (配捐) */
	{ "/admin/activities", "专题活动", "activities" },
	{ "/admin/pages",    "一起捐",   "pages" },
	{ "/admin/pools",    "配捐",     "pools" },
	/* disclosure and 举报: reports to answer, the 3-month rule's list */
	{ "/admin/reports",  "举报",     "reports" },
	{ "/admin/disclosure", "信息公开", "disclosure" },
	{ "/admin/orgs",     "志愿者组织", "orgs" },
	{ "/admin/staff",    "账号",     "staff" },
	{ "/admin/units",    "会员单位", "units" },
	{ "/admin/audit",    "审计日志", "audit" },
};

static void set_links(struct ctx *c, const struct nav_link *links, size_t n, nav_may_fn may)
{
	const char *current = hdf_get_value(c->hdf, "Page.Nav", "");
	int shown = 0;

	for (size_t i = 0; i < n; i++) {
		if (!may(c, links[i].path))
			continue;
		page_setf(c, "Nav.%d.href=%s", shown, links[i].path);
		page_setf(c, "Nav.%d.label=%s", shown, links[i].label);
		if (strcmp(links[i].page, current) == 0)
			page_setf(c, "Nav.%d.current=1", shown);
		shown++;
	}
}

void nav_set(struct ctx *c, int admin, nav_may_fn may)
{
	if (admin)
		set_links(c, ADMIN_NAV, nitems(ADMIN_NAV), may);
	else
		set_links(c, PUBLIC_NAV, nitems(PUBLIC_NAV), may);
}
