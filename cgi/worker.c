/*
 * worker.c — the request lifecycle: read, route, check access, validate, run the handler, render;
 * errors become pages here.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcgiapp.h>

#include "core/sweep.h"
#include "core/state.h"
#include "cmd.h"
#include "html.h"
#include "log.h"
#include "nav.h"
#include "textsize.h"
#include "page.h"
#include "pagecache.h"
#include "regions.h"
#include "render.h"
#include "session.h"
#include "syscall_filter.h"
#include "worker.h"

static volatile sig_atomic_t stopping, misbehave;

static void on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

static void on_misbehave(int sig)
{
	(void)sig;
	misbehave = 1;
}

/* App.TestHooks' SIGUSR2: do what no worker does, run a program. Under the filter, no return. */
static void try_execve(void)
{
	char *argv[] = { "true", NULL }, *envp[] = { NULL };

	log_warn("test hook: trying execve");
	execve("/bin/true", argv, envp);
	log_error("test hook: execve failed: %s", strerror(errno));
	misbehave = 0;
}

/* Data every page shows: site name and the charity's disclosure block from the config. */
static int page_common(struct ctx *c)
{
	NEOERR *nerr;

	if ((nerr = hdf_init(&c->hdf)) ||
	    (nerr = hdf_copy(c->hdf, "Charity", hdf_get_obj(c->cfg->hdf, "Charity"))) ||
	    (nerr = hdf_copy(c->hdf, "Site", hdf_get_obj(c->cfg->hdf, "Site")))) {
		nerr_ignore(&nerr);
		return err_set(&c->err, 500, NULL, "out of memory setting up page data");
	}
	return 0;
}

static void page_done(struct ctx *c, const struct cmd *cmd, const char *tmpl);

static void send_error(FCGX_Request *fr, struct ctx *c)
{
	const struct err *e = &c->err;
	int status = err_status(e);
	char buf[ERR_MSG_LEN];
	const char *msg = err_text(e, buf, sizeof buf);
	struct err rerr;
	STRING out;
	char num[8];
	int ok;

	string_init(&out);
	snprintf(num, sizeof num, "%d", status);
	/* A fresh HDF: whatever the handler left half-built must not reach the error page. */
	hdf_destroy(&c->hdf);
	ok = page_common(c) == 0 && !hdf_set_value(c->hdf, "Error.Status", num) &&
	    !hdf_set_value(c->hdf, "Error.Message", msg) &&
	    !hdf_set_value(c->hdf, "Page.Title", msg) &&
	    /* staff are sent back to their work, not to the public pages */
	    !hdf_set_value(c->hdf, "Error.Admin",
	                   c->req && c->req->path &&
	                   strncmp(c->req->path, "/admin", 6) == 0 ? "1" : "0");
	if (ok)
		page_done(c, NULL, "error.cs");
	if (ok && render_template("error.cs", c->hdf, &out, &rerr) == 0) {
		render_send(fr->out, status, "text/html; charset=utf-8", NULL,
		            status == 405 ? "Allow: GET, HEAD\r\n" : NULL,
		            out.buf, (size_t)out.len);
	} else {
		/* The error page itself failed: answer in plain HTML rather than not at all. */
		string_clear(&out);
		string_init(&out);
		string_appendf(&out, "<!doctype html><meta charset=utf-8><title>%d</title><p>",
		               status);
		html_escape_to(&out, msg);
		render_send(fr->out, status, "text/html; charset=utf-8", NULL, NULL,
		            out.buf, (size_t)out.len);
	}
	string_clear(&out);
}

/* Who is asking, for the page: its forms' CSRF token (masked afresh each response), the name. */
static void page_who(struct ctx *c)
{
	char masked[CSRF_MASKED_LEN + 1] = "";

	if (c->who.has_csrf)
		csrf_mask(c->who.csrf, masked);
	page_set(c, NULL, "Csrf", masked);
	if (c->who.id) {
		page_set(c, NULL, "Who.name", c->who.name);
		page_set(c, NULL, "Who.role", c->who.role);
	}
}

/* Which of the signed-in rules refuses w a route of access rule a (check_access, may_get). */
enum refusal { ALLOWED, NOT_STAFF, NOT_ROLE };
static enum refusal refusal(const struct who *w, enum access a);

/*
 * Whether check_access would let the page's actor GET path, or only ask them to sign in first: a
 * route's role rule (role_may), and a back-office route for a signed-in staff member only. A
 * donor's page is open to a visitor here, as it leads to the login page; the bar says so by its
 * link.
 */
static int may_get(const struct ctx *c, const char *path)
{
	struct route_params rp;
	enum cmd_miss why;
	const struct cmd *cmd = cmd_find("GET", path, c->cfg->demo, &rp, &why);

	if (!cmd)
		return 0;
	return refusal(&c->who, cmd->access) == ALLOWED;
}

/*
 * What the worker adds once the page's own data is in, before template tmpl renders it: the
 * navigation bar of the route's area (cmd NULL: an error page, which has the public one). On a
 * test instance, the names the page has are noted for tests/http/http_zz_templates.c.
 */
static void page_done(struct ctx *c, const struct cmd *cmd, const char *tmpl)
{
	const char *names = hdf_get_value(c->cfg->hdf, "App.TemplateNames", "");

	nav_set(c, cmd && (cmd->flags & CMD_ADMIN), may_get);
	textsize_set(c, cmd != NULL);
	if (c->cfg->test_hooks && *names)
		render_record_names(names, tmpl, c->hdf);
}

/*
 * Connection and region table for CMD_DB routes; a route's needs are met before anything else
 * runs. The connection may have waited for hours since the last request, and been closed by the
 * server meanwhile: db_ready replaces it.
 */
static int meet_needs(struct ctx *c, const struct cmd *cmd)
{
	if (!(cmd->flags & CMD_DB))
		return 0;
	if (db_ready(c->db, &c->err) < 0)
		return -1;
	return regions_load(c->db, &c->err);
}

/*
 * What the log may say of a request: its path and query with secrets left out (cmd_log_path,
 * keys_redact_query).
 */
static void log_target(const struct request *req, STRING *out)
{
	char path[256];

	cmd_log_path(req->path ? req->path : "?", path, sizeof path);
	string_append(out, path);
	if (req->query && *req->query) {
		string_append_char(out, '?');
		keys_redact_query(req->query, out);
	}
}

/* One log line about a request: "METHOD target: what", the target as log_target gives it. */
static void log_request(void (*log)(const char *, ...), const struct request *req,
                        const char *fmt, ...)
{
	char what[1200];
	STRING t;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	string_init(&t);
	log_target(req, &t);
	log("%s %s: %s", req->method ? req->method : "?", t.buf ? t.buf : "", what);
	string_clear(&t);
}

/*
 * Forget the page a handler began, its error and the headers it added after the first headers
 * bytes, and start a new one as the request began it.
 */
static int page_afresh(struct ctx *c, int headers)
{
	hdf_destroy(&c->hdf);
	err_clear(&c->err);
	c->tmpl = c->body = NULL;
	c->status = 0;
	string_clear(&c->built);
	string_init(&c->built);
	ctx_headers_back_to(c, headers);
	if (page_common(c) < 0)
		return -1;
	page_who(c);
	return 0;
}

/*
 * Run the handler; if the database went away under a read-only request, run it once more, from
 * scratch, on a new connection. A write is never retried here: its commit may have happened before
 * the connection died, so a handler that writes retries its own transaction, knowing what it can
 * safely repeat.
 */
static int run_handler(struct ctx *c, const struct cmd *cmd)
{
	int read_only = strcmp(c->req->method, "GET") == 0 || strcmp(c->req->method, "HEAD") == 0;
	int headers = c->headers.len;   /* those set before the handler (a visitor cookie) outlive
	                                 * a retry */

	for (int attempt = 0; ; attempt++) {
		int rc = cmd->fn(c);
		/* A page setter may have failed inside a handler that went on to return 0. */
		if (rc == 0 && err_is(&c->err))
			rc = -1;
		if (c->db->in_tx) {
			log_request(log_error, c->req, "left a transaction open; rolled back");
			db_rollback(c->db);
		}
		if (rc == 0)
			return 0;
		if (attempt > 0 || !read_only || !db_is_lost(&c->err) ||
		    db_ensure(c->db, &c->err) < 0)
			return -1;
		log_request(log_warn, c->req, "retrying on a new database connection");
		if (page_afresh(c, headers) < 0)
			return -1;
	}
}

static int route(struct ctx *c, const struct cmd **cmdp)
{
	struct route_params *rp = &c->path;
	enum cmd_miss why;
	const struct cmd *cmd = cmd_find(c->req->method, c->req->path, c->cfg->demo, rp, &why);

	if (!cmd)
		return err_set(&c->err, why == CMD_NO_METHOD ? 405 : 404, NULL, "no route");
	/* A path parameter that cannot be valid names nothing that exists. */
	for (int i = 0; i < rp->n; i++)
		if (keys_validate_one(rp->name[i], rp->value[i], c->f, &c->err) < 0) {
			c->err.kind = ERR_NOT_FOUND;   /* the cause stands */
			c->err.key = NULL;
			c->err.msg[0] = '\0';
			return -1;
		}
	*cmdp = cmd;
	return 0;
}

/*
 * A GET of a donor's or staff page without a session: to the login page, which sends the browser
 * back here after.
 */
static int to_login(struct ctx *c, const char *login)
{
	STRING url, back;
	int rc;

	string_init(&url);
	string_init(&back);
	string_append(&back, c->req->path);
	if (*c->req->query) {
		string_append_char(&back, '?');
		string_append(&back, c->req->query);
	}
	string_appendf(&url, "%s?next=", login);
	url_encode_to(&url, back.buf);
	rc = ctx_redirect(c, url.buf);
	string_clear(&url);
	string_clear(&back);
	return rc < 0 ? -1 : 1;
}

/*
 * Whether a staff role may use a route of this access rule (donor and public routes have no role to
 * check).
 */
static int role_may(enum access a, const char *role)
{
	switch (a) {
	case ACC_MANAGER:  return strcmp(role, "volunteer") != 0;
	case ACC_PROVINCE: return strcmp(role, "province") == 0;
	default:           return 1;
	}
}

static enum refusal refusal(const struct who *w, enum access a)
{
	/* Back-office rules need a staff session, whatever the route's flags say. */
	if (a >= ACC_STAFF && (!w->id || w->realm != REALM_STAFF))
		return NOT_STAFF;
	return role_may(a, w->role) ? ALLOWED : NOT_ROLE;
}

/*
 * The access rules, all of them: who is asking and whether they may use the route, decided from the
 * headers alone, before a byte of the body is read (an upload from a stranger is refused unread);
 * then, once the body is in, whether a POST came from one of our own forms (check_csrf). Returns 1
 * when the answer is already set (a redirect to the login page).
 */
static int check_access(struct ctx *c, const struct cmd *cmd)
{
	int post = strcmp(c->req->method, "POST") == 0;
	int staff = (cmd->flags & CMD_ADMIN) != 0;

	/*
	 * A cached page is the same for everyone, so it must not depend on who is asking; every
	 * other page learns.
	 */
	if ((cmd->flags & CMD_DB) && !(cmd->flags & CMD_CACHE)) {
		if (session_read(c, staff ? REALM_STAFF : REALM_DONOR, !post) < 0)
			return -1;
		page_who(c);
	}
	if (cmd->access != ACC_PUBLIC && !c->who.id) {
		if (post)
			return err_set(&c->err, 403, "请先登录。", "%s route without a session",
			               staff ? "staff" : "donor");
		return to_login(c, staff ? "/admin/login" : "/login");
	}
	switch (refusal(&c->who, cmd->access)) {
	case NOT_STAFF:
		return err_set(&c->err, 403, NULL, "staff route %s without the staff realm",
		               c->req->path);
	case NOT_ROLE:
		return err_set(&c->err, 403, "您的角色不能使用这个页面。", "role %s on a %d route",
		               c->who.role, cmd->access);
	default:
		return 0;
	}
}

/* The rest of the access rules, once the body is in: a POST carries this browser's CSRF token. */
static int check_csrf(struct ctx *c, const struct cmd *cmd)
{
	if (strcmp(c->req->method, "POST") == 0 && !(cmd->flags & CMD_NOCSRF) &&
	    !session_csrf_ok(c, kvlist_get(&c->req->params, "csrf")))
		return err_set(&c->err, 403, "页面已过期，或者提交来自其他网站。"
		               "请返回、刷新页面后重新提交。",
		               "CSRF token missing or wrong");
	return 0;
}

/* The route's keys, validated; those it requires, present. */
static int check_input(struct ctx *c, const struct cmd *cmd)
{
	if (keys_validate(&c->req->params, cmd->keys, c->f, &c->err) < 0)
		return -1;
	for (int k = 0; k < K__MAX; k++)
		if ((cmd->required & KB(k)) && !c->f[k].present) {
			err_set(&c->err, 400, KEYS[k].problem, "missing %s", KEYS[k].name);
			return err_at(&c->err, KEYS[k].name);
		}
	return 0;
}

/* The upload a route takes, if any: the ledger's or a photo's. */
static const struct upload_rule *upload_rule(const struct cmd *cmd)
{
	static const struct upload_rule ledger = { "file", REQ_MAX_UPLOAD };
	static const struct upload_rule photo = { "photo", REQ_MAX_PHOTO_UPLOAD };

	if (cmd->flags & CMD_UPLOAD)
		return &ledger;
	return cmd->flags & CMD_PHOTO ? &photo : NULL;
}

/*
 * Returns 0 to go on to the handler, 1 when the response is already decided, -1 on error. The body
 * is read only once the route, the database and who is asking have let the request through; once
 * the access rules and the CSRF check have, *past_csrf is set.
 */
static int prepare(FCGX_Request *fr, struct ctx *c, struct request *req, const struct cmd **cmd,
                   int *past_csrf)
{
	int rc;

	if (page_common(c) < 0 || request_read(fr, req, &c->err) < 0 || route(c, cmd) < 0 ||
	    meet_needs(c, *cmd) < 0)
		return -1;
	if ((rc = check_access(c, *cmd)) != 0)
		return rc;
	if (request_body(fr, req, c->cfg->max_body, upload_rule(*cmd), &c->err) < 0 ||
	    check_csrf(c, *cmd) < 0)
		return -1;
	*past_csrf = 1;
	/*
	 * Path parameters are already in c->f; the rest of the input is checked against the key
	 * table now.
	 */
	return check_input(c, *cmd);
}

static void log_error_response(const struct ctx *c, const struct request *req)
{
	const struct err *e = &c->err;
	int status = err_status(e);
	void (*log)(const char *, ...) = status >= 500 ? log_error : log_info;
	STRING t;

	string_init(&t);
	log_target(req, &t);
	log("%d %s %s from %s: %s", status, req->method ? req->method : "?", t.buf ? t.buf : "",
	    req->remote_addr ? req->remote_addr : "?", e->cause);
	string_clear(&t);
}

/*
 * The cache key of a page: its path and its validated parameters in key-table order, so that
 * parameter order, unknown parameters (a WeChat share adds its own) and empty filters all map to
 * one entry.
 */
static void cache_key(const struct ctx *c, STRING *key)
{
	/* The large-text mode is in the page (class="large"): one copy a mode. */
	if (textsize_large(c))
		string_append(key, "large ");
	string_append(key, c->req->path);
	string_append_char(key, '?');
	keys_append_query(c->f, 0, key);
}

/*
 * What a cached route's page shows, so what its stamp reads (the route table's CMD_CACHE_*): a
 * listing filtered to a county shows that county's city's children (the stamp is kept per city),
 * one filtered to a city that city's, an unfiltered one all children; a child's page its city's.
 */
static enum stamp_scope stamp_scope(const struct ctx *c, const struct cmd *cmd, const char **arg)
{
	const struct field *f = c->f;

	*arg = NULL;
	if (cmd->flags & CMD_CACHE_CHILD) {
		*arg = f[K_CODE].str;
		return STAMP_CHILD;
	}
	if (!(cmd->flags & CMD_CACHE_REGION))
		return STAMP_ALL;
	if (f[K_COUNTY].present)
		*arg = region_get(f[K_COUNTY].str)->city;
	else if (f[K_CITY].present)
		*arg = f[K_CITY].str;
	return STAMP_CHILDREN;
}

/*
 * The stamp a cached page must match; like a handler, retried once on a new connection if the old
 * one died.
 */
static int fetch_stamp(struct ctx *c, const struct cmd *cmd, struct page_stamp *st)
{
	const char *arg;
	enum stamp_scope scope = stamp_scope(c, cmd, &arg);

	if (pagecache_stamp(c->db, scope, arg, st, &c->err) == 0)
		return 0;
	if (!db_is_lost(&c->err) || db_ensure(c->db, &c->err) < 0)
		return -1;
	err_clear(&c->err);
	return pagecache_stamp(c->db, scope, arg, st, &c->err);
}

/*
 * Whether the handler reads the stamp itself (CMD_STAMP_LATER), left in st to be read: only when
 * no page is kept under key, so that reading the stamp first could only say "not cached".
 */
static int stamp_later(const struct ctx *c, const struct cmd *cmd, const char *key,
                       struct page_stamp *st)
{
	const char *arg;

	if (!(cmd->flags & CMD_STAMP_LATER) || pagecache_has(key) ||
	    stamp_scope(c, cmd, &arg) != STAMP_CHILDREN)
		return 0;
	pagecache_stamp_later(st, arg);
	return 1;
}

/* Run the handler and render what it chose into out. */
static int produce(struct ctx *c, const struct cmd *cmd, STRING *out)
{
	if (run_handler(c, cmd) < 0)
		return -1;
	if (c->tmpl) {
		page_done(c, cmd, c->tmpl);
		if (err_is(&c->err))
			return -1;
		return render_template(c->tmpl, c->hdf, out, &c->err);
	}
	if (c->built.len) {
		NEOERR *nerr = string_appendn(out, c->built.buf, c->built.len);
		return nerr ? err_neo(&c->err, nerr, "built body") : 0;
	}
	string_append(out, c->body ? c->body : "");
	return 0;
}

/*
 * Answer a routed, validated request: from the page cache when the route allows and the page is
 * current.
 */
static int respond(FCGX_Request *fr, struct ctx *c, const struct cmd *cmd)
{
	int cached = (cmd->flags & CMD_CACHE) != 0, rc = -1, status;
	struct page_stamp st;
	STRING out, key;
	const char *hit = NULL;
	size_t hitlen = 0;

	string_init(&out);
	string_init(&key);
	if (cached) {
		cache_key(c, &key);
		if (stamp_later(c, cmd, key.buf, &st)) {
			c->stamp_later = &st;
		} else {
			if (fetch_stamp(c, cmd, &st) < 0)
				goto done;
			hit = pagecache_get(key.buf, &st, &hitlen);
		}
		c->stamp = &st;
	}
	if (hit) {
		render_send(fr->out, 200, "text/html; charset=utf-8", NULL, NULL, hit, hitlen);
	} else {
		if (produce(c, cmd, &out) < 0)
			goto done;
		status = c->status ? c->status : 200;
		render_send(fr->out, status, c->tmpl ? "text/html; charset=utf-8" :
		            c->ctype ? c->ctype : "text/plain; charset=utf-8", c->cache_control,
		            c->headers.buf, out.buf ? out.buf : "", (size_t)out.len);
		if (cached && status == 200)
			pagecache_put(key.buf, &st, out.buf, (size_t)out.len);
	}
	rc = 0;
done:
	c->stamp = NULL;
	c->stamp_later = NULL;
	string_clear(&key);
	string_clear(&out);
	return rc;
}

/* One error of a form drawn again: in the summary (Invalid.Errors.i), and at its field if any. */
static void form_error(struct ctx *c, int i, const char *field, const char *msg)
{
	char name[80];

	snprintf(name, sizeof name, "Invalid.Errors.%d.msg", i);
	page_set(c, NULL, name, msg);
	if (!field)
		return;
	snprintf(name, sizeof name, "Invalid.Errors.%d.field", i);
	page_set(c, NULL, name, field);
	snprintf(name, sizeof name, "Invalid.At.%s", field);
	page_set(c, NULL, name, msg);
}

/* Whether key k's value names the resource in the path ({token}), rather than being typed. */
static int from_path(const struct ctx *c, int k)
{
	for (int i = 0; i < c->path.n; i++)
		if (strcmp(c->path.name[i], KEYS[k].name) == 0)
			return 1;
	return 0;
}

/*
 * What a form drawn again shows (templates/fields.cs, and macros.cs error_summary): each key of
 * the route whose value fails or which it requires but lacks, and the refusal itself when it names
 * another field (a handler's) or none; and the values typed, as Invalid.Typed.<name>, but never a
 * secret key's (a password, a token, an ID number, a person's particulars): those are typed again.
 * The values that pass fill c->f, so the form's handler reads them as the POST's own; a secret
 * one typed is left out there too, as the handler might show it (the login page shows a login).
 */
static void form_data(struct ctx *c, const struct cmd *cmd, const struct err *refusal)
{
	const struct kvlist *params = &c->req->params;
	keyset bad = keys_validate_all(params, cmd->keys, cmd->required, c->f);
	char buf[ERR_MSG_LEN], name[80];
	int n = 0;

	for (int k = 0; k < K__MAX; k++) {
		const char *raw = kvlist_get(params, KEYS[k].name);

		if (bad & KB(k))
			form_error(c, n++, KEYS[k].name, KEYS[k].problem);
		if (!(cmd->keys & KB(k)) || !raw)
			continue;
		if (!KEYS[k].secret) {
			snprintf(name, sizeof name, "Invalid.Typed.%s", KEYS[k].name);
			page_set(c, NULL, name, raw);
		} else if (!from_path(c, k)) {
			c->f[k] = (struct field){ 0 };
		}
	}
	snprintf(name, sizeof name, "Invalid.At.%s", refusal->field ? refusal->field : "");
	if (!refusal->field || !hdf_get_value(c->hdf, name, NULL))
		form_error(c, n, refusal->field, err_text(refusal, buf, sizeof buf));
}

/* Whether the POST lacks a key its form's handler requires (a hidden field gone): no form then. */
static int lacks_form_needs(const struct ctx *c, const struct cmd *cmd)
{
	keyset needs = cmd_form_needs(cmd);

	for (int k = 0; k < K__MAX; k++)
		if ((needs & KB(k)) && !c->f[k].present)
			return 1;
	return 0;
}

/*
 * A POST's input refused (400): when its route names the form it came from (struct cmd's form),
 * answer with that form drawn again by its own handler, each error at its field and the values
 * typed kept, rather than with the error page. Returns -1, with c->err as it was, when the route
 * has no form or the form cannot be drawn. headers: the bytes of headers set before the handler.
 */
static int form_again(FCGX_Request *fr, struct ctx *c, const struct cmd *cmd, int headers)
{
	struct err refusal = c->err;
	struct cmd again;
	STRING out;
	int rc;

	if (!cmd || !cmd->form || refusal.kind != ERR_INVALID)
		return -1;
	again = *cmd;
	again.fn = cmd->form;
	string_init(&out);
	if ((rc = page_afresh(c, headers)) == 0) {
		form_data(c, cmd, &refusal);
		rc = lacks_form_needs(c, cmd) ? -1 : produce(c, &again, &out);
	}
	/* A form handler that would send the person elsewhere has no form to show. */
	if (rc == 0 && c->tmpl && (c->status == 0 || c->status == 200))
		render_send(fr->out, 400, "text/html; charset=utf-8", NULL, c->headers.buf,
		            out.buf ? out.buf : "", (size_t)out.len);
	else
		rc = -1;
	if (rc < 0)
		c->err = refusal;
	string_clear(&out);
	return rc;
}

static long long now_ms(void);

/*
 * A request slower than App.SlowMs, in the log: where slow pages show up (MariaDB's slow log is off
 * for us).
 */
static void log_if_slow(const struct ctx *c, long long began)
{
	long long ms = now_ms() - began;

	if (ms > c->cfg->slow_ms && c->req->path)
		log_request(log_warn, c->req, "slow: %lld ms (status %d)", ms,
		            err_is(&c->err) ? err_status(&c->err) : c->status ? c->status : 200);
}

static void handle(FCGX_Request *fr, const struct config *cfg, struct db *db)
{
	struct request req;
	struct ctx c;
	const struct cmd *cmd = NULL;
	long long began = now_ms();
	int rc, past_csrf = 0, headers;

	memset(&c, 0, sizeof c);
	memset(&req, 0, sizeof req);
	c.cfg = cfg;
	c.db = db;
	c.req = &req;
	string_init(&c.headers);
	string_init(&c.built);
	rc = prepare(fr, &c, &req, &cmd, &past_csrf);
	headers = c.headers.len;
	switch (rc) {
	case 0:
		if (respond(fr, &c, cmd) == 0)
			break;
		/* fall through */
	case -1:
		log_error_response(&c, &req);
		if (!past_csrf || form_again(fr, &c, cmd, headers) < 0)
			send_error(fr, &c);
		break;
	default:
		render_send(fr->out, c.status, "text/plain; charset=utf-8", NULL, c.headers.buf,
		            "", 0);
	}
	log_if_slow(&c, began);
	string_clear(&c.headers);
	string_clear(&c.built);
	hdf_destroy(&c.hdf);
	request_free(&req);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Let lapsed holds and orders go, so that a child whose hold ran out is listed again without anyone
 * asking. Every worker does it between requests, every App.SweepSeconds; the work is idempotent, so
 * they need no turns.
 */
static void sweep_if_due(struct db *db, const struct config *cfg, long long *due)
{
	/*
	 * While the database is away, one line when the sweeps start failing and one when they
	 * recover, not one a sweep.
	 */
	static int failing;
	struct err e;

	if (now_ms() < *due)
		return;
	*due = now_ms() + cfg->sweep_every * 1000LL;
	err_clear(&e);
	if (db_ready(db, &e) < 0 || sweep_all(db, cfg, &e) < 0) {
		if (!failing++)
			log_warn("sweep failed (lapsed holds wait until it works again): %s",
			         e.cause);
	} else if (failing) {
		log_info("sweep works again after %d failures", failing);
		failing = 0;
	}
}

/*
 * Whether the request has no body by its headers: nginx then sends the end of its (empty) input
 * with the parameters, and reading it cannot wait on a client.
 */
static int bodiless(const FCGX_Request *fr)
{
	const char *len = FCGX_GetParam("CONTENT_LENGTH", fr->envp);

	return (!len || !*len || strcmp(len, "0") == 0) &&
	       !FCGX_GetParam("HTTP_TRANSFER_ENCODING", fr->envp);
}

/*
 * End the request and close its connection. libfcgi's close waits for the server to close first
 * (shutdown, then reads to EOF, up to 2 s), lest input the worker left unread turn its close into
 * a reset that costs the server the response: a sleep and a wake-up each request. A request
 * without a body leaves nothing unread once the end of its input is read, so its connection is
 * closed at once (detached, libfcgi skips the wait). One with a body waits as before: an upload
 * refused unread, or a client that stalls, must not hold the worker longer than libfcgi would.
 */
static void finish(FCGX_Request *fr)
{
	char rest[64];

	if (fr->in && bodiless(fr) && FCGX_GetStr(rest, sizeof rest, fr->in) == 0 &&
	    FCGX_HasSeenEOF(fr->in))
		FCGX_Detach(fr);
	FCGX_Finish_r(fr);
}

int worker_main(const struct config *cfg, int listen_fd)
{
	struct sigaction sa;
	sigset_t stopset, waitmask;
	FCGX_Request fr;
	struct db db;
	struct err e;
	int rc, status = 0;
	long long sweep_due = 0;

	/* No SA_RESTART: the signal must interrupt ppoll. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	sigemptyset(&stopset);
	sigaddset(&stopset, SIGTERM);
	sigaddset(&stopset, SIGINT);
	sigaddset(&stopset, SIGUSR2);   /* the test hook's, too, lest it interrupt a request */
	sigprocmask(SIG_BLOCK, &stopset, &waitmask);
	sigdelset(&waitmask, SIGTERM);
	sigdelset(&waitmask, SIGINT);
	sigdelset(&waitmask, SIGUSR2);

	if (FCGX_Init() != 0 || FCGX_InitRequest(&fr, listen_fd, 0) != 0) {
		log_error("FastCGI initialisation failed");
		return 1;
	}
	/* FCGX_Init installs a SIGUSR1 handler that makes every later accept fail: undo it. */
	signal(SIGUSR1, SIG_IGN);
	if (cfg->test_hooks) {
		sa.sa_handler = on_misbehave;
		sigaction(SIGUSR2, &sa, NULL);
	}
	db_init(&db, cfg);
	pagecache_init(cfg->page_cache);
	err_clear(&e);
	if (db_ensure(&db, &e) < 0) {
		log_warn("starting without a database: %s", e.cause);
	} else if (state_check_db(&db, &e) < 0) {
		/*
		 * The database would refuse moves this build makes, or allow ones it does not: not
		 * a state to serve in.
		 */
		log_error("worker not started: %s", e.cause);
		FCGX_Free(&fr, 1);
		pagecache_free();
		db_close(&db);
		return 1;
	}
	/* All that needs more than serving does is done: from here on, the filter's calls only. */
	err_clear(&e);
	if (syscall_filter_install(cfg->pay_network, &e) < 0) {
		log_error("worker not started: %s", e.cause);
		FCGX_Free(&fr, 1);
		pagecache_free();
		db_close(&db);
		return 1;
	}

	while (!stopping) {
		struct pollfd p = { listen_fd, POLLIN, 0 };
		long long wait = sweep_due - now_ms();
		struct timespec ts = { wait > 0 ? wait / 1000 : 0,
		                       wait > 0 ? wait % 1000 * 1000000 : 0 };
		/* Stop signals are let in only here, while no request is in hand. */
		int n = ppoll(&p, 1, &ts, &waitmask);
		if (misbehave)
			try_execve();
		if (!stopping)
			sweep_if_due(&db, cfg, &sweep_due);
		if (stopping || n <= 0)
			continue;
		/*
		 * Another worker may have taken the connection: the socket is non-blocking, so that
		 * just fails.
		 */
		if ((rc = FCGX_Accept_r(&fr)) < 0) {
			if (rc == -EAGAIN || rc == -EWOULDBLOCK || rc == -EINTR)
				continue;
			/*
			 * Out of descriptors or memory, say: a fresh worker, after the master's
			 * pause, stands a better chance.
			 */
			log_error("accept failed (%d); worker exits to be replaced", rc);
			status = 1;
			break;
		}
		handle(&fr, cfg, &db);
		finish(&fr);
	}
	FCGX_Free(&fr, 1);
	pagecache_free();
	db_close(&db);
	return status;
}
