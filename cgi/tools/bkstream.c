/* bkstream.c — a backup file's bytes: zlib-compressed, then sealed with secretstream to a key. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "bkstream.h"

/* Compressed bytes a chunk holds: big enough that the 17 bytes of tag and length cost nothing. */
#define BK_CHUNK  65536
#define BK_ABYTES crypto_secretstream_xchacha20poly1305_ABYTES

struct bk_writer {
	FILE         *out;
	z_stream      z;
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char plain[BK_CHUNK];
	unsigned char cipher[BK_CHUNK + BK_ABYTES];
};

struct bk_reader {
	FILE         *in;
	z_stream      z;
	crypto_secretstream_xchacha20poly1305_state st;
	int           final;      /* the final chunk has been read */
	int           ended;      /* zlib's stream ended */
	unsigned char plain[BK_CHUNK];
	unsigned char cipher[BK_CHUNK + BK_ABYTES];
};

/* Encrypt the compressed bytes gathered so far as one chunk (the last with TAG_FINAL). */
static int seal_chunk(struct bk_writer *w, int final, struct err *e)
{
	size_t n = BK_CHUNK - w->z.avail_out;
	unsigned long long clen;
	unsigned char len[4];

	crypto_secretstream_xchacha20poly1305_push(&w->st, w->cipher, &clen, w->plain, n, NULL, 0,
	        final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
	len[0] = clen >> 24; len[1] = clen >> 16; len[2] = clen >> 8; len[3] = clen;
	if (fwrite(len, 1, 4, w->out) != 4 || fwrite(w->cipher, 1, clen, w->out) != clen)
		return err_set(e, 500, NULL, "backup: cannot write: out of space?");
	w->z.next_out = w->plain;
	w->z.avail_out = BK_CHUNK;
	return 0;
}

struct bk_writer *bk_writer_new(FILE *out, const unsigned char pk[BK_PK_BYTES], struct err *e)
{
	unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES], sealed[BK_SEALED];
	unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
	struct bk_writer *w = calloc(1, sizeof *w);

	if (!w || deflateInit(&w->z, 6) != Z_OK) {
		free(w);
		err_set(e, 500, NULL, "backup: out of memory");
		return NULL;
	}
	w->out = out;
	w->z.next_out = w->plain;
	w->z.avail_out = BK_CHUNK;
	/* A fresh key each backup, kept only sealed: the server holds no key that opens it. */
	crypto_secretstream_xchacha20poly1305_keygen(key);
	/* A public key libsodium refuses (all zeros, say) fails the backup: no garbage sealed. */
	if (crypto_box_seal(sealed, key, sizeof key, pk) != 0) {
		sodium_memzero(key, sizeof key);
		bk_writer_free(w);
		err_set(e, 400, NULL, "backup: Backup.PublicKey is not a usable key");
		return NULL;
	}
	crypto_secretstream_xchacha20poly1305_init_push(&w->st, header, key);
	sodium_memzero(key, sizeof key);
	if (fwrite(BK_MAGIC, 1, 8, out) != 8 || fwrite(sealed, 1, sizeof sealed, out) !=
	    sizeof sealed || fwrite(header, 1, sizeof header, out) != sizeof header) {
		bk_writer_free(w);
		err_set(e, 500, NULL, "backup: cannot write the header");
		return NULL;
	}
	return w;
}

int bk_write(struct bk_writer *w, const void *p, size_t n, struct err *e)
{
	w->z.next_in = (unsigned char *)p;
	w->z.avail_in = n;
	while (w->z.avail_in > 0) {
		if (deflate(&w->z, Z_NO_FLUSH) == Z_STREAM_ERROR)
			return err_set(e, 500, NULL, "backup: deflate failed");
		if (w->z.avail_out == 0 && seal_chunk(w, 0, e) < 0)
			return -1;
	}
	return 0;
}

int bk_writer_finish(struct bk_writer *w, struct err *e)
{
	int rc, zr;

	w->z.next_in = NULL;
	w->z.avail_in = 0;
	/* Each full buffer a chunk of its own; what remains at the end goes in the final one. */
	while ((zr = deflate(&w->z, Z_FINISH)) == Z_OK || (zr == Z_BUF_ERROR && !w->z.avail_out))
		if (w->z.avail_out == 0 && seal_chunk(w, 0, e) < 0) {
			bk_writer_free(w);
			return -1;
		}
	rc = zr == Z_STREAM_END ? seal_chunk(w, 1, e) :
	     err_set(e, 500, NULL, "backup: deflate failed at the end");
	bk_writer_free(w);
	return rc;
}

/* The stream's state wiped, then freed: its key is in it. */
static void wipe(void *p, size_t n)
{
	sodium_memzero(p, n);
	free(p);
}

void bk_writer_free(struct bk_writer *w)
{
	if (w && deflateEnd(&w->z) != Z_STREAM_ERROR)
		wipe(w, sizeof *w);
}

struct bk_reader *bk_reader_new(FILE *in, const unsigned char sk[BK_SK_BYTES], struct err *e)
{
	unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES], sealed[BK_SEALED];
	unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES], pk[BK_PK_BYTES];
	unsigned char magic[8];
	struct bk_reader *r;

	if (fread(magic, 1, 8, in) != 8 || memcmp(magic, BK_MAGIC, 8) != 0 ||
	    fread(sealed, 1, sizeof sealed, in) != sizeof sealed ||
	    fread(header, 1, sizeof header, in) != sizeof header) {
		err_set(e, 400, NULL, "not a backup of this format");
		return NULL;
	}
	crypto_scalarmult_base(pk, sk);
	if (crypto_box_seal_open(key, sealed, sizeof sealed, pk, sk) != 0) {
		err_set(e, 400, NULL, "the key does not open this backup (another's, or damaged)");
		return NULL;
	}
	if (!(r = calloc(1, sizeof *r)) || inflateInit(&r->z) != Z_OK) {
		free(r);
		sodium_memzero(key, sizeof key);
		err_set(e, 500, NULL, "restore: out of memory");
		return NULL;
	}
	r->in = in;
	if (crypto_secretstream_xchacha20poly1305_init_pull(&r->st, header, key) != 0) {
		sodium_memzero(key, sizeof key);
		bk_reader_free(r);
		err_set(e, 400, NULL, "damaged backup: bad stream header");
		return NULL;
	}
	sodium_memzero(key, sizeof key);
	return r;
}

/* The next chunk, decrypted and checked, as zlib's input. */
static int open_chunk(struct bk_reader *r, struct err *e)
{
	unsigned char len[4], tag;
	unsigned long long n, plen;

	if (r->final)
		return err_set(e, 400, NULL, "damaged backup: data ends before its end");
	if (fread(len, 1, 4, r->in) != 4)
		return err_set(e, 400, NULL, "damaged backup: cut short (no final chunk)");
	n = (unsigned long long)len[0] << 24 | len[1] << 16 | len[2] << 8 | len[3];
	if (n < BK_ABYTES || n > sizeof r->cipher)
		return err_set(e, 400, NULL, "damaged backup: a chunk of impossible length");
	if (fread(r->cipher, 1, n, r->in) != n)
		return err_set(e, 400, NULL, "damaged backup: cut short (within a chunk)");
	if (crypto_secretstream_xchacha20poly1305_pull(&r->st, r->plain, &plen, &tag, r->cipher, n,
	                                               NULL, 0) != 0)
		return err_set(e, 400, NULL, "damaged backup: a chunk fails its tag");
	if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
		r->final = 1;
		if (fgetc(r->in) != EOF)
			return err_set(e, 400, NULL, "damaged backup: bytes after its end");
	}
	r->z.next_in = r->plain;
	r->z.avail_in = plen;
	return 0;
}

int bk_read(struct bk_reader *r, void *p, size_t n, struct err *e)
{
	int zr;

	r->z.next_out = p;
	r->z.avail_out = n;
	while (r->z.avail_out > 0) {
		if (r->ended) {
			if (r->z.avail_out == n && r->final)
				return 1;
			return err_set(e, 400, NULL, "damaged backup: ends within a record");
		}
		if (r->z.avail_in == 0 && open_chunk(r, e) < 0)
			return -1;
		zr = inflate(&r->z, Z_NO_FLUSH);
		if (zr == Z_STREAM_END)
			r->ended = 1;
		else if (zr != Z_OK && !(zr == Z_BUF_ERROR && r->z.avail_in == 0))
			return err_set(e, 400, NULL, "damaged backup: bad compressed data");
	}
	return 0;
}

void bk_reader_free(struct bk_reader *r)
{
	if (r && inflateEnd(&r->z) != Z_STREAM_ERROR)
		wipe(r, sizeof *r);
}

int bk_key_hex(const char *text, unsigned char out[32])
{
	size_t run = 0, len;
	const char *p, *start = NULL;

	/* The first run of exactly 64 hex digits: a bare key, or "Name = key". */
	for (p = text;; p++) {
		if (*p && isxdigit((unsigned char)*p)) {
			run++;
			continue;
		}
		if (run == 64) {
			start = p - 64;
			break;
		}
		run = 0;
		if (!*p)
			break;
	}
	return start && sodium_hex2bin(out, 32, start, 64, NULL, &len, NULL) == 0 && len == 32 ?
	       0 : -1;
}
