/* wxcrypto.c — WeChat Pay API v3's cryptography: SHA256-with-RSA signatures and AES-256-GCM. */
#include <string.h>
#include <stdint.h>
#include <stdlib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sodium.h>

#include "wechat.h"

#define GCM_TAG 16

/* A PEM key from memory: the private one (priv set) or the public one; NULL if unreadable. */
static EVP_PKEY *pem_key(const char *pem, int priv)
{
	BIO *b = BIO_new_mem_buf(pem, -1);
	EVP_PKEY *k;

	if (!b)
		return NULL;
	/* an encrypted key is refused with an empty password, never asked for at a tty */
	k = priv ? PEM_read_bio_PrivateKey(b, NULL, NULL, (void *)"")
	         : PEM_read_bio_PUBKEY(b, NULL, NULL, NULL);
	BIO_free(b);
	return k;
}

int wx_sign(const char *key_pem, const char *msg, size_t len, char sig[WX_SIG_B64_MAX],
            struct err *e)
{
	EVP_PKEY *k = key_pem ? pem_key(key_pem, 1) : NULL;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char raw[WX_SIG_B64_MAX];
	size_t n = sizeof raw;
	int ok;

	ok = k && md && EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, k) == 1 &&
	     EVP_DigestSign(md, raw, &n, (const unsigned char *)msg, len) == 1 &&
	     sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL) <= WX_SIG_B64_MAX;
	if (ok)
		sodium_bin2base64(sig, WX_SIG_B64_MAX, raw, n, sodium_base64_VARIANT_ORIGINAL);
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(k);
	return ok ? 0 : err_core(e, ERR_INTERNAL, NULL,
	                         "wechatpay: cannot sign (Secrets.WeChat.PrivateKey unreadable?)");
}

int wx_key_loads(const char *pub_pem)
{
	EVP_PKEY *k = pub_pem ? pem_key(pub_pem, 0) : NULL;

	EVP_PKEY_free(k);
	return k != NULL;
}

int wx_verify(const char *pub_pem, const char *msg, size_t len, const char *sig)
{
	unsigned char raw[WX_SIG_B64_MAX];
	size_t n;
	EVP_PKEY *k;
	EVP_MD_CTX *md;
	int ok;

	if (!pub_pem || !sig ||
	    sodium_base642bin(raw, sizeof raw, sig, strlen(sig), NULL, &n, NULL,
	                      sodium_base64_VARIANT_ORIGINAL) != 0)
		return -1;
	k = pem_key(pub_pem, 0);
	md = EVP_MD_CTX_new();
	ok = k && md && EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, k) == 1 &&
	     EVP_DigestVerify(md, raw, n, (const unsigned char *)msg, len) == 1;
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(k);
	return ok ? 0 : -1;
}

/* The GCM decryption of ct[0..n) (tag last) into out, which holds n - GCM_TAG bytes. */
static int gcm_open(const unsigned char key[32], const char *nonce, const char *ad,
                    const unsigned char *ct, size_t n, unsigned char *out)
{
	EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
	int len, ok;

	ok = x && n >= GCM_TAG && n - GCM_TAG < (size_t)INT32_MAX &&
	     EVP_DecryptInit_ex(x, EVP_aes_256_gcm(), NULL, NULL, NULL) == 1 &&
	     EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_GCM_SET_IVLEN, (int)strlen(nonce), NULL) == 1 &&
	     EVP_DecryptInit_ex(x, NULL, NULL, key, (const unsigned char *)nonce) == 1 &&
	     EVP_DecryptUpdate(x, NULL, &len, (const unsigned char *)ad, (int)strlen(ad)) == 1 &&
	     EVP_DecryptUpdate(x, out, &len, ct, (int)(n - GCM_TAG)) == 1 &&
	     EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_GCM_SET_TAG, GCM_TAG, (void *)(ct + n - GCM_TAG)) ==
	     1 && EVP_DecryptFinal_ex(x, out + len, &len) == 1;
	EVP_CIPHER_CTX_free(x);
	return ok ? 0 : -1;
}

int wx_decrypt(const unsigned char key[32], const char *nonce, const char *ad,
               const char *ciphertext, char **out, size_t *outlen)
{
	size_t cap = strlen(ciphertext), n;
	unsigned char *ct = malloc(cap + 1);
	int rc = -1;

	*out = NULL;
	if (!ct || !*nonce ||
	    sodium_base642bin(ct, cap + 1, ciphertext, cap, NULL, &n, NULL,
	                      sodium_base64_VARIANT_ORIGINAL) != 0 || n < GCM_TAG ||
	    !(*out = malloc(n - GCM_TAG + 1)))
		goto done;
	if (gcm_open(key, nonce, ad, ct, n, (unsigned char *)*out) < 0) {
		free(*out);
		*out = NULL;
		goto done;
	}
	*outlen = n - GCM_TAG;
	(*out)[*outlen] = '\0';
	rc = 0;
done:
	free(ct);
	return rc;
}
