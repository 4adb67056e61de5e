/* check_scope.c — the staff scope condition: the children each role reaches, where records go. */
#include <string.h>

#include "check_main.h"
#include "ctx.h"
#include "regions.h"
#include "scope.h"
#include "util.h"

/* Room for a scope condition as text. */
#define SQL_MAX 64

static void load_regions(void)
{
	regions_clear();
	regions_add("420000", "", "province", "湖北省", "湖北");
	regions_add("420100", "420000", "city", "武汉市", "武汉");
	regions_add("420106", "420100", "county", "武昌区", "武昌区");
	regions_add("422800", "420000", "city", "恩施土家族苗族自治州", "恩施州");
	regions_add("422801", "422800", "county", "恩施市", "恩施市");   /* in code order: lookups
	                                                            * binary-search */
	regions_add("422823", "422800", "county", "巴东县", "巴东县");
	regions_add("429004", "420000", "city-county", "仙桃市", "仙桃");
}

static struct actor staff(const char *role, const char *region, long long id)
{
	struct actor a = { .kind = ACTOR_STAFF, .id = id };

	strcpy(a.role, role);
	strcpy(a.region, region);
	return a;
}

struct scase {
	const char *role, *region;
	const char *sql;          /* the condition */
	const char *str;          /* its parameter as text, or NULL for a number */
	long long   num;
};

/* A role's condition, with its parameter as text or as a number. */
#define BY_TEXT(ro, re, q, s) { .role = ro, .region = re, .sql = q, .str = s, .num = 0 }
#define BY_NUM(ro, re, q, n)  { .role = ro, .region = re, .sql = q, .str = NULL, .num = n }

static const struct scase SCOPES[] = {
	BY_NUM("province", "420000", "1 = ?", 1),
	BY_TEXT("city", "422800", "c.city_code = ?", "422800"),
	BY_TEXT("county", "422823", "c.county_code = ?", "422823"),
	BY_NUM("volunteer", "422823",
	       "c.id IN (SELECT vc.child_id FROM volunteer_children vc WHERE vc.staff_id = ?)", 7),
	BY_NUM("donor", "", "1 = ?", 0),     /* no such role: reaches nothing */
	BY_NUM("", "", "1 = ?", 0),
};

START_TEST(each_role_has_its_condition)
{
	const struct scase *c = &SCOPES[_i];
	struct actor w = staff(c->role, c->region, 7);
	struct scope s;

	scope_for(&w, &s);
	ck_assert_str_eq(s.sql, c->sql);
	if (c->str) {
		ck_assert_int_eq(s.param.type, DBP_STR);
		ck_assert_uint_eq(s.param.len, strlen(c->str));
		ck_assert_int_eq(memcmp(s.param.s, c->str, s.param.len), 0);
	} else {
		ck_assert_int_eq(s.param.type, DBP_INT);
		ck_assert_int_eq(s.param.i, c->num);
	}
}
END_TEST

struct ccase {
	const char *role, *region, *county;
	int         ok;
};

static const struct ccase COUNTIES[] = {
	{ "province", "420000", "422823", 1 },
	{ "province", "420000", "429004", 1 },   /* a city-county is a county */
	{ "province", "420000", "420100", 0 },   /* a city is not where a child lives */
	{ "city", "422800", "422823", 1 },
	{ "city", "422800", "422801", 1 },
	{ "city", "422800", "420106", 0 },
	{ "county", "422823", "422823", 1 },
	{ "county", "422823", "422801", 0 },
	{ "volunteer", "422823", "422823", 0 },  /* volunteers keep no records */
	{ "county", "422823", "999999", 0 },
};

START_TEST(records_go_only_where_the_role_reaches)
{
	const struct ccase *c = &COUNTIES[_i];
	struct actor w = staff(c->role, c->region, 1);

	load_regions();
	ck_assert_msg(scope_reaches(&w, c->county) == c->ok, "%s of %s putting a child in %s",
	              c->role, c->region, c->county);
}
END_TEST

START_TEST(only_staff_reach_anything)
{
	struct actor donor = staff("province", "420000", 7), sys = actor_system("txctl");
	struct scope s;

	load_regions();
	donor.kind = ACTOR_DONOR;
	scope_for(&donor, &s);
	ck_assert_str_eq(s.sql, "1 = ?");
	ck_assert_int_eq(s.param.i, 0);
	scope_for(&sys, &s);
	ck_assert_int_eq(s.param.i, 0);
	ck_assert_int_eq(scope_reaches(&donor, "422823"), 0);
	ck_assert_int_eq(scope_reaches(&sys, "422823"), 0);
}
END_TEST

/* A request's who (the web layer's form): the condition's parameter is the who's own region. */
START_TEST(a_requests_who_has_the_same_condition)
{
	struct who w = { .realm = REALM_STAFF, .id = 7, .role = "county", .region = "422823" };
	struct scope s;

	scope_of(&w, &s);
	ck_assert_str_eq(s.sql, "c.county_code = ?");
	ck_assert_ptr_eq(s.param.s, w.region);   /* not a copy that is gone once scope_of returns */
	ck_assert_uint_eq(s.param.len, strlen("422823"));
}
END_TEST

START_TEST(the_condition_formats_into_a_query)
{
	struct actor w = staff("county", "422823", 1);
	struct scope s;
	char sql[SQL_MAX];

	scope_for(&w, &s);
	ck_assert_int_eq(scope_sql(sql, sizeof sql, "WHERE %s", &s), 0);
	ck_assert_str_eq(sql, "WHERE c.county_code = ?");
	ck_assert_int_eq(scope_sql(sql, 10, "WHERE %s", &s), -1);   /* too long is an error, never a
	                                                             * cut query */
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("scope");
	TCase *t = tcase_create("scope");

	tcase_add_loop_test(t, each_role_has_its_condition, 0, nitems(SCOPES));
	tcase_add_loop_test(t, records_go_only_where_the_role_reaches, 0, nitems(COUNTIES));
	tcase_add_test(t, only_staff_reach_anything);
	tcase_add_test(t, a_requests_who_has_the_same_condition);
	tcase_add_test(t, the_condition_formats_into_a_query);
	suite_add_tcase(s, t);
	return s;
}
