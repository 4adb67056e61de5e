/*
 * throttle.h — failed logins are counted per account and per client network (an IPv4 address, an
 * IPv6 /64); from a browser that has signed in to the account before (a known device, device.h),
 * per device alone. After a few, each further attempt must wait longer (slowed); after more, they
 * are refused for THROTTLE_LOCK seconds. Counts fade after THROTTLE_WINDOW seconds without a
 * failure. A network gets more free tries than an account: many people share one behind NAT. A
 * known device is counted apart so that nobody can lock its owner out by failing from elsewhere.
 */
#ifndef TX_THROTTLE_H
#define TX_THROTTLE_H

#include "config.h"
#include "db.h"

#define THROTTLE_WINDOW 900
#define THROTTLE_LOCK 900
#define THROTTLE_FREE_ACCOUNT 3
#define THROTTLE_FREE_ADDR 20
#define THROTTLE_FREE_DEVICE 3

/*
 * The policy: after failures failed attempts, how long the next one must wait after the last
 * failure. Up to free failures, no wait; then 2, 4, 8, 16 and 32 seconds; from free + 5 on,
 * THROTTLE_LOCK.
 */
long long throttle_wait(long long failures, int free_tries);

/*
 * What a limit counts under: a keyed BLAKE2b of kind and what (an address, a login), so that no
 * table of limits holds a login or an address in clear, and nobody without Secrets.HashKey can
 * tell whose a row is.
 */
void throttle_subject(const struct config *cfg, const char *kind, const char *what,
                      unsigned char out[32]);

/*
 * Whether a login attempt may go ahead now: 0 if so, else 1 with *wait seconds to go. An attempt
 * from a known device (device: its name, as device.h gives it) answers for that device alone; any
 * other (device NULL) for the account (login) and the client's network (net: request.remote_net).
 */
int throttle_check(struct db *db, const struct config *cfg, const char *login, const char *net,
                   const char *device, long long *wait, struct err *e);

/*
 * Inside a transaction: lock the account's counter row (creating it), so that parallel attempts on
 * one account are checked and counted one after another, and a burst of guesses cannot all pass the
 * check before any is counted.
 */
int throttle_lock(struct db *db, const struct config *cfg, const char *login, struct err *e);

/*
 * Count one use of kind ("signup", "reset") by what (an address, a login): 0 while at most max uses
 * fall within THROTTLE_WINDOW of each other, else 1 with *wait the seconds to wait.
 */
int throttle_use(struct db *db, const struct config *cfg, const char *kind, const char *what,
                 int max, long long *wait, struct err *e);

/* Count a failed attempt against what it was checked against: device, or account and network. */
int throttle_fail(struct db *db, const struct config *cfg, const char *login, const char *net,
                  const char *device, struct err *e);

/*
 * A successful login clears the known device's count, or else the account's; never the network's
 * (one right password must not unlock guessing from it). A known device's success leaves the
 * account's count alone: the owner signing in must not reopen the account to someone guessing.
 */
int throttle_clear(struct db *db, const struct config *cfg, const char *login, const char *device,
                   struct err *e);

/* Forget counters a day without a failure (long past THROTTLE_WINDOW); the sweep calls this. */
int throttle_sweep(struct db *db, struct err *e);

#endif
