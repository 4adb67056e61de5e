/* pagecache.c — the per-worker page cache: a linear LRU, at a few dozen entries better than any. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pagecache.h"

struct entry {
	char             *key;
	struct page_stamp st;
	char             *body;
	size_t            len;
	unsigned long     used;
};

static struct entry *entries;
static int nentries;
static unsigned long tick;

void pagecache_init(int n)
{
	entries = n > 0 ? calloc((size_t)n, sizeof *entries) : NULL;
	nentries = entries ? n : 0;
}

void pagecache_stamp_later(struct page_stamp *st, const char *city)
{
	memset(st, 0, sizeof *st);
	st->gen = -1;
	snprintf(st->city, sizeof st->city, "%s", city ? city : "");
}

/* A NULL generation (no rows: no such city) leaves the stamp invalid. */
void pagecache_stamp_set(struct page_stamp *st, const char *gen, const char *date)
{
	if (gen && date) {
		st->gen = strtoll(gen, NULL, 10);
		snprintf(st->date, sizeof st->date, "%s", date);
	}
}

/* One row: the generation, the date and (on a child's page) the child's city. */
static int row_stamp(void *ctx, unsigned ncols, MYSQL_FIELD *fields, char **v, unsigned long *lens)
{
	struct page_stamp *st = ctx;

	(void)fields; (void)lens;
	if (ncols >= 2)
		pagecache_stamp_set(st, v[0], v[1]);
	if (ncols == 3 && v[2])
		snprintf(st->city, sizeof st->city, "%s", v[2]);
	return 0;
}

int pagecache_stamp(struct db *db, enum stamp_scope scope, const char *arg, struct page_stamp *st,
                    struct err *e)
{
	struct dbp p[] = { P_STR(arg ? arg : "") };
	const char *sql;

	pagecache_stamp_later(st, NULL);
	switch (scope) {
	case STAMP_CHILDREN:
		/* without a city, the province's rows (city ''), which move with every city's */
		pagecache_stamp_later(st, arg);
		sql = "SELECT (" CHILDREN_GEN_SQL "), CURDATE()";
		break;
	case STAMP_CHILD:
		/* no row for a child that does not exist: gen stays -1, and nothing is kept */
		sql = "SELECT SUM(g.gen), CURDATE(), c.city_code FROM children c "
		      "JOIN children_generation g ON g.city_code = c.city_code "
		      "WHERE c.code = ? GROUP BY c.city_code";
		break;
	default:
		return db_query(db, "SELECT SUM(gen), CURDATE() FROM content_generation", NULL, 0,
		                row_stamp, st, e);
	}
	return db_query(db, sql, p, 1, row_stamp, st, e);
}

struct city_stamps {
	struct page_stamp *st;
	int                n, max;
};

/* One row: a city, its generation and the date. */
static int row_city(void *ctx, unsigned ncols, MYSQL_FIELD *fields, char **v, unsigned long *lens)
{
	struct city_stamps *cs = ctx;
	struct page_stamp *st;

	if (cs->n == cs->max || ncols != 3 || !v[0] || !v[1] || !v[2])
		return 0;
	st = &cs->st[cs->n++];
	memset(st, 0, sizeof *st);
	row_stamp(st, 2, fields + 1, v + 1, lens + 1);
	snprintf(st->city, sizeof st->city, "%s", v[0]);
	return 0;
}

int pagecache_city_stamps(struct db *db, struct page_stamp *st, int max, struct err *e)
{
	struct city_stamps cs = { st, 0, max };

	if (db_query(db, "SELECT city_code, SUM(gen), CURDATE() FROM children_generation "
	             "WHERE city_code <> '' GROUP BY city_code", NULL, 0, row_city, &cs, e) < 0)
		return -1;
	return cs.n;
}

int pagecache_same(const struct page_stamp *a, const struct page_stamp *b)
{
	return a->gen == b->gen && a->gen >= 0 && strcmp(a->date, b->date) == 0 &&
	       strcmp(a->city, b->city) == 0;
}

int pagecache_has(const char *key)
{
	for (int i = 0; i < nentries; i++)
		if (entries[i].key && strcmp(entries[i].key, key) == 0)
			return 1;
	return 0;
}

const char *pagecache_get(const char *key, const struct page_stamp *st, size_t *len)
{
	for (int i = 0; i < nentries; i++) {
		struct entry *en = &entries[i];
		if (en->key && strcmp(en->key, key) == 0 && pagecache_same(&en->st, st)) {
			en->used = ++tick;
			*len = en->len;
			return en->body;
		}
	}
	return NULL;
}

void pagecache_put(const char *key, const struct page_stamp *st, const char *body, size_t len)
{
	struct entry *slot = NULL;

	if (!nentries || st->gen < 0)
		return;
	for (int i = 0; i < nentries && !slot; i++)
		if (entries[i].key && strcmp(entries[i].key, key) == 0)
			slot = &entries[i];
	for (int i = 0; i < nentries && !slot; i++)
		if (!entries[i].key)
			slot = &entries[i];
	if (!slot) {
		slot = &entries[0];
		for (int i = 1; i < nentries; i++)
			if (entries[i].used < slot->used)
				slot = &entries[i];
	}
	free(slot->key);
	free(slot->body);
	slot->key = strdup(key);
	slot->body = malloc(len);
	if (!slot->key || !slot->body) {
		free(slot->key);
		free(slot->body);
		memset(slot, 0, sizeof *slot);
		return;
	}
	memcpy(slot->body, body, len);
	slot->len = len;
	slot->st = *st;
	slot->used = ++tick;
}

void pagecache_free(void)
{
	for (int i = 0; i < nentries; i++) {
		free(entries[i].key);
		free(entries[i].body);
	}
	free(entries);
	entries = NULL;
	nentries = 0;
}
