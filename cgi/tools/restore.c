/*
 * restore.c — txctl restore: a backup read whole and checked, then written into an empty
 * instance, then its tables' checksums compared with its manifest.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#include "backup.h"
#include "bkrec.h"
#include "../log.h"
#include "../util.h"

#ifndef TX_SCHEMA_VERSION
#error "the Makefile gives TX_SCHEMA_VERSION: the highest sql/NNN_*.sql"
#endif
#define SQL_MAX 8192
/* A row's values: no table has more columns. */
#define COLS_MAX 128

long backup_schema_known(void)
{
	return TX_SCHEMA_VERSION;
}

struct load {
	int                 write;     /* 0: the checking pass; 1: the writing one */
	struct db          *db;
	const struct config *cfg;
	struct bk_manifest  seen;      /* what the stream holds, counted as read */
	struct bk_manifest  m;         /* what its manifest says */
	int                 has_m;
	char               *mtext;     /* the manifest's records, joined (the checking pass) */
	size_t              mlen;
	char                insert[SQL_MAX];
	unsigned            ncols;
	int                 in_tx;
	struct err         *e;
};

static int plain_name(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_");

	return n > 0 && n < BK_NAME_MAX && s[n] == '\0';
}

/*
 * Append to buf (size bytes, *at used) as printf does: -1, and nothing past its end, once it is
 * full (a column list longer than any table's is a forged or damaged file, not a reason to write
 * beyond the buffer).
 */
static int add(char *buf, size_t size, size_t *at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int add(char *buf, size_t size, size_t *at, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*at >= size)
		return -1;
	va_start(ap, fmt);
	n = vsnprintf(buf + *at, size - *at, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size - *at)
		return -1;
	*at += n;
	return 0;
}

/* A table's column list: its name, then its columns, each NUL-ended; the INSERT for its rows. */
static int on_columns(struct load *l, const unsigned char *p, size_t n)
{
	const char *s = (const char *)p, *end = s + n, *table = s;
	size_t at = 0, size = sizeof l->insert;
	int rc;

	if (!memchr(p, '\0', n) || !plain_name(table))
		return err_set(l->e, 400, NULL, "damaged backup: a bad column list");
	rc = add(l->insert, size, &at, "INSERT INTO `%s` (", table);
	l->ncols = 0;
	for (s += strlen(s) + 1; rc == 0 && s < end; s += strlen(s) + 1) {
		if (!memchr(s, '\0', end - s) || !plain_name(s) || ++l->ncols > COLS_MAX)
			return err_set(l->e, 400, NULL, "damaged backup: bad column of %s", table);
		rc = add(l->insert, size, &at, "%s`%s`", l->ncols > 1 ? ", " : "", s);
	}
	for (unsigned i = 0; rc == 0 && i < l->ncols; i++)
		rc = add(l->insert, size, &at, i ? ", ?" : ") VALUES (?");
	if (rc < 0 || add(l->insert, size, &at, ")") < 0 || l->ncols == 0)
		return err_set(l->e, 400, NULL, "damaged backup: the columns of %s", table);
	if (bk_manifest_table(&l->seen, table, 0, 0, NULL) < 0)
		return err_set(l->e, 500, NULL, "restore: out of memory");
	/* A table's rows in one transaction: one commit, not one a row. */
	if (l->write && !l->in_tx) {
		if (db_exec(l->db, "START TRANSACTION", NULL, 0, NULL, l->e) < 0)
			return -1;
		l->in_tx = 1;
	}
	return 0;
}

static int on_row(struct load *l, const unsigned char *p, size_t n)
{
	struct dbp v[COLS_MAX];
	unsigned i = 0;
	size_t at = 0;

	if (l->seen.ntables == 0)
		return err_set(l->e, 400, NULL, "damaged backup: a row before its table");
	for (; at + 4 <= n && i < l->ncols; i++) {
		unsigned long len = bk_u32(p + at);

		at += 4;
		if (len == BK_NULL) {
			v[i] = P_NULL;
			continue;
		}
		if (len > n - at)
			break;
		v[i] = P_BIN(p + at, len);
		at += len;
	}
	if (i != l->ncols || at != n)
		return err_set(l->e, 400, NULL, "damaged backup: a row of %s unlike its columns",
		               l->seen.tables[l->seen.ntables - 1].name);
	l->seen.tables[l->seen.ntables - 1].rows++;
	return l->write ? db_exec(l->db, l->insert, v, l->ncols, NULL, l->e) : 0;
}

static int commit(struct load *l)
{
	if (!l->in_tx)
		return 0;
	l->in_tx = 0;
	return db_exec(l->db, "COMMIT", NULL, 0, NULL, l->e);
}

/* Where s starts with word: what follows it, else NULL. */
static const char *after(const char *s, const char *word)
{
	return strncmp(s, word, strlen(word)) == 0 ? s + strlen(word) : NULL;
}

/* A plain name at s, backquoted or not (quoted says which), into name: what follows, or NULL. */
static const char *take_name(const char *s, int quoted, char name[BK_NAME_MAX])
{
	size_t n;

	if (quoted && *s++ != '`')
		return NULL;
	n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_");
	if (n == 0 || n >= BK_NAME_MAX || (quoted && s[n] != '`'))
		return NULL;
	memcpy(name, s, n);
	name[n] = '\0';
	return s + n + !!quoted;
}

/*
 * Whether s is the one statement a record of type holds, as SHOW CREATE gives it: "CREATE TABLE
 * `name` (" ... ") ENGINE=InnoDB", or "CREATE DEFINER=`user`@`host` TRIGGER name " (PROCEDURE or
 * FUNCTION `name`( for a routine); its kind and name into kind and name. The file is sealed to a
 * public key, so anyone with that key could make one: what it runs as root must at least be what
 * a backup holds, never a GRANT or an INSTALL SONAME.
 */
static int statement_ok(int type, const char *s, const char **kind, char name[BK_NAME_MAX])
{
	static const char *const kinds[] = { "TRIGGER ", "PROCEDURE ", "FUNCTION " };
	const char *p = NULL;
	int k;

	if (type == BK_TABLE_SQL) {
		/* InnoDB, as every table is, its files where the server keeps them. */
		const char *last = strrchr(s, '\n');

		*kind = "TABLE";
		return (p = after(s, "CREATE TABLE ")) && (p = take_name(p, 1, name)) &&
		       after(p, " (") && last && after(last + 1, ") ENGINE=InnoDB") &&
		       !strstr(last, "DIRECTORY") && !strstr(last, "CONNECTION");
	}
	if (!(p = after(s, "CREATE DEFINER=`")))
		return 0;
	p += strcspn(p, "`\n");
	if (!(p = after(p, "`@`")))
		return 0;
	p += strcspn(p, "`\n");
	if (!(p = after(p, "` ")))
		return 0;
	for (k = 0; k < 3 && !after(p, kinds[k]); k++)
		;
	if (k == 3 || (type == BK_TRIGGER) != (k == 0))
		return 0;
	*kind = k == 1 ? "PROCEDURE" : k == 2 ? "FUNCTION" : "TRIGGER";
	p = take_name(p + strlen(kinds[k]), k > 0 || *(p + strlen(kinds[k])) == '`', name);
	return p && *p == (k == 0 ? ' ' : '(');
}

/*
 * A CREATE TABLE, a routine or a trigger (these two with their sql_mode first): written as the
 * backup took them, once they are what such a record holds.
 */
static int on_sql(struct load *l, int type, const unsigned char *p, size_t n)
{
	const char *s = (const char *)p, *kind;
	char name[BK_NAME_MAX];
	struct dbp mode[1];

	if (type != BK_TABLE_SQL) {
		size_t m = strnlen(s, n);

		if (m == n)
			return err_set(l->e, 400, NULL, "damaged backup: a statement, no mode");
		mode[0] = P_STR(s);
		s += m + 1;
	}
	if (strlen(s) != (size_t)((const char *)p + n - s) || !statement_ok(type, s, &kind, name))
		return err_set(l->e, 400, NULL, "damaged backup: a statement not of its "
		               "kind: %.40s", s);
	if (type == BK_ROUTINE && bk_manifest_routine(&l->seen, kind, name) < 0)
		return err_set(l->e, 500, NULL, "restore: out of memory");
	if (!l->write)
		return 0;
	/* A trigger runs with the sql_mode it was made under; CREATE TABLE commits anyway. */
	if (commit(l) < 0 || (type != BK_TABLE_SQL &&
	                      db_exec(l->db, "SET SESSION sql_mode = ?", mode, 1, NULL, l->e) < 0))
		return -1;
	return db_exec(l->db, s, NULL, 0, NULL, l->e);
}

/* A path inside uploads/, photos/ or disclosure/, no step up or out: the backup names no other. */
static const char *file_dir(const struct load *l, const char *path, const char **rest)
{
	const char *dir = NULL;

	if (strncmp(path, "uploads/", 8) == 0)
		dir = l->cfg->upload_dir, *rest = path + 8;
	else if (strncmp(path, "photos/", 7) == 0)
		dir = l->cfg->photo_dir, *rest = path + 7;
	else if (strncmp(path, "disclosure/", 11) == 0)
		dir = backup_disclosure_dir(l->cfg), *rest = path + 11;
	if (!dir || !**rest || strstr(path, "/.") || strstr(path, "//") ||
	    path[strlen(path) - 1] == '/')
		return NULL;
	return dir;
}

/* Write a file's bytes under dir, its subdirectories made as needed, with mode. */
static int write_file(const char *dir, const char *rest, const unsigned char *p, size_t n,
                      int mode, struct err *e)
{
	char path[PATH_MAX];
	ssize_t w;
	int fd;

	snprintf(path, sizeof path, "%s/%s", dir, rest);
	for (char *s = path + strlen(dir) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST)
			return err_set(e, 500, NULL, "restore: cannot make %s", path);
		*s = '/';
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)) < 0)
		return err_set(e, 500, NULL, "restore: cannot create %s", path);
	for (; n > 0 && (w = write(fd, p, n)) > 0; p += w, n -= w)
		;
	if (n > 0 || fsync(fd) != 0) {
		close(fd);
		return err_set(e, 500, NULL, "restore: cannot write %s", path);
	}
	return close(fd) == 0 ? 0 : err_set(e, 500, NULL, "restore: cannot write %s", path);
}

static int on_file(struct load *l, const unsigned char *p, size_t n)
{
	unsigned char sha[crypto_hash_sha256_BYTES];
	const char *path = (const char *)p, *rest, *dir;
	size_t m = strnlen(path, n);

	if (m == n || m >= BK_NAME_MAX || !(dir = file_dir(l, path, &rest)))
		return err_set(l->e, 400, NULL, "damaged backup: a file's bad name");
	crypto_hash_sha256(sha, p + m + 1, n - m - 1);
	if (bk_manifest_file(&l->seen, path, n - m - 1, sha) < 0)
		return err_set(l->e, 500, NULL, "restore: out of memory");
	if (!l->write)
		return 0;
	/* nginx serves photos to its group, disclosure documents to anyone, the rest never. */
	return write_file(dir, rest, p + m + 1, n - m - 1, dir == l->cfg->photo_dir ? 0640 :
	                  strncmp(path, "disclosure/", 11) == 0 ? 0644 : 0600, l->e);
}

/* Whether what the stream held is what its manifest lists: the same tables, rows and files. */
static int matches(const struct load *l)
{
	const struct bk_manifest *a = &l->seen, *b = &l->m;

	if (a->ntables != b->ntables || a->nfiles != b->nfiles || a->nroutines != b->nroutines)
		return 0;
	for (int i = 0; i < a->nroutines; i++)
		if (strcmp(a->routines[i].kind, b->routines[i].kind) != 0 ||
		    strcmp(a->routines[i].name, b->routines[i].name) != 0)
			return 0;
	for (int i = 0; i < a->ntables; i++)
		if (strcmp(a->tables[i].name, b->tables[i].name) != 0 ||
		    a->tables[i].rows != b->tables[i].rows)
			return 0;
	for (int i = 0; i < a->nfiles; i++)
		if (strcmp(a->files[i].path, b->files[i].path) != 0 ||
		    a->files[i].size != b->files[i].size ||
		    memcmp(a->files[i].sha256, b->files[i].sha256, sizeof a->files[i].sha256) != 0)
			return 0;
	return 1;
}

/* One of the manifest's records, onto the text read once the stream has ended. */
static int manifest_part(struct load *l, const unsigned char *p, size_t n)
{
	char *t = realloc(l->mtext, l->mlen + n + 1);

	if (!t)
		return err_set(l->e, 500, NULL, "restore: out of memory");
	memcpy(t + l->mlen, p, n);
	l->mlen += n;
	t[l->mlen] = '\0';
	l->mtext = t;
	return 0;
}

static void manifest_text_free(struct load *l)
{
	free(l->mtext);
	l->mtext = NULL;
	l->mlen = 0;
}

static int on_record(struct load *l, int type, const unsigned char *p, size_t n)
{
	if (l->has_m && type != BK_MANIFEST)
		return err_set(l->e, 400, NULL, "damaged backup: records after the manifest");
	switch (type) {
	case BK_TABLE_SQL:
	case BK_ROUTINE:
	case BK_TRIGGER:
		return on_sql(l, type, p, n);
	case BK_COLUMNS:
		return on_columns(l, p, n);
	case BK_ROW:
		return on_row(l, p, n);
	case BK_FILE:
		return commit(l) < 0 ? -1 : on_file(l, p, n);
	case BK_MANIFEST:
		l->has_m = 1;
		if (commit(l) < 0)
			return -1;
		return l->write ? 0 : manifest_part(l, p, n);
	}
	return err_set(l->e, 400, NULL, "damaged backup: a record of unknown type %d", type);
}

/* One pass over the file: checking only, or writing too. */
static int pass(struct load *l, FILE *in, const unsigned char *sk)
{
	struct bk_reader *r;
	unsigned char *p;
	size_t n;
	int type, rc;

	rewind(in);
	bk_manifest_free(&l->seen);
	if (!(r = bk_reader_new(in, sk, l->e)))
		return -1;
	while ((rc = bk_get(r, &type, &p, &n, l->e)) == 0) {
		rc = on_record(l, type, p, n);
		free(p);
		if (rc < 0)
			break;
	}
	bk_reader_free(r);
	if (rc >= 0 && l->has_m && !l->write)
		rc = bk_manifest_parse(&l->m, l->mtext, l->e);
	manifest_text_free(l);
	if (rc < 0)
		return -1;
	if (!l->has_m)
		return err_set(l->e, 400, NULL, "damaged backup: no manifest");
	if (!matches(l))
		return err_set(l->e, 400, NULL, "damaged backup: unlike its manifest");
	return 0;
}

/* Whether dir has anything in it (a missing one is empty). */
static int dir_used(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	int used = 0;

	while (dp && !used && (de = readdir(dp)))
		used = strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
	if (dp)
		closedir(dp);
	return used;
}

/* An empty instance: no table in its database, nothing in its file directories. */
static int target_empty(struct load *l)
{
	struct dbp p[] = { P_STR(l->cfg->db_name) };
	long long n;

	if (!plain_name(l->cfg->db_name))
		return err_set(l->e, 400, NULL, "restore: DB.Name must be a plain name");
	if (db_query_int(l->db, "SELECT COUNT(*) FROM information_schema.tables "
	                 "WHERE table_schema = ?", p, 1, &n, l->e) < 0)
		return -1;
	if (n > 0)
		return err_set(l->e, 409, NULL, "restore: database %s is not empty (%lld tables): "
		               "a backup is restored into an empty instance only",
		               l->cfg->db_name, n);
	if (dir_used(l->cfg->upload_dir) || dir_used(l->cfg->photo_dir) ||
	    dir_used(backup_disclosure_dir(l->cfg)))
		return err_set(l->e, 409, NULL, "restore: %s, %s or %s is not empty",
		               l->cfg->upload_dir, l->cfg->photo_dir,
		               backup_disclosure_dir(l->cfg));
	return 0;
}

/*
 * The stored routines counted, and every table as restored against the backup's snapshot: its
 * rows' digest, and its CHECKSUM TABLE where that is a function of the rows (no stored generated
 * column: see backup.c).
 */
static int checksums_equal(struct load *l)
{
	unsigned char digest[BK_DIGEST_BYTES];
	unsigned long long rows;
	char sql[SQL_MAX];
	long long gen, sum;

	/* Each routine was made under its name as the stream went; none more, none fewer. */
	if (db_query_int(l->db, "SELECT COUNT(*) FROM information_schema.routines WHERE "
	                 "routine_schema = DATABASE()", NULL, 0, &sum, l->e) < 0)
		return -1;
	if (sum != l->m.nroutines)
		return err_set(l->e, 500, NULL, "restore: %lld stored routines, the backup's %d",
		               sum, l->m.nroutines);
	for (int i = 0; i < l->m.ntables; i++) {
		const struct bk_table *t = &l->m.tables[i];
		struct dbp p[] = { P_STR(t->name) };
		HDF *row = NULL;

		if (backup_digest(l->db, t->name, digest, &rows, l->e) < 0)
			return -1;
		if (rows != t->rows || memcmp(digest, t->digest, sizeof digest) != 0)
			return err_set(l->e, 500, NULL, "restore: table %s's rows differ from the "
			               "backup's", t->name);
		snprintf(sql, sizeof sql, "CHECKSUM TABLE `%s`", t->name);
		if (db_query_int(l->db, "SELECT COUNT(*) FROM information_schema.columns WHERE "
		                 "table_schema = DATABASE() AND table_name = ? AND is_generated <> "
		                 "'NEVER'", p, 1, &gen, l->e) < 0 ||
		    db_query_row(l->db, sql, NULL, 0, &row, l->e) < 0)
			return -1;
		sum = row ? strtoll(hdf_get_value(row, "Checksum", "-1"), NULL, 10) : -1;
		hdf_destroy(&row);
		if (gen == 0 && (unsigned long long)sum != t->checksum)
			return err_set(l->e, 500, NULL, "restore: table %s's checksum is %lld, the "
			               "backup's %llu", t->name, sum, t->checksum);
	}
	return 0;
}

/* After a failed write: the database and the directories empty again, as they were. */
static void undo(struct load *l)
{
	char sql[SQL_MAX];
	struct err e2;

	err_clear(&e2);
	db_exec(l->db, "ROLLBACK", NULL, 0, NULL, &e2);
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS `%s`", l->cfg->db_name);
	db_exec(l->db, sql, NULL, 0, NULL, &e2);
	for (int i = 0; i < l->seen.nfiles; i++) {
		const char *rest, *dir = file_dir(l, l->seen.files[i].path, &rest);
		char path[PATH_MAX];

		snprintf(path, sizeof path, "%s/%s", dir, rest);
		unlink(path);
	}
}

/* The database made (if need be) and chosen; foreign keys unchecked while tables fill. */
static int open_target(struct load *l)
{
	char sql[SQL_MAX];

	snprintf(sql, sizeof sql, "CREATE DATABASE IF NOT EXISTS `%s` CHARACTER SET utf8mb4 "
	         "COLLATE utf8mb4_unicode_ci", l->cfg->db_name);
	if (db_exec(l->db, sql, NULL, 0, NULL, l->e) < 0)
		return -1;
	if (mysql_select_db(l->db->conn, l->cfg->db_name) != 0)
		return err_set(l->e, 500, NULL, "restore: cannot use %s", l->cfg->db_name);
	return db_exec(l->db, "SET SESSION foreign_key_checks = 0, unique_checks = 0", NULL, 0,
	               NULL, l->e);
}

static int read_key(const char *keyfile, unsigned char sk[BK_SK_BYTES], struct err *e)
{
	char text[512];
	const char *at;
	FILE *f = fopen(keyfile, "r");
	size_t n;

	if (!f)
		return err_set(e, 400, NULL, "restore: cannot read the key file %s", keyfile);
	n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	/* txctl backup-keygen's whole output will do: its secret line, not its public one. */
	at = strstr(text, "SecretKey");
	n = bk_key_hex(at ? at : text, sk);
	sodium_memzero(text, sizeof text);
	return n == 0 ? 0 : err_set(e, 400, NULL, "restore: no key (64 hex digits) in %s", keyfile);
}

static int restore(struct load *l, FILE *in, const unsigned char *sk)
{
	if (pass(l, in, sk) < 0)
		return -1;
	if (l->m.schema > backup_schema_known())
		return err_set(l->e, 409, NULL, "restore: the backup is of schema version %ld, "
		               "newer than this build's migrations (up to %ld): restore it with a "
		               "build at least as new", l->m.schema, backup_schema_known());
	if (db_ensure(l->db, l->e) < 0 || target_empty(l) < 0 || open_target(l) < 0)
		return -1;
	l->write = 1;
	l->has_m = 0;
	if (pass(l, in, sk) < 0 || checksums_equal(l) < 0) {
		undo(l);
		return -1;
	}
	return 0;
}

int backup_restore(const struct config *cfg, const char *file, const char *keyfile,
                   struct err *e)
{
	unsigned char sk[BK_SK_BYTES];
	struct load l = { .cfg = cfg, .e = e };
	struct config admin;
	struct db db;
	FILE *in;
	int rc;

	if (read_key(keyfile, sk, e) < 0)
		return -1;
	if (!(in = fopen(file, "rb"))) {
		sodium_memzero(sk, sizeof sk);
		return err_set(e, 400, NULL, "restore: cannot open %s", file);
	}
	backup_db(&db, &admin, cfg, 0);
	l.db = &db;
	rc = restore(&l, in, sk);
	sodium_memzero(sk, sizeof sk);
	fclose(in);
	db_close(&db);
	if (rc == 0)
		log_info("restore: %s: %d tables, %d routines, %d files, schema version %ld", file,
		         l.m.ntables, l.m.nroutines, l.m.nfiles, l.m.schema);
	bk_manifest_free(&l.seen);
	bk_manifest_free(&l.m);
	return rc;
}
