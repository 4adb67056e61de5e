/* checkout.c — holds, sponsorship orders and the sweep that lets lapsed ones go; one transaction per change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkout.h"
#include "device.h"
#include "core/ledger.h"
#include "log.h"
#include "money.h"
#include "page.h"
#include "public/public.h"
#include "session.h"
#include "throttle.h"
#include "verify.h"

struct hold {
	struct ctx         *c;
	const char         *code;
	struct hold_answer *a;
	unsigned char       net[32];   /* the client's network, as sponsorships.hold_net has it */
};

/* End one lapsed hold (or unpaid order) and list its child again. Idempotent: a later call finds nothing to do. */
static int lapse(struct db *db, long long sid, struct err *e)
{
	struct dbp p[] = { P_INT(sid) };
	unsigned long long n;

	if (db_exec(db, "UPDATE sponsorships SET state = 'expired', ended_at = NOW() "
	            "WHERE id = ? AND state IN ('held','pending_payment') AND hold_until <= NOW()", p, 1, &n, e) < 0)
		return -1;
	if (!n)
		return 0;
	/* The schedule stays: a payment the provider took at the last moment may still arrive, and revive it. */
	if (db_exec(db, "UPDATE pay_orders SET state = 'expired' WHERE sponsorship_id = ? AND state = 'created'",
	            p, 1, NULL, e) < 0)
		return -1;
	return db_exec(db, "UPDATE children c JOIN sponsorships s ON s.child_id = c.id SET c.status = 'waiting' "
	               "WHERE s.id = ? AND c.status = 'held'", p, 1, NULL, e);
}

/* The child's current live sponsorship: whose, and whether its hold has lapsed. Returns 0 with *sid 0 if none. */
static int live_of(struct db *db, long long child_id, long long *sid, long long *donor, int *lapsed, struct err *e)
{
	struct dbp p[] = { P_INT(child_id) };
	HDF *row;

	*sid = 0;
	if (db_query_row(db, "SELECT id, donor_id, state IN ('held','pending_payment') AND hold_until <= NOW() AS lapsed "
	                 "FROM sponsorships WHERE live_child = ? FOR UPDATE", p, 1, &row, e) < 0)
		return -1;
	if (row) {
		*sid = strtoll(hdf_get_value(row, "id", "0"), NULL, 10);
		*donor = strtoll(hdf_get_value(row, "donor_id", "0"), NULL, 10);
		*lapsed = hdf_get_int_value(row, "lapsed", 0);
		hdf_destroy(&row);
	}
	return 0;
}

/* A refusal that passes: res, and when (row's until and wait). Whether row said anything. */
static int refusal(struct hold_answer *a, enum hold_result res, HDF *row)
{
	const char *until = row ? hdf_get_value(row, "until", NULL) : NULL;

	if (until) {
		a->res = res;
		snprintf(a->until, sizeof a->until, "%s", until);
		a->wait = strtoll(hdf_get_value(row, "wait", "0"), NULL, 10);
	}
	hdf_destroy(&row);
	return until != NULL;
}

/* The checks of a hold below return 1 when they answer it (a->res), 0 to go on, -1 on error. */

/*
 * Whether this donor's hold of this child ended unpaid within the cool-down: it lapsed (counted
 * from when it ran out, which the sweep may have noticed later), or the donor gave it up (from
 * then). A hold given up counts too: giving up and holding again at once would otherwise start
 * the 15 minutes afresh, for ever, and keep the child off the list all the same.
 */
static int cooling(struct db *db, const struct config *cfg, long long donor, long long child,
                   struct hold_answer *a, struct err *e)
{
	long long s = cfg->cooldown;
	struct dbp p[] = { P_INT(s), P_INT(s), P_INT(donor), P_INT(child), P_INT(s) };
	HDF *row;

	if (db_query_row(db, "SELECT DATE_FORMAT(MAX(x.ended) + INTERVAL ? SECOND, "
	                 "'%Y-%m-%d %H:%i') AS until, "
	                 "TIMESTAMPDIFF(SECOND, NOW(), MAX(x.ended) + INTERVAL ? SECOND) AS wait "
	                 "FROM (SELECT LEAST(hold_until, COALESCE(ended_at, hold_until)) AS ended "
	                 "FROM sponsorships WHERE donor_id = ? AND child_id = ? "
	                 "AND state IN ('expired','cancelled')) x "
	                 "WHERE x.ended > NOW() - INTERVAL ? SECOND", p, 5, &row, e) < 0)
		return -1;
	return refusal(a, HOLD_COOLING, row);
}

/* Whether this donor holds Checkout.MaxHolds children already. */
static int donor_full(struct db *db, const struct config *cfg, long long donor,
                      struct hold_answer *a, struct err *e)
{
	long long holds;

	if (db_query_int(db, "SELECT COUNT(*) FROM sponsorships WHERE donor_id = ? "
	                 "AND state IN ('held','pending_payment') AND hold_until > NOW()",
	                 (struct dbp[]){ P_INT(donor) }, 1, &holds, e) < 0)
		return -1;
	if (holds < cfg->max_holds)
		return 0;
	a->res = HOLD_LIMIT;
	return 1;
}

/*
 * Whether the client's network holds Checkout.MaxHoldsPerNetwork children already (until its first
 * hold runs out). The network's row lock lines up the holds from one network, as the donor's row
 * lock does one donor's: two at once cannot both pass the limit.
 */
static int network_full(struct db *db, const struct config *cfg, const unsigned char net[32],
                        struct hold_answer *a, struct err *e)
{
	struct dbp p[] = { P_BIN(net, 32), P_INT(cfg->max_net_holds) };
	HDF *row;

	if (db_exec(db, "INSERT INTO hold_networks (net, last_hold) VALUES (?, NOW()) "
	            "ON DUPLICATE KEY UPDATE last_hold = NOW()", p, 1, NULL, e) < 0 ||
	    db_query_row(db, "SELECT DATE_FORMAT(MIN(hold_until), '%Y-%m-%d %H:%i') AS until, "
	                 "TIMESTAMPDIFF(SECOND, NOW(), MIN(hold_until)) AS wait FROM sponsorships "
	                 "WHERE hold_net = ? AND state IN ('held','pending_payment') "
	                 "AND hold_until > NOW() HAVING COUNT(*) >= ?", p, 2, &row, e) < 0)
		return -1;
	return refusal(a, HOLD_NETWORK, row);
}

/*
 * The child, locked, into *child; answered when it is someone else's, or this donor's already. A
 * lapsed hold found here ends now.
 */
static int lock_child(struct db *db, struct hold *h, long long *child, struct err *e)
{
	long long me = donor_of(h->c), sid, donor = 0;
	int lapsed = 0;
	struct dbp pc[] = { P_STR(h->code) };
	HDF *row;
	char status[16];

	*child = 0;
	/* The child's row lock lines up everyone else's: the first wins, the rest see it held. */
	if (db_query_row(db, "SELECT id, status FROM children WHERE code = ? "
	                 "AND consent_publish = 1 FOR UPDATE", pc, 1, &row, e) < 0)
		return -1;
	if (!row)
		return err_set(e, 404, "这个孩子的信息已不再公开。", "hold of unknown or unpublished child %s",
		               h->code);
	*child = strtoll(hdf_get_value(row, "id", "0"), NULL, 10);
	snprintf(status, sizeof status, "%s", hdf_get_value(row, "status", ""));
	hdf_destroy(&row);
	if (live_of(db, *child, &sid, &donor, &lapsed, e) < 0)
		return -1;
	if (sid && donor == me && !lapsed) {
		h->a->res = HOLD_MINE;
		return 1;
	}
	if (sid && lapsed) {
		if (lapse(db, sid, e) < 0)
			return -1;
		snprintf(status, sizeof status, "waiting");
	}
	if ((sid && !lapsed) || strcmp(status, "waiting") != 0) {
		h->a->res = HOLD_TAKEN;
		return 1;
	}
	return 0;
}

/*
 * Locks in one order, so that holds never deadlock one another: the donor's row, the child's,
 * then the network's (taken only by a hold that passed everything else, so that a race's losers
 * never queue there).
 */
static int hold_tx(struct db *db, void *arg, struct err *e)
{
	struct hold *h = arg;
	struct hold_answer *a = h->a;
	const struct config *cfg = h->c->cfg;
	long long me = donor_of(h->c), child, verified;
	int rc;

	memset(a, 0, sizeof *a);
	/* The donor's row lock lines up one donor's holds: two cannot both pass the limit. */
	if (db_query_int(db, "SELECT verified_at IS NOT NULL FROM donors WHERE id = ? FOR UPDATE",
	                 (struct dbp[]){ P_INT(me) }, 1, &verified, e) < 0)
		return -1;
	if (!verified) {
		a->res = HOLD_UNVERIFIED;
		return 0;
	}
	if ((rc = lock_child(db, h, &child, e)) != 0 ||
	    (rc = cooling(db, cfg, me, child, a, e)) != 0 ||
	    (rc = donor_full(db, cfg, me, a, e)) != 0 ||
	    (rc = network_full(db, cfg, h->net, a, e)) != 0)
		return rc < 0 ? -1 : 0;
	{
		struct dbp p[] = { P_INT(child), P_INT(me), P_INT(cfg->hold_seconds),
		                   P_BIN(h->net, 32) };
		if (db_exec(db, "INSERT INTO sponsorships (child_id, donor_id, state, hold_until, "
		            "hold_net) VALUES (?, ?, 'held', NOW() + INTERVAL ? SECOND, ?)",
		            p, 4, NULL, e) < 0) {
			/* The unique key on the live child: someone got there by a path without the row lock. */
			if (!db_is_dup(e))
				return -1;
			memset(e, 0, sizeof *e);
			a->res = HOLD_TAKEN;
			return 0;
		}
	}
	{
		struct dbp p[] = { P_INT(child) };
		return db_exec(db, "UPDATE children SET status = 'held' WHERE id = ?", p, 1, NULL, e);
	}
}

int checkout_hold(struct ctx *c, const char *code, struct hold_answer *a)
{
	static const char *const why[] = {
		[HOLD_LIMIT] = "at the donor's limit", [HOLD_UNVERIFIED] = "login not verified",
		[HOLD_COOLING] = "cooling down", [HOLD_NETWORK] = "at the network's limit",
	};
	struct hold h = { c, code, a, { 0 } };

	throttle_subject(c->cfg, "hold-net", c->req->remote_net, h.net);
	if (db_tx(c->db, hold_tx, &h, &c->err) < 0)
		return -1;
	if (a->res == HOLD_NEW)
		log_info("donor %lld holds child %s", donor_of(c), code);
	else if (a->res != HOLD_MINE && a->res != HOLD_TAKEN)
		log_info("donor %lld: hold of %s refused, %s", donor_of(c), code, why[a->res]);
	return 0;
}

#define SPONS_COLS \
	"s.id, s.child_id, s.state, s.plan, TIMESTAMPDIFF(SECOND, NOW(), s.hold_until) AS seconds_left, " \
	"DATE_FORMAT(s.hold_until, '%Y-%m-%d %H:%i:%s') AS hold_until, " \
	"(SELECT o.order_no FROM pay_orders o WHERE o.sponsorship_id = s.id AND o.state = 'created' " \
	" AND o.expires_at > NOW() ORDER BY o.id DESC LIMIT 1) AS order_no"

static int find(struct db *db, long long donor, const char *code, int lock, struct spons *s, struct err *e)
{
	struct dbp p[] = { P_STR(code), P_INT(donor) };
	HDF *row;

	if (db_query_row(db, lock ?
	        "SELECT " SPONS_COLS " FROM sponsorships s JOIN children c ON c.id = s.live_child "
	        "WHERE c.code = ? AND s.donor_id = ? FOR UPDATE" :
	        "SELECT " SPONS_COLS " FROM sponsorships s JOIN children c ON c.id = s.live_child "
	        "WHERE c.code = ? AND s.donor_id = ?", p, 2, &row, e) < 0)
		return -1;
	if (!row)
		return 0;
	memset(s, 0, sizeof *s);
	s->id = strtoll(hdf_get_value(row, "id", "0"), NULL, 10);
	s->child_id = strtoll(hdf_get_value(row, "child_id", "0"), NULL, 10);
	s->seconds_left = strtoll(hdf_get_value(row, "seconds_left", "0"), NULL, 10);
	snprintf(s->state, sizeof s->state, "%s", hdf_get_value(row, "state", ""));
	snprintf(s->plan, sizeof s->plan, "%s", hdf_get_value(row, "plan", ""));
	snprintf(s->hold_until, sizeof s->hold_until, "%s", hdf_get_value(row, "hold_until", ""));
	snprintf(s->order_no, sizeof s->order_no, "%s", hdf_get_value(row, "order_no", ""));
	hdf_destroy(&row);
	return 1;
}

int checkout_find(struct ctx *c, const char *code, struct spons *s)
{
	return find(c->db, donor_of(c), code, 0, s, &c->err);
}

int checkout_free(struct ctx *c, const char *code, int *free)
{
	struct dbp p[] = { P_STR(code) };
	long long n;

	if (db_query_int(c->db, "SELECT COUNT(*) FROM children c LEFT JOIN sponsorships s ON s.live_child = c.id "
	                 "WHERE c.code = ? AND (c.status = 'waiting' OR (c.status = 'held' AND "
	                 "s.state IN ('held','pending_payment') AND s.hold_until <= NOW()))", p, 1, &n, &c->err) < 0)
		return -1;
	*free = n > 0;
	return 0;
}

struct order_tx {
	struct ctx               *c;
	const char               *code;
	const struct plan_choice *p;
	char                     *order_no;
};

static int schedule(struct db *db, long long sid, int monthly, struct err *e)
{
	int n = monthly ? 12 : 1;
	long long each = MONEY_ANNUAL_NEED_FEN / n;

	for (int k = 1; k <= n; k++) {
		struct dbp p[] = { P_INT(sid), P_INT(k), P_INT(each), P_INT(k - 1) };
		if (db_exec(db, "INSERT INTO instalments (sponsorship_id, seq, amount_fen, due_date) "
		            "VALUES (?, ?, ?, CURDATE() + INTERVAL ? MONTH)", p, 4, NULL, e) < 0)
			return -1;
	}
	return 0;
}

static int order_tx(struct db *db, void *arg, struct err *e)
{
	struct order_tx *o = arg;
	struct ctx *c = o->c;
	struct spons s;
	int found = find(db, donor_of(c), o->code, 1, &s, e);
	const char *name = o->p->receipt_name ? o->p->receipt_name : c->who.name;

	if (found < 0)
		return -1;
	if (!found)
		return err_set(e, 403, "您没有保留这个孩子，或者保留已经过期。请回到孩子的介绍页重新选择。",
		               "order for child %s without a hold", o->code);
	if (strcmp(s.state, "pending_approval") == 0 || strcmp(s.state, "active") == 0)
		return err_set(e, 409, "您已经为这个孩子支付了助养款，结对正在审核或已经生效。请到“我的账户”查看。",
		               "order for child %s: sponsorship %lld is %s", o->code, s.id, s.state);
	if (strcmp(s.state, "pending_payment") == 0 && s.order_no[0]) {
		/* The same form submitted twice: the first order stands, unless the donor wants another plan. */
		if (strcmp(s.plan, o->p->monthly ? "monthly" : "annual") != 0)
			return err_set(e, 409, "您已经选择了另一种助养方式并生成了订单。如需更改，请先在支付页面取消那笔订单。",
			               "order for child %s: plan change with order %s open", o->code, s.order_no);
		snprintf(o->order_no, ORDER_NO_LEN + 1, "%s", s.order_no);
		return 0;
	}
	if ((strcmp(s.state, "held") != 0 && strcmp(s.state, "pending_payment") != 0) || s.seconds_left <= 0)
		return err_set(e, 409, "保留时间已过，这个孩子已回到等待名单。请回到孩子的介绍页重新选择。",
		               "order for child %s: sponsorship %lld is %s, %lld s left", o->code, s.id, s.state,
		               s.seconds_left);
	{
		struct dbp p[] = { P_STR(o->p->monthly ? "monthly" : "annual"), o->p->receipt_name ? P_STR(name) : P_NULL,
		                   P_INT(o->p->anonymous), P_INT(s.id) };
		if (db_exec(db, "UPDATE sponsorships SET state = 'pending_payment', plan = ?, receipt_name = ?, "
		            "anonymous = ?, agreed_at = NOW() WHERE id = ?", p, 4, NULL, e) < 0)
			return -1;
	}
	{
		struct dbp p[] = { P_INT(s.id) };
		if (db_exec(db, "DELETE FROM instalments WHERE sponsorship_id = ? AND donation_id IS NULL", p, 1, NULL, e) < 0 ||
		    schedule(db, s.id, o->p->monthly, e) < 0)
			return -1;
	}
	{
		const struct actor a = actor_of(c);
		struct order_req r = {
			.purpose = "sponsorship", .sponsorship_id = s.id, .seq = 1,
			.amount_fen = o->p->monthly ? MONEY_ANNUAL_NEED_FEN / 12 : MONEY_ANNUAL_NEED_FEN,
			.expires_at = s.hold_until, .donor_name = name, .anonymous = o->p->anonymous,
		};
		return ledger_order(db, c->cfg, &a, &r, o->order_no, e);
	}
}

int checkout_order(struct ctx *c, const char *code, const struct plan_choice *p, char order_no[ORDER_NO_LEN + 1])
{
	struct order_tx o = { c, code, p, order_no };

	return db_tx(c->db, order_tx, &o, &c->err);
}

struct next_tx {
	struct ctx *c;
	long long   sid;
	char       *order_no;
};

static int next_tx(struct db *db, void *arg, struct err *e)
{
	struct next_tx *n = arg;
	struct dbp p[] = { P_INT(n->sid), P_INT(donor_of(n->c)) };
	HDF *row;
	long long seq, amount;
	char name[132];   /* 32 characters of up to 4 bytes */
	int anon;

	if (db_query_row(db, "SELECT s.anonymous, COALESCE(s.receipt_name, d.display_name) AS name, "
	                 "(SELECT MIN(i.seq) FROM instalments i WHERE i.sponsorship_id = s.id AND i.donation_id IS NULL) AS seq "
	                 "FROM sponsorships s JOIN donors d ON d.id = s.donor_id "
	                 "WHERE s.id = ? AND s.donor_id = ? AND s.state IN ('pending_approval','active') FOR UPDATE",
	                 p, 2, &row, e) < 0)
		return -1;
	if (!row)
		return err_set(e, 404, "找不到这项结对。", "pay-next: sponsorship %lld not the donor's, or not paid", n->sid);
	seq = hdf_get_int_value(row, "seq", 0);
	anon = hdf_get_int_value(row, "anonymous", 0);
	snprintf(name, sizeof name, "%s", hdf_get_value(row, "name", ""));
	hdf_destroy(&row);
	if (!seq)
		return err_set(e, 409, "这项结对的各期捐款都已付清，谢谢您！", "pay-next: sponsorship %lld fully paid", n->sid);
	{
		struct dbp q[] = { P_INT(n->sid), P_INT(seq) };
		/* An order for this instalment still open is the one to pay; one that ran out makes way for a new one. */
		if (db_exec(db, "UPDATE pay_orders SET state = 'expired' WHERE sponsorship_id = ? AND instalment_seq = ? "
		            "AND state = 'created' AND expires_at <= NOW()", q, 2, NULL, e) < 0 ||
		    db_query_row(db, "SELECT order_no FROM pay_orders WHERE sponsorship_id = ? AND instalment_seq = ? "
		                 "AND state = 'created'", q, 2, &row, e) < 0)
			return -1;
		if (row) {
			snprintf(n->order_no, ORDER_NO_LEN + 1, "%s", hdf_get_value(row, "order_no", ""));
			hdf_destroy(&row);
			return 0;
		}
		if (db_query_int(db, "SELECT amount_fen FROM instalments WHERE sponsorship_id = ? AND seq = ?", q, 2,
		                 &amount, e) < 0)
			return -1;
	}
	{
		const struct actor a = actor_of(n->c);
		struct order_req r = {
			.purpose = "sponsorship", .sponsorship_id = n->sid, .seq = (int)seq, .amount_fen = amount,
			.donor_name = name, .anonymous = anon,
		};
		return ledger_order(db, n->c->cfg, &a, &r, n->order_no, e);
	}
}

int checkout_next_order(struct ctx *c, long long sponsorship_id, char order_no[ORDER_NO_LEN + 1])
{
	struct next_tx n = { c, sponsorship_id, order_no };

	return db_tx(c->db, next_tx, &n, &c->err);
}

struct cancel_tx {
	struct ctx                *c;
	const char                *order_no;
	const struct pay_provider *pv;
	long long                  oid, sid;
	int                        seq, paid;
};

static int cancel_tx(struct db *db, void *arg, struct err *e)
{
	struct cancel_tx *x = arg;
	struct dbp p[] = { P_INT(x->oid) };
	struct pay_notice pn;
	unsigned long long n;

	/* Under the order's lock, ask the provider first: money it has taken makes the order paid, not cancellable. */
	if (db_exec(db, "SELECT id FROM pay_orders WHERE id = ? FOR UPDATE", p, 1, NULL, e) < 0 ||
	    (x->paid = x->pv->query(x->c->cfg, db, x->order_no, &pn, e)) < 0)
		return -1;
	if (x->paid)
		return 0;
	if (db_exec(db, "UPDATE pay_orders SET state = 'cancelled' WHERE id = ? AND state = 'created'", p, 1, &n, e) < 0)
		return -1;
	if (!n)
		return err_set(e, 409, "这笔订单已经支付、取消或过期，不能再取消。", "cancel of order %s not open", x->order_no);
	if (!x->sid || x->seq != 1)
		return 0;
	{
		/* Back to choosing; the schedule is rewritten when a plan is chosen again. */
		struct dbp q[] = { P_INT(x->sid) };
		return db_exec(db, "UPDATE sponsorships SET state = 'held' WHERE id = ? AND state = 'pending_payment'",
		               q, 1, NULL, e);
	}
}

int checkout_cancel(struct ctx *c, const char *order_no)
{
	const struct actor a = actor_of(c), sys = actor_system("cancel");
	unsigned char vh[VISITOR_HASH_LEN];
	struct order_view v;
	struct cancel_tx x = { c, order_no, NULL, 0, 0, 0, 0 };
	int paid;

	if (c->who.has_visitor)
		token_hash(c->who.visitor, vh);
	if (ledger_order_view(c->db, &a, c->who.has_visitor ? vh : NULL, order_no, &v, &c->err) < 0)
		return -1;
	if (!(x.pv = pay_provider(v.provider)))
		return err_set(&c->err, 500, NULL, "order %s has unknown provider %s", order_no, v.provider);
	x.oid = v.id;
	x.sid = v.sponsorship_id;
	x.seq = v.seq;
	if (db_tx(c->db, cancel_tx, &x, &c->err) < 0)
		return -1;
	if (!x.paid)
		return 0;
	/* Paid after all: credit it now, so the donor sees the gift and its receipt rather than a refusal alone. */
	if (ledger_settle(c->db, c->cfg, &sys, v.provider, v.order_no, &paid, &c->err) < 0)
		return -1;
	return err_set(&c->err, 409, "这笔订单已经支付，不能取消。", "cancel of order %s that the provider says is paid",
	               order_no);
}

struct release {
	struct ctx *c;
	struct actor actor;
	const char *code;
	long long   sid;   /* the hold given up */
};

/* Under the sponsorship's lock: it ends as given up, its orders close, its child is listed again. */
static int release_tx(struct db *db, void *arg, struct err *e)
{
	struct release *r = arg;
	struct spons s;
	int found = find(db, donor_of(r->c), r->code, 1, &s, e);

	if (found < 0)
		return -1;
	if (!found)
		return err_set(e, 409, "您没有保留这个孩子，或者保留已经结束。",
		               "release of child %s without a hold", r->code);
	if (strcmp(s.state, "held") != 0 && strcmp(s.state, "pending_payment") != 0)
		return err_set(e, 409, "您已经为这个孩子支付了助养款，结对正在审核或已经生效，"
		               "不能在这里放弃。请到“我的账户”查看。",
		               "release of child %s: sponsorship %lld is %s", r->code, s.id, s.state);
	r->sid = s.id;
	if (db_exec(db, "UPDATE sponsorships SET state = 'cancelled', ended_at = NOW(), "
	            "end_reason = '捐赠人放弃保留' WHERE id = ?", (struct dbp[]){ P_INT(s.id) }, 1, NULL, e) < 0 ||
	    ledger_close_orders(db, &r->actor, s.id, e) < 0)
		return -1;
	return db_exec(db, "UPDATE children SET status = 'waiting' WHERE id = ? AND status = 'held'",
	               (struct dbp[]){ P_INT(s.child_id) }, 1, NULL, e);
}

int checkout_release(struct ctx *c, const char *code)
{
	struct release r = { .c = c, .actor = actor_of(c), .code = code };

	if (db_tx(c->db, release_tx, &r, &c->err) < 0)
		return -1;
	log_info("donor %lld gave up the hold of child %s (sponsorship %lld); its orders are closed",
	         donor_of(c), code, r.sid);
	ledger_close_send(c->db, c->cfg, r.sid);
	return 0;
}

static int lapse_tx(struct db *db, void *arg, struct err *e)
{
	return lapse(db, *(long long *)arg, e);
}

struct ids {
	long long v[100];
	int       n;
};

static int collect_id(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct ids *ids = ctx;

	(void)n; (void)f; (void)l;
	if (ids->n < (int)(sizeof ids->v / sizeof ids->v[0]))
		ids->v[ids->n++] = strtoll(v[0], NULL, 10);
	return 0;
}

/*
 * Orders past their time: the provider is asked first, since money taken at the last moment may not have been
 * announced yet; a paid one is credited (and its sponsorship goes on), an unpaid one expires.
 */
static int settle_one(struct db *db, void *cfg, HDF *o, struct err *e)
{
	const struct actor sys = actor_system("sweep");
	const char *no = hdf_get_value(o, "order_no", "");
	int paid;

	if (ledger_settle(db, cfg, &sys, hdf_get_value(o, "provider", ""), no, &paid, e) < 0)
		return -1;
	return paid ? 0 : db_exec(db, "UPDATE pay_orders SET state = 'expired' WHERE order_no = ? AND state = 'created' "
	                          "AND expires_at <= NOW()", (struct dbp[]){ P_STR(no) }, 1, NULL, e);
}

static int settle_or_expire(struct db *db, const struct config *cfg, struct err *e)
{
	return db_query_each(db, "SELECT order_no, provider FROM pay_orders WHERE state = 'created' AND expires_at <= NOW() "
	                     "ORDER BY id LIMIT 100", NULL, 0, settle_one, (void *)cfg, e);
}

int checkout_sweep(struct db *db, const struct config *cfg, struct err *e)
{
	struct ids ids = { { 0 }, 0 };

	/* Closed orders whose provider was not asked yet: it failed, or the worker died after the commit. */
	ledger_close_send(db, cfg, 0);
	if (settle_or_expire(db, cfg, e) < 0 ||
	    db_query(db, "SELECT id FROM sponsorships WHERE state IN ('held','pending_payment') AND hold_until <= NOW() "
	             "LIMIT 100", NULL, 0, collect_id, &ids, e) < 0)
		return -1;
	for (int i = 0; i < ids.n; i++)
		if (db_tx(db, lapse_tx, &ids.v[i], e) < 0)
			return -1;
	if (ids.n)
		log_info("sweep: %d lapsed holds ended; their children are waiting again", ids.n);
	if (session_sweep(db, cfg, e) < 0 || device_sweep(db, e) < 0 ||
	    db_exec(db, "DELETE FROM login_throttle WHERE last_failure < NOW() - INTERVAL 1 DAY LIMIT 1000",
	            NULL, 0, NULL, e) < 0 ||
	    db_exec(db, "DELETE FROM hold_networks WHERE last_hold < NOW() - INTERVAL 1 DAY "
	            "LIMIT 1000", NULL, 0, NULL, e) < 0 ||
	    verify_sweep(db, e) < 0)
		return -1;
	return db_exec(db, "DELETE FROM password_resets WHERE expires_at < NOW() - INTERVAL 1 DAY LIMIT 1000",
	               NULL, 0, NULL, e);
}

/*
 * Two index walks, not a sort of every waiting child: the 49 losers of a 50-donor race each ask for this page.
 * The same city's longest waiting first (k_listed_city), then anyone's (k_listed_wait).
 */
int checkout_similar(struct ctx *c, const char *code, int n, const char *prefix)
{
	struct dbp p[] = { P_STR(code), P_STR(code), P_INT(n), P_STR(code), P_INT(n), P_INT(n) };

	if (db_query_hdf(c->db,
	        "(SELECT " CHILD_PUBLIC_COLS ", 0 AS far, c.public_since AS w FROM children c "
	        " WHERE c.listed = 1 AND c.city_code = (SELECT city_code FROM children WHERE code = ?) AND c.code <> ? "
	        " ORDER BY " CHILD_WAITING_ORDER " LIMIT ?) "
	        "UNION ALL (SELECT " CHILD_PUBLIC_COLS ", 1, c.public_since "
	        " FROM children c FORCE INDEX (k_listed_wait) "
	        " WHERE c.listed = 1 AND c.city_code <> (SELECT city_code FROM children WHERE code = ?) "
	        " ORDER BY " CHILD_WAITING_ORDER " LIMIT ?) ORDER BY far, w, code LIMIT ?",
	        p, 6, c->hdf, prefix, NULL, &c->err) < 0)
		return -1;
	child_labels(c, prefix);
	return 0;
}
