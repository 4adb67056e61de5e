/* ledger.c — payment orders and the crediting of payments: the one place where money is written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "../labels.h"
#include "../log.h"
#include "../money.h"
#include "../outbox.h"
#include "../session.h"
#include "ledger.h"
#include "state.h"

void ledger_code(char *out, size_t n)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

	for (size_t i = 0; i < n; i++)
		out[i] = alphabet[randombytes_uniform(32)];
	out[n] = '\0';
}

int ledger_order(struct db *db, const struct config *cfg, const struct order_req *o,
                 char order_no[ORDER_NO_LEN + 1], struct err *e)
{
	unsigned char vh[32];
	struct dbp p[14];
	int n = 0;

	if (o->visitor)
		token_hash(o->visitor, vh);
	ledger_code(order_no, ORDER_NO_LEN);
	p[n++] = P_STR(order_no);
	p[n++] = P_STR(o->purpose);
	p[n++] = o->donor_id ? P_INT(o->donor_id) : P_NULL;
	p[n++] = o->visitor ? P_BIN(vh, 32) : P_NULL;
	p[n++] = o->sponsorship_id ? P_INT(o->sponsorship_id) : P_NULL;
	p[n++] = o->sponsorship_id ? P_INT(o->seq) : P_NULL;
	p[n++] = P_INT(o->amount_fen);
	p[n++] = P_STR(cfg->pay_provider);
	p[n++] = o->expires_at ? P_STR(o->expires_at) : P_NULL;
	p[n++] = P_INT(cfg->hold_seconds);
	p[n++] = o->donor_name ? P_STR(o->donor_name) : P_NULL;
	p[n++] = P_INT(o->anonymous);
	p[n++] = o->mobile ? P_STR(o->mobile) : P_NULL;
	p[n++] = o->message && *o->message ? P_STR(o->message) : P_NULL;
	return db_exec(db,
	    "INSERT INTO pay_orders (order_no, purpose, donor_id, visitor_hash, sponsorship_id, instalment_seq, "
	    "amount_fen, provider, expires_at, donor_name, anonymous, mobile, message) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, NOW() + INTERVAL ? SECOND), ?, ?, ?, ?)",
	    p, (unsigned)n, NULL, e);
}

static void copy(char *dst, size_t n, HDF *row, const char *col)
{
	snprintf(dst, n, "%s", hdf_get_value(row, col, ""));
}

int ledger_order_view(struct ctx *c, const char *order_no, struct order_view *v)
{
	unsigned char vh[32] = { 0 };
	struct dbp p[] = { P_STR(order_no), P_INT(donor_of(c)), P_INT(c->who.has_visitor), P_BIN(vh, 32) };
	HDF *row;

	if (c->who.has_visitor)
		token_hash(c->who.visitor, vh);
	if (db_query_row(c->db,
	        "SELECT o.id, o.donor_id, o.sponsorship_id, o.instalment_seq AS seq, o.amount_fen, o.order_no, o.purpose, "
	        "o.state, o.provider, DATE_FORMAT(o.expires_at, '%Y-%m-%d %H:%i:%s') AS expires_at, "
	        "o.state = 'created' AND o.expires_at > NOW() AS live, "
	        RECEIPT_NO_SQL("d.") " AS receipt_no, d.receipt_code, d.refund_due, "
	        "d.refund_reason, ch.code AS child "
	        "FROM pay_orders o LEFT JOIN donations d ON d.settles_order = o.id "
	        "LEFT JOIN sponsorships s ON s.id = o.sponsorship_id LEFT JOIN children ch ON ch.id = s.child_id "
	        "WHERE o.order_no = ? AND (o.donor_id = ? OR (o.donor_id IS NULL AND ? AND o.visitor_hash = ?))",
	        p, 4, &row, &c->err) < 0)
		return -1;
	if (!row)
		return err_set(&c->err, 404, "找不到这笔订单。", "order %s not visible to this browser", order_no);
	memset(v, 0, sizeof *v);
	/* BIGINT ids: hdf_get_int_value would cut them to int. */
	v->id = strtoll(hdf_get_value(row, "id", "0"), NULL, 10);
	v->donor_id = strtoll(hdf_get_value(row, "donor_id", "0"), NULL, 10);
	v->sponsorship_id = strtoll(hdf_get_value(row, "sponsorship_id", "0"), NULL, 10);
	v->seq = hdf_get_int_value(row, "seq", 0);
	v->amount_fen = strtoll(hdf_get_value(row, "amount_fen", "0"), NULL, 10);
	v->live = hdf_get_int_value(row, "live", 0);
	v->refund_due = hdf_get_int_value(row, "refund_due", 0);
	copy(v->order_no, sizeof v->order_no, row, "order_no");
	copy(v->purpose, sizeof v->purpose, row, "purpose");
	copy(v->state, sizeof v->state, row, "state");
	copy(v->provider, sizeof v->provider, row, "provider");
	copy(v->expires_at, sizeof v->expires_at, row, "expires_at");
	copy(v->receipt_no, sizeof v->receipt_no, row, "receipt_no");
	copy(v->receipt_code, sizeof v->receipt_code, row, "receipt_code");
	copy(v->child_code, sizeof v->child_code, row, "child");
	copy(v->refund_reason, sizeof v->refund_reason, row, "refund_reason");
	hdf_destroy(&row);
	return 0;
}

int ledger_pay_redirect(struct ctx *c, const char *order_no)
{
	struct order_view v;
	const struct pay_provider *pv;
	struct pay_order o;
	char url[512];

	if (ledger_order_view(c, order_no, &v) < 0)
		return -1;
	if (!(pv = pay_provider(v.provider)))
		return err_set(&c->err, 500, NULL, "order %s has unknown provider %s", order_no, v.provider);
	o.order_no = v.order_no;
	o.amount_fen = v.amount_fen;
	o.subject = strcmp(v.purpose, "sponsorship") == 0 ? "童享阳光一对一助养" : "童享阳光慈善捐赠";
	o.expires_at = v.expires_at;
	if (pv->create(c->cfg, &o, url, sizeof url, &c->err) < 0)
		return -1;
	/* The sandbox's cashier is a page of ours; a real provider's is on its own site. */
	return url[0] == '/' ? ctx_redirect(c, url) : ctx_redirect_away(c, url);
}

/* What one credit needs between its steps. */
struct credit {
	const struct pay_provider *pv;
	const struct pay_notice   *n;
	int                       *already;
	HDF                       *order;
};

/* The next receipt number of this year, under the counter row's lock until the transaction ends. */
static int next_receipt(struct db *db, int year, long long *seq, struct err *e)
{
	struct dbp p[] = { P_INT(year) };

	if (db_exec(db, "INSERT INTO receipt_counters (year, last_seq) VALUES (?, 1) "
	            "ON DUPLICATE KEY UPDATE last_seq = last_seq + 1", p, 1, NULL, e) < 0)
		return -1;
	return db_query_int(db, "SELECT last_seq FROM receipt_counters WHERE year = ?", p, 1, seq, e);
}

/* The donor's letter: the money came, it settles nothing, it goes back. A guest's goes to the
 * mobile they gave, if any. */
static int tell_owed(struct db *db, long long donation_id, const char *why, struct err *e)
{
	char body[700], yuan[32];
	HDF *row;
	int rc = 0;

	if (db_query_row(db,
	        "SELECT d.amount_fen, " RECEIPT_NO_SQL("d.") " AS receipt, "
	        "COALESCE(r.login, o.mobile, '') AS login, "
	        "COALESCE(r.display_name, d.donor_name, '') AS name "
	        "FROM donations d JOIN pay_orders o ON o.id = d.order_id "
	        "LEFT JOIN donors r ON r.id = d.donor_id WHERE d.id = ?",
	        (struct dbp[]){ P_INT(donation_id) }, 1, &row, e) < 0)
		return -1;
	if (row && *hdf_get_value(row, "login", "")) {
		long long fen = strtoll(hdf_get_value(row, "amount_fen", "0"), NULL, 10);
		snprintf(body, sizeof body, "%s您好！您支付的 %s 元（票据 %s）已经到账，但到账时%s，"
		         "这笔款项不能用作捐赠。我们已经记录下来，工作人员会把它原路退回给您，请留意到账。",
		         hdf_get_value(row, "name", ""), money_format(fen, yuan, sizeof yuan),
		         hdf_get_value(row, "receipt", ""), why);
		rc = outbox_put(db, hdf_get_value(row, "login", ""), "款项将原路退回", body, e);
	}
	hdf_destroy(&row);
	return rc;
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
	if (db_exec(db, "UPDATE donations SET refund_due = 1, refund_reason = ? WHERE id = ?", p, 2,
	            NULL, e) < 0)
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
 * A paid sponsorship awaits approval and its child is no longer waiting. A payment that arrives
 * after the hold lapsed still counts if the child is free (nobody else has taken it since, and it
 * has not left the programme): its schedule is still there, lapsing keeps it. Money for a
 * sponsorship that is no longer live (ended, rejected, given up, or lapsed with the child gone), or
 * for an instalment another order settled, stands and is owed back.
 */
static int credit_sponsorship(struct db *db, long long sid, int seq, long long donation_id,
                              struct err *e)
{
	struct dbp ps[] = { P_INT(donation_id), P_INT(sid), P_INT(seq) };
	struct dbp p[] = { P_INT(sid) };
	unsigned long long moved, linked;
	char why[128];
	HDF *row;

	if (db_exec(db, "UPDATE sponsorships s JOIN children c ON c.id = s.child_id "
	            "SET s.state = 'pending_approval', s.ended_at = NULL WHERE s.id = ? "
	            "AND s.state IN ('held','pending_payment','expired') "
	            "AND c.status IN ('waiting','held')",
	            p, 1, &moved, e) < 0) {
		if (!db_is_dup(e))
			return -1;
		err_clear(e);
		return refund_due(db, donation_id, "这个孩子已经由其他爱心人士结对", e);
	}
	if (!moved) {
		if (db_query_row(db, "SELECT state FROM sponsorships "
		                 "WHERE id = ? AND state NOT IN ('pending_approval','active')",
		                 p, 1, &row, e) < 0)
			return -1;
		if (row) {
			not_live(hdf_get_value(row, "state", ""), why, sizeof why);
			hdf_destroy(&row);
			return refund_due(db, donation_id, why, e);
		}
	}
	if (db_exec(db, "UPDATE instalments SET donation_id = ? WHERE sponsorship_id = ? AND seq = ? "
	            "AND donation_id IS NULL", ps, 3, &linked, e) < 0)
		return -1;
	if (linked != 1)
		return refund_due(db, donation_id, "这一期已经付过了", e);
	if (!moved)
		return 0;
	return db_exec(db, "UPDATE children c JOIN sponsorships s ON s.child_id = c.id "
	               "SET c.status = 'pending' WHERE s.id = ? AND c.status IN ('waiting','held')",
	               p, 1, NULL, e);
}

/* The order's value of column col, or SQL NULL if it has none. */
static struct dbp order_col(HDF *o, const char *col)
{
	const char *v = hdf_get_value(o, col, NULL);

	return v ? P_STR(v) : P_NULL;
}

/*
 * Record the notice's money as a donation of the order with the year's next receipt number: the
 * order's own payment (settles), or money beyond it. Its id goes to *id.
 */
static int credit_insert(struct db *db, struct credit *cr, int settles, long long *id,
                         struct err *e)
{
	HDF *o = cr->order;
	int year = hdf_get_int_value(o, "year", 0);
	int spons = hdf_get_value(o, "sponsorship_id", NULL) != NULL;
	char code[RECEIPT_CODE_LEN + 1];
	long long seq = 0;

	if (next_receipt(db, year, &seq, e) < 0)
		return -1;
	ledger_code(code, RECEIPT_CODE_LEN);
	{
		struct dbp p[] = {
			order_col(o, "id"), P_INT(cr->n->amount_fen), order_col(o, "purpose"),
			order_col(o, "now"), P_STR(cr->pv->name), P_STR(cr->n->txn),
			order_col(o, "donor_id"), order_col(o, "donor_name"),
			P_INT(hdf_get_int_value(o, "anonymous", 0)),
			order_col(o, "message"), order_col(o, "sponsorship_id"),
			spons ? P_INT(hdf_get_int_value(o, "instalment_seq", 0)) : P_NULL,
			P_INT(year), P_INT(seq), P_STR(code), P_INT(settles),
		};
		const char *sql =
		    "INSERT INTO donations (order_id, amount_fen, status, purpose, paid_at, provider, "
		    "provider_txn, donor_id, donor_name, anonymous, message, sponsorship_id, instalment_seq, "
		    "receipt_year, receipt_seq, receipt_code, settles) "
		    "VALUES (?, ?, 'paid', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
		if (db_exec(db, sql, p, 16, NULL, e) < 0)
			return -1;
	}
	return db_query_int(db, "SELECT id FROM donations WHERE provider = ? AND provider_txn = ?",
	                    (struct dbp[]){ P_STR(cr->pv->name), P_STR(cr->n->txn) }, 2, id, e);
}

/* The order's own payment: the order paid, and what it was for moved on (or, gone, owed back). */
static int credit_write(struct db *db, struct credit *cr, struct err *e)
{
	HDF *o = cr->order;
	const char *spons = hdf_get_value(o, "sponsorship_id", NULL);
	int iseq = hdf_get_int_value(o, "instalment_seq", 0);
	struct dbp order = order_col(o, "id");
	long long did;

	if (credit_insert(db, cr, 1, &did, e) < 0 ||
	    db_exec(db, "UPDATE pay_orders SET state = 'paid', paid_at = ? WHERE id = ?",
	            (struct dbp[]){ order_col(o, "now"), order }, 2, NULL, e) < 0)
		return -1;
	if (!spons)
		return 0;
	/* A newer order for the same instalment must not be paid as well. */
	if (db_exec(db, "UPDATE pay_orders SET state = 'expired' WHERE sponsorship_id = ? "
	            "AND instalment_seq = ? AND state = 'created' AND id <> ?",
	            (struct dbp[]){ P_STR(spons), P_INT(iseq), order }, 3, NULL, e) < 0)
		return -1;
	return credit_sponsorship(db, strtoll(spons, NULL, 10), iseq, did, e);
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
	long long seen, asked = strtoll(hdf_get_value(cr->order, "amount_fen", "0"), NULL, 10);
	char why[128], yuan[32];

	if (db_query_int(db, "SELECT COUNT(*) FROM donations "
	                 "WHERE provider = ? AND provider_txn = ?",
	                 (struct dbp[]){ P_STR(cr->pv->name), P_STR(cr->n->txn) }, 2, &seen, e) < 0)
		return -1;
	if (seen) {
		*cr->already = 1;
		return 0;
	}
	if (asked != cr->n->amount_fen) {
		snprintf(why, sizeof why, "金额与订单不符（订单为 %s 元）",
		         money_format(asked, yuan, sizeof yuan));
		return credit_extra(db, cr, why, e);
	}
	if (strcmp(hdf_get_value(cr->order, "state", ""), "paid") == 0)
		return credit_extra(db, cr, "这笔订单已经由另一笔付款付过了", e);
	return credit_write(db, cr, e);
}

static int credit_tx(struct db *db, void *arg, struct err *e)
{
	struct credit *cr = arg;
	struct dbp p[] = { P_STR(cr->n->order_no) };
	const char *state;
	int rc;

	*cr->already = 0;
	/* The order's row lock makes every delivery of one notice wait for the one before it. */
	if (db_query_row(db, "SELECT id, purpose, state, amount_fen, provider, donor_id, "
	                 "donor_name, anonymous, message, sponsorship_id, instalment_seq, "
	                 "DATE_FORMAT(NOW(), '%Y-%m-%d %H:%i:%s') AS now, YEAR(NOW()) AS year "
	                 "FROM pay_orders WHERE order_no = ? FOR UPDATE", p, 1, &cr->order, e) < 0)
		return -1;
	if (!cr->order)
		return err_set(e, 404, NULL, "notice for unknown order %s (%s txn %s)",
		               cr->n->order_no, cr->pv->name, cr->n->txn);
	state = hdf_get_value(cr->order, "state", "");
	if (strcmp(hdf_get_value(cr->order, "provider", ""), cr->pv->name) != 0)
		rc = err_set(e, 400, NULL, "notice from %s for order %s of another provider",
		             cr->pv->name, cr->n->order_no);
	else
		rc = credit_order(db, cr, e);
	if (rc == 0 && strcmp(state, "created") != 0 && strcmp(state, "paid") != 0 && !*cr->already)
		log_warn("order %s was paid after it was %s; credited all the same", cr->n->order_no, state);
	hdf_destroy(&cr->order);
	return rc;
}

int ledger_credit(struct db *db, const struct pay_provider *pv, const struct pay_notice *n, int *already,
                  struct err *e)
{
	struct credit cr = { pv, n, already, NULL };

	if (db_tx(db, credit_tx, &cr, e) < 0)
		return -1;
	if (!*already)
		log_info("credited %s txn %s: order %s, %lld fen", pv->name, n->txn, n->order_no, n->amount_fen);
	return 0;
}

int ledger_accept(struct db *db, const struct config *cfg, const struct pay_provider *pv, const struct request *req,
                  struct err *e)
{
	struct pay_notice n;
	int already;

	if (pv->verify(cfg, req, &n, e) < 0)
		return -1;
	if (ledger_credit(db, pv, &n, &already, e) < 0)
		return -1;
	if (already)
		log_info("%s notice for order %s, txn %s, delivered again: nothing changed", pv->name, n.order_no, n.txn);
	return 0;
}

int ledger_settle(struct db *db, const struct config *cfg, const char *provider, const char *order_no, int *paid,
                  struct err *e)
{
	const struct pay_provider *pv = pay_provider(provider);
	struct pay_notice n;
	int already;

	if (!pv)
		return err_set(e, 500, NULL, "order %s has unknown provider %s", order_no, provider);
	if ((*paid = pv->query(cfg, db, order_no, &n, e)) <= 0)
		return *paid;
	log_info("order %s: %s says paid before its notification arrived", order_no, pv->name);
	return ledger_credit(db, pv, &n, &already, e);
}

int ledger_close_orders(struct db *db, const struct actor *a, long long sponsorship_id, struct err *e)
{
	const struct move m = {
		.ent = ENT_ORDER, .where = "sponsorship_id = ?", .key = P_INT(sponsorship_id),
		.from = SB(OR_CREATED), .to = OR_CLOSED, .why = "its sponsorship ended",
		.set = "closed_at = NOW()",
	};

	return state_move(db, a, &m, NULL, e);
}

/*
 * One closed order's provider asked to close it too. If it had taken the money already, that is
 * credited (and so owed back); either way the provider has answered, and is not asked again.
 */
static int close_one(struct db *db, void *cfg, HDF *o, struct err *e)
{
	const char *no = hdf_get_value(o, "order_no", ""), *name = hdf_get_value(o, "provider", "");
	const struct pay_provider *pv = pay_provider(name);
	struct pay_notice n;
	int paid, already;

	if (!pv)
		return err_set(e, 500, NULL, "order %s has unknown provider %s", no, name);
	if ((paid = pv->close(cfg, db, no, &n, e)) < 0)
		return -1;
	if (paid) {
		log_warn("order %s: %s had taken the money before it was closed", no, pv->name);
		if (ledger_credit(db, pv, &n, &already, e) < 0)
			return -1;
	}
	return db_exec(db, "UPDATE pay_orders SET provider_closed_at = NOW() "
	               "WHERE order_no = ? AND state = 'closed'",
	               (struct dbp[]){ P_STR(no) }, 1, NULL, e);
}

void ledger_close_send(struct db *db, const struct config *cfg, long long sponsorship_id)
{
	struct dbp p[] = { P_INT(sponsorship_id), P_INT(sponsorship_id) };
	struct err e;

	err_clear(&e);
	if (db_query_each(db, "SELECT order_no, provider FROM pay_orders WHERE state = 'closed' "
	                  "AND provider_closed_at IS NULL AND (? = 0 OR sponsorship_id = ?) "
	                  "ORDER BY id LIMIT 100", p, 2, close_one, (void *)cfg, &e) < 0)
		log_error("closing orders with their provider (the sweep asks again): %s", e.cause);
}

int ledger_refund_request(struct db *db, long long donation_id, long long staff_id, struct err *e)
{
	char refund_no[PAY_REFUND_NO_MAX + 1];
	HDF *row;
	int paid, rc;

	if (db_query_row(db, "SELECT d.status, d.provider, d.amount_fen, o.order_no FROM donations d "
	                 "JOIN pay_orders o ON o.id = d.order_id WHERE d.id = ? FOR UPDATE",
	                 (struct dbp[]){ P_INT(donation_id) }, 1, &row, e) < 0)
		return -1;
	if (!row)
		return err_set(e, 404, "找不到这笔款项。", "refund: no donation %lld", donation_id);
	paid = strcmp(hdf_get_value(row, "status", ""), "paid") == 0;
	pay_refund_no(hdf_get_value(row, "order_no", ""), refund_no);
	rc = paid ? db_exec(db, "INSERT IGNORE INTO refunds (refund_no, donation_id, amount_fen, provider, requested_by) "
	                    "VALUES (?, ?, ?, ?, ?)", (struct dbp[]){ P_STR(refund_no), P_INT(donation_id),
	                    P_STR(hdf_get_value(row, "amount_fen", "0")), P_STR(hdf_get_value(row, "provider", "")),
	                    staff_id ? P_INT(staff_id) : P_NULL }, 5, NULL, e) : 0;
	hdf_destroy(&row);
	if (!paid)
		return err_set(e, 409, "这笔款项已经退回过了。", "refund: donation %lld is not paid", donation_id);
	return rc;
}

int ledger_refund_send(struct db *db, const struct config *cfg, long long donation_id, struct err *e)
{
	const struct pay_provider *pv;
	struct pay_notice n = { "", "", 0 };
	char refund_no[PAY_REFUND_NO_MAX + 1];
	HDF *row;

	if (db_query_row(db, "SELECT r.refund_no, r.amount_fen, r.provider, d.provider_txn, o.order_no FROM refunds r "
	                 "JOIN donations d ON d.id = r.donation_id JOIN pay_orders o ON o.id = d.order_id "
	                 "WHERE r.donation_id = ? AND r.state = 'requested'", (struct dbp[]){ P_INT(donation_id) }, 1,
	                 &row, e) < 0)
		return -1;
	if (!row)
		return 0;
	pv = pay_provider(hdf_get_value(row, "provider", ""));
	snprintf(refund_no, sizeof refund_no, "%s", hdf_get_value(row, "refund_no", ""));
	snprintf(n.order_no, sizeof n.order_no, "%s", hdf_get_value(row, "order_no", ""));
	snprintf(n.txn, sizeof n.txn, "%s", hdf_get_value(row, "provider_txn", ""));
	n.amount_fen = strtoll(hdf_get_value(row, "amount_fen", "0"), NULL, 10);
	hdf_destroy(&row);
	if (!pv)
		return err_set(e, 500, NULL, "refund: donation %lld has no provider we know", donation_id);
	if (pv->refund(cfg, db, &n, n.amount_fen, refund_no, e) < 0)
		return -1;
	log_info("donation %lld refunded as %s: %lld fen", donation_id, refund_no, n.amount_fen);
	return 0;
}

int ledger_refund_done(struct db *db, long long donation_id, struct err *e)
{
	unsigned long long n;

	if (db_exec(db, "UPDATE refunds SET state = 'done', done_at = NOW() WHERE donation_id = ? AND state = 'requested'",
	            (struct dbp[]){ P_INT(donation_id) }, 1, &n, e) < 0)
		return -1;
	if (n != 1)
		return err_set(e, 409, "这笔退款已经办理完成，或者还没有开始。请刷新页面。", "refund of donation %lld: not requested",
		               donation_id);
	if (db_exec(db, "UPDATE donations SET status = 'refunded', refund_due = 0 WHERE id = ? AND status = 'paid'",
	            (struct dbp[]){ P_INT(donation_id) }, 1, &n, e) < 0)
		return -1;
	return n == 1 ? 0 : err_set(e, 409, "这笔款项已经退回过了。", "refund: donation %lld is not paid", donation_id);
}
