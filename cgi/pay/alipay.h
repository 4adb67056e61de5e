/*
 * alipay.h — Alipay (支付宝 open API, RSA2) as a payment provider: page pay on a desktop, WAP
 * pay in a phone's browser, the asynchronous notification, and alipay.trade.query, .close and
 * .refund.
 *
 * Settings (conf/tongxiang.hdf, Pay.Alipay): AppId, Gateway (the open API's URL), PublicKeyFile
 * (Alipay's public key, that notices and answers are verified with), CAFile (optional: the CA
 * its TLS certificate is checked against), NotifyMaxHours; and Secrets.AlipayPrivateKeyFile, our
 * private key that every request is signed with. A key file holds PEM, or the bare base64 of the
 * key's DER as Alipay's console gives it out.
 */
#ifndef TX_PAY_ALIPAY_H
#define TX_PAY_ALIPAY_H

#include <ClearSilver.h>
#include <openssl/evp.h>

#include "../pay.h"
#include "../request.h"

extern const struct pay_provider ALIPAY_PROVIDER;

/* An amount in yuan as Alipay writes it ("3000.00"): its longest, and a NUL. */
#define ALIPAY_AMOUNT_MAX 24

/*
 * The text Alipay signs of a set of parameters: sorted by key, "k=v" joined with "&", values as
 * they are (not url-encoded), empty values and sign left out, and sign_type too when notice is
 * set (a notification's rule; a request signs its sign_type). Appended to out.
 */
void alipay_sign_text(const struct kvlist *l, int notice, STRING *out);

/* The key in text (PEM, or base64 DER): a private one (PKCS#8 or PKCS#1) or a public one. */
EVP_PKEY *alipay_key_parse(const char *text, size_t len, int private);

/*
 * RSA2 (SHA256withRSA, PKCS#1 v1.5) of msg[0..len) under private key k, in base64, appended to
 * out.
 */
int alipay_sign(EVP_PKEY *k, const char *msg, size_t len, STRING *out);

/* Whether sig64 (base64) is public key k's RSA2 signature of msg[0..len): 0 if it is. */
int alipay_check(EVP_PKEY *k, const char *msg, size_t len, const char *sig64);

/* fen as yuan with two decimals, exactly ("0.01", "3000.00"); never through a float. */
void alipay_yuan(long long fen, char out[ALIPAY_AMOUNT_MAX]);

/*
 * An amount in yuan as Alipay sends it (digits, then at most two decimals after a point) into fen;
 * -1 if malformed, zero or absurdly large.
 */
int alipay_fen(const char *yuan, long long *fen);

/*
 * The value of key among the members of the JSON object s[0..len) (its braces included): *v and
 * *vlen point at the value's text as sent (a string with its quotes). -1 if absent or malformed.
 */
int alipay_json_member(const char *s, size_t len, const char *key, const char **v, size_t *vlen);

/*
 * The string value of key in the JSON object s[0..len), unescaped, into out (at most n-1 bytes);
 * -1 if absent, not a string, too long, or escaped beyond \" \\ \/.
 */
int alipay_json_str(const char *s, size_t len, const char *key, char *out, size_t n);

#endif
