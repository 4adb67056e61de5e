/* core/photos.c — photos stored, found for who may see them, and deleted, each for an actor. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>

#include "../files.h"
#include "../scope.h"
#include "../slots.h"
#include "../util.h"
#include "audit.h"
#include "image.h"
#include "photos.h"
#include "rows.h"

/*
 * What a photo may belong to: the table, who "owns" a row of it (a visit's author, a reply's
 * recorder), the states in which photos may be added or removed, and what else the row must be.
 */
static const struct owner {
	const char *table, *by, *open, *only, *what;
} OWNERS[] = {
	[PHOTO_VISIT]  = { "visits", "author_id", "'draft', 'returned'", "", "visit" },
	[PHOTO_LETTER] = { "letters", "recorded_by", "'pending'", " AND o.direction = 'from_child'",
	                   "letter" },
};

/* The row a photo is added to, as the rules read it. */
struct target {
	long long child, by;
	int       open, consent;
};

int photo_name_valid(const char *s)
{
	return strlen(s) == PHOTO_NAME_LEN && strspn(s, "0123456789abcdef") == PHOTO_NAME_LEN;
}

/*
 * The visit or reply id within a's scope into t (locked if lock); ERR_NOT_FOUND if there is none a
 * may know of.
 */
static int find_target(struct db *db, const struct actor *a, enum photo_of of, long long id,
                       int lock, struct target *t, struct err *e)
{
	const struct owner *o = &OWNERS[of];
	char fmt[SCOPE_SQL_LEN], sql[SCOPE_SQL_LEN];
	struct scope s;
	int found;

	scope_for(a, &s);
	snprintf(fmt, sizeof fmt, "SELECT o.child_id, o.%s, o.state IN (%s), c.consent_photo "
	         "FROM %s o JOIN children c ON c.id = o.child_id WHERE o.id = ?%s AND %%s%s",
	         o->by, o->open, o->table, o->only, lock ? " FOR UPDATE" : "");
	if (scope_sql(sql, sizeof sql, fmt, &s) < 0)
		return err_internal(e, "photo target query too long");
	struct dbp p[] = { P_INT(id), s.param };
	struct var v[] = { VAR_LL(&t->child), VAR_LL(&t->by), VAR_I(&t->open), VAR_I(&t->consent) };
	if ((found = row_get(db, sql, p, nitems(p), v, nitems(v), e)) < 0)
		return -1;
	if (!found)
		return err_core(e, ERR_NOT_FOUND, "photo.no_item", "%s %lld not in scope", o->what,
		                id);
	return 0;
}

/* The one who owns the row (by), or county staff: the rule for adding and removing photos. */
static int may_change(const struct actor *a, long long by)
{
	return a->kind == ACTOR_STAFF && (a->id == by || strcmp(a->role, "county") == 0);
}

static int check_target(const struct actor *a, enum photo_of of, long long id,
                        const struct target *t, struct err *e)
{
	const char *what = OWNERS[of].what;

	if (!may_change(a, t->by))
		return err_core(e, ERR_FORBIDDEN, "photo.not_yours", "%s %lld is not theirs", what,
		                id);
	if (!t->consent)
		return err_core(e, ERR_CONFLICT, "photo.no_consent", "%s %lld: no photo consent",
		                what, id);
	if (!t->open)
		return err_core(e, ERR_CONFLICT, "photo.closed", "%s %lld: not open for photos",
		                what, id);
	return 0;
}

/* The path of a photo's file (or of it while it is written, tmp); -1 if it does not fit. */
static int photo_path(const struct config *cfg, const char *name, int tmp, char *out, size_t n)
{
	return (size_t)snprintf(out, n, "%s/%s%s%s", cfg->photo_dir, tmp ? "." : "", name,
	                        tmp ? ".tmp" : "") < n ? 0 : -1;
}

/* The bytes written under a new random name, flushed to the disk. */
static int store(const struct config *cfg, const void *data, size_t len,
                 char name[PHOTO_NAME_LEN + 1], struct err *e)
{
	unsigned char raw[PHOTO_NAME_LEN / 2];
	char path[PATH_MAX], tmp[PATH_MAX];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(name, PHOTO_NAME_LEN + 1, raw, sizeof raw);
	if (photo_path(cfg, name, 0, path, sizeof path) < 0 ||
	    photo_path(cfg, name, 1, tmp, sizeof tmp) < 0)
		return err_internal(e, "photos: Care.PhotoDir is too long");
	/* nginx reads it (0640: the web server's group, in production), never a half of it. */
	if (file_put(tmp, path, data, len, 0640, 1) < 0)
		return err_core(e, ERR_BUSY, NULL, "photos: %s: %s", path, strerror(errno));
	return 0;
}

void photo_file_unlink(const struct config *cfg, const char *name)
{
	char path[PATH_MAX];

	if (photo_path(cfg, name, 0, path, sizeof path) == 0)
		unlink(path);
}

struct adding {
	const struct config *cfg;
	const struct actor  *a;
	enum photo_of        of;
	long long            id;
	const struct image  *im;
	const char          *name;
};

/* The first free slot of the row's photos (1..PHOTOS_PER_ITEM), or 0 if all are taken. */
static int free_slot(struct db *db, const struct adding *ad, struct err *e)
{
	char sql[128];
	struct id_list used = { 0 };
	unsigned taken = 0;
	int slot = 0;

	snprintf(sql, sizeof sql, "SELECT slot FROM photos WHERE %s_id = ?", OWNERS[ad->of].what);
	struct dbp p[] = { P_INT(ad->id) };
	if (row_ids(db, sql, p, nitems(p), &used, e) < 0)
		return -1;
	for (size_t i = 0; i < used.n; i++)
		if (used.v[i] >= 1 && used.v[i] <= PHOTOS_PER_ITEM)
			taken |= 1u << used.v[i];
	id_list_free(&used);
	for (int s = PHOTOS_PER_ITEM; s >= 1; s--)
		if (!(taken & (1u << s)))
			slot = s;
	return slot;
}

static int add_tx(struct db *db, void *arg, struct err *e)
{
	const struct adding *ad = arg;
	const char *what = OWNERS[ad->of].what;
	struct target t;
	long long done;
	int slot;

	/* The row locked: two uploads to one visit take their slots one after the other. */
	if (find_target(db, ad->a, ad->of, ad->id, 1, &t, e) < 0 ||
	    check_target(ad->a, ad->of, ad->id, &t, e) < 0)
		return -1;
	/* Run again after a commit whose answer was lost: the row is there already. */
	struct dbp q[] = { P_STR(ad->name) };
	if (db_query_int(db, "SELECT id FROM photos WHERE name = ?", q, nitems(q), &done, e) < 0)
		return -1;
	if (done)
		return 0;
	if ((slot = free_slot(db, ad, e)) < 0)
		return -1;
	if (!slot)
		return err_core(e, ERR_CONFLICT, "photo.full", "%s %lld has %d photos", what,
		                ad->id, PHOTOS_PER_ITEM);
	struct dbp p[] = {
		P_STR(ad->name), P_INT(t.child), ad->of == PHOTO_VISIT ? P_INT(ad->id) : P_NULL,
		ad->of == PHOTO_LETTER ? P_INT(ad->id) : P_NULL, P_INT(slot),
		P_STR(ad->im->type == IMAGE_JPEG ? "image/jpeg" : "image/png"),
		P_INT(ad->im->width), P_INT(ad->im->height), P_INT(ad->im->len), P_INT(ad->a->id),
	};
	if (db_exec(db, "INSERT INTO photos (name, child_id, visit_id, letter_id, slot, mime, "
	            "width, height, bytes, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	            p, nitems(p), NULL, e) < 0)
		return db_is_dup(e) ? err_core(e, ERR_CONFLICT, "photo.full", "%s %lld: slot %d "
		                               "taken", what, ad->id, slot) : -1;
	return audit_actor(db, ad->a, e, "photo.add", "photo", ad->name, "slot %d of %s %lld",
	                   slot, what, ad->id);
}

/*
 * Care.PhotoDecodes decodes at once across the host's workers: one costs up to IMAGE_DECODE_MAX
 * (about 110 MB for a 24-megapixel photo), and a few at once must not push a 1 GB machine into
 * swap. An upload that finds every slot busy for PHOTO_WAIT_MS is a 503 to try again.
 */
#define PHOTO_WAIT_MS 10000
static struct slots decodes = SLOTS_INIT(".imglock");

static int decode(const struct config *cfg, const void *data, size_t len, struct image *im,
                  struct err *e)
{
	int slot = slots_take(&decodes, cfg->socket, cfg->photo_decodes, PHOTO_WAIT_MS), rc;

	if (slot == SLOTS_BUSY)
		return err_core(e, ERR_BUSY, "photo.busy", "all %d photo-decode slots busy",
		                cfg->photo_decodes);
	if (slot < 0)
		return err_core(e, ERR_INTERNAL, NULL, "photo slot lock: %s", strerror(errno));
	rc = image_reencode(data, len, IMAGE_LONG_SIDE, im, e);
	slots_give(&decodes, slot);
	return rc;
}

int photo_file_image(const struct config *cfg, const void *data, size_t len,
                     char name[PHOTO_NAME_LEN + 1], struct image *im, struct err *e)
{
	int rc;

	if (!len)
		return err_core(e, ERR_INVALID, "photo.none", "upload without a file");
	if (len > PHOTO_MAX_BYTES)
		return err_core(e, ERR_TOO_LARGE, "photo.too_large", "%zu bytes", len);
	if (decode(cfg, data, len, im, e) < 0)
		return -1;
	if ((rc = store(cfg, im->data, im->len, name, e)) < 0)
		image_free(im);
	return rc;
}

int photo_file_raw(const struct config *cfg, const void *data, size_t len,
                   char name[PHOTO_NAME_LEN + 1], struct err *e)
{
	return store(cfg, data, len, name, e);
}

int photo_add(struct db *db, const struct config *cfg, const struct actor *a, enum photo_of of,
              long long id, const void *data, size_t len, char name[PHOTO_NAME_LEN + 1],
              struct err *e)
{
	struct adding ad = { cfg, a, of, id, NULL, name };
	struct target t;
	struct image im;
	int rc;

	name[0] = '\0';
	/* Who and when first, as for any request; a refusal of those decodes nothing. */
	if (find_target(db, a, of, id, 0, &t, e) < 0 || check_target(a, of, id, &t, e) < 0)
		return -1;
	if (photo_file_image(cfg, data, len, name, &im, e) < 0)
		return -1;
	ad.im = &im;
	if ((rc = db_tx(db, add_tx, &ad, e)) < 0)
		photo_file_unlink(cfg, name);   /* no row, no file */
	image_free(&im);
	return rc;
}

/* One photo's name and type into out, by a query of one name parameter and one other. */
static int find_photo(struct db *db, const char *sql, const char *name, struct dbp other,
                      struct photo_file *out, struct err *e)
{
	int found;

	memset(out, 0, sizeof *out);
	if (!photo_name_valid(name))
		return err_core(e, ERR_NOT_FOUND, "photo.unknown", "not a photo name");
	struct dbp p[] = { P_STR(name), other };
	struct var v[] = { VAR_STR(out->name), VAR_STR(out->mime) };
	if ((found = row_get(db, sql, p, nitems(p), v, nitems(v), e)) < 0)
		return -1;
	if (!found)
		return err_core(e, ERR_NOT_FOUND, "photo.unknown",
		                "photo %.32s: none for this actor", name);
	return 0;
}

int photo_for_staff(struct db *db, const struct actor *a, const char *name,
                    struct photo_file *out, struct err *e)
{
	char sql[SCOPE_SQL_LEN];
	struct scope s;

	scope_for(a, &s);
	if (scope_sql(sql, sizeof sql, "SELECT p.name, p.mime FROM photos p JOIN children c "
	              "ON c.id = p.child_id WHERE p.name = ? AND %s", &s) < 0)
		return err_internal(e, "photo query too long");
	if (find_photo(db, sql, name, s.param, out, e) < 0)
		return -1;
	/* A child's photo is personal data: every staff view of one is on record. */
	return audit_actor(db, a, e, "photo.view", "photo", out->name, "viewed the photo");
}

int photo_for_sponsor(struct db *db, const struct actor *a, const char *name,
                      struct photo_file *out, struct err *e)
{
	if (a->kind != ACTOR_DONOR)
		return err_core(e, ERR_NOT_FOUND, "photo.unknown", "not a donor");
	return find_photo(db, "SELECT p.name, p.mime FROM photos p "
	                  "JOIN children c ON c.id = p.child_id AND c.consent_photo = 1 "
	                  "LEFT JOIN visits v ON v.id = p.visit_id AND v.state = 'approved' "
	                  "LEFT JOIN letters l ON l.id = p.letter_id AND l.state = 'approved' "
	                  "JOIN sponsorships s ON s.id = COALESCE(v.sponsorship_id, "
	                  "l.sponsorship_id) AND s.child_id = p.child_id AND s.state = 'active' "
	                  "WHERE p.name = ? AND p.confirmed = 1 AND s.donor_id = ?",
	                  name, P_INT(a->id), out, e);
}

struct removal {
	const struct actor *a;
	const char         *name;
	long long           visit, letter;
};

static int delete_tx(struct db *db, void *arg, struct err *e)
{
	struct removal *r = arg;
	char sql[SCOPE_SQL_LEN];
	long long id, by;
	int open, found;
	struct scope s;

	scope_for(r->a, &s);
	if (scope_sql(sql, sizeof sql, "SELECT p.id, p.uploaded_by, p.visit_id, p.letter_id, "
	              "COALESCE(v.state, l.state) NOT IN ('approved', 'delivered') FROM photos p "
	              "JOIN children c ON c.id = p.child_id "
	              "LEFT JOIN visits v ON v.id = p.visit_id "
	              "LEFT JOIN letters l ON l.id = p.letter_id WHERE p.name = ? AND %s "
	              "FOR UPDATE", &s) < 0)
		return err_internal(e, "photo query too long");
	struct dbp p[] = { P_STR(r->name), s.param };
	struct var v[] = {
		VAR_LL(&id), VAR_LL(&by), VAR_LL(&r->visit), VAR_LL(&r->letter), VAR_I(&open),
	};
	if ((found = row_get(db, sql, p, nitems(p), v, nitems(v), e)) < 0)
		return -1;
	if (!found)
		return err_core(e, ERR_NOT_FOUND, "photo.unknown", "photo %.32s: none in scope",
		                r->name);
	if (!may_change(r->a, by))
		return err_core(e, ERR_FORBIDDEN, "photo.not_yours", "photo %s: not theirs",
		                r->name);
	if (!open)
		return err_core(e, ERR_CONFLICT, "photo.approved", "photo %s: approved", r->name);
	struct dbp q[] = { P_INT(id) };
	if (db_exec(db, "DELETE FROM photos WHERE id = ?", q, nitems(q), NULL, e) < 0)
		return -1;
	return audit_actor(db, r->a, e, "photo.delete", "photo", r->name, "of %s %lld",
	                   r->visit ? "visit" : "letter", r->visit ? r->visit : r->letter);
}

int photo_delete(struct db *db, const struct config *cfg, const struct actor *a, const char *name,
                 long long *visit, long long *letter, struct err *e)
{
	struct removal r = { a, name, 0, 0 };

	*visit = *letter = 0;
	if (!photo_name_valid(name))
		return err_core(e, ERR_NOT_FOUND, "photo.unknown", "not a photo name");
	if (db_tx(db, delete_tx, &r, e) < 0)
		return -1;
	/*
	 * The row is gone, so nobody is served the file any more; a crash before this line leaves
	 * a file no row names, which nobody can ask for.
	 */
	photo_file_unlink(cfg, name);
	*visit = r.visit;
	*letter = r.letter;
	return 0;
}

/* The names a query selects, as photos_drop_child hands them out. */
struct names {
	char  *v;
	size_t n, cap;
};

static int name_row(void *ctx, unsigned ncols, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct names *ns = ctx;
	char *grown;

	(void)ncols; (void)f; (void)l;
	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? 2 * ns->cap : 8;
		if (!(grown = realloc(ns->v, ns->cap * (PHOTO_NAME_LEN + 1))))
			return -1;
		ns->v = grown;
	}
	snprintf(ns->v + ns->n++ * (PHOTO_NAME_LEN + 1), PHOTO_NAME_LEN + 1, "%s", v[0]);
	return 0;
}

int photos_drop_child(struct db *db, long long child, char **names, size_t *n, struct err *e)
{
	struct names ns = { NULL, 0, 0 };
	struct dbp p[] = { P_INT(child) };

	free(*names);
	*names = NULL;
	*n = 0;
	if (db_query(db, "SELECT name FROM photos WHERE child_id = ? FOR UPDATE", p, nitems(p),
	             name_row, &ns, e) < 0 ||
	    db_exec(db, "DELETE FROM photos WHERE child_id = ?", p, nitems(p), NULL, e) < 0) {
		free(ns.v);
		return -1;
	}
	*names = ns.v;
	*n = ns.n;
	return 0;
}

void photo_files_remove(const struct config *cfg, const char *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		photo_file_unlink(cfg, names + i * (PHOTO_NAME_LEN + 1));
}
