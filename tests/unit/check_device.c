/* check_device.c — device cookies: named per realm and account, signed, worthless for another. */
#include <stdio.h>
#include <string.h>
#include <sodium.h>

#include "check_main.h"
#include "device.h"

static unsigned char key[KEY_BYTES], id[DEVICE_ID_BYTES];
static char value[DEVICE_COOKIE_LEN + 1];

static void setup(void)
{
	ck_assert_int_ge(sodium_init(), 0);
	randombytes_buf(key, sizeof key);
	randombytes_buf(id, sizeof id);
	device_cookie(key, REALM_STAFF, 42, id, value);
}

START_TEST(names_say_realm_and_account)
{
	char a[DEVICE_NAME_MAX], b[DEVICE_NAME_MAX];

	device_cookie_name(REALM_STAFF, 42, a);
	ck_assert_str_eq(a, "tx_da42");
	device_cookie_name(REALM_DONOR, 42, b);
	ck_assert_str_eq(b, "tx_ds42");
}
END_TEST

START_TEST(a_cookie_gives_back_its_id)
{
	unsigned char got[DEVICE_ID_BYTES];

	ck_assert_uint_eq(strlen(value), DEVICE_COOKIE_LEN);
	ck_assert_int_eq(device_cookie_id(key, REALM_STAFF, 42, value, strlen(value), got), 0);
	ck_assert_int_eq(memcmp(got, id, sizeof id), 0);
}
END_TEST

/* Whether value (len bytes) is a cookie of account 42 in realm r under key k. */
static int valid(const unsigned char *k, enum realm r, long long account, const char *v, size_t len)
{
	unsigned char got[DEVICE_ID_BYTES];

	return device_cookie_id(k, r, account, v, len, got) == 0;
}

/* Refused: another account's, the other realm's, another key's, changed, shorter or longer. */
START_TEST(a_cookie_is_worth_nothing_elsewhere)
{
	unsigned char other[KEY_BYTES];
	char bad[DEVICE_COOKIE_LEN + 2];

	randombytes_buf(other, sizeof other);
	ck_assert(!valid(key, REALM_STAFF, 43, value, DEVICE_COOKIE_LEN));
	ck_assert(!valid(key, REALM_STAFF, 4, value, DEVICE_COOKIE_LEN));
	ck_assert(!valid(key, REALM_DONOR, 42, value, DEVICE_COOKIE_LEN));
	ck_assert(!valid(other, REALM_STAFF, 42, value, DEVICE_COOKIE_LEN));
	for (int i = 0; i < DEVICE_COOKIE_LEN - 1; i += 7) {   /* the id, then the signature */
		memcpy(bad, value, sizeof value);
		bad[i] = bad[i] == 'A' ? 'B' : 'A';
		ck_assert_msg(!valid(key, REALM_STAFF, 42, bad, DEVICE_COOKIE_LEN), "changed at %d",
		              i);
	}
	ck_assert(!valid(key, REALM_STAFF, 42, value, DEVICE_COOKIE_LEN - 1));
	snprintf(bad, sizeof bad, "%sA", value);
	ck_assert(!valid(key, REALM_STAFF, 42, bad, DEVICE_COOKIE_LEN + 1));
	memcpy(bad, value, sizeof value);
	bad[5] = '/';                                           /* not base64url */
	ck_assert(!valid(key, REALM_STAFF, 42, bad, DEVICE_COOKIE_LEN));
	ck_assert(valid(key, REALM_STAFF, 42, value, DEVICE_COOKIE_LEN));
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("device");
	TCase *t = tcase_create("cookies");

	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, names_say_realm_and_account);
	tcase_add_test(t, a_cookie_gives_back_its_id);
	tcase_add_test(t, a_cookie_is_worth_nothing_elsewhere);
	suite_add_tcase(s, t);
	return s;
}
