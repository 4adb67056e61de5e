/*
 * ui-page-new.c — GET/POST /pages/new: a signed-in donor starts a personal fundraising page
 * (一起捐) for the programme, a live themed activity, or "sponsor N children"; staff review it
 * before it is public (core/pages.h). The form is shared with /admin/pages/new (a spokesperson's).
 */
#include <stdio.h>
#include <string.h>

#include "donor.h"
#include "../core/pages.h"
#include "../labels.h"
#include "../page.h"
#include "../util.h"

/* The live activities a page may be for, for the form's <select>. */
int page_form(struct ctx *c)
{
	page_label_list(c, "Kinds", PAGE_KINDS);
	page_setf(c, "Form.pending_max=%d", PAGE_PENDING_MAX);
	page_setf(c, "Form.child_yuan=%lld", PAGE_CHILD_FEN / 100);
	return db_query_hdf(c->db, "SELECT slug, title FROM activities WHERE state = 'live' "
	                    "ORDER BY starts_on DESC, id DESC LIMIT 100", NULL, 0, c->hdf,
	                    "Activities", NULL, &c->err);
}

int ui_page_new(struct ctx *c)
{
	if (page_form(c) < 0)
		return -1;
	page_set(c, NULL, "Page.Title", "发起一起捐");
	c->tmpl = "page-new.cs";
	return 0;
}

/* The form's page as typed, or a 400 for what its kind lacks. */
int page_typed(struct ctx *c, struct page_new *n)
{
	const char *kind = c->f[K_PKIND].str;

	*n = (struct page_new){
		.kind = kind, .title = c->f[K_TITLE].str, .story = c->f[K_TEXT].str,
		.display_name = c->f[K_DNAME].str, .ends_on = c->f[K_TO].str,
		.slug = c->f[K_SLUG].present ? c->f[K_SLUG].str : NULL,
		.goal_fen = c->f[K_GOAL].present ? c->f[K_GOAL].num : 0,
		.children = c->f[K_CHILDREN].present ? (int)c->f[K_CHILDREN].num : 0,
	};
	if (strcmp(kind, "children") == 0 && !n->children) {
		err_set(&c->err, 400, "请填写要助养的孩子人数。", "children page without N");
		return err_at(&c->err, KEYS[K_CHILDREN].name);
	}
	if (strcmp(kind, "children") != 0 && !n->goal_fen) {
		err_set(&c->err, 400, "请填写目标金额。", "page without a goal");
		return err_at(&c->err, KEYS[K_GOAL].name);
	}
	if (strcmp(kind, "activity") == 0 && !n->slug) {
		err_set(&c->err, 400, "请选择要支持的专题活动。", "activity page without one");
		return err_at(&c->err, KEYS[K_SLUG].name);
	}
	return 0;
}

int page_submit(struct ctx *c, const char *person, const char *back)
{
	const struct actor a = actor_of(c);
	struct page_new n;
	char code[PAGE_CODE_LEN + 1], url[64];
	long long id;

	if (page_typed(c, &n) < 0)
		return -1;
	n.person = person;
	if (page_create(c->db, &a, &n, code, &id, &c->err) < 0)
		return -1;
	snprintf(url, sizeof url, "%s/%lld", back, id);
	return ctx_redirect(c, url);
}

int ui_page_new_post(struct ctx *c)
{
	return page_submit(c, NULL, "/me/pages");
}
