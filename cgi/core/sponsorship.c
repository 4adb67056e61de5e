/* sponsorship.c — holds, sponsorship orders, cancelling and giving up; one transaction each. */
#include <stdio.h>
#include <string.h>

#include "sponsorship.h"
#include "rows.h"
#include "state.h"
#include "ledger.h"
#include "../log.h"
#include "../money.h"
#include "public_child.h"
#include "../throttle.h"
#include "../util.h"

#define NET_KEY_SIZE 32  /* the client's network as sponsorships.hold_net has it: a keyed hash */

struct hold {
	const struct config *cfg;
	const struct actor  *a;
	const char          *code;
	struct hold_answer  *ans;
	unsigned char        net[NET_KEY_SIZE];
};

/* A refusal that passes: until when, and the seconds to then. */
struct until {
	char      until[HOLD_UNTIL_SIZE];
	long long wait;
};

static const struct col UNTIL_COLS[] = {
	COL_S(struct until, until), COL_I(struct until, wait),
};

/*
 * The child a hold is for, and its current live sponsorship (zero if none): whose, and whether its
 * hold has lapsed.
 */
struct child_row {
	long long id;
	char      status[CHILD_WORD_SIZE];
	long long live, donor, lapsed;
};

static const struct col CHILD_ROW_COLS[] = {
	COL_I(struct child_row, id), COL_S(struct child_row, status),
	COL_I(struct child_row, live), COL_I(struct child_row, donor),
	COL_I(struct child_row, lapsed),
};

/* What the donor's own sponsorships say of a new hold: holds now, and any cool-down's end. */
struct donor_holds {
	long long holds;
	char      until[HOLD_UNTIL_SIZE];
	long long wait;
};

static const struct col DONOR_HOLDS_COLS[] = {
	COL_I(struct donor_holds, holds), COL_S(struct donor_holds, until),
	COL_I(struct donor_holds, wait),
};

/*
 * End one lapsed hold (or unpaid order) and list its child again. Idempotent: a later call
 * finds nothing to do.
 */
static int lapse(struct db *db, const struct actor *a, long long id, long long child_id,
                 struct err *e)
{
	const struct move spons = {
		.ent = ENT_SPONSORSHIP, .where = "id = ? AND hold_until <= NOW()", .key = P_INT(id),
		.from = SB(SP_HELD) | SB(SP_PENDING_PAYMENT), .to = SP_EXPIRED,
		.why = "its hold ran out", .set = "ended_at = NOW()",
	};
	/* The schedule stays: a payment taken at the last moment may yet arrive, and revive it. */
	const struct move orders = {
		.ent = ENT_ORDER, .where = "sponsorship_id = ?", .key = P_INT(id),
		.from = SB(OR_CREATED), .to = OR_EXPIRED, .why = "its sponsorship's hold ran out",
	};
	const struct move child = {
		.ent = ENT_CHILD, .where = "id = ?", .key = P_INT(child_id),
		.from = SB(CH_HELD), .to = CH_WAITING, .why = "its hold ran out",
	};
	unsigned long long n;

	if (state_move(db, a, &spons, &n, e) < 0)
		return -1;
	if (!n)
		return 0;
	if (state_move(db, a, &orders, NULL, e) < 0)
		return -1;
	return state_move(db, a, &child, NULL, e);
}

/* The checks of a hold below return 1 when they answer it (h->ans->res), 0 to go on, -1 on error */

/* A refusal that passes, if the query found when it passes: res, and until when. */
static int refusal(struct db *db, const char *sql, const struct dbp *p, unsigned np,
                   struct hold_answer *ans, enum hold_result res, struct err *e)
{
	struct until u;
	struct rows r = ROW_INTO(&u, UNTIL_COLS);
	int n = rows_read(db, sql, p, np, &r, e);

	if (n <= 0 || !u.until[0])
		return n < 0 ? -1 : 0;
	ans->res = res;
	snprintf(ans->until, sizeof ans->until, "%s", u.until);
	ans->wait = u.wait;
	return 1;
}

/*
 * Whether this donor may hold this child, by the donor's own sponsorships, in one statement.
 * Refused while cooling down: this donor's hold of this child ended unpaid within the cool-down,
 * because it lapsed (counted from when it ran out, which the sweep may have noticed later) or the
 * donor gave it up (from then). A hold given up counts too: giving up and holding again at once
 * would otherwise start the 15 minutes afresh, for ever, and keep the child off the list all the
 * same. Refused too when the donor holds Checkout.MaxHolds children already.
 */
static int donor_refuses(struct db *db, const struct hold *h, long long child, struct err *e)
{
	long long s = h->cfg->cooldown;
	struct dbp p[] = {
		P_INT(h->a->id), P_INT(s), P_INT(s), P_INT(h->a->id), P_INT(child), P_INT(s),
	};
	struct donor_holds d;
	struct rows r = ROW_INTO(&d, DONOR_HOLDS_COLS);

	/* An aggregate: one row always, its until NULL when nothing cools down. */
	if (rows_read(db, "SELECT (SELECT COUNT(*) FROM sponsorships WHERE donor_id = ? "
	              "AND state IN ('held','pending_payment') AND hold_until > NOW()) AS holds, "
	              "DATE_FORMAT(MAX(x.ended) + INTERVAL ? SECOND, '%Y-%m-%d %H:%i') AS until, "
	              "TIMESTAMPDIFF(SECOND, NOW(), MAX(x.ended) + INTERVAL ? SECOND) AS wait "
	              "FROM (SELECT LEAST(hold_until, COALESCE(ended_at, hold_until)) AS ended "
	              "FROM sponsorships WHERE donor_id = ? AND child_id = ? "
	              "AND state IN ('expired','cancelled')) x "
	              "WHERE x.ended > NOW() - INTERVAL ? SECOND", p, nitems(p), &r, e) < 0)
		return -1;
	if (d.until[0]) {
		h->ans->res = HOLD_COOLING;
		snprintf(h->ans->until, sizeof h->ans->until, "%s", d.until);
		h->ans->wait = d.wait;
		return 1;
	}
	if (d.holds < h->cfg->max_holds)
		return 0;
	h->ans->res = HOLD_LIMIT;
	return 1;
}

/*
 * Whether the client's network holds Checkout.MaxHoldsPerNetwork children already (until its first
 * hold runs out). The network's row lock lines up the holds from one network, as the donor's row
 * lock does one donor's: two at once cannot both pass the limit.
 */
static int network_full(struct db *db, const struct hold *h, struct err *e)
{
	struct dbp pn[] = { P_BIN(h->net, sizeof h->net) };
	struct dbp p[] = { P_BIN(h->net, sizeof h->net), P_INT(h->cfg->max_net_holds) };

	if (db_exec(db, "INSERT INTO hold_networks (net, last_hold) VALUES (?, NOW()) "
	            "ON DUPLICATE KEY UPDATE last_hold = NOW()", pn, nitems(pn), NULL, e) < 0)
		return -1;
	return refusal(db, "SELECT DATE_FORMAT(MIN(hold_until), '%Y-%m-%d %H:%i') AS until, "
	               "TIMESTAMPDIFF(SECOND, NOW(), MIN(hold_until)) AS wait FROM sponsorships "
	               "WHERE hold_net = ? AND state IN ('held','pending_payment') "
	               "AND hold_until > NOW() HAVING COUNT(*) >= ?",
	               p, nitems(p), h->ans, HOLD_NETWORK, e);
}

/*
 * The child and its live sponsorship, both locked (one statement), into *child; answered when it
 * is someone else's, or this donor's already. A lapsed hold found here ends now.
 */
static int lock_child(struct db *db, const struct hold *h, long long *child, struct err *e)
{
	struct dbp p[] = { P_STR(h->code) };
	struct child_row c;
	struct rows r = ROW_INTO(&c, CHILD_ROW_COLS);
	int n;

	*child = 0;
	/*
	 * The child's row lock lines up everyone else's: the first wins, the rest see it held. The
	 * live sponsorship's row (or, with none, the gap where it would be) is locked with it.
	 */
	if ((n = rows_read(db, "SELECT c.id, c.status, s.id, s.donor_id, "
	                   "s.state IN ('held','pending_payment') AND s.hold_until <= NOW() "
	                   "FROM children c LEFT JOIN sponsorships s ON s.live_child = c.id "
	                   "WHERE c.code = ? AND c.consent_publish = 1 FOR UPDATE",
	                   p, nitems(p), &r, e)) < 0)
		return -1;
	if (!n)
		return err_core(e, ERR_NOT_FOUND, "spons.unpublished",
		                "hold of unknown or unpublished child %s", h->code);
	*child = c.id;
	if (c.live && c.donor == h->a->id && !c.lapsed) {
		h->ans->res = HOLD_MINE;
		return 1;
	}
	if (c.live && c.lapsed) {
		if (lapse(db, h->a, c.live, c.id, e) < 0)
			return -1;
		snprintf(c.status, sizeof c.status, "waiting");
	}
	if ((c.live && !c.lapsed) || strcmp(c.status, "waiting") != 0) {
		h->ans->res = HOLD_TAKEN;
		return 1;
	}
	return 0;
}

/* The new hold's row, and its child held. */
static int hold_insert(struct db *db, const struct hold *h, long long child, struct err *e)
{
	struct dbp p[] = { P_INT(child), P_INT(h->a->id), P_INT(h->cfg->hold_seconds),
	                   P_BIN(h->net, sizeof h->net) };
	const struct move held = {
		.ent = ENT_CHILD, .where = "id = ?", .key = P_INT(child),
		.from = SB(CH_WAITING), .to = CH_HELD, .why = "held by a donor",
	};

	if (db_exec(db, "INSERT INTO sponsorships (child_id, donor_id, state, hold_until, "
	            "hold_net) VALUES (?, ?, 'held', NOW() + INTERVAL ? SECOND, ?)",
	            p, nitems(p), NULL, e) < 0) {
		/* The unique key on the live child: someone came by a path without the lock. */
		if (!db_is_dup(e))
			return -1;
		err_clear(e);
		h->ans->res = HOLD_TAKEN;
		return 0;
	}
	return state_move(db, h->a, &held, NULL, e);
}

/*
 * Locks in one order, so that holds never deadlock one another: the donor's row, the child's,
 * then the network's (taken only by a hold that passed everything else, so that a race's losers
 * never queue there).
 */
static int hold_tx(struct db *db, void *arg, struct err *e)
{
	struct hold *h = arg;
	struct dbp p[] = { P_INT(h->a->id) };
	long long child, verified;
	int rc;

	memset(h->ans, 0, sizeof *h->ans);
	/* The donor's row lock lines up one donor's holds: two cannot both pass the limit. */
	if (db_query_int(db, "SELECT verified_at IS NOT NULL FROM donors WHERE id = ? FOR UPDATE",
	                 p, nitems(p), &verified, e) < 0)
		return -1;
	if (!verified) {
		h->ans->res = HOLD_UNVERIFIED;
		return 0;
	}
	if ((rc = lock_child(db, h, &child, e)) != 0 ||
	    (rc = donor_refuses(db, h, child, e)) != 0 ||
	    (rc = network_full(db, h, e)) != 0)
		return rc < 0 ? -1 : 0;
	return hold_insert(db, h, child, e);
}

int sponsorship_hold(struct db *db, const struct config *cfg, const struct actor *a,
                     const char *code, struct hold_answer *ans, struct err *e)
{
	static const char *const why[] = {
		[HOLD_LIMIT] = "at the donor's limit", [HOLD_UNVERIFIED] = "login not verified",
		[HOLD_COOLING] = "cooling down", [HOLD_NETWORK] = "at the network's limit",
	};
	struct hold h = { .cfg = cfg, .a = a, .code = code, .ans = ans };

	throttle_subject(cfg, "hold-net", a->net, h.net);
	if (db_tx(db, hold_tx, &h, e) < 0)
		return -1;
	if (ans->res == HOLD_NEW)
		log_info("donor %lld holds child %s", a->id, code);
	else if (ans->res != HOLD_MINE && ans->res != HOLD_TAKEN)
		log_info("donor %lld: hold of %s refused, %s", a->id, code, why[ans->res]);
	return 0;
}

#define SPONS_COLS \
	"s.id, s.child_id, s.state, s.plan, " \
	"TIMESTAMPDIFF(SECOND, NOW(), s.hold_until) AS seconds_left, " \
	"DATE_FORMAT(s.hold_until, '%Y-%m-%d %H:%i:%s') AS hold_until, " \
	"(SELECT o.order_no FROM pay_orders o WHERE o.sponsorship_id = s.id " \
	" AND o.state = 'created' AND o.expires_at > NOW() ORDER BY o.id DESC LIMIT 1) AS order_no"
#define SPONS_OF_CHILD \
	"SELECT " SPONS_COLS " FROM sponsorships s JOIN children c ON c.id = s.live_child " \
	"WHERE c.code = ? AND s.donor_id = ?"

static const struct col SPONS_ROW[] = {
	COL_I(struct spons, id), COL_I(struct spons, child_id), COL_S(struct spons, state),
	COL_S(struct spons, plan), COL_I(struct spons, seconds_left),
	COL_S(struct spons, hold_until), COL_S(struct spons, order_no),
};

/* The donor's live sponsorship of child code (locked, if lock): 1, 0 if none, -1 on error. */
static int find(struct db *db, long long donor, const char *code, int lock, struct spons *s,
                struct err *e)
{
	struct dbp p[] = { P_STR(code), P_INT(donor) };
	struct rows r = ROW_INTO(s, SPONS_ROW);

	return rows_read(db, lock ? SPONS_OF_CHILD " FOR UPDATE" : SPONS_OF_CHILD, p, nitems(p),
	                 &r, e);
}

int sponsorship_find(struct db *db, const struct config *cfg, const struct actor *a,
                     const char *code, struct spons *s, struct err *e)
{
	(void)cfg;
	return find(db, a->id, code, 0, s, e);
}

struct order_tx {
	const struct config      *cfg;
	const struct actor       *a;
	const char               *code;
	const struct plan_choice *p;
	char                     *order_no;
	struct order_view        *v;      /* sponsorship_order's: filled when made is set */
	int                       made;   /* the order was made by this transaction */
};

/* The schedule's INSERT, and one instalment's row: sponsorship, seq, amount, months from today. */
#define INSTALMENTS_INSERT \
	"INSERT INTO instalments (sponsorship_id, seq, amount_fen, due_date) VALUES "
#define INSTALMENT_ROW    "(?, ?, ?, CURDATE() + INTERVAL ? MONTH)"
#define INSTALMENT_PARAMS 4

/* The pledge schedule, in one statement: a monthly plan's 12 rows were 12 round trips. */
static int schedule(struct db *db, long long sid, int monthly, struct err *e)
{
	int n = monthly ? PLAN_MONTHS : 1;
	long long each = MONEY_ANNUAL_NEED_FEN / n;
	struct dbp p[PLAN_MONTHS * INSTALMENT_PARAMS];
	char sql[sizeof INSTALMENTS_INSERT + PLAN_MONTHS * sizeof ", " INSTALMENT_ROW];
	size_t len = (size_t)snprintf(sql, sizeof sql, "%s", INSTALMENTS_INSERT);

	for (int k = 1; k <= n; k++) {
		struct dbp *q = &p[(k - 1) * INSTALMENT_PARAMS];
		q[0] = P_INT(sid);
		q[1] = P_INT(k);
		q[2] = P_INT(each);
		q[3] = P_INT(k - 1);
		len += (size_t)snprintf(sql + len, sizeof sql - len, "%s" INSTALMENT_ROW,
		                        k > 1 ? ", " : "");
	}
	return db_exec(db, sql, p, (unsigned)(n * INSTALMENT_PARAMS), NULL, e);
}

/*
 * Whether sponsorship s may be ordered now: 0 to go on, 1 with the open order in o->order_no,
 * -1 if refused.
 */
static int order_check(const struct order_tx *o, const struct spons *s, struct err *e)
{
	if (strcmp(s->state, "pending_approval") == 0 || strcmp(s->state, "active") == 0)
		return err_core(e, ERR_CONFLICT, "spons.paid",
		                "order for child %s: sponsorship %lld is %s", o->code, s->id,
		                s->state);
	if (strcmp(s->state, "pending_payment") == 0 && s->order_no[0]) {
		/* The same form sent twice: the first order stands, unless the plan differs. */
		if (strcmp(s->plan, o->p->monthly ? "monthly" : "annual") != 0)
			return err_core(e, ERR_CONFLICT, "spons.other_plan",
			                "order for child %s: plan change with order %s open",
			                o->code, s->order_no);
		snprintf(o->order_no, ORDER_NO_LEN + 1, "%s", s->order_no);
		return 1;
	}
	if ((strcmp(s->state, "held") != 0 && strcmp(s->state, "pending_payment") != 0) ||
	    s->seconds_left <= 0)
		return err_core(e, ERR_CONFLICT, "spons.lapsed",
		                "order for child %s: sponsorship %lld is %s, %lld s left", o->code,
		                s->id, s->state, s->seconds_left);
	return 0;
}


/*
 * The sponsorship pending payment on the plan chosen, with its pledge schedule written afresh. A
 * hold that never had a plan has no schedule to take away: only choosing a plan writes one, and
 * a plan once chosen stays (a cancelled first order takes the hold back to choosing with it).
 */
static int order_plan(struct db *db, const struct order_tx *o, const struct spons *s,
                      struct err *e)
{
	long long sid = s->id;
	struct dbp sp[] = {
		P_STR(o->p->monthly ? "monthly" : "annual"),
		o->p->receipt_name ? P_STR(o->p->receipt_name) : P_NULL, P_INT(o->p->anonymous),
	};
	const struct move chosen = {
		.ent = ENT_SPONSORSHIP, .where = "id = ?", .key = P_INT(sid),
		.from = SB(SP_HELD) | SB(SP_PENDING_PAYMENT), .to = SP_PENDING_PAYMENT,
		.why = "plan chosen", .sp = sp, .nsp = nitems(sp),
		.set = "plan = ?, receipt_name = ?, anonymous = ?, agreed_at = NOW()",
	};
	struct dbp p[] = { P_INT(sid) };

	if (state_move(db, o->a, &chosen, NULL, e) < 0)
		return -1;
	if (s->plan[0] &&
	    db_exec(db, "DELETE FROM instalments WHERE sponsorship_id = ? AND donation_id IS NULL",
	            p, nitems(p), NULL, e) < 0)
		return -1;
	return schedule(db, sid, o->p->monthly, e);
}

/* The first order of sponsorship s, expiring with its hold; o->v says what paying it needs. */
static int order_first(struct db *db, struct order_tx *o, const struct spons *s, struct err *e)
{
	/* The name on the receipt: the one the donor gave, or their display name. */
	struct order_req req = {
		.purpose = "sponsorship", .sponsorship_id = s->id, .seq = 1,
		.amount_fen = MONEY_ANNUAL_NEED_FEN / (o->p->monthly ? PLAN_MONTHS : 1),
		.expires_at = s->hold_until, .anonymous = o->p->anonymous,
		.donor_name = o->p->receipt_name ? o->p->receipt_name : o->p->display_name,
		.provider = o->p->provider ? o->p->provider : o->cfg->pay_provider,
	};

	if (ledger_order(db, o->cfg, o->a, &req, o->order_no, e) < 0)
		return -1;
	/* As the order's row has it: expires_at is the hold's end, in the same format. */
	snprintf(o->v->purpose, sizeof o->v->purpose, "%s", req.purpose);
	snprintf(o->v->provider, sizeof o->v->provider, "%s", req.provider);
	snprintf(o->v->expires_at, sizeof o->v->expires_at, "%s", s->hold_until);
	o->v->amount_fen = req.amount_fen;
	o->v->sponsorship_id = s->id;
	o->v->seq = 1;
	o->v->live = 1;
	o->made = 1;
	return 0;
}

static int order_tx(struct db *db, void *arg, struct err *e)
{
	struct order_tx *o = arg;
	struct spons s;
	int found = find(db, o->a->id, o->code, 1, &s, e), rc;

	/* A deadlock's retry starts afresh. */
	o->made = 0;
	if (found < 0)
		return -1;
	if (!found)
		return err_core(e, ERR_FORBIDDEN, "spons.no_hold",
		                "order for child %s without a hold", o->code);
	if ((rc = order_check(o, &s, e)) != 0)
		return rc < 0 ? -1 : 0;
	if (order_plan(db, o, &s, e) < 0)
		return -1;
	return order_first(db, o, &s, e);
}

int sponsorship_order(struct db *db, const struct config *cfg, const struct actor *a,
                      const char *code, const struct plan_choice *p, struct order_view *v,
                      struct err *e)
{
	struct order_tx o = {
		.cfg = cfg, .a = a, .code = code, .p = p, .order_no = v->order_no, .v = v,
	};

	memset(v, 0, sizeof *v);
	if (db_tx(db, order_tx, &o, e) < 0)
		return -1;
	return o.made;
}

struct next_tx {
	const struct config *cfg;
	const struct actor  *a;
	long long            sid;
	const char          *provider;
	char                *order_no;
};

/* A paid sponsorship as its next order needs it. */
struct next_row {
	long long anonymous;
	char      name[CHILD_ALIAS_SIZE];
	long long seq;   /* its first unpaid instalment; 0 if none */
};

static const struct col NEXT_COLS[] = {
	COL_I(struct next_row, anonymous), COL_S(struct next_row, name),
	COL_I(struct next_row, seq),
};

struct open_order {
	char order_no[ORDER_NO_LEN + 1];
};

static const struct col OPEN_ORDER_COLS[] = { COL_S(struct open_order, order_no) };

/*
 * An order for this instalment still open is the one to pay (1, into n->order_no); one that ran
 * out makes way for a new one (0).
 */
static int next_open(struct db *db, const struct next_tx *n, long long seq, struct err *e)
{
	struct dbp q[] = { P_INT(seq) };
	const struct move ran_out = {
		.ent = ENT_ORDER, .key = P_INT(n->sid), .wp = q, .nwp = nitems(q),
		.where = "sponsorship_id = ? AND instalment_seq = ? AND expires_at <= NOW()",
		.from = SB(OR_CREATED), .to = OR_EXPIRED, .why = "ran out unpaid",
	};
	struct dbp p[] = { P_INT(n->sid), P_INT(seq) };
	struct open_order o;
	struct rows r = ROW_INTO(&o, OPEN_ORDER_COLS);
	int found;

	if (state_move(db, n->a, &ran_out, NULL, e) < 0 ||
	    (found = rows_read(db, "SELECT order_no FROM pay_orders WHERE sponsorship_id = ? "
	                       "AND instalment_seq = ? AND state = 'created'",
	                       p, nitems(p), &r, e)) < 0)
		return -1;
	if (found)
		snprintf(n->order_no, ORDER_NO_LEN + 1, "%s", o.order_no);
	return found > 0;
}

/* A new order for instalment seq of the sponsorship, for its amount. */
static int next_new(struct db *db, const struct next_tx *n, const struct next_row *s,
                    struct err *e)
{
	struct dbp p[] = { P_INT(n->sid), P_INT(s->seq) };
	long long amount;

	if (db_query_int(db, "SELECT amount_fen FROM instalments "
	                 "WHERE sponsorship_id = ? AND seq = ?", p, nitems(p), &amount, e) < 0)
		return -1;
	struct order_req o = {
		.purpose = "sponsorship", .sponsorship_id = n->sid,
		.seq = (int)s->seq, .amount_fen = amount, .donor_name = s->name,
		.anonymous = (int)s->anonymous, .provider = n->provider,
	};
	return ledger_order(db, n->cfg, n->a, &o, n->order_no, e);
}

static int next_tx(struct db *db, void *arg, struct err *e)
{
	struct next_tx *n = arg;
	struct dbp p[] = { P_INT(n->sid), P_INT(n->a->id) };
	struct next_row s;
	struct rows r = ROW_INTO(&s, NEXT_COLS);
	int found;

	if ((found = rows_read(db, "SELECT s.anonymous, "
	                       "COALESCE(s.receipt_name, d.display_name) AS name, "
	                       "(SELECT MIN(i.seq) FROM instalments i "
	                       "WHERE i.sponsorship_id = s.id AND i.donation_id IS NULL) AS seq "
	                       "FROM sponsorships s JOIN donors d ON d.id = s.donor_id "
	                       "WHERE s.id = ? AND s.donor_id = ? "
	                       "AND s.state IN ('pending_approval','active','lapsing') "
	                       "FOR UPDATE",
	                       p, nitems(p), &r, e)) < 0)
		return -1;
	if (!found)
		return err_core(e, ERR_NOT_FOUND, "spons.unknown",
		                "pay-next: sponsorship %lld not the donor's, or not paid", n->sid);
	if (!s.seq)
		return err_core(e, ERR_CONFLICT, "spons.all_paid",
		                "pay-next: sponsorship %lld fully paid", n->sid);
	if ((found = next_open(db, n, s.seq, e)) != 0)
		return found < 0 ? -1 : 0;
	return next_new(db, n, &s, e);
}

int sponsorship_next_order(struct db *db, const struct config *cfg, const struct actor *a,
                           long long sponsorship_id, const char *provider,
                           char order_no[ORDER_NO_LEN + 1], struct err *e)
{
	struct next_tx n = {
		.cfg = cfg, .a = a, .sid = sponsorship_id, .provider = provider,
		.order_no = order_no,
	};

	return db_tx(db, next_tx, &n, e);
}

struct cancel_tx {
	const struct config       *cfg;
	const struct actor        *a;
	const struct order_view   *v;
	const struct pay_provider *pv;
	int                        paid;
};

static int cancel_tx(struct db *db, void *arg, struct err *e)
{
	struct cancel_tx *x = arg;
	struct dbp p[] = { P_INT(x->v->id) };
	const struct move cancelled = {
		.ent = ENT_ORDER, .where = "id = ?", .key = P_INT(x->v->id),
		.from = SB(OR_CREATED), .to = OR_CANCELLED, .why = "cancelled by its payer",
	};
	/* Back to choosing; the schedule is rewritten when a plan is chosen again. */
	const struct move choosing = {
		.ent = ENT_SPONSORSHIP, .where = "id = ?", .key = P_INT(x->v->sponsorship_id),
		.from = SB(SP_PENDING_PAYMENT), .to = SP_HELD,
		.why = "its first order was cancelled",
	};
	struct pay_notice pn;
	unsigned long long n;

	/* Under the order's lock, ask the provider first: money taken makes it paid, not void. */
	if (db_exec(db, "SELECT id FROM pay_orders WHERE id = ? FOR UPDATE", p, nitems(p),
	            NULL, e) < 0 ||
	    (x->paid = x->pv->query(x->cfg, db, x->v->order_no, &pn, e)) < 0)
		return -1;
	if (x->paid)
		return 0;
	if (state_move(db, x->a, &cancelled, &n, e) < 0)
		return -1;
	if (!n)
		return err_core(e, ERR_CONFLICT, "spons.order_closed",
		                "cancel of order %s not open", x->v->order_no);
	if (!x->v->sponsorship_id || x->v->seq != 1)
		return 0;
	return state_move(db, x->a, &choosing, NULL, e);
}

int sponsorship_cancel(struct db *db, const struct config *cfg, const struct actor *a,
                       const struct order_view *v, struct err *e)
{
	const struct actor sys = actor_system("cancel");
	struct cancel_tx x = { .cfg = cfg, .a = a, .v = v };
	int paid;

	if (!(x.pv = pay_provider(v->provider)))
		return err_core(e, ERR_INTERNAL, NULL, "order %s has unknown provider %s",
		                v->order_no, v->provider);
	if (db_tx(db, cancel_tx, &x, e) < 0)
		return -1;
	if (!x.paid)
		return 0;
	/* Paid after all: credit it now, so the donor sees the gift and receipt, not a refusal. */
	if (ledger_settle(db, cfg, &sys, v->provider, v->order_no, &paid, e) < 0)
		return -1;
	return err_core(e, ERR_CONFLICT, "spons.order_paid",
	                "cancel of order %s that the provider says is paid", v->order_no);
}

struct release {
	const struct actor *a;
	const char         *code;
	long long           sid;   /* the hold given up */
};

/* Sponsorship s ends as given up, its orders close, its child is listed again. */
static int release_one(struct db *db, const struct actor *a, const struct spons *s,
                       struct err *e)
{
	const struct move given_up = {
		.ent = ENT_SPONSORSHIP, .where = "id = ?", .key = P_INT(s->id),
		.from = SB(SP_HELD) | SB(SP_PENDING_PAYMENT), .to = SP_CANCELLED,
		.why = "given up by its donor",
		.set = "ended_at = NOW(), end_reason = '捐赠人放弃保留'",
	};
	const struct move listed = {
		.ent = ENT_CHILD, .where = "id = ?", .key = P_INT(s->child_id),
		.from = SB(CH_HELD), .to = CH_WAITING, .why = "its hold was given up",
	};

	if (state_move(db, a, &given_up, NULL, e) < 0 || ledger_close_orders(db, a, s->id, e) < 0)
		return -1;
	return state_move(db, a, &listed, NULL, e);
}

/* Under the sponsorship's lock: the donor's hold of the child, if it is one, is given up. */
static int release_tx(struct db *db, void *arg, struct err *e)
{
	struct release *r = arg;
	struct spons s;
	int found = find(db, r->a->id, r->code, 1, &s, e);

	if (found < 0)
		return -1;
	if (!found)
		return err_core(e, ERR_CONFLICT, "spons.no_hold_left",
		                "release of child %s without a hold", r->code);
	if (strcmp(s.state, "held") != 0 && strcmp(s.state, "pending_payment") != 0)
		return err_core(e, ERR_CONFLICT, "spons.paid_keep",
		                "release of child %s: sponsorship %lld is %s", r->code, s.id,
		                s.state);
	r->sid = s.id;
	return release_one(db, r->a, &s, e);
}

int sponsorship_release(struct db *db, const struct config *cfg, const struct actor *a,
                        const char *code, struct err *e)
{
	struct release r = { .a = a, .code = code };

	if (db_tx(db, release_tx, &r, e) < 0)
		return -1;
	log_info("donor %lld gave up the hold of child %s (sponsorship %lld); "
	         "its orders are closed", a->id, code, r.sid);
	ledger_close_send(db, cfg, r.sid);
	return 0;
}

struct lapse_tx {
	const struct actor *a;
	long long           id, child_id;
};

static int lapse_tx(struct db *db, void *arg, struct err *e)
{
	struct lapse_tx *l = arg;

	return lapse(db, l->a, l->id, l->child_id, e);
}

int sponsorship_lapse(struct db *db, const struct actor *a, long long id, long long child_id,
                      struct err *e)
{
	struct lapse_tx l = { .a = a, .id = id, .child_id = child_id };

	return db_tx(db, lapse_tx, &l, e);
}

static const struct col CARD_COLS[] = {
	COL_S(struct child_card, code), COL_S(struct child_card, alias),
	COL_S(struct child_card, gender), COL_S(struct child_card, county),
	COL_S(struct child_card, category), COL_S(struct child_card, status),
	COL_I(struct child_card, age), COL_I(struct child_card, days_waiting),
};

/*
 * Two index walks, not a sort of every waiting child: the 49 losers of a 50-donor race each ask
 * for this page. The same city's longest waiting first (k_listed_city), then anyone's
 * (k_listed_wait).
 */
int sponsorship_similar(struct db *db, const struct config *cfg, const struct actor *a,
                        const char *code, struct child_card *out, int max, int *n, struct err *e)
{
	struct dbp p[] = {
		P_STR(code), P_STR(code), P_INT(max), P_STR(code), P_INT(max), P_INT(max),
	};
	struct rows r = {
		.cols = CARD_COLS, .ncols = nitems(CARD_COLS), .base = out, .stride = sizeof *out,
		.max = max,
	};

	(void)cfg;
	(void)a;
	if (rows_read(db,
	        "(SELECT " CHILD_PUBLIC_COLS ", 0 AS far, c.public_since AS w FROM children c "
	        " WHERE c.listed = 1 "
	        " AND c.city_code = (SELECT city_code FROM children WHERE code = ?) "
	        " AND c.code <> ? ORDER BY " CHILD_WAITING_ORDER " LIMIT ?) "
	        "UNION ALL (SELECT " CHILD_PUBLIC_COLS ", 1, c.public_since "
	        " FROM children c FORCE INDEX (k_listed_wait) WHERE c.listed = 1 "
	        " AND c.city_code <> (SELECT city_code FROM children WHERE code = ?) "
	        " ORDER BY " CHILD_WAITING_ORDER " LIMIT ?) ORDER BY far, w, code LIMIT ?",
	        p, nitems(p), &r, e) < 0)
		return -1;
	*n = r.n < max ? r.n : max;
	return 0;
}
