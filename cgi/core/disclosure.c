/* disclosure.c — the documents /disclosure lists, and the programme's progress updates. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../files.h"
#include "../util.h"
#include "audit.h"
#include "disclosure.h"
#include "ledger.h"
#include "rows.h"

static int is_province(const struct actor *a)
{
	return a->kind == ACTOR_STAFF && strcmp(a->role, "province") == 0;
}

int disclosure_file_put(const char *dir, const void *data, size_t len, char *name,
                        struct err *e)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	int n, m;

	ledger_code(name, DISCLOSURE_NAME_LEN - 4);
	strcat(name, ".pdf");
	n = snprintf(path, sizeof path, "%s/%s", dir, name);
	m = snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, name);
	if (n < 0 || m < 0 || (size_t)n >= sizeof path || (size_t)m >= sizeof tmp)
		return err_internal(e, "disclosure: Disclosure.Dir is too long");
	/* Whole or not at all; 0644: nginx reads it. */
	if (file_put(tmp, path, data, len, 0644, 1) < 0)
		return err_core(e, ERR_BUSY, NULL, "disclosure: %s: %s", path, strerror(errno));
	return 0;
}

struct adding {
	const struct actor          *a;
	const struct disclosure_doc *d;
	const char                  *name;
};

static int doc_tx(struct db *db, void *arg, struct err *e)
{
	struct adding *ad = arg;
	long long activity = 0, seen;
	struct dbp q[] = { P_STR(ad->name) };

	/* A retry after a lost commit finds its row. */
	if (db_query_int(db, "SELECT COUNT(*) FROM disclosure_docs WHERE name = ?", q, nitems(q),
	                 &seen, e) < 0 || seen)
		return seen ? 0 : -1;
	if (ad->d->slug) {
		struct dbp s[] = { P_STR(ad->d->slug) };

		if (db_query_int(db, "SELECT id FROM activities WHERE slug = ?", s, nitems(s),
		                 &activity, e) < 0)
			return -1;
		if (!activity)
			return err_core(e, ERR_NOT_FOUND, "disclosure.no_activity",
			                "document for activity %s: none", ad->d->slug);
	}
	struct dbp p[] = {
		P_STR(ad->d->kind), P_STR(ad->d->title), activity ? P_INT(activity) : P_NULL,
		P_STR(ad->name), P_INT(ad->d->len), P_INT(ad->a->id),
	};
	if (db_exec(db, "INSERT INTO disclosure_docs (kind, title, activity_id, name, bytes, "
	            "uploaded_by) VALUES (?, ?, ?, ?, ?, ?)", p, nitems(p), NULL, e) < 0)
		return -1;
	return audit_actor(db, ad->a, e, "disclosure.doc", "disclosure_doc", ad->name,
	                   "%s document of %zu bytes%s%s", ad->d->kind, ad->d->len,
	                   ad->d->slug ? " for activity " : "", ad->d->slug ? ad->d->slug : "");
}

int disclosure_doc_add(struct db *db, const char *dir, const struct actor *a,
                       const struct disclosure_doc *d, char *name, struct err *e)
{
	struct adding ad = { .a = a, .d = d, .name = name };
	char path[PATH_MAX];

	name[0] = '\0';
	if (!is_province(a))
		return err_core(e, ERR_FORBIDDEN, NULL, "disclosure document by a %s", a->role);
	if (!d->len)
		return err_core(e, ERR_INVALID, "disclosure.none",
		                "document upload without a file");
	if (d->len > DISCLOSURE_DOC_MAX)
		return err_core(e, ERR_TOO_LARGE, "disclosure.too_large", "document of %zu bytes",
		                d->len);
	if (d->len < 5 || memcmp(d->data, "%PDF-", 5) != 0)
		return err_core(e, ERR_MEDIA, "disclosure.not_pdf", "document of %zu bytes: not a "
		                "PDF", d->len);
	if (disclosure_file_put(dir, d->data, d->len, name, e) < 0)
		return -1;
	if (db_tx(db, doc_tx, &ad, e) < 0) {
		/* no row, no file */
		if (snprintf(path, sizeof path, "%s/%s", dir, name) < (int)sizeof path)
			unlink(path);
		return -1;
	}
	return 0;
}

struct posting {
	const struct actor *a;
	const char         *text;
};

static int update_tx(struct db *db, void *arg, struct err *e)
{
	struct posting *po = arg;
	struct dbp p[] = { P_STR(po->text), P_INT(po->a->id) };
	long long id;
	char key[24];

	if (db_exec(db, "INSERT INTO progress_updates (item_kind, item_id, body, posted_on, "
	            "staff_id) VALUES ('programme', 0, ?, CURDATE(), ?)", p, nitems(p), NULL,
	            e) < 0 ||
	    db_query_int(db, "SELECT LAST_INSERT_ID()", NULL, 0, &id, e) < 0)
		return -1;
	snprintf(key, sizeof key, "%lld", id);
	return audit_actor(db, po->a, e, "disclosure.update", "progress_update", key,
	                   "programme update of %zu bytes", strlen(po->text));
}

int disclosure_update(struct db *db, const struct actor *a, const char *text, struct err *e)
{
	struct posting po = { .a = a, .text = text };

	if (!is_province(a))
		return err_core(e, ERR_FORBIDDEN, NULL, "programme update by a %s", a->role);
	return db_tx(db, update_tx, &po, e);
}
