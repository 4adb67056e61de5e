/*
 * ui-decide.c — POST /admin/pairings/{id}/approve and …/reject: the county's decision on a paid
 * pairing (core/pairing.h decides; deciding twice, or on something already decided, is a 409), then
 * back to the queue.
 */
#include "admin.h"
#include "../core/pairing.h"

int ui_admin_approve(struct ctx *c)
{
	const struct actor staff = actor_of(c);

	if (pairing_approve(c->db, c->cfg, &staff, c->f[K_ID].num, &c->err) < 0)
		return -1;
	return ctx_redirect(c, "/admin/pairings");
}

int ui_admin_reject(struct ctx *c)
{
	const struct actor staff = actor_of(c);

	if (pairing_reject(c->db, c->cfg, &staff, c->f[K_ID].num, c->f[K_REASON].str, &c->err) < 0)
		return -1;
	return ctx_redirect(c, "/admin/pairings");
}
