/*
 * ui-sponsor.c — GET/POST /sponsor/{code}: the holder chooses a plan, then is sent to pay; others
 * may offer to hold. POST /sponsor/{code}/release: the holder gives the hold up (放弃保留).
 */
#include <stdio.h>
#include <string.h>

#include "donor.h"
#include "../core/sponsorship.h"
#include "../core/ledger.h"
#include "../pay/paypages.h"
#include "../money.h"
#include "../page.h"
#include "../public/public.h"
#include "../util.h"

#define AMOUNT_SIZE 32   /* an amount as text: "3,000.00" */
#define PATH_SIZE   64   /* /children/{code} */

/* A flag read with the child (Children.0.name), taken out of what the page shows. */
static int child_flag(struct ctx *c, const char *name)
{
	char key[PATH_SIZE];
	int v;

	snprintf(key, sizeof key, "Children.0.%s", name);
	v = hdf_get_int_value(c->hdf, key, 0);
	hdf_remove_tree(c->hdf, key);
	return v;
}

/*
 * The child as Children.0; in *free whether it is free to hold (SPONS_FREE_COL), in *own whether
 * this donor has a live sponsorship of it (SPONS_OWN_COL), in the same query. The page says them by
 * its mode, not as they are.
 */
static int load_child(struct ctx *c, long long donor, int *free, int *own)
{
	struct dbp p[] = { P_INT(donor), P_STR(c->f[K_CODE].str) };
	int n;

	if (db_query_hdf(c->db, "SELECT " CHILD_PUBLIC_COLS ", " SPONS_FREE_COL " AS free, "
	                 SPONS_OWN_COL " AS own FROM children c WHERE c.code = ? "
	                 "AND c.consent_publish = 1 AND c.status <> 'exited'",
	                 p, nitems(p), c->hdf, "Children", &n, &c->err) < 0)
		return -1;
	if (n == 0)
		return err_set(&c->err, 404, "没有找到这个孩子：编号不存在，或孩子的信息不再公开。",
		               "sponsor page for unknown child %s", c->f[K_CODE].str);
	*free = child_flag(c, "free");
	*own = child_flag(c, "own");
	child_labels(c, "Children");
	return 0;
}

static void plans(struct ctx *c)
{
	char buf[AMOUNT_SIZE];

	page_set(c, NULL, "Plan.annual", money_format(MONEY_ANNUAL_NEED_FEN, buf, sizeof buf));
	page_set(c, NULL, "Plan.monthly",
	         money_format(MONEY_ANNUAL_NEED_FEN / PLAN_MONTHS, buf, sizeof buf));
	page_setf(c, "Plan.hold_minutes=%d", c->cfg->hold_seconds / 60);
	page_setf(c, "Plan.cooldown_hours=%d", c->cfg->cooldown / 3600);
	/* What the donor chose, when a refused POST draws the form again (cmd.h form) */
	page_set(c, NULL, "Plan.chosen", c->f[K_PLAN].present ? c->f[K_PLAN].str : "annual");
	page_setf(c, "Plan.anonymous=%d", c->f[K_ANON].present);
	page_setf(c, "Plan.agreed=%d", c->f[K_AGREE].present);
	pay_offer(c);
	page_set(c, NULL, "Page.Title", "一对一助养");
	page_set(c, NULL, "Page.Nav", "children");
	c->tmpl = "sponsor.cs";
}

int ui_sponsor(struct ctx *c)
{
	const char *code = c->f[K_CODE].str;
	struct actor a = actor_of(c);
	struct spons s;
	int mine = 0, free = 0, own = 0;

	/* Most who come here have no sponsorship of the child: then there is none to read. */
	if (load_child(c, a.id, &free, &own) < 0 ||
	    (own && (mine = sponsorship_find(c->db, c->cfg, &a, code, &s, &c->err)) < 0))
		return -1;
	if (mine && (strcmp(s.state, "pending_approval") == 0 || strcmp(s.state, "active") == 0))
		return ctx_redirect(c, "/me");
	if (mine && s.seconds_left > 0) {
		page_set(c, NULL, "Mode", "plan");
		page_set(c, NULL, "Hold.until", s.hold_until);
		page_setf(c, "Hold.minutes_left=%lld", (s.seconds_left + 59) / 60);
		page_set(c, NULL, "Hold.order", s.order_no);
	} else if (mine || free) {
		/*
		 * Not held by this donor yet, or the donor's hold ran out: the page offers to hold
		 * the child.
		 */
		page_set(c, NULL, "Mode", "offer");
		page_set(c, NULL, "Hold.lapsed", mine ? "1" : "");
	} else {
		/* Another donor's sponsor page is theirs alone. */
		return donor_taken_page(c, code, 403);
	}
	plans(c);
	return 0;
}

int ui_sponsor_post(struct ctx *c)
{
	struct plan_choice p = {
		.monthly = strcmp(c->f[K_PLAN].str, "monthly") == 0,
		.receipt_name = c->f[K_RNAME].present ? c->f[K_RNAME].str : NULL,
		.anonymous = c->f[K_ANON].present,
		.display_name = c->who.name,
	};
	struct actor a = actor_of(c);
	struct order_view v;
	int made;

	if (pay_pick(c, &p.provider) < 0 ||
	    (made = sponsorship_order(c->db, c->cfg, &a, c->f[K_CODE].str, &p, &v, &c->err)) < 0)
		return -1;
	return made ? pay_redirect_to(c, &v) : pay_redirect(c, v.order_no);
}

int ui_sponsor_release(struct ctx *c)
{
	struct actor a = actor_of(c);
	char url[PATH_SIZE];

	if (sponsorship_release(c->db, c->cfg, &a, c->f[K_CODE].str, &c->err) < 0)
		return -1;
	snprintf(url, sizeof url, "/children/%s", c->f[K_CODE].str);
	return ctx_redirect(c, url);
}
