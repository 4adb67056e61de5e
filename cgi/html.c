/* html.c — output escaping: the app's only hand-written escapers, used for fallback pages and for URLs built in C. */
#include <string.h>

#include "html.h"

void html_escape_to(STRING *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':  string_append(out, "&amp;"); break;
		case '<':  string_append(out, "&lt;"); break;
		case '>':  string_append(out, "&gt;"); break;
		case '"':  string_append(out, "&quot;"); break;
		case '\'': string_append(out, "&#39;"); break;
		default:   string_append_char(out, *s);
		}
	}
}

static int unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
}

void url_encode_to(STRING *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (unreserved(*p)) {
			string_append_char(out, (char)*p);
		} else {
			char enc[4] = { '%', hex[*p >> 4], hex[*p & 15], 0 };
			string_append(out, enc);
		}
	}
}
