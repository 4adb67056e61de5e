/* check_regionsel.c — region selects' options: each reader's reach, grouped, marked, escaped. */
#include <string.h>

#include "check_main.h"
#include "ctx.h"
#include "regions.h"
#include "regionsel.h"

/* Room for one small tree's options. */
#define HTML_MAX 2048

#define WUHAN  "<option value=\"420100\">武汉市</option>"
#define WUCH   "<option value=\"420106\">武昌区</option>"
#define ENSHI  "<option value=\"422800\">恩施州</option>"
#define ESS    "<option value=\"422801\">恩施市</option>"
#define BADONG "<option value=\"422823\">巴&lt;东&gt;&amp;&quot;县</option>"
#define XIANT  "<option value=\"429004\">仙桃市</option>"
#define GROUP(name) "<optgroup label=\"" name "\">"
#define END "</optgroup>"

/* A province of two cities and a city-county; one county's name needs escaping. */
static void load_regions(void)
{
	regions_clear();
	regions_add("420000", "", "province", "湖北省", "湖北");
	regions_add("420100", "420000", "city", "武汉市", "武汉");
	regions_add("420106", "420100", "county", "武昌区", "武昌区");
	regions_add("422800", "420000", "city", "恩施州", "恩施州");
	regions_add("422801", "422800", "county", "恩施市", "恩施市");
	regions_add("422823", "422800", "county", "巴<东>&\"县", "巴东县");
	regions_add("429004", "420000", "city-county", "仙桃市", "仙桃");
}

static struct actor staff(const char *role, const char *region)
{
	struct actor a = { .kind = ACTOR_STAFF, .id = 7 };

	strcpy(a.role, role);
	strcpy(a.region, region);
	return a;
}

/* The options of kind for a (NULL: the public), chosen marked, into out; their number. */
static int options(enum regionsel_kind kind, const struct actor *a, const char *chosen,
                   char out[HTML_MAX])
{
	struct ctx c;
	int n;

	memset(&c, 0, sizeof c);
	ck_assert_ptr_null(hdf_init(&c.hdf));
	n = regionsel_set(&c, "Opts", kind, a, chosen);
	ck_assert(!err_is(&c.err));
	snprintf(out, HTML_MAX, "%s", hdf_get_value(c.hdf, "Opts", "(unset)"));
	hdf_destroy(&c.hdf);
	return n;
}

START_TEST(the_province_has_every_county_grouped_by_city)
{
	struct actor prov = staff("province", "420000");
	char html[HTML_MAX];

	load_regions();
	ck_assert_int_eq(options(RS_COUNTIES, &prov, NULL, html), 4);
	ck_assert_str_eq(html, GROUP("武汉市") WUCH END GROUP("恩施州") ESS BADONG END
	                 GROUP("仙桃市") XIANT END);
	/* the public's are the same, built apart */
	ck_assert_int_eq(options(RS_COUNTIES, NULL, NULL, html), 4);
	ck_assert_str_eq(html, GROUP("武汉市") WUCH END GROUP("恩施州") ESS BADONG END
	                 GROUP("仙桃市") XIANT END);
	ck_assert_int_eq(options(RS_CITIES, &prov, NULL, html), 3);
	ck_assert_str_eq(html, WUHAN ENSHI XIANT);
	/* each city opens its group, a city-county once */
	ck_assert_int_eq(options(RS_REGIONS, &prov, NULL, html), 6);
	ck_assert_str_eq(html, GROUP("武汉市") WUHAN WUCH END GROUP("恩施州") ENSHI ESS BADONG END
	                 GROUP("仙桃市") XIANT END);
}
END_TEST

START_TEST(a_city_and_a_county_have_theirs_ungrouped)
{
	struct actor city = staff("city", "422800"), county = staff("county", "422801");
	struct actor vol = staff("volunteer", "422801"), donor = { .kind = ACTOR_DONOR };
	char html[HTML_MAX];

	load_regions();
	ck_assert_int_eq(options(RS_COUNTIES, &city, NULL, html), 2);
	ck_assert_str_eq(html, ESS BADONG);
	ck_assert_int_eq(options(RS_REGIONS, &city, NULL, html), 3);
	ck_assert_str_eq(html, ENSHI ESS BADONG);
	ck_assert_int_eq(options(RS_COUNTIES, &county, NULL, html), 1);
	ck_assert_str_eq(html, ESS);
	ck_assert_int_eq(options(RS_CITIES, &county, NULL, html), 0);
	ck_assert_str_eq(html, "");
	/* those who reach no region by role are offered none */
	ck_assert_int_eq(options(RS_COUNTIES, &vol, NULL, html), 0);
	ck_assert_str_eq(html, "");
	ck_assert_int_eq(options(RS_COUNTIES, &donor, NULL, html), 0);
}
END_TEST

START_TEST(the_choice_is_marked_per_request)
{
	struct actor city = staff("city", "422800");
	char html[HTML_MAX];

	load_regions();
	options(RS_COUNTIES, &city, "422823", html);
	ck_assert_str_eq(html, ESS "<option value=\"422823\" selected>"
	                 "巴&lt;东&gt;&amp;&quot;县</option>");
	/* the list built once is not changed by a request's mark */
	options(RS_COUNTIES, &city, NULL, html);
	ck_assert_str_eq(html, ESS BADONG);
	/* a code not offered, or no code at all, marks nothing */
	options(RS_COUNTIES, &city, "420106", html);
	ck_assert_str_eq(html, ESS BADONG);
	options(RS_COUNTIES, &city, "4228\"", html);
	ck_assert_str_eq(html, ESS BADONG);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("regionsel");
	TCase *t = tcase_create("regionsel");

	tcase_add_test(t, the_province_has_every_county_grouped_by_city);
	tcase_add_test(t, a_city_and_a_county_have_theirs_ungrouped);
	tcase_add_test(t, the_choice_is_marked_per_request);
	suite_add_tcase(s, t);
	return s;
}
