/* http_startup.c — a real site (Site.Demo = 0) refuses to start with the sandbox or test hooks. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_main.h"
#include "client.h"

#define MAX_ARGS 32

struct run {
	int  status;       /* exit status; -1 while it runs */
	pid_t pid;
	int  out;          /* its stdout and stderr */
	char sock[512];    /* its own FastCGI socket, beside the test instance's */
};

/* Start the test instance's txappd, as devctl does, on a socket of its own, with "Key=Value"s. */
static void start(struct run *r, const char *const *overrides, int n)
{
	const char *var = getenv("TX_VAR") ? getenv("TX_VAR") : "var/test";
	const char *build = getenv("BUILD") ? getenv("BUILD") : "build";
	char bin[512], files[4][512], sock[600], *argv[MAX_ARGS];
	int fds[2], argc = 0;

	snprintf(bin, sizeof bin, "%s/txappd", build);
	snprintf(files[0], sizeof files[0], "conf/tongxiang.hdf");
	snprintf(files[1], sizeof files[1], "%s/instance.hdf", var);
	snprintf(files[2], sizeof files[2], "%s/secrets.hdf", var);
	snprintf(files[3], sizeof files[3], "%s/sandbox.hdf", var);
	snprintf(r->sock, sizeof r->sock, "%s/run/startup-probe.sock", var);
	snprintf(sock, sizeof sock, "App.Socket=%s", r->sock);
	argv[argc++] = bin;
	for (int i = 0; i < 4; i++) {
		argv[argc++] = "-c";
		argv[argc++] = files[i];
	}
	argv[argc++] = "-s";
	argv[argc++] = sock;
	for (int i = 0; i < n && argc < MAX_ARGS - 3; i++) {
		argv[argc++] = "-s";
		argv[argc++] = (char *)overrides[i];
	}
	argv[argc] = NULL;
	unlink(r->sock);
	ck_assert_int_eq(pipe(fds), 0);
	r->status = -1;
	ck_assert_int_ge(r->pid = fork(), 0);
	if (r->pid == 0) {
		/* A group of its own, so that a txappd that started is stopped with its workers. */
		setpgid(0, 0);
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		execv(bin, argv);
		_exit(127);
	}
	close(fds[1]);
	r->out = fds[0];
}

/* Whether it exited within about seconds; stops it, and its workers, if it did not. */
static int exited(struct run *r, int seconds)
{
	int status;

	for (int i = 0; i < seconds * 10; i++) {
		if (waitpid(r->pid, &status, WNOHANG) == r->pid) {
			r->status = WIFEXITED(status) ? WEXITSTATUS(status) :
			                                128 + WTERMSIG(status);
			return 1;
		}
		usleep(100 * 1000);
	}
	kill(-r->pid, SIGTERM);
	waitpid(r->pid, &status, 0);
	return 0;
}

/* What it said, once it has gone. */
static void output(struct run *r, char *out, size_t n)
{
	size_t got = 0;
	ssize_t k;

	while (got < n - 1 &&
	       ((k = read(r->out, out + got, n - 1 - got)) > 0 || (k < 0 && errno == EINTR)))
		got += k > 0 ? (size_t)k : 0;
	out[got] = '\0';
	close(r->out);
	unlink(r->sock);
}

static void refuses(const char *const *overrides, int n, const char *why)
{
	struct run r;
	char out[4096];

	start(&r, overrides, n);
	ck_assert_msg(exited(&r, 30), "txappd started with %s", overrides[n - 1]);
	output(&r, out, sizeof out);
	ck_assert_int_eq(r.status, 1);
	ck_assert_msg(strstr(out, why), "txappd said: %s", out);
}

START_TEST(real_site_refuses_the_sandbox)
{
	/* The test instance's hooks off, so that the provider is what is left to refuse. */
	static const char *const O[] = { "App.TestHooks=0", "Site.Demo=0" };

	refuses(O, 2, "cannot start: config: Pay.Providers offers sandbox, which takes no real "
	        "money: it is for demo sites only");
}
END_TEST

START_TEST(real_site_refuses_test_hooks)
{
	static const char *const O[] = { "Site.Demo=0", "App.TestHooks=1" };

	refuses(O, 2, "cannot start: config: App.TestHooks is for test instances only");
}
END_TEST

/* The same command line starts a demo site: what stops the others is the setting, nothing else. */
START_TEST(demo_site_starts)
{
	static const char *const O[] = { "Site.Demo=1" };
	struct run r;
	struct stat st;
	char out[4096];
	int up = 0;

	start(&r, O, 1);
	for (int i = 0; i < 300 && !up; i++) {
		up = stat(r.sock, &st) == 0;
		if (!up)
			usleep(100 * 1000);
	}
	ck_assert_msg(up, "txappd did not open %s", r.sock);
	ck_assert_int_eq(kill(r.pid, SIGTERM), 0);
	ck_assert(exited(&r, 30));
	output(&r, out, sizeof out);
	ck_assert_int_eq(r.status, 0);
	ck_assert_msg(strstr(out, "txappd listening on"), "txappd said: %s", out);
}
END_TEST

/* What it says within about seconds, while it runs, until want appears; then it is stopped. */
static int says(struct run *r, const char *want, int seconds, char *out, size_t n)
{
	size_t got = 0;
	int found = 0;

	out[0] = '\0';
	for (int i = 0; i < seconds * 10 && !found; i++) {
		struct pollfd p = { .fd = r->out, .events = POLLIN };
		ssize_t k;

		if (poll(&p, 1, 100) > 0 && (k = read(r->out, out + got, n - 1 - got)) > 0) {
			got += (size_t)k;
			out[got] = '\0';
		}
		found = strstr(out, want) != NULL || got >= n - 1;
	}
	kill(-r->pid, SIGTERM);
	waitpid(r->pid, NULL, 0);
	close(r->out);
	unlink(r->sock);
	return strstr(out, want) != NULL;
}

#define EXTRA_MOVE "('child', 'exited', 'waiting')"

static void drop_extra_move(void)
{
	admin_sql("DELETE FROM state_transitions "
	          "WHERE (entity, from_state, to_state) = " EXTRA_MOVE, NULL);
}

/*
 * A database whose transition table allows a move the build does not (a migration out of step)
 * is not served from: each worker says why and stops, and the master starts none that serves.
 */
START_TEST(workers_refuse_a_database_with_other_moves)
{
	static const char *const O[] = { "Site.Demo=1" };
	struct run r;
	char out[8192];

	ck_assert_int_eq(admin_sql("INSERT INTO state_transitions VALUES " EXTRA_MOVE, NULL), 0);
	start(&r, O, 1);
	ck_assert_msg(says(&r, "worker not started: "
	                   "state_transitions allows child exited -> waiting", 60, out, sizeof out),
	              "txappd said: %s", out);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_startup");
	TCase *t = tcase_create("startup");

	tcase_add_test(t, real_site_refuses_the_sandbox);
	tcase_add_test(t, real_site_refuses_test_hooks);
	tcase_add_test(t, demo_site_starts);
	tcase_add_checked_fixture(t, NULL, drop_extra_move);
	tcase_add_test(t, workers_refuse_a_database_with_other_moves);
	suite_add_tcase(s, t);
	return s;
}
