/*
 * pii.c — libsodium AEAD for personal fields, with a version byte so that keys or algorithms can be
 * rotated later.
 */
#include <stdio.h>
#include <string.h>
#include <sodium.h>

#include "pii.h"

#define PII_V1 0x01
/* "tongxiang:" field ":" owner: both are short names and codes of the program's own choosing. */
#define PII_AD_LEN 160

static void make_ad(char *ad, size_t n, const char *field, const char *owner)
{
	snprintf(ad, n, "tongxiang:%s:%s", field, owner);
}

long pii_seal(const unsigned char key[PII_KEYBYTES], const char *field, const char *owner,
              const char *plain, size_t len, unsigned char *out, size_t outsize)
{
	char ad[PII_AD_LEN];
	unsigned char *nonce = out + 1;
	unsigned char *box = nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;

	if (outsize < PII_OVERHEAD || len > outsize - PII_OVERHEAD)
		return -1;
	make_ad(ad, sizeof ad, field, owner);
	out[0] = PII_V1;
	randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt(box, NULL, (const unsigned char *)plain, len,
	        (const unsigned char *)ad, strlen(ad), NULL, nonce, key);
	return (long)PII_SEALED_LEN(len);
}

long pii_open(const unsigned char key[PII_KEYBYTES], const char *field, const char *owner,
              const unsigned char *sealed, size_t slen, char *out)
{
	char ad[PII_AD_LEN];
	unsigned long long n;
	const size_t nb = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;

	if (slen < PII_OVERHEAD || sealed[0] != PII_V1)
		return -1;
	make_ad(ad, sizeof ad, field, owner);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)out, &n, NULL,
	        sealed + 1 + nb, slen - 1 - nb, (const unsigned char *)ad, strlen(ad), sealed + 1,
	        key) != 0)
		return -1;
	out[n] = '\0';
	return (long)n;
}

void pii_id_hash(const unsigned char key[PII_KEYBYTES], const char *idnum,
                 unsigned char out[PII_HASHBYTES])
{
	char norm[PII_IDNUM_MAX + 1];
	size_t n = strlen(idnum);

	if (n >= sizeof norm)
		n = sizeof norm - 1;
	memcpy(norm, idnum, n);
	norm[n] = '\0';
	if (n > 0 && norm[n - 1] == 'x')
		norm[n - 1] = 'X';
	crypto_generichash(out, PII_HASHBYTES, (const unsigned char *)norm, n, key, PII_KEYBYTES);
}

long pii_open_into(const unsigned char key[PII_KEYBYTES], const char *field, const char *owner,
                   const void *sealed, size_t slen, char *out, size_t outsize)
{
	if (!sealed || slen < PII_OVERHEAD || slen - PII_OVERHEAD >= outsize)
		return -1;
	return pii_open(key, field, owner, sealed, slen, out);
}
