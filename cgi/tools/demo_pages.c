/*
 * demo_pages.c — demo personal fundraising pages (一起捐) and a spokesperson's (代言人): each in
 * its state, with paid gifts numbered from the year's receipt counter and an update, in one
 * transaction; then the children page's first child picked, in its own. Their codes are fixed
 * (DEMP0001 …) so that the demo can be pointed at.
 */
#include <stdio.h>

#include "demo.h"
#include "../core/ledger.h"
#include "../core/pages.h"
#include "../core/rows.h"
#include "../util.h"

/* A demo page: its code, kind, state, title, goal (yuan; a children page's is N × 3,000), gifts. */
struct demo_page {
	const char *code, *kind, *state, *title, *display;
	int         spokes, children, goal_yuan, gifts, ends_in_days;
	const char *note;
};

static const struct demo_page PAGES[] = {
	{ "DEMP0001", "programme", "live", "演示·和孩子们一起向阳生长", "演示·爱心代言人",
	  1, 0, 50000, 6, 90, NULL },
	{ "DEMP0002", "programme", "pending", "演示·我的生日愿望", "演示·小林",
	  0, 0, 2000, 0, 60, NULL },
	{ "DEMP0003", "programme", "live", "演示·毕业十年，为山区孩子做点事", "演示·高三二班",
	  0, 0, 10000, 5, 45, NULL },
	{ "DEMP0004", "programme", "paused", "演示·跑步公益行", "演示·跑友会",
	  0, 0, 5000, 2, 30, "演示：页面内容待发起人补充说明" },
	{ "DEMP0005", "programme", "ended", "演示·新年一起捐", "演示·小周",
	  0, 0, 3000, 3, -10, NULL },
	{ "DEMP0006", "children", "live", "演示·一起助养两个孩子", "演示·读书会",
	  0, 2, 6000, 4, 120, NULL },
};

#define STORY "（虚构）这是演示用的一起捐页面。\n" \
	"我们希望和亲友一起，帮助困境儿童安心读书、健康成长。"

static const char *const GIVERS[] = {
	"演示·王芳", "演示·李明", "演示·张伟", "演示·刘洋", "演示·陈静", "演示·杨帆",
};
static const char *const MESSAGES[] = { "加油！", "", "一点心意", "愿孩子们健康成长", "" };
/* Gift amounts in yuan; a children page's are larger, to cover one child's 3,000. */
static const int GIFT_YUAN[] = { 100, 200, 50, 500, 300, 1000 };
static const int CHILD_GIFT_YUAN = 800;
/* Room for a child's public code. */
#define CHILD_CODE_MAX 16

/* The page's row: the demo donor's, or a spokesperson's. */
static int demo_page_row(struct db *db, const struct demo_page *d, long long *id, struct err *e)
{
	int goal = d->children ? 3000 * d->children : d->goal_yuan;
	struct dbp p[] = {
		P_STR(d->code), P_STR(d->kind), P_INT(d->spokes), P_INT(d->spokes),
		d->spokes ? P_STR("演示·代言人") : P_NULL, P_STR(d->display),
		d->children ? P_INT(d->children) : P_NULL, P_STR(d->title),
		P_STR(STORY),
		P_INT((long long)goal * 100), P_INT(d->ends_in_days), P_STR(d->state),
		d->note ? P_STR(d->note) : P_NULL,
	};

	if (db_exec(db, "INSERT INTO fund_pages (code, kind, spokesperson, donor_id, person_name, "
	            "display_name, children_n, title, story, goal_fen, ends_on, state, "
	            "review_note, created_at) SELECT ?, ?, ?, IF(?, NULL, id), ?, ?, ?, ?, ?, ?, "
	            "CURDATE() + INTERVAL ? DAY, ?, ?, NOW() - INTERVAL 40 DAY FROM donors "
	            "WHERE login = 'demo@example.com'", p, nitems(p), NULL, e) < 0)
		return -1;
	return db_query_int(db, "SELECT LAST_INSERT_ID()", NULL, 0, id, e);
}

/* Gift i to page id, paid days ago, with its receipt number. */
static int demo_page_gift(struct db *db, const struct demo_page *d, long long id, int i,
                          struct err *e)
{
	char code[RECEIPT_CODE_LEN + 1];
	int days = 30 - i * 3;
	long long year, seq;
	long long yuan = d->children ? CHILD_GIFT_YUAN : GIFT_YUAN[i % nitems(GIFT_YUAN)];

	ledger_code(code, RECEIPT_CODE_LEN);
	if (demo_receipt_number(db, days, &year, &seq, e) < 0)
		return -1;
	struct dbp p[] = {
		P_INT(yuan * 100), P_INT(days), P_STR(GIVERS[i % nitems(GIVERS)]), P_INT(i == 2),
		P_STR(MESSAGES[i % nitems(MESSAGES)]), P_INT(year), P_INT(seq), P_STR(code),
		P_INT(id),
	};
	return db_exec(db, "INSERT INTO donations (amount_fen, status, purpose, paid_at, provider, "
	               "donor_name, anonymous, message, receipt_year, receipt_seq, receipt_code, "
	               "page_id) VALUES (?, 'paid', 'general', NOW() - INTERVAL ? DAY, 'demo', "
	               "?, ?, NULLIF(?, ''), ?, ?, ?, ?)", p, nitems(p), NULL, e);
}

/* A page's update: its initiator's, or for a spokesperson's the province's. */
static int demo_page_update(struct db *db, const struct demo_page *d, long long id,
                            struct err *e)
{
	struct dbp p[] = { P_INT(id), P_INT(d->spokes), P_INT(d->spokes) };

	return db_exec(db, "INSERT INTO progress_updates (item_kind, item_id, body, posted_on, "
	               "donor_id, staff_id) SELECT 'page', ?, '（虚构）感谢大家！已经筹到一半，"
	               "我们会继续努力。', CURDATE() - INTERVAL 5 DAY, IF(?, NULL, d.id), "
	               "IF(?, (SELECT id FROM staff WHERE username = 'province'), NULL) "
	               "FROM donors d WHERE d.login = 'demo@example.com'", p, nitems(p), NULL, e);
}

static int demo_pages_tx(struct db *db, void *arg, struct err *e)
{
	(void)arg;
	for (size_t i = 0; i < nitems(PAGES); i++) {
		long long id;

		if (demo_page_row(db, &PAGES[i], &id, e) < 0)
			return -1;
		for (int g = 0; g < PAGES[i].gifts; g++)
			if (demo_page_gift(db, &PAGES[i], id, g, e) < 0)
				return -1;
		if (PAGES[i].gifts && demo_page_update(db, &PAGES[i], id, e) < 0)
			return -1;
	}
	return 0;
}

/*
 * The children page (DEMP0006, its 3,200 yuan covering one child) picks the child who waited
 * longest, as its initiator would on /me/pages/{id} (its own transaction, core/pages.h).
 */
static int demo_page_pick(struct db *db, struct err *e)
{
	struct actor a = { .kind = ACTOR_DONOR };
	long long page;
	char code[CHILD_CODE_MAX];
	const struct var cols[] = { VAR_LL(&a.id), VAR_LL(&page), VAR_STR(code) };

	snprintf(a.addr, sizeof a.addr, "txctl");
	snprintf(a.net, sizeof a.net, "txctl");
	if (row_get(db, "SELECT f.donor_id, f.id, (SELECT c.code FROM children c "
	            "WHERE c.listed = 1 ORDER BY c.id LIMIT 1) FROM fund_pages f "
	            "WHERE f.code = 'DEMP0006'", NULL, 0, cols, nitems(cols), e) < 0)
		return -1;
	return code[0] ? page_pick(db, &a, page, code, e) : 0;
}

int demo_pages(struct db *db, const struct config *cfg, struct err *e)
{
	(void)cfg;
	if (db_tx(db, demo_pages_tx, NULL, e) < 0)
		return -1;
	return demo_page_pick(db, e);
}
