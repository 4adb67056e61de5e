/* textsize.c — the large-text mode: what the request's cookie asks for, and the page's switch. */
#include <string.h>

#include "keys.h"
#include "page.h"
#include "request.h"
#include "session.h"
#include "textsize.h"

int textsize_large(const struct ctx *c)
{
	size_t len;
	const char *v;

	if (!c->req || !(v = cookie_value(c->req->cookie, TEXTSIZE_COOKIE, &len)))
		return 0;
	return len == 5 && memcmp(v, "large", 5) == 0;
}

/* The secret keys (a receipt's code, a token): never in a link that a log may keep. */
static keyset secret_keys(void)
{
	keyset s = 0;

	for (int k = 0; k < K__MAX; k++)
		if (KEYS[k].secret)
			s |= KB(k);
	return s;
}

/* Whether the path itself holds a secret (a reset link's token): then the way back is home. */
static int secret_in_path(const struct ctx *c)
{
	for (int k = 0; k < K__MAX; k++)
		if (KEYS[k].secret && c->f[k].present && c->f[k].str && *c->f[k].str &&
		    strstr(c->req->path, c->f[k].str))
			return 1;
	return 0;
}

void textsize_set(struct ctx *c, int answered)
{
	STRING here;

	if (textsize_large(c))
		page_set(c, NULL, "Page.Large", "1");
	if (!c->req || !c->req->path)
		return;
	if (!answered || secret_in_path(c)) {
		page_set(c, NULL, "Page.Here", "/");
		return;
	}
	string_init(&here);
	string_append(&here, c->req->path);
	/* After a POST the form's page is asked for afresh, without what was posted. */
	if (c->req->method && strcmp(c->req->method, "GET") == 0) {
		string_append_char(&here, '?');
		keys_append_query(c->f, secret_keys(), &here);
		/* "path?" or "path?a=1&": the canonical form's separators, not a part of it */
		while (here.buf[here.len - 1] == '?' || here.buf[here.len - 1] == '&')
			here.buf[--here.len] = '\0';
	}
	page_set(c, NULL, "Page.Here", here.buf);
	string_clear(&here);
}
