/* pools.c — matching pools in the back office: made, read in reach, paused, resumed, closed. */
#include <stdio.h>
#include <string.h>

#include "../scope.h"
#include "../util.h"
#include "audit.h"
#include "pools.h"
#include "rows.h"
#include "state.h"

#define POOL_ID_MAX 24

/* What a new pool needs between the steps of its transaction. */
struct pool_make {
	const struct actor    *a;
	const struct pool_new *p;
	long long             *id;
};

/* The target of a new pool: its activity's id (0 for none), within a's reach. */
static int pool_target(struct db *db, const struct actor *a, const struct pool_new *p,
                       long long *activity, struct err *e)
{
	char region[8] = "";
	struct dbp q[] = { P_STR(p->slug ? p->slug : "") };
	const struct var cols[] = { VAR_LL(activity), VAR_STR(region) };
	int found = 1;

	*activity = 0;
	if (p->slug && (found = row_get(db, "SELECT id, region_code FROM activities WHERE slug = ?",
	                                q, nitems(q), cols, nitems(cols), e)) < 0)
		return -1;
	if (!p->slug && p->region)
		snprintf(region, sizeof region, "%s", p->region);
	if (!found || !scope_reaches_region(a, region))
		return err_core(e, ERR_NOT_FOUND, "pool.target", "pool for %s: out of reach",
		                p->slug ? p->slug : region);
	return 0;
}

static int pool_make_tx(struct db *db, void *arg, struct err *e)
{
	struct pool_make *m = arg;
	const struct pool_new *p = m->p;
	long long activity, units = 1;
	char id[POOL_ID_MAX];

	if (pool_target(db, m->a, p, &activity, e) < 0)
		return -1;
	if (p->unit_id) {
		struct dbp u[] = { P_INT(p->unit_id) };

		if (db_query_int(db, "SELECT COUNT(*) FROM member_units WHERE id = ?", u, nitems(u),
		                 &units, e) < 0)
			return -1;
	}
	if (!units)
		return err_core(e, ERR_NOT_FOUND, "pool.unit", "pool: no member unit %lld",
		                p->unit_id);
	{
		struct dbp q[] = {
			P_STR(p->funder), p->unit_id ? P_INT(p->unit_id) : P_NULL,
			P_INT(p->amount_fen), P_INT(p->amount_fen), P_INT(p->ratio_num),
			P_INT(p->ratio_den), P_INT(p->cap_fen), P_STR(p->from), P_STR(p->to),
			!activity && p->region ? P_STR(p->region) : P_NULL,
			activity ? P_INT(activity) : P_NULL, P_STR(p->kinds), P_INT(m->a->id),
		};

		if (db_exec(db, "INSERT INTO match_pools (funder, unit_id, amount_fen, "
		            "remaining_fen, ratio_num, ratio_den, cap_fen, starts_at, ends_at, "
		            "scope_region, activity_id, kinds, created_by) "
		            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
		            "? + INTERVAL 1 DAY - INTERVAL 1 SECOND, ?, ?, ?, ?)",
		            q, nitems(q), NULL, e) < 0 ||
		    db_query_int(db, "SELECT LAST_INSERT_ID()", NULL, 0, m->id, e) < 0)
			return -1;
	}
	snprintf(id, sizeof id, "%lld", *m->id);
	return audit_actor(db, m->a, e, "pool.create", "pool", id,
	                   "%s: %lld fen, %lld:%lld, cap %lld fen, %s to %s, %s", p->funder,
	                   p->amount_fen, p->ratio_den, p->ratio_num, p->cap_fen, p->from, p->to,
	                   p->kinds);
}

int pool_create(struct db *db, const struct actor *a, const struct pool_new *p, long long *id,
                struct err *e)
{
	struct pool_make m = { a, p, id };

	if (strcmp(p->to, p->from) < 0)
		return err_core(e, ERR_INVALID, "pool.window", "pool: %s is before %s", p->to,
		                p->from);
	return db_tx(db, pool_make_tx, &m, e);
}

/* The pool's row, locked or not, and whether a reaches it. */
static int pool_get(struct db *db, const struct actor *a, long long id, struct pool *p,
                    const char *lock, struct err *e)
{
	char sql[1024];
	struct dbp q[] = { P_INT(id) };
	const struct var cols[] = {
		VAR_LL(&p->id), VAR_LL(&p->amount_fen), VAR_LL(&p->remaining_fen),
		VAR_LL(&p->ratio_num), VAR_LL(&p->ratio_den), VAR_LL(&p->cap_fen),
		VAR_LL(&p->unit_id), VAR_LL(&p->activity_id), VAR_STR(p->funder),
		VAR_STR(p->region), VAR_STR(p->slug), VAR_STR(p->kinds), VAR_STR(p->state),
		VAR_STR(p->starts_at), VAR_STR(p->ends_at), VAR_STR(p->unit), VAR_STR(p->activity),
	};
	int found;

	snprintf(sql, sizeof sql,
	         "SELECT mp.id, mp.amount_fen, mp.remaining_fen, mp.ratio_num, mp.ratio_den, "
	         "mp.cap_fen, mp.unit_id, mp.activity_id, mp.funder, "
	         "COALESCE(mp.scope_region, ac.region_code), ac.slug, mp.kinds, mp.state, "
	         "DATE_FORMAT(mp.starts_at, '%%Y-%%m-%%d'), "
	         "DATE_FORMAT(mp.ends_at, '%%Y-%%m-%%d'), "
	         "u.name, ac.title FROM match_pools mp "
	         "LEFT JOIN activities ac ON ac.id = mp.activity_id "
	         "LEFT JOIN member_units u ON u.id = mp.unit_id WHERE mp.id = ?%s", lock);
	if ((found = row_get(db, sql, q, nitems(q), cols, nitems(cols), e)) < 0)
		return -1;
	if (!found || !scope_reaches_region(a, p->region))
		return err_core(e, ERR_NOT_FOUND, "pool.unknown", "pool %lld: not found or out of "
		                "reach", id);
	return 0;
}

int pool_read(struct db *db, const struct actor *a, long long id, struct pool *p, struct err *e)
{
	return pool_get(db, a, id, p, "", e);
}

/* A pool's move, as pool_move's transaction makes it. */
struct pool_step {
	const struct actor *a;
	long long           id;
	int                 to;
};

static int pool_move_tx(struct db *db, void *arg, struct err *e)
{
	struct pool_step *s = arg;
	struct pool p;
	int from;
	struct move m = {
		.ent = ENT_POOL, .where = "id = ?", .key = P_INT(s->id), .to = s->to,
		.why = s->to == PL_PAUSED ? "paused" : s->to == PL_ACTIVE ? "resumed" : "closed",
	};

	if (pool_get(db, s->a, s->id, &p, " FOR UPDATE", e) < 0)
		return -1;
	from = state_of(ENT_POOL, p.state);
	if (from < 0 || !state_allowed(ENT_POOL, from, s->to, s->a->kind))
		return err_core(e, ERR_CONFLICT, "pool.state", "pool %lld: %s to %s", s->id,
		                p.state, ENTITIES[ENT_POOL].states[s->to]);
	m.from = SB(from);
	return state_move(db, s->a, &m, NULL, e);
}

int pool_move(struct db *db, const struct actor *a, long long id, int to, struct err *e)
{
	struct pool_step s = { a, id, to };

	return db_tx(db, pool_move_tx, &s, e);
}
