/*
 * http_sms.c — the outbox's SMS through a gateway (issue 15: SMS): txctl outbox sends each SMS to
 * a local gateway (tests/stubs/sms_gateway.py, Alibaba Cloud's SendSms on loopback, checking the
 * signature, timestamp, nonce, signature name and templates as the real one does) as its approved
 * template and variable: the code a phone receives verifies the login, a reset sends its link; a
 * number the gateway will never reach is given up at once, its trouble waits, and a wrong key is
 * the site's setup: tried again, never given up for it, and sent once mended.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_main.h"
#include "client.h"

#define OUT_MAX  8192
#define SENT_MAX 65536
#define SECRET   "test-secret-of-the-gateway"

static pid_t gateway;
static char dir[512], conf[512], bad_conf[512];
static int tag;

/* A settings file for the gateway on port, signing with secret. */
static void write_conf(const char *path, int port, const char *secret)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fprintf(f, "Sms.Gateway.URL = http://127.0.0.1:%d/\nSms.PlainHTTP = 1\n"
	        "Sms.SignName = 童享阳光\nSms.Templates.code = SMS_CODE\n"
	        "Sms.Templates.link = SMS_LINK\nSms.Templates.notice = SMS_NOTICE\n"
	        "Secrets.SmsKeyId = test-id\nSecrets.SmsKeySecret = %s\n", port, secret);
	fclose(f);
}

/* The gateway: started once for the program, on a port of this instance's own. */
static void gateway_start(void)
{
	int port = http_port() + 510;
	char portarg[16];
	const char *args[] = { portarg, dir, "test-id", SECRET, "童享阳光", "SMS_CODE", "SMS_LINK",
	                       "SMS_NOTICE", NULL };

	tag = (int)(getpid() % 10000);
	snprintf(dir, sizeof dir, "%s/sms-gateway-%d", getenv("TX_VAR"), tag);
	snprintf(portarg, sizeof portarg, "%d", port);
	ck_assert_msg((gateway = stub_start("sms_gateway.py", args)) > 0,
	              "the SMS gateway did not start");
	snprintf(conf, sizeof conf, "%s/sms-test-%d.hdf", getenv("TX_VAR"), tag);
	snprintf(bad_conf, sizeof bad_conf, "%s/sms-test-bad-%d.hdf", getenv("TX_VAR"), tag);
	write_conf(conf, port, SECRET);
	write_conf(bad_conf, port, "a-secret-the-gateway-never-gave");
}

static void gateway_stop(void)
{
	kill(gateway, SIGTERM);
	waitpid(gateway, NULL, 0);
	admin_sql_okf("DELETE FROM outbox WHERE recipient LIKE '1___%04d___'", tag);
}

/* One delivery run with the settings of file, as the timer would start it. */
static void outbox_run(const char *file)
{
	char args[700], out[OUT_MAX];

	snprintf(args, sizeof args, "-c '%s' outbox", file);
	ck_assert_msg(txctl_run(args, NULL, 1, out, sizeof out) == 0, "txctl outbox: %s", out);
}

/*
 * The messages the gateway sent to phone: how many; the last one's JSON line into last (if not
 * NULL, SENT_MAX bytes).
 */
static int sent_to(const char *phone, char *last)
{
	static char line[SENT_MAX];
	char path[600], want[64];
	FILE *f;
	int n = 0;

	snprintf(path, sizeof path, "%s/sent.jsonl", dir);
	snprintf(want, sizeof want, "\"phone\": \"%s\"", phone);
	if (!(f = fopen(path, "r")))
		return 0;
	while (fgets(line, sizeof line, f))
		if (strstr(line, want) && ++n && last)
			snprintf(last, SENT_MAX, "%s", line);
	fclose(f);
	return n;
}

/* A number of this run's own: prefix (4 digits), this program's tag, and k. */
static void number(char *out, const char *prefix, int k)
{
	snprintf(out, 12, "%s%04d%03d", prefix, tag, k);
}

static long long queue_notice(const char *phone)
{
	return admin_sql_numf("INSERT INTO outbox (channel, recipient, subject, body, sms_template, "
	                      "sms_params) VALUES ('sms', '%s', '结对已生效', '您的结对已生效。', "
	                      "'notice', JSON_OBJECT('title', '结对已生效')); "
	                      "SELECT LAST_INSERT_ID()", phone);
}

static long long is(long long id, const char *cond)
{
	return admin_sql_numf("SELECT COUNT(*) FROM outbox WHERE id = %lld AND %s", id, cond);
}

START_TEST(the_code_the_phone_receives_verifies_the_login)
{
	static char last[SENT_MAX];
	struct browser b;
	struct resp r;
	char phone[12], form[64], *p;

	number(phone, "1380", 1);
	browser_init(&b);
	ck_assert_int_eq(b_signup(&b, phone, "a-long-password-1", "手机用户"), 303);
	ck_assert_int_eq(b_post(&b, "/verify/send", "", &r), 0);
	resp_free(&r);
	outbox_run(conf);
	ck_assert_int_eq(sent_to(phone, last), 1);
	/* The approved template under the approved name, its one variable the code. */
	ck_assert_ptr_nonnull(strstr(last, "\"template\": \"SMS_CODE\""));
	ck_assert_ptr_nonnull(strstr(last, "\"sign\": \"童享阳光\""));
	ck_assert_ptr_nonnull(strstr(last, "\"out_id\": \"outbox-"));
	ck_assert_ptr_nonnull((p = strstr(last, "\"code\": \"")));
	p += strlen("\"code\": \"");
	ck_assert_int_eq((int)strspn(p, "0123456789"), 6);
	snprintf(form, sizeof form, "verify_code=%.6s", p);
	ck_assert_int_eq(b_post(&b, "/verify", form, &r), 0);
	ck_assert_int_eq(r.status, 303);
	resp_free(&r);
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM donors WHERE login = '%s' "
	                                "AND verified_at IS NOT NULL", phone), 1);
	/* Sent, and never again by a later run. */
	outbox_run(conf);
	ck_assert_int_eq(sent_to(phone, NULL), 1);
	browser_free(&b);
	admin_sql_okf("DELETE FROM outbox WHERE recipient = '%s'", phone);
}
END_TEST

START_TEST(a_reset_sends_its_link)
{
	static char last[SENT_MAX];
	struct browser b, other;
	struct resp r;
	char phone[12], form[64], path[200], *p, *end;

	number(phone, "1390", 2);
	browser_init(&b);
	ck_assert_int_eq(b_signup(&b, phone, "a-long-password-2", "手机用户"), 303);
	browser_init(&other);
	b_get(&other, "/reset", &r);
	resp_free(&r);
	snprintf(form, sizeof form, "login=%s", phone);
	ck_assert_int_eq(b_post(&other, "/reset", form, &r), 0);
	resp_free(&r);
	outbox_run(conf);
	ck_assert_int_eq(sent_to(phone, last), 1);
	ck_assert_ptr_nonnull(strstr(last, "\"template\": \"SMS_LINK\""));
	/* The link the phone received opens the new-password form. */
	ck_assert_ptr_nonnull((p = strstr(last, "/reset/")));
	ck_assert_ptr_nonnull((end = strchr(p, '"')));
	snprintf(path, sizeof path, "%.*s", (int)(end - p), p);
	ck_assert_int_eq(b_get(&other, path, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert(body_has(&r, "新密码"));
	resp_free(&r);
	browser_free(&b);
	browser_free(&other);
	admin_sql_okf("DELETE FROM outbox WHERE recipient = '%s'", phone);
}
END_TEST

START_TEST(never_is_given_up_and_trouble_waits)
{
	char never[12], later[12];
	long long a, b;

	number(never, "1990", 3);
	number(later, "1980", 4);
	a = queue_notice(never);
	b = queue_notice(later);
	outbox_run(conf);
	ck_assert_int_eq(is(a, "dead_at IS NOT NULL AND sent_at IS NULL AND "
	                       "last_error LIKE '%MOBILE_NUMBER_ILLEGAL%'"), 1);
	ck_assert_int_eq(is(b, "dead_at IS NULL AND sent_at IS NULL AND attempts = 1 AND "
	                       "next_try_at > NOW() AND last_error LIKE '%SYSTEM_ERROR%'"), 1);
	ck_assert_int_eq(sent_to(never, NULL) + sent_to(later, NULL), 0);
}
END_TEST

START_TEST(a_wrong_key_is_the_sites_and_is_tried_again)
{
	char phone[12];
	long long id;

	number(phone, "1370", 5);
	id = queue_notice(phone);
	outbox_run(bad_conf);
	ck_assert_int_eq(is(id, "dead_at IS NULL AND sent_at IS NULL AND "
	                        "last_error LIKE '%SignatureDoesNotMatch%'"), 1);
	ck_assert_int_eq(sent_to(phone, NULL), 0);
	/* The key mended, the message goes when it is due again: once. */
	admin_sql_okf("UPDATE outbox SET next_try_at = NOW() WHERE id = %lld", id);
	outbox_run(conf);
	ck_assert_int_eq(is(id, "sent_at IS NOT NULL"), 1);
	ck_assert_int_eq(sent_to(phone, NULL), 1);
	admin_sql_okf("DELETE FROM outbox WHERE id = %lld", id);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("sms");
	TCase *t = tcase_create("gateway");

	tcase_add_unchecked_fixture(t, gateway_start, gateway_stop);
	tcase_add_test(t, the_code_the_phone_receives_verifies_the_login);
	tcase_add_test(t, a_reset_sends_its_link);
	tcase_add_test(t, never_is_given_up_and_trouble_waits);
	tcase_add_test(t, a_wrong_key_is_the_sites_and_is_tried_again);
	suite_add_tcase(s, t);
	return s;
}
