/*
 * keys.h — every input key the app accepts, with its validator: parameters are checked once, at the door,
 * and handlers read only clean, typed values from struct field.
 */
#ifndef TX_KEYS_H
#define TX_KEYS_H

#include <ClearSilver.h>

#include "request.h"

enum key {
	K_CITY,      /* city-level region code */
	K_COUNTY,    /* county-level region code */
	K_GENDER,    /* m | f */
	K_AGE_MIN,   /* 0..17 */
	K_AGE_MAX,   /* 0..17 */
	K_CATEGORY,  /* hardship category code */
	K_BIRTHDAY,  /* MM-DD; num = MM*100+DD */
	K_SORT,      /* waiting | age | newest */
	K_PAGE,      /* 1..KEYS_MAX_PAGE */
	K_CODE,      /* a child's public code (path parameter) */
	K__MAX
};

#define KEYS_MAX_PAGE 100000
#define CHILD_CODE_LEN 10

struct field {
	int         present;
	long long   num;   /* the numeric value, for numeric keys */
	const char *str;   /* the validated text; valid while the request lives */
};

typedef int (*validator_fn)(const char *raw, struct field *f);

struct keydef {
	const char  *name;
	validator_fn valid;
	const char  *problem;  /* the readable message when a value fails */
};

extern const struct keydef KEYS[K__MAX];

/*
 * Validate every known key in params into fields (indexed by enum key). Unknown keys are ignored, as are empty
 * values (an unselected filter) and keys already filled from the path. The first bad value fails with 400 and a
 * message naming the field.
 */
int keys_validate(const struct kvlist *params, struct field fields[K__MAX], struct err *e);

/* Validate one named value (a path parameter) into fields; unknown names are a 500: a route table mistake. */
int keys_validate_one(const char *name, const char *raw, struct field fields[K__MAX], struct err *e);

/*
 * Append "name=value&" for each present field, in key-table order, values percent-encoded; keys whose bit is set
 * in skip (1u << K_PAGE, say) are left out. The one canonical query form, for links and cache keys alike.
 */
void keys_append_query(const struct field fields[K__MAX], unsigned skip, STRING *out);

/* The validators, exposed for unit tests. */
int v_city(const char *raw, struct field *f);
int v_county(const char *raw, struct field *f);
int v_gender(const char *raw, struct field *f);
int v_age(const char *raw, struct field *f);
int v_category(const char *raw, struct field *f);
int v_birthday(const char *raw, struct field *f);
int v_sort(const char *raw, struct field *f);
int v_page(const char *raw, struct field *f);
int v_child_code(const char *raw, struct field *f);

/* Parse a string of 1..maxdigits ASCII digits into *out; no sign, space or other characters. */
int parse_uint(const char *s, int maxdigits, long long *out);

#endif
