/*
 * countcache.h — each worker's table of listing totals ("找到 N"): one per filter set, and one per
 * city of a filter set without a region (ui-children.c sums them). A total is kept under the
 * stamp it was counted under (its city's children generation, or the province's, and the date)
 * and served only under that same stamp, so a child listed or unlisted anywhere in a filter's
 * range shows in the very next count, as the page cache's pages do.
 */
#ifndef TX_COUNTCACHE_H
#define TX_COUNTCACHE_H

#include "pagecache.h"

/*
 * How many totals a worker keeps, a filter set's and each of its cities' (ui-children.c): the
 * long tail of a campaign day fits, at ~100 B each. When full, the oldest kept goes first.
 */
#define COUNTCACHE_ENTRIES 4096

/* The total kept for key under stamp st into *n: 1 when found, 0 when it must be counted. */
int countcache_get(const char *key, const struct page_stamp *st, long long *n);

/*
 * The total kept for key into *n and the stamp it was counted under into *st, whatever the stamp
 * now: 1 when kept. For a listing that reads its stamp with its page and then sees whether the
 * total still holds.
 */
int countcache_peek(const char *key, struct page_stamp *st, long long *n);

/* Keep n for key under st, the oldest total kept making room. */
void countcache_put(const char *key, const struct page_stamp *st, long long n);

/*
 * What the listing learnt of a filter set's pages, kept beside its total whatever the stamp: the
 * first page end (offset + rows) at which reading in the order's index came back short
 * (ui-children.c's page_rows), 0 if none. A hint that outlives a change is never wrong, only
 * slower: the page is then read from the filter's index at once.
 */
long long countcache_short_at(const char *key);
void countcache_set_short_at(const char *key, long long end);

/* Drop every total and free the table; the worker's exit does it too. */
void countcache_free(void);

#endif
