/*
 * http_orgs.c — volunteer organisations and their volunteers: a county registers its own (sealed
 * contact, every view audited, a name once per county), city and province see below them; county
 * staff open, close, reopen and reset the accounts of their volunteers and of nobody else; the home
 * page counts organisations, volunteers and approved visits at once; the demo's care data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "client.h"

#define ORG      "http-orgs-org"        /* 巴东县's, made by its county staff */
#define ORG_FAR  "http-orgs-far"        /* 武昌区's */
#define VOL      "http-orgs-vol"
#define CONTACT  "%E8%99%9A%E6%9E%84%E8%81%94%E7%B3%BB%E4%BA%BA"   /* 虚构联系人 */
#define PHONE    "0718-4321987"
#define ORG_ID   "(SELECT id FROM volunteer_orgs WHERE name = '" ORG "')"
#define FAR_ID   "(SELECT id FROM volunteer_orgs WHERE name = '" ORG_FAR "')"

static long post(struct browser *b, const char *path, const char *form)
{
	struct resp r;
	long status;

	b_post(b, path, form, &r);
	status = r.status;
	resp_free(&r);
	return status;
}

/* The page's status, and whether it shows text (if text). */
static long page(struct browser *b, const char *path, const char *text, int *shown)
{
	struct resp r;
	long status;

	b_get(b, path, &r);
	status = r.status;
	if (text)
		*shown = body_has(&r, text) != 0;
	resp_free(&r);
	return status;
}

static void clean(void)
{
	admin_sql("DELETE FROM staff WHERE username = '" VOL "';"
	          "DELETE FROM volunteer_orgs WHERE name IN ('" ORG "', '" ORG_FAR "');", NULL);
}

static long long org_path(char *out, size_t n, const char *id_sql)
{
	long long id = admin_sql_num(id_sql);

	snprintf(out, n, "/admin/orgs/%lld", id);
	return id;
}

START_TEST(organisations_by_reach)
{
	struct browser county, city, prov;
	char path[64], far[64];
	long long views;
	int shown;

	clean();
	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	ck_assert_int_eq(b_staff(&city, "enshi"), 303);
	ck_assert_int_eq(b_staff(&prov, "province"), 303);
	/* County staff register one in their own county (the form names none), contact sealed. */
	ck_assert_int_eq(post(&county, "/admin/orgs", "org_name=" ORG "&contact_name=" CONTACT
	                      "&contact_phone=" PHONE "&agreed_on=2025-03-01"), 303);
	ck_assert_int_eq(admin_sql_num("SELECT county_code = '422823' FROM volunteer_orgs WHERE name = '"
	                               ORG "'"), 1);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM volunteer_orgs WHERE name = '" ORG "' AND "
	                               "(contact_phone LIKE '%" PHONE "%' OR contact_name LIKE '%虚构联系人%' "
	                               "OR contact_phone IS NULL OR contact_name IS NULL)"), 0);
	/* The same name again in the county: 409, nothing made. */
	ck_assert_int_eq(post(&county, "/admin/orgs", "org_name=" ORG), 409);
	ck_assert_int_eq(post(&city, "/admin/orgs", "org_name=" ORG "&county=422823"), 409);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM volunteer_orgs WHERE name = '" ORG "'"), 1);
	/* Out of reach: a county of another city is refused to the county and the city alike. */
	ck_assert_int_eq(post(&county, "/admin/orgs", "org_name=" ORG_FAR "&county=420106"), 403);
	ck_assert_int_eq(post(&city, "/admin/orgs", "org_name=" ORG_FAR "&county=420106"), 403);
	ck_assert_int_eq(post(&prov, "/admin/orgs", "org_name=" ORG_FAR "&county=420106"), 303);
	org_path(far, sizeof far, FAR_ID);
	/* The contact is shown in reach, and each view is on record. */
	org_path(path, sizeof path, ORG_ID);
	views = admin_sql_num("SELECT COUNT(*) FROM audit_log WHERE action = 'org.view_contact'");
	ck_assert_int_eq(page(&county, path, PHONE, &shown), 200);
	ck_assert_msg(shown, "the county does not see its organisation's phone");
	ck_assert_int_eq(page(&city, path, "虚构联系人", &shown), 200);
	ck_assert_msg(shown, "the city does not see the contact of an organisation below it");
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM audit_log WHERE action = 'org.view_contact'"),
	                 views + 2);
	ck_assert_int_eq(page(&county, far, NULL, NULL), 404);
	ck_assert_int_eq(page(&city, far, NULL, NULL), 404);
	ck_assert_int_eq(page(&prov, far, ORG_FAR, &shown), 200);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM audit_log WHERE action = 'org.view_contact'"),
	                 views + 3);
	/* Lists: each sees what is in reach; the province filters by county. */
	ck_assert_int_eq(page(&county, "/admin/orgs", ORG_FAR, &shown), 200);
	ck_assert_msg(!shown, "a county lists another city's organisation");
	ck_assert_int_eq(page(&city, "/admin/orgs", ORG, &shown), 200);
	ck_assert_msg(shown, "the city does not list its county's organisation");
	ck_assert_int_eq(page(&prov, "/admin/orgs?county=420106", ORG "<", &shown), 200);
	ck_assert_msg(!shown, "the county filter lists another county's organisation");
	/* Changed by the county: the name and contact; the county stays its own. */
	ck_assert_int_eq(post(&county, path, "org_name=" ORG "&active=1&contact_phone=13900001111"), 303);
	ck_assert_int_eq(post(&county, far, "org_name=" ORG_FAR "&active=0"), 404);
	ck_assert_int_eq(admin_sql_num("SELECT active FROM volunteer_orgs WHERE name = '" ORG_FAR "'"), 1);
	ck_assert_int_eq(page(&county, path, "13900001111", &shown), 200);
	ck_assert_msg(shown, "the new phone is not shown");
	browser_free(&county);
	browser_free(&city);
	browser_free(&prov);
}
END_TEST

/* A staff member signing in as VOL with password pw: the login's status. */
static long vol_login(const char *pw)
{
	struct browser b;
	struct resp r;
	char form[128];
	long status;

	browser_init(&b);
	b_get(&b, "/admin/login", &r), resp_free(&r);
	snprintf(form, sizeof form, "username=" VOL "&password=%s", pw);
	b_post(&b, "/admin/login", form, &r);
	status = r.status;
	resp_free(&r);
	browser_free(&b);
	return status;
}

START_TEST(volunteer_accounts_by_the_county)
{
	struct browser county, city;
	char form[256];
	long long org, far, audits;
	int shown;

	clean();
	ck_assert_int_eq(admin_sql("INSERT INTO volunteer_orgs (county_code, name) VALUES ('422823', '" ORG "'), "
	                           "('420106', '" ORG_FAR "')", NULL), 0);
	org = admin_sql_num("SELECT id FROM " "volunteer_orgs WHERE name = '" ORG "'");
	far = admin_sql_num("SELECT id FROM volunteer_orgs WHERE name = '" ORG_FAR "'");
	audits = admin_sql_num("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'staff.%'");
	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	/* Another role, or a volunteer of another county's organisation: refused, nothing made. */
	ck_assert_int_eq(post(&county, "/admin/staff", "username=" VOL "&display_name=x&role=county&region=422823"
	                      "&password=vol-test-pw-1"), 403);
	snprintf(form, sizeof form, "username=" VOL "&display_name=x&role=volunteer&org=%lld"
	         "&password=vol-test-pw-1", far);
	ck_assert_int_eq(post(&county, "/admin/staff", form), 404);
	ck_assert_int_eq(post(&county, "/admin/staff", "username=" VOL "&display_name=x&role=volunteer"
	                      "&password=vol-test-pw-1"), 400);   /* no organisation */
	/* An organisation no longer working with the programme takes no one. */
	admin_sql("UPDATE volunteer_orgs SET active = 0 WHERE name = '" ORG "'", NULL);
	snprintf(form, sizeof form, "username=" VOL "&display_name=x&role=volunteer&org=%lld"
	         "&password=vol-test-pw-1", org);
	ck_assert_int_eq(post(&county, "/admin/staff", form), 409);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM staff WHERE username = '" VOL "'"), 0);
	admin_sql("UPDATE volunteer_orgs SET active = 1 WHERE name = '" ORG "'", NULL);
	/* Its own organisation's volunteer: opened, in the organisation's county, listed, and signs in. */
	ck_assert_int_eq(post(&county, "/admin/staff", form), 303);
	ck_assert_int_eq(admin_sql_numf("SELECT org_id = %lld AND region_code = '422823' AND role = 'volunteer' "
	                                "FROM staff WHERE username = '" VOL "'", org), 1);
	ck_assert_int_eq(page(&county, "/admin/staff", VOL, &shown), 200);
	ck_assert_msg(shown, "the county's list lacks its new volunteer");
	ck_assert_int_eq(page(&county, "/admin/staff", ">province<", &shown), 200);
	ck_assert_msg(!shown, "the county's list shows the province's account");
	snprintf(form, sizeof form, "/admin/orgs/%lld", org);
	ck_assert_int_eq(page(&county, form, VOL, &shown), 200);
	ck_assert_msg(shown, "the organisation's page lacks its new volunteer");
	ck_assert_int_eq(vol_login("vol-test-pw-1"), 303);
	/* Not a volunteer, or another county's: as if there were no such account. */
	ck_assert_int_eq(post(&county, "/admin/staff/badong/password", "password=vol-test-pw-9"), 404);
	ck_assert_int_eq(post(&county, "/admin/staff/enshi/active", "active=0"), 404);
	ck_assert_int_eq(b_staff(&city, "enshi"), 303);
	admin_sql("UPDATE staff SET region_code = '420106', org_id = " FAR_ID " WHERE username = '" VOL "'", NULL);
	ck_assert_int_eq(post(&county, "/admin/staff/" VOL "/active", "active=0"), 404);
	ck_assert_int_eq(post(&city, "/admin/staff/" VOL "/active", "active=0"), 404);
	admin_sql("UPDATE staff SET region_code = '422823', org_id = " ORG_ID " WHERE username = '" VOL "'", NULL);
	/* A new password: the old one fails, the new one works. */
	ck_assert_int_eq(post(&county, "/admin/staff/" VOL "/password", "password=vol-test-pw-2"), 303);
	ck_assert_int_eq(vol_login("vol-test-pw-1"), 403);
	ck_assert_int_eq(vol_login("vol-test-pw-2"), 303);
	/* Closed (by the city, above the county): out at once, its assignments end; reopened, back in. */
	admin_sql("INSERT INTO volunteer_children (staff_id, child_id) SELECT s.id, c.id FROM staff s JOIN children c "
	          "ON c.county_code = '422823' WHERE s.username = '" VOL "' ORDER BY c.id LIMIT 2", NULL);
	ck_assert_int_eq(post(&city, "/admin/staff/" VOL "/active", "active=0"), 303);
	ck_assert_int_eq(vol_login("vol-test-pw-2"), 403);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM volunteer_children vc JOIN staff s ON s.id = vc.staff_id "
	                               "WHERE s.username = '" VOL "'"), 0);
	ck_assert_int_eq(post(&county, "/admin/staff/" VOL "/active", "active=1"), 303);
	ck_assert_int_eq(vol_login("vol-test-pw-2"), 303);
	/* Opened, two refusals that wrote nothing aside, a new password, closed, reopened: all on record. */
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'staff.%'"), audits + 4);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM audit_log WHERE action = 'staff.close' AND object_id = '"
	                               VOL "' AND summary LIKE '%2 assignments ended%'"), 1);
	clean();
	browser_free(&county);
	browser_free(&city);
}
END_TEST

/* The figure on the home page after label, as a number (-1 if it is not there). */
static long long home_figure(const char *label)
{
	struct resp r;
	char tail[96];
	const char *p, *b;
	long long n = -1;

	ck_assert_int_eq(http_get("/", &r), 0);
	snprintf(tail, sizeof tail, "</b><span>%s</span>", label);
	p = r.body ? strstr(r.body, tail) : NULL;
	for (b = p; b && b > r.body && b[-1] != '>'; b--)
		;
	if (p && b)
		n = strtoll(b, NULL, 10);
	resp_free(&r);
	return n;
}

START_TEST(home_counts_care)
{
	struct browser county;
	long long orgs, visit;

	clean();
	orgs = admin_sql_num("SELECT COUNT(*) FROM volunteer_orgs WHERE active = 1");
	ck_assert_int_eq(home_figure("志愿者组织"), orgs);
	ck_assert_int_eq(home_figure("志愿者"),
	                 admin_sql_num("SELECT COUNT(*) FROM staff WHERE role = 'volunteer' AND active = 1"));
	ck_assert_int_eq(home_figure("探访次数"), admin_sql_num("SELECT COUNT(*) FROM visits WHERE state = 'approved'"));
	/* A new organisation counts at once, the page cache notwithstanding. */
	ck_assert_int_eq(b_staff(&county, "badong"), 303);
	ck_assert_int_eq(post(&county, "/admin/orgs", "org_name=" ORG), 303);
	ck_assert_int_eq(home_figure("志愿者组织"), orgs + 1);
	browser_free(&county);
	/* So does a visit approved (the demo leaves some awaiting review in 巴东县). */
	visit = admin_sql_num("SELECT MIN(id) FROM visits WHERE state = 'submitted'");
	ck_assert_msg(visit > 0, "the demo has no visit awaiting review");
	ck_assert_int_eq(admin_sql_numf("UPDATE visits SET state = 'approved', reviewed_at = NOW() WHERE id = %lld;"
	                                "SELECT COUNT(*) FROM visits WHERE state = 'approved'", visit),
	                 home_figure("探访次数"));
	admin_sql_numf("SET @state_repair = 1; UPDATE visits SET state = 'submitted', reviewed_at = NULL WHERE id = %lld;"
	               "SELECT 1", visit);
	clean();
}
END_TEST

/* The demo's care: every child the demo paired (to the demo donor or a fictional sponsor) has a volunteer of its
 * county, visits about twice a year, and the demo donor's children are visited, with a letter exchanged. (Children
 * other tests pair by hand are not the demo's.) */
#define DEMO_PAIRED "SELECT COUNT(*) FROM children c JOIN sponsorships p ON p.live_child = c.id AND p.state = 'active' " \
                    "JOIN donors d ON d.id = p.donor_id WHERE c.status = 'paired' " \
                    "AND (d.login LIKE 'demo-sponsor-%' OR d.login = 'demo@example.com') "
START_TEST(demo_care)
{
	ck_assert_int_gt(admin_sql_num(DEMO_PAIRED), 3);
	ck_assert_int_eq(admin_sql_num(DEMO_PAIRED "AND NOT EXISTS ("
	                               "SELECT 1 FROM volunteer_children vc JOIN staff s ON s.id = vc.staff_id "
	                               "WHERE vc.child_id = c.id AND s.region_code = c.county_code AND s.active = 1)"), 0);
	ck_assert_int_gt(admin_sql_num("SELECT COUNT(*) FROM visits v JOIN sponsorships p ON p.id = v.sponsorship_id "
	                               "JOIN donors d ON d.id = p.donor_id WHERE d.login = 'demo@example.com' "
	                               "AND v.state = 'approved'"), 2);
	ck_assert_int_ge(admin_sql_num("SELECT COUNT(*) FROM visits v JOIN children c ON c.id = v.child_id "
	                               "WHERE c.county_code = '422823' AND v.state = 'submitted'"), 2);
	ck_assert_int_ge(admin_sql_num("SELECT COUNT(*) FROM visits v JOIN children c ON c.id = v.child_id "
	                               "WHERE c.county_code = '422823' AND v.state = 'returned'"), 1);
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM letters l JOIN sponsorships p ON p.id = l.sponsorship_id "
	                               "JOIN donors d ON d.id = p.donor_id WHERE d.login = 'demo@example.com' AND "
	                               "((l.direction = 'to_child' AND l.state = 'delivered') OR "
	                               "(l.direction = 'from_child' AND l.state = 'approved'))"), 2);
	/* Summaries are sealed: none reads as text in the database. */
	ck_assert_int_eq(admin_sql_num("SELECT COUNT(*) FROM visits WHERE summary LIKE '%演示%'"), 0);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("orgs");
	TCase *t = tcase_create("orgs");

	tcase_set_timeout(t, 120);
	tcase_add_test(t, organisations_by_reach);
	tcase_add_test(t, volunteer_accounts_by_the_county);
	tcase_add_test(t, home_counts_care);
	tcase_add_test(t, demo_care);
	suite_add_tcase(s, t);
	return s;
}
