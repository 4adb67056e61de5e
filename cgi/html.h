/* html.h — escaping outside ClearSilver's VarEscapeMode: HTML text, URL parts, CSV fields. */
#ifndef TX_HTML_H
#define TX_HTML_H

#include <ClearSilver.h>

/* Append s to out with & < > " ' escaped, safe in element text and quoted attributes. */
void html_escape_to(STRING *out, const char *s);

/*
 * Append s to out percent-encoded for a query-string component: only RFC 3986 unreserved bytes stay
 * as they are.
 */
void url_encode_to(STRING *out, const char *s);

/*
 * Append s to out as one CSV field (libcsv's quoting: always quoted, quotes doubled), then a comma,
 * or CRLF when last. A value that Excel would run as a formula (= + - @ first) is written with a
 * leading ' so it stays text.
 */
void csv_field_to(STRING *out, const char *s, int last);

/* The UTF-8 byte order mark: Excel on Chinese Windows reads a CSV as GBK without it. */
#define CSV_BOM "\xEF\xBB\xBF"

#endif
