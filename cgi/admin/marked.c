/* marked.c — a text with the privacy check's findings, ready for the reviewer's highlighting. */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "../labels.h"
#include "../page.h"

/* One part of the text: prefix.N.text, and for a finding .hit (its kind) and .label. */
static void part(struct ctx *c, const char *prefix, int n, const char *text, size_t len,
                 const char *hit)
{
	char name[128], value[2048];

	snprintf(value, sizeof value, "%.*s", (int)len, text);
	snprintf(name, sizeof name, "%s.%d.text", prefix, n);
	page_set(c, NULL, name, value);
	if (!hit)
		return;
	snprintf(name, sizeof name, "%s.%d.hit", prefix, n);
	page_set(c, NULL, name, hit);
	snprintf(name, sizeof name, "%s.%d.label", prefix, n);
	page_set(c, NULL, name, label_of(PRIVACY_KINDS, hit));
}

int admin_marked(struct ctx *c, const char *prefix, const char *text,
                 const struct privacy_found *f)
{
	unsigned at = 0;
	int n = 0;

	for (int i = 0; i < f->n; i++) {
		const struct privacy_hit *h = &f->hit[i];

		if (h->at > at)
			part(c, prefix, n++, text + at, h->at - at, NULL);
		part(c, prefix, n++, text + h->at, h->len, privacy_kind_name(h->kind));
		at = h->at + h->len;
	}
	if (text[at] || n == 0)
		part(c, prefix, n++, text + at, strlen(text + at), NULL);
	return f->n;
}
