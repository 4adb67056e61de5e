/* check_sandbox.c — the sandbox's notifications: signed by its key, verified, tamper-proof. */
#include <string.h>
#include <sodium.h>

#include "check_main.h"
#include "config.h"
#include "pay/sandbox.h"
#include "util.h"

static struct config cfg;
static unsigned char pk[crypto_sign_PUBLICKEYBYTES], other_pk[crypto_sign_PUBLICKEYBYTES];
static STRING body;

static void setup(void)
{
	unsigned char sk[crypto_sign_SECRETKEYBYTES], seed[crypto_sign_SEEDBYTES];
	struct pay_notice n = { "0123456789ABCDEFGHJKMNPQ", "TXN0123456789ABCDEFGHJKM", 300000 };
	struct err e;

	ck_assert_int_ge(sodium_init(), 0);
	memset(&cfg, 0, sizeof cfg);
	randombytes_buf(cfg.sandbox_seed, 32);
	cfg.has_sandbox_seed = 1;
	crypto_sign_seed_keypair(pk, sk, cfg.sandbox_seed);
	randombytes_buf(seed, 32);
	crypto_sign_seed_keypair(other_pk, sk, seed);
	string_init(&body);
	ck_assert_int_eq(sandbox_notice(&cfg, &n, "2026-11-28 21:07:00", &body, &e), 0);
}

static void teardown(void)
{
	string_clear(&body);
}

START_TEST(a_signed_notice_verifies)
{
	struct pay_notice n;
	struct err e;

	ck_assert_int_eq(sandbox_verify(pk, body.buf, (size_t)body.len, &n, &e), 0);
	ck_assert_str_eq(n.order_no, "0123456789ABCDEFGHJKMNPQ");
	ck_assert_str_eq(n.txn, "TXN0123456789ABCDEFGHJKM");
	ck_assert_int_eq(n.amount_fen, 300000);
}
END_TEST

START_TEST(another_key_does_not_verify)
{
	struct pay_notice n;
	struct err e;

	ck_assert_int_eq(sandbox_verify(other_pk, body.buf, (size_t)body.len, &n, &e), -1);
	ck_assert_int_eq(err_status(&e), 400);
}
END_TEST

/* Each tamper: find the text, replace it; the signature no longer fits. */
static const char *const TAMPER[][2] = {
	{ "amount_fen=300000", "amount_fen=300001" },
	{ "amount_fen=300000", "amount_fen=030000" },
	{ "order=0123", "order=1123" },
	{ "txn=TXN0", "txn=TXN1" },
	{ "21:07:00", "21:07:01" },
};

START_TEST(a_changed_notice_does_not_verify)
{
	char *copy = strdup(body.buf), *at = strstr(copy, TAMPER[_i][0]);
	struct pay_notice n;
	struct err e;

	ck_assert_ptr_nonnull(at);
	memcpy(at, TAMPER[_i][1], strlen(TAMPER[_i][1]));
	ck_assert_int_eq(sandbox_verify(pk, copy, strlen(copy), &n, &e), -1);
	ck_assert_int_eq(err_status(&e), 400);
	free(copy);
}
END_TEST

START_TEST(a_damaged_signature_does_not_verify)
{
	char *copy = strdup(body.buf);
	size_t len = strlen(copy);
	struct pay_notice n;
	struct err e;

	copy[len - 1] = copy[len - 1] == '0' ? '1' : '0';    /* one hex digit */
	ck_assert_int_eq(sandbox_verify(pk, copy, len, &n, &e), -1);
	copy[len - 1] = 'g';                                 /* not hex */
	ck_assert_int_eq(sandbox_verify(pk, copy, len, &n, &e), -1);
	ck_assert_int_eq(sandbox_verify(pk, copy, len - 1, &n, &e), -1);      /* cut short */
	/* no signature at all */
	ck_assert_int_eq(sandbox_verify(pk, copy, len - 134, &n, &e), -1);
	ck_assert_int_eq(sandbox_verify(pk, NULL, 0, &n, &e), -1);
	ck_assert_int_eq(sandbox_verify(pk, "", 0, &n, &e), -1);
	free(copy);
}
END_TEST

/* A well-signed notice whose fields are not what a notice holds is refused all the same. */
START_TEST(a_signed_but_malformed_notice_is_refused)
{
	struct pay_notice bad = { "short", "TXN0123456789ABCDEFGHJKM", 100 }, n;
	STRING b;
	struct err e;

	string_init(&b);
	ck_assert_int_eq(sandbox_notice(&cfg, &bad, "2026-11-28 21:07:00", &b, &e), 0);
	ck_assert_int_eq(sandbox_verify(pk, b.buf, (size_t)b.len, &n, &e), -1);
	ck_assert_int_eq(err_status(&e), 400);
	string_clear(&b);
}
END_TEST

START_TEST(no_seed_no_signature)
{
	struct pay_notice n = { "0123456789ABCDEFGHJKMNPQ", "TXN0123456789ABCDEFGHJKM", 1 };
	STRING b;
	struct err e;

	cfg.has_sandbox_seed = 0;
	string_init(&b);
	ck_assert_int_eq(sandbox_notice(&cfg, &n, "2026-11-28 21:07:00", &b, &e), -1);
	string_clear(&b);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("sandbox");
	TCase *t = tcase_create("notices");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, a_signed_notice_verifies);
	tcase_add_test(t, another_key_does_not_verify);
	tcase_add_loop_test(t, a_changed_notice_does_not_verify, 0, nitems(TAMPER));
	tcase_add_test(t, a_damaged_signature_does_not_verify);
	tcase_add_test(t, a_signed_but_malformed_notice_is_refused);
	tcase_add_test(t, no_seed_no_signature);
	suite_add_tcase(s, t);
	return s;
}
