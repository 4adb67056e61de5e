/*
 * ui-visit-new.c — GET /admin/visits/new?child=CODE and POST /admin/visits: a volunteer (or county
 * staff) logs a visit from a phone at the family's door. The form carries a one-time key made
 * here; a retried POST with the same key goes to the visit the first one made (core/visits.c).
 */
#include <stdio.h>
#include <sodium.h>

#include "admin.h"
#include "../core/visits.h"
#include "../page.h"

/* The form's one-time key: 16 random bytes. */
#define FORM_KEY_BYTES 16

int ui_admin_visit_new(struct ctx *c)
{
	const struct actor a = actor_of(c);
	/* A refused POST's date, kind and care, when the form is drawn again (cmd.h form) */
	const struct visit_form typed = visit_form_of(c);
	struct visit_child ch;
	unsigned char key[FORM_KEY_BYTES];
	char hex[VISIT_KEY_HEX + 1];

	if (visit_child(c->db, &a, c->f[K_CODE].str, &ch, &c->err) < 0)
		return -1;
	randombytes_buf(key, sizeof key);
	sodium_bin2hex(hex, sizeof hex, key, sizeof key);
	page_set(c, NULL, "Visit.code", ch.code);
	page_set(c, NULL, "Visit.alias", ch.alias);
	page_set(c, NULL, "Visit.paired_on", ch.paired_on);
	page_set(c, NULL, "Visit.today", ch.today);
	page_set(c, NULL, "Visit.visited_on", typed.date ? typed.date : ch.today);
	page_set(c, NULL, "Visit.kind", typed.kind ? typed.kind : "home");
	page_set(c, NULL, "FormKey", hex);
	visit_choices(c, typed.care);
	admin_page(c, "记录探访", "visits");
	c->tmpl = "admin-visit-new.cs";
	return 0;
}

int ui_admin_visit_create(struct ctx *c)
{
	const struct actor a = actor_of(c);
	struct visit_form f = visit_form_of(c);
	char url[ADMIN_URL_LEN];
	long long id;

	f.child = c->f[K_CODE].str;
	f.form_key = c->f[K_FORM_KEY].str;
	if (visit_create(c->db, c->cfg, &a, &f, &id, &c->err) < 0)
		return -1;
	visit_url(url, id, NULL);
	return ctx_redirect(c, url);
}
