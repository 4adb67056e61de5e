/* renewals.c — renewals, reminders, lapses, the county decision, the donor stop (renewals.h). */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "ledger.h"
#include "renewals.h"
#include "rows.h"
#include "sponsorship.h"
#include "state.h"
#include "../log.h"
#include "../outbox.h"
#include "../scope.h"
#include "../util.h"

#define RENEW_BATCH  100    /* sponsorships renewed, reminded or lapsed per sweep, each */
#define LETTER_MAX   900    /* a letter's text, before the greeting and the link */
#define CLAUSE_MAX     128    /* a reminder's clause on its due date */
#define DATE_SIZE    11     /* YYYY-MM-DD */
#define PLAN_SIZE    8      /* annual | monthly */
#define KIND_SIZE    10     /* reminders.kind */
#define ID_TEXT_MAX  24

/* Whom a message about a sponsorship goes to, and the child it is about. */
struct donor_of {
	char login[LETTER_TO_MAX], name[PERSON_NAME_MAX], alias[CHILD_ALIAS_SIZE];
};

#define DONOR_OF_SQL \
	"SELECT d.login, d.display_name, c.alias FROM sponsorships s " \
	"JOIN donors d ON d.id = s.donor_id JOIN children c ON c.id = s.child_id WHERE s.id = ?"

/*
 * Claim reminder (sid, seq, kind) for this transaction: 1 if its row was added here, 0 if another
 * sweep's transaction had it first. INSERT IGNORE: the only row it can ignore is that duplicate
 * (the sponsorship is locked and exists; seq and kind are the sweep's own values).
 */
static int claim(struct db *db, long long sid, long long seq, const char *kind, struct err *e)
{
	struct dbp p[] = { P_INT(sid), P_INT(seq), P_STR(kind) };
	unsigned long long added;

	if (db_exec(db, "INSERT IGNORE INTO reminders (sponsorship_id, seq, kind) VALUES (?, ?, ?)",
	            p, nitems(p), &added, e) < 0)
		return -1;
	return added > 0;
}

/*
 * Queue a letter to sponsorship sid's donor: "<name>，您好！", then what (its one %s the child's
 * alias), then the site's page at path (NULL: none).
 */
static int tell(struct db *db, const struct config *cfg, long long sid, const char *subject,
                const char *what, const char *path, struct err *e)
{
	struct donor_of d;
	struct dbp p[] = { P_INT(sid) };
	const struct var cols[] = { VAR_STR(d.login), VAR_STR(d.name), VAR_STR(d.alias) };
	char body[2 * LETTER_MAX], said[LETTER_MAX];
	int found = row_get(db, DONOR_OF_SQL, p, nitems(p), cols, nitems(cols), e);

	if (found <= 0)
		return found;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	snprintf(said, sizeof said, what, d.alias);
#pragma GCC diagnostic pop
	snprintf(body, sizeof body, "%s，您好！%s%s%s", d.name, said, path ? cfg->site_url : "",
	         path ? path : "");
	return outbox_put(db, d.login, subject, body, e);
}

/* A sponsorship whose next year is due to be written, as the sweep reads it. */
struct renewal {
	long long id, last_seq, years;
	char      plan[PLAN_SIZE];
};

/* What one transaction of the sweep works on: a row it read, and the configuration. */
struct job {
	const struct config *cfg;
	const struct actor  *a;
	const void          *row;
};

/*
 * One kind of work of the sweep: the rows sql (its last parameter the batch size, after p) reads
 * into r, each then done by fn in a transaction of its own.
 */
static int sweep_each(struct db *db, const struct config *cfg, const struct actor *a,
                      const char *sql, struct dbp *p, unsigned np, struct rows *r, db_tx_fn fn,
                      struct err *e)
{
	int n;

	p[np - 1] = P_INT(r->max);
	if ((n = rows_read(db, sql, p, np, r, e)) < 0)
		return -1;
	if (n > r->max)
		n = r->max;
	for (int i = 0; i < n; i++) {
		struct job j = { cfg, a, (const char *)r->base + (size_t)i * r->stride };

		if (db_tx(db, fn, &j, e) < 0)
			return -1;
	}
	return 0;
}

static const struct col RENEWAL_COLS[] = {
	COL_I(struct renewal, id), COL_S(struct renewal, plan), COL_I(struct renewal, last_seq),
	COL_I(struct renewal, years),
};

/*
 * Active sponsorships whose last written year ends within renew_days: year k ends k years after
 * the first instalment's due date. A monthly plan's years are its seqs by twelves.
 */
#define RENEWAL_SQL \
	"SELECT t.id, t.plan, t.last_seq, t.years FROM (" \
	" SELECT s.id, s.plan, MAX(i.seq) AS last_seq, MIN(i.due_date) AS first_due," \
	" IF(s.plan = 'monthly', CEIL(MAX(i.seq) / 12), MAX(i.seq)) AS years" \
	" FROM sponsorships s JOIN instalments i ON i.sponsorship_id = s.id" \
	" WHERE s.state = 'active' GROUP BY s.id, s.plan) t " \
	"WHERE t.years < ? AND CURDATE() >= t.first_due + INTERVAL t.years YEAR - INTERVAL ? DAY " \
	"ORDER BY t.id LIMIT ?"

/* Under the sponsorship's row lock: 1 if it is still active, 0 if not (nothing to do). */
static int lock_active(struct db *db, long long sid, struct err *e)
{
	struct dbp p[] = { P_INT(sid) };
	long long n;

	if (db_query_int(db, "SELECT COUNT(*) FROM (SELECT id FROM sponsorships WHERE id = ? "
	                 "AND state = 'active' FOR UPDATE) t", p, nitems(p), &n, e) < 0)
		return -1;
	return n > 0;
}

/*
 * The instalments of year k+1 (annual: seq k+1; monthly: the next twelve), each for the first
 * instalment's amount, due (seq - 1) years or months after it. The primary key makes a second
 * writer's rows the same rows: INSERT IGNORE can skip nothing else (the values come from seq 1).
 */
static int write_year(struct db *db, const struct renewal *r, struct err *e)
{
	int monthly = strcmp(r->plan, "monthly") == 0, n = monthly ? PLAN_MONTHS : 1;

	for (int k = 1; k <= n; k++) {
		long long seq = r->last_seq + k;
		long long months = (seq - 1) * (monthly ? 1 : 12);
		struct dbp p[] = { P_INT(seq), P_INT(months), P_INT(r->id) };

		if (db_exec(db, "INSERT IGNORE INTO instalments (sponsorship_id, seq, amount_fen, "
		            "due_date) SELECT sponsorship_id, ?, amount_fen, "
		            "due_date + INTERVAL ? MONTH FROM instalments "
		            "WHERE sponsorship_id = ? AND seq = 1",
		            p, nitems(p), NULL, e) < 0)
			return -1;
	}
	return 0;
}

/* A due date, as text. */
struct due_date {
	char at[DATE_SIZE];
};

/* The due date of instalment seq of sponsorship sid, into d. */
static int due_of(struct db *db, long long sid, long long seq, struct due_date *d, struct err *e)
{
	struct dbp p[] = { P_INT(sid), P_INT(seq) };
	const struct var cols[] = { VAR_STR(d->at) };

	return row_get(db, "SELECT DATE_FORMAT(due_date, '%Y-%m-%d') FROM instalments "
	               "WHERE sponsorship_id = ? AND seq = ?", p, nitems(p), cols, nitems(cols), e);
}

/*
 * One sponsorship's next year: written, and its donor told once. For an annual plan that letter is
 * the 30-day reminder too (its due date is the year's end), so it claims that one as well.
 */
static int renew_one(struct db *db, void *arg, struct err *e)
{
	const struct job *j = arg;
	const struct renewal *r = j->row;
	long long first = r->last_seq + 1;
	struct due_date due = { "" };
	char what[LETTER_MAX];
	int live, claimed;

	if ((live = lock_active(db, r->id, e)) <= 0 || write_year(db, r, e) < 0)
		return live;
	if ((claimed = claim(db, r->id, first, "renew", e)) <= 0)
		return claimed;
	if (strcmp(r->plan, "annual") == 0 && claim(db, r->id, first, "before30", e) < 0)
		return -1;
	if (due_of(db, r->id, first, &due, e) < 0)
		return -1;
	snprintf(what, sizeof what, "您对%%s的助养即将满一年，感谢您一年来的陪伴。"
	         "下一年度的助养款已列入您的付款计划，首期应付日期为 %s。"
	         "请登录童享阳光，在“我的账户”中支付：", due.at);
	return tell(db, j->cfg, r->id, "下一年度的助养", what, "/me", e);
}

static int sweep_renewals(struct db *db, const struct config *cfg, struct err *e)
{
	struct renewal due[RENEW_BATCH];
	struct rows r = ROWS_INTO(due, RENEWAL_COLS);
	struct dbp p[] = { P_INT(RENEWAL_YEARS_MAX), P_INT(cfg->renew_days), P_NULL };

	return sweep_each(db, cfg, NULL, RENEWAL_SQL, p, nitems(p), &r, renew_one, e);
}

/* An unpaid instalment of an active sponsorship with a reminder due, as the sweep reads it. */
struct reminder {
	long long sid, seq;
	char      kind[KIND_SIZE], due[DATE_SIZE];
};

static const struct col REMINDER_COLS[] = {
	COL_I(struct reminder, sid), COL_I(struct reminder, seq), COL_S(struct reminder, kind),
	COL_S(struct reminder, due),
};

/*
 * Each unpaid instalment's reminder for today, by days left until its due date: annual plans
 * before30 (30..8 days), before7 (7..1), due (on the day, and after it until the grace days
 * end); monthly plans before3 (3..1) and due. A reminder whose window passed while no sweep ran
 * is not sent late; the next one is.
 */
#define REMINDER_SQL \
	"SELECT t.sid, t.seq, t.kind, t.due FROM (" \
	" SELECT i.sponsorship_id AS sid, i.seq, DATE_FORMAT(i.due_date, '%Y-%m-%d') AS due," \
	" CASE WHEN i.due_date <= CURDATE() THEN 'due'" \
	"  WHEN s.plan = 'monthly' THEN" \
	"   IF(i.due_date <= CURDATE() + INTERVAL 3 DAY, 'before3', NULL)" \
	"  WHEN i.due_date <= CURDATE() + INTERVAL 7 DAY THEN 'before7'" \
	"  ELSE 'before30' END AS kind" \
	" FROM instalments i JOIN sponsorships s ON s.id = i.sponsorship_id" \
	" WHERE i.due_date > CURDATE() - INTERVAL ? DAY" \
	" AND i.due_date <= CURDATE() + INTERVAL 30 DAY" \
	" AND i.donation_id IS NULL AND s.state = 'active') t " \
	"WHERE t.kind IS NOT NULL AND NOT EXISTS (SELECT 1 FROM reminders r" \
	" WHERE r.sponsorship_id = t.sid AND r.seq = t.seq AND r.kind = t.kind) " \
	"ORDER BY t.sid, t.seq LIMIT ?"

/* Under the sponsorship's lock: 1 if instalment seq is still unpaid and the sponsorship active. */
static int lock_unpaid(struct db *db, long long sid, long long seq, struct err *e)
{
	struct dbp p[] = { P_INT(sid), P_INT(seq) };
	long long n;
	int live = lock_active(db, sid, e);

	if (live <= 0)
		return live;
	if (db_query_int(db, "SELECT COUNT(*) FROM instalments WHERE sponsorship_id = ? "
	                 "AND seq = ? AND donation_id IS NULL", p, nitems(p), &n, e) < 0)
		return -1;
	return n > 0;
}

static int remind_one(struct db *db, void *arg, struct err *e)
{
	const struct job *j = arg;
	const struct reminder *r = j->row;
	int go = lock_unpaid(db, r->sid, r->seq, e);
	const char *when = strcmp(r->kind, "due") == 0 ? "今天（%s）到期" :
	                   strcmp(r->kind, "before30") == 0 ? "将于 %s 到期（还有一个月）" :
	                   "将于 %s 到期";
	char what[LETTER_MAX];

	if (go <= 0 || (go = claim(db, r->sid, r->seq, r->kind, e)) <= 0)
		return go;
	char line[CLAUSE_MAX];

	snprintf(line, sizeof line, when, r->due);
	snprintf(what, sizeof what, "您对%%s的助养款第 %lld 期%s。"
	         "请登录童享阳光，在“我的账户”中支付：", r->seq, line);
	return tell(db, j->cfg, r->sid, "助养款付款提醒", what, "/me", e);
}

static int sweep_reminders(struct db *db, const struct config *cfg, struct err *e)
{
	struct reminder due[RENEW_BATCH];
	struct rows r = ROWS_INTO(due, REMINDER_COLS);
	struct dbp p[] = { P_INT(cfg->grace_days), P_NULL };

	return sweep_each(db, cfg, NULL, REMINDER_SQL, p, nitems(p), &r, remind_one, e);
}

/* An active sponsorship with an instalment unpaid past the grace days: its oldest unpaid one. */
struct overdue {
	long long sid, seq;
};

static const struct col OVERDUE_COLS[] = {
	COL_I(struct overdue, sid), COL_I(struct overdue, seq),
};

/* An unpaid instalment of the sponsorship (sponsorships.id) due grace days ago or earlier. */
#define OVERDUE_EXISTS \
	"EXISTS (SELECT 1 FROM instalments i WHERE i.sponsorship_id = sponsorships.id " \
	"AND i.donation_id IS NULL AND i.due_date <= CURDATE() - INTERVAL ? DAY)"

#define OVERDUE_SQL \
	"SELECT s.id, MIN(i.seq) FROM sponsorships s " \
	"JOIN instalments i ON i.sponsorship_id = s.id " \
	"WHERE s.state = 'active' AND i.donation_id IS NULL " \
	"AND i.due_date <= CURDATE() - INTERVAL ? DAY GROUP BY s.id ORDER BY s.id LIMIT ?"

/*
 * Active → lapsing, if it is still overdue under the row lock (a payment may have come since the
 * list was read), and its donor told once.
 */
static int lapse_one(struct db *db, void *arg, struct err *e)
{
	const struct job *j = arg;
	const struct overdue *o = j->row;
	struct dbp grace[] = { P_INT(j->cfg->grace_days) };
	const struct move m = {
		.ent = ENT_SPONSORSHIP, .where = "id = ? AND " OVERDUE_EXISTS,
		.key = P_INT(o->sid), .wp = grace, .nwp = nitems(grace),
		.from = SB(SP_ACTIVE), .to = SP_LAPSING, .why = "unpaid past the grace days",
		.set = "lapsing_since = CURDATE(), wait_until = NULL",
	};
	unsigned long long moved;
	int claimed;

	if (state_move(db, j->a, &m, &moved, e) < 0)
		return -1;
	if (!moved || (claimed = claim(db, o->sid, o->seq, "lapsing", e)) <= 0)
		return moved ? claimed : 0;
	return tell(db, j->cfg, o->sid, "助养款逾期未付", "您对%s的助养款已经逾期。"
	            "孩子仍在等待您的陪伴：付清之后结对即恢复；如果您不再续捐，也可以停止续捐。"
	            "请登录童享阳光，在“我的账户”中办理：", "/me", e);
}

static int sweep_lapses(struct db *db, const struct config *cfg, const struct actor *a,
                        struct err *e)
{
	struct overdue due[RENEW_BATCH];
	struct rows r = ROWS_INTO(due, OVERDUE_COLS);
	struct dbp p[] = { P_INT(cfg->grace_days), P_NULL };

	return sweep_each(db, cfg, a, OVERDUE_SQL, p, nitems(p), &r, lapse_one, e);
}

int renewals_sweep(struct db *db, const struct config *cfg, const struct actor *a, struct err *e)
{
	/* Lapses first: a sponsorship lapsing today is not reminded as if it were active. */
	if (sweep_lapses(db, cfg, a, e) < 0 || sweep_renewals(db, cfg, e) < 0)
		return -1;
	return sweep_reminders(db, cfg, e);
}

/* A sponsorship a donor or the county acts on, read under its row lock. */
struct held {
	long long child, overdue, pending;
	char      state[STATE_NAME_MAX];
};

/* The donor's stop: who, which, why. */
struct stop {
	const struct config *cfg;
	const struct actor *a;
	long long           sid;
	const char         *reason;
};

static int stop_tx(struct db *db, void *arg, struct err *e)
{
	const struct stop *s = arg;
	struct dbp set[] = { P_STR(s->reason) };
	struct dbp donor[] = { P_INT(s->a->id) };
	const struct move m = {
		.ent = ENT_SPONSORSHIP, .where = "id = ? AND donor_id = ?", .key = P_INT(s->sid),
		.wp = donor, .nwp = nitems(donor),
		.from = SB(SP_ACTIVE) | SB(SP_LAPSING), .to = SP_STOPPING,
		.why = "stopped by its donor", .set = "stopped_at = NOW(), stop_reason = ?",
		.sp = set, .nsp = nitems(set),
	};
	struct dbp p[] = { P_INT(s->sid), P_INT(s->a->id) };
	unsigned long long moved;
	long long mine;

	if (db_query_int(db, "SELECT COUNT(*) FROM (SELECT id FROM sponsorships WHERE id = ? AND "
	                 "donor_id = ? AND state IN ('active','lapsing','stopping') FOR UPDATE) t",
	                 p, nitems(p), &mine, e) < 0)
		return -1;
	if (!mine)
		return err_core(e, ERR_NOT_FOUND, "renewals.unknown",
		                "stop of sponsorship %lld: not the donor's, or not live", s->sid);
	if (state_move(db, s->a, &m, &moved, e) < 0)
		return -1;
	if (!moved)
		return err_core(e, ERR_CONFLICT, "renewals.stopped",
		                "stop of sponsorship %lld: stopped already", s->sid);
	if (ledger_close_orders(db, s->a, s->sid, e) < 0)
		return -1;
	return tell(db, s->cfg, s->sid, "已停止续捐", "您已停止对%s的续捐。感谢您的陪伴！"
	            "您已捐出的助养款将继续按期发放给孩子；区县慈善会会安排孩子此后的资助。",
	            NULL, e);
}

int renewal_stop(struct db *db, const struct config *cfg, const struct actor *a, long long sid,
                 const char *reason, struct err *e)
{
	struct stop s = { cfg, a, sid, reason };

	if (db_tx(db, stop_tx, &s, e) < 0)
		return -1;
	log_info("sponsorship %lld stopped by its donor", sid);
	ledger_close_send(db, cfg, sid);
	return 0;
}

/* The county's decision: who, which, what, and what it found under the row lock. */
struct decide {
	const struct config *cfg;
	const struct actor  *a;
	long long            sid;
	const char          *choice;
	struct held          h;
};

/*
 * The sponsorship in a's scope, lapsing or stopping, locked: its child, how many days its oldest
 * unpaid instalment is overdue, and the child's payouts not yet settled (paid or cancelled).
 */
static int lock_decided(struct db *db, struct decide *d, struct err *e)
{
	struct held *h = &d->h;
	const struct var cols[] = {
		VAR_LL(&h->child), VAR_STR(h->state), VAR_LL(&h->overdue), VAR_LL(&h->pending),
	};
	char sql[SCOPE_SQL_LEN];
	struct scope sc;
	struct dbp p[] = { P_INT(d->sid), P_NULL };
	int found;

	scope_for(d->a, &sc);
	p[1] = sc.param;
	if (scope_sql(sql, sizeof sql,
	        "SELECT s.child_id, s.state, COALESCE((SELECT DATEDIFF(CURDATE(), MIN(i.due_date)) "
	        "FROM instalments i WHERE i.sponsorship_id = s.id AND i.donation_id IS NULL), 0), "
	        "(SELECT COUNT(*) FROM payouts o WHERE o.child_id = s.child_id "
	        "AND o.state IN ('draft','submitted','returned','approved','failed')) "
	        "FROM sponsorships s JOIN children c ON c.id = s.child_id "
	        "WHERE s.id = ? AND s.state IN ('lapsing','stopping') AND %s FOR UPDATE", &sc) < 0)
		return err_internal(e, "lapse decision query too long");
	if ((found = row_get(db, sql, p, nitems(p), cols, nitems(cols), e)) < 0)
		return -1;
	if (!found)
		return err_core(e, ERR_NOT_FOUND, "renewals.unknown",
		                "decision on %lld: not lapsing or stopping, or out of scope",
		                d->sid);
	if (strcmp(h->state, "lapsing") == 0 && h->overdue < d->cfg->decide_days) {
		e->arg = d->cfg->decide_days;
		return err_core(e, ERR_CONFLICT, "renewals.too_early",
		                "decision on sponsorship %lld: %lld days overdue", d->sid,
		                h->overdue);
	}
	return 0;
}

/* Keep waiting: off the list to decide for RENEWAL_WAIT_DAYS. */
static int decide_wait(struct db *db, struct decide *d, struct err *e)
{
	struct dbp p[] = { P_INT(RENEWAL_WAIT_DAYS), P_INT(d->sid) };
	char id[ID_TEXT_MAX];

	snprintf(id, sizeof id, "%lld", d->sid);
	if (db_exec(db, "UPDATE sponsorships SET wait_until = CURDATE() + INTERVAL ? DAY "
	            "WHERE id = ?", p, nitems(p), NULL, e) < 0)
		return -1;
	return audit_actor(db, d->a, e, "sponsorship.wait", "sponsorship", id,
	                   "the county keeps waiting %d days", RENEWAL_WAIT_DAYS);
}

/*
 * End it: the sponsorship ended and its open orders closed, the child listed again (曾获资助,
 * waiting from today), the donor told. Refused while a payout of the child is not yet settled.
 */
static int decide_end(struct db *db, struct decide *d, struct err *e)
{
	struct dbp why[] = { P_STR("ended by the county: unpaid or stopped by its donor") };
	const struct move ended = {
		.ent = ENT_SPONSORSHIP, .where = "id = ?", .key = P_INT(d->sid),
		.from = SB(SP_LAPSING) | SB(SP_STOPPING), .to = SP_ENDED,
		.why = "ended by the county", .set = "ended_at = NOW(), end_reason = ?",
		.sp = why, .nsp = nitems(why),
	};
	const struct move listed = {
		.ent = ENT_CHILD, .where = "id = ?", .key = P_INT(d->h.child),
		.from = SB(CH_PAIRED), .to = CH_WAITING,
		.why = "its sponsorship ended; listed again",
		.set = "sponsored_before = 1, waiting_since = CURDATE()",
	};
	unsigned long long moved;

	if (d->h.pending) {
		e->arg = d->h.pending;
		return err_core(e, ERR_CONFLICT, "renewals.payouts_pending",
		                "end of sponsorship %lld: %lld payouts pending", d->sid,
		                d->h.pending);
	}
	if (state_move(db, d->a, &ended, &moved, e) < 0 ||
	    ledger_close_orders(db, d->a, d->sid, e) < 0 ||
	    state_move(db, d->a, &listed, NULL, e) < 0)
		return -1;
	if (!moved)
		return err_core(e, ERR_CONFLICT, "state.refused", "end of sponsorship %lld",
		                d->sid);
	return tell(db, d->cfg, d->sid, "结对结束", "您与%s的结对已经结束。"
	            "感谢您这段时间的陪伴与资助！如果您愿意，欢迎再次选择一个等待结对的孩子：",
	            "/children", e);
}

static int decide_tx(struct db *db, void *arg, struct err *e)
{
	struct decide *d = arg;

	if (lock_decided(db, d, e) < 0)
		return -1;
	return strcmp(d->choice, "end") == 0 ? decide_end(db, d, e) : decide_wait(db, d, e);
}

int renewal_decide(struct db *db, const struct config *cfg, const struct actor *a, long long sid,
                   const char *choice, struct err *e)
{
	struct decide d = { .cfg = cfg, .a = a, .sid = sid, .choice = choice };

	if (a->kind != ACTOR_STAFF || strcmp(a->role, "county") != 0)
		return err_core(e, ERR_FORBIDDEN, "renewals.county_only",
		                "decision on sponsorship %lld by a %s", sid, a->role);
	if (db_tx(db, decide_tx, &d, e) < 0)
		return -1;
	if (strcmp(choice, "end") == 0)
		ledger_close_send(db, cfg, sid);
	return 0;
}
