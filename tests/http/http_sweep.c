/*
 * http_sweep.c — every change of a hold's state is on the audit trail, with who made it: a hold
 * that ran out is ended by the sweep (the system, "(系统)" from "sweep"), its child listed again
 * by it too; a hold given up is ended by its donor, from the donor's address.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "client.h"

#define PW          "sweep-test-pw"
#define STORY       "（虚构）清理测试用的故事。"
#define CHILD_ID    "(SELECT id FROM children WHERE code = '%s')"
#define SWEEP_WAIT  30      /* seconds the sweep (every second in tests) may take to come round */
#define POLL_US     100000

/* A fresh waiting child of its own (an earlier run's, with its holds, goes first). */
static void child(const char *code)
{
	char id[32];
	struct fixture_child ch = {
		code, "测试·清理", "f", "2014-03-04", "422823", "ill", STORY, "waiting", 1,
		"虚构·清理真名", id, "虚构监护人 13900000002",
	};

	snprintf(id, sizeof id, "HSWP-%s", code);
	fixture_delete(code);
	ck_assert_msg(fixture_insert(&ch) == 0, "fixture %s not inserted", code);
}

/* A new browser signed up as a new, verified login. */
static void donor(struct browser *b)
{
	static int k;
	char login[96];

	snprintf(login, sizeof login, "hswp-%ld-%d-%d@example.com", (long)time(NULL), (int)getpid(),
	         k++);
	browser_init(b);
	ck_assert_msg(b_signup(b, login, PW, "清理测试") == 303, "signup of %s failed", login);
	ck_assert_msg(b_verify(b, login) == 303, "verification of %s failed", login);
}

/* The donor holds child code (its offer page, then the button); the hold's sponsorship id. */
static long long hold(struct browser *b, const char *code)
{
	char path[64];
	struct resp r;

	snprintf(path, sizeof path, "/sponsor/%s", code);
	ck_assert_int_eq(b_get(b, path, &r), 0);
	resp_free(&r);
	snprintf(path, sizeof path, "/children/%s/hold", code);
	ck_assert_int_eq(b_post(b, path, "", &r), 0);
	ck_assert_msg(r.status == 303, "hold of %s: %ld", code, r.status);
	resp_free(&r);
	return admin_sql_numf("SELECT id FROM sponsorships WHERE live_child = " CHILD_ID, code);
}

/* The province's audit log of action: it must show each of the texts (a list ending in NULL). */
static void audit_shows(const char *action, ...)
{
	struct browser p;
	struct resp r;
	char path[96];
	const char *text;
	va_list ap;

	ck_assert_int_eq(b_staff(&p, "province"), 303);
	snprintf(path, sizeof path, "/admin/audit?action=%s", action);
	ck_assert_int_eq(b_get(&p, path, &r), 0);
	ck_assert_msg(r.status == 200, "GET %s: %ld", path, r.status);
	va_start(ap, action);
	while ((text = va_arg(ap, const char *)))
		ck_assert_msg(cells_has(&r, text), "the audit log of %s does not show \"%s\"",
		              action, text);
	va_end(ap);
	resp_free(&r);
	browser_free(&p);
}

START_TEST(lapsed_hold_is_ended_by_the_sweep_on_the_record)
{
	struct browser b;
	char spons[64], kid[64], sql[128];
	long long sid, cid;
	int waited = 0;

	child("TS00000001");
	donor(&b);
	sid = hold(&b, "TS00000001");
	cid = admin_sql_numf("SELECT id FROM children WHERE code = '%s'", "TS00000001");
	/* As if its 15 minutes had run; nobody else wants the child, so the sweep ends it. */
	snprintf(sql, sizeof sql, "UPDATE sponsorships SET hold_until = NOW() - INTERVAL 1 SECOND "
	         "WHERE id = %lld", sid);
	ck_assert_int_eq(admin_sql(sql, NULL), 0);
	while (admin_sql_numf("SELECT status = 'waiting' FROM children WHERE id = %lld",
	                      cid) != 1) {
		ck_assert_msg(waited++ < SWEEP_WAIT * 1000000 / POLL_US,
		              "the sweep did not end the lapsed hold");
		usleep(POLL_US);
	}
	snprintf(spons, sizeof spons, "| sponsorship %lld |", sid);
	snprintf(kid, sizeof kid, "| child %lld |", cid);
	audit_shows("sponsorship.expired", spons, "(系统)", "| sweep |", "its hold ran out",
	            NULL);
	audit_shows("child.waiting", kid, "| sweep |", NULL);
	browser_free(&b);
}
END_TEST

START_TEST(hold_given_up_is_on_the_record_as_its_donors)
{
	struct browser b;
	struct resp r;
	char spons[64], from[32];
	long long sid;

	child("TS00000002");
	donor(&b);
	sid = hold(&b, "TS00000002");
	ck_assert_int_eq(b_post(&b, "/sponsor/TS00000002/release", "", &r), 0);
	ck_assert_msg(r.status == 303, "release: %ld", r.status);
	resp_free(&r);
	snprintf(spons, sizeof spons, "| sponsorship %lld |", sid);
	snprintf(from, sizeof from, "| %s |", b.from);
	audit_shows("sponsorship.cancelled", spons, from, "given up by its donor", NULL);
	browser_free(&b);
}
END_TEST

/* After the last test, its children go, with their holds. */
static void remove_children(void)
{
	fixture_delete("TS00000001");
	fixture_delete("TS00000002");
}

Suite *suite(void)
{
	Suite *s = suite_create("http_sweep");
	TCase *t = tcase_create("sweep");

	tcase_set_timeout(t, 120);
	tcase_add_unchecked_fixture(t, NULL, remove_children);
	tcase_add_test(t, lapsed_hold_is_ended_by_the_sweep_on_the_record);
	tcase_add_test(t, hold_given_up_is_on_the_record_as_its_donors);
	suite_add_tcase(s, t);
	return s;
}
