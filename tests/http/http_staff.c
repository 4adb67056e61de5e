/* http_staff.c — province staff open and close accounts: role and region must fit, a closed account is out at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "client.h"

#define NEWBIE "staff-test-county"
/* The browsers that have signed in to it (cgi/device.h). */
#define DEVICES "SELECT COUNT(*) FROM staff_devices d JOIN staff s ON s.id = d.staff_id " \
                "WHERE s.username = '" NEWBIE "'"

static long post(struct browser *b, const char *path, const char *form)
{
	struct resp r;
	long status;

	b_post(b, path, form, &r);
	status = r.status;
	resp_free(&r);
	return status;
}

static long page(struct browser *b, const char *path)
{
	struct resp r;
	long status;

	b_get(b, path, &r);
	status = r.status;
	resp_free(&r);
	return status;
}

START_TEST(open_sign_in_close)
{
	struct browser prov, newbie, county;
	long long id, audits = admin_sql_num("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'staff.%'");

	admin_sql("DELETE FROM staff WHERE username = '" NEWBIE "'", NULL);
	ck_assert_int_eq(b_staff(&prov, "province"), 303);
	/* A county role must be bound to a county: the province code is refused, and nothing is made. */
	ck_assert_int_eq(post(&prov, "/admin/staff", "username=" NEWBIE "&display_name=x&role=county&region=420000"
	                      "&password=staff-test-pw"), 400);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM staff WHERE username = '" NEWBIE "'"), 0);
	ck_assert_int_eq(post(&prov, "/admin/staff", "username=" NEWBIE "&display_name=%E6%B5%8B%E8%AF%95&role=county"
	                      "&region=422823&password=staff-test-pw"), 303);
	ck_assert_int_eq(post(&prov, "/admin/staff", "username=" NEWBIE "&display_name=x&role=county&region=422823"
	                      "&password=staff-test-pw"), 409);
	id = admin_sql_num("SELECT id FROM staff WHERE username = '" NEWBIE "'");
	ck_assert_int_gt(id, 0);
	/* The new account signs in, with its own password. */
	browser_init(&newbie);
	{
		struct resp r;
		b_get(&newbie, "/admin/login", &r), resp_free(&r);
		b_post(&newbie, "/admin/login", "username=" NEWBIE "&password=staff-test-pw", &r);
		ck_assert_int_eq(r.status, 303);
		resp_free(&r);
	}
	ck_assert_int_eq(page(&newbie, "/admin"), 200);
	ck_assert_int_eq(admin_sql_num(DEVICES), 1);   /* its browser is known to it now */
	/* A new password from the province: the old one no longer works, the account's sessions are
	 * over, and the browsers it signed in from are strangers again. */
	ck_assert_int_eq(post(&prov, "/admin/staff/" NEWBIE "/password", "password=staff-test-pw-2"), 303);
	ck_assert_int_eq(page(&newbie, "/admin"), 303);
	ck_assert_int_eq(admin_sql_num(DEVICES), 0);
	{
		struct resp r;
		b_get(&newbie, "/admin/login", &r), resp_free(&r);
		b_post(&newbie, "/admin/login", "username=" NEWBIE "&password=staff-test-pw", &r);
		ck_assert_int_eq(r.status, 403);
		resp_free(&r);
		b_post(&newbie, "/admin/login", "username=" NEWBIE "&password=staff-test-pw-2", &r);
		ck_assert_int_eq(r.status, 303);
		resp_free(&r);
	}
	ck_assert_int_eq(page(&newbie, "/admin"), 200);
	ck_assert_int_eq(admin_sql_num(DEVICES), 1);
	/* Closed: its session ends now, it cannot sign in again, and it forgets its browsers. */
	ck_assert_int_eq(post(&prov, "/admin/staff/" NEWBIE "/active", "active=0"), 303);
	ck_assert_int_eq(page(&newbie, "/admin"), 303);
	ck_assert_int_eq(admin_sql_num(DEVICES), 0);
	ck_assert_int_eq(b_staff(&county, NEWBIE), 403);
	browser_free(&county);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'staff.%'"), audits + 3);
	/* A county manages its volunteers' accounts alone (http_volunteers); the province may not close itself. */
	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	ck_assert_int_eq(post(&county, "/admin/staff/province/active", "active=0"), 404);
	ck_assert_int_eq(post(&prov, "/admin/staff/province/active", "active=0"), 409);
	ck_assert_int_eq(post(&prov, "/admin/staff/no-such-person/active", "active=0"), 404);
	admin_sql("DELETE FROM staff WHERE username = '" NEWBIE "'", NULL);
	browser_free(&prov);
	browser_free(&newbie);
	browser_free(&county);
}
END_TEST

/* An agreement signed shows on the home page's count at once; ending it takes it away again. */
START_TEST(member_unit_agreements)
{
	struct browser prov;
	long long before;

	admin_sql("UPDATE member_units SET agreement_signed = 0, agreement_date = NULL WHERE region_code = '420106'", NULL);
	before = admin_sql_num("SELECT COUNT(*) FROM member_units WHERE agreement_signed = 1");
	ck_assert_int_eq(b_staff(&prov, "province"), 303);
	ck_assert_int_eq(page(&prov, "/admin/units"), 200);
	ck_assert_int_eq(post(&prov, "/admin/units/420106", "signed=1"), 400);          /* a date is needed */
	ck_assert_int_eq(post(&prov, "/admin/units/420106", "signed=1&date=2026-11-01"), 303);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM member_units WHERE agreement_signed = 1"), before + 1);
	{
		struct resp r;
		char want[64];
		http_get("/", &r);
		snprintf(want, sizeof want, "<b>%lld</b><span>签约会员单位</span>", before + 1);
		ck_assert_msg(body_has(&r, want), "the home page does not count the new agreement");
		resp_free(&r);
	}
	ck_assert_int_eq(post(&prov, "/admin/units/420106", "signed=0"), 303);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM member_units WHERE agreement_signed = 1"), before);
	browser_free(&prov);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("staff");
	TCase *t = tcase_create("staff");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, open_sign_in_close);
	tcase_add_test(t, member_unit_agreements);
	suite_add_tcase(s, t);
	return s;
}
