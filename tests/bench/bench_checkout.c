/*
 * bench_checkout.c — `make bench`: one-to-one checkouts completed per second, end to end through
 * nginx, the app and MariaDB: offer page, hold, plan, pay (the sandbox signs and delivers its
 * notification), return page. Prints figures; asserts nothing but that each checkout ended paid.
 * What a checkout costs is counted over the checkouts alone, not the sign-ups before them (an
 * argon2id hash each, as much CPU as a hundred checkouts): the CPU of the app, mariadbd, nginx and
 * this client, and the statements, commits and fsyncs (data and log) the server made.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <dirent.h>
#include <unistd.h>

#include "http/client.h"

/* Room for a path or a Location, a query, and a login. */
#define URL_MAX   160
#define SQL_MAX   160
#define LOGIN_MAX 64

#define MAX_THREADS 16
/* Room for a /proc path, a line of /proc/PID/stat, and the workers of the app or nginx. */
#define PROC_PATH_MAX 64
#define STAT_LINE_MAX 1024
#define MAX_CHILDREN  64

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

/* A process's CPU so far in clock ticks (user and system), or 0 if it is gone. */
static long long proc_ticks(int pid)
{
	char path[PROC_PATH_MAX], line[STAT_LINE_MAX], *close;
	unsigned long long user = 0, sys = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	if (!(f = fopen(path, "r")))
		return 0;
	/* After the command name's closing parenthesis: state, then 10 fields before utime. */
	if (fgets(line, sizeof line, f) && (close = strrchr(line, ')')))
		sscanf(close + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &user,
		       &sys);
	fclose(f);
	return (long long)(user + sys);
}

/* The pid in $TX_VAR/run/name, or -1. */
static int pidfile(const char *name)
{
	char path[URL_MAX];
	const char *var = getenv("TX_VAR");
	FILE *f;
	int pid = -1;

	snprintf(path, sizeof path, "%s/run/%s", var ? var : ".", name);
	if ((f = fopen(path, "r"))) {
		if (fscanf(f, "%d", &pid) != 1)
			pid = -1;
		fclose(f);
	}
	return pid;
}

/* The CPU of the process in pidfile name and of its children (the app's or nginx's workers). */
static long long tree_ticks(const char *name)
{
	int pid = pidfile(name), kids[MAX_CHILDREN], n;
	long long t;

	if (pid < 0)
		return 0;
	t = proc_ticks(pid);
	n = app_worker_pids(pid, kids, MAX_CHILDREN);
	for (int i = 0; i < n; i++)
		t += proc_ticks(kids[i]);
	return t;
}

enum { C_APP, C_DB, C_NGINX, C_CLIENT, C_QUESTIONS, C_COMMITS, C_FSYNCS, C_N };

static long long status(const char *name)
{
	char sql[SQL_MAX];

	snprintf(sql, sizeof sql, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
	         "WHERE VARIABLE_NAME = '%s'", name);
	return admin_sql_num(sql);
}

/* What the stack and this client have spent so far: CPU in ticks (the client's in ns), counts. */
static void counters(long long c[C_N])
{
	struct timespec cpu;

	c[C_APP] = tree_ticks("app.pid");
	c[C_DB] = tree_ticks("mysqld.pid");
	c[C_NGINX] = tree_ticks("nginx.pid");
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
	c[C_CLIENT] = (long long)cpu.tv_sec * 1000000000 + cpu.tv_nsec;
	c[C_QUESTIONS] = status("QUESTIONS");
	c[C_COMMITS] = status("COM_COMMIT");
	c[C_FSYNCS] = status("INNODB_DATA_FSYNCS");
}

/* Each side's CPU a checkout, and the server's work a checkout, from a to z. */
static void report_costs(const long long a[C_N], const long long z[C_N], int done)
{
	double ms = 1000.0 / (double)sysconf(_SC_CLK_TCK) / done;
	double app = (double)(z[C_APP] - a[C_APP]) * ms, db = (double)(z[C_DB] - a[C_DB]) * ms,
	       ngx = (double)(z[C_NGINX] - a[C_NGINX]) * ms;

	printf("CPU a checkout: app %.2f ms, mariadbd %.2f ms, nginx %.2f ms (the stack %.2f ms); "
	       "this client %.2f ms\n", app, db, ngx, app + db + ngx,
	       (double)(z[C_CLIENT] - a[C_CLIENT]) / 1e6 / done);
	/* Less the three statements of the counters read between the two counts of statements. */
	printf("a checkout: %.1f statements, %.2f commits, %.2f fsyncs\n",
	       (double)(z[C_QUESTIONS] - a[C_QUESTIONS] - 3) / done,
	       (double)(z[C_COMMITS] - a[C_COMMITS]) / done,
	       (double)(z[C_FSYNCS] - a[C_FSYNCS]) / done);
}

int main(int argc, char **argv)
{
	int threads = argc > 1 ? atoi(argv[1]) : 4, total = argc > 2 ? atoi(argv[2]) : 400,
	    done = 0, failed = 0;
	struct worker w[MAX_THREADS];
	pthread_t t[MAX_THREADS];
	struct timespec a, z;
	long long ca[C_N], cz[C_N];
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
	counters(ca);
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
	counters(cz);
	secs = (double)(z.tv_sec - a.tv_sec) + (double)(z.tv_nsec - a.tv_nsec) / 1e9;
	printf("checkouts: %d completed, %d failed, in %.2f s with %d donors at once: "
	       "%.1f checkouts/s (5 requests each: %.0f req/s)\n",
	       done, failed, secs, threads, done / secs, done * 5 / secs);
	if (done)
		report_costs(ca, cz, done);
	return failed ? 1 : 0;
}
