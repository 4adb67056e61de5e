/* db.h — a worker's one MariaDB connection: prepared statements only, cached, its loss detected. */
#ifndef TX_DB_H
#define TX_DB_H

#include <string.h>
#include <mysql.h>
#include <ClearSilver.h>

#include "config.h"
#include "err.h"

#define DB_STMT_CACHE 48
/* Rows that wait for their transaction's commit (db_insert_later): at most this many parameters. */
#define DB_LATER_PARAMS 48

struct db_cached {
	char         *sql;
	MYSQL_STMT   *st;
	unsigned long used;   /* tick of last use, for LRU eviction */
};

enum dbp_type { DBP_INT, DBP_STR, DBP_NULL };

/* One statement parameter. Strings are passed by pointer and length; they may hold binary data. */
struct dbp {
	enum dbp_type type;
	long long     i;
	const void   *s;
	unsigned long len;
};

/* The rows of one INSERT that wait for the transaction's commit, their strings copied. */
struct db_later {
	const char *head, *row;   /* "INSERT INTO t (cols) VALUES ", "(?, ...)" */
	unsigned    nrow, n;      /* parameters a row; parameters waiting */
	struct dbp  p[DB_LATER_PARAMS];
};

struct db {
	MYSQL                *conn;   /* NULL while disconnected */
	const struct config  *cfg;
	struct db_cached      cache[DB_STMT_CACHE];
	unsigned long         tick;
	int                   in_tx;      /* between db_begin and db_commit/db_rollback */
	int                   unsent;     /* nothing sent since db_ready found it good */
	struct db_later       later;
};

#define P_INT(v)      ((struct dbp){ DBP_INT, (long long)(v), NULL, 0 })
#define P_STR(v)      ((struct dbp){ DBP_STR, 0, (v), (unsigned long)strlen(v) })
#define P_BIN(p, n)   ((struct dbp){ DBP_STR, 0, (p), (unsigned long)(n) })
#define P_NULL        ((struct dbp){ DBP_NULL, 0, NULL, 0 })

/*
 * Called once per result row. vals[i] is NUL-terminated text (NULL for SQL NULL), lens[i] its
 * length. Return non-zero to stop early with an error already set in the callback's context.
 */
typedef int (*db_row_fn)(void *ctx, unsigned ncols, MYSQL_FIELD *fields, char **vals,
                         unsigned long *lens);

void db_init(struct db *db, const struct config *cfg);

/* Connect if not connected. Fails with status 503 when the server is unreachable. */
int db_ensure(struct db *db, struct err *e);

/*
 * Begin a unit of work (a request, a sweep, a step of a command that waited on something else)
 * on a connection that may have sat idle: connect if need be, and if the server closed this
 * connection meanwhile (a restart, a KILL, its wait_timeout), open a new one, with one line in
 * the log. Closed is seen from the socket, without a round trip: between statements the server
 * owes nothing, so a socket with anything to read has been closed by it. Until the unit's first
 * statement is answered, a statement that fails because the connection died before it reached
 * the server runs once more on a new connection (db.c: nothing_lost). Not inside a transaction.
 */
int db_ready(struct db *db, struct err *e);

/* Drop the connection and every prepared statement; the next db_ensure reconnects. */
void db_close(struct db *db);

/*
 * Whether e says the connection was lost or refused (a read-only unit of work may be retried on a
 * new one).
 */
int db_is_lost(const struct err *e);

/* Round-trip to the server, on a connection made ready first: what /healthz asks. */
int db_ping(struct db *db, struct err *e);

/*
 * Run a prepared statement with params and hand each row to fn. Statements are prepared once per
 * connection and cached by their text. When the connection is lost the connection is closed and
 * e->status is 503.
 */
int db_query(struct db *db, const char *sql, const struct dbp *p, unsigned np,
             db_row_fn fn, void *ctx, struct err *e);

/*
 * db_query that stores rows in hdf as prefix.0.col, prefix.1.col ...; *nrows (if not NULL) gets the
 * count.
 */
int db_query_hdf(struct db *db, const char *sql, const struct dbp *p, unsigned np,
                 HDF *hdf, const char *prefix, int *nrows, struct err *e);

/*
 * db_query_hdf's row callback and its context (n counts the rows stored), for a callback of
 * one's own that reads a few columns itself and hands the rest of the row on.
 */
struct db_hdf_rows {
	HDF        *hdf;
	const char *prefix;
	int         n;
	struct err *e;
};
int db_row_to_hdf(void *ctx, unsigned ncols, MYSQL_FIELD *fields, char **vals,
                  unsigned long *lens);

/*
 * The rows of a query, read whole first, then given to fn one by one (a node with the columns by
 * name), in order, stopping at fn's first -1. For work that runs statements of its own on each row,
 * which db_query's callback, called while the rows are still arriving, may not.
 */
typedef int (*db_each_fn)(struct db *db, void *ctx, HDF *row, struct err *e);
int db_query_each(struct db *db, const char *sql, const struct dbp *p, unsigned np, db_each_fn fn,
                  void *ctx, struct err *e);

/*
 * The first row of a query as a new HDF of column = value (SQL NULLs absent), or *row = NULL when
 * there is none. The caller hdf_destroy()s it. Handy for the one-row lookups of the checkout.
 */
int db_query_row(struct db *db, const char *sql, const struct dbp *p, unsigned np, HDF **row,
                 struct err *e);

/* db_query for a single integer (first column of the first row; 0 when there is no row). */
int db_query_int(struct db *db, const char *sql, const struct dbp *p, unsigned np,
                 long long *out, struct err *e);

/* A statement without a result set; *affected (if not NULL) gets the affected-row count. */
int db_exec(struct db *db, const char *sql, const struct dbp *p, unsigned np,
            unsigned long long *affected, struct err *e);

/*
 * An INSERT; *id gets the id it generated (AUTO_INCREMENT), or the value it gave LAST_INSERT_ID(x):
 * what SELECT LAST_INSERT_ID() would say, without the round trip.
 */
int db_insert(struct db *db, const char *sql, const struct dbp *p, unsigned np, long long *id,
              struct err *e);

/*
 * A row that may wait for the transaction's commit and go in then, with the transaction's other
 * rows of the same INSERT, in one statement: a transaction's audit lines take one round trip
 * where each took one. head is "INSERT INTO t (cols) VALUES " and row "(?, ...)" with its np
 * parameters, both static text. For rows nothing reads before the commit and no unique key may
 * refuse; a failure then fails the commit. Outside a transaction the row goes in at once.
 */
int db_insert_later(struct db *db, const char *head, const char *row, const struct dbp *p,
                    unsigned np, struct err *e);

/*
 * Whether e is a unique-key violation (the database refusing a second live sponsorship of a child,
 * say).
 */
int db_is_dup(const struct err *e);

/*
 * Whether running e's transaction again may succeed: a deadlock or a lock-wait timeout (which roll
 * the transaction back, or may), or a lost connection. What db_tx retries on.
 */
int db_retryable(const struct err *e);

/* Transactions: autocommit is on outside them. */
int db_begin(struct db *db, struct err *e);
int db_commit(struct db *db, struct err *e);
void db_rollback(struct db *db);

/*
 * Run fn inside one transaction and commit it. After a deadlock, a lock-wait timeout or a lost
 * connection the whole transaction runs again, on a new connection if need be, up to DB_TX_ATTEMPTS
 * times. A commit whose answer was lost may have happened, so fn must be safe to repeat: it finds
 * its own earlier work and does not do it twice. fn may return 0 with the transaction already
 * committed or rolled back by itself.
 */
#define DB_TX_ATTEMPTS 3
typedef int (*db_tx_fn)(struct db *db, void *arg, struct err *e);
int db_tx(struct db *db, db_tx_fn fn, void *arg, struct err *e);

#endif
