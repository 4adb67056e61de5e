/*
 * ui-visit.c — GET /admin/visits/{id}: one visit, with what its reader may do: its author edits a
 * draft or a returned visit, adds photos and submits it; a reviewer in reach sees the privacy
 * check's findings in the summary, edits it, ticks the photos fit to show, and approves or returns
 * it. POST /admin/visits/{id} (the edit), …/submit, …/approve, …/return (core/visits.c decides).
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "../core/visits.h"
#include "../labels.h"
#include "../page.h"
#include "../util.h"

/* The care kinds' ticks, in CARE_KINDS order. */
static const enum key CARE_KEYS[] = { K_CARE_LIFE, K_CARE_FAMILY, K_CARE_EDU, K_CARE_SPECIAL };
/* The photo slots' ticks at review, slot 1 first. */
static const enum key PHOTO_KEYS[VISIT_SLOTS] = { K_PHOTO_OK1, K_PHOTO_OK2, K_PHOTO_OK3,
                                                 K_PHOTO_OK4 };

struct visit_form visit_form_of(const struct ctx *c)
{
	const struct field *f = c->f;
	struct visit_form v = {
		.date = f[K_DATE].present ? f[K_DATE].str : NULL,
		.kind = f[K_VKIND].present ? f[K_VKIND].str : NULL,
		.given_what = f[K_GIVEN_WHAT].present ? f[K_GIVEN_WHAT].str : NULL,
		.given_fen = f[K_GIVEN].present ? f[K_GIVEN].num : -1,
		.note = f[K_STAFF_NOTE].present ? f[K_STAFF_NOTE].str : NULL,
		.summary = f[K_SUMMARY].str,
		.submit = f[K_AND_SUBMIT].present,
	};

	for (size_t i = 0; i < nitems(CARE_KEYS); i++)
		if (f[CARE_KEYS[i]].present)
			v.care |= 1u << i;
	return v;
}

void visit_choices(struct ctx *c, unsigned care)
{
	page_label_list(c, "Kinds", VISIT_KINDS);
	page_label_list(c, "Cares", CARE_KINDS);
	for (int i = 0; CARE_KINDS[i].code; i++)
		if (care & (1u << i))
			page_setf(c, "Cares.%d.on=1", i);
}

void visit_url(char url[ADMIN_URL_LEN], long long id, const char *then)
{
	snprintf(url, ADMIN_URL_LEN, "/admin/visits/%lld%s", id, then ? then : "");
}

/* The care SET's text ("life,education") as CARE_KINDS bits. */
static unsigned care_bits(const char *set)
{
	unsigned bits = 0;
	char one[VISIT_WORD_LEN];

	while (*set) {
		size_t n = strcspn(set, ",");

		snprintf(one, sizeof one, "%.*s", (int)n, set);
		for (int i = 0; CARE_KINDS[i].code; i++)
			if (strcmp(CARE_KINDS[i].code, one) == 0)
				bits |= 1u << i;
		set += n + (set[n] == ',');
	}
	return bits;
}

/*
 * The privacy check's findings: how many, and the summary in parts with each finding marked, for
 * the author before submitting and the reviewer before approving.
 */
static void findings_page(struct ctx *c, const struct visit *v)
{
	page_setf(c, "Visit.findings=%d", v->found.n);
	admin_marked(c, "Summary", v->summary, &v->found);
}

/* The visit's photos (their routes are the photos part's), and whether the reader may add more. */
static int photos_page(struct ctx *c, const struct actor *a, const struct visit *v)
{
	struct dbp p[] = { P_INT(v->id) };
	int n;

	if (db_query_hdf(c->db, "SELECT name, slot, confirmed FROM photos WHERE visit_id = ? "
	                 "ORDER BY slot", p, nitems(p), c->hdf, "Photos", &n, &c->err) < 0)
		return -1;
	if (n < VISIT_SLOTS && (v->mine || strcmp(a->role, "county") == 0) &&
	    (strcmp(v->state, "draft") == 0 || strcmp(v->state, "returned") == 0))
		page_set(c, NULL, "Visit.may_photo", "1");
	return 0;
}

static void visit_page(struct ctx *c, const struct visit *v)
{
	char yuan[32];

	page_setf(c, "Visit.id=%lld", v->id);
	page_set(c, NULL, "Visit.state", v->state);
	page_set(c, NULL, "Visit.state_label", label_of(VISIT_STATES, v->state));
	page_set(c, NULL, "Visit.kind", v->kind);
	page_set(c, NULL, "Visit.kind_label", label_of(VISIT_KINDS, v->kind));
	page_set(c, NULL, "Visit.visited_on", v->visited_on);
	page_set(c, NULL, "Visit.paired_on", v->paired_on);
	page_set(c, NULL, "Visit.today", v->today);
	page_set(c, NULL, "Visit.code", v->code);
	page_set(c, NULL, "Visit.alias", v->alias);
	page_set(c, NULL, "Visit.author", v->author);
	page_set(c, NULL, "Visit.reviewer", v->reviewer);
	page_set(c, NULL, "Visit.submitted_at", v->submitted_at);
	page_set(c, NULL, "Visit.reviewed_at", v->reviewed_at);
	page_set(c, NULL, "Visit.given_what", v->given_what);
	page_set(c, NULL, "Visit.review_note", v->review_note);
	page_set(c, NULL, "Visit.summary", v->summary);
	page_set(c, NULL, "Visit.note", v->note);
	/* As the form takes it back (no thousands separator). */
	yuan[0] = '\0';
	if (v->given_fen >= 0)
		snprintf(yuan, sizeof yuan, "%lld.%02lld", v->given_fen / 100, v->given_fen % 100);
	page_set(c, NULL, "Visit.given", yuan);
	if (v->may_edit)
		page_set(c, NULL, "Visit.may_edit", "1");
	if (v->may_review)
		page_set(c, NULL, "Visit.may_review", "1");
	if (v->mine && v->may_edit)
		page_set(c, NULL, "Visit.may_submit", "1");
	for (int i = 0; CARE_KINDS[i].code; i++)
		if (care_bits(v->care) & (1u << i))
			page_setf(c, "Visit.care.%d=%s", i, CARE_KINDS[i].text);
	visit_choices(c, care_bits(v->care));
	findings_page(c, v);
}

int ui_admin_visit(struct ctx *c)
{
	const struct actor a = actor_of(c);
	struct visit v;

	if (visit_read(c->db, c->cfg, &a, c->f[K_ID].num, &v, &c->err) < 0 ||
	    photos_page(c, &a, &v) < 0)
		return -1;
	visit_page(c, &v);
	admin_page(c, "探访记录", "visits");
	c->tmpl = "admin-visit.cs";
	return 0;
}

int ui_admin_visit_post(struct ctx *c)
{
	const struct actor a = actor_of(c);
	const struct visit_form f = visit_form_of(c);
	char url[ADMIN_URL_LEN];

	if (visit_update(c->db, c->cfg, &a, c->f[K_ID].num, &f, &c->err) < 0)
		return -1;
	visit_url(url, c->f[K_ID].num, NULL);
	return ctx_redirect(c, url);
}

int ui_admin_visit_submit(struct ctx *c)
{
	const struct actor a = actor_of(c);
	char url[ADMIN_URL_LEN];

	if (visit_submit(c->db, c->cfg, &a, c->f[K_ID].num, &c->err) < 0)
		return -1;
	visit_url(url, c->f[K_ID].num, NULL);
	return ctx_redirect(c, url);
}

int ui_admin_visit_approve(struct ctx *c)
{
	const struct actor a = actor_of(c);
	unsigned ok = 0;

	for (int i = 0; i < VISIT_SLOTS; i++)
		if (c->f[PHOTO_KEYS[i]].present)
			ok |= 1u << i;
	if (visit_approve(c->db, c->cfg, &a, c->f[K_ID].num, ok, &c->err) < 0)
		return -1;
	return ctx_redirect(c, "/admin/visits?status=submitted");
}

int ui_admin_visit_return(struct ctx *c)
{
	const struct actor a = actor_of(c);

	if (visit_return(c->db, c->cfg, &a, c->f[K_ID].num, c->f[K_REVIEW_NOTE].str, &c->err) < 0)
		return -1;
	return ctx_redirect(c, "/admin/visits?status=submitted");
}
