/* http_reconnect.c — a database that restarted or closed idle connections costs no one a 503. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <curl/curl.h>
#include <mysql.h>

#include "check_main.h"
#include "client.h"
#include "config.h"
#include "db.h"
#include "idcard.h"

#define PASSWORD "reconnect-test-pw"
#define APP_CONNS "FROM information_schema.PROCESSLIST WHERE USER = 'tx_app'"
#define CHILD_ID "(SELECT id FROM children WHERE code = '%s')"
#define LEDGER_HEADER "\xEF\xBB\xBF姓名,身份证号,性别,出生日期,区县代码,困境类别,监护人姓名,监护人电话," \
	"家庭住址\r\n"
/* Marks of what this file adds, so that it can all go again: the other tests count on 巴东县. */
#define CHILD_ALIAS "测试·重连"
#define LEDGER_BIRTH "2011-07-08"
#define IMPORTED "FROM children WHERE alias = '待定' AND county_code = '422823' " \
	"AND birth_date = '" LEDGER_BIRTH "'"
#define STAFF_NAME "Reconnect"

/* Poll until the number a query prints is want, for at most 30 s; 0 when it was. */
static int wait_num(long long want, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int wait_num(long long want, const char *fmt, ...)
{
	char query[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(query, sizeof query, fmt, ap);
	va_end(ap);
	for (int i = 0; i < 300; i++) {
		if (admin_sql_num(query) == want)
			return 0;
		usleep(100 * 1000);
	}
	return -1;
}

/* ---- the app's log: which worker found its connection closed ---- */

static int workers[2];

static void remember_workers(void)
{
	ck_assert_int_eq(app_worker_pids(app_master_pid(), workers, 2), 2);
}

/* Which of the two workers pid is; a pid that is neither is a worker that crashed. */
static int worker_of(int pid)
{
	for (int w = 0; w < 2; w++)
		if (workers[w] == pid)
			return w;
	ck_abort_msg("pid %d is not a worker of this test (%d, %d): one crashed", pid, workers[0],
	             workers[1]);
	return -1;
}

static const char *app_log(void)
{
	static char path[512];

	snprintf(path, sizeof path, "%s/log/app.log", getenv("TX_VAR"));
	return path;
}

static long log_size(void)
{
	struct stat st;

	return stat(app_log(), &st) == 0 ? (long)st.st_size : 0;
}

/* How many lines since offset off have needle; seen (if not NULL): seen[w] set for its workers. */
static int logged_since(long off, const char *needle, int seen[2])
{
	FILE *f = fopen(app_log(), "r");
	char line[4096];
	const char *p;
	int n = 0;

	if (!f)
		return 0;
	fseek(f, off, SEEK_SET);
	while (fgets(line, sizeof line, f))
		if (strstr(line, needle) && (p = strchr(line, '[')) && ++n && seen)
			seen[worker_of(atoi(p + 1))] = 1;
	fclose(f);
	return n;
}

/* What db.c logs when it replaces a connection the server closed: once per reconnect. */
#define RECONNECTED "; connecting again"

/* admin_sql of a statement with one number in it (KILL id, SET GLOBAL ...); 0 when it worked. */
static int admin_sql_with(const char *fmt, long long n)
{
	char q[128];

	snprintf(q, sizeof q, fmt, n);
	return admin_sql(q, NULL);
}

#define KILL "KILL %lld"
/* New connections take the server's global wait_timeout. */
#define WAIT_TIMEOUT "SET GLOBAL wait_timeout = %lld"

/* ---- the instance: the sweep off, so that only requests find a closed connection ---- */

static char sweep_before[16];
static long long wait_timeout_before;

static void app_restart(const char *sweep_seconds)
{
	setenv("SWEEP_SECONDS", sweep_seconds, 1);
	ck_assert_int_eq(devctl("app-restart"), 0);
	ck_assert_int_eq(wait_for_status("/healthz", 200, 30), 0);
	remember_workers();
}

static void quiet_instance(void)
{
	const char *s = getenv("SWEEP_SECONDS");

	snprintf(sweep_before, sizeof sweep_before, "%s", s ? s : "15");
	wait_timeout_before = admin_sql_num("SELECT @@GLOBAL.wait_timeout");
	app_restart("3600");
}

/* The children, imported children and staff this file added, with all that hangs off them. */
static void forget_ours(void)
{
	char *codes = NULL, *code, *save;

	admin_sql("SELECT code FROM children WHERE alias = '" CHILD_ALIAS "'", &codes);
	for (code = strtok_r(codes, "\n", &save); code; code = strtok_r(NULL, "\n", &save))
		fixture_delete(code);
	free(codes);
	admin_sql("DELETE " IMPORTED, NULL);
	admin_sql("DELETE FROM staff WHERE display_name = '" STAFF_NAME "'", NULL);
}

/* Leave the instance as the rest of the suite expects it, whatever failed. */
static void usual_instance(void)
{
	forget_ours();
	admin_sql_with(WAIT_TIMEOUT, wait_timeout_before);
	setenv("SWEEP_SECONDS", sweep_before, 1);
	devctl("app-restart");
	wait_for_status("/healthz", 200, 30);
}

/* ---- three ways the app's connections die between requests ---- */

/* KILL each connection of the app's database user. */
static void kill_app_connections_now(void)
{
	char *ids = NULL, *p, *end;
	long long id;

	ck_assert_int_eq(admin_sql("SELECT ID " APP_CONNS, &ids), 0);
	for (p = ids; (id = strtoll(p, &end, 10)), end != p; p = end)
		admin_sql_with(KILL, id);   /* it may have gone by itself */
	free(ids);
}

static void kill_app_connections(void)
{
	kill_app_connections_now();
	ck_assert_msg(wait_num(0, "SELECT COUNT(*) " APP_CONNS) == 0, "connections outlived KILL");
}

static void restart_database(void)
{
	ck_assert_int_eq(devctl("db-stop"), 0);
	ck_assert_int_eq(devctl("db-start"), 0);
}

/* With wait_timeout = 2 the server closes each idle connection itself: wait until it closed all. */
static void let_connections_time_out(void)
{
	ck_assert_msg(wait_num(0, "SELECT COUNT(*) " APP_CONNS) == 0, "idle connections were kept");
}

/* ---- the people, and the POSTs they send ---- */

static struct browser donor, staff;
static char donor_login[96];
static int serial;   /* makes every login, child and ID number of this process new */

static void get(struct browser *b, const char *path)
{
	struct resp r;

	ck_assert_int_eq(b_get(b, path, &r), 0);
	ck_assert_msg(r.status == 200, "GET %s: %ld", path, r.status);
	resp_free(&r);
}

static void post_303(struct browser *b, const char *path, const char *form, char loc[256])
{
	struct resp r;

	ck_assert_int_eq(b_post(b, path, form, &r), 0);
	ck_assert_msg(r.status == 303, "POST %s: %ld", path, r.status);
	if (loc)
		resp_location(&r, loc, 256);
	resp_free(&r);
}

/* A donor signed in (and verified, to hold), and 巴东县's staff member. */
static void people(void)
{
	browser_init(&donor);
	snprintf(donor_login, sizeof donor_login, "reconnect-%d@example.com", (int)getpid());
	ck_assert_int_eq(b_signup(&donor, donor_login, PASSWORD, "Reconnect"), 303);
	ck_assert_int_eq(b_verify(&donor, donor_login), 303);
	ck_assert_int_eq(b_staff(&staff, "badong"), 303);
	ck_assert_int_eq(admin_sql("DELETE " IMPORTED, NULL), 0);
}

/* A new waiting child of 巴东县; code gets its code. */
static void new_child(char code[16])
{
	char idn[32];
	struct fixture_child ch = {
		code, CHILD_ALIAS, "f", "2014-02-03", "422823", "ill", "（虚构）重连测试用的故事。",
		"waiting", 1, "虚构·重连真名", idn, "虚构监护人 13900000000",
	};

	snprintf(code, 16, "TN%04u%04u", (unsigned)getpid() % 10000u,
	         (unsigned)++serial % 10000u);
	snprintf(idn, sizeof idn, "HREC-%s", code);
	fixture_delete(code);
	ck_assert_int_eq(fixture_insert(&ch), 0);
}

/* A pairing the donor has held and paid for, waiting for the staff's approval: its id. */
static long long paid_pairing(char code[16])
{
	char path[300], loc[256];

	new_child(code);
	snprintf(path, sizeof path, "/sponsor/%s", code);
	get(&donor, path);
	snprintf(path, sizeof path, "/children/%s/hold", code);
	post_303(&donor, path, "", NULL);
	snprintf(path, sizeof path, "/sponsor/%s", code);
	get(&donor, path);
	post_303(&donor, path, "plan=annual&agree=1", loc);
	get(&donor, loc);
	snprintf(path, sizeof path, "%s/pay", loc);
	post_303(&donor, path, "", NULL);
	return admin_sql_numf("SELECT id FROM sponsorships WHERE state = 'pending_approval' "
	            "AND child_id = " CHILD_ID, code);
}

/* A checked one-row ledger waiting for the staff's confirmation; path gets the button's target. */
static void checked_ledger(char path[96])
{
	char idn[19], csv[512];
	struct resp r;
	const char *names[1] = { "csrf" }, *values[1] = { staff.csrf }, *at;
	int n;

	/* An odd sequence number: the ID of a boy. */
	snprintf(idn, sizeof idn, "42282320110708%03d", (2 * ++serial + 1) % 1000);
	idn[17] = idcard_check_char(idn);
	idn[18] = '\0';
	n = snprintf(csv, sizeof csv, LEDGER_HEADER "虚构·重连,%s,男," LEDGER_BIRTH ",422823,ill,"
	             "虚构监护,13900000099,巴东县某村\r\n", idn);
	ck_assert_int_eq(b_upload(&staff, "/admin/import", csv, (size_t)n, names, values, 1, &r),
	                 200);
	ck_assert_msg((at = strstr(r.body, "action=\"/admin/import/")), "no button: %s", r.body);
	snprintf(path, 96, "%.46s", at + 8);   /* "/admin/import/" and 32 hex characters */
	resp_free(&r);
}

/* The kinds of POST, each to be answered by every worker right after its connection was lost. */
enum kind { SIGNUP, LOGIN, HOLD, GIFT, APPROVE, IMPORT, KINDS };
static const char *const KIND[KINDS] = {
	"sign-up", "login", "hold", "gift", "staff approval", "import confirm"
};

/* One POST made ready while the database was there: sent after the connections were lost. */
struct action {
	enum kind       k;
	struct browser  own, *b;
	char            path[96], form[256], child[16];
	long long       pairing;
	long            want;      /* the status of success */
	const char     *shows;     /* what the page of success says, or NULL */
};

static void prepare(struct action *a, enum kind k)
{
	memset(a, 0, sizeof *a);
	a->k = k;
	a->b = k == HOLD ? &donor : k == APPROVE || k == IMPORT ? &staff : &a->own;
	a->want = 303;
	if (a->b == &a->own)
		browser_init(&a->own);
	switch (k) {
	case SIGNUP:
		get(a->b, "/signup");
		snprintf(a->path, sizeof a->path, "/signup");
		snprintf(a->form, sizeof a->form, "login=reconnect-%d-%d@example.com&password="
		         PASSWORD "&display_name=New&agree=1", (int)getpid(), ++serial);
		break;
	case LOGIN:
		get(a->b, "/login");
		snprintf(a->path, sizeof a->path, "/login");
		snprintf(a->form, sizeof a->form, "login=%s&password=" PASSWORD, donor_login);
		break;
	case HOLD: {
		char code[16], page[64];
		new_child(code);
		snprintf(page, sizeof page, "/sponsor/%s", code);
		get(a->b, page);
		snprintf(a->path, sizeof a->path, "/children/%s/hold", code);
		memcpy(a->child, code, sizeof code);
		break;
	}
	case GIFT:
		get(a->b, "/donate");
		snprintf(a->path, sizeof a->path, "/donate");
		snprintf(a->form, sizeof a->form, "amount=100");
		break;
	case APPROVE:
		a->pairing = paid_pairing(a->child);
		ck_assert_int_gt(a->pairing, 0);
		snprintf(a->path, sizeof a->path, "/admin/pairings/%lld/approve", a->pairing);
		break;
	case IMPORT:
		checked_ledger(a->path);
		a->want = 200;
		a->shows = "已导入";
		break;
	case KINDS:
		break;
	}
}

/* What the POST did besides answering; a hold then lapses, so that the next fits the limit. */
static void check_done(const struct action *a)
{
	if (a->k == HOLD) {
		ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM sponsorships WHERE state = "
		                                "'held' AND child_id = " CHILD_ID, a->child), 1);
		admin_sql_numf("UPDATE sponsorships SET hold_until = NOW() - INTERVAL 1 SECOND "
		     "WHERE child_id = " CHILD_ID, a->child);
	} else if (a->k == APPROVE) {
		ck_assert_int_eq(admin_sql_numf("SELECT state = 'active' FROM sponsorships "
		                                "WHERE id = %lld", a->pairing), 1);
	}
}

/* Send a's POST; the worker that found its connection closed on the way (0, 1), or -1. */
static int send_action(struct action *a)
{
	long off = log_size();
	struct resp r;
	int seen[2] = { 0, 0 };

	ck_assert_int_eq(b_post(a->b, a->path, a->form, &r), 0);
	ck_assert_msg(r.status == a->want, "%s after the connections were lost: %ld, not %ld",
	              KIND[a->k], r.status, a->want);
	ck_assert_msg(!a->shows || body_has(&r, a->shows), "%s: no %s", KIND[a->k], a->shows);
	resp_free(&r);
	check_done(a);
	logged_since(off, RECONNECTED, seen);
	if (a->b == &a->own)
		browser_free(&a->own);
	return seen[0] ? 0 : seen[1] ? 1 : -1;
}

/*
 * Lose every connection of the app with lose, then send POSTs of each kind; the first POST each
 * worker receives after the loss is the one that finds its connection closed, and the log says
 * which worker that was. Round after round until, with every_kind, each kind has been answered
 * so by both workers (the kinds still to cover are sent first), or else until both workers have
 * answered one so (every kind is sent every round). None may fail, on a dead connection or after.
 */
static void posts_after(void (*lose)(void), int every_kind)
{
	int covered[KINDS][2] = { { 0 } }, worker[2] = { 0, 0 };

	for (int round = 0; ; round++) {
		struct action a[KINDS];
		int n = 0, left = every_kind ? 0 : !worker[0] + !worker[1];

		for (int k = 0; every_kind && k < KINDS; k++)
			left += !covered[k][0] + !covered[k][1];
		if (!left)
			return;
		ck_assert_msg(round < 30, "%d kinds and workers not covered in 30 rounds", left);
		/* Kinds neither worker has answered yet go first, in another order each round. */
		for (int todo = 2; todo >= !!every_kind; todo--)
			for (int i = 0; i < KINDS; i++) {
				int k = (i + round) % KINDS;
				if (!covered[k][0] + !covered[k][1] == todo)
					prepare(&a[n++], (enum kind)k);
			}
		lose();
		for (int i = 0; i < n; i++) {
			int w = send_action(&a[i]);
			if (w >= 0)
				covered[a[i].k][w] = worker[w] = 1;
		}
	}
}

START_TEST(posts_after_kill)
{
	people();
	posts_after(kill_app_connections, 1);
}
END_TEST

START_TEST(posts_after_database_restart)
{
	people();
	posts_after(restart_database, 0);
}
END_TEST

START_TEST(posts_after_wait_timeout)
{
	/* New connections take the global value; the workers make their first as they start. */
	ck_assert_int_eq(admin_sql_with(WAIT_TIMEOUT, 2), 0);
	app_restart("3600");
	people();
	posts_after(let_connections_time_out, 0);
	ck_assert_int_eq(admin_sql_with(WAIT_TIMEOUT, wait_timeout_before), 0);
	app_restart("3600");
}
END_TEST

/* ---- a request in flight ---- */

/* A session of the database administrator's, to hold locks in. */
static MYSQL *root_session(void)
{
	char sock[512];
	MYSQL *m = mysql_init(NULL);

	snprintf(sock, sizeof sock, "%s/run/mysqld.sock", getenv("TX_VAR"));
	ck_assert_ptr_nonnull(mysql_real_connect(m, NULL, "root", NULL, "tongxiang", 0, sock, 0));
	return m;
}

/* Every row of content_generation locked: a write to children waits in its trigger's update. */
static MYSQL *hold_generation(void)
{
	MYSQL *m = root_session();
	MYSQL_RES *res;

	ck_assert_int_eq(mysql_query(m, "BEGIN"), 0);
	ck_assert_int_eq(mysql_query(m, "SELECT gen FROM content_generation FOR UPDATE"), 0);
	res = mysql_store_result(m);
	mysql_free_result(res);
	return m;
}

static long long sponsorships_of(const char *code)
{
	return admin_sql_numf("SELECT COUNT(*) FROM sponsorships WHERE child_id = " CHILD_ID, code);
}

static int status_is(const char *code, const char *status)
{
	return admin_sql_numf("SELECT status = '%s' FROM children WHERE code = '%s'", status,
	                      code) == 1;
}

struct slow {
	char        path[96];
	struct resp r;
};

static void *send_hold(void *arg)
{
	struct slow *s = arg;

	b_post(&donor, s->path, "", &s->r);
	return NULL;
}

/*
 * The id of the connection, other than not, that waits in the hold's last statement: in the
 * trigger of its UPDATE of children, which the processlist shows as the trigger's statement, run
 * as the trigger's definer.
 */
static long long hold_waiting(long long not)
{
	char q[256];

	snprintf(q, sizeof q, "FROM information_schema.PROCESSLIST WHERE COMMAND = 'Execute' AND "
	         "INFO LIKE 'UPDATE content_generation%%' AND ID <> %lld", not);
	ck_assert_msg(wait_num(1, "SELECT COUNT(*) %s", q) == 0, "the hold never got to its end");
	return admin_sql_numf("SELECT ID %s", q);
}

/*
 * The donor's hold of a new child, sent and left waiting inside its transaction, after its
 * INSERT: *m holds what it waits for. Returns the id of its connection.
 */
static long long hold_in_flight(struct slow *s, pthread_t *t, char code[16], MYSQL **m)
{
	new_child(code);
	snprintf(s->path, sizeof s->path, "/sponsor/%s", code);
	get(&donor, s->path);
	snprintf(s->path, sizeof s->path, "/children/%s/hold", code);
	*m = hold_generation();
	pthread_create(t, NULL, send_hold, s);
	return hold_waiting(0);
}

START_TEST(in_flight_when_the_database_dies_gets_503_and_writes_nothing)
{
	struct slow s;
	pthread_t t;
	char code[16];
	MYSQL *m;

	people();
	hold_in_flight(&s, &t, code, &m);
	ck_assert_int_eq(devctl("db-stop"), 0);
	pthread_join(t, NULL);
	mysql_close(m);
	ck_assert_msg(s.r.status == 503 && body_has(&s.r, "暂时无法访问"), "the hold cut off gave %ld",
	              s.r.status);
	resp_free(&s.r);
	ck_assert_int_eq(devctl("db-start"), 0);
	ck_assert_int_eq(sponsorships_of(code), 0);
	ck_assert(status_is(code, "waiting"));
}
END_TEST

/* A transaction cut off by a KILL is db_tx's to run again, whole: one hold, not half or two. */
START_TEST(in_flight_transaction_cut_off_runs_again_whole)
{
	struct slow s;
	pthread_t t;
	char code[16];
	long long first;
	MYSQL *m;

	people();
	first = hold_in_flight(&s, &t, code, &m);
	ck_assert_int_eq(admin_sql_with(KILL, first), 0);
	hold_waiting(first);      /* the transaction again, on a new connection, waiting there */
	ck_assert_int_eq(mysql_query(m, "ROLLBACK"), 0);
	mysql_close(m);
	pthread_join(t, NULL);
	ck_assert_msg(s.r.status == 303, "the hold run again gave %ld", s.r.status);
	resp_free(&s.r);
	ck_assert_int_eq(sponsorships_of(code), 1);
	ck_assert(status_is(code, "held"));
}
END_TEST

/* ---- what "nothing sent" means ---- */

static long long connection_id(struct db *db, struct err *e)
{
	long long id = 0;

	return db_query_int(db, "SELECT CONNECTION_ID()", NULL, 0, &id, e) < 0 ? -1 : id;
}

static void kill_and_wait(long long id)
{
	ck_assert_int_eq(admin_sql_with(KILL, id), 0);
	ck_assert_int_eq(wait_num(0, "SELECT COUNT(*) " APP_CONNS " AND ID = %lld", id), 0);
}

/* KILL the app's connection once it is running statement like, as soon as it shows. */
static void *kill_when_running(void *like)
{
	char q[256];

	snprintf(q, sizeof q, APP_CONNS " AND INFO LIKE '%s'", (const char *)like);
	if (wait_num(1, "SELECT COUNT(*) %s", q) == 0)
		admin_sql_with(KILL, admin_sql_numf("SELECT ID %s", q));
	return NULL;
}

/*
 * The connection closed after db_ready looked and before the unit's first statement: that
 * statement could not be written, so it runs again on a new connection. A later statement, or one
 * whose answer was lost after it was sent, is not repeated: it is the caller's error (503).
 */
START_TEST(first_statement_runs_again_only_if_never_sent)
{
	struct config cfg;
	struct db db;
	struct err e = { 0 };
	long long id, again;
	pthread_t t;

	ck_assert_int_eq(instance_config(&cfg), 0);
	db_init(&db, &cfg);
	ck_assert_int_eq(db_ready(&db, &e), 0);
	ck_assert_int_gt((id = connection_id(&db, &e)), 0);    /* and the statement is prepared */
	ck_assert_int_eq(db_ready(&db, &e), 0);
	kill_and_wait(id);
	again = connection_id(&db, &e);
	ck_assert_msg(again > 0 && again != id, "the first statement failed: %s", e.cause);
	/* The unit's second statement: the connection's state (LAST_INSERT_ID) went with it. */
	kill_and_wait(again);
	ck_assert_int_eq(connection_id(&db, &e), -1);
	ck_assert_int_eq(err_status(&e), 503);
	/* Sent, and cut off while the server ran it: it may have done its work; not repeated. */
	err_clear(&e);
	ck_assert_int_eq(db_ready(&db, &e), 0);
	pthread_create(&t, NULL, kill_when_running, "SELECT SLEEP(%");
	ck_assert_int_eq(db_exec(&db, "SELECT SLEEP(20)", NULL, 0, NULL, &e), -1);
	pthread_join(t, NULL);
	ck_assert_msg(err_status(&e) == 503, "an interrupted statement gave %d: %s", err_status(&e), e.cause);
	db_close(&db);
	config_free(&cfg);
}
END_TEST

/* ---- the other long-lived connections ---- */

/*
 * The sweep between requests finds its connection closed, by wait_timeout, as each worker's did
 * every quiet night: it connects again rather than fail. A timeout closes only idle connections,
 * never one in the middle of a sweep's statement.
 */
/* Whether anything went wrong since offset off, by the log: an error or a warning. */
static int stumbled(long off)
{
	return logged_since(off, "] error: ", NULL) + logged_since(off, "] warn: ", NULL);
}

START_TEST(sweep_carries_on_quietly)
{
	long off;
	int seen[2] = { 0, 0 };

	ck_assert_int_eq(admin_sql_with(WAIT_TIMEOUT, 2), 0);
	app_restart("3");
	off = log_size();
	for (int i = 0; i < 300 && !(seen[0] && seen[1]) && !stumbled(off); i++) {
		logged_since(off, RECONNECTED, seen);
		usleep(100 * 1000);
	}
	ck_assert_msg(!stumbled(off), "a sweep stumbled on its closed connection (see app.log)");
	ck_assert_msg(seen[0] && seen[1], "the sweeps did not connect again");
	ck_assert_int_eq(admin_sql_with(WAIT_TIMEOUT, wait_timeout_before), 0);
	app_restart("3600");
}
END_TEST

/* txctl staff-add, its connection open, waits for the password on its input: then it is killed. */
START_TEST(txctl_carries_on_after_waiting)
{
	char cmd[2048], user[32], dir[512];
	const char *var = getenv("TX_VAR"), *build = getenv("BUILD");
	long long before = admin_sql_numf("SELECT COALESCE(MAX(ID), 0) " APP_CONNS), conn;
	MYSQL *m;
	FILE *p;

	/* BUILD as make test sets it: build or build-asan in the checkout, or a path of its own. */
	snprintf(dir, sizeof dir, "%s%s%s", build && *build == '/' ? "" : getenv("TX_ROOT"),
	         build && *build == '/' ? "" : "/", build ? build : "build");
	snprintf(user, sizeof user, "rc%d", (int)getpid());
	snprintf(cmd, sizeof cmd, "'%s/txctl' -c conf/tongxiang.hdf -c '%s/instance.hdf' "
	         "-c '%s/secrets.hdf' -c '%s/sandbox.hdf' staff-add %s county 422823 "
	         STAFF_NAME " >> '%s/log/txctl.log' 2>&1", dir, var, var, var, user, var);
	/* With the regions locked, txctl's first statement shows; after it, txctl reads input. */
	m = root_session();
	ck_assert_int_eq(mysql_query(m, "LOCK TABLES regions WRITE"), 0);
	ck_assert_ptr_nonnull((p = popen(cmd, "w")));
	ck_assert_msg(wait_num(1, "SELECT COUNT(*) " APP_CONNS " AND ID > %lld AND "
	                       "INFO LIKE '%%FROM regions%%'", before) == 0, "no regions read");
	conn = admin_sql_numf("SELECT ID " APP_CONNS " AND ID > %lld", before);
	ck_assert_int_eq(mysql_query(m, "UNLOCK TABLES"), 0);
	mysql_close(m);
	ck_assert_msg(wait_num(1, "SELECT COUNT(*) " APP_CONNS " AND ID = %lld AND "
	                       "COMMAND = 'Sleep'", conn) == 0, "txctl's connection stayed busy");
	ck_assert_int_eq(admin_sql_with(KILL, conn), 0);
	fputs(PASSWORD "\n", p);
	ck_assert_msg(pclose(p) == 0, "txctl staff-add failed (see log/txctl.log)");
	ck_assert_int_eq(admin_sql_numf("SELECT COUNT(*) FROM staff WHERE username = '%s'", user),
	                 1);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_reconnect");
	TCase *t = tcase_create("reconnect");

	curl_global_init(CURL_GLOBAL_ALL);
	mysql_library_init(0, NULL, NULL);
	tcase_set_timeout(t, 300);
	tcase_add_unchecked_fixture(t, quiet_instance, usual_instance);
	tcase_add_test(t, posts_after_kill);
	tcase_add_test(t, posts_after_database_restart);
	tcase_add_test(t, posts_after_wait_timeout);
	tcase_add_test(t, in_flight_when_the_database_dies_gets_503_and_writes_nothing);
	tcase_add_test(t, in_flight_transaction_cut_off_runs_again_whole);
	tcase_add_test(t, first_statement_runs_again_only_if_never_sent);
	tcase_add_test(t, sweep_carries_on_quietly);
	tcase_add_test(t, txctl_carries_on_after_waiting);
	suite_add_tcase(s, t);
	return s;
}
