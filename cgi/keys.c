/* keys.c — the input key table and its validators (kcgi-style): one definition of what each parameter may be. */
#include <string.h>

#include "html.h"
#include "keys.h"
#include "labels.h"
#include "regions.h"

const struct keydef KEYS[K__MAX] = {
	[K_CITY]     = { "city",     v_city,       "所选城市（市州）不存在。" },
	[K_COUNTY]   = { "county",   v_county,     "所选区县不存在。" },
	[K_GENDER]   = { "gender",   v_gender,     "性别只能是“男”或“女”。" },
	[K_AGE_MIN]  = { "age_min",  v_age,        "最小年龄须为 0 到 17 之间的整数。" },
	[K_AGE_MAX]  = { "age_max",  v_age,        "最大年龄须为 0 到 17 之间的整数。" },
	[K_CATEGORY] = { "category", v_category,   "困境类别不存在。" },
	[K_BIRTHDAY] = { "birthday", v_birthday,   "生日须写成“月-日”，例如 06-01。" },
	[K_SORT]     = { "sort",     v_sort,       "排序方式只能是等待最久、年龄或最新。" },
	[K_PAGE]     = { "page",     v_page,       "页码须为正整数。" },
	[K_CODE]     = { "code",     v_child_code, "儿童编号无效。" },
};

int parse_uint(const char *s, int maxdigits, long long *out)
{
	long long v = 0;
	int n = 0;

	for (; *s; s++, n++) {
		if (*s < '0' || *s > '9' || n >= maxdigits)
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (n == 0)
		return -1;
	*out = v;
	return 0;
}

static int ok(const char *raw, struct field *f)
{
	f->present = 1;
	f->str = raw;
	return 0;
}

static int region_of_kind(const char *raw, struct field *f, int want_city)
{
	const struct region *r = strlen(raw) == 6 ? region_get(raw) : NULL;

	if (!r || !(want_city ? r->is_city : r->is_county))
		return -1;
	return ok(raw, f);
}

int v_city(const char *raw, struct field *f)
{
	return region_of_kind(raw, f, 1);
}

int v_county(const char *raw, struct field *f)
{
	return region_of_kind(raw, f, 0);
}

int v_gender(const char *raw, struct field *f)
{
	return label_of(GENDERS, raw) ? ok(raw, f) : -1;
}

int v_age(const char *raw, struct field *f)
{
	if (parse_uint(raw, 2, &f->num) < 0 || f->num > 17)
		return -1;
	return ok(raw, f);
}

int v_category(const char *raw, struct field *f)
{
	return label_of(CATEGORIES, raw) ? ok(raw, f) : -1;
}

int v_birthday(const char *raw, struct field *f)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	char mm[3], dd[3];
	long long m, d;

	if (strlen(raw) != 5 || raw[2] != '-')
		return -1;
	memcpy(mm, raw, 2); mm[2] = '\0';
	memcpy(dd, raw + 3, 2); dd[2] = '\0';
	if (parse_uint(mm, 2, &m) < 0 || parse_uint(dd, 2, &d) < 0)
		return -1;
	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return -1;
	f->num = m * 100 + d;
	return ok(raw, f);
}

int v_sort(const char *raw, struct field *f)
{
	if (strcmp(raw, "waiting") && strcmp(raw, "age") && strcmp(raw, "newest"))
		return -1;
	return ok(raw, f);
}

int v_page(const char *raw, struct field *f)
{
	if (parse_uint(raw, 6, &f->num) < 0 || f->num < 1 || f->num > KEYS_MAX_PAGE)
		return -1;
	return ok(raw, f);
}

/* Crockford base32 without I, L, O, U: codes read aloud over the phone are not misheard. */
int v_child_code(const char *raw, struct field *f)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

	if (strlen(raw) != CHILD_CODE_LEN || strspn(raw, alphabet) != CHILD_CODE_LEN)
		return -1;
	return ok(raw, f);
}

void keys_append_query(const struct field fields[K__MAX], unsigned skip, STRING *out)
{
	for (int k = 0; k < K__MAX; k++) {
		if (!fields[k].present || (skip & (1u << k)))
			continue;
		string_appendf(out, "%s=", KEYS[k].name);
		url_encode_to(out, fields[k].str);
		string_append_char(out, '&');
	}
}

static int check(enum key k, const char *raw, struct field *f, struct err *e)
{
	if (KEYS[k].valid(raw, f) < 0) {
		f->present = 0;
		return err_set(e, 400, KEYS[k].problem, "bad value for %s: %.60s", KEYS[k].name, raw);
	}
	return 0;
}

int keys_validate(const struct kvlist *params, struct field fields[K__MAX], struct err *e)
{
	for (int k = 0; k < K__MAX; k++) {
		const char *raw = kvlist_get(params, KEYS[k].name);
		/* A value from the path is what names the resource: a same-named parameter may not replace it. */
		if (fields[k].present)
			continue;
		if (raw && *raw && check((enum key)k, raw, &fields[k], e) < 0)
			return -1;
	}
	return 0;
}

int keys_validate_one(const char *name, const char *raw, struct field fields[K__MAX], struct err *e)
{
	for (int k = 0; k < K__MAX; k++)
		if (strcmp(KEYS[k].name, name) == 0)
			return check((enum key)k, raw, &fields[k], e);
	return err_set(e, 500, NULL, "route parameter {%s} has no validator", name);
}
