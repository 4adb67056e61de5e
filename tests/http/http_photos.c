/*
 * http_photos.c — photos of visits and of a child's drawings, through nginx: uploaded only with the
 * guardian's photo consent, encoded afresh without EXIF/GPS or PNG text, capped at 1600 px, four to
 * a visit, 5 MB at most, anything not a picture refused with nothing stored; served by nginx from
 * the app's X-Accel-Redirect to staff in scope and to the child's own sponsor once confirmed and
 * approved, and to nobody else; deleted, file and all, while not yet approved.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gd.h>

#include "check_main.h"
#include "client.h"
#include "image_fixtures.h"

#define PW      "tongxiang-demo"
#define KID     "TP00000001"   /* 巴东县, paired, assigned to badong-volunteer */
#define AWAY     "TP00000002"   /* 武汉市武昌区: out of 巴东县's and 恩施州's reach */
#define SPONSOR "photo-sponsor@example.com"
#define OTHER   "photo-other@example.com"
#define VOL_ID  "(SELECT id FROM staff WHERE username = 'badong-volunteer')"
#define KID_ID  "(SELECT id FROM children WHERE code = '" KID "')"

static const struct fixture_child KIDS[] = {
	{ KID, "测试·照片甲", "f", "2014-02-03", "422823", "ill", "（虚构）照片测试用的故事。", "paired", 1,
	  "虚构·照片甲", "422823201402037113", "虚构监护人 13900000011" },
	{ AWAY, "测试·照片乙", "f", "2014-02-03", "420106", "ill", "（虚构）照片测试用的故事。", "paired", 1,
	  "虚构·照片乙", "420106201402037125", "虚构监护人 13900000012" },
};

static struct browser vol;   /* badong-volunteer, signed in once */

static void sql(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sql(const char *fmt, ...)
{
	char q[4096], *out = NULL;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(q, sizeof q, fmt, ap);
	va_end(ap);
	ck_assert_msg(admin_sql(q, &out) == 0, "SQL failed: %s\n%s", q, out ? out : "");
	free(out);
}

/* The newest photo's name of a visit, into name (33 bytes); "" if it has none. */
static void newest(long long visit, char *name)
{
	char q[160], *out = NULL;

	snprintf(q, sizeof q, "SELECT name FROM photos WHERE visit_id = %lld ORDER BY id DESC LIMIT 1;",
	         visit);
	ck_assert_int_eq(admin_sql(q, &out), 0);
	snprintf(name, 33, "%.32s", out ? out : "");
	free(out);
}

/* A visit to the child (code) by the volunteer in state, under a sponsorship of the sponsor; its id. */
static long long visit(const char *code, const char *state)
{
	return admin_sql_numf(
		"SET @c = (SELECT id FROM children WHERE code = '%s');"
		"INSERT INTO visits (child_id, sponsorship_id, author_id, state, visited_on, kind, care, "
		"  summary, form_key, reviewed_at) VALUES (@c, (SELECT id FROM sponsorships WHERE child_id = @c "
		"  ORDER BY id DESC LIMIT 1), " VOL_ID ", '%s', CURDATE(), 'home', 'life', 'x', RANDOM_BYTES(16), "
		"  IF('%s' = 'approved', NOW(), NULL));"
		"SELECT LAST_INSERT_ID();", code, state, state);
}

/*
 * POST data as the photo field of the form at path from browser b, with the CSRF token of the page
 * it was last shown (the back office's home, as a volunteer's phone would have it); r is the
 * caller's.
 */
static long post_photo(struct browser *b, const char *path, const char *filename, const char *ctype,
                       const void *data, size_t len, struct resp *r)
{
	const char *const names[] = { "csrf" };
	const char *values[1];

	b_get(b, "/admin", r);
	resp_free(r);
	values[0] = b->csrf;
	return b_upload_as(b, path, "photo", filename, ctype, data, len, names, values, 1, r);
}

/* Upload data as a photo of visit v from browser b; the status. */
static long upload(struct browser *b, long long v, const char *filename, const void *data, size_t len)
{
	char path[64];
	struct resp r;
	long status;

	snprintf(path, sizeof path, "/admin/visits/%lld/photos", v);
	status = post_photo(b, path, filename, "image/jpeg", data, len, &r);
	resp_free(&r);
	return status;
}

/* The files in the instance's photo directory. */
static int files_stored(void)
{
	char dir[512];
	DIR *d;
	struct dirent *de;
	int n = 0;

	snprintf(dir, sizeof dir, "%s/photos", getenv("TX_VAR"));
	ck_assert_ptr_nonnull(d = opendir(dir));
	while ((de = readdir(d)))
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

static void fixtures_remove(void)
{
	for (size_t i = 0; i < sizeof KIDS / sizeof KIDS[0]; i++)
		fixture_delete(KIDS[i].code);
	admin_sql("DELETE FROM donors WHERE login IN ('" SPONSOR "', '" OTHER "');", NULL);
}

static void setup(void)
{
	struct browser b;

	fixtures_remove();
	for (size_t i = 0; i < sizeof KIDS / sizeof KIDS[0]; i++)
		ck_assert_int_eq(fixture_insert(&KIDS[i]), 0);
	/* the two donors sign up as donors do; the sponsor's pairing of KID (and of AWAY) is active */
	browser_init(&b);
	ck_assert_int_eq(b_signup(&b, SPONSOR, PW, "照片测试·助养人"), 303);
	browser_free(&b);
	browser_init(&b);
	ck_assert_int_eq(b_signup(&b, OTHER, PW, "照片测试·别人"), 303);
	browser_free(&b);
	sql("INSERT INTO sponsorships (child_id, donor_id, state, plan, hold_until, agreed_at, decided_at) "
	    "SELECT c.id, (SELECT id FROM donors WHERE login = '" SPONSOR "'), 'active', 'annual', NOW(), "
	    "NOW(), NOW() FROM children c WHERE c.code IN ('" KID "', '" AWAY "');"
	    "UPDATE children SET consent_photo = 1 WHERE code IN ('" KID "', '" AWAY "');"
	    "INSERT INTO volunteer_children (staff_id, child_id) SELECT " VOL_ID ", id FROM children "
	    "WHERE code = '" KID "';");
	ck_assert_int_eq(b_staff(&vol, "badong-volunteer"), 303);
}

static void teardown(void)
{
	browser_free(&vol);
	fixtures_remove();
}

/* The photo as staff in scope are sent it, checked for nginx's headers; the body is the caller's. */
static void staff_get(const char *username, const char *name, long want, struct resp *r)
{
	struct browser b;
	char path[64];

	ck_assert_int_eq(b_staff(&b, username), 303);
	snprintf(path, sizeof path, "/admin/photos/%s", name);
	b_get(&b, path, r);
	browser_free(&b);
	ck_assert_msg(r->status == want, "%s: %s answered %ld", username, path, r->status);
}

START_TEST(jpeg_loses_exif_and_gps)
{
	long long v = visit(KID, "draft");
	size_t n, len;
	unsigned char *jpeg = fx_jpeg(800, 600, &n), *exif = fx_with_exif(jpeg, n, 1, &len);
	char name[33];
	struct resp r;

	ck_assert(fx_has(exif, len, "Exif") && fx_has(exif, len, FX_GPS_TEXT));
	ck_assert_int_eq(upload(&vol, v, "IMG_0001.jpg", exif, len), 303);
	newest(v, name);
	ck_assert_int_eq(strlen(name), 32);
	staff_get("badong", name, 200, &r);
	ck_assert(resp_has_header(&r, "Content-Type", "image/jpeg"));
	ck_assert(resp_has_header(&r, "Cache-Control", "private"));
	ck_assert(resp_has_header(&r, "X-Content-Type-Options", "nosniff"));
	ck_assert(!resp_has_header(&r, "X-Accel-Redirect", NULL));
	ck_assert(r.len > 100 && (unsigned char)r.body[0] == 0xff && (unsigned char)r.body[1] == 0xd8);
	ck_assert_msg(!fx_has(r.body, r.len, "Exif"), "the stored photo still has its EXIF block");
	ck_assert_msg(!fx_has(r.body, r.len, FX_GPS_TEXT), "the stored photo still has the GPS position");
	resp_free(&r);
	free(jpeg);
	free(exif);
}
END_TEST

START_TEST(png_loses_text_chunk)
{
	long long v = visit(KID, "draft");
	size_t n, len;
	unsigned char *png = fx_png(300, 200, &n), *text = fx_with_text(png, n, &len);
	char name[33];
	struct resp r;

	ck_assert_int_eq(upload(&vol, v, "drawing.png", text, len), 303);
	newest(v, name);
	staff_get("badong-volunteer", name, 200, &r);
	ck_assert(resp_has_header(&r, "Content-Type", "image/png"));
	ck_assert(r.len > 8 && memcmp(r.body, "\x89PNG", 4) == 0);
	ck_assert(!fx_has(r.body, r.len, "tEXt"));
	ck_assert(!fx_has(r.body, r.len, FX_PNG_TEXT));
	resp_free(&r);
	free(png);
	free(text);
}
END_TEST

/* The long side comes out at 1600 whatever went in; the stored file says so, not only the row. */
START_TEST(long_side_capped)
{
	long long v = visit(KID, "draft");
	size_t n;
	unsigned char *jpeg = fx_jpeg(3000, 1500, &n);
	char name[33];
	struct resp r;
	gdImagePtr im;

	ck_assert_int_eq(upload(&vol, v, "big.jpg", jpeg, n), 303);
	newest(v, name);
	staff_get("badong", name, 200, &r);
	ck_assert_ptr_nonnull(im = gdImageCreateFromJpegPtr((int)r.len, r.body));
	ck_assert_int_eq(gdImageSX(im), 1600);
	ck_assert_int_eq(gdImageSY(im), 800);
	gdImageDestroy(im);
	ck_assert_int_eq(admin_sql_numf("SELECT width FROM photos WHERE name = '%s'", name), 1600);
	resp_free(&r);
	free(jpeg);
}
END_TEST

START_TEST(not_an_image_refused)
{
	static const char FAKE[] = "<html><body>not a photo at all</body></html>";
	long long v = visit(KID, "draft");
	int files = files_stored();
	size_t n;
	unsigned char *jpeg = fx_jpeg(400, 300, &n);

	ck_assert_int_eq(upload(&vol, v, "IMG_0002.jpg", FAKE, sizeof FAKE - 1), 415);
	/* a real JPEG's first half: its header reads, its pixels do not */
	ck_assert_int_eq(upload(&vol, v, "IMG_0003.jpg", jpeg, n / 2), 415);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM photos WHERE visit_id = %lld", v), 0);
	ck_assert_int_eq(files_stored(), files);
	free(jpeg);
}
END_TEST

/* A JPEG upload to visit v refused with 409 and a page that says why; the visit keeps its count. */
static void refused_409(long long v, const char *why, long long count)
{
	size_t n;
	unsigned char *jpeg = fx_jpeg(100, 100, &n);
	struct resp r;
	char path[64];

	snprintf(path, sizeof path, "/admin/visits/%lld/photos", v);
	ck_assert_int_eq(post_photo(&vol, path, "a.jpg", "image/jpeg", jpeg, n, &r), 409);
	ck_assert_msg(body_has(&r, why), "the page does not say %s", why);
	resp_free(&r);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM photos WHERE visit_id = %lld", v), count);
	free(jpeg);
}

START_TEST(no_consent_no_upload)
{
	long long v = visit(KID, "draft");

	sql("UPDATE children SET consent_photo = 0 WHERE code = '" KID "';");
	refused_409(v, "监护人还没有同意拍照", 0);
}
END_TEST

START_TEST(four_to_a_visit)
{
	long long v = visit(KID, "draft");
	size_t n;
	unsigned char *jpeg = fx_jpeg(120, 90, &n);

	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(upload(&vol, v, "a.jpg", jpeg, n), 303);
	refused_409(v, "最多 4 张", 4);
	free(jpeg);
}
END_TEST

/* Past 5 MB the app refuses the file (413); past nginx's 6 MB nginx refuses the body itself. */
START_TEST(over_five_mb_refused)
{
	long long v = visit(KID, "draft");
	size_t big = 5 * 1024 * 1024 + 1, huge = 7 * 1024 * 1024;
	char *data = calloc(1, huge);

	data[0] = (char)0xff;
	data[1] = (char)0xd8;
	ck_assert_int_eq(upload(&vol, v, "big.jpg", data, big), 413);
	ck_assert_int_eq(upload(&vol, v, "huge.jpg", data, huge), 413);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM photos WHERE visit_id = %lld", v), 0);
	free(data);
}
END_TEST

/* What a donor is answered for a photo's URL: its status, and whether it was the picture. */
static long donor_get(const char *login, const char *name, int *picture)
{
	struct browser b;
	struct resp r;
	char path[64];
	long status;

	browser_init(&b);
	if (login)
		ck_assert_int_eq(b_login(&b, login, PW), 303);
	snprintf(path, sizeof path, "/me/photos/%s", name);
	b_get(&b, path, &r);
	status = r.status;
	*picture = r.len > 2 && (unsigned char)r.body[0] == 0xff && (unsigned char)r.body[1] == 0xd8;
	if (status == 200)
		ck_assert(resp_has_header(&r, "Cache-Control", "private"));
	resp_free(&r);
	browser_free(&b);
	return status;
}

/* The guardian withdraws the photo consent, as county staff record it on the child's record page. */
static void withdraw_photo_consent(void)
{
	struct browser county;
	struct resp r;

	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	b_post(&county, "/admin/children/" KID "/consent", "scope=photo&publish=0&"
	       "given_by=%E8%99%9A%E6%9E%84&given_on=2026-01-02", &r);
	ck_assert_int_eq(r.status, 303);
	resp_free(&r);
	browser_free(&county);
}

START_TEST(only_the_sponsor_once_confirmed_and_approved)
{
	long long v = visit(KID, "draft");
	size_t n;
	unsigned char *jpeg = fx_jpeg(200, 150, &n);
	char name[33], file[512];
	int pic;

	ck_assert_int_eq(upload(&vol, v, "a.jpg", jpeg, n), 303);
	newest(v, name);
	/* a draft, unconfirmed: nobody outside the back office */
	ck_assert_int_eq(donor_get(SPONSOR, name, &pic), 404);
	/* approved, but nobody confirmed the photo: still not */
	sql("UPDATE visits SET state = 'submitted' WHERE id = %lld;"
	    "UPDATE visits SET state = 'approved', reviewed_at = NOW() WHERE id = %lld;", v, v);
	ck_assert_int_eq(donor_get(SPONSOR, name, &pic), 404);
	/* confirmed and approved: the sponsor, and only the sponsor */
	sql("UPDATE photos SET confirmed = 1 WHERE name = '%s';", name);
	ck_assert_int_eq(donor_get(SPONSOR, name, &pic), 200);
	ck_assert(pic);
	ck_assert_int_eq(donor_get(OTHER, name, &pic), 404);
	ck_assert(!pic);
	/* the demo donor sponsors other children */
	ck_assert_int_eq(donor_get("demo@example.com", name, &pic), 404);
	/* a visitor is sent to sign in, as for a name that does not exist */
	ck_assert_int_eq(donor_get(NULL, name, &pic), 303);
	ck_assert(!pic);
	ck_assert_int_eq(donor_get(NULL, "0123456789abcdef0123456789abcdef", &pic), 303);
	ck_assert_int_eq(donor_get(SPONSOR, "0123456789abcdef0123456789abcdef", &pic), 404);
	/* nginx's own location is not reachable from outside */
	{
		struct resp r;
		char path[64];
		snprintf(path, sizeof path, "/_photos/%s", name);
		http_get(path, &r);
		ck_assert_int_eq(r.status, 404);
		resp_free(&r);
	}
	/* the guardian withdraws the photo consent, on the record page: the photos go at once */
	snprintf(file, sizeof file, "%s/photos/%s", getenv("TX_VAR"), name);
	ck_assert(access(file, F_OK) == 0);
	withdraw_photo_consent();
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM child_consents WHERE scope = 'photo' AND "
	                               "publish = 0 AND child_id = " KID_ID), 1);
	ck_assert_int_eq(admin_sql_num("SELECT consent_photo FROM children WHERE id = " KID_ID), 0);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM photos WHERE child_id = " KID_ID), 0);
	ck_assert(access(file, F_OK) != 0);
	ck_assert_int_eq(donor_get(SPONSOR, name, &pic), 404);
	free(jpeg);
}
END_TEST

/* Staff out of scope get the same 404 as for a name that does not exist; the province reaches all. */
START_TEST(staff_out_of_scope_get_404)
{
	long long v = visit(AWAY, "draft");
	size_t n;
	unsigned char *jpeg = fx_jpeg(200, 150, &n);
	struct browser prov;
	char name[33], path[64];
	struct resp r;

	/* the badong volunteer cannot even add one: the visit is out of their reach */
	ck_assert_int_eq(upload(&vol, v, "a.jpg", jpeg, n), 404);
	ck_assert_int_eq(b_staff(&prov, "province"), 303);
	/* the province is in reach but neither the visit's author nor county staff */
	snprintf(path, sizeof path, "/admin/visits/%lld/photos", v);
	ck_assert_int_eq(post_photo(&prov, path, "a.jpg", "image/jpeg", jpeg, n, &r), 403);
	resp_free(&r);
	browser_free(&prov);
	/* a photo of it, put there as its author would */
	sql("UPDATE visits SET author_id = (SELECT id FROM staff WHERE username = 'province') "
	    "WHERE id = %lld;", v);
	ck_assert_int_eq(b_staff(&prov, "province"), 303);
	ck_assert_int_eq(post_photo(&prov, path, "a.jpg", "image/jpeg", jpeg, n, &r), 303);
	resp_free(&r);
	browser_free(&prov);
	newest(v, name);
	staff_get("province", name, 200, &r);
	resp_free(&r);
	staff_get("badong", name, 404, &r);
	resp_free(&r);
	staff_get("enshi", name, 404, &r);
	resp_free(&r);
	staff_get("badong-volunteer", name, 404, &r);
	resp_free(&r);
	staff_get("badong", "0123456789abcdef0123456789abcdef", 404, &r);
	resp_free(&r);
	free(jpeg);
}
END_TEST

/* The uploader deletes a draft's photo, file and all; once approved, it stays. */
START_TEST(deleted_until_approved)
{
	long long v = visit(KID, "draft");
	size_t n;
	unsigned char *jpeg = fx_jpeg(200, 150, &n);
	char name[33], path[80], file[512];
	struct resp r;

	ck_assert_int_eq(upload(&vol, v, "a.jpg", jpeg, n), 303);
	newest(v, name);
	snprintf(file, sizeof file, "%s/photos/%s", getenv("TX_VAR"), name);
	ck_assert(access(file, F_OK) == 0);
	snprintf(path, sizeof path, "/admin/photos/%s/delete", name);
	b_get(&vol, "/admin", &r);
	resp_free(&r);
	b_post(&vol, path, "", &r);
	ck_assert_int_eq(r.status, 303);
	resp_free(&r);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM photos WHERE name = '%s'", name), 0);
	ck_assert(access(file, F_OK) != 0);
	/* approved: the photo is part of what the sponsor was shown */
	ck_assert_int_eq(upload(&vol, v, "a.jpg", jpeg, n), 303);
	newest(v, name);
	sql("UPDATE visits SET state = 'submitted' WHERE id = %lld;"
	    "UPDATE visits SET state = 'approved', reviewed_at = NOW() WHERE id = %lld;", v, v);
	snprintf(path, sizeof path, "/admin/photos/%s/delete", name);
	b_get(&vol, "/admin", &r);
	resp_free(&r);
	b_post(&vol, path, "", &r);
	ck_assert_int_eq(r.status, 409);
	resp_free(&r);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM photos WHERE name = '%s'", name), 1);
	/* and no photo is added to it any more */
	ck_assert_int_eq(upload(&vol, v, "a.jpg", jpeg, n), 409);
	free(jpeg);
}
END_TEST

/* A child's reply (a pending letter from the child) takes a photo of a drawing, back to its page. */
START_TEST(reply_takes_a_drawing)
{
	size_t n;
	unsigned char *png = fx_png(240, 320, &n);
	long long letter;
	struct resp r;
	char path[64], loc[64];

	letter = admin_sql_numf(
		"SET @c = (SELECT id FROM children WHERE code = '" KID "');"
		"SET @s = (SELECT id FROM sponsorships WHERE child_id = @c ORDER BY id DESC LIMIT 1);"
		"INSERT INTO letters (sponsorship_id, child_id, direction, state, body, form_key) "
		"VALUES (@s, @c, 'to_child', 'approved', 'x', RANDOM_BYTES(16));"
		"INSERT INTO letters (sponsorship_id, child_id, direction, reply_to, state, body, recorded_by, "
		"  form_key) VALUES (@s, @c, 'from_child', LAST_INSERT_ID(), 'pending', 'x', " VOL_ID ", "
		"  RANDOM_BYTES(16));"
		"SELECT LAST_INSERT_ID();");
	snprintf(path, sizeof path, "/admin/letters/%lld/photos", letter);
	ck_assert_int_eq(post_photo(&vol, path, "drawing.png", "image/png", png, n, &r), 303);
	snprintf(path, sizeof path, "/admin/letters/%lld", letter);
	ck_assert_str_eq(resp_location(&r, loc, sizeof loc), path);
	resp_free(&r);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM photos WHERE letter_id = %lld AND mime = "
	                                "'image/png'", letter), 1);
	free(png);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("photos");
	TCase *t = tcase_create("photos");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, jpeg_loses_exif_and_gps);
	tcase_add_test(t, png_loses_text_chunk);
	tcase_add_test(t, long_side_capped);
	tcase_add_test(t, not_an_image_refused);
	tcase_add_test(t, no_consent_no_upload);
	tcase_add_test(t, four_to_a_visit);
	tcase_add_test(t, over_five_mb_refused);
	tcase_add_test(t, only_the_sponsor_once_confirmed_and_approved);
	tcase_add_test(t, staff_out_of_scope_get_404);
	tcase_add_test(t, deleted_until_approved);
	tcase_add_test(t, reply_takes_a_drawing);
	suite_add_tcase(s, t);
	return s;
}
