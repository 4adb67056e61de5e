/* state.c — the transition tables of the programme's records, and the one way to move them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "../util.h"
#include "state.h"


/* Who may do what: the web's actors, and the system (the sweep, a provider's notice, txctl). */
#define SYS     AK(ACTOR_SYSTEM)
#define DONOR   AK(ACTOR_DONOR)
#define PAYER   (AK(ACTOR_DONOR) | AK(ACTOR_VISITOR))
#define STAFF   AK(ACTOR_STAFF)

static const char *const SPONSORSHIP_NAMES[SP__MAX] = {
	[SP_HELD] = "held", [SP_PENDING_PAYMENT] = "pending_payment",
	[SP_PENDING_APPROVAL] = "pending_approval", [SP_ACTIVE] = "active", [SP_ENDED] = "ended",
	[SP_EXPIRED] = "expired", [SP_CANCELLED] = "cancelled", [SP_REJECTED] = "rejected",
	[SP_LAPSING] = "lapsing", [SP_STOPPING] = "stopping",
};

/*
 * A sponsorship starts held (a donor chose the child). A hold that runs out expires (the sweep, or
 * the next donor who wants the child); its donor may give it up. Paid, it awaits approval, even
 * after it lapsed (a payment the provider took at the last moment revives it). Staff approve or
 * reject it, and end it when the child leaves. An active one whose instalment is unpaid past the
 * grace days is lapsing (the sweep), and active again once paid; its donor may stop it, and the
 * money paid keeps going to the child for the period it pays. The county ends a lapsing or stopped
 * one: never the sweep, for a child may have payouts pending.
 */
static const struct transition SPONSORSHIP_MOVES[] = {
	{ SP_HELD,             SP_PENDING_PAYMENT,  DONOR,       "plan chosen, order made" },
	{ SP_PENDING_PAYMENT,  SP_HELD,             PAYER,       "its order was cancelled" },
	{ SP_HELD,             SP_EXPIRED,          SYS | DONOR, "hold ran out" },
	{ SP_PENDING_PAYMENT,  SP_EXPIRED,          SYS | DONOR, "hold ran out unpaid" },
	{ SP_HELD,             SP_CANCELLED,        DONOR,       "given up by its donor" },
	{ SP_PENDING_PAYMENT,  SP_CANCELLED,        DONOR,       "given up by its donor" },
	{ SP_HELD,             SP_PENDING_APPROVAL, SYS,         "paid" },
	{ SP_PENDING_PAYMENT,  SP_PENDING_APPROVAL, SYS,         "paid" },
	{ SP_EXPIRED,          SP_PENDING_APPROVAL, SYS,         "paid after the hold ran out" },
	{ SP_PENDING_APPROVAL, SP_ACTIVE,           STAFF,       "approved" },
	{ SP_PENDING_APPROVAL, SP_REJECTED,         STAFF,       "rejected" },
	{ SP_ACTIVE,           SP_ENDED,            STAFF,       "the child left the programme" },
	{ SP_ACTIVE,           SP_LAPSING,          SYS,         "unpaid past the grace days" },
	{ SP_LAPSING,          SP_ACTIVE,           SYS,         "paid" },
	{ SP_LAPSING,          SP_ENDED,            STAFF,       "ended by the county" },
	{ SP_ACTIVE,           SP_STOPPING,         DONOR,       "stopped by its donor" },
	{ SP_LAPSING,          SP_STOPPING,         DONOR,       "stopped by its donor" },
	{ SP_STOPPING,         SP_ENDED,            STAFF,       "ended by the county" },
};

static const char *const ORDER_NAMES[OR__MAX] = {
	[OR_CREATED] = "created", [OR_PAID] = "paid", [OR_CANCELLED] = "cancelled",
	[OR_EXPIRED] = "expired", [OR_CLOSED] = "closed",
};

/*
 * An order is open until it is paid, runs out, is cancelled by its payer or closed because what
 * it was for has ended. Money can still arrive for an order that is no longer open: it is paid
 * then (and owed back, ledger.c).
 */
static const struct transition ORDER_MOVES[] = {
	{ OR_CREATED,   OR_PAID,      SYS,         "paid" },
	{ OR_EXPIRED,   OR_PAID,      SYS,         "paid after it ran out" },
	{ OR_CANCELLED, OR_PAID,      SYS,         "paid after it was cancelled" },
	{ OR_CLOSED,    OR_PAID,      SYS,         "paid after it was closed" },
	{ OR_CREATED,   OR_EXPIRED,   SYS | DONOR, "ran out, or its instalment was paid" },
	{ OR_CREATED,   OR_CANCELLED, PAYER,       "cancelled by its payer" },
	{ OR_CREATED,   OR_CLOSED,    STAFF | DONOR, "its sponsorship ended" },
};

static const char *const CHILD_NAMES[CH__MAX] = {
	[CH_WAITING] = "waiting", [CH_HELD] = "held", [CH_PENDING] = "pending",
	[CH_PAIRED] = "paired", [CH_EXITED] = "exited",
};

/*
 * A child waits, is held while a donor pays, awaits approval, is paired, and may leave; a paired
 * child whose sponsorship ended is listed again (曾获资助).
 */
static const struct transition CHILD_MOVES[] = {
	{ CH_WAITING, CH_HELD,    DONOR,       "held by a donor" },
	{ CH_HELD,    CH_WAITING, SYS | DONOR, "the hold ended" },
	{ CH_WAITING, CH_PENDING, SYS,         "paid for after the hold ran out" },
	{ CH_HELD,    CH_PENDING, SYS,         "paid for" },
	{ CH_PENDING, CH_PAIRED,  STAFF,       "pairing approved" },
	{ CH_PENDING, CH_WAITING, STAFF,       "pairing rejected" },
	{ CH_WAITING, CH_EXITED,  STAFF,       "left the programme" },
	{ CH_PAIRED,  CH_EXITED,  STAFF,       "left the programme" },
	{ CH_PAIRED,  CH_WAITING, STAFF,       "its sponsorship ended; listed again" },
};

static const char *const REFUND_NAMES[RF__MAX] = {
	[RF_REQUESTED] = "requested", [RF_DONE] = "done",
};

/* A refund is requested (committed before money moves), then done once the provider made it. */
static const struct transition REFUND_MOVES[] = {
	{ RF_REQUESTED, RF_DONE, STAFF, "made by the provider" },
};

static const char *const DONATION_NAMES[DN__MAX] = {
	[DN_PENDING] = "pending", [DN_PAID] = "paid", [DN_REFUNDED] = "refunded",
};

/* A donation is written paid, as its money is credited; it is refunded once the refund is done. */
static const struct transition DONATION_MOVES[] = {
	{ DN_PAID, DN_REFUNDED, STAFF, "refunded" },
};

static const char *const VISIT_NAMES[VI__MAX] = {
	[VI_DRAFT] = "draft", [VI_SUBMITTED] = "submitted", [VI_RETURNED] = "returned",
	[VI_APPROVED] = "approved",
};

/*
 * A visit is a draft until its author submits it; county staff approve it (only then does it
 * count, and its sponsor see it) or return it with a comment, to be fixed and submitted again.
 */
static const struct transition VISIT_MOVES[] = {
	{ VI_DRAFT,     VI_SUBMITTED, STAFF, "submitted for review" },
	{ VI_RETURNED,  VI_SUBMITTED, STAFF, "submitted again" },
	{ VI_SUBMITTED, VI_APPROVED,  STAFF, "approved" },
	{ VI_SUBMITTED, VI_RETURNED,  STAFF, "returned to its author" },
};

static const char *const LETTER_NAMES[LE__MAX] = {
	[LE_PENDING] = "pending", [LE_APPROVED] = "approved", [LE_DECLINED] = "declined",
	[LE_DELIVERED] = "delivered",
};

/*
 * A letter, the sponsor's or the child's reply, waits for a reviewer, who approves it (perhaps
 * edited) or declines it. An approved reply is shown to the sponsor; an approved letter to the
 * child is then handed over by a volunteer.
 */
static const struct transition LETTER_MOVES[] = {
	{ LE_PENDING,  LE_APPROVED,  STAFF, "approved" },
	{ LE_PENDING,  LE_DECLINED,  STAFF, "declined" },
	{ LE_APPROVED, LE_DELIVERED, STAFF, "handed to the child" },
};

static const char *const PAYOUT_NAMES[PO__MAX] = {
	[PO_DRAFT] = "draft", [PO_SUBMITTED] = "submitted", [PO_RETURNED] = "returned",
	[PO_APPROVED] = "approved", [PO_PAID] = "paid", [PO_FAILED] = "failed",
	[PO_CANCELLED] = "cancelled",
};

/*
 * A payout is drafted by the county (alone or in a batch), submitted, and approved by the city (the
 * province may act for a city) or returned with a comment; the county records it paid, or the
 * bank's result file marks it paid or failed. A failed transfer is sent again or cancelled; only
 * paid ones count as paid out.
 */
static const struct transition PAYOUT_MOVES[] = {
	{ PO_DRAFT,     PO_SUBMITTED, STAFF, "submitted for approval" },
	{ PO_RETURNED,  PO_SUBMITTED, STAFF, "submitted again" },
	{ PO_SUBMITTED, PO_APPROVED,  STAFF, "approved" },
	{ PO_SUBMITTED, PO_RETURNED,  STAFF, "returned with a comment" },
	{ PO_APPROVED,  PO_PAID,      STAFF, "paid to the family" },
	{ PO_APPROVED,  PO_FAILED,    STAFF, "the bank's transfer failed" },
	{ PO_FAILED,    PO_APPROVED,  STAFF, "to be sent again" },
	{ PO_DRAFT,     PO_CANCELLED, STAFF, "cancelled" },
	{ PO_RETURNED,  PO_CANCELLED, STAFF, "cancelled" },
	{ PO_FAILED,    PO_CANCELLED, STAFF, "cancelled after a failed transfer" },
};

static const char *const ACTIVITY_NAMES[AC__MAX] = {
	[AC_DRAFT] = "draft", [AC_LIVE] = "live", [AC_PAUSED] = "paused", [AC_ENDED] = "ended",
};

/*
 * A themed activity is drafted and published by staff, who may pause it (from a report, say: its
 * donors are told) and resume it. It ends when its last day has passed (the sweep) or when staff
 * end it early; its closing report is a final progress update.
 */
static const struct transition ACTIVITY_MOVES[] = {
	{ AC_DRAFT,  AC_LIVE,   STAFF,       "published" },
	{ AC_LIVE,   AC_PAUSED, STAFF,       "paused" },
	{ AC_PAUSED, AC_LIVE,   STAFF,       "resumed" },
	{ AC_LIVE,   AC_ENDED,  SYS | STAFF, "ended" },
	{ AC_PAUSED, AC_ENDED,  SYS | STAFF, "ended while paused" },
};

static const char *const PAGE_NAMES[PG__MAX] = {
	[PG_PENDING] = "pending", [PG_LIVE] = "live", [PG_PAUSED] = "paused",
	[PG_REJECTED] = "rejected", [PG_ENDED] = "ended",
};

/*
 * A personal page waits for staff (the province, or the county it is tied to) to approve it before
 * anyone sees it; staff may pause it and resume it. It ends on its end date (the sweep), when its
 * initiator closes it, or when staff end it.
 */
static const struct transition PAGE_MOVES[] = {
	{ PG_PENDING, PG_LIVE,     STAFF,               "approved" },
	{ PG_PENDING, PG_REJECTED, STAFF,               "rejected" },
	{ PG_LIVE,    PG_PAUSED,   STAFF,               "paused" },
	{ PG_PAUSED,  PG_LIVE,     STAFF,               "resumed" },
	{ PG_LIVE,    PG_ENDED,    SYS | STAFF | DONOR, "ended" },
	{ PG_PAUSED,  PG_ENDED,    SYS | STAFF,         "ended while paused" },
};

static const char *const POOL_NAMES[PL__MAX] = {
	[PL_ACTIVE] = "active", [PL_PAUSED] = "paused", [PL_CLOSED] = "closed",
};

/*
 * A matching pool matches gifts while it is active and inside its window; staff may pause it and
 * resume it, and close it for good (what remains is no longer pledged).
 */
static const struct transition POOL_MOVES[] = {
	{ PL_ACTIVE, PL_PAUSED, STAFF, "paused" },
	{ PL_PAUSED, PL_ACTIVE, STAFF, "resumed" },
	{ PL_ACTIVE, PL_CLOSED, STAFF, "closed" },
	{ PL_PAUSED, PL_CLOSED, STAFF, "closed" },
};

static const char *const REPORT_NAMES[RP__MAX] = {
	[RP_OPEN] = "open", [RP_ANSWERED] = "answered",
};

/* A report (举报) is open until staff answer it; the answer is final. */
static const struct transition REPORT_MOVES[] = {
	{ RP_OPEN, RP_ANSWERED, STAFF, "answered" },
};

#define ENTITY(nm, tbl, col, names, n, init, mv) { .name = nm, .table = tbl, .column = col, \
	.states = names, .nstates = n, .initial = init, .moves = mv, .nmoves = (int)nitems(mv) }

const struct entity_def ENTITIES[ENT__MAX] = {
	[ENT_SPONSORSHIP] = ENTITY("sponsorship", "sponsorships", "state", SPONSORSHIP_NAMES,
	                           SP__MAX, SB(SP_HELD), SPONSORSHIP_MOVES),
	[ENT_ORDER]       = ENTITY("order", "pay_orders", "state", ORDER_NAMES, OR__MAX,
	                           SB(OR_CREATED), ORDER_MOVES),
	[ENT_CHILD]       = ENTITY("child", "children", "status", CHILD_NAMES, CH__MAX,
	                           SB(CH_WAITING), CHILD_MOVES),
	[ENT_REFUND]      = ENTITY("refund", "refunds", "state", REFUND_NAMES, RF__MAX,
	                           SB(RF_REQUESTED), REFUND_MOVES),
	[ENT_DONATION]    = ENTITY("donation", "donations", "status", DONATION_NAMES, DN__MAX,
	                           SB(DN_PAID), DONATION_MOVES),
	[ENT_VISIT]       = ENTITY("visit", "visits", "state", VISIT_NAMES, VI__MAX, SB(VI_DRAFT),
	                           VISIT_MOVES),
	[ENT_LETTER]      = ENTITY("letter", "letters", "state", LETTER_NAMES, LE__MAX,
	                           SB(LE_PENDING), LETTER_MOVES),
	[ENT_PAYOUT]      = ENTITY("payout", "payouts", "state", PAYOUT_NAMES, PO__MAX,
	                           SB(PO_DRAFT), PAYOUT_MOVES),
	[ENT_ACTIVITY]    = ENTITY("activity", "activities", "state", ACTIVITY_NAMES, AC__MAX,
	                           SB(AC_DRAFT), ACTIVITY_MOVES),
	[ENT_PAGE]        = ENTITY("page", "fund_pages", "state", PAGE_NAMES, PG__MAX,
	                           SB(PG_PENDING) | SB(PG_LIVE), PAGE_MOVES),
	[ENT_POOL]        = ENTITY("pool", "match_pools", "state", POOL_NAMES, PL__MAX,
	                           SB(PL_ACTIVE), POOL_MOVES),
	[ENT_REPORT]      = ENTITY("report", "reports", "state", REPORT_NAMES, RP__MAX,
	                           SB(RP_OPEN), REPORT_MOVES),
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

/* The states of from as an SQL list ('held','expired'), each move to `to` allowed to the actor. */
static int from_list(const struct move *m, enum actor_kind kind, char *out, size_t n, struct err *e)
{
	const struct entity_def *d = &ENTITIES[m->ent];
	size_t len = 0;

	out[0] = '\0';
	for (int s = 0; s < d->nstates; s++) {
		if (!(m->from & SB(s)))
			continue;
		/* Staying put sets other columns only; a change must be in the table. */
		if (s != m->to && !state_allowed(m->ent, s, m->to, kind))
			return err_internal(e, "%s: %s -> %s is not allowed to actor kind %d",
			                    d->name, d->states[s], d->states[m->to], kind);
		len += (size_t)snprintf(out + len, n - len, "%s'%s'", len ? "," : "", d->states[s]);
		if (len >= n)
			return err_internal(e, "%s: too many states to list", d->name);
	}
	if (!len)
		return err_internal(e, "%s: a move from no state", d->name);
	return 0;
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
#define MOVE_SQL_LEN    1024
#define FROM_LIST_LEN   256     /* every state of an entity, quoted */
#define KEY_TEXT_LEN    64
#define ACTION_LEN      48      /* "sponsorship.pending_approval" */

/* The UPDATE of a move: its state, its other columns, its rows, and the states it may leave. */
static int move_sql(const struct move *m, const char *from, char *sql, size_t n, struct err *e)
{
	const struct entity_def *d = &ENTITIES[m->ent];
	int len = snprintf(sql, n, "UPDATE %s SET %s = '%s'%s%s WHERE (%s) AND %s IN (%s)",
	                   d->table, d->column, d->states[m->to], m->set ? ", " : "",
	                   m->set ? m->set : "", m->where, d->column, from);

	if (len < 0 || (size_t)len >= n)
		return err_internal(e, "%s: a move's statement is too long", d->name);
	return 0;
}

int state_move(struct db *db, const struct actor *a, const struct move *m,
               unsigned long long *moved, struct err *e)
{
	const struct entity_def *d = &ENTITIES[m->ent];
	struct dbp p[MOVE_MAX_PARAMS + 1];
	char from[FROM_LIST_LEN], sql[MOVE_SQL_LEN], key[KEY_TEXT_LEN], action[ACTION_LEN];
	unsigned long long n = 0;

	if (m->nsp + m->nwp > MOVE_MAX_PARAMS)
		return err_internal(e, "%s: too many parameters for a move", d->name);
	if (from_list(m, a->kind, from, sizeof from, e) < 0 ||
	    move_sql(m, from, sql, sizeof sql, e) < 0)
		return -1;
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

/* The database's copy of the tables, counted against the C tables one row at a time. */
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
		return err_internal(c->e, "state_transitions has %s %s -> %s: unknown here",
		                    v[0], v[1], v[2]);
	for (int i = 0; i < ENTITIES[ent].nmoves; i++)
		if (ENTITIES[ent].moves[i].from == from && ENTITIES[ent].moves[i].to == to) {
			c->seen[ent]++;
			return 0;
		}
	return err_internal(c->e, "state_transitions allows %s %s -> %s, which this build does not",
	                    v[0], v[1], v[2]);
}

int state_check_db(struct db *db, struct err *e)
{
	struct db_check c = { .e = e };

	if (db_query(db, "SELECT entity, from_state, to_state FROM state_transitions", NULL, 0,
	             check_row, &c, e) < 0)
		return -1;
	for (int ent = 0; ent < ENT__MAX; ent++)
		if (c.seen[ent] != ENTITIES[ent].nmoves)
			return err_internal(e, "state_transitions has %d of the %d %s moves "
			                    "this build has: run sql/migrate.sh", c.seen[ent],
			                    ENTITIES[ent].nmoves, ENTITIES[ent].name);
	return 0;
}
