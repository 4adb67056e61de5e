/* check_stash.c — an upload kept between check and import: sealed, taken once, its owner's only. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>
#include <sodium.h>

#include "check_main.h"
#include "stash.h"

/* The most of a stash file the tests read back. */
#define SLURP_MAX 4096

static char dir[] = "/tmp/check_stash.XXXXXX";
static struct config cfg;
static const char LEDGER[] = "姓名,身份证号\r\n虚构·甲,422823201203040010\r\n";

static void setup(void)
{
	ck_assert_int_ge(sodium_init(), 0);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	memset(&cfg, 0, sizeof cfg);
	cfg.upload_dir = dir;
	randombytes_buf(cfg.pii_key, sizeof cfg.pii_key);
}

static void teardown(void)
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(dir, "/tmp/check_stash.XXXXXX");
}

static void file_of(const char *id, char *out, size_t n)
{
	snprintf(out, n, "%s/%s", dir, id);
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	static char buf[SLURP_MAX];

	ck_assert_ptr_nonnull(f);
	*n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	return buf;
}

START_TEST(kept_sealed_and_taken_once)
{
	char id[STASH_ID_LEN + 1], path[PATH_MAX], *data;
	size_t len;
	struct err e = { 0 };

	ck_assert_int_eq(stash_put(&cfg, 7, LEDGER, sizeof LEDGER - 1, id, &e), 0);
	ck_assert_uint_eq(strlen(id), STASH_ID_LEN);
	file_of(id, path, sizeof path);
	data = slurp(path, &len);
	ck_assert_ptr_null(memmem(data, len, "虚构", strlen("虚构")));   /* no plaintext at rest */
	ck_assert_int_eq(stash_take(&cfg, 7, id, &data, &len, &e), 0);
	ck_assert_uint_eq(len, sizeof LEDGER - 1);
	ck_assert_int_eq(memcmp(data, LEDGER, len), 0);
	free(data);
	/* Taken: a second take finds nothing, until a failed import puts it back. */
	ck_assert_int_eq(stash_take(&cfg, 7, id, &data, &len, &e), -1);
	ck_assert_int_eq(err_status(&e), 404);
	stash_return(&cfg, id);
	ck_assert_int_eq(stash_take(&cfg, 7, id, &data, &len, &e), 0);
	free(data);
	stash_drop(&cfg, id);
	ck_assert_int_eq(stash_take(&cfg, 7, id, &data, &len, &e), -1);
	stash_return(&cfg, id);   /* nothing to put back once dropped */
	ck_assert_int_eq(stash_take(&cfg, 7, id, &data, &len, &e), -1);
}
END_TEST

START_TEST(only_its_owner_and_only_as_written)
{
	char id[STASH_ID_LEN + 1], other[STASH_ID_LEN + 1], path[PATH_MAX], path2[PATH_MAX], *data;
	size_t len;
	struct err e = { 0 };
	FILE *f;

	ck_assert_int_eq(stash_put(&cfg, 7, LEDGER, sizeof LEDGER - 1, id, &e), 0);
	ck_assert_int_eq(stash_take(&cfg, 8, id, &data, &len, &e), -1);   /* another staff member */
	ck_assert_int_eq(err_status(&e), 404);
	ck_assert_int_eq(stash_take(&cfg, 7, id, &data, &len, &e), 0);    /* still its owner's */
	free(data);
	stash_return(&cfg, id);
	/* Renamed to another id, it does not open: the id is sealed in. */
	ck_assert_int_eq(stash_put(&cfg, 7, "x", 1, other, &e), 0);
	file_of(id, path, sizeof path);
	file_of(other, path2, sizeof path2);
	ck_assert_int_eq(rename(path, path2), 0);
	ck_assert_int_eq(stash_take(&cfg, 7, other, &data, &len, &e), -1);
	/* A flipped byte does not open either. */
	ck_assert_int_eq(stash_put(&cfg, 7, LEDGER, sizeof LEDGER - 1, id, &e), 0);
	file_of(id, path, sizeof path);
	ck_assert_ptr_nonnull(f = fopen(path, "r+b"));
	fseek(f, 30, SEEK_SET);
	fputc('!', f);
	fclose(f);
	ck_assert_int_eq(stash_take(&cfg, 7, id, &data, &len, &e), -1);
	/* Not an id at all: no path is built from it. */
	ck_assert_int_eq(stash_take(&cfg, 7, "../../etc/passwd", &data, &len, &e), -1);
	ck_assert_int_eq(err_status(&e), 404);
}
END_TEST

START_TEST(an_hour_at_most)
{
	char id[STASH_ID_LEN + 1], young[STASH_ID_LEN + 1], path[PATH_MAX], *data;
	size_t len;
	struct err e = { 0 };
	struct utimbuf old = { time(NULL) - STASH_SECONDS - 60, time(NULL) - STASH_SECONDS - 60 };

	ck_assert_int_eq(stash_put(&cfg, 7, LEDGER, sizeof LEDGER - 1, id, &e), 0);
	ck_assert_int_eq(stash_put(&cfg, 7, LEDGER, sizeof LEDGER - 1, young, &e), 0);
	file_of(id, path, sizeof path);
	ck_assert_int_eq(utime(path, &old), 0);
	ck_assert_int_eq(stash_take(&cfg, 7, id, &data, &len, &e), -1);
	ck_assert_int_eq(err_status(&e), 404);
	ck_assert_int_ne(access(path, F_OK), 0);
	/* The sweep forgets old ones and keeps young ones. */
	ck_assert_int_eq(stash_put(&cfg, 7, LEDGER, sizeof LEDGER - 1, id, &e), 0);
	file_of(id, path, sizeof path);
	ck_assert_int_eq(utime(path, &old), 0);
	stash_sweep(&cfg);
	ck_assert_int_ne(access(path, F_OK), 0);
	ck_assert_int_eq(stash_take(&cfg, 7, young, &data, &len, &e), 0);
	free(data);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("stash");
	TCase *t = tcase_create("stash");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, kept_sealed_and_taken_once);
	tcase_add_test(t, only_its_owner_and_only_as_written);
	tcase_add_test(t, an_hour_at_most);
	suite_add_tcase(s, t);
	return s;
}
