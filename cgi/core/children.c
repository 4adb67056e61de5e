/*
 * core/children.c — children's records: viewing, the form's checks, saving, recording, consent,
 * volunteers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "../idcard.h"
#include "ledger.h"
#include "../pii.h"
#include "../regions.h"
#include "../scope.h"
#include "../util.h"
#include "audit.h"
#include "children.h"
#include "elsewhere.h"
#include "rows.h"
#include "photos.h"

/* ---- reading a record ---- */

#define RECORD_SQL(lock) \
	"SELECT c.code, c.id, c.alias, c.gender, DATE_FORMAT(c.birth_date, '%%Y-%%m-%%d'), " \
	"c.county_code, c.category, c.story, c.status, c.version, c.consent_publish, " \
	"DATE_FORMAT(c.exited_at, '%%Y-%%m-%%d'), c.pii_real_name, c.pii_id_number, " \
	"c.pii_guardian, c.pii_address, c.consent_photo, c.pii_school FROM children c " \
	"WHERE c.code = ? AND %s" lock

/* RECORD_SQL's columns, in order. */
enum {
	R_CODE, R_ID, R_ALIAS, R_GENDER, R_BIRTH, R_COUNTY, R_CATEGORY, R_STORY, R_STATUS,
	R_VERSION, R_CONSENT, R_EXITED, R_NAME, R_IDNUM, R_GUARDIAN, R_ADDRESS, R_PHOTO, R_SCHOOL
};

struct reading {
	const struct config *cfg;
	struct child_record *out;
	int                  found;
	struct err          *e;
};

/*
 * A personal field of the child with code, opened into out (CHILD_PII_LEN); a NULL address or
 * school is an empty one.
 */
static int open_field(const struct reading *r, const char *field, const char *code, const char *ct,
                      unsigned long len, char *out)
{
	/* A child recorded before ledgers brought addresses (or the record its school) has none. */
	if (!ct && (strcmp(field, "address") == 0 || strcmp(field, "school") == 0)) {
		out[0] = '\0';
		return 0;
	}
	if (pii_open_into(r->cfg->pii_key, field, code, ct, len, out, CHILD_PII_LEN) < 0)
		return err_core(r->e, ERR_INTERNAL, NULL, "child %s: %s does not open", code,
		                field);
	return 0;
}

static int record_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct reading *r = ctx;
	struct child_record *c = r->out;

	(void)n; (void)f;
	r->found = 1;
	row_text(c->code, sizeof c->code, v[R_CODE]);
	c->id = strtoll(v[R_ID], NULL, 10);
	row_text(c->alias, sizeof c->alias, v[R_ALIAS]);
	row_text(c->gender, sizeof c->gender, v[R_GENDER]);
	row_text(c->birth_date, sizeof c->birth_date, v[R_BIRTH]);
	row_text(c->county, sizeof c->county, v[R_COUNTY]);
	row_text(c->category, sizeof c->category, v[R_CATEGORY]);
	row_text(c->story, sizeof c->story, v[R_STORY]);
	row_text(c->status, sizeof c->status, v[R_STATUS]);
	c->version = (unsigned)strtoul(v[R_VERSION], NULL, 10);
	c->consent = v[R_CONSENT][0] == '1';
	c->consent_photo = v[R_PHOTO][0] == '1';
	row_text(c->exited_at, sizeof c->exited_at, v[R_EXITED]);
	return open_field(r, "real_name", c->code, v[R_NAME], l[R_NAME], c->real_name) < 0 ||
	       open_field(r, "id_number", c->code, v[R_IDNUM], l[R_IDNUM], c->id_number) < 0 ||
	       open_field(r, "guardian", c->code, v[R_GUARDIAN], l[R_GUARDIAN], c->guardian) < 0 ||
	       open_field(r, "address", c->code, v[R_ADDRESS], l[R_ADDRESS], c->address) < 0 ||
	       open_field(r, "school", c->code, v[R_SCHOOL], l[R_SCHOOL], c->school) < 0 ? -1 : 0;
}

/*
 * The record of code within a's reach into out (locked for update if lock); ERR_NOT_FOUND if there
 * is none.
 */
static int load(struct db *db, const struct config *cfg, const struct actor *a, const char *code,
                int lock, struct child_record *out, struct err *e)
{
	struct reading r = { cfg, out, 0, e };
	struct scope s;
	char sql[SCOPE_SQL_LEN];

	scope_for(a, &s);
	if (scope_sql(sql, sizeof sql, lock ? RECORD_SQL(" FOR UPDATE") : RECORD_SQL(""), &s) < 0)
		return err_core(e, ERR_INTERNAL, NULL, "record query too long");
	struct dbp p[] = { P_STR(code), s.param };
	if (db_query(db, sql, p, nitems(p), record_row, &r, e) < 0)
		return -1;
	if (!r.found)
		return err_core(e, ERR_NOT_FOUND, "children.not_found",
		                "child %s not found or out of scope", code);
	return 0;
}

int child_view(struct db *db, const struct config *cfg, const struct actor *a, const char *code,
               struct child_record *out, struct err *e)
{
	if (load(db, cfg, a, code, 0, out, e) < 0)
		return -1;
	/* The page shows personal data: that it was shown, to whom and from where, is on record. */
	return audit_actor(db, a, e, "child.view_pii", "child", code,
	                   "viewed the record with personal data");
}

/* ---- the form ---- */

int child_form_check(const struct actor *a, const struct child_form *f, struct err *e)
{
	char birth[CHILD_DATE_LEN];

	if (!idcard_valid(f->id_number, birth) || strcmp(birth, f->birth) != 0)
		return err_core(e, ERR_INVALID, "children.birth_mismatch",
		                "birth date differs from the ID number's");
	if (!scope_reaches(a, f->county))
		return err_core(e, ERR_FORBIDDEN, "children.county_out_of_reach",
		                "county %s out of scope", f->county);
	return 0;
}

/*
 * The form's personal fields sealed to a child's code, the ID number's keyed hash, and the county's
 * city.
 */
struct sealed_record {
	unsigned char name[PII_SEALED_LEN(CHILD_NAME_LEN)], idn[PII_SEALED_LEN(PII_IDNUM_MAX)];
	unsigned char guard[PII_SEALED_LEN(CHILD_PII_LEN)], addr[PII_SEALED_LEN(CHILD_PII_LEN)];
	unsigned char school[PII_SEALED_LEN(CHILD_PII_LEN)];
	unsigned char hash[PII_HASHBYTES];
	long          lname, lidn, lguard, laddr, lschool;
	const char   *city;
};

/* One field sealed to the child with code into out (outsize bytes): its length, or -1. */
static long seal_one(const struct config *cfg, const char *field, const char *code,
                     const char *plain, unsigned char *out, size_t outsize)
{
	return pii_seal(cfg->pii_key, field, code, plain, strlen(plain), out, outsize);
}

static int seal(const struct config *cfg, const struct child_form *f, const char *code,
                struct sealed_record *s, struct err *e)
{
	const char *addr = f->address ? f->address : "", *school = f->school ? f->school : "";

	pii_id_hash(cfg->hash_key, f->id_number, s->hash);
	s->city = region_get(f->county)->city;   /* child_form_check: a county in reach */
	s->lname = seal_one(cfg, "real_name", code, f->real_name, s->name, sizeof s->name);
	s->lidn = seal_one(cfg, "id_number", code, f->id_number, s->idn, sizeof s->idn);
	s->lguard = seal_one(cfg, "guardian", code, f->guardian, s->guard, sizeof s->guard);
	s->laddr = seal_one(cfg, "address", code, addr, s->addr, sizeof s->addr);
	s->lschool = seal_one(cfg, "school", code, school, s->school, sizeof s->school);
	if (s->lname < 0 || s->lidn < 0 || s->lguard < 0 || s->laddr < 0 || s->lschool < 0)
		return err_core(e, ERR_INTERNAL, NULL, "record %s: a field too long to seal", code);
	return 0;
}

/* ---- saving ---- */

/* The names of the fields a save changed, for its audit row: all eleven of them fit. */
#define CHANGED_LEN 200

struct save {
	const struct config     *cfg;
	const struct actor      *a;
	const char              *code;
	long long                version;
	const struct child_form *f;
	struct child_record     *current;   /* the record as it was when the save began */
	int                      conflict;
	char                     changed[CHANGED_LEN];
};

/* The field names the save changes (never their values: the audit log holds no personal data). */
static void changed_fields(struct save *s)
{
	const struct child_record *c = s->current;
	const struct child_form *f = s->f;
	const struct { const char *name, *was, *now; } fields[] = {
		{ "alias", c->alias, f->alias }, { "gender", c->gender, f->gender },
		{ "birth_date", c->birth_date, f->birth }, { "county", c->county, f->county },
		{ "category", c->category, f->category }, { "story", c->story, f->story },
		{ "real_name", c->real_name, f->real_name },
		{ "id_number", c->id_number, f->id_number },
		{ "guardian", c->guardian, f->guardian }, { "address", c->address, f->address },
		{ "school", c->school, f->school },
	};

	s->changed[0] = '\0';
	for (size_t i = 0; i < nitems(fields); i++)
		if (strcmp(fields[i].was, fields[i].now ? fields[i].now : "")) {
			strncat(s->changed, fields[i].name,
			        sizeof s->changed - strlen(s->changed) - 2);
			strcat(s->changed, " ");
		}
}

static int write_record(struct db *db, struct save *s, struct err *e)
{
	const struct child_form *f = s->f;
	struct sealed_record r;
	unsigned long long n;
	int rc;

	if (seal(s->cfg, f, s->code, &r, e) < 0)
		return -1;
	struct dbp p[] = {
		P_STR(f->alias), P_STR(f->gender), P_STR(f->birth), P_STR(f->county), P_STR(r.city),
		P_STR(f->category), P_STR(f->story ? f->story : ""), P_BIN(r.name, r.lname),
		P_BIN(r.idn, r.lidn), P_BIN(r.guard, r.lguard),
		f->address ? P_BIN(r.addr, r.laddr) : P_NULL,
		f->school ? P_BIN(r.school, r.lschool) : P_NULL, P_BIN(r.hash, PII_HASHBYTES),
		P_STR(s->code), P_INT(s->version),
	};
	rc = db_exec(db, "UPDATE children SET alias = ?, gender = ?, birth_date = ?, "
	             "county_code = ?, city_code = ?, category = ?, story = ?, pii_real_name = ?, "
	             "pii_id_number = ?, pii_guardian = ?, pii_address = ?, pii_school = ?, "
	             "id_hash = ?, version = version + 1 WHERE code = ? AND version = ?", p,
	             nitems(p), &n, e);
	sodium_memzero(&r, sizeof r);
	if (rc < 0)
		return db_is_dup(e) ? err_core(e, ERR_CONFLICT, "children.dup_id",
		                               "duplicate ID number on %s", s->code) : -1;
	if (n != 1)
		return err_core(e, ERR_INTERNAL, NULL, "child %s: version moved under the lock",
		                s->code);
	/* A child who moves county leaves its old county's volunteers. */
	struct dbp q[] = { P_STR(s->code) };
	return db_exec(db, "DELETE vc FROM volunteer_children vc JOIN staff v ON "
	               "v.id = vc.staff_id "
	               "JOIN children c ON c.id = vc.child_id WHERE c.code = ? AND v.region_code "
	               "<> c.county_code", q, nitems(q), NULL, e);
}

static int save_tx(struct db *db, void *arg, struct err *e)
{
	struct save *s = arg;

	s->conflict = 0;
	if (load(db, s->cfg, s->a, s->code, 1, s->current, e) < 0)
		return -1;
	/*
	 * Someone saved since this form was opened: nothing is written, and both versions go back
	 * to the editor.
	 */
	if (s->current->version != s->version) {
		s->conflict = 1;
		return 0;
	}
	changed_fields(s);
	if (write_record(db, s, e) < 0)
		return -1;
	return audit_actor(db, s->a, e, "child.update", "child", s->code, "changed: %s",
	                   s->changed[0] ? s->changed : "nothing");
}

int child_save(struct db *db, const struct config *cfg, const struct actor *a, const char *code,
               long long version, const struct child_form *f, struct child_record *current,
               int *conflict, struct err *e)
{
	struct save s = {
		.cfg = cfg, .a = a, .code = code, .version = version, .f = f, .current = current,
	};

	*conflict = 0;
	if (child_form_check(a, f, e) < 0 || db_tx(db, save_tx, &s, e) < 0)
		return -1;
	*conflict = s.conflict;
	/*
	 * The editor is shown the record as it is now, personal data and all: on record like any
	 * view.
	 */
	if (s.conflict)
		return audit_actor(db, a, e, "child.view_pii", "child", code,
		                   "saw the record on a save conflict");
	return 0;
}

/* ---- recording a new child ---- */

struct create {
	const struct config     *cfg;
	const struct actor      *a;
	const struct child_form *f;
	char                     code[CHILD_CODE_LEN + 1];
	unsigned char            hash[PII_HASHBYTES];
	int                      mine;        /* the ID number is on record in a's reach, as code */
	int                      elsewhere;   /* the ID number is on record outside a's reach */
	int                      told;        /* and the day's allowance let a be told so */
};

/* code, (in reach): a record with the ID number's hash. */
static int recorded_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct create *c = ctx;

	(void)n; (void)f; (void)l;
	row_text(c->code, sizeof c->code, v[0]);
	c->mine = v[1] && v[1][0] == '1';
	c->elsewhere = !c->mine;
	return 0;
}

/*
 * Whether a child has the form's ID number: none, one in a's reach (c->mine) or one outside it
 * (c->elsewhere).
 */
static int find_recorded(struct db *db, struct create *c, struct err *e)
{
	struct scope s;
	char sql[SCOPE_SQL_LEN];

	c->mine = c->elsewhere = 0;
	pii_id_hash(c->cfg->hash_key, c->f->id_number, c->hash);
	scope_for(c->a, &s);
	if (scope_sql(sql, sizeof sql,
	              "SELECT c.code, (%s) AS mine FROM children c WHERE c.id_hash = ?", &s) < 0)
		return err_core(e, ERR_INTERNAL, NULL, "recorded query too long");
	struct dbp p[] = { s.param, P_BIN(c->hash, PII_HASHBYTES) };
	return db_query(db, sql, p, nitems(p), recorded_row, c, e);
}

static int insert_child(struct db *db, struct create *c, struct err *e)
{
	const struct child_form *f = c->f;
	struct sealed_record r;
	int rc;

	ledger_code(c->code, CHILD_CODE_LEN);
	if (seal(c->cfg, f, c->code, &r, e) < 0)
		return -1;
	struct dbp p[] = {
		P_STR(c->code), P_STR(f->alias), P_STR(f->gender), P_STR(f->birth),
		P_STR(f->county), P_STR(r.city), P_STR(f->category),
		P_STR(f->story ? f->story : ""),
		P_BIN(r.name, r.lname), P_BIN(r.idn, r.lidn), P_BIN(r.guard, r.lguard),
		f->address ? P_BIN(r.addr, r.laddr) : P_NULL,
		f->school ? P_BIN(r.school, r.lschool) : P_NULL, P_BIN(r.hash, PII_HASHBYTES),
	};
	/* Not published until a guardian's consent is recorded on the record page. */
	rc = db_exec(db, "INSERT INTO children (code, alias, gender, birth_date, county_code, "
	             "city_code, category, story, status, waiting_since, consent_publish, "
	             "pii_real_name, pii_id_number, pii_guardian, pii_address, pii_school, "
	             "id_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', CURDATE(), 0, ?, ?, ?, "
	             "?, ?, ?)", p, nitems(p), NULL, e);
	sodium_memzero(&r, sizeof r);
	if (rc < 0)
		return db_is_dup(e) ? err_core(e, ERR_CONFLICT, "children.dup_id",
		                               "new child: duplicate ID number") : -1;
	return audit_actor(db, c->a, e, "child.create", "child", c->code, "recorded in %s (%s)",
	                   f->county, f->category);
}

static int create_tx(struct db *db, void *arg, struct err *e)
{
	struct create *c = arg;

	if (find_recorded(db, c, e) < 0)
		return -1;
	if (c->mine)
		return err_core(e, ERR_CONFLICT, "children.on_record",
		                "new child: ID number on record as %s", c->code);
	if (!c->elsewhere)
		return insert_child(db, c, e);
	/*
	 * On record elsewhere: told so from the day's allowance, or left for the province; audited
	 * either way.
	 */
	if ((c->told = elsewhere_take(db, c->cfg, c->a, 1, e)) < 0)
		return -1;
	return elsewhere_audit_one(db, c->a, 0, c->hash, c->told, e);
}

int child_create(struct db *db, const struct config *cfg, const struct actor *a,
                 const struct child_form *f, char code[CHILD_CODE_LEN + 1], struct err *e)
{
	struct create c = { .cfg = cfg, .a = a, .f = f };
	int rc;

	rc = child_form_check(a, f, e) < 0 ? -1 : db_tx(db, create_tx, &c, e);
	row_text(code, CHILD_CODE_LEN + 1, rc == 0 || c.mine ? c.code : "");
	if (rc < 0)
		return -1;
	/* The answer and its audit row are committed; the form itself changed nothing. */
	if (c.elsewhere && c.told)
		return err_core(e, ERR_CONFLICT, "children.elsewhere",
		                "new child: ID number on record out of scope (told)");
	if (c.elsewhere)
		return err_core(e, ERR_CONFLICT, "children.withheld",
		                "new child: ID number on record out of scope (not told: "
		                "allowance spent)");
	return 0;
}

/* ---- consent and volunteers ---- */

/* The id of the child code within a's reach, locked for update; ERR_NOT_FOUND if there is none. */
static int lock_child(struct db *db, const struct actor *a, const char *code, long long *id,
                      struct err *e)
{
	struct scope s;
	char sql[SCOPE_SQL_LEN];

	scope_for(a, &s);
	if (scope_sql(sql, sizeof sql,
	              "SELECT c.id FROM children c WHERE c.code = ? AND %s FOR UPDATE", &s) < 0)
		return err_core(e, ERR_INTERNAL, NULL, "child query too long");
	struct dbp p[] = { P_STR(code), s.param };
	if (db_query_int(db, sql, p, nitems(p), id, e) < 0)
		return -1;
	if (!*id)
		return err_core(e, ERR_NOT_FOUND, "children.not_found",
		                "%s: not found or out of scope", code);
	return 0;
}

struct consent {
	const struct config *cfg;
	const struct actor  *a;
	const char          *code, *given_by, *given_on;
	enum consent_scope   scope;
	int                  given;
	char                *dropped;    /* photo consent withdrawn: the photos deleted */
	size_t               ndropped;
};

static int consent_tx(struct db *db, void *arg, struct err *e)
{
	struct consent *c = arg;
	int photo = c->scope == CONSENT_PHOTO;
	unsigned char by[PII_SEALED_LEN(CHILD_NAME_LEN)];
	long long id;
	long blen;

	if (lock_child(db, c->a, c->code, &id, e) < 0)
		return -1;
	/*
	 * The guardian's name is personal data: sealed to the child like the others, and kept out
	 * of the audit log.
	 */
	if ((blen = seal_one(c->cfg, "consent_by", c->code, c->given_by, by, sizeof by)) < 0)
		return err_core(e, ERR_INTERNAL, NULL, "consent for %s: the name too long to seal",
		                c->code);
	struct dbp p[] = {
		P_INT(id), P_STR(photo ? "photo" : "publish"), P_INT(c->given), P_BIN(by, blen),
		P_STR(c->given_on), P_INT(c->a->id),
	};
	struct dbp q[] = { P_INT(c->given), P_STR(c->given_on), P_INT(id) };
	struct dbp r[] = { P_INT(c->given), P_INT(id) };
	/*
	 * Either takes effect at once: `listed` is computed from the consent to publish, and the
	 * page cache sees the change; a photo is served to a sponsor only while consent_photo is 1.
	 */
	if (db_exec(db, "INSERT INTO child_consents (child_id, scope, publish, given_by, "
	            "given_on, recorded_by) VALUES (?, ?, ?, ?, ?, ?)", p, nitems(p), NULL,
	            e) < 0 ||
	    (photo ? db_exec(db, "UPDATE children SET consent_photo = ? WHERE id = ?", r,
	                     nitems(r), NULL, e) :
	     db_exec(db, "UPDATE children SET consent_publish = ?, consent_date = ? WHERE id = ?",
	             q, nitems(q), NULL, e)) < 0)
		return -1;
	/*
	 * No photo without consent (domain.md): withdrawn, the child's photos are deleted with it,
	 * not only hidden; the files go once this commits.
	 */
	if (photo && !c->given)
		return photos_drop_child(db, id, &c->dropped, &c->ndropped, e) < 0 ? -1 :
		       audit_actor(db, c->a, e, "child.consent_photo", "child", c->code,
		                   "consent to photos withdrawn by the guardian on %s; %zu photos "
		                   "deleted", c->given_on, c->ndropped);
	return audit_actor(db, c->a, e, photo ? "child.consent_photo" : "child.consent", "child",
	                   c->code, "%s by the guardian on %s",
	                   photo ? "consent to photos given" :
	                   c->given ? "consent to publish given" : "consent withdrawn",
	                   c->given_on);
}

int child_consent(struct db *db, const struct config *cfg, const struct actor *a, const char *code,
                  enum consent_scope scope, int given, const char *given_by,
                  const char *given_on, struct err *e)
{
	struct consent c = { cfg, a, code, given_by, given_on, scope, given, NULL, 0 };
	int rc = db_tx(db, consent_tx, &c, e);

	if (rc == 0)
		photo_files_remove(cfg, c.dropped, c.ndropped);
	free(c.dropped);
	return rc;
}

struct assignment {
	const struct actor *a;
	const char         *code, *volunteer;
	int                 on;
};

static int assign_tx(struct db *db, void *arg, struct err *e)
{
	const struct assignment *s = arg;
	long long child, vol;
	unsigned long long n;

	if (lock_child(db, s->a, s->code, &child, e) < 0)
		return -1;
	/*
	 * Assigned only to a volunteer of the child's own county whose account is open; taken back
	 * from anyone.
	 */
	struct dbp p[] = { P_STR(s->volunteer), P_INT(child) };
	if (db_query_int(db, s->on ?
	                 "SELECT v.id FROM staff v JOIN children c ON c.county_code "
	                 "= v.region_code "
	                 "WHERE v.username = ? AND v.role = 'volunteer' AND v.active "
	                 "= 1 AND c.id = ?" :
	                 "SELECT v.id FROM staff v WHERE v.username = ? AND v.role = "
	                 "'volunteer' AND ? > 0", p, nitems(p), &vol, e) < 0)
		return -1;
	if (!vol)
		return err_core(e, ERR_INVALID, "children.not_volunteer_here",
		                "assign %s to %s: not a volunteer there", s->code, s->volunteer);
	struct dbp q[] = { P_INT(vol), P_INT(child) };
	if (db_exec(db, s->on ?
	            "INSERT IGNORE INTO volunteer_children (staff_id, child_id) VALUES (?, ?)" :
	            "DELETE FROM volunteer_children WHERE staff_id = ? AND child_id = ?", q,
	            nitems(q), &n, e) < 0)
		return -1;
	if (!s->on && !n)
		return err_core(e, ERR_NOT_FOUND, "children.not_assigned",
		                "take-back of %s from %s: not assigned", s->code, s->volunteer);
	return audit_actor(db, s->a, e, s->on ? "child.assign" : "child.unassign", "child", s->code,
	                   "%s %s", s->on ? "assigned to" : "taken back from", s->volunteer);
}

int child_assign(struct db *db, const struct config *cfg, const struct actor *a, const char *code,
                 const char *volunteer, int on, struct err *e)
{
	struct assignment s = { a, code, volunteer, on };

	(void)cfg;
	return db_tx(db, assign_tx, &s, e);
}
