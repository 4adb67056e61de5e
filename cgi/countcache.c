/* countcache.c — the per-worker listing totals: a linear LRU under one page stamp. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "countcache.h"

struct entry {
	char         *key;
	uint64_t      hash;
	long long     n;
	unsigned long used;
};

static struct entry *entries;
static struct page_stamp held;
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

/*
 * Totals counted under another stamp are gone. The stamps are compared whole: pagecache_stamp
 * zeroes one before filling it, so padding compares equal too.
 */
static void hold_stamp(const struct page_stamp *st)
{
	if (memcmp(&held, st, sizeof held) != 0) {
		drop_all();
		memcpy(&held, st, sizeof held);
	}
}

int countcache_get(const char *key, const struct page_stamp *st, long long *n)
{
	uint64_t h = hash_of(key);

	hold_stamp(st);
	for (int i = 0; entries && i < COUNTCACHE_ENTRIES; i++) {
		struct entry *en = &entries[i];
		if (en->key && en->hash == h && strcmp(en->key, key) == 0) {
			en->used = ++tick;
			*n = en->n;
			return 1;
		}
	}
	return 0;
}

void countcache_put(const char *key, const struct page_stamp *st, long long n)
{
	struct entry *victim;
	char *copy;

	/* Made on first use, since the worker's set-up is not the listing's; freed at its exit. */
	if (!entries) {
		if (!(entries = calloc(COUNTCACHE_ENTRIES, sizeof *entries)))
			return;
		atexit(countcache_free);
	}
	hold_stamp(st);
	victim = &entries[0];
	for (int i = 1; i < COUNTCACHE_ENTRIES && victim->key; i++)
		if (!entries[i].key || entries[i].used < victim->used)
			victim = &entries[i];
	if (!(copy = strdup(key)))
		return;
	free(victim->key);
	*victim = (struct entry){ copy, hash_of(key), n, ++tick };
}

void countcache_free(void)
{
	drop_all();
	free(entries);
	entries = NULL;
}
