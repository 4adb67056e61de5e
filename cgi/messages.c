/*
 * messages.c — the web layer's reading of an error: the HTTP status of each kind, and the Chinese
 * text of each message key the domain core may give (err_core). A key is "<area>.<what>"; each
 * area keeps its own section.
 */
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "util.h"

static const int STATUS[] = {
	[ERR_NONE] = 200, [ERR_INVALID] = 400, [ERR_FORBIDDEN] = 403, [ERR_NOT_FOUND] = 404,
	[ERR_METHOD] = 405, [ERR_CONFLICT] = 409, [ERR_TOO_LARGE] = 413, [ERR_MEDIA] = 415,
	[ERR_TOO_MANY] = 429, [ERR_INTERNAL] = 500, [ERR_BUSY] = 503,
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
 * The text of each key. A text may show the error's number once, as %lld (err.arg): a row of a
 * file, a count. Keep each area's keys in its section, in the order of its file.
 */
static const struct message {
	const char *key;
	const char *text;
} MESSAGES[] = {
	/* sponsorships and holds (core/sponsorship.c) */
	{ "spons.unpublished", "这个孩子的信息已不再公开。" },
	{ "spons.paid", "您已经为这个孩子支付了助养款，结对正在审核或已经生效。"
	                "请到“我的账户”查看。" },
	{ "spons.other_plan", "您已经选择了另一种助养方式并生成了订单。"
	                      "如需更改，请先在支付页面取消那笔订单。" },
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
	{ "children.not_found", "找不到这个孩子的档案。" },
	{ "children.birth_mismatch", "出生日期与身份证号里的出生日期不一致。" },
	{ "children.county_out_of_reach", "这个区县不在您的管理范围内。" },
	{ "children.dup_id", "另一个孩子的档案已经登记了这个身份证号。" },
	{ "children.on_record", "这个身份证号已经登记过了。请打开那份档案修改，不要重复登记。" },
	{ "children.elsewhere", "这个孩子已经登记在您管理范围以外的区县。"
	                        "请联系省慈善总会转移档案，不要重复登记。" },
	{ "children.withheld", "这个身份证号需要省慈善总会审核后才能登记，已转交省慈善总会。" },
	{ "children.not_volunteer_here", "只能分配给这个孩子所在区县的志愿者。" },
	{ "children.not_assigned", "这个孩子没有分配给这位志愿者。" },

	/* imports (core/import.c) */
	{ "import.binary", "文件里有二进制内容，不是 CSV 文本。请从 Excel 另存为 CSV 后再上传。" },
	{ "import.encoding", "文件编码无法识别。请存为 UTF-8 或 GBK 编码的 CSV。" },
	{ "import.control", "文件里有控制字符，不是 CSV 文本。请从 Excel 另存为 CSV 后再上传。" },
	{ "import.header", "表头缺少必需的列。必需的列：姓名,身份证号,性别,出生日期,"
	                   "区县代码,困境类别,监护人姓名,监护人电话,家庭住址。" },
	{ "import.too_large", "台账文件不能超过 20 MB。" },
	{ "import.quotes", "第 %lld 行附近的引号不配对，文件无法读取，没有导入任何内容。" },
	{ "import.empty", "文件是空的。" },
	{ "import.busy", "另一项操作正在修改这些孩子的档案，导入没有写入任何内容。"
	                 "请稍后重新导入。" },
	{ "import.recorded_meanwhile", "另一次导入同时登记了这份台账里的孩子。请重新上传检查。" },
	{ "import.changed_meanwhile", "导入期间有人修改了台账里的孩子档案，请重新上传。" },

	/* staff (core/staff.c) */
	{ "staff.no_account", "找不到这个账号。" },
	{ "staff.region_role", "地区与角色不相符：省级账号用 420000，市州账号用市州代码，"
	                       "区县和志愿者用区县代码。" },
	{ "staff.taken", "这个用户名已经有人用了。" },
	{ "staff.role_forbidden", "您只能开设本辖区志愿者组织的志愿者账号。" },
	{ "staff.org_required", "志愿者账号须选择所属的志愿者组织。" },
	{ "units.no_date", "签约时请填写签约日期。" },
	{ "units.none", "没有这个会员单位。" },

	/* volunteer organisations (core/orgs.c) */
	{ "orgs.not_found", "找不到这个志愿者组织。" },
	{ "orgs.taken", "本区县已有同名的志愿者组织，请换一个名称。" },
	{ "orgs.county_out_of_reach", "只能在您负责的区县登记志愿者组织。" },
	{ "orgs.inactive", "这个志愿者组织已停止合作，不能再开设它的志愿者账号。" },
	/* visits (core/visits.c) */
	{ "visits.not_writer", "只有志愿者和区县工作人员可以记录探访。" },
	{ "visits.no_child", "找不到这个孩子：孩子须在您的负责范围内（志愿者：分配给您的孩子），"
	                     "并且正在结对中。" },
	{ "visits.future", "探访日期不能晚于今天。" },
	{ "visits.before_pairing", "探访日期不能早于结对生效的日期。" },
	{ "visits.incomplete", "请填写探访日期和探访方式。" },
	{ "visits.no_care", "请至少选择一种关爱内容。" },
	{ "visits.key_used", "这份表单已经用过了，请重新打开“记录探访”页面填写。" },
	{ "visits.unknown", "找不到这条探访记录。" },
	{ "visits.locked", "这条探访记录已经提交审核或已经通过，不能再修改。" },
	{ "visits.not_author", "只有记录人本人可以提交这条探访记录。" },
	{ "visits.not_reviewer", "只有区县、市州和省级工作人员可以审核探访记录。" },
	{ "visits.not_submitted", "这条探访记录不在待审核状态，请刷新页面。" },
	{ "visits.privacy", "探访摘要里有 %lld 处不能让捐赠人看到的内容（已在页面上标出），"
	                    "请先修改摘要，再审核通过。" },
	/* photos (core/photos.c, core/image.c) */
	{ "photo.none", "请选择要上传的照片（JPEG 或 PNG）。" },
	{ "photo.busy", "正在处理的照片较多，请稍后再上传一次。" },
	{ "photo.too_large", "照片不能超过 5 MB。请在手机上选择较小的尺寸，或先压缩后再上传。" },
	{ "photo.pixels", "照片的像素太多，无法处理。请选择较小的尺寸后再上传。" },
	{ "photo.not_image", "这个文件不是能打开的 JPEG 或 PNG 照片，没有保存。"
	                     "请重新拍照或选择照片后再上传。" },
	{ "photo.no_item", "找不到这次探访或回信。" },
	{ "photo.not_yours", "只有记录人或区县慈善会的工作人员可以添加或删除这里的照片。" },
	{ "photo.no_consent", "这个孩子的监护人还没有同意拍照，不能上传照片。"
	                      "请先在孩子的档案页记录监护人的拍照同意。" },
	{ "photo.closed", "这次探访或回信已经提交审核或处理完毕，不能再添加照片。" },
	{ "photo.full", "每次探访或每封回信最多 4 张照片。请先删除一张再上传。" },
	{ "photo.unknown", "找不到这张照片。" },
	{ "photo.approved", "这张照片所在的探访或回信已经审核通过，不能再删除。" },
	/* letters between sponsor and child (core/letters.c) */
	{ "letters.no_sponsorship", "找不到这项结对，或结对已经结束。" },
	{ "letters.too_many", "您已经有 %lld 封信在等待审核。工作人员审核之后，"
	                      "您就可以再写信了。" },
	{ "letters.unknown", "找不到这封信。" },
	{ "letters.reviewed", "这封信已经审核过了，不能再审核或修改。请刷新页面。" },
	{ "letters.findings", "这封信里有 %lld 处不能转交的内容（已在信中标出），"
	                      "请修改后再通过。" },
	{ "letters.not_handler", "只有孩子的志愿者或区县慈善会可以登记送信和回信。" },
	{ "letters.not_approved", "这封信还没有通过审核，或已经登记送达。请刷新页面。" },
	{ "letters.visit_other", "所选的探访记录不是这个孩子的。" },
	{ "letters.not_delivered", "信送到孩子手中之后，才能登记孩子的回信。" },
	{ "letters.ended", "这项结对已经结束，不能再登记回信。" },
	/* pausing an activity or a personal page (core/fundraising.c) */
	{ "fund.unknown", "找不到这项募捐。" },
	{ "fund.not_live", "这项募捐现在不在进行中，不能暂停。" },
	{ "fund.not_paused", "这项募捐没有暂停，不需要恢复。" },
	/* matching pools (core/pools.c) */
	{ "pool.unknown", "找不到这个配捐池。" },
	{ "pool.target", "找不到配捐的范围，或者它不在您的管辖范围内。" },
	{ "pool.unit", "成员单位不存在。" },
	{ "pool.window", "配捐的结束日期不能早于开始日期。" },
	{ "pool.state", "配捐池现在的状态不能这样操作，请刷新页面。" },
	{ "pool.both", "配捐范围只能选地区或专题活动中的一项。" },
	/* offline gifts (core/offline.c) */
	{ "offline.date", "捐赠日期不能晚于今天，也不能早于一年前。" },
	{ "offline.no_target", "找不到这个捐赠去向，或它不在您的管理范围内。" },
	{ "offline.ref_taken", "这个渠道的这个流水号已经登记过一笔捐赠，没有重复登记。" },
	{ "offline.key_used", "表单已失效，请重新打开页面填写。" },
	{ "offline.header", "表头缺少必需的列。必需的列："
	  "日期,金额,渠道,捐赠人,留言,去向,流水号。" },
	{ "offline.empty", "文件里没有捐赠记录。" },
	{ "offline.too_large", "捐赠明细文件不能超过 2 MB。" },
	{ "offline.too_many", "一次最多登记 5000 笔捐赠，请把文件分成几份上传。" },
	{ "offline.meanwhile", "这份文件里有捐赠在检查之后被登记了，没有写入任何内容。"
	  "请重新上传检查。" },
	/* themed activities and directed gifts (core/activities.c) */
	{ "activities.region", "您只能为本辖区（或其下的区县）开设专题活动。" },
	{ "activities.region_kind", "专题活动的地区须是一个市州或区县；全省的活动请留空。" },
	{ "activities.dates", "结束日期不能早于开始日期。" },
	{ "activities.slug_taken", "这个网址名已被其他专题活动使用，请换一个。" },
	{ "activities.missing", "草稿须填写网址名、标题、目标金额和开始日期。" },
	{ "activities.ended", "这个专题活动已经结束，不能再修改。" },
	{ "activities.state", "这个专题活动现在的状态不允许这样操作。请刷新页面。" },
	{ "activities.draft", "草稿还没有发布，不能发布项目进展。" },
	{ "activities.not_ended", "活动结束之后才能发布结项报告。" },
	{ "activities.final_twice", "这个专题活动已经发布过结项报告。" },
	{ "activities.unit", "所选的会员单位不存在，或还没有签订项目合作协议。" },
	/* reports (举报, core/reports.c) */
	{ "report.unknown_item", "找不到要举报的页面：它不存在，或已不再公开。" },
	{ "report.too_many", "这个网络提交的举报太多了，请 15 分钟后再试。" },
	{ "report.unknown", "找不到这条举报。" },
	{ "report.answered", "这条举报已经答复过了。请刷新页面。" },
	{ "report.no_item", "这条举报针对的不是专题活动或一起捐页面，无法暂停。" },
	/* disclosure documents (core/disclosure.c) */
	{ "disclosure.none", "请选择要上传的 PDF 文件。" },
	{ "disclosure.not_pdf", "只能上传 PDF 文件。" },
	{ "disclosure.too_large", "文件太大了：PDF 文件最大 10 MB。" },
	{ "disclosure.no_activity", "找不到这个专题活动。" },
	/* personal fundraising pages (core/pages.c) */
	{ "page.unknown", "找不到这个一起捐页面。" },
	{ "page.province", "代言人页面只能由省慈善总会建立。" },
	{ "page.too_many", "您已有 3 个一起捐页面在等待审核，请等审核后再发起新的页面。" },
	{ "page.activity", "这个专题活动不存在或不在进行中，请重新选择。" },
	{ "page.ends_on", "截止日期须在今天以后、一年以内。" },
	{ "page.goal", "请填写目标金额。" },
	{ "page.state", "这个一起捐页面的状态已经变了，不能这样操作。请刷新页面。" },
	{ "page.not_public", "页面通过审核后才能发布进展。" },
	{ "page.updates", "每个页面每天最多发布 5 条进展，请明天再来。" },
	{ "page.not_covered", "这个页面筹到的善款还不够再助养一个孩子（每个孩子 3,000 元）。" },
	{ "page.child_taken", "这个孩子刚刚已经被其他爱心人士选择了，请选择其他孩子。" },
	/* payouts (core/payouts.c) */
	{ "payouts.no_child", "找不到这个孩子。" },
	{ "payouts.bad", "发放期间或金额无效：垫付部分不能超过发放金额。" },
	{ "payouts.made", "发放记录已建立。" },
	{ "payouts.unfunded", "发放金额超过了这个孩子已收到、尚未发放的善款。"
	  "如由区县慈善会垫付（配套），请填写垫付金额。" },
	{ "payouts.period_taken", "这个孩子在这个期间（或与之重叠的期间）已有发放记录。" },
	{ "payouts.no_account", "孩子的档案里还没有监护人的银行账户，不能银行代发。"
	  "请先在档案中登记账户，或改用现金、实物发放。" },
	{ "payouts.not_paired", "这个孩子还没有资助人，也没有收到过善款。" },
	/* payouts one by one and their evidence (core/payouts.c) */
	{ "payouts.not_maker", "发放记录由孩子所在区县的慈善会工作人员建立、提交和登记发放。" },
	{ "payouts.not_approver", "发放记录由市州慈善会（或省慈善总会）审批，"
	  "区县不能审批自己的发放。" },
	{ "payouts.unknown", "找不到这条发放记录。" },
	{ "payouts.state", "这条发放记录当前的状态不允许这样操作，请刷新后查看。" },
	{ "payouts.future", "发放日期不能晚于今天。" },
	{ "payouts.files_full", "每条发放记录最多上传 4 份凭证。" },
	{ "payouts.file_too_large", "凭证文件不能超过 5 MB。" },
	{ "payouts.not_evidence", "凭证只能是 JPEG、PNG 图片或 PDF 文件。" },
	/* the guardian's bank account (core/bank.c) */
	{ "bank.no_child", "找不到这个孩子。" },
	{ "bank.not_county", "监护人的银行账户由孩子所在区县的慈善会工作人员登记。" },
	{ "bank.bad", "银行账号须为 12 到 19 位数字。" },

	/* batches (core/batches.c) and the bank's files (core/bankfile.c) */
	{ "batches.unknown", "找不到这个发放批次。" },
	{ "batches.not_payer", "只有区县慈善会的工作人员可以建立、提交和发放批次。" },
	{ "batches.not_approver", "只有市州（或省）慈善总会的工作人员可以审批发放批次。" },
	{ "batches.none_to_submit", "这个批次里没有待提交的发放记录。请刷新页面。" },
	{ "batches.none_to_approve", "这个批次里没有待审批的发放记录。请刷新页面。" },
	{ "batches.not_bank", "这个批次不是银行代发，没有给银行的文件。" },
	{ "batches.none_to_export", "这个批次里没有已审批、待银行代发的记录。" },
	{ "batches.account_gone", "有孩子的银行账户已从档案中删除或无法读取，"
	  "请先核对档案里的账户再导出。" },
	{ "batches.not_gbk", "有姓名或开户行含有 GBK 编码没有的字，请改用 UTF-8 导出。" },
	{ "bankfile.too_many", "银行结果文件最多 50,000 行，请分成几个文件导入。" },
	{ "bankfile.paid", "已发放" },
	{ "bankfile.failed", "银行代发失败，已登记原因" },
	{ "bankfile.already", "与记录相同（已登记过），未改动" },
	{ "bankfile.unknown", "找不到这个发放编号" },
	{ "bankfile.other_batch", "不是这个批次的发放记录" },
	{ "bankfile.amount", "金额与发放记录不符" },
	{ "bankfile.not_approved", "发放记录不是“已审批，待发放”状态，未改动" },
	{ "bankfile.duplicate", "发放编号在文件前面已出现过" },
	{ "bankfile.columns", "无法读取：列数不对" },
	{ "bankfile.bad_ref", "无法读取：不是本系统的发放编号" },
	{ "bankfile.bad_amount", "无法读取：金额格式不对" },
	{ "bankfile.bad_result", "无法读取：结果须为“成功”或“失败”" },
	{ "bankfile.bad_date", "无法读取：日期不对（须为 YYYY-MM-DD，且不能晚于今天）" },
	{ "bankfile.bad_text", "无法读取：银行流水号或失败原因过长或含不允许的字符" },
	/* renewals, lapses, the donor's stop (core/renewals.c) */
	{ "renewals.unknown", "找不到这项结对，或它不在可以办理的状态。" },
	{ "renewals.stopped", "这项结对已经停止续捐了。" },
	{ "renewals.county_only", "逾期和停止续捐的结对由孩子所在区县的慈善会决定。" },
	{ "renewals.too_early", "这项结对逾期还不满 %lld 天，请再等等捐赠人续捐。" },
	{ "renewals.payouts_pending", "这个孩子还有 %lld 笔发放没有办完（草稿、待审核、已退回、"
	  "已批准或发放失败）。请先办完或取消这些发放，再结束结对。" },

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
	if (e->kind > ERR_NONE && e->kind <= ERR_BUSY)
		return DEFAULT_TEXT[e->kind];
	return DEFAULT_TEXT[ERR_INTERNAL];
}
