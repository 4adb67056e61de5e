/* multipart.c — multipart/form-data bodies (RFC 7578) of the upload forms: fields, one file. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "request.h"

#define MAX_PARTS 16
/* Room for a part's name and file name, and for a boundary (RFC 2046: at most 70 characters). */
#define PART_NAME_MAX     64
#define PART_FILENAME_MAX 256
#define BOUNDARY_MAX      80

/* The value of param (boundary, name, filename) in a header line, into out; quoted or not. */
static int header_param(const char *h, size_t hlen, const char *param, char *out, size_t n)
{
	size_t plen = strlen(param);

	for (const char *p = h; p + plen + 1 < h + hlen; p++) {
		const char *v, *end;
		if (strncasecmp(p, param, plen) != 0 || p[plen] != '=' ||
		    (p > h && strchr("; \t", p[-1]) == NULL))
			continue;
		v = p + plen + 1;
		if (*v == '"') {
			v++;
			end = memchr(v, '"', (size_t)(h + hlen - v));
		} else {
			end = v;
			while (end < h + hlen && !strchr("; \t\r\n", *end))
				end++;
		}
		if (!end || (size_t)(end - v) >= n)
			return -1;
		memcpy(out, v, (size_t)(end - v));
		out[end - v] = '\0';
		return 0;
	}
	return -1;
}

static int bad(struct err *e, const char *why)
{
	return err_set(e, 400, "上传的表单格式不对，请刷新页面后重新上传。", "multipart: %s", why);
}

/*
 * One part: its headers say its name (and filename, for the file, which must be named field); its
 * content goes to params or *file.
 */
static int part(const char *p, size_t len, const char *field, struct kvlist *params,
                const char **file, size_t *flen, struct err *e)
{
	const char *sep = memmem(p, len, "\r\n\r\n", 4), *content;
	char name[PART_NAME_MAX], filename[PART_FILENAME_MAX];
	size_t hlen;

	if (!sep)
		return bad(e, "part without headers");
	hlen = (size_t)(sep - p);
	content = sep + 4;
	if (header_param(p, hlen, "name", name, sizeof name) < 0)
		return bad(e, "part without a name");
	if (header_param(p, hlen, "filename", filename, sizeof filename) == 0) {
		if (strcmp(name, field) != 0 || *file)
			return bad(e, "an unexpected file");
		*file = content;
		*flen = len - hlen - 4;
		return 0;
	}
	return param_add(params, name, strlen(name), content, len - hlen - 4, e);
}

int multipart_parse(const char *ctype, char *body, size_t len, const char *field,
                    struct kvlist *params, const char **file, size_t *flen, struct err *e)
{
	char boundary[BOUNDARY_MAX], delim[BOUNDARY_MAX + 4];   /* "\r\n--" and the boundary */
	const char *p = body, *end = body + len;
	size_t dlen;
	int parts = 0;

	*file = NULL;
	*flen = 0;
	if (header_param(ctype, strlen(ctype), "boundary", boundary, sizeof boundary) < 0 ||
	    !boundary[0])
		return bad(e, "no boundary");
	dlen = (size_t)snprintf(delim, sizeof delim, "\r\n--%s", boundary);
	/* The first delimiter has no line break before it. */
	if ((size_t)(end - p) < dlen - 2 || memcmp(p, delim + 2, dlen - 2) != 0)
		return bad(e, "does not start with the boundary");
	p += dlen - 2;
	for (;;) {
		const char *next;
		if (end - p >= 2 && memcmp(p, "--", 2) == 0)
			return 0;                                   /* the closing delimiter */
		if (end - p < 2 || memcmp(p, "\r\n", 2) != 0 || ++parts > MAX_PARTS)
			return bad(e, "malformed delimiter, or too many parts");
		p += 2;
		if (!(next = memmem(p, (size_t)(end - p), delim, dlen)))
			return bad(e, "part not closed");
		if (part(p, (size_t)(next - p), field, params, file, flen, e) < 0)
			return -1;
		p = next + dlen;
	}
}
