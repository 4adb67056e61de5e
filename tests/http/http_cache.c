/* http_cache.c — cached public pages never outlive a change: withdrawn consent or a new child shows at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "client.h"

static const struct fixture_child KID = {
	"CC00000001", "缓存测试小明", "m", "2015-03-04", "422823", "ill", "（虚构）缓存测试用的故事。", "waiting", 1,
	"虚构·缓存真名", "422823201503049991", "虚构监护人 13900000000",
};

/* Both workers must have the page cached before the change, so ask often enough to reach each. */
static void warm(const char *path)
{
	for (int i = 0; i < 6; i++) {
		struct resp r;
		http_get(path, &r);
		resp_free(&r);
	}
}

static long found_on(const char *path)
{
	struct resp r;
	long n;

	http_get(path, &r);
	n = (long)listing_found(&r);
	resp_free(&r);
	return n;
}

/* The child's county and birth month: a few children, the child first (fixtures wait longest). */
#define KID_LISTING "/children?county=422823&birth_month=3&gender=m"

START_TEST(withdrawn_consent_removes_the_child_at_once)
{
	struct resp r;

	fixture_delete(KID.code);
	ck_assert_int_eq(fixture_insert(&KID), 0);
	warm("/children/CC00000001");
	warm(KID_LISTING);
	ck_assert_int_eq(http_get(KID_LISTING, &r), 0);
	ck_assert_msg(body_has(&r, "CC00000001"), "the child is not listed to begin with");
	resp_free(&r);
	ck_assert_int_eq(admin_sql("UPDATE children SET consent_publish = 0 WHERE code = 'CC00000001';", NULL), 0);
	for (int i = 0; i < 4; i++) {
		ck_assert_int_eq(http_get("/children/CC00000001", &r), 0);
		ck_assert_int_eq(r.status, 404);
		resp_free(&r);
		ck_assert_int_eq(http_get(KID_LISTING, &r), 0);
		ck_assert_msg(!body_has(&r, "CC00000001"), "withdrawn child still listed");
		resp_free(&r);
	}
	fixture_delete(KID.code);
}
END_TEST

START_TEST(new_child_counts_at_once)
{
	const char *path = "/children?county=422823&category=ill";
	long before;

	fixture_delete(KID.code);
	warm(path);
	before = found_on(path);
	ck_assert_int_ge(before, 0);
	ck_assert_int_eq(fixture_insert(&KID), 0);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(found_on(path), before + 1);
	fixture_delete(KID.code);
}
END_TEST

START_TEST(parameter_order_and_unknown_keys_share_an_entry)
{
	struct resp a, b;

	ck_assert_int_eq(http_get("/children?gender=f&city=420100", &a), 0);
	ck_assert_int_eq(http_get("/children?city=420100&from=singlemessage&gender=f&county=", &b), 0);
	ck_assert_int_eq(a.status, 200);
	ck_assert_str_eq(a.body, b.body);
	resp_free(&a);
	resp_free(&b);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_cache");
	TCase *t = tcase_create("cache");

	tcase_add_test(t, withdrawn_consent_removes_the_child_at_once);
	tcase_add_test(t, new_child_counts_at_once);
	tcase_add_test(t, parameter_order_and_unknown_keys_share_an_entry);
	suite_add_tcase(s, t);
	return s;
}
