/*
 * check_wechat.c — WeChat Pay's cryptography against vectors made by another implementation
 * (Python's cryptography): SHA256-with-RSA signatures and AEAD_AES_256_GCM.
 */
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "pay/wechat.h"
#include "util.h"

/* A test key pair (made for this test, used nowhere else), and its signature of MSG. */
static const char KEY[] =
	"-----BEGIN PRIVATE KEY-----\n"
	"MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQDGHOuQevfaB7p9\n"
	"/wuWTe5aRvAUrCxlecBcDK6CK88wjxb2WZwBN4fDAbxUtAkTudNhhcySz/EIyqt9\n"
	"imx/VWGKH5surjJt6RZQnzPLl1HuX7iNOnll2EfB7T2EblfAYzROjUof+G9U4eXH\n"
	"QBbZsFk6DuVCZEEX4xQqET3hA9mV0p2r9qeh5/HkCeUlMXjLOWmjP4P7HzW6i05S\n"
	"svWi2o5VgF8V+b1pNkufT1wAGfR40n4aABpowdyAlgRciUpsF0pV9iRHpi1mhQaM\n"
	"V04hVnzGB2+KIXM2M1PgkqzE95P/fhlXuyS9gUrWzvJgbiYLSFEFGseXOvSCIhbq\n"
	"v+anmIhbAgMBAAECggEAF73zhRcXiOuQL/VWwCaKwArsTq3rjCWxJdbnOvZhGCKt\n"
	"z8whZAvxmy8kEMqao+CLMo7EW3vMGQ+gyaTDJ+dljxYGlOuPY5ihcfwCSw3RZc3W\n"
	"4iX10ny+7MCvtKU8ovPAmwFXtskhHn0L+nr1whTePJT4aKJ3IpO2IOx8C/FYLBoh\n"
	"eKgOykQQPF2jB4W0n+WWr9SWKSyjn/jk11RZHBNrBotnoe1LanqHuuHrOUy+mo2i\n"
	"xz4StLmz/yjUjQVUn4nm1a5UdE5OPALFA/qwNaQYq8Kk1aWIoV5ZeHnDUWsEupUo\n"
	"ss8cUMxDglVY3klnY20djy+njC5Jk52g/6zhlfMu4QKBgQDtsn3fAEfSxU5SU0qH\n"
	"K94p2Jj1iff8RyhUuFhF0jVg/gTXRXKkk4bDZTUA+x4gk2Rk2MNZk/3V9mwkl2Fu\n"
	"1qEcSquevWX1lMgHkGsY328lYAk8GUrWXplXckzFlZp2gNrfqTxQfrhd2DYBqF/d\n"
	"mQLH/XWfeI1tAADRFw54sGtGCQKBgQDVXiPcDB4d7sHZ+CT/6XheteD3eG2rHyUE\n"
	"rYvkBKY/21jotVA6i5EU7O4F6DxvEhPEesWnQC9elTgHmxy4zzPeqBl+m/UqxWJ6\n"
	"sJKyR9NyyGL3AB0CLsscm4op1emYISjB3S1vh7aY8g2XObWSBLyKINWA6eEq4HxB\n"
	"8C9VwMiUQwKBgCyzpbJbliZQTuNyoJB9MoHCJzn+IXIDW9Va+dbfqoQ8IWLuv5mt\n"
	"2OlETkyJ7WeI8Jd6oHpnN5SWjE3xXjR/DruIW3A2BEfEHD437bw2wOtRfUsdIpLg\n"
	"JYxphYCfGvZwUzk+1YX53uhfMgDrzmOZVAmSZB2CiW5XUs//uwv9eZ8pAoGAfV6v\n"
	"W2CTYaskpFq2AtjALYZZBY/xgJbwPWtrwzMoLGVKPJIs7fmL6eu9gCMRP4Izs0Mg\n"
	"WEHSk5TCM1Xk7oJxS+ch887Xo6YPU1/lEnQ5vjwYSmH6qYmtNsX9zM8wTn9NX3wC\n"
	"coIfvIadjboPAhleXxsj2HeUIol8+ZGTfqOkN9kCgYBYRo7wsDh90HQEJ9iu7lb2\n"
	"bIeK8zn9utjQVwrJDYjjiWNi7UeaSHhFcBFvI4p2srUHMCY4tN/al42plWt68aXU\n"
	"f8zAJEuCPf/UdZsILIrAMwHHsVzp+e5wm9aSRtXqnvAMhIc9wq/nZ2Kxjxrq0ouD\n"
	"0x4vwb7Kjl+f90SxPhHvPA==\n"
	"-----END PRIVATE KEY-----\n";
static const char PUB[] =
	"-----BEGIN PUBLIC KEY-----\n"
	"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxhzrkHr32ge6ff8Llk3u\n"
	"WkbwFKwsZXnAXAyugivPMI8W9lmcATeHwwG8VLQJE7nTYYXMks/xCMqrfYpsf1Vh\n"
	"ih+bLq4ybekWUJ8zy5dR7l+4jTp5ZdhHwe09hG5XwGM0To1KH/hvVOHlx0AW2bBZ\n"
	"Og7lQmRBF+MUKhE94QPZldKdq/anoefx5AnlJTF4yzlpoz+D+x81uotOUrL1otqO\n"
	"VYBfFfm9aTZLn09cABn0eNJ+GgAaaMHcgJYEXIlKbBdKVfYkR6YtZoUGjFdOIVZ8\n"
	"xgdviiFzNjNT4JKsxPeT/34ZV7skvYFK1s7yYG4mC0hRBRrHlzr0giIW6r/mp5iI\n"
	"WwIDAQAB\n"
	"-----END PUBLIC KEY-----\n";
static const char SIG[] =
	"L7MmuK7X8hXvHllfsjYM3e6LjjP9iHdgXIJtQg60L3BmsaHoTwEd+R9+2qp3UXVVHBs0blG9p5L3Wpuh3BsmcX+qloJORYgDWgjM1AJBofYx/ALFh/n4jTKP/2I5IC2pPxFVznL3Pl/+Lm9oR1l9ZhcA1J4dBjaOKHUqThTKtWzZcR/dwez5QmceeanTmS6MMpTFOINdxVDKBJl/wbGaILM9L7pnIvuLRAAgStvb24PupalcK0oWnl42JwFO4g5+Fyc2+YhhEaoHVJKOfmN0zqnRvXRrIqSjYkif7UuwadcH5947cfEW3gLdD00luDHM00Mzr5C3eICJBY9ODgE/hw==";
static const char CT[] = "X3h62PRkWpwQkBynD+qG3fpkxfs7X+T9IukRfEKHUScCjr6yRL7GuDQ=";
static const char MSG[] = "GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n";
static const unsigned char APIV3[32] = "tongxiangTestAPIv3Key0123456789A";

START_TEST(signs_as_the_other_implementation_does)
{
	char sig[WX_SIG_B64_MAX];
	struct err e;

	ck_assert_int_eq(wx_sign(KEY, MSG, strlen(MSG), sig, &e), 0);
	ck_assert_str_eq(sig, SIG);
}
END_TEST

START_TEST(verifies_a_good_signature_only)
{
	char msg[sizeof MSG], sig[sizeof SIG];

	ck_assert_int_eq(wx_verify(PUB, MSG, strlen(MSG), SIG), 0);
	memcpy(msg, MSG, sizeof msg);
	msg[4] = 'x';
	ck_assert_int_eq(wx_verify(PUB, msg, strlen(msg), SIG), -1);
	memcpy(sig, SIG, sizeof sig);
	sig[10] = sig[10] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(wx_verify(PUB, MSG, strlen(MSG), sig), -1);
	ck_assert_int_eq(wx_verify(PUB, MSG, strlen(MSG), "not base64!"), -1);
	ck_assert_int_eq(wx_verify("not a key", MSG, strlen(MSG), SIG), -1);
}
END_TEST

START_TEST(decrypts_and_authenticates)
{
	char ct[sizeof CT], *out;
	size_t len;

	ck_assert_int_eq(wx_decrypt(APIV3, "abcdef012345", "transaction", CT, &out, &len), 0);
	ck_assert_str_eq(out, "{\"trade_state\":\"SUCCESS\"}");
	ck_assert_uint_eq(len, strlen(out));
	free(out);
	/* Another associated data, nonce or a changed byte: refused, nothing returned. */
	ck_assert_int_eq(wx_decrypt(APIV3, "abcdef012345", "transactioN", CT, &out, &len), -1);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(wx_decrypt(APIV3, "abcdef012346", "transaction", CT, &out, &len), -1);
	memcpy(ct, CT, sizeof ct);
	ct[3] = ct[3] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(wx_decrypt(APIV3, "abcdef012345", "transaction", ct, &out, &len), -1);
	ck_assert_int_eq(wx_decrypt(APIV3, "abcdef012345", "transaction", "QUJD", &out, &len), -1);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("wechat");
	TCase *t = tcase_create("crypto");

	tcase_add_test(t, signs_as_the_other_implementation_does);
	tcase_add_test(t, verifies_a_good_signature_only);
	tcase_add_test(t, decrypts_and_authenticates);
	suite_add_tcase(s, t);
	return s;
}
