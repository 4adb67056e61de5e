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
	/* An SMS's template (code | link | notice) and its variable as a JSON object (sql/050). */
	const char *sms_template, *sms_params;
};

/*
 * What an SMS carries instead of the mail's text. A gateway in China sends only templates approved
 * in advance under the sender's signature, so a message names its template (Sms.Templates.<tmpl>
 * in the config gives the gateway's code for it) and the template's one variable.
 */
struct outbox_sms {
	const char *tmpl;    /* "code" (a verification code), "link" (a reset link), "notice" */
	const char *key;     /* the variable's name in the template: code, url, title */
	const char *value;
};

/*
 * A way of delivering messages: an SMTP relay (cgi/tools/mail.c), an SMS gateway, standard output.
 * send returns 0 once the message is accepted for delivery, or -1 with the reason in e: kind
 * ERR_INVALID when no later attempt can succeed (the relay refused the address for good), which
 * gives the message up at once; any other kind tries it again later.
 */
struct outbox_sender {
	const char *name;
	int (*send)(const struct outbox_sender *s, const struct outbox_msg *m, struct err *e);
	void       *arg;   /* the sender's own settings */
};

/* Writes each message to standard output: for development and demo instances. */
extern const struct outbox_sender OUTBOX_STDOUT;

/* A delivery run's senders, one a channel; a channel without one keeps its messages queued. */
struct outbox_senders {
	const struct outbox_sender *email, *sms;
};

/* What a delivery run did. */
struct outbox_run {
	int sent;     /* accepted for delivery */
	int failed;   /* refused or not reached: tried again later, or given up */
};

/* How long a sender holds the messages it claimed, and when a failing message is given up. */
#define OUTBOX_CLAIM_MINUTES 5
#define OUTBOX_GIVE_UP_HOURS 24

/*
 * Queue a message to a donor's login (an e-mail address, or a mobile number for SMS). As an SMS
 * it is a notice naming the subject ("notice", its title).
 */
int outbox_put(struct db *db, const char *login, const char *subject, const char *body,
               struct err *e);

/* The same, with what an SMS to the login sends instead (a code, a link). */
int outbox_put_sms(struct db *db, const char *login, const char *subject, const char *body,
                   const struct outbox_sms *sms, struct err *e);

/*
 * Queue one message to each recipient a query finds, in one statement: recipients_sql is a SELECT
 * of one column named login (an e-mail address, or a mobile number), with parameters p[0..np).
 * For a letter to many at once (the donors of a paused fundraising page, say).
 */
int outbox_put_each(struct db *db, const char *recipients_sql, const struct dbp *p, unsigned np,
                    const char *subject, const char *body, struct err *e);

/*
 * Deliver up to max messages that are due, as holder (a name unique to this run: host, process and
 * a random part). The messages are first claimed by one statement, so that any number of runs, on
 * any hosts, never send one message twice at once; then each goes through its channel's sender.
 * A failure waits 1, 2, 4 ... minutes (at most 4 hours) before the next attempt; a message failing
 * OUTBOX_GIVE_UP_HOURS after it was queued, or refused for good, is given up (dead_at), for
 * province staff to see. 0, or -1 on a database error (e).
 */
int outbox_deliver(struct db *db, const struct outbox_senders *s, const char *holder, int max,
                   struct outbox_run *run, struct err *e);

#endif
