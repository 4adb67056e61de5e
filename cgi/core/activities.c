/* core/activities.c — themed activities for staff, their updates, their sweep (activities.h). */
#include <stdio.h>
#include <string.h>

#include "../log.h"
#include "../regions.h"
#include "../util.h"
#include "activities.h"
#include "audit.h"
#include "fundraising.h"
#include "orgs.h"
#include "rows.h"
#include "state.h"

#define ACT_ID_LEN 24
#define ACT_SWEEP_BATCH 100

void activities_scope(const struct actor *a, struct scope *s)
{
	orgs_scope(a, s);
	/* A city's staff reach the city's own row too: city_code is set on it and its counties. */
	if (a->kind == ACTOR_STAFF && strcmp(a->role, "city") == 0)
		s->sql = "r.city_code = ?";
}

/* An activity as the changes read it, locked. */
struct act_row {
	char state[12], region[ACTOR_REGION_LEN], starts_on[ACTIVITY_DATE_LEN];
};

/* Activity id locked into *r, if a reaches it; else not found. */
static int act_lock(struct db *db, const struct actor *a, long long id, struct act_row *r,
                    struct err *e)
{
	struct dbp p[] = { P_INT(id) };
	const struct var v[] = { VAR_STR(r->state), VAR_STR(r->region), VAR_STR(r->starts_on) };
	int found = row_get(db, "SELECT state, COALESCE(region_code, ''), "
	                    "DATE_FORMAT(starts_on, '%Y-%m-%d') FROM activities "
	                    "WHERE id = ? FOR UPDATE", p, nitems(p), v, nitems(v), e);

	if (found < 0)
		return -1;
	if (!found || !scope_reaches_region(a, r->region))
		return err_core(e, ERR_NOT_FOUND, "fund.unknown", "activity %lld: not found or out "
		                "of reach", id);
	return 0;
}

/*
 * The region an activity of a's gets from the form: as named (a city or a county within reach),
 * or, left empty, the province's (for province staff) or the actor's own.
 */
static int act_region(const struct actor *a, const char *named, const char **region,
                      struct err *e)
{
	const struct region *r;

	*region = *named ? named : strcmp(a->role, "province") == 0 ? "" : a->region;
	r = **region ? region_get(*region) : NULL;
	if (**region && (!r || !(r->is_city || r->is_county)))
		return err_core(e, ERR_INVALID, "activities.region_kind", "region %s is no city or "
		                "county", *region);
	if (!scope_reaches_region(a, *region))
		return err_core(e, ERR_FORBIDDEN, "activities.region", "region '%s' out of reach",
		                *region);
	return 0;
}

static int dates_ok(const char *from, const char *to, struct err *e)
{
	if (strcmp(from, to) > 0)
		return err_core(e, ERR_INVALID, "activities.dates", "ends %s before it starts %s",
		                to, from);
	return 0;
}

static int slug_taken(struct err *e, const char *slug)
{
	return db_is_dup(e) ? err_core(e, ERR_CONFLICT, "activities.slug_taken", "slug %s taken",
	                               slug) : -1;
}

/* ---- opening and changing one ---- */

struct act_write {
	const struct actor          *a;
	const struct activity_form  *f;
	const char                  *region;
	long long                    id;
};

static int create_tx(struct db *db, void *arg, struct err *e)
{
	struct act_write *w = arg;
	const struct activity_form *f = w->f;
	char id[ACT_ID_LEN];
	struct dbp p[] = {
		P_STR(f->slug), P_STR(f->title), P_STR(f->story), P_INT(f->goal_fen),
		P_STR(f->starts_on), P_STR(f->ends_on), P_STR(w->region), P_STR(f->filing_no),
		P_INT(w->a->id),
	};

	if (db_exec(db, "INSERT INTO activities (slug, title, story, goal_fen, starts_on, ends_on, "
	            "region_code, filing_no, created_by) VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, ''), "
	            "NULLIF(?, ''), ?)", p, nitems(p), NULL, e) < 0)
		return slug_taken(e, f->slug);
	if (db_query_int(db, "SELECT LAST_INSERT_ID()", NULL, 0, &w->id, e) < 0)
		return -1;
	snprintf(id, sizeof id, "%lld", w->id);
	return audit_actor(db, w->a, e, "activity.create", "activity", id, "opened activity %s "
	                   "(%s)", f->slug, *w->region ? w->region : "province");
}

int activity_create(struct db *db, const struct actor *a, const struct activity_form *f,
                    long long *id, struct err *e)
{
	struct act_write w = { a, f, NULL, 0 };

	if (act_region(a, f->region, &w.region, e) < 0 || dates_ok(f->starts_on, f->ends_on, e) < 0)
		return -1;
	if (db_tx(db, create_tx, &w, e) < 0)
		return -1;
	*id = w.id;
	return 0;
}

/* A draft is changed whole. */
static int save_draft(struct db *db, struct act_write *w, struct err *e)
{
	const struct activity_form *f = w->f;

	if (!f->slug || !f->title || !f->starts_on || f->goal_fen <= 0)
		return err_core(e, ERR_INVALID, "activities.missing", "draft %lld without slug, "
		                "title, goal or start", w->id);
	if (act_region(w->a, f->region, &w->region, e) < 0 ||
	    dates_ok(f->starts_on, f->ends_on, e) < 0)
		return -1;
	struct dbp p[] = {
		P_STR(f->slug), P_STR(f->title), P_STR(f->story), P_INT(f->goal_fen),
		P_STR(f->starts_on), P_STR(f->ends_on), P_STR(w->region), P_STR(f->filing_no),
		P_INT(w->id),
	};
	if (db_exec(db, "UPDATE activities SET slug = ?, title = ?, story = ?, goal_fen = ?, "
	            "starts_on = ?, ends_on = ?, region_code = NULLIF(?, ''), "
	            "filing_no = NULLIF(?, '') WHERE id = ?", p, nitems(p), NULL, e) < 0)
		return slug_taken(e, f->slug);
	return 0;
}

/* Once public, its story, filing number and end date only: what donors were told stays. */
static int save_public(struct db *db, struct act_write *w, const struct act_row *r,
                       struct err *e)
{
	const struct activity_form *f = w->f;
	struct dbp p[] = { P_STR(f->story), P_STR(f->filing_no), P_STR(f->ends_on), P_INT(w->id) };

	if (dates_ok(r->starts_on, f->ends_on, e) < 0)
		return -1;
	return db_exec(db, "UPDATE activities SET story = ?, filing_no = NULLIF(?, ''), "
	               "ends_on = ? WHERE id = ?", p, nitems(p), NULL, e);
}

static int save_tx(struct db *db, void *arg, struct err *e)
{
	struct act_write *w = arg;
	struct act_row r;
	char id[ACT_ID_LEN];
	int st;

	if (act_lock(db, w->a, w->id, &r, e) < 0)
		return -1;
	st = state_of(ENT_ACTIVITY, r.state);
	if (st == AC_ENDED)
		return err_core(e, ERR_CONFLICT, "activities.ended", "activity %lld ended", w->id);
	if ((st == AC_DRAFT ? save_draft(db, w, e) : save_public(db, w, &r, e)) < 0)
		return -1;
	snprintf(id, sizeof id, "%lld", w->id);
	return audit_actor(db, w->a, e, "activity.update", "activity", id, "changed activity %s "
	                   "(%s)", w->f->slug, r.state);
}

int activity_save(struct db *db, const struct actor *a, long long id,
                  const struct activity_form *f, struct err *e)
{
	struct act_write w = { a, f, NULL, id };

	return db_tx(db, save_tx, &w, e);
}

/* ---- its state ---- */

struct act_move {
	const struct actor *a;
	long long           id;
	enum activity_move  m;
	const char         *reason;
};

/* Publish or end: a move of state_move's, from the states it may leave. */
static int plain_move(struct db *db, const struct act_move *w, struct err *e)
{
	int publish = w->m == ACT_PUBLISH;
	struct move m = {
		.ent = ENT_ACTIVITY, .where = "id = ?", .key = P_INT(w->id),
		.from = publish ? SB(AC_DRAFT) : SB(AC_LIVE) | SB(AC_PAUSED),
		.to = publish ? AC_LIVE : AC_ENDED, .why = publish ? "published" : "ended by staff",
	};
	struct act_row r;
	unsigned long long moved;

	if (act_lock(db, w->a, w->id, &r, e) < 0 || state_move(db, w->a, &m, &moved, e) < 0)
		return -1;
	if (!moved)
		return err_core(e, ERR_CONFLICT, "activities.state", "activity %lld is %s", w->id,
		                r.state);
	return 0;
}

static int move_tx(struct db *db, void *arg, struct err *e)
{
	struct act_move *w = arg;

	switch (w->m) {
	case ACT_PAUSE:
		return fund_pause(db, w->a, FUND_ACTIVITY, w->id, w->reason, NULL, e);
	case ACT_RESUME:
		return fund_resume(db, w->a, FUND_ACTIVITY, w->id, e);
	default:
		return plain_move(db, w, e);
	}
}

int activity_move(struct db *db, const struct actor *a, long long id, enum activity_move m,
                  const char *reason, struct err *e)
{
	struct act_move w = { a, id, m, reason };

	return db_tx(db, move_tx, &w, e);
}

/* ---- progress updates ---- */

struct act_update {
	const struct actor *a;
	long long           id;
	const char         *body;
	int                 final;
};

static int update_tx(struct db *db, void *arg, struct err *e)
{
	struct act_update *w = arg;
	struct dbp p[] = { P_INT(w->id), P_STR(w->body), P_INT(w->final), P_INT(w->a->id) };
	struct dbp q[] = { P_INT(w->id) };
	struct act_row r;
	char id[ACT_ID_LEN];
	long long finals;
	int st;

	if (act_lock(db, w->a, w->id, &r, e) < 0)
		return -1;
	st = state_of(ENT_ACTIVITY, r.state);
	if (st == AC_DRAFT)
		return err_core(e, ERR_CONFLICT, "activities.draft", "activity %lld is a draft",
		                w->id);
	if (w->final && st != AC_ENDED)
		return err_core(e, ERR_CONFLICT, "activities.not_ended", "activity %lld is %s",
		                w->id, r.state);
	/* The activity's row lock makes this count the last word. */
	if (w->final && (db_query_int(db, "SELECT COUNT(*) FROM progress_updates "
	                              "WHERE item_kind = 'activity' AND item_id = ? AND final = 1",
	                              q, nitems(q), &finals, e) < 0))
		return -1;
	if (w->final && finals > 0)
		return err_core(e, ERR_CONFLICT, "activities.final_twice", "activity %lld has its "
		                "closing report", w->id);
	if (db_exec(db, "INSERT INTO progress_updates (item_kind, item_id, body, final, posted_on, "
	            "staff_id) VALUES ('activity', ?, ?, ?, CURDATE(), ?)", p, nitems(p), NULL,
	            e) < 0)
		return -1;
	snprintf(id, sizeof id, "%lld", w->id);
	return audit_actor(db, w->a, e, w->final ? "activity.report" : "activity.news",
	                   "activity", id, "posted %s", w->final ? "its closing report" :
	                   "a progress update");
}

int activity_post_update(struct db *db, const struct actor *a, long long id, const char *body,
                         int final, struct err *e)
{
	struct act_update w = { a, id, body, final };

	return db_tx(db, update_tx, &w, e);
}

/* ---- the sweep and directed gifts ---- */

struct act_end {
	const struct actor *a;
	long long           id;
};

static int end_tx(struct db *db, void *arg, struct err *e)
{
	const struct act_end *w = arg;
	const struct move m = {
		.ent = ENT_ACTIVITY, .where = "id = ? AND ends_on < CURDATE()", .key = P_INT(w->id),
		.from = SB(AC_LIVE) | SB(AC_PAUSED), .to = AC_ENDED, .why = "past its end date",
	};

	return state_move(db, w->a, &m, NULL, e);
}

int activities_sweep(struct db *db, const struct actor *a, struct err *e)
{
	struct id_list ids = { 0 };
	struct dbp p[] = { P_INT(ACT_SWEEP_BATCH) };
	int rc = row_ids(db, "SELECT id FROM activities WHERE state IN ('live', 'paused') "
	                 "AND ends_on < CURDATE() ORDER BY id LIMIT ?", p, nitems(p), &ids, e);

	for (size_t i = 0; rc == 0 && i < ids.n; i++) {
		struct act_end w = { a, ids.v[i] };

		rc = db_tx(db, end_tx, &w, e);
	}
	if (rc == 0 && ids.n)
		log_info("sweep: %zu activities past their end date ended", ids.n);
	id_list_free(&ids);
	return rc;
}

int activities_check_unit(struct db *db, long long unit, struct err *e)
{
	struct dbp p[] = { P_INT(unit) };
	long long signed_;

	if (db_query_int(db, "SELECT agreement_signed FROM member_units WHERE id = ?", p,
	                 nitems(p), &signed_, e) < 0)
		return -1;
	if (!signed_)
		return err_core(e, ERR_INVALID, "activities.unit", "unit %lld unknown or unsigned",
		                unit);
	return 0;
}
