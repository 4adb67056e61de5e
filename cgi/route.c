/* route.c — path pattern matching for the dispatch table. */
#include <stdio.h>
#include <string.h>

#include "route.h"

/* Length of the segment starting at s (up to the next '/' or the end). */
static size_t seglen(const char *s)
{
	return strcspn(s, "/");
}

static int capture(struct route_params *out, const char *pat, size_t plen, const char *seg,
                   size_t slen)
{
	if (slen == 0 || slen >= ROUTE_MAX_VALUE || out->n >= ROUTE_MAX_PARAMS || plen < 3 ||
	    plen - 2 >= ROUTE_MAX_NAME)
		return 0;
	memcpy(out->name[out->n], pat + 1, plen - 2);
	out->name[out->n][plen - 2] = '\0';
	memcpy(out->value[out->n], seg, slen);
	out->value[out->n][slen] = '\0';
	out->n++;
	return 1;
}

int route_match(const char *pattern, const char *path, struct route_params *out)
{
	const char *p = pattern, *s = path;

	out->n = 0;
	while (*p == '/' && *s == '/') {
		size_t plen, slen;

		p++, s++;
		plen = seglen(p);
		slen = seglen(s);
		if (plen > 0 && p[0] == '{' && p[plen - 1] == '}') {
			if (!capture(out, p, plen, s, slen))
				return 0;
		} else if (plen != slen || memcmp(p, s, plen) != 0) {
			return 0;
		}
		p += plen;
		s += slen;
	}
	return *p == '\0' && *s == '\0';
}
