/*
 * session.h — who is asking. A signed-in donor holds a session cookie: 32 random bytes, of which
 * the database keeps only a hash. Every other browser that gets a form gets a visitor cookie. Each
 * form carries a CSRF token derived from whichever cookie the browser has, under a server key, so
 * it cannot be forged from another site; and masked afresh for every response, so that a compressed
 * page that also echoes input never carries the same string twice (BREACH cannot recover it byte by
 * byte).
 */
#ifndef TX_SESSION_H
#define TX_SESSION_H

#include "purge.h"
#include "ctx.h"

#define SESSION_COOKIE "tx_s"
#define STAFF_COOKIE "tx_a"
#define VISITOR_COOKIE "tx_v"
#define TOKEN_BYTES 32
#define TOKEN_B64_LEN 43   /* base64url without padding */
#define CSRF_BYTES 32
/* A form's token: base64url (no padding) of a random mask and the secret XORed with it. */
#define CSRF_MASKED_LEN 86

/*
 * Read the browser's cookies into c->who for realm (donors, or staff on /admin pages, with separate
 * cookies and tables): a live session (idle no longer than the realm's idle limit, younger than its
 * maximum age) signs the account in. With issue_visitor, a browser with neither cookie is given a
 * visitor cookie, so that the page's forms have a token. Sets c->who.csrf (the secret: pages show
 * it masked, csrf_mask).
 */
int session_read(struct ctx *c, enum realm realm, int issue_visitor);

/*
 * Sign an account of c->who.realm in: a new session, replacing the one the browser had (a session
 * id planted before login is worthless). role and region are a staff member's, NULL for a donor.
 */
int session_start(struct ctx *c, long long id, const char *name, const char *role,
                  const char *region);

/* Sign out: the session is deleted and the cookie cleared. */
int session_end(struct ctx *c);

/* End every session of one account (after a password reset). */
int session_end_all(struct db *db, enum realm realm, long long id, struct err *e);

/* Whether given is the browser's CSRF token: any masking of its secret (constant-time). */
int session_csrf_ok(const struct ctx *c, const char *given);

/* The sweep's purge of these rows: purge.h. */

/* Set cookie name to value for path: HttpOnly, SameSite=Lax, Secure with Site.Https. */
void cookie_set(struct ctx *c, const char *name, const char *path, const char *value, int max_age);
/* The value of cookie name in a Cookie header, *len bytes (not NUL-terminated); NULL if absent. */
const char *cookie_value(const char *header, const char *name, size_t *len);

/* The building blocks, exposed for unit tests. */
void token_new(unsigned char token[TOKEN_BYTES]);
void token_hash(const unsigned char token[TOKEN_BYTES], unsigned char out[32]);
void token_b64(const unsigned char token[TOKEN_BYTES], char out[TOKEN_B64_LEN + 1]);
/*
 * The token in cookie name of a Cookie header; -1 if absent or not exactly a base64url 32-byte
 * token.
 */
int cookie_token(const char *header, const char *name, unsigned char token[TOKEN_BYTES]);
/* The CSRF secret for a session ('s', staff 'a') or visitor ('v') token: a keyed BLAKE2b of it. */
void csrf_token(const unsigned char key[32], char kind, const unsigned char token[TOKEN_BYTES],
                unsigned char out[CSRF_BYTES]);
/* The secret as one response's forms carry it: a fresh random mask, the secret XORed with it. */
void csrf_mask(const unsigned char secret[CSRF_BYTES], char out[CSRF_MASKED_LEN + 1]);
/* The secret inside a masked token; -1 if given is not one in form (length, alphabet). */
int csrf_unmask(const char *given, unsigned char secret[CSRF_BYTES]);

#endif
