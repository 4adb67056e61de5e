/*
 * ui-bank.c — POST /admin/children/{code}/bank: county staff put the guardian's bank account on a
 * child's record (core/bank.c seals it); back to the record, which shows it masked.
 */
#include <stdio.h>

#include "admin.h"
#include "../core/bank.h"

int ui_admin_bank(struct ctx *c)
{
	const struct actor a = actor_of(c);
	char url[ADMIN_URL_LEN];

	if (bank_account_set(c->db, c->cfg, &a, c->f[K_CODE].str, c->f[K_BANK_HOLDER].str,
	                     c->f[K_BANK_NO].str, c->f[K_BANK_NAME].str, &c->err) < 0)
		return err_at_if(&c->err, "bank.bad", KEYS[K_BANK_NO].name);
	snprintf(url, sizeof url, "/admin/children/%s#bank", c->f[K_CODE].str);
	return ctx_redirect(c, url);
}
