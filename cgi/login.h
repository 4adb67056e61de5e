/*
 * login.h — one sign-in attempt, for donors and staff alike: throttled per account and network, or
 * per device from a browser that has signed in to the account before (device.h); attempts on one
 * account one at a time; an unknown account checked against a dummy hash; the hash renewed when its
 * parameters are old; and on success a new session, the browser remembered as one of the account's
 * devices. The realm (c->who.realm) says which accounts and sessions.
 */
#ifndef TX_LOGIN_H
#define TX_LOGIN_H

#include "ctx.h"
#include "passwd.h"
#include "regions.h"

/* Room for a display name (32 characters, up to four bytes each) and a staff role's name. */
#define ACCOUNT_NAME_MAX 132
#define ACCOUNT_ROLE_MAX 12

/* An account as the login needs it. */
struct account {
	long long id;
	char      hash[PASSWD_HASH_MAX];
	char      name[ACCOUNT_NAME_MAX];
	char      role[ACCOUNT_ROLE_MAX], region[REGION_CODE_SIZE];   /* staff only */
};

/* The two kinds of account: where they live. */
struct account_table {
	const char *find;     /* SELECT id, pw_hash, display_name, role, region_code ... WHERE
	                       * <login> = ? */
	const char *rehash;   /* UPDATE ... SET pw_hash = ? WHERE id = ? */
	const char *prefix;   /* for the throttle: donor logins and staff usernames never share a
	                       * counter */
	/*
	 * What an attempt leaves on record, in its own transaction (NULL: nothing more than the
	 * throttle's counts).
	 */
	int (*record)(struct db *db, struct ctx *c, const char *login, int ok, struct err *e);
};

extern const struct account_table DONOR_ACCOUNTS, STAFF_ACCOUNTS;

enum login_result { LOGIN_OK, LOGIN_WRONG, LOGIN_THROTTLED };

/*
 * Try login and password (c->f[K_PASSWORD]) against table. On LOGIN_OK the session is started and
 * *who filled; LOGIN_THROTTLED sets *wait to the seconds to wait. -1 on error (c->err).
 */
int login_attempt(struct ctx *c, const struct account_table *table, const char *login,
                  enum login_result *res, long long *wait);

/* The page text for a throttled login, into buf. */
const char *login_wait_text(long long wait, char *buf, size_t n);
/* Room for login_wait_text's message. */
#define LOGIN_WAIT_TEXT_MAX 160

#endif
