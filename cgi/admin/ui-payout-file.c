/*
 * ui-payout-file.c — a payout's evidence: POST /admin/payouts/{id}/files (one file, field photo:
 * an image, encoded afresh, or a PDF; back to the payout) and GET /admin/payouts/files/{photo} for
 * staff in reach (nginx sends the file, as for photos).
 */
#include <stdio.h>

#include "admin.h"
#include "../core/payouts.h"
#include "../core/photos.h"

int ui_admin_payout_file(struct ctx *c)
{
	const struct actor a = actor_of(c);
	char name[PHOTO_NAME_LEN + 1], url[ADMIN_URL_LEN];
	long long id = c->f[K_ID].num;

	if (payout_file_add(c->db, c->cfg, &a, id, c->req->upload,
	                    c->req->upload ? c->req->upload_len : 0, name, &c->err) < 0)
		return -1;
	snprintf(url, sizeof url, "/admin/payouts/%lld", id);
	return ctx_redirect(c, url);
}

int ui_admin_payout_file_get(struct ctx *c)
{
	const struct actor a = actor_of(c);
	struct photo_file f;

	if (payout_file_for_staff(c->db, &a, c->f[K_PHOTO].str, &f, &c->err) < 0)
		return -1;
	return ctx_send_photo(c, f.name, f.mime);
}
