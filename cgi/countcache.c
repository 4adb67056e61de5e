/* countcache.c — the per-worker listing totals: a hash table, each total under its own stamp. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "countcache.h"

/* Twice the entries: chains stay a link or two long. */
#define BUCKETS (2 * COUNTCACHE_ENTRIES)

struct entry {
	char             *key;
	uint64_t          hash;
	struct page_stamp st;
	long long         n;
	long long         short_at;  /* countcache_short_at */
	int               next;      /* the next entry in its bucket, or -1 */
};

static struct entry *entries;
static int *buckets;
/* The entry a new key takes next, in turn: the oldest kept is replaced first. */
static int hand;

/* FNV-1a: a lookup then compares one word per entry of its chain, not a WHERE text. */
static uint64_t hash_of(const char *s)
{
	uint64_t h = 14695981039346656037u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

/* The entry kept for key, whatever its stamp, or NULL. */
static struct entry *find(const char *key, uint64_t h)
{
	if (!entries)
		return NULL;
	for (int i = buckets[h % BUCKETS]; i >= 0; i = entries[i].next)
		if (entries[i].hash == h && strcmp(entries[i].key, key) == 0)
			return &entries[i];
	return NULL;
}

/* Made on first use, since the worker's set-up is not the listing's; freed at its exit. */
static int made(void)
{
	if (entries)
		return 1;
	entries = calloc(COUNTCACHE_ENTRIES, sizeof *entries);
	buckets = malloc(BUCKETS * sizeof *buckets);
	if (!entries || !buckets) {
		countcache_free();
		return 0;
	}
	for (int i = 0; i < BUCKETS; i++)
		buckets[i] = -1;
	atexit(countcache_free);
	return 1;
}

/* Take entry i out of its bucket's chain. */
static void unlink_entry(int i)
{
	int *link = &buckets[entries[i].hash % BUCKETS];

	while (*link != i)
		link = &entries[*link].next;
	*link = entries[i].next;
}

/*
 * A total counted under another stamp is no answer: each entry keeps its own, since the stamp is
 * per city (sql/039) and a worker serves every city's listing in turn.
 */
int countcache_peek(const char *key, struct page_stamp *st, long long *n)
{
	struct entry *en = find(key, hash_of(key));

	if (!en)
		return 0;
	*st = en->st;
	*n = en->n;
	return 1;
}

int countcache_get(const char *key, const struct page_stamp *st, long long *n)
{
	struct page_stamp kept;
	long long got;

	if (!countcache_peek(key, &kept, &got) || !pagecache_same(&kept, st))
		return 0;
	*n = got;
	return 1;
}

void countcache_put(const char *key, const struct page_stamp *st, long long n)
{
	uint64_t h = hash_of(key);
	struct entry *en;
	char *copy;

	if (!made())
		return;
	if ((en = find(key, h))) {
		en->st = *st;
		en->n = n;
		return;
	}
	if (!(copy = strdup(key)))
		return;
	en = &entries[hand];
	if (en->key) {
		unlink_entry(hand);
		free(en->key);
	}
	*en = (struct entry){ copy, h, *st, n, 0, buckets[h % BUCKETS] };
	buckets[h % BUCKETS] = hand;
	hand = (hand + 1) % COUNTCACHE_ENTRIES;
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
	for (int i = 0; entries && i < COUNTCACHE_ENTRIES; i++)
		free(entries[i].key);
	free(entries);
	free(buckets);
	entries = NULL;
	buckets = NULL;
	hand = 0;
}
