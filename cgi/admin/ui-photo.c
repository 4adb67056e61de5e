/*
 * ui-photo.c — photos of a visit, and of a child's drawing sent with a reply: POST
 * /admin/visits/{id}/photos and /admin/letters/{id}/photos (one file, field photo; back to the
 * visit or the letter), POST /admin/photos/{photo}/delete, and GET /admin/photos/{photo} for staff
 * in scope (nginx sends the file).
 */
#include <stdio.h>

#include "admin.h"
#include "../core/photos.h"

/* The upload added to the visit or letter {id}; back to its page (/admin/<back>/{id}). */
static int add(struct ctx *c, enum photo_of of, const char *back)
{
	struct actor a = actor_of(c);
	char name[PHOTO_NAME_LEN + 1], url[ADMIN_URL_LEN];
	long long id = c->f[K_ID].num;

	if (photo_add(c->db, c->cfg, &a, of, id, c->req->upload,
	              c->req->upload ? c->req->upload_len : 0, name, &c->err) < 0)
		return -1;
	snprintf(url, sizeof url, "/admin/%s/%lld", back, id);
	return ctx_redirect(c, url);
}

int ui_admin_visit_photo(struct ctx *c)
{
	return add(c, PHOTO_VISIT, "visits");
}

int ui_admin_letter_photo(struct ctx *c)
{
	return add(c, PHOTO_LETTER, "letters");
}

int ui_admin_photo(struct ctx *c)
{
	struct actor a = actor_of(c);
	struct photo_file f;

	if (photo_for_staff(c->db, &a, c->f[K_PHOTO].str, &f, &c->err) < 0)
		return -1;
	return ctx_send_photo(c, f.name, f.mime);
}

int ui_admin_photo_delete(struct ctx *c)
{
	struct actor a = actor_of(c);
	char url[ADMIN_URL_LEN];
	long long visit, letter;

	if (photo_delete(c->db, c->cfg, &a, c->f[K_PHOTO].str, &visit, &letter, &c->err) < 0)
		return -1;
	snprintf(url, sizeof url, "/admin/%s/%lld", visit ? "visits" : "letters",
	         visit ? visit : letter);
	return ctx_redirect(c, url);
}
