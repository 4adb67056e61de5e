/* campaign.c — `make bench`: a campaign day's mix of public pages, checkouts and gifts, by kind. */
/*
 * Each of N threads is one visitor with a browser of its own (a connection of its own, a source
 * address of its own) and a signed-in, verified donor account. For the measured seconds (after a
 * warm-up that fills the workers' page caches) every thread chooses what to do next so that about
 * 85% of the requests are public pages (the home page, listings with varied filters, children's
 * profiles), 10% donor checkouts (listing, profile, hold, plan, pay through the sandbox, return
 * page) and 5% general gifts (/donate, the sandbox, return page). Donors choose among the first
 * few cards of a city's listing, so two of them sometimes want the same child: the second hold is
 * a 409, the only refusal expected. Prints requests/s, p50 and p99 by kind and by step, every
 * other status, and each app worker's resident memory through the run. Asserts nothing; exits 1
 * if a request failed or was refused otherwise.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "http/client.h"

#define URL_MAX      256
#define LOGIN_MAX    64
#define MAX_THREADS  256
#define MAX_WORKERS  64
#define MAX_CODES    5000    /* children whose profiles the public side opens */
#define MAX_REGIONS  200
#define DONOR_CITIES 3       /* donors browse these cities' first cards: contention */
#define DONOR_CARDS  5
#define RSS_EVERY    10      /* seconds between samples of the workers' memory */
#define SHOWN_BAD    10      /* unexpected answers printed as they come */

enum kind { K_PUBLIC, K_DONOR, K_GIFT, NKINDS };
static const char *const kind_name[NKINDS] = { "public", "donor", "gift" };

enum step {
	S_HOME, S_LIST, S_CHILD,
	D_LIST, D_CHILD, D_HOLD, D_OFFER, D_PLAN, D_SANDBOX, D_PAY, D_RETURN,
	G_FORM, G_POST, G_SANDBOX, G_PAY, G_RETURN,
	NSTEPS
};
static const struct {
	const char *name;
	enum kind   kind;
} steps[NSTEPS] = {
	[S_HOME] = { "home /", K_PUBLIC },
	[S_LIST] = { "listing /children?...", K_PUBLIC },
	[S_CHILD] = { "profile /children/{c}", K_PUBLIC },
	[D_LIST] = { "donor: city listing", K_DONOR },
	[D_CHILD] = { "donor: profile", K_DONOR },
	[D_HOLD] = { "donor: POST hold", K_DONOR },
	[D_OFFER] = { "donor: GET /sponsor/{c}", K_DONOR },
	[D_PLAN] = { "donor: POST plan", K_DONOR },
	[D_SANDBOX] = { "donor: sandbox page", K_DONOR },
	[D_PAY] = { "donor: POST sandbox pay", K_DONOR },
	[D_RETURN] = { "donor: return page", K_DONOR },
	[G_FORM] = { "gift: GET /donate", K_GIFT },
	[G_POST] = { "gift: POST /donate", K_GIFT },
	[G_SANDBOX] = { "gift: sandbox page", K_GIFT },
	[G_PAY] = { "gift: POST sandbox pay", K_GIFT },
	[G_RETURN] = { "gift: return page", K_GIFT },
};
/* Requests per flow, for choosing flows so that the kinds' shares of requests come out right. */
#define DONOR_REQUESTS (D_RETURN - D_LIST + 1)
#define GIFT_REQUESTS  (G_RETURN - G_FORM + 1)

/* Latencies (microseconds) and answers of one step, one thread's. */
struct tally {
	uint32_t *us;
	size_t    n, cap;
	long      ok, contested, bad, failed;
};

struct worker {
	struct browser visitor, donor;
	unsigned       seed;
	int            id, ready;
	struct tally   t[NSTEPS];
};

enum phase { WARMING, MEASURING, STOPPED };
static int phase;            /* read and written with __atomic */
static long shown_bad;
static pthread_barrier_t start;

static char **codes, **cities, **counties;
static int ncodes, ncities, ncounties;

static double now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int rnd(struct worker *w, int n)
{
	return rand_r(&w->seed) % n;
}

static void keep_latency(struct tally *t, uint32_t us)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		uint32_t *p = realloc(t->us, cap * sizeof *p);
		if (!p)
			return;
		t->us = p;
		t->cap = cap;
	}
	t->us[t->n++] = us;
}

/* Count an answer; a hold's 409 is the contested child, any other surprise is printed (a few). */
static int count(struct tally *t, enum step s, const char *path, long status, long want)
{
	if (status == want) {
		t->ok++;
		return 1;
	}
	if (status == 409 && s == D_HOLD) {
		t->contested++;
		return 0;
	}
	if (status == 0)
		t->failed++;
	else
		t->bad++;
	if (__atomic_fetch_add(&shown_bad, 1, __ATOMIC_RELAXED) < SHOWN_BAD)
		fprintf(stderr, "campaign: %s %s: %ld, want %ld\n", steps[s].name, path, status,
		        want);
	return 0;
}

/*
 * One request of step s as browser b (form NULL: a GET), timed and counted while measuring. The
 * Location goes to loc and the cards to l, when given. Whether it answered want.
 */
static int step(struct worker *w, struct browser *b, enum step s, const char *path,
                const char *form, long want, char *loc, struct listing *l)
{
	int counted = __atomic_load_n(&phase, __ATOMIC_RELAXED) == MEASURING;
	double t0 = now_us();
	struct resp r;
	int rc = form ? b_post(b, path, form, &r) : b_get(b, path, &r);
	uint32_t us = (uint32_t)(now_us() - t0);
	long status = rc == 0 ? r.status : 0;
	int ok;

	if (counted) {
		keep_latency(&w->t[s], us);
		ok = count(&w->t[s], s, path, status, want);
	} else {
		ok = status == want;
	}
	if (loc)
		resp_location(&r, loc, URL_MAX);
	if (l && (!ok || listing_read(&r, l) < 0))
		l->n = 0;
	resp_free(&r);
	return ok;
}

/* The sandbox's page for the order at sandbox, paying there, and the return page it leads to. */
static void pay(struct worker *w, struct browser *b, enum step s, const char *sandbox)
{
	char path[URL_MAX + 8], loc[URL_MAX];

	if (!step(w, b, s, sandbox, NULL, 200, NULL, NULL))
		return;
	snprintf(path, sizeof path, "%s/pay", sandbox);
	if (!step(w, b, s + 1, path, "", 303, loc, NULL))
		return;
	step(w, b, s + 2, loc, NULL, 200, NULL, NULL);
}

/* A listing with filters as visitors combine them: a region, gender, ages, category, sort, page. */
static void listing_path(struct worker *w, char *p, size_t n)
{
	static const char *const cat[] = { "deceased", "missing", "abandoned", "disabled", "ill",
	                                   "imprisoned", "rehab", "other" };
	static const char *const sort[] = { "waiting", "age", "newest" };
	static const int page_of[] = { 1, 1, 1, 1, 1, 1, 2, 2, 3, 5 };
	int r = rnd(w, 100), a = rnd(w, 12), len;

	len = snprintf(p, n, "/children?sort=%s&page=%d", sort[rnd(w, 3)], page_of[rnd(w, 10)]);
	if (r < 50)
		len += snprintf(p + len, n - (size_t)len, "&city=%s", cities[rnd(w, ncities)]);
	else if (r < 75)
		len += snprintf(p + len, n - (size_t)len, "&county=%s",
		                counties[rnd(w, ncounties)]);
	if (rnd(w, 100) < 30)
		len += snprintf(p + len, n - (size_t)len, "&gender=%s", rnd(w, 2) ? "m" : "f");
	if (rnd(w, 100) < 40)
		len += snprintf(p + len, n - (size_t)len, "&age_min=%d&age_max=%d", a,
		                a + rnd(w, 18 - a));
	if (rnd(w, 100) < 20)
		len += snprintf(p + len, n - (size_t)len, "&category=%s", cat[rnd(w, 8)]);
	if (rnd(w, 100) < 10)
		snprintf(p + len, n - (size_t)len, "&birth_month=%d", 1 + rnd(w, 12));
}

static void public_page(struct worker *w)
{
	char path[URL_MAX];
	int r = rnd(w, 100);

	if (r < 10) {
		step(w, &w->visitor, S_HOME, "/", NULL, 200, NULL, NULL);
	} else if (r < 40) {
		snprintf(path, sizeof path, "/children/%s", codes[rnd(w, ncodes)]);
		step(w, &w->visitor, S_CHILD, path, NULL, 200, NULL, NULL);
	} else {
		listing_path(w, path, sizeof path);
		step(w, &w->visitor, S_LIST, path, NULL, 200, NULL, NULL);
	}
}

/* A donor's checkout: a city's listing, a child among its first cards, hold, plan, pay. */
static void checkout(struct worker *w)
{
	struct browser *b = &w->donor;
	char path[URL_MAX], loc[URL_MAX], code[sizeof ((struct listing *)0)->c[0].code];
	struct listing l;

	snprintf(path, sizeof path, "/children?city=%s", cities[rnd(w, DONOR_CITIES)]);
	if (!step(w, b, D_LIST, path, NULL, 200, NULL, &l) || l.n == 0)
		return;
	snprintf(code, sizeof code, "%s", l.c[rnd(w, l.n < DONOR_CARDS ? l.n : DONOR_CARDS)].code);
	snprintf(path, sizeof path, "/children/%s", code);
	if (!step(w, b, D_CHILD, path, NULL, 200, NULL, NULL))
		return;
	snprintf(path, sizeof path, "/children/%s/hold", code);
	if (!step(w, b, D_HOLD, path, "", 303, NULL, NULL))
		return;
	snprintf(path, sizeof path, "/sponsor/%s", code);
	if (!step(w, b, D_OFFER, path, NULL, 200, NULL, NULL) ||
	    !step(w, b, D_PLAN, path, "plan=annual&agree=1", 303, loc, NULL))
		return;
	pay(w, b, D_SANDBOX, loc);
}

/* A visitor's general gift of 100 yuan to the programme's fund. */
static void gift(struct worker *w)
{
	char loc[URL_MAX];

	if (!step(w, &w->visitor, G_FORM, "/donate", NULL, 200, NULL, NULL) ||
	    !step(w, &w->visitor, G_POST, "/donate", "amount=100", 303, loc, NULL))
		return;
	pay(w, &w->visitor, G_SANDBOX, loc);
}

/*
 * Flows are chosen per request share: a checkout is DONOR_REQUESTS requests, so it is chosen that
 * many times less often than its share of requests (85 : 10/8 : 5/5 per hundred requests).
 */
static void one_flow(struct worker *w)
{
	int per = DONOR_REQUESTS * GIFT_REQUESTS, r = rnd(w, 85 * per + 10 * GIFT_REQUESTS +
	                                                   5 * DONOR_REQUESTS);

	if (r < 85 * per)
		public_page(w);
	else if (r < 85 * per + 10 * GIFT_REQUESTS)
		checkout(w);
	else
		gift(w);
}

/* A verified donor of its own (signing up hashes a password: done before anything is timed). */
static int sign_up(struct worker *w)
{
	char login[LOGIN_MAX];

	snprintf(login, sizeof login, "campaign-%d-%ld-%d@example.com", w->id, (long)time(NULL),
	         (int)getpid());
	return b_signup(&w->donor, login, "bench-password", "压测") == 303 &&
	       b_verify(&w->donor, login) == 303;
}

static void *run(void *arg)
{
	struct worker *w = arg;

	w->ready = sign_up(w);
	if (!w->ready)
		fprintf(stderr, "campaign: donor %d could not sign up\n", w->id);
	pthread_barrier_wait(&start);
	while (w->ready && __atomic_load_n(&phase, __ATOMIC_RELAXED) != STOPPED)
		one_flow(w);
	return NULL;
}

/* The lines sql returns, at most max, each strdup'd. */
static char **lines_of(const char *sql, int max, int *n)
{
	char *out = NULL, *line, *save, **v = calloc((size_t)max, sizeof *v);

	*n = 0;
	if (!v || admin_sql(sql, &out) != 0)
		exit(1);
	for (line = strtok_r(out, "\n", &save); line && *n < max;
	     line = strtok_r(NULL, "\n", &save))
		v[(*n)++] = strdup(line);
	free(out);
	if (*n == 0) {
		fprintf(stderr, "campaign: nothing from %s\n", sql);
		exit(1);
	}
	return v;
}

/* Cities by children listed, the largest first (donors browse the first DONOR_CITIES). */
static void load_data(void)
{
	codes = lines_of("SELECT code FROM children WHERE listed = 1 ORDER BY RAND(42) LIMIT 5000",
	                 MAX_CODES, &ncodes);
	cities = lines_of("SELECT city_code FROM children WHERE listed = 1 GROUP BY city_code "
	                  "ORDER BY COUNT(*) DESC", MAX_REGIONS, &ncities);
	counties = lines_of("SELECT DISTINCT county_code FROM children WHERE listed = 1",
	                    MAX_REGIONS, &ncounties);
	if (ncities < DONOR_CITIES) {
		fprintf(stderr, "campaign: fewer than %d cities with children\n", DONOR_CITIES);
		exit(1);
	}
}

static long rss_kb(int pid)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", pid);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmRSS: %ld", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

struct memory {
	int  n, pid[MAX_WORKERS];
	long kb[MAX_WORKERS];
};

/* CPU ticks used so far by the app's workers, mariadbd, nginx's workers and this program. */
struct cpu {
	long app, db, web, self;
};

/* User and system ticks pid has used; 0 when it is gone. */
static long cpu_ticks(int pid)
{
	char path[64], stat[512], *close;
	unsigned long user, sys;
	long t = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	if (!(f = fopen(path, "r")))
		return 0;
	/* Fields 14 and 15, counted from the pid; the command name may hold spaces. */
	if (fgets(stat, sizeof stat, f) && (close = strrchr(stat, ')')) &&
	    sscanf(close + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
		   &user, &sys) == 2)
		t = (long)(user + sys);
	fclose(f);
	return t;
}

static long children_ticks(int master)
{
	int pids[MAX_WORKERS], n = app_worker_pids(master, pids, MAX_WORKERS);
	long t = 0;

	for (int i = 0; i < n; i++)
		t += cpu_ticks(pids[i]);
	return t;
}

static void cpu_sample(struct cpu *c)
{
	c->app = children_ticks(app_master_pid());
	c->db = cpu_ticks(run_pid("mysqld.pid"));
	c->web = children_ticks(run_pid("nginx.pid"));
	c->self = cpu_ticks(getpid());
}

/*
 * CPU a request over the measured seconds, and what it bounds: n cores serve at most n / (the
 * stack's CPU a request) requests a second, and nw connections that each wait for their answer
 * before asking again then wait nw / throughput on average (Little's law), whatever the code does
 * with its CPU. A p99 can be no lower than that mean.
 */
static void print_cpu(const struct cpu *a, const struct cpu *z, size_t requests, int nw)
{
	double us = 1e6 / (double)sysconf(_SC_CLK_TCK) / (double)(requests ? requests : 1);
	double app = (double)(z->app - a->app) * us, db = (double)(z->db - a->db) * us;
	double web = (double)(z->web - a->web) * us, self = (double)(z->self - a->self) * us;
	double cores = (double)sysconf(_SC_NPROCESSORS_ONLN), most;

	most = cores * 1e6 / (app + db + web + self);
	printf("-- CPU a request: app %.0f us, mariadbd %.0f us, nginx %.0f us; "
	       "this load generator %.0f us\n", app, db, web, self);
	printf("%.0f cores at that cost serve at most %.0f req/s; %d connections then wait "
	       "at least %.0f ms a request on average (connections / throughput)\n",
	       cores, most, nw, nw * 1e3 / most);
}

static void sample(struct memory *m)
{
	m->n = app_worker_pids(app_master_pid(), m->pid, MAX_WORKERS);
	for (int i = 0; i < m->n; i++)
		m->kb[i] = rss_kb(m->pid[i]);
}

static void print_samples(const char *when, const struct memory *m)
{
	printf("  %-10s", when);
	for (int i = 0; i < m->n; i++)
		printf("  %d: %ld KB", m->pid[i], m->kb[i]);
	printf("\n");
}

static int by_value(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* The p-th percentile of n sorted latencies, in milliseconds. */
static double pct(const uint32_t *v, size_t n, double p)
{
	size_t i = (size_t)(p * (double)n + 0.999999);

	return n ? v[i ? i - 1 : 0] / 1000.0 : 0;
}

/* The steps for which pick is true, every thread's, summed into one tally with sorted latencies. */
static void merge(struct worker *w, int nw, int (*pick)(enum step, int), int arg, struct tally *m)
{
	memset(m, 0, sizeof *m);
	for (int s = 0; s < NSTEPS; s++) {
		if (!pick((enum step)s, arg))
			continue;
		for (int i = 0; i < nw; i++) {
			const struct tally *t = &w[i].t[s];
			for (size_t j = 0; j < t->n; j++)
				keep_latency(m, t->us[j]);
			m->ok += t->ok;
			m->contested += t->contested;
			m->bad += t->bad;
			m->failed += t->failed;
		}
	}
	qsort(m->us, m->n, sizeof *m->us, by_value);
}

static int is_step(enum step s, int want) { return (int)s == want; }
static int of_kind(enum step s, int want) { return (int)steps[s].kind == want; }
static int any(enum step s, int want) { (void)s; (void)want; return 1; }

static void row(const char *name, const struct tally *m, size_t all, double secs)
{
	printf("%-26s %8zu %5.1f%% %8.1f %8.2f %8.2f %8.2f %6ld %6ld %6ld\n", name, m->n,
	       all ? 100.0 * (double)m->n / (double)all : 0, (double)m->n / secs,
	       pct(m->us, m->n, 0.5), pct(m->us, m->n, 0.99), pct(m->us, m->n, 1.0), m->contested,
	       m->bad, m->failed);
}

/* The table by kind, then by step; returns the requests refused unexpectedly or unanswered. */
static long report(struct worker *w, int nw, double secs, const struct cpu *cpu)
{
	struct tally all, m;
	long checkouts = 0, gifts = 0;

	merge(w, nw, any, 0, &all);
	printf("%-26s %8s %6s %8s %8s %8s %8s %6s %6s %6s\n", "kind / step", "requests", "share",
	       "req/s", "p50 ms", "p99 ms", "max ms", "409", "other", "errors");
	for (int k = 0; k < NKINDS; k++) {
		merge(w, nw, of_kind, k, &m);
		row(kind_name[k], &m, all.n, secs);
		free(m.us);
	}
	row("all", &all, all.n, secs);
	printf("-- by step:\n");
	for (int s = 0; s < NSTEPS; s++) {
		merge(w, nw, is_step, s, &m);
		row(steps[s].name, &m, all.n, secs);
		if (s == D_RETURN)
			checkouts = m.ok;
		if (s == G_RETURN)
			gifts = m.ok;
		free(m.us);
	}
	printf("checkouts paid: %ld; general gifts paid: %ld; contested holds (409): %ld; "
	       "other non-2xx/3xx: %ld; errors (no answer): %ld\n",
	       checkouts, gifts, all.contested, all.bad, all.failed);
	print_cpu(&cpu[0], &cpu[1], all.n, nw);
	free(all.us);
	return all.bad + all.failed;
}

/* Let the mix run for secs, sampling the workers' memory every RSS_EVERY seconds. */
static void measure(int secs, struct memory *before, struct memory *after, struct cpu *cpu)
{
	struct memory m;
	char when[16];

	cpu_sample(&cpu[0]);
	sample(before);
	print_samples("start", before);
	for (int t = 0; t < secs; t += RSS_EVERY) {
		int nap = secs - t < RSS_EVERY ? secs - t : RSS_EVERY;
		sleep((unsigned)nap);
		sample(&m);
		snprintf(when, sizeof when, "%d s", t + nap);
		print_samples(when, &m);
	}
	cpu_sample(&cpu[1]);
	__atomic_store_n(&phase, STOPPED, __ATOMIC_RELAXED);
	sample(after);
}

static void print_growth(const struct memory *a, const struct memory *z)
{
	for (int i = 0; i < z->n; i++) {
		long was = -1;
		for (int j = 0; j < a->n; j++)
			if (a->pid[j] == z->pid[i])
				was = a->kb[j];
		if (was < 0)
			printf("worker %d: %ld KB after (a new worker: it was not there before)\n",
			       z->pid[i], z->kb[i]);
		else
			printf("worker %d RSS: %ld KB before, %ld KB after (%+ld KB)\n",
			       z->pid[i], was, z->kb[i], z->kb[i] - was);
	}
}

int main(int argc, char **argv)
{
	int nw = argc > 1 ? atoi(argv[1]) : 64, secs = argc > 2 ? atoi(argv[2]) : 60,
	    warm = argc > 3 ? atoi(argv[3]) : 10;
	static struct worker w[MAX_THREADS];
	pthread_t t[MAX_THREADS];
	struct memory before, after;
	struct cpu cpu[2];
	double a;
	long bad;

	if (nw < 1 || nw > MAX_THREADS || secs < 1 || warm < 0) {
		fprintf(stderr, "usage: campaign [connections] [seconds] [warm-up seconds]\n");
		return 2;
	}
	load_data();
	pthread_barrier_init(&start, NULL, (unsigned)nw + 1);
	for (int i = 0; i < nw; i++) {
		w[i].id = i;
		w[i].seed = 42u + (unsigned)i;
		browser_init(&w[i].visitor);
		browser_init(&w[i].donor);
		pthread_create(&t[i], NULL, run, &w[i]);
	}
	pthread_barrier_wait(&start);
	sleep((unsigned)warm);
	printf("== campaign mix: %d connections, %d s after %d s of warm-up; "
	       "%d cities, %d counties\n", nw, secs, warm, ncities, ncounties);
	printf("-- app workers' resident memory during the run:\n");
	a = now_us();
	__atomic_store_n(&phase, MEASURING, __ATOMIC_RELAXED);
	measure(secs, &before, &after, cpu);
	a = (now_us() - a) / 1e6;
	for (int i = 0; i < nw; i++)
		pthread_join(t[i], NULL);
	print_growth(&before, &after);
	bad = report(w, nw, a, cpu);
	for (int i = 0; i < nw; i++) {
		browser_free(&w[i].visitor);
		browser_free(&w[i].donor);
	}
	return bad ? 1 : 0;
}
