/*
 * rows.h — query results read into C structs from a column table, the way kcgi's generated data
 * layer reads them: each column of the result goes to one member (a 64-bit integer, or a string of
 * the member's size), by position. The core reads rows this way and never through HDF.
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

#endif
