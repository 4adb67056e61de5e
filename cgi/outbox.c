/* outbox.c — queueing messages, and delivering them through a pluggable sender. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "log.h"
#include "outbox.h"
#include "util.h"

int outbox_put_sms(struct db *db, const char *login, const char *subject, const char *body,
                   const struct outbox_sms *sms, struct err *e)
{
	int text = is_mobile(login);
	/*
	 * A notice's title is a variable, and gateways take 20 characters or so of one; a code or a
	 * link is never cut (one too long for the column is refused, not sent broken).
	 */
	int most = strcmp(sms->tmpl, "notice") == 0 ? 20 : 1 << 20;
	/* Mail has no template: both SMS columns stay NULL. */
	struct dbp p[] = {
		P_STR(text ? "sms" : "email"), P_STR(login), P_STR(subject), P_STR(body),
		text ? P_STR(sms->tmpl) : P_NULL, P_INT(text), P_STR(sms->key), P_STR(sms->value),
		P_INT(most),
	};

	return db_exec(db, "INSERT INTO outbox (channel, recipient, subject, body, sms_template, "
	                   "sms_params) VALUES (?, ?, ?, ?, ?, IF(?, JSON_OBJECT(?, LEFT(?, ?)), "
	                   "NULL))", p, nitems(p), NULL, e);
}

int outbox_put(struct db *db, const char *login, const char *subject, const char *body,
               struct err *e)
{
	const struct outbox_sms notice = { "notice", "title", subject };

	return outbox_put_sms(db, login, subject, body, &notice, e);
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
	                   "INSERT INTO outbox (channel, recipient, subject, body, sms_template, "
	                   "sms_params) SELECT IF(INSTR(r.login, '@') > 0, 'email', 'sms'), "
	                   "r.login, s.subject, s.body, IF(INSTR(r.login, '@') > 0, NULL, "
	                   "'notice'), IF(INSTR(r.login, '@') > 0, NULL, JSON_OBJECT('title', "
	                   "LEFT(s.subject, 20))) FROM (SELECT ? AS subject, ? AS body) s, (%s) r",
	                   recipients_sql);

	if (len < 0 || (size_t)len >= sizeof sql || np > PUT_EACH_PARAMS - 2)
		return err_internal(e, "outbox_put_each: the query is too long");
	for (unsigned i = 0; i < np; i++)
		all[i + 2] = p[i];
	return db_exec(db, sql, all, np + 2, NULL, e);
}

static int to_stdout(const struct outbox_sender *s, const struct outbox_msg *m, struct err *e)
{
	(void)s;
	printf("--- outbox #%lld (%s) to %s\nSubject: %s\n\n%s\n", m->id, m->channel, m->recipient,
	       m->subject, m->body);
	return fflush(stdout) == 0 ? 0 : err_set(e, 500, NULL, "stdout: write failed");
}

const struct outbox_sender OUTBOX_STDOUT = { "stdout", to_stdout, NULL };

struct delivery {
	const struct outbox_senders *s;
	const char                  *holder;
	struct outbox_run           *run;
	int                          in_a_row;   /* failures one after another */
};

/* A relay that failed this many messages in a row is down, or set up wrong: the run stops. */
#define FAILURES_IN_A_ROW 3

/*
 * The claim renewed just before a send, then whether it is still this run's: not if another run
 * holds the message now (this one took longer than its claim) or it went out meanwhile. (The
 * renewal's affected rows cannot say: within the claim's own second it changes nothing.)
 */
#define RENEW_SQL \
	"UPDATE outbox SET claimed_until = NOW() + INTERVAL " STR(OUTBOX_CLAIM_MINUTES) " MINUTE " \
	"WHERE id = ? AND claimed_by = ? AND sent_at IS NULL AND dead_at IS NULL"
#define HELD_SQL \
	"SELECT COUNT(*) FROM outbox WHERE id = ? AND claimed_by = ? AND sent_at IS NULL " \
	"AND dead_at IS NULL"

/*
 * A message accepted: sent. The claim is checked, so that a run which lost its claim (it took
 * longer than OUTBOX_CLAIM_MINUTES) changes nothing another run now holds.
 */
#define SENT_SQL \
	"UPDATE outbox SET attempts = attempts + 1, sent_at = NOW(), last_error = NULL, " \
	"claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?"
/*
 * A message not accepted: the next attempt after 2^(attempts) minutes (at most 240), or given up
 * when refused for good (the first parameter) or failing for OUTBOX_GIVE_UP_HOURS since its first
 * failure (dead_at is set before first_failed_at: MariaDB assigns in order).
 */
#define FAILED_SQL \
	"UPDATE outbox SET next_try_at = NOW() + INTERVAL LEAST(POW(2, attempts), 240) MINUTE, " \
	"dead_at = IF(? OR first_failed_at < NOW() - " \
	"INTERVAL " STR(OUTBOX_GIVE_UP_HOURS) " HOUR, NOW(), NULL), " \
	"first_failed_at = COALESCE(first_failed_at, NOW()), " \
	"attempts = attempts + 1, last_error = LEFT(?, 255), claimed_by = NULL, " \
	"claimed_until = NULL WHERE id = ? AND claimed_by = ?"

/* One claimed message through its channel's sender, and what came of it on its row. */
static int deliver_one(struct db *db, void *ctx, HDF *r, struct err *e)
{
	struct delivery *d = ctx;
	struct outbox_msg m = {
		.id = strtoll(hdf_get_value(r, "id", "0"), NULL, 10),
		.channel = hdf_get_value(r, "channel", ""),
		.recipient = hdf_get_value(r, "recipient", ""),
		.subject = hdf_get_value(r, "subject", ""),
		.body = hdf_get_value(r, "body", ""),
		.sms_template = hdf_get_value(r, "sms_template", NULL),
		.sms_params = hdf_get_value(r, "sms_params", NULL),
	};
	const struct outbox_sender *s = strcmp(m.channel, "sms") == 0 ? d->s->sms : d->s->email;
	struct err se;
	int ok;

	struct dbp renew[] = { P_INT(m.id), P_STR(d->holder) };
	long long held = 0;

	err_clear(&se);
	if (!s || d->in_a_row >= FAILURES_IN_A_ROW)
		return 0;
	if (db_ready(db, e) < 0 ||
	    db_exec(db, RENEW_SQL, renew, nitems(renew), NULL, e) < 0 ||
	    db_query_int(db, HELD_SQL, renew, nitems(renew), &held, e) < 0)
		return -1;
	if (held != 1)
		return 0;
	ok = s->send(s, &m, &se) == 0;
	d->in_a_row = ok ? 0 : d->in_a_row + 1;
	/* A relay may take its time; the connection waits as long, and may be closed then. */
	if (db_ready(db, e) < 0)
		return -1;
	if (ok) {
		struct dbp p[] = { P_INT(m.id), P_STR(d->holder) };

		d->run->sent++;
		return db_exec(db, SENT_SQL, p, nitems(p), NULL, e);
	} else {
		struct dbp p[] = { P_INT(se.kind == ERR_INVALID), P_STR(se.cause), P_INT(m.id),
		                   P_STR(d->holder) };

		d->run->failed++;
		log_warn("outbox #%lld (%s): %s", m.id, s->name, se.cause);
		return db_exec(db, FAILED_SQL, p, nitems(p), NULL, e);
	}
}

/* The due messages of channels with a sender, at most max, claimed for holder in one statement. */
#define CLAIM_SQL \
	"UPDATE outbox SET claimed_by = ?, " \
	"claimed_until = NOW() + INTERVAL " STR(OUTBOX_CLAIM_MINUTES) " MINUTE " \
	"WHERE sent_at IS NULL AND dead_at IS NULL AND next_try_at <= NOW() " \
	"AND (claimed_until IS NULL OR claimed_until < NOW()) AND channel IN (?, ?) " \
	"ORDER BY id LIMIT ?"

struct claim {
	const struct outbox_senders *s;
	const char                  *holder;
	int                          max;
};

/*
 * The claim, in a transaction of its own: runs side by side lock the same first rows, and one may
 * be chosen as a deadlock's victim; db_tx tries it again. Claiming again what it claimed is safe.
 */
static int claim(struct db *db, void *arg, struct err *e)
{
	const struct claim *k = arg;
	struct dbp p[] = { P_STR(k->holder), P_STR(k->s->email ? "email" : ""),
	                   P_STR(k->s->sms ? "sms" : ""), P_INT(k->max) };

	return db_exec(db, CLAIM_SQL, p, nitems(p), NULL, e);
}

int outbox_deliver(struct db *db, const struct outbox_senders *s, const char *holder, int max,
                   struct outbox_run *run, struct err *e)
{
	struct delivery d = { s, holder, run, 0 };
	struct claim k = { s, holder, max };
	struct dbp mine[] = { P_STR(holder) };

	*run = (struct outbox_run){ 0, 0 };
	if (db_tx(db, claim, &k, e) < 0)
		return -1;
	if (db_query_each(db, "SELECT id, channel, recipient, subject, body, sms_template, "
	                      "sms_params FROM outbox WHERE claimed_by = ? AND sent_at IS NULL "
	                      "ORDER BY id",
	                  mine, nitems(mine), deliver_one, &d, e) < 0)
		return -1;
	/* A run that stopped early lets the others have what it did not send, at once. */
	return db_exec(db, "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL "
	                   "WHERE claimed_by = ? AND sent_at IS NULL", mine, nitems(mine), NULL, e);
}
