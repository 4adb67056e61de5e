/* state.c — the transition tables of sponsorships, orders, children and refunds, and the one function that moves them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit.h"
#include "../util.h"
#include "state.h"


/* Who may do what: the web's actors, and the system (the sweep, a provider's notice, txctl). */
#define SYS     AK(ACTOR_SYSTEM)
#define DONOR   AK(ACTOR_DONOR)
#define PAYER   (AK(ACTOR_DONOR) | AK(ACTOR_VISITOR))
#define STAFF   AK(ACTOR_STAFF)

static const char *const SPONSORSHIP_NAMES[SP__MAX] = {
	[SP_HELD] = "held", [SP_PENDING_PAYMENT] = "pending_payment", [SP_PENDING_APPROVAL] = "pending_approval",
	[SP_ACTIVE] = "active", [SP_ENDED] = "ended", [SP_EXPIRED] = "expired", [SP_CANCELLED] = "cancelled",
	[SP_REJECTED] = "rejected",
};

/*
 * A sponsorship starts held (a donor chose the child). A hold that runs out expires (the sweep, or the next donor
 * who wants the child); its donor may give it up. Paid, it awaits approval, even after it lapsed (a payment the
 * provider took at the last moment revives it). Staff approve or reject it, and end it when the child leaves.
 */
static const struct transition SPONSORSHIP_MOVES[] = {
	{ SP_HELD,             SP_PENDING_PAYMENT,  DONOR,       "plan chosen, order made" },
	{ SP_PENDING_PAYMENT,  SP_HELD,             PAYER,       "order cancelled at the provider" },
	{ SP_HELD,             SP_EXPIRED,          SYS | DONOR, "hold ran out" },
	{ SP_PENDING_PAYMENT,  SP_EXPIRED,          SYS | DONOR, "hold ran out unpaid" },
	{ SP_HELD,             SP_CANCELLED,        DONOR,       "given up by its donor" },
	{ SP_PENDING_PAYMENT,  SP_CANCELLED,        DONOR,       "given up by its donor" },
	{ SP_HELD,             SP_PENDING_APPROVAL, SYS,         "paid" },
	{ SP_PENDING_PAYMENT,  SP_PENDING_APPROVAL, SYS,         "paid" },
	{ SP_EXPIRED,          SP_PENDING_APPROVAL, SYS,         "paid after the hold ran out" },
	{ SP_PENDING_APPROVAL, SP_ACTIVE,           STAFF,       "approved" },
	{ SP_PENDING_APPROVAL, SP_REJECTED,         STAFF,       "rejected" },
	{ SP_ACTIVE,           SP_ENDED,            STAFF,       "ended: the child left the programme" },
};

static const char *const ORDER_NAMES[OR__MAX] = {
	[OR_CREATED] = "created", [OR_PAID] = "paid", [OR_CANCELLED] = "cancelled", [OR_EXPIRED] = "expired",
	[OR_CLOSED] = "closed",
};

/*
 * An order is open until it is paid, runs out, is cancelled by its payer or closed because what it was for has
 * ended. Money can still arrive for an order that is no longer open: it is paid then (and owed back, ledger.c).
 */
static const struct transition ORDER_MOVES[] = {
	{ OR_CREATED,   OR_PAID,      SYS,         "paid" },
	{ OR_EXPIRED,   OR_PAID,      SYS,         "paid after it ran out" },
	{ OR_CANCELLED, OR_PAID,      SYS,         "paid after it was cancelled" },
	{ OR_CLOSED,    OR_PAID,      SYS,         "paid after it was closed" },
	{ OR_CREATED,   OR_EXPIRED,   SYS | DONOR, "ran out, or another order paid its instalment" },
	{ OR_CREATED,   OR_CANCELLED, PAYER,       "cancelled by its payer" },
	{ OR_CREATED,   OR_CLOSED,    STAFF | DONOR, "closed: its sponsorship ended" },
};

static const char *const CHILD_NAMES[CH__MAX] = {
	[CH_WAITING] = "waiting", [CH_HELD] = "held", [CH_PENDING] = "pending", [CH_PAIRED] = "paired",
	[CH_EXITED] = "exited",
};

/* A child waits, is held while a donor pays, awaits approval, is paired; staff take it out of the programme. */
static const struct transition CHILD_MOVES[] = {
	{ CH_WAITING, CH_HELD,    DONOR,       "held by a donor" },
	{ CH_HELD,    CH_WAITING, SYS | DONOR, "the hold ended" },
	{ CH_WAITING, CH_PENDING, SYS,         "paid for after the hold ran out" },
	{ CH_HELD,    CH_PENDING, SYS,         "paid for" },
	{ CH_PENDING, CH_PAIRED,  STAFF,       "pairing approved" },
	{ CH_PENDING, CH_WAITING, STAFF,       "pairing rejected" },
	{ CH_WAITING, CH_EXITED,  STAFF,       "left the programme" },
	{ CH_PAIRED,  CH_EXITED,  STAFF,       "left the programme" },
};

static const char *const REFUND_NAMES[RF__MAX] = { [RF_REQUESTED] = "requested", [RF_DONE] = "done" };

/* A refund is requested (committed before any money moves), then done once the provider has made it. */
static const struct transition REFUND_MOVES[] = {
	{ RF_REQUESTED, RF_DONE, STAFF, "made by the provider" },
};

const struct entity_def ENTITIES[ENT__MAX] = {
	[ENT_SPONSORSHIP] = { "sponsorship", "sponsorships", "state", SPONSORSHIP_NAMES, SP__MAX,
	                      SPONSORSHIP_MOVES, (int)nitems(SPONSORSHIP_MOVES) },
	[ENT_ORDER]       = { "order", "pay_orders", "state", ORDER_NAMES, OR__MAX,
	                      ORDER_MOVES, (int)nitems(ORDER_MOVES) },
	[ENT_CHILD]       = { "child", "children", "status", CHILD_NAMES, CH__MAX,
	                      CHILD_MOVES, (int)nitems(CHILD_MOVES) },
	[ENT_REFUND]      = { "refund", "refunds", "state", REFUND_NAMES, RF__MAX,
	                      REFUND_MOVES, (int)nitems(REFUND_MOVES) },
};

int state_allowed(enum entity ent, int from, int to, enum actor_kind kind)
{
	const struct entity_def *d = &ENTITIES[ent];

	for (int i = 0; i < d->nmoves; i++)
		if (d->moves[i].from == from && d->moves[i].to == to)
			return (d->moves[i].actors & AK(kind)) != 0;
	return 0;
}

int state_of(enum entity ent, const char *name)
{
	for (int s = 0; s < ENTITIES[ent].nstates; s++)
		if (strcmp(ENTITIES[ent].states[s], name) == 0)
			return s;
	return -1;
}

/* The states of from as an SQL list ('held','expired'), checking each move to `to` is allowed for the actor. */
static int from_list(const struct move *m, enum actor_kind kind, char *out, size_t n, struct err *e)
{
	const struct entity_def *d = &ENTITIES[m->ent];
	size_t len = 0;

	out[0] = '\0';
	for (int s = 0; s < d->nstates; s++) {
		if (!(m->from & SB(s)))
			continue;
		/* Staying put sets other columns only; a change must be in the table, for this kind of actor. */
		if (s != m->to && !state_allowed(m->ent, s, m->to, kind))
			return err_set(e, 500, NULL, "%s: %s -> %s is not allowed to actor kind %d", d->name, d->states[s],
			               d->states[m->to], kind);
		len += (size_t)snprintf(out + len, n - len, "%s'%s'", len ? "," : "", d->states[s]);
		if (len >= n)
			return err_set(e, 500, NULL, "%s: too many states to list", d->name);
	}
	return len ? 0 : err_set(e, 500, NULL, "%s: a move from no state", d->name);
}

/* The key of a move as text, for the audit row's object id. */
static void key_text(const struct dbp *k, char *out, size_t n)
{
	if (k->type == DBP_INT)
		snprintf(out, n, "%lld", k->i);
	else if (k->type == DBP_STR)
		snprintf(out, n, "%.*s", (int)(k->len < n ? k->len : n - 1), (const char *)k->s);
	else
		snprintf(out, n, "-");
}

#define MOVE_MAX_PARAMS 16

int state_move(struct db *db, const struct actor *a, const struct move *m, unsigned long long *moved,
               struct err *e)
{
	const struct entity_def *d = &ENTITIES[m->ent];
	struct dbp p[MOVE_MAX_PARAMS + 1];
	char from[256], sql[1024], key[64], action[48];
	unsigned long long n = 0;

	if (m->nsp + m->nwp > MOVE_MAX_PARAMS)
		return err_set(e, 500, NULL, "%s: too many parameters for a move", d->name);
	if (from_list(m, a->kind, from, sizeof from, e) < 0)
		return -1;
	if ((size_t)snprintf(sql, sizeof sql, "UPDATE %s SET %s = '%s'%s%s WHERE (%s) AND %s IN (%s)", d->table,
	                     d->column, d->states[m->to], m->set ? ", " : "", m->set ? m->set : "", m->where,
	                     d->column, from) >= sizeof sql)
		return err_set(e, 500, NULL, "%s: a move's statement is too long", d->name);
	/* In the statement's order: the SET's parameters, the key, the rest of the condition's. */
	if (m->nsp)
		memcpy(p, m->sp, m->nsp * sizeof *p);
	p[m->nsp] = m->key;
	if (m->nwp)
		memcpy(p + m->nsp + 1, m->wp, m->nwp * sizeof *p);
	if (db_exec(db, sql, p, m->nsp + 1 + m->nwp, &n, e) < 0)
		return -1;
	if (moved)
		*moved = n;
	if (!n)
		return 0;
	key_text(&m->key, key, sizeof key);
	snprintf(action, sizeof action, "%s.%s", d->name, d->states[m->to]);
	return audit_actor(db, a, e, action, d->name, key, "%llu from %s: %s", n, from, m->why);
}

/* One row of state_transitions, checked against the C tables: a counting pass over the database's copy. */
struct db_check {
	int         seen[ENT__MAX];
	struct err *e;
};

static int check_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct db_check *c = ctx;
	int ent, from, to;

	(void)n; (void)f; (void)l;
	for (ent = 0; ent < ENT__MAX && strcmp(ENTITIES[ent].name, v[0]); ent++)
		;
	if (ent == ENT__MAX || (from = state_of((enum entity)ent, v[1])) < 0 ||
	    (to = state_of((enum entity)ent, v[2])) < 0)
		return err_set(c->e, 500, NULL, "state_transitions has %s %s -> %s, which this build does not know",
		               v[0], v[1], v[2]);
	for (int i = 0; i < ENTITIES[ent].nmoves; i++)
		if (ENTITIES[ent].moves[i].from == from && ENTITIES[ent].moves[i].to == to) {
			c->seen[ent]++;
			return 0;
		}
	return err_set(c->e, 500, NULL, "state_transitions allows %s %s -> %s, which this build does not", v[0], v[1],
	               v[2]);
}

int state_check_db(struct db *db, struct err *e)
{
	struct db_check c = { { 0 }, e };

	if (db_query(db, "SELECT entity, from_state, to_state FROM state_transitions", NULL, 0, check_row, &c, e) < 0)
		return -1;
	for (int ent = 0; ent < ENT__MAX; ent++)
		if (c.seen[ent] != ENTITIES[ent].nmoves)
			return err_set(e, 500, NULL, "state_transitions has %d of the %d %s moves this build has: "
			               "run sql/migrate.sh", c.seen[ent], ENTITIES[ent].nmoves, ENTITIES[ent].name);
	return 0;
}
