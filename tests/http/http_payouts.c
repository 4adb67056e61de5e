/*
 * http_payouts.c — payouts one by one: county staff make, submit and record them paid; the city approves its
 * counties' (another city's staff find none; the province may act for any); volunteers and donors are kept out. The
 * funds guard (unfunded refused, advanced allowed and recorded, one per period, overlapping periods refused, two
 * makers at once make one); the guardian's bank account, masked on every page and nowhere in full; evidence, an
 * image encoded afresh or a PDF as it came, and nothing else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <curl/curl.h>
#include <gd.h>

#include "check_main.h"
#include "client.h"

#define FAR_CITY  "payouts-wuhan"      /* city staff of 武汉市, made here */
#define DONOR     "payouts-donor@example.com"
#define BANK_NO   "6222 0212 3456 7890 123"
#define BANK_FULL "6222021234567890123"
#define BANK_MASK "6222 **** **** 0123"

/* The fixture children: 巴东县, paired, 3,000 yuan received; 巴东县, paired, nothing received; 武昌区, paired. */
enum { KID_FUNDED, KID_UNFUNDED, KID_FAR, NKIDS };
static const struct fixture_child KIDS[NKIDS] = {
	{ "PA00000001", "测试·发放甲", "f", "2014-02-03", "422823", "ill", "（虚构）发放测试用的故事。", "paired", 1,
	  "虚构·发放甲", "PAYOUT-1", "虚构监护人 13900000021" },
	{ "PA00000002", "测试·发放乙", "m", "2014-02-03", "422823", "ill", "（虚构）发放测试用的故事。", "paired", 1,
	  "虚构·发放乙", "PAYOUT-2", "虚构监护人 13900000022" },
	{ "PA00000003", "测试·发放丙", "f", "2014-02-03", "420106", "ill", "（虚构）发放测试用的故事。", "paired", 1,
	  "虚构·发放丙", "PAYOUT-3", "虚构监护人 13900000023" },
};

#define num admin_sql_numf
#define sql admin_sql_okf

static void remove_all(void)
{
	for (int i = 0; i < NKIDS; i++) {
		fixture_money_delete(KIDS[i].code);
		fixture_delete(KIDS[i].code);
	}
	admin_sql("DELETE FROM donors WHERE login = '" DONOR "';"
	          "DELETE FROM staff_sessions WHERE staff_id = (SELECT id FROM staff WHERE username = '" FAR_CITY "');"
	          "DELETE FROM staff WHERE username = '" FAR_CITY "';", NULL);
}

/* The children, each under an active sponsorship; the funded child's 3,000 yuan as the donations' trigger would
 * have counted it; the far city's staff member (the demo password). Unchecked: runs once in the runner. */
static void setup(void)
{
	remove_all();
	for (int i = 0; i < NKIDS; i++)
		ck_assert_int_eq(fixture_insert(&KIDS[i]), 0);
	sql("INSERT INTO donors (login, login_kind, pw_hash, display_name, agreed_at) "
	    "VALUES ('" DONOR "', 'email', 'x', '发放测试捐赠人', NOW());"
	    "INSERT INTO sponsorships (child_id, donor_id, state, plan, hold_until, agreed_at, decided_at) "
	    "SELECT c.id, (SELECT id FROM donors WHERE login = '" DONOR "'), 'active', 'annual', NOW(), NOW(), "
	    "  NOW() - INTERVAL 400 DAY FROM children c WHERE c.code IN ('%s', '%s', '%s');"
	    "INSERT INTO child_funds (child_id, received_fen) SELECT id, 300000 FROM children WHERE code IN ('%s', '%s');"
	    "INSERT INTO staff (username, pw_hash, display_name, role, region_code) "
	    "  SELECT '" FAR_CITY "', pw_hash, '测试·武汉', 'city', '420100' FROM staff WHERE username = 'badong';",
	    KIDS[KID_FUNDED].code, KIDS[KID_UNFUNDED].code, KIDS[KID_FAR].code, KIDS[KID_FUNDED].code,
	    KIDS[KID_FAR].code);
}

/* A POST from b (its remembered CSRF token); the status, the page in r (the caller frees it) if r. */
static long post(struct browser *b, const char *path, const char *form, struct resp *r)
{
	struct resp own;
	long status;

	b_post(b, path, form, r ? r : &own);
	status = r ? r->status : own.status;
	if (!r)
		resp_free(&own);
	return status;
}

static long get(struct browser *b, const char *path, struct resp *r)
{
	struct resp own;
	long status;

	b_get(b, path, r ? r : &own);
	status = r ? r->status : own.status;
	if (!r)
		resp_free(&own);
	return status;
}

/* A new payout of the child by county staff b; its id (0 if refused, the status then in *status). */
static long long make(struct browser *b, const char *code, const char *form, long *status)
{
	char f[512], loc[128];
	struct resp r;
	long long id = 0;

	snprintf(f, sizeof f, "child=%s&%s", code, form);
	b_post(b, "/admin/payouts", f, &r);
	if (status)
		*status = r.status;
	if (r.status == 303 && sscanf(resp_location(&r, loc, sizeof loc), "/admin/payouts/%lld", &id) != 1)
		id = 0;
	resp_free(&r);
	return id;
}

static long act(struct browser *b, long long id, const char *what, const char *form)
{
	char path[96];

	snprintf(path, sizeof path, "/admin/payouts/%lld/%s", id, what);
	return post(b, path, form, NULL);
}

static const char *state_of(long long id)
{
	static char s[32];
	char *out = NULL, q[128];

	snprintf(q, sizeof q, "SELECT state FROM payouts WHERE id = %lld", id);
	ck_assert_int_eq(admin_sql(q, &out), 0);
	snprintf(s, sizeof s, "%.*s", (int)strcspn(out, "\n"), out);
	free(out);
	return s;
}

static void signed_in(struct browser *b, const char *username)
{
	ck_assert_msg(b_staff(b, username) == 303, "%s cannot sign in", username);
}

/* The whole way: made and submitted by the county, approved by its city, recorded paid by the county. */
START_TEST(county_makes_city_approves_county_pays)
{
	struct browser county, city, far, vol, donor;
	struct resp r;
	char path[64];
	long long id;

	signed_in(&county, "badong");
	signed_in(&city, "enshi");
	signed_in(&far, FAR_CITY);
	signed_in(&vol, "badong-volunteer");
	id = make(&county, KIDS[KID_FUNDED].code, "period=2025H1&method=cash&amount=1500", NULL);
	ck_assert_msg(id > 0, "the county could not make a funded payout");
	ck_assert_str_eq(state_of(id), "draft");
	/* The city makes none, and may not submit the county's. */
	ck_assert_int_eq(act(&city, id, "submit", ""), 403);
	ck_assert_int_eq(act(&county, id, "submit", ""), 303);
	ck_assert_str_eq(state_of(id), "submitted");
	/* The county may not approve its own; another city does not know of it; a volunteer is kept out. */
	ck_assert_int_eq(act(&county, id, "approve", ""), 403);
	ck_assert_int_eq(act(&far, id, "approve", ""), 404);
	ck_assert_int_eq(act(&vol, id, "approve", ""), 403);
	ck_assert_str_eq(state_of(id), "submitted");
	/* The city's list has it awaiting approval; the other city's has none of it. */
	ck_assert_int_eq(get(&city, "/admin/payouts", &r), 200);
	ck_assert(body_has(&r, KIDS[KID_FUNDED].code) && body_has(&r, "待审批"));
	resp_free(&r);
	ck_assert_int_eq(get(&far, "/admin/payouts", &r), 200);
	ck_assert(!body_has(&r, KIDS[KID_FUNDED].code));
	resp_free(&r);
	/* The city's page of it offers approval and return; the county's, once approved, the record of payment. */
	snprintf(path, sizeof path, "/admin/payouts/%lld", id);
	ck_assert_int_eq(get(&city, path, &r), 200);
	ck_assert(body_has(&r, "审批通过") && body_has(&r, "退回修改") && !body_has(&r, "登记为已发放"));
	resp_free(&r);
	ck_assert_int_eq(act(&city, id, "approve", ""), 303);
	ck_assert_str_eq(state_of(id), "approved");
	ck_assert_int_eq(get(&county, path, &r), 200);
	ck_assert(body_has(&r, "登记为已发放") && !body_has(&r, "审批通过"));
	resp_free(&r);
	/* Only the county records it paid, and never on a day still to come. */
	ck_assert_int_eq(act(&city, id, "paid", "date=2025-06-30"), 403);
	ck_assert_int_eq(act(&county, id, "paid", "date=2099-01-01"), 400);
	ck_assert_str_eq(state_of(id), "approved");
	ck_assert_int_eq(act(&county, id, "paid", "date=2025-06-30&bank_ref=TEST-REF-1"), 303);
	ck_assert_str_eq(state_of(id), "paid");
	ck_assert_int_eq(num("SELECT paid_fen FROM child_funds f JOIN children c ON c.id = f.child_id "
	                     "WHERE c.code = '%s'", KIDS[KID_FUNDED].code), 150000);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE object_type = 'payout' AND object_id = '%lld'",
	                     id), 4);   /* made, submitted, approved, paid */
	{
		ck_assert_int_eq(get(&county, path, &r), 200);
		ck_assert(body_has(&r, "已发放") && body_has(&r, "2025-06-30") && body_has(&r, "TEST-REF-1"));
		resp_free(&r);
		/* a volunteer is refused the page; a donor is sent to the staff login */
		ck_assert_int_eq(get(&vol, path, NULL), 403);
		browser_init(&donor);
		ck_assert_int_eq(b_login(&donor, "demo@example.com", "tongxiang-demo"), 303);
		ck_assert_int_eq(get(&donor, path, &r), 303);
		ck_assert(strncmp(resp_location(&r, (char[128]){0}, 128), "/admin/login", 12) == 0);
		resp_free(&r);
		browser_free(&donor);
	}
	browser_free(&county);
	browser_free(&city);
	browser_free(&far);
	browser_free(&vol);
}
END_TEST

/* Returned with a comment, submitted again, approved by the province; cancelled; a failed transfer sent again. */
START_TEST(returned_resubmitted_province_approves_failed_sent_again)
{
	struct browser county, city, prov;
	struct resp r;
	char path[64];
	long long id, other;

	signed_in(&county, "badong");
	signed_in(&city, "enshi");
	signed_in(&prov, "province");
	id = make(&county, KIDS[KID_FUNDED].code, "period=2025-07&method=cash&amount=250", NULL);
	ck_assert(id > 0);
	ck_assert_int_eq(act(&county, id, "submit", ""), 303);
	ck_assert_int_eq(act(&city, id, "return", ""), 400);
	ck_assert_int_eq(act(&city, id, "return", "review_note=%E8%AF%B7%E8%A1%A5%E5%85%85%E7%AD%BE%E6%94%B6%E5%8D%95"),
	                 303);
	ck_assert_str_eq(state_of(id), "returned");
	snprintf(path, sizeof path, "/admin/payouts/%lld", id);
	ck_assert_int_eq(get(&county, path, &r), 200);
	ck_assert(body_has(&r, "请补充签收单"));
	resp_free(&r);
	/* returned: not approvable until submitted again */
	ck_assert_int_eq(act(&prov, id, "approve", ""), 409);
	ck_assert_int_eq(act(&county, id, "submit", ""), 303);
	ck_assert_int_eq(act(&prov, id, "approve", ""), 303);
	ck_assert_str_eq(state_of(id), "approved");
	/* an approved payout is not cancelled; a failed one is sent again, or cancelled */
	ck_assert_int_eq(act(&county, id, "cancel", ""), 409);
	sql("UPDATE payouts SET state = 'failed', fail_reason = '户名不符' WHERE id = %lld;", id);
	ck_assert_int_eq(get(&county, path, &r), 200);
	ck_assert(body_has(&r, "银行发放失败：户名不符") && body_has(&r, "/retry"));
	resp_free(&r);
	ck_assert_int_eq(act(&city, id, "retry", ""), 403);
	ck_assert_int_eq(act(&county, id, "retry", ""), 303);
	ck_assert_str_eq(state_of(id), "approved");
	ck_assert_int_eq(num("SELECT fail_reason IS NULL FROM payouts WHERE id = %lld", id), 1);
	/* a draft cancelled frees its period */
	other = make(&county, KIDS[KID_FUNDED].code, "period=2025-08&method=cash&amount=100", NULL);
	ck_assert(other > 0);
	ck_assert_int_eq(act(&county, other, "cancel", ""), 303);
	ck_assert_str_eq(state_of(other), "cancelled");
	ck_assert(make(&county, KIDS[KID_FUNDED].code, "period=2025-08&method=cash&amount=100", NULL) > 0);
	browser_free(&county);
	browser_free(&city);
	browser_free(&prov);
}
END_TEST

/* No more than received and not yet paid out, unless advanced; one payout a period, overlapping ones refused. */
START_TEST(the_funds_guard)
{
	struct browser county, city;
	struct resp r;
	long status;
	long long id;
	const char *code = KIDS[KID_UNFUNDED].code;

	signed_in(&county, "badong");
	signed_in(&city, "enshi");
	/* The form shows what the child has, before the guard is hit. */
	ck_assert_int_eq(get(&county, "/admin/payouts/new?child=PA00000002", &r), 200);
	ck_assert(body_has(&r, "尚可发放") && body_has(&r, "<strong>0 元</strong>"));
	resp_free(&r);
	ck_assert_int_eq(get(&city, "/admin/payouts/new?child=PA00000002", NULL), 403);
	ck_assert_int_eq(get(&county, "/admin/payouts/new?child=PA00000003", NULL), 404);
	b_post(&county, "/admin/payouts", "child=PA00000002&period=2026&method=cash&amount=1500", &r);
	ck_assert_int_eq(r.status, 409);
	ck_assert(body_has(&r, "超过了这个孩子已收到"));
	resp_free(&r);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM payouts p JOIN children c ON c.id = p.child_id WHERE c.code = '%s'",
	                     code), 0);
	/* advanced by the county from its own funds: made, and recorded as such */
	id = make(&county, code, "period=2026&method=cash&amount=1500&advanced_yuan=1500", &status);
	ck_assert_msg(id > 0, "an advanced payout refused: %ld", status);
	ck_assert_int_eq(num("SELECT advanced_fen FROM payouts WHERE id = %lld", id), 150000);
	/* the same period, and one sharing a month with it, are taken */
	make(&county, code, "period=2026&method=cash&amount=10&advanced_yuan=10", &status);
	ck_assert_int_eq(status, 409);
	b_post(&county, "/admin/payouts", "child=PA00000002&period=2026H2&method=cash&amount=10&advanced_yuan=10", &r);
	ck_assert_int_eq(r.status, 409);
	ck_assert(body_has(&r, "已有发放记录"));
	resp_free(&r);
	/* a bank transfer needs an account on the record */
	make(&county, code, "period=2027-01&method=bank&amount=10&advanced_yuan=10", &status);
	ck_assert_int_eq(status, 409);
	/* the city makes none */
	make(&city, KIDS[KID_FUNDED].code, "period=2027-01&method=cash&amount=10", &status);
	ck_assert_int_eq(status, 403);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM payouts p JOIN children c ON c.id = p.child_id WHERE c.code = '%s'",
	                     code), 1);
	browser_free(&county);
	browser_free(&city);
}
END_TEST

/* Two county browsers make the same child's payout for one period at once: one is made, the other refused. */
START_TEST(two_makers_at_once_make_one)
{
	enum { N = 4 };
	struct browser b[N];
	pid_t pid[N];
	int made = 0, refused = 0;

	for (int i = 0; i < N; i++)
		signed_in(&b[i], "badong");
	for (int i = 0; i < N; i++) {
		if ((pid[i] = fork()) == 0) {
			long status;
			make(&b[i], KIDS[KID_FUNDED].code, "period=2028H1&method=cash&amount=100", &status);
			_exit(status == 303 ? 0 : status == 409 ? 1 : 2);
		}
		ck_assert(pid[i] > 0);
	}
	for (int i = 0; i < N; i++) {
		int st;
		ck_assert(waitpid(pid[i], &st, 0) == pid[i] && WIFEXITED(st));
		made += WEXITSTATUS(st) == 0;
		refused += WEXITSTATUS(st) == 1;
	}
	ck_assert_int_eq(made, 1);
	ck_assert_int_eq(refused, N - 1);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM payouts p JOIN children c ON c.id = p.child_id "
	                     "WHERE c.code = '%s' AND p.period = '2028H1'", KIDS[KID_FUNDED].code), 1);
	for (int i = 0; i < N; i++)
		browser_free(&b[i]);
}
END_TEST

/* The account sealed, masked on every page, in full nowhere: not on a page, in the audit log, nor the column. */
START_TEST(the_bank_account_is_masked_everywhere)
{
	struct browser county, city, far;
	struct resp r;
	long long id, set;
	const char *pages[] = { "/admin/children/PA00000001", "/admin/payouts/new?child=PA00000001", NULL, NULL };
	char path[64];
	const char *form = "bank_holder=%E8%99%9A%E6%9E%84%C2%B7%E7%9B%91%E6%8A%A4%E4%BA%BA&bank_no=6222+0212+3456+7890+123"
	                   "&bank_name=%E5%B7%A5%E5%95%86%E9%93%B6%E8%A1%8C";

	signed_in(&county, "badong");
	signed_in(&city, "enshi");
	signed_in(&far, FAR_CITY);
	/* only the child's county sets it; another city does not know the child */
	ck_assert_int_eq(post(&city, "/admin/children/PA00000001/bank", form, NULL), 403);
	ck_assert_int_eq(post(&far, "/admin/children/PA00000001/bank", form, NULL), 404);
	ck_assert_int_eq(post(&county, "/admin/children/PA00000001/bank", "bank_holder=x&bank_no=12345&bank_name=y",
	                      NULL), 400);
	ck_assert_int_eq(num("SELECT pii_bank IS NULL FROM children WHERE code = 'PA00000001'"), 1);
	set = num("SELECT COUNT(*) FROM audit_log WHERE action = 'child.bank' AND object_id = 'PA00000001'");
	ck_assert_int_eq(post(&county, "/admin/children/PA00000001/bank", form, NULL), 303);
	ck_assert_int_eq(num("SELECT bank_mask = '" BANK_MASK "' FROM children WHERE code = 'PA00000001'"), 1);
	ck_assert_int_eq(num("SELECT LOCATE('" BANK_FULL "', pii_bank) FROM children WHERE code = 'PA00000001'"), 0);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE action = 'child.bank' AND object_id = 'PA00000001'"),
	                 set + 1);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE summary LIKE '%%" BANK_FULL "%%' OR "
	                     "summary LIKE '%%0123%%'"), 0);
	id = make(&county, "PA00000001", "period=2029&method=bank&amount=100", NULL);
	ck_assert_msg(id > 0, "a bank payout refused with an account on record");
	snprintf(path, sizeof path, "/admin/payouts/%lld", id);
	pages[2] = path;
	for (int i = 0; pages[i]; i++) {
		ck_assert_int_eq(get(&county, pages[i], &r), 200);
		ck_assert_msg(!body_has(&r, BANK_FULL) && !body_has(&r, BANK_NO) && !body_has(&r, "6222021234"),
		              "%s shows the full number", pages[i]);
		resp_free(&r);
	}
	ck_assert_int_eq(get(&county, pages[0], &r), 200);
	ck_assert(body_has(&r, BANK_MASK) && body_has(&r, "虚构·监护人") && body_has(&r, "工商银行"));
	resp_free(&r);
	/* the city sees it, masked, and the view is on record */
	ck_assert_int_eq(get(&city, pages[0], &r), 200);
	ck_assert(body_has(&r, BANK_MASK) && !body_has(&r, BANK_FULL));
	resp_free(&r);
	ck_assert_int_ge(num("SELECT COUNT(*) FROM audit_log WHERE action = 'child.bank_view' AND "
	                     "object_id = 'PA00000001'"), 2);
	browser_free(&county);
	browser_free(&city);
	browser_free(&far);
}
END_TEST

/* A small PNG, as a phone's scan of a signed receipt would be (gdFree it). */
static unsigned char *receipt_png(size_t *len)
{
	gdImagePtr im = gdImageCreateTrueColor(200, 120);
	int n = 0;
	unsigned char *png;

	gdImageFilledRectangle(im, 10, 10, 120, 60, gdImageColorAllocate(im, 200, 40, 40));
	png = gdImagePngPtr(im, &n);
	gdImageDestroy(im);
	*len = (size_t)n;
	return png;
}

static long upload(struct browser *b, long long id, const char *filename, const char *ctype, const void *data,
                   size_t len)
{
	const char *const names[] = { "csrf" };
	const char *values[1];
	char path[64];
	struct resp r;
	long status;

	b_get(b, "/admin", &r);
	resp_free(&r);
	values[0] = b->csrf;
	snprintf(path, sizeof path, "/admin/payouts/%lld/files", id);
	status = b_upload_as(b, path, "photo", filename, ctype, data, len, names, values, 1, &r);
	resp_free(&r);
	return status;
}

/* The evidence file of the payout in slot, fetched as b; its status and type checked against want. */
static void fetch(struct browser *b, long long id, int slot, long want, const char *ctype)
{
	struct resp r;
	char *name = NULL, q[160], path[96];

	snprintf(q, sizeof q, "SELECT name FROM payout_files WHERE payout_id = %lld AND slot = %d", id, slot);
	ck_assert_int_eq(admin_sql(q, &name), 0);
	name[strcspn(name, "\n")] = '\0';
	snprintf(path, sizeof path, "/admin/payouts/files/%s", name);
	free(name);
	ck_assert_int_eq(get(b, path, &r), want);
	if (ctype)
		ck_assert_msg(resp_has_header(&r, "Content-Type", ctype), "slot %d: not %s", slot, ctype);
	resp_free(&r);
}

/* An image encoded afresh, a PDF as it came, nothing else; four at most; seen by staff in reach only. */
START_TEST(evidence_an_image_or_a_pdf)
{
	static const char pdf[] = "%PDF-1.4\n% a bank's receipt, for the test\n%%EOF\n";
	struct browser county, city, far;
	size_t n;
	unsigned char *png = receipt_png(&n);
	long long id;

	signed_in(&county, "badong");
	signed_in(&city, "enshi");
	signed_in(&far, FAR_CITY);
	id = make(&county, KIDS[KID_FUNDED].code, "period=2030&method=cash&amount=100", NULL);
	ck_assert(id > 0);
	ck_assert_int_eq(upload(&city, id, "r.png", "image/png", png, n), 403);
	ck_assert_int_eq(upload(&county, id, "notes.txt", "text/plain", "just some words", 15), 415);
	ck_assert_int_eq(upload(&county, id, "r.png", "image/png", png, n), 303);
	ck_assert_int_eq(upload(&county, id, "r.pdf", "application/pdf", pdf, sizeof pdf - 1), 303);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM payout_files WHERE payout_id = %lld", id), 2);
	ck_assert_int_eq(num("SELECT bytes FROM payout_files WHERE payout_id = %lld AND slot = 2", id),
	                 (long long)(sizeof pdf - 1));
	fetch(&county, id, 1, 200, "image/png");
	fetch(&city, id, 2, 200, "application/pdf");
	fetch(&far, id, 2, 404, NULL);
	ck_assert_int_eq(upload(&county, id, "r.png", "image/png", png, n), 303);
	ck_assert_int_eq(upload(&county, id, "r.png", "image/png", png, n), 303);
	ck_assert_int_eq(upload(&county, id, "r.png", "image/png", png, n), 409);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM payout_files WHERE payout_id = %lld", id), 4);
	{
		struct resp r;
		char path[64];
		snprintf(path, sizeof path, "/admin/payouts/%lld", id);
		ck_assert_int_eq(get(&county, path, &r), 200);
		ck_assert(body_has(&r, "/admin/payouts/files/") && body_has(&r, "凭证 4（图片）") &&
		          body_has(&r, "（PDF）"));
		/* four: no room for a fifth */
		ck_assert(!body_has(&r, "/files\" enctype"));
		resp_free(&r);
	}
	gdFree(png);
	browser_free(&county);
	browser_free(&city);
	browser_free(&far);
}
END_TEST

/*
 * The demo's money (txctl demo-staff): each child's funds are what its gifts brought, paid payouts never take more
 * than that; 巴东县 has a batch in each state and one failed transfer, shown to its staff; the lists page.
 */
START_TEST(the_demo_money_adds_up_and_every_page_has_something)
{
	struct browser county, prov;
	struct resp r;
	char path[64];
	long long id;

	ck_assert_int_gt(num("SELECT COUNT(*) FROM donations WHERE provider = 'demo' AND purpose = 'sponsorship'"), 0);
	/* the demo's children (演示·), not this test's, whose funds its fixture wrote */
	ck_assert_int_eq(num("SELECT COUNT(*) FROM child_funds f JOIN children c ON c.id = f.child_id "
	                     "WHERE c.alias LIKE '演示·%%' AND f.received_fen <> (SELECT COALESCE(SUM(d.amount_fen), 0) "
	                     "FROM donations d JOIN sponsorships x ON x.id = d.sponsorship_id WHERE x.child_id = f.child_id "
	                     "AND d.status = 'paid' AND d.refund_due = 0)"), 0);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM child_funds WHERE committed_fen > received_fen"), 0);
	/* every pledge past due is paid, but for the demo's lapsing and stopped ones (demo_renewals.c) */
	ck_assert_int_eq(num("SELECT COUNT(*) FROM instalments i JOIN sponsorships x ON x.id = i.sponsorship_id "
	                     "WHERE x.state = 'active' AND i.donation_id IS NULL AND i.due_date < CURDATE() - "
	                     "INTERVAL 1 DAY"), 0);
	ck_assert_int_eq(num("SELECT COUNT(DISTINCT p.state) FROM payouts p JOIN payout_batches b ON b.id = p.batch_id "
	                     "WHERE b.county_code = '422823' AND p.state IN ('draft', 'submitted', 'approved', 'paid', "
	                     "'failed')"), 5);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM payout_batches WHERE county_code = '422823'"), 5);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM children WHERE status = 'paired' AND bank_mask IS NULL AND "
	                     "alias LIKE '演示·%%'"), 0);
	ck_assert_int_gt(num("SELECT COUNT(*) FROM payouts WHERE state = 'paid'"), 100);
	signed_in(&county, "badong");
	signed_in(&prov, "province");
	id = num("SELECT MIN(id) FROM payouts WHERE state = 'failed' AND county_code = '422823'");
	snprintf(path, sizeof path, "/admin/payouts/%lld", id);
	ck_assert_int_eq(get(&county, path, &r), 200);
	ck_assert(body_has(&r, "批次") && body_has(&r, "户名与账号不符") && body_has(&r, "/retry"));
	resp_free(&r);
	/* the county's work first: a failed transfer is on its first page */
	ck_assert_int_eq(get(&county, "/admin/payouts", &r), 200);
	ck_assert(body_has(&r, "发放失败"));
	resp_free(&r);
	ck_assert_int_eq(get(&prov, "/admin/payouts", &r), 200);
	ck_assert(body_has(&r, "rel=\"next\"") && !body_has(&r, "rel=\"prev\""));
	resp_free(&r);
	ck_assert_int_eq(get(&prov, "/admin/payouts?page=2&payout_state=paid", &r), 200);
	ck_assert(body_has(&r, "rel=\"prev\"") && cells_has(&r, "| 已发放 ") &&
	          !cells_has(&r, "| 待审批"));
	resp_free(&r);
	browser_free(&county);
	browser_free(&prov);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("payouts");
	TCase *t = tcase_create("payouts");

	tcase_add_unchecked_fixture(t, setup, remove_all);
	tcase_set_timeout(t, 120);
	tcase_add_test(t, county_makes_city_approves_county_pays);
	tcase_add_test(t, returned_resubmitted_province_approves_failed_sent_again);
	tcase_add_test(t, the_funds_guard);
	tcase_add_test(t, two_makers_at_once_make_one);
	tcase_add_test(t, the_bank_account_is_masked_everywhere);
	tcase_add_test(t, evidence_an_image_or_a_pdf);
	tcase_add_test(t, the_demo_money_adds_up_and_every_page_has_something);
	suite_add_tcase(s, t);
	return s;
}
