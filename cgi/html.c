/* html.c — the only hand-written escapers: for fallback pages and for URLs built in C. */
#include <stdlib.h>
#include <string.h>
#include <csv.h>

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
			char enc[] = { '%', hex[*p >> 4], hex[*p & 15], '\0' };
			string_append(out, enc);
		}
	}
}

void csv_field_to(STRING *out, const char *s, int last)
{
	size_t len = strlen(s), need;
	char *buf;
	int formula = s[0] != '\0' && strchr("=+-@", s[0]) != NULL;
	char *text = NULL;

	if (formula) {
		text = malloc(len + 2);
		if (!text)
			return;
		text[0] = '\'';
		memcpy(text + 1, s, len + 1);
		s = text;
		len++;
	}
	need = csv_write(NULL, 0, s, len);
	buf = malloc(need);
	if (buf) {
		csv_write(buf, need, s, len);
		string_appendn(out, buf, (int)need);
		free(buf);
	}
	free(text);
	string_append(out, last ? "\r\n" : ",");
}
