/*
 * row.h — one result row read into a C struct by a column table: 64-bit integers and text of a
 * known size, so that the core never reads numbers back out of page data. The columns are taken in
 * the order the query selects them.
 */
#ifndef TX_CORE_ROW_H
#define TX_CORE_ROW_H

#include "../db.h"

enum col_type { COL_INT, COL_INT32, COL_TEXT };

/*
 * Where one selected column goes: a long long or an int (SQL NULL reads as 0), or text of at most
 * n-1 bytes ("" for NULL).
 */
struct col {
	enum col_type type;
	void         *dst;
	size_t        n;
};

#define COL_LL(p)      ((struct col){ COL_INT, (p), 0 })
#define COL_I(p)       ((struct col){ COL_INT32, (p), 0 })
#define COL_STR(a)     ((struct col){ COL_TEXT, (a), sizeof(a) })

/*
 * Run a query and read its first row into cols[0..ncols): 1 if there was a row, 0 if none (every
 * destination then zero or ""), -1 on error. A row with fewer columns than cols, or text longer
 * than its place, is a 500.
 */
int row_get(struct db *db, const char *sql, const struct dbp *p, unsigned np,
            const struct col *cols, unsigned ncols, struct err *e);

/* The ids a query selects (its first column), in order. */
struct id_list {
	long long *v;
	size_t     n, cap;
};

/* Run a query and append the first column of every row to l (which starts zeroed); -1 on error. */
int row_ids(struct db *db, const char *sql, const struct dbp *p, unsigned np, struct id_list *l,
            struct err *e);

/* Free an id list's memory and empty it. */
void id_list_free(struct id_list *l);

#endif
