/*
 * check_image.c — photos encoded afresh: EXIF (GPS) and PNG text gone, the long side capped, the
 * EXIF orientation applied, anything else refused, and pictures too large refused from the header.
 */
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "core/image.h"
#include "image_fixtures.h"

/* A re-encoding that must succeed; out is the caller's to free. */
static void reencode_ok(const void *data, size_t len, struct image *out)
{
	struct err e;

	err_clear(&e);
	ck_assert_msg(image_reencode(data, len, IMAGE_LONG_SIDE, out, &e) == 0, "%s", e.cause);
}

/* The kind and key a refused re-encoding fails with. */
static void refused(const void *data, size_t len, enum err_kind kind, const char *key)
{
	struct image out;
	struct err e;

	err_clear(&e);
	ck_assert_int_eq(image_reencode(data, len, IMAGE_LONG_SIDE, &out, &e), -1);
	ck_assert_int_eq(e.kind, kind);
	ck_assert_str_eq(e.key, key);
	ck_assert_ptr_null(out.data);
}

START_TEST(jpeg_loses_exif)
{
	size_t n, len;
	unsigned char *jpeg = fx_jpeg(640, 480, &n), *exif = fx_with_exif(jpeg, n, 1, &len);
	struct image out;

	ck_assert(fx_has(exif, len, "Exif") && fx_has(exif, len, FX_GPS_TEXT));
	reencode_ok(exif, len, &out);
	ck_assert_int_eq(out.type, IMAGE_JPEG);
	ck_assert_uint_eq(out.width, 640);
	ck_assert_uint_eq(out.height, 480);
	ck_assert(!fx_has(out.data, out.len, "Exif"));
	ck_assert(!fx_has(out.data, out.len, FX_GPS_TEXT));
	image_free(&out);
	free(jpeg);
	free(exif);
}
END_TEST

START_TEST(png_loses_text)
{
	size_t n, len;
	unsigned char *png = fx_png(300, 200, &n), *text = fx_with_text(png, n, &len);
	struct image out;

	ck_assert(fx_has(text, len, "tEXt") && fx_has(text, len, FX_PNG_TEXT));
	reencode_ok(text, len, &out);
	ck_assert_int_eq(out.type, IMAGE_PNG);
	ck_assert_uint_eq(out.width, 300);
	ck_assert(!fx_has(out.data, out.len, "tEXt"));
	ck_assert(!fx_has(out.data, out.len, FX_PNG_TEXT));
	image_free(&out);
	free(png);
	free(text);
}
END_TEST

START_TEST(long_side_capped)
{
	size_t n;
	unsigned char *jpeg = fx_jpeg(2400, 1200, &n);
	struct image out;

	reencode_ok(jpeg, n, &out);
	ck_assert_uint_eq(out.width, IMAGE_LONG_SIDE);
	ck_assert_uint_eq(out.height, IMAGE_LONG_SIDE / 2);
	image_free(&out);
	free(jpeg);
}
END_TEST

/* A portrait photo stored sideways (orientation 6: turn a quarter clockwise) comes out upright. */
START_TEST(turned_upright)
{
	size_t n, len;
	unsigned char *jpeg = fx_jpeg(400, 300, &n), *exif = fx_with_exif(jpeg, n, 6, &len);
	struct image out;

	reencode_ok(exif, len, &out);
	ck_assert_uint_eq(out.width, 300);
	ck_assert_uint_eq(out.height, 400);
	image_free(&out);
	free(jpeg);
	free(exif);
}
END_TEST

START_TEST(not_images_refused)
{
	static const char TEXT[] = "<html><script>alert(1)</script></html>";
	size_t n;
	unsigned char *jpeg = fx_jpeg(200, 200, &n);

	refused(TEXT, sizeof TEXT, ERR_MEDIA, "photo.not_image");
	refused("", 0, ERR_MEDIA, "photo.not_image");
	/* a JPEG cut in half: its header reads, its pixels do not */
	refused(jpeg, n / 2, ERR_MEDIA, "photo.not_image");
	/* a header and nothing after it */
	refused(jpeg, 24, ERR_MEDIA, "photo.not_image");
	free(jpeg);
}
END_TEST

/* A 30,000 × 30,000 PNG header over a few bytes: refused before anything is decoded. */
START_TEST(bombs_refused_unread)
{
	size_t n;
	unsigned char *png = fx_png(16, 16, &n);
	struct image_head h;

	png[16] = png[20] = 0;
	png[17] = png[21] = 0;
	png[18] = png[22] = 0x75;   /* 30,000 = 0x7530 */
	png[19] = png[23] = 0x30;
	ck_assert_int_eq(image_head(png, n, &h), 0);
	refused(png, n, ERR_TOO_LARGE, "photo.pixels");
	/* 9,000 × 9,000 in a PNG: within the side, past the memory a decode may take */
	png[18] = png[22] = 0x23;
	png[19] = png[23] = 0x28;
	refused(png, n, ERR_TOO_LARGE, "photo.pixels");
	free(png);
}
END_TEST

START_TEST(header_read)
{
	size_t jn, pn;
	unsigned char *jpeg = fx_jpeg(123, 45, &jn), *png = fx_png(67, 89, &pn);
	struct image_head h;

	ck_assert_int_eq(image_head(jpeg, jn, &h), 0);
	ck_assert_int_eq(h.type, IMAGE_JPEG);
	ck_assert_uint_eq(h.width, 123);
	ck_assert_uint_eq(h.height, 45);
	ck_assert_int_eq(image_head(png, pn, &h), 0);
	ck_assert_int_eq(h.type, IMAGE_PNG);
	ck_assert_uint_eq(h.width, 67);
	ck_assert_uint_eq(h.height, 89);
	ck_assert_int_eq(image_head("GIF89a", 6, &h), -1);
	free(jpeg);
	free(png);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("image");
	TCase *t = tcase_create("reencode");

	tcase_add_test(t, jpeg_loses_exif);
	tcase_add_test(t, png_loses_text);
	tcase_add_test(t, long_side_capped);
	tcase_add_test(t, turned_upright);
	tcase_add_test(t, not_images_refused);
	tcase_add_test(t, bombs_refused_unread);
	tcase_add_test(t, header_read);
	suite_add_tcase(s, t);
	return s;
}
