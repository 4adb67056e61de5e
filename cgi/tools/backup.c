/*
 * backup.c — txctl backup: the database read in one consistent snapshot, the uploaded files, and
 * their manifest, in one file sealed to the backup key; then the retention.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "backup.h"
#include "bkrec.h"
#include "../core/disclosure.h"
#include "../log.h"

/* Names the dump builds into its statements: a table's, a column's, a trigger's. */
#define SQL_MAX 8192

/* The most columns a primary key may have for its rows to be read a page after its last key. */
#define KEY_COLS_MAX 8

/*
 * A table's primary key as its rows are read: where its columns are in a row, and the last row's
 * values, from which the next page starts.
 */
struct keyset {
	unsigned       n;                   /* 0: no usable key, pages by OFFSET */
	unsigned       col[KEY_COLS_MAX];
	char          *val[KEY_COLS_MAX];   /* grown as needed, freed by keyset_free */
	unsigned long  len[KEY_COLS_MAX], cap[KEY_COLS_MAX];
};

struct dump {
	struct db          *db;
	struct bk_writer   *w;
	struct bk_manifest  m;
	char              **names;     /* the tables, or the triggers, of a listing */
	int                 nnames;
	unsigned char      *buf;       /* a row or a column list being encoded */
	size_t              len, cap;
	unsigned long long  rows, checksum;
	long                page;      /* rows read at a time (Backup.PageRows) */
	struct keyset      *key;       /* the table's primary key, while its rows are read */
	crypto_generichash_state digest;  /* over the rows as encoded, in primary-key order */
	struct err         *e;
};

void backup_db(struct db *db, struct config *admin, const struct config *cfg, int with_name)
{
	*admin = *cfg;
	admin->db_user = hdf_get_value(cfg->hdf, "Backup.DBUser", "root");
	admin->db_password = hdf_get_value(cfg->hdf, "Backup.DBPassword", NULL);
	if (!with_name)
		admin->db_name = NULL;
	db_init(db, admin);
}

const char *backup_disclosure_dir(const struct config *cfg)
{
	return hdf_get_value(cfg->hdf, "Disclosure.Dir", DISCLOSURE_DIR_DEFAULT);
}

/* Whether s is a plain name (a-z, 0-9, _), safe between backquotes: the schema's are. */
static int plain_name(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_");

	return n > 0 && n < BK_NAME_MAX && s[n] == '\0';
}

static int append(struct dump *d, const void *p, size_t n)
{
	if (d->len + n > d->cap) {
		size_t cap = (d->len + n) * 2;
		unsigned char *b = realloc(d->buf, cap);

		if (!b)
			return err_set(d->e, 500, NULL, "backup: out of memory");
		d->buf = b;
		d->cap = cap;
	}
	memcpy(d->buf + d->len, p, n);
	d->len += n;
	return 0;
}

static void names_free(struct dump *d)
{
	for (int i = 0; i < d->nnames; i++)
		free(d->names[i]);
	free(d->names);
	d->names = NULL;
	d->nnames = 0;
}

/* Row callback: the first column, a plain name, into the listing (a view is refused). */
static int take_name(void *ctx, unsigned ncols, MYSQL_FIELD *f, char **vals, unsigned long *lens)
{
	struct dump *d = ctx;
	char **a;

	(void)f;
	(void)lens;
	if (!vals[0] || !plain_name(vals[0]))
		return err_set(d->e, 500, NULL, "backup: a name it cannot quote: %.60s",
		               vals[0] ? vals[0] : "(NULL)");
	/* Views and the like have no rows of their own; the schema has none, and this says so. */
	if (ncols > 1 && (!vals[1] || strcmp(vals[1], "BASE TABLE") != 0))
		return err_set(d->e, 500, NULL, "backup: %s is not a table (%s)", vals[0],
		               vals[1] ? vals[1] : "(NULL)");
	if (!(a = realloc(d->names, sizeof *a * (d->nnames + 1))) || !(a[d->nnames] =
	                                                                strdup(vals[0]))) {
		if (a)
			d->names = a;
		return err_set(d->e, 500, NULL, "backup: out of memory");
	}
	d->names = a;
	d->nnames++;
	return 0;
}

/* Row callback: column `want` (its index in ncols' place is the context's) as a record. */
struct put_col {
	struct dump  *d;
	enum bk_type  type;
	unsigned      col;
	const char   *prefix;   /* put first, NUL-ended (a trigger's sql_mode) when not NULL */
	unsigned      prefix_col;
};

static int put_column(void *ctx, unsigned ncols, MYSQL_FIELD *f, char **vals, unsigned long *lens)
{
	struct put_col *pc = ctx;
	struct dump *d = pc->d;

	(void)f;
	if (pc->col >= ncols || !vals[pc->col])
		return err_set(d->e, 500, NULL, "backup: SHOW CREATE gave no statement");
	d->len = 0;
	if (pc->prefix && (append(d, vals[pc->prefix_col] ? vals[pc->prefix_col] : "",
	                          vals[pc->prefix_col] ? lens[pc->prefix_col] + 1 : 1) < 0))
		return -1;
	return append(d, vals[pc->col], lens[pc->col]) < 0 ? -1 :
	       bk_put(d->w, pc->type, d->buf, d->len, d->e);
}

/* The key's values in a row read, kept for the next page's start. */
static int keep_key(struct keyset *k, unsigned ncols, char **vals, const unsigned long *lens)
{
	for (unsigned i = 0; i < k->n; i++) {
		unsigned c = k->col[i];

		if (c >= ncols || !vals[c])
			return -1;
		if (lens[c] + 1 > k->cap[i]) {
			char *v = realloc(k->val[i], lens[c] + 1);

			if (!v)
				return -1;
			k->val[i] = v;
			k->cap[i] = lens[c] + 1;
		}
		memcpy(k->val[i], vals[c], lens[c]);
		k->len[i] = lens[c];
	}
	return 0;
}

static void keyset_free(struct keyset *k)
{
	for (unsigned i = 0; i < KEY_COLS_MAX; i++)
		free(k->val[i]);
}

/* Row callback: one row of the table being dumped, its values length-prefixed, NULL as BK_NULL. */
static int put_row(void *ctx, unsigned ncols, MYSQL_FIELD *f, char **vals, unsigned long *lens)
{
	struct dump *d = ctx;
	unsigned char len[4];

	(void)f;
	d->len = 0;
	for (unsigned i = 0; i < ncols; i++) {
		bk_u32_put(len, vals[i] ? lens[i] : BK_NULL);
		if (append(d, len, 4) < 0 || (vals[i] && append(d, vals[i], lens[i]) < 0))
			return -1;
	}
	if (d->key && keep_key(d->key, ncols, vals, lens) < 0)
		return err_set(d->e, 500, NULL, "backup: a primary key without a value, or out of "
		               "memory");
	d->rows++;
	crypto_generichash_update(&d->digest, d->buf, d->len);
	return d->w ? bk_put(d->w, BK_ROW, d->buf, d->len, d->e) : 0;
}

static int take_checksum(void *ctx, unsigned ncols, MYSQL_FIELD *f, char **vals,
                         unsigned long *lens)
{
	struct dump *d = ctx;

	(void)f;
	(void)lens;
	if (ncols < 2 || !vals[1])
		return err_set(d->e, 500, NULL, "backup: CHECKSUM TABLE gave no checksum");
	d->checksum = strtoull(vals[1], NULL, 10);
	return 0;
}

/* Row callback: a stored column's name onto the column list (its record, and the SELECT's). */
struct columns {
	struct dump *d;
	char         select[SQL_MAX];
	size_t       at, start;   /* where the list ends, and where it began */
};

static int take_column(void *ctx, unsigned ncols, MYSQL_FIELD *f, char **vals,
                       unsigned long *lens)
{
	struct columns *c = ctx;

	(void)ncols;
	(void)f;
	if (!vals[0] || !plain_name(vals[0]))
		return err_set(c->d->e, 500, NULL, "backup: column %.60s",
		               vals[0] ? vals[0] : "(NULL)");
	c->at += snprintf(c->select + c->at, sizeof c->select - c->at, "%s`%s`",
	                  c->at > c->start ? ", " : "", vals[0]);
	if (c->at >= sizeof c->select)
		return err_set(c->d->e, 500, NULL, "backup: too many columns");
	return append(c->d, vals[0], lens[0] + 1);
}

/* fmt with s after at in buf, unless buf is full already: where the text now ends. */
static size_t cat(char *buf, size_t size, size_t at, const char *fmt, const char *s)
{
	return at < size ? at + snprintf(buf + at, size - at, fmt, s) : at;
}

/*
 * Where each of the primary key's names (NUL-ended, from names to end) is among the stored
 * columns (NUL-ended, from cols to names), into k; and the condition that starts a page after a
 * key, into after: (k1 > ?) OR (k1 = ? AND k2 > ?) OR ..., which MariaDB reads as ranges of the
 * key. No key, one too long, or one with a generated column leaves k->n 0.
 */
static void key_places(const char *cols, const char *names, const char *end, struct keyset *k,
                       char *after, size_t size)
{
	size_t at = 0;
	unsigned n = 0;

	for (const char *pk = names; pk < end; pk += strlen(pk) + 1, n++) {
		unsigned i = 0;
		const char *c;

		for (c = cols; c < names && strcmp(c, pk) != 0; c += strlen(c) + 1)
			i++;
		if (c >= names || n == KEY_COLS_MAX)
			return;
		k->col[n] = i;
		at = cat(after, size, at, "%s", n ? " OR (" : " WHERE ((");
		for (const char *q = names; q < pk; q += strlen(q) + 1)
			at = cat(after, size, at, "`%s` = ? AND ", q);
		at = cat(after, size, at, "`%s` > ?)", pk);
		if (at >= size)
			return;
	}
	if (n > 0 && at + 1 < size) {
		strcat(after, ")");
		k->n = n;
	}
}

/*
 * The types a key's value compares with as it sorts, given as the text the row was read in. An
 * ENUM sorts by its place in the list but compares with text as text: county_months's kind, read
 * from after its last key, skipped rows.
 */
#define KEYSET_TYPES "('tinyint', 'smallint', 'mediumint', 'int', 'bigint', 'char', " \
	"'varchar', 'binary', 'varbinary', 'date', 'datetime', 'timestamp')"

/*
 * A table's stored columns (generated ones are computed again on restore) into d->buf, each
 * NUL-ended after the table's name; the SELECT of them into c->select, their primary-key order
 * into order: the order the digest is taken in, on backup and on restore alike; the key into k,
 * and the condition of a page after the first into after (key_places).
 */
static int select_rows(struct dump *d, const char *table, struct columns *c, char *order,
                       struct keyset *k, char *after)
{
	struct dbp p[] = { P_STR(table) };
	struct columns pk = { .d = d, .select = " ORDER BY ", .at = 10, .start = 10 };
	long long odd;
	size_t at;

	d->len = 0;
	if (append(d, table, strlen(table) + 1) < 0 ||
	    db_query(d->db, "SELECT column_name FROM information_schema.columns "
	             "WHERE table_schema = DATABASE() AND table_name = ? "
	             "AND is_generated = 'NEVER' ORDER BY ordinal_position", p, 1, take_column, c,
	             d->e) < 0)
		return -1;
	at = d->len;
	if (db_query(d->db, "SELECT column_name FROM information_schema.statistics "
	             "WHERE table_schema = DATABASE() AND table_name = ? "
	             "AND index_name = 'PRIMARY' ORDER BY seq_in_index", p, 1, take_column, &pk,
	             d->e) < 0)
		return -1;
	if (db_query_int(d->db, "SELECT COUNT(*) FROM information_schema.statistics s "
	                 "JOIN information_schema.columns c USING (table_schema, table_name, "
	                 "column_name) WHERE s.table_schema = DATABASE() AND s.table_name = ? "
	                 "AND s.index_name = 'PRIMARY' AND c.data_type NOT IN " KEYSET_TYPES,
	                 p, 1, &odd, d->e) < 0)
		return -1;
	if (odd == 0)
		key_places((const char *)d->buf + strlen(table) + 1, (const char *)d->buf + at,
		           (const char *)d->buf + d->len, k, after, SQL_MAX);
	d->len = at;
	/* Without a primary key, every column decides the order. */
	if (pk.at == pk.start)
		snprintf(pk.select, sizeof pk.select, " ORDER BY %s", c->select + c->start);
	memcpy(order, pk.select, sizeof pk.select);
	c->at += snprintf(c->select + c->at, sizeof c->select - c->at, " FROM `%s`", table);
	if (c->at >= sizeof c->select)
		return err_set(d->e, 500, NULL, "backup: %s: too many columns", table);
	return 0;
}

/* The parameters of the page after the last row read: key_places's, then the page's size. */
static unsigned after_params(const struct dump *d, const struct keyset *k, struct dbp *p)
{
	unsigned np = 0;

	for (unsigned j = 0; j < k->n; j++)
		for (unsigned i = 0; i <= j; i++)
			p[np++] = P_BIN(k->val[i], k->len[i]);
	p[np++] = P_INT(d->page);
	return np;
}

/*
 * The rows of table, each handed to put_row (written, if d->w), their digest into d->digest. Read
 * d->page rows at a time in primary-key order (db_query holds a query's rows in memory, and a
 * table may be larger than it should), all within the one snapshot: the pages are the table at
 * that instant, none skipped or read twice. Each page starts after the last key read, so that a
 * table costs what its rows do; a table without a primary key pages by OFFSET, which rereads
 * what it skips.
 */
#define ROWS_PAGE 2000
static int dump_rows(struct dump *d, const char *table, unsigned char out[BK_DIGEST_BYTES])
{
	struct columns c = { .d = d, .select = "SELECT ", .at = 7, .start = 7 };
	struct keyset k = { .n = 0 };
	struct dbp p[KEY_COLS_MAX * (KEY_COLS_MAX + 1) / 2 + 2];
	char order[SQL_MAX], after[SQL_MAX] = "", sql[3 * SQL_MAX + 32];
	unsigned long long before;
	unsigned np;
	int rc = -1;

	if (select_rows(d, table, &c, order, &k, after) < 0 ||
	    (d->w && bk_put(d->w, BK_COLUMNS, d->buf, d->len, d->e) < 0))
		return -1;
	d->rows = 0;
	d->key = k.n ? &k : NULL;
	crypto_generichash_init(&d->digest, NULL, 0, BK_DIGEST_BYTES);
	do {
		before = d->rows;
		if (k.n && d->rows > 0) {
			snprintf(sql, sizeof sql, "%s%s%s LIMIT ?", c.select, after, order);
			np = after_params(d, &k, p);
		} else {
			snprintf(sql, sizeof sql, "%s%s LIMIT ? OFFSET ?", c.select, order);
			p[0] = P_INT(d->page);
			p[1] = P_INT(d->rows);
			np = 2;
		}
		if (db_query(d->db, sql, p, np, put_row, d, d->e) < 0)
			goto out;
	} while (d->rows - before == (unsigned long long)d->page);
	crypto_generichash_final(&d->digest, out, BK_DIGEST_BYTES);
	rc = 0;
out:
	d->key = NULL;
	keyset_free(&k);
	return rc;
}

int backup_digest(struct db *db, const char *table, unsigned char *out,
                  unsigned long long *rows, struct err *e)
{
	struct dump d = { .db = db, .page = ROWS_PAGE, .e = e };
	int rc = dump_rows(&d, table, out);

	*rows = d.rows;
	free(d.buf);
	return rc;
}

/*
 * One table: its CREATE TABLE, its checksum, its rows and their digest, all read in the snapshot
 * the transaction opened.
 */
static int dump_table(struct dump *d, const char *table)
{
	struct put_col create = { d, BK_TABLE_SQL, 1, NULL, 0 };
	unsigned char digest[BK_DIGEST_BYTES];
	char sql[SQL_MAX];

	snprintf(sql, sizeof sql, "SHOW CREATE TABLE `%s`", table);
	if (db_query(d->db, sql, NULL, 0, put_column, &create, d->e) < 0)
		return -1;
	/*
	 * CHECKSUM TABLE reads the transaction's snapshot (tried: a row committed after START
	 * TRANSACTION WITH CONSISTENT SNAPSHOT is not counted until COMMIT), so it sums the very
	 * rows dumped below. But on MariaDB 10.11 it is not a function of the rows for a table with
	 * stored generated columns (tried: the same rows INSERT ... SELECTed into two copies of
	 * children sum differently), so the manifest also has a digest of each table's rows in
	 * primary-key order, which a restore computes again the same way (backup_digest).
	 */
	snprintf(sql, sizeof sql, "CHECKSUM TABLE `%s`", table);
	if (db_query(d->db, sql, NULL, 0, take_checksum, d, d->e) < 0 ||
	    dump_rows(d, table, digest) < 0)
		return -1;
	if (bk_manifest_table(&d->m, table, d->rows, d->checksum, digest) < 0)
		return err_set(d->e, 500, NULL, "backup: out of memory");
	return 0;
}

/* Row callback: a stored routine's kind and name into the manifest. */
static int take_routine(void *ctx, unsigned ncols, MYSQL_FIELD *f, char **vals,
                        unsigned long *lens)
{
	struct dump *d = ctx;

	(void)ncols;
	(void)f;
	(void)lens;
	if (!vals[0] || !vals[1] || !plain_name(vals[1]) || (strcmp(vals[0], "PROCEDURE") != 0 &&
	                                                     strcmp(vals[0], "FUNCTION") != 0))
		return err_set(d->e, 500, NULL, "backup: a routine it cannot take: %.60s",
		               vals[1] ? vals[1] : "(no name)");
	if (bk_manifest_routine(&d->m, vals[0], vals[1]) < 0)
		return err_set(d->e, 500, NULL, "backup: out of memory");
	return 0;
}

/*
 * The stored procedures and functions, each with the sql_mode it was made under: the triggers call
 * them, so without them a restored site could not take an order.
 */
static int dump_routines(struct dump *d)
{
	struct put_col create = { d, BK_ROUTINE, 2, "", 1 };
	char sql[SQL_MAX];
	int rc = 0;

	if (db_query(d->db, "SELECT routine_type, routine_name FROM information_schema.routines "
	             "WHERE routine_schema = DATABASE() ORDER BY routine_type, routine_name",
	             NULL, 0, take_routine, d, d->e) < 0)
		return -1;
	for (int i = 0; i < d->m.nroutines && rc == 0; i++) {
		snprintf(sql, sizeof sql, "SHOW CREATE %s `%s`", d->m.routines[i].kind,
		         d->m.routines[i].name);
		rc = db_query(d->db, sql, NULL, 0, put_column, &create, d->e);
	}
	return rc;
}

/* The triggers, in the order that keeps two of one table, time and event in theirs. */
static int dump_triggers(struct dump *d)
{
	struct put_col create = { d, BK_TRIGGER, 2, "", 1 };
	char sql[SQL_MAX];
	int rc = 0;

	if (db_query(d->db, "SELECT trigger_name FROM information_schema.triggers "
	             "WHERE trigger_schema = DATABASE() "
	             "ORDER BY event_object_table, action_timing, event_manipulation, action_order",
	             NULL, 0, take_name, d, d->e) < 0)
		return -1;
	for (int i = 0; i < d->nnames && rc == 0; i++) {
		snprintf(sql, sizeof sql, "SHOW CREATE TRIGGER `%s`", d->names[i]);
		rc = db_query(d->db, sql, NULL, 0, put_column, &create, d->e);
	}
	names_free(d);
	return rc;
}

/*
 * The database in one consistent snapshot: the app's transactions go on meanwhile, and what the
 * backup holds is the database as it was at one instant, each table's checksum taken in it.
 */
static int dump_db(struct dump *d)
{
	int rc = 0;

	if (db_ensure(d->db, d->e) < 0 ||
	    db_exec(d->db, "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ", NULL, 0,
	            NULL, d->e) < 0 ||
	    db_exec(d->db, "START TRANSACTION WITH CONSISTENT SNAPSHOT", NULL, 0, NULL, d->e) < 0)
		return -1;
	if (db_query_int(d->db, "SELECT MAX(version) FROM schema_version", NULL, 0,
	                 (long long *)&d->rows, d->e) < 0)
		rc = -1;
	d->m.schema = (long)d->rows;
	if (rc == 0 && db_query(d->db, "SELECT table_name, table_type "
	                        "FROM information_schema.tables WHERE table_schema = DATABASE() "
	                        "ORDER BY table_name", NULL, 0, take_name, d, d->e) < 0)
		rc = -1;
	{
		char **tables = d->names;
		int n = d->nnames;

		d->names = NULL;
		d->nnames = 0;
		for (int i = 0; i < n; i++) {
			if (rc == 0)
				rc = dump_table(d, tables[i]);
			free(tables[i]);
		}
		free(tables);
	}
	if (rc == 0)
		rc = dump_routines(d);
	if (rc == 0)
		rc = dump_triggers(d);
	db_exec(d->db, "COMMIT", NULL, 0, NULL, d->e);
	return rc;
}

/* One file, open as fd (closed here), as a record; its size and SHA-256 in the manifest. */
static int dump_file(struct dump *d, int fd, const char *path, const char *name)
{
	unsigned char sha[crypto_hash_sha256_BYTES], chunk[65536];
	ssize_t got;
	size_t n;
	int rc = 0;

	d->len = 0;
	if (append(d, name, strlen(name) + 1) < 0)
		rc = -1;
	while (rc == 0 && (got = read(fd, chunk, sizeof chunk)) != 0)
		rc = got < 0 ? err_set(d->e, 500, NULL, "backup: cannot read %s", path) :
		     append(d, chunk, (size_t)got);
	close(fd);
	if (rc < 0)
		return -1;
	n = strlen(name) + 1;
	crypto_hash_sha256(sha, d->buf + n, d->len - n);
	if (bk_manifest_file(&d->m, name, d->len - n, sha) < 0)
		return err_set(d->e, 500, NULL, "backup: out of memory");
	return bk_put(d->w, BK_FILE, d->buf, d->len, d->e);
}

/*
 * A directory's files, open as fd (closed here), under prefix in the backup. Each entry is opened
 * where it is, never through a symbolic link (the app's user owns these directories, and txctl
 * reads as root), and taken for what fstat says it is once open. A name starting with a dot is a
 * file being written (cgi/core/photos.c renames it when done), not yet part of anything; a file
 * gone between the listing and its opening (a photo replaced) was not part of the night's either.
 */
static int dump_fd(struct dump *d, int fd, const char *dir, const char *prefix)
{
	char path[PATH_MAX], name[BK_NAME_MAX];
	DIR *dp = fdopendir(fd);
	struct dirent *de;
	struct stat st;
	int rc = 0, sub;

	if (!dp) {
		close(fd);
		return err_set(d->e, 500, NULL, "backup: cannot list %s", dir);
	}
	while (rc == 0 && (de = readdir(dp))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if ((size_t)snprintf(name, sizeof name, "%s/%s", prefix, de->d_name) >= sizeof name)
			rc = err_set(d->e, 500, NULL, "backup: cannot take %s", path);
		else if ((sub = openat(dirfd(dp), de->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
		                       O_CLOEXEC)) < 0)
			/* Gone meanwhile, or a symbolic link (ELOOP): not a file of the site's. */
			rc = errno == ENOENT || errno == ELOOP ? 0 :
			     err_set(d->e, 500, NULL, "backup: cannot open %s", path);
		else if (fstat(sub, &st) != 0) {
			close(sub);
			rc = err_set(d->e, 500, NULL, "backup: cannot take %s", path);
		} else if (S_ISDIR(st.st_mode))
			rc = dump_fd(d, sub, path, name);
		else if (S_ISREG(st.st_mode))
			rc = dump_file(d, sub, path, name);
		else
			close(sub);
	}
	closedir(dp);
	return rc;
}

/* A configured directory (a missing one has nothing to back up), under prefix. */
static int dump_dir(struct dump *d, const char *dir, const char *prefix)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return errno == ENOENT ? 0 :
		       err_set(d->e, 500, NULL, "backup: cannot list %s", dir);
	return dump_fd(d, fd, dir, prefix);
}

static int write_text(const char *path, const char *text, struct err *e)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fflush(f) != 0 || fsync(fileno(f)) != 0) {
		if (f)
			fclose(f);
		return err_set(e, 500, NULL, "backup: cannot write %s", path);
	}
	return fclose(f) == 0 ? 0 : err_set(e, 500, NULL, "backup: cannot write %s", path);
}

/* The database, the files, the manifest last (restore checks the rest against it). */
static int dump_all(struct dump *d, const struct config *cfg, FILE *out, const unsigned char *pk)
{
	char *text;
	int rc;

	if (!(d->w = bk_writer_new(out, pk, d->e)))
		return -1;
	rc = dump_db(d) < 0 || dump_dir(d, cfg->upload_dir, "uploads") < 0 ||
	     dump_dir(d, cfg->photo_dir, "photos") < 0 ||
	     dump_dir(d, backup_disclosure_dir(cfg), "disclosure") < 0 ? -1 : 0;
	if (rc == 0 && !(text = bk_manifest_text(&d->m)))
		rc = err_set(d->e, 500, NULL, "backup: out of memory");
	if (rc == 0) {
		rc = bk_put_lines(d->w, BK_MANIFEST, text, BK_RECORD_MAX, d->e);
		free(text);
	}
	if (rc < 0) {
		bk_writer_free(d->w);
		return -1;
	}
	return bk_writer_finish(d->w, d->e);
}

/* Whether name ends with suffix. */
static int ends_with(const char *name, const char *suffix)
{
	size_t n = strlen(name), m = strlen(suffix);

	return n > m && strcmp(name + n - m, suffix) == 0;
}

/*
 * Let go the backups in dir the retention does not keep, with their manifests; never the one
 * just written (written), whatever the names of the others say of their times.
 */
static void prune(const struct config *cfg, const char *dir, const char *written)
{
	int daily = hdf_get_int_value(cfg->hdf, "Backup.Daily", 7);
	int weekly = hdf_get_int_value(cfg->hdf, "Backup.Weekly", 4);
	char **names = NULL, **a, path[PATH_MAX];
	int n = 0, *keep;
	DIR *dp = opendir(dir);
	struct dirent *de;

	while (dp && (de = readdir(dp)))
		if (strncmp(de->d_name, "tongxiang-", 10) == 0 &&
		    ends_with(de->d_name, BK_SUFFIX) &&
		    (a = realloc(names, sizeof *a * (n + 1))) && (names = a) &&
		    (names[n] = strdup(de->d_name)))
			n++;
	if (dp)
		closedir(dp);
	if ((keep = calloc(n ? n : 1, sizeof *keep)))
		bk_retain(names, n, daily, weekly, keep);
	for (int i = 0; i < n; i++) {
		if (keep && !keep[i] && strcmp(names[i], written) != 0) {
			snprintf(path, sizeof path, "%s/%s", dir, names[i]);
			unlink(path);
			snprintf(path, sizeof path, "%s/%.*s.manifest", dir,
			         (int)(strlen(names[i]) - strlen(BK_SUFFIX)), names[i]);
			unlink(path);
			log_info("backup: %s let go (older than the retention keeps)", names[i]);
		}
		free(names[i]);
	}
	free(names);
	free(keep);
}

/*
 * The backup directory locked against a second backup at once (the lock's fd, or -1), and what
 * an earlier one left half-written when it died (tongxiang-*.txbk.partial) removed: no other
 * backup is writing it now.
 */
static int lock_dir(const char *dir, struct err *e)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dp;
	struct dirent *de;

	if (fd < 0)
		return err_set(e, 500, NULL, "backup: cannot open %s", dir);
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		return err_set(e, 409, NULL, "backup: another backup into %s is running", dir);
	}
	if (!(dp = opendir(dir)))
		return fd;
	while ((de = readdir(dp)))
		if (strncmp(de->d_name, "tongxiang-", 10) == 0 &&
		    ends_with(de->d_name, BK_SUFFIX ".partial") && unlinkat(fd, de->d_name, 0) == 0)
			log_info("backup: %s removed (an earlier backup's, unfinished)",
			         de->d_name);
	closedir(dp);
	return fd;
}

/* The backup itself, into dir locked by backup_run. */
static int write_backup(const struct config *cfg, const char *dir, char *name, size_t n,
                        struct err *e)
{
	unsigned char pk[BK_PK_BYTES];
	struct dump d = { .e = e };
	char stem[64], path[PATH_MAX], part[PATH_MAX + 8];
	struct config admin;
	struct db db;
	time_t now = time(NULL);
	FILE *out;
	char *text;
	int rc, fd;

	if (bk_key_hex(hdf_get_value(cfg->hdf, "Backup.PublicKey", ""), pk) < 0)
		return err_set(e, 400, NULL, "Backup.PublicKey is not set: txctl backup-keygen");
	strftime(stem, sizeof stem, BK_NAME_FMT, gmtime(&now));
	strftime(d.m.created, sizeof d.m.created, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	snprintf(path, sizeof path, "%s/%s" BK_SUFFIX, dir, stem);
	snprintf(part, sizeof part, "%s.partial", path);
	if (access(path, F_OK) == 0)
		return err_set(e, 409, NULL, "backup: %s exists already (one a second)", path);
	/* Only its owner reads even the sealed file, and it is whole or absent: written aside. */
	if ((fd = open(part, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0 || !(out = fdopen(fd, "wb")))
		return err_set(e, 500, NULL, "backup: cannot create %s", part);
	backup_db(&db, &admin, cfg, 1);
	d.db = &db;
	d.page = hdf_get_int_value(cfg->hdf, "Backup.PageRows", ROWS_PAGE);
	d.page = d.page < 1 ? 1 : d.page;
	rc = dump_all(&d, cfg, out, pk);
	db_close(&db);
	free(d.buf);
	if (rc == 0 && (fflush(out) != 0 || fsync(fileno(out)) != 0))
		rc = err_set(e, 500, NULL, "backup: cannot write %s", part);
	if (fclose(out) != 0 && rc == 0)
		rc = err_set(e, 500, NULL, "backup: cannot write %s", part);
	if (rc == 0 && rename(part, path) != 0)
		rc = err_set(e, 500, NULL, "backup: cannot rename %s", part);
	if (rc < 0) {
		unlink(part);
		bk_manifest_free(&d.m);
		return -1;
	}
	/* The manifest beside it too, readable without the key: sizes and checksums, no data. */
	snprintf(path, sizeof path, "%s/%s.manifest", dir, stem);
	if (!(text = bk_manifest_text(&d.m)) || write_text(path, text, e) < 0)
		rc = text ? -1 : err_set(e, 500, NULL, "backup: out of memory");
	free(text);
	bk_manifest_free(&d.m);
	snprintf(name, n, "%s" BK_SUFFIX, stem);
	snprintf(path, sizeof path, "%s" BK_SUFFIX, stem);
	if (rc == 0)
		prune(cfg, dir, path);
	return rc;
}

int backup_run(const struct config *cfg, const char *dir, char *name, size_t n, struct err *e)
{
	int lock = lock_dir(dir, e), rc;

	if (lock < 0)
		return -1;
	rc = write_backup(cfg, dir, name, n, e);
	close(lock);
	return rc;
}

int backup_keygen(void)
{
	unsigned char pk[BK_PK_BYTES], sk[BK_SK_BYTES];
	char hex[BK_SK_BYTES * 2 + 1];

	crypto_box_keypair(pk, sk);
	printf("# for the server's config (conf/secrets.hdf or tongxiang.hdf): backups are sealed "
	       "to it\n");
	printf("Backup.PublicKey = %s\n", sodium_bin2hex(hex, sizeof hex, pk, sizeof pk));
	printf("# keep this OFF the server (a safe, a password manager): "
	       "txctl restore FILE KEYFILE reads it\n");
	printf("Backup.SecretKey = %s\n", sodium_bin2hex(hex, sizeof hex, sk, sizeof sk));
	sodium_memzero(sk, sizeof sk);
	sodium_memzero(hex, sizeof hex);
	return 0;
}
