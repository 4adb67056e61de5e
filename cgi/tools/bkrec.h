/*
 * bkrec.h — what a backup stream holds: typed records (schema, rows, triggers, files, manifest),
 * the manifest's text, and which backups the retention keeps.
 */
#ifndef TX_BKREC_H
#define TX_BKREC_H

#include <stddef.h>
#include <sodium.h>

#include "bkstream.h"

/*
 * Records, in this order: for each table BK_TABLE_SQL (its CREATE TABLE), BK_COLUMNS (its name,
 * then its stored columns' names, each NUL-ended), BK_ROW... (each value a 4-byte big-endian
 * length, BK_NULL for NULL, then its bytes); then BK_ROUTINE (sql_mode NUL, CREATE PROCEDURE or
 * FUNCTION) each, which the triggers call; then BK_TRIGGER (sql_mode NUL, CREATE TRIGGER) each;
 * then BK_FILE (path NUL, contents) each; last BK_MANIFEST, its text in one record or more (read
 * as one, each record whole lines). A record: type byte, 4-byte length.
 */
enum bk_type {
	BK_TABLE_SQL = 'S',
	BK_COLUMNS   = 'C',
	BK_ROW       = 'R',
	BK_ROUTINE   = 'P',
	BK_TRIGGER   = 'G',
	BK_FILE      = 'F',
	BK_MANIFEST  = 'M',
};
#define BK_NULL 0xffffffffu
/* The largest record read back: a file (an upload is at most 20 MB) or a row. */
#define BK_RECORD_MAX (64u << 20)

int bk_put(struct bk_writer *w, enum bk_type type, const void *p, size_t n, struct err *e);

/*
 * Text as records of type, each at most max bytes (BK_RECORD_MAX) and ending at a line's end: a
 * manifest of many files outgrows one record. Its lines must be shorter than max.
 */
int bk_put_lines(struct bk_writer *w, enum bk_type type, const char *text, size_t max,
                 struct err *e);

/* The next record into *p (malloc'd, NUL-ended; the caller frees): 0, 1 at the end, -1. */
int bk_get(struct bk_reader *r, int *type, unsigned char **p, size_t *n, struct err *e);

/* A 4-byte big-endian length, put and taken. */
void bk_u32_put(unsigned char *p, unsigned long v);
unsigned long bk_u32(const unsigned char *p);

/* The manifest: what was backed up, to be found again on restore. */
#define BK_NAME_MAX 192
#define BK_DIGEST_BYTES 32
struct bk_table {
	char               name[BK_NAME_MAX];
	unsigned long long rows, checksum;            /* checksum: CHECKSUM TABLE's */
	unsigned char      digest[BK_DIGEST_BYTES];   /* BLAKE2b of its rows (backup_digest) */
};
struct bk_file {
	char               path[BK_NAME_MAX];
	unsigned long long size;
	unsigned char      sha256[crypto_hash_sha256_BYTES];
};
struct bk_routine {
	char               kind[16];      /* PROCEDURE or FUNCTION */
	char               name[BK_NAME_MAX];
};
struct bk_manifest {
	char               created[32];   /* UTC, ISO 8601 */
	long               schema;        /* schema_version's highest */
	struct bk_table   *tables;
	int                ntables;
	struct bk_file    *files;
	int                nfiles;
	struct bk_routine *routines;
	int                nroutines;
};

/* Append a table, a file or a stored routine (0, or -1 out of memory). */
int bk_manifest_table(struct bk_manifest *m, const char *name, unsigned long long rows,
                      unsigned long long checksum, const unsigned char *digest);
int bk_manifest_file(struct bk_manifest *m, const char *path, unsigned long long size,
                     const unsigned char sha256[crypto_hash_sha256_BYTES]);
int bk_manifest_routine(struct bk_manifest *m, const char *kind, const char *name);
/*
 * As text, one line each ("table NAME rows N checksum N digest HEX", "routine KIND NAME"); the
 * caller frees.
 */
char *bk_manifest_text(const struct bk_manifest *m);
/*
 * Parse text written by bk_manifest_text into m, which is overwritten, not freed. Refused (-1),
 * m is left empty.
 */
int bk_manifest_parse(struct bk_manifest *m, const char *text, struct err *e);
void bk_manifest_free(struct bk_manifest *m);
/* The table named, or NULL. */
const struct bk_table *bk_manifest_find(const struct bk_manifest *m, const char *name);

/*
 * Retention over a directory's backup names (BK_NAME_FMT, any order): keep[i] is set for the
 * newest backup of each of the `daily` latest days that have one, and of each of the `weekly`
 * latest weeks (Monday to Sunday, UTC) that have one; names not of the form are kept. daily is
 * at least 1 and weekly at least 0, whatever is asked: the newest backup is always kept.
 */
#define BK_NAME_FMT "tongxiang-%Y%m%d-%H%M%SZ"
#define BK_SUFFIX   ".txbk"
void bk_retain(char *const *names, int n, int daily, int weekly, int *keep);

#endif
