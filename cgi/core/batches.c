/* batches.c — a county's payout batch: made child by child under their locks, moved together. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../scope.h"
#include "../util.h"
#include "audit.h"
#include "batches.h"
#include "rows.h"

#define BATCH_ID_TEXT 24

static int role_is(const struct actor *a, const char *role)
{
	return a->kind == ACTOR_STAFF && strcmp(a->role, role) == 0;
}

int batch_payer(const struct actor *a)
{
	return role_is(a, "county");
}

int batch_approver(const struct actor *a)
{
	return role_is(a, "city") || role_is(a, "province");
}

/* ---- making a batch ---- */

/* A child the batch is for: paired under a live sponsorship, in the county. */
struct candidate {
	long long id, need_fen;
	char      code[CHILD_CODE_LEN + 1], alias[BATCH_NAME_LEN];
};

struct candidates {
	struct candidate *v;
	size_t            n, cap;
};

static int candidate_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct candidates *cs = ctx;
	struct candidate *c;

	(void)n; (void)f; (void)l;
	if (rows_room((void **)&cs->v, &cs->cap, cs->n, sizeof *cs->v) < 0)
		return -1;
	c = &cs->v[cs->n++];
	c->id = strtoll(v[0], NULL, 10);
	c->need_fen = strtoll(v[1], NULL, 10);
	row_text(c->code, sizeof c->code, v[2]);
	row_text(c->alias, sizeof c->alias, v[3]);
	return 0;
}

struct making {
	const struct actor *a;
	const char         *period, *method;
	int                 months;
	struct candidates   cs;
	struct batch_made  *out;
};

static void skip(struct batch_made *m, const struct candidate *c, enum payout_refusal why)
{
	m->skipped++;
	if (m->nskips >= BATCH_SKIPS_MAX)
		return;
	snprintf(m->skips[m->nskips].code, sizeof m->skips->code, "%s", c->code);
	snprintf(m->skips[m->nskips].alias, sizeof m->skips->alias, "%s", c->alias);
	m->skips[m->nskips++].why = why;
}

/* Every candidate's draft, in child id order: payout_insert locks each child in turn. */
static int make_drafts(struct db *db, struct making *mk, struct err *e)
{
	struct batch_made *m = mk->out;

	for (size_t i = 0; i < mk->cs.n; i++) {
		const struct candidate *c = &mk->cs.v[i];
		struct payout_new n = {
			.child_id = c->id, .period = mk->period, .method = mk->method,
			.amount_fen = c->need_fen * mk->months / 12, .batch_id = m->id,
		};
		enum payout_refusal why;
		long long id;

		if (payout_insert(db, mk->a, &n, &id, &why, e) < 0)
			return -1;
		if (why != PAYOUT_MADE) {
			skip(m, c, why);
			continue;
		}
		m->made++;
		m->total_fen += n.amount_fen;
	}
	return 0;
}

static int create_tx(struct db *db, void *arg, struct err *e)
{
	struct making *mk = arg;
	struct batch_made *m = mk->out;
	struct dbp p[] = { P_STR(mk->a->region), P_STR(mk->period), P_STR(mk->method),
	                   P_INT(mk->a->id) };
	struct dbp county[] = { P_STR(mk->a->region) };
	char ids[BATCH_ID_TEXT];

	/* Run again whole after a deadlock: start from nothing. */
	m->id = 0;
	m->made = m->skipped = m->nskips = 0;
	m->total_fen = 0;
	mk->cs.n = 0;
	if (db_exec(db, "INSERT INTO payout_batches (county_code, period, method, created_by) "
	            "VALUES (?, ?, ?, ?)", p, nitems(p), NULL, e) < 0 ||
	    db_query_int(db, "SELECT LAST_INSERT_ID()", NULL, 0, &m->id, e) < 0 ||
	    db_query(db, "SELECT c.id, c.annual_need_fen, c.code, c.alias FROM children c "
	             "JOIN sponsorships x ON x.live_child = c.id "
	             "AND x.state IN ('active','lapsing','stopping') "
	             "WHERE c.county_code = ? AND c.status = 'paired' ORDER BY c.id",
	             county, 1, candidate_row, &mk->cs, e) < 0 ||
	    make_drafts(db, mk, e) < 0)
		return -1;
	/* Nobody could be paid: no empty batch is kept (rolled back; the skips say why). */
	if (m->made == 0)
		return err_core(e, ERR_CONFLICT, "batches.none_made", "batch: nobody to pay");
	snprintf(ids, sizeof ids, "%lld", m->id);
	return audit_actor(db, mk->a, e, "batch.create", "batch", ids, "%s batch for %s: %ld "
	                   "made (%lld fen), %ld skipped", mk->method, mk->period, m->made,
	                   m->total_fen, m->skipped);
}

int batch_create(struct db *db, const struct actor *a, const char *period, const char *method,
                 struct batch_made *out, struct err *e)
{
	struct making mk = { .a = a, .period = period, .method = method, .out = out };
	struct period p;
	int rc;

	memset(out, 0, sizeof *out);
	if (!batch_payer(a))
		return err_core(e, ERR_FORBIDDEN, "batches.not_payer", "staff %lld (%s) makes no "
		                "batches", a->id, a->role);
	if (period_parse(period, &p) < 0)
		return err_core(e, ERR_INVALID, "payouts.bad", "batch: period %s", period);
	mk.months = p.months;
	if (!(out->skips = calloc(BATCH_SKIPS_MAX, sizeof *out->skips)))
		return err_core(e, ERR_INTERNAL, NULL, "batch: out of memory");
	rc = db_tx(db, create_tx, &mk, e);
	free(mk.cs.v);
	if (rc < 0 && e->key && strcmp(e->key, "batches.none_made") == 0) {
		err_clear(e);
		out->id = 0;
		return 0;
	}
	return rc;
}

void batch_made_free(struct batch_made *m)
{
	free(m->skips);
	m->skips = NULL;
	m->nskips = 0;
}

/* ---- reading and moving a batch ---- */

#define BATCH_SQL \
	"SELECT county_code, period, method, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i'), " \
	"COALESCE(DATE_FORMAT(exported_at, '%Y-%m-%d %H:%i'), '') FROM payout_batches WHERE id = ?"

static int batch_row(struct db *db, const struct actor *a, long long id, int lock,
                     struct batch *b, struct err *e)
{
	struct dbp p[] = { P_INT(id) };
	const struct var cols[] = {
		VAR_STR(b->county), VAR_STR(b->period), VAR_STR(b->method), VAR_STR(b->created_at),
		VAR_STR(b->exported_at),
	};
	int found;

	memset(b, 0, sizeof *b);
	b->id = id;
	found = row_get(db, lock ? BATCH_SQL " FOR UPDATE" : BATCH_SQL, p, 1, cols, nitems(cols),
	                e);
	if (found < 0)
		return -1;
	/* Out of reach reads as no such batch: its existence is not told. */
	if (!found || !scope_reaches(a, b->county))
		return err_core(e, ERR_NOT_FOUND, "batches.unknown", "batch %lld (%s) not for "
		                "staff %lld", id, b->county, a->id);
	b->may_submit = b->may_pay = batch_payer(a);
	b->may_approve = batch_approver(a);
	return 0;
}

/* The batch's payouts counted and summed by state. */
struct state_sum {
	char      state[PAYOUT_WORD_LEN];
	long long n, sum;
};

static int batch_sums(struct db *db, struct batch *b, struct err *e)
{
	struct dbp p[] = { P_INT(b->id) };
	struct state_sum sums[PO__MAX];
	static const struct col cols[] = {
		COL_S(struct state_sum, state), COL_I(struct state_sum, n),
		COL_I(struct state_sum, sum),
	};
	struct rows r = ROWS_INTO(sums, cols);
	int n, s;

	if ((n = rows_read(db, "SELECT state, COUNT(*), SUM(amount_fen) FROM payouts "
	                   "WHERE batch_id = ? GROUP BY state", p, 1, &r, e)) < 0)
		return -1;
	for (int i = 0; i < n && i < PO__MAX; i++)
		if ((s = state_of(ENT_PAYOUT, sums[i].state)) >= 0) {
			b->count[s] = (long)sums[i].n;
			b->sum_fen[s] = sums[i].sum;
		}
	return 0;
}

int batch_read(struct db *db, const struct actor *a, long long id, struct batch *b,
               struct err *e)
{
	if (batch_row(db, a, id, 0, b, e) < 0)
		return -1;
	return batch_sums(db, b, e);
}

int batch_lock(struct db *db, const struct actor *a, long long id, int pay, struct batch *b,
               struct err *e)
{
	struct batch own;

	if (batch_row(db, a, id, 1, b ? b : &own, e) < 0)
		return -1;
	if (pay && !batch_payer(a))
		return err_core(e, ERR_FORBIDDEN, "batches.not_payer", "staff %lld (%s) pays no "
		                "batches", a->id, a->role);
	if (!pay && !batch_approver(a))
		return err_core(e, ERR_FORBIDDEN, "batches.not_approver",
		                "staff %lld (%s) approves no batches", a->id, a->role);
	return 0;
}

struct batch_change {
	const struct actor *a;
	long long           id;
	int                 approve;
	unsigned long long *moved;
};

static int change_tx(struct db *db, void *arg, struct err *e)
{
	struct batch_change *c = arg;
	struct dbp by[] = { P_INT(c->a->id) };
	const struct move submit = {
		.ent = ENT_PAYOUT, .where = "batch_id = ?", .key = P_INT(c->id),
		.from = SB(PO_DRAFT) | SB(PO_RETURNED), .to = PO_SUBMITTED,
		.why = "the batch submitted for approval",
	};
	const struct move approve = {
		.ent = ENT_PAYOUT, .where = "batch_id = ?", .key = P_INT(c->id),
		.from = SB(PO_SUBMITTED), .to = PO_APPROVED, .why = "the batch approved",
		.set = "approved_by = ?, approved_at = NOW()", .sp = by, .nsp = nitems(by),
	};

	if (batch_lock(db, c->a, c->id, !c->approve, NULL, e) < 0 ||
	    state_move(db, c->a, c->approve ? &approve : &submit, c->moved, e) < 0)
		return -1;
	if (*c->moved == 0)
		return c->approve ?
		       err_core(e, ERR_CONFLICT, "batches.none_to_approve", "batch %lld", c->id) :
		       err_core(e, ERR_CONFLICT, "batches.none_to_submit", "batch %lld", c->id);
	return 0;
}

int batch_submit(struct db *db, const struct actor *a, long long id, unsigned long long *moved,
                 struct err *e)
{
	struct batch_change c = { a, id, 0, moved };

	return db_tx(db, change_tx, &c, e);
}

int batch_approve(struct db *db, const struct actor *a, long long id, unsigned long long *moved,
                  struct err *e)
{
	struct batch_change c = { a, id, 1, moved };

	return db_tx(db, change_tx, &c, e);
}
