/*
 * bkrec.c — what a backup stream holds: typed records, the manifest's text, and which backups the
 * retention keeps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bkrec.h"

void bk_u32_put(unsigned char *p, unsigned long v)
{
	p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

unsigned long bk_u32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | p[2] << 8 | p[3];
}

int bk_put(struct bk_writer *w, enum bk_type type, const void *p, size_t n, struct err *e)
{
	unsigned char head[5];

	if (n > BK_RECORD_MAX)
		return err_set(e, 500, NULL, "backup: a record of %zu bytes is over the limit", n);
	head[0] = (unsigned char)type;
	bk_u32_put(head + 1, n);
	return bk_write(w, head, sizeof head, e) < 0 || bk_write(w, p, n, e) < 0 ? -1 : 0;
}

int bk_put_lines(struct bk_writer *w, enum bk_type type, const char *text, size_t max,
                 struct err *e)
{
	size_t left = strlen(text), n;

	do {
		n = left;
		if (n > max) {
			/* The last line's end within max: the record ends after it. */
			for (n = max; n > 0 && text[n - 1] != '\n'; n--)
				;
			if (n == 0)
				return err_set(e, 500, NULL, "backup: a line over %zu bytes", max);
		}
		if (bk_put(w, type, text, n, e) < 0)
			return -1;
		text += n;
		left -= n;
	} while (left > 0);
	return 0;
}

int bk_get(struct bk_reader *r, int *type, unsigned char **p, size_t *n, struct err *e)
{
	unsigned char head[5];
	int rc;

	*p = NULL;
	if ((rc = bk_read(r, head, sizeof head, e)) != 0)
		return rc;
	*type = head[0];
	*n = bk_u32(head + 1);
	if (*n > BK_RECORD_MAX)
		return err_set(e, 400, NULL, "damaged backup: a record over the limit");
	if (!(*p = malloc(*n + 1)))
		return err_set(e, 500, NULL, "restore: out of memory");
	(*p)[*n] = '\0';
	if ((rc = bk_read(r, *p, *n, e)) != 0) {
		free(*p);
		*p = NULL;
		return rc < 0 ? -1 : err_set(e, 400, NULL, "damaged backup: ends within a record");
	}
	return 0;
}

/* A new element at the end of the array *a of *n (grown by doubling), or NULL out of memory. */
static void *slot(void *a, int *n, size_t size)
{
	void **arr = a, *p = *arr;

	if (*n == 0 || (*n & (*n - 1)) == 0) {
		if (!(p = realloc(*arr, size * (*n ? *n * 2 : 1))))
			return NULL;
		*arr = p;
	}
	return (char *)p + size * (*n)++;
}

int bk_manifest_table(struct bk_manifest *m, const char *name, unsigned long long rows,
                      unsigned long long checksum, const unsigned char *digest)
{
	struct bk_table *t = slot(&m->tables, &m->ntables, sizeof *t);

	if (!t)
		return -1;
	snprintf(t->name, sizeof t->name, "%s", name);
	t->rows = rows;
	t->checksum = checksum;
	memset(t->digest, 0, sizeof t->digest);
	if (digest)
		memcpy(t->digest, digest, sizeof t->digest);
	return 0;
}

int bk_manifest_file(struct bk_manifest *m, const char *path, unsigned long long size,
                     const unsigned char sha256[crypto_hash_sha256_BYTES])
{
	struct bk_file *f = slot(&m->files, &m->nfiles, sizeof *f);

	if (f) {
		snprintf(f->path, sizeof f->path, "%s", path);
		f->size = size;
		memcpy(f->sha256, sha256, sizeof f->sha256);
	}
	return f ? 0 : -1;
}

int bk_manifest_routine(struct bk_manifest *m, const char *kind, const char *name)
{
	struct bk_routine *r = slot(&m->routines, &m->nroutines, sizeof *r);

	if (r) {
		snprintf(r->kind, sizeof r->kind, "%s", kind);
		snprintf(r->name, sizeof r->name, "%s", name);
	}
	return r ? 0 : -1;
}

/* The manifest's lines: a line fits in this much. */
#define LINE_MAX_BYTES (BK_NAME_MAX + 128)

char *bk_manifest_text(const struct bk_manifest *m)
{
	size_t size = LINE_MAX_BYTES * (3 + m->ntables + m->nfiles + m->nroutines), at = 0;
	char *s = malloc(size), hex[crypto_hash_sha256_BYTES * 2 + 1];

	if (!s)
		return NULL;
	at += snprintf(s + at, size - at, "format tongxiang-backup 1\ncreated %s\nschema %ld\n",
	               m->created, m->schema);
	for (int i = 0; i < m->ntables; i++)
		at += snprintf(s + at, size - at, "table %s rows %llu checksum %llu digest %s\n",
		               m->tables[i].name, m->tables[i].rows, m->tables[i].checksum,
		               sodium_bin2hex(hex, sizeof hex, m->tables[i].digest,
		                              BK_DIGEST_BYTES));
	for (int i = 0; i < m->nfiles; i++)
		at += snprintf(s + at, size - at, "file %s size %llu sha256 %s\n", m->files[i].path,
		               m->files[i].size, sodium_bin2hex(hex, sizeof hex, m->files[i].sha256,
		                                                sizeof m->files[i].sha256));
	for (int i = 0; i < m->nroutines; i++)
		at += snprintf(s + at, size - at, "routine %s %s\n", m->routines[i].kind,
		               m->routines[i].name);
	return s;
}

static int parse_line(struct bk_manifest *m, const char *line)
{
	char name[BK_NAME_MAX], hex[crypto_hash_sha256_BYTES * 2 + 1];
	unsigned char sha[crypto_hash_sha256_BYTES];
	unsigned long long a, b;
	int end = 0;

	if (sscanf(line, "table %191s rows %llu checksum %llu digest %64[0-9a-f]%n", name, &a, &b,
	           hex, &end) == 4 && line[end] == '\0' && strlen(hex) == 64 &&
	    sodium_hex2bin(sha, sizeof sha, hex, 64, NULL, NULL, NULL) == 0)
		return bk_manifest_table(m, name, a, b, sha);
	if (sscanf(line, "file %191s size %llu sha256 %64[0-9a-f]%n", name, &a, hex, &end) == 3 &&
	    line[end] == '\0' && strlen(hex) == 64 &&
	    sodium_hex2bin(sha, sizeof sha, hex, 64, NULL, NULL, NULL) == 0)
		return bk_manifest_file(m, name, a, sha);
	if (sscanf(line, "routine %15[A-Z] %191s%n", hex, name, &end) == 2 && line[end] == '\0')
		return bk_manifest_routine(m, hex, name);
	if (sscanf(line, "created %31s%n", m->created, &end) == 1 && line[end] == '\0')
		return 0;
	if (sscanf(line, "schema %ld%n", &m->schema, &end) == 1 && line[end] == '\0')
		return 0;
	return strcmp(line, "format tongxiang-backup 1") == 0 ? 0 : -1;
}

int bk_manifest_parse(struct bk_manifest *m, const char *text, struct err *e)
{
	char line[LINE_MAX_BYTES];
	const char *p = text;
	size_t n;

	memset(m, 0, sizeof *m);
	m->schema = -1;
	while (*p) {
		n = strcspn(p, "\n");
		if (n >= sizeof line) {
			bk_manifest_free(m);
			return err_set(e, 400, NULL, "backup manifest: a line too long");
		}
		memcpy(line, p, n);
		line[n] = '\0';
		if (parse_line(m, line) < 0) {
			bk_manifest_free(m);
			return err_set(e, 400, NULL, "backup manifest: cannot read %.80s", line);
		}
		p += n + (p[n] == '\n');
	}
	if (m->schema < 0) {
		bk_manifest_free(m);
		return err_set(e, 400, NULL, "backup manifest: no schema version");
	}
	return 0;
}

void bk_manifest_free(struct bk_manifest *m)
{
	free(m->tables);
	free(m->files);
	free(m->routines);
	memset(m, 0, sizeof *m);
}

const struct bk_table *bk_manifest_find(const struct bk_manifest *m, const char *name)
{
	for (int i = 0; i < m->ntables; i++)
		if (strcmp(m->tables[i].name, name) == 0)
			return &m->tables[i];
	return NULL;
}

/* A backup's day (since 1970, UTC) from its name; -1 for a name not of the form. */
static long name_day(const char *name)
{
	struct tm tm = { 0 };
	const char *end = strptime(name, BK_NAME_FMT, &tm);

	if (!end || strcmp(end, BK_SUFFIX) != 0)
		return -1;
	return (long)(timegm(&tm) / 86400);
}

static int newer_first(const void *a, const void *b)
{
	return -strcmp(**(char *const *const *)a, **(char *const *const *)b);
}

/* Whether v is among seen[0..n), else adds it if there is room (*n < max): keep it. */
static int first_of(long v, long *seen, int *n, int max)
{
	for (int i = 0; i < *n; i++)
		if (seen[i] == v)
			return 0;
	if (*n >= max)
		return 0;
	seen[(*n)++] = v;
	return 1;
}

void bk_retain(char *const *names, int n, int daily, int weekly, int *keep)
{
	char *const **order;
	long *days, *weeks;
	int nd = 0, nw = 0;

	/* A setting of 0 or less keeps the newest day still: never every backup let go. */
	daily = daily < 1 ? 1 : daily;
	weekly = weekly < 0 ? 0 : weekly;
	order = malloc(sizeof *order * (n ? n : 1));
	days = malloc(sizeof *days * (daily + 1));
	weeks = malloc(sizeof *weeks * (weekly + 1));

	/* Out of memory: keep everything, the one safe answer. */
	for (int i = 0; i < n; i++)
		keep[i] = 1;
	if (!order || !days || !weeks)
		goto out;
	for (int i = 0; i < n; i++)
		order[i] = &names[i];
	/* Names sort as their times do: newest first, the first seen of a day is its newest. */
	qsort(order, n, sizeof *order, newer_first);
	for (int i = 0; i < n; i++) {
		long day = name_day(*order[i]), k = order[i] - names;
		int d, w;

		if (day < 0)
			continue;
		/* 1970-01-01 was a Thursday: day + 3 counts weeks from a Monday. */
		d = first_of(day, days, &nd, daily);
		w = first_of((day + 3) / 7, weeks, &nw, weekly);
		keep[k] = d || w;
	}
out:
	free(order);
	free(days);
	free(weeks);
}
