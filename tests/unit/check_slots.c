/*
 * check_slots.c — the cross-process limit on costly work (slots.h): n slots at most, a busy answer
 * when all stay taken, a slot given back is free again, and a holder that dies frees its slot.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_main.h"
#include "slots.h"

static char sock[64];

static void setup(void)
{
	snprintf(sock, sizeof sock, "/tmp/check_slots.%d", (int)getpid());
}

static void teardown(void)
{
	char path[96];

	snprintf(path, sizeof path, "%s.test", sock);
	unlink(path);
}

/* Each holder opens the file itself, as each worker does: two here, in one process. */
START_TEST(at_most_n_at_once)
{
	struct slots a = SLOTS_INIT(".test"), b = SLOTS_INIT(".test"), c = SLOTS_INIT(".test");

	ck_assert_int_eq(slots_take(&a, sock, 2, 0), 0);
	ck_assert_int_eq(slots_take(&b, sock, 2, 0), 1);
	ck_assert_int_eq(slots_take(&c, sock, 2, 30), SLOTS_BUSY);
	slots_give(&a, 0);
	ck_assert_int_eq(slots_take(&c, sock, 2, 0), 0);
	close(a.fd);
	close(b.fd);
	close(c.fd);
}
END_TEST

START_TEST(a_holder_that_dies_frees_its_slot)
{
	struct slots mine = SLOTS_INIT(".test");
	int ready[2], status;
	char x;
	pid_t pid;

	ck_assert_int_eq(pipe(ready), 0);
	pid = fork();
	if (pid == 0) {
		struct slots child = SLOTS_INIT(".test");

		if (slots_take(&child, sock, 1, 0) != 0)
			_exit(1);
		if (write(ready[1], "x", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	ck_assert_int_eq(read(ready[0], &x, 1), 1);
	ck_assert_int_eq(slots_take(&mine, sock, 1, 0), SLOTS_BUSY);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	ck_assert_int_eq(slots_take(&mine, sock, 1, 1000), 0);
	close(mine.fd);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("slots");
	TCase *t = tcase_create("limit");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, at_most_n_at_once);
	tcase_add_test(t, a_holder_that_dies_frees_its_slot);
	suite_add_tcase(s, t);
	return s;
}
