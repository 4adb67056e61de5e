/*
 * rows.h — query results read into C: rows into structs from a column table, the way kcgi's
 * generated data layer reads them (each column of the result to one member, a 64-bit integer or a
 * string of the member's size, by position); or one row into typed variables; or a list of ids.
 * The core reads rows these ways and never through the page tree.
 */
#ifndef TX_ROWS_H
#define TX_ROWS_H

#include <stddef.h>

#include "../db.h"
#include "../util.h"

enum col_type { COL_INT, COL_STR };

/*
 * Where one column of a row goes: a long long member, or a char array member (cut to fit,
 * NUL-terminated).
 */
struct col {
	enum col_type type;
	size_t        off;    /* of the member in the row's struct */
	size_t        size;   /* of the member */
};

#define COL_I(T, m) { COL_INT, offsetof(T, m), sizeof ((T *)0)->m }
#define COL_S(T, m) { COL_STR, offsetof(T, m), sizeof ((T *)0)->m }

/*
 * A destination for rows: up to max structs of stride bytes at base, each filled from cols (the
 * result's columns in order; an SQL NULL reads as 0 or ""). n counts the rows read; rows past max
 * are counted in n but not kept.
 */
struct rows {
	const struct col *cols;
	unsigned          ncols;
	void             *base;
	size_t            stride;
	int               max, n;
};

/* Up to nitems(arr) rows of table cols into the array arr. */
#define ROWS_INTO(arr, table) \
	((struct rows){ .cols = (table), .ncols = nitems(table), .base = (arr), \
	                .stride = sizeof (arr)[0], .max = (int)nitems(arr) })

/* One row of table cols into the struct at p. */
#define ROW_INTO(p, table) \
	((struct rows){ .cols = (table), .ncols = nitems(table), .base = (p), \
	                .stride = sizeof *(p), .max = 1 })

/*
 * Run a query and read its rows into r (each kept row zeroed first, so that missing columns read as
 * 0): the number of rows the query gave (kept or not), or -1 on error.
 */
int rows_read(struct db *db, const char *sql, const struct dbp *p, unsigned np, struct rows *r,
              struct err *e);

/* One row into variables. */
enum var_type { VAR_INT, VAR_INT32, VAR_TEXT };

/*
 * Where one selected column goes: a long long or an int (SQL NULL reads as 0), or text of at most
 * n-1 bytes ("" for NULL).
 */
struct var {
	enum var_type type;
	void         *dst;
	size_t        n;
};

#define VAR_LL(p)      ((struct var){ VAR_INT, (p), 0 })
#define VAR_I(p)       ((struct var){ VAR_INT32, (p), 0 })
#define VAR_STR(a)     ((struct var){ VAR_TEXT, (a), sizeof(a) })

/*
 * Run a query and read its first row into cols[0..ncols): 1 if there was a row, 0 if none (every
 * destination then zero or ""), -1 on error. A row with fewer columns than cols, or text longer
 * than its place, is a 500.
 */
int row_get(struct db *db, const char *sql, const struct dbp *p, unsigned np,
            const struct var *vars, unsigned nvars, struct err *e);

/*
 * A text column of a row read by a callback of its own into to (n bytes, cut to fit): "" for SQL
 * NULL.
 */
void row_text(char *to, size_t n, const char *from);

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

/*
 * Room for one more element of size bytes in the growing array *v of *cap elements, n of them in
 * use (a row callback's rows of unknown count): doubled when full, from 256. -1 when out of memory
 * (*v is then unchanged).
 */
int rows_room(void **v, size_t *cap, size_t n, size_t size);

#endif
