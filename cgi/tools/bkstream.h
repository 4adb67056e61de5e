/* bkstream.h — a backup file's bytes: zlib-compressed, then sealed with secretstream to a key. */
#ifndef TX_BKSTREAM_H
#define TX_BKSTREAM_H

#include <stdio.h>
#include <sodium.h>

#include "../err.h"

/*
 * The file: BK_MAGIC (8 bytes), the stream's random key sealed to the backup public key
 * (crypto_box_seal, BK_SEALED bytes), secretstream's header, then chunks, each a 4-byte
 * big-endian length and that many bytes of ciphertext; the last chunk carries TAG_FINAL and
 * nothing may follow it. So a wrong key fails at the seal, a flipped byte at its chunk's tag, a
 * cut file for want of the final tag, and a chunk moved or dropped at the next tag.
 */
#define BK_MAGIC  "TXBAK\0\0\1"
#define BK_SEALED (crypto_box_SEALBYTES + crypto_secretstream_xchacha20poly1305_KEYBYTES)
#define BK_PK_BYTES crypto_box_PUBLICKEYBYTES
#define BK_SK_BYTES crypto_box_SECRETKEYBYTES

struct bk_writer;
struct bk_reader;

/* Start a backup stream on out, readable only with the secret half of pk. NULL on error. */
struct bk_writer *bk_writer_new(FILE *out, const unsigned char pk[BK_PK_BYTES], struct err *e);
/* Compress and write n bytes. */
int bk_write(struct bk_writer *w, const void *p, size_t n, struct err *e);
/* Write the final chunk and free w (whatever the result); the caller then closes and syncs out. */
int bk_writer_finish(struct bk_writer *w, struct err *e);
/* Free w without finishing it (on an error elsewhere): the file stays unreadable as cut. */
void bk_writer_free(struct bk_writer *w);

/* Open a backup stream on in with the secret key sk. NULL on error (wrong key, not a backup). */
struct bk_reader *bk_reader_new(FILE *in, const unsigned char sk[BK_SK_BYTES], struct err *e);
/*
 * Read exactly n bytes: 0, or 1 at the stream's end when none were left (its final tag seen and
 * nothing after it), or -1 on a bad tag, a cut file or bytes after the end.
 */
int bk_read(struct bk_reader *r, void *p, size_t n, struct err *e);
void bk_reader_free(struct bk_reader *r);

/* A key as 64 hex digits from text (a config value, a key file's line); -1 if none. */
int bk_key_hex(const char *text, unsigned char out[32]);

#endif
