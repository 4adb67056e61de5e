/* http_pages.c — what a visitor sees on the public pages, checked against the database the pages are drawn from. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "money.h"

#define MAX_PAGE_BYTES (30 * 1024)
#define PER_PAGE LISTING_PER_PAGE
#define NPAGER 21  /* one more than a page, so the pager must appear */
#define LISTED "status = 'waiting' AND consent_publish = 1"
#define N(a) (int)(sizeof a / sizeof a[0])
/*
 * The public age and orders in SQL written apart from the app's: years since the first of the birth
 * month, the wait from the record date but not before the month after the birth month, and ties
 * broken by the public code.
 */
#define AGE "TIMESTAMPDIFF(YEAR, DATE_FORMAT(birth_date, '%Y-%m-01'), CURDATE())"
#define SINCE "GREATEST(waiting_since, DATE_FORMAT(birth_date + INTERVAL 1 MONTH, '%Y-%m-01'))"
#define WAITING SINCE ", code"
#define NEWEST SINCE " DESC, code DESC"
#define BY_AGE "DATE_FORMAT(birth_date, '%Y-%m') DESC, code DESC"

/*
 * Children that cannot be listed share one county, birth month and category with a listed one, so a
 * filter finds them all: on its first page, as the longest waiting (fixture_insert has them waiting
 * since 2020-01-01).
 */
static const struct fixture_child SOLO[] = {
	{ "TPW0000001", "测试·小星", "f", "2016-12-15", "422826", "ill", "测试故事：她喜欢画画，也喜欢在院子里种向日葵。",
	  "waiting", 1, "测试甲", "PAGES-W1", "测试监护人甲" },
	{ "TPC0000001", "测试·无同意", "m", "2016-12-15", "422826", "ill", "无同意", "waiting", 0, "测试乙", "PAGES-C1", "乙" },
	{ "TPD0000001", "测试·已结对", "m", "2016-12-15", "422826", "ill", "已结对", "paired", 1, "测试丙", "PAGES-D1", "丙" },
	{ "TPH0000001", "测试·保留中", "f", "2016-12-15", "422826", "ill", "保留中", "held", 1, "测试丁", "PAGES-H1", "丁" },
	{ "TPX0000001", "测试·已退出", "f", "2016-12-15", "422826", "ill", "已退出", "exited", 1, "测试戊", "PAGES-X1", "戊" },
};
static struct fixture_child kids[N(SOLO) + NPAGER];

/* SOLO, then NPAGER alike children (in a 422800 county, born in June) for the filtered pager. */
static void kids_init(void)
{
	static char codes[NPAGER][11], ids[NPAGER][16];

	memcpy(kids, SOLO, sizeof SOLO);
	for (int i = 0; i < NPAGER; i++) {
		/*
		 * TPY: after SOLO's codes, so that the listed one of those comes first among the
		 * equally long waiting. % 100: the bound the compiler can see.
		 */
		snprintf(codes[i], sizeof codes[i], "TPY%07d", i % 100);
		snprintf(ids[i], sizeof ids[i], "PAGES-G%d", i % 100);
		kids[N(SOLO) + i] = (struct fixture_child){ codes[i], "测试·翻页", "f", "2015-06-01", "422802", "ill",
		                                            "翻页测试", "waiting", 1, "测试翻页", ids[i], "翻页监护人" };
	}
}

static void fixtures_remove(void)
{
	for (int i = 0; i < N(kids); i++)
		fixture_delete(kids[i].code);
}

/* Unchecked: runs in the runner itself, so the clean-up happens even when a test dies half-way. */
static void fixtures_add(void)
{
	kids_init();
	fixtures_remove();  /* leftovers of an interrupted run */
	for (int i = 0; i < N(kids); i++)
		ck_assert_msg(fixture_insert(&kids[i]) == 0, "fixture %s not inserted", kids[i].code);
}

/* Every page is fetched through here, so the 30 KB budget and "never a 500" hold for all of them. */
static void fetch(const char *path, struct resp *r, long want)
{
	ck_assert_msg(http_get(path, r) == 0, "no response for %s", path);
	ck_assert_msg(r->status == want, "%s: status %ld, want %ld", path, r->status, want);
	ck_assert_msg(r->len < MAX_PAGE_BYTES, "%s is %zu bytes, over 30 KB", path, r->len);
}

static int count_of(const char *s, const char *needle)
{
	int n = 0;

	for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* A page's cards; every card must have its link, age and waiting days. */
static void read_listing(const struct resp *r, struct listing *l)
{
	ck_assert_msg(listing_read(r, l) == 0, "a card is malformed:\n%s", r->body);
}

/* The codes SQL says a page should show, comma-separated like struct listing's. */
static void sql_codes(const char *where, const char *order, int offset, int limit, char *out, size_t size)
{
	char sql[768], *res = NULL;

	snprintf(sql, sizeof sql, "SELECT code FROM children WHERE " LISTED " AND %s ORDER BY %s LIMIT %d OFFSET %d;",
	         where, order, limit, offset);
	ck_assert_msg(admin_sql(sql, &res) == 0, "SQL failed: %s\n%s", sql, res);
	for (char *p = res; *p; p++)
		if (*p == '\n')
			*p = p[1] ? ',' : '\0';
	snprintf(out, size, "%s", res);
	free(res);
}

START_TEST(home_page)
{
	static const struct { const char *label, *sql; } stats[] = {
		{ "已结对儿童", "SELECT COUNT(*) FROM children WHERE status = 'paired'" },
		{ "等待结对", "SELECT COUNT(*) FROM children WHERE " LISTED },
		{ "覆盖市州", "SELECT COUNT(DISTINCT city_code) FROM children WHERE status = 'paired'" },
		{ "覆盖区县", "SELECT COUNT(DISTINCT county_code) FROM children WHERE status = 'paired'" },
		{ "签约会员单位", "SELECT COUNT(*) FROM member_units WHERE agreement_signed = 1" },
		{ "累计筹款（元）", "SELECT COALESCE(SUM(amount_fen), 0) FROM donations WHERE status = 'paid' "
		  "AND refund_due = 0" },   /* raised: money owed back is not */
	};
	static const char *const disclosure[] = { "湖北省慈善总会", "统一社会信用代码", "公开募捐资格", "备案编号" };
	char want[PER_PAGE * 11 + 1];
	struct listing l;
	struct resp r;

	fetch("/", &r, 200);
	ck_assert_msg(body_has(&r, "<strong>3,000 元</strong>"), "/: the 3,000 元 standard is not shown");
	for (int i = 0; i < N(stats); i++) {
		long long n = admin_sql_num(stats[i].sql);
		char money[48];
		/* Funds are shown as money: grouped yuan, cents only when there are any. */
		if (i == 5)
			snprintf(want, sizeof want, "<b>¥%s</b><span>%s</span>", money_format(n, money, sizeof money),
			         stats[i].label);
		else
			snprintf(want, sizeof want, "<b>%lld</b><span>%s</span>", n, stats[i].label);
		ck_assert_msg(body_has(&r, want), "/: expected %s", want);
	}
	for (int i = 0; i < N(disclosure); i++)
		ck_assert_msg(body_has(&r, disclosure[i]), "/: disclosure lacks %s", disclosure[i]);
	/* "A few" children: however many the page shows, they are the first that many in waiting order. */
	ck_assert_msg(body_has(&r, "等待最久的孩子"), "/: no longest-waiting section");
	read_listing(&r, &l);
	ck_assert_msg(l.n >= 3 && l.n <= 10, "/: %d longest-waiting children", l.n);
	sql_codes("1 = 1", WAITING, 0, l.n, want, sizeof want);
	ck_assert_msg(strcmp(l.codes, want) == 0, "/: shows\n%s\nbut the longest waiting are\n%s", l.codes, want);
	resp_free(&r);
}
END_TEST

START_TEST(healthz_ok)
{
	struct resp r;

	fetch("/healthz", &r, 200);
	ck_assert_msg(strcmp(r.body, "ok\n") == 0, "/healthz: body \"%s\"", r.body);
	resp_free(&r);
}
END_TEST

/* One filter, the same condition written independently in SQL, and what every card must then show. */
static const struct {
	const char *query, *where, *card_has;
	int age_lo, age_hi;
} FILTERS[] = {
	{ "city=420100", "city_code = '420100'", "武汉·", 0, 17 },
	{ "city=422800", "city_code = '422800'", "恩施州·", 0, 17 },
	{ "city=429004", "city_code = '429004'", "仙桃市", 0, 17 },
	{ "county=422802", "county_code = '422802'", "利川市", 0, 17 },
	{ "county=429004", "county_code = '429004'", "仙桃市", 0, 17 },
	{ "gender=m", "gender = 'm'", "<span class=\"facts\">男 · ", 0, 17 },
	{ "gender=f", "gender = 'f'", "<span class=\"facts\">女 · ", 0, 17 },
	{ "age_min=10", AGE " >= 10", NULL, 10, 17 },
	{ "age_max=3", AGE " <= 3", NULL, 0, 3 },
	{ "age_min=6&age_max=9", AGE " BETWEEN 6 AND 9", NULL, 6, 9 },
	{ "age_min=7&age_max=7", AGE " = 7", NULL, 7, 7 },
	{ "category=ill", "category = 'ill'", "<span class=\"cat\">父母一方重病</span>", 0, 17 },
	{ "category=rehab", "category = 'rehab'", "<span class=\"cat\">父母一方强制戒毒</span>", 0, 17 },
	{ "birth_month=6", "MONTH(birth_date) = 6", NULL, 0, 17 },
	{ "birth_month=12", "MONTH(birth_date) = 12", NULL, 0, 17 },
	{ "birth_month=02", "MONTH(birth_date) = 2", NULL, 0, 17 },
	{ "city=422800&county=422802&gender=f&category=ill&age_min=5&age_max=15&birth_month=6",
	  "county_code = '422802' AND gender = 'f' AND category = 'ill' AND MONTH(birth_date) = 6 "
	  "AND " AGE " BETWEEN 5 AND 15", "利川市", 5, 15 },
	{ "", "1 = 1", NULL, 0, 17 },
	/* Unselected filters arrive empty, and unknown keys (tracking tags) come along: both are ignored. */
	{ "city=&county=&gender=&age_min=&age_max=&category=&birth_month=&birthday=&sort=&page=",
	  "1 = 1", NULL, 0, 17 },
	{ "utm_source=x&q=abc", "1 = 1", NULL, 0, 17 },
};

START_TEST(filter_narrows)
{
	char path[256], sql[512];
	struct listing l;
	struct resp r;
	long long want;

	snprintf(path, sizeof path, *FILTERS[_i].query ? "/children?%s" : "/children", FILTERS[_i].query);
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM children WHERE " LISTED " AND %s;", FILTERS[_i].where);
	want = admin_sql_num(sql);
	fetch(path, &r, 200);
	read_listing(&r, &l);
	ck_assert_msg(l.found == want, "%s: page says 找到 %lld, database has %lld", path, l.found, want);
	ck_assert_msg(l.n == (want < PER_PAGE ? want : PER_PAGE) && l.n == count_of(r.body, "class=\"card\""),
	              "%s: %d cards for %lld found", path, l.n, want);
	for (int i = 0; i < l.n; i++) {
		ck_assert_msg(!FILTERS[_i].card_has || strstr(l.c[i].text, FILTERS[_i].card_has),
		              "%s: card %s does not show %s", path, l.c[i].code, FILTERS[_i].card_has);
		ck_assert_msg(l.c[i].age >= FILTERS[_i].age_lo && l.c[i].age <= FILTERS[_i].age_hi,
		              "%s: card %s shows age %d", path, l.c[i].code, l.c[i].age);
	}
	resp_free(&r);
}
END_TEST

/* Each order in SQL, and the visible fact that must run monotonically down the page (+1 rising, -1 falling). */
static const struct {
	const char *query, *where, *order;
	int offset, age_dir, days_dir;
} SORTS[] = {
	{ "", "1 = 1", WAITING, 0, 0, -1 },
	{ "sort=waiting", "1 = 1", WAITING, 0, 0, -1 },
	{ "sort=age", "1 = 1", BY_AGE, 0, 1, 0 },
	{ "sort=newest", "1 = 1", NEWEST, 0, 0, 1 },
	{ "sort=waiting&page=2", "1 = 1", WAITING, PER_PAGE, 0, -1 },
	{ "sort=age&page=3", "1 = 1", BY_AGE, 2 * PER_PAGE, 1, 0 },
	{ "sort=age&birth_month=6&page=2", "MONTH(birth_date) = 6", BY_AGE, PER_PAGE, 1, 0 },
	{ "sort=newest&gender=m&page=2", "gender = 'm'", NEWEST, PER_PAGE, 0, 1 },
};

START_TEST(sort_orders)
{
	char path[128], want[PER_PAGE * 11 + 1];
	struct listing l;
	struct resp r;

	snprintf(path, sizeof path, "/children?%s", SORTS[_i].query);
	sql_codes(SORTS[_i].where, SORTS[_i].order, SORTS[_i].offset, PER_PAGE, want, sizeof want);
	fetch(path, &r, 200);
	read_listing(&r, &l);
	ck_assert_msg(strcmp(l.codes, want) == 0, "%s: cards\n%s\nbut ORDER BY %s gives\n%s", path, l.codes,
	              SORTS[_i].order, want);
	/* Matching SQL is not enough if SQL's orders coincide: the visitor must see the page change. */
	sql_codes("1 = 1", WAITING, 0, PER_PAGE, want, sizeof want);
	ck_assert_msg(_i < 2 || strncmp(l.codes, want, 10) != 0, "%s starts with the same child as /children", path);
	sql_codes(SORTS[_i].where, SORTS[_i].order, 0, PER_PAGE, want, sizeof want);
	for (int i = 0; i < l.n && SORTS[_i].offset; i++)
		ck_assert_msg(!strstr(want, l.c[i].code), "%s: child %s is also on its page 1", path, l.c[i].code);
	for (int i = 1; i < l.n; i++)
		ck_assert_msg(SORTS[_i].age_dir * (l.c[i].age - l.c[i - 1].age) >= 0 &&
		              SORTS[_i].days_dir * (l.c[i].days - l.c[i - 1].days) >= 0,
		              "%s: card %s (%d岁, %ld天) after %s (%d岁, %ld天)", path, l.c[i].code, l.c[i].age, l.c[i].days,
		              l.c[i - 1].code, l.c[i - 1].age, l.c[i - 1].days);
	resp_free(&r);
}
END_TEST

START_TEST(page_past_end_is_empty)
{
	long long pages = (admin_sql_num("SELECT COUNT(*) FROM children WHERE " LISTED) + PER_PAGE - 1) / PER_PAGE;
	char path[64];
	struct resp r;

	snprintf(path, sizeof path, _i ? "/children?page=100000" : "/children?page=%lld", pages + 1);
	fetch(path, &r, 200);
	ck_assert_msg(count_of(r.body, "class=\"card\"") == 0, "%s: cards past the last page", path);
	ck_assert_msg(body_has(&r, "这一页没有更多的孩子了"), "%s: no note that the page is empty", path);
	resp_free(&r);
}
END_TEST

/* The href of the link with rel, &amp; undone: a path to fetch next. */
static void rel_link(const struct resp *r, const char *rel, char *out, size_t size)
{
	char mark[32];
	const char *end, *p;
	size_t o = 0;

	snprintf(mark, sizeof mark, "\" rel=\"%s\"", rel);
	ck_assert_msg((end = strstr(r->body, mark)) != NULL, "no rel=%s link", rel);
	for (p = end; p > r->body && strncmp(p, "href=\"", 6) != 0; p--)
		;
	for (p += 6; p < end && o + 1 < size; p += strncmp(p, "&amp;", 5) == 0 ? 5 : 1)
		out[o++] = *p;
	out[o] = '\0';
}

/* Whether key=value is one whole parameter of the link's query, wherever it stands. */
static int link_has(const char *href, const char *kv)
{
	char wrapped[512], want[96];

	snprintf(wrapped, sizeof wrapped, "&%s&", strchr(href, '?') ? strchr(href, '?') + 1 : "");
	snprintf(want, sizeof want, "&%s&", kv);
	return strstr(wrapped, want) != NULL;
}

static const char *const PAGER_QUERIES[] = {
	"page=1",
	"city=422800&gender=f&page=1",
	"city=422800&county=422802&gender=f&age_min=5&age_max=15&category=ill&birth_month=6&"
	"sort=age&page=1",
};

START_TEST(pager_keeps_filters)
{
	char path[256], next[512], prev[512], q[256], *save = NULL;
	struct listing l;
	struct resp r;

	snprintf(path, sizeof path, "/children?%s", PAGER_QUERIES[_i]);
	fetch(path, &r, 200);
	read_listing(&r, &l);
	ck_assert_msg(l.found > PER_PAGE, "%s: too few children (%lld) for a second page", path, l.found);
	rel_link(&r, "next", next, sizeof next);
	ck_assert_msg(link_has(next, "page=2"), "%s: next link %s is not page 2", path, next);
	snprintf(q, sizeof q, "%s", PAGER_QUERIES[_i]);
	for (char *t = strtok_r(q, "&", &save); t; t = strtok_r(NULL, "&", &save))
		ck_assert_msg(strncmp(t, "page=", 5) == 0 || link_has(next, t), "%s: next link %s drops %s", path, next, t);
	ck_assert_msg(body_has(&r, "<nav class=\"pager\"") && !body_has(&r, "rel=\"prev\""), "%s: pager wrong", path);
	/* The form, too, still shows what was chosen. */
	ck_assert_msg(!_i || (body_has(&r, "<option value=\"422800\" selected>") &&
	              body_has(&r, "<option value=\"f\" selected>")), "%s: the form lost the chosen city or gender", path);
	ck_assert_msg(_i < 2 || body_has(&r, "<option value=\"6\" selected>6月</option>"),
	              "%s: the form lost the chosen birth month", path);
	resp_free(&r);

	fetch(next, &r, 200);
	read_listing(&r, &l);
	ck_assert_msg(body_has(&r, "<span aria-current=\"page\">2</span>"), "%s: not shown as page 2", next);
	ck_assert_int_eq(l.n, l.found - PER_PAGE < PER_PAGE ? l.found - PER_PAGE : PER_PAGE);
	rel_link(&r, "prev", prev, sizeof prev);
	ck_assert_msg(link_has(prev, "page=1") && (!_i || (link_has(prev, "city=422800") && link_has(prev, "gender=f"))),
	              "%s: previous link %s loses the filters", next, prev);
	resp_free(&r);
}
END_TEST

/* Not waiting with consent: never on a listing, even filtered to exactly where they would be. */
START_TEST(unlisted_never_shown)
{
	static const char *const paths[] = { "/children?county=422826&birth_month=12&category=ill",
	                                     "/children", "/" };
	struct resp r;

	fetch(paths[_i], &r, 200);
	ck_assert_msg(body_has(&r, "/children/TPW0000001\""), "%s: the listed control child is missing", paths[_i]);
	for (int i = 1; i < N(SOLO); i++)
		ck_assert_msg(!strstr(r.body, SOLO[i].code), "%s: %s child %s (consent %d) is listed", paths[_i],
		              SOLO[i].status, SOLO[i].code, SOLO[i].consent);
	resp_free(&r);
}
END_TEST

static const struct {
	const char *query, *problem;
} BAD[] = {
	{ "age_min=abc", "最小年龄" }, { "age_min=18", "最小年龄" }, { "age_max=-1", "最大年龄" },
	{ "age_max=1.5", "最大年龄" }, { "gender=x", "性别" }, { "gender=M", "性别" },
	{ "category=foo", "困境类别" }, { "birth_month=13", "生日月份须为" }, { "birth_month=0", "生日月份须为" },
	{ "birth_month=6-1", "生日月份须为" }, { "birth_month=abc", "生日月份须为" }, { "sort=random", "排序" },
	/* The day filter is gone: whatever it is given, the page says the filter is by month. */
	{ "birthday=06-01", "现在按生日月份筛选" }, { "birthday=02-29", "现在按生日月份筛选" },
	{ "birthday=13-01", "现在按生日月份筛选" }, { "city=420100&birthday=0601", "现在按生日月份筛选" },
	{ "page=0", "页码" }, { "page=abc", "页码" }, { "page=-1", "页码" }, { "page=100001", "页码" },
	{ "city=999999", "城市" }, { "city=4201", "城市" }, { "city=420102", "城市" },
	{ "county=420100", "区县" }, { "county=999999", "区县" },
	{ "city=420100&county=422802", "所选区县不在所选城市" }, { "age_min=10&age_max=5", "最小年龄不能大于最大年龄" },
};

START_TEST(bad_filter_is_400)
{
	char path[128];
	struct resp r;

	snprintf(path, sizeof path, "/children?%s", BAD[_i].query);
	fetch(path, &r, 400);
	ck_assert_msg(body_has(&r, BAD[_i].problem), "%s: message does not name %s", path, BAD[_i].problem);
	ck_assert_msg(body_has(&r, "请求有误"), "%s: not the templated error page", path);
	resp_free(&r);
}
END_TEST

static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* The text of the <dd> after <dt>label</dt>, whatever attributes the <dd> has. */
static void dd_of(const struct resp *r, const char *path, const char *label, char *out, size_t size)
{
	char dt[64];
	const char *p, *end;

	snprintf(dt, sizeof dt, "<dt>%s</dt><dd", label);
	ck_assert_msg((p = strstr(r->body, dt)) && (p = strchr(p + strlen(dt), '>')) && (end = strstr(p, "</dd>")),
	              "%s: no %s", path, label);
	snprintf(out, size, "%.*s", (int)(end - p - 1), p + 1);
}

START_TEST(child_profile)
{
	const struct fixture_child *ch = &SOLO[0];
	char path[64], want[160], got[128], age[32], days[32], *county = NULL;
	long long today = admin_sql_num("SELECT DATE_FORMAT(CURDATE(), '%Y%m%d')");  /* the date the page counts from */
	int ty = (int)(today / 10000), tm = (int)(today / 100 % 100), td = (int)(today % 100), by, bm, bd;
	struct { const char *label, *want; } facts[] = {
		{ "性别", "女" }, { "年龄", age }, { "困境类别", "父母一方重病" }, { "状态", "等待结对" }, { "已等待", days },
	};
	struct resp r;

	sscanf(ch->birth, "%d-%d-%d", &by, &bm, &bd);
	/* Whole years since the first of the birth month: the day does not count. */
	snprintf(age, sizeof age, "%d 岁", ty - by - (tm < bm));
	/* fixture_insert has every child waiting since 2020-01-01. */
	snprintf(days, sizeof days, "%ld 天", days_from_civil(ty, tm, td) - days_from_civil(2020, 1, 1));
	ck_assert_int_eq(admin_sql("SELECT name FROM regions WHERE code = '422826'", &county), 0);
	county[strcspn(county, "\n")] = '\0';

	snprintf(path, sizeof path, "/children/%s", ch->code);
	fetch(path, &r, 200);
	ck_assert_msg(body_has(&r, ch->alias) && body_has(&r, ch->story), "%s: alias or story missing", path);
	for (int i = 0; i < N(facts); i++) {
		dd_of(&r, path, facts[i].label, got, sizeof got);
		ck_assert_msg(strcmp(got, facts[i].want) == 0, "%s: %s is \"%s\", want \"%s\"", path, facts[i].label, got,
		              facts[i].want);
	}
	dd_of(&r, path, "所在地", got, sizeof got);
	ck_assert_msg(strstr(got, county), "%s: place \"%s\" does not name %s", path, got, county);
	snprintf(want, sizeof want, "href=\"/sponsor/%s\"", ch->code);
	ck_assert_msg(body_has(&r, want), "%s: no sponsor link", path);
	resp_free(&r);
	free(county);

	/* Choosing a child needs an account: a stranger is sent to sign in, and back here afterwards. */
	snprintf(path, sizeof path, "/sponsor/%s", ch->code);
	fetch(path, &r, 303);
	snprintf(want, sizeof want, "Location: /login?next=%%2Fsponsor%%2F%s\r\n", ch->code);
	ck_assert_msg(strstr(r.headers, want), "%s: not sent to the login page: %s", path, r.headers);
	resp_free(&r);
}
END_TEST

/* A consented child who is no longer waiting can still be looked at, but not chosen. */
START_TEST(child_not_waiting_profile)
{
	const struct fixture_child *ch = &SOLO[_i ? 3 : 2];
	const char *label = _i ? "有爱心人士正在结对" : "已结对";
	char path[64], got[128];
	struct resp r;

	snprintf(path, sizeof path, "/children/%s", ch->code);
	fetch(path, &r, 200);
	dd_of(&r, path, "状态", got, sizeof got);
	ck_assert_msg(strcmp(got, label) == 0, "%s: status \"%s\", want %s", path, got, label);
	ck_assert_msg(!body_has(&r, "/sponsor/"), "%s: a %s child has a sponsor link", path, ch->status);
	resp_free(&r);
}
END_TEST

static const char *const NOT_FOUND[] = {
	"/children/TPZZZZZZZZ", "/children/abc", "/children/TPW00000011", "/children/tpw0000001", "/children/TPI0000001",
	"/children/TPC0000001", "/children/TPX0000001", "/children/TPW0000001/more", "/sponsor/abc",
	"/sponsor/TPW0000001/more",
};

START_TEST(child_not_found)
{
	struct resp r;

	fetch(NOT_FOUND[_i], &r, 404);
	ck_assert_msg(body_has(&r, "页面不存在"), "%s: not the templated 404 page", NOT_FOUND[_i]);
	ck_assert_msg(!body_has(&r, "测试·"), "%s: the 404 page shows a child", NOT_FOUND[_i]);
	resp_free(&r);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("http_pages");
	TCase *t = tcase_create("pages");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(t, fixtures_add, fixtures_remove);
	tcase_add_test(t, home_page);
	tcase_add_test(t, healthz_ok);
	tcase_add_loop_test(t, filter_narrows, 0, N(FILTERS));
	tcase_add_loop_test(t, sort_orders, 0, N(SORTS));
	tcase_add_loop_test(t, page_past_end_is_empty, 0, 2);
	tcase_add_loop_test(t, pager_keeps_filters, 0, N(PAGER_QUERIES));
	tcase_add_loop_test(t, unlisted_never_shown, 0, 3);
	tcase_add_loop_test(t, bad_filter_is_400, 0, N(BAD));
	tcase_add_test(t, child_profile);
	tcase_add_loop_test(t, child_not_waiting_profile, 0, 2);
	tcase_add_loop_test(t, child_not_found, 0, N(NOT_FOUND));
	suite_add_tcase(s, t);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
