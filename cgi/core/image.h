/*
 * core/image.h — a photo made safe to keep: its header read before anything is decoded (type,
 * size, what decoding would cost), then decoded and encoded afresh with libgd, which keeps the
 * pixels and nothing else (no EXIF, no GPS, no text chunks), turned upright by the EXIF
 * orientation it drops, and scaled down to a long side of at most IMAGE_LONG_SIDE.
 */
#ifndef TX_CORE_IMAGE_H
#define TX_CORE_IMAGE_H

#include <stddef.h>

#include "../err.h"

/* The long side a stored photo has at most: enough for a phone's screen, a tenth of the bytes. */
#define IMAGE_LONG_SIDE 1600
/*
 * What one decode may cost in memory at most (an estimate from the header, IMAGE_PEAK): a worker
 * on a 1 GB machine is about 6 MB, and several may decode at once. A 24-megapixel JPEG fits, as
 * does a 12-megapixel PNG; a 10,000 × 10,000 picture of a few kilobytes (a "decompression bomb")
 * is refused unread.
 */
#define IMAGE_DECODE_MAX (128L * 1024 * 1024)
/* The longest side accepted at all, whatever the memory: larger is no photo of a visit. */
#define IMAGE_SIDE_MAX 12000

enum image_type { IMAGE_NONE, IMAGE_JPEG, IMAGE_PNG };

/* What a file's header says, before a pixel is decoded. */
struct image_head {
	enum image_type type;
	unsigned        width, height;
	int             orientation;   /* JPEG: EXIF orientation 1..8 (1: upright, or none) */
	size_t          peak;          /* decoding's memory, estimated (bytes) */
};

/* A photo encoded afresh: type and size as stored, the bytes to write (image_free frees them). */
struct image {
	enum image_type type;
	unsigned        width, height;
	void           *data;
	size_t          len;
};

/*
 * Read the header of data: 0 and h filled for a JPEG or PNG whose header makes sense, -1 for
 * anything else. Reads no pixels and allocates nothing.
 */
int image_head(const void *data, size_t len, struct image_head *h);

/*
 * Decode data (a JPEG or PNG) and encode it again as the same type, upright, scaled to a long
 * side of at most long_side, without metadata, into out. ERR_MEDIA (photo.not_image) for
 * anything that is not a JPEG or PNG or does not decode whole; ERR_TOO_LARGE (photo.pixels) for
 * a picture too large to decode (IMAGE_SIDE_MAX, IMAGE_DECODE_MAX), refused from its header.
 */
int image_reencode(const void *data, size_t len, unsigned long_side, struct image *out,
                   struct err *e);

void image_free(struct image *im);

#endif
