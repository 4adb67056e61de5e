/* pages.c — personal fundraising pages and spokesperson pages: made, reviewed, updated, ended. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../log.h"
#include "../scope.h"
#include "../util.h"
#include "audit.h"
#include "fundraising.h"
#include "ledger.h"
#include "pages.h"
#include "rows.h"
#include "state.h"

/* Tries at a fresh random code when one is taken (one in 2^40 each). */
#define CODE_TRIES   4
#define PAGE_ID_TEXT 24
#define SWEEP_PAGES  100

/* A page as a change of state reads it, locked. */
struct page_row {
	long long donor_id;
	char      state[24], region[8];
};

/* Page id locked into *r: 1 if it exists, 0 if not. */
static int page_lock(struct db *db, long long id, struct page_row *r, struct err *e)
{
	struct dbp p[] = { P_INT(id) };
	const struct var cols[] = { VAR_LL(&r->donor_id), VAR_STR(r->state), VAR_STR(r->region) };

	return row_get(db, "SELECT donor_id, state, region_code FROM fund_pages WHERE id = ? "
	               "FOR UPDATE", p, nitems(p), cols, nitems(cols), e);
}

/* The activity a page is for: live, by its slug; its id and region (NULL: the province's). */
static int page_activity(struct db *db, const char *slug, long long *id, char *region,
                         size_t n, struct err *e)
{
	struct dbp p[] = { P_STR(slug) };
	char reg[8];
	const struct var cols[] = { VAR_LL(id), VAR_STR(reg) };
	int found = row_get(db, "SELECT id, region_code FROM activities WHERE slug = ? "
	                    "AND state = 'live' LOCK IN SHARE MODE", p, nitems(p), cols,
	                    nitems(cols), e);

	if (found < 0)
		return -1;
	if (!found)
		return err_core(e, ERR_INVALID, "page.activity", "activity %s not live", slug);
	snprintf(region, n, "%s", reg);
	return 0;
}

/* Who may make the page, and the donor's pending pages counted under their row's lock. */
static int page_may_create(struct db *db, const struct actor *a, const struct page_new *n,
                           struct err *e)
{
	struct dbp p[] = { P_INT(a->id) };
	long long pending, locked;

	if (n->person)
		return a->kind == ACTOR_STAFF && strcmp(a->role, "province") == 0 ? 0 :
		       err_core(e, ERR_FORBIDDEN, "page.province", "spokesperson page by %s",
		                a->role);
	if (a->kind != ACTOR_DONOR)
		return err_core(e, ERR_FORBIDDEN, "page.unknown", "page by actor kind %d", a->kind);
	if (db_query_int(db, "SELECT id FROM donors WHERE id = ? FOR UPDATE", p, nitems(p),
	                 &locked, e) < 0 ||
	    db_query_int(db, "SELECT COUNT(*) FROM fund_pages WHERE donor_id = ? "
	                 "AND state = 'pending'", p, nitems(p), &pending, e) < 0)
		return -1;
	if (pending >= PAGE_PENDING_MAX)
		return err_core(e, ERR_CONFLICT, "page.too_many",
		                "donor %lld has %lld pending pages", a->id, pending);
	return 0;
}

/* The end date: after today, at most PAGE_DAYS_MAX days ahead. */
static int page_check_end(struct db *db, const char *ends_on, struct err *e)
{
	struct dbp p[] = { P_STR(ends_on), P_STR(ends_on), P_INT(PAGE_DAYS_MAX) };
	long long ok;

	if (db_query_int(db, "SELECT ? > CURDATE() AND ? <= CURDATE() + INTERVAL ? DAY", p,
	                 nitems(p), &ok, e) < 0)
		return -1;
	return ok ? 0 : err_core(e, ERR_INVALID, "page.ends_on", "end date %s", ends_on);
}

/* Insert the page under a fresh code; a code already taken (the unique key) draws another. */
static int page_insert(struct db *db, const struct actor *a, const struct page_new *n,
                       long long activity, const char *region, long long goal, char *code,
                       long long *id, struct err *e)
{
	int spokes = n->person != NULL;
	struct dbp p[] = {
		P_NULL, P_STR(n->kind), P_INT(spokes), spokes ? P_NULL : P_INT(a->id),
		spokes ? P_STR(n->person) : P_NULL, P_STR(n->display_name),
		activity ? P_INT(activity) : P_NULL,
		strcmp(n->kind, "children") == 0 ? P_INT(n->children) : P_NULL,
		P_STR(n->title), P_STR(n->story), P_INT(goal), P_STR(n->ends_on),
		region[0] ? P_STR(region) : P_NULL, P_STR(spokes ? "live" : "pending"),
	};

	for (int i = 0; i < CODE_TRIES; i++) {
		ledger_code(code, PAGE_CODE_LEN);
		p[0] = P_STR(code);
		/* A spokesperson's page starts live (state.c lets a page start pending or live). */
		if (db_exec(db, "INSERT INTO fund_pages (code, kind, spokesperson, donor_id, "
		            "person_name, display_name, activity_id, children_n, title, story, "
		            "goal_fen, ends_on, region_code, state) "
		            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		            p, nitems(p), NULL, e) == 0)
			return db_query_int(db, "SELECT LAST_INSERT_ID()", NULL, 0, id, e);
		if (!db_is_dup(e))
			return -1;
		err_clear(e);
	}
	return err_core(e, ERR_INTERNAL, NULL, "no free page code in %d tries", CODE_TRIES);
}

struct create_arg {
	const struct actor    *a;
	const struct page_new *n;
	char                  *code;
	long long             *id;
};

static int create_tx(struct db *db, void *arg, struct err *e)
{
	const struct create_arg *x = arg;
	const struct actor *a = x->a;
	const struct page_new *n = x->n;
	char *code = x->code;
	long long *id = x->id;
	long long activity = 0, goal = n->goal_fen;
	char region[8] = "", idtext[PAGE_ID_TEXT];

	if (page_may_create(db, a, n, e) < 0 || page_check_end(db, n->ends_on, e) < 0)
		return -1;
	if (strcmp(n->kind, "activity") == 0 &&
	    page_activity(db, n->slug ? n->slug : "", &activity, region, sizeof region, e) < 0)
		return -1;
	if (strcmp(n->kind, "children") == 0)
		goal = PAGE_CHILD_FEN * n->children;
	if (goal <= 0)
		return err_core(e, ERR_INVALID, "page.goal", "page without a goal");
	if (page_insert(db, a, n, activity, region, goal, code, id, e) < 0)
		return -1;
	snprintf(idtext, sizeof idtext, "%lld", *id);
	return audit_actor(db, a, e, n->person ? "page.spokesperson" : "page.create", "page",
	                   idtext, "%s %s", n->kind, code);
}

int page_create(struct db *db, const struct actor *a, const struct page_new *n,
                char *code, long long *id, struct err *e)
{
	struct create_arg x = { a, n, code, id };

	return db_tx(db, create_tx, &x, e);
}

/* The move of each act that state_move makes, from the states it takes. */
static const struct {
	unsigned    from;
	int         to;
	const char *why;
} PAGE_MOVES_BY_ACT[] = {
	[PAGE_APPROVE] = { SB(PG_PENDING), PG_LIVE, "approved" },
	[PAGE_REJECT]  = { SB(PG_PENDING), PG_REJECTED, "rejected" },
	[PAGE_END]     = { SB(PG_LIVE) | SB(PG_PAUSED), PG_ENDED, "ended by staff" },
};

/* Approve, reject or end a locked page in reach; the note (a rejection's reason) stored. */
static int page_move(struct db *db, const struct actor *a, long long id, enum page_act act,
                     const char *note, struct err *e)
{
	struct page_row r;
	int found = page_lock(db, id, &r, e);
	struct dbp sp[] = { P_INT(a->id), note ? P_STR(note) : P_NULL };
	struct move m = {
		.ent = ENT_PAGE, .where = "id = ?", .key = P_INT(id),
		.from = PAGE_MOVES_BY_ACT[act].from, .to = PAGE_MOVES_BY_ACT[act].to,
		.why = PAGE_MOVES_BY_ACT[act].why,
		.set = "reviewed_by = ?, reviewed_at = NOW(), "
		       "review_note = COALESCE(?, review_note)",
		.sp = sp, .nsp = nitems(sp),
	};

	if (found < 0)
		return -1;
	if (!found || !scope_reaches_region(a, r.region))
		return err_core(e, ERR_NOT_FOUND, "page.unknown", "page %lld out of reach", id);
	if (!(m.from & SB(state_of(ENT_PAGE, r.state))))
		return err_core(e, ERR_CONFLICT, "page.state", "page %lld is %s", id, r.state);
	return state_move(db, a, &m, NULL, e);
}

struct act_arg {
	const struct actor *a;
	long long           id;
	enum page_act       act;
	const char         *note;
};

static int act_tx(struct db *db, void *arg, struct err *e)
{
	struct act_arg *x = arg;

	switch (x->act) {
	case PAGE_PAUSE:
		return fund_pause(db, x->a, FUND_PAGE, x->id, x->note, NULL, e);
	case PAGE_RESUME:
		return fund_resume(db, x->a, FUND_PAGE, x->id, e);
	default:
		return page_move(db, x->a, x->id, x->act, x->note, e);
	}
}

int page_act(struct db *db, const struct actor *a, long long id, enum page_act act,
             const char *note, struct err *e)
{
	struct act_arg x = { a, id, act, note };

	if (a->kind != ACTOR_STAFF || strcmp(a->role, "volunteer") == 0)
		return err_core(e, ERR_FORBIDDEN, NULL, "page act by a volunteer or non-staff");
	return db_tx(db, act_tx, &x, e);
}

/* Page id locked, if it is donor a's. */
static int page_lock_own(struct db *db, const struct actor *a, long long id, struct page_row *r,
                         struct err *e)
{
	int found = page_lock(db, id, r, e);

	if (found < 0)
		return -1;
	if (!found || a->kind != ACTOR_DONOR || r->donor_id != a->id)
		return err_core(e, ERR_NOT_FOUND, "page.unknown", "page %lld not the actor's", id);
	return 0;
}

struct update_arg {
	const struct actor *a;
	long long           id;
	const char         *body;
};

static int update_tx(struct db *db, void *arg, struct err *e)
{
	struct update_arg *u = arg;
	struct page_row r;
	struct dbp p[] = { P_INT(u->id) };
	struct dbp ins[] = { P_INT(u->id), P_STR(u->body), P_INT(u->a->id) };
	long long today;

	if (page_lock_own(db, u->a, u->id, &r, e) < 0 ||
	    db_query_int(db, "SELECT COUNT(*) FROM progress_updates WHERE item_kind = 'page' "
	                 "AND item_id = ? AND posted_on = CURDATE()", p, nitems(p), &today, e) < 0)
		return -1;
	if (strcmp(r.state, "pending") == 0 || strcmp(r.state, "rejected") == 0)
		return err_core(e, ERR_CONFLICT, "page.not_public", "update on a %s page", r.state);
	if (today >= PAGE_UPDATES_DAY)
		return err_core(e, ERR_TOO_MANY, "page.updates", "page %lld: %lld updates today",
		                u->id, today);
	return db_exec(db, "INSERT INTO progress_updates (item_kind, item_id, body, posted_on, "
	               "donor_id) VALUES ('page', ?, ?, CURDATE(), ?)", ins, nitems(ins), NULL, e);
}

int page_update(struct db *db, const struct actor *a, long long id, const char *body,
                struct err *e)
{
	struct update_arg u = { a, id, body };

	return db_tx(db, update_tx, &u, e);
}

static int end_own_tx(struct db *db, void *arg, struct err *e)
{
	struct update_arg *u = arg;
	struct page_row r;
	struct move m = {
		.ent = ENT_PAGE, .where = "id = ?", .key = P_INT(u->id), .from = SB(PG_LIVE),
		.to = PG_ENDED, .why = "ended by its initiator",
	};

	if (page_lock_own(db, u->a, u->id, &r, e) < 0)
		return -1;
	if (strcmp(r.state, "live") != 0)
		return err_core(e, ERR_CONFLICT, "page.state", "page %lld is %s", u->id, r.state);
	return state_move(db, u->a, &m, NULL, e);
}

int page_end_own(struct db *db, const struct actor *a, long long id, struct err *e)
{
	struct update_arg u = { a, id, NULL };

	return db_tx(db, end_own_tx, &u, e);
}

int page_children_left(struct db *db, long long id, long long *left, struct err *e)
{
	struct dbp p[] = { P_INT(PAGE_CHILD_FEN), P_INT(id), P_INT(id), P_INT(id) };

	return db_query_int(db, "SELECT GREATEST(0, LEAST(f.children_n, (SELECT FLOOR(COALESCE("
	                    "SUM(t.fen + t.match_fen), 0) / ?) FROM raised_totals t "
	                    "WHERE t.item_kind = 'page' AND t.item_id = ?)) - (SELECT COUNT(*) "
	                    "FROM page_children WHERE page_id = ?)) FROM fund_pages f "
	                    "WHERE f.id = ? AND f.kind = 'children'", p, nitems(p), left, e);
}

struct pick_arg {
	const struct actor *a;
	long long           id;
	const char         *code;
};

/* The child locked, if it is waiting and published; 0 (and *child 0) if not. */
static int pick_child(struct db *db, const char *code, long long *child, struct err *e)
{
	struct dbp p[] = { P_STR(code) };

	return db_query_int(db, "SELECT id FROM children WHERE code = ? AND consent_publish = 1 "
	                    "AND status = 'waiting' FOR UPDATE", p, nitems(p), child, e);
}

/* The sponsorship in the initiator's name, paid for by the page: awaiting approval. */
static int pick_sponsor(struct db *db, const struct pick_arg *x, long long child,
                        long long *sid, struct err *e)
{
	const struct actor page = actor_system("page");
	struct dbp p[] = { P_INT(child), P_INT(x->a->id) };
	struct move paid = {
		.ent = ENT_SPONSORSHIP, .where = "id = ?", .from = SB(SP_HELD),
		.to = SP_PENDING_APPROVAL, .why = "paid from a sponsor-N-children page",
	};
	const struct move child_paid = {
		.ent = ENT_CHILD, .where = "id = ?", .key = P_INT(child), .from = SB(CH_WAITING),
		.to = CH_PENDING, .why = "paid for by a sponsor-N-children page",
	};

	if (db_exec(db, "INSERT INTO sponsorships (child_id, donor_id, state, plan, hold_until, "
	            "agreed_at) VALUES (?, ?, 'held', 'annual', NOW(), NOW())", p, nitems(p), NULL,
	            e) < 0) {
		if (!db_is_dup(e))
			return -1;
		err_clear(e);
		return err_core(e, ERR_CONFLICT, "page.child_taken", "child %lld is taken", child);
	}
	if (db_query_int(db, "SELECT LAST_INSERT_ID()", NULL, 0, sid, e) < 0)
		return -1;
	paid.key = P_INT(*sid);
	if (state_move(db, &page, &paid, NULL, e) < 0)
		return -1;
	return state_move(db, &page, &child_paid, NULL, e);
}

static int pick_tx(struct db *db, void *arg, struct err *e)
{
	struct pick_arg *x = arg;
	struct page_row r;
	long long left, child, sid, seq;
	char idtext[PAGE_ID_TEXT];

	if (page_lock_own(db, x->a, x->id, &r, e) < 0 ||
	    page_children_left(db, x->id, &left, e) < 0)
		return -1;
	if (strcmp(r.state, "live") != 0 && strcmp(r.state, "ended") != 0)
		return err_core(e, ERR_CONFLICT, "page.state", "pick on a %s page", r.state);
	if (left <= 0)
		return err_core(e, ERR_CONFLICT, "page.not_covered", "page %lld: nothing to pick",
		                x->id);
	if (pick_child(db, x->code, &child, e) < 0)
		return -1;
	if (!child)
		return err_core(e, ERR_CONFLICT, "page.child_taken", "child %s not waiting",
		                x->code);
	if (pick_sponsor(db, x, child, &sid, e) < 0)
		return -1;
	/* The page's next seq: under its row lock, and the key (page, seq) besides. */
	struct dbp p[] = { P_INT(x->id), P_INT(child), P_INT(sid), P_INT(x->id) };
	struct dbp ps[] = { P_INT(sid) };
	if (db_exec(db, "INSERT INTO page_children (page_id, seq, child_id, sponsorship_id) "
	            "SELECT ?, COUNT(*) + 1, ?, ? FROM page_children WHERE page_id = ?",
	            p, nitems(p), NULL, e) < 0 ||
	    db_query_int(db, "SELECT seq FROM page_children WHERE sponsorship_id = ?", ps,
	                 nitems(ps), &seq, e) < 0)
		return -1;
	snprintf(idtext, sizeof idtext, "%lld", x->id);
	return audit_actor(db, x->a, e, "page.pick", "page", idtext,
	                   "child %s, sponsorship %lld, the page's child %lld", x->code, sid, seq);
}

int page_pick(struct db *db, const struct actor *a, long long id, const char *child_code,
              struct err *e)
{
	struct pick_arg x = { a, id, child_code };

	return db_tx(db, pick_tx, &x, e);
}

static int sweep_tx(struct db *db, void *arg, struct err *e)
{
	const struct actor *a = *(const struct actor **)arg;
	struct dbp lim[] = { P_INT(SWEEP_PAGES) };
	struct id_list l = { 0 };
	unsigned long long moved, total = 0;
	int rc = 0;

	if (row_ids(db, "SELECT id FROM fund_pages WHERE state IN ('live','paused') "
	            "AND ends_on < CURDATE() ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
	            lim, nitems(lim), &l, e) < 0)
		return -1;
	for (size_t i = 0; i < l.n && rc == 0; i++) {
		struct move m = {
			.ent = ENT_PAGE, .where = "id = ?", .key = P_INT(l.v[i]),
			.from = SB(PG_LIVE) | SB(PG_PAUSED), .to = PG_ENDED,
			.why = "past its end date",
		};
		rc = state_move(db, a, &m, &moved, e);
		total += moved;
	}
	free(l.v);
	if (rc == 0 && total)
		log_info("sweep: %llu fundraising pages past their end date ended", total);
	return rc;
}

int page_sweep(struct db *db, const struct config *cfg, const struct actor *a, struct err *e)
{
	(void)cfg;
	return db_tx(db, sweep_tx, &a, e);
}
