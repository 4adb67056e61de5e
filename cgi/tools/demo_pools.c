/*
 * demo_pools.c — demo matching pools (配捐), each with the general gifts of its window matched as
 * match_gift matches them: the province federation's pool from 60 to 30 days ago, 1:2, closed
 * by the province; and a company's active pool for the programme, 1:1 up to 1,000 yuan a gift,
 * ¥200,000, from 30 days ago for 90 days more.
 */
#include "../core/actor.h"
#include "../core/match.h"
#include "../core/rows.h"
#include "../core/state.h"
#include "../util.h"
#include "demo.h"

/* One demo pool: made active (so match_gift takes from it), its gifts matched, then as it ends. */
struct demo_pool {
	const char *insert;    /* the pool, active, its window holding now */
	int         from, to;  /* the gifts it matches: paid from to to days ago (to exclusive) */
	const char *after;     /* NULL, or its window's end set once they are matched (? its id), */
	                       /* and then the province closes it */
};

static const struct demo_pool POOLS[] = {
	{ "INSERT INTO match_pools (funder, unit_id, amount_fen, remaining_fen, ratio_num, "
	  "ratio_den, cap_fen, starts_at, ends_at, kinds, created_by) "
	  "SELECT '演示·湖北省慈善总会', (SELECT id FROM member_units WHERE region_code = "
	  "'420000'), 1000000, 1000000, 2, 1, 20000, CURDATE() - INTERVAL 60 DAY, "
	  "NOW() + INTERVAL 1 HOUR, 'general,sponsorship', id FROM staff "
	  "WHERE username = 'province'", 60, 30,
	  "UPDATE match_pools SET ends_at = CURDATE() - INTERVAL 30 DAY - INTERVAL 1 SECOND "
	  "WHERE id = ?" },
	{ "INSERT INTO match_pools (funder, amount_fen, remaining_fen, ratio_num, ratio_den, "
	  "cap_fen, starts_at, ends_at, kinds, created_by) "
	  "SELECT '演示·楚天爱心科技有限公司', 20000000, 20000000, 1, 1, 100000, "
	  "CURDATE() - INTERVAL 30 DAY, CURDATE() + INTERVAL 90 DAY - INTERVAL 1 SECOND, "
	  "'general,page,sponsorship', id FROM staff WHERE username = 'province'", 30, -1, NULL },
};

/* Active pool id moved to state to by the province's demo staff, as its page's buttons do. */
static int demo_move(struct db *db, long long id, int to, const char *why, struct err *e)
{
	struct actor a = { .kind = ACTOR_STAFF, .role = "province", .region = "420000",
	                   .addr = "txctl", .net = "txctl" };
	const struct move m = {
		.ent = ENT_POOL, .where = "id = ?", .key = P_INT(id), .from = SB(PL_ACTIVE),
		.to = to, .why = why,
	};

	if (db_query_int(db, "SELECT id FROM staff WHERE username = 'province'", NULL, 0, &a.id,
	                 e) < 0)
		return -1;
	return state_move(db, &a, &m, NULL, e);
}

/* The pool, its window's general gifts matched in the order they came, then as it ends. */
static int demo_pool(struct db *db, const struct demo_pool *p, long long *id, struct err *e)
{
	struct actor a = actor_system("txctl");
	struct id_list gifts = { 0 };
	struct dbp days[] = { P_INT(p->from), P_INT(p->to) };
	long long pool;
	int rc;

	if (db_exec(db, p->insert, NULL, 0, NULL, e) < 0 ||
	    db_query_int(db, "SELECT LAST_INSERT_ID()", NULL, 0, &pool, e) < 0)
		return -1;
	*id = pool;
	rc = row_ids(db, "SELECT id FROM donations WHERE purpose = 'general' AND "
	             "channel = 'online' AND status = 'paid' AND "
	             "paid_at >= CURDATE() - INTERVAL ? DAY AND "
	             "paid_at < CURDATE() - INTERVAL ? DAY ORDER BY paid_at, id",
	             days, nitems(days), &gifts, e);
	for (size_t i = 0; i < gifts.n && rc == 0; i++)
		rc = match_gift(db, &a, gifts.v[i], e);
	id_list_free(&gifts);
	if (rc < 0 || !p->after)
		return rc;
	{
		struct dbp q[] = { P_INT(pool) };

		if (db_exec(db, p->after, q, nitems(q), NULL, e) < 0)
			return -1;
	}
	return demo_move(db, pool, PL_CLOSED, "its window ended", e);
}

int demo_pools(struct db *db, const struct config *cfg, struct err *e)
{
	long long id = 0;
	int rc = 0;

	if (db_begin(db, e) < 0)
		return -1;
	for (size_t i = 0; i < nitems(POOLS) && rc == 0; i++)
		rc = demo_pool(db, &POOLS[i], &id, e);
	/*
	 * A test instance's company pool is paused: every other test counts its receipts, totals
	 * and gifts without matches (and deletes its own gifts, which a match would hold on to);
	 * http_pools makes pools of its own.
	 */
	if (rc == 0 && cfg->test_hooks)
		rc = demo_move(db, id, PL_PAUSED, "paused on a test instance", e);
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, e);
}
