/*
 * qr.h — QR codes drawn as SVG (libqrencode; no outside service): for a personal page's share
 * code and poster, and a donation certificate's link to its receipt. An SVG document of black
 * squares on white, with presentation attributes only (the CSP allows no style), served as an
 * image of its own route so that no page embeds unescaped markup.
 */
#ifndef TX_QR_H
#define TX_QR_H

#include <ClearSilver/ClearSilver.h>

#include "ctx.h"

/* The QR code of text (a URL, at most QR_TEXT_MAX bytes) as an SVG document appended to out. */
#define QR_TEXT_MAX 512
int qr_svg(const char *text, STRING *out, struct err *e);

/*
 * Answer the request with the QR code of text as image/svg+xml, cacheable (it depends on the URL
 * alone). A handler's whole response.
 */
int ctx_send_qr(struct ctx *c, const char *text);

#endif
