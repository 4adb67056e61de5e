/*
 * device.h — browsers that have signed in to an account before. A successful sign-in leaves a
 * device cookie for that account (one per account: a browser may know several): a random id of
 * its own, bound to the realm and the account by a signature under a key derived for this alone,
 * kept a year from its latest sign-in, and sent only to the realm's login page. The database keeps
 * the ids it issued, so that they can be forgotten. A sign-in attempt from a known device is
 * throttled by that device alone (throttle.h): failures from elsewhere never lock its owner out.
 *
 * A device cookie is not a credential: without the password it only buys its holder a throttled
 * guessing budget of its own. Stolen with the password, it is worth what the password is; so a
 * password set anew (a donor's reset link, a manager's new password for staff) forgets every device
 * of the account, and so does closing a staff account: whoever copied the browser is a stranger
 * again, and the owner's next sign-in makes its browser known once more.
 */
#ifndef TX_DEVICE_H
#define TX_DEVICE_H

#include "purge.h"
#include "ctx.h"

#define DEVICE_ID_BYTES 16
#define DEVICE_NAME_MAX 32        /* room for a device cookie's name */
#define DEVICE_COOKIE_LEN 64      /* base64url (no padding) of the id and its 32-byte signature */
#define DEVICE_DAYS 365           /* unused this long, a device is forgotten (its cookie is gone) */

/* A browser as a sign-in attempt on one account sees it. */
struct device {
	int           known;                          /* has a live device cookie for the account */
	unsigned char id[DEVICE_ID_BYTES];
	char          name[2 * DEVICE_ID_BYTES + 1];  /* the id in hex, as the throttle counts it */
};

/* Whether the browser (c->req's cookies) is a known device of account in c->who.realm; fills *d. */
int device_of(struct db *db, struct ctx *c, long long account, struct device *d, struct err *e);

/* After a successful sign-in: a known device is kept another year, another browser becomes one. */
int device_remember(struct db *db, struct ctx *c, long long account, const struct device *d,
                    struct err *e);

/* Forget every device of an account (a new password, a closed staff account). */
int device_forget_all(struct db *db, enum realm realm, long long account, struct err *e);

/* The sweep's purge of these rows: purge.h. */

/* The building blocks, exposed for unit tests. */
/* The device cookie's name for account in realm. */
void device_cookie_name(enum realm realm, long long account, char out[DEVICE_NAME_MAX]);
/* Its value for device id: the id and its signature over realm and account under key. */
void device_cookie(const unsigned char key[KEY_BYTES], enum realm realm, long long account,
                   const unsigned char id[DEVICE_ID_BYTES], char out[DEVICE_COOKIE_LEN + 1]);
/* The id in a cookie value of len bytes, if signed under key for realm and account; else -1. */
int device_cookie_id(const unsigned char key[KEY_BYTES], enum realm realm, long long account,
                     const char *value, size_t len, unsigned char id[DEVICE_ID_BYTES]);

#endif
