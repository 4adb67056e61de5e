/* ledger.c — payment orders and the crediting of payments: the one place where money is written. */
#include <stdio.h>
#include <string.h>
#include <sodium.h>

#include "audit.h"
#include "../labels.h"
#include "../log.h"
#include "../money.h"
#include "../outbox.h"
#include "../util.h"
#include "ledger.h"
#include "match.h"
#include "pairing.h"
#include "rows.h"
#include "state.h"

/* Why money is owed back (a clause); the donor's letter about it. */
#define NOT_LIVE_MAX     128
#define OWED_LETTER_MAX  700
/* A query with the actor's scope condition put in; a row id as text. */
#define OWED_SQL_MAX     1024
#define ID_TEXT_MAX      24

void ledger_code(char *out, size_t n)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

	for (size_t i = 0; i < n; i++)
		out[i] = alphabet[randombytes_uniform(32)];
	out[n] = '\0';
}

int ledger_order(struct db *db, const struct config *cfg, const struct actor *a,
                 const struct order_req *o, char order_no[ORDER_NO_LEN + 1], struct err *e)
{
	long long donor = a->kind == ACTOR_DONOR ? a->id : 0;
	struct dbp p[] = {
		P_BIN(order_no, ORDER_NO_LEN), P_STR(o->purpose), donor ? P_INT(donor) : P_NULL,
		o->visitor_hash ? P_BIN(o->visitor_hash, VISITOR_HASH_LEN) : P_NULL,
		o->sponsorship_id ? P_INT(o->sponsorship_id) : P_NULL,
		o->sponsorship_id ? P_INT(o->seq) : P_NULL,
		P_INT(o->amount_fen), P_STR(o->provider ? o->provider : cfg->pay_provider),
		o->expires_at ? P_STR(o->expires_at) : P_NULL, P_INT(cfg->hold_seconds),
		o->donor_name ? P_STR(o->donor_name) : P_NULL, P_INT(o->anonymous),
		o->mobile ? P_STR(o->mobile) : P_NULL,
		o->message && *o->message ? P_STR(o->message) : P_NULL,
		o->page_id ? P_INT(o->page_id) : P_NULL,
		o->activity_id ? P_INT(o->activity_id) : P_NULL,
		o->target_region ? P_STR(o->target_region) : P_NULL,
		o->target_unit ? P_INT(o->target_unit) : P_NULL,
	};

	ledger_code(order_no, ORDER_NO_LEN);
	return db_exec(db,
	    "INSERT INTO pay_orders (order_no, purpose, donor_id, visitor_hash, sponsorship_id, "
	    "instalment_seq, amount_fen, provider, expires_at, donor_name, anonymous, mobile, "
	    "message, page_id, activity_id, target_region, target_unit) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, NOW() + INTERVAL ? SECOND), ?, "
	    "?, ?, ?, ?, ?, ?, ?)",
	    p, nitems(p), NULL, e);
}

int ledger_order_view(struct db *db, const struct actor *a, const unsigned char *visitor_hash,
                      const char *order_no, struct order_view *v, struct err *e)
{
	static const unsigned char none[VISITOR_HASH_LEN];
	struct dbp p[] = {
		P_STR(order_no), P_INT(a->kind == ACTOR_DONOR ? a->id : 0),
		P_INT(visitor_hash != NULL),
		P_BIN(visitor_hash ? visitor_hash : none, VISITOR_HASH_LEN),
	};
	const struct var cols[] = {
		VAR_LL(&v->id), VAR_LL(&v->donor_id), VAR_LL(&v->sponsorship_id), VAR_I(&v->seq),
		VAR_LL(&v->amount_fen), VAR_STR(v->order_no), VAR_STR(v->purpose),
		VAR_STR(v->state), VAR_STR(v->provider), VAR_STR(v->expires_at), VAR_I(&v->live),
		VAR_STR(v->receipt_no), VAR_STR(v->receipt_code), VAR_I(&v->refund_due),
		VAR_STR(v->refund_reason), VAR_STR(v->child_code),
	};
	int found = row_get(db,
	    "SELECT o.id, o.donor_id, o.sponsorship_id, o.instalment_seq, o.amount_fen, "
	    "o.order_no, o.purpose, o.state, o.provider, DATE_FORMAT(o.expires_at, '%Y-%m-%d "
	    "%H:%i:%s'), o.state = 'created' AND o.expires_at > NOW(), "
	    RECEIPT_NO_SQL("d.") ", d.receipt_code, d.refund_due, d.refund_reason, ch.code "
	    "FROM pay_orders o LEFT JOIN donations d ON d.settles_order = o.id LEFT JOIN "
	    "sponsorships s ON s.id = o.sponsorship_id LEFT JOIN children ch ON ch.id = s.child_id "
	    "WHERE o.order_no = ? AND (o.donor_id = ? OR (o.donor_id IS NULL AND ? AND "
	    "o.visitor_hash = ?))",
	    p, nitems(p), cols, nitems(cols), e);

	if (found < 0)
		return -1;
	return found ? 0 : err_core(e, ERR_NOT_FOUND, "order.unknown",
	                            "order %s not visible to this actor", order_no);
}

void ledger_pay_order(const struct order_view *v, const struct pay_browser *b,
                      struct pay_order *o)
{
	*o = (struct pay_order){
		.order_no = v->order_no, .amount_fen = v->amount_fen, .expires_at = v->expires_at,
		.subject = strcmp(v->purpose, "sponsorship") == 0 ? "童享阳光一对一助养"
		                                                   : "童享阳光慈善捐赠",
		.browser = b,
	};
}

int ledger_pay_url(const struct config *cfg, const struct order_view *v,
                   const struct pay_browser *b, char *url, size_t n, int *local, struct err *e)
{
	const struct pay_provider *pv = pay_provider(v->provider);
	struct pay_order o;

	ledger_pay_order(v, b, &o);
	if (!pv)
		return err_core(e, ERR_INTERNAL, NULL, "order %s has unknown provider %s",
		                v->order_no, v->provider);
	if (pv->create(cfg, &o, url, n, e) < 0)
		return -1;
	/* The sandbox's cashier is a page of ours; a real provider's is on its own site. */
	*local = url[0] == '/';
	return 0;
}

/* The order a notice pays, as credit_tx reads it under its row lock. */
struct order_row {
	long long id, amount_fen, sponsorship_id, seq, year;
	long long child_id;   /* the sponsorship's child (a sponsorship is for one child only) */
	char      purpose[STATE_NAME_MAX], state[STATE_NAME_MAX], provider[PROVIDER_NAME_MAX];
	char      now[DATETIME_MAX];
};

int ledger_totals(struct db *db, struct ledger_totals *t, struct err *e)
{
	const struct var cols[] = { VAR_LL(&t->count), VAR_LL(&t->fen) };

	return row_get(db, "SELECT SUM(n), SUM(fen) FROM donation_totals", NULL, 0, cols,
	               nitems(cols), e) < 0 ?
	       -1 : 0;
}

int ledger_receipt(struct db *db, long long year, long long seq, const char *code,
                   struct receipt *r, struct err *e)
{
	struct dbp p[] = { P_INT(year), P_INT(seq), P_STR(code) };
	const struct var cols[] = {
		VAR_STR(r->no), VAR_LL(&r->amount_fen), VAR_STR(r->purpose), VAR_STR(r->donor_name),
		VAR_STR(r->paid_on), VAR_STR(r->provider), VAR_STR(r->provider_txn),
		VAR_I(&r->refund_due), VAR_STR(r->child_alias),
		VAR_STR(r->child_code), VAR_STR(r->channel), VAR_STR(r->target_region),
		VAR_STR(r->unit_name), VAR_STR(r->activity_title), VAR_STR(r->page_title),
		VAR_LL(&r->match_fen), VAR_STR(r->funder), VAR_STR(r->matches_no),
	};

	return row_get(db,
	    "SELECT " RECEIPT_NO_SQL("d.") ", d.amount_fen, d.purpose, d.donor_name, "
	    "DATE_FORMAT(d.paid_at, '%Y年%m月%d日'), d.provider, d.provider_txn, d.refund_due, "
	    "ch.alias, ch.code, d.channel, d.target_region, u.name, a.title, pg.title, "
	    "m.amount_fen, COALESCE(mp.funder, op.funder), " RECEIPT_NO_SQL("g.") " "
	    "FROM donations d LEFT JOIN sponsorships s ON s.id = "
	    "d.sponsorship_id LEFT JOIN children ch ON ch.id = s.child_id "
	    "LEFT JOIN member_units u ON u.id = d.target_unit "
	    "LEFT JOIN activities a ON a.id = d.activity_id "
	    "LEFT JOIN fund_pages pg ON pg.id = d.page_id "
	    "LEFT JOIN donations m ON m.match_of = d.id AND m.status = 'paid' "
	    "LEFT JOIN match_pools mp ON mp.id = m.pool_id "
	    "LEFT JOIN match_pools op ON op.id = d.pool_id "
	    "LEFT JOIN donations g ON g.id = d.match_of WHERE d.receipt_year = ? "
	    "AND d.receipt_seq = ? AND d.receipt_code = ? AND d.status = 'paid'",
	    p, nitems(p), cols, nitems(cols), e);
}

/* What one credit needs between its steps. */
struct credit {
	const struct actor        *a;
	const struct pay_provider *pv;
	const struct pay_notice   *n;
	int                       *already;
	struct order_row           o;
	long long                  seen;   /* donations already recorded for the notice's txn */
};

int ledger_next_receipt(struct db *db, long long year, long long *seq, struct err *e)
{
	struct dbp p[] = { P_INT(year) };

	/* The number taken comes back with the insert (LAST_INSERT_ID), not by reading it again. */
	return db_insert(db, "INSERT INTO receipt_counters (year, last_seq) "
	                 "VALUES (?, LAST_INSERT_ID(1)) "
	                 "ON DUPLICATE KEY UPDATE last_seq = LAST_INSERT_ID(last_seq + 1)",
	                 p, nitems(p), seq, e);
}

/* What the donor's letter about money owed back needs. */
struct owed_letter {
	long long amount_fen;
	char      receipt[RECEIPT_NO_MAX], login[LETTER_TO_MAX], name[PERSON_NAME_MAX];
};

/* The donor's letter: the money came, it settles nothing, it goes back. A guest's goes to the
 * mobile they gave, if any. */
static int tell_owed(struct db *db, long long donation_id, const char *why, struct err *e)
{
	struct owed_letter l;
	struct dbp p[] = { P_INT(donation_id) };
	const struct var cols[] = {
		VAR_LL(&l.amount_fen), VAR_STR(l.receipt), VAR_STR(l.login), VAR_STR(l.name),
	};
	char body[OWED_LETTER_MAX], yuan[MONEY_TEXT_MAX];
	int found = row_get(db,
	    "SELECT d.amount_fen, " RECEIPT_NO_SQL("d.") ", COALESCE(r.login, o.mobile, ''), "
	    "COALESCE(r.display_name, d.donor_name, '') FROM donations d JOIN pay_orders o ON o.id "
	    "= d.order_id LEFT JOIN donors r ON r.id = d.donor_id WHERE d.id = ?",
	    p, nitems(p), cols, nitems(cols), e);

	if (found <= 0 || !l.login[0])
		return found < 0 ? -1 : 0;
	snprintf(body, sizeof body, "%s您好！您支付的 %s 元（票据 %s）已经到账，但到账时%s，"
	         "这笔款项不能用作捐赠。我们已经记录下来，工作人员会把它原路退回给您，请留意到账。",
	         l.name, money_format(l.amount_fen, yuan, sizeof yuan), l.receipt, why);
	return outbox_put(db, l.login, "款项将原路退回", body, e);
}

/*
 * Money that settles nothing stays recorded, with its receipt, and is owed back (why: a clause, as
 * the donor and staff read it); the donor is told. Public totals leave it out
 * (sql/015_owed_back.sql).
 */
static int refund_due(struct db *db, long long donation_id, const char *why, struct err *e)
{
	struct dbp p[] = { P_STR(why), P_INT(donation_id) };

	log_error("donation %lld needs a refund: %s", donation_id, why);
	if (db_exec(db, "UPDATE donations SET refund_due = 1, refund_reason = ? WHERE id = ?", p,
	            nitems(p), NULL, e) < 0)
		return -1;
	return tell_owed(db, donation_id, why, e);
}

/* Why money for a sponsorship in state, which is not live, is owed back: into why. */
static void not_live(const char *state, char *why, size_t n)
{
	const char *label = label_of(SPONSORSHIP_STATES, state);

	snprintf(why, n, "这项结对已经不再进行（%s）", label ? label : state);
}

/*
 * The sponsorship paid: it awaits approval (even after its hold lapsed), if its child is free, that
 * is waiting or held (nobody else has taken it since, and it has not left the programme). *moved
 * says whether it did.
 */
static int sponsorship_paid(struct db *db, const struct actor *a, long long sid,
                            unsigned long long *moved, struct err *e)
{
	const struct move m = {
		.ent = ENT_SPONSORSHIP, .key = P_INT(sid),
		.where = "id = ? AND child_id IN "
		         "(SELECT c.id FROM children c WHERE c.status IN ('waiting','held'))",
		.from = SB(SP_HELD) | SB(SP_PENDING_PAYMENT) | SB(SP_EXPIRED),
		.to = SP_PENDING_APPROVAL,
		.why = "paid", .set = "ended_at = NULL",
	};

	return state_move(db, a, &m, moved, e);
}

/*
 * The child of a sponsorship that was just paid for is no longer waiting: it awaits the approval.
 */
static int child_pending(struct db *db, const struct actor *a, long long child, struct err *e)
{
	const struct move m = {
		.ent = ENT_CHILD, .where = "id = ?", .key = P_INT(child),
		.from = SB(CH_WAITING) | SB(CH_HELD), .to = CH_PENDING,
		.why = "paid for",
	};

	return state_move(db, a, &m, NULL, e);
}

/*
 * A lapsing sponsorship paid up (no instalment left unpaid that was due before today) is active
 * again, in the transaction that credits the payment.
 */
static int sponsorship_revived(struct db *db, const struct actor *a, long long sid,
                               struct err *e)
{
	const struct move m = {
		.ent = ENT_SPONSORSHIP, .key = P_INT(sid),
		.where = "id = ? AND NOT EXISTS (SELECT 1 FROM instalments i "
		         "WHERE i.sponsorship_id = sponsorships.id AND i.donation_id IS NULL "
		         "AND i.due_date < CURDATE())",
		.from = SB(SP_LAPSING), .to = SP_ACTIVE, .why = "paid",
		.set = "lapsing_since = NULL, wait_until = NULL",
	};

	return state_move(db, a, &m, NULL, e);
}

/*
 * A paid sponsorship awaits approval and its child is no longer waiting. A payment that arrives
 * after the hold lapsed still counts if the child is free (nobody else has taken it since, and it
 * has not left the programme): its schedule is still there, lapsing keeps it. Money for a
 * sponsorship that is no longer live (ended, rejected, given up, or lapsed with the child gone), or
 * for an instalment another order settled, stands and is owed back. A lapsing sponsorship's
 * payment counts, and revives it once it is paid up.
 */
static int credit_sponsorship(struct db *db, const struct actor *a, const struct order_row *o,
                              long long donation_id, struct err *e)
{
	long long sid = o->sponsorship_id, seq = o->seq;
	struct dbp ps[] = { P_INT(donation_id), P_INT(sid), P_INT(seq) };
	struct dbp p[] = { P_INT(sid) };
	char state[STATE_NAME_MAX], why[NOT_LIVE_MAX];
	const struct var cols[] = { VAR_STR(state) };
	unsigned long long moved, linked;
	int gone;

	if (sponsorship_paid(db, a, sid, &moved, e) < 0) {
		if (!db_is_dup(e))
			return -1;
		err_clear(e);
		return refund_due(db, donation_id, "这个孩子已经由其他爱心人士结对", e);
	}
	if (!moved) {
		if ((gone = row_get(db, "SELECT state FROM sponsorships "
		                    "WHERE id = ? AND state NOT IN "
		                    "('pending_approval','active','lapsing')",
		                    p, nitems(p), cols, nitems(cols), e)) < 0)
			return -1;
		if (gone) {
			not_live(state, why, sizeof why);
			return refund_due(db, donation_id, why, e);
		}
	}
	if (db_exec(db,
	            "UPDATE instalments SET donation_id = ? WHERE sponsorship_id = ? AND seq = ? "
	            "AND donation_id IS NULL", ps, nitems(ps), &linked, e) < 0)
		return -1;
	if (linked != 1)
		return refund_due(db, donation_id, "这一期已经付过了", e);
	return moved ? child_pending(db, a, o->child_id, e) : sponsorship_revived(db, a, sid, e);
}

/*
 * Record the notice's money as a donation of the order with the year's next receipt number: the
 * order's own payment (settles), or money beyond it. Who gave it and why come from the order. Its
 * id goes to *id.
 */
/* The donation itself, with receipt number seq of the order's year and receipt code code. */
static int insert_donation(struct db *db, struct credit *cr, int settles, long long seq,
                           const char *code, long long *id, struct err *e)
{
	const struct order_row *o = &cr->o;
	struct dbp p[] = {
		P_INT(cr->n->amount_fen), P_STR(o->now), P_STR(cr->pv->name), P_STR(cr->n->txn),
		P_INT(o->year), P_INT(seq), P_STR(code), P_INT(settles), P_INT(o->id),
	};

	return db_insert(db,
	    "INSERT INTO donations (order_id, amount_fen, status, purpose, paid_at, provider, "
	    "provider_txn, donor_id, donor_name, anonymous, message, sponsorship_id, "
	    "instalment_seq, receipt_year, receipt_seq, receipt_code, settles, page_id, "
	    "activity_id, target_region, target_unit) SELECT o.id, ?, "
	    "'paid', o.purpose, ?, ?, ?, o.donor_id, o.donor_name, o.anonymous, o.message, "
	    "o.sponsorship_id, o.instalment_seq, ?, ?, ?, ?, o.page_id, o.activity_id, "
	    "o.target_region, o.target_unit FROM pay_orders o WHERE o.id = ?",
	    p, nitems(p), id, e);
}

static int credit_insert(struct db *db, struct credit *cr, int settles, long long *id,
                         struct err *e)
{
	const struct order_row *o = &cr->o;
	char code[RECEIPT_CODE_LEN + 1];
	long long seq = 0;

	if (ledger_next_receipt(db, o->year, &seq, e) < 0)
		return -1;
	ledger_code(code, RECEIPT_CODE_LEN);
	return insert_donation(db, cr, settles, seq, code, id, e);
}

/*
 * The order itself paid (from whatever state it was left in), and any newer order for the same
 * instalment, which must not be paid as well, expired. There is none while the order is still
 * created: an instalment has one created order at most (uk_order_live_instalment).
 */
static int order_paid(struct db *db, struct credit *cr, struct err *e)
{
	const struct order_row *o = &cr->o;
	struct dbp at[] = { P_STR(o->now) };
	struct dbp others[] = { P_INT(o->seq), P_INT(o->id) };
	const struct move paid = {
		.ent = ENT_ORDER, .where = "id = ?", .key = P_INT(o->id),
		.from = SB(OR_CREATED) | SB(OR_EXPIRED) | SB(OR_CANCELLED) | SB(OR_CLOSED),
		.to = OR_PAID,
		.why = "paid", .set = "paid_at = ?", .sp = at, .nsp = nitems(at),
	};
	const struct move expired = {
		.ent = ENT_ORDER, .where = "sponsorship_id = ? AND instalment_seq = ? AND id <> ?",
		.key = P_INT(o->sponsorship_id), .wp = others, .nwp = nitems(others),
		.from = SB(OR_CREATED), .to = OR_EXPIRED,
		.why = "another order paid its instalment",
	};

	if (state_move(db, cr->a, &paid, NULL, e) < 0)
		return -1;
	if (!o->sponsorship_id || strcmp(o->state, "created") == 0)
		return 0;
	return state_move(db, cr->a, &expired, NULL, e);
}

/* The order's own payment: the order paid, and what it was for moved on (or, gone, owed back). */
static int credit_write(struct db *db, struct credit *cr, struct err *e)
{
	long long did;

	if (credit_insert(db, cr, 1, &did, e) < 0 || order_paid(db, cr, e) < 0)
		return -1;
	if (cr->o.sponsorship_id &&
	    credit_sponsorship(db, cr->a, &cr->o, did, e) < 0)
		return -1;
	/* Matched now, in the same transaction, if a pool takes it (money owed back is not). */
	return match_gift(db, cr->a, did, e);
}

/* Money beyond the order's own payment (why says how): recorded all the same, and owed back. */
static int credit_extra(struct db *db, struct credit *cr, const char *why, struct err *e)
{
	long long did;

	log_warn("order %s: %s txn %s for %lld fen is not the order's payment: %s", cr->n->order_no,
	         cr->pv->name, cr->n->txn, cr->n->amount_fen, why);
	if (credit_insert(db, cr, 0, &did, e) < 0)
		return -1;
	return refund_due(db, did, why, e);
}

/*
 * A verified notice means money really moved, so it is recorded whatever it settles: the order's
 * payment, or (a wrong amount, a second transaction for a paid order) money to give back. A
 * transaction already recorded is a delivery again, and changes nothing.
 */
static int credit_order(struct db *db, struct credit *cr, struct err *e)
{
	char why[NOT_LIVE_MAX], yuan[MONEY_TEXT_MAX];

	if (cr->seen) {
		*cr->already = 1;
		return 0;
	}
	if (cr->o.amount_fen != cr->n->amount_fen) {
		snprintf(why, sizeof why, "金额与订单不符（订单为 %s 元）",
		         money_format(cr->o.amount_fen, yuan, sizeof yuan));
		return credit_extra(db, cr, why, e);
	}
	if (strcmp(cr->o.state, "paid") == 0)
		return credit_extra(db, cr, "这笔订单已经由另一笔付款付过了", e);
	return credit_write(db, cr, e);
}

static int credit_tx(struct db *db, void *arg, struct err *e)
{
	struct credit *cr = arg;
	struct order_row *o = &cr->o;
	struct dbp p[] = { P_STR(cr->n->txn), P_STR(cr->n->order_no) };
	const struct var cols[] = {
		VAR_LL(&o->id), VAR_STR(o->purpose), VAR_STR(o->state), VAR_LL(&o->amount_fen),
		VAR_STR(o->provider),
		VAR_LL(&o->sponsorship_id), VAR_LL(&o->seq), VAR_STR(o->now), VAR_LL(&o->year),
		VAR_LL(&o->child_id), VAR_LL(&cr->seen),
	};
	int found;

	*cr->already = 0;
	/*
	 * The order's row lock makes every delivery of one notice wait for the one before it. The
	 * donations of the notice's transaction are counted by the order's provider, so only once
	 * the order is read, after that wait: the one before is seen (and were it not, the unique
	 * key on the transaction would refuse a second). A notice from another provider is refused
	 * below whatever the count.
	 */
	if ((found = row_get(db,
	                     "SELECT id, purpose, state, amount_fen, provider, sponsorship_id, "
	                     "instalment_seq, "
	                     "DATE_FORMAT(NOW(), '%Y-%m-%d %H:%i:%s'), YEAR(NOW()), "
	                     "(SELECT s.child_id FROM sponsorships s "
	                     "WHERE s.id = o.sponsorship_id), "
	                     "(SELECT COUNT(*) FROM donations d "
	                     "WHERE d.provider = o.provider AND d.provider_txn = ?) "
	                     "FROM pay_orders o "
	                     "WHERE order_no = ? FOR UPDATE", p, nitems(p), cols, nitems(cols),
	                     e)) < 0)
		return -1;
	if (!found)
		return err_core(e, ERR_NOT_FOUND, NULL, "notice for unknown order %s (%s txn %s)",
		                cr->n->order_no, cr->pv->name, cr->n->txn);
	if (strcmp(o->provider, cr->pv->name) != 0)
		return err_core(e, ERR_INVALID, NULL,
		                "notice from %s for order %s of another provider",
		                cr->pv->name, cr->n->order_no);
	if (credit_order(db, cr, e) < 0)
		return -1;
	if (strcmp(o->state, "created") != 0 && strcmp(o->state, "paid") != 0 && !*cr->already)
		log_warn("order %s was paid after it was %s; credited all the same",
		         cr->n->order_no, o->state);
	return 0;
}

/* A notice credited: the log's line for it. */
static void credited(const struct pay_provider *pv, const struct pay_notice *n)
{
	log_info("credited %s txn %s: order %s, %lld fen", pv->name, n->txn, n->order_no,
	         n->amount_fen);
}

int ledger_credit(struct db *db, const struct actor *a, const struct pay_provider *pv,
                  const struct pay_notice *n, int *already, struct err *e)
{
	struct credit cr = { .a = a, .pv = pv, .n = n, .already = already };

	if (db_tx(db, credit_tx, &cr, e) < 0)
		return -1;
	if (!*already)
		credited(pv, n);
	return 0;
}

/*
 * The system, acting on what provider pv said (how: "notify", "close"), as the audit log names it.
 */
static struct actor provider_actor(const char *how, const struct pay_provider *pv)
{
	char where[sizeof ((struct actor *)0)->addr];

	snprintf(where, sizeof where, "%s:%s", how, pv->name);
	return actor_system(where);
}

/* A notice delivered again: the log's line for it. */
static void delivered_again(const struct pay_provider *pv, const struct pay_notice *n)
{
	log_info("%s notice for order %s, txn %s, delivered again: nothing changed", pv->name,
	         n->order_no, n->txn);
}

int ledger_accept(struct db *db, const struct config *cfg, const struct pay_provider *pv,
                  const struct pay_message *m, struct err *e)
{
	const struct actor sys = provider_actor("notify", pv);
	struct pay_notice n;
	int already, rc;

	/* Told of no payment: the provider wants its acknowledgement all the same. */
	if ((rc = pv->verify(cfg, m, &n, e)) > 0) {
		log_info("%s notice of no payment: acknowledged, nothing credited", pv->name);
		return 0;
	}
	if (rc < 0 || ledger_credit(db, &sys, pv, &n, &already, e) < 0)
		return -1;
	if (already)
		delivered_again(pv, &n);
	return 0;
}

int ledger_accept_in(struct db *db, const struct config *cfg, const struct pay_provider *pv,
                     const struct pay_message *m, struct pay_notice *n, int *already,
                     struct err *e)
{
	const struct actor sys = provider_actor("notify", pv);
	struct credit cr = { .a = &sys, .pv = pv, .n = n, .already = already };
	int rc = pv->verify(cfg, m, n, e);

	/* The sandbox's own delivery is always of a payment. */
	if (rc != 0)
		return rc < 0 ? -1 : err_core(e, ERR_INVALID, NULL, "a notice of no payment");
	return credit_tx(db, &cr, e);
}

void ledger_accepted(const struct pay_provider *pv, const struct pay_notice *n, int already)
{
	if (already)
		delivered_again(pv, n);
	else
		credited(pv, n);
}

int ledger_settle(struct db *db, const struct config *cfg, const struct actor *a,
                  const char *provider, const char *order_no, int *paid, struct err *e)
{
	const struct pay_provider *pv = pay_provider(provider);
	struct pay_notice n;
	int already;

	if (!pv)
		return err_core(e, ERR_INTERNAL, NULL, "order %s has unknown provider %s", order_no,
		                provider);
	if ((*paid = pv->query(cfg, db, order_no, &n, e)) <= 0)
		return *paid;
	log_info("order %s: %s says paid before its notification arrived", order_no, pv->name);
	return ledger_credit(db, a, pv, &n, &already, e);
}

int ledger_close_orders(struct db *db, const struct actor *a, long long sponsorship_id,
                        struct err *e)
{
	const struct move m = {
		.ent = ENT_ORDER, .where = "sponsorship_id = ?", .key = P_INT(sponsorship_id),
		.from = SB(OR_CREATED), .to = OR_CLOSED, .why = "its sponsorship ended",
		.set = "closed_at = NOW()",
	};

	return state_move(db, a, &m, NULL, e);
}

/* An order closed on our books whose provider has not been asked to close it yet. */
struct to_close {
	char order_no[ORDER_NO_LEN + 1], provider[PROVIDER_NAME_MAX];
};

/*
 * At most this many closed orders are sent to their provider at a time (the sweep asks again for
 * the rest).
 */
#define CLOSE_BATCH 100

struct close_list {
	struct to_close o[CLOSE_BATCH];
	int             n;
};

static int collect_closed(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct close_list *cl = ctx;

	(void)n; (void)f; (void)l;
	if (cl->n < (int)nitems(cl->o)) {
		snprintf(cl->o[cl->n].order_no, sizeof cl->o[cl->n].order_no, "%s", v[0]);
		snprintf(cl->o[cl->n].provider, sizeof cl->o[cl->n].provider, "%s", v[1]);
		cl->n++;
	}
	return 0;
}

/*
 * One closed order's provider asked to close it too. If it had taken the money already, that is
 * credited (and so owed back); either way the provider has answered, and is not asked again.
 */
static int close_one(struct db *db, const struct config *cfg, const struct to_close *o,
                     struct err *e)
{
	const struct pay_provider *pv = pay_provider(o->provider);
	struct dbp p[] = { P_STR(o->order_no) };
	struct pay_notice n;
	struct actor sys;
	int paid, already;

	if (!pv)
		return err_core(e, ERR_INTERNAL, NULL, "order %s has unknown provider %s",
		                o->order_no, o->provider);
	if ((paid = pv->close(cfg, db, o->order_no, &n, e)) < 0)
		return -1;
	if (paid) {
		log_warn("order %s: %s had taken the money before it was closed", o->order_no,
		         pv->name);
		sys = provider_actor("close", pv);
		if (ledger_credit(db, &sys, pv, &n, &already, e) < 0)
			return -1;
	}
	return db_exec(db, "UPDATE pay_orders SET provider_closed_at = NOW() "
	               "WHERE order_no = ? AND state = 'closed'", p, nitems(p), NULL, e);
}

void ledger_close_send(struct db *db, const struct config *cfg, long long sponsorship_id)
{
	struct dbp p[] = { P_INT(sponsorship_id), P_INT(sponsorship_id), P_INT(CLOSE_BATCH) };
	struct close_list cl;
	struct err e;

	err_clear(&e);
	cl.n = 0;
	if (db_query(db, "SELECT order_no, provider FROM pay_orders WHERE state = 'closed' "
	             "AND provider_closed_at IS NULL AND (? = 0 OR sponsorship_id = ?) "
	             "ORDER BY id LIMIT ?", p, nitems(p), collect_closed, &cl, &e) < 0)
		goto failed;
	/* One order's trouble with its provider is its own: the next is still closed. */
	for (int i = 0; i < cl.n; i++) {
		if (close_one(db, cfg, &cl.o[i], &e) == 0)
			continue;
		log_error("closing order %s with %s (the sweep asks again): %s", cl.o[i].order_no,
		          cl.o[i].provider, e.cause);
		if (e.dbcode)
			return;
		err_clear(&e);
	}
	return;
failed:
	log_error("closing orders with their provider (the sweep asks again): %s", e.cause);
}

/* A donation to refund, as step 1 reads it under its row lock. */
struct refundable {
	char      status[STATE_NAME_MAX], provider[PROVIDER_NAME_MAX], order_no[ORDER_NO_LEN + 1];
	long long amount_fen;
};

/*
 * The refund of donation_id, under our number refund_no, requested by a; asked again, the first
 * stands.
 */
static int add_refund(struct db *db, const struct actor *a, long long donation_id,
                      const struct refundable *r, const char *refund_no, struct err *e)
{
	struct dbp p[] = {
		P_STR(refund_no), P_INT(donation_id), P_INT(r->amount_fen), P_STR(r->provider),
		a->kind == ACTOR_STAFF && a->id ? P_INT(a->id) : P_NULL,
	};

	return db_exec(db,
	               "INSERT IGNORE INTO refunds (refund_no, donation_id, amount_fen, provider, "
	               "requested_by) VALUES (?, ?, ?, ?, ?)", p, nitems(p), NULL, e);
}

int ledger_refund_request(struct db *db, const struct actor *a, long long donation_id,
                          struct err *e)
{
	char refund_no[PAY_REFUND_NO_MAX + 1];
	struct refundable r;
	struct dbp p[] = { P_INT(donation_id) };
	const struct var cols[] = {
		VAR_STR(r.status), VAR_STR(r.provider), VAR_LL(&r.amount_fen), VAR_STR(r.order_no),
	};
	int found = row_get(db,
	                    "SELECT d.status, d.provider, d.amount_fen, o.order_no FROM donations "
	                    "d JOIN pay_orders o ON o.id = d.order_id WHERE d.id = ? FOR UPDATE",
	                    p, nitems(p), cols, nitems(cols), e);

	if (found < 0)
		return -1;
	if (!found)
		return err_core(e, ERR_NOT_FOUND, "refund.unknown", "refund: no donation %lld",
		                donation_id);
	if (strcmp(r.status, "paid") != 0)
		return err_core(e, ERR_CONFLICT, "refund.twice",
		                "refund: donation %lld is not paid", donation_id);
	pay_refund_no(r.order_no, refund_no);
	return add_refund(db, a, donation_id, &r, refund_no, e);
}

int ledger_refund_send(struct db *db, const struct config *cfg, long long donation_id,
                       struct err *e)
{
	const struct pay_provider *pv;
	struct pay_notice n;
	char refund_no[PAY_REFUND_NO_MAX + 1], provider[PROVIDER_NAME_MAX];
	struct dbp p[] = { P_INT(donation_id) };
	const struct var cols[] = {
		VAR_STR(refund_no), VAR_LL(&n.amount_fen), VAR_STR(provider), VAR_STR(n.txn),
		VAR_STR(n.order_no),
	};
	int found = row_get(db,
	                    "SELECT r.refund_no, r.amount_fen, r.provider, d.provider_txn, "
	                    "o.order_no "
	                    "FROM refunds r JOIN donations d ON d.id = r.donation_id JOIN "
	                    "pay_orders o ON o.id = d.order_id WHERE r.donation_id = ? AND r.state "
	                    "= 'requested'", p, nitems(p), cols, nitems(cols), e);

	if (found <= 0)
		return found;
	if (!(pv = pay_provider(provider)))
		return err_core(e, ERR_INTERNAL, NULL,
		                "refund: donation %lld has no provider we know", donation_id);
	if (pv->refund(cfg, db, &n, n.amount_fen, refund_no, e) < 0)
		return -1;
	log_info("donation %lld refunded as %s: %lld fen", donation_id, refund_no, n.amount_fen);
	return 0;
}

int ledger_refund_done(struct db *db, const struct actor *a, long long donation_id, struct err *e)
{
	const struct move done = {
		.ent = ENT_REFUND, .where = "donation_id = ?", .key = P_INT(donation_id),
		.from = SB(RF_REQUESTED), .to = RF_DONE, .why = "made by the provider",
		.set = "done_at = NOW()",
	};
	const struct move refunded = {
		.ent = ENT_DONATION, .where = "id = ?", .key = P_INT(donation_id),
		.from = SB(DN_PAID), .to = DN_REFUNDED, .why = "its refund was made",
		.set = "refund_due = 0",
	};
	unsigned long long n;

	if (state_move(db, a, &done, &n, e) < 0)
		return -1;
	if (n != 1)
		return err_core(e, ERR_CONFLICT, "refund.not_requested",
		                "refund of donation %lld: not requested", donation_id);
	if (state_move(db, a, &refunded, &n, e) < 0)
		return -1;
	if (n != 1)
		return err_core(e, ERR_CONFLICT, "refund.twice",
		                "refund: donation %lld is not paid", donation_id);
	/* Its match, if it had one, goes back to its pool. */
	return match_return(db, a, donation_id, e);
}

/* A refund owed, by whom, as the refunds page's action reads it under its row lock. */
struct owed {
	const struct actor *a;
	long long           id;
	struct owed_letter  l;
};

/*
 * The owed donation, within the actor's reach, locked; a conflict if it was refunded already, else
 * not found.
 */
static int lock_owed(struct db *db, struct owed *o, struct err *e)
{
	const struct var cols[] = {
		VAR_LL(&o->l.amount_fen), VAR_STR(o->l.receipt), VAR_STR(o->l.login),
		VAR_STR(o->l.name),
	};
	char sql[OWED_SQL_MAX];
	struct scope s;
	struct dbp owed[] = { P_NULL, P_INT(o->id) }, gone[] = { P_INT(o->id), P_NULL };
	long long refunded;
	int found;

	scope_for(o->a, &s);
	owed[0] = gone[1] = s.param;
	if (scope_sql(sql, sizeof sql, LEDGER_OWED_SQL("d.amount_fen, " RECEIPT_NO_SQL("d.") ", "
	              "COALESCE(o.login, po.mobile, ''), "
	              "COALESCE(o.display_name, d.donor_name, '')",
	              " AND d.id = ? FOR UPDATE"), &s) < 0)
		return err_core(e, ERR_INTERNAL, NULL, "refund query too long");
	if ((found = row_get(db, sql, owed, nitems(owed), cols, nitems(cols), e)) != 0)
		return found < 0 ? -1 : 0;
	if (scope_sql(sql, sizeof sql, "SELECT COUNT(*) " LEDGER_OF_DONATION
	              "WHERE d.id = ? AND d.status = 'refunded' AND %s", &s) < 0)
		return err_core(e, ERR_INTERNAL, NULL, "refund query too long");
	if (db_query_int(db, sql, gone, nitems(gone), &refunded, e) < 0)
		return -1;
	return refunded ? err_core(e, ERR_CONFLICT, "refund.twice", "refund %lld: refunded already",
	                           o->id) :
	                  err_core(e, ERR_NOT_FOUND, "refund.not_owed",
	                           "refund %lld: not owed or out of scope", o->id);
}

/* Step one, committed before any money moves. */
static int owed_request_tx(struct db *db, void *arg, struct err *e)
{
	struct owed *o = arg;

	if (lock_owed(db, o, e) < 0)
		return -1;
	return ledger_refund_request(db, o->a, o->id, e);
}

/* Step three: done, the donor told, on record. */
static int owed_done_tx(struct db *db, void *arg, struct err *e)
{
	struct owed *o = arg;
	char body[OWED_LETTER_MAX], yuan[MONEY_TEXT_MAX], id[ID_TEXT_MAX];

	if (lock_owed(db, o, e) < 0)
		return -1;
	money_format(o->l.amount_fen, yuan, sizeof yuan);
	snprintf(body, sizeof body, "%s，您好！您支付的 %s 元（票据 %s）到账时已经不能用作捐赠，"
	         "款项现已原路退回，请留意到账。感谢您的爱心。", o->l.name, yuan, o->l.receipt);
	snprintf(id, sizeof id, "%lld", o->id);
	if (ledger_refund_done(db, o->a, o->id, e) < 0 ||
	    (o->l.login[0] && outbox_put(db, o->l.login, "款项已退回", body, e) < 0))
		return -1;
	return audit_actor(db, o->a, e, "donation.refund", "donation", id,
	                   "refunded %s yuan, receipt %s", yuan, o->l.receipt);
}

int ledger_refund_owed(struct db *db, const struct config *cfg, const struct actor *a,
                       long long donation_id, struct err *e)
{
	struct owed o = { .a = a, .id = donation_id };

	if (db_tx(db, owed_request_tx, &o, e) < 0 ||
	    ledger_refund_send(db, cfg, donation_id, e) < 0)
		return -1;
	return db_tx(db, owed_done_tx, &o, e);
}
