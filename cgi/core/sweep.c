/* sweep.c — the sweep, one function per thing swept; sweep_all runs them in order. */
#include "sweep.h"
#include "activities.h"
#include "care.h"
#include "renewals.h"
#include "pages.h"
#include "rows.h"
#include "sponsorship.h"
#include "state.h"
#include "ledger.h"
#include "../log.h"
#include "../throttle.h"
#include "../purge.h"

#define SWEEP_BATCH        100   /* holds or orders let go per sweep; the next takes the rest */
#define PROVIDER_NAME_SIZE 17    /* pay_orders.provider: 16 characters, and a NUL */

/* Closed orders whose provider was not asked yet: it failed, or the worker died after commit. */
static int sweep_closed_orders(struct db *db, const struct config *cfg,
                               const struct actor *a, struct err *e)
{
	(void)a;
	(void)e;
	ledger_close_send(db, cfg, 0);
	return 0;
}

/* An order past its time, as the sweep reads it. */
struct due_order {
	char order_no[ORDER_NO_LEN + 1];
	char provider[PROVIDER_NAME_SIZE];
};

static const struct col DUE_ORDER_COLS[] = {
	COL_S(struct due_order, order_no), COL_S(struct due_order, provider),
};

/* One order past its time: credited if its provider was paid after all, else expired. */
static int settle_or_expire(struct db *db, const struct config *cfg, const struct actor *a,
                            const struct due_order *o, struct err *e)
{
	const struct move expired = {
		.ent = ENT_ORDER, .where = "order_no = ? AND expires_at <= NOW()",
		.key = P_STR(o->order_no), .from = SB(OR_CREATED), .to = OR_EXPIRED,
		.why = "ran out unpaid",
	};
	int paid;

	if (ledger_settle(db, cfg, a, o->provider, o->order_no, &paid, e) < 0)
		return -1;
	return paid ? 0 : state_move(db, a, &expired, NULL, e);
}

/*
 * Orders past their time: the provider is asked first, since money taken at the last moment may
 * not have been announced yet; a paid one is credited (and its sponsorship goes on), an unpaid one
 * expires.
 */
static int sweep_expired_orders(struct db *db, const struct config *cfg,
                                const struct actor *a, struct err *e)
{
	struct due_order due[SWEEP_BATCH];
	struct rows r = ROWS_INTO(due, DUE_ORDER_COLS);
	struct dbp p[] = { P_INT(nitems(due)) };
	int n = rows_read(db, "SELECT order_no, provider FROM pay_orders WHERE state = 'created' "
	                  "AND expires_at <= NOW() ORDER BY id LIMIT ?", p, nitems(p), &r, e);

	for (int i = 0; i < n; i++) {
		if (settle_or_expire(db, cfg, a, &due[i], e) == 0)
			continue;
		/* The database's trouble is every order's: the caller tries the sweep again. */
		if (e->dbcode)
			return -1;
		/*
		 * A provider's trouble (out of reach, busy, its settings since changed) is this
		 * order's alone: the others, and the sweeps after this one, go on.
		 */
		log_error("order %s: %s (the next sweep asks again)", due[i].order_no, e->cause);
		err_clear(e);
	}
	return n < 0 ? -1 : 0;
}

/* A hold that ran out. */
struct lapsed {
	long long id, child_id;
};

static const struct col LAPSED_COLS[] = {
	COL_I(struct lapsed, id), COL_I(struct lapsed, child_id),
};

/* Holds past their time end, one transaction each, and their children are listed again. */
static int sweep_lapsed_holds(struct db *db, const struct config *cfg,
                              const struct actor *a, struct err *e)
{
	struct lapsed l[SWEEP_BATCH];
	struct rows r = ROWS_INTO(l, LAPSED_COLS);
	struct dbp p[] = { P_INT(nitems(l)) };
	int n = rows_read(db, "SELECT id, child_id FROM sponsorships "
	                  "WHERE state IN ('held','pending_payment') AND hold_until <= NOW() "
	                  "LIMIT ?",
	                  p, nitems(p), &r, e);

	(void)cfg;
	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (sponsorship_lapse(db, a, l[i].id, l[i].child_id, e) < 0)
			return -1;
	if (n)
		log_info("sweep: %d lapsed holds ended; their children are waiting again", n);
	return 0;
}

/* Sessions idle past their limit. */
static int sweep_sessions(struct db *db, const struct config *cfg,
                          const struct actor *a, struct err *e)
{
	(void)a;
	return session_sweep(db, cfg, e);
}

/* Devices unused for DEVICE_DAYS. */
static int sweep_devices(struct db *db, const struct config *cfg,
                         const struct actor *a, struct err *e)
{
	(void)cfg;
	(void)a;
	return device_sweep(db, e);
}

/* Failed-login counters a day quiet. */
static int sweep_throttle(struct db *db, const struct config *cfg,
                          const struct actor *a, struct err *e)
{
	(void)cfg;
	(void)a;
	return throttle_sweep(db, e);
}

/* Networks without a hold for a day: their row lock has nothing left to line up. */
static int sweep_hold_networks(struct db *db, const struct config *cfg,
                               const struct actor *a, struct err *e)
{
	(void)cfg;
	(void)a;
	return db_exec(db, "DELETE FROM hold_networks WHERE last_hold < NOW() - INTERVAL 1 DAY "
	               "LIMIT 1000", NULL, 0, NULL, e);
}

/* Verification codes a day past their expiry. */
static int sweep_codes(struct db *db, const struct config *cfg,
                       const struct actor *a, struct err *e)
{
	(void)cfg;
	(void)a;
	return verify_sweep(db, e);
}

/* Password-reset links a day past their expiry. */
static int sweep_resets(struct db *db, const struct config *cfg,
                        const struct actor *a, struct err *e)
{
	(void)cfg;
	(void)a;
	return db_exec(db, "DELETE FROM password_resets WHERE expires_at < NOW() - INTERVAL 1 DAY "
	               "LIMIT 1000", NULL, 0, NULL, e);
}

/* Sponsors with care news since their last digest: one message a day each (care.h). */
static int sweep_care_digests(struct db *db, const struct config *cfg,
                              const struct actor *a, struct err *e)
{
	(void)cfg;
	return care_digest_sweep(db, a, NULL, e);
}

/* themed activities: those past their end date end (activities.h) */
static int sweep_activities(struct db *db, const struct config *cfg,
                            const struct actor *a, struct err *e)
{
	(void)cfg;
	return activities_sweep(db, a, e);
}

typedef int (*sweep_fn)(struct db *db, const struct config *cfg, const struct actor *a,
                        struct err *e);

/*
 * In this order: orders first, so that money taken at the last moment revives its hold before
 * the hold is let go.
 */
static const sweep_fn SWEEPS[] = {
	sweep_closed_orders, sweep_expired_orders, sweep_lapsed_holds, sweep_sessions,
	sweep_devices, sweep_throttle, sweep_hold_networks, sweep_codes, sweep_resets,
	sweep_care_digests, renewals_sweep, sweep_activities,
	/* personal fundraising pages: live and paused ones past their end date end (pages.h) */
	page_sweep,
};

int sweep_all(struct db *db, const struct config *cfg, struct err *e)
{
	struct actor a = actor_system("sweep");

	for (size_t i = 0; i < nitems(SWEEPS); i++)
		if (SWEEPS[i](db, cfg, &a, e) < 0)
			return -1;
	return 0;
}
