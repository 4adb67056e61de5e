/*
 * ui-assign.c — POST /admin/children/{code}/volunteer: assign a child to a volunteer of the child's
 * county for visits (active=1), or take the assignment back (active=0). A volunteer sees only the
 * public profiles of its children.
 */
#include <stdio.h>

#include "admin.h"

int ui_admin_assign(struct ctx *c)
{
	const struct field *f = c->f;
	struct actor a = actor_of(c);
	char url[ADMIN_URL_LEN];

	if (child_assign(c->db, c->cfg, &a, f[K_CODE].str, f[K_STAFF].str, (int)f[K_ACTIVE].num,
	                 &c->err) < 0)
		return -1;
	snprintf(url, sizeof url, "/admin/children/%s", f[K_CODE].str);
	return ctx_redirect(c, url);
}
