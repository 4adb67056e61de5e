/*
 * pii.h — encryption at rest of children's personal data (real name, ID number, guardian contact)
 * and the keyed ID hash.
 */
#ifndef TX_PII_H
#define TX_PII_H

#include <stddef.h>

#define PII_KEYBYTES 32
#define PII_HASHBYTES 32
/* version byte + XChaCha20 nonce + Poly1305 tag around the plaintext */
#define PII_OVERHEAD (1 + 24 + 16)
#define PII_SEALED_LEN(n) ((n) + PII_OVERHEAD)
/*
 * The characters of an ID number the keyed hash reads (18 are a number; anything longer is cut
 * here).
 */
#define PII_IDNUM_MAX 31

/*
 * Encrypt plain[0..len) into out, which holds outsize bytes, with XChaCha20-Poly1305. field and
 * owner (e.g. "real_name" and the child's public code) are bound in as associated data, so a
 * ciphertext copied to another column or another child fails to open. Returns the sealed length,
 * PII_SEALED_LEN(len), or -1 (nothing written) if that does not fit in outsize.
 */
long pii_seal(const unsigned char key[PII_KEYBYTES], const char *field, const char *owner,
              const char *plain, size_t len, unsigned char *out, size_t outsize);

/*
 * Decrypt sealed[0..slen) into out (slen - PII_OVERHEAD + 1 bytes, NUL-terminated).
 * Returns the plaintext length, or -1 if the data was altered, moved, or sealed under another key.
 */
long pii_open(const unsigned char key[PII_KEYBYTES], const char *field, const char *owner,
              const unsigned char *sealed, size_t slen, char *out);

/*
 * pii_open for a field as it comes from the database: sealed (slen bytes, NULL counts as broken)
 * into out, which holds outsize bytes. -1 if it is too short to be sealed, too long for out, or
 * does not open.
 */
long pii_open_into(const unsigned char key[PII_KEYBYTES], const char *field, const char *owner,
                   const void *sealed, size_t slen, char *out, size_t outsize);

/*
 * Keyed hash of an ID-card number for de-duplication: the same person maps to the same hash under
 * one key, and without the key the hash cannot be tested against guessed numbers. A trailing x is
 * upper-cased first.
 */
void pii_id_hash(const unsigned char key[PII_KEYBYTES], const char *idnum,
                 unsigned char out[PII_HASHBYTES]);

#endif
