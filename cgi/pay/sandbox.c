/*
 * sandbox.c — the sandbox payment provider: Ed25519-signed notifications, and its own books for
 * queries and refunds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "../core/rows.h"
#include "../keys.h"
#include "../log.h"
#include "../util.h"
#include "sandbox.h"

#define SIG_HEX (crypto_sign_BYTES * 2)
#define SIG_TAIL "&sig="
/* An amount in fen in a notice: at most this many digits. */
#define AMOUNT_DIGITS_MAX 12

static int sb_create(const struct config *cfg, const struct pay_order *o, char *url, size_t n,
                     struct err *e)
{
	(void)cfg;
	if ((size_t)snprintf(url, n, "/pay/sandbox/%s", o->order_no) >= n)
		return err_core(e, ERR_INTERNAL, NULL, "sandbox: payment URL too long");
	return 0;
}

int sandbox_notice(const struct config *cfg, const struct pay_notice *n, const char *paid_at,
                   STRING *body, struct err *e)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	unsigned char sig[crypto_sign_BYTES];
	char hex[SIG_HEX + 1];
	int start = body->len;

	if (!cfg->has_sandbox_seed)
		return err_core(e, ERR_INTERNAL, NULL,
		                "sandbox: Secrets.SandboxSeed is not set, so the sandbox cannot "
		                "sign");
	crypto_sign_seed_keypair(pk, sk, cfg->sandbox_seed);
	string_appendf(body, "order=%s&txn=%s&amount_fen=%lld&paid_at=", n->order_no, n->txn,
	               n->amount_fen);
	/* "YYYY-MM-DD HH:MM:SS": the space is the one character that needs encoding. */
	for (const char *p = paid_at; *p; p++)
		string_append(body, *p == ' ' ? "+" : (char[]){ *p, 0 });
	crypto_sign_detached(sig, NULL, (const unsigned char *)body->buf + start,
	                     (unsigned long long)(body->len - start), sk);
	sodium_memzero(sk, sizeof sk);
	sodium_bin2hex(hex, sizeof hex, sig, sizeof sig);
	string_appendf(body, SIG_TAIL "%s", hex);
	return 0;
}

/*
 * The value of key in a url-encoded body we have already verified; copied into out, at most n-1
 * bytes.
 */
static int field(const struct kvlist *l, const char *key, char *out, size_t n)
{
	const char *v = kvlist_get(l, key);

	if (!v || strlen(v) >= n)
		return -1;
	memcpy(out, v, strlen(v) + 1);
	return 0;
}

int sandbox_verify(const unsigned char pk[32], const char *body, size_t len, struct pay_notice *n,
                   struct err *e)
{
	size_t tail = strlen(SIG_TAIL) + SIG_HEX, mlen;
	unsigned char sig[crypto_sign_BYTES];
	struct kvlist l = { 0 };
	char amount[24], paid_at[24];
	long long fen;
	int rc = -1;

	if (!body || len <= tail || memcmp(body + len - tail, SIG_TAIL, strlen(SIG_TAIL)) != 0)
		return err_core(e, ERR_INVALID, NULL, "sandbox notice without a signature");
	mlen = len - tail;
	if (sodium_hex2bin(sig, sizeof sig, body + mlen + strlen(SIG_TAIL), SIG_HEX, NULL, NULL,
	                   NULL) != 0 ||
	    crypto_sign_verify_detached(sig, (const unsigned char *)body, mlen, pk) != 0)
		return err_core(e, ERR_INVALID, NULL, "sandbox notice with a bad signature");
	/* Signed by the provider; still, nothing in it is used before it has been checked. */
	if (form_parse(body, mlen, &l, e) < 0)
		goto done;
	memset(n, 0, sizeof *n);
	if (field(&l, "order", n->order_no, sizeof n->order_no) < 0 ||
	    !is_base32(n->order_no, ORDER_NO_LEN) ||
	    field(&l, "txn", n->txn, sizeof n->txn) < 0 || !is_base32(n->txn, SANDBOX_TXN_LEN) ||
	    field(&l, "amount_fen", amount, sizeof amount) < 0 ||
	    parse_uint(amount, AMOUNT_DIGITS_MAX, &fen) < 0 || fen <= 0 ||
	    field(&l, "paid_at", paid_at, sizeof paid_at) < 0) {
		err_core(e, ERR_INVALID, NULL, "sandbox notice with missing or malformed fields");
		goto done;
	}
	n->amount_fen = fen;
	rc = 0;
done:
	kvlist_free(&l);
	return rc;
}

static int sb_verify(const struct config *cfg, const struct pay_message *m, struct pay_notice *n,
                     struct err *e)
{
	if (!cfg->has_sandbox_pk)
		return err_core(e, ERR_INTERNAL, NULL, "sandbox: Pay.Sandbox.PublicKey is not set");
	return sandbox_verify(cfg->sandbox_pk, m->body, m->body ? m->len : 0, n, e);
}

static int sb_query(const struct config *cfg, struct db *db, const char *order_no,
                    struct pay_notice *n, struct err *e)
{
	struct dbp p[] = { P_STR(order_no) };
	const struct var cols[] = { VAR_STR(n->txn), VAR_LL(&n->amount_fen) };
	int found;

	(void)cfg;
	memset(n, 0, sizeof *n);
	if ((found = row_get(db, "SELECT txn, amount_fen FROM sandbox_payments "
	                     "WHERE order_no = ? AND refunded_at IS NULL",
	                     p, nitems(p), cols, nitems(cols), e)) <= 0)
		return found;
	snprintf(n->order_no, sizeof n->order_no, "%s", order_no);
	return 1;
}

/* Closed on its books first, then its payment looked for: a Pay click that came first is found. */
static int sb_close(const struct config *cfg, struct db *db, const char *order_no,
                    struct pay_notice *n, struct err *e)
{
	struct dbp p[] = { P_STR(order_no) };

	if (db_exec(db, "INSERT IGNORE INTO sandbox_closed (order_no) VALUES (?)", p, nitems(p),
	            NULL, e) < 0)
		return -1;
	return sb_query(cfg, db, order_no, n, e);
}

static int sb_refund(const struct config *cfg, struct db *db, const struct pay_notice *paid,
                     long long amount_fen, const char *refund_no, struct err *e)
{
	struct dbp p[] = { P_STR(refund_no), P_STR(paid->txn), P_INT(amount_fen) };
	struct dbp q[] = { P_STR(paid->txn), P_STR(refund_no) };
	unsigned long long n;
	long long before;

	(void)cfg;
	if (db_exec(db,
	            "UPDATE sandbox_payments SET refunded_at = NOW(), refund_no = ? WHERE txn = ? "
	            "AND amount_fen = ? AND refunded_at IS NULL", p, nitems(p), &n, e) < 0)
		return -1;
	if (n) {
		log_info("sandbox refunded txn %s: %lld fen as %s", paid->txn, amount_fen,
		         refund_no);
		return 0;
	}
	/*
	 * Refunded already: under this number it is the same refund asked again, and done; under
	 * another, a second.
	 */
	if (db_query_int(db,
	                 "SELECT COUNT(*) FROM sandbox_payments WHERE txn = ? AND refund_no = ?",
	                 q, nitems(q), &before, e) < 0)
		return -1;
	if (before)
		return 0;
	return err_core(e, ERR_CONFLICT, NULL, "sandbox: nothing to refund for txn %s, %lld fen",
	                paid->txn, amount_fen);
}

const struct pay_provider SANDBOX_PROVIDER = {
	.name = "sandbox",
	.label = "沙箱支付（演示）",
	.ack = "success",
	.demo_only = 1,
	.create = sb_create,
	.verify = sb_verify,
	.query = sb_query,
	.close = sb_close,
	.refund = sb_refund,
};
