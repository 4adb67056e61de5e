/*
 * ui-mypage.c — /me's 我的一起捐 (the donor's pages); GET /me/pages/{id}: the initiator's own
 * personal fundraising page: its state, progress, gifts and updates, the form to post an update;
 * POST /me/pages/{id}: an update; POST /me/pages/{id}/end: the page ended early; POST
 * /me/pages/{id}/pick: a waiting child paired from a "sponsor N children" page (core/pages.h).
 */
#include <stdio.h>
#include <string.h>

#include "donor.h"
#include "../core/pages.h"
#include "../labels.h"
#include "../page.h"
#include "../public/public.h"
#include "../util.h"

#define PICK_SHOWN 8   /* waiting children offered to pick from */

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

/*
 * A "sponsor N children" page: the children it paid for, and while its money covers another
 * child, the waiting children to pick from (those who waited longest).
 */
static int children_offer(struct ctx *c, long long id)
{
	struct dbp p[] = { P_INT(id) }, lim[] = { P_INT(PICK_SHOWN) };
	long long left;

	if (db_query_hdf(c->db, "SELECT x.seq, ch.code, ch.alias, s.state AS sstate "
	                 "FROM page_children x JOIN children ch ON ch.id = x.child_id "
	                 "JOIN sponsorships s ON s.id = x.sponsorship_id WHERE x.page_id = ? "
	                 "ORDER BY x.seq", p, nitems(p), c->hdf, "Picked", NULL, &c->err) < 0 ||
	    page_children_left(c->db, id, &left, &c->err) < 0)
		return -1;
	page_label_rows(c, "Picked", "sstate", SPONSORSHIP_STATES, "state_label");
	page_setf(c, "Offer.left=%lld", left);
	if (left <= 0 || strcmp(hdf_get_value(c->hdf, "Fund.state", ""), "paused") == 0)
		return 0;
	if (db_query_hdf(c->db, "SELECT " CHILD_PUBLIC_COLS " FROM children c WHERE c.listed = 1 "
	                 "ORDER BY " CHILD_WAITING_ORDER " LIMIT ?", lim, nitems(lim), c->hdf,
	                 "Waiting", NULL, &c->err) < 0)
		return -1;
	child_labels(c, "Waiting");
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
	if (strcmp(hdf_get_value(c->hdf, "Fund.kind", ""), "children") == 0 &&
	    children_offer(c, c->f[K_ID].num) < 0)
		return -1;
	page_setf(c, "Form.action=/me/pages/%lld", c->f[K_ID].num);
	page_setf(c, "Form.per_day=%d", PAGE_UPDATES_DAY);
	page_set(c, NULL, "Page.Title", "我的一起捐");
	c->tmpl = "mypage.cs";
	return 0;
}

/* What the initiator did went through: back to their page. */
static int back(struct ctx *c, int rc)
{
	char url[64];

	if (rc < 0)
		return -1;
	snprintf(url, sizeof url, "/me/pages/%lld", c->f[K_ID].num);
	return ctx_redirect(c, url);
}

int ui_mypage_post(struct ctx *c)
{
	const struct actor a = actor_of(c);

	return back(c, page_update(c->db, &a, c->f[K_ID].num, c->f[K_TEXT].str, &c->err));
}

int ui_mypage_pick(struct ctx *c)
{
	const struct actor a = actor_of(c);

	return back(c, page_pick(c->db, &a, c->f[K_ID].num, c->f[K_CODE].str, &c->err));
}

int ui_mypage_end(struct ctx *c)
{
	const struct actor a = actor_of(c);

	return back(c, page_end_own(c->db, &a, c->f[K_ID].num, &c->err));
}
