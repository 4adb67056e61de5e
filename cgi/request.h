/* request.h — the request as handlers see it: method, path, and percent-decoded, UTF-8-checked parameters. */
#ifndef TX_REQUEST_H
#define TX_REQUEST_H

#include <stddef.h>
#include <fcgiapp.h>

#include "err.h"

/* Parameters beyond this many in one request are refused with 400: no form of ours needs more. */
#define REQ_MAX_PARAMS 256

struct kv {
	char  *key;
	char  *val;   /* NUL-terminated; never contains NUL itself */
	size_t vlen;
};

struct kvlist {
	struct kv *v;
	size_t     n, cap;
};

struct request {
	char *method;        /* "GET", "POST", ... */
	char *path;          /* decoded path without the query string */
	char *query;         /* raw query string, "" if none */
	char *remote_addr;
	char *content_type;
	char *cookie;        /* the Cookie header, "" if none */
	long  content_length;
	char *body;          /* url-encoded form body, NUL-terminated; NULL if none */
	struct kvlist params; /* query string then form body, in order */
};

/*
 * Percent-decode in[0..len) into out (which must hold len+1 bytes), turning '+' into a space when plus is set.
 * Returns the decoded length, or -1 on a malformed escape.
 */
long pct_decode(const char *in, size_t len, char *out, int plus);

/* Whether s[0..len) is well-formed UTF-8: no overlong forms, surrogates, or code points past U+10FFFF. */
int utf8_valid(const unsigned char *s, size_t len);

/* Whether s[0..len) is free of control bytes (and DEL); tab, CR and LF are allowed when allow_breaks. */
int clean_text(const char *s, size_t len, int allow_breaks);

/*
 * Parse an application/x-www-form-urlencoded string and append its pairs to out.
 * Rejects (400) bad escapes, invalid UTF-8, NUL and other control bytes (tab, CR and LF are allowed in values),
 * and more than REQ_MAX_PARAMS pairs.
 */
int form_parse(const char *s, size_t len, struct kvlist *out, struct err *e);

/* The first value for key, or NULL. */
const char *kvlist_get(const struct kvlist *l, const char *key);
void kvlist_free(struct kvlist *l);

/*
 * Fill req from a FastCGI request: copy the CGI variables (they die at FCGX_Finish_r), and read and parse a form
 * body of at most max_body bytes (413 beyond it; 415 for a body that is not a url-encoded form).
 */
int request_read(FCGX_Request *fr, struct request *req, long max_body, struct err *e);
void request_free(struct request *req);

#endif
