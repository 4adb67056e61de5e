/* check_pii.c — personal data encryption: round trip, tamper and move, wrong key, keyed ID hash. */
#include <string.h>
#include <sodium.h>

#include "check_main.h"
#include "pii.h"

/* Room for what the tests seal and open again. */
#define PLAIN_MAX 64

static unsigned char key[PII_KEYBYTES], other[PII_KEYBYTES];
static const char *const NAME = "虚构·王小禾";

static void setup(void)
{
	ck_assert_int_ge(sodium_init(), 0);
	randombytes_buf(key, sizeof key);
	randombytes_buf(other, sizeof other);
}

START_TEST(round_trips)
{
	unsigned char ct[PII_SEALED_LEN(64)];
	char out[PLAIN_MAX];
	size_t n = strlen(NAME);

	pii_seal(key, "real_name", "AB12CD34EF", NAME, n, ct, sizeof ct);
	ck_assert_ptr_null(memmem(ct, PII_SEALED_LEN(n), NAME, n));   /* no plaintext at rest */
	ck_assert_int_eq(pii_open(key, "real_name", "AB12CD34EF", ct, PII_SEALED_LEN(n), out),
	                 (long)n);
	ck_assert_str_eq(out, NAME);
}
END_TEST

START_TEST(same_plaintext_differs_each_time)
{
	unsigned char a[PII_SEALED_LEN(64)], b[PII_SEALED_LEN(64)];
	size_t n = strlen(NAME);

	pii_seal(key, "real_name", "AB12CD34EF", NAME, n, a, sizeof a);
	pii_seal(key, "real_name", "AB12CD34EF", NAME, n, b, sizeof b);
	ck_assert(memcmp(a, b, PII_SEALED_LEN(n)) != 0);
}
END_TEST

START_TEST(seal_refuses_an_output_too_small)
{
	unsigned char ct[PII_SEALED_LEN(64)];
	size_t n = strlen(NAME);

	memset(ct, 0xAA, sizeof ct);
	ck_assert_int_eq(pii_seal(key, "real_name", "AB12CD34EF", NAME, n, ct, PII_SEALED_LEN(n) - 1), -1);
	ck_assert_int_eq(ct[0], 0xAA);   /* nothing written */
	ck_assert_int_eq(pii_seal(key, "real_name", "AB12CD34EF", NAME, n, ct, PII_SEALED_LEN(n)),
	                 (long)PII_SEALED_LEN(n));
}
END_TEST

enum { TAMPER, OTHER_FIELD, OTHER_CHILD, OTHER_KEY, TRUNCATED, BAD_VERSION };

START_TEST(refuses_altered_moved_or_foreign_data)
{
	unsigned char ct[PII_SEALED_LEN(64)];
	char out[PLAIN_MAX];
	size_t n = strlen(NAME), len = PII_SEALED_LEN(n);
	const char *field = "real_name", *owner = "AB12CD34EF";
	const unsigned char *k = key;

	pii_seal(key, field, owner, NAME, n, ct, sizeof ct);
	switch (_i) {
	case TAMPER:      ct[len - 20] ^= 1; break;
	case OTHER_FIELD: field = "guardian"; break;
	case OTHER_CHILD: owner = "ZZ12CD34EF"; break;
	case OTHER_KEY:   k = other; break;
	case TRUNCATED:   len = PII_OVERHEAD - 1; break;
	case BAD_VERSION: ct[0] = 0x02; break;
	}
	ck_assert_int_eq(pii_open(k, field, owner, ct, len, out), -1);
}
END_TEST

START_TEST(id_hash_is_keyed_and_normalised)
{
	unsigned char a[PII_HASHBYTES], b[PII_HASHBYTES], c[PII_HASHBYTES];

	pii_id_hash(key, "42010220100101123x", a);
	pii_id_hash(key, "42010220100101123X", b);
	pii_id_hash(other, "42010220100101123X", c);
	ck_assert_mem_eq(a, b, PII_HASHBYTES);
	ck_assert(memcmp(b, c, PII_HASHBYTES) != 0);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("pii");
	TCase *t = tcase_create("pii");

	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, round_trips);
	tcase_add_test(t, same_plaintext_differs_each_time);
	tcase_add_test(t, seal_refuses_an_output_too_small);
	tcase_add_loop_test(t, refuses_altered_moved_or_foreign_data, TAMPER, BAD_VERSION + 1);
	tcase_add_test(t, id_hash_is_keyed_and_normalised);
	suite_add_tcase(s, t);
	return s;
}
