/*
 * pagecache.h — each worker's small LRU of rendered public pages. An entry is served only while the
 * database's content generation (sql/003_content_generation.sql) and the date are what they were
 * when it was rendered, so a change anyone makes shows on the very next request; a hit costs one
 * read of a 16-row table.
 */
#ifndef TX_PAGECACHE_H
#define TX_PAGECACHE_H

#include <stddef.h>

#include "db.h"

struct page_stamp {
	long long gen;
	/* CURDATE() in China time: ages and days waiting change at midnight */
	char      date[sizeof "YYYY-MM-DD"];
};

/* Size the cache; 0 entries turns it off. Called once per worker. */
void pagecache_init(int entries);

/* The database's current stamp. */
int pagecache_stamp(struct db *db, struct page_stamp *st, struct err *e);

/* The cached body for key under stamp st, or NULL. */
const char *pagecache_get(const char *key, const struct page_stamp *st, size_t *len);

/* Keep a copy of body for key under stamp st, evicting the least recently used entry if full. */
void pagecache_put(const char *key, const struct page_stamp *st, const char *body, size_t len);

void pagecache_free(void);

#endif
