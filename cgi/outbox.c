/* outbox.c — queueing messages, and delivering them through a pluggable sender. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "outbox.h"

int outbox_put(struct db *db, const char *login, const char *subject, const char *body, struct err *e)
{
	struct dbp p[] = { P_STR(is_mobile(login) ? "sms" : "email"), P_STR(login), P_STR(subject), P_STR(body) };

	return db_exec(db, "INSERT INTO outbox (channel, recipient, subject, body) VALUES (?, ?, ?, ?)", p, 4, NULL, e);
}

static int to_stdout(const struct outbox_msg *m, struct err *e)
{
	(void)e;
	printf("--- outbox #%lld (%s) to %s\nSubject: %s\n\n%s\n", m->id, m->channel, m->recipient, m->subject, m->body);
	return fflush(stdout) == 0 ? 0 : err_set(e, 500, NULL, "stdout: write failed");
}

const struct outbox_sender OUTBOX_STDOUT = { "stdout", to_stdout };


int outbox_deliver(struct db *db, const struct outbox_sender *s, int max, int *sent, struct err *e)
{
	struct dbp p[] = { P_INT(max) };
	HDF *rows;
	NEOERR *nerr;
	int n = 0;

	*sent = 0;
	if ((nerr = hdf_init(&rows)))
		return err_neo(e, nerr, "outbox");
	if (db_query_hdf(db, "SELECT id, channel, recipient, subject, body FROM outbox WHERE sent_at IS NULL "
	                 "AND attempts < 10 ORDER BY id LIMIT ?", p, 1, rows, "m", &n, e) < 0)
		goto fail;
	for (int i = 0; i < n; i++) {
		char key[32];
		struct err se;
		HDF *r;
		struct outbox_msg m;

		snprintf(key, sizeof key, "m.%d", i);
		r = hdf_get_obj(rows, key);
		m.id = strtoll(hdf_get_value(r, "id", "0"), NULL, 10);
		m.channel = hdf_get_value(r, "channel", "");
		m.recipient = hdf_get_value(r, "recipient", "");
		m.subject = hdf_get_value(r, "subject", "");
		m.body = hdf_get_value(r, "body", "");
		err_clear(&se);
		{
			int ok = s->send(&m, &se) == 0;
			struct dbp q[] = { P_INT(ok), ok ? P_NULL : P_STR(se.cause), P_INT(m.id) };
			if (db_exec(db, "UPDATE outbox SET attempts = attempts + 1, sent_at = IF(?, NOW(), NULL), last_error = ? "
			            "WHERE id = ?", q, 3, NULL, e) < 0)
				goto fail;
			*sent += ok;
		}
	}
	hdf_destroy(&rows);
	return 0;
fail:
	hdf_destroy(&rows);
	return -1;
}
