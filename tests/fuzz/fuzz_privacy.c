/*
 * fuzz_privacy.c — libFuzzer: any bytes as a record's four personal fields and a text to check
 * (separated by NUL bytes), visit's or letter's rules by the first byte.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/privacy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *field[PRIVACY_FIELDS] = { NULL }, *text;
	struct privacy_terms t;
	struct privacy_found f;
	char *buf;
	size_t at = 1;

	if (size == 0)
		return 0;
	buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (int i = 0; i < PRIVACY_FIELDS && at < size; i++) {
		field[i] = buf + at;
		at += strlen(buf + at) + 1;
	}
	text = at < size ? buf + at : "";
	privacy_terms_from(&t, field, "化名");
	privacy_scan(text, &t, data[0] & 1 ? PV_FOR_LETTER : PV_FOR_VISIT, &f);
	for (int i = 0; i < f.n; i++)
		if (f.hit[i].at + f.hit[i].len > strlen(text))
			abort();
	privacy_terms_wipe(&t);
	free(buf);
	return 0;
}
