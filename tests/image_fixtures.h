/*
 * image_fixtures.h — pictures for the photo tests, made with libgd, and metadata spliced into them
 * as cameras and editors write it: an EXIF block with a GPS position and an orientation in a JPEG,
 * a text chunk in a PNG. Shared by check_image and http_photos; each returns malloc'd bytes.
 */
#ifndef TX_IMAGE_FIXTURES_H
#define TX_IMAGE_FIXTURES_H

#include <stdlib.h>
#include <string.h>
#include <gd.h>
#include <zlib.h>

/* What the spliced metadata says, for the tests to look for in what comes out. */
#define FX_GPS_TEXT  "GPS 30.592800N 114.305500E"
#define FX_PNG_TEXT  "Home: 123 Village Road"

/* A w × h picture of a few colours (so that encoders have something to do). */
static gdImagePtr fx_picture(int w, int h)
{
	gdImagePtr im = gdImageCreateTrueColor(w, h);

	for (int y = 0; im && y < h; y++)
		for (int x = 0; x < w; x++)
			im->tpixels[y][x] = gdTrueColor(x * 255 / w, y * 255 / h, (x < w / 2) * 200);
	return im;
}

/* The bytes of libgd's buffer, copied into malloc'd memory. */
static unsigned char *fx_copy(void *gdbuf, int size, size_t *len)
{
	unsigned char *p = malloc((size_t)size);

	memcpy(p, gdbuf, (size_t)size);
	gdFree(gdbuf);
	*len = (size_t)size;
	return p;
}

static unsigned char *fx_jpeg(int w, int h, size_t *len)
{
	gdImagePtr im = fx_picture(w, h);
	int size;
	void *buf = gdImageJpegPtr(im, &size, 80);

	gdImageDestroy(im);
	return fx_copy(buf, size, len);
}

static unsigned char *fx_png(int w, int h, size_t *len)
{
	gdImagePtr im = fx_picture(w, h);
	int size;
	void *buf = gdImagePngPtr(im, &size);

	gdImageDestroy(im);
	return fx_copy(buf, size, len);
}

/* src[0..n) with ins[0..m) put in at offset at. */
static unsigned char *fx_splice(const unsigned char *src, size_t n, size_t at,
                                const unsigned char *ins, size_t m, size_t *len)
{
	unsigned char *p = malloc(n + m);

	memcpy(p, src, at);
	memcpy(p + at, ins, m);
	memcpy(p + at + m, src + at, n - at);
	*len = n + m;
	return p;
}

/*
 * jpeg with an APP1 Exif segment after its SOI, as a phone writes one: IFD0 with the orientation
 * and a pointer to a GPS IFD (latitude reference N), and the position as text after them.
 */
static unsigned char *fx_with_exif(const unsigned char *jpeg, size_t n, int orientation,
                                   size_t *len)
{
	static const unsigned char TIFF[] = {
		'E', 'x', 'i', 'f', 0, 0,
		'M', 'M', 0, 42, 0, 0, 0, 8,                   /* big-endian, IFD0 at 8 */
		0, 2,                                          /* two entries */
		0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0,      /* Orientation, SHORT (set below) */
		0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38,     /* GPSInfo IFD at 38 */
		0, 0, 0, 0,                                    /* no IFD1 */
		0, 1,                                          /* the GPS IFD: one entry */
		0x00, 0x01, 0, 2, 0, 0, 0, 2, 'N', 0, 0, 0,    /* GPSLatitudeRef "N" */
		0, 0, 0, 0,
	};
	unsigned char seg[4 + sizeof TIFF + sizeof FX_GPS_TEXT];
	size_t m = sizeof seg;

	seg[0] = 0xff;
	seg[1] = 0xe1;
	seg[2] = (unsigned char)((m - 2) >> 8);
	seg[3] = (unsigned char)(m - 2);
	memcpy(seg + 4, TIFF, sizeof TIFF);
	seg[4 + 6 + 8 + 2 + 9] = (unsigned char)orientation;
	memcpy(seg + 4 + sizeof TIFF, FX_GPS_TEXT, sizeof FX_GPS_TEXT);
	return fx_splice(jpeg, n, 2, seg, m, len);
}

/* png with a tEXt chunk (Comment) after its IHDR, as an editor writes one. */
static unsigned char *fx_with_text(const unsigned char *png, size_t n, size_t *len)
{
	static const char KEYWORD[] = "Comment";
	unsigned char chunk[4 + 4 + sizeof KEYWORD + sizeof FX_PNG_TEXT - 1 + 4];
	size_t data = sizeof KEYWORD + sizeof FX_PNG_TEXT - 1;
	unsigned long crc;

	chunk[0] = chunk[1] = chunk[2] = 0;
	chunk[3] = (unsigned char)data;
	memcpy(chunk + 4, "tEXt", 4);
	memcpy(chunk + 8, KEYWORD, sizeof KEYWORD);
	memcpy(chunk + 8 + sizeof KEYWORD, FX_PNG_TEXT, sizeof FX_PNG_TEXT - 1);
	crc = crc32(0, chunk + 4, (uInt)(4 + data));
	for (int i = 0; i < 4; i++)
		chunk[8 + data + (size_t)i] = (unsigned char)(crc >> (24 - 8 * i));
	return fx_splice(png, n, 8 + 25, chunk, sizeof chunk, len);   /* after IHDR */
}

/* Whether needle (a string) occurs in p[0..n). */
static int fx_has(const void *p, size_t n, const char *needle)
{
	return memmem(p, n, needle, strlen(needle)) != NULL;
}

#endif
