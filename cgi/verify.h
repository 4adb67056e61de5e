/*
 * verify.h — a donor proves that the login (an e-mail address or a mobile number) is theirs
 * before their first hold: a six-digit code sent to it through the outbox, good for
 * VERIFY_MINUTES and VERIFY_TRIES wrong guesses, and to an e-mail address a link as well.
 * Throwaway accounts then cost a working mailbox or phone each, and receipts and reminders reach
 * their donor. Codes are kept only under a keyed hash and compared in constant time.
 */
#ifndef TX_VERIFY_H
#define TX_VERIFY_H

#include "purge.h"
#include "ctx.h"

#define VERIFY_MINUTES 15
#define VERIFY_TRIES 5
#define VERIFY_DIGITS 6
/* Room for a message about a refused code, and for a login. */
#define VERIFY_MSG_MAX   160
#define VERIFY_LOGIN_MAX 256
#define VERIFY_EXPIRES_MAX 8

/* Where the signed-in donor's verification stands, for the page. */
struct verify_state {
	int  verified;
	int  live;            /* a code was sent, is unexpired and has tries left */
	int  tries_left;
	char login[VERIFY_LOGIN_MAX];
	char expires[VERIFY_EXPIRES_MAX];   /* HH:MM the live code runs out */
};
int verify_state(struct ctx *c, struct verify_state *s);

/*
 * Send a new code to the signed-in donor's login (to an e-mail address with a link that leads
 * on to next, which may be NULL), replacing any code sent before. *refused is 1, and nothing is
 * sent, when codes were asked for too often (Throttle.CodesPerLogin for the login,
 * Throttle.CodesPerAddress for the client's network).
 */
int verify_send(struct ctx *c, const char *next, int *refused);

enum verify_result {
	VERIFY_OK,       /* the login is verified (now, or already was) */
	VERIFY_WRONG,    /* not the code; tries remain */
	VERIFY_SPENT,    /* VERIFY_TRIES wrong codes: this one is dead, a new one is needed */
	VERIFY_EXPIRED,  /* older than VERIFY_MINUTES */
	VERIFY_NONE,     /* no code was sent */
};

/*
 * Check a code the signed-in donor typed. Wrong guesses are counted under the code's row lock, so
 * parallel guesses get VERIFY_TRIES in all; *tries_left says how many remain after a wrong one.
 */
int verify_code(struct ctx *c, const char *code, enum verify_result *res, int *tries_left);

/* Whether the mailed link with token (64 hex digits, validated) is live: 0, or 404 in c->err. */
int verify_link_live(struct ctx *c, const char *token);

/*
 * Verify the login of the link's donor, whoever opens it (the link proves the mailbox); *donor gets
 * whose it was. 404 if the link is dead.
 */
int verify_link(struct ctx *c, const char *token, long long *donor);

/* The sweep's purge of these rows: purge.h. */

#endif
