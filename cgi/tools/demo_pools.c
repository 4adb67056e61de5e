/*
 * demo_pools.c — demo matching pools (配捐): a company's active pool for the programme, 1:1 up to
 * 1,000 yuan a gift, with the general gifts of its window matched as match_gift matches them; and
 * a member unit's pool of last year, closed.
 */
#include "../core/actor.h"
#include "../core/match.h"
#include "../core/rows.h"
#include "../util.h"
#include "demo.h"

/* The active pool from 30 days ago for 90 days more; the closed one all of last year. */
static const char *const POOLS_SQL[] = {
	"INSERT INTO match_pools (funder, amount_fen, remaining_fen, ratio_num, ratio_den, "
	"cap_fen, starts_at, ends_at, kinds, state, created_by) "
	"SELECT '演示·楚天爱心科技有限公司', "
	"20000000, 20000000, 1, 1, 100000, CURDATE() - INTERVAL 30 DAY, "
	"CURDATE() + INTERVAL 90 DAY - INTERVAL 1 SECOND, 'general,page,sponsorship', 'active', id "
	"FROM staff WHERE username = 'province'",
	"INSERT INTO match_pools (funder, unit_id, amount_fen, remaining_fen, ratio_num, "
	"ratio_den, cap_fen, starts_at, ends_at, scope_region, kinds, state, created_by) "
	"SELECT '演示·恩施州慈善会', u.id, 5000000, 0, 1, 2, 50000, "
	"MAKEDATE(YEAR(CURDATE()) - 1, 1), MAKEDATE(YEAR(CURDATE()), 1) - INTERVAL 1 SECOND, "
	"'422800', 'general,sponsorship', 'closed', s.id FROM staff s JOIN member_units u "
	"ON u.region_code = '422800' WHERE s.username = 'enshi'",
};

int demo_pools(struct db *db, const struct config *cfg, struct err *e)
{
	struct actor a = actor_system("txctl");
	struct id_list gifts = { 0 };
	int rc = 0;

	(void)cfg;
	if (db_begin(db, e) < 0)
		return -1;
	for (size_t i = 0; i < nitems(POOLS_SQL) && rc == 0; i++)
		rc = db_exec(db, POOLS_SQL[i], NULL, 0, NULL, e);
	/* The general gifts of the active pool's window, matched in the order they came. */
	if (rc == 0)
		rc = row_ids(db, "SELECT id FROM donations WHERE purpose = 'general' AND "
		             "channel = 'online' AND status = 'paid' AND paid_at >= CURDATE() - "
		             "INTERVAL 30 DAY ORDER BY paid_at, id", NULL, 0, &gifts, e);
	for (size_t i = 0; i < gifts.n && rc == 0; i++)
		rc = match_gift(db, &a, gifts.v[i], e);
	id_list_free(&gifts);
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, e);
}
