/* client.c — libcurl requests and database fixtures for the HTTP tests; no mocks: the real instance answers. */
#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>
#include <curl/curl.h>
#include <sodium.h>

#include "client.h"
#include "config.h"
#include "db.h"
#include "pii.h"
#include "core/payouts.h"
#include "core/actor.h"
#include "core/care.h"

const char *http_base(void)
{
	const char *b = getenv("TX_BASE");
	return b ? b : "http://127.0.0.1:18080";
}

struct buf {
	char  *p;
	size_t n;
};

static size_t collect(char *data, size_t size, size_t nmemb, void *ctx)
{
	struct buf *b = ctx;
	size_t add = size * nmemb;
	char *p = realloc(b->p, b->n + add + 1);

	if (!p)
		return 0;
	memcpy(p + b->n, data, add);
	b->n += add;
	p[b->n] = '\0';
	b->p = p;
	return add;
}

/* One request on handle c (fresh, or a browser's with its cookies). */
static int perform(CURL *c, const char *method, const char *path, const char *body, const char *ctype, struct resp *r)
{
	struct buf b = { NULL, 0 }, h = { NULL, 0 };
	struct curl_slist *hdr = NULL;
	char url[4096], ct[256];
	CURLcode rc;

	memset(r, 0, sizeof *r);
	snprintf(url, sizeof url, "%s%s", http_base(), path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &h);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c, CURLOPT_NOBODY, strcmp(method, "HEAD") == 0 ? 1L : 0L);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
		snprintf(ct, sizeof ct, "Content-Type: %s", ctype ? ctype : "application/x-www-form-urlencoded");
		hdr = curl_slist_append(hdr, ct);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(hdr);
	r->body = b.p ? b.p : strdup("");
	r->len = b.n;
	r->headers = h.p ? h.p : strdup("");
	return rc == CURLE_OK ? 0 : -1;
}

int http_request(const char *method, const char *path, const char *body, const char *ctype, struct resp *r)
{
	CURL *c = curl_easy_init();
	int rc = perform(c, method, path, body, ctype, r);

	curl_easy_cleanup(c);
	return rc;
}

void browser_from(struct browser *b, const char *addr)
{
	char iface[24];

	snprintf(b->from, sizeof b->from, "%s", addr);
	/* "host!": bind to this address (all of 127/8 is the loopback's), not an interface name. */
	snprintf(iface, sizeof iface, "host!%s", addr);
	curl_easy_setopt(b->c, CURLOPT_INTERFACE, iface);
}

void browser_init(struct browser *b)
{
	/* Browsers made at once by several threads each take a number of their own. */
	static unsigned next;
	unsigned n = __atomic_fetch_add(&next, 1, __ATOMIC_RELAXED);
	char addr[16];

	memset(b, 0, sizeof *b);
	b->c = curl_easy_init();
	/* An empty file name turns on libcurl's cookie engine without reading any file. */
	curl_easy_setopt(b->c, CURLOPT_COOKIEFILE, "");
	/*
	 * The address is the process's and the browser's own: limits per address (reports,
	 * sign-ups) must not carry from one forked test to the next, which has a pid of its own, so
	 * two tests' n-th browsers share one only if their pids are equal modulo 4,064 (254 before).
	 */
	unsigned pid = (unsigned)getpid();
	snprintf(addr, sizeof addr, "127.%u.%u.%u", 1 + pid % 254, pid / 254 % 16 * 16 + n / 250 % 16,
	         2 + n % 250);
	browser_from(b, addr);
}

void browser_free(struct browser *b)
{
	curl_easy_cleanup(b->c);
	memset(b, 0, sizeof *b);
}

/* Remember the CSRF token of the page's forms, as a browser holds the page it shows. */
static void keep_csrf(struct browser *b, const struct resp *r)
{
	static const char mark[] = "name=\"csrf\" value=\"";
	const char *p = r->body ? strstr(r->body, mark) : NULL;
	size_t n;

	if (p && (n = strcspn(p += sizeof mark - 1, "\"")) > 0 && n < sizeof b->csrf &&
	    p[n] == '"') {
		memcpy(b->csrf, p, n);
		b->csrf[n] = '\0';
	}
}

int b_get(struct browser *b, const char *path, struct resp *r)
{
	int rc = perform(b->c, "GET", path, NULL, NULL, r);

	keep_csrf(b, r);
	return rc;
}

int b_post(struct browser *b, const char *path, const char *form, struct resp *r)
{
	size_t n = strlen(form) + sizeof b->csrf + 8;
	char *body = malloc(n);
	int rc;

	if (strstr(form, "csrf=") == form || strstr(form, "&csrf="))
		snprintf(body, n, "%s", form);
	else
		snprintf(body, n, "csrf=%s%s%s", b->csrf, *form ? "&" : "", form);
	rc = perform(b->c, "POST", path, body, NULL, r);
	keep_csrf(b, r);
	free(body);
	return rc;
}

/* A new session has a new CSRF token: fetch a page with a form, as the browser following the redirect would. */
static void signed_in(struct browser *b, long status)
{
	struct resp r;

	if (status != 303)
		return;
	b_get(b, "/me", &r);
	resp_free(&r);
}

long b_login(struct browser *b, const char *login, const char *password)
{
	struct resp r;
	char form[512];
	long status;

	b_get(b, "/login", &r);
	resp_free(&r);
	snprintf(form, sizeof form, "login=%s&password=%s", login, password);
	b_post(b, "/login", form, &r);
	status = r.status;
	resp_free(&r);
	signed_in(b, status);
	return status;
}

long b_signup(struct browser *b, const char *login, const char *password, const char *name)
{
	struct resp r;
	char form[512];
	long status;

	b_get(b, "/signup", &r);
	resp_free(&r);
	snprintf(form, sizeof form, "login=%s&password=%s&display_name=%s&agree=1", login, password, name);
	b_post(b, "/signup", form, &r);
	status = r.status;
	resp_free(&r);
	signed_in(b, status);
	return status;
}

int outbox_code(const char *login, char code[7])
{
	static const char mark[] = "验证码：";
	char sql[512], *out = NULL, *p;
	int rc = -1;

	snprintf(sql, sizeof sql, "SELECT body FROM outbox WHERE recipient = '%s' "
	         "AND subject = '童享阳光验证码' ORDER BY id DESC LIMIT 1", login);
	if (admin_sql(sql, &out) == 0 && (p = strstr(out, mark)) &&
	    strspn(p += strlen(mark), "0123456789") == 6) {
		snprintf(code, 7, "%.6s", p);
		rc = 0;
	}
	free(out);
	return rc;
}

long b_verify(struct browser *b, const char *login)
{
	struct resp r;
	char code[7], form[32];
	long status;

	b_get(b, "/verify", &r);
	resp_free(&r);
	b_post(b, "/verify/send", "", &r);
	resp_free(&r);
	if (outbox_code(login, code) < 0)
		return -1;
	snprintf(form, sizeof form, "verify_code=%s", code);
	b_post(b, "/verify", form, &r);
	status = r.status;
	resp_free(&r);
	return status;
}

long b_staff(struct browser *b, const char *username)
{
	struct resp r;
	char form[128];
	long status;

	browser_init(b);
	b_get(b, "/admin/login", &r);
	resp_free(&r);
	snprintf(form, sizeof form, "username=%s&password=tongxiang-demo", username);
	b_post(b, "/admin/login", form, &r);
	status = r.status;
	resp_free(&r);
	if (status == 303) {
		b_get(b, "/admin", &r);   /* every role's page with a form: the session's CSRF token */
		resp_free(&r);
	}
	return status;
}

long b_upload(struct browser *b, const char *path, const char *data, size_t len, const char *const *names,
              const char *const *values, int nfields, struct resp *r)
{
	return b_upload_as(b, path, "file", "ledger.csv", "text/csv", data, len, names, values, nfields, r);
}

long b_upload_as(struct browser *b, const char *path, const char *field, const char *filename, const char *ctype,
                 const char *data, size_t len, const char *const *names, const char *const *values, int nfields,
                 struct resp *r)
{
	CURL *c = b->c;
	curl_mime *m = curl_mime_init(c);
	curl_mimepart *p;
	struct buf body = { NULL, 0 }, hdr = { NULL, 0 };
	char url[4096];

	memset(r, 0, sizeof *r);
	for (int i = 0; i < nfields; i++) {
		p = curl_mime_addpart(m);
		curl_mime_name(p, names[i]);
		curl_mime_data(p, values[i], CURL_ZERO_TERMINATED);
	}
	p = curl_mime_addpart(m);
	curl_mime_name(p, field);
	curl_mime_filename(p, filename);
	curl_mime_type(p, ctype);
	curl_mime_data(p, data, len);
	snprintf(url, sizeof url, "%s%s", http_base(), path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(c, CURLOPT_MIMEPOST, m);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &hdr);
	curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_easy_setopt(c, CURLOPT_MIMEPOST, NULL);
	curl_mime_free(m);
	r->body = body.p ? body.p : strdup("");
	r->len = body.n;
	r->headers = hdr.p ? hdr.p : strdup("");
	return r->status;
}

const char *resp_location(const struct resp *r, char *out, size_t n)
{
	const char *p = r->headers ? strcasestr(r->headers, "\r\nLocation: ") : NULL;
	size_t len;

	out[0] = '\0';
	if (!p)
		return out;
	p += 12;
	len = strcspn(p, "\r\n");
	/* Relative to the site: the tests pass paths to b_get. */
	if (strncmp(p, http_base(), strlen(http_base())) == 0) {
		p += strlen(http_base());
		len -= strlen(http_base());
	}
	snprintf(out, n, "%.*s", (int)len, p);
	return out;
}

int http_get(const char *path, struct resp *r)
{
	return http_request("GET", path, NULL, NULL, r);
}

void resp_free(struct resp *r)
{
	free(r->body);
	free(r->headers);
	memset(r, 0, sizeof *r);
}

int resp_has_header(const struct resp *r, const char *name, const char *value)
{
	size_t nl = strlen(name);

	for (const char *line = r->headers; line && *line; ) {
		const char *end = strstr(line, "\r\n");
		size_t len = end ? (size_t)(end - line) : strlen(line);
		if (len > nl && strncasecmp(line, name, nl) == 0 && line[nl] == ':') {
			const char *v = line + nl + 1;
			while (*v == ' ')
				v++;
			if (!value || ((size_t)(line + len - v) == strlen(value) && strncmp(v, value, strlen(value)) == 0))
				return 1;
		}
		line = end ? end + 2 : NULL;
	}
	return 0;
}

int body_has(const struct resp *r, const char *needle)
{
	return r->body && strstr(r->body, needle) != NULL;
}

/* Whether the tag at p ("<td ..." or "</td>") is name's, opening or closing as asked. */
static int tag_is(const char *p, const char *name, int closing)
{
	size_t n = strlen(name);

	p += 1 + (closing != 0);
	if (closing != (p[-1] == '/'))
		return 0;
	return strncasecmp(p, name, n) == 0 && strchr(" \t\n/>", p[n]) != NULL;
}

/* Ends the cell in out (n bytes long): its trailing space dropped, then " |". */
static size_t cell_end(char *out, size_t n)
{
	while (n > 0 && out[n - 1] == ' ')
		n--;
	memcpy(out + n, " |", 2);
	return n + 2;
}

char *table_text(const struct resp *r)
{
	const char *p = r->body ? r->body : "", *end;
	char *out = malloc(2 * strlen(p) + 3);
	size_t n = 0;
	int in_cell = 0;

	for (; *p; p++) {
		if (*p != '<') {
			if (!in_cell || (strchr(" \t\r\n", *p) && (n == 0 || out[n - 1] == ' ')))
				continue;
			out[n++] = strchr("\t\r\n", *p) ? ' ' : *p;
			continue;
		}
		if ((end = strchr(p, '>')) == NULL)
			break;
		if (tag_is(p, "tr", 0)) {
			memcpy(out + n, "\n|", 2);
			n += 2;
		} else if (tag_is(p, "td", 0) || tag_is(p, "th", 0)) {
			out[n++] = ' ';
			in_cell = 1;
		} else if (in_cell && (tag_is(p, "td", 1) || tag_is(p, "th", 1))) {
			n = cell_end(out, n);
			in_cell = 0;
		} else if (in_cell && tag_is(p, "br", 0) && n > 0 && out[n - 1] != ' ') {
			out[n++] = ' ';
		}
		p = end;
	}
	out[n] = '\0';
	return out;
}

int cells_has(const struct resp *r, const char *text)
{
	char *t = table_text(r);
	int has = strstr(t, text) != NULL;

	free(t);
	return has;
}

int row_figures(const struct resp *r, const char *after, const char *first, long long *n, int max)
{
	struct resp part = { .body = r->body && after ? strstr(r->body, after) : r->body };
	char want[256], *t = table_text(&part);
	const char *p;
	int i = 0;

	snprintf(want, sizeof want, "\n| %s |", first);
	if ((p = strstr(t, want)) != NULL) {
		for (p += strlen(want); i < max && *p == ' ' && p[1] >= '0' && p[1] <= '9'; i++) {
			for (n[i] = 0, p++; (*p >= '0' && *p <= '9') || *p == ','; p++)
				if (*p != ',')
					n[i] = n[i] * 10 + (*p - '0');
			p = strstr(p, " |");
			p = p ? p + 2 : "";
		}
	}
	free(t);
	return i;
}

/* The test instance; no default, so that a test run by hand cannot touch someone else's instance. */
static const char *var_dir(void)
{
	const char *v = getenv("TX_VAR");

	if (!v || !*v) {
		fprintf(stderr, "TX_VAR is not set: run the tests through `make test` (tests/run.sh)\n");
		exit(2);
	}
	return v;
}

int devctl(const char *args)
{
	char cmd[1024];

	snprintf(cmd, sizeof cmd, "VAR='%s' sh conf/devctl.sh %s >> '%s/log/devctl.log' 2>&1", var_dir(), args, var_dir());
	return system(cmd);
}

/*
 * The administrator's connection of a thread, kept open between calls by a process's main thread:
 * a mariadb client process a statement cost the suite minutes. A forked test (Check forks one per test) opens its own: the
 * parent's socket is left alone and its record kept reachable, never closed from the child.
 */
struct root_conn {
	MYSQL            *m;
	pid_t             pid;
	struct root_conn *next;      /* every connection ever opened, so none is ever unreachable */
};

static struct root_conn *root_conns;
static pthread_mutex_t root_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_key_t root_key;
static pthread_once_t root_once = PTHREAD_ONCE_INIT;

/* A thread that ends closes its connection (its record stays on the list, emptied). */
static void root_thread_end(void *v)
{
	struct root_conn *rc = v;

	if (rc->m && rc->pid == getpid())
		mysql_close(rc->m);
	rc->m = NULL;
}

static void root_key_make(void)
{
	pthread_key_create(&root_key, root_thread_end);
}

static MYSQL *root_connect(void)
{
	char sock[512];
	MYSQL *m = mysql_init(NULL);

	snprintf(sock, sizeof sock, "%s/run/mysqld.sock", var_dir());
	if (m && mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4") == 0 &&
	    mysql_real_connect(m, NULL, "root", NULL, "tongxiang", 0, sock,
	                       CLIENT_MULTI_STATEMENTS))
		return m;
	if (m)
		mysql_close(m);
	return NULL;
}

/* This thread's connection, opened if it has none (or it was its parent process's). */
static struct root_conn *root_conn(void)
{
	struct root_conn *rc;

	pthread_once(&root_once, root_key_make);
	rc = pthread_getspecific(root_key);
	if (rc && rc->pid == getpid())
		return rc;
	if (!(rc = calloc(1, sizeof *rc)))
		return NULL;
	rc->pid = getpid();
	pthread_mutex_lock(&root_lock);
	rc->next = root_conns;
	root_conns = rc;
	pthread_mutex_unlock(&root_lock);
	pthread_setspecific(root_key, rc);
	return rc;
}

/* A value as `mariadb -N -B` prints it: NULL, or the bytes with \0, tab, newline and \ escaped. */
static void batch_value(struct buf *b, const char *v, unsigned long len)
{
	if (!v) {
		collect("NULL", 1, 4, b);
		return;
	}
	for (unsigned long i = 0; i < len; i++) {
		const char *esc = v[i] == '\0' ? "\\0" : v[i] == '\t' ? "\\t" : v[i] == '\n' ? "\\n" :
		                  v[i] == '\\' ? "\\\\" : NULL;
		if (esc)
			collect((char *)esc, 1, 2, b);
		else
			collect((char *)&v[i], 1, 1, b);
	}
}

static void batch_rows(MYSQL_RES *res, struct buf *b)
{
	unsigned n = mysql_num_fields(res);
	MYSQL_ROW row;

	while ((row = mysql_fetch_row(res))) {
		unsigned long *lens = mysql_fetch_lengths(res);
		for (unsigned i = 0; i < n; i++) {
			if (i)
				collect("\t", 1, 1, b);
			batch_value(b, row[i], lens[i]);
		}
		collect("\n", 1, 1, b);
	}
}

/* Run the statements, as the client would: every result printed, stopping at the first error. */
static int root_run(MYSQL *m, const char *sql, struct buf *b)
{
	int status = mysql_query(m, sql);
	char msg[640];

	while (status == 0) {
		MYSQL_RES *res = mysql_store_result(m);
		if (res) {
			batch_rows(res, b);
			mysql_free_result(res);
		} else if (mysql_field_count(m)) {
			break;
		}
		if ((status = mysql_next_result(m)) < 0)
			return 0;
	}
	snprintf(msg, sizeof msg, "ERROR %u (%s): %s\n", mysql_errno(m), mysql_sqlstate(m),
	         mysql_error(m));
	collect(msg, 1, strlen(msg), b);
	return -1;
}

int admin_sql(const char *sql, char **out)
{
	struct root_conn *rc = root_conn();
	struct buf b = { NULL, 0 };
	char *all;
	int r = -1;

	/*
	 * The app's connections run in China time; so do the tests', or NOW() would differ by
	 * eight hours. Tests set records up by hand, as an administrator repairing data would: past
	 * the state triggers (sql/019).
	 */
	if (!rc || asprintf(&all, "SET time_zone = '+08:00'; SET @state_repair = 1;\n%s", sql) < 0)
		return -1;
	/* A server restarted under the tests (http_dbdown) is met with a new connection. */
	for (int attempt = 0; attempt < 2 && r < 0; attempt++) {
		if (!rc->m && !(rc->m = root_connect()))
			break;
		free(b.p);
		b.p = NULL;
		b.n = 0;
		r = root_run(rc->m, all, &b);
		if (r < 0 && (mysql_errno(rc->m) == 2006 || mysql_errno(rc->m) == 2013)) {
			mysql_close(rc->m);
			rc->m = NULL;
			continue;
		}
		/*
		 * As if the client had exited: a transaction left open rolls back, locks go, and
		 * user variables and temporary tables start afresh next time. Only a process's main
		 * thread keeps its connection: 64 threads of a bench each holding one would take
		 * the server's every connection (max_connections) from the app.
		 */
		if (gettid() != getpid() || mysql_reset_connection(rc->m) != 0) {
			mysql_close(rc->m);
			rc->m = NULL;
		}
		break;
	}
	free(all);
	if (out)
		*out = b.p ? b.p : strdup("");
	else
		free(b.p);
	return r;
}

long long admin_sql_num(const char *sql)
{
	char *out = NULL;
	long long v;

	if (admin_sql(sql, &out) < 0) {
		fprintf(stderr, "SQL failed: %s\n%s\n", sql, out ? out : "");
		exit(1);
	}
	v = strtoll(out, NULL, 10);
	free(out);
	return v;
}

long long admin_sql_numf(const char *fmt, ...)
{
	char sql[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	return admin_sql_num(sql);
}

long long listing_found(const struct resp *r)
{
	const char *p = r->body ? strstr(r->body, "找到 <b>") : NULL;

	return p ? strtoll(p + strlen("找到 <b>"), NULL, 10) : -1;
}

#define CARD "<li class=\"card\">"
#define HREF "href=\"/children/"

int listing_read(const struct resp *r, struct listing *l)
{
	size_t o = 0;

	l->found = listing_found(r);
	l->n = 0;
	l->codes[0] = '\0';
	for (const char *p = r->body; l->n < LISTING_PER_PAGE && (p = strstr(p, CARD)); l->n++) {
		const char *end = strstr(p, "</li>"), *h = strstr(p, HREF), *y, *w;
		char *t = l->c[l->n].text, *code = l->c[l->n].code;

		if (!end || !h || h > end)
			return -1;
		snprintf(t, sizeof l->c[0].text, "%.*s", (int)(end - p), p);
		snprintf(code, sizeof l->c[0].code, "%.10s", h + strlen(HREF));
		o += (size_t)snprintf(l->codes + o, sizeof l->codes - o, "%s%s", l->n ? "," : "",
		                      code);
		if (!(y = strstr(t, "岁")) || !(w = strstr(t, "已等待 ")))
			return -1;
		while (y > t && y[-1] >= '0' && y[-1] <= '9')
			y--;
		l->c[l->n].age = atoi(y);
		l->c[l->n].days = strtol(w + strlen("已等待 "), NULL, 10);
		p = end;
	}
	return 0;
}

/* The test instance's configuration, for its keys and its app account. */
int instance_config(struct config *cfg)
{
	char a[512], b[512], c[512];
	char *files[] = { a, b, c };
	struct err e;

	snprintf(a, sizeof a, "conf/tongxiang.hdf");
	snprintf(b, sizeof b, "%s/instance.hdf", var_dir());
	snprintf(c, sizeof c, "%s/secrets.hdf", var_dir());
	if (sodium_init() < 0)
		return -1;
	return config_load(cfg, files, 3, NULL, 0, &e);
}

/* The city a county belongs to, as the database's composite key on (county_code, city_code) wants it. */
#define CITY_OF "(SELECT county_city FROM regions WHERE code = ?)"

int fixture_insert(const struct fixture_child *ch)
{
	struct config cfg;
	struct db db;
	struct err e;
	unsigned char name[PII_SEALED_LEN(256)], id[PII_SEALED_LEN(64)], guard[PII_SEALED_LEN(256)];
	unsigned char hash[PII_HASHBYTES];
	int rc;

	if (instance_config(&cfg) < 0)
		return -1;
	pii_seal(cfg.pii_key, "real_name", ch->code, ch->real_name, strlen(ch->real_name), name, sizeof name);
	pii_seal(cfg.pii_key, "id_number", ch->code, ch->id_number, strlen(ch->id_number), id, sizeof id);
	pii_seal(cfg.pii_key, "guardian", ch->code, ch->guardian, strlen(ch->guardian), guard, sizeof guard);
	pii_id_hash(cfg.hash_key, ch->id_number, hash);
	struct dbp p[] = {
		P_STR(ch->code), P_STR(ch->alias), P_STR(ch->gender), P_STR(ch->birth), P_STR(ch->county),
		P_STR(ch->category), P_STR(ch->story), P_STR(ch->status ? ch->status : "waiting"),
		P_INT(ch->consent), ch->consent ? P_STR("2024-01-01") : P_NULL,
		P_BIN(name, PII_SEALED_LEN(strlen(ch->real_name))), P_BIN(id, PII_SEALED_LEN(strlen(ch->id_number))),
		P_BIN(guard, PII_SEALED_LEN(strlen(ch->guardian))), P_BIN(hash, sizeof hash), P_STR(ch->county),
	};
	db_init(&db, &cfg);
	/* A child who has left the programme has a reason and a day for it: the database insists. */
	rc = db_exec(&db, ch->status && strcmp(ch->status, "exited") == 0 ?
	             "INSERT INTO children (code, alias, gender, birth_date, county_code, category, story, status, "
	             "waiting_since, consent_publish, consent_date, pii_real_name, pii_id_number, pii_guardian, id_hash, "
	             "exit_reason, exited_at, city_code) VALUES (?,?,?,?,?,?,?,?,'2020-01-01',?,?,?,?,?,?,'improved','2021-01-01'," CITY_OF ")" :
	             "INSERT INTO children (code, alias, gender, birth_date, county_code, category, story, status, "
	             "waiting_since, consent_publish, consent_date, pii_real_name, pii_id_number, pii_guardian, id_hash, "
	             "city_code) VALUES (?,?,?,?,?,?,?,?,'2020-01-01',?,?,?,?,?,?," CITY_OF ")", p, 15, NULL, &e);
	if (rc < 0)
		fprintf(stderr, "fixture_insert: %s\n", e.cause);
	db_close(&db);
	config_free(&cfg);
	return rc;
}

int fixture_delete(const char *code)
{
	char sql[4096];

	/* With everything that hangs off the child: its sponsorships, their schedules, reminders, orders and donations;
	 * its payouts and their evidence, its running funds; its photos (their files stay: no row names them), letters
	 * and visits. */
	snprintf(sql, sizeof sql,
	         "SET @c = (SELECT id FROM children WHERE code = '%s');"
	         "DELETE f FROM payout_files f JOIN payouts p ON p.id = f.payout_id WHERE p.child_id = @c;"
	         "DELETE FROM payouts WHERE child_id = @c;"
	         "DELETE r FROM reminders r JOIN sponsorships s ON s.id = r.sponsorship_id WHERE s.child_id = @c;"
	         "DELETE FROM photos WHERE child_id = @c;"
	         "DELETE FROM letters WHERE child_id = @c AND reply_to IS NOT NULL;"
	         "DELETE FROM letters WHERE child_id = @c;"
	         "DELETE FROM visits WHERE child_id = @c;"
	         "UPDATE instalments i JOIN sponsorships s ON s.id = i.sponsorship_id SET i.donation_id = NULL WHERE s.child_id = @c;"
	         "DELETE r FROM refunds r JOIN donations d ON d.id = r.donation_id JOIN sponsorships s ON s.id = d.sponsorship_id "
	         "WHERE s.child_id = @c;"
	         "DELETE d FROM donations d JOIN sponsorships s ON s.id = d.sponsorship_id WHERE s.child_id = @c;"
	         "DELETE p FROM sandbox_payments p JOIN pay_orders o ON o.order_no = p.order_no "
	         "JOIN sponsorships s ON s.id = o.sponsorship_id WHERE s.child_id = @c;"
	         "DELETE o FROM pay_orders o JOIN sponsorships s ON s.id = o.sponsorship_id WHERE s.child_id = @c;"
	         "DELETE i FROM instalments i JOIN sponsorships s ON s.id = i.sponsorship_id WHERE s.child_id = @c;"
	         "DELETE FROM sponsorships WHERE child_id = @c;"
	         "DELETE FROM child_funds WHERE child_id = @c;"
	         "DELETE FROM children WHERE id = @c;", code);
	if (admin_sql(sql, NULL) == 0)
		return 0;
	/* Records that hang off it in the back office (consents, volunteers); tables an older instance may not have. */
	snprintf(sql, sizeof sql, "DELETE FROM child_consents WHERE child_id = (SELECT id FROM children WHERE code = '%s');",
	         code);
	admin_sql(sql, NULL);
	snprintf(sql, sizeof sql, "DELETE FROM volunteer_children WHERE child_id = (SELECT id FROM children "
	         "WHERE code = '%s');", code);
	admin_sql(sql, NULL);
	snprintf(sql, sizeof sql, "DELETE FROM children WHERE code = '%s';", code);
	return admin_sql(sql, NULL);
}

int app_master_pid(void)
{
	return run_pid("app.pid");
}

int run_pid(const char *file)
{
	char path[512];
	FILE *f;
	int pid = -1;

	snprintf(path, sizeof path, "%s/run/%s", var_dir(), file);
	if ((f = fopen(path, "r"))) {
		if (fscanf(f, "%d", &pid) != 1)
			pid = -1;
		fclose(f);
	}
	return pid;
}

int app_worker_pids(int master, int *pids, int max)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d)) && n < max) {
		char path[300], stat[512], *close;
		int ppid;
		FILE *f;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof path, "/proc/%s/stat", de->d_name);
		if (!(f = fopen(path, "r")))
			continue;
		/* The command name may hold spaces; the fields after its closing parenthesis do not. */
		if (fgets(stat, sizeof stat, f) && (close = strrchr(stat, ')')) &&
		    sscanf(close + 2, "%*c %d", &ppid) == 1 && ppid == master && close[2] != 'Z')
			pids[n++] = atoi(de->d_name);
		fclose(f);
	}
	closedir(d);
	return n;
}

int http_port(void)
{
	const char *colon = strrchr(http_base(), ':');
	return colon ? atoi(colon + 1) : 0;
}

int wait_for_status(const char *path, long want_status, int seconds)
{
	for (int i = 0; i < seconds * 10; i++) {
		struct resp r;
		int ok = http_get(path, &r) == 0 && r.status == want_status;
		resp_free(&r);
		if (ok)
			return 0;
		usleep(100 * 1000);
	}
	return -1;
}

/* Care fixtures (views) */

long long fixture_pair(const char *code, long long donor, const char *paired_on)
{
	char sql[512];

	snprintf(sql, sizeof sql, "UPDATE children SET status = 'paired' WHERE code = '%s';"
	         "INSERT INTO sponsorships (child_id, donor_id, state, plan, hold_until, created_at, "
	         "decided_at) VALUES ((SELECT id FROM children WHERE code = '%s'), %lld, 'active', "
	         "'annual', NOW(), '%s', '%s')", code, code, donor, paired_on, paired_on);
	if (admin_sql(sql, NULL) < 0)
		return -1;
	return admin_sql_numf("SELECT id FROM sponsorships WHERE live_child = "
	                      "(SELECT id FROM children WHERE code = '%s')", code);
}

long long fixture_visit(const char *code, long long sid, const char *author, const char *state,
                        const char *visited_on, const char *kind, const char *care,
                        long long given_fen, const char *summary, int reviewed_ago)
{
	struct config cfg;
	struct db db;
	struct err e;
	unsigned char sealed[PII_SEALED_LEN(2048)], key[16];
	long len;
	int rc;

	if (instance_config(&cfg) < 0)
		return -1;
	len = pii_seal(cfg.pii_key, "visit_summary", code, summary, strlen(summary), sealed,
	               sizeof sealed);
	randombytes_buf(key, sizeof key);
	struct dbp p[] = {
		P_STR(code), P_INT(sid), P_STR(author), P_STR(state), P_STR(visited_on), P_STR(kind),
		P_STR(care), given_fen ? P_INT(given_fen) : P_NULL, P_BIN(sealed, (size_t)len),
		P_BIN(key, sizeof key), P_STR(state), P_INT(reviewed_ago),
	};
	db_init(&db, &cfg);
	rc = db_exec(&db, "INSERT INTO visits (child_id, sponsorship_id, author_id, state, "
	             "visited_on, kind, care, given_fen, summary, form_key, submitted_at, "
	             "reviewed_at) VALUES ((SELECT id FROM children WHERE code = ?), ?, "
	             "(SELECT id FROM staff WHERE username = ?), ?, ?, ?, ?, ?, ?, ?, NOW(), "
	             "IF(? = 'approved', NOW() - INTERVAL ? SECOND, NULL))",
	             p, sizeof p / sizeof p[0], NULL, &e);
	if (rc < 0)
		fprintf(stderr, "fixture_visit: %s\n", e.cause);
	db_close(&db);
	config_free(&cfg);
	return rc < 0 ? -1 : admin_sql_num("SELECT MAX(id) FROM visits");
}

/* ---- money after pairing: payouts (http_payouts, http_admin_access) ---- */

int fixture_money_delete(const char *code)
{
	char sql[1024];

	/* Its payouts' evidence (the files stay: no row names them), payouts, and running funds. */
	snprintf(sql, sizeof sql,
	         "SET @c = (SELECT id FROM children WHERE code = '%s');"
	         "DELETE f FROM payout_files f JOIN payouts p ON p.id = f.payout_id WHERE p.child_id = @c;"
	         "DELETE FROM payouts WHERE child_id = @c;"
	         "DELETE FROM child_funds WHERE child_id = @c;", code);
	return admin_sql(sql, NULL);
}

void admin_sql_okf(const char *fmt, ...)
{
	char sql[4096], *out = NULL;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	if ((rc = admin_sql(sql, &out)) != 0) {
		fprintf(stderr, "SQL failed: %s\n%s\n", sql, out ? out : "");
		exit(1);
	}
	free(out);
}

/* ---- batches: money for a paired child (http_batches, the batch bench) ---- */

int fixture_bank(const char *code, const char *holder, const char *number, const char *bank)
{
	struct config cfg;
	struct db db;
	struct err e;
	char plain[512], mask[BANK_MASK_LEN];
	unsigned char sealed[PII_SEALED_LEN(sizeof plain)];
	long len;
	int rc;

	if (instance_config(&cfg) < 0)
		return -1;
	snprintf(plain, sizeof plain, "%s\n%s\n%s", holder, number, bank);
	len = pii_seal(cfg.pii_key, "bank_account", code, plain, strlen(plain), sealed, sizeof sealed);
	payout_bank_mask(number, mask);
	struct dbp p[] = { P_BIN(sealed, (size_t)len), P_STR(mask), P_STR(code) };
	db_init(&db, &cfg);
	rc = db_exec(&db, "UPDATE children SET pii_bank = ?, bank_mask = ? WHERE code = ?", p, 3, NULL, &e);
	if (rc < 0)
		fprintf(stderr, "fixture_bank: %s\n", e.cause);
	db_close(&db);
	config_free(&cfg);
	return rc;
}

int fixture_fund(long long sid, long long amount_fen)
{
	char sql[768];

	/* A paid gift under the sponsorship, its receipt in a year long gone (1998) so that no real one collides;
	 * child_funds follows by trigger. */
	snprintf(sql, sizeof sql,
	         "INSERT INTO donations (amount_fen, status, purpose, paid_at, donor_id, sponsorship_id, instalment_seq, "
	         "receipt_year, receipt_seq, receipt_code) SELECT %lld, 'paid', 'sponsorship', NOW(), donor_id, id, 1, "
	         "1998, (SELECT COALESCE(MAX(receipt_seq), 0) + 1 FROM donations d WHERE d.receipt_year = 1998), "
	         "'BATCHBATCHBATCHB' FROM sponsorships WHERE id = %lld", amount_fen, sid);
	return admin_sql(sql, NULL);
}

/* The fund trail's fixtures (http_trail; the digest's sweep for http_timeline too). */

long long fixture_gift(long long sid, long long fen, const char *paid_at)
{
	return admin_sql_numf("SET @s = %lld, @t = CONCAT('TR', LPAD(FLOOR(RAND() * 1e15), 22, '0'));"
	                      "INSERT INTO donations (amount_fen, status, purpose, paid_at, provider, "
	                      "provider_txn, donor_id, sponsorship_id, instalment_seq, receipt_year, "
	                      "receipt_seq, receipt_code) SELECT %lld, 'paid', 'sponsorship', '%s', "
	                      "'sandbox', @t, donor_id, id, 1, YEAR('%s'), "
	                      "800000 + FLOOR(RAND() * 1e8), 'TRAILTRAILTRAIL0' FROM sponsorships "
	                      "WHERE id = @s; SELECT LAST_INSERT_ID();", sid, fen, paid_at, paid_at);
}

long long fixture_payout(long long sid, const char *period, long long fen, long long advanced,
                         const char *state, const char *paid_on, int files)
{
	long long id = admin_sql_numf(
		"INSERT INTO payouts (ref, child_id, sponsorship_id, county_code, city_code, period, "
		"amount_fen, advanced_fen, method, state, paid_on, bank_ref, fail_reason, created_by, "
		"paid_at) SELECT CONCAT('P', LPAD(FLOOR(RAND() * 1e10), 11, '0')), s.child_id, s.id, "
		"c.county_code, CONCAT(LEFT(c.county_code, 4), '00'), '%s', %lld, %lld, 'bank', '%s', "
		"%s%s%s, 'BANKREF-TRAIL', IF('%s' = 'failed', '户名与账号不符', NULL), "
		"(SELECT id FROM staff WHERE username = 'badong'), "
		"IF('%s' = 'paid', NOW() - INTERVAL 1 MINUTE, NULL) "
		"FROM sponsorships s JOIN children c ON c.id = s.child_id WHERE s.id = %lld;"
		"SELECT LAST_INSERT_ID();", period, fen, advanced, state, paid_on ? "'" : "",
		paid_on ? paid_on : "NULL", paid_on ? "'" : "", state, state, sid);

	for (int i = 1; id > 0 && i <= files; i++)
		admin_sql_numf("INSERT INTO payout_files (name, payout_id, slot, mime, bytes, "
		               "uploaded_by) VALUES (MD5(RAND()), %lld, %d, 'application/pdf', 1000, "
		               "(SELECT id FROM staff WHERE username = 'badong')); SELECT 1", id, i);
	return id;
}

long long digests_to(const char *login)
{
	return admin_sql_numf("SELECT COUNT(*) FROM outbox WHERE recipient = '%s' AND subject = '"
	                      DIGEST_SUBJECT "'", login);
}

/* The care digests' sweep as sweep_with runs a sweep. */
static int care_sweep(struct db *db, const struct config *cfg, const struct actor *a,
                      struct err *e)
{
	(void)cfg;
	return care_digest_sweep(db, a, NULL, e);
}

int digest_sweep(void)
{
	return sweep_with(care_sweep);
}

/* renewals */

int race_processes(int n, int (*fn)(void))
{
	int go[2], status, ok = 0;
	pid_t pid[64];

	if (n > 64 || pipe(go) != 0)
		return 0;
	for (int i = 0; i < n; i++) {
		char c;

		if ((pid[i] = fork()) == 0) {
			close(go[1]);
			/* All start together: when the pipe closes. */
			_exit(read(go[0], &c, 1) == 0 && fn() == 0 ? 0 : 1);
		}
	}
	close(go[0]);
	close(go[1]);
	for (int i = 0; i < n; i++)
		ok += pid[i] > 0 && waitpid(pid[i], &status, 0) == pid[i] && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0;
	return ok;
}

/* activities */

long b_give(struct browser *b, const char *page, const char *action, const char *form, char *order)
{
	static const char SANDBOX[] = "/pay/sandbox/";
	char loc[256], path[300];
	struct resp r;
	long status;

	if (order)
		order[0] = '\0';
	b_get(b, page, &r);
	resp_free(&r);
	b_post(b, action, form, &r);
	status = r.status;
	resp_location(&r, loc, sizeof loc);
	resp_free(&r);
	if (status != 303 || strncmp(loc, SANDBOX, sizeof SANDBOX - 1) != 0)
		return status;
	if (order)
		snprintf(order, 25, "%.24s", loc + sizeof SANDBOX - 1);
	b_get(b, loc, &r);
	resp_free(&r);
	snprintf(path, sizeof path, "%s/pay", loc);
	b_post(b, path, "", &r);
	resp_free(&r);
	return status;
}

int sweep_with(int (*fn)(struct db *db, const struct config *cfg, const struct actor *a,
                         struct err *e))
{
	struct config cfg;
	struct db db;
	struct err e;
	struct actor a = actor_system("sweep");
	int rc;

	if (instance_config(&cfg) < 0)
		return -1;
	db_init(&db, &cfg);
	rc = fn(&db, &cfg, &a, &e);
	if (rc < 0)
		fprintf(stderr, "sweep: %s\n", e.cause);
	db_close(&db);
	config_free(&cfg);
	return rc;
}

long b_status(struct browser *b, const char *path, const char *form, const char *text, int *shown)
{
	struct resp r;
	long status;

	if (form)
		b_post(b, path, form, &r);
	else if (b)
		b_get(b, path, &r);
	else
		http_get(path, &r);
	status = r.status;
	if (text)
		*shown = body_has(&r, text);
	resp_free(&r);
	return status;
}

/* ---- disclosure and 举报 (http_reports, http_disclosure) ---- */

/* A check that failed: said, and the test ends (as admin_sql_okf's). */
static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

const char *admin_sql_line(const char *fmt, ...)
{
	static char b[512];
	char sql[4096], *out = NULL;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	if (admin_sql(sql, &out) != 0)
		fail("SQL failed: %s\n%s", sql, out ? out : "");
	snprintf(b, sizeof b, "%.*s", (int)strcspn(out ? out : "", "\n"), out ? out : "");
	free(out);
	return b;
}

void b_expect(struct browser *b, const char *path, const char *form, long want, const char *text)
{
	struct resp r;
	const char *m = form ? "POST" : "GET";

	if ((form ? b_post(b, path, form, &r) : b_get(b, path, &r)) != 0)
		fail("%s %s: no answer", m, path);
	if (r.status != want)
		fail("%s %s: %ld, not %ld", m, path, r.status, want);
	if (text && !body_has(&r, text))
		fail("%s %s does not show %s", m, path, text);
	resp_free(&r);
}

long long resp_figure(const struct resp *r, const char *label)
{
	const char *at = strstr(r->body, label), *p;

	if (!at) {
		fprintf(stderr, "no figure %s on the page\n", label);
		exit(1);
	}
	for (p = at; p > r->body && !(p[-1] >= '0' && p[-1] <= '9'); p--)
		;
	while (p > r->body && p[-1] >= '0' && p[-1] <= '9')
		p--;
	return strtoll(p, NULL, 10);
}

/* ---- txctl on the test instance (http_txctl, http_mail) ---- */

/* Append the file path's text to out (n bytes, NUL-terminated). */
static void read_into(const char *path, char *out, size_t n)
{
	size_t len = strlen(out);
	FILE *f = fopen(path, "r");

	if (!f)
		fail("%s: cannot read it", path);
	len += fread(out + len, 1, n - 1 - len, f);
	out[len] = '\0';
	fclose(f);
}

int txctl_run(const char *args, const char *input, int errors, char *out, size_t n)
{
	const char *var = getenv("TX_VAR"), *build = getenv("BUILD");
	char dir[512], in[600], res[600], err[600], cmd[4096];
	FILE *f;
	int rc;

	/* BUILD as make test sets it: build or build-asan in the checkout, or a path of its own. */
	snprintf(dir, sizeof dir, "%s%s%s", build && *build == '/' ? "" : getenv("TX_ROOT"),
	         build && *build == '/' ? "" : "/", build ? build : "build");
	snprintf(in, sizeof in, "%s/txctl-test.in", var);
	snprintf(res, sizeof res, "%s/log/txctl-test.out", var);
	snprintf(err, sizeof err, "%s/log/txctl-test.err", var);
	if (!(f = fopen(in, "w")))
		fail("%s: cannot write it", in);
	fputs(input ? input : "", f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "cd '%s' && '%s/txctl' -c conf/tongxiang.hdf "
	         "-c '%s/instance.hdf' -c '%s/secrets.hdf' -c '%s/sandbox.hdf' %s "
	         "< '%s' > '%s' 2> '%s'",
	         getenv("TX_ROOT"), dir, var, var, var, args, in, res, err);
	rc = system(cmd);
	out[0] = '\0';
	read_into(res, out, n);
	if (errors)
		read_into(err, out, n);
	return rc;
}

/* Room for a stub's arguments. */
#define STUB_ARGS_MAX 16

pid_t stub_start(const char *name, const char *const *args)
{
	const char *argv[STUB_ARGS_MAX + 3] = { "python3" };
	char path[600], line[16] = "";
	int fd[2], n = 1, ready;
	pid_t pid;
	FILE *f;

	snprintf(path, sizeof path, "%s/tests/stubs/%s", getenv("TX_ROOT"), name);
	argv[n++] = path;
	for (int i = 0; args[i] && i < STUB_ARGS_MAX; i++)
		argv[n++] = args[i];
	if (pipe(fd) < 0 || (pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		execv("/usr/bin/python3", (char *const *)argv);
		_exit(127);
	}
	close(fd[1]);
	f = fdopen(fd[0], "r");
	ready = f && fgets(line, sizeof line, f) && strncmp(line, "ready", 5) == 0;
	if (f)
		fclose(f);
	if (!ready) {
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
		return -1;
	}
	return pid;
}
