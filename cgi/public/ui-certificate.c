/*
 * ui-certificate.c — GET /certificates/{no}?code=…: a printable donation certificate (捐赠证书),
 * the donor thanked, with a QR code (GET /certificates/{no}/qr.svg?code=…) that opens the
 * receipt's public verification page.
 */
#include <stdio.h>

#include "public.h"
#include "../core/ledger.h"
#include "../page.h"
#include "../qr.h"

/* The receipt's absolute address: Site.URL, the path, the code. */
#define RECEIPT_URL_MAX 512

int ui_certificate(struct ctx *c)
{
	struct receipt r;

	if (receipt_find(c, &r) < 0)
		return -1;
	receipt_page(c, &r);
	page_set(c, NULL, "Receipt.code", c->f[K_RCODE].str);
	page_setf(c, "Page.Print=1");
	page_set(c, NULL, "Page.Title", "捐赠证书");
	c->tmpl = "certificate.cs";
	return 0;
}

int ui_certificate_qr(struct ctx *c)
{
	struct receipt r;
	char url[RECEIPT_URL_MAX];

	if (receipt_find(c, &r) < 0)
		return -1;
	snprintf(url, sizeof url, "%s/receipts/%s?code=%s", c->cfg->site_url, r.no,
	         c->f[K_RCODE].str);
	return ctx_send_qr(c, url);
}
