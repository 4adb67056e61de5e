/* db.c — MariaDB Connector/C behind a small API: no auto-reconnect, prepared once, text out. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>
#include <ma_pvio.h>

#include "db.h"
#include "log.h"
#include "util.h"

/*
 * China Standard Time for CURDATE() (ages, days waiting) and strict modes so bad data fails instead
 * of being bent. READ COMMITTED: a write transaction locks the rows it touches and no gaps around
 * them, so checkouts of different children never wait on each other; every rule that must hold
 * across rows is a unique key or a row lock.
 */
/*
 * Every connection's settings. The slow query log would write each statement with its parameters
 * filled in (a donor's login, a child's birth date): the app's connections stay out of it, and the
 * app logs slow requests itself.
 */
#define DB_INIT_COMMAND \
	"SET time_zone = '+08:00', " \
	"sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO', " \
	"tx_isolation = 'READ-COMMITTED', log_slow_query = 0"

void db_init(struct db *db, const struct config *cfg)
{
	memset(db, 0, sizeof *db);
	db->cfg = cfg;
}

/*
 * Whether the connection is unusable after error no. Every client-side error (2000-2999: lost,
 * timed out, out of sync, malformed packet) is treated so: a connection in an unknown state is
 * never reused. So are the server's errors after which the session is gone: killed by an
 * administrator, or the server shutting down.
 */
static int is_lost_errno(unsigned no)
{
	return (no >= CR_MIN_ERROR && no <= CR_MAX_ERROR) || no == ER_SERVER_SHUTDOWN ||
	    no == ER_CONNECTION_KILLED;
}

int db_is_lost(const struct err *e)
{
	return e->kind == ERR_BUSY;
}

/* The rows waiting for the commit, dropped with their copies (a rollback, a lost connection). */
static void later_drop(struct db *db)
{
	struct db_later *l = &db->later;

	for (unsigned i = 0; i < l->n; i++)
		if (l->p[i].type == DBP_STR)
			free((void *)l->p[i].s);
	memset(l, 0, sizeof *l);
}

void db_close(struct db *db)
{
	later_drop(db);
	for (int i = 0; i < DB_STMT_CACHE; i++) {
		if (db->cache[i].st)
			mysql_stmt_close(db->cache[i].st);
		free(db->cache[i].sql);
	}
	memset(db->cache, 0, sizeof db->cache);
	if (db->conn)
		mysql_close(db->conn);
	db->conn = NULL;
	/*
	 * in_tx stays set until the caller rolls back: a statement must not quietly reconnect and
	 * run outside it.
	 */
}

/*
 * The server's message as the log may have it. Some quote the offending value ("Duplicate entry
 * 'a@b.cn' for key 'login'", "Incorrect date value: '2015-02-30'"), which may be a donor's login or
 * a child's birth date: the first quoted part of those goes, the key or column named after it
 * stays.
 */
static const char *loggable(unsigned no, const char *msg, char *buf, size_t n)
{
	static const unsigned quoting[] = {
		ER_DUP_ENTRY, ER_TRUNCATED_WRONG_VALUE, ER_TRUNCATED_WRONG_VALUE_FOR_FIELD,
		ER_ILLEGAL_VALUE_FOR_TYPE, ER_DUP_ENTRY_WITH_KEY_NAME,
	};
	const char *q1 = strchr(msg, '\''), *q2 = q1 ? strchr(q1 + 1, '\'') : NULL;
	size_t i;

	for (i = 0; i < nitems(quoting) && quoting[i] != no; i++)
		;
	if (i == nitems(quoting) || !q2)
		return msg;
	snprintf(buf, n, "%.*s'…'%s", (int)(q1 - msg), msg, q2 + 1);
	return buf;
}

/* Room for the server's message as the log has it; a longer one is cut short. */
#define DB_LOG_MSG_MAX 400

/* Turn a client error into e; a lost connection is closed here so the caller only has to retry. */
static int fail(struct db *db, unsigned no, const char *msg, const char *sql, struct err *e)
{
	char buf[DB_LOG_MSG_MAX];

	msg = loggable(no, msg, buf, sizeof buf);
	if (is_lost_errno(no)) {
		err_set(e, 503, NULL, "database connection lost (%u %s)", no, msg);
		e->dbcode = no;
		db_close(db);
		return -1;
	}
	err_set(e, 500, NULL, "database error %u: %s [%.200s]", no, msg, sql ? sql : "");
	e->dbcode = no;
	return -1;
}

/*
 * Whether the failure e of a unit's first command (first: db_ready found the connection good
 * and nothing was sent on it since) lost nothing, so that the command may run again on a new
 * connection: the connection was lost, outside a transaction, and the command never reached
 * the server (CR_SERVER_GONE_ERROR: the client could not write it; on the unix socket, the
 * app's only way in, a server that has closed the connection makes the next write fail, where
 * over TCP it would succeed) or could not have changed anything (harmless: a prepare, a ping,
 * START TRANSACTION). An execute whose answer was lost (CR_SERVER_LOST) may have run and
 * committed: it is not repeated.
 */
static int nothing_lost(struct db *db, int first, int harmless, struct err *e)
{
	if (!first || db->in_tx || !is_lost_errno(e->dbcode))
		return 0;
	if (!harmless && e->dbcode != CR_SERVER_GONE_ERROR)
		return 0;
	log_info("database connection found closed by the first statement (%u); connecting again",
	         e->dbcode);
	err_clear(e);
	return 1;
}

int db_is_dup(const struct err *e)
{
	return e->dbcode == ER_DUP_ENTRY;
}

/*
 * Deadlock and lock-wait timeout roll the transaction back (or may); running it again is the cure.
 */
int db_retryable(const struct err *e)
{
	return db_is_lost(e) || e->dbcode == ER_LOCK_DEADLOCK || e->dbcode == ER_LOCK_WAIT_TIMEOUT;
}

int db_tx(struct db *db, db_tx_fn fn, void *arg, struct err *e)
{
	for (int attempt = 1; ; attempt++) {
		int rc = db_begin(db, e);
		if (rc == 0)
			rc = fn(db, arg, e);
		if (rc == 0 && db->in_tx)
			rc = db_commit(db, e);
		if (rc == 0)
			return 0;
		if (db->in_tx)
			db_rollback(db);
		if (attempt >= DB_TX_ATTEMPTS || !db_retryable(e))
			return -1;
		log_warn("transaction retried (attempt %d): %s", attempt + 1, e->cause);
		err_clear(e);
	}
}

int db_ensure(struct db *db, struct err *e)
{
	const struct config *c = db->cfg;
	my_bool off = 0;
	unsigned timeout = 5, io_timeout = 30;
	unsigned socket_only = MYSQL_PROTOCOL_SOCKET, no_local_files = 0, via = PVIO_TYPE_SOCKET;

	if (db->conn)
		return 0;
	if (!(db->conn = mysql_init(NULL)))
		return err_set(e, 500, NULL, "mysql_init: out of memory");
	/* Reconnecting behind our back would silently drop transactions and prepared statements. */
	mysql_optionsv(db->conn, MYSQL_OPT_RECONNECT, &off);
	mysql_optionsv(db->conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_optionsv(db->conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	/*
	 * A hung server must not hang every worker with it; a timeout counts as a lost connection.
	 */
	mysql_optionsv(db->conn, MYSQL_OPT_READ_TIMEOUT, &io_timeout);
	mysql_optionsv(db->conn, MYSQL_OPT_WRITE_TIMEOUT, &io_timeout);
	mysql_optionsv(db->conn, MYSQL_INIT_COMMAND, DB_INIT_COMMAND);
	/* The unix socket only, never a host and port; no LOAD DATA LOCAL, no file asked for. */
	mysql_optionsv(db->conn, MYSQL_OPT_PROTOCOL, &socket_only);
	mysql_optionsv(db->conn, MYSQL_OPT_LOCAL_INFILE, &no_local_files);
	if (!mysql_real_connect(db->conn, NULL, c->db_user, c->db_password, c->db_name, 0,
	                        c->db_socket, 0)) {
		err_set(e, 503, NULL, "cannot connect to database: %u %s", mysql_errno(db->conn),
		        mysql_error(db->conn));
		mysql_close(db->conn);
		db->conn = NULL;
		return -1;
	}
	/* Checked: Connector/C takes TCP for any host but localhost, whatever the protocol. */
	if (mariadb_get_infov(db->conn, MARIADB_CONNECTION_PVIO_TYPE, &via) != 0 ||
	    via != PVIO_TYPE_UNIXSOCKET) {
		mysql_close(db->conn);
		db->conn = NULL;
		return err_set(e, 503, NULL, "database not over unix socket %s", c->db_socket);
	}
	return 0;
}

/*
 * Whether the server has closed conn while it sat idle. Between statements the server owes the
 * client nothing, so a socket with something to read (end of file, or a parting error packet),
 * hung up, or that cannot be asked, is one the server is done with. A poll(2), no round trip.
 */
static int closed_by_server(MYSQL *conn)
{
	struct pollfd p = { (int)mysql_get_socket(conn), POLLIN, 0 };

	return p.fd < 0 || poll(&p, 1, 0) != 0;
}

int db_ready(struct db *db, struct err *e)
{
	if (db->in_tx)
		return 0;
	if (db->conn && closed_by_server(db->conn)) {
		log_info("database connection %lu was closed by the server while idle; "
		         "connecting again", mysql_thread_id(db->conn));
		db_close(db);
	}
	if (db_ensure(db, e) < 0)
		return -1;
	db->unsent = 1;
	return 0;
}

/*
 * A command to the connection itself, which changes no data (START TRANSACTION, ping): when it is
 * the unit's first and finds the connection closed, it runs once more on a new one.
 */
static int conn_command(struct db *db, int (*cmd)(MYSQL *), const char *what, struct err *e)
{
	int first = db->unsent;

	db->unsent = 0;
	for (;;) {
		if (db_ensure(db, e) < 0)
			return -1;
		if (cmd(db->conn) == 0)
			return 0;
		fail(db, mysql_errno(db->conn), mysql_error(db->conn), what, e);
		if (!nothing_lost(db, first, 1, e))
			return -1;
		first = 0;
	}
}

static int ping(MYSQL *conn)
{
	return mysql_ping(conn);
}

/*
 * The connection stays in autocommit mode and a transaction is started and ended explicitly: one
 * round trip each way, where turning autocommit off and on again around COMMIT took three.
 */
static int start_tx(MYSQL *conn)
{
	return mysql_real_query(conn, "START TRANSACTION", strlen("START TRANSACTION"));
}

int db_ping(struct db *db, struct err *e)
{
	if (db_ready(db, e) < 0)
		return -1;
	return conn_command(db, ping, "ping", e);
}

/*
 * The cached statement for sql, preparing it (and evicting the least recently used one) on a miss.
 */
static MYSQL_STMT *stmt_get(struct db *db, const char *sql, struct err *e)
{
	struct db_cached *slot = &db->cache[0];
	my_bool on = 1;
	MYSQL_STMT *st;

	/*
	 * A connection lost inside a transaction took the transaction with it: the caller must
	 * start again.
	 */
	if (!db->conn && db->in_tx) {
		err_set(e, 503, NULL, "database connection lost inside a transaction");
		return NULL;
	}
	if (db_ensure(db, e) < 0)
		return NULL;
	db->tick++;
	for (int i = 0; i < DB_STMT_CACHE; i++) {
		struct db_cached *c = &db->cache[i];
		if (c->sql && strcmp(c->sql, sql) == 0) {
			c->used = db->tick;
			return c->st;
		}
		if (!c->sql || c->used < slot->used)
			slot = c;
		if (!c->sql)
			break;
	}
	if (!(st = mysql_stmt_init(db->conn))) {
		fail(db, mysql_errno(db->conn), "mysql_stmt_init", sql, e);
		return NULL;
	}
	if (mysql_stmt_prepare(st, sql, (unsigned long)strlen(sql)) != 0) {
		fail(db, mysql_stmt_errno(st), mysql_stmt_error(st), sql, e);
		mysql_stmt_close(st);
		return NULL;
	}
	/* Lets store_result report each column's longest value, so result buffers fit exactly. */
	mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
	if (slot->st)
		mysql_stmt_close(slot->st);
	free(slot->sql);
	slot->sql = strdup(sql);
	slot->st = st;
	slot->used = db->tick;
	if (!slot->sql) {
		mysql_stmt_close(st);
		slot->st = NULL;
		err_set(e, 500, NULL, "out of memory caching statement");
		return NULL;
	}
	return st;
}

static void bind_params(MYSQL_BIND *b, const struct dbp *p, unsigned np)
{
	memset(b, 0, sizeof *b * np);
	for (unsigned i = 0; i < np; i++) {
		switch (p[i].type) {
		case DBP_INT:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = (void *)&p[i].i;
			break;
		case DBP_STR:
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = (void *)p[i].s;
			b[i].buffer_length = p[i].len;
			b[i].length = (unsigned long *)&p[i].len;
			break;
		case DBP_NULL:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		}
	}
}

/*
 * Drop st from the cache after an error that left the connection usable: its state is not to be
 * trusted.
 */
static void stmt_forget(struct db *db, MYSQL_STMT *st)
{
	for (int i = 0; i < DB_STMT_CACHE; i++) {
		if (db->cache[i].st == st) {
			mysql_stmt_close(st);
			free(db->cache[i].sql);
			memset(&db->cache[i], 0, sizeof db->cache[i]);
			return;
		}
	}
}

/* Bind, execute; on success the statement is ready for fetching. *sent: whether it was executed. */
static MYSQL_STMT *run_once(struct db *db, const char *sql, const struct dbp *p, unsigned np,
                            int *sent, struct err *e)
{
	MYSQL_STMT *st = stmt_get(db, sql, e);
	MYSQL_BIND pb[np ? np : 1];

	*sent = 0;
	if (!st)
		return NULL;
	if (mysql_stmt_param_count(st) != np) {
		err_set(e, 500, NULL, "statement wants %lu parameters, got %u [%.200s]",
		        mysql_stmt_param_count(st), np, sql);
		return NULL;
	}
	bind_params(pb, p, np);
	*sent = 1;
	if ((np && mysql_stmt_bind_param(st, pb)) || mysql_stmt_execute(st)) {
		fail(db, mysql_stmt_errno(st), mysql_stmt_error(st), sql, e);
		if (db->conn)
			stmt_forget(db, st);
		return NULL;
	}
	return st;
}

/* run_once, and once more on a new connection if the unit's first statement found it closed. */
static MYSQL_STMT *run(struct db *db, const char *sql, const struct dbp *p, unsigned np,
                       struct err *e)
{
	int first = db->unsent, sent;
	MYSQL_STMT *st;

	db->unsent = 0;
	st = run_once(db, sql, p, np, &sent, e);
	if (!st && nothing_lost(db, first, !sent, e))
		st = run_once(db, sql, p, np, &sent, e);
	return st;
}

/* Numbers and dates arrive in binary and are converted; this many bytes hold any of their texts. */
#define DB_TEXT_MIN 64

struct fetch {
	MYSQL_BIND    *b;
	char         **vals;
	unsigned long *lens;
	my_bool       *nulls;
	unsigned       n;
};

static void fetch_free(struct fetch *f)
{
	for (unsigned i = 0; f->b && i < f->n; i++)
		free(f->b[i].buffer);
	free(f->b);
	free(f->vals);
	free(f->lens);
	free(f->nulls);
}

static int fetch_setup(struct fetch *f, MYSQL_FIELD *fields, unsigned n)
{
	memset(f, 0, sizeof *f);
	f->n = n;
	f->b = calloc(n, sizeof *f->b);
	f->vals = calloc(n, sizeof *f->vals);
	f->lens = calloc(n, sizeof *f->lens);
	f->nulls = calloc(n, sizeof *f->nulls);
	if (!f->b || !f->vals || !f->lens || !f->nulls)
		return -1;
	for (unsigned i = 0; i < n; i++) {
		unsigned long size = (fields[i].max_length > DB_TEXT_MIN ? fields[i].max_length :
		                      DB_TEXT_MIN) + 1;
		f->b[i].buffer_type = MYSQL_TYPE_STRING;
		f->b[i].buffer = malloc(size);
		f->b[i].buffer_length = size;
		f->b[i].length = &f->lens[i];
		f->b[i].is_null = &f->nulls[i];
		if (!f->b[i].buffer)
			return -1;
	}
	return 0;
}

static int fetch_rows(struct db *db, MYSQL_STMT *st, MYSQL_RES *meta, db_row_fn fn, void *ctx,
                      const char *sql, struct err *e)
{
	MYSQL_FIELD *fields = mysql_fetch_fields(meta);
	unsigned n = mysql_num_fields(meta);
	struct fetch f;
	int rc = 0, r;

	if (fetch_setup(&f, fields, n) < 0) {
		fetch_free(&f);
		return err_set(e, 500, NULL, "out of memory for result buffers");
	}
	if (mysql_stmt_bind_result(st, f.b) != 0) {
		fetch_free(&f);
		return fail(db, mysql_stmt_errno(st), mysql_stmt_error(st), sql, e);
	}
	while ((r = mysql_stmt_fetch(st)) == 0) {
		for (unsigned i = 0; i < n; i++) {
			f.vals[i] = f.nulls[i] ? NULL : f.b[i].buffer;
			if (!f.nulls[i])
				f.vals[i][f.lens[i]] = '\0';
		}
		if (fn && (rc = fn(ctx, n, fields, f.vals, f.lens)) != 0)
			break;
	}
	if (r == MYSQL_DATA_TRUNCATED)
		rc = err_set(e, 500, NULL, "truncated column fetching [%.200s]", sql);
	else if (r == 1)
		rc = fail(db, mysql_stmt_errno(st), mysql_stmt_error(st), sql, e);
	fetch_free(&f);
	return rc ? -1 : 0;
}

int db_query(struct db *db, const char *sql, const struct dbp *p, unsigned np,
             db_row_fn fn, void *ctx, struct err *e)
{
	MYSQL_STMT *st = run(db, sql, p, np, e);
	MYSQL_RES *meta;
	int rc;

	if (!st)
		return -1;
	if (!(meta = mysql_stmt_result_metadata(st)))
		return 0;
	if (mysql_stmt_store_result(st) != 0) {
		mysql_free_result(meta);
		return fail(db, mysql_stmt_errno(st), mysql_stmt_error(st), sql, e);
	}
	rc = fetch_rows(db, st, meta, fn, ctx, sql, e);
	mysql_free_result(meta);
	/* A lost connection has already closed st along with the cache. */
	if (db->conn)
		mysql_stmt_free_result(st);
	return rc;
}

/* The longest node name db_query_hdf makes: prefix.row. */
#define DB_HDF_NAME_MAX 128

int db_row_to_hdf(void *ctx, unsigned ncols, MYSQL_FIELD *fields, char **vals,
                  unsigned long *lens)
{
	struct db_hdf_rows *r = ctx;
	char name[DB_HDF_NAME_MAX];
	HDF *node;
	NEOERR *nerr;

	(void)lens;
	snprintf(name, sizeof name, "%s.%d", r->prefix, r->n++);
	if ((nerr = hdf_get_node(r->hdf, name, &node)))
		goto oom;
	for (unsigned i = 0; i < ncols; i++)
		if (vals[i] && (nerr = hdf_set_value(node, fields[i].name, vals[i])))
			goto oom;
	return 0;
oom:
	nerr_ignore(&nerr);
	return err_set(r->e, 500, NULL, "hdf: out of memory storing rows");
}

int db_query_hdf(struct db *db, const char *sql, const struct dbp *p, unsigned np,
                 HDF *hdf, const char *prefix, int *nrows, struct err *e)
{
	struct db_hdf_rows r = { .hdf = hdf, .prefix = prefix, .n = 0, .e = e };
	int rc = db_query(db, sql, p, np, db_row_to_hdf, &r, e);

	if (nrows)
		*nrows = r.n;
	return rc;
}

int db_query_each(struct db *db, const char *sql, const struct dbp *p, unsigned np, db_each_fn fn,
                  void *ctx, struct err *e)
{
	HDF *rows;
	NEOERR *nerr;
	int rc;

	if ((nerr = hdf_init(&rows)))
		return err_neo(e, nerr, "db_query_each");
	rc = db_query_hdf(db, sql, p, np, rows, "r", NULL, e);
	for (HDF *r = hdf_obj_child(hdf_get_obj(rows, "r")); r && rc == 0; r = hdf_obj_next(r))
		rc = fn(db, ctx, r, e);
	hdf_destroy(&rows);
	return rc;
}

static int first_row(void *ctx, unsigned ncols, MYSQL_FIELD *fields, char **vals,
                     unsigned long *lens)
{
	HDF **row = ctx;
	NEOERR *nerr = NULL;

	(void)lens;
	if (*row)
		return 0;
	if ((nerr = hdf_init(row)))
		goto oom;
	for (unsigned i = 0; i < ncols; i++)
		if (vals[i] && (nerr = hdf_set_value(*row, fields[i].name, vals[i])))
			goto oom;
	return 0;
oom:
	nerr_ignore(&nerr);
	return 1;
}

int db_query_row(struct db *db, const char *sql, const struct dbp *p, unsigned np, HDF **row,
                 struct err *e)
{
	int rc;

	*row = NULL;
	rc = db_query(db, sql, p, np, first_row, row, e);
	if (rc < 0 && !err_is(e))
		err_set(e, 500, NULL, "hdf: out of memory storing a row");
	if (rc < 0 && *row)
		hdf_destroy(row);
	return rc;
}

struct one_int {
	long long *out;
	int        seen;
};

static int row_to_int(void *ctx, unsigned ncols, MYSQL_FIELD *fields, char **vals,
                      unsigned long *lens)
{
	struct one_int *o = ctx;

	(void)fields; (void)lens;
	if (!o->seen && ncols > 0 && vals[0])
		*o->out = strtoll(vals[0], NULL, 10);
	o->seen = 1;
	return 0;
}

int db_query_int(struct db *db, const char *sql, const struct dbp *p, unsigned np,
                 long long *out, struct err *e)
{
	struct one_int o = { out, 0 };

	*out = 0;
	return db_query(db, sql, p, np, row_to_int, &o, e);
}

int db_exec(struct db *db, const char *sql, const struct dbp *p, unsigned np,
            unsigned long long *affected, struct err *e)
{
	MYSQL_STMT *st = run(db, sql, p, np, e);

	MYSQL_RES *meta;

	if (!st)
		return -1;
	if (affected)
		*affected = mysql_stmt_affected_rows(st);
	/*
	 * A SELECT run for its locks (FOR UPDATE) still has rows to drain, or the connection goes
	 * out of sync.
	 */
	if ((meta = mysql_stmt_result_metadata(st))) {
		mysql_free_result(meta);
		if (mysql_stmt_store_result(st) != 0)
			return fail(db, mysql_stmt_errno(st), mysql_stmt_error(st), sql, e);
		mysql_stmt_free_result(st);
	}
	return 0;
}

int db_insert(struct db *db, const char *sql, const struct dbp *p, unsigned np, long long *id,
              struct err *e)
{
	MYSQL_STMT *st = run(db, sql, p, np, e);

	if (!st)
		return -1;
	*id = (long long)mysql_stmt_insert_id(st);
	return 0;
}

/* The longest INSERT the waiting rows make. */
#define DB_LATER_SQL_MAX 2048

/* The rows waiting for the commit, inserted now in one statement. */
static int later_flush(struct db *db, struct err *e)
{
	struct db_later *l = &db->later;
	char sql[DB_LATER_SQL_MAX];
	size_t len;
	int rc;

	if (!l->n)
		return 0;
	len = (size_t)snprintf(sql, sizeof sql, "%s%s", l->head, l->row);
	for (unsigned i = l->nrow; i < l->n && len < sizeof sql; i += l->nrow)
		len += (size_t)snprintf(sql + len, sizeof sql - len, ", %s", l->row);
	if (len >= sizeof sql) {
		later_drop(db);
		return err_set(e, 500, NULL, "rows waiting for the commit: statement too long");
	}
	rc = db_exec(db, sql, l->p, l->n, NULL, e);
	later_drop(db);
	return rc;
}

int db_insert_later(struct db *db, const char *head, const char *row, const struct dbp *p,
                    unsigned np, struct err *e)
{
	struct db_later *l = &db->later;

	if (!db->in_tx || np > DB_LATER_PARAMS) {
		char sql[DB_LATER_SQL_MAX];

		snprintf(sql, sizeof sql, "%s%s", head, row);
		return db_exec(db, sql, p, np, NULL, e);
	}
	/* Another statement's rows, or no room left: those waiting go in first. */
	if (l->n && (strcmp(l->head, head) != 0 || strcmp(l->row, row) != 0 ||
	             l->n + np > DB_LATER_PARAMS) && later_flush(db, e) < 0)
		return -1;
	l->head = head;
	l->row = row;
	l->nrow = np;
	for (unsigned i = 0; i < np; i++) {
		struct dbp *q = &l->p[l->n];
		*q = p[i];
		if (q->type == DBP_STR) {
			void *copy = malloc(q->len ? q->len : 1);
			if (!copy) {
				later_drop(db);
				return err_set(e, 500, NULL, "out of memory for a row waiting to "
				               "commit");
			}
			memcpy(copy, p[i].s, q->len);
			q->s = copy;
		}
		l->n++;
	}
	return 0;
}

int db_begin(struct db *db, struct err *e)
{
	if (conn_command(db, start_tx, "start transaction", e) < 0)
		return -1;
	db->in_tx = 1;
	return 0;
}

int db_commit(struct db *db, struct err *e)
{
	if (!db->conn)
		return err_set(e, 503, NULL, "commit without a connection");
	if (later_flush(db, e) < 0) {
		db_rollback(db);
		return -1;
	}
	if (mysql_commit(db->conn) != 0) {
		fail(db, mysql_errno(db->conn), mysql_error(db->conn), "commit", e);
		db_rollback(db);
		return -1;
	}
	db->in_tx = 0;
	return 0;
}

void db_rollback(struct db *db)
{
	later_drop(db);
	db->in_tx = 0;
	if (!db->conn)
		return;
	/*
	 * If even this fails the connection's state is unknown: drop it rather than hand it to the
	 * next request.
	 */
	if (mysql_rollback(db->conn) != 0)
		db_close(db);
}
