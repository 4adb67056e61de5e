/* client.h — what the HTTP tests share: requests through the test instance's nginx (libcurl), and fixtures in its database. */
#ifndef TX_TEST_CLIENT_H
#define TX_TEST_CLIENT_H

#include <stddef.h>
#include <sys/types.h>

struct resp {
	long   status;
	char  *body;      /* NUL-terminated */
	size_t len;
	char  *headers;   /* raw header block, NUL-terminated */
};

/* Base URL from $TX_BASE (set by tests/run.sh), e.g. http://127.0.0.1:18080. */
const char *http_base(void);

/* A request to http_base()+path; body may be NULL. Returns 0, or -1 if no HTTP response came back at all. */
int http_request(const char *method, const char *path, const char *body, const char *ctype, struct resp *r);
int http_get(const char *path, struct resp *r);
void resp_free(struct resp *r);

/*
 * A browser: one libcurl handle whose cookies persist across its requests, as a donor's browser keeps its session
 * and visitor cookies. It does not follow redirects, so tests see each 303 and its Location.
 *
 * Each browser is a client of its own, as real donors are: it connects from a loopback address no
 * other browser of the run uses (127.A.B.C, A from the process, never 127.0.x.x), so per-address
 * limits (failed logins, holds per network) count one browser each. Tests that mean one client for
 * several browsers say so with browser_from. Plain http_request()s come from 127.0.0.1.
 */
struct browser {
	void *c;          /* CURL * */
	char  csrf[128];  /* the CSRF token of the last page with a form it got (each differs) */
	char  from[16];   /* the source address its requests come from */
};
void browser_init(struct browser *b);
void browser_free(struct browser *b);
/* From now on, connect from addr (127.x.x.x): another browser's from, or one a test keeps. */
void browser_from(struct browser *b, const char *addr);
/* GET path; remembers the page's CSRF token. */
int b_get(struct browser *b, const char *path, struct resp *r);
/* POST a url-encoded form, adding "csrf=<remembered token>" unless form has a csrf field of its own. */
int b_post(struct browser *b, const char *path, const char *form, struct resp *r);
/* Sign in or sign up through the forms; returns the POST's status (303 on success), after which the browser holds
 * the new session's CSRF token. */
long b_login(struct browser *b, const char *login, const char *password);
long b_signup(struct browser *b, const char *login, const char *password, const char *name);
/*
 * Verify the signed-in donor's login (needed before a first hold) as the donor would: ask for a
 * code on /verify, read it from the message the outbox holds for login, enter it. Returns the
 * code POST's status (303 on success).
 */
long b_verify(struct browser *b, const char *login);
/* The code in the newest verification message to login, into code; -1 if there is none. */
int outbox_code(const char *login, char code[7]);
/*
 * A new browser signed in as a demo staff member (password tongxiang-demo) on /admin/login, holding the staff
 * session's CSRF token. Returns the login POST's status (303 on success).
 */
long b_staff(struct browser *b, const char *username);

/* POST a multipart form: the file field "file" (len bytes of data) and the text fields names[i]=values[i]. */
long b_upload(struct browser *b, const char *path, const char *data, size_t len, const char *const *names,
              const char *const *values, int nfields, struct resp *r);
/* The same with the file in field, sent as filename of type ctype (a photo: "photo", "IMG_0001.jpg", "image/jpeg"). */
long b_upload_as(struct browser *b, const char *path, const char *field, const char *filename, const char *ctype,
                 const char *data, size_t len, const char *const *names, const char *const *values, int nfields,
                 struct resp *r);

/* The Location header as a path on the site ("" if none). */
const char *resp_location(const struct resp *r, char *out, size_t n);

/* Whether the response has header name (case-insensitive) with exactly value; value NULL: just present. */
int resp_has_header(const struct resp *r, const char *name, const char *value);
int body_has(const struct resp *r, const char *needle);

/* The page's tables as a person reads them, whatever the cells' attributes (a class, the
   data-label a phone's card shows): each row a line "| a | b |", each cell's text with its tags
   dropped (a <br> a space) and its white space collapsed; entities stay as sent. The caller
   frees it. */
char *table_text(const struct resp *r);
/* Whether the page's tables hold text (as table_text writes them), e.g. "| 巴东县 | 3 |". */
int cells_has(const struct resp *r, const char *text);
/* The row whose first cell reads first, the first after the text after on the page (NULL:
   anywhere): the numbers of its next cells (thousands' commas skipped), at most max, into n;
   returns how many (0 if no such row). */
int row_figures(const struct resp *r, const char *after, const char *first, long long *n, int max);

/* Run `sh conf/devctl.sh ARGS` on the test instance ($TX_VAR); returns the exit status. */
int devctl(const char *args);

/* Run SQL as the database administrator on the test instance, in China time (+08:00) like the app; output (if out)
 * goes to a malloc'd string. */
int admin_sql(const char *sql, char **out);

/* The single number a query returns (a COUNT, say); exits the test with the error if the query fails. */
long long admin_sql_num(const char *sql);
/* The same for a query built from fmt and its arguments. */
long long admin_sql_numf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The count a listing page shows ("找到 <b>N</b>"), or -1 if the page has none. */
long long listing_found(const struct resp *r);

#define LISTING_PER_PAGE 20

/* A page of child cards as a visitor reads it: the count, each card's code, age, days and text. */
struct listing {
	long long found;  /* -1: the page has no count line (the home page) */
	int n;
	struct { char code[11], text[512]; int age; long days; } c[LISTING_PER_PAGE];
	char codes[LISTING_PER_PAGE * 11 + 1];  /* the codes in page order, comma-separated */
};

/* Read the cards of a page (a listing, the home page); -1 if a card lacks its link, age or days. */
int listing_read(const struct resp *r, struct listing *l);

/* A fictional child inserted for a test, with its personal data sealed under the instance's keys. */
struct fixture_child {
	const char *code, *alias, *gender, *birth, *county, *category, *story, *status;
	int consent;
	const char *real_name, *id_number, *guardian;
};
int fixture_insert(const struct fixture_child *c);

/* The test instance's configuration (its files under $TX_VAR), for tests that call the app's own code. */
struct config;
int instance_config(struct config *cfg);
int fixture_delete(const char *code);

/* The app master's pid (from $TX_VAR/run/app.pid), or -1. */
int app_master_pid(void);

/* The pid in $TX_VAR/run/<file> (mysqld.pid, nginx.pid, app.pid), or -1. */
int run_pid(const char *file);

/* The master's current worker pids, at most max of them; returns how many. */
int app_worker_pids(int master, int *pids, int max);

/* The port of http_base(). */
int http_port(void);

/* Poll GET path until it answers want_status, for at most seconds; returns 0 when it did. */
int wait_for_status(const char *path, long want_status, int seconds);


/*
 * Care fixtures (visits on the sponsor's timeline and the staff dashboards): a child's pairing
 * with donor, active since paired_on (YYYY-MM-DD), the child paired; returns the sponsorship's id.
 */
long long fixture_pair(const char *code, long long donor, const char *paired_on);
/*
 * A visit to child code under sponsorship sid, logged by staff member author, in state (approved
 * ones reviewed reviewed_ago seconds ago), its summary sealed as the app seals it; returns its id.
 */
long long fixture_visit(const char *code, long long sid, const char *author, const char *state,
                        const char *visited_on, const char *kind, const char *care,
                        long long given_fen, const char *summary, int reviewed_ago);

/* Money after pairing: the child's payouts (with their evidence rows) and running funds deleted, before
 * fixture_delete; 0, or -1. */
int fixture_money_delete(const char *code);
/* Run SQL built from fmt as the database administrator; a failure ends the test with the error. */
void admin_sql_okf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- batches: money for a paired child (http_batches, the batch bench) ---- */

/* The guardian's bank account of child code, sealed as the app seals it, and its mask. */
int fixture_bank(const char *code, const char *holder, const char *number, const char *bank);
/* A paid gift of amount_fen under sponsorship sid (its child's received funds grow by trigger). */
int fixture_fund(long long sid, long long amount_fen);

/*
 * The fund trail's fixtures (http_trail). A paid payment of fen for sponsorship sid by its donor,
 * paid at paid_at ("YYYY-MM-DD HH:MM:SS"), with a receipt; its id.
 */
long long fixture_gift(long long sid, long long fen, const char *paid_at);
/*
 * A payout by bank of fen (advanced of it the county's own) for period from sponsorship sid's
 * money, in state (inserted so: no state change), paid on paid_on (NULL: not paid; a paid one is
 * recorded a minute ago), with files evidence files on record; its id.
 */
long long fixture_payout(long long sid, const char *period, long long fen, long long advanced,
                         const char *state, const char *paid_on, int files);
/* The daily care digest's subject, and how many digests login was sent so far. */
#define DIGEST_SUBJECT "孩子的新消息"
long long digests_to(const char *login);
/* One sweep of the care digests, as a worker runs it (on a connection of its own): 0 or -1. */
int digest_sweep(void);

/* renewals: n processes each run fn at once (released together); how many returned 0. */
int race_processes(int n, int (*fn)(void));

/* ---- activities: a gift through a donate form, paid ---- */
/*
 * GET page (for its CSRF token), POST form to action, and when that made an order (303 to the
 * sandbox) pay it on the sandbox's page, credited at once: the POST's status. The order's number
 * goes to order (25 bytes) if not NULL ("" when none was made).
 */
long b_give(struct browser *b, const char *page, const char *action, const char *form, char *order);
/*
 * One sweep as a worker runs it, on a connection of its own, as the system actor "sweep": fn's
 * result (its error printed).
 */
struct db;
struct actor;
struct err;
int sweep_with(int (*fn)(struct db *db, const struct config *cfg, const struct actor *a,
                         struct err *e));
/*
 * POST form to path as b (form NULL: GET it; b NULL too: as a plain client): the status; with
 * text, whether the answer holds it goes to *shown.
 */
long b_status(struct browser *b, const char *path, const char *form, const char *text, int *shown);

/* ---- disclosure and 举报 (http_reports, http_disclosure) ---- */

/*
 * The first line of what the SQL built from fmt returns, as the database administrator, in a
 * static buffer that the next call reuses; a failure ends the test with the error.
 */
const char *admin_sql_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * GET (form NULL) or POST path as browser b: the status must be want and the page show text (if
 * not NULL), or the test ends saying which.
 */
void b_expect(struct browser *b, const char *path, const char *form, long want, const char *text);

/*
 * The number just before label on a page (a figure's <b>N</b><span>label, or a linked one); a
 * page without the label ends the test (as a failed admin_sql_num does).
 */
long long resp_figure(const struct resp *r, const char *label);

/*
 * Run txctl with args (and input, if not NULL, on its standard input) on the test instance, with
 * its configuration files and then any -c in args: its standard output into out, then (errors 1)
 * its standard error. The exit status (system()'s).
 */
int txctl_run(const char *args, const char *input, int errors, char *out, size_t n);

/*
 * A local counterpart of an outside service (tests/stubs/NAME, run by python3 with argv[1..], a
 * NULL-terminated list) started, once it says "ready" on its standard output: its pid, or -1.
 */
pid_t stub_start(const char *name, const char *const *args);

#endif
