/*
 * ui-stop.c — GET/POST /me/sponsorships/{id}/stop: the donor stops their sponsorship (停止续捐),
 * with a reason and a tick; the money already given keeps going to the child (core/renewals.h).
 */
#include "donor.h"
#include "../core/renewals.h"
#include "../page.h"
#include "../util.h"

int ui_stop(struct ctx *c)
{
	struct dbp p[] = { P_INT(c->f[K_ID].num), P_INT(donor_of(c)) };
	int n;

	if (db_query_hdf(c->db, "SELECT s.id, s.state, c.code, c.alias FROM sponsorships s "
	                 "JOIN children c ON c.id = s.child_id WHERE s.id = ? AND s.donor_id = ? "
	                 "AND s.state IN ('active','lapsing')", p, nitems(p), c->hdf, "Spons", &n,
	                 &c->err) < 0)
		return -1;
	if (n == 0)
		return err_set(&c->err, 404, "找不到这项结对，或它已经停止续捐。",
		               "stop page: sponsorship %lld not the donor's, or not live",
		               c->f[K_ID].num);
	page_set(c, NULL, "Form.action", c->req->path);
	page_set(c, NULL, "Page.Title", "停止续捐");
	c->tmpl = "stop.cs";
	return 0;
}

int ui_stop_post(struct ctx *c)
{
	const struct actor a = actor_of(c);

	if (renewal_stop(c->db, c->cfg, &a, c->f[K_ID].num, c->f[K_REASON].str, &c->err) < 0)
		return -1;
	return ctx_redirect(c, "/me");
}
