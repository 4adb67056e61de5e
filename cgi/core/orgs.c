/*
 * core/orgs.c — volunteer organisations: the reach of staff over them, opening, changing and
 * reading one (orgs.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "../pii.h"
#include "../util.h"
#include "audit.h"
#include "orgs.h"
#include "rows.h"

/* Room for "org:<id>", the owner an organisation's sealed fields are bound to. */
#define ORG_OWNER_LEN 24
/* A sealed contact field: at most ORG_CONTACT_LEN - 1 bytes of text. */
#define ORG_SEALED_LEN PII_SEALED_LEN(ORG_CONTACT_LEN)

void orgs_scope(const struct actor *a, struct scope *s)
{
	int staff = a->kind == ACTOR_STAFF;

	if (staff && strcmp(a->role, "province") == 0) {
		s->sql = "1 = ?";
		s->param = P_INT(1);
	} else if (staff && strcmp(a->role, "city") == 0) {
		s->sql = "r.county_city = ?";
		s->param = P_STR(a->region);
	} else if (staff && strcmp(a->role, "county") == 0) {
		s->sql = "r.code = ?";
		s->param = P_STR(a->region);
	} else {
		s->sql = "1 = ?";
		s->param = P_INT(0);
	}
}

/* Whether a may act on an organisation of county: staff within their reach, or the system. */
static int reaches(const struct actor *a, const char *county)
{
	return a->kind == ACTOR_SYSTEM || scope_reaches(a, county);
}

static void owner_of(long long id, char out[ORG_OWNER_LEN])
{
	snprintf(out, ORG_OWNER_LEN, "org:%lld", id);
}

/* A contact field sealed into out (ORG_SEALED_LEN), as a parameter; NULL when it is empty. */
static struct dbp sealed(const struct config *cfg, const char *field, const char *owner,
                         const char *text, unsigned char *out)
{
	long n;

	if (!text || !*text)
		return P_NULL;
	n = pii_seal(cfg->pii_key, field, owner, text, strlen(text), out, ORG_SEALED_LEN);
	return n < 0 ? P_NULL : P_BIN(out, (size_t)n);
}

/* The county of organisation id, locked if lock, when a reaches it; else ERR_NOT_FOUND. */
static int locate(struct db *db, const struct actor *a, long long id, int lock,
                  char county[ACTOR_REGION_LEN], struct err *e)
{
	struct dbp p[] = { P_INT(id) };
	struct var v[] = { { VAR_TEXT, county, ACTOR_REGION_LEN } };
	int found;

	found = row_get(db, lock ?
	                "SELECT county_code FROM volunteer_orgs WHERE id = ? FOR UPDATE" :
	                "SELECT county_code FROM volunteer_orgs WHERE id = ?", p, nitems(p), v,
	                nitems(v), e);
	if (found < 0)
		return -1;
	if (!found || !reaches(a, county))
		return err_core(e, ERR_NOT_FOUND, "orgs.not_found",
		                "organisation %lld not found or out of scope", id);
	return 0;
}

int org_for_volunteer(struct db *db, const struct actor *a, long long id,
                      char county[ACTOR_REGION_LEN], struct err *e)
{
	struct dbp p[] = { P_INT(id) };
	long long active;

	if (locate(db, a, id, 1, county, e) < 0 ||
	    db_query_int(db, "SELECT active FROM volunteer_orgs WHERE id = ?", p, nitems(p),
	                 &active, e) < 0)
		return -1;
	if (!active)
		return err_core(e, ERR_CONFLICT, "orgs.inactive", "organisation %lld is inactive",
		                id);
	return 0;
}

/* ---- opening and changing one ---- */

struct writing {
	const struct config   *cfg;
	const struct actor    *a;
	const struct org_form *f;
	long long              id;      /* the organisation changed; set when one is opened */
};

/* The contact of w's organisation, sealed to its id, written. */
static int write_contact(struct db *db, const struct writing *w, struct err *e)
{
	unsigned char name[ORG_SEALED_LEN], phone[ORG_SEALED_LEN];
	char owner[ORG_OWNER_LEN];

	owner_of(w->id, owner);
	struct dbp p[] = {
		sealed(w->cfg, "org_contact_name", owner, w->f->contact_name, name),
		sealed(w->cfg, "org_contact_phone", owner, w->f->contact_phone, phone),
		P_INT(w->id),
	};
	int rc = db_exec(db, "UPDATE volunteer_orgs SET contact_name = ?, contact_phone = ? "
	                 "WHERE id = ?", p, nitems(p), NULL, e);
	sodium_memzero(name, sizeof name);
	sodium_memzero(phone, sizeof phone);
	return rc;
}

static int taken(struct err *e, const struct org_form *f)
{
	return db_is_dup(e) ? err_core(e, ERR_CONFLICT, "orgs.taken", "organisation name taken in "
	                               "%s", f->county) : -1;
}

/* The organisation, its contact and its audit row stand or fall together. */
static int create_tx(struct db *db, void *arg, struct err *e)
{
	struct writing *w = arg;
	const struct org_form *f = w->f;
	struct dbp p[] = { P_STR(f->county), P_STR(f->name), P_STR(f->agreed_on),
	                   P_INT(f->active) };
	char id[ORG_OWNER_LEN];

	if (db_exec(db, "INSERT INTO volunteer_orgs (county_code, name, agreed_on, active) "
	            "VALUES (?, ?, NULLIF(?, ''), ?)", p, nitems(p), NULL, e) < 0)
		return taken(e, f);
	if (db_query_int(db, "SELECT LAST_INSERT_ID()", NULL, 0, &w->id, e) < 0 ||
	    write_contact(db, w, e) < 0)
		return -1;
	snprintf(id, sizeof id, "%lld", w->id);
	return audit_actor(db, w->a, e, "org.create", "org", id, "opened organisation %s in %s",
	                   f->name, f->county);
}

int org_create(struct db *db, const struct config *cfg, const struct actor *a,
               const struct org_form *f, long long *id, struct err *e)
{
	struct writing w = { cfg, a, f, 0 };

	if (!reaches(a, f->county))
		return err_core(e, ERR_FORBIDDEN, "orgs.county_out_of_reach",
		                "county %s out of scope", f->county);
	if (db_tx(db, create_tx, &w, e) < 0)
		return -1;
	*id = w.id;
	return 0;
}

static int save_tx(struct db *db, void *arg, struct err *e)
{
	struct writing *w = arg;
	const struct org_form *f = w->f;
	char county[ACTOR_REGION_LEN], id[ORG_OWNER_LEN];
	struct dbp p[] = { P_STR(f->name), P_STR(f->agreed_on), P_INT(f->active), P_INT(w->id) };

	if (locate(db, w->a, w->id, 1, county, e) < 0)
		return -1;
	if (db_exec(db, "UPDATE volunteer_orgs SET name = ?, agreed_on = NULLIF(?, ''), "
	            "active = ? WHERE id = ?", p, nitems(p), NULL, e) < 0) {
		struct org_form named = *f;
		named.county = county;
		return taken(e, &named);
	}
	if (write_contact(db, w, e) < 0)
		return -1;
	snprintf(id, sizeof id, "%lld", w->id);
	return audit_actor(db, w->a, e, "org.update", "org", id, "changed organisation %s (%s)",
	                   f->name, f->active ? "active" : "inactive");
}

int org_save(struct db *db, const struct config *cfg, const struct actor *a, long long id,
             const struct org_form *f, struct err *e)
{
	struct writing w = { cfg, a, f, id };

	return db_tx(db, save_tx, &w, e);
}

/* ---- reading one ---- */

struct reading {
	const struct config *cfg;
	struct org          *out;
	int                  found, broken;
};

/* A sealed contact field into out (ORG_CONTACT_LEN); NULL is none. */
static int open_contact(const struct reading *r, const char *field, const char *owner,
                        const char *ct, unsigned long len, char *out)
{
	out[0] = '\0';
	return !ct ? 0 : pii_open_into(r->cfg->pii_key, field, owner, ct, len, out,
	                               ORG_CONTACT_LEN) < 0 ? -1 : 0;
}

/* id, county_code, name, contact_name, contact_phone, agreed_on, active */
static int org_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct reading *r = ctx;
	struct org *o = r->out;
	char owner[ORG_OWNER_LEN];

	(void)n; (void)f;
	r->found = 1;
	o->id = strtoll(v[0], NULL, 10);
	snprintf(o->county, sizeof o->county, "%s", v[1]);
	snprintf(o->name, sizeof o->name, "%s", v[2]);
	snprintf(o->agreed_on, sizeof o->agreed_on, "%s", v[5] ? v[5] : "");
	o->active = v[6][0] == '1';
	owner_of(o->id, owner);
	r->broken = open_contact(r, "org_contact_name", owner, v[3], l[3], o->contact_name) < 0 ||
	            open_contact(r, "org_contact_phone", owner, v[4], l[4], o->contact_phone) < 0;
	return 0;
}

int org_view(struct db *db, const struct config *cfg, const struct actor *a, long long id,
             struct org *out, struct err *e)
{
	struct reading r = { cfg, out, 0, 0 };
	struct dbp p[] = { P_INT(id) };
	char oid[ORG_OWNER_LEN];

	memset(out, 0, sizeof *out);
	if (db_query(db, "SELECT id, county_code, name, contact_name, contact_phone, "
	             "DATE_FORMAT(agreed_on, '%Y-%m-%d'), active FROM volunteer_orgs WHERE id = ?",
	             p, nitems(p), org_row, &r, e) < 0)
		return -1;
	if (!r.found || !reaches(a, out->county)) {
		sodium_memzero(out, sizeof *out);
		return err_core(e, ERR_NOT_FOUND, "orgs.not_found",
		                "organisation %lld not found or out of scope", id);
	}
	if (r.broken)
		return err_core(e, ERR_INTERNAL, NULL, "organisation %lld: contact does not open",
		                id);
	/* The page shows the contact person and phone: that it was shown, to whom, is on record. */
	snprintf(oid, sizeof oid, "%lld", id);
	return audit_actor(db, a, e, "org.view_contact", "org", oid,
	                   "viewed the organisation's contact");
}

int org_find(struct db *db, const char *county, const char *ref, long long *id, struct err *e)
{
	struct dbp p[] = { P_STR(county), P_STR(ref), P_STR(ref) };

	if (db_query_int(db, "SELECT id FROM volunteer_orgs WHERE county_code = ? AND "
	                 "(name = ? OR CAST(id AS CHAR) = ?)", p, nitems(p), id, e) < 0)
		return -1;
	if (!*id)
		return err_core(e, ERR_NOT_FOUND, "orgs.not_found", "no organisation %s in %s", ref,
		                county);
	return 0;
}
