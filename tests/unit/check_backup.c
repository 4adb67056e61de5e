/*
 * check_backup.c — a backup file opens only with its key, and only whole and unaltered; its
 * manifest reads back as written; the retention keeps 7 daily and 4 weekly. A forged file's
 * records (a column list longer than any table's, statements not of their kind) are refused by a
 * restore's checking pass, before it connects to anything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unistd.h>

#include "check_main.h"
#include "tools/backup.h"
#include "tools/bkrec.h"
#include "util.h"

/* Incompressible, so that it spans several chunks. */
#define BIG (200 * 1024)

static unsigned char pk[BK_PK_BYTES], sk[BK_SK_BYTES];
static unsigned char big[BIG];
static char *file;
static size_t file_len;

/* A backup of three records (a row, a big file, a manifest) into file. */
static void setup(void)
{
	struct bk_writer *w;
	struct err e;
	FILE *f;

	ck_assert_int_ge(sodium_init(), 0);
	crypto_box_keypair(pk, sk);
	randombytes_buf(big, sizeof big);
	ck_assert_ptr_nonnull((f = open_memstream(&file, &file_len)));
	ck_assert_ptr_nonnull((w = bk_writer_new(f, pk, &e)));
	ck_assert_int_eq(bk_put(w, BK_ROW, "row", 3, &e), 0);
	ck_assert_int_eq(bk_put(w, BK_FILE, big, sizeof big, &e), 0);
	ck_assert_int_eq(bk_put(w, BK_MANIFEST, "schema 49\n", 10, &e), 0);
	ck_assert_int_eq(bk_writer_finish(w, &e), 0);
	fclose(f);
}

static void teardown(void)
{
	free(file);
}

/*
 * Read data back with key: the records it yields, and 0 when it ended cleanly after all three,
 * else -1 (and the reason in why).
 */
static int read_back(const char *data, size_t len, const unsigned char *key, int *records,
                     char *why, size_t n)
{
	FILE *f = fmemopen((void *)data, len, "rb");
	struct bk_reader *r;
	unsigned char *p;
	struct err e;
	size_t plen;
	int type, rc;

	err_clear(&e);
	*records = 0;
	ck_assert_ptr_nonnull(f);
	if (!(r = bk_reader_new(f, key, &e))) {
		fclose(f);
		snprintf(why, n, "%s", e.cause);
		return -1;
	}
	while ((rc = bk_get(r, &type, &p, &plen, &e)) == 0) {
		(*records)++;
		if (type == BK_FILE)
			ck_assert(plen == BIG && memcmp(p, big, BIG) == 0);
		free(p);
	}
	bk_reader_free(r);
	fclose(f);
	snprintf(why, n, "%s", e.cause);
	return rc == 1 && *records == 3 ? 0 : -1;
}

START_TEST(reads_back_with_its_key)
{
	char why[ERR_CAUSE_LEN];
	int records;

	ck_assert_msg(read_back(file, file_len, sk, &records, why, sizeof why) == 0, "%s", why);
	ck_assert_int_eq(records, 3);
	/* Nothing of it in clear: the big file's first bytes appear nowhere. */
	ck_assert_ptr_null(memmem(file, file_len, big, 16));
}
END_TEST

START_TEST(another_key_is_refused)
{
	unsigned char pk2[BK_PK_BYTES], sk2[BK_SK_BYTES];
	char why[ERR_CAUSE_LEN];
	int records;

	crypto_box_keypair(pk2, sk2);
	ck_assert_int_eq(read_back(file, file_len, sk2, &records, why, sizeof why), -1);
	ck_assert_int_eq(records, 0);
	ck_assert_ptr_nonnull(strstr(why, "key does not open"));
}
END_TEST

/* Cut anywhere, the file is refused: never read as a whole backup, nothing after the cut. */
START_TEST(a_cut_file_is_refused)
{
	size_t cuts[] = { 5, 100, file_len / 2, file_len - 20, file_len - 1 };
	char why[ERR_CAUSE_LEN];
	int records;

	for (size_t i = 0; i < nitems(cuts); i++) {
		ck_assert_msg(read_back(file, cuts[i], sk, &records, why, sizeof why) == -1,
		              "cut at %zu of %zu read as whole", cuts[i], file_len);
		ck_assert_int_lt(records, 3);
	}
}
END_TEST

/* A byte flipped in the sealed key, the header or any chunk fails a tag. */
START_TEST(a_flipped_byte_is_refused)
{
	size_t at[] = { 3, 8 + 10, 8 + BK_SEALED + 4, file_len / 3, file_len / 2, file_len - 5 };
	char *copy = malloc(file_len), why[ERR_CAUSE_LEN];
	int records;

	ck_assert_ptr_nonnull(copy);
	for (size_t i = 0; i < nitems(at); i++) {
		memcpy(copy, file, file_len);
		copy[at[i]] ^= 0x20;
		ck_assert_msg(read_back(copy, file_len, sk, &records, why, sizeof why) == -1,
		              "byte %zu flipped, still read", at[i]);
		ck_assert_int_lt(records, 3);
	}
	free(copy);
}
END_TEST

/* Bytes after the final chunk are refused too: nothing is appended to a backup unseen. */
START_TEST(bytes_after_the_end_are_refused)
{
	char *longer = malloc(file_len + 1), why[ERR_CAUSE_LEN];
	int records;

	ck_assert_ptr_nonnull(longer);
	memcpy(longer, file, file_len);
	longer[file_len] = 'x';
	ck_assert_int_eq(read_back(longer, file_len + 1, sk, &records, why, sizeof why), -1);
	ck_assert_msg(strstr(why, "after its end"), "%s", why);
	free(longer);
}
END_TEST

START_TEST(the_manifest_reads_back)
{
	unsigned char d[BK_DIGEST_BYTES] = { 1, 2, 3 }, sha[crypto_hash_sha256_BYTES] = { 9 };
	struct bk_manifest m = { .schema = 49 }, back;
	char *text, *again;
	struct err e;

	strcpy(m.created, "2026-12-01T00:00:00Z");
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(bk_manifest_table(&m, i ? "donations" : "children", i, 7 + i, d),
		                 0);
	ck_assert_int_eq(bk_manifest_file(&m, "photos/ab.jpg", 1234, sha), 0);
	ck_assert_ptr_nonnull((text = bk_manifest_text(&m)));
	ck_assert_int_eq(bk_manifest_parse(&back, text, &e), 0);
	ck_assert_ptr_nonnull((again = bk_manifest_text(&back)));
	ck_assert_str_eq(text, again);
	ck_assert_int_eq(back.schema, 49);
	ck_assert_int_eq(back.ntables, 5);
	ck_assert(bk_manifest_find(&back, "children")->checksum == 7);
	bk_manifest_free(&back);
	ck_assert_int_eq(bk_manifest_parse(&back, "schema 49\ntable x rows 1\n", &e), -1);
	ck_assert_int_eq(back.ntables, 0);
	free(text);
	free(again);
	bk_manifest_free(&m);
	bk_manifest_free(&back);
}
END_TEST

/* A backup a day for 60 days, the newest on Tuesday 2026-12-01: 7 days and 4 weeks kept. */
START_TEST(retention_keeps_seven_daily_and_four_weekly)
{
	char *names[61], buf[61][40];
	int keep[61], n = 0, kept = 0;

	for (int i = 0; i < 60; i++) {
		time_t t = 1796083200 - (time_t)i * 86400 + 3600;   /* 2026-12-01T01:00Z - i days */

		strftime(buf[i], sizeof buf[i], BK_NAME_FMT BK_SUFFIX, gmtime(&t));
		names[n++] = buf[i];
	}
	strcpy(buf[60], "tongxiang-notes.txbk");   /* not of the form: kept */
	names[n++] = buf[60];
	bk_retain(names, n, 7, 4, keep);
	for (int i = 0; i < n; i++)
		kept += keep[i];
	/* Days 0-6 (Dec 1 back to Nov 25); the newest of each of 4 weeks from Monday: Dec 1 and
	 * Nov 29 (kept already as days), Nov 22 and Nov 15; and the odd name. */
	ck_assert_str_eq(buf[0], "tongxiang-20261201-010000Z.txbk");
	for (int i = 0; i < 7; i++)
		ck_assert_msg(keep[i], "day %d not kept", i);
	ck_assert(keep[9] && keep[16] && keep[60]);
	ck_assert(!keep[7] && !keep[8] && !keep[10] && !keep[15] && !keep[23]);
	ck_assert_int_eq(kept, 7 + 2 + 1);
}
END_TEST

/* A public key libsodium will not seal to: the backup fails at its start, writing nothing. */
START_TEST(an_unusable_public_key_fails_the_backup)
{
	unsigned char zero[BK_PK_BYTES] = { 0 };
	char *out = NULL;
	size_t len = 0;
	struct err e;
	FILE *f = open_memstream(&out, &len);

	ck_assert_ptr_nonnull(f);
	err_clear(&e);
	ck_assert_ptr_null(bk_writer_new(f, zero, &e));
	ck_assert_msg(strstr(e.cause, "not a usable key"), "%s", e.cause);
	fclose(f);
	ck_assert_uint_eq(len, 0);
	free(out);
}
END_TEST

/*
 * Backup.Daily or Weekly of 0 or less: the newest backup stays (a Tuesday's; the Sunday before is
 * another week's).
 */
START_TEST(retention_of_nothing_keeps_the_newest)
{
	char a[] = "tongxiang-20261201-010000Z.txbk", b[] = "tongxiang-20261129-010000Z.txbk";
	char *names[] = { b, a };
	int keep[2], settings[][2] = { { 0, 0 }, { -1, -1 }, { 0, 4 } };

	for (size_t i = 0; i < nitems(settings); i++) {
		bk_retain(names, 2, settings[i][0], settings[i][1], keep);
		ck_assert_msg(keep[1], "daily %d weekly %d: the newest let go", settings[i][0],
		              settings[i][1]);
		ck_assert_int_eq(keep[0], settings[i][1] > 0);
	}
}
END_TEST

/*
 * A file of one record (type, p, n) and a manifest, sealed to pk, restored with sk into a config
 * of nothing (the checking pass refuses it first, or the database, absent, does): the reason.
 */
static int restore_forged(int type, const void *p, size_t n, char *why, size_t wn)
{
	char path[] = "/tmp/check_backup_XXXXXX", key[] = "/tmp/check_backup_key_XXXXXX";
	char hex[BK_SK_BYTES * 2 + 1];
	struct config cfg = { 0 };
	struct bk_writer *w;
	struct err e;
	FILE *f;
	int fd, rc;

	ck_assert_int_ge((fd = mkstemp(path)), 0);
	ck_assert_ptr_nonnull((f = fdopen(fd, "wb")));
	ck_assert_ptr_nonnull((w = bk_writer_new(f, pk, &e)));
	ck_assert_int_eq(bk_put(w, type, p, n, &e), 0);
	ck_assert_int_eq(bk_put(w, BK_MANIFEST, "schema 49\n", 10, &e), 0);
	ck_assert_int_eq(bk_writer_finish(w, &e), 0);
	fclose(f);
	ck_assert_int_ge((fd = mkstemp(key)), 0);
	ck_assert_ptr_nonnull((f = fdopen(fd, "w")));
	fprintf(f, "Backup.SecretKey = %s\n", sodium_bin2hex(hex, sizeof hex, sk, sizeof sk));
	fclose(f);
	ck_assert_ptr_null(hdf_init(&cfg.hdf));
	cfg.db_name = "tx_check_backup_none";
	cfg.db_socket = "/nonexistent/mysqld.sock";
	cfg.upload_dir = cfg.photo_dir = "/nonexistent";
	err_clear(&e);
	rc = backup_restore(&cfg, path, key, &e);
	snprintf(why, wn, "%s", e.cause);
	hdf_destroy(&cfg.hdf);
	unlink(path);
	unlink(key);
	return rc;
}

/* 128 columns of 100 characters: 13 kB of INSERT, over its buffer; refused, nothing overrun. */
START_TEST(a_column_list_longer_than_its_buffer_is_refused)
{
	static char cols[8 + 128 * 101];
	char why[ERR_CAUSE_LEN];
	size_t at = 0;

	memcpy(cols, "donors", 7);
	at = 7;
	for (int i = 0; i < 128; i++, at += 101) {
		memset(cols + at, 'c', 100);
		cols[at + 100] = '\0';
	}
	ck_assert_int_eq(restore_forged(BK_COLUMNS, cols, at, why, sizeof why), -1);
	ck_assert_msg(strstr(why, "damaged backup: the columns of donors"), "%s", why);
}
END_TEST

/* What a restore runs as root: a CREATE of the record's kind, never any other statement. */
START_TEST(a_statement_not_of_its_kind_is_refused)
{
	static const struct { int type; const char *sql; } forged[] = {
		{ BK_TABLE_SQL, "GRANT ALL ON *.* TO `x`@`%`" },
		{ BK_TABLE_SQL, "INSTALL SONAME 'ha_x'" },
		{ BK_TABLE_SQL, "CREATE TABLE t2 AS SELECT * FROM mysql.user" },
		{ BK_TABLE_SQL, "CREATE TABLE `t` (\n  `a` int\n) ENGINE=InnoDB DATA DIRECTORY='/etc'" },
		{ BK_TABLE_SQL, "CREATE TABLE `t` (\n  `a` int\n) ENGINE=CONNECT" },
		{ BK_TRIGGER, "\0GRANT ALL ON *.* TO `x`@`%`" },
		{ BK_TRIGGER, "\0CREATE DEFINER=`root`@`localhost` PROCEDURE `p`() SELECT 1" },
		{ BK_ROUTINE, "\0CREATE DEFINER=`root`@`localhost` TRIGGER t AFTER INSERT ON a" },
		{ BK_ROUTINE, "\0CREATE USER `x`@`%`" },
	};
	char why[ERR_CAUSE_LEN];

	for (size_t i = 0; i < nitems(forged); i++) {
		size_t n = forged[i].sql[0] ? strlen(forged[i].sql) :
		           1 + strlen(forged[i].sql + 1);

		ck_assert_int_eq(restore_forged(forged[i].type, forged[i].sql, n, why, sizeof why),
		                 -1);
		ck_assert_msg(strstr(why, "a statement not of its kind"), "%zu: %s", i, why);
	}
}
END_TEST

/* A manifest over several records, each whole lines within the limit, reads back as one text. */
START_TEST(a_long_manifest_spans_records)
{
	static const char text[] = "format tongxiang-backup 1\nschema 49\n"
	                           "routine PROCEDURE finance_add\nroutine FUNCTION finance_line\n";
	char *out = NULL, joined[sizeof text] = "", why[ERR_CAUSE_LEN];
	size_t len = 0, plen;
	struct bk_writer *w;
	struct bk_reader *r;
	unsigned char *p;
	struct err e;
	int type, records = 0;
	FILE *f = open_memstream(&out, &len);

	ck_assert_ptr_nonnull((w = bk_writer_new(f, pk, &e)));
	ck_assert_int_eq(bk_put_lines(w, BK_MANIFEST, text, 40, &e), 0);
	ck_assert_int_eq(bk_writer_finish(w, &e), 0);
	fclose(f);
	ck_assert_ptr_nonnull((f = fmemopen(out, len, "rb")));
	ck_assert_ptr_nonnull((r = bk_reader_new(f, sk, &e)));
	while (bk_get(r, &type, &p, &plen, &e) == 0) {
		ck_assert(type == BK_MANIFEST && plen <= 40 && p[plen - 1] == '\n');
		strcat(joined, (char *)p);
		records++;
		free(p);
	}
	bk_reader_free(r);
	fclose(f);
	free(out);
	ck_assert_int_ge(records, 3);
	ck_assert_str_eq(joined, text);
	/* And a restore reads such a manifest whole: past its checks, on to the database. */
	ck_assert_int_eq(restore_forged(BK_MANIFEST, text, 26, why, sizeof why), -1);
	ck_assert_msg(strstr(why, "cannot connect"), "%s", why);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("backup");
	TCase *tc = tcase_create("format");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, reads_back_with_its_key);
	tcase_add_test(tc, another_key_is_refused);
	tcase_add_test(tc, a_cut_file_is_refused);
	tcase_add_test(tc, a_flipped_byte_is_refused);
	tcase_add_test(tc, bytes_after_the_end_are_refused);
	tcase_add_test(tc, the_manifest_reads_back);
	tcase_add_test(tc, retention_keeps_seven_daily_and_four_weekly);
	tcase_add_test(tc, an_unusable_public_key_fails_the_backup);
	tcase_add_test(tc, retention_of_nothing_keeps_the_newest);
	tcase_add_test(tc, a_column_list_longer_than_its_buffer_is_refused);
	tcase_add_test(tc, a_statement_not_of_its_kind_is_refused);
	tcase_add_test(tc, a_long_manifest_spans_records);
	suite_add_tcase(s, tc);
	return s;
}
