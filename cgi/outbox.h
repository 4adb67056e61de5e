/*
 * outbox.h — mail and SMS to donors. The app only writes messages into the outbox table, inside the
 * transaction that causes them; a sender delivers them later (txctl outbox), so a slow or broken
 * mail server never holds up a request, and a message is never sent for something that was rolled
 * back.
 */
#ifndef TX_OUTBOX_H
#define TX_OUTBOX_H

#include "db.h"

struct outbox_msg {
	long long   id;
	const char *channel;     /* "email" | "sms" */
	const char *recipient;   /* an address or a mobile number */
	const char *subject;
	const char *body;
};

/*
 * A way of delivering messages. A real SMTP or SMS gateway is one more of these: send returns 0
 * once the message is accepted for delivery, or -1 with the reason in e (the message stays queued
 * and is tried again).
 */
struct outbox_sender {
	const char *name;
	int (*send)(const struct outbox_msg *m, struct err *e);
};

/* Writes each message to standard output: for development and demo instances. */
extern const struct outbox_sender OUTBOX_STDOUT;

/* Queue a message to a donor's login (an e-mail address, or a mobile number for SMS). */
int outbox_put(struct db *db, const char *login, const char *subject, const char *body,
               struct err *e);

/*
 * Queue one message to each recipient a query finds, in one statement: recipients_sql is a SELECT
 * of one column named login (an e-mail address, or a mobile number), with parameters p[0..np).
 * For a letter to many at once (the donors of a paused fundraising page, say).
 */
int outbox_put_each(struct db *db, const char *recipients_sql, const struct dbp *p, unsigned np,
                    const char *subject, const char *body, struct err *e);

/* Deliver up to max queued messages with s; *sent gets how many went. */
int outbox_deliver(struct db *db, const struct outbox_sender *s, int max, int *sent, struct err *e);

#endif
