/*
 * ui-letters.c — GET/POST /me/sponsorships/{id}/letters: the sponsor's letters to the child with
 * their review state, the child's approved replies (with the confirmed photos of a drawing),
 * newest first, and the form to write one (core/letters.h decides).
 */
#include <stdio.h>
#include <sodium.h>

#include "donor.h"
#include "../core/letters.h"
#include "../labels.h"
#include "../page.h"
#include "../util.h"

#define NAME_MAX_LEN  64    /* a page data name: Letters.199.review_note */
#define REPLIES_MAX   200   /* the list's LIMIT: every row may be a reply */
#define FORM_KEY_HEX  33

/* The list as it is put on the page, and the replies whose photos follow. */
struct listing {
	struct ctx *c;
	int         n, nreplies;
	long long   reply[REPLIES_MAX];
	int         row[REPLIES_MAX];
};

static void set(struct ctx *c, int i, const char *name, const char *value)
{
	char at[NAME_MAX_LEN];

	snprintf(at, sizeof at, "Letters.%d.%s", i, name);
	page_set(c, NULL, at, value);
}

static int one(void *arg, const struct letter *l, struct err *e)
{
	struct listing *s = arg;
	int from_child = l->direction[0] == 'f';

	(void)e;
	set(s->c, s->n, "direction", l->direction);
	set(s->c, s->n, "state", l->state);
	set(s->c, s->n, "state_label", label_of(LETTER_STATES, l->state));
	set(s->c, s->n, "created", l->created);
	set(s->c, s->n, "reviewed", l->reviewed);
	set(s->c, s->n, "delivered", l->delivered);
	set(s->c, s->n, "review_note", l->review_note);
	set(s->c, s->n, "body", l->body);
	set(s->c, s->n, "edited", l->edited ? "1" : "0");
	if (from_child && s->nreplies < REPLIES_MAX) {
		s->reply[s->nreplies] = l->id;
		s->row[s->nreplies++] = s->n;
	}
	s->n++;
	return 0;
}

/* Each reply's photos the reviewer confirmed, as Letters.N.Photos.M.name. */
static int photos(struct listing *s)
{
	char at[NAME_MAX_LEN];

	for (int i = 0; i < s->nreplies; i++) {
		struct dbp p[] = { P_INT(s->reply[i]) };

		snprintf(at, sizeof at, "Letters.%d.Photos", s->row[i]);
		if (db_query_hdf(s->c->db, "SELECT name FROM photos WHERE letter_id = ? "
		                 "AND confirmed = 1 ORDER BY slot", p, nitems(p), s->c->hdf, at,
		                 NULL, &s->c->err) < 0)
			return -1;
	}
	return 0;
}

int ui_letters(struct ctx *c)
{
	const struct actor a = actor_of(c);
	struct listing s = { .c = c };
	char code[CHILD_CODE_LEN + 1], alias[LETTER_ALIAS_LEN], key[FORM_KEY_HEX];
	unsigned char raw[FORM_KEY_HEX / 2];

	if (letters_sponsorship(c->db, &a, c->f[K_ID].num, code, alias, &c->err) < 0 ||
	    letters_for_sponsor(c->db, c->cfg, &a, c->f[K_ID].num, one, &s, &c->err) < 0 ||
	    photos(&s) < 0)
		return -1;
	/* The form's one-time key: the same form sent twice makes one letter. */
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(key, sizeof key, raw, sizeof raw);
	page_set(c, NULL, "Child.code", code);
	page_set(c, NULL, "Child.alias", alias);
	page_set(c, NULL, "Form.key", key);
	page_set(c, NULL, "Form.action", c->req->path);
	page_setf(c, "Form.max=%d", LETTER_CHARS);
	page_setf(c, "Form.pending_max=%d", LETTERS_PENDING_MAX);
	page_set(c, NULL, "Page.Title", "给孩子的信");
	c->tmpl = "letters.cs";
	return 0;
}

int ui_letters_post(struct ctx *c)
{
	const struct actor a = actor_of(c);

	if (letter_write(c->db, c->cfg, &a, c->f[K_ID].num, c->f[K_FORM_KEY].str,
	                 c->f[K_LETTER].str, &c->err) < 0)
		return -1;
	return ctx_redirect(c, c->req->path);
}
