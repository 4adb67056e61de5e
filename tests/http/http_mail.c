/*
 * http_mail.c — the outbox through a real SMTP relay (issue 15: mail): txctl outbox delivers each
 * message to a local relay (tests/stubs/smtp_sink.py, aiosmtpd on loopback) as a UTF-8 mail whose
 * subject and body read back as they were queued; a relay's "try later" (451) waits and, after a
 * day of failing, gives the message up, and its "never" (550) at once, each then on the province
 * dashboard with the address masked; runs side by side send each message once.
 */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sodium.h>

#include "check_main.h"
#include "client.h"

#define OUT_MAX   8192
#define MAIL_MAX  65536
#define SUBJECT   "您资助的孩子有了新的探访记录：志愿者于本周到家中看望，孩子身体健康，学习认真，" \
                  "这是一封很长的主题，用来检查邮件主题的折行与编码"
#define BODY      "您好！\n\n孩子近况：成绩进步明显，很喜欢您寄去的书。\n谢谢您的陪伴。\n— 童享阳光"

static pid_t sink;
static char sink_dir[512], conf[512], tag[32];

/* The relay: started once for the program, on a port of this instance's own. */
static void sink_start(void)
{
	int port = http_port() + 500;
	char portarg[16];
	const char *args[] = { portarg, sink_dir, NULL };
	FILE *f;

	snprintf(tag, sizeof tag, "%d", (int)getpid());
	snprintf(sink_dir, sizeof sink_dir, "%s/smtp-sink-%s", getenv("TX_VAR"), tag);
	snprintf(portarg, sizeof portarg, "%d", port);
	ck_assert_msg((sink = stub_start("smtp_sink.py", args)) > 0,
	              "the SMTP sink did not start (python3-aiosmtpd installed?)");
	snprintf(conf, sizeof conf, "%s/mail-test-%s.hdf", getenv("TX_VAR"), tag);
	ck_assert_ptr_nonnull((f = fopen(conf, "w")));
	fprintf(f, "Mail.SMTP.URL = smtp://127.0.0.1:%d\nMail.From = noreply@tongxiang.test\n"
	        "Mail.FromName = 童享阳光\nMail.StartTLS = 0\nMail.TimeoutSeconds = 20\n", port);
	fclose(f);
}

static void sink_stop(void)
{
	kill(sink, SIGTERM);
	waitpid(sink, NULL, 0);
	admin_sql_okf("DELETE FROM outbox WHERE recipient LIKE '%%-%s%%'", tag);
}

/* Whether message id's row is as cond (SQL on outbox) says: 1 or 0. */
static long long is(long long id, const char *cond)
{
	return admin_sql_numf("SELECT COUNT(*) FROM outbox WHERE id = %lld AND %s", id, cond);
}

/* One delivery run, as the timer would start it; it must end well whatever the relay said. */
static void outbox_run(void)
{
	char args[700], out[OUT_MAX];

	snprintf(args, sizeof args, "-c '%s' outbox", conf);
	ck_assert_msg(txctl_run(args, NULL, 1, out, sizeof out) == 0, "txctl outbox: %s", out);
}

static long long queue(const char *who, const char *subject, const char *body)
{
	return admin_sql_numf("INSERT INTO outbox (channel, recipient, subject, body) "
	                      "VALUES ('email', '%s-%s@example.com', '%s', '%s'); "
	                      "SELECT LAST_INSERT_ID()", who, tag, subject, body);
}

/*
 * The mails the relay took for who's address: how many; the last one's text into mail (if not
 * NULL, MAIL_MAX bytes).
 */
static int mails_to(const char *who, char *mail)
{
	char want[160], path[1024];
	struct dirent *de;
	DIR *d = opendir(sink_dir);
	int n = 0;

	snprintf(want, sizeof want, "X-Envelope-To: %s-%s@example.com\r\n", who, tag);
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d))) {
		static char text[MAIL_MAX];
		size_t len;
		FILE *f;

		if (!strstr(de->d_name, ".eml") || strstr(de->d_name, ".part"))
			continue;
		snprintf(path, sizeof path, "%s/%s", sink_dir, de->d_name);
		if (!(f = fopen(path, "r")))
			continue;
		len = fread(text, 1, sizeof text - 1, f);
		text[len] = '\0';
		fclose(f);
		if (!strstr(text, want))
			continue;
		n++;
		if (mail)
			memcpy(mail, text, len + 1);
	}
	closedir(d);
	return n;
}

/* base64 (with line breaks and folds ignored) decoded into out: its length. */
static size_t unbase64(const char *s, size_t n, char *out, size_t max)
{
	size_t len = 0;

	ck_assert_int_eq(sodium_base642bin((unsigned char *)out, max - 1, s, n, "\r\n ", &len, NULL,
	                                   sodium_base64_VARIANT_ORIGINAL), 0);
	out[len] = '\0';
	return len;
}

/* The Subject header's encoded words, decoded and joined. */
static void subject_of(const char *mail, char *out, size_t max)
{
	const char *p = strstr(mail, "\r\nSubject: "), *end = p ? strstr(p + 2, "\r\n") : NULL;
	size_t len = 0;

	ck_assert_ptr_nonnull(p);
	/* A folded header goes on over lines that start with a space. */
	while (end && end[2] == ' ')
		end = strstr(end + 2, "\r\n");
	for (p = strstr(p, "=?UTF-8?B?"); p && p < end; p = strstr(p, "=?UTF-8?B?")) {
		const char *q = strstr(p + 10, "?=");

		ck_assert_msg(q - p + 2 <= 75, "an encoded word longer than 75 characters");
		len += unbase64(p + 10, (size_t)(q - p - 10), out + len, max - len);
		p = q + 2;
	}
}

START_TEST(mail_reads_as_it_was_queued)
{
	static char mail[MAIL_MAX], text[MAIL_MAX];
	char want[96];
	long long id = queue("reader", SUBJECT, BODY);
	const char *body;

	outbox_run();
	ck_assert_int_eq(mails_to("reader", mail), 1);
	subject_of(mail, text, sizeof text);
	ck_assert_str_eq(text, SUBJECT);
	ck_assert_ptr_nonnull((body = strstr(mail, "\r\n\r\n")));
	unbase64(body + 4, strlen(body + 4), text, sizeof text);
	ck_assert_str_eq(text, BODY);
	ck_assert_msg(strstr(mail, "Content-Type: text/plain; charset=UTF-8\r\n") &&
	              strstr(mail, "X-Envelope-From: noreply@tongxiang.test\r\n") &&
	              strstr(mail, "\r\nFrom: =?UTF-8?B?"), "headers: %.600s", mail);
	snprintf(want, sizeof want, "Message-ID: <outbox-%lld@tongxiang.test>\r\n", id);
	ck_assert_msg(strstr(mail, want), "no %s", want);
	ck_assert_int_eq(is(id, "sent_at IS NOT NULL AND attempts = 1 AND claimed_by IS NULL"), 1);
	/* Sent is sent: another run sends nothing again. */
	outbox_run();
	ck_assert_int_eq(mails_to("reader", NULL), 1);
}
END_TEST

/* The province dashboard's list of messages given up: whether it shows text. */
static int dead_list_shows(const char *staff, const char *text)
{
	struct browser b;
	struct resp r;
	int shown;

	ck_assert_int_eq(b_staff(&b, staff), 303);
	ck_assert_int_eq(b_get(&b, "/admin", &r), 0);
	shown = body_has(&r, "未能送达的消息") && body_has(&r, text);
	resp_free(&r);
	browser_free(&b);
	return shown;
}

START_TEST(try_later_waits_then_gives_up)
{
	long long id = queue("fail", "稍后再试的邮件", "正文");
	char masked[64];

	outbox_run();
	ck_assert_int_eq(mails_to("fail", NULL), 0);
	ck_assert_int_eq(is(id, "attempts = 1 AND sent_at IS NULL AND dead_at IS NULL "
	                    "AND next_try_at > NOW() AND last_error LIKE 'smtp 451%'"), 1);
	/* Not due yet: the next run leaves it. */
	outbox_run();
	ck_assert_int_eq(admin_sql_numf("SELECT attempts FROM outbox WHERE id = %lld", id), 1);
	/* Due again, and failing for more than a day: given up. */
	admin_sql_okf("UPDATE outbox SET next_try_at = NOW() - INTERVAL 1 MINUTE, "
	              "first_failed_at = NOW() - INTERVAL 25 HOUR WHERE id = %lld", id);
	outbox_run();
	ck_assert_int_eq(is(id, "attempts = 2 AND sent_at IS NULL AND dead_at IS NOT NULL"), 1);
	snprintf(masked, sizeof masked, "f***@example.com");
	ck_assert_msg(dead_list_shows("province", "稍后再试的邮件") &&
	              dead_list_shows("province", masked), "the province does not see it");
	ck_assert_msg(!dead_list_shows("enshi", "稍后再试的邮件"), "a city sees the outbox");
	/* Given up is never tried again. */
	admin_sql_okf("UPDATE outbox SET next_try_at = NOW() - INTERVAL 1 MINUTE "
	              "WHERE id = %lld", id);
	outbox_run();
	ck_assert_int_eq(admin_sql_numf("SELECT attempts FROM outbox WHERE id = %lld", id), 2);
}
END_TEST

START_TEST(never_is_given_up_at_once)
{
	long long id = queue("bounce", "退信", "正文");

	outbox_run();
	ck_assert_int_eq(mails_to("bounce", NULL), 0);
	ck_assert_int_eq(is(id, "attempts = 1 AND dead_at IS NOT NULL "
	                    "AND last_error LIKE 'smtp 550%'"), 1);
}
END_TEST

/* Three runs at once over 30 messages: each message reaches the relay once. */
START_TEST(runs_side_by_side_send_each_once)
{
	enum { N = 30, RUNS = 3 };
	pid_t pid[RUNS];
	char who[32];

	for (int i = 0; i < N; i++) {
		snprintf(who, sizeof who, "many%d", i);
		queue(who, "同时发送", "正文");
	}
	for (int k = 0; k < RUNS; k++)
		if ((pid[k] = fork()) == 0) {
			char args[700], out[OUT_MAX];

			snprintf(args, sizeof args, "-c '%s' outbox", conf);
			_exit(txctl_run(args, NULL, 1, out, sizeof out) == 0 ? 0 : 1);
		}
	for (int k = 0; k < RUNS; k++) {
		int st;

		ck_assert_int_eq(waitpid(pid[k], &st, 0), pid[k]);
		ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "run %d failed", k);
	}
	for (int i = 0; i < N; i++) {
		snprintf(who, sizeof who, "many%d", i);
		ck_assert_msg(mails_to(who, NULL) == 1, "%s: %d mails", who, mails_to(who, NULL));
	}
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_mail");
	TCase *t = tcase_create("mail");

	tcase_add_unchecked_fixture(t, sink_start, sink_stop);
	tcase_add_test(t, mail_reads_as_it_was_queued);
	tcase_add_test(t, try_later_waits_then_gives_up);
	tcase_add_test(t, never_is_given_up_at_once);
	tcase_add_test(t, runs_side_by_side_send_each_once);
	suite_add_tcase(s, t);
	return s;
}
