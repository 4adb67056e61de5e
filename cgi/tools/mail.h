/*
 * mail.h — the outbox's e-mail sender (txctl outbox): each message to a configured SMTP relay
 * over libcurl, STARTTLS and authentication as the relay asks, as a UTF-8 text mail (RFC 5322,
 * 2047 headers, base64 body) whose Message-ID names its outbox row. Only txctl links it: the app
 * itself makes no network call.
 */
#ifndef TX_MAIL_H
#define TX_MAIL_H

#include <stddef.h>
#include <time.h>

#include "../config.h"
#include "../outbox.h"

/* A relay's settings, from Mail.* and Secrets.Mail* (conf/tongxiang.hdf). */
struct mail_relay {
	const char *url;        /* smtp://host:587 (STARTTLS) or smtps://host:465 */
	const char *from;       /* the envelope's and From's address */
	const char *from_name;  /* From's name (UTF-8), e.g. the site's */
	const char *user, *password;
	int         starttls;   /* 1: refuse to send unless the relay takes STARTTLS */
	long        timeout;    /* seconds for one message, connection included */
	void       *curl;       /* the run's one connection, kept between messages */
};

/* The relay cfg configures: 1 if it does, 0 if Mail.SMTP.URL is not set (mail waits queued). */
int mail_relay_from(const struct config *cfg, struct mail_relay *r);

/* An e-mail sender through relay r (kept by the sender: it must outlive the run). */
struct outbox_sender mail_sender(struct mail_relay *r);

/* The relay's connection closed, after the run. */
void mail_relay_close(struct mail_relay *r);

/*
 * Message m as the relay receives it, dated now: headers and a base64 body, CRLF line ends, in a
 * buffer the caller frees; NULL (with the reason in e, kind ERR_INVALID) if the message cannot be
 * sent as it is (a recipient with a line break or angle brackets, say).
 */
char *mail_message(const struct mail_relay *r, const struct outbox_msg *m, time_t now,
                   size_t *len, struct err *e);

#endif
