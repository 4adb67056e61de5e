/* pagecache.c — the per-worker page cache: a linear LRU, at a few dozen entries better than any. */
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

static int row_stamp(void *ctx, unsigned ncols, MYSQL_FIELD *fields, char **v, unsigned long *lens)
{
	struct page_stamp *st = ctx;

	(void)fields; (void)lens;
	if (ncols == 2 && v[0] && v[1]) {
		st->gen = strtoll(v[0], NULL, 10);
		strncpy(st->date, v[1], sizeof st->date - 1);
		st->date[sizeof st->date - 1] = '\0';
	}
	return 0;
}

int pagecache_stamp(struct db *db, struct page_stamp *st, struct err *e)
{
	memset(st, 0, sizeof *st);
	st->gen = -1;
	return db_query(db, "SELECT SUM(gen), CURDATE() FROM content_generation", NULL, 0,
	                row_stamp, st, e);
}

static int same(const struct page_stamp *a, const struct page_stamp *b)
{
	return a->gen == b->gen && a->gen >= 0 && strcmp(a->date, b->date) == 0;
}

const char *pagecache_get(const char *key, const struct page_stamp *st, size_t *len)
{
	for (int i = 0; i < nentries; i++) {
		struct entry *en = &entries[i];
		if (en->key && strcmp(en->key, key) == 0 && same(&en->st, st)) {
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
