/* core/visits.c — visits to paired children: the draft, its submission, its review. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "../labels.h"
#include "../log.h"
#include "../pii.h"
#include "../scope.h"
#include "../util.h"
#include "audit.h"
#include "rows.h"
#include "state.h"
#include "visits.h"

/* A query with a scope condition put in. */
#define VISITS_SQL_MAX 1536
/* A row id as text, for audit rows. */
#define ID_TEXT_MAX    24

static int role_is(const struct actor *a, const char *role)
{
	return a->kind == ACTOR_STAFF && strcmp(a->role, role) == 0;
}

int visit_writer(const struct actor *a)
{
	return role_is(a, "volunteer") || role_is(a, "county");
}

int visit_reviewer(const struct actor *a)
{
	return role_is(a, "county") || role_is(a, "city") || role_is(a, "province");
}

/* ---- the child a visit is for ---- */

#define CHILD_SQL(lock) \
	"SELECT c.id, c.code, c.alias, DATE_FORMAT(x.decided_at, '%%Y-%%m-%%d'), " \
	"DATE_FORMAT(CURDATE(), '%%Y-%%m-%%d'), x.id FROM children c " \
	"JOIN sponsorships x ON x.live_child = c.id AND x.state = 'active' " \
	"WHERE c.code = ? AND c.status = 'paired' AND %s" lock

/* The child with code in a's reach, paired, and its active sponsorship (into *sponsorship). */
static int find_child(struct db *db, const struct actor *a, const char *code, int lock,
                      struct visit_child *out, long long *sponsorship, struct err *e)
{
	char sql[VISITS_SQL_MAX];
	struct scope s;
	struct dbp p[] = { P_STR(code), P_NULL };
	const struct var cols[] = {
		VAR_LL(&out->id), VAR_STR(out->code), VAR_STR(out->alias), VAR_STR(out->paired_on),
		VAR_STR(out->today), VAR_LL(sponsorship),
	};
	int found;

	if (!visit_writer(a))
		return err_core(e, ERR_FORBIDDEN, "visits.not_writer", "role %s writes no visits",
		                a->role);
	scope_for(a, &s);
	p[1] = s.param;
	if (scope_sql(sql, sizeof sql, lock ? CHILD_SQL(" FOR UPDATE") : CHILD_SQL(""), &s) < 0)
		return err_internal(e, "visit child query too long");
	found = row_get(db, sql, p, nitems(p), cols, nitems(cols), e);
	if (found < 0)
		return -1;
	if (!found)
		return err_core(e, ERR_NOT_FOUND, "visits.no_child",
		                "visit for %s: not paired, or out of reach", code);
	return 0;
}

int visit_child(struct db *db, const struct actor *a, const char *code, struct visit_child *out,
                struct err *e)
{
	long long sponsorship;

	return find_child(db, a, code, 0, out, &sponsorship, e);
}

/* ---- the form's checks and its sealed texts ---- */

/* The date neither after today nor before the pairing began (both YYYY-MM-DD: text order). */
static int check_form(const struct visit_form *f, const char *paired_on, const char *today,
                      struct err *e)
{
	/* A reviewer's edit sends the summary alone; an author's sends the whole form. */
	if (!f->date || !f->kind)
		return err_core(e, ERR_INVALID, "visits.incomplete", "no date or kind");
	if (strcmp(f->date, today) > 0)
		return err_core(e, ERR_INVALID, "visits.future", "visit date %s after %s", f->date,
		                today);
	if (strcmp(f->date, paired_on) < 0)
		return err_core(e, ERR_INVALID, "visits.before_pairing",
		                "visit date %s before the pairing (%s)", f->date, paired_on);
	if (!(f->care & VISIT_CARE_ALL))
		return err_core(e, ERR_INVALID, "visits.no_care", "no care kind ticked");
	return 0;
}

/* The care bits as the column's SET text ("life,education"). */
static void care_text(unsigned care, char *out, size_t n)
{
	out[0] = '\0';
	for (unsigned i = 0; CARE_KINDS[i].code; i++)
		if (care & (1u << i))
			snprintf(out + strlen(out), n - strlen(out), "%s%s", out[0] ? "," : "",
			         CARE_KINDS[i].code);
}

/* The summary and the staff note, sealed to the child with code. */
struct sealed_texts {
	unsigned char summary[PII_SEALED_LEN(VISIT_TEXT_LEN)], note[PII_SEALED_LEN(VISIT_TEXT_LEN)];
	long          lsummary, lnote;   /* lnote 0: no note */
};

static int seal_texts(const struct config *cfg, const struct visit_form *f, const char *code,
                      struct sealed_texts *s, struct err *e)
{
	s->lnote = 0;
	s->lsummary = pii_seal(cfg->pii_key, "visit_summary", code, f->summary,
	                       strlen(f->summary), s->summary, sizeof s->summary);
	if (f->note && f->note[0])
		s->lnote = pii_seal(cfg->pii_key, "visit_note", code, f->note, strlen(f->note),
		                    s->note, sizeof s->note);
	if (s->lsummary < 0 || s->lnote < 0)
		return err_internal(e, "visit texts of %s do not seal", code);
	return 0;
}

static struct dbp note_param(const struct sealed_texts *s)
{
	return s->lnote ? P_BIN(s->note, s->lnote) : P_NULL;
}

/* ---- a new visit ---- */

struct creation {
	const struct config     *cfg;
	const struct actor      *a;
	const struct visit_form *f;
	long long                id;
};

/*
 * The visit the form key made already: 1 (its id in c->id) if a made it, a conflict if another.
 * lock: read the latest, committed since this transaction began (after the key was refused).
 */
static int made_already(struct db *db, struct creation *c, int lock, struct err *e)
{
	long long author = 0;
	struct dbp p[] = { P_STR(c->f->form_key) };
	const struct var cols[] = { VAR_LL(&c->id), VAR_LL(&author) };
	int found = row_get(db, lock ? "SELECT id, author_id FROM visits WHERE form_key = UNHEX(?) "
	                    "LOCK IN SHARE MODE" :
	                    "SELECT id, author_id FROM visits WHERE form_key = UNHEX(?)",
	                    p, nitems(p), cols, nitems(cols), e);

	if (found <= 0)
		return found;
	if (author != c->a->id)
		return err_core(e, ERR_CONFLICT, "visits.key_used",
		                "form key of visit %lld sent by staff %lld", c->id, c->a->id);
	return 1;
}

static int submit_move(struct db *db, const struct actor *a, long long id, struct err *e);

/* The visit's row, a draft of the child ch under its sponsorship; its id into c->id. */
static int insert_visit(struct db *db, struct creation *c, const struct visit_child *ch,
                        long long sponsorship, const struct sealed_texts *s, struct err *e)
{
	const struct visit_form *f = c->f;
	char care[VISIT_WORD_LEN];
	struct dbp p[] = {
		P_INT(ch->id), P_INT(sponsorship), P_INT(c->a->id), P_STR(f->date), P_STR(f->kind),
		P_NULL, f->given_fen >= 0 ? P_INT(f->given_fen) : P_NULL,
		f->given_what ? P_STR(f->given_what) : P_NULL, note_param(s),
		P_BIN(s->summary, s->lsummary), P_STR(f->form_key),
	};

	care_text(f->care, care, sizeof care);
	p[5] = P_STR(care);   /* the care's text, made here */
	if (db_exec(db, "INSERT INTO visits (child_id, sponsorship_id, author_id, visited_on, "
	            "kind, care, given_fen, given_what, staff_note, summary, form_key) "
	            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UNHEX(?))", p, nitems(p), NULL, e) < 0)
		return -1;
	return db_query_int(db, "SELECT LAST_INSERT_ID()", NULL, 0, &c->id, e) < 0 ? -1 : 0;
}

/*
 * A retry of the same form sent at once found no visit, waited for the first's lock on the child,
 * and had its key refused when that one committed: 1 with the first's visit, as made_already.
 */
static int made_meanwhile(struct db *db, struct creation *c, struct err *e)
{
	int made;

	if (!db_is_dup(e))
		return -1;
	err_clear(e);
	made = made_already(db, c, 1, e);
	return made ? made : err_internal(e, "visit form key refused, yet not found");
}

static int create_tx(struct db *db, void *arg, struct err *e)
{
	struct creation *c = arg;
	const struct visit_form *f = c->f;
	struct visit_child ch;
	struct sealed_texts s;
	long long sponsorship;
	char id[ID_TEXT_MAX];
	/* A plain read: a locking one's gap lock would make creations of other visits deadlock. */
	int made = made_already(db, c, 0, e);

	if (made)
		return made < 0 ? -1 : 0;
	if (find_child(db, c->a, f->child, 1, &ch, &sponsorship, e) < 0 ||
	    check_form(f, ch.paired_on, ch.today, e) < 0 ||
	    seal_texts(c->cfg, f, ch.code, &s, e) < 0)
		return -1;
	if (insert_visit(db, c, &ch, sponsorship, &s, e) < 0) {
		made = made_meanwhile(db, c, e);
		return made < 0 ? -1 : 0;
	}
	snprintf(id, sizeof id, "%lld", c->id);
	if (audit_actor(db, c->a, e, "visit.create", "visit", id, "visit of %s on %s logged",
	                ch.code, f->date) < 0)
		return -1;
	return f->submit ? submit_move(db, c->a, c->id, e) : 0;
}

int visit_create(struct db *db, const struct config *cfg, const struct actor *a,
                 const struct visit_form *f, long long *id, struct err *e)
{
	struct creation c = { .cfg = cfg, .a = a, .f = f };

	if (db_tx(db, create_tx, &c, e) < 0)
		return -1;
	*id = c.id;
	log_info("staff %lld logged visit %lld", a->id, c.id);
	return 0;
}

/* ---- reading a visit ---- */

#define VISIT_SQL(lock) \
	"SELECT v.id, v.child_id, v.author_id, COALESCE(v.given_fen, -1), v.state, v.kind, " \
	"v.care, DATE_FORMAT(v.visited_on, '%%Y-%%m-%%d'), DATE_FORMAT(x.decided_at, " \
	"'%%Y-%%m-%%d'), DATE_FORMAT(v.submitted_at, '%%Y-%%m-%%d %%H:%%i'), " \
	"DATE_FORMAT(v.reviewed_at, '%%Y-%%m-%%d %%H:%%i'), c.code, c.alias, a.display_name, " \
	"r.display_name, v.given_what, v.review_note, DATE_FORMAT(CURDATE(), '%%Y-%%m-%%d'), " \
	"v.summary, v.staff_note FROM visits v JOIN children c ON c.id = v.child_id " \
	"JOIN sponsorships x ON x.id = v.sponsorship_id JOIN staff a ON a.id = v.author_id " \
	"LEFT JOIN staff r ON r.id = v.reviewed_by " \
	"WHERE v.id = ? AND (v.author_id = ? OR ? <> 'volunteer') AND %s" lock

/* VISIT_SQL's columns, in order. */
enum {
	V_ID, V_CHILD, V_AUTHOR, V_GIVEN, V_STATE, V_KIND, V_CARE, V_ON, V_PAIRED, V_SUBMITTED,
	V_REVIEWED, V_CODE, V_ALIAS, V_AUTHOR_NAME, V_REVIEWER, V_WHAT, V_NOTE, V_TODAY, V_SUMMARY,
	V_STAFF_NOTE
};

struct reading {
	const struct config *cfg;
	struct visit        *v;
	int                  found;
	struct err          *e;
};

/* A sealed text of the visit into out (VISIT_TEXT_LEN); NULL is empty (a visit without a note). */
static int open_text(const struct reading *r, const char *field, const char *ct,
                     unsigned long len, char *out)
{
	out[0] = '\0';
	if (ct && pii_open_into(r->cfg->pii_key, field, r->v->code, ct, len, out,
	                        VISIT_TEXT_LEN) < 0)
		return err_core(r->e, ERR_INTERNAL, NULL, "visit %lld: %s does not open", r->v->id,
		                field);
	return 0;
}

static int visit_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct reading *r = ctx;
	struct visit *o = r->v;

	(void)n; (void)f;
	r->found = 1;
	o->id = strtoll(v[V_ID], NULL, 10);
	o->child_id = strtoll(v[V_CHILD], NULL, 10);
	o->author_id = strtoll(v[V_AUTHOR], NULL, 10);
	o->given_fen = strtoll(v[V_GIVEN], NULL, 10);
	row_text(o->state, sizeof o->state, v[V_STATE]);
	row_text(o->kind, sizeof o->kind, v[V_KIND]);
	row_text(o->care, sizeof o->care, v[V_CARE]);
	row_text(o->visited_on, sizeof o->visited_on, v[V_ON]);
	row_text(o->paired_on, sizeof o->paired_on, v[V_PAIRED]);
	row_text(o->submitted_at, sizeof o->submitted_at, v[V_SUBMITTED]);
	row_text(o->reviewed_at, sizeof o->reviewed_at, v[V_REVIEWED]);
	row_text(o->code, sizeof o->code, v[V_CODE]);
	row_text(o->alias, sizeof o->alias, v[V_ALIAS]);
	row_text(o->author, sizeof o->author, v[V_AUTHOR_NAME]);
	row_text(o->reviewer, sizeof o->reviewer, v[V_REVIEWER]);
	row_text(o->given_what, sizeof o->given_what, v[V_WHAT]);
	row_text(o->review_note, sizeof o->review_note, v[V_NOTE]);
	row_text(o->today, sizeof o->today, v[V_TODAY]);
	if (open_text(r, "visit_summary", v[V_SUMMARY], l[V_SUMMARY], o->summary) < 0 ||
	    open_text(r, "visit_note", v[V_STAFF_NOTE], l[V_STAFF_NOTE], o->note) < 0)
		return -1;
	return 0;
}

/* The summary through the privacy check, with the child's record's words (wiped after). */
static int check_summary(struct db *db, const struct config *cfg, struct visit *v,
                         struct err *e)
{
	struct privacy_terms t;
	int rc = privacy_terms_of(db, cfg, v->child_id, &t, e);

	if (rc == 0)
		privacy_scan(v->summary, &t, PV_FOR_VISIT, &v->found);
	privacy_terms_wipe(&t);
	return rc;
}

/* The visit as a reads it (locked for a change if lock), into r->v. */
static int read_visit(struct db *db, const struct actor *a, long long id, int lock,
                      struct reading *r)
{
	char sql[VISITS_SQL_MAX];
	struct scope s;
	struct dbp p[] = { P_INT(id), P_INT(a->id), P_STR(a->role), P_NULL };
	struct visit *v = r->v;

	memset(v, 0, sizeof *v);
	scope_for(a, &s);
	p[3] = s.param;
	if (scope_sql(sql, sizeof sql, lock ? VISIT_SQL(" FOR UPDATE") : VISIT_SQL(""), &s) < 0)
		return err_internal(r->e, "visit query too long");
	if (db_query(db, sql, p, nitems(p), visit_row, r, r->e) < 0)
		return -1;
	if (!r->found)
		return err_core(r->e, ERR_NOT_FOUND, "visits.unknown",
		                "visit %lld not found or out of reach", id);
	v->mine = v->author_id == a->id;
	v->may_edit = v->mine && visit_writer(a) &&
	              (strcmp(v->state, "draft") == 0 || strcmp(v->state, "returned") == 0);
	v->may_review = visit_reviewer(a) && strcmp(v->state, "submitted") == 0;
	return check_summary(db, r->cfg, v, r->e);
}

int visit_read(struct db *db, const struct config *cfg, const struct actor *a, long long id,
               struct visit *v, struct err *e)
{
	struct reading r = { .cfg = cfg, .v = v, .e = e };
	char key[24];

	if (read_visit(db, a, id, 0, &r) < 0)
		return -1;
	/* The summary and the staff note are about the child: every staff view is audited. */
	snprintf(key, sizeof key, "%lld", id);
	return audit_actor(db, a, e, "visit.view", "visit", key, "read the visit of %s", v->code);
}

/* ---- changes to a visit ---- */

/* A change to one visit: who, which, with what, and the visit as read under its lock. */
struct change {
	const struct config     *cfg;
	const struct actor      *a;
	long long                id;
	const struct visit_form *f;       /* an edit */
	unsigned                 photos;  /* an approval: the slots confirmed */
	const char              *why;     /* a return */
	struct visit             v;
};

static int lock_visit(struct db *db, struct change *c, struct err *e)
{
	struct reading r = { .cfg = c->cfg, .v = &c->v, .e = e };

	return read_visit(db, c->a, c->id, 1, &r);
}

static int submit_move(struct db *db, const struct actor *a, long long id, struct err *e)
{
	const struct move m = {
		.ent = ENT_VISIT, .where = "id = ?", .key = P_INT(id),
		.from = SB(VI_DRAFT) | SB(VI_RETURNED), .to = VI_SUBMITTED, .why = "submitted",
		.set = "submitted_at = NOW()",
	};
	unsigned long long moved;

	if (state_move(db, a, &m, &moved, e) < 0)
		return -1;
	return moved == 1 ? 0 : err_core(e, ERR_CONFLICT, "visits.locked",
	                                 "visit %lld: not a draft to submit", id);
}

/* The author's edit of a draft or returned visit: every field. */
static int edit_all(struct db *db, struct change *c, struct err *e)
{
	const struct visit_form *f = c->f;
	struct sealed_texts s;
	char care[VISIT_WORD_LEN];
	struct dbp p[] = {
		P_STR(f->date), P_STR(f->kind), P_NULL,   /* the care, the texts: below */
		f->given_fen >= 0 ? P_INT(f->given_fen) : P_NULL,
		f->given_what ? P_STR(f->given_what) : P_NULL, P_NULL, P_NULL, P_INT(c->id),
	};

	if (check_form(f, c->v.paired_on, c->v.today, e) < 0 ||
	    seal_texts(c->cfg, f, c->v.code, &s, e) < 0)
		return -1;
	care_text(f->care, care, sizeof care);
	p[2] = P_STR(care);
	p[5] = note_param(&s);
	p[6] = P_BIN(s.summary, s.lsummary);
	return db_exec(db, "UPDATE visits SET visited_on = ?, kind = ?, care = ?, given_fen = ?, "
	               "given_what = ?, staff_note = ?, summary = ? WHERE id = ?",
	               p, nitems(p), NULL, e);
}

/* A reviewer's edit of a submitted visit: the summary alone (what the privacy check is about). */
static int edit_summary(struct db *db, struct change *c, struct err *e)
{
	unsigned char sealed[PII_SEALED_LEN(VISIT_TEXT_LEN)];
	long n = pii_seal(c->cfg->pii_key, "visit_summary", c->v.code, c->f->summary,
	                  strlen(c->f->summary), sealed, sizeof sealed);
	struct dbp p[] = { P_BIN(sealed, n), P_INT(c->id) };

	if (n < 0)
		return err_internal(e, "visit %lld: summary does not seal", c->id);
	return db_exec(db, "UPDATE visits SET summary = ? WHERE id = ?", p, nitems(p), NULL, e);
}

static int update_tx(struct db *db, void *arg, struct err *e)
{
	struct change *c = arg;
	char id[ID_TEXT_MAX];
	int review;

	if (lock_visit(db, c, e) < 0)
		return -1;
	review = !c->v.may_edit && c->v.may_review;
	if (!c->v.may_edit && !review)
		return err_core(e, ERR_CONFLICT, "visits.locked", "visit %lld (%s) not editable by "
		                "staff %lld", c->id, c->v.state, c->a->id);
	if ((review ? edit_summary(db, c, e) : edit_all(db, c, e)) < 0)
		return -1;
	snprintf(id, sizeof id, "%lld", c->id);
	if (audit_actor(db, c->a, e, review ? "visit.edit_summary" : "visit.edit", "visit", id,
	                review ? "summary of a visit of %s edited at review" :
	                "visit of %s edited", c->v.code) < 0)
		return -1;
	return !review && c->f->submit ? submit_move(db, c->a, c->id, e) : 0;
}

int visit_update(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                 const struct visit_form *f, struct err *e)
{
	struct change c = { .cfg = cfg, .a = a, .id = id, .f = f };

	return db_tx(db, update_tx, &c, e);
}

static int submit_tx(struct db *db, void *arg, struct err *e)
{
	struct change *c = arg;

	if (lock_visit(db, c, e) < 0)
		return -1;
	if (!c->v.mine)
		return err_core(e, ERR_FORBIDDEN, "visits.not_author",
		                "visit %lld: staff %lld is not its author", c->id, c->a->id);
	return submit_move(db, c->a, c->id, e);
}

int visit_submit(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                 struct err *e)
{
	struct change c = { .cfg = cfg, .a = a, .id = id };

	return db_tx(db, submit_tx, &c, e);
}

/* The visit locked for review: a reviewer's, and submitted. */
static int lock_for_review(struct db *db, struct change *c, struct err *e)
{
	if (lock_visit(db, c, e) < 0)
		return -1;
	if (!visit_reviewer(c->a))
		return err_core(e, ERR_FORBIDDEN, "visits.not_reviewer",
		                "staff %lld (%s) reviews no visits", c->a->id, c->a->role);
	if (!c->v.may_review)
		return err_core(e, ERR_CONFLICT, "visits.not_submitted", "visit %lld is %s", c->id,
		                c->v.state);
	return 0;
}

/* The ticked photos of the visit confirmed fit to show, by the reviewer. */
static int confirm_photos(struct db *db, struct change *c, struct err *e)
{
	struct dbp p[] = { P_INT(c->a->id), P_INT(c->id), P_INT(c->photos) };
	unsigned long long n;
	char id[ID_TEXT_MAX];

	if (!c->photos)
		return 0;
	if (db_exec(db, "UPDATE photos SET confirmed = 1, confirmed_by = ? WHERE visit_id = ? "
	            "AND confirmed = 0 AND (? & (1 << (slot - 1))) <> 0", p, nitems(p), &n, e) < 0)
		return -1;
	snprintf(id, sizeof id, "%lld", c->id);
	return n ? audit_actor(db, c->a, e, "visit.photos", "visit", id,
	                       "%llu photo(s) of a visit of %s confirmed", n, c->v.code) : 0;
}

static int approve_tx(struct db *db, void *arg, struct err *e)
{
	struct change *c = arg;
	struct dbp by[] = { P_INT(c->a->id) };
	const struct move m = {
		.ent = ENT_VISIT, .where = "id = ?", .key = P_INT(c->id),
		.from = SB(VI_SUBMITTED), .to = VI_APPROVED, .why = "approved",
		.set = "reviewed_by = ?, reviewed_at = NOW()", .sp = by, .nsp = nitems(by),
	};

	if (lock_for_review(db, c, e) < 0)
		return -1;
	if (c->v.found.n) {
		err_core(e, ERR_CONFLICT, "visits.privacy", "visit %lld: %d privacy finding(s)",
		         c->id, c->v.found.n);
		e->arg = c->v.found.n;
		return -1;
	}
	if (state_move(db, c->a, &m, NULL, e) < 0)
		return -1;
	return confirm_photos(db, c, e);
}

int visit_approve(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                  unsigned photos_ok, struct err *e)
{
	struct change c = { .cfg = cfg, .a = a, .id = id, .photos = photos_ok };

	return db_tx(db, approve_tx, &c, e);
}

static int return_tx(struct db *db, void *arg, struct err *e)
{
	struct change *c = arg;
	struct dbp set[] = { P_STR(c->why), P_INT(c->a->id) };
	const struct move m = {
		.ent = ENT_VISIT, .where = "id = ?", .key = P_INT(c->id),
		.from = SB(VI_SUBMITTED), .to = VI_RETURNED, .why = "returned to its author",
		.set = "review_note = ?, reviewed_by = ?, reviewed_at = NOW()",
		.sp = set, .nsp = nitems(set),
	};

	if (lock_for_review(db, c, e) < 0)
		return -1;
	return state_move(db, c->a, &m, NULL, e);
}

int visit_return(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                 const char *why, struct err *e)
{
	struct change c = { .cfg = cfg, .a = a, .id = id, .why = why };

	return db_tx(db, return_tx, &c, e);
}
