/*
 * demo_activities.c — the demo's themed activities and directed gifts: the 六一 study trip
 * (六一研学, live in 恩施州, with two updates and gifts), one ended activity with its closing
 * report, one draft, and a few gifts directed to counties and one to a signed member unit.
 */
#include <stdio.h>

#include "demo.h"
#include "../util.h"

/* One demo activity as inserted: its state, region (NULL: the province's) and days around now. */
struct demo_activity {
	const char *slug, *title, *story, *state, *region, *filing;
	long long   goal_fen;
	int         started_ago, ends_in;
};

static const struct demo_activity ACTIVITIES[] = {
	{ "liuyi-yanxue", "六一研学：走出大山看世界",
	  "（虚构）今年六一，我们想带恩施州的困境儿童走出大山，去武汉的科技馆和博物馆研学三天。\n"
	  "善款用于孩子们的交通、食宿、门票和保险，由恩施州慈善会统一安排，"
	  "活动结束后公开结项报告。",
	  "live", "422800", "（演示）鄂慈募备〔2026〕0601号", 10000000, 30, 60 },
	{ "chunjie-wennuan", "春节送温暖",
	  "（虚构）为全省困境儿童家庭送去过冬的棉衣、被褥和年货。",
	  "ended", NULL, "（演示）鄂慈募备〔2026〕0115号", 5000000, 100, -40 },
	{ "shujia-peiban", "暑期陪伴计划",
	  "（虚构）暑假里，志愿者陪伴巴东县的留守儿童读书、运动。",
	  "draft", "422823", NULL, 3000000, -60, 120 },
};

/* The activities' updates: which (index), days ago, final, text. */
static const struct { int act, days, final; const char *body; } UPDATES[] = {
	{ 0, 20, 0, "（虚构）研学路线已经确定：湖北省科技馆、湖北省博物馆和东湖。" },
	{ 0, 5, 0, "（虚构）已有 12 名孩子的监护人签署了出行同意书，保险已经购买。" },
	{ 1, 30, 1, "（虚构）结项报告：共为 320 户家庭送去棉衣和年货，支出明细见收支明细页。" },
};

/* Gifts to the activities (index, yuan, days ago) and directed ones (region or unit, yuan). */
static const struct { int act; long long yuan; int days; } ACT_GIFTS[] = {
	{ 0, 200, 25 }, { 0, 1000, 21 }, { 0, 50, 18 }, { 0, 3000, 12 }, { 0, 100, 9 },
	{ 0, 500, 4 }, { 0, 88, 2 }, { 1, 300, 70 }, { 1, 2000, 60 }, { 1, 100, 45 },
};

static const struct { const char *region; int unit; long long yuan; int days; } DIRECTED[] = {
	{ "422823", 0, 500, 40 }, { "422823", 0, 1000, 15 }, { "422802", 0, 200, 10 },
	{ "420100", 0, 300, 8 }, { NULL, 1, 2000, 6 },
};

static int insert_activity(struct db *db, const struct demo_activity *d, long long staff,
                           struct err *e)
{
	struct dbp p[] = {
		P_STR(d->slug), P_STR(d->title), P_STR(d->story), P_INT(d->goal_fen),
		P_INT(d->started_ago), P_INT(d->ends_in), d->region ? P_STR(d->region) : P_NULL,
		d->filing ? P_STR(d->filing) : P_NULL, P_STR(d->state), P_INT(staff),
	};

	return db_exec(db, "INSERT INTO activities (slug, title, story, goal_fen, starts_on, "
	               "ends_on, region_code, filing_no, state, created_by) VALUES (?, ?, ?, ?, "
	               "CURDATE() - INTERVAL ? DAY, CURDATE() + INTERVAL ? DAY, ?, ?, ?, ?)", p,
	               nitems(p), NULL, e);
}

/*
 * A paid demo gift of yuan days ago for purpose, to activity (0: none), region or unit (0: none),
 * numbered from the year's receipt counter.
 */
static int demo_fund_gift(struct db *db, const char *purpose, long long activity,
                          const char *region, long long unit, long long yuan, int days,
                          struct err *e)
{
	long long year, seq;

	if (demo_receipt_number(db, days, &year, &seq, e) < 0)
		return -1;
	struct dbp p[] = {
		P_INT(yuan * 100), P_STR(purpose), P_INT(days), P_INT(activity),
		region ? P_STR(region) : P_NULL, P_INT(unit), P_INT(year), P_INT(seq),
	};
	return db_exec(db, "INSERT INTO donations (amount_fen, status, purpose, paid_at, provider, "
	               "donor_name, anonymous, activity_id, target_region, target_unit, "
	               "receipt_year, receipt_seq, receipt_code) VALUES (?, 'paid', ?, "
	               "NOW() - INTERVAL ? DAY, 'demo', '演示·爱心人士', 0, NULLIF(?, 0), ?, "
	               "NULLIF(?, 0), ?, ?, UPPER(LEFT(MD5(RAND()), 16)))", p, nitems(p), NULL, e);
}

static int activities_tx(struct db *db, void *arg, struct err *e)
{
	long long staff, ids[nitems(ACTIVITIES)], unit;

	(void)arg;
	if (db_query_int(db, "SELECT id FROM staff WHERE username = 'province'", NULL, 0, &staff,
	                 e) < 0 ||
	    db_query_int(db, "SELECT id FROM member_units WHERE agreement_signed = 1 ORDER BY id "
	                 "LIMIT 1", NULL, 0, &unit, e) < 0)
		return -1;
	for (size_t i = 0; i < nitems(ACTIVITIES); i++)
		if (insert_activity(db, &ACTIVITIES[i], staff, e) < 0 ||
		    db_query_int(db, "SELECT LAST_INSERT_ID()", NULL, 0, &ids[i], e) < 0)
			return -1;
	for (size_t i = 0; i < nitems(UPDATES); i++) {
		struct dbp p[] = { P_INT(ids[UPDATES[i].act]), P_STR(UPDATES[i].body),
		                   P_INT(UPDATES[i].final), P_INT(UPDATES[i].days), P_INT(staff) };

		if (db_exec(db, "INSERT INTO progress_updates (item_kind, item_id, body, final, "
		            "posted_on, staff_id) VALUES ('activity', ?, ?, ?, "
		            "CURDATE() - INTERVAL ? DAY, ?)", p, nitems(p), NULL, e) < 0)
			return -1;
	}
	for (size_t i = 0; i < nitems(ACT_GIFTS); i++)
		if (demo_fund_gift(db, "activity", ids[ACT_GIFTS[i].act], NULL, 0,
		                   ACT_GIFTS[i].yuan, ACT_GIFTS[i].days, e) < 0)
			return -1;
	for (size_t i = 0; i < nitems(DIRECTED); i++)
		if (demo_fund_gift(db, "directed", 0, DIRECTED[i].region,
		                   DIRECTED[i].unit ? unit : 0, DIRECTED[i].yuan, DIRECTED[i].days,
		                   e) < 0)
			return -1;
	return 0;
}

int demo_activities(struct db *db, const struct config *cfg, struct err *e)
{
	(void)cfg;
	return db_tx(db, activities_tx, NULL, e);
}
