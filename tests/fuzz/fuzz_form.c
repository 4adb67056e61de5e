/* fuzz_form.c — libFuzzer: any bytes as a url-encoded form or query, or a multipart upload body. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kvlist l = { 0 };
	struct err e;
	char *body;
	const char *file;
	size_t flen;

	if (size == 0)
		return 0;
	/* The parsers get a NUL-terminated copy, as request_read gives them. */
	body = malloc(size);
	memcpy(body, data + 1, size - 1);
	body[size - 1] = '\0';
	memset(&e, 0, sizeof e);
	if (data[0] & 1)
		form_parse(body, size - 1, &l, &e);
	else
		multipart_parse("multipart/form-data; boundary=XyZ", body, size - 1, "file", &l, &file,
		                &flen, &e);
	kvlist_free(&l);
	free(body);
	return 0;
}
