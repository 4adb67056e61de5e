/* keys.c — the input key table and its validators (kcgi-style): what each parameter may be. */
#include <stdio.h>
#include <string.h>

#include "html.h"
#include "idcard.h"
#include "core/period.h"
#include "keys.h"
#include "stash.h"
#include "core/photos.h"
#include "money.h"
#include "pay.h"
#include "labels.h"
#include "regions.h"
#include "verify.h"

/*
 * A key's row: its name, validator and message; SECRET_KEY for one the log never shows, and that
 * a refused form never sends back either (a credential, a token, a child's particulars: typed
 * again); OWN_TEXT for one the log never shows but the form that was refused does, to the session
 * that typed it (escaped): the person's own words, which would be lost otherwise. Each OWN_TEXT
 * row says why it may come back.
 */
#define KEY(n, v, p)        { .name = n, .valid = v, .problem = p }
#define SECRET_KEY(n, v, p) { .name = n, .valid = v, .problem = p, .secret = 1 }
#define OWN_TEXT(n, v, p)   { .name = n, .valid = v, .problem = p, .secret = 1, .echo = 1 }
/* Both amounts, chosen and typed, are one amount to the donor. */
#define AMOUNT_PROBLEM "捐赠金额须为 1 到 1,000,000 元之间的数字，最多两位小数，例如 100 或 52.50。"

const struct keydef KEYS[K__MAX] = {
	[K_CITY]     = KEY("city", v_city, "所选城市（市州）不存在。"),
	[K_COUNTY]   = KEY("county", v_county, "所选区县不存在。"),
	[K_GENDER]   = KEY("gender", v_gender, "性别只能是“男”或“女”。"),
	[K_AGE_MIN]  = KEY("age_min", v_age, "最小年龄须为 0 到 17 之间的整数。"),
	[K_AGE_MAX]  = KEY("age_max", v_age, "最大年龄须为 0 到 17 之间的整数。"),
	[K_CATEGORY] = KEY("category", v_category, "困境类别不存在。"),
	[K_BMONTH]   = KEY("birth_month", v_month, "生日月份须为 1 到 12 之间的整数。"),
	[K_BIRTHDAY] = KEY("birthday", v_retired,
	                   "为保护孩子的隐私，已不能按生日的日期筛选，"
	                   "现在按生日月份筛选：请选择“生日月份”。"),
	[K_SORT]     = KEY("sort", v_sort, "排序方式只能是等待最久、年龄或最新。"),
	[K_PAGE]     = KEY("page", v_page, "页码须为正整数。"),
	[K_CODE]     = KEY("child", v_child_code, "儿童编号无效。"),
	[K_LOGIN]    = SECRET_KEY("login", v_login, "请填写有效的电子邮箱或手机号码。"),
	[K_PASSWORD] = SECRET_KEY("password", v_password, "密码须为 8 到 128 个字符。"),
	/* own text: the name one chooses to be shown by (or a new colleague's, typed by staff) */
	[K_DNAME]    = OWN_TEXT("display_name", v_line32, "昵称须为 1 到 32 个字，且不能换行。"),
	[K_AGREE]    = KEY("agree", v_tick, "请阅读并勾选同意相关协议后再提交。"),
	[K_NEXT]     = KEY("next", v_next, "登录后要去的页面无效。"),
	[K_PLAN]     = KEY("plan", v_plan, "助养方式只能是按年或按月。"),
	/* own text: the donor's own name for the receipt, back to the donor */
	[K_RNAME]    = OWN_TEXT("receipt_name", v_line32,
	                        "票据姓名须为 1 到 32 个字，且不能换行。"),
	[K_ANON]     = KEY("anonymous", v_tick, "匿名选项的取值无效。"),
	[K_AMOUNT]   = KEY("amount", v_amount, AMOUNT_PROBLEM),
	[K_OTHER]    = KEY("amount_other", v_amount, AMOUNT_PROBLEM),
	/* own text: a giver's name, typed by the giver or by staff from the gift's papers */
	[K_NAME]     = OWN_TEXT("name", v_line32, "姓名须为 1 到 32 个字，且不能换行。"),
	[K_MOBILE]   = SECRET_KEY("mobile", v_mobile, "手机号码须为 11 位数字，以 1 开头。"),
	/* own text: a gift's message, the giver's words (or staff's copy of them) */
	[K_MESSAGE]  = OWN_TEXT("message", v_message, "留言最多 200 个字。"),
	[K_TOKEN]    = SECRET_KEY("token", v_token, "重设密码的链接无效。"),
	[K_ORDER]    = KEY("order", v_order, "订单号无效。"),
	[K_PROVIDER] = KEY("provider", v_provider, "支付渠道不存在。"),
	[K_NO]       = KEY("no", v_receipt_no, "票据号无效。"),
	[K_RCODE]    = SECRET_KEY("code", v_receipt_code, "票据验证码无效。"),
	[K_YEAR]     = KEY("year", v_year, "年份无效。"),
	[K_ID]       = KEY("id", v_id, "编号无效。"),
	[K_USERNAME] = KEY("username", v_username,
	                   "用户名须为 2 到 64 个小写字母、数字、点、横线或下划线。"),
	[K_STATUS]   = KEY("state", v_status, "结对状态不存在。"),
	/* own text: a refusal's or a pause's reason, which its readers are told anyway */
	[K_REASON]   = OWN_TEXT("reason", v_reason, "请填写 1 到 200 字的理由。"),
	[K_CSTATUS]  = KEY("status", v_list_status, "所选状态不存在。"),
	[K_DAYS]     = KEY("days", v_days, "等待天数须为 0 到 9999 之间的整数。"),
	[K_ALIAS]    = KEY("alias", v_line32, "化名须为 1 到 32 个字，且不能换行。"),
	[K_BIRTH]    = SECRET_KEY("birth_date", v_date,
	                          "出生日期须写成 YYYY-MM-DD，且是真实的日期。"),
	/* own text: the story is written for the public page; the particulars have fields of
	 * their own, which stay secret */
	[K_STORY]    = OWN_TEXT("story", v_story, "孩子的故事最多 500 个字。"),
	[K_RNAME2]   = SECRET_KEY("real_name", v_line32, "真实姓名须为 1 到 32 个字，且不能换行。"),
	[K_IDNUM]    = SECRET_KEY("id_number", v_idnum,
	                          "身份证号无效：须为 18 位，校验位要对，出生日期要真实。"),
	[K_GUARDIAN] = SECRET_KEY("guardian", v_line100,
	                          "监护人信息须为 1 到 100 个字，且不能换行。"),
	[K_ADDRESS]  = SECRET_KEY("address", v_line100, "家庭住址须为 1 到 100 个字，且不能换行。"),
	[K_VERSION]  = KEY("version", v_id, "记录版本无效，请刷新页面后重试。"),
	[K_PUBLISH]  = KEY("publish", v_bit, "是否公开只能是 0 或 1。"),
	[K_GIVEN_BY] = SECRET_KEY("given_by", v_line32, "同意人须为 1 到 32 个字，且不能换行。"),
	[K_GIVEN_ON] = KEY("given_on", v_date, "同意日期须写成 YYYY-MM-DD，且是真实的日期。"),
	[K_STAFF]    = KEY("staff", v_username, "工作人员用户名无效。"),
	[K_ACTION]   = KEY("action", v_action, "操作名称无效。"),
	[K_FROM]     = KEY("from", v_date, "起始日期须写成 YYYY-MM-DD。"),
	[K_TO]       = KEY("to", v_date, "截止日期须写成 YYYY-MM-DD。"),
	[K_EXIT]     = KEY("exit_reason", v_exit,
	                   "退出原因只能是年满 18 岁、家庭情况好转、迁出本省或其他。"),
	/* own text: the staff member's note on why a child leaves, kept beside the record */
	[K_NOTE]     = OWN_TEXT("note", v_note, "说明最多 150 个字。"),
	[K_PII]      = KEY("pii", v_bit, "pii 只能是 0 或 1。"),
	[K_UPLOAD]   = KEY("upload", v_stash, "找不到这份上传，请重新上传台账。"),
	[K_ROLE]     = KEY("role", v_role, "角色只能是省、市州、区县慈善会或志愿者。"),
	[K_REGION]   = KEY("region", v_region, "地区代码不存在。"),
	[K_ACTIVE]   = KEY("active", v_bit, "启用状态只能是 0 或 1。"),
	[K_SIGNED]   = KEY("signed", v_bit, "签约状态只能是 0 或 1。"),
	[K_DATE]     = KEY("date", v_date, "日期须写成 YYYY-MM-DD，且是真实的日期。"),
	[K_VCODE]    = SECRET_KEY("verify_code", v_vcode, "验证码是 6 位数字。"),
	/* volunteer organisations and their volunteers (orgs) */
	[K_ORG]      = KEY("org", v_id, "请选择一个志愿者组织。"),
	[K_ORG_NAME] = KEY("org_name", v_line32, "组织名称须为 1 到 32 个字，且不能换行。"),
	/* own text: an organisation's contact, an adult's work details, typed by staff */
	[K_CONTACT]  = OWN_TEXT("contact_name", v_line32,
	                        "联系人姓名须为 1 到 32 个字，且不能换行。"),
	[K_PHONE]    = OWN_TEXT("contact_phone", v_phone,
	                        "联系电话须为 5 到 20 位，只能有数字、空格、“-”和“+”。"),
	[K_AGREED]   = KEY("agreed_on", v_date, "协议日期须写成 YYYY-MM-DD，且是真实的日期。"),
	/* visits (core/visits.c) */
	[K_FORM_KEY] = KEY("form_key", v_form_key, "表单已失效，请重新打开页面填写。"),
	[K_VKIND]    = KEY("kind", v_visit_kind,
	                   "探访方式只能是入户探访、电话回访、学校探访或集体活动。"),
	[K_CARE_LIFE]    = KEY("care_life", v_tick, "关爱内容的取值无效。"),
	[K_CARE_FAMILY]  = KEY("care_family", v_tick, "关爱内容的取值无效。"),
	[K_CARE_EDU]     = KEY("care_education", v_tick, "关爱内容的取值无效。"),
	[K_CARE_SPECIAL] = KEY("care_special", v_tick, "关爱内容的取值无效。"),
	/* own text, the visit's (below): what was given, the summary written for the donor, the
	 * note for colleagues and the reviewer's note, the volunteer's or reviewer's words */
	[K_GIVEN_WHAT]   = OWN_TEXT("given_what", v_line100,
	                            "送出的物品须为 1 到 100 个字，且不能换行。"),
	[K_GIVEN]        = KEY("given_yuan", v_given,
	                       "金额须为 0.01 到 1,000,000 元之间的数字，最多两位小数。"),
	[K_STAFF_NOTE]   = OWN_TEXT("staff_note", v_story, "给工作人员的备注最多 500 个字。"),
	[K_SUMMARY]      = OWN_TEXT("summary", v_summary,
	                            "给捐赠人的探访摘要须为 20 到 500 个字。"),
	[K_REVIEW_NOTE]  = OWN_TEXT("review_note", v_reason, "请填写 1 到 200 字的退回意见。"),
	[K_AND_SUBMIT]   = KEY("and_submit", v_tick, "提交选项的取值无效。"),
	[K_PHOTO_OK1]    = KEY("photo_ok_1", v_tick, "照片确认的取值无效。"),
	[K_PHOTO_OK2]    = KEY("photo_ok_2", v_tick, "照片确认的取值无效。"),
	[K_PHOTO_OK3]    = KEY("photo_ok_3", v_tick, "照片确认的取值无效。"),
	[K_PHOTO_OK4]    = KEY("photo_ok_4", v_tick, "照片确认的取值无效。"),
	/* photos (core/photos.c) and the photo consent */
	[K_PHOTO]    = KEY("photo", v_photo, "找不到这张照片。"),
	[K_CSCOPE]   = KEY("scope", v_consent_scope, "同意的范围只能是公开介绍或照片。"),
	[K_SCHOOL]   = SECRET_KEY("school", v_line100, "学校须为 1 到 100 个字，且不能换行。"),
	/* letters between sponsor and child (core/letters.c) */
	/* own text: a letter, the sponsor's own or the reply or edit staff type for the child */
	[K_LETTER]   = OWN_TEXT("letter", v_letter, "信的内容须为 1 到 500 个字。"),
	[K_LSTATUS]  = KEY("letter_state", v_letter_state, "信件状态不存在。"),
	[K_DECISION] = KEY("decision", v_decision, "请选择通过、保存修改或不通过。"),
	[K_VISIT]    = KEY("visit", v_id, "探访记录编号无效。"),
	/* money after pairing: payouts, batches, bank files, lapses */
	[K_PERIOD]   = KEY("period", v_period,
	                   "发放期间须写成 2027（全年）、2027H1（上半年）、"
	                   "2027H2（下半年）或 2027-03（月）。"),
	[K_METHOD]   = KEY("method", v_method, "发放方式只能是银行代发、现金或实物。"),
	[K_ADVANCED] = KEY("advanced_yuan", v_advanced,
	                   "垫付金额须为 0 到 1,000,000 元之间的数字，最多两位小数。"),
	[K_GOODS]    = KEY("goods", v_line100, "实物说明须为 1 到 100 个字，且不能换行。"),
	[K_BANK_REF] = KEY("bank_ref", v_bank_ref, "银行流水号须为 1 到 64 位字母、数字或符号。"),
	[K_BANK_HOLDER] = SECRET_KEY("bank_holder", v_line32,
	                             "户名须为 1 到 32 个字，且不能换行。"),
	[K_BANK_NO]  = SECRET_KEY("bank_no", v_bank_no, "银行账号须为 12 到 19 位数字。"),
	[K_BANK_NAME] = KEY("bank_name", v_line32, "开户行须为 1 到 32 个字，且不能换行。"),
	[K_ENCODING] = KEY("encoding", v_encoding, "文件编码只能是 UTF-8 或 GBK。"),
	[K_PSTATE]   = KEY("payout_state", v_payout_state, "发放状态不存在。"),
	[K_LAPSE]    = KEY("lapse_choice", v_lapse, "请选择继续等待或结束资助。"),
	/* fundraising beyond one-to-one: pages, pools, activities, disclosure, reports */
	[K_TITLE]    = KEY("title", v_title, "标题须为 1 到 40 个字，且不能换行。"),
	[K_TEXT]     = KEY("text", v_text, "内容须为 1 到 2000 个字。"),
	[K_GOAL]     = KEY("goal_yuan", v_goal,
	                   "目标金额须为 1 到 100,000,000 元之间的数字，最多两位小数。"),
	[K_SLUG]     = KEY("slug", v_slug,
	                   "活动网址名须为 2 到 40 个小写字母、数字或连字符，以字母或数字开头。"),
	[K_PCODE]    = KEY("p", v_pcode, "找不到这个一起捐页面。"),
	[K_TARGET]   = KEY("target", v_target, "捐赠去向不存在。"),
	[K_CHILDREN] = KEY("children", v_children_n, "助养人数须为 1 到 50 之间的整数。"),
	[K_PKIND]    = KEY("page_kind", v_page_kind, "页面类型不存在。"),
	[K_FUNDER]   = KEY("funder", v_line64, "配捐方名称须为 1 到 64 个字，且不能换行。"),
	[K_RATIO]    = KEY("ratio", v_ratio, "配捐比例须写成 1:1 或 1:2 这样，两边各为 1 到 100。"),
	[K_CAP]      = KEY("cap_yuan", v_cap,
	                   "单笔配捐上限须为 0.01 到 1,000,000 元之间的数字，最多两位小数。"),
	[K_KINDS]    = KEY("kinds", v_kinds, "请选择配捐的捐赠类型。"),
	[K_UNIT]     = KEY("unit", v_id, "成员单位不存在。"),
	[K_RKIND]    = KEY("problem", v_report_kind, "请选择问题类型。"),
	[K_REACH]    = SECRET_KEY("reach", v_line64, "联系方式须为 1 到 64 个字，且不能换行。"),
	[K_ITEM]     = KEY("item", v_item, "举报的页面不存在。"),
	[K_TICKET]   = KEY("ticket", v_ticket, "查询码须为 12 位字母或数字。"),
	[K_DKIND]    = KEY("doc_kind", v_doc_kind, "文件类型不存在。"),
	[K_FILING]   = KEY("filing_no", v_line64, "备案编号须为 1 到 64 个字，且不能换行。"),
	[K_CHANNEL]  = KEY("channel", v_channel, "捐赠渠道只能是银行转账、现金或支票。"),
	[K_STATE]    = KEY("list_state", v_state_name, "状态不存在。"),
	[K_FINAL]    = KEY("final", v_tick, "结项报告选项的取值无效。"),
	[K_TSIZE]    = KEY("size", v_text_size, "字号只能是大字或标准。"),
	/* secret: no log keeps the page it names (one that held a token leads home instead) */
	[K_BACK]     = SECRET_KEY("back", v_next, "要返回的页面无效。"),
};

int parse_uint(const char *s, int maxdigits, long long *out)
{
	long long v = 0;
	int n = 0;

	for (; *s; s++, n++) {
		if (*s < '0' || *s > '9' || n >= maxdigits)
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (n == 0)
		return -1;
	*out = v;
	return 0;
}

static int ok(const char *raw, struct field *f)
{
	f->present = 1;
	f->str = raw;
	return 0;
}

static int region_of_kind(const char *raw, struct field *f, int want_city)
{
	const struct region *r = strlen(raw) == 6 ? region_get(raw) : NULL;

	if (!r || !(want_city ? r->is_city : r->is_county))
		return -1;
	return ok(raw, f);
}

int v_city(const char *raw, struct field *f)
{
	return region_of_kind(raw, f, 1);
}

int v_county(const char *raw, struct field *f)
{
	return region_of_kind(raw, f, 0);
}

int v_gender(const char *raw, struct field *f)
{
	return label_of(GENDERS, raw) ? ok(raw, f) : -1;
}

int v_age(const char *raw, struct field *f)
{
	if (parse_uint(raw, 2, &f->num) < 0 || f->num > 17)
		return -1;
	return ok(raw, f);
}

int v_category(const char *raw, struct field *f)
{
	return label_of(CATEGORIES, raw) ? ok(raw, f) : -1;
}

int v_month(const char *raw, struct field *f)
{
	if (parse_uint(raw, 2, &f->num) < 0 || f->num < 1 || f->num > 12)
		return -1;
	return ok(raw, f);
}

/* A key no longer accepted: a link or bookmark that has it gets the key's message, not a page. */
int v_retired(const char *raw, struct field *f)
{
	(void)raw; (void)f;
	return -1;
}

int v_sort(const char *raw, struct field *f)
{
	if (strcmp(raw, "waiting") && strcmp(raw, "age") && strcmp(raw, "newest"))
		return -1;
	return ok(raw, f);
}

int v_page(const char *raw, struct field *f)
{
	if (parse_uint(raw, 6, &f->num) < 0 || f->num < 1 || f->num > KEYS_MAX_PAGE)
		return -1;
	return ok(raw, f);
}

/* Crockford base32 without I, L, O, U: codes read aloud over the phone are not misheard. */
int is_base32(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "0123456789ABCDEFGHJKMNPQRSTVWXYZ") == n;
}

int v_child_code(const char *raw, struct field *f)
{
	return is_base32(raw, CHILD_CODE_LEN) ? ok(raw, f) : -1;
}

size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int is_mobile(const char *s)
{
	return strlen(s) == 11 && strspn(s, "0123456789") == 11 && s[0] == '1' && s[1] >= '3';
}

int is_email(const char *s)
{
	const char *at = strchr(s, '@'), *dot;
	size_t len = strlen(s);

	if (!at || at == s || strchr(at + 1, '@') || len > 254)
		return 0;
	dot = strrchr(at, '.');
	if (!dot || dot == at + 1 || dot[1] == '\0' || strstr(at, ".."))
		return 0;
	/*
	 * Printable ASCII only, without the characters that would make it two addresses or a
	 * header.
	 */
	for (const char *p = s; *p; p++)
		if (*p <= ' ' || *p >= 0x7f || strchr("<>()[],;:\\\"", *p))
			return 0;
	return 1;
}

int v_login(const char *raw, struct field *f)
{
	return is_email(raw) || is_mobile(raw) ? ok(raw, f) : -1;
}

int v_password(const char *raw, struct field *f)
{
	size_t n = utf8_chars(raw);

	return n >= 8 && n <= 128 ? ok(raw, f) : -1;
}

/*
 * One line of 1..32 characters: names go onto receipts and lists, where a line break or a tab has
 * no place.
 */
int v_line32(const char *raw, struct field *f)
{
	size_t n = utf8_chars(raw);

	if (n < 1 || n > 32 || strpbrk(raw, "\t\r\n"))
		return -1;
	return ok(raw, f);
}

int v_tick(const char *raw, struct field *f)
{
	f->num = 1;
	return strcmp(raw, "1") == 0 || strcmp(raw, "on") == 0 ? ok(raw, f) : -1;
}

int v_stash(const char *raw, struct field *f)
{
	return stash_id_valid(raw) ? ok(raw, f) : -1;
}

int v_text_size(const char *raw, struct field *f)
{
	return strcmp(raw, "large") == 0 || strcmp(raw, "normal") == 0 ? ok(raw, f) : -1;
}

/* Only a path on this site: "//evil.example" and "/\\evil" are other sites to a browser. */
int v_next(const char *raw, struct field *f)
{
	if (raw[0] != '/' || raw[1] == '/' || raw[1] == '\\' || strlen(raw) > 200 ||
	    strpbrk(raw, "\t\r\n\\"))
		return -1;
	return ok(raw, f);
}

int v_plan(const char *raw, struct field *f)
{
	return strcmp(raw, "annual") == 0 || strcmp(raw, "monthly") == 0 ? ok(raw, f) : -1;
}

int v_amount(const char *raw, struct field *f)
{
	if (money_parse_yuan(raw, MONEY_MIN_GIFT_FEN, MONEY_MAX_GIFT_FEN, &f->num) < 0)
		return -1;
	return ok(raw, f);
}

int v_mobile(const char *raw, struct field *f)
{
	return is_mobile(raw) ? ok(raw, f) : -1;
}

int v_message(const char *raw, struct field *f)
{
	return utf8_chars(raw) <= 200 ? ok(raw, f) : -1;
}

int v_token(const char *raw, struct field *f)
{
	return strlen(raw) == 64 && strspn(raw, "0123456789abcdef") == 64 ? ok(raw, f) : -1;
}

int v_order(const char *raw, struct field *f)
{
	return is_base32(raw, ORDER_NO_LEN) ? ok(raw, f) : -1;
}

int v_provider(const char *raw, struct field *f)
{
	return pay_provider(raw) ? ok(raw, f) : -1;
}

/* The number the n digits at s write (no sign, no space) into *out; -1 if one is no digit. */
static int digits(const char *s, int n, long long *out)
{
	long long v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int v_receipt_no(const char *raw, struct field *f)
{
	long long year, seq;

	if (strlen(raw) < 11 || strlen(raw) > 12 || raw[4] != '-')
		return -1;
	if (digits(raw, 4, &year) < 0 || year < 2000 || parse_uint(raw + 5, 7, &seq) < 0 ||
	    seq < 1)
		return -1;
	f->num = year * 10000000 + seq;
	return ok(raw, f);
}

int v_receipt_code(const char *raw, struct field *f)
{
	return is_base32(raw, RECEIPT_CODE_LEN) ? ok(raw, f) : -1;
}

int v_year(const char *raw, struct field *f)
{
	if (parse_uint(raw, 4, &f->num) < 0 || f->num < 2000 || f->num > 2999)
		return -1;
	return ok(raw, f);
}

int v_id(const char *raw, struct field *f)
{
	if (parse_uint(raw, 10, &f->num) < 0 || f->num < 1 || f->num > 4294967295LL)
		return -1;
	return ok(raw, f);
}

int v_username(const char *raw, struct field *f)
{
	size_t n = strlen(raw);

	if (n < 2 || n > 64 || strspn(raw, "abcdefghijklmnopqrstuvwxyz0123456789._-") != n)
		return -1;
	return ok(raw, f);
}

int v_status(const char *raw, struct field *f)
{
	return label_of(SPONSORSHIP_STATES, raw) ? ok(raw, f) : -1;
}

int v_reason(const char *raw, struct field *f)
{
	size_t n = utf8_chars(raw);

	return n >= 1 && n <= 200 && strspn(raw, " \t\r\n") < strlen(raw) ? ok(raw, f) : -1;
}

/* One key, status, lists children, visits and letters: any of their states (each page checks). */
int v_list_status(const char *raw, struct field *f)
{
	return label_of(CHILD_STATUSES, raw) || label_of(VISIT_STATES, raw) ||
	       label_of(LETTER_STATES, raw) ? ok(raw, f) : -1;
}

int v_days(const char *raw, struct field *f)
{
	return parse_uint(raw, 4, &f->num) == 0 ? ok(raw, f) : -1;
}

int v_date(const char *raw, struct field *f)
{
	long long yy, mm, dd;

	/* YYYY-MM-DD */
	if (strlen(raw) != 10 || raw[4] != '-' || raw[7] != '-')
		return -1;
	if (digits(raw, 4, &yy) < 0 || digits(raw + 5, 2, &mm) < 0 || digits(raw + 8, 2, &dd) < 0 ||
	    !idcard_real_date((int)yy, (int)mm, (int)dd))
		return -1;
	return ok(raw, f);
}

int v_story(const char *raw, struct field *f)
{
	return utf8_chars(raw) <= 500 ? ok(raw, f) : -1;
}

int v_idnum(const char *raw, struct field *f)
{
	return idcard_valid(raw, NULL) ? ok(raw, f) : -1;
}

int v_line100(const char *raw, struct field *f)
{
	size_t n = utf8_chars(raw);

	if (n < 1 || n > 100 || strpbrk(raw, "\t\r\n"))
		return -1;
	return ok(raw, f);
}

int v_role(const char *raw, struct field *f)
{
	return label_of(STAFF_ROLES, raw) ? ok(raw, f) : -1;
}

int v_region(const char *raw, struct field *f)
{
	return strlen(raw) == 6 && region_get(raw) ? ok(raw, f) : -1;
}

int v_note(const char *raw, struct field *f)
{
	return utf8_chars(raw) <= 150 ? ok(raw, f) : -1;
}

int v_exit(const char *raw, struct field *f)
{
	return label_of(EXIT_REASONS, raw) ? ok(raw, f) : -1;
}

int v_action(const char *raw, struct field *f)
{
	size_t n = strlen(raw);

	return n >= 1 && n <= 32 &&
	    strspn(raw, "abcdefghijklmnopqrstuvwxyz._") == n ? ok(raw, f) : -1;
}

int v_vcode(const char *raw, struct field *f)
{
	size_t n = strlen(raw);

	return n == VERIFY_DIGITS && strspn(raw, "0123456789") == n ? ok(raw, f) : -1;
}

int v_bit(const char *raw, struct field *f)
{
	if (strcmp(raw, "0") && strcmp(raw, "1"))
		return -1;
	f->num = raw[0] - '0';
	return ok(raw, f);
}

/* A contact's phone, mobile or landline (0718-1234567), as people write it. */
int v_phone(const char *raw, struct field *f)
{
	size_t n = strlen(raw);

	return n >= 5 && n <= 20 && strspn(raw, "0123456789 -+") == n ? ok(raw, f) : -1;
}

/* photos (core/photos.c) and the photo consent */

int v_photo(const char *raw, struct field *f)
{
	return photo_name_valid(raw) ? ok(raw, f) : -1;
}

/* num: 1 for the photo consent, 0 for consent to publish. */
int v_consent_scope(const char *raw, struct field *f)
{
	if (strcmp(raw, "publish") && strcmp(raw, "photo"))
		return -1;
	f->num = strcmp(raw, "photo") == 0;
	return ok(raw, f);
}

/* letters (core/letters.c) */

/* A letter: 1..500 characters, not only blanks; lines are the writer's. */
int v_letter(const char *raw, struct field *f)
{
	size_t n = utf8_chars(raw);

	return n >= 1 && n <= 500 && strspn(raw, " \t\r\n") < strlen(raw) ? ok(raw, f) : -1;
}

int v_letter_state(const char *raw, struct field *f)
{
	return label_of(LETTER_STATES, raw) ? ok(raw, f) : -1;
}

int v_decision(const char *raw, struct field *f)
{
	return strcmp(raw, "approve") == 0 || strcmp(raw, "edit") == 0 ||
	       strcmp(raw, "decline") == 0 ? ok(raw, f) : -1;
}

/* money after pairing */

int v_period(const char *raw, struct field *f)
{
	struct period p;

	return period_parse(raw, &p) == 0 ? ok(raw, f) : -1;
}

int v_method(const char *raw, struct field *f)
{
	return label_of(PAYOUT_METHODS, raw) ? ok(raw, f) : -1;
}

/* The part of a payout the county advances: nothing, up to the largest gift. */
int v_advanced(const char *raw, struct field *f)
{
	if (money_parse_yuan(raw, 0, MONEY_MAX_GIFT_FEN, &f->num) < 0)
		return -1;
	return ok(raw, f);
}

int v_bank_ref(const char *raw, struct field *f)
{
	size_t n = strlen(raw);

	for (size_t i = 0; i < n; i++)
		if (raw[i] <= ' ' || raw[i] > '~')
			return -1;
	return n >= 1 && n <= 64 ? ok(raw, f) : -1;
}

/* An account number as people type it, in groups: 12..19 digits (the core drops the spaces). */
int v_bank_no(const char *raw, struct field *f)
{
	size_t n = 0;

	for (const char *s = raw; *s; s++) {
		if (*s >= '0' && *s <= '9')
			n++;
		else if (*s != ' ')
			return -1;
	}
	f->num = (long long)n;
	return n >= 12 && n <= 19 && strlen(raw) <= 40 ? ok(raw, f) : -1;
}

int v_encoding(const char *raw, struct field *f)
{
	return strcmp(raw, "utf8") == 0 || strcmp(raw, "gbk") == 0 ? ok(raw, f) : -1;
}

int v_payout_state(const char *raw, struct field *f)
{
	return label_of(PAYOUT_STATES, raw) ? ok(raw, f) : -1;
}

int v_lapse(const char *raw, struct field *f)
{
	return strcmp(raw, "wait") == 0 || strcmp(raw, "end") == 0 ? ok(raw, f) : -1;
}

/* fundraising beyond one-to-one */

int v_title(const char *raw, struct field *f)
{
	size_t n = utf8_chars(raw);

	return n >= 1 && n <= 40 && !strpbrk(raw, "\t\r\n") ? ok(raw, f) : -1;
}

int v_text(const char *raw, struct field *f)
{
	size_t n = utf8_chars(raw);

	return n >= 1 && n <= 2000 && strspn(raw, " \t\r\n") < strlen(raw) ? ok(raw, f) : -1;
}

/* A goal: up to a hundred million yuan. */
int v_goal(const char *raw, struct field *f)
{
	if (money_parse_yuan(raw, 100, 100000000LL * 100, &f->num) < 0)
		return -1;
	return ok(raw, f);
}

int v_slug(const char *raw, struct field *f)
{
	size_t n = strlen(raw);

	if (n < 2 || n > 40 || raw[0] == '-' ||
	    strspn(raw, "abcdefghijklmnopqrstuvwxyz0123456789-") != n)
		return -1;
	return ok(raw, f);
}

int v_pcode(const char *raw, struct field *f)
{
	return is_base32(raw, PAGE_CODE_LEN) ? ok(raw, f) : -1;
}

int v_ticket(const char *raw, struct field *f)
{
	return is_base32(raw, TICKET_LEN) ? ok(raw, f) : -1;
}

/* all, a city or county of the province, or u and a member unit's id. */
int v_target(const char *raw, struct field *f)
{
	const struct region *r;

	if (strcmp(raw, "all") == 0)
		return ok(raw, f);
	if (raw[0] == 'u')
		return parse_uint(raw + 1, 9, &f->num) == 0 && f->num > 0 ? ok(raw, f) : -1;
	r = strlen(raw) == 6 ? region_get(raw) : NULL;
	return r && (r->is_city || r->is_county) ? ok(raw, f) : -1;
}

int v_children_n(const char *raw, struct field *f)
{
	return parse_uint(raw, 2, &f->num) == 0 && f->num >= 1 && f->num <= 50 ? ok(raw, f) : -1;
}

int v_page_kind(const char *raw, struct field *f)
{
	return label_of(PAGE_KINDS, raw) ? ok(raw, f) : -1;
}

int v_line64(const char *raw, struct field *f)
{
	size_t n = utf8_chars(raw);

	return n >= 1 && n <= 64 && !strpbrk(raw, "\t\r\n") ? ok(raw, f) : -1;
}

/* a:b, each 1..100; num = a * 1000 + b. */
int v_ratio(const char *raw, struct field *f)
{
	const char *colon = strchr(raw, ':');
	char a[4];
	long long x, y;

	if (!colon || colon - raw < 1 || colon - raw > 3)
		return -1;
	memcpy(a, raw, (size_t)(colon - raw));
	a[colon - raw] = '\0';
	if (parse_uint(a, 3, &x) < 0 || parse_uint(colon + 1, 3, &y) < 0 || x < 1 || x > 100 ||
	    y < 1 || y > 100)
		return -1;
	f->num = x * 1000 + y;
	return ok(raw, f);
}

int v_cap(const char *raw, struct field *f)
{
	if (money_parse_yuan(raw, 1, MONEY_MAX_GIFT_FEN, &f->num) < 0)
		return -1;
	return ok(raw, f);
}

/* Codes of GIFT_KINDS joined by commas, each once, at least one. */
int v_kinds(const char *raw, struct field *f)
{
	char seen[64] = ",";
	const char *s = raw;

	if (strlen(raw) > 60)
		return -1;
	while (*s) {
		size_t n = strcspn(s, ",");
		char one[16], probe[20];

		if (n < 1 || n >= sizeof one)
			return -1;
		memcpy(one, s, n);
		one[n] = '\0';
		snprintf(probe, sizeof probe, ",%s,", one);
		if (!label_of(GIFT_KINDS, one) || strstr(seen, probe))
			return -1;
		strcat(seen, one);
		strcat(seen, ",");
		s += n;
		if (*s == ',' && *++s == '\0')
			return -1;
	}
	return *raw ? ok(raw, f) : -1;
}

int v_report_kind(const char *raw, struct field *f)
{
	return label_of(REPORT_KINDS, raw) ? ok(raw, f) : -1;
}

/* home, or child:, activity: or page: and the thing's code (its shape only: the page looks). */
int v_item(const char *raw, struct field *f)
{
	struct field g;

	if (strcmp(raw, "home") == 0)
		return ok(raw, f);
	if (strncmp(raw, "child:", 6) == 0)
		return v_child_code(raw + 6, &g) == 0 ? ok(raw, f) : -1;
	if (strncmp(raw, "activity:", 9) == 0)
		return v_slug(raw + 9, &g) == 0 ? ok(raw, f) : -1;
	if (strncmp(raw, "page:", 5) == 0)
		return is_base32(raw + 5, PAGE_CODE_LEN) ? ok(raw, f) : -1;
	return -1;
}

int v_doc_kind(const char *raw, struct field *f)
{
	return label_of(DOC_KINDS, raw) ? ok(raw, f) : -1;
}

int v_channel(const char *raw, struct field *f)
{
	return label_of(OFFLINE_CHANNELS, raw) ? ok(raw, f) : -1;
}

int v_state_name(const char *raw, struct field *f)
{
	size_t n = strlen(raw);

	return n >= 1 && n <= 20 && strspn(raw, "abcdefghijklmnopqrstuvwxyz_") == n ?
	       ok(raw, f) : -1;
}

void keys_append_query(const struct field fields[K__MAX], keyset skip, STRING *out)
{
	for (int k = 0; k < K__MAX; k++) {
		if (!fields[k].present || (skip & KB(k)))
			continue;
		string_appendf(out, "%s=", KEYS[k].name);
		url_encode_to(out, fields[k].str);
		string_append_char(out, '&');
	}
}

int keys_secret(const char *name)
{
	for (int k = 0; k < K__MAX; k++)
		if (KEYS[k].secret && strcmp(KEYS[k].name, name) == 0)
			return 1;
	return 0;
}

/* Room for a key's name, decoded: a longer one is none of ours. */
#define KEY_NAME_MAX 64

/*
 * One name=value pair of a raw query, for the log: the value kept only if the decoded name is no
 * secret's.
 */
static void redact_pair(const char *p, size_t len, STRING *out)
{
	const char *eq = memchr(p, '=', len);
	size_t klen = eq ? (size_t)(eq - p) : len;
	char key[KEY_NAME_MAX];

	/*
	 * A name that does not decode, or is too long to be ours, may hide a secret's: keep neither
	 * side.
	 */
	if (klen >= sizeof key || pct_decode(p, klen, key, 1) < 0) {
		string_append(out, "…");
		return;
	}
	if (!keys_secret(key)) {
		string_appendn(out, p, (int)len);
		return;
	}
	string_appendn(out, p, (int)klen);
	string_append(out, "=…");
}

void keys_redact_query(const char *query, STRING *out)
{
	for (const char *p = query; *p; ) {
		size_t len = strcspn(p, "&");
		redact_pair(p, len, out);
		p += len;
		if (*p)
			string_append_char(out, *p++);
	}
}

static int check(enum key k, const char *raw, struct field *f, struct err *e)
{
	if (KEYS[k].valid(raw, f) < 0) {
		f->present = 0;
		if (KEYS[k].secret)
			err_set(e, 400, KEYS[k].problem, "bad value for %s (%zu bytes)",
			        KEYS[k].name, strlen(raw));
		else
			err_set(e, 400, KEYS[k].problem, "bad value for %s: %.60s", KEYS[k].name,
			        raw);
		return err_at(e, KEYS[k].name);
	}
	return 0;
}

int keys_validate(const struct kvlist *params, keyset set, struct field fields[K__MAX],
                  struct err *e)
{
	for (int k = 0; k < K__MAX; k++) {
		const char *raw;
		if (!(set & KB(k)))
			continue;
		raw = kvlist_get(params, KEYS[k].name);
		/*
		 * A value from the path is what names the resource: a same-named parameter may not
		 * replace it.
		 */
		if (fields[k].present)
			continue;
		if (raw && *raw && check((enum key)k, raw, &fields[k], e) < 0)
			return -1;
	}
	return 0;
}

keyset keys_validate_all(const struct kvlist *params, keyset set, keyset required,
                         struct field fields[K__MAX])
{
	keyset bad = 0;

	for (int k = 0; k < K__MAX; k++) {
		const char *raw = kvlist_get(params, KEYS[k].name);

		if (!(set & KB(k)) || fields[k].present)
			continue;
		if (raw && *raw ? KEYS[k].valid(raw, &fields[k]) < 0 : (required & KB(k)) != 0) {
			fields[k].present = 0;
			bad |= KB(k);
		}
	}
	return bad;
}

int keys_validate_one(const char *name, const char *raw, struct field fields[K__MAX], struct err *e)
{
	for (int k = 0; k < K__MAX; k++)
		if (strcmp(KEYS[k].name, name) == 0)
			return check((enum key)k, raw, &fields[k], e);
	return err_set(e, 500, NULL, "route parameter {%s} has no validator", name);
}

/* ---- visits (core/visits.c) ---- */

/* A form's one-time key as the form carries it: 32 lower-case hex digits (16 random bytes). */
int v_form_key(const char *raw, struct field *f)
{
	size_t n = strlen(raw);

	return n == 32 && strspn(raw, "0123456789abcdef") == n ? ok(raw, f) : -1;
}

int v_visit_kind(const char *raw, struct field *f)
{
	return label_of(VISIT_KINDS, raw) ? ok(raw, f) : -1;
}

/* Money handed over on a visit: from 1 fen up to the largest gift. */
int v_given(const char *raw, struct field *f)
{
	if (money_parse_yuan(raw, 1, MONEY_MAX_GIFT_FEN, &f->num) < 0)
		return -1;
	return ok(raw, f);
}

/* Something for the sponsor to read: 20..500 characters, not counting the spaces around it. */
int v_summary(const char *raw, struct field *f)
{
	size_t lead = strspn(raw, " \t\r\n"), n = utf8_chars(raw + lead), len = strlen(raw);

	while (len > lead && strchr(" \t\r\n", raw[len - 1]))
		len--, n--;
	return n >= 20 && n <= 500 ? ok(raw, f) : -1;
}
