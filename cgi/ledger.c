/* ledger.c — payment orders and the crediting of payments: the one place where money is written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "ledger.h"
#include "log.h"
#include "session.h"

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
	        RECEIPT_NO_SQL("d.") " AS receipt_no, d.receipt_code, d.refund_due, ch.code AS child "
	        "FROM pay_orders o LEFT JOIN donations d ON d.order_id = o.id "
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

/* A second delivery of the notice that paid this order is harmless; a different transaction is not. */
static int credit_repeat(struct db *db, struct credit *cr, long long order_id, struct err *e)
{
	struct dbp p[] = { P_INT(order_id), P_STR(cr->n->txn) };
	long long same;

	if (db_query_int(db, "SELECT COUNT(*) FROM donations WHERE order_id = ? AND provider_txn = ?", p, 2, &same, e) < 0)
		return -1;
	if (!same)
		return err_set(e, 409, NULL, "order %s already paid under another transaction; %s txn %s needs a refund",
		               cr->n->order_no, cr->pv->name, cr->n->txn);
	*cr->already = 1;
	return 0;
}

/* The next receipt number of this year, under the counter row's lock until the transaction ends. */
static int next_receipt(struct db *db, int year, long long *seq, struct err *e)
{
	struct dbp p[] = { P_INT(year) };

	if (db_exec(db, "INSERT INTO receipt_counters (year, last_seq) VALUES (?, 1) "
	            "ON DUPLICATE KEY UPDATE last_seq = last_seq + 1", p, 1, NULL, e) < 0)
		return -1;
	return db_query_int(db, "SELECT last_seq FROM receipt_counters WHERE year = ?", p, 1, seq, e);
}

/* Money that settles nothing stays recorded, with its receipt, and is marked as owed back. */
static int refund_due(struct db *db, long long donation_id, const char *why, struct err *e)
{
	struct dbp p[] = { P_INT(donation_id) };

	log_error("donation %lld needs a refund: %s", donation_id, why);
	return db_exec(db, "UPDATE donations SET refund_due = 1 WHERE id = ?", p, 1, NULL, e);
}

/*
 * A paid sponsorship awaits approval and its child is no longer waiting. A payment that arrives after the hold
 * lapsed still counts if nobody else has taken the child since (its schedule is still there: lapsing keeps it).
 * If somebody has, or the instalment was settled by another order, the donation stands and is owed back.
 */
static int credit_sponsorship(struct db *db, long long sid, int seq, long long donation_id, struct err *e)
{
	struct dbp ps[] = { P_INT(donation_id), P_INT(sid), P_INT(seq) };
	struct dbp p[] = { P_INT(sid) };
	unsigned long long moved, linked;

	if (db_exec(db, "UPDATE sponsorships SET state = 'pending_approval', ended_at = NULL "
	            "WHERE id = ? AND state IN ('held','pending_payment','expired','cancelled')", p, 1, &moved, e) < 0) {
		if (!db_is_dup(e))
			return -1;
		err_clear(e);
		return refund_due(db, donation_id, "paid after its hold lapsed, and the child was taken meanwhile", e);
	}
	if (db_exec(db, "UPDATE instalments SET donation_id = ? WHERE sponsorship_id = ? AND seq = ? "
	            "AND donation_id IS NULL", ps, 3, &linked, e) < 0)
		return -1;
	if (linked != 1)
		return refund_due(db, donation_id, "its instalment was already paid by another order", e);
	if (!moved)
		return 0;
	return db_exec(db, "UPDATE children c JOIN sponsorships s ON s.child_id = c.id SET c.status = 'pending' "
	               "WHERE s.id = ? AND c.status IN ('waiting','held')", p, 1, NULL, e);
}

static int credit_write(struct db *db, struct credit *cr, struct err *e)
{
	HDF *o = cr->order;
	long long order_id = strtoll(hdf_get_value(o, "id", "0"), NULL, 10), seq = 0, sid;
	int year = hdf_get_int_value(o, "year", 0);
	const char *paid_at = hdf_get_value(o, "now", "");
	char code[RECEIPT_CODE_LEN + 1];
	const char *name = hdf_get_value(o, "donor_name", NULL), *msg = hdf_get_value(o, "message", NULL);
	const char *donor = hdf_get_value(o, "donor_id", NULL), *spons = hdf_get_value(o, "sponsorship_id", NULL);
	int iseq = hdf_get_int_value(o, "instalment_seq", 0);
	unsigned long long n;

	if (next_receipt(db, year, &seq, e) < 0)
		return -1;
	ledger_code(code, RECEIPT_CODE_LEN);
	{
		struct dbp p[] = {
			P_INT(order_id), P_INT(cr->n->amount_fen), P_STR(hdf_get_value(o, "purpose", "")), P_STR(paid_at),
			P_STR(cr->pv->name), P_STR(cr->n->txn), donor ? P_STR(donor) : P_NULL, name ? P_STR(name) : P_NULL,
			P_INT(hdf_get_int_value(o, "anonymous", 0)), msg ? P_STR(msg) : P_NULL,
			spons ? P_STR(spons) : P_NULL, spons ? P_INT(iseq) : P_NULL, P_INT(year), P_INT(seq), P_STR(code),
		};
		if (db_exec(db, "INSERT INTO donations (order_id, amount_fen, status, purpose, paid_at, provider, provider_txn, "
		            "donor_id, donor_name, anonymous, message, sponsorship_id, instalment_seq, receipt_year, "
		            "receipt_seq, receipt_code) VALUES (?, ?, 'paid', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		            p, 15, NULL, e) < 0)
			return -1;
	}
	{
		struct dbp p[] = { P_STR(paid_at), P_INT(order_id) };
		if (db_exec(db, "UPDATE pay_orders SET state = 'paid', paid_at = ? WHERE id = ?", p, 2, &n, e) < 0)
			return -1;
	}
	if (!spons)
		return 0;
	sid = strtoll(spons, NULL, 10);
	{
		/* A newer order for the same instalment must not be paid as well. */
		struct dbp p[] = { P_INT(sid), P_INT(iseq), P_INT(order_id) };
		if (db_exec(db, "UPDATE pay_orders SET state = 'expired' WHERE sponsorship_id = ? AND instalment_seq = ? "
		            "AND state = 'created' AND id <> ?", p, 3, NULL, e) < 0)
			return -1;
	}
	{
		long long did;
		struct dbp p[] = { P_INT(order_id) };
		if (db_query_int(db, "SELECT id FROM donations WHERE order_id = ?", p, 1, &did, e) < 0)
			return -1;
		return credit_sponsorship(db, sid, iseq, did, e);
	}
}

static int credit_tx(struct db *db, void *arg, struct err *e)
{
	struct credit *cr = arg;
	struct dbp p[] = { P_STR(cr->n->order_no) };
	const char *state;
	int rc;

	*cr->already = 0;
	/* The order's row lock makes every delivery of one notice wait for the one before it. */
	if (db_query_row(db, "SELECT id, purpose, state, amount_fen, provider, donor_id, donor_name, anonymous, message, "
	                 "sponsorship_id, instalment_seq, DATE_FORMAT(NOW(), '%Y-%m-%d %H:%i:%s') AS now, YEAR(NOW()) AS year "
	                 "FROM pay_orders WHERE order_no = ? FOR UPDATE", p, 1, &cr->order, e) < 0)
		return -1;
	if (!cr->order)
		return err_set(e, 404, NULL, "notice for unknown order %s (%s txn %s)", cr->n->order_no, cr->pv->name,
		               cr->n->txn);
	state = hdf_get_value(cr->order, "state", "");
	if (strcmp(hdf_get_value(cr->order, "provider", ""), cr->pv->name) != 0)
		rc = err_set(e, 400, NULL, "notice from %s for order %s of another provider", cr->pv->name, cr->n->order_no);
	else if (strtoll(hdf_get_value(cr->order, "amount_fen", "0"), NULL, 10) != cr->n->amount_fen)
		rc = err_set(e, 400, NULL, "notice for order %s says %lld fen, the order is for %s", cr->n->order_no,
		             cr->n->amount_fen, hdf_get_value(cr->order, "amount_fen", "?"));
	else if (strcmp(state, "paid") == 0)
		rc = credit_repeat(db, cr, strtoll(hdf_get_value(cr->order, "id", "0"), NULL, 10), e);
	else
		rc = credit_write(db, cr, e);
	if (rc == 0 && strcmp(state, "created") != 0 && !*cr->already)
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
