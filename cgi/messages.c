/*
 * messages.c — the web layer's reading of an error: the HTTP status of each kind, and the Chinese text of each
 * message key the domain core may give (err_core). A key is "<area>.<what>"; each area keeps its own section.
 */
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "util.h"

static const int STATUS[] = {
	[ERR_NONE] = 200, [ERR_INVALID] = 400, [ERR_FORBIDDEN] = 403, [ERR_NOT_FOUND] = 404,
	[ERR_METHOD] = 405, [ERR_CONFLICT] = 409, [ERR_TOO_LARGE] = 413, [ERR_MEDIA] = 415, [ERR_TOO_MANY] = 429,
	[ERR_INTERNAL] = 500, [ERR_BUSY] = 503,
};

static const char *const DEFAULT_TEXT[] = {
	[ERR_NONE]      = "",
	[ERR_INVALID]   = "请求中有无效的内容，请检查后重试。",
	[ERR_FORBIDDEN] = "您没有权限访问这个页面。",
	[ERR_NOT_FOUND] = "您要找的页面不存在，或已经不再公开。",
	[ERR_METHOD]    = "这个页面不支持这种请求方式。",
	[ERR_CONFLICT]  = "操作与当前状态冲突，请刷新后重试。",
	[ERR_TOO_LARGE] = "提交的内容太大。",
	[ERR_MEDIA]     = "服务器出了点问题，我们已经记录下来，请稍后再试。",
	[ERR_TOO_MANY]  = "尝试次数太多，请稍后再试。",
	[ERR_INTERNAL]  = "服务器出了点问题，我们已经记录下来，请稍后再试。",
	[ERR_BUSY]      = "系统正在维护，请稍后再试。",
};

/*
 * The text of each key. A text may show the error's number once, as %lld (err.arg): a row of a file, a count.
 * Keep each area's keys in its section, in the order of its file.
 */
static const struct message {
	const char *key;
	const char *text;
} MESSAGES[] = {
	/* sponsorships and holds (core/sponsorship.c) */
	{ "spons.unpublished", "这个孩子的信息已不再公开。" },
	{ "spons.paid", "您已经为这个孩子支付了助养款，结对正在审核或已经生效。请到“我的账户”查看。" },
	{ "spons.other_plan", "您已经选择了另一种助养方式并生成了订单。如需更改，请先在支付页面取消那笔订单。" },
	{ "spons.lapsed", "保留时间已过，这个孩子已回到等待名单。请回到孩子的介绍页重新选择。" },
	{ "spons.no_hold", "您没有保留这个孩子，或者保留已经过期。请回到孩子的介绍页重新选择。" },
	{ "spons.unknown", "找不到这项结对。" },
	{ "spons.all_paid", "这项结对的各期捐款都已付清，谢谢您！" },
	{ "spons.order_closed", "这笔订单已经支付、取消或过期，不能再取消。" },
	{ "spons.order_paid", "这笔订单已经支付，不能取消。" },
	{ "spons.no_hold_left", "您没有保留这个孩子，或者保留已经结束。" },
	{ "spons.paid_keep", "您已经为这个孩子支付了助养款，结对正在审核或已经生效，"
	  "不能在这里放弃。请到“我的账户”查看。" },

	/* orders, credits and refunds (core/ledger.c) */
	{ "order.unknown",        "找不到这笔订单。" },
	{ "refund.unknown",       "找不到这笔款项。" },
	{ "refund.twice",         "这笔款项已经退回过了。" },
	{ "refund.not_requested", "这笔退款已经办理完成，或者还没有开始。请刷新页面。" },
	{ "refund.not_owed",      "找不到这笔待退款项。" },

	/* pairing decisions (core/pairing.c) */
	{ "pairing.unknown",          "找不到这项结对。" },
	{ "pairing.decided",          "这项结对已经处理过了（或还没有付款），"
	                              "不能再次审核。请刷新列表。" },
	{ "pairing.gift_arrived",     "这项结对刚刚又有款项到账，请再操作一次。" },
	{ "pairing.refund_under_way", "这项结对的款项正在退回，不能通过。"
	                              "请再次选择“不通过并退款”完成退款。" },
	{ "exit.unknown",             "找不到这个孩子的档案。" },
	{ "exit.twice",               "这个孩子已经退出项目了。" },
	{ "exit.pairing_open",        "这个孩子正在办理结对（待支付或待审核）。"
	                              "请先完成审核，或等保留结束后再办理退出。" },
	{ "exit.note_needed",         "选择“其他”时请写明原因。" },

	/* children and consent (core/children.c) */

	/* imports (core/import.c) */

	/* staff (core/staff.c) */

	/* anything else */
	{ "state.refused", "操作与当前状态冲突，请刷新后重试。" },
};

const char *message_text(const char *key)
{
	for (size_t i = 0; i < nitems(MESSAGES); i++)
		if (strcmp(MESSAGES[i].key, key) == 0)
			return MESSAGES[i].text;
	return NULL;
}

int err_status(const struct err *e)
{
	return e->kind > ERR_NONE && e->kind <= ERR_BUSY ? STATUS[e->kind] : 500;
}

const char *err_text(const struct err *e, char *buf, unsigned n)
{
	const char *t;

	if (e->msg[0])
		return e->msg;
	if (e->key && (t = message_text(e->key))) {
		if (!strstr(t, "%lld"))
			return t;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		snprintf(buf, n, t, e->arg);
#pragma GCC diagnostic pop
		return buf;
	}
	return e->kind > ERR_NONE && e->kind <= ERR_BUSY ? DEFAULT_TEXT[e->kind] : DEFAULT_TEXT[ERR_INTERNAL];
}
