/*
 * ui-photo.c — GET /me/photos/{photo}: a photo of the sponsor's own child, confirmed and approved
 * (core/photos.c decides); nginx sends the file. Anyone else's is a 404, like a name that does not
 * exist.
 */
#include "donor.h"
#include "../core/photos.h"

int ui_me_photo(struct ctx *c)
{
	struct actor a = actor_of(c);
	struct photo_file f;

	if (photo_for_sponsor(c->db, &a, c->f[K_PHOTO].str, &f, &c->err) < 0)
		return -1;
	return ctx_send_photo(c, f.name, f.mime);
}
