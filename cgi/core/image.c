/* core/image.c — photos decoded and encoded afresh with libgd: pixels kept, metadata dropped. */
#include <limits.h>
#include <string.h>
#include <gd.h>
#include <gd_errors.h>

#include "image.h"

/* What libjpeg's and libgd's encoders are asked for: small files that still look like photos. */
#define JPEG_QUALITY 85

static const unsigned char PNG_SIGNATURE[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 |
	       p[3];
}

/* A TIFF number in the byte order the EXIF block declares. */
static unsigned long tiff_num(const unsigned char *p, int little, int bytes)
{
	unsigned long v = 0;

	for (int i = 0; i < bytes; i++)
		v |= (unsigned long)p[little ? i : bytes - 1 - i] << (8 * i);
	return v;
}

/*
 * The orientation tag (0x0112) of the first IFD of an APP1 segment's payload p[0..n), 1 when there
 * is none or it makes no sense. Phones store a portrait photo sideways and say so here; the tag
 * goes with the rest of the metadata, so the pixels are turned instead.
 */
static int exif_orientation(const unsigned char *p, size_t n)
{
	const unsigned char *t = p + 6;
	size_t tn = n - 6, ifd, count;
	int le;

	if (n < 6 + 8 || memcmp(p, "Exif\0\0", 6) != 0)
		return 1;
	if (memcmp(t, "II*\0", 4) == 0)
		le = 1;
	else if (memcmp(t, "MM\0*", 4) == 0)
		le = 0;
	else
		return 1;
	ifd = tiff_num(t + 4, le, 4);
	if (ifd > tn - 2)
		return 1;
	count = tiff_num(t + ifd, le, 2);
	for (size_t i = 0; i < count && ifd + 2 + 12 * (i + 1) <= tn; i++) {
		const unsigned char *entry = t + ifd + 2 + 12 * i;
		unsigned long v = tiff_num(entry + 8, le, 2);
		/* type 3: SHORT, its value in the entry itself */
		if (tiff_num(entry, le, 2) == 0x0112 && tiff_num(entry + 2, le, 2) == 3)
			return v >= 1 && v <= 8 ? (int)v : 1;
	}
	return 1;
}

/* A start-of-frame marker: every SOFn but DHT (C4), JPG (C8) and DAC (CC). */
static int is_sof(unsigned m)
{
	return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
}

/*
 * The JPEG header: segments up to the frame's, which gives the size. Decoding costs libgd's
 * picture (an int a pixel) and, for a progressive file, libjpeg's coefficients (two bytes a pixel
 * per component at most).
 */
static int jpeg_head(const unsigned char *p, size_t len, struct image_head *h)
{
	size_t i = 2;

	h->orientation = 1;
	while (i < len) {
		unsigned m, seg;
		if (p[i] != 0xff)
			return -1;
		while (i < len && p[i] == 0xff)   /* fill bytes */
			i++;
		if (i + 3 > len)
			return -1;
		m = p[i++];
		if (m == 0x01 || (m >= 0xd0 && m <= 0xd7))   /* markers without a segment */
			continue;
		seg = be16(p + i);
		if (seg < 2 || seg > len - i || m == 0xda || m == 0xd8 || m == 0xd9)
			return -1;   /* no frame before the scan: not a picture */
		if (m == 0xe1 && h->orientation == 1)
			h->orientation = exif_orientation(p + i + 2, seg - 2);
		if (is_sof(m)) {
			int progressive = m == 0xc2 || m == 0xc6 || m == 0xca || m == 0xce;
			if (seg < 8)
				return -1;
			h->type = IMAGE_JPEG;
			h->height = be16(p + i + 3);
			h->width = be16(p + i + 5);
			h->peak = (size_t)h->width * h->height *
			          (4 + (progressive ? 2 * (size_t)p[i + 7] : 0));
			return 0;
		}
		i += seg;
	}
	return -1;
}

/*
 * The PNG header (IHDR). libgd reads the whole picture into rows of its own before it copies it
 * into its picture: both at once, and a palette on top.
 */
static int png_head(const unsigned char *p, size_t len, struct image_head *h)
{
	static const int CHANNELS[] = { 1, 0, 3, 1, 2, 0, 4 };
	unsigned depth, color;

	if (len < 33 || be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) != 0)
		return -1;
	depth = p[24];
	color = p[25];
	if (color > 6 || !CHANNELS[color] || !depth || depth > 16)
		return -1;
	h->type = IMAGE_PNG;
	h->orientation = 1;
	if (be32(p + 16) > IMAGE_SIDE_MAX || be32(p + 20) > IMAGE_SIDE_MAX) {
		h->width = h->height = IMAGE_SIDE_MAX + 1;   /* refused whatever the rest says */
		return 0;
	}
	h->width = (unsigned)be32(p + 16);
	h->height = (unsigned)be32(p + 20);
	h->peak = (size_t)h->width * h->height *
	          (4 + 1 + (size_t)CHANNELS[color] * (depth > 8 ? 2 : 1));
	return 0;
}

int image_head(const void *data, size_t len, struct image_head *h)
{
	const unsigned char *p = data;

	memset(h, 0, sizeof *h);
	if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return jpeg_head(p, len, h);
	if (len >= sizeof PNG_SIGNATURE && memcmp(p, PNG_SIGNATURE, sizeof PNG_SIGNATURE) == 0)
		return png_head(p, len, h);
	return -1;
}

/*
 * Whether libgd warned during this decode: libjpeg reports a truncated or damaged file as a
 * warning and fills in the rest with grey, which is not a photo anyone took. (Its messages name
 * nothing the log needs: the cause says what failed.)
 */
static int warned;

static void note_warning(int priority, const char *format, va_list args)
{
	(void)format; (void)args;
	if (priority <= GD_WARNING)
		warned = 1;
}

/* src scaled to a long side of at most long_side (src itself if it is no larger); NULL: memory. */
static gdImagePtr scaled(gdImagePtr src, unsigned long_side)
{
	unsigned w = (unsigned)gdImageSX(src), h = (unsigned)gdImageSY(src);
	unsigned side = w > h ? w : h, nw, nh;
	gdImagePtr dst;

	if (side <= long_side)
		return src;
	nw = (unsigned)(((unsigned long)w * long_side + side / 2) / side);
	nh = (unsigned)(((unsigned long)h * long_side + side / 2) / side);
	dst = gdImageCreateTrueColor(nw ? (int)nw : 1, nh ? (int)nh : 1);
	if (dst) {
		/* A drawing's transparency is copied, not blended into black. */
		gdImageAlphaBlending(dst, 0);
		gdImageCopyResampled(dst, src, 0, 0, 0, 0, gdImageSX(dst), gdImageSY(dst),
		                     (int)w, (int)h);
	}
	gdImageDestroy(src);
	return dst;
}

/*
 * src (true colour) turned upright for EXIF orientation o (2..8: mirrored, turned, or both);
 * NULL: memory.
 */
static gdImagePtr upright(gdImagePtr src, int o)
{
	int w = gdImageSX(src), h = gdImageSY(src);
	gdImagePtr dst;

	if (o <= 1 || o > 8)
		return src;
	dst = gdImageCreateTrueColor(o >= 5 ? h : w, o >= 5 ? w : h);
	for (int y = 0; dst && y < h; y++)
		for (int x = 0; x < w; x++) {
			int dx, dy;
			switch (o) {
			case 2:  dx = w - 1 - x; dy = y;         break;   /* mirrored */
			case 3:  dx = w - 1 - x; dy = h - 1 - y; break;   /* upside down */
			case 4:  dx = x;         dy = h - 1 - y; break;   /* mirrored upside down */
			case 5:  dx = y;         dy = x;         break;   /* transposed */
			case 6:  dx = h - 1 - y; dy = x;         break;   /* a quarter clockwise */
			case 7:  dx = h - 1 - y; dy = w - 1 - x; break;   /* transversed */
			default: dx = y;         dy = w - 1 - x; break;   /* a quarter back */
			}
			dst->tpixels[dy][dx] = src->tpixels[y][x];
		}
	gdImageDestroy(src);
	return dst;
}

/* The decoded picture, strictly: a warning (a truncated or damaged file) fails it. */
static gdImagePtr decode(const struct image_head *h, const void *data, size_t len)
{
	gdImagePtr im;

	warned = 0;
	gdSetErrorMethod(note_warning);
	im = h->type == IMAGE_JPEG ? gdImageCreateFromJpegPtrEx((int)len, (void *)data, 0) :
	     gdImageCreateFromPngPtr((int)len, (void *)data);
	if (im && (warned || (unsigned)gdImageSX(im) != h->width ||
	           (unsigned)gdImageSY(im) != h->height)) {
		gdImageDestroy(im);
		return NULL;
	}
	if (im && !gdImageTrueColor(im) && !gdImagePaletteToTrueColor(im)) {
		gdImageDestroy(im);
		return NULL;
	}
	return im;
}

int image_reencode(const void *data, size_t len, unsigned long_side, struct image *out,
                   struct err *e)
{
	struct image_head h;
	gdImagePtr im;
	int size = 0;

	memset(out, 0, sizeof *out);
	if (len > INT_MAX || image_head(data, len, &h) < 0 || !h.width || !h.height)
		return err_core(e, ERR_MEDIA, "photo.not_image", "not a JPEG or PNG (%zu bytes)",
		                len);
	if (h.width > IMAGE_SIDE_MAX || h.height > IMAGE_SIDE_MAX || h.peak > IMAGE_DECODE_MAX)
		return err_core(e, ERR_TOO_LARGE, "photo.pixels",
		                "%u x %u pixels, %zu MB to decode", h.width, h.height,
		                h.peak >> 20);
	if (!(im = decode(&h, data, len)))
		return err_core(e, ERR_MEDIA, "photo.not_image", "%s of %u x %u does not decode",
		                h.type == IMAGE_JPEG ? "JPEG" : "PNG", h.width, h.height);
	if ((im = scaled(im, long_side)) && h.type == IMAGE_JPEG)
		im = upright(im, h.orientation);
	if (!im)
		return err_core(e, ERR_BUSY, NULL, "out of memory scaling a photo");
	out->type = h.type;
	out->width = (unsigned)gdImageSX(im);
	out->height = (unsigned)gdImageSY(im);
	gdImageSaveAlpha(im, h.type == IMAGE_PNG);
	out->data = h.type == IMAGE_JPEG ? gdImageJpegPtr(im, &size, JPEG_QUALITY) :
	            gdImagePngPtr(im, &size);
	gdImageDestroy(im);
	if (!out->data || size <= 0)
		return err_core(e, ERR_BUSY, NULL, "photo: encoding failed");
	out->len = (size_t)size;
	return 0;
}

void image_free(struct image *im)
{
	if (im->data)
		gdFree(im->data);
	im->data = NULL;
	im->len = 0;
}
