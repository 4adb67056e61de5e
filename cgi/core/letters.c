/* core/letters.c — letters between sponsor and child through staff: write, review, hand over. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "../pii.h"
#include "../scope.h"
#include "../util.h"
#include "audit.h"
#include "letters.h"
#include "rows.h"
#include "state.h"

#define FORM_KEY_BYTES 16
#define SEALED_MAX     PII_SEALED_LEN(LETTER_LEN)
#define ID_TEXT_MAX    24

/* ---- reading ---- */

/* The columns every letter query selects, in order (LETTER_COLS), then the scope's condition. */
#define LETTER_COLS \
	"SELECT l.id, l.sponsorship_id, l.child_id, l.direction, COALESCE(l.reply_to, 0), " \
	"l.state, c.code, c.alias, c.county_code, x.state, " \
	"DATE_FORMAT(l.created_at, '%%Y-%%m-%%d %%H:%%i'), " \
	"DATE_FORMAT(l.reviewed_at, '%%Y-%%m-%%d %%H:%%i'), " \
	"DATE_FORMAT(l.delivered_at, '%%Y-%%m-%%d %%H:%%i'), l.review_note, " \
	"COALESCE(l.delivered_visit, 0), l.body, l.original " \
	"FROM letters l JOIN children c ON c.id = l.child_id " \
	"JOIN sponsorships x ON x.id = l.sponsorship_id "
enum {
	L_ID, L_SID, L_CHILD, L_DIR, L_REPLY_TO, L_STATE, L_CODE, L_ALIAS, L_COUNTY, L_SSTATE,
	L_CREATED, L_REVIEWED, L_DELIVERED, L_NOTE, L_VISIT, L_BODY, L_ORIGINAL
};

struct reading {
	const struct config *cfg;
	int                  staff;    /* the original is opened for staff alone */
	letter_fn            fn;
	void                *ctx;
	struct letter       *one;      /* letter_get's: the row goes here, fn unused */
	int                  found;
	struct err          *e;
};

/* A sealed text of the letter's child into out (LETTER_LEN); NULL reads as "" (no original). */
static int open_text(const struct reading *r, const char *field, const char *code,
                     const char *ct, unsigned long len, char *out)
{
	out[0] = '\0';
	if (!ct)
		return 0;
	if (pii_open_into(r->cfg->pii_key, field, code, ct, len, out, LETTER_LEN) < 0)
		return err_core(r->e, ERR_INTERNAL, NULL, "a letter of %s: %s does not open", code,
		                field);
	return 0;
}

static int letter_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *len)
{
	struct reading *r = ctx;
	struct letter scratch, *l = r->one ? r->one : &scratch;
	int rc = 0;

	(void)n; (void)f;
	r->found = 1;
	l->id = strtoll(v[L_ID], NULL, 10);
	l->sponsorship_id = strtoll(v[L_SID], NULL, 10);
	l->child_id = strtoll(v[L_CHILD], NULL, 10);
	l->reply_to = strtoll(v[L_REPLY_TO], NULL, 10);
	l->delivered_visit = strtoll(v[L_VISIT], NULL, 10);
	row_text(l->direction, sizeof l->direction, v[L_DIR]);
	row_text(l->state, sizeof l->state, v[L_STATE]);
	row_text(l->code, sizeof l->code, v[L_CODE]);
	row_text(l->alias, sizeof l->alias, v[L_ALIAS]);
	row_text(l->county, sizeof l->county, v[L_COUNTY]);
	row_text(l->sponsorship_state, sizeof l->sponsorship_state, v[L_SSTATE]);
	row_text(l->created, sizeof l->created, v[L_CREATED]);
	row_text(l->reviewed, sizeof l->reviewed, v[L_REVIEWED]);
	row_text(l->delivered, sizeof l->delivered, v[L_DELIVERED]);
	row_text(l->review_note, sizeof l->review_note, v[L_NOTE]);
	l->edited = v[L_ORIGINAL] != NULL;
	if (open_text(r, "letter_body", l->code, v[L_BODY], len[L_BODY], l->body) < 0 ||
	    open_text(r, "letter_original", l->code, r->staff ? v[L_ORIGINAL] : NULL,
	              len[L_ORIGINAL], l->original) < 0)
		rc = -1;
	else if (!r->one)
		rc = r->fn(r->ctx, l, r->e);
	sodium_memzero(&scratch, sizeof scratch);
	return rc;
}

/* ---- the sponsor's side ---- */

#define SPONSORSHIP_SQL "SELECT x.child_id, c.code, c.alias FROM sponsorships x " \
                        "JOIN children c ON c.id = x.child_id " \
                        "WHERE x.id = ? AND x.donor_id = ? AND x.state = 'active'"

/* The donor's active sponsorship (locked for update if lock), or not found. */
static int own_sponsorship(struct db *db, const struct actor *a, long long sid, int lock,
                           long long *child, char *code, char *alias, struct err *e)
{
	struct dbp p[] = { P_INT(sid), P_INT(a->id) };
	const struct var cols[] = {
		VAR_LL(child), { VAR_TEXT, code, CHILD_CODE_LEN + 1 },
		{ VAR_TEXT, alias, LETTER_ALIAS_LEN },
	};
	int found;

	if (a->kind != ACTOR_DONOR)
		return err_core(e, ERR_NOT_FOUND, "letters.no_sponsorship", "not a donor");
	found = row_get(db, lock ? SPONSORSHIP_SQL " FOR UPDATE" : SPONSORSHIP_SQL, p, nitems(p),
	                cols, nitems(cols), e);
	if (found < 0)
		return -1;
	if (!found)
		return err_core(e, ERR_NOT_FOUND, "letters.no_sponsorship",
		                "sponsorship %lld: not donor %lld's, or not active", sid, a->id);
	return 0;
}

int letters_sponsorship(struct db *db, const struct actor *a, long long sid, char *code,
                        char *alias, struct err *e)
{
	long long child;

	return own_sponsorship(db, a, sid, 0, &child, code, alias, e);
}

int letters_for_sponsor(struct db *db, const struct config *cfg, const struct actor *a,
                        long long sid, letter_fn fn, void *ctx, struct err *e)
{
	struct reading r = { .cfg = cfg, .fn = fn, .ctx = ctx, .e = e };
	struct dbp p[] = { P_INT(sid), P_INT(a->id) };
	char sql[SCOPE_SQL_LEN];

	/* LETTER_COLS is written for scope_sql's formatting: its %% become % here. */
	snprintf(sql, sizeof sql, LETTER_COLS "%s", "");
	strncat(sql, "WHERE l.sponsorship_id = ? AND x.donor_id = ? AND x.state = 'active' "
	        "AND (l.direction = 'to_child' OR l.state = 'approved') "
	        "ORDER BY l.created_at DESC, l.id DESC LIMIT 200", sizeof sql - strlen(sql) - 1);
	if (a->kind != ACTOR_DONOR)
		return err_core(e, ERR_NOT_FOUND, "letters.no_sponsorship", "not a donor");
	return db_query(db, sql, p, nitems(p), letter_row, &r, e);
}

/* A form's key from its hex, into 16 bytes; a malformed one is a bad request. */
static int form_key_bin(const char *hex, unsigned char out[FORM_KEY_BYTES], struct err *e)
{
	size_t n = 0;

	if (sodium_hex2bin(out, FORM_KEY_BYTES, hex, strlen(hex), NULL, &n, NULL) < 0 ||
	    n != FORM_KEY_BYTES)
		return err_core(e, ERR_INVALID, NULL, "a form key that is not 32 hex digits");
	return 0;
}

/* The letter a form key made already, or 0: a POST sent again. */
static int made_by_form(struct db *db, const unsigned char key[FORM_KEY_BYTES], long long *id,
                        struct err *e)
{
	struct dbp p[] = { P_BIN(key, FORM_KEY_BYTES) };

	return db_query_int(db, "SELECT id FROM letters WHERE form_key = ?", p, nitems(p), id, e);
}

/* A new letter: what it is, sealed for its child. */
struct new_letter {
	long long            sid, child, reply_to, recorded_by;
	const char          *direction, *code, *body;
	const unsigned char *key;
	long long            id;   /* the new row's, or the one the form made before */
};

static int insert_letter(struct db *db, const struct config *cfg, struct new_letter *n,
                         struct err *e)
{
	unsigned char sealed[SEALED_MAX];
	long len = pii_seal(cfg->pii_key, "letter_body", n->code, n->body, strlen(n->body), sealed,
	                    sizeof sealed);
	struct dbp p[] = {
		P_INT(n->sid), P_INT(n->child), P_STR(n->direction),
		n->reply_to ? P_INT(n->reply_to) : P_NULL, P_BIN(sealed, (size_t)len),
		n->recorded_by ? P_INT(n->recorded_by) : P_NULL, P_BIN(n->key, FORM_KEY_BYTES),
	};

	if (len < 0)
		return err_internal(e, "a letter of %s does not fit its column", n->code);
	if (db_exec(db, "INSERT INTO letters (sponsorship_id, child_id, direction, reply_to, body, "
	            "recorded_by, form_key) VALUES (?, ?, ?, ?, ?, ?, ?)", p, nitems(p), NULL,
	            e) < 0) {
		/* The same form, sent twice at once: the other request wrote it. */
		if (db_is_dup(e))
			return made_by_form(db, n->key, &n->id, e);
		return -1;
	}
	return db_query_int(db, "SELECT LAST_INSERT_ID()", NULL, 0, &n->id, e);
}

struct writing {
	const struct config *cfg;
	const struct actor  *a;
	long long            sid;
	const char          *body;
	unsigned char        key[FORM_KEY_BYTES];
};

static int write_tx(struct db *db, void *arg, struct err *e)
{
	struct writing *w = arg;
	char code[CHILD_CODE_LEN + 1], alias[LETTER_ALIAS_LEN];
	struct new_letter n = { .sid = w->sid, .direction = "to_child", .code = code,
	                        .body = w->body, .key = w->key };
	struct dbp p[] = { P_INT(w->sid) };
	long long pending;

	/* Under the sponsorship's lock, so that letters sent at once are counted one by one. */
	if (own_sponsorship(db, w->a, w->sid, 1, &n.child, code, alias, e) < 0 ||
	    made_by_form(db, w->key, &n.id, e) < 0)
		return -1;
	if (n.id)
		return 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM letters WHERE sponsorship_id = ? "
	                 "AND direction = 'to_child' AND state = 'pending'", p, nitems(p),
	                 &pending, e) < 0)
		return -1;
	if (pending >= LETTERS_PENDING_MAX) {
		err_core(e, ERR_TOO_MANY, "letters.too_many",
		         "sponsorship %lld has %lld letters waiting", w->sid, pending);
		e->arg = LETTERS_PENDING_MAX;
		return -1;
	}
	return insert_letter(db, w->cfg, &n, e);
}

int letter_write(struct db *db, const struct config *cfg, const struct actor *a, long long sid,
                 const char *form_key, const char *body, struct err *e)
{
	struct writing w = { .cfg = cfg, .a = a, .sid = sid, .body = body };

	if (form_key_bin(form_key, w.key, e) < 0)
		return -1;
	return db_tx(db, write_tx, &w, e);
}

/* ---- the staff's side ---- */

/*
 * One letter in a's scope: a volunteer reads the sponsor's letters only once a reviewer let them
 * through (what a sponsor wrote reaches the family's side no other way).
 */
static int load(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                int lock, struct letter *out, struct err *e)
{
	struct reading r = { .cfg = cfg, .staff = 1, .one = out, .e = e };
	int volunteer = strcmp(a->role, "volunteer") == 0;
	struct scope s;
	char sql[SCOPE_SQL_LEN];

	scope_for(a, &s);
	if (scope_sql(sql, sizeof sql, lock ?
	              LETTER_COLS "WHERE l.id = ? AND (? = 0 OR l.direction = 'from_child' OR "
	              "l.state IN ('approved', 'delivered')) AND %s FOR UPDATE" :
	              LETTER_COLS "WHERE l.id = ? AND (? = 0 OR l.direction = 'from_child' OR "
	              "l.state IN ('approved', 'delivered')) AND %s", &s) < 0)
		return err_internal(e, "letter query too long");
	struct dbp p[] = { P_INT(id), P_INT(volunteer), s.param };
	if (db_query(db, sql, p, nitems(p), letter_row, &r, e) < 0)
		return -1;
	if (!r.found)
		return err_core(e, ERR_NOT_FOUND, "letters.unknown",
		                "letter %lld not found or out of scope", id);
	return 0;
}

int letter_get(struct db *db, const struct config *cfg, const struct actor *a, long long id,
               struct letter *out, struct err *e)
{
	return load(db, cfg, a, id, 0, out, e);
}

int letter_check(struct db *db, const struct config *cfg, long long child_id, const char *text,
                 struct privacy_found *f, struct err *e)
{
	struct privacy_terms t;

	if (privacy_terms_of(db, cfg, child_id, &t, e) < 0)
		return -1;
	privacy_scan(text, &t, PV_FOR_LETTER, f);
	privacy_terms_wipe(&t);
	return 0;
}

/* A staff action on one letter, under its row lock. */
struct act {
	const struct config *cfg;
	const struct actor  *a;
	long long            id, visit, reply;
	const char          *text;      /* an edit's or a reply's body, a decline's reason */
	unsigned             photo_ok;
	unsigned char        key[FORM_KEY_BYTES];
	struct letter        l;
};

/* The letter locked, if it is in state (else a conflict with key). */
static int lock_in(struct db *db, struct act *x, const char *state, const char *key,
                   struct err *e)
{
	if (load(db, x->cfg, x->a, x->id, 1, &x->l, e) < 0)
		return -1;
	if (strcmp(x->l.state, state) != 0)
		return err_core(e, ERR_CONFLICT, key, "letter %lld is %s, not %s", x->id,
		                x->l.state, state);
	return 0;
}

static int audit_letter(struct db *db, struct act *x, const char *action, const char *what,
                        struct err *e)
{
	char id[ID_TEXT_MAX];

	snprintf(id, sizeof id, "%lld", x->id);
	return audit_actor(db, x->a, e, action, "letter", id, "%s (%s, child %s)", what,
	                   x->l.direction, x->l.code);
}

static int edit_tx(struct db *db, void *arg, struct err *e)
{
	struct act *x = arg;
	unsigned char body[SEALED_MAX], orig[SEALED_MAX];
	long blen, olen = 0;
	struct dbp p[3];

	if (lock_in(db, x, "pending", "letters.reviewed", e) < 0)
		return -1;
	if (strcmp(x->l.body, x->text) == 0)
		return 0;
	blen = pii_seal(x->cfg->pii_key, "letter_body", x->l.code, x->text, strlen(x->text), body,
	                sizeof body);
	/* What was written is kept from the first edit on: later edits change only the body. */
	if (!x->l.edited)
		olen = pii_seal(x->cfg->pii_key, "letter_original", x->l.code, x->l.body,
		                strlen(x->l.body), orig, sizeof orig);
	if (blen < 0 || olen < 0)
		return err_internal(e, "letter %lld: an edit does not fit its column", x->id);
	p[0] = P_BIN(body, (size_t)blen);
	p[1] = x->l.edited ? P_NULL : P_BIN(orig, (size_t)olen);
	p[2] = P_INT(x->id);
	if (db_exec(db, "UPDATE letters SET body = ?, original = COALESCE(original, ?) "
	            "WHERE id = ?", p, nitems(p), NULL, e) < 0)
		return -1;
	return audit_letter(db, x, "letter.edit", "edited before review", e);
}

/* A reply's photos shown or not as the reviewer ticked them. */
static int confirm_photos(struct db *db, struct act *x, struct err *e)
{
	for (int slot = 1; slot <= LETTER_PHOTOS; slot++) {
		int ok = (x->photo_ok >> (slot - 1)) & 1;
		struct dbp p[] = { P_INT(ok), ok ? P_INT(x->a->id) : P_NULL, P_INT(x->id),
		                   P_INT(slot) };

		if (db_exec(db, "UPDATE photos SET confirmed = ?, confirmed_by = ? "
		            "WHERE letter_id = ? AND slot = ?", p, nitems(p), NULL, e) < 0)
			return -1;
	}
	return 0;
}

static int approve_tx(struct db *db, void *arg, struct err *e)
{
	struct act *x = arg;
	struct privacy_found f;
	struct dbp by[] = { P_INT(x->a->id) };
	const struct move m = {
		.ent = ENT_LETTER, .where = "id = ?", .key = P_INT(x->id), .from = SB(LE_PENDING),
		.to = LE_APPROVED, .why = "approved by a reviewer",
		.set = "reviewed_by = ?, reviewed_at = NOW()", .sp = by, .nsp = nitems(by),
	};

	if (lock_in(db, x, "pending", "letters.reviewed", e) < 0 ||
	    letter_check(db, x->cfg, x->l.child_id, x->l.body, &f, e) < 0)
		return -1;
	if (f.n) {
		err_core(e, ERR_CONFLICT, "letters.findings", "letter %lld: %d findings", x->id,
		         f.n);
		e->arg = f.n;
		return -1;
	}
	if (state_move(db, x->a, &m, NULL, e) < 0)
		return -1;
	return strcmp(x->l.direction, "from_child") == 0 ? confirm_photos(db, x, e) : 0;
}

static int decline_tx(struct db *db, void *arg, struct err *e)
{
	struct act *x = arg;
	struct dbp set[] = { P_INT(x->a->id), P_STR(x->text) };
	const struct move m = {
		.ent = ENT_LETTER, .where = "id = ?", .key = P_INT(x->id), .from = SB(LE_PENDING),
		.to = LE_DECLINED, .why = "declined by a reviewer",
		.set = "reviewed_by = ?, reviewed_at = NOW(), review_note = ?",
		.sp = set, .nsp = nitems(set),
	};

	if (lock_in(db, x, "pending", "letters.reviewed", e) < 0)
		return -1;
	return state_move(db, x->a, &m, NULL, e);
}

/* Review is for county, city and province staff: never a volunteer's. */
static int reviewer_only(const struct actor *a, struct err *e)
{
	if (a->kind == ACTOR_STAFF && strcmp(a->role, "volunteer") != 0)
		return 0;
	return err_core(e, ERR_FORBIDDEN, NULL, "a %s may not review letters", a->role);
}

/* Handing over and replies are the child's volunteer's, or county staff's. */
static int handler_only(const struct actor *a, struct err *e)
{
	if (strcmp(a->role, "volunteer") == 0 || strcmp(a->role, "county") == 0)
		return 0;
	return err_core(e, ERR_FORBIDDEN, "letters.not_handler", "a %s may not hand letters over",
	                a->role);
}

static int delivered_tx(struct db *db, void *arg, struct err *e)
{
	struct act *x = arg;
	struct dbp set[] = { P_INT(x->a->id), x->visit ? P_INT(x->visit) : P_NULL };
	const struct move m = {
		.ent = ENT_LETTER, .where = "id = ? AND direction = 'to_child'",
		.key = P_INT(x->id), .from = SB(LE_APPROVED), .to = LE_DELIVERED,
		.why = "handed to the child",
		.set = "delivered_by = ?, delivered_at = NOW(), delivered_visit = ?",
		.sp = set, .nsp = nitems(set),
	};
	unsigned long long moved;
	long long same = 1;

	if (lock_in(db, x, "approved", "letters.not_approved", e) < 0)
		return -1;
	if (x->visit) {
		struct dbp p[] = { P_INT(x->visit), P_INT(x->l.child_id) };

		if (db_query_int(db, "SELECT COUNT(*) FROM visits WHERE id = ? AND child_id = ?",
		                 p, nitems(p), &same, e) < 0)
			return -1;
	}
	if (!same)
		return err_core(e, ERR_INVALID, "letters.visit_other",
		                "letter %lld: visit %lld is another child's", x->id, x->visit);
	if (state_move(db, x->a, &m, &moved, e) < 0)
		return -1;
	return moved ? 0 : err_core(e, ERR_CONFLICT, "letters.not_approved",
	                            "letter %lld is the child's own", x->id);
}

static int reply_tx(struct db *db, void *arg, struct err *e)
{
	struct act *x = arg;
	struct new_letter n = { .direction = "from_child", .body = x->text, .key = x->key,
	                        .recorded_by = x->a->id };

	if (made_by_form(db, x->key, &x->reply, e) < 0)
		return -1;
	if (x->reply)
		return 0;
	if (lock_in(db, x, "delivered", "letters.not_delivered", e) < 0)
		return -1;
	if (strcmp(x->l.sponsorship_state, "active") != 0)
		return err_core(e, ERR_CONFLICT, "letters.ended", "letter %lld: sponsorship %s",
		                x->id, x->l.sponsorship_state);
	n.sid = x->l.sponsorship_id;
	n.child = x->l.child_id;
	n.reply_to = x->id;
	n.code = x->l.code;
	if (insert_letter(db, x->cfg, &n, e) < 0)
		return -1;
	x->reply = n.id;
	return audit_letter(db, x, "letter.reply", "the child's reply recorded", e);
}

/* Whether the actor may take an action of a kind (reviewer_only, handler_only). */
typedef int (*role_check)(const struct actor *a, struct err *e);

/* One staff action on a letter, if the actor's role may: a transaction; its text wiped after. */
static int act(struct db *db, struct act *x, role_check may, db_tx_fn fn, struct err *e)
{
	int rc;

	if (may(x->a, e) < 0)
		return -1;
	rc = db_tx(db, fn, x, e);
	sodium_memzero(&x->l, sizeof x->l);
	return rc;
}

int letter_edit(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                const char *body, struct err *e)
{
	struct act x = { .cfg = cfg, .a = a, .id = id, .text = body };

	return act(db, &x, reviewer_only, edit_tx, e);
}

int letter_approve(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                   unsigned photo_ok, struct err *e)
{
	struct act x = { .cfg = cfg, .a = a, .id = id, .photo_ok = photo_ok };

	return act(db, &x, reviewer_only, approve_tx, e);
}

int letter_decline(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                   const char *reason, struct err *e)
{
	struct act x = { .cfg = cfg, .a = a, .id = id, .text = reason };

	return act(db, &x, reviewer_only, decline_tx, e);
}

int letter_delivered(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                     long long visit, struct err *e)
{
	struct act x = { .cfg = cfg, .a = a, .id = id, .visit = visit };

	return act(db, &x, handler_only, delivered_tx, e);
}

int letter_reply(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                 const char *form_key, const char *body, long long *reply, struct err *e)
{
	struct act x = { .cfg = cfg, .a = a, .id = id, .text = body };

	if (form_key_bin(form_key, x.key, e) < 0 || act(db, &x, handler_only, reply_tx, e) < 0)
		return -1;
	*reply = x.reply;
	return 0;
}
