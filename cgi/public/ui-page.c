/*
 * ui-page.c — GET /p/{p}: a personal fundraising page (一起捐, 代言人): its story, progress, latest
 * gifts and updates, the donate form; POST /p/{p}/donate: a gift through it (soft credit). Not
 * served from the page cache: a new gift shows at once.
 */
#include <string.h>

#include "public.h"
#include "../labels.h"
#include "../page.h"
#include "../util.h"

#define PAGE_GIFTS   20   /* the latest gifts shown */
#define PAGE_UPDATES 50   /* the latest updates shown */

/*
 * What it raised, from the running totals (raised_totals: 16 rows whatever the gifts), and the
 * share of the goal, capped at 100 for the progress bar.
 */
#define PAGE_SQL \
	"SELECT f.id, f.code, f.kind, f.spokesperson, f.donor_id, f.display_name, f.activity_id, " \
	"f.children_n, f.title, f.story, f.goal_fen, f.ends_on, f.state, f.review_note, " \
	"COALESCE(a.slug, '') AS activity_slug, COALESCE(a.title, '') AS activity_title, " \
	"t.gifts, t.fen + t.match_fen " \
	"AS raised_fen, t.match_fen, LEAST(100, FLOOR(100 * (t.fen + t.match_fen) / f.goal_fen)) " \
	"AS pct FROM fund_pages f LEFT JOIN activities a ON a.id = f.activity_id " \
	"JOIN (SELECT COALESCE(SUM(gifts), 0) AS gifts, COALESCE(SUM(fen), 0) AS fen, " \
	"COALESCE(SUM(match_fen), 0) AS match_fen FROM raised_totals " \
	"WHERE item_kind = 'page' AND item_id = (SELECT id FROM fund_pages WHERE code = ?)) t " \
	"WHERE f.code = ?"

int page_load(struct ctx *c, const char *code, int any_state)
{
	const char *state;
	struct dbp p[] = { P_STR(code), P_STR(code) };
	int found;

	if (page_query_one(c, PAGE_SQL, p, nitems(p), "Fund", &found) < 0)
		return -1;
	state = hdf_get_value(c->hdf, "Fund.state", "");
	/* Not yet approved, or refused: its initiator's alone. */
	if (found && !any_state &&
	    (strcmp(state, "pending") == 0 || strcmp(state, "rejected") == 0) &&
	    (!donor_of(c) || donor_of(c) != hdf_get_int_value(c->hdf, "Fund.donor_id", 0)))
		found = 0;
	if (!found)
		return err_set(&c->err, 404, "找不到这个一起捐页面。", "page %s not public", code);
	page_money(c, "Fund.goal_fen", "Fund.goal");
	page_money(c, "Fund.raised_fen", "Fund.raised");
	page_money(c, "Fund.match_fen", "Fund.matched");
	page_set(c, NULL, "Fund.state_label", label_of(PAGE_STATES, state));
	page_set(c, NULL, "Fund.kind_label",
	         label_of(PAGE_KINDS, hdf_get_value(c->hdf, "Fund.kind", "")));
	return 0;
}

int page_lists(struct ctx *c)
{
	struct dbp p[] = { P_INT(hdf_get_int_value(c->hdf, "Fund.id", 0)), P_INT(PAGE_GIFTS) };

	/*
	 * The columns are named by their table in ORDER BY: the bare name would be the formatted
	 * text of the same name, and every gift of the page would be sorted by it (a page of 10,000
	 * gifts served at a sixteenth of the speed of one of ten; tests/bench/page.sh); the column
	 * reads the newest 20 backwards along k_donation_page.
	 */
	if (db_query_hdf(c->db,
	        "SELECT DATE_FORMAT(d.paid_at, '%Y-%m-%d %H:%i') AS paid_at, d.donor_name, "
	        "d.anonymous, d.amount_fen, d.message FROM donations d WHERE d.page_id = ? "
	        "AND d.status = 'paid' AND d.refund_due = 0 AND d.channel <> 'match' "
	        "ORDER BY d.paid_at DESC, d.id DESC LIMIT ?",
	        p, nitems(p), c->hdf, "Gifts", NULL, &c->err) < 0)
		return -1;
	gift_mask_names(c, "Gifts");
	page_money_rows(c, "Gifts", "amount_fen", "amount");
	p[1] = P_INT(PAGE_UPDATES);
	if (db_query_hdf(c->db,
	        "SELECT DATE_FORMAT(u.posted_on, '%Y-%m-%d') AS posted_on, u.body, u.final "
	        "FROM progress_updates u WHERE u.item_kind = 'page' AND u.item_id = ? "
	        "ORDER BY u.posted_on DESC, u.id DESC LIMIT ?",
	        p, nitems(p), c->hdf, "Updates", NULL, &c->err) < 0)
		return -1;
	return 0;
}

int ui_page(struct ctx *c)
{
	if (page_load(c, c->f[K_PCODE].str, 0) < 0 || page_lists(c) < 0)
		return -1;
	gift_form(c);
	page_set(c, NULL, "Page.Title", hdf_get_value(c->hdf, "Fund.title", ""));
	c->tmpl = "page.cs";
	return 0;
}

int ui_page_donate(struct ctx *c)
{
	long long activity;

	if (page_load(c, c->f[K_PCODE].str, 0) < 0)
		return -1;
	if (strcmp(hdf_get_value(c->hdf, "Fund.state", ""), "live") != 0)
		return err_set(&c->err, 409, "这个一起捐页面已暂停或已结束，暂不接受捐赠。",
		               "gift to a %s page", hdf_get_value(c->hdf, "Fund.state", ""));
	activity = hdf_get_int_value(c->hdf, "Fund.activity_id", 0);
	return gift_post(c, &(struct gift_for){
		.purpose = activity ? "activity" : "general",
		.page_id = hdf_get_int_value(c->hdf, "Fund.id", 0), .activity_id = activity,
	});
}
