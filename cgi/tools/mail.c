/*
 * mail.c — the outbox's e-mail sender: an SMTP relay through libcurl (mail.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <sodium.h>

#include "mail.h"
#include "../log.h"

/* An encoded word holds at most 75 characters: 45 bytes of text are 60 of base64. */
#define WORD_BYTES 45
/* The body's base64 in lines of 76 characters: 57 bytes each. */
#define LINE_BYTES 57

/* Whether an address may stand between angle brackets in a header and an SMTP command. */
static int plain_address(const char *a)
{
	return *a && !strpbrk(a, "\r\n<>\" ") && strchr(a, '@');
}

int mail_relay_from(const struct config *cfg, struct mail_relay *r)
{
	HDF *h = cfg->hdf;

	*r = (struct mail_relay){
		.url = hdf_get_value(h, "Mail.SMTP.URL", NULL),
		.from = hdf_get_value(h, "Mail.From", "noreply@example.org"),
		.from_name = hdf_get_value(h, "Mail.FromName", hdf_get_value(h, "Site.Name", "")),
		.user = hdf_get_value(h, "Secrets.MailUser", NULL),
		.password = hdf_get_value(h, "Secrets.MailPassword", NULL),
		.starttls = hdf_get_int_value(h, "Mail.StartTLS", 1),
		.timeout = hdf_get_int_value(h, "Mail.TimeoutSeconds", 30),
	};
	/* A sender that is no plain address would fail every message: no relay then, and why. */
	if (r->url && *r->url && !plain_address(r->from)) {
		log_error("Mail.From is not a plain address (name@domain): mail waits queued");
		return 0;
	}
	return r->url && *r->url;
}

/* Bytes of s as base64 to f. */
static void base64_to(FILE *f, const unsigned char *s, size_t n)
{
	char out[sodium_base64_ENCODED_LEN(LINE_BYTES, sodium_base64_VARIANT_ORIGINAL)];

	while (n > 0) {
		size_t k = n < LINE_BYTES ? n : LINE_BYTES;

		fputs(sodium_bin2base64(out, sizeof out, s, k, sodium_base64_VARIANT_ORIGINAL), f);
		s += k, n -= k;
	}
}

/* The length of the longest start of s, at most max bytes, that ends between UTF-8 characters. */
static size_t utf8_cut(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

/* A header's text as RFC 2047 encoded words, folded: "=?UTF-8?B?...?=" each at most 75 long. */
static void words_to(FILE *f, const char *s)
{
	int first = 1;

	do {
		size_t k = utf8_cut(s, WORD_BYTES);

		/* Text that is not UTF-8 (no character starts in the first bytes) moves on. */
		if (k == 0)
			k = strnlen(s, WORD_BYTES);
		fprintf(f, "%s=?UTF-8?B?", first ? "" : "\r\n ");
		base64_to(f, (const unsigned char *)s, k);
		fputs("?=", f);
		s += k, first = 0;
	} while (*s);
}

/* The body's lines, each of at most 76 characters of base64. */
static void body_to(FILE *f, const char *s)
{
	for (size_t n = strlen(s); n > 0; ) {
		size_t k = n < LINE_BYTES ? n : LINE_BYTES;

		base64_to(f, (const unsigned char *)s, k);
		fputs("\r\n", f);
		s += k, n -= k;
	}
}

char *mail_message(const struct mail_relay *r, const struct outbox_msg *m, time_t now,
                   size_t *len, struct err *e)
{
	const char *domain = strchr(r->from, '@');
	char date[64], *buf = NULL;
	struct tm tm;
	FILE *f;

	/* The address stays out of the reason: it is logged, and shown to staff. */
	if (!plain_address(m->recipient))
		return err_core(e, ERR_INVALID, NULL, "not an address to mail (%zu bytes)",
		                strlen(m->recipient)), NULL;
	localtime_r(&now, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S %z", &tm);
	if (!(f = open_memstream(&buf, len)))
		return err_internal(e, "mail: open_memstream failed"), NULL;
	fprintf(f, "Date: %s\r\nFrom: ", date);
	if (*r->from_name) {
		words_to(f, r->from_name);
		fputc(' ', f);
	}
	fprintf(f, "<%s>\r\nTo: <%s>\r\nSubject: ", r->from, m->recipient);
	words_to(f, m->subject);
	fprintf(f, "\r\nMessage-ID: <outbox-%lld%s>\r\nMIME-Version: 1.0\r\n"
	        "Content-Type: text/plain; charset=UTF-8\r\n"
	        "Content-Transfer-Encoding: base64\r\n\r\n", m->id, domain);
	body_to(f, m->body);
	if (fclose(f) != 0) {
		free(buf);
		return err_internal(e, "mail: the message could not be written"), NULL;
	}
	return buf;
}

/* The message's bytes, as libcurl reads them. */
struct upload {
	const char *p;
	size_t      left;
};

static size_t read_upload(char *to, size_t size, size_t n, void *arg)
{
	struct upload *u = arg;
	size_t k = size * n < u->left ? size * n : u->left;

	memcpy(to, u->p, k);
	u->p += k, u->left -= k;
	return k;
}

/* One message through the relay: 0, or -1 with why (ERR_INVALID when the relay said never). */
static int send_one(CURL *h, const struct mail_relay *r, const struct outbox_msg *m,
                    struct err *e)
{
	char from[300], to[300], why[CURL_ERROR_SIZE] = "";
	struct curl_slist *rcpt = NULL;
	struct upload u;
	size_t len;
	char *msg = mail_message(r, m, time(NULL), &len, e);
	long code = 0;
	CURLcode rc;

	if (!msg)
		return -1;
	snprintf(from, sizeof from, "<%s>", r->from);
	snprintf(to, sizeof to, "<%s>", m->recipient);
	rcpt = curl_slist_append(NULL, to);
	u = (struct upload){ msg, len };
	curl_easy_setopt(h, CURLOPT_URL, r->url);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
	curl_easy_setopt(h, CURLOPT_READDATA, &u);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, r->timeout);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, why);
	curl_easy_setopt(h, CURLOPT_USE_SSL,
	                 r->starttls ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_TRY);
	if (r->user && *r->user) {
		curl_easy_setopt(h, CURLOPT_USERNAME, r->user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, r->password ? r->password : "");
	}
	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	curl_slist_free_all(rcpt);
	free(msg);
	if (rc == CURLE_OK)
		return 0;
	/*
	 * Only a 5xx to this message's recipient is "never" for it. A 5xx to the sign-in, STARTTLS
	 * or the sender is the relay's setup, and every message would meet it: tried again later.
	 */
	return err_core(e, rc == CURLE_SEND_ERROR && code >= 500 && code < 600 &&
	                   strncmp(why, "RCPT", 4) == 0 ? ERR_INVALID : ERR_BUSY, NULL,
	                "smtp %ld: %s", code, *why ? why : curl_easy_strerror(rc));
}

/* Each message of a run through one connection, which libcurl keeps open between them. */
static int mail_send(const struct outbox_sender *s, const struct outbox_msg *m, struct err *e)
{
	struct mail_relay *r = s->arg;

	if (!r->curl && !(r->curl = curl_easy_init()))
		return err_internal(e, "mail: curl_easy_init failed");
	curl_easy_reset(r->curl);
	return send_one(r->curl, r, m, e);
}

struct outbox_sender mail_sender(struct mail_relay *r)
{
	return (struct outbox_sender){ "smtp", mail_send, r };
}

void mail_relay_close(struct mail_relay *r)
{
	if (r->curl)
		curl_easy_cleanup(r->curl);
	r->curl = NULL;
}
