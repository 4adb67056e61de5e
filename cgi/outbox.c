/* outbox.c — queueing messages, and delivering them through a pluggable sender. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "outbox.h"
#include "util.h"

int outbox_put(struct db *db, const char *login, const char *subject, const char *body,
               struct err *e)
{
	struct dbp p[] = { P_STR(is_mobile(login) ? "sms" : "email"), P_STR(login), P_STR(subject),
	                   P_STR(body) };

	return db_exec(db, "INSERT INTO outbox (channel, recipient, subject, body) "
	                   "VALUES (?, ?, ?, ?)", p, nitems(p), NULL, e);
}

/* Room for outbox_put_each's statement, and its parameters. */
#define PUT_EACH_SQL_MAX 2048
#define PUT_EACH_PARAMS  16

int outbox_put_each(struct db *db, const char *recipients_sql, const struct dbp *p, unsigned np,
                    const char *subject, const char *body, struct err *e)
{
	char sql[PUT_EACH_SQL_MAX];
	struct dbp all[PUT_EACH_PARAMS] = { P_STR(subject), P_STR(body) };
	int len = snprintf(sql, sizeof sql,
	                   "INSERT INTO outbox (channel, recipient, subject, body) "
	                   "SELECT IF(INSTR(r.login, '@') > 0, 'email', 'sms'), r.login, ?, ? "
	                   "FROM (%s) r", recipients_sql);

	if (len < 0 || (size_t)len >= sizeof sql || np > PUT_EACH_PARAMS - 2)
		return err_internal(e, "outbox_put_each: the query is too long");
	for (unsigned i = 0; i < np; i++)
		all[i + 2] = p[i];
	return db_exec(db, sql, all, np + 2, NULL, e);
}

static int to_stdout(const struct outbox_msg *m, struct err *e)
{
	(void)e;
	printf("--- outbox #%lld (%s) to %s\nSubject: %s\n\n%s\n", m->id, m->channel, m->recipient,
	       m->subject, m->body);
	return fflush(stdout) == 0 ? 0 : err_set(e, 500, NULL, "stdout: write failed");
}

const struct outbox_sender OUTBOX_STDOUT = { "stdout", to_stdout };

struct delivery {
	const struct outbox_sender *s;
	int                        *sent;
};

/* What came of a message's attempt, on its row: sent, or why not (failed, not NULL). */
static int record(struct db *db, long long id, const char *failed, struct err *e)
{
	struct dbp p[] = { P_INT(!failed), failed ? P_STR(failed) : P_NULL, P_INT(id) };

	return db_exec(db, "UPDATE outbox SET attempts = attempts + 1, "
	                   "sent_at = IF(?, NOW(), NULL), last_error = ? WHERE id = ?",
	               p, nitems(p), NULL, e);
}

/* One message through the sender, and what came of it on its row. */
static int deliver_one(struct db *db, void *ctx, HDF *r, struct err *e)
{
	struct delivery *d = ctx;
	struct outbox_msg m = {
		.id = strtoll(hdf_get_value(r, "id", "0"), NULL, 10),
		.channel = hdf_get_value(r, "channel", ""),
		.recipient = hdf_get_value(r, "recipient", ""),
		.subject = hdf_get_value(r, "subject", ""),
		.body = hdf_get_value(r, "body", ""),
	};
	struct err se;
	int ok;

	err_clear(&se);
	ok = d->s->send(&m, &se) == 0;
	/* A gateway may take its time; the connection waits as long, and may be closed then. */
	if (db_ready(db, e) < 0)
		return -1;
	if (record(db, m.id, ok ? NULL : se.cause, e) < 0)
		return -1;
	*d->sent += ok;
	return 0;
}

int outbox_deliver(struct db *db, const struct outbox_sender *s, int max, int *sent, struct err *e)
{
	struct delivery d = { s, sent };
	struct dbp p[] = { P_INT(max) };

	*sent = 0;
	return db_query_each(db, "SELECT id, channel, recipient, subject, body FROM outbox "
	                         "WHERE sent_at IS NULL AND attempts < 10 ORDER BY id LIMIT ?",
	                     p, nitems(p), deliver_one, &d, e);
}
