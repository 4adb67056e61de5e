/* qr.c — QR codes as SVG documents, one path of black runs, for share codes and certificates. */
#include <string.h>
#include <qrencode.h>

#include "qr.h"

/* Four modules of white around the code, as the standard asks, so that phones read it. */
#define QR_QUIET 4

/* Each row's runs of dark modules as "M x y h n v1 h -n z" subpaths. */
static void qr_runs(const QRcode *q, STRING *out)
{
	for (int y = 0; y < q->width; y++) {
		int x = 0;

		while (x < q->width) {
			int from;

			if (!(q->data[y * q->width + x] & 1)) {
				x++;
				continue;
			}
			for (from = x; x < q->width && (q->data[y * q->width + x] & 1); x++)
				;
			string_appendf(out, "M%d %dh%dv1h-%dz", from + QR_QUIET, y + QR_QUIET,
			               x - from, x - from);
		}
	}
}

int qr_svg(const char *text, STRING *out, struct err *e)
{
	QRcode *q;
	int size;

	if (strlen(text) > QR_TEXT_MAX)
		return err_internal(e, "qr: text of %zu bytes", strlen(text));
	if (!(q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)))
		return err_internal(e, "qr: encoding failed");
	size = q->width + 2 * QR_QUIET;
	string_appendf(out,
	               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	               "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	               "width=\"%d\" height=\"%d\" shape-rendering=\"crispEdges\" role=\"img\">"
	               "<title>二维码</title>"
	               "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
	               size, size, size * 8, size * 8, size, size);
	qr_runs(q, out);
	string_append(out, "\"/></svg>\n");
	QRcode_free(q);
	return 0;
}

int ctx_send_qr(struct ctx *c, const char *text)
{
	if (qr_svg(text, &c->built, &c->err) < 0)
		return -1;
	c->ctype = "image/svg+xml";
	c->cache_control = "public, max-age=86400";
	return 0;
}
