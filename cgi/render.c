/* render.c — templates read into memory once, parsed once per worker, and the headers. */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "render.h"

#define TMPL_MAX 128
/* A template's path: the directory and a file name. */
#define TMPL_PATH_MAX 1024
/* A response's head: the status line, the security headers and a few of the handler's own. */
#define HEAD_MAX 2048

struct tmpl {
	char  *name;
	char  *text;
	size_t len;
};

static struct tmpl cache[TMPL_MAX];
static int ncache;

/*
 * Each worker's parse trees, cache[i]'s in parsed[i], made on first use. ClearSilver 0.10.5
 * renders a tree again with another HDF: cs_render reads the data through the parse's hdf alone,
 * every local an each:, loop: or call: pushes is popped on every path (errors too), and set:
 * writes into that HDF, not the tree. What a tree may not do is read the HDF while parsed: no
 * evar: and only literal include: paths (render_includes reads them; check_templates renders
 * every template). Their cs_init saw parse_hdf, which holds the one setting it reads
 * (Config.VarEscapeMode); between renders the trees point at it, never at a freed request's.
 */
static CSPARSE *parsed[TMPL_MAX];
static HDF *parse_hdf;

/* Forget every parse tree: at a worker's exit, or when the templates are read again. */
static void forget_parsed(void)
{
	for (int i = 0; i < TMPL_MAX; i++)
		cs_destroy(&parsed[i]);
	hdf_destroy(&parse_hdf);
}

/*
 * Inline script and styles are forbidden; forms may post only to us; nobody may frame us.
 * connect-src 'self' lets the browser's own tools read this site from a page (Lighthouse reads
 * /robots.txt so); with no script allowed, nothing of ours can use it. The same policy is set
 * by nginx on static files (conf/nginx-security-headers.conf).
 */
#define SECURITY_HEADERS \
	"Content-Security-Policy: default-src 'none'; connect-src 'self'; style-src 'self'; " \
	"img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'\r\n" \
	"X-Content-Type-Options: nosniff\r\n" \
	"Referrer-Policy: strict-origin-when-cross-origin\r\n" \
	"X-Frame-Options: DENY\r\n"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n) {
		buf[n] = '\0';
		*len = (size_t)n;
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

int render_init(const char *dir, struct err *e)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char path[TMPL_PATH_MAX];

	if (!d)
		return err_set(e, 500, NULL, "cannot open template directory %s", dir);
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (n < 4 || strcmp(de->d_name + n - 3, ".cs") != 0)
			continue;
		if (ncache >= TMPL_MAX) {
			closedir(d);
			return err_set(e, 500, NULL, "more than %d templates", TMPL_MAX);
		}
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		cache[ncache].name = strdup(de->d_name);
		cache[ncache].text = slurp(path, &cache[ncache].len);
		if (!cache[ncache].name || !cache[ncache].text) {
			closedir(d);
			return err_set(e, 500, NULL, "cannot read template %s", path);
		}
		ncache++;
	}
	closedir(d);
	return ncache ? 0 : err_set(e, 500, NULL, "no templates in %s", dir);
}

void render_free(void)
{
	forget_parsed();
	for (int i = 0; i < ncache; i++) {
		free(cache[i].name);
		free(cache[i].text);
	}
	ncache = 0;
}

static const struct tmpl *find(const char *name)
{
	for (int i = 0; i < ncache; i++)
		if (strcmp(cache[i].name, name) == 0)
			return &cache[i];
	return NULL;
}

/* ClearSilver owns and frees what we return: each load hands out a fresh copy of the text. */
static NEOERR *fileload(void *ctx, HDF *hdf, const char *filename, char **contents)
{
	const struct tmpl *t = find(filename);

	(void)ctx; (void)hdf;
	if (!t)
		return nerr_raise(NERR_NOT_FOUND, "template %s is not in the cache", filename);
	if (!(*contents = malloc(t->len + 1)))
		return nerr_raise(NERR_NOMEM, "out of memory copying %s", filename);
	memcpy(*contents, t->text, t->len + 1);
	return STATUS_OK;
}

static NEOERR *to_string(void *ctx, char *s)
{
	return string_append(ctx, s);
}

/* The parse tree of cache[i], parsed now if this worker has not yet. */
static NEOERR *parse_of(int i, CSPARSE **out)
{
	NEOERR *nerr;

	if ((*out = parsed[i]))
		return STATUS_OK;
	if (!parse_hdf) {
		static int registered;

		if ((nerr = hdf_init(&parse_hdf)))
			return nerr;
		if (!registered++)
			atexit(forget_parsed);
		/* Set before cs_init, which reads it once: every <?cs var:?> is HTML-escaped. */
		if ((nerr = hdf_set_value(parse_hdf, "Config.VarEscapeMode", "html")))
			return nerr;
	}
	if ((nerr = cs_init(out, parse_hdf)) ||
	    /* url_escape() for links that carry a value in their query string (login?next=...) */
	    (nerr = cgi_register_strfuncs(*out)))
		goto fail;
	cs_register_fileload(*out, NULL, fileload);
	if ((nerr = cs_parse_file(*out, cache[i].name)))
		goto fail;
	parsed[i] = *out;
	return STATUS_OK;
fail:
	cs_destroy(out);
	return nerr;
}

int render_template(const char *tmpl, HDF *hdf, STRING *out, struct err *e)
{
	const struct tmpl *t = find(tmpl);
	CSPARSE *cs;
	NEOERR *nerr;

	if (!t)
		return err_neo(e, nerr_raise(NERR_NOT_FOUND, "template %s is not in the cache",
		                             tmpl), tmpl);
	/* The page's data keeps the setting too: a template may read it, as it did when parsed. */
	if ((nerr = hdf_set_value(hdf, "Config.VarEscapeMode", "html")) ||
	    (nerr = parse_of((int)(t - cache), &cs)))
		return err_neo(e, nerr, tmpl);
	cs->hdf = hdf;
	nerr = cs_render(cs, out, to_string);
	cs->hdf = parse_hdf;
	/* A render that failed half way is not trusted again: the next one parses afresh. */
	if (nerr)
		cs_destroy(&parsed[t - cache]);
	return nerr ? err_neo(e, nerr, tmpl) : 0;
}

const char *render_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 503: return "Service Unavailable";
	default:  return "Internal Server Error";
	}
}

void render_send(FCGX_Stream *out, int status, const char *ctype, const char *cache_control,
                 const char *extra_headers, const char *body, size_t len)
{
	char head[HEAD_MAX];
	int n;

	/* libfcgi's own printf knows no %zu, so the head is formatted here and written whole. */
	n = snprintf(head, sizeof head, "Status: %d %s\r\n" SECURITY_HEADERS "Content-Type: %s\r\n"
	             "Cache-Control: %s\r\nContent-Length: %zu\r\n%s\r\n",
	             status, render_reason(status), ctype,
	             cache_control ? cache_control : "no-store",
	             len, extra_headers ? extra_headers : "");
	FCGX_PutStr(head, n < (int)sizeof head ? n : (int)sizeof head - 1, out);
	FCGX_PutStr(body, (int)len, out);
}

/* A template's first comment, and in it the list of what it reads (see render.h). */
#define COMMENT_MARK "<?cs #"
#define NEEDS_MARK "needs:"
#define CS_END "?>"
#define INCLUDE_MARK "<?cs include:\""
/* The longest name a needs list or a recorded tree holds ("Cities.*.Counties.*.code"). */
#define NAME_MAX_LEN 256
/* The (template, name) pairs one worker remembers having noted: a few thousand in a run. */
#define NOTED_MAX 16384

/* Each whitespace-separated word of text[0, len) to fn; the number of them. */
static int each_word(const char *text, size_t len, render_name_fn fn, void *arg)
{
	char word[NAME_MAX_LEN];
	int n = 0;

	for (size_t i = 0; i < len; ) {
		size_t w;
		if (isspace((unsigned char)text[i])) {
			i++;
			continue;
		}
		for (w = 0; i + w < len && !isspace((unsigned char)text[i + w]); w++)
			;
		snprintf(word, sizeof word, "%.*s", (int)w, text + i);
		fn(word, arg);
		n++;
		i += w;
	}
	return n;
}

int render_needs(const char *tmpl, render_name_fn fn, void *arg)
{
	const struct tmpl *t = find(tmpl);
	const char *end = t ? strstr(t->text, CS_END) : NULL;
	const char *start = end ? strstr(t->text, NEEDS_MARK) : NULL;

	if (strncmp(t ? t->text : "", COMMENT_MARK, strlen(COMMENT_MARK)) != 0 || !start ||
	    start > end)
		return -1;
	start += strlen(NEEDS_MARK);
	return each_word(start, (size_t)(end - start), fn, arg);
}

int render_includes(const char *tmpl, render_name_fn fn, void *arg)
{
	const struct tmpl *t = find(tmpl);
	char name[NAME_MAX_LEN];
	int n = 0;

	if (!t)
		return -1;
	for (const char *s = strstr(t->text, INCLUDE_MARK); s; s = strstr(s + 1, INCLUDE_MARK)) {
		const char *q = s + strlen(INCLUDE_MARK);
		snprintf(name, sizeof name, "%.*s", (int)strcspn(q, "\""), q);
		fn(name, arg);
		n++;
	}
	return n;
}

const char *render_name(int i)
{
	return i >= 0 && i < ncache ? cache[i].name : NULL;
}

/* Whether this worker has noted line before; remembers it if not (hsearch: one table a process). */
static int noted(const char *line)
{
	static int ready;
	ENTRY e = { .key = (char *)line, .data = NULL };

	if (!ready && !(ready = hcreate(NOTED_MAX)))
		return 1;
	if (hsearch(e, FIND))
		return 1;
	if (!(e.key = strdup(line)))
		return 1;
	/* A full table notes nothing more; the test then names what it missed. */
	if (!hsearch(e, ENTER))
		free(e.key);
	return 0;
}

/* The names under node, prefixed by name (len bytes of it), new to this worker, onto out. */
static void fold_names(const char *tmpl, HDF *node, char *name, size_t len, STRING *out)
{
	char line[NAME_MAX_LEN * 2];

	for (HDF *k = hdf_obj_child(node); k; k = hdf_obj_next(k)) {
		const char *part = hdf_obj_name(k);
		int digits = part[0] != '\0' && strspn(part, "0123456789") == strlen(part);
		int n = snprintf(name + len, NAME_MAX_LEN - len, "%s%s", len ? "." : "",
		                 digits ? "*" : part);

		if (n < 0 || len + (size_t)n >= NAME_MAX_LEN)
			continue;
		snprintf(line, sizeof line, "%s %s\n", tmpl, name);
		if (!noted(line))
			string_append(out, line);
		fold_names(tmpl, k, name, len + (size_t)n, out);
	}
}

void render_record_names(const char *file, const char *tmpl, HDF *hdf)
{
	char name[NAME_MAX_LEN] = "";
	STRING out;
	int fd;

	string_init(&out);
	fold_names(tmpl, hdf, name, 0, &out);
	/* One append per page: lines from several workers never interleave. */
	if (out.len && (fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600)) >= 0) {
		if (write(fd, out.buf, (size_t)out.len) != out.len)
			log_warn("template names: short write to %s", file);
		close(fd);
	}
	string_clear(&out);
}
