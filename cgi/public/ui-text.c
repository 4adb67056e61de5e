/*
 * ui-text.c — GET /text?size=large|normal&back=PATH: the large-text mode on or off
 * (cgi/textsize.h), kept in a cookie for a year, then back to the page the switch was on.
 */
#include "public.h"
#include "../session.h"
#include "../textsize.h"

#define TEXTSIZE_DAYS 365

int ui_text(struct ctx *c)
{
	if (strcmp(c->f[K_TSIZE].str, "large") == 0)
		cookie_set(c, TEXTSIZE_COOKIE, "/", "large", TEXTSIZE_DAYS * 86400);
	else
		cookie_set(c, TEXTSIZE_COOKIE, "/", "", 0);
	return ctx_redirect(c, c->f[K_BACK].present ? c->f[K_BACK].str : "/");
}
