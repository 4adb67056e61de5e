/* request.h — the request as handlers see it: method, path, decoded and checked parameters. */
#ifndef TX_REQUEST_H
#define TX_REQUEST_H

#include <stddef.h>
#include <fcgiapp.h>

#include "err.h"

/* Parameters beyond this many in one request are refused with 400: no form of ours needs more. */
#define REQ_MAX_PARAMS 256
/* Room for a client's network as text (an IPv6 address's /64 the longest). */
#define REQ_NET_MAX 48
/*
 * A multipart body (a file upload) beyond this is refused with 413: the ledger's 20 MB, and its
 * form around it.
 */
#define REQ_MAX_UPLOAD (21L * 1024 * 1024)
/* A photo's upload: the file (5 MB at most, core/photos.h) and room for the form around it. */
#define REQ_MAX_PHOTO_UPLOAD (5L * 1024 * 1024 + 64 * 1024)

/* An upload a route takes: the name of its one file field, and the most its whole body may be. */
struct upload_rule {
	const char *field;
	long        max_body;
};

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
	/* who counts as one client for limits: the IPv4 address, or an IPv6 address's /64 */
	char  remote_net[REQ_NET_MAX];
	char *content_type;
	char *cookie;        /* the Cookie header, "" if none */
	/* What its User-Agent says the browser is: a phone's; WeChat's own (MicroMessenger). */
	unsigned phone : 1, wechat : 1;
	long  content_length;
	char *body;          /* the form body, NUL-terminated; NULL if none */
	const char *upload;  /* a multipart body's file (the route's field), pointing into body;
	                      * NULL if none */
	size_t upload_len;
	struct kvlist params; /* query string then form body, in order */
};

/*
 * Percent-decode in[0..len) into out (which must hold len+1 bytes), turning '+' into a space when
 * plus is set. Returns the decoded length, or -1 on a malformed escape.
 */
long pct_decode(const char *in, size_t len, char *out, int plus);

/*
 * Whether s[0..len) is well-formed UTF-8: no overlong forms, surrogates, or code points past
 * U+10FFFF.
 */
int utf8_valid(const unsigned char *s, size_t len);

/*
 * Whether s[0..len) is free of control bytes (and DEL); tab, CR and LF are allowed when
 * allow_breaks.
 */
int clean_text(const char *s, size_t len, int allow_breaks);

/*
 * Parse an application/x-www-form-urlencoded string and append its pairs to out. Rejects (400) bad
 * escapes, invalid UTF-8, NUL and other control bytes (tab, CR and LF are allowed in values), and
 * more than REQ_MAX_PARAMS pairs.
 */
int form_parse(const char *s, size_t len, struct kvlist *out, struct err *e);

/*
 * Add a key and value (copied) after the checks form_parse makes: UTF-8, no control bytes, not too
 * many.
 */
int param_add(struct kvlist *out, const char *key, size_t klen, const char *val, size_t vlen,
              struct err *e);

/*
 * Parse a multipart/form-data body (ctype carries its boundary): text fields go to params as
 * form_parse would put them; the one file field, named field, is left in body and pointed to by
 * *file (*flen bytes, any content). Malformed bodies, a second file or another file field get 400.
 */
int multipart_parse(const char *ctype, char *body, size_t len, const char *field,
                    struct kvlist *params, const char **file, size_t *flen, struct err *e);

/* The first value for key, or NULL. */
const char *kvlist_get(const struct kvlist *l, const char *key);
void kvlist_free(struct kvlist *l);

/*
 * The network a client address counts as for per-address limits: an IPv4 address itself (a dotted
 * quad, or an IPv4-mapped IPv6 address), an IPv6 address by its /64 ("2001:db8:1:2::/64"), since
 * one subscriber is handed a whole /64 and can use any address in it. Anything unparsable is kept
 * as it is.
 */
void addr_network(const char *addr, char *out, size_t n);

/*
 * Fill req from a FastCGI request: copy the CGI variables (they die at FCGX_Finish_r), the path and
 * the query.
 */
int request_read(FCGX_Request *fr, struct request *req, struct err *e);

/*
 * Read and parse the body, once the route is known: a url-encoded form of at most max_body bytes,
 * or, where the route takes an upload (up not NULL), a multipart form of at most up->max_body with
 * its file in up->field. Anything else is refused before it is read (413, 415).
 */
int request_body(FCGX_Request *fr, struct request *req, long max_body,
                 const struct upload_rule *up, struct err *e);
void request_free(struct request *req);

#endif
