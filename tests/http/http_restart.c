/* http_restart.c — the master restarts a worker killed with SIGKILL while requests run, and service carries on. */
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <curl/curl.h>

#include "check_main.h"
#include "client.h"

#define THREADS 4
#define PER_THREAD 40

struct load {
	int ok, bad_gateway, other;
};

static void *hammer(void *arg)
{
	struct load *l = arg;

	for (int i = 0; i < PER_THREAD; i++) {
		struct resp r;
		http_get("/children?sort=age", &r);
		if (r.status == 200 && body_has(&r, "找到"))
			l->ok++;
		else if (r.status == 502 || (r.status == 200 && !body_has(&r, "</html>")))
			/*
			 * The one request the killed worker was serving: refused, or cut short
			 * when nginx had passed its first part on already.
			 */
			l->bad_gateway++;
		else
			l->other++;
		resp_free(&r);
	}
	return NULL;
}

static int contains(const int *pids, int n, int pid)
{
	for (int i = 0; i < n; i++)
		if (pids[i] == pid)
			return 1;
	return 0;
}

START_TEST(killed_worker_is_replaced_under_load)
{
	int master = app_master_pid(), before[8], after[8], nb, na = 0;
	pthread_t t[THREADS];
	struct load l[THREADS];

	ck_assert_int_gt(master, 0);
	nb = app_worker_pids(master, before, 8);
	ck_assert_int_eq(nb, 2);
	memset(l, 0, sizeof l);
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, hammer, &l[i]);
	usleep(200 * 1000);
	ck_assert_int_eq(kill(before[0], SIGKILL), 0);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);

	/* The replacement comes up within a few seconds, and the survivor was never disturbed. */
	for (int i = 0; i < 50 && !(na == 2 && !contains(after, na, before[0])); i++) {
		usleep(100 * 1000);
		na = app_worker_pids(master, after, 8);
	}
	ck_assert_int_eq(na, 2);
	ck_assert(!contains(after, na, before[0]));
	ck_assert(contains(after, na, before[1]));

	int ok = 0, gateway = 0, other = 0;
	for (int i = 0; i < THREADS; i++)
		ok += l[i].ok, gateway += l[i].bad_gateway, other += l[i].other;
	ck_assert_int_eq(other, 0);
	ck_assert_msg(gateway <= 1, "%d requests failed, more than the one in flight", gateway);
	ck_assert_int_ge(ok, THREADS * PER_THREAD - 1);
}
END_TEST

START_TEST(service_is_whole_after_restart)
{
	for (int i = 0; i < 20; i++) {
		struct resp r;
		ck_assert_int_eq(http_get("/children", &r), 0);
		ck_assert_int_eq(r.status, 200);
		resp_free(&r);
	}
}
END_TEST

/* libfcgi would treat SIGUSR1 as "stop accepting" and leave a worker spinning: ours ignore it. */
START_TEST(sigusr1_does_not_disable_a_worker)
{
	int master = app_master_pid(), before[8], after[8], n;

	n = app_worker_pids(master, before, 8);
	ck_assert_int_eq(n, 2);
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(kill(before[i], SIGUSR1), 0);
	for (int i = 0; i < 10; i++) {
		struct resp r;
		ck_assert_int_eq(http_get("/children?gender=m", &r), 0);
		ck_assert_int_eq(r.status, 200);
		resp_free(&r);
	}
	ck_assert_int_eq(app_worker_pids(master, after, 8), 2);
	ck_assert(contains(after, 2, before[0]) && contains(after, 2, before[1]));
	ck_assert_int_eq(kill(master, SIGUSR1), 0);
	usleep(200 * 1000);
	ck_assert_int_eq(kill(master, 0), 0);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_restart");
	TCase *t = tcase_create("restart");

	curl_global_init(CURL_GLOBAL_ALL);
	tcase_add_test(t, killed_worker_is_replaced_under_load);
	tcase_add_test(t, service_is_whole_after_restart);
	tcase_add_test(t, sigusr1_does_not_disable_a_worker);
	suite_add_tcase(s, t);
	return s;
}
