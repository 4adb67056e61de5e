/* pairing.c — staff decisions on a pairing: approve, reject (money back first), a child's exit. */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "../labels.h"
#include "../log.h"
#include "../outbox.h"
#include "public_child.h"
#include "../util.h"
#include "ledger.h"
#include "pairing.h"
#include "rows.h"
#include "state.h"

/* The longest SQL text a scope condition is put into here. */
#define PAIRING_SQL_MAX 1024
/* A letter to a donor; why a child left (a label, and a note of at most 150 characters). */
#define LETTER_MAX      2048
#define EXIT_WHY_MAX    800
/* An offer of another waiting child, at the end of the exit letter. */
#define OFFER_MAX       400
/* A child's alias: 32 characters of up to 4 bytes; a region's code; a row id as text. */
#define ALIAS_MAX       132
#define REGION_CODE_MAX 7
#define ID_TEXT_MAX     24

/*
 * The first row of a query whose condition is "… = ? AND %s": the key, then the actor's scope
 * condition (the %s). Read into cols, as row_get does: 1 if found, 0 if not (or out of reach).
 */
static int scoped_row(struct db *db, const struct actor *a, const char *fmt, struct dbp key,
                      const struct var *cols, unsigned ncols, struct err *e)
{
	char sql[PAIRING_SQL_MAX];
	struct scope s;
	struct dbp p[] = { key, P_NULL };

	scope_for(a, &s);
	p[1] = s.param;
	if (scope_sql(sql, sizeof sql, fmt, &s) < 0)
		return err_core(e, ERR_INTERNAL, NULL, "pairing query too long");
	return row_get(db, sql, p, nitems(p), cols, ncols, e);
}

/* A decision on a sponsorship: who decides, and what it found under the sponsorship's row lock. */
struct decision {
	const struct config *cfg;
	const struct actor  *staff;
	long long            id;
	const char          *reason;   /* a reject's, told to the donor; NULL for an approval */
	long long            child;
	char                 state[STATE_NAME_MAX], code[CHILD_CODE_LEN + 1], alias[ALIAS_MAX];
	char                 login[LETTER_TO_MAX], name[PERSON_NAME_MAX];
};

/* The sponsorship, if in the staff member's scope (else not found), locked for the decision. */
static int lock_pairing(struct db *db, struct decision *d, struct err *e)
{
	const struct var cols[] = {
		VAR_STR(d->state), VAR_LL(&d->child), VAR_STR(d->code), VAR_STR(d->alias),
		VAR_STR(d->login), VAR_STR(d->name),
	};
	int found = scoped_row(db, d->staff,
	    "SELECT x.state, x.child_id, c.code, c.alias, o.login, o.display_name "
	    "FROM sponsorships x JOIN children c ON c.id = x.child_id "
	    "JOIN donors o ON o.id = x.donor_id WHERE x.id = ? AND %s FOR UPDATE",
	    P_INT(d->id), cols, nitems(cols), e);

	if (found < 0)
		return -1;
	if (!found)
		return err_core(e, ERR_NOT_FOUND, "pairing.unknown",
		                "pairing %lld not found or out of scope", d->id);
	if (strcmp(d->state, "pending_approval") != 0)
		return err_core(e, ERR_CONFLICT, "pairing.decided", "pairing %lld is %s", d->id,
		                d->state);
	return 0;
}

#define PAID_SQL      "SELECT id FROM donations WHERE sponsorship_id = ? AND status = 'paid' " \
                      "FOR UPDATE"
#define REFUNDING_SQL "SELECT r.donation_id FROM refunds r " \
                      "JOIN donations d ON d.id = r.donation_id " \
                      "WHERE d.sponsorship_id = ? AND r.state = 'requested'"

/*
 * What to do with each of the sponsorship's gifts a query (the sponsorship's id its one parameter)
 * names.
 */
enum refund_step { STEP_REQUEST, STEP_SEND, STEP_DONE };

static int each_gift(struct db *db, struct decision *d, const char *sql, enum refund_step step,
                     struct err *e)
{
	struct dbp p[] = { P_INT(d->id) };
	struct id_list ids = { 0 };
	int rc = row_ids(db, sql, p, nitems(p), &ids, e);

	for (size_t i = 0; rc == 0 && i < ids.n; i++)
		if (step == STEP_REQUEST)
			rc = ledger_refund_request(db, d->staff, ids.v[i], e);
		else if (step == STEP_SEND)
			rc = ledger_refund_send(db, d->cfg, ids.v[i], e);
		else
			rc = ledger_refund_done(db, d->staff, ids.v[i], e);
	id_list_free(&ids);
	return rc;
}

/*
 * A reject's first step, committed before any money moves: every paid gift of the pairing is to be
 * refunded.
 */
static int request_tx(struct db *db, void *arg, struct err *e)
{
	struct decision *d = arg;

	if (lock_pairing(db, d, e) < 0)
		return -1;
	return each_gift(db, d, PAID_SQL, STEP_REQUEST, e);
}

/*
 * The money back: every refund requested, and then nothing of the pairing left paid (a gift that
 * arrived meanwhile has no refund yet: the staff member does it again).
 */
static int refund_all(struct db *db, struct decision *d, struct err *e)
{
	struct dbp p[] = { P_INT(d->id) };
	long long left;

	if (each_gift(db, d, REFUNDING_SQL " FOR UPDATE", STEP_DONE, e) < 0 ||
	    db_query_int(db,
	                 "SELECT COUNT(*) FROM donations WHERE sponsorship_id = ? AND status = "
	                 "'paid'", p, nitems(p), &left, e) < 0)
		return -1;
	return left ? err_core(e, ERR_CONFLICT, "pairing.gift_arrived",
	                       "pairing %lld: a gift arrived during the reject", d->id) : 0;
}

/* An approval waits for any refund under way to be finished (by rejecting again). */
static int no_refund_under_way(struct db *db, struct decision *d, struct err *e)
{
	struct dbp p[] = { P_INT(d->id) };
	long long n;

	if (db_query_int(db,
	                 "SELECT COUNT(*) FROM refunds r JOIN donations g ON g.id = r.donation_id "
	                 "WHERE g.sponsorship_id = ? AND r.state = 'requested'",
	                 p, nitems(p), &n, e) < 0)
		return -1;
	return n ? err_core(e, ERR_CONFLICT, "pairing.refund_under_way",
	                    "pairing %lld: refund under way", d->id) : 0;
}

static int tell_donor(struct db *db, struct decision *d, struct err *e)
{
	char body[LETTER_MAX];

	if (!d->reason)
		snprintf(body, sizeof body, "%s，您好！您与%s（编号 %s）的一对一结对"
		         "已经通过审核，正式生效。感谢您的爱心，孩子的近况会显示在“我的账户”中。",
		         d->name, d->alias, d->code);
	else
		snprintf(body, sizeof body, "%s，您好！很抱歉，您与%s（编号 %s）的结对"
		         "没有通过审核，原因：%s。您支付的款项已经原路退回。"
		         "欢迎您选择其他等待结对的孩子。", d->name, d->alias, d->code, d->reason);
	return outbox_put(db, d->login, d->reason ? "结对未通过审核" : "结对已生效", body, e);
}

/*
 * The child of the decided sponsorship moves on: paired when approved, waiting again when rejected.
 */
static int move_child(struct db *db, struct decision *d, struct err *e)
{
	const struct move m = {
		.ent = ENT_CHILD, .where = "id = ?", .key = P_INT(d->child), .from = SB(CH_PENDING),
		.to = d->reason ? CH_WAITING : CH_PAIRED,
		.why = d->reason ? "pairing rejected" : "pairing approved",
	};

	return state_move(db, d->staff, &m, NULL, e);
}

static int approve(struct db *db, struct decision *d, struct err *e)
{
	struct dbp by[] = { P_INT(d->staff->id) };
	const struct move m = {
		.ent = ENT_SPONSORSHIP, .where = "id = ?", .key = P_INT(d->id),
		.from = SB(SP_PENDING_APPROVAL), .to = SP_ACTIVE, .why = "approved",
		.set = "decided_at = NOW(), decided_by = ?",
		.sp = by, .nsp = nitems(by),
	};

	if (no_refund_under_way(db, d, e) < 0)
		return -1;
	return state_move(db, d->staff, &m, NULL, e);
}

static int reject(struct db *db, struct decision *d, struct err *e)
{
	struct dbp set[] = { P_INT(d->staff->id), P_STR(d->reason) };
	const struct move m = {
		.ent = ENT_SPONSORSHIP, .where = "id = ?", .key = P_INT(d->id),
		.from = SB(SP_PENDING_APPROVAL), .to = SP_REJECTED, .why = "rejected",
		.set = "decided_at = NOW(), decided_by = ?, reject_reason = ?, ended_at = NOW()",
		.sp = set, .nsp = nitems(set),
	};

	if (refund_all(db, d, e) < 0 || state_move(db, d->staff, &m, NULL, e) < 0)
		return -1;
	return ledger_close_orders(db, d->staff, d->id, e);
}

static int decide_tx(struct db *db, void *arg, struct err *e)
{
	struct decision *d = arg;
	char id[ID_TEXT_MAX];

	if (lock_pairing(db, d, e) < 0 || (d->reason ? reject(db, d, e) : approve(db, d, e)) < 0 ||
	    move_child(db, d, e) < 0 || tell_donor(db, d, e) < 0)
		return -1;
	snprintf(id, sizeof id, "%lld", d->id);
	return audit_actor(db, d->staff, e, d->reason ? "pairing.reject" : "pairing.approve",
	                   "sponsorship", id,
	                   "%s %s (%s)%s%s", d->reason ? "rejected" : "approved", d->code, d->alias,
	                   d->reason ? ": " : "", d->reason ? d->reason : "");
}

/*
 * A decision: a reject's money goes back first, requested (committed), then the provider asked
 * outside any transaction; then the decision's own transaction.
 */
static int decide(struct db *db, struct decision *d, struct err *e)
{
	if (d->reason && (db_tx(db, request_tx, d, e) < 0 ||
	                  each_gift(db, d, REFUNDING_SQL, STEP_SEND, e) < 0))
		return -1;
	if (db_tx(db, decide_tx, d, e) < 0)
		return -1;
	if (d->reason)
		ledger_close_send(db, d->cfg, d->id);
	log_info("staff %lld %s pairing %lld", d->staff->id, d->reason ? "rejected" : "approved",
	         d->id);
	return 0;
}

int pairing_approve(struct db *db, const struct config *cfg, const struct actor *staff,
                    long long sponsorship_id, struct err *e)
{
	struct decision d = { .cfg = cfg, .staff = staff, .id = sponsorship_id };

	return decide(db, &d, e);
}

int pairing_reject(struct db *db, const struct config *cfg, const struct actor *staff,
                   long long sponsorship_id, const char *reason, struct err *e)
{
	struct decision d = { .cfg = cfg, .staff = staff, .id = sponsorship_id, .reason = reason };

	return decide(db, &d, e);
}

/* A child's exit: who, which child, why, and what it found and ended. */
struct leave {
	const struct config *cfg;
	const struct actor  *staff;
	const char          *code, *reason, *note;
	long long            child;
	long long            ended;   /* the sponsorship the exit ended, whose orders it closed */
	char                 status[STATE_NAME_MAX], city[REGION_CODE_MAX], alias[ALIAS_MAX];
	char                 why[EXIT_WHY_MAX];
};

/* The child, if within reach (else not found), locked; a conflict if it has left already. */
static int lock_child(struct db *db, struct leave *l, struct err *e)
{
	const struct var cols[] = {
		VAR_LL(&l->child), VAR_STR(l->status), VAR_STR(l->city), VAR_STR(l->alias),
	};
	int found = scoped_row(db, l->staff, "SELECT c.id, c.status, c.city_code, c.alias "
	                       "FROM children c WHERE c.code = ? AND %s FOR UPDATE",
	                       P_STR(l->code), cols, nitems(cols), e);

	if (found < 0)
		return -1;
	if (!found)
		return err_core(e, ERR_NOT_FOUND, "exit.unknown",
		                "exit of %s: not found or out of scope", l->code);
	if (strcmp(l->status, "exited") == 0)
		return err_core(e, ERR_CONFLICT, "exit.twice", "exit of %s: already exited",
		                l->code);
	return 0;
}

/* The donor of the ended pairing, for the letter. */
struct ended_donor {
	long long id;
	char      state[STATE_NAME_MAX], login[LETTER_TO_MAX], name[PERSON_NAME_MAX];
};

/*
 * A waiting child to offer, nearest first (the same city), as the public list orders them: into
 * offer.
 */
static int offer_next(struct db *db, struct leave *l, char offer[OFFER_MAX], struct err *e)
{
	char code[CHILD_CODE_LEN + 1], alias[ALIAS_MAX];
	struct dbp p[] = { P_STR(l->city) };
	const struct var cols[] = { VAR_STR(code), VAR_STR(alias) };
	int found = row_get(db, "SELECT code, alias FROM children c WHERE c.listed = 1 "
	                    "ORDER BY c.city_code = ? DESC, " CHILD_WAITING_ORDER " LIMIT 1",
	                    p, nitems(p), cols, nitems(cols), e);

	offer[0] = '\0';
	if (found > 0)
		snprintf(offer, OFFER_MAX, "\n如果您愿意继续结对，%s（编号 %s）也在等待："
		         "%s/children/%s", alias, code, l->cfg->site_url, code);
	return found < 0 ? -1 : 0;
}

/* The donor's letter: why the pairing ends, thanks, and a waiting child nearby to consider. */
static int tell_ended(struct db *db, struct leave *l, const struct ended_donor *d, struct err *e)
{
	char body[LETTER_MAX], offer[OFFER_MAX];

	if (offer_next(db, l, offer, e) < 0)
		return -1;
	snprintf(body, sizeof body, "%s，您好！您结对的%s已经退出助养项目（%s），"
	         "您们的结对到此结束。感谢您这段时间的陪伴与资助。%s", d->name, l->alias, l->why,
	         offer);
	return outbox_put(db, d->login, "结对结束与新的结对邀请", body, e);
}

/*
 * The live sponsorship, if any: an active one ends; one still being paid for or approved must be
 * settled first.
 */
static int end_sponsorship(struct db *db, struct leave *l, struct err *e)
{
	struct ended_donor d;
	struct dbp p[] = { P_INT(l->child) };
	const struct var cols[] = {
		VAR_LL(&d.id), VAR_STR(d.state), VAR_STR(d.login), VAR_STR(d.name),
	};
	struct dbp set[] = { P_STR(l->why) };
	struct move m = {
		.ent = ENT_SPONSORSHIP, .where = "id = ?", .from = SB(SP_ACTIVE), .to = SP_ENDED,
		.why = "ended: the child left the programme",
		.set = "ended_at = NOW(), end_reason = ?",
		.sp = set, .nsp = nitems(set),
	};
	int found = row_get(db, "SELECT x.id, x.state, d.login, d.display_name FROM sponsorships x "
	                    "JOIN donors d ON d.id = x.donor_id WHERE x.live_child = ? FOR UPDATE",
	                    p, nitems(p), cols, nitems(cols), e);

	if (found <= 0)
		return found;
	l->ended = d.id;
	if (strcmp(d.state, "active") != 0)
		return err_core(e, ERR_CONFLICT, "exit.pairing_open",
		                "exit of child %lld with a %s sponsorship", l->child, d.state);
	m.key = P_INT(d.id);
	if (state_move(db, l->staff, &m, NULL, e) < 0 ||
	    ledger_close_orders(db, l->staff, d.id, e) < 0)
		return -1;
	return tell_ended(db, l, &d, e);
}

static int exit_tx(struct db *db, void *arg, struct err *e)
{
	struct leave *l = arg;
	struct dbp set[] = { P_STR(l->reason), l->note ? P_STR(l->note) : P_NULL };
	struct move m = {
		.ent = ENT_CHILD, .where = "id = ?", .from = SB(CH_WAITING) | SB(CH_PAIRED),
		.to = CH_EXITED, .why = "left the programme",
		.set = "exit_reason = ?, exit_note = ?, exited_at = NOW()",
		.sp = set, .nsp = nitems(set),
	};
	unsigned long long moved;

	l->ended = 0;
	if (lock_child(db, l, e) < 0 || end_sponsorship(db, l, e) < 0)
		return -1;
	m.key = P_INT(l->child);
	if (state_move(db, l->staff, &m, &moved, e) < 0)
		return -1;
	if (moved != 1)
		return err_core(e, ERR_CONFLICT, "state.refused", "exit of %s: the child is %s",
		                l->code, l->status);
	return audit_actor(db, l->staff, e, "child.exit", "child", l->code,
	                   "left the programme: %s", l->why);
}

int pairing_exit(struct db *db, const struct config *cfg, const struct actor *staff,
                 const char *code, const char *reason, const char *note, struct err *e)
{
	struct leave l = { .cfg = cfg, .staff = staff, .code = code, .reason = reason,
		.note = note };
	const char *label = label_of(EXIT_REASONS, reason);

	if (strcmp(reason, "other") == 0 && !note)
		return err_core(e, ERR_INVALID, "exit.note_needed", "exit 'other' without a note");
	snprintf(l.why, sizeof l.why, "%s%s%s", label ? label : reason, note ? "：" : "",
	         note ? note : "");
	if (db_tx(db, exit_tx, &l, e) < 0)
		return -1;
	if (l.ended)
		ledger_close_send(db, cfg, l.ended);
	return 0;
}
