/* rows.c — query results into C structs by a column table, into variables, or into id lists. */
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

/* An id list's first allocation; it doubles from there. */
#define ID_LIST_FIRST 16

struct reading {
	const struct var *cols;
	unsigned          ncols;
	int               found;
	struct err       *e;
};

static void clear_vars(const struct var *cols, unsigned ncols)
{
	for (unsigned i = 0; i < ncols; i++)
		if (cols[i].type == VAR_INT)
			*(long long *)cols[i].dst = 0;
		else if (cols[i].type == VAR_INT32)
			*(int *)cols[i].dst = 0;
		else
			((char *)cols[i].dst)[0] = '\0';
}

static int read_vars(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct reading *r = ctx;

	(void)f;
	if (r->found++)
		return 0;
	if (n < r->ncols)
		return err_core(r->e, ERR_INTERNAL, NULL, "a row of %u columns read into %u places",
		                n, r->ncols);
	for (unsigned i = 0; i < r->ncols; i++) {
		const struct var *c = &r->cols[i];

		if (c->type == VAR_INT) {
			*(long long *)c->dst = v[i] ? strtoll(v[i], NULL, 10) : 0;
			continue;
		}
		if (c->type == VAR_INT32) {
			*(int *)c->dst = v[i] ? (int)strtol(v[i], NULL, 10) : 0;
			continue;
		}
		if (v[i] && l[i] >= c->n)
			return err_core(r->e, ERR_INTERNAL, NULL,
			                "column %u: %lu bytes for a place of %zu", i, l[i], c->n);
		snprintf(c->dst, c->n, "%s", v[i] ? v[i] : "");
	}
	return 0;
}

int row_get(struct db *db, const char *sql, const struct dbp *p, unsigned np,
            const struct var *cols, unsigned ncols, struct err *e)
{
	struct reading r = { .cols = cols, .ncols = ncols, .found = 0, .e = e };

	clear_vars(cols, ncols);
	if (db_query(db, sql, p, np, read_vars, &r, e) < 0)
		return -1;
	return r.found ? 1 : 0;
}

struct id_reading {
	struct id_list *l;
	struct err     *e;
};

static int read_id(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *len)
{
	struct id_reading *r = ctx;
	struct id_list *l = r->l;
	long long *grown;

	(void)n; (void)f; (void)len;
	if (l->n == l->cap) {
		if (!(grown = realloc(l->v, (l->cap ? l->cap * 2 : ID_LIST_FIRST) * sizeof *grown)))
			return err_core(r->e, ERR_INTERNAL, NULL, "out of memory for %zu ids",
			                l->n);
		l->v = grown;
		l->cap = l->cap ? l->cap * 2 : ID_LIST_FIRST;
	}
	l->v[l->n++] = v[0] ? strtoll(v[0], NULL, 10) : 0;
	return 0;
}

int row_ids(struct db *db, const char *sql, const struct dbp *p, unsigned np, struct id_list *l,
            struct err *e)
{
	struct id_reading r = { .l = l, .e = e };

	return db_query(db, sql, p, np, read_id, &r, e);
}

void id_list_free(struct id_list *l)
{
	free(l->v);
	*l = (struct id_list){ 0 };
}

void row_text(char *to, size_t n, const char *from)
{
	snprintf(to, n, "%s", from ? from : "");
}

int rows_room(void **v, size_t *cap, size_t n, size_t size)
{
	size_t more = *cap ? *cap * 2 : 256;
	void *grown;

	if (n < *cap)
		return 0;
	if (!(grown = realloc(*v, more * size)))
		return -1;
	*v = grown;
	*cap = more;
	return 0;
}
