/* request.c — parsing at the door: CGI variables, queries and forms, decoded and checked once. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "request.h"

static int hexval(int c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

long pct_decode(const char *in, size_t len, char *out, int plus)
{
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		if (in[i] == '%') {
			int hi, lo;
			if (i + 2 >= len)
				return -1;
			hi = hexval((unsigned char)in[i + 1]);
			lo = hexval((unsigned char)in[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (in[i] == '+' && plus) {
			out[o++] = ' ';
		} else {
			out[o++] = in[i];
		}
	}
	out[o] = '\0';
	return (long)o;
}

int utf8_valid(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned cp, min;

		if (c < 0x80) { i++; continue; }
		else if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; min = 0x80; }
		else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; min = 0x800; }
		else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; min = 0x10000; }
		else return 0;
		if (i + n >= len)
			return 0;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += n + 1;
	}
	return 1;
}

/* Control bytes have no business in a form value except the line breaks and tabs of a textarea. */
int clean_text(const char *s, size_t len, int allow_breaks)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0x7F || (c < 0x20 &&
		                  !(allow_breaks && (c == '\t' || c == '\n' || c == '\r'))))
			return 0;
	}
	return 1;
}

static int kvlist_push(struct kvlist *l, char *key, char *val, size_t vlen)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct kv *v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct kv){ key, val, vlen };
	return 0;
}

/*
 * Check a decoded key and value (taking ownership of both) and add them; -1 with e set on bad
 * input.
 */
static int param_take(struct kvlist *out, char *key, size_t kl, char *val, size_t vl, struct err *e)
{
	if (!utf8_valid((unsigned char *)key, kl) || !utf8_valid((unsigned char *)val, vl))
		err_set(e, 400, "请求参数不是有效的 UTF-8 文本。",
		        "invalid utf-8 in parameter %.40s", key);
	else if (!clean_text(key, kl, 0) || !clean_text(val, vl, 1))
		err_set(e, 400, "请求参数中含有不允许的控制字符。",
		        "control byte in parameter %.40s", key);
	else if (out->n >= REQ_MAX_PARAMS)
		err_set(e, 400, "请求参数过多。", "more than %d parameters", REQ_MAX_PARAMS);
	else if (kvlist_push(out, key, val, vl) == 0)
		return 0;
	else
		err_set(e, 500, NULL, "out of memory parsing parameters");
	free(key);
	free(val);
	return -1;
}

int param_add(struct kvlist *out, const char *key, size_t klen, const char *val, size_t vlen,
              struct err *e)
{
	char *k = malloc(klen + 1), *v = malloc(vlen + 1);

	if (!k || !v) {
		free(k);
		free(v);
		return err_set(e, 500, NULL, "out of memory parsing parameters");
	}
	memcpy(k, key, klen);
	k[klen] = '\0';
	memcpy(v, val, vlen);
	v[vlen] = '\0';
	return param_take(out, k, klen, v, vlen, e);
}

/* Decode one "key=value" piece; returns -1 with e set on bad input. */
static int parse_pair(const char *p, size_t len, struct kvlist *out, struct err *e)
{
	const char *eq = memchr(p, '=', len);
	size_t klen = eq ? (size_t)(eq - p) : len;
	const char *vp = eq ? eq + 1 : p + len;
	size_t vraw = eq ? len - klen - 1 : 0;
	char *key = malloc(klen + 1), *val = malloc(vraw + 1);
	long kl, vl;

	if (!key || !val) {
		free(key);
		free(val);
		return err_set(e, 500, NULL, "out of memory parsing parameters");
	}
	kl = pct_decode(p, klen, key, 1);
	vl = pct_decode(vp, vraw, val, 1);
	if (kl < 0 || vl < 0) {
		free(key);
		free(val);
		/*
		 * The value may be a password: the log gets the key's length and the pair's, not
		 * their text.
		 */
		return err_set(e, 400, "请求参数中有无效的百分号编码。",
		               "bad percent escape in a %zu-byte parameter "
		               "(key of %zu bytes)", len, klen);
	}
	return param_take(out, key, (size_t)kl, val, (size_t)vl, e);
}

int form_parse(const char *s, size_t len, struct kvlist *out, struct err *e)
{
	size_t i = 0;

	while (i < len) {
		const char *amp = memchr(s + i, '&', len - i);
		size_t plen = amp ? (size_t)(amp - (s + i)) : len - i;
		if (plen > 0 && parse_pair(s + i, plen, out, e) < 0)
			return -1;
		i += plen + 1;
	}
	return 0;
}

const char *kvlist_get(const struct kvlist *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return l->v[i].val;
	return NULL;
}

void kvlist_free(struct kvlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].val);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

static char *param_dup(FCGX_Request *fr, const char *name)
{
	const char *v = FCGX_GetParam(name, fr->envp);
	return strdup(v ? v : "");
}

/*
 * Strip the query string from REQUEST_URI and decode the path; nginx's DOCUMENT_URI may be absent.
 */
static int read_path(FCGX_Request *fr, struct request *req, struct err *e)
{
	const char *uri = FCGX_GetParam("DOCUMENT_URI", fr->envp);
	size_t len;

	if (uri && *uri) {
		req->path = strdup(uri);
		return req->path ? 0 : err_set(e, 500, NULL, "out of memory");
	}
	uri = FCGX_GetParam("REQUEST_URI", fr->envp);
	if (!uri || *uri != '/')
		return err_set(e, 400, "请求路径无效。", "no usable REQUEST_URI");
	len = strcspn(uri, "?");
	req->path = malloc(len + 1);
	if (!req->path)
		return err_set(e, 500, NULL, "out of memory");
	if (pct_decode(uri, len, req->path, 0) < 0)
		return err_set(e, 400, "请求路径无效。", "bad escape in path");
	return 0;
}

int request_body(FCGX_Request *fr, struct request *req, long max_body,
                 const struct upload_rule *up, struct err *e)
{
	long n = req->content_length;
	int multipart = strncasecmp(req->content_type, "multipart/form-data", 19) == 0;

	if (n <= 0)
		return 0;
	/*
	 * Decided before a byte of the body is read: what this route accepts, and how much of it.
	 */
	if (multipart && !up)
		return err_set(e, 415, "这个页面不接受上传文件。", "multipart body to %s",
		               req->path);
	if (n > (multipart ? up->max_body : max_body))
		return err_set(e, 413, "提交的内容太大。", "body of %ld bytes over the limit", n);
	if (!multipart && strncasecmp(req->content_type, "application/x-www-form-urlencoded",
	                              33) != 0)
		return err_set(e, 415, "不支持这种提交格式。", "content type %.60s",
		               req->content_type);
	req->body = malloc((size_t)n + 1);
	if (!req->body)
		return err_set(e, 500, NULL, "out of memory for body");
	if (FCGX_GetStr(req->body, (int)n, fr->in) != n)
		return err_set(e, 400, "提交的内容不完整。", "short body");
	req->body[n] = '\0';
	if (multipart)
		return multipart_parse(req->content_type, req->body, (size_t)n, up->field,
		                       &req->params, &req->upload, &req->upload_len, e);
	return form_parse(req->body, (size_t)n, &req->params, e);
}

/* The path is matched against routes and logged: like parameters, it must be clean UTF-8 text. */
static int check_path(const struct request *req, struct err *e)
{
	size_t n = strlen(req->path);

	if (!utf8_valid((const unsigned char *)req->path, n) || !clean_text(req->path, n, 0))
		return err_set(e, 400, "网址中含有无法识别的字符。", "path is not clean UTF-8");
	return 0;
}

void addr_network(const char *addr, char *out, size_t n)
{
	struct in6_addr a6;
	struct in_addr a4;
	char buf[INET6_ADDRSTRLEN];

	snprintf(out, n, "%s", addr);
	if (inet_pton(AF_INET6, addr, &a6) != 1)
		return;
	if (IN6_IS_ADDR_V4MAPPED(&a6)) {
		memcpy(&a4, a6.s6_addr + 12, 4);
		if (inet_ntop(AF_INET, &a4, buf, sizeof buf))
			snprintf(out, n, "%s", buf);
		return;
	}
	memset(a6.s6_addr + 8, 0, 8);
	if (inet_ntop(AF_INET6, &a6, buf, sizeof buf))
		snprintf(out, n, "%s/64", buf);
}

/*
 * What kind of browser a User-Agent names: payment providers show a desktop a QR code, and send a
 * phone to their mobile cashier. Phones' browsers say "Mobile" (iOS, Android's Chrome and WebViews,
 * Firefox), or "Android" (tablets and some WebViews), or "iPhone"; WeChat's says "MicroMessenger".
 */
static void browser_kind(const char *ua, struct request *req)
{
	if (!ua)
		return;
	req->phone = strstr(ua, "Mobile") || strstr(ua, "Android") || strstr(ua, "iPhone");
	req->wechat = strstr(ua, "MicroMessenger") != NULL;
}

int request_read(FCGX_Request *fr, struct request *req, struct err *e)
{
	const char *cl = FCGX_GetParam("CONTENT_LENGTH", fr->envp);
	char *end;

	memset(req, 0, sizeof *req);
	req->method = param_dup(fr, "REQUEST_METHOD");
	req->query = param_dup(fr, "QUERY_STRING");
	req->remote_addr = param_dup(fr, "REMOTE_ADDR");
	req->content_type = param_dup(fr, "CONTENT_TYPE");
	req->cookie = param_dup(fr, "HTTP_COOKIE");
	if (!req->method || !req->query || !req->remote_addr || !req->content_type || !req->cookie)
		return err_set(e, 500, NULL, "out of memory copying CGI variables");
	addr_network(req->remote_addr, req->remote_net, sizeof req->remote_net);
	browser_kind(FCGX_GetParam("HTTP_USER_AGENT", fr->envp), req);
	if (read_path(fr, req, e) < 0 || check_path(req, e) < 0)
		return -1;
	if (cl && *cl) {
		req->content_length = strtol(cl, &end, 10);
		if (*end || req->content_length < 0)
			return err_set(e, 400, "请求长度无效。", "CONTENT_LENGTH=%.20s", cl);
	}
	return form_parse(req->query, strlen(req->query), &req->params, e);
}

void request_free(struct request *req)
{
	free(req->method);
	free(req->path);
	free(req->query);
	free(req->remote_addr);
	free(req->content_type);
	free(req->cookie);
	free(req->body);
	kvlist_free(&req->params);
}
