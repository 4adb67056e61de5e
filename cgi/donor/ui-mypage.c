/*
 * ui-mypage.c — /me's 我的一起捐 (the donor's pages); GET /me/pages/{id}: the initiator's own
 * personal fundraising page: its state, progress, gifts and updates, the form to post an update;
 * POST /me/pages/{id}: an update; POST /me/pages/{id}/end: the page ended early (core/pages.h).
 */
#include <stdio.h>

#include "donor.h"
#include "../core/pages.h"
#include "../labels.h"
#include "../page.h"
#include "../public/public.h"
#include "../util.h"

int me_pages(struct ctx *c)
{
	struct dbp p[] = { P_INT(donor_of(c)) };

	if (db_query_hdf(c->db,
	        "SELECT x.id, x.code, x.title, x.state, x.ends_on, x.goal_fen, "
	        "COALESCE(SUM(t.gifts), 0) AS gifts, "
	        "COALESCE(SUM(t.fen + t.match_fen), 0) AS raised_fen "
	        "FROM fund_pages x LEFT JOIN raised_totals t ON t.item_kind = 'page' "
	        "AND t.item_id = x.id WHERE x.donor_id = ? "
	        "GROUP BY x.id ORDER BY x.id DESC LIMIT 50",
	        p, nitems(p), c->hdf, "MyPages", NULL, &c->err) < 0)
		return -1;
	page_label_rows(c, "MyPages", "state", PAGE_STATES, "state_label");
	page_money_rows(c, "MyPages", "raised_fen", "raised");
	page_money_rows(c, "MyPages", "goal_fen", "goal");
	return 0;
}

int ui_mypage(struct ctx *c)
{
	const struct actor a = actor_of(c);
	struct dbp p[] = { P_INT(c->f[K_ID].num), P_INT(a.id) };
	int found;

	if (page_query_one(c, "SELECT code FROM fund_pages WHERE id = ? AND donor_id = ?", p,
	                   nitems(p), "Mine", &found) < 0)
		return -1;
	if (!found)
		return err_set(&c->err, 404, "找不到这个一起捐页面。", "page %lld not donor %lld's",
		               c->f[K_ID].num, a.id);
	if (page_load(c, hdf_get_value(c->hdf, "Mine.code", ""), 0) < 0 || page_lists(c) < 0)
		return -1;
	page_setf(c, "Form.action=/me/pages/%lld", c->f[K_ID].num);
	page_setf(c, "Form.per_day=%d", PAGE_UPDATES_DAY);
	page_set(c, NULL, "Page.Title", "我的一起捐");
	c->tmpl = "mypage.cs";
	return 0;
}

int ui_mypage_post(struct ctx *c)
{
	const struct actor a = actor_of(c);

	if (page_update(c->db, &a, c->f[K_ID].num, c->f[K_TEXT].str, &c->err) < 0)
		return -1;
	return ctx_redirect(c, c->req->path);
}

int ui_mypage_end(struct ctx *c)
{
	const struct actor a = actor_of(c);
	char url[64];

	if (page_end_own(c->db, &a, c->f[K_ID].num, &c->err) < 0)
		return -1;
	snprintf(url, sizeof url, "/me/pages/%lld", c->f[K_ID].num);
	return ctx_redirect(c, url);
}
