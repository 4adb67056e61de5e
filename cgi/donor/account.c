/*
 * account.c — what the account pages share: the normal form of a login, and where to go after
 * signing in.
 */
#include <ctype.h>
#include <stdio.h>

#include "donor.h"
#include "../html.h"

void donor_login_norm(const char *in, char out[DONOR_LOGIN_MAX])
{
	size_t i = 0;

	/* E-mail addresses are compared without case: Demo@Example.com is demo@example.com. */
	for (; in[i] && i < DONOR_LOGIN_MAX - 1; i++)
		out[i] = (char)tolower((unsigned char)in[i]);
	out[i] = '\0';
}

const char *donor_next(const struct ctx *c)
{
	return c->f[K_NEXT].present ? c->f[K_NEXT].str : "/me";
}

int donor_to_verify(struct ctx *c, const char *next)
{
	STRING url;
	int rc;

	string_init(&url);
	string_append(&url, "/verify");
	if (next) {
		string_append(&url, "?next=");
		url_encode_to(&url, next);
	}
	rc = ctx_redirect(c, url.buf);
	string_clear(&url);
	return rc;
}
