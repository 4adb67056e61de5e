/* html.h — every escaping the app does outside ClearSilver's own VarEscapeMode: HTML text and URL components. */
#ifndef TX_HTML_H
#define TX_HTML_H

#include <ClearSilver.h>

/* Append s to out with & < > " ' escaped, safe in element text and quoted attributes. */
void html_escape_to(STRING *out, const char *s);

/* Append s to out percent-encoded for a query-string component: only RFC 3986 unreserved bytes stay as they are. */
void url_encode_to(STRING *out, const char *s);

#endif
