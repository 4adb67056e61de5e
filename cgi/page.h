/*
 * page.h — filling a page's data (c->hdf). The setters remember the first failure in c->err, and
 * the worker treats a handler that returns 0 with c->err set as failed, so handlers can set values
 * without checking each one.
 */
#ifndef TX_PAGE_H
#define TX_PAGE_H

#include "ctx.h"

/* name = value under node (c->hdf when node is NULL); a NULL value is stored as "". */
void page_set(struct ctx *c, HDF *node, const char *name, const char *value);

/* hdf_set_valuef's "Name=Value" format, e.g. page_setf(c, "Cities.%d.code=%s", i, code). */
void page_setf(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * The first row of a query, each column set as prefix.col: a page's one-row result (totals, one
 * record) without the row number that db_query_hdf's lists carry (Stats.raised, not
 * Stats.0.raised). *found (if not NULL) says whether there was a row; SQL NULLs are left unset.
 */
int page_query_one(struct ctx *c, const char *sql, const struct dbp *p, unsigned np,
                   const char *prefix, int *found);

/* The integer fen at name from formatted as yuan text ("3,000") at name to. */
void page_money(struct ctx *c, const char *from, const char *to);

/* For each row under prefix: its integer fen column from as yuan text in column to ("3,000"). */
void page_money_rows(struct ctx *c, const char *prefix, const char *from, const char *to);

/* Each row's code column labelled from list into column to. */
struct label;
void page_label_rows(struct ctx *c, const char *prefix, const char *code, const struct label *list,
                     const char *to);

/* The whole list as prefix.N.code and prefix.N.label, for a form's <select>. */
void page_label_list(struct ctx *c, const char *prefix, const struct label *list);

/* Each row's region code column named: the region's name in column to ("" for an unknown code). */
void page_region_rows(struct ctx *c, const char *prefix, const char *code, const char *to);

#endif
