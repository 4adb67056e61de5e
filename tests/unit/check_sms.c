/*
 * check_sms.c — the SMS gateway's request: signed as the API's own example is, every parameter
 * encoded and in order, and a message that cannot be sent refused before any network call.
 */
#include <string.h>

#include "check_main.h"
#include "html.h"
#include "tools/sms.h"

/* The signature of the API's documentation (signature version 1.0), byte for byte. */
START_TEST(signature_matches_the_documented_example)
{
	char sig[64];

	ck_assert_int_eq(sms_signature("GET", "AccessKeyId=testid&Action=DescribeRegions&Format=XML"
	                 "&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-"
	                 "4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z"
	                 "&Version=2014-05-26", "testsecret", sig, sizeof sig), 0);
	ck_assert_str_eq(sig, "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
}
END_TEST

static HDF *templates(void)
{
	HDF *h;

	ck_assert_ptr_null(hdf_init(&h));
	ck_assert_ptr_null(hdf_set_value(h, "code", "SMS_100"));
	return h;
}

static const struct sms_gateway GW = {
	.url = "https://sms.test/", .region = "cn-hangzhou", .sign_name = "童享阳光",
	.key_id = "id", .key_secret = "secret",
};

/* An SMS of the code template, numbered 42. */
static struct outbox_msg code_sms(const char *recipient)
{
	return (struct outbox_msg){
		.id = 42, .channel = "sms", .recipient = recipient, .sms_template = "code",
		.sms_params = "{\"code\": \"123456\"}",
	};
}

START_TEST(request_is_sorted_encoded_and_signed)
{
	struct sms_gateway g = GW;
	struct outbox_msg m = code_sms("13800000000");
	struct err e;
	STRING body, enc;
	char *sig, want[64];

	g.templates = templates();
	string_init(&body);
	ck_assert_msg(sms_request(&g, &m, 1764547200, "n1", &body, &e) == 0, "%s", e.cause);
	ck_assert_ptr_nonnull(strstr(body.buf, "AccessKeyId=id&Action=SendSms&Format=JSON&"
	                      "OutId=outbox-42&PhoneNumbers=13800000000&RegionId=cn-hangzhou&"
	                      "SignName=%E7%AB%A5%E4%BA%AB%E9%98%B3%E5%85%89&"
	                      "SignatureMethod=HMAC-SHA1&SignatureNonce=n1&SignatureVersion=1.0&"
	                      "TemplateCode=SMS_100&TemplateParam=%7B%22code%22%3A%20%22123456%22"
	                      "%7D&Timestamp=2025-12-01T00%3A00%3A00Z&Version=2017-05-25&"
	                      "Signature="));
	/* The signature is over everything before it. */
	sig = strstr(body.buf, "&Signature=");
	*sig = '\0';
	ck_assert_int_eq(sms_signature("POST", body.buf, "secret", want, sizeof want), 0);
	string_init(&enc);
	url_encode_to(&enc, want);
	ck_assert_str_eq(sig + strlen("&Signature="), enc.buf);
	string_clear(&enc);
	string_clear(&body);
	hdf_destroy(&g.templates);
}
END_TEST

START_TEST(unsendable_messages_are_refused_for_good_or_for_now)
{
	struct sms_gateway g = { .templates = templates() };
	struct outbox_msg m = code_sms("1380000000");
	struct err e;
	STRING body;

	string_init(&body);
	/* Ten digits: no number the gateway could reach, ever. */
	ck_assert_int_eq(sms_request(&g, &m, 0, "n", &body, &e), -1);
	ck_assert_int_eq(e.kind, ERR_INVALID);
	/* No template for its kind: the site's settings, which may be mended: tried again. */
	m.recipient = "13800000000";
	m.sms_template = "notice";
	ck_assert_int_eq(sms_request(&g, &m, 0, "n", &body, &e), -1);
	ck_assert_int_eq(e.kind, ERR_BUSY);
	ck_assert_ptr_nonnull(strstr(e.cause, "Sms.Templates.notice"));
	string_clear(&body);
	hdf_destroy(&g.templates);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("sms");
	TCase *t = tcase_create("request");

	tcase_add_test(t, signature_matches_the_documented_example);
	tcase_add_test(t, request_is_sorted_encoded_and_signed);
	tcase_add_test(t, unsendable_messages_are_refused_for_good_or_for_now);
	suite_add_tcase(s, t);
	return s;
}
