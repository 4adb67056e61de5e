/*
 * ui-page-share.c — sharing a personal fundraising page: GET /p/{p}/qr.svg (its address as a QR
 * code) and GET /p/{p}/poster (a printable A4 poster and a phone-sized card: the QR code, title,
 * progress, the charity's name and filing number).
 */
#include <stdio.h>

#include "public.h"
#include "../page.h"
#include "../qr.h"

int ui_page_qr(struct ctx *c)
{
	char url[QR_TEXT_MAX];

	if (page_load(c, c->f[K_PCODE].str, 0) < 0)
		return -1;
	snprintf(url, sizeof url, "%s/p/%s", c->cfg->site_url, c->f[K_PCODE].str);
	return ctx_send_qr(c, url);
}

int ui_page_poster(struct ctx *c)
{
	if (page_load(c, c->f[K_PCODE].str, 0) < 0)
		return -1;
	page_setf(c, "Fund.url=%s/p/%s", c->cfg->site_url, c->f[K_PCODE].str);
	page_set(c, NULL, "Page.Title", hdf_get_value(c->hdf, "Fund.title", ""));
	page_set(c, NULL, "Page.Print", "1");
	c->tmpl = "page-poster.cs";
	return 0;
}
