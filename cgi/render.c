/* render.c — templates parsed per request from memory (never from disk mid-request), and every response's headers. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

#define TMPL_MAX 64

struct tmpl {
	char  *name;
	char  *text;
	size_t len;
};

static struct tmpl cache[TMPL_MAX];
static int ncache;

/*
 * Inline script and styles are forbidden; forms may post only to us; nobody may frame us.
 * The same policy is set by nginx on static files (conf/nginx-security-headers.conf).
 */
#define SECURITY_HEADERS \
	"Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self' data:; " \
	"form-action 'self'; base-uri 'none'; frame-ancestors 'none'\r\n" \
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
	char path[1024];

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

/* ClearSilver owns and frees what we return, so each load hands out a fresh copy of the cached text. */
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

int render_template(const char *tmpl, HDF *hdf, STRING *out, struct err *e)
{
	CSPARSE *cs = NULL;
	NEOERR *nerr;

	/* Must be set before cs_init, which reads it once. */
	if ((nerr = hdf_set_value(hdf, "Config.VarEscapeMode", "html")) ||
	    (nerr = cs_init(&cs, hdf)) ||
	    /* url_escape() for links that carry a value in their query string (login?next=...) */
	    (nerr = cgi_register_strfuncs(cs)))
		goto fail;
	cs_register_fileload(cs, NULL, fileload);
	if ((nerr = cs_parse_file(cs, tmpl)) || (nerr = cs_render(cs, out, to_string)))
		goto fail;
	cs_destroy(&cs);
	return 0;
fail:
	cs_destroy(&cs);
	return err_neo(e, nerr, tmpl);
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
	char head[2048];
	int n;

	/* libfcgi's own printf knows no %zu, so the head is formatted here and written whole. */
	n = snprintf(head, sizeof head, "Status: %d %s\r\n" SECURITY_HEADERS "Content-Type: %s\r\n"
	             "Cache-Control: %s\r\nContent-Length: %zu\r\n%s\r\n",
	             status, render_reason(status), ctype, cache_control ? cache_control : "no-store",
	             len, extra_headers ? extra_headers : "");
	FCGX_PutStr(head, n < (int)sizeof head ? n : (int)sizeof head - 1, out);
	FCGX_PutStr(body, (int)len, out);
}
