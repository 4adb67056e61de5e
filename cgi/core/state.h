/*
 * state.h — every state a sponsorship, a payment order, a child, a refund, a donation, a visit, a
 * letter, a payout, a themed activity, a personal fundraising page, a matching pool or a report
 * (举报) can be in, and every change between them: one table per entity, saying which moves are
 * allowed and which kinds of actor may make each. state_move() is the one way a state column is
 * written (an UPDATE that names the states it may leave, its row count returned), and it writes
 * the change's audit row. The database holds the same tables (state_transitions, sql/019)
 * and its triggers refuse any other change, whatever code sends it; a worker checks at start that
 * the two agree.
 */
#ifndef TX_STATE_H
#define TX_STATE_H

#include "../db.h"
#include "actor.h"

enum entity {
	ENT_SPONSORSHIP, ENT_ORDER, ENT_CHILD, ENT_REFUND, ENT_DONATION, ENT_VISIT, ENT_LETTER,
	ENT_PAYOUT, ENT_ACTIVITY, ENT_PAGE, ENT_POOL, ENT_REPORT, ENT__MAX
};

/* The states of each entity, in the order of their column's ENUM (sql/). */
enum sponsorship_state {
	SP_HELD, SP_PENDING_PAYMENT, SP_PENDING_APPROVAL, SP_ACTIVE, SP_ENDED, SP_EXPIRED,
	SP_CANCELLED, SP_REJECTED, SP_LAPSING, SP_STOPPING, SP__MAX
};
enum order_state { OR_CREATED, OR_PAID, OR_CANCELLED, OR_EXPIRED, OR_CLOSED, OR__MAX };
enum child_state { CH_WAITING, CH_HELD, CH_PENDING, CH_PAIRED, CH_EXITED, CH__MAX };
enum refund_state { RF_REQUESTED, RF_DONE, RF__MAX };
enum donation_state { DN_PENDING, DN_PAID, DN_REFUNDED, DN__MAX };
enum visit_state { VI_DRAFT, VI_SUBMITTED, VI_RETURNED, VI_APPROVED, VI__MAX };
enum letter_state { LE_PENDING, LE_APPROVED, LE_DECLINED, LE_DELIVERED, LE__MAX };
enum payout_state {
	PO_DRAFT, PO_SUBMITTED, PO_RETURNED, PO_APPROVED, PO_PAID, PO_FAILED, PO_CANCELLED, PO__MAX
};
enum activity_state { AC_DRAFT, AC_LIVE, AC_PAUSED, AC_ENDED, AC__MAX };
enum page_state { PG_PENDING, PG_LIVE, PG_PAUSED, PG_REJECTED, PG_ENDED, PG__MAX };
enum pool_state { PL_ACTIVE, PL_PAUSED, PL_CLOSED, PL__MAX };
enum report_state { RP_OPEN, RP_ANSWERED, RP__MAX };

/* A set of states of one entity. */
#define SB(s) (1u << (s))

/* One allowed change: from, to, the kinds of actor that may make it, and what it is. */
struct transition {
	int         from, to;
	unsigned    actors;     /* AK() bits */
	const char *event;
};

struct entity_def {
	const char              *name;     /* "sponsorship": in the audit log, state_transitions */
	const char              *table;    /* its table and state column */
	const char              *column;
	const char *const       *states;   /* the names, indexed by the entity's enum */
	int                      nstates;
	unsigned                 initial;  /* SB() bits: the states a new row starts in */
	const struct transition *moves;
	int                      nmoves;
};

extern const struct entity_def ENTITIES[ENT__MAX];

/* Whether actor kind may move entity ent from state from to state to. */
int state_allowed(enum entity ent, int from, int to, enum actor_kind kind);

/* The state called name, or -1. */
int state_of(enum entity ent, const char *name);

/*
 * A change to make: the rows of entity ent that `where` selects (an SQL condition on the entity's
 * table whose parameters are key, then wp[0..nwp)), if they are in one of the states in from, move
 * to state to; set adds "col = ?, …" to the UPDATE, with its parameters sp[0..nsp). key names the
 * rows in the audit row. Write it with designated initialisers; unused fields stay zero.
 */
struct move {
	enum entity        ent;
	const char        *where;
	struct dbp         key;
	unsigned           from;     /* SB() bits */
	int                to;
	const char        *why;      /* a short reason, for the audit row */
	const char        *set;      /* NULL: nothing else */
	const struct dbp  *sp;
	unsigned           nsp;
	const struct dbp  *wp;
	unsigned           nwp;
};

/*
 * Make the change, inside the caller's transaction. Every (from, to) it names must be in the
 * entity's table for the actor's kind: otherwise ERR_INTERNAL (a program error) and nothing is
 * written. *moved (if not NULL) gets the number of rows moved; when it is not zero, one audit row
 * records the change, the actor and the reason.
 */
int state_move(struct db *db, const struct actor *a, const struct move *m,
               unsigned long long *moved, struct err *e);

/* Whether the database's copy of the tables (state_transitions) is exactly ENTITIES. */
int state_check_db(struct db *db, struct err *e);

#endif
