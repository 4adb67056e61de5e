/* labels.c — code lists shared by URLs, CSV and the database, with their Chinese labels. */
#include <stdio.h>
#include <string.h>

#include "labels.h"

const struct label CATEGORIES[] = {
	{ "deceased",   "父母一方死亡" },
	{ "missing",    "父母一方失踪" },
	{ "abandoned",  "父母一方弃养" },
	{ "disabled",   "父母一方重度残疾" },
	{ "ill",        "父母一方重病" },
	{ "imprisoned", "父母一方服刑在押" },
	{ "rehab",      "父母一方强制戒毒" },
	{ "other",      "其他困境" },
	{ NULL, NULL }
};

const struct label GENDERS[] = {
	{ "m", "男" },
	{ "f", "女" },
	{ NULL, NULL }
};

const struct label CHILD_STATUSES[] = {
	{ "waiting", "等待结对" },
	{ "held",    "有爱心人士正在结对" },
	{ "pending", "结对审核中" },
	{ "paired",  "已结对" },
	{ "exited",  "已退出项目" },
	{ NULL, NULL }
};

const struct label SPONSORSHIP_STATES[] = {
	{ "held",             "已保留，待选择方式" },
	{ "pending_payment",  "待支付" },
	{ "pending_approval", "待审核" },
	{ "active",           "结对中" },
	{ "ended",            "已结束" },
	{ "expired",          "保留已过期" },
	{ "cancelled",        "已取消" },
	{ "rejected",         "未通过审核" },
	{ "lapsing",          "逾期未续" },
	{ "stopping",         "已停止续捐" },
	{ NULL, NULL }
};

const struct label PLANS[] = {
	{ "annual",  "按年支付" },
	{ "monthly", "按月支付" },
	{ NULL, NULL }
};

const struct label PURPOSES[] = {
	{ "sponsorship", "一对一助养" },
	{ "general",     "慈善捐赠（助养基金）" },
	{ "directed",    "定向捐赠" },
	{ "activity",    "专题活动捐赠" },
	{ NULL, NULL }
};

/* How a gift came (donations.channel, sql/032). */
const struct label DONATION_CHANNELS[] = {
	{ "online", "网上捐赠" },
	{ "match",  "配捐" },
	{ "bank",   "银行转账" },
	{ "cash",   "现金" },
	{ "cheque", "支票" },
	{ NULL, NULL }
};

/* The channels staff enter by hand: the offline ones. */
const struct label OFFLINE_CHANNELS[] = {
	{ "bank",   "银行转账" },
	{ "cash",   "现金" },
	{ "cheque", "支票" },
	{ NULL, NULL }
};

/* What a personal page raises for (fund_pages.kind). */
const struct label PAGE_KINDS[] = {
	{ "programme", "为助养计划募捐" },
	{ "activity",  "为专题活动募捐" },
	{ "children",  "一起助养 N 个孩子" },
	{ NULL, NULL }
};

const struct label PAGE_STATES[] = {
	{ "pending",  "待审核" },
	{ "live",     "募捐中" },
	{ "paused",   "已暂停" },
	{ "rejected", "未通过" },
	{ "ended",    "已结束" },
	{ NULL, NULL }
};

const struct label ACTIVITY_STATES[] = {
	{ "draft",  "草稿" },
	{ "live",   "进行中" },
	{ "paused", "已暂停" },
	{ "ended",  "已结束" },
	{ NULL, NULL }
};

const struct label POOL_STATES[] = {
	{ "active", "配捐中" },
	{ "paused", "已暂停" },
	{ "closed", "已关闭" },
	{ NULL, NULL }
};

/* The gifts a matching pool may match (match_pools.kinds). */
const struct label GIFT_KINDS[] = {
	{ "sponsorship", "一对一助养" },
	{ "general",     "非定向捐赠" },
	{ "directed",    "定向捐赠" },
	{ "activity",    "专题活动捐赠" },
	{ "page",        "一起捐页面的捐赠" },
	{ NULL, NULL }
};

/* What a report (举报) is about. */
const struct label REPORT_KINDS[] = {
	{ "fraud",   "虚假信息或诈骗" },
	{ "misuse",  "善款使用问题" },
	{ "privacy", "泄露个人信息" },
	{ "content", "不当内容" },
	{ "other",   "其他问题" },
	{ NULL, NULL }
};

/* The documents of 信息公开. */
const struct label DOC_KINDS[] = {
	{ "plan",  "募捐方案" },
	{ "audit", "审计报告" },
	{ "work",  "工作报告" },
	{ "other", "其他公开文件" },
	{ NULL, NULL }
};

/* The income channels of 收支明细 (core/finance.h FIN_CHANNEL_CODES, in that order). */
const struct label FINANCE_CHANNELS[] = {
	{ "sponsorship", "一对一助养" },
	{ "general",     "非定向捐赠" },
	{ "directed",    "定向捐赠" },
	{ "activity",    "专题活动" },
	{ "matching",    "配捐" },
	{ "offline",     "线下捐赠" },
	{ NULL, NULL }
};

const struct label ORDER_STATES[] = {
	{ "created",   "待支付" },
	{ "paid",      "已支付" },
	{ "cancelled", "已取消" },
	{ "expired",   "已过期" },
	{ "closed",    "已关闭" },
	{ NULL, NULL }
};

const struct label STAFF_ROLES[] = {
	{ "province",  "省慈善总会" },
	{ "city",      "市州慈善会" },
	{ "county",    "区县慈善会" },
	{ "volunteer", "志愿者" },
	{ NULL, NULL }
};

const struct label EXIT_REASONS[] = {
	{ "aged_out", "年满 18 岁" },
	{ "improved", "家庭情况好转" },
	{ "moved",    "迁出本省" },
	{ "other",    "其他" },
	{ NULL, NULL }
};

const struct label VISIT_KINDS[] = {
	{ "home",     "入户探访" },
	{ "phone",    "电话回访" },
	{ "school",   "学校探访" },
	{ "activity", "集体活动" },
	{ NULL, NULL }
};

const struct label CARE_KINDS[] = {
	{ "life",      "生活关爱" },
	{ "family",    "家庭关爱" },
	{ "education", "教育关爱" },
	{ "special",   "特别关爱" },
	{ NULL, NULL }
};

const struct label VISIT_STATES[] = {
	{ "draft",     "草稿" },
	{ "submitted", "待审核" },
	{ "returned",  "已退回修改" },
	{ "approved",  "已通过" },
	{ NULL, NULL }
};

const struct label LETTER_STATES[] = {
	{ "pending",   "待审核" },
	{ "approved",  "已通过" },
	{ "declined",  "未通过" },
	{ "delivered", "已送达" },
	{ NULL, NULL }
};

const struct label PAYOUT_STATES[] = {
	{ "draft",     "草稿" },
	{ "submitted", "待审批" },
	{ "returned",  "已退回修改" },
	{ "approved",  "已审批，待发放" },
	{ "paid",      "已发放" },
	{ "failed",    "发放失败" },
	{ "cancelled", "已作废" },
	{ NULL, NULL }
};

const struct label PAYOUT_METHODS[] = {
	{ "bank",  "银行代发" },
	{ "cash",  "现金（签收）" },
	{ "goods", "实物" },
	{ NULL, NULL }
};

const struct label PRIVACY_KINDS[] = {
	{ "phone",   "电话号码" },
	{ "idnum",   "身份证号" },
	{ "chat",    "QQ、微信或邮箱" },
	{ "name",    "真实姓名" },
	{ "place",   "学校、村镇名称" },
	{ "address", "地址" },
	{ "money",   "索要钱物或收款信息" },
	{ NULL, NULL }
};

/* The byte length of the UTF-8 character starting at s. */
static size_t char_len(const char *s)
{
	unsigned char b = (unsigned char)*s;

	return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

void mask_name(const char *name, int anonymous, char *out, size_t n)
{
	size_t chars = 0, first, at = 0;
	const char *last = NULL;

	if (anonymous || !name || !*name) {
		snprintf(out, n, "%s", ANONYMOUS_DONOR);
		return;
	}
	for (const char *p = name; *p; p += char_len(p)) {
		chars++;
		last = p;
	}
	first = char_len(name);
	/*
	 * First character, stars for the middle, and the last one only when at least two are hidden
	 * by then.
	 */
	at = (size_t)snprintf(out, n, "%.*s", (int)first, name);
	for (size_t i = 1; i < (chars >= 3 ? chars - 1 : chars) && at + 1 < n; i++)
		out[at++] = '*';
	if (chars == 1 && at + 1 < n)
		out[at++] = '*';
	out[at < n ? at : n - 1] = '\0';
	if (chars >= 3)
		snprintf(out + at, n - at, "%s", last);
}

const char *label_of(const struct label *list, const char *code)
{
	if (!code)
		return NULL;
	for (; list->code; list++)
		if (strcmp(list->code, code) == 0)
			return list->text;
	return NULL;
}

/* views (the timeline, the visits export): a SET column's labels */
size_t label_set_text(const struct label *list, const char *codes, const char *sep, char *out,
                      size_t n)
{
	size_t len = 0;

	if (n)
		out[0] = '\0';
	/* The list's order, not the column's: the same care reads the same everywhere. */
	for (; list->code && codes; list++) {
		size_t cl = strlen(list->code);
		const char *p = codes;

		while ((p = strstr(p, list->code)) && !((p == codes || p[-1] == ',') &&
		                                         (p[cl] == ',' || p[cl] == '\0')))
			p += cl;
		if (p && len < n)
			len += (size_t)snprintf(out + len, n - len, "%s%s", len ? sep : "",
			                        list->text);
	}
	return len < n ? len : n;
}
