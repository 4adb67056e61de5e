/*
 * ui-letter.c — one letter between a sponsor and a child: GET /admin/letters/{id} shows it with
 * what the privacy check finds; POST /admin/letters/{id} is a reviewer's decision (approve, edit,
 * decline); …/delivered and …/reply are the volunteer's (or county staff's) record of handing it
 * over and of the child's reply. core/letters.h decides; what the role may do is offered here.
 */
#include <stdio.h>
#include <string.h>
#include <sodium.h>

#include "admin.h"
#include "../core/letters.h"
#include "../labels.h"
#include "../page.h"
#include "../util.h"

#define FORM_KEY_HEX 33

/* The letter as Letter.*; the original only if a reviewer edited it. */
static void letter_page(struct ctx *c, const struct letter *l)
{
	page_setf(c, "Letter.id=%lld", l->id);
	page_set(c, NULL, "Letter.code", l->code);
	page_set(c, NULL, "Letter.alias", l->alias);
	page_set(c, NULL, "Letter.direction", l->direction);
	page_set(c, NULL, "Letter.state", l->state);
	page_set(c, NULL, "Letter.state_label", label_of(LETTER_STATES, l->state));
	page_set(c, NULL, "Letter.created", l->created);
	page_set(c, NULL, "Letter.reviewed", l->reviewed);
	page_set(c, NULL, "Letter.delivered", l->delivered);
	page_set(c, NULL, "Letter.review_note", l->review_note);
	page_set(c, NULL, "Letter.body", l->body);
	page_set(c, NULL, "Letter.original", l->original);
	if (l->reply_to)
		page_setf(c, "Letter.reply_to=%lld", l->reply_to);
}

/* The text with what the privacy check finds marked, for the reviewer, and how many it found. */
static int findings(struct ctx *c, const struct letter *l)
{
	struct privacy_found f;

	if (letter_check(c->db, c->cfg, l->child_id, l->body, &f, &c->err) < 0)
		return -1;
	page_setf(c, "Letter.findings=%d", admin_marked(c, "Marked", l->body, &f));
	return 0;
}

/* The letter's photos (a reply's drawing), its replies, and the child's visits to name. */
static int around(struct ctx *c, const struct letter *l)
{
	struct dbp id[] = { P_INT(l->id) }, child[] = { P_INT(l->child_id) };

	return db_query_hdf(c->db, "SELECT name, slot, confirmed FROM photos WHERE letter_id = ? "
	                    "ORDER BY slot", id, nitems(id), c->hdf, "Photos", NULL,
	                    &c->err) < 0 ||
	       db_query_hdf(c->db, "SELECT id, state FROM letters WHERE reply_to = ? ORDER BY id",
	                    id, nitems(id), c->hdf, "Replies", NULL, &c->err) < 0 ||
	       db_query_hdf(c->db, "SELECT id, DATE_FORMAT(visited_on, '%Y-%m-%d') AS visited_on "
	                    "FROM visits WHERE child_id = ? ORDER BY visited_on DESC, id DESC "
	                    "LIMIT 10", child, nitems(child), c->hdf, "Visits", NULL,
	                    &c->err) < 0 ? -1 : 0;
}

/* What the signed-in role may do with the letter now, as Can.*. */
static void offers(struct ctx *c, const struct letter *l)
{
	int reviewer = strcmp(c->who.role, "volunteer") != 0;
	int handler = !reviewer || strcmp(c->who.role, "county") == 0;
	int to_child = strcmp(l->direction, "to_child") == 0;
	char key[FORM_KEY_HEX];
	unsigned char raw[FORM_KEY_HEX / 2];

	if (reviewer && strcmp(l->state, "pending") == 0)
		page_set(c, NULL, "Can.review", "1");
	if (handler && to_child && strcmp(l->state, "approved") == 0)
		page_set(c, NULL, "Can.deliver", "1");
	if (handler && !to_child && strcmp(l->state, "pending") == 0)
		page_set(c, NULL, "Can.upload", "1");
	if (handler && to_child && strcmp(l->state, "delivered") == 0 &&
	    strcmp(l->sponsorship_state, "active") == 0) {
		/* The reply form's one-time key: the same form sent twice records one reply. */
		randombytes_buf(raw, sizeof raw);
		sodium_bin2hex(key, sizeof key, raw, sizeof raw);
		page_set(c, NULL, "Can.reply", "1");
		page_set(c, NULL, "Form.key", key);
	}
}

int ui_admin_letter(struct ctx *c)
{
	const struct actor a = actor_of(c);
	struct letter l;
	int rc = letter_get(c->db, c->cfg, &a, c->f[K_ID].num, &l, &c->err);

	if (rc == 0 && strcmp(l.state, "pending") == 0)
		rc = findings(c, &l);
	if (rc == 0)
		rc = around(c, &l);
	if (rc == 0) {
		letter_page(c, &l);
		page_label_rows(c, "Replies", "state", LETTER_STATES, "state_label");
		offers(c, &l);
		admin_page(c, strcmp(l.direction, "to_child") == 0 ? "捐赠人的信" : "孩子的回信",
		           "letters");
		c->tmpl = "admin-letter.cs";
	}
	sodium_memzero(&l, sizeof l);   /* it may hold what the check is there to catch */
	return rc;
}

/* The reviewer's ticks, slot by slot: bit slot - 1. */
static unsigned photo_ticks(const struct ctx *c)
{
	static const int keys[LETTER_PHOTOS] = { K_PHOTO_OK1, K_PHOTO_OK2, K_PHOTO_OK3,
	                                         K_PHOTO_OK4 };
	unsigned ok = 0;

	for (int i = 0; i < LETTER_PHOTOS; i++)
		if (c->f[keys[i]].present)
			ok |= 1u << i;
	return ok;
}

int ui_admin_letter_post(struct ctx *c)
{
	const struct actor a = actor_of(c);
	const char *decision = c->f[K_DECISION].str;
	long long id = c->f[K_ID].num;
	char url[ADMIN_URL_LEN];
	int rc;

	snprintf(url, sizeof url, "/admin/letters/%lld", id);
	if (strcmp(decision, "edit") == 0) {
		if (!c->f[K_LETTER].present) {
			err_set(&c->err, 400, "请填写修改后的信。", "an edit without a text");
			return err_at(&c->err, KEYS[K_LETTER].name);
		}
		rc = letter_edit(c->db, c->cfg, &a, id, c->f[K_LETTER].str, &c->err);
	} else if (strcmp(decision, "decline") == 0) {
		if (!c->f[K_REASON].present) {
			err_set(&c->err, 400, "请填写不通过的理由（1 到 200 字），捐赠人会看到它。",
			        "a decline without a reason");
			return err_at(&c->err, KEYS[K_REASON].name);
		}
		rc = letter_decline(c->db, c->cfg, &a, id, c->f[K_REASON].str, &c->err);
		snprintf(url, sizeof url, "/admin/letters");
	} else {
		rc = letter_approve(c->db, c->cfg, &a, id, photo_ticks(c), &c->err);
		snprintf(url, sizeof url, "/admin/letters");
	}
	return rc < 0 ? -1 : ctx_redirect(c, url);
}

int ui_admin_letter_delivered(struct ctx *c)
{
	const struct actor a = actor_of(c);
	char url[ADMIN_URL_LEN];

	if (letter_delivered(c->db, c->cfg, &a, c->f[K_ID].num,
	                     c->f[K_VISIT].present ? c->f[K_VISIT].num : 0, &c->err) < 0)
		return -1;
	snprintf(url, sizeof url, "/admin/letters/%lld", c->f[K_ID].num);
	return ctx_redirect(c, url);
}

int ui_admin_letter_reply(struct ctx *c)
{
	const struct actor a = actor_of(c);
	char url[ADMIN_URL_LEN];
	long long reply;

	if (letter_reply(c->db, c->cfg, &a, c->f[K_ID].num, c->f[K_FORM_KEY].str,
	                 c->f[K_LETTER].str, &reply, &c->err) < 0)
		return -1;
	snprintf(url, sizeof url, "/admin/letters/%lld", reply);
	return ctx_redirect(c, url);
}
