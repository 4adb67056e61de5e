/* reports.c — 举报: filing a report, answering it, pausing what it is about. */
#include <stdio.h>
#include <string.h>

#include "../pii.h"
#include "../scope.h"
#include "../throttle.h"
#include "../util.h"
#include "audit.h"
#include "fundraising.h"
#include "ledger.h"
#include "reports.h"
#include "rows.h"
#include "state.h"

/* What a report is about, found from its item. */
struct target {
	long long activity_id, page_id;
	char      region[8];     /* "" for the province */
	char      title[REPORT_TITLE_MAX];
};

/* The lookup of each kind of item: its prefix, and a query of (activity, page, region) by code. */
static const struct {
	const char *prefix, *sql;
} ITEMS[] = {
	{ "child:", "SELECT 0, 0, county_code, CONCAT('孩子：', alias) FROM children "
	            "WHERE code = ? AND consent_publish = 1 AND status <> 'exited'" },
	{ "activity:", "SELECT id, 0, COALESCE(region_code, ''), CONCAT('专题活动：', title) "
	               "FROM activities WHERE slug = ? AND state <> 'draft'" },
	{ "page:", "SELECT 0, id, COALESCE(region_code, ''), CONCAT('一起捐：', title) "
	           "FROM fund_pages WHERE code = ? AND state IN ('live', 'paused', 'ended')" },
};

static int target_find(struct db *db, const char *item, struct target *t, struct err *e)
{
	memset(t, 0, sizeof *t);
	if (strcmp(item, "home") == 0) {
		snprintf(t->title, sizeof t->title, "首页");
		return 0;
	}
	for (size_t i = 0; i < nitems(ITEMS); i++) {
		size_t n = strlen(ITEMS[i].prefix);
		struct dbp p[] = { P_STR(item + n) };
		const struct var cols[] = {
			VAR_LL(&t->activity_id), VAR_LL(&t->page_id), VAR_STR(t->region),
			VAR_STR(t->title),
		};
		int found;

		if (strncmp(item, ITEMS[i].prefix, n) != 0)
			continue;
		if ((found = row_get(db, ITEMS[i].sql, p, nitems(p), cols, nitems(cols), e)) < 0)
			return -1;
		if (found)
			return 0;
		break;
	}
	return err_core(e, ERR_NOT_FOUND, "report.unknown_item", "report on %s: no such page",
	                item);
}

int report_item(struct db *db, const char *item, char *title, struct err *e)
{
	struct target t;

	if (target_find(db, item, &t, e) < 0)
		return -1;
	snprintf(title, REPORT_TITLE_MAX, "%s", t.title);
	return 0;
}

struct filing {
	const struct config     *cfg;
	const struct actor      *a;
	const struct report_new *r;
	const char              *ticket;
	char                    *due;
};

static int file_tx(struct db *db, void *arg, struct err *e)
{
	struct filing *f = arg;
	struct target t;
	unsigned char net[32], sealed[PII_SEALED_LEN(REPORT_REACH_MAX)];
	char today[WORKDAYS_DATE_MAX] = "";
	const char *reach = f->r->reach ? f->r->reach : "";
	long long seen, wait;
	long slen = 0;
	int over;
	struct dbp q[] = { P_STR(f->ticket) };

	/* A retry after a lost commit finds its own report. */
	if (db_query_int(db, "SELECT COUNT(*) FROM reports WHERE ticket = ?", q, nitems(q), &seen,
	                 e) < 0 || seen)
		return seen ? 0 : -1;
	if (target_find(db, f->r->item, &t, e) < 0)
		return -1;
	if ((over = throttle_use(db, f->cfg, "report", f->a->net, REPORTS_PER_NET, &wait, e)) < 0)
		return -1;
	if (over)
		return err_core(e, ERR_TOO_MANY, "report.too_many", "reports from %s throttled",
		                f->a->addr);
	if (row_get(db, "SELECT DATE_FORMAT(CURDATE(), '%Y-%m-%d')", NULL, 0,
	            (const struct var[]){ VAR_STR(today) }, 1, e) < 0 ||
	    workdays_add(db, today, REPORT_DUE_WORKDAYS, f->due, e) < 0)
		return -1;
	if (*reach && (slen = pii_seal(f->cfg->pii_key, REPORT_REACH_FIELD, f->ticket, reach,
	                               strlen(reach), sealed, sizeof sealed)) < 0)
		return err_internal(e, "report contact does not fit");
	throttle_subject(f->cfg, "report", f->a->net, net);
	struct dbp p[] = {
		P_STR(f->ticket), P_STR(f->r->item),
		t.activity_id ? P_INT(t.activity_id) : P_NULL,
		t.page_id ? P_INT(t.page_id) : P_NULL,
		*t.region ? P_STR(t.region) : P_NULL, P_STR(f->r->kind), P_STR(f->r->text),
		slen ? P_BIN(sealed, (size_t)slen) : P_NULL, P_BIN(net, sizeof net), P_STR(f->due),
	};
	return db_exec(db, "INSERT INTO reports (ticket, item, activity_id, page_id, region_code, "
	               "kind, body, reach, net_hash, due_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	               p, nitems(p), NULL, e);
}

int report_file(struct db *db, const struct config *cfg, const struct actor *a,
                const struct report_new *r, char *ticket, char *due, struct err *e)
{
	struct filing f = { .cfg = cfg, .a = a, .r = r, .ticket = ticket, .due = due };

	ledger_code(ticket, TICKET_LEN);
	if (db_tx(db, file_tx, &f, e) < 0)
		return -1;
	/* A retried transaction that found its report left due unset: read it back. */
	if (!*due) {
		struct dbp p[] = { P_STR(ticket) };

		if (row_get(db, "SELECT due_on FROM reports WHERE ticket = ?", p, nitems(p),
		            (const struct var[]){ { VAR_TEXT, due, WORKDAYS_DATE_MAX } }, 1,
		            e) < 0)
			return -1;
	}
	return 0;
}

/* A report as staff change it, locked: its state, region and the item it is about. */
struct locked {
	char      state[16], region[8];
	long long activity_id, page_id;
};

static int report_lock(struct db *db, const struct actor *a, long long id, struct locked *l,
                       struct err *e)
{
	struct dbp p[] = { P_INT(id) };
	const struct var cols[] = {
		VAR_STR(l->state), VAR_STR(l->region), VAR_LL(&l->activity_id), VAR_LL(&l->page_id),
	};
	int found;

	memset(l, 0, sizeof *l);
	if ((found = row_get(db, "SELECT state, COALESCE(region_code, ''), "
	                     "COALESCE(activity_id, 0), COALESCE(page_id, 0) FROM reports "
	                     "WHERE id = ? FOR UPDATE", p, nitems(p), cols, nitems(cols), e)) < 0)
		return -1;
	if (!found || !scope_reaches_region(a, l->region))
		return err_core(e, ERR_NOT_FOUND, "report.unknown", "report %lld: not found or "
		                "out of reach", id);
	return 0;
}

struct answering {
	const struct actor *a;
	long long           id;
	const char         *text;
};

static int answer_tx(struct db *db, void *arg, struct err *e)
{
	struct answering *w = arg;
	struct locked l;
	struct dbp sp[] = { P_STR(w->text), P_INT(w->a->id) };
	struct move m = {
		.ent = ENT_REPORT, .where = "id = ?", .key = P_INT(w->id), .from = SB(RP_OPEN),
		.to = RP_ANSWERED, .why = "answered",
		.set = "answer = ?, answered_by = ?, answered_at = NOW()", .sp = sp,
		.nsp = nitems(sp),
	};

	if (report_lock(db, w->a, w->id, &l, e) < 0)
		return -1;
	if (state_of(ENT_REPORT, l.state) != RP_OPEN)
		return err_core(e, ERR_CONFLICT, "report.answered", "report %lld is %s", w->id,
		                l.state);
	return state_move(db, w->a, &m, NULL, e);
}

int report_answer(struct db *db, const struct actor *a, long long id, const char *text,
                  struct err *e)
{
	struct answering w = { .a = a, .id = id, .text = text };

	return db_tx(db, answer_tx, &w, e);
}

static int pause_tx(struct db *db, void *arg, struct err *e)
{
	struct answering *w = arg;
	struct locked l;
	char key[24];
	struct dbp p[] = { P_INT(w->a->id), P_INT(w->id) };
	int page;

	if (report_lock(db, w->a, w->id, &l, e) < 0)
		return -1;
	if (!l.activity_id && !l.page_id)
		return err_core(e, ERR_CONFLICT, "report.no_item", "report %lld is about no "
		                "activity or page", w->id);
	page = l.page_id != 0;
	snprintf(key, sizeof key, "%lld", w->id);
	if (fund_pause(db, w->a, page ? FUND_PAGE : FUND_ACTIVITY,
	               page ? l.page_id : l.activity_id, w->text, NULL, e) < 0 ||
	    db_exec(db, "UPDATE reports SET paused_by = ?, paused_at = NOW() WHERE id = ?", p,
	            nitems(p), NULL, e) < 0)
		return -1;
	return audit_actor(db, w->a, e, "report.pause_item", "report", key, "paused %s %lld",
	                   page ? "page" : "activity", page ? l.page_id : l.activity_id);
}

int report_pause_item(struct db *db, const struct actor *a, long long id, const char *reason,
                      struct err *e)
{
	struct answering w = { .a = a, .id = id, .text = reason };

	return db_tx(db, pause_tx, &w, e);
}
