/* rows.c — query results into C structs, by a column table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rows.h"

static void read_col(const struct col *c, char *row, const char *v)
{
	if (c->type == COL_INT)
		*(long long *)(void *)(row + c->off) = v ? strtoll(v, NULL, 10) : 0;
	else
		snprintf(row + c->off, c->size, "%s", v ? v : "");
}

static int read_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct rows *r = ctx;
	char *row;

	(void)f;
	(void)l;
	if (r->n++ >= r->max)
		return 0;
	row = (char *)r->base + (size_t)(r->n - 1) * r->stride;
	memset(row, 0, r->stride);
	for (unsigned k = 0; k < n && k < r->ncols; k++)
		read_col(&r->cols[k], row, v[k]);
	return 0;
}

int rows_read(struct db *db, const char *sql, const struct dbp *p, unsigned np, struct rows *r,
              struct err *e)
{
	r->n = 0;
	if (db_query(db, sql, p, np, read_row, r, e) < 0)
		return -1;
	return r->n;
}
