/*
 * pools.h — matching pools (配捐, sql/032 match_pools) in the back office: made by staff for what
 * they reach (the province for anything, a city or county for its own region or its activities),
 * read in reach (out of reach is not found), paused, resumed and closed. The matching itself is
 * core/match.h.
 */
#ifndef TX_POOLS_H
#define TX_POOLS_H

#include "../db.h"
#include "actor.h"

/* A new pool as the form gives it; region and slug NULL for the programme (at most one set). */
struct pool_new {
	const char *funder, *from, *to, *region, *slug, *kinds;
	long long   unit_id, amount_fen, ratio_num, ratio_den, cap_fen;
};

/*
 * Make the pool for staff actor a, audited, in its own transaction: the window from 00:00 of
 * from to 23:59:59 of to (a conflict, "pool.window", if to is before from); the target within
 * a's reach (else not found); the unit, if named, must exist. Its id goes to *id.
 */
int pool_create(struct db *db, const struct actor *a, const struct pool_new *p, long long *id,
                struct err *e);

/* A pool as its page reads it. */
#define POOL_FUNDER_MAX 260
#define POOL_TEXT_MAX   64
struct pool {
	long long id, amount_fen, remaining_fen, ratio_num, ratio_den, cap_fen, unit_id;
	long long activity_id;
	char      funder[POOL_FUNDER_MAX], region[8], slug[POOL_TEXT_MAX], kinds[POOL_TEXT_MAX];
	char      state[16], starts_at[24], ends_at[24], unit[POOL_FUNDER_MAX];
	char      activity[POOL_FUNDER_MAX];
};

/* Pool id, if staff actor a reaches it (its region, or its activity's); else not found. */
int pool_read(struct db *db, const struct actor *a, long long id, struct pool *p, struct err *e);

/*
 * Move pool id to state to (PL_ACTIVE, PL_PAUSED or PL_CLOSED) for staff actor a, in its own
 * transaction, audited: not found out of reach, a conflict ("pool.state") from a state the move
 * does not leave.
 */
int pool_move(struct db *db, const struct actor *a, long long id, int to, struct err *e);

/*
 * The SQL condition "pool mp (with its activity ac LEFT JOINed) is in the reach of a staff member
 * of role and region", with its parameters role, region, role, region in that order.
 */
#define POOL_REACH_SQL \
	"(? = 'province' OR EXISTS (SELECT 1 FROM regions r WHERE " \
	"r.code = COALESCE(mp.scope_region, ac.region_code) AND " \
	"(r.code = ? OR (? = 'city' AND r.city_code = ?))))"

#endif
