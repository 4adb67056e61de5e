/*
 * sms.h — the outbox's SMS sender (txctl outbox): each message to an SMS gateway over HTTPS, as a
 * template approved in advance and its variable (China's rule for SMS), in the request a gateway of
 * the Alibaba Cloud SMS kind takes (SendSms, RPC style, signed with HMAC-SHA1 under the access key
 * secret). Only txctl links it: the app itself makes no network call for SMS.
 */
#ifndef TX_SMS_H
#define TX_SMS_H

#include <stddef.h>
#include <time.h>
#include <ClearSilver.h>

#include "../config.h"
#include "../outbox.h"

/* A gateway's settings, from Sms.* and Secrets.Sms* (conf/tongxiang.hdf). */
struct sms_gateway {
	const char *url;          /* https://dysmsapi.aliyuncs.com/ */
	const char *region;       /* RegionId: cn-hangzhou */
	const char *sign_name;    /* 签名: the name shown, approved with the templates */
	const char *key_id, *key_secret;
	const char *ca_file;      /* a CA bundle of its own (a test gateway's); NULL: system's */
	long        timeout;      /* seconds for one message, connection included */
	int         plain_http;   /* Sms.PlainHTTP: a loopback test gateway; else HTTPS */
	HDF        *templates;    /* Sms.Templates: code, link, notice → the gateway's codes */
	void       *curl;         /* the run's one connection, kept between messages */
};

/* The gateway cfg configures: 1 if it does, 0 if Sms.Gateway.URL is not set (SMS waits queued). */
int sms_gateway_from(const struct config *cfg, struct sms_gateway *g);

/* An SMS sender through gateway g (kept by the sender: it must outlive the run). */
struct outbox_sender sms_sender(struct sms_gateway *g);

/* The gateway's connection closed, after the run. */
void sms_gateway_close(struct sms_gateway *g);

/*
 * The signature of a request (method, and its parameters already percent-encoded, sorted and
 * joined as "k=v&k=v") under secret: base64 of HMAC-SHA1 with key secret + "&" over
 * method&%2F&encode(query). 0, or -1 if the HMAC could not be made.
 */
int sms_signature(const char *method, const char *query, const char *secret, char *out,
                  size_t n);

/*
 * Message m's request to gateway g at time now, with nonce, into body (url-encoded, signed): 0, or
 * -1 with why in e (ERR_INVALID when the message cannot be sent as it is, ERR_BUSY when the
 * gateway's settings lack its template).
 */
int sms_request(const struct sms_gateway *g, const struct outbox_msg *m, time_t now,
                const char *nonce, STRING *body, struct err *e);

#endif
