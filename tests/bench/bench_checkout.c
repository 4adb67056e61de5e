/*
 * bench_checkout.c — `make bench`: one-to-one checkouts completed per second, end to end through
 * nginx, the app and MariaDB: offer page, hold, plan, pay (the sandbox signs and delivers its
 * notification), return page. Prints figures; asserts nothing but that each checkout ended paid.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "http/client.h"

/* Room for a path or a Location, a query, and a login. */
#define URL_MAX   160
#define SQL_MAX   160
#define LOGIN_MAX 64

#define MAX_THREADS 16

struct worker {
	struct browser b;
	char         **codes;
	int            first, step, n, done, failed;
};

static char **codes;
static int ncodes;

static int step_ok(struct browser *b, const char *method, const char *path, const char *form,
                   long want, char *loc)
{
	struct resp r;
	int ok;

	if (strcmp(method, "GET") == 0)
		b_get(b, path, &r);
	else
		b_post(b, path, form, &r);
	ok = r.status == want;
	if (loc)
		resp_location(&r, loc, 128);
	if (!ok)
		fprintf(stderr, "%s %s: %ld, want %ld\n", method, path, r.status, want);
	resp_free(&r);
	return ok;
}

static int checkout(struct browser *b, const char *code)
{
	char path[URL_MAX], loc[URL_MAX], pay[URL_MAX + sizeof "/pay"];

	snprintf(path, sizeof path, "/sponsor/%s", code);
	if (!step_ok(b, "GET", path, NULL, 200, NULL))
		return 0;
	snprintf(path, sizeof path, "/children/%s/hold", code);
	if (!step_ok(b, "POST", path, "", 303, NULL))
		return 0;
	snprintf(path, sizeof path, "/sponsor/%s", code);
	if (!step_ok(b, "POST", path, "plan=annual&agree=1", 303, loc))
		return 0;
	snprintf(pay, sizeof pay, "%s/pay", loc);
	if (!step_ok(b, "POST", pay, "", 303, loc))
		return 0;
	return step_ok(b, "GET", loc, NULL, 200, NULL);
}

static void *run(void *arg)
{
	struct worker *w = arg;

	for (int i = w->first; i < w->n; i += w->step) {
		if (checkout(&w->b, codes[i]))
			w->done++;
		else
			w->failed++;
	}
	return NULL;
}

static void load_codes(int want)
{
	char sql[SQL_MAX], *out = NULL, *line, *save;

	snprintf(sql, sizeof sql, "SELECT code FROM children WHERE listed = 1 ORDER BY id LIMIT %d",
	         want);
	if (admin_sql(sql, &out) != 0)
		exit(1);
	codes = calloc((size_t)want, sizeof *codes);
	for (line = strtok_r(out, "\n", &save); line &&
	     ncodes < want; line = strtok_r(NULL, "\n", &save))
		if (strlen(line) == 10)
			codes[ncodes++] = strdup(line);
	free(out);
}

int main(int argc, char **argv)
{
	int threads = argc > 1 ? atoi(argv[1]) : 4, total = argc > 2 ? atoi(argv[2]) : 400,
	    done = 0, failed = 0;
	struct worker w[MAX_THREADS];
	pthread_t t[MAX_THREADS];
	struct timespec a, z;
	double secs;

	if (threads < 1 || threads > MAX_THREADS)
		threads = 4;
	load_codes(total);
	/* Verified accounts first: signing up hashes a password, not what this measures. */
	for (int i = 0; i < threads; i++) {
		char login[LOGIN_MAX];
		memset(&w[i], 0, sizeof w[i]);
		browser_init(&w[i].b);
		snprintf(login, sizeof login, "bench-%d-%ld-%d@example.com", i, (long)time(NULL),
		         (int)getpid());
		if (b_signup(&w[i].b, login, "bench-password", "压测") != 303 ||
		    b_verify(&w[i].b, login) != 303) {
			fprintf(stderr, "signup or verification failed\n");
			return 1;
		}
		w[i].first = i;
		w[i].step = threads;
		w[i].n = ncodes;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < threads; i++)
		pthread_create(&t[i], NULL, run, &w[i]);
	for (int i = 0; i < threads; i++) {
		pthread_join(t[i], NULL);
		done += w[i].done;
		failed += w[i].failed;
		browser_free(&w[i].b);
	}
	clock_gettime(CLOCK_MONOTONIC, &z);
	secs = (double)(z.tv_sec - a.tv_sec) + (double)(z.tv_nsec - a.tv_nsec) / 1e9;
	printf("checkouts: %d completed, %d failed, in %.2f s with %d donors at once: "
	       "%.1f checkouts/s (5 requests each: %.0f req/s)\n",
	       done, failed, secs, threads, done / secs, done * 5 / secs);
	return failed ? 1 : 0;
}
