/*
 * check_alipay.c — Alipay's RSA2 against known answers (openssl dgst -sha256 -sign), the text it
 * signs, amounts in yuan, and reading its answers' JSON.
 */
#include <string.h>
#include <openssl/evp.h>

#include "check_main.h"
#include "pay/alipay.h"
#include "util.h"

/* A 1024-bit test key: a known answer, not a key anyone uses. */
static const char PRIV[] =
	"-----BEGIN PRIVATE KEY-----\n"
	"MIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBALjc1wa2RByt5O9z\n"
	"AuV/obTPah5qi6Uy55E/U9tYAAUqEEqd0tCx0g6NkGKSgPo8rIacm+NSN1T+hqQU\n"
	"KwmDK2UM5ZH+FqGKPjFerjGzUjPTF5cRl58Tvo6BZkpwn1JNaEGIo9BhcAPwkgAB\n"
	"yDlfXCAFb7qeitauLJ7D8az8fLtlAgMBAAECgYEApJcLY9B4CEjTYlY2J/thEEjz\n"
	"pK0cNDOEdY+6q7pIGlD/PFAUWPdZnNdxzDHAYAwRV7CsItMarLQJUKEcSFXfFY+V\n"
	"9AF6Q6yiasiz8PX8e7eUZx1xp+c7bw7X38xxKr5UKt/zURx/qtCxiLM2tFkQr5k3\n"
	"lLOZK1tgESGf02Rv+2kCQQDivwmX1p4fpEDAiVSP0zjWr2wteAxEhtvw/VsKnT7c\n"
	"qc64HCKjsHtdCj05WTBi3RWxgDC34+jodtL+7YPcpHn3AkEA0LZ5RkGs67767or1\n"
	"S6jzZ4byJ60GAftTpcxiUYhblnHOOCzWx+6fB2yWpurP4cpeIEY0w6jNaLgVfJYR\n"
	"0Vu+gwJANqMx/JSKpbU+pSZyafXLzG+Y8Zvr2NdmSDvEpFofu6xvU430Ct2L3G+L\n"
	"MTZ8olYD1DG/i5Avn1SCo0s4awJ3IQJBAMtjVtFRROrDRJNbVOkzLmePyMFDSlx6\n"
	"B6zFfHZJtD7qjnSNtYxGDDFW74SfxI8a/xjicZ7OC8XlxgKP17M2fXMCQCDTtJOm\n"
	"gRG/b7Ivr8p0sv3MKezBdejBeNgoHV0kCiNi6AJVPg0N75t+YoFGdrJopcKD1Oxk\n"
	"KkHpFOIQnmwz9v8=\n"
	"-----END PRIVATE KEY-----\n";
/* Its public half as Alipay's console gives a key out: bare base64 of the DER, on one line. */
static const char PUB64[] =
	"MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC43NcGtkQcreTvcwLlf6G0z2oeaoulMueRP1PbWAAFKhBKndLQsdIO"
	"jZBikoD6PKyGnJvjUjdU/oakFCsJgytlDOWR/hahij4xXq4xs1Iz0xeXEZefE76OgWZKcJ9STWhBiKPQYXAD8JIAAcg5X"
	"1wgBW+6norWriyew/Gs/Hy7ZQIDAQAB";
static const char MSG[] = "a=1&b=2&biz_content={\"x\":\"中\"}";
/* `printf '%s' "$MSG" | openssl dgst -sha256 -sign key.pem | base64 -w0` */
static const char SIG[] =
	"XtYbVMEqQuKwcvLXjqxQVkeMmZbaTfhvzPXz7oT2U2AUxeoQfdkWTTWskpCXxOD8uiXj1komeI4hGZtN9lDkHEjQl2TZjSV"
	"aQBMN49MOGH/WtCBdjds6y/jYWcnP4TGmoSsMyKFK8R5ofkAgetutueOoEUshwgOvCJsMZUjGdZM=";

START_TEST(signs_as_openssl_does)
{
	EVP_PKEY *k = alipay_key_parse(PRIV, strlen(PRIV), 1);
	STRING s;

	ck_assert_ptr_nonnull(k);
	string_init(&s);
	ck_assert_int_eq(alipay_sign(k, MSG, strlen(MSG), &s), 0);
	ck_assert_str_eq(s.buf, SIG);
	string_clear(&s);
	EVP_PKEY_free(k);
}
END_TEST

START_TEST(verifies_only_the_signed_text)
{
	EVP_PKEY *k = alipay_key_parse(PUB64, strlen(PUB64), 0);
	char bad[sizeof SIG];

	ck_assert_ptr_nonnull(k);
	ck_assert_int_eq(alipay_check(k, MSG, strlen(MSG), SIG), 0);
	ck_assert_int_eq(alipay_check(k, MSG, strlen(MSG) - 1, SIG), -1);
	memcpy(bad, SIG, sizeof SIG);
	bad[10] = bad[10] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(alipay_check(k, MSG, strlen(MSG), bad), -1);
	ck_assert_int_eq(alipay_check(k, MSG, strlen(MSG), "not base64!"), -1);
	ck_assert_int_eq(alipay_check(k, MSG, strlen(MSG), NULL), -1);
	EVP_PKEY_free(k);
	ck_assert_ptr_null(alipay_key_parse("MIIB", 4, 0));
}
END_TEST

START_TEST(signs_sorted_pairs_without_sign_or_empty_values)
{
	const char body[] = "sign=xyz&total_amount=0.01&app_id=2021&sign_type=RSA2&buyer_id=&"
	                    "notify_time=2026-12-01+08%3A00%3A00&trade_status=TRADE_SUCCESS";
	struct kvlist l = { 0 };
	struct err e;
	STRING req, notice;

	ck_assert_int_eq(form_parse(body, strlen(body), &l, &e), 0);
	string_init(&req);
	string_init(&notice);
	alipay_sign_text(&l, 0, &req);
	alipay_sign_text(&l, 1, &notice);
	ck_assert_str_eq(req.buf, "app_id=2021&notify_time=2026-12-01 08:00:00&sign_type=RSA2&"
	                 "total_amount=0.01&trade_status=TRADE_SUCCESS");
	ck_assert_str_eq(notice.buf, "app_id=2021&notify_time=2026-12-01 08:00:00&"
	                 "total_amount=0.01&trade_status=TRADE_SUCCESS");
	string_clear(&req);
	string_clear(&notice);
	kvlist_free(&l);
}
END_TEST

START_TEST(amounts_in_yuan_exactly)
{
	static const struct { const char *yuan; long long fen; } OK[] = {
		{ "0.01", 1 }, { "3000.00", 300000 }, { "3000", 300000 }, { "12.5", 1250 },
		{ "19999999.99", 1999999999 },
	};
	static const char *const BAD[] = {
		"", "0", "0.00", "-1.00", "1.001", "1.", ".5", "1,000.00", "1e3", "3000.00 ",
		"12345678901.00", "+1.00", "0x10",
	};
	char out[ALIPAY_AMOUNT_MAX];
	long long fen;

	for (size_t i = 0; i < nitems(OK); i++) {
		ck_assert_int_eq(alipay_fen(OK[i].yuan, &fen), 0);
		ck_assert_int_eq(fen, OK[i].fen);
	}
	for (size_t i = 0; i < nitems(BAD); i++)
		ck_assert_msg(alipay_fen(BAD[i], &fen) < 0, "\"%s\" read as an amount", BAD[i]);
	alipay_yuan(1, out);
	ck_assert_str_eq(out, "0.01");
	alipay_yuan(300000, out);
	ck_assert_str_eq(out, "3000.00");
	alipay_yuan(1999999999, out);
	ck_assert_str_eq(out, "19999999.99");
}
END_TEST

START_TEST(reads_an_answers_exact_bytes)
{
	const char a[] = "{\"alipay_trade_query_response\": {\"code\":\"10000\",\"msg\":\"Success\","
	                 "\"n\":[1,{\"x\":\"}\"}],\"trade_no\":\"2026\\/1\"} ,\"sign\":\"ab\\/c=\"}";
	const char *v;
	size_t n;
	char s[32];

	ck_assert_int_eq(alipay_json_member(a, strlen(a), "alipay_trade_query_response", &v, &n), 0);
	ck_assert_int_eq(n, strlen("{\"code\":\"10000\",\"msg\":\"Success\",\"n\":[1,{\"x\":\"}\"}],"
	                           "\"trade_no\":\"2026\\/1\"}"));
	ck_assert_int_eq(v[0], '{');
	ck_assert_int_eq(v[n - 1], '}');
	ck_assert_int_eq(alipay_json_str(v, n, "trade_no", s, sizeof s), 0);
	ck_assert_str_eq(s, "2026/1");
	ck_assert_int_eq(alipay_json_str(a, strlen(a), "sign", s, sizeof s), 0);
	ck_assert_str_eq(s, "ab/c=");
	ck_assert_int_eq(alipay_json_str(v, n, "n", s, sizeof s), -1);
	ck_assert_int_eq(alipay_json_str(v, n, "absent", s, sizeof s), -1);
	ck_assert_int_eq(alipay_json_str(v, n, "code", s, 3), -1);
	ck_assert_int_eq(alipay_json_member("{\"a\":", 5, "a", &v, &n), -1);
	ck_assert_int_eq(alipay_json_member("{\"a\":\"x", 7, "a", &v, &n), -1);
	ck_assert_int_eq(alipay_json_member("[1]", 3, "a", &v, &n), -1);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("alipay");
	TCase *t = tcase_create("rsa2");

	tcase_add_test(t, signs_as_openssl_does);
	tcase_add_test(t, verifies_only_the_signed_text);
	tcase_add_test(t, signs_sorted_pairs_without_sign_or_empty_values);
	tcase_add_test(t, amounts_in_yuan_exactly);
	tcase_add_test(t, reads_an_answers_exact_bytes);
	suite_add_tcase(s, t);
	return s;
}
