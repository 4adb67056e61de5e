/* countcache.c — the per-worker listing totals: a linear LRU, each total under its own stamp. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "countcache.h"

struct entry {
	char             *key;
	uint64_t          hash;
	struct page_stamp st;
	long long         n;
	unsigned long     used;
	long long         short_at;  /* countcache_short_at */
};

static struct entry *entries;
static unsigned long tick;

/* FNV-1a: most lookups then compare one word per entry, not a WHERE text. */
static uint64_t hash_of(const char *s)
{
	uint64_t h = 14695981039346656037u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

static void drop_all(void)
{
	for (int i = 0; entries && i < COUNTCACHE_ENTRIES; i++) {
		free(entries[i].key);
		entries[i] = (struct entry){ 0 };
	}
}

/* The entry kept for key, whatever its stamp, or NULL. */
static struct entry *find(const char *key, uint64_t h)
{
	for (int i = 0; entries && i < COUNTCACHE_ENTRIES; i++)
		if (entries[i].key && entries[i].hash == h && strcmp(entries[i].key, key) == 0)
			return &entries[i];
	return NULL;
}

/*
 * A total counted under another stamp is no answer: each entry keeps its own, since the stamp is
 * per city (sql/039) and a worker serves every city's listing in turn.
 */
int countcache_get(const char *key, const struct page_stamp *st, long long *n)
{
	struct entry *en = find(key, hash_of(key));

	if (!en || !pagecache_same(&en->st, st))
		return 0;
	en->used = ++tick;
	*n = en->n;
	return 1;
}

void countcache_put(const char *key, const struct page_stamp *st, long long n)
{
	uint64_t h = hash_of(key);
	struct entry *victim;
	char *copy;

	/* Made on first use, since the worker's set-up is not the listing's; freed at its exit. */
	if (!entries) {
		if (!(entries = calloc(COUNTCACHE_ENTRIES, sizeof *entries)))
			return;
		atexit(countcache_free);
	}
	if ((victim = find(key, h))) {
		*victim = (struct entry){ victim->key, h, *st, n, ++tick, victim->short_at };
		return;
	}
	victim = &entries[0];
	for (int i = 1; i < COUNTCACHE_ENTRIES && victim->key; i++)
		if (!entries[i].key || entries[i].used < victim->used)
			victim = &entries[i];
	if (!(copy = strdup(key)))
		return;
	free(victim->key);
	*victim = (struct entry){ copy, h, *st, n, ++tick, 0 };
}

long long countcache_short_at(const char *key)
{
	struct entry *en = find(key, hash_of(key));

	return en ? en->short_at : 0;
}

/* Only on a filter set's entry, which its total made: one not kept (no stamp) learns nothing. */
void countcache_set_short_at(const char *key, long long end)
{
	struct entry *en = find(key, hash_of(key));

	if (en && (!en->short_at || end < en->short_at))
		en->short_at = end;
}

void countcache_free(void)
{
	drop_all();
	free(entries);
	entries = NULL;
}
