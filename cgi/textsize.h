/*
 * textsize.h — the large-text mode (大字模式, after MIIT's 适老化 guideline): larger text, larger
 * touch targets and stronger contrast, which a visitor turns on and off from every page with a
 * plain link (GET /text, cgi/public/ui-text.c) and keeps in a cookie. No script: the page itself
 * carries the mode (class="large" on <html>), so a cached page is kept once per mode.
 */
#ifndef TX_TEXTSIZE_H
#define TX_TEXTSIZE_H

#include "ctx.h"

/* The cookie that holds the choice: "large", or none. */
#define TEXTSIZE_COOKIE "tx_text"

/* Whether the request's cookie asks for large text. */
int textsize_large(const struct ctx *c);

/*
 * For header.cs: Page.Large when large text is asked for, and Page.Here, this page's path and
 * canonical query without its secret keys, for the switch's way back. An error page (answered is
 * 0: its path may be a mistyped link with a token in it) and a page whose path holds a secret
 * lead home instead.
 */
void textsize_set(struct ctx *c, int answered);

#endif
