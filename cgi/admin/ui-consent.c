/*
 * ui-consent.c — POST /admin/children/{code}/consent: a guardian gives or withdraws consent to
 * publish the profile, or (scope=photo) to photos.
 */
#include <stdio.h>

#include "admin.h"

int ui_admin_consent(struct ctx *c)
{
	const struct field *f = c->f;
	struct actor a = actor_of(c);
	enum consent_scope scope = f[K_CSCOPE].num ? CONSENT_PHOTO : CONSENT_PUBLISH;
	char url[ADMIN_URL_LEN];

	if (child_consent(c->db, c->cfg, &a, f[K_CODE].str, scope, (int)f[K_PUBLISH].num,
	                  f[K_GIVEN_BY].str, f[K_GIVEN_ON].str, &c->err) < 0)
		return -1;
	snprintf(url, sizeof url, "/admin/children/%s", f[K_CODE].str);
	return ctx_redirect(c, url);
}
