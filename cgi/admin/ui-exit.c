/*
 * ui-exit.c — POST /admin/children/{code}/exit: a child leaves the programme with a coded reason
 * and a note (core/pairing.h: its active sponsorship ends, and its donor is told and offered a
 * similar waiting child), then back to the child's record.
 */
#include <stdio.h>

#include "admin.h"
#include "../core/pairing.h"

/* The record's address: /admin/children/{code}. */
#define RECORD_URL_MAX 64

int ui_admin_exit(struct ctx *c)
{
	const struct field *f = c->f;
	const struct actor staff = actor_of(c);
	char url[RECORD_URL_MAX];

	if (pairing_exit(c->db, c->cfg, &staff, f[K_CODE].str, f[K_EXIT].str,
	                 f[K_NOTE].present ? f[K_NOTE].str : NULL, &c->err) < 0)
		return -1;
	snprintf(url, sizeof url, "/admin/children/%s", f[K_CODE].str);
	return ctx_redirect(c, url);
}
