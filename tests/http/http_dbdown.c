/* http_dbdown.c — with MariaDB stopped the workers answer a templated 503 and never crash; they recover by themselves. */
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "client.h"

static int pids_before[8], npids_before;

static void remember_workers(void)
{
	npids_before = app_worker_pids(app_master_pid(), pids_before, 8);
	ck_assert_int_eq(npids_before, 2);
}

static void assert_same_workers(void)
{
	int now[8], n = app_worker_pids(app_master_pid(), now, 8);

	ck_assert_int_eq(n, npids_before);
	for (int i = 0; i < n; i++) {
		int found = 0;
		for (int j = 0; j < n; j++)
			found |= now[i] == pids_before[j];
		ck_assert_msg(found, "worker %d is new: one crashed", now[i]);
	}
}

static const char *const PAGES[] = { "/", "/children", "/children?city=420100", "/children/AB12CD34EF" };

START_TEST(database_down_gives_503_pages)
{
	struct resp r;

	remember_workers();
	ck_assert_int_eq(devctl("db-stop"), 0);
	ck_assert_int_eq(http_get("/healthz", &r), 0);
	ck_assert_int_eq(r.status, 503);
	resp_free(&r);
	for (size_t i = 0; i < sizeof PAGES / sizeof PAGES[0]; i++) {
		ck_assert_int_eq(http_get(PAGES[i], &r), 0);
		ck_assert_msg(r.status == 503, "%s gave %ld", PAGES[i], r.status);
		ck_assert(body_has(&r, "暂时无法访问"));
		ck_assert(body_has(&r, "信息公开"));      /* the templated page, not nginx's */
		resp_free(&r);
	}
	assert_same_workers();
}
END_TEST

START_TEST(recovers_when_database_returns)
{
	struct resp r;

	ck_assert_int_eq(devctl("db-start"), 0);
	ck_assert_int_eq(wait_for_status("/healthz", 200, 30), 0);
	ck_assert_int_eq(http_get("/children", &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert(body_has(&r, "找到"));
	resp_free(&r);
	assert_same_workers();
}
END_TEST

/* A restart between two requests leaves each worker a dead connection: the next request must not see it. */
START_TEST(restart_between_requests_is_invisible)
{
	struct resp r;

	for (int i = 0; i < 4; i++) {          /* both workers hold a live connection and cached statements */
		http_get("/children?gender=f", &r);
		resp_free(&r);
	}
	ck_assert_int_eq(devctl("db-stop"), 0);
	ck_assert_int_eq(devctl("db-start"), 0);
	for (int i = 0; i < 6; i++) {
		ck_assert_int_eq(http_get("/children?gender=f", &r), 0);
		ck_assert_msg(r.status == 200, "request %d after restart gave %ld", i, r.status);
		resp_free(&r);
	}
	assert_same_workers();
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_dbdown");
	TCase *t = tcase_create("dbdown");

	tcase_add_unchecked_fixture(t, remember_workers, NULL);
	tcase_add_test(t, database_down_gives_503_pages);
	tcase_add_test(t, recovers_when_database_returns);
	tcase_add_test(t, restart_between_requests_is_invisible);
	suite_add_tcase(s, t);
	return s;
}
