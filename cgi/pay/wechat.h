/*
 * wechat.h — WeChat Pay (微信支付) API v3 as a payment provider: Native (a QR code on our own page,
 * /pay/wechat/{order}) on a desktop, H5 in a phone's browser; notifications, query, close and
 * refund. Requests are signed WECHATPAY2-SHA256-RSA2048 with the merchant's key; answers and
 * notifications are verified with the platform's public key, and a notification's resource is
 * decrypted with the APIv3 key (AEAD_AES_256_GCM).
 *
 * Settings (conf/tongxiang.hdf): Pay.WeChat.BaseURL, MchId, AppId, SerialNo (the merchant
 * certificate's serial), PlatformSerial and PlatformKey (PEM), CAFile (optional: a CA bundle for
 * HTTPS to BaseURL). Secrets: Secrets.WeChat.PrivateKey (PEM), Secrets.WeChat.APIv3Key (32
 * characters).
 */
#ifndef TX_PAY_WECHAT_H
#define TX_PAY_WECHAT_H

#include <stddef.h>

#include "../pay.h"

extern const struct pay_provider WECHAT_PROVIDER;

/*
 * Place order o with WeChat Pay: Native (its code_url, for a QR code, into url), or with h5 set H5
 * for a phone's browser at o->browser's address (its h5_url). Asked again for the same order it
 * gives the same.
 */
int wechat_prepay(const struct config *cfg, const struct pay_order *o, int h5, char *url,
                  size_t n, struct err *e);

/* A notification's timestamp further than this from our clock is refused (a replay). */
#define WX_SKEW_SECONDS 300

/* An RSA-2048 signature in base64: 344 characters. */
#define WX_SIG_B64_MAX 512

/*
 * The SHA256-with-RSA (PKCS#1 v1.5) signature of msg under the PEM private key, base64 into sig.
 */
int wx_sign(const char *key_pem, const char *msg, size_t len, char sig[WX_SIG_B64_MAX],
            struct err *e);

/* Whether pub_pem is a public key OpenSSL can read. */
int wx_key_loads(const char *pub_pem);

/* Whether sig (base64) is the signature of msg under the PEM public key: 0 if so, else -1. */
int wx_verify(const char *pub_pem, const char *msg, size_t len, const char *sig);

/*
 * AEAD_AES_256_GCM: decrypt ciphertext (base64 of the encrypted bytes and their 16-byte tag) under
 * key (32 bytes), nonce and associated data; the plaintext, NUL-terminated, into a new buffer
 * *out (the caller frees it). -1 if it does not authenticate.
 */
int wx_decrypt(const unsigned char key[32], const char *nonce, const char *ad,
               const char *ciphertext, char **out, size_t *outlen);

#endif
