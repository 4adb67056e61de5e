/* http_shutdown.c — SIGTERM stops the app gracefully: a request in flight finishes, then everything exits. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <curl/curl.h>
#include <mysql.h>

#include "check_main.h"
#include "client.h"

static struct resp slow;

static void *fetch(void *arg)
{
	(void)arg;
	http_get("/children?sort=newest", &slow);
	return NULL;
}

/* A root connection holding a write lock on children: readers wait for it, so a request stays in flight. */
static MYSQL *lock_children(void)
{
	char sock[512];
	MYSQL *m = mysql_init(NULL);

	snprintf(sock, sizeof sock, "%s/run/mysqld.sock", getenv("TX_VAR"));
	ck_assert_ptr_nonnull(mysql_real_connect(m, NULL, "root", NULL, "tongxiang", 0, sock, 0));
	ck_assert_int_eq(mysql_query(m, "LOCK TABLES children WRITE"), 0);
	return m;
}

START_TEST(in_flight_request_finishes_after_sigterm)
{
	int master = app_master_pid();
	pthread_t t;
	MYSQL *m;
	char port[32];

	ck_assert_int_gt(master, 0);
	m = lock_children();
	pthread_create(&t, NULL, fetch, NULL);
	usleep(500 * 1000);
	ck_assert_int_eq(kill(master, SIGTERM), 0);
	usleep(800 * 1000);
	ck_assert_msg(kill(master, 0) == 0, "master exited with a request still in flight");
	ck_assert_int_eq(slow.status, 0);
	mysql_query(m, "UNLOCK TABLES");
	mysql_close(m);
	pthread_join(t, NULL);
	ck_assert_int_eq(slow.status, 200);
	ck_assert(body_has(&slow, "找到"));
	for (int i = 0; i < 100 && kill(master, 0) == 0; i++)
		usleep(100 * 1000);
	ck_assert_msg(kill(master, 0) != 0, "master still running after its last request");
	resp_free(&slow);

	/* Leave the instance as we found it for anything that runs after us. */
	snprintf(port, sizeof port, "start %d", http_port());
	ck_assert_int_eq(devctl(port), 0);
	ck_assert_int_eq(wait_for_status("/healthz", 200, 10), 0);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_shutdown");
	TCase *t = tcase_create("shutdown");

	curl_global_init(CURL_GLOBAL_ALL);
	mysql_library_init(0, NULL, NULL);
	tcase_add_test(t, in_flight_request_finishes_after_sigterm);
	suite_add_tcase(s, t);
	return s;
}
