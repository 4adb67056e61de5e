/* check_session.c — passwords (argon2id, slots), session tokens, cookies, CSRF, throttling. */
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <sodium.h>

#include "check_main.h"
#include "config.h"
#include "passwd.h"
#include "session.h"
#include "throttle.h"
#include "util.h"

/* Room for a Cookie header of the tests' making. */
#define HEADER_MAX 256

static struct config cfg;
/*
 * The slot lock file goes beside the socket: one of this test's own, for the suites of other
 * worktrees may run at the same time.
 */
static char sock[PATH_MAX], lock[PATH_MAX];

static void teardown(void)
{
	unlink(lock);
}

static void setup(void)
{
	ck_assert_int_ge(sodium_init(), 0);
	memset(&cfg, 0, sizeof cfg);
	snprintf(sock, sizeof sock, "/tmp/tx-check-session-%d.sock", (int)getpid());
	snprintf(lock, sizeof lock, "/tmp/tx-check-session-%d.sock.pwlock", (int)getpid());
	cfg.socket = sock;
	cfg.pw_slots = 1;
	randombytes_buf(cfg.hash_key, sizeof cfg.hash_key);
}

START_TEST(password_hash_is_argon2id_and_checks)
{
	char hash[PASSWD_HASH_MAX];
	struct err e;
	int rehash;

	ck_assert_int_eq(passwd_hash(&cfg, "correct horse", hash, &e), 0);
	ck_assert_ptr_nonnull(strstr(hash, "$argon2id$"));
	ck_assert_ptr_null(strstr(hash, "correct horse"));
	ck_assert_int_eq(passwd_check(&cfg, hash, "correct horse", &rehash, &e), 1);
	ck_assert_int_eq(rehash, 0);
	ck_assert_int_eq(passwd_check(&cfg, hash, "correct horsE", &rehash, &e), 0);
	ck_assert_int_eq(passwd_check(&cfg, hash, "", &rehash, &e), 0);
}
END_TEST

START_TEST(same_password_hashes_differently)
{
	char a[PASSWD_HASH_MAX], b[PASSWD_HASH_MAX];
	struct err e;

	ck_assert_int_eq(passwd_hash(&cfg, "tongxiang-demo", a, &e), 0);
	ck_assert_int_eq(passwd_hash(&cfg, "tongxiang-demo", b, &e), 0);
	ck_assert_str_ne(a, b);   /* salted */
}
END_TEST

/* A hash made with weaker parameters than today's still checks, and asks to be replaced. */
START_TEST(old_parameters_ask_for_a_rehash)
{
	char weak[PASSWD_HASH_MAX];
	struct err e;
	int rehash = 0;

	ck_assert_int_eq(crypto_pwhash_str(weak, "pw-12345678", 11, crypto_pwhash_OPSLIMIT_MIN,
	                                   8192), 0);
	ck_assert_int_eq(passwd_check(&cfg, weak, "pw-12345678", &rehash, &e), 1);
	ck_assert_int_eq(rehash, 1);
}
END_TEST

/* An unknown account is checked against a dummy: never a match, whatever the password. */
START_TEST(unknown_account_never_matches)
{
	struct err e;
	int rehash;

	ck_assert_int_eq(passwd_check(&cfg, NULL, "tongxiang-no-such-account", &rehash, &e), 0);
	ck_assert_int_eq(passwd_check(&cfg, NULL, "anything-at-all", &rehash, &e), 0);
}
END_TEST

/*
 * With the only slot held by another process, hashing waits and then gives up with 503, rather than
 * piling up.
 */
START_TEST(busy_slots_give_503)
{
	int fds[2], hold[2];
	char hash[PASSWD_HASH_MAX], c;
	struct err e;
	pid_t pid;

	ck_assert_int_eq(pipe(fds), 0);
	ck_assert_int_eq(pipe(hold), 0);
	pid = fork();
	if (pid == 0) {
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0,
		                    .l_len = 1 };
		int fd = open(lock, O_RDWR | O_CREAT, 0600);

		fcntl(fd, F_OFD_SETLK, &fl);
		(void)!write(fds[1], "x", 1);
		/* Held until killed, or until the test is gone (its end of the pipe closed). */
		close(hold[1]);
		(void)!read(hold[0], &c, 1);
		_exit(0);
	}
	close(hold[0]);
	ck_assert_int_eq(read(fds[0], &c, 1), 1);
	ck_assert_int_eq(passwd_hash(&cfg, "pw-12345678", hash, &e), -1);
	ck_assert_int_eq(err_status(&e), 503);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(hold[1]);
	/* The holder died: the kernel let its lock go, so the slot is free again. */
	ck_assert_int_eq(passwd_hash(&cfg, "pw-12345678", hash, &e), 0);
}
END_TEST

START_TEST(tokens_are_random_and_stored_hashed)
{
	unsigned char a[TOKEN_BYTES], b[TOKEN_BYTES];
	unsigned char ha[crypto_generichash_BYTES], ha2[crypto_generichash_BYTES];

	token_new(a);
	token_new(b);
	ck_assert_int_ne(memcmp(a, b, TOKEN_BYTES), 0);
	token_hash(a, ha);
	token_hash(a, ha2);
	ck_assert_int_eq(memcmp(ha, ha2, 32), 0);
	ck_assert_int_ne(memcmp(ha, a, 32), 0);
}
END_TEST

START_TEST(cookie_round_trip)
{
	unsigned char tok[TOKEN_BYTES], got[TOKEN_BYTES];
	char b64[TOKEN_B64_LEN + 1], hdr[HEADER_MAX];

	token_new(tok);
	token_b64(tok, b64);
	ck_assert_uint_eq(strlen(b64), TOKEN_B64_LEN);
	snprintf(hdr, sizeof hdr, "theme=dark; tx_s=%s; tx_v=short", b64);
	ck_assert_int_eq(cookie_token(hdr, "tx_s", got), 0);
	ck_assert_int_eq(memcmp(tok, got, TOKEN_BYTES), 0);
	ck_assert_int_eq(cookie_token(hdr, "tx_v", got), -1);          /* not a 32-byte token */
	/* a prefix of a name is not the name */
	ck_assert_int_eq(cookie_token(hdr, "tx", got), -1);
	ck_assert_int_eq(cookie_token("", "tx_s", got), -1);
	snprintf(hdr, sizeof hdr, "xtx_s=%s", b64);
	ck_assert_int_eq(cookie_token(hdr, "tx_s", got), -1);
	snprintf(hdr, sizeof hdr, "tx_s=%.42s!", b64);                  /* not base64url */
	ck_assert_int_eq(cookie_token(hdr, "tx_s", got), -1);
}
END_TEST

START_TEST(csrf_tokens_bind_key_kind_and_token)
{
	unsigned char tok[TOKEN_BYTES], other[TOKEN_BYTES], key2[KEY_BYTES];
	unsigned char a[CSRF_BYTES], b[CSRF_BYTES];

	token_new(tok);
	token_new(other);
	randombytes_buf(key2, sizeof key2);
	csrf_token(cfg.hash_key, 's', tok, a);
	csrf_token(cfg.hash_key, 's', tok, b);
	ck_assert_int_eq(memcmp(a, b, CSRF_BYTES), 0);   /* stable for one session */
	csrf_token(cfg.hash_key, 'v', tok, b);
	ck_assert_int_ne(memcmp(a, b, CSRF_BYTES), 0);   /* a visitor's is not a session's */
	csrf_token(cfg.hash_key, 's', other, b);
	ck_assert_int_ne(memcmp(a, b, CSRF_BYTES), 0);   /* another browser's */
	csrf_token(key2, 's', tok, b);
	ck_assert_int_ne(memcmp(a, b, CSRF_BYTES), 0);   /* not computable without the key */
}
END_TEST

/* A browser whose CSRF secret is that of session token tok. */
static void csrf_browser(struct ctx *c, const unsigned char tok[TOKEN_BYTES])
{
	memset(c, 0, sizeof *c);
	csrf_token(cfg.hash_key, 's', tok, c->who.csrf);
	c->who.has_csrf = 1;
}

#define B64URL "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

/* Each response masks the secret afresh: two masked tokens differ, hide it, and both pass. */
START_TEST(csrf_tokens_are_masked_per_response)
{
	unsigned char tok[TOKEN_BYTES], back[CSRF_BYTES];
	char one[CSRF_MASKED_LEN + 1], two[CSRF_MASKED_LEN + 1];
	char hex[2 * CSRF_BYTES + 1], b64[CSRF_MASKED_LEN + 1];
	struct ctx c;

	token_new(tok);
	csrf_browser(&c, tok);
	csrf_mask(c.who.csrf, one);
	csrf_mask(c.who.csrf, two);
	ck_assert_uint_eq(strlen(one), CSRF_MASKED_LEN);
	ck_assert_uint_eq(strspn(one, B64URL), CSRF_MASKED_LEN);
	ck_assert_str_ne(one, two);
	/* The secret appears in neither, in any form a page could show it in. */
	sodium_bin2hex(hex, sizeof hex, c.who.csrf, CSRF_BYTES);
	sodium_bin2base64(b64, sizeof b64, c.who.csrf, CSRF_BYTES,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	ck_assert_ptr_null(strstr(one, hex));
	ck_assert_ptr_null(strstr(one, b64));
	ck_assert_int_eq(csrf_unmask(one, back), 0);
	ck_assert_int_eq(memcmp(back, c.who.csrf, CSRF_BYTES), 0);
	ck_assert(session_csrf_ok(&c, one));
	ck_assert(session_csrf_ok(&c, two));
}
END_TEST

/* Refused: another session's token, a garbled one, the unmasked secret, wrong lengths, none. */
START_TEST(csrf_check_refuses_what_is_not_this_browsers)
{
	unsigned char tok[TOKEN_BYTES], other[TOKEN_BYTES], back[CSRF_BYTES];
	char mine[CSRF_MASKED_LEN + 1], theirs[CSRF_MASKED_LEN + 1], bad[CSRF_MASKED_LEN + 2];
	char hex[2 * CSRF_BYTES + 1];
	struct ctx c, d;

	token_new(tok);
	token_new(other);
	csrf_browser(&c, tok);
	csrf_browser(&d, other);
	csrf_mask(c.who.csrf, mine);
	csrf_mask(d.who.csrf, theirs);
	ck_assert(!session_csrf_ok(&c, theirs));
	ck_assert(session_csrf_ok(&d, theirs));
	/* One character changed anywhere (mask or masked half) unmasks to another secret. */
	for (int i = 0; i < CSRF_MASKED_LEN - 1; i += 9) {
		memcpy(bad, mine, sizeof mine);
		bad[i] = bad[i] == 'A' ? 'B' : 'A';
		ck_assert_msg(!session_csrf_ok(&c, bad), "changed at %d: accepted", i);
	}
	sodium_bin2hex(hex, sizeof hex, c.who.csrf, CSRF_BYTES);
	ck_assert(!session_csrf_ok(&c, hex));               /* the old, unmasked form */
	snprintf(bad, sizeof bad, "%sA", mine);
	ck_assert(!session_csrf_ok(&c, bad));               /* too long */
	ck_assert(!session_csrf_ok(&c, mine + 1));          /* too short */
	memcpy(bad, mine, sizeof mine);
	bad[10] = '+';                                      /* not base64url */
	ck_assert_int_eq(csrf_unmask(bad, back), -1);
	ck_assert(!session_csrf_ok(&c, bad));
	ck_assert(!session_csrf_ok(&c, ""));
	ck_assert(!session_csrf_ok(&c, NULL));
	c.who.has_csrf = 0;                                 /* no cookie: no token to match */
	ck_assert(!session_csrf_ok(&c, mine));
}
END_TEST

struct twait {
	long long failures;
	int       free;
	long long wait;
};

static const struct twait TWAITS[] = {
	{ 0, THROTTLE_FREE_ACCOUNT, 0 },
	{ 2, THROTTLE_FREE_ACCOUNT, 0 },
	{ 3, THROTTLE_FREE_ACCOUNT, 2 },     /* slowed ... */
	{ 4, THROTTLE_FREE_ACCOUNT, 4 },
	{ 7, THROTTLE_FREE_ACCOUNT, 32 },
	{ 8, THROTTLE_FREE_ACCOUNT, THROTTLE_LOCK },   /* ... then refused for a while */
	{ 1000, THROTTLE_FREE_ACCOUNT, THROTTLE_LOCK },
	{ 19, THROTTLE_FREE_ADDR, 0 },       /* an address shared behind NAT gets more room */
	{ 20, THROTTLE_FREE_ADDR, 2 },
};

START_TEST(throttle_slows_then_refuses)
{
	ck_assert_int_eq(throttle_wait(TWAITS[_i].failures, TWAITS[_i].free), TWAITS[_i].wait);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("session");
	TCase *pw = tcase_create("passwords"), *t = tcase_create("tokens");

	tcase_add_checked_fixture(pw, setup, teardown);
	tcase_set_timeout(pw, 60);
	tcase_add_test(pw, password_hash_is_argon2id_and_checks);
	tcase_add_test(pw, same_password_hashes_differently);
	tcase_add_test(pw, old_parameters_ask_for_a_rehash);
	tcase_add_test(pw, unknown_account_never_matches);
	tcase_add_test(pw, busy_slots_give_503);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, tokens_are_random_and_stored_hashed);
	tcase_add_test(t, cookie_round_trip);
	tcase_add_test(t, csrf_tokens_bind_key_kind_and_token);
	tcase_add_test(t, csrf_tokens_are_masked_per_response);
	tcase_add_test(t, csrf_check_refuses_what_is_not_this_browsers);
	tcase_add_loop_test(t, throttle_slows_then_refuses, 0, nitems(TWAITS));
	suite_add_tcase(s, pw);
	suite_add_tcase(s, t);
	return s;
}
