/*
 * sandbox.h — the built-in sandbox payment provider. It behaves like the real ones: its pay page
 * takes the money, it tells the app by a server-to-server notification signed with Ed25519 (its
 * secret key, Secrets.SandboxSeed, is the provider's side; the app verifies with
 * Pay.Sandbox.PublicKey), and it refunds.
 *
 * A notification is a url-encoded body "order=…&txn=…&amount_fen=…&paid_at=…&sig=…": sig is 128 hex
 * digits, the detached Ed25519 signature of every byte before "&sig=".
 */
#ifndef TX_PAY_SANDBOX_H
#define TX_PAY_SANDBOX_H

#include <ClearSilver.h>

#include "../pay.h"

extern const struct pay_provider SANDBOX_PROVIDER;

/* The sandbox's transaction numbers: this many random base32 characters. */
#define SANDBOX_TXN_LEN 24

/*
 * The provider's side: the signed notification for a payment, appended to body. Needs
 * Secrets.SandboxSeed.
 */
int sandbox_notice(const struct config *cfg, const struct pay_notice *n, const char *paid_at,
                   STRING *body, struct err *e);

/*
 * The app's side: verify a notification body with public key pk and parse it into n (400 if forged
 * or malformed).
 */
int sandbox_verify(const unsigned char pk[32], const char *body, size_t len, struct pay_notice *n,
                   struct err *e);

#endif
