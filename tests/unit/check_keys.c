/* check_keys.c — validation at the door: each key's validator, and the pass over a request. */
#include <string.h>

#include "check_main.h"
#include "keys.h"
#include "regions.h"
#include "util.h"

struct vcase {
	validator_fn fn;
	const char  *raw;
	int          ok;
	long long    num;   /* expected numeric value when ok and numeric */
};

/* A value the validator takes (num: the number it reads, when it reads one), and one it refuses. */
#define OK(f, r, n) { .fn = f, .raw = r, .ok = 1, .num = n }
#define BAD(f, r)   { .fn = f, .raw = r, .ok = 0, .num = 0 }

static const struct vcase CASES[] = {
	OK(v_city, "420100", 0),
	OK(v_city, "429004", 0),           /* 仙桃: a city-county is a city */
	BAD(v_city, "420102"),             /* a district is not a city */
	BAD(v_city, "420000"),             /* the province is not a city */
	BAD(v_city, "999999"),
	BAD(v_city, "4201"),
	BAD(v_city, "420100 "),
	OK(v_county, "420102", 0),
	OK(v_county, "429004", 0),         /* ... and a county */
	BAD(v_county, "420100"),
	OK(v_gender, "m", 0),
	OK(v_gender, "f", 0),
	BAD(v_gender, "M"),
	BAD(v_gender, "x"),
	OK(v_age, "0", 0),
	OK(v_age, "17", 17),
	OK(v_age, "07", 7),
	BAD(v_age, "18"),
	BAD(v_age, "-1"),
	BAD(v_age, "1e1"),
	BAD(v_age, "１２"),               /* full-width digits */
	BAD(v_age, "100"),
	BAD(v_age, " 5"),
	OK(v_category, "deceased", 0),
	OK(v_category, "other", 0),
	BAD(v_category, "Deceased"),
	BAD(v_category, "orphan"),
	OK(v_month, "1", 1),
	OK(v_month, "06", 6),
	OK(v_month, "12", 12),
	BAD(v_month, "0"),
	BAD(v_month, "13"),
	BAD(v_month, "-1"),
	BAD(v_month, "06-01"),       /* a day: the public filters by month alone */
	BAD(v_month, "6月"),
	BAD(v_month, "012"),
	BAD(v_retired, "06-01"),       /* the day filter is gone: every value is refused */
	BAD(v_retired, "02-29"),
	BAD(v_retired, "x"),
	OK(v_sort, "waiting", 0),
	OK(v_sort, "age", 0),
	OK(v_sort, "newest", 0),
	BAD(v_sort, "id; DROP TABLE children"),
	OK(v_page, "1", 1),
	OK(v_page, "100000", 100000),
	BAD(v_page, "0"),
	BAD(v_page, "100001"),
	BAD(v_page, "99999999999999999999"),
	OK(v_login, "demo@example.com", 0),
	OK(v_login, "13800138000", 0),
	BAD(v_login, "12800138000"),             /* no mobile number starts 12 */
	BAD(v_login, "1380013800"),
	BAD(v_login, "a@b"),
	BAD(v_login, "a@@b.cn"),
	BAD(v_login, "a b@c.cn"),
	BAD(v_login, "a@b.cn\r\nBcc: x@y.cn"),
	BAD(v_login, "<a@b.cn>"),
	OK(v_password, "12345678", 0),
	BAD(v_password, "1234567"),
	OK(v_password, "密码八个字符了吧", 0),     /* characters, not bytes */
	OK(v_line32, "张三", 0),
	BAD(v_line32, "张\n三"),
	BAD(v_line32, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三"),
	OK(v_tick, "1", 1),
	OK(v_tick, "on", 1),
	BAD(v_tick, "yes"),
	OK(v_next, "/children/AB12CD34EF", 0),
	BAD(v_next, "//evil.example"),
	BAD(v_next, "/\\evil.example"),
	BAD(v_next, "https://evil.example"),
	OK(v_plan, "monthly", 0),
	BAD(v_plan, "weekly"),
	OK(v_amount, "30", 3000),
	OK(v_amount, "52.5", 5250),
	BAD(v_amount, "1e3"),
	BAD(v_amount, "0"),
	OK(v_mobile, "13912345678", 0),
	BAD(v_mobile, "+8613912345678"),
	OK(v_token, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 0),
	BAD(v_token, "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef"),
	OK(v_order, "0123456789ABCDEFGHJKMNPQ", 0),
	BAD(v_order, "0123456789ABCDEFGHJKMNPI"),        /* I is not Crockford */
	OK(v_provider, "sandbox", 0),
	BAD(v_provider, "paypal"),
	OK(v_receipt_no, "2026-000123", 20260000123LL),
	BAD(v_receipt_no, "2026-0000000"),
	BAD(v_receipt_no, "2026000123"),
	OK(v_receipt_code, "0123456789ABCDEF", 0),
	BAD(v_receipt_code, "0123456789abcdef"),
	OK(v_year, "2026", 2026),
	BAD(v_year, "1999"),
	OK(v_id, "1", 1),
	BAD(v_id, "0"),
	BAD(v_id, "4294967296"),
	OK(v_child_code, "AB12CD34EF", 0),
	BAD(v_child_code, "ab12cd34ef"),
	BAD(v_child_code, "AB12CD34EI"),       /* I is not in the alphabet */
	BAD(v_child_code, "AB12CD34E"),
	BAD(v_child_code, "' OR 1=1--"),
	OK(v_vcode, "012345", 0),
	BAD(v_vcode, "01234"),
	BAD(v_vcode, "0123456"),
	BAD(v_vcode, "01234a"),
	BAD(v_vcode, " 12345"),
	/* visits: status lists a child's, a visit's or a letter's states; the rest are the visit form's */
	OK(v_list_status, "paired", 0),
	OK(v_list_status, "submitted", 0),
	OK(v_list_status, "pending", 0),
	BAD(v_list_status, "pending_approval"),  /* a sponsorship's: that list is state= */
	BAD(v_list_status, "Draft"),
	OK(v_form_key, "0123456789abcdef0123456789abcdef", 0),
	BAD(v_form_key, "0123456789ABCDEF0123456789ABCDEF"),
	BAD(v_form_key, "0123456789abcdef0123456789abcde"),
	BAD(v_form_key, "0123456789abcdef0123456789abcdefa"),
	BAD(v_form_key, "0123456789abcdef0123456789abcdeg"),
	OK(v_visit_kind, "home", 0),
	OK(v_visit_kind, "activity", 0),
	BAD(v_visit_kind, "visit"),
	OK(v_given, "0.01", 1),
	OK(v_given, "50.5", 5050),
	BAD(v_given, "0"),
	BAD(v_given, "-5"),
	BAD(v_given, "1000000.01"),
	OK(v_summary, "一二三四五六七八九十一二三四五六七八九十", 0),        /* 20 characters */
	BAD(v_summary, "一二三四五六七八九十一二三四五六七八九"),            /* 19 */
	BAD(v_summary, "  一二三四五六七八九十一二三四五六七八九 \n "),  /* 19, the spaces aside */
	BAD(v_summary, "                    "),
};

static void load_regions(void)
{
	regions_clear();
	regions_add("420000", "", "province", "湖北省", "湖北");
	regions_add("420100", "420000", "city", "武汉市", "武汉");
	regions_add("420102", "420100", "county", "江岸区", "江岸区");
	regions_add("429004", "420000", "city-county", "仙桃市", "仙桃");
}

START_TEST(validates_values)
{
	const struct vcase *c = &CASES[_i];
	struct field f = { 0 };

	load_regions();
	ck_assert_msg((c->fn(c->raw, &f) == 0) == c->ok, "case %d: '%s'", _i, c->raw);
	ck_assert_int_eq(f.present, c->ok);
	if (c->ok && c->num)
		ck_assert_int_eq(f.num, c->num);
}
END_TEST

START_TEST(validates_a_request_against_the_table)
{
	struct kvlist l = { 0 };
	struct field f[K__MAX] = { 0 };
	struct err e;
	const char *q = "city=420100&gender=&age_min=3&utm_source=wechat&sort=age";

	load_regions();
	ck_assert_int_eq(form_parse(q, strlen(q), &l, &e), 0);
	ck_assert_int_eq(keys_validate(&l, ~0ULL, f, &e), 0);
	ck_assert(f[K_CITY].present);
	ck_assert_str_eq(f[K_CITY].str, "420100");
	ck_assert(!f[K_GENDER].present);       /* an empty select means "any" */
	ck_assert_int_eq(f[K_AGE_MIN].num, 3);
	ck_assert(!f[K_PAGE].present);
	kvlist_free(&l);
}
END_TEST

START_TEST(a_bad_value_is_a_400_naming_the_field)
{
	struct kvlist l = { 0 };
	struct field f[K__MAX] = { 0 };
	struct err e;
	const char *q = "city=420100&age_max=abc";

	load_regions();
	ck_assert_int_eq(form_parse(q, strlen(q), &l, &e), 0);
	ck_assert_int_eq(keys_validate(&l, ~0ULL, f, &e), -1);
	ck_assert_int_eq(err_status(&e), 400);
	ck_assert_ptr_nonnull(strstr(e.msg, "最大年龄"));
	kvlist_free(&l);
}
END_TEST

/* A link that asks for a birthday (MM-DD) is told the filter is by month; nothing is filtered. */
START_TEST(the_day_filter_is_refused_with_the_month_named)
{
	struct kvlist l = { 0 };
	struct field f[K__MAX] = { 0 };
	struct err e;
	const char *q = "birth_month=6&birthday=06-01";

	ck_assert_int_eq(form_parse(q, strlen(q), &l, &e), 0);
	ck_assert_int_eq(keys_validate(&l, KB(K_BMONTH) | KB(K_BIRTHDAY), f, &e), -1);
	ck_assert_int_eq(err_status(&e), 400);
	ck_assert_ptr_nonnull(strstr(e.msg, "按生日月份筛选"));
	ck_assert(f[K_BMONTH].present && f[K_BMONTH].num == 6 && !f[K_BIRTHDAY].present);
	kvlist_free(&l);
}
END_TEST

START_TEST(path_parameters_use_the_same_table)
{
	struct field f[K__MAX] = { 0 };
	struct err e;

	ck_assert_int_eq(keys_validate_one("child", "AB12CD34EF", f, &e), 0);
	ck_assert(f[K_CODE].present);
	ck_assert_int_eq(keys_validate_one("child", "nope", f, &e), -1);
	ck_assert_int_eq(keys_validate_one("unknown", "x", f, &e), -1);
	ck_assert_int_eq(err_status(&e), 500);
}
END_TEST

START_TEST(query_cannot_replace_a_path_parameter)
{
	struct kvlist l = { 0 };
	struct field f[K__MAX] = { 0 };
	struct err e;
	const char *q = "child=BBBBBBBBBB";

	ck_assert_int_eq(keys_validate_one("child", "AAAAAAAAAA", f, &e), 0);
	ck_assert_int_eq(form_parse(q, strlen(q), &l, &e), 0);
	ck_assert_int_eq(keys_validate(&l, KB(K_CODE), f, &e), 0);
	ck_assert_str_eq(f[K_CODE].str, "AAAAAAAAAA");
	kvlist_free(&l);
}
END_TEST

/* Each route reads only its own keys: another route's parameter is ignored, not validated. */
START_TEST(a_route_reads_only_its_keys)
{
	struct kvlist l = { 0 };
	struct field f[K__MAX] = { 0 };
	struct err e;
	const char *q = "page=0&amount=abc";

	ck_assert_int_eq(form_parse(q, strlen(q), &l, &e), 0);
	ck_assert_int_eq(keys_validate(&l, KB(K_CITY), f, &e), 0);
	ck_assert(!f[K_PAGE].present);
	ck_assert_int_eq(keys_validate(&l, KB(K_AMOUNT), f, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "捐赠金额"));
	kvlist_free(&l);
}
END_TEST

/*
 * Each key has a name of its own: with two keys of one name, the first in the table would take
 * both.
 */
START_TEST(every_key_has_its_own_name)
{
	for (int k = 0; k < K__MAX; k++)
		for (int j = 0; j < k; j++)
			ck_assert_msg(strcmp(KEYS[j].name, KEYS[k].name) != 0,
			              "keys %d and %d are both \"%s\"",
			              j, k, KEYS[k].name);
}
END_TEST

/*
 * In a logged query, secret values go, by their decoded names; a name that does not decode goes
 * whole.
 */
static const struct { const char *in, *out; } REDACTED[] = {
	{ "city=420100&page=2", "city=420100&page=2" },
	{ "code=ABCDEFGHJKMNPQRS", "code=…" },
	{ "no=1&c%6Fde=X&login=a%40b.cn", "no=1&c%6Fde=…&login=…" },
	{ "verify_code=123456&child=AB12CD34EF", "verify_code=…&child=AB12CD34EF" },
	{ "%ZZ=1&page=1", "…&page=1" },
	{ "password", "password=…" },
	{ "", "" },
};

/* A visit's summary is 20..500 characters (of up to 4 bytes each), and what a sponsor reads: never blank. */
START_TEST(a_visit_summary_is_at_most_500_characters)
{
	char text[501 * 4 + 1] = "";
	struct field f = { 0 };

	for (int i = 0; i < 500; i++)
		strcat(text, i % 2 ? "字" : "\xf0\x9f\x98\x80");   /* 3 and 4 bytes */
	ck_assert_int_eq(v_summary(text, &f), 0);
	strcat(text, "字");
	ck_assert_int_eq(v_summary(text, &f), -1);
}
END_TEST

START_TEST(logged_queries_leave_secrets_out)
{
	STRING out;

	string_init(&out);
	keys_redact_query(REDACTED[_i].in, &out);
	ck_assert_str_eq(out.buf ? out.buf : "", REDACTED[_i].out);
	string_clear(&out);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("keys");
	TCase *t = tcase_create("validate");

	tcase_add_loop_test(t, validates_values, 0, nitems(CASES));
	tcase_add_test(t, validates_a_request_against_the_table);
	tcase_add_test(t, a_bad_value_is_a_400_naming_the_field);
	tcase_add_test(t, the_day_filter_is_refused_with_the_month_named);
	tcase_add_test(t, path_parameters_use_the_same_table);
	tcase_add_test(t, query_cannot_replace_a_path_parameter);
	tcase_add_test(t, a_route_reads_only_its_keys);
	tcase_add_test(t, every_key_has_its_own_name);
	tcase_add_test(t, a_visit_summary_is_at_most_500_characters);
	tcase_add_loop_test(t, logged_queries_leave_secrets_out, 0, nitems(REDACTED));
	suite_add_tcase(s, t);
	return s;
}
