/*
 * core/photos.h — photos of a visit, or of a child's drawing sent with a reply: stored (encoded
 * afresh, core/image.h) in Care.PhotoDir under a random name, found for who may see them, and
 * deleted. A photo needs the guardian's photo consent on the child's record; a sponsor sees one
 * only once a reviewer confirmed it (no recognisable face, no child holding money), its visit or
 * reply was approved, and while the consent stands.
 */
#ifndef TX_CORE_PHOTOS_H
#define TX_CORE_PHOTOS_H

#include <stddef.h>

#include "../config.h"
#include "../db.h"
#include "actor.h"
#include "image.h"

#define PHOTO_MAX_BYTES (5L * 1024 * 1024)   /* an upload as sent, before re-encoding */
#define PHOTO_NAME_LEN  32                   /* photos.name: 16 random bytes in hex */
#define PHOTOS_PER_ITEM 4                    /* a visit's or a reply's: slots 1..4 */

/* What a photo belongs to. */
enum photo_of { PHOTO_VISIT, PHOTO_LETTER };

/* A photo found for someone who may see it: its file's name and type. */
struct photo_file {
	char name[PHOTO_NAME_LEN + 1];
	char mime[sizeof "application/pdf"];   /* a payout's evidence may be a PDF */
};

/*
 * Store an upload (data, len: the file as sent) as a photo of visit or letter id, its name into
 * name. Who: a visit's author or county staff, while it is a draft or returned; a reply's
 * (direction from_child) recorder or county staff, while it is pending; always within a's scope
 * (else ERR_NOT_FOUND, photo.no_item). ERR_FORBIDDEN (photo.not_yours), ERR_CONFLICT
 * (photo.no_consent, photo.closed, photo.full), ERR_TOO_LARGE (photo.too_large, photo.pixels),
 * ERR_MEDIA (photo.not_image), ERR_INVALID (photo.none). The file is written, renamed into place,
 * then its row inserted with an audit row in one transaction; if that fails, the file goes.
 */
int photo_add(struct db *db, const struct config *cfg, const struct actor *a, enum photo_of of,
              long long id, const void *data, size_t len, char name[PHOTO_NAME_LEN + 1],
              struct err *e);

/*
 * The photo called name for staff actor a: any photo of a child within a's scope, the view audited.
 * ERR_NOT_FOUND (photo.unknown) for any other name.
 */
int photo_for_staff(struct db *db, const struct actor *a, const char *name,
                    struct photo_file *out, struct err *e);

/*
 * The photo called name for donor a: only a confirmed photo of an approved visit or reply under
 * a's active sponsorship of the child, while the child's photo consent stands. ERR_NOT_FOUND
 * (photo.unknown) otherwise, the same answer as for a name that does not exist.
 */
int photo_for_sponsor(struct db *db, const struct actor *a, const char *name,
                      struct photo_file *out, struct err *e);

/*
 * Delete the photo called name, row and file: its uploader or county staff in scope, while its
 * visit or reply is not yet approved. ERR_NOT_FOUND (photo.unknown), ERR_FORBIDDEN
 * (photo.not_yours), ERR_CONFLICT (photo.approved). *visit or *letter (the other 0) says what it
 * belonged to, for the page to go back to.
 */
int photo_delete(struct db *db, const struct config *cfg, const struct actor *a, const char *name,
                 long long *visit, long long *letter, struct err *e);

/*
 * Inside the transaction that records the withdrawal of the child's photo consent: delete every
 * photo of the child, their names into *names (malloc'd, PHOTO_NAME_LEN + 1 bytes each, *n of them;
 * the caller frees it), so that photo_files_remove takes the files once it committed. Safe to run
 * again: *names is replaced.
 */
int photos_drop_child(struct db *db, long long child, char **names, size_t *n, struct err *e);

/* Remove the files of n photos whose rows are gone (names as photos_drop_child gives them). */
void photo_files_remove(const struct config *cfg, const char *names, size_t n);

/*
 * The files themselves, for photos and for what else lies in Care.PhotoDir (a payout's evidence,
 * core/payouts.h). photo_file_image: an upload (at most PHOTO_MAX_BYTES) decoded and encoded afresh
 * (image.h) under the host's limit of decodes at once, written under a new random name into name;
 * *im is the stored image (image_free it). The errors are photo_add's for the file. photo_file_raw:
 * bytes the caller has checked, written as they are. photo_file_unlink: the file called name goes
 * (its row is gone, or was never written).
 */
int photo_file_image(const struct config *cfg, const void *data, size_t len,
                     char name[PHOTO_NAME_LEN + 1], struct image *im, struct err *e);
int photo_file_raw(const struct config *cfg, const void *data, size_t len,
                   char name[PHOTO_NAME_LEN + 1], struct err *e);
void photo_file_unlink(const struct config *cfg, const char *name);

/* Whether s is a photo's name: PHOTO_NAME_LEN lowercase hex digits. */
int photo_name_valid(const char *s);

#endif
