/*
 * core/import_write.c — the ledger import's writes, on their own thread, a batch behind the parsing
 * (import_write.h).
 */
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mysql.h>
#include <sodium.h>

#include "../util.h"
#include "import_write.h"

#define BATCH_JOBS 200
#define NEW_COLS 11

struct batch {
	struct import_job jobs[BATCH_JOBS];
	int               n;
	int               update;    /* all new children, or all known ones */
};

/*
 * Three batches: the parser fills one of new children and one of known ones while the writer writes
 * the third. The writer's side of the handover is `todo`; the parser waits for it to be NULL before
 * handing over the next, so at most one batch is in flight, and the batch just written becomes the
 * spare the parser fills next.
 */
struct writer {
	struct db      *db;
	pthread_t       thread;
	pthread_mutex_t mu;
	pthread_cond_t  cv;
	struct batch   *todo;        /* handed over, not yet written */
	int             stop, failed;
	struct err      err;         /* the first failed write's */
	struct batch    b[3];
	int             fill[2];     /* the parser's batches, by kind: b[fill[update]] */
	int             spare;
};

/* The new children, as one multi-row INSERT. */
static int insert(struct db *db, struct import_job **jobs, int n, struct err *e)
{
	static const char ROW[] =
		"(?, '待定', ?, ?, ?, ?, ?, '', 'waiting', CURDATE(), 0, ?, ?, ?, ?, ?)";
	char sql[256 + BATCH_JOBS * sizeof ROW];
	struct dbp p[BATCH_JOBS * NEW_COLS];
	size_t len;
	int rc;

	if (!n)
		return 0;
	len = (size_t)snprintf(sql, sizeof sql, "INSERT INTO children (code, alias, gender, "
	                       "birth_date, county_code, "
	        "city_code, category, story, status, waiting_since, consent_publish, "
	        "pii_real_name, "
	        "pii_id_number, "
	        "pii_guardian, pii_address, id_hash) VALUES ");
	for (int i = 0; i < n; i++) {
		const struct import_job *j = jobs[i];
		struct dbp *q = &p[i * NEW_COLS];
		len += (size_t)snprintf(sql + len, sizeof sql - len, "%s%s", i ? "," : "", ROW);
		q[0] = P_STR(j->code);
		q[1] = P_STR(j->s.gender);
		q[2] = P_STR(j->s.birth);
		q[3] = P_STR(j->s.county);
		q[4] = P_STR(j->s.city);
		q[5] = P_STR(j->s.category);
		q[6] = P_BIN(j->s.name, j->s.lname);
		q[7] = P_BIN(j->s.idn, j->s.lidn);
		q[8] = P_BIN(j->s.guard, j->s.lguard);
		q[9] = P_BIN(j->s.addr, j->s.laddr);
		q[10] = P_BIN(j->s.hash, PII_HASHBYTES);
	}
	rc = db_exec(db, sql, p, (unsigned)(n * NEW_COLS), NULL, e);
	/*
	 * Another import (the command line, another tab) recorded one of these children after this
	 * one looked.
	 */
	if (rc < 0 && db_is_dup(e))
		rc = err_core(e, ERR_CONFLICT, "import.recorded_meanwhile",
		              "import: a child recorded meanwhile");
	return rc;
}

#define UPD_COLS 12

/*
 * The known children among jobs, as one UPDATE joined to the batch's new values. Only as the import
 * read them: a child moved out of the uploader's reach, or saved by someone, since then matches
 * nothing, and the count tells.
 */
static int update(struct db *db, struct import_job **jobs, int n, struct err *e)
{
	/*
	 * The sealed fields are bytes: uncast, a derived table would take them for text in the
	 * connection's charset.
	 */
	static const char FIRST[] =
		"SELECT ? AS id, ? AS was, ? AS ver, ? AS gender, ? AS birth, ? AS county, "
		"? AS city, ? AS category, CAST(? AS BINARY) AS name, CAST(? AS BINARY) AS idn, "
		"CAST(? AS BINARY) AS guard, CAST(? AS BINARY) AS addr";
	static const char MORE[] =
		" UNION ALL SELECT ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS BINARY), CAST(? AS BINARY), "
		"CAST(? AS BINARY), CAST(? AS BINARY)";
	char sql[1024 + BATCH_JOBS * sizeof MORE];
	struct dbp p[BATCH_JOBS * UPD_COLS];
	unsigned long long changed;
	size_t len;

	if (!n)
		return 0;
	len = (size_t)snprintf(sql, sizeof sql, "UPDATE children c JOIN (%s", FIRST);
	for (int i = 0; i < n; i++) {
		const struct import_job *j = jobs[i];
		const struct sealed *s = &j->s;
		struct dbp *q = &p[i * UPD_COLS];
		if (i)
			len += (size_t)snprintf(sql + len, sizeof sql - len, "%s", MORE);
		q[0] = P_INT(j->id);
		q[1] = P_STR(j->county);
		q[2] = P_INT(j->version);
		q[3] = P_STR(s->gender);
		q[4] = P_STR(s->birth);
		q[5] = P_STR(s->county);
		q[6] = P_STR(s->city);
		q[7] = P_STR(s->category);
		q[8] = P_BIN(s->name, s->lname);
		q[9] = P_BIN(s->idn, s->lidn);
		q[10] = P_BIN(s->guard, s->lguard);
		q[11] = P_BIN(s->addr, s->laddr);
	}
	snprintf(sql + len, sizeof sql - len, ") v ON c.id = v.id AND c.county_code = v.was AND "
	         "c.version = v.ver SET c.gender = v.gender, c.birth_date = v.birth, c.county_code "
	         "= v.county, c.city_code = v.city, "
	         "c.category = v.category, c.pii_real_name = v.name, c.pii_id_number = v.idn, "
	         "c.pii_guardian = v.guard, "
	         "c.pii_address = v.addr, c.version = c.version + 1");
	if (db_exec(db, sql, p, (unsigned)(n * UPD_COLS), &changed, e) < 0)
		return -1;
	if (changed != (unsigned long long)n)
		return err_core(e, ERR_CONFLICT, "import.changed_meanwhile",
		                "import: %llu of %d children updated", changed, n);
	/* A child who moves county leaves its old county's volunteers. */
	for (int i = 0; i < n; i++) {
		struct dbp q[] = { P_INT(jobs[i]->id), P_STR(jobs[i]->s.county) };
		if (strcmp(jobs[i]->county, jobs[i]->s.county) != 0 &&
		    db_exec(db, "DELETE vc FROM volunteer_children vc JOIN staff v ON v.id = "
		            "vc.staff_id WHERE vc.child_id = ? AND v.region_code <> ?", q,
		            nitems(q), NULL, e) < 0)
			return -1;
	}
	return 0;
}

/*
 * A batch, as one statement: all of them full-sized but the last of each kind, so the statement
 * cache keeps few.
 */
static int write_batch(struct db *db, struct batch *b, struct err *e)
{
	struct import_job *jobs[BATCH_JOBS];

	for (int i = 0; i < b->n; i++)
		jobs[i] = &b->jobs[i];
	return b->update ? update(db, jobs, b->n, e) : insert(db, jobs, b->n, e);
}

static void *run(void *arg)
{
	struct writer *w = arg;

	mysql_thread_init();
	pthread_mutex_lock(&w->mu);
	for (;;) {
		struct batch *b;
		int rc;
		while (!w->todo && !w->stop)
			pthread_cond_wait(&w->cv, &w->mu);
		if (!w->todo)
			break;
		b = w->todo;
		pthread_mutex_unlock(&w->mu);
		rc = w->failed ? 0 : write_batch(w->db, b, &w->err);
		pthread_mutex_lock(&w->mu);
		w->failed |= rc < 0;
		w->todo = NULL;
		pthread_cond_broadcast(&w->cv);
	}
	pthread_mutex_unlock(&w->mu);
	mysql_thread_end();
	return NULL;
}

int writer_start(struct writer **out, struct db *db, struct err *e)
{
	struct writer *w = calloc(1, sizeof *w);
	sigset_t all, old;
	int rc;

	if (!w)
		return err_core(e, ERR_INTERNAL, NULL, "import: out of memory for the writer");
	w->db = db;
	w->fill[0] = 0;
	w->fill[1] = 1;
	w->b[1].update = 1;
	w->spare = 2;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	/*
	 * Signals are the worker's main thread's business (its handlers only set flags); faults
	 * stay this thread's.
	 */
	sigfillset(&all);
	for (int sig = 0, faults[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT }; sig < 5; sig++)
		sigdelset(&all, faults[sig]);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&w->thread, NULL, run, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		pthread_cond_destroy(&w->cv);
		pthread_mutex_destroy(&w->mu);
		free(w);
		return err_core(e, ERR_BUSY, NULL, "import: no writer thread: %s", strerror(rc));
	}
	*out = w;
	return 0;
}

/*
 * Hand the parser's batch of a kind over once the writer has taken the last; -1 if a write has
 * failed.
 */
static int hand_over(struct writer *w, int update)
{
	int failed;

	pthread_mutex_lock(&w->mu);
	while (w->todo && !w->failed)
		pthread_cond_wait(&w->cv, &w->mu);
	failed = w->failed;
	if (!failed && w->b[w->fill[update]].n) {
		int full = w->fill[update];
		w->todo = &w->b[full];
		w->fill[update] = w->spare;
		w->spare = full;
		w->b[w->fill[update]].n = 0;
		w->b[w->fill[update]].update = update;
		pthread_cond_broadcast(&w->cv);
	}
	pthread_mutex_unlock(&w->mu);
	return failed ? -1 : 0;
}

struct import_job *writer_job(struct writer *w, int update, struct err *e)
{
	struct batch *b = &w->b[w->fill[update]];

	if (b->n == BATCH_JOBS && hand_over(w, update) < 0) {
		*e = w->err;
		return NULL;
	}
	b = &w->b[w->fill[update]];
	memset(&b->jobs[b->n], 0, offsetof(struct import_job, s));
	return &b->jobs[b->n++];
}

int writer_finish(struct writer *w, int write_rest, struct err *e)
{
	int failed;

	if (write_rest) {
		hand_over(w, 0);
		hand_over(w, 1);
	}
	pthread_mutex_lock(&w->mu);
	while (w->todo && !w->failed)
		pthread_cond_wait(&w->cv, &w->mu);
	w->stop = 1;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	failed = w->failed;
	if (failed)
		*e = w->err;
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
	sodium_memzero(w->b, sizeof w->b);
	free(w);
	return failed ? -1 : 0;
}
