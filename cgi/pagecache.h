/*
 * pagecache.h — each worker's small LRU of rendered public pages. An entry is served only while the
 * generation of what the page shows and the date are what they were when it was rendered, so a
 * change anyone makes shows on the very next request; a hit costs one read of a few counter rows.
 * What a page shows is its route's business (cgi/cmd.c, CMD_CACHE*): anything public
 * (sql/003_content_generation.sql), or children alone, whose generation is kept per city
 * (sql/039_children_generation.sql) so that a campaign in one county leaves other cities' pages.
 */
#ifndef TX_PAGECACHE_H
#define TX_PAGECACHE_H

#include <stddef.h>

#include "db.h"
#include "regions.h"

/* What a cached page shows, and so which generation its stamp reads. */
enum stamp_scope {
	STAMP_ALL,       /* anything public: totals, counts, gifts (content_generation) */
	STAMP_CHILDREN,  /* children alone: one city's (arg, a city code), or all (arg NULL) */
	STAMP_CHILD,     /* one child alone (arg, its code): its city's children */
};

struct page_stamp {
	long long gen;   /* -1: none (a page is not kept under it) */
	/* CURDATE() in China time: ages and days waiting change at midnight */
	char      date[sizeof "YYYY-MM-DD"];
	/*
	 * The city whose children gen counts, "" when not one city's: a child's page is kept under
	 * the child's city, which a staff edit may change, and two cities' sums may be equal.
	 */
	char      city[REGION_CODE_SIZE];
};

/*
 * A city's children generation (sql/039), one parameter: the city, '' for the province. Its 16
 * slots a city are rows a statement reads (ROWS EXAMINED counts them).
 */
#define CHILDREN_GEN_SQL "SELECT SUM(gen) FROM children_generation WHERE city_code = ?"
#define CHILDREN_GEN_SLOTS 16

/* Size the cache; 0 entries turns it off. Called once per worker. */
void pagecache_init(int entries);

/* The database's current stamp for a page that shows scope (with its arg, see enum stamp_scope). */
int pagecache_stamp(struct db *db, enum stamp_scope scope, const char *arg, struct page_stamp *st,
                    struct err *e);

/*
 * A STAMP_CHILDREN stamp for city (NULL: all cities) yet to be read: gen -1 until
 * pagecache_stamp_set gives it what CHILDREN_GEN_SQL and CURDATE() returned.
 */
void pagecache_stamp_later(struct page_stamp *st, const char *city);
void pagecache_stamp_set(struct page_stamp *st, const char *gen, const char *date);

/*
 * Every city's children stamp (what STAMP_CHILDREN gives for that city) at once, into st[0..n):
 * n, or -1. Read after a page's own stamp, each is no older than it.
 */
int pagecache_city_stamps(struct db *db, struct page_stamp *st, int max, struct err *e);

/* Whether a and b are one and the same valid stamp: what was kept under a may be served under b. */
int pagecache_same(const struct page_stamp *a, const struct page_stamp *b);

/* Whether a page is kept for key, under whatever stamp. */
int pagecache_has(const char *key);

/* The cached body for key under stamp st, or NULL. */
const char *pagecache_get(const char *key, const struct page_stamp *st, size_t *len);

/* Keep a copy of body for key under stamp st, evicting the least recently used entry if full. */
void pagecache_put(const char *key, const struct page_stamp *st, const char *body, size_t len);

void pagecache_free(void);

#endif
