/* http_seccomp.c — workers run under a seccomp filter: one that tries execve dies, is replaced. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <curl/curl.h>

#include "check_main.h"
#include "client.h"

static int contains(const int *pids, int n, int pid)
{
	for (int i = 0; i < n; i++)
		if (pids[i] == pid)
			return 1;
	return 0;
}

/* The value of field name ("Seccomp:") in /proc/pid/status, or -1. */
static int proc_status(int pid, const char *name)
{
	char path[64], line[256];
	FILE *f;
	int v = -1;

	snprintf(path, sizeof path, "/proc/%d/status", pid);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, name, strlen(name)) == 0)
			v = atoi(line + strlen(name));
	fclose(f);
	return v;
}

static int app_log_has(const char *needle)
{
	char path[512], *text;
	const char *var = getenv("TX_VAR");
	FILE *f;
	long n;
	int found;

	snprintf(path, sizeof path, "%s/log/app.log", var ? var : "var/test");
	ck_assert_ptr_nonnull(f = fopen(path, "r"));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	ck_assert_ptr_nonnull(text = malloc((size_t)n + 1));
	text[fread(text, 1, (size_t)n, f)] = '\0';
	fclose(f);
	found = strstr(text, needle) != NULL;
	free(text);
	return found;
}

/* Every worker runs filtered (mode 2) with no_new_privs; the master, which forks them, does not. */
START_TEST(workers_are_filtered)
{
	int master = app_master_pid(), pids[8], n = app_worker_pids(master, pids, 8);

	ck_assert_int_eq(n, 2);
	for (int i = 0; i < n; i++) {
		ck_assert_int_eq(proc_status(pids[i], "Seccomp:"), 2);
		ck_assert_int_eq(proc_status(pids[i], "NoNewPrivs:"), 1);
	}
	ck_assert_int_eq(proc_status(master, "Seccomp:"), 0);
}
END_TEST

START_TEST(execve_kills_the_worker_and_it_is_replaced)
{
	int master = app_master_pid(), before[8], after[8], na = 0;
	char line[128];

	ck_assert_int_eq(app_worker_pids(master, before, 8), 2);
	/* The test hook (App.TestHooks): the worker calls execve as it next waits for work. */
	ck_assert_int_eq(kill(before[0], SIGUSR2), 0);
	/* A worker that dies young is restarted after a pause of a second or so. */
	for (int i = 0; i < 300 && !(na == 2 && !contains(after, na, before[0])); i++) {
		usleep(100 * 1000);
		na = app_worker_pids(master, after, 8);
	}
	ck_assert_int_eq(na, 2);
	ck_assert(!contains(after, na, before[0]));
	ck_assert(contains(after, na, before[1]));
	snprintf(line, sizeof line,
	         "worker %d killed by SIGSYS: a system call outside its seccomp filter", before[0]);
	ck_assert_msg(app_log_has(line), "the app log lacks \"%s\"", line);
	for (int i = 0; i < 20; i++) {
		struct resp r;
		ck_assert_int_eq(http_get("/children", &r), 0);
		ck_assert_int_eq(r.status, 200);
		resp_free(&r);
	}
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_seccomp");
	TCase *t = tcase_create("seccomp");

	curl_global_init(CURL_GLOBAL_ALL);
	tcase_add_test(t, workers_are_filtered);
	tcase_add_test(t, execve_kills_the_worker_and_it_is_replaced);
	suite_add_tcase(s, t);
	return s;
}
