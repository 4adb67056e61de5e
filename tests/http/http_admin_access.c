/* http_admin_access.c — who reaches what in the back office: /admin routes × roles × objects in and out of scope. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>
#include <sodium.h>

#include "check_main.h"
#include "client.h"
#include "cmd.h"
#include "config.h"
#include "pii.h"

/* The route table is in cmd.o, which the HTTP tests do not link (it pulls in every page); then it reads as NULL and
 * the routes are read from cgi/cmd.c's text instead. Either way every /admin route must have a row below. */
#pragma weak CMDS

#define PW "tongxiang-demo"
#define DONOR_LOGIN "admin-matrix@example.com"
#define VOLUNTEER_ID "(SELECT id FROM staff WHERE username = 'badong-volunteer')"
#define CONSENT "publish=1&given_by=matrix&given_on=2024-05-06"
#define VOL_LOGIN "username=badong-volunteer&password=" PW
/* The fixture organisations: one in 巴东县, one in 武昌区. */
#define ORG_IN  "matrix-org-in"
#define ORG_OUT "matrix-org-out"
#define LETTER_DECLINE "decision=decline&reason=matrix"
/* batches: the period of the matrix's batches, and of the one the county's cell makes */
#define BATCH_PERIOD "2019H2"
#define BATCH_MADE   "2019-01"
#define MATRIX_BATCHES "(SELECT id FROM payout_batches WHERE period IN ('" BATCH_PERIOD "', '" BATCH_MADE "'))"
/* {form_key}: a one-time key of the cell's own, so that no cell's reply is another's sent again */
#define LETTER_REPLY "form_key={form_key}&letter=matrix"
/* disclosure: the programme update the province's cell posts (removed with the fixtures) */
#define MATRIX_UPDATE "matrix-update"

/* activities: a new one's form (its region follows), a change of a live one's */
#define ACTIVITY_NEW  "slug=matrix-new&title=matrix&text=matrix&goal_yuan=100&from=2030-01-01&to=2030-02-01&region="
#define ACTIVITY_EDIT "text=matrix-changed&to=2030-03-01"
/* The matrix's activities, their updates and its directed gifts, gone. */
#define ACTIVITIES_GONE "DELETE FROM progress_updates WHERE item_kind = 'activity' AND item_id IN (SELECT id FROM " \
	"activities WHERE slug LIKE 'matrix-%%'); DELETE FROM activities WHERE slug LIKE 'matrix-%%';" \
	"DELETE FROM donations WHERE provider = 'matrix';"

enum role { ANON, DONOR, VOL, COUNTY, CITY, PROV, NROLES };
static const char *const ROLE_NAME[NROLES] = { "anonymous", "donor", "volunteer", "county", "city", "province" };
/* The demo staff (txctl demo-staff): 巴东县's volunteer and county, 恩施州 (巴东县's city), and the province. */
static const char *const STAFF[NROLES] = { NULL, NULL, "badong-volunteer", "badong", "enshi", "province" };

/*
 * The object of a cell, made afresh for it so that cells do not depend on each other. IN: 巴东县 child TA00000001
 * (422823), or a pending pairing of it; OUT: 武汉市武昌区 child TA00000002 (420106), or its pairing; DONE: TA00000001
 * already out of the programme, or a pairing of it already rejected; NOSUCH: an id or code that nothing has.
 */
enum object { NONE, IN, OUT, DONE, NOSUCH };
static const char *const OBJ_NAME[] = { "no object", "IN 巴东县", "OUT 武昌区", "DONE", "NOSUCH" };

/* A visit's form and a reviewer's summary (nothing in it the privacy check finds). */
#define VISIT_TEXT    "The+child+studies+hard+and+the+family+is+well+this+term."
#define VISIT_FORM    "form_key={key}&date={today}&kind=home&care_life=1&summary=" VISIT_TEXT
#define VISIT_SUMMARY "summary=" VISIT_TEXT
/* A guardian's bank account; a payout advanced whole (so the child's funds are no matter). */
#define BANK_FORM     "bank_holder=matrix&bank_no=6222021234567890&bank_name=matrix"
#define PAYOUT_FORM   "period=2024&method=cash&amount=1&advanced_yuan=1"
/* pools: the matrix's pools are named so (a new one POOL_NEW), their window long past, so they match nothing */
#define POOL_FUNDER "matrix-pool"
#define POOL_NEW    "matrix-pool-new"
#define POOL_FORM   "funder=" POOL_NEW "&goal_yuan=100&ratio=1:1&cap_yuan=10&from=2019-01-01&to=2019-12-31" \
                    "&kinds=activity&region="
/* An offline gift paid long ago (refused once the target is in reach), directed to the region that follows. */
#define OFFLINE_FORM  "form_key={form_key}&channel=bank&bank_ref=MATRIX&amount=1&date=2000-01-01&target="

/* For pages that list objects: 200 with the object (its child's code) on the page, or 200 without it. */
#define SEEN   200
#define ABSENT (-200)

struct row {
	const char *method, *pattern;  /* exactly as in cgi/cmd.c; {id} is a pairing's id, {child} a child's */
	enum object obj;
	const char *extra;             /* query (GET) or form (POST); {record}: the child's record as its form sends it */
	int fresh;                     /* ends or replaces the session: run in a browser signed in for this cell only */
	int want[NROLES];
};

/* personal fundraising pages: the matrix's page, a spokesperson's form, and the four cells of each act on a page */
#define MATRIX_PAGE "matrix-page"
#define PAGE_FORM   "name=matrix&page_kind=programme&title=matrix&text=x&goal_yuan=1&to={today}&display_name=x"
#define PAGE_ACT_ROWS(pattern, form) \
	{ "POST", pattern, IN,     form, 0, { 403, 403, 403, 303, 303, 303 } }, \
	{ "POST", pattern, OUT,    form, 0, { 403, 403, 403, 404, 404, 303 } }, \
	{ "POST", pattern, DONE,   form, 0, { 403, 403, 403, 409, 409, 409 } }, \
	{ "POST", pattern, NOSUCH, form, 0, { 403, 403, 403, 404, 404, 404 } }

/* THE MATRIX. A new /admin route fails admin_routes_are_all_in_the_matrix until it has its rows here. */
static const struct row MATRIX[] = {
	/* method  pattern                          object  extra                    fresh anon donor vol county city prov */
	{ "GET",  "/admin/login",                    NONE,   "",                       0, { 200, 200, 200, 200, 200, 200 } },
	{ "POST", "/admin/login",                    NONE,   VOL_LOGIN,                1, { 303, 303, 303, 303, 303, 303 } },
	{ "POST", "/admin/logout",                   NONE,   "",                       1, { 403, 403, 303, 303, 303, 303 } },
	{ "GET",  "/admin",                          NONE,   "",                       0, { 303, 303, 200, 200, 200, 200 } },
	{ "GET",  "/admin/pairings",                 IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/pairings",                 OUT,    "",                       0, { 303, 303, 403, ABSENT, ABSENT, SEEN } },
	{ "GET",  "/admin/pairings",                 DONE,   "state=rejected",         0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "POST", "/admin/pairings/{id}/approve",    IN,     "",                       0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/pairings/{id}/approve",    OUT,    "",                       0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/pairings/{id}/approve",    DONE,   "",                       0, { 403, 403, 403, 409, 409, 409 } },
	{ "POST", "/admin/pairings/{id}/approve",    NOSUCH, "",                       0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/pairings/{id}/reject",     IN,     "reason=matrix",          0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/pairings/{id}/reject",     OUT,    "reason=matrix",          0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/pairings/{id}/reject",     DONE,   "reason=matrix",          0, { 403, 403, 403, 409, 409, 409 } },
	{ "POST", "/admin/pairings/{id}/reject",     NOSUCH, "reason=matrix",          0, { 403, 403, 403, 404, 404, 404 } },
	/* asking for another county by the filter still lists nothing out of scope */
	{ "GET",  "/admin/children",                 IN,     "county=422823",          0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/children",                 OUT,    "county=420106",          0, { 303, 303, 403, 404, 404, SEEN } },
	/* money owed back (a lapsed pairing's payment that settled nothing); DONE: refunded already */
	{ "GET",  "/admin/refunds",                  IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/refunds",                  OUT,    "",                       0, { 303, 303, 403, ABSENT, ABSENT, SEEN } },
	{ "POST", "/admin/refunds/{id}",             IN,     "",                       0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/refunds/{id}",             OUT,    "",                       0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/refunds/{id}",             DONE,   "",                       0, { 403, 403, 403, 409, 409, 409 } },
	{ "POST", "/admin/refunds/{id}",             NOSUCH, "",                       0, { 403, 403, 403, 404, 404, 404 } },
	/* a new record with an ID number already on record: named (409) within reach; a county out of reach is 403 */
	{ "GET",  "/admin/children/new",             NONE,   "",                       0, { 303, 303, 403, 200, 200, 200 } },
	{ "POST", "/admin/children",                 IN,     "{record}&county=422823", 0, { 403, 403, 403, 409, 409, 409 } },
	{ "POST", "/admin/children",                 IN,     "{record}&county=420106", 0, { 403, 403, 403, 403, 403, 409 } },
	{ "GET",  "/admin/children/{child}",          IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/children/{child}",          OUT,    "",                       0, { 303, 303, 403, 404, 404, SEEN } },
	{ "GET",  "/admin/children/{child}",          NOSUCH, "",                       0, { 303, 303, 403, 404, 404, 404 } },
	/* A record may only be saved into a county in reach: that is checked first, from the form alone, so its 403 is the
	 * same whether or not the child exists (NOSUCH) and tells nothing about a child out of scope. */
	{ "POST", "/admin/children/{child}",          IN,     "{record}&county=422823", 0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/children/{child}",          IN,     "{record}&county=420106", 0, { 403, 403, 403, 403, 403, 303 } },
	{ "POST", "/admin/children/{child}",          OUT,    "{record}&county=420106", 0, { 403, 403, 403, 403, 403, 303 } },
	{ "POST", "/admin/children/{child}",          OUT,    "{record}&county=422823", 0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/children/{child}",          NOSUCH, "{record}&county=422823", 0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/children/{child}",          NOSUCH, "{record}&county=420106", 0, { 403, 403, 403, 403, 403, 404 } },
	{ "POST", "/admin/children/{child}/consent",  IN,     CONSENT,                  0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/children/{child}/consent",  OUT,    CONSENT,                  0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/children/{child}/consent",  NOSUCH, CONSENT,                  0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/children/{child}/exit",     IN,     "exit_reason=improved",   0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/children/{child}/exit",     OUT,    "exit_reason=improved",   0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/children/{child}/exit",     DONE,   "exit_reason=improved",   0, { 403, 403, 403, 409, 409, 409 } },
	{ "POST", "/admin/children/{child}/exit",     NOSUCH, "exit_reason=improved",   0, { 403, 403, 403, 404, 404, 404 } },
	/* assigning a child to a volunteer of its county */
	{ "POST", "/admin/children/{child}/volunteer", IN,    "staff=badong-volunteer&active=0", 0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/children/{child}/volunteer", OUT,   "staff=badong-volunteer&active=0", 0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/children/{child}/volunteer", NOSUCH, "staff=badong-volunteer&active=1", 0, { 403, 403, 403, 404, 404, 404 } },
	/* exports list only what the role reaches */
	{ "GET",  "/admin/export/children.csv",      IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/export/children.csv",      OUT,    "",                       0, { 303, 303, 403, ABSENT, ABSENT, SEEN } },
	{ "POST", "/admin/export/children.csv",      IN,     "pii=1",                  0, { 403, 403, 403, SEEN, SEEN, SEEN } },
	{ "POST", "/admin/export/children.csv",      OUT,    "pii=1",                  0, { 403, 403, 403, ABSENT, ABSENT, SEEN } },
	{ "GET",  "/admin/export/pairings.csv",      IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/export/pairings.csv",      OUT,    "",                       0, { 303, 303, 403, ABSENT, ABSENT, SEEN } },
	/* views: visits without personal data, those in scope only (the object: a visit to the child) */
	{ "GET",  "/admin/export/visits.csv",        IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/export/visits.csv",        OUT,    "",                       0, { 303, 303, 403, ABSENT, ABSENT, SEEN } },
	/* the ledger upload (its multipart path has tests of its own: a plain form carries no file, so 400) */
	{ "GET",  "/admin/import",                   NONE,   "",                       0, { 303, 303, 403, 200, 200, 200 } },
	{ "POST", "/admin/import",                   NONE,   "",                       0, { 403, 403, 403, 400, 400, 400 } },
	/* importing a checked upload: nobody's upload has this id (the owner's own press is tested in http_import) */
	{ "POST", "/admin/import/{upload}",          NONE,   "",                       0, { 403, 403, 403, 404, 404, 404 } },
	/* staff accounts: the province's all, county and city staff their volunteers' (http_volunteers); an unknown
	 * name is 404 like one out of reach; a role below the province may not open is 403 */
	{ "GET",  "/admin/staff",                    NONE,   "",                       0, { 303, 303, 403, 200, 200, 200 } },
	{ "POST", "/admin/staff",                    NONE,   "username=x",             0, { 403, 403, 403, 400, 400, 400 } },
	{ "POST", "/admin/staff",                    NONE,   "username=badong&display_name=x&role=county&region=422823"
	                                                     "&password=matrix-pw-1", 0, { 403, 403, 403, 403, 403, 409 } },
	{ "POST", "/admin/staff/{username}/active",  NONE,   "active=1",               0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/staff/{username}/password", NONE,  "password=matrix-pw-1",   0, { 403, 403, 403, 404, 404, 404 } },
	/* volunteer organisations (object: IN 巴东县's, OUT 武昌区's, found on the page by name); the same name again in
	 * the same county is 409; a county out of reach 403 */
	{ "GET",  "/admin/orgs",                     IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/orgs",                     OUT,    "",                       0, { 303, 303, 403, ABSENT, ABSENT, SEEN } },
	{ "GET",  "/admin/orgs",                     OUT,    "county=420106",          0, { 303, 303, 403, 404, 404, SEEN } },
	{ "POST", "/admin/orgs",                     IN,     "org_name=" ORG_IN "&county=422823", 0, { 403, 403, 403, 409, 409, 409 } },
	{ "POST", "/admin/orgs",                     OUT,    "org_name=" ORG_OUT "&county=420106", 0, { 403, 403, 403, 403, 403, 409 } },
	{ "GET",  "/admin/orgs/{id}",                IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/orgs/{id}",                OUT,    "",                       0, { 303, 303, 403, 404, 404, SEEN } },
	{ "GET",  "/admin/orgs/{id}",                NOSUCH, "",                       0, { 303, 303, 403, 404, 404, 404 } },
	{ "POST", "/admin/orgs/{id}",                IN,     "org_name=" ORG_IN "&active=0", 0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/orgs/{id}",                OUT,    "org_name=" ORG_OUT "&active=0", 0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/orgs/{id}",                NOSUCH, "org_name=" ORG_IN "&active=0", 0, { 403, 403, 403, 404, 404, 404 } },
	/* member units' agreements are the province's: its cell ends 武昌区's (signed=0), no other role may touch it */
	{ "GET",  "/admin/units",                    NONE,   "",                       0, { 303, 303, 403, 403, 403, 200 } },
	{ "POST", "/admin/units/{region}",           NONE,   "signed=0",               0, { 403, 403, 403, 403, 403, 303 } },
	/* letters: IN a letter to the 巴东县 child (pending; approved for …/delivered and the volunteer's list, delivered
	 * for …/reply), DONE one declined (delivered for …/delivered). A volunteer never reads a sponsor's letter before
	 * review (its own list shows approved ones, to hand over); review is for managers, handing over and replies for
	 * the volunteer and county staff. */
	{ "GET",  "/admin/letters",                  IN,     "letter_state=pending",   0, { 303, 303, ABSENT, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/letters",                  IN,     "letter_state=approved",  0, { 303, 303, SEEN, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/letters",                  OUT,    "letter_state=approved",  0, { 303, 303, ABSENT, ABSENT, ABSENT, SEEN } },
	{ "GET",  "/admin/letters",                  DONE,   "letter_state=declined",  0, { 303, 303, ABSENT, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/letters/{id}",             IN,     "",                       0, { 303, 303, 404, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/letters/{id}",             OUT,    "",                       0, { 303, 303, 404, 404, 404, SEEN } },
	{ "GET",  "/admin/letters/{id}",             NOSUCH, "",                       0, { 303, 303, 404, 404, 404, 404 } },
	{ "POST", "/admin/letters/{id}",             IN,     LETTER_DECLINE,           0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/letters/{id}",             OUT,    LETTER_DECLINE,           0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/letters/{id}",             DONE,   LETTER_DECLINE,           0, { 403, 403, 403, 409, 409, 409 } },
	{ "POST", "/admin/letters/{id}",             NOSUCH, LETTER_DECLINE,           0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/letters/{id}/delivered",   IN,     "",                       0, { 403, 403, 303, 303, 403, 403 } },
	{ "POST", "/admin/letters/{id}/delivered",   OUT,    "",                       0, { 403, 403, 404, 404, 403, 403 } },
	{ "POST", "/admin/letters/{id}/delivered",   DONE,   "",                       0, { 403, 403, 409, 409, 403, 403 } },
	{ "POST", "/admin/letters/{id}/delivered",   NOSUCH, "",                       0, { 403, 403, 404, 404, 403, 403 } },
	{ "POST", "/admin/letters/{id}/reply",       IN,     LETTER_REPLY,             0, { 403, 403, 303, 303, 403, 403 } },
	{ "POST", "/admin/letters/{id}/reply",       OUT,    LETTER_REPLY,             0, { 403, 403, 404, 404, 403, 403 } },
	{ "POST", "/admin/letters/{id}/reply",       DONE,   LETTER_REPLY,             0, { 403, 403, 404, 409, 403, 403 } },
	{ "POST", "/admin/letters/{id}/reply",       NOSUCH, LETTER_REPLY,             0, { 403, 403, 404, 404, 403, 403 } },
	/* renewals: IN a lapsing sponsorship of the 巴东县 child, overdue past the decision days; DONE one rejected.
	 * Only the county decides (wait here); city and province see the list. */
	{ "GET",  "/admin/lapsing",                  IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/lapsing",                  OUT,    "",                       0, { 303, 303, 403, ABSENT, ABSENT, SEEN } },
	{ "POST", "/admin/sponsorships/{id}/lapse",  IN,     "lapse_choice=wait",      0, { 403, 403, 403, 303, 403, 403 } },
	{ "POST", "/admin/sponsorships/{id}/lapse",  OUT,    "lapse_choice=wait",      0, { 403, 403, 403, 404, 403, 403 } },
	{ "POST", "/admin/sponsorships/{id}/lapse",  DONE,   "lapse_choice=wait",      0, { 403, 403, 403, 404, 403, 403 } },
	{ "POST", "/admin/sponsorships/{id}/lapse",  NOSUCH, "lapse_choice=wait",      0, { 403, 403, 403, 404, 403, 403 } },
	/* the audit log is the province's alone */
	{ "GET",  "/admin/audit",                    NONE,   "",                       0, { 303, 303, 403, 403, 403, 200 } },
	/* visits: written by the volunteer (its assigned child) and county staff, reviewed by managers in scope. The
	 * object: a visit by the volunteer of the child, now paired; a draft, submitted for the review routes and the
	 * summary's edit (which is the reviewer's then), approved when DONE. {key} a fresh form key, {today} the date. */
	{ "GET",  "/admin/visits/new",               IN,     "child=TA00000001",       0, { 303, 303, SEEN, SEEN, 403, 403 } },
	{ "GET",  "/admin/visits/new",               OUT,    "child=TA00000002",       0, { 303, 303, 404, 404, 403, 403 } },
	{ "GET",  "/admin/visits/new",               NOSUCH, "child=TA000000ZZ",       0, { 303, 303, 404, 404, 403, 403 } },
	{ "POST", "/admin/visits",                   IN,     "child=TA00000001&" VISIT_FORM, 0, { 403, 403, 303, 303, 403, 403 } },
	{ "POST", "/admin/visits",                   OUT,    "child=TA00000002&" VISIT_FORM, 0, { 403, 403, 404, 404, 403, 403 } },
	{ "GET",  "/admin/visits",                   IN,     "status=draft",           0, { 303, 303, SEEN, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/visits",                   OUT,    "status=draft",           0, { 303, 303, ABSENT, ABSENT, ABSENT, SEEN } },
	{ "GET",  "/admin/visits/{id}",              IN,     "",                       0, { 303, 303, SEEN, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/visits/{id}",              OUT,    "",                       0, { 303, 303, 404, 404, 404, SEEN } },
	{ "GET",  "/admin/visits/{id}",              NOSUCH, "",                       0, { 303, 303, 404, 404, 404, 404 } },
	{ "POST", "/admin/visits/{id}",              IN,     VISIT_SUMMARY,            0, { 403, 403, 409, 303, 303, 303 } },
	{ "POST", "/admin/visits/{id}",              OUT,    VISIT_SUMMARY,            0, { 403, 403, 404, 404, 404, 303 } },
	{ "POST", "/admin/visits/{id}",              DONE,   VISIT_SUMMARY,            0, { 403, 403, 409, 409, 409, 409 } },
	{ "POST", "/admin/visits/{id}",              NOSUCH, VISIT_SUMMARY,            0, { 403, 403, 404, 404, 404, 404 } },
	{ "POST", "/admin/visits/{id}/submit",       IN,     "",                       0, { 403, 403, 303, 403, 403, 403 } },
	{ "POST", "/admin/visits/{id}/submit",       OUT,    "",                       0, { 403, 403, 404, 404, 404, 403 } },
	{ "POST", "/admin/visits/{id}/submit",       DONE,   "",                       0, { 403, 403, 409, 403, 403, 403 } },
	{ "POST", "/admin/visits/{id}/submit",       NOSUCH, "",                       0, { 403, 403, 404, 404, 404, 404 } },
	{ "POST", "/admin/visits/{id}/approve",      IN,     "",                       0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/visits/{id}/approve",      OUT,    "",                       0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/visits/{id}/approve",      DONE,   "",                       0, { 403, 403, 403, 409, 409, 409 } },
	{ "POST", "/admin/visits/{id}/approve",      NOSUCH, "",                       0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/visits/{id}/return",       IN,     "review_note=matrix",     0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/visits/{id}/return",       OUT,    "review_note=matrix",     0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/visits/{id}/return",       DONE,   "review_note=matrix",     0, { 403, 403, 403, 409, 409, 409 } },
	{ "POST", "/admin/visits/{id}/return",       NOSUCH, "review_note=matrix",     0, { 403, 403, 403, 404, 404, 404 } },
	/* photos: a visit's (IN: a draft of the volunteer's; DONE: approved; OUT: 武昌区's, logged by badong, whom the
	 * scope stops first) or a reply's (pending, recorded by the volunteer). Adding is for the author or county staff
	 * in scope while open; a plain form carries no file (400) once who and when allow it. A photo (of such a visit,
	 * uploaded by its author; the file holds the child's code) is seen by staff in scope and deleted by its uploader
	 * or county staff until the visit is approved. */
	{ "POST", "/admin/visits/{id}/photos",       IN,     "",                       0, { 403, 403, 400, 400, 403, 403 } },
	{ "POST", "/admin/visits/{id}/photos",       OUT,    "",                       0, { 403, 403, 404, 404, 404, 403 } },
	{ "POST", "/admin/visits/{id}/photos",       DONE,   "",                       0, { 403, 403, 409, 409, 403, 403 } },
	{ "POST", "/admin/visits/{id}/photos",       NOSUCH, "",                       0, { 403, 403, 404, 404, 404, 404 } },
	{ "POST", "/admin/letters/{id}/photos",      IN,     "",                       0, { 403, 403, 400, 400, 403, 403 } },
	{ "POST", "/admin/letters/{id}/photos",      OUT,    "",                       0, { 403, 403, 404, 404, 404, 403 } },
	{ "POST", "/admin/letters/{id}/photos",      DONE,   "",                       0, { 403, 403, 409, 409, 403, 403 } },
	{ "POST", "/admin/letters/{id}/photos",      NOSUCH, "",                       0, { 403, 403, 404, 404, 404, 404 } },
	{ "GET",  "/admin/photos/{photo}",           IN,     "",                       0, { 303, 303, SEEN, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/photos/{photo}",           OUT,    "",                       0, { 303, 303, 404, 404, 404, SEEN } },
	{ "GET",  "/admin/photos/{photo}",           NOSUCH, "",                       0, { 303, 303, 404, 404, 404, 404 } },
	{ "POST", "/admin/photos/{photo}/delete",    IN,     "",                       0, { 403, 403, 303, 303, 403, 403 } },
	{ "POST", "/admin/photos/{photo}/delete",    OUT,    "",                       0, { 403, 403, 404, 404, 404, 403 } },
	{ "POST", "/admin/photos/{photo}/delete",    DONE,   "",                       0, { 403, 403, 409, 409, 403, 403 } },
	{ "POST", "/admin/photos/{photo}/delete",    NOSUCH, "",                       0, { 403, 403, 404, 404, 404, 404 } },
	/* payouts (善款发放): county staff make, submit, pay, cancel and send again; the city approves or returns its
	 * counties' (the province any); the guardian's bank account is the county's to set. The object: a payout of the
	 * child made for the cell in the state its route acts on (DONE: paid, or cancelled for evidence), its evidence
	 * file holding the child's code; POST /admin/payouts makes one (advanced, so unfunded is no matter). */
	{ "POST", "/admin/children/{child}/bank",    IN,     BANK_FORM,                0, { 403, 403, 403, 303, 403, 403 } },
	{ "POST", "/admin/children/{child}/bank",    OUT,    BANK_FORM,                0, { 403, 403, 403, 404, 404, 403 } },
	{ "POST", "/admin/children/{child}/bank",    NOSUCH, BANK_FORM,                0, { 403, 403, 403, 404, 404, 404 } },
	{ "GET",  "/admin/payouts",                  IN,     "payout_state=draft",     0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/payouts",                  OUT,    "payout_state=draft",     0, { 303, 303, 403, ABSENT, ABSENT, SEEN } },
	{ "GET",  "/admin/payouts/new",              IN,     "child=TA00000001",       0, { 303, 303, 403, SEEN, 403, 403 } },
	{ "GET",  "/admin/payouts/new",              OUT,    "child=TA00000002",       0, { 303, 303, 403, 404, 403, 403 } },
	{ "GET",  "/admin/payouts/new",              NOSUCH, "child=TA000000ZZ",       0, { 303, 303, 403, 404, 403, 403 } },
	{ "POST", "/admin/payouts",                  IN,     "child=TA00000001&" PAYOUT_FORM, 0, { 403, 403, 403, 303, 403, 403 } },
	{ "POST", "/admin/payouts",                  OUT,    "child=TA00000002&" PAYOUT_FORM, 0, { 403, 403, 403, 404, 403, 403 } },
	{ "GET",  "/admin/payouts/{id}",             IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/payouts/{id}",             OUT,    "",                       0, { 303, 303, 403, 404, 404, SEEN } },
	{ "GET",  "/admin/payouts/{id}",             NOSUCH, "",                       0, { 303, 303, 403, 404, 404, 404 } },
	{ "POST", "/admin/payouts/{id}/submit",      IN,     "",                       0, { 403, 403, 403, 303, 403, 403 } },
	{ "POST", "/admin/payouts/{id}/submit",      OUT,    "",                       0, { 403, 403, 403, 404, 404, 403 } },
	{ "POST", "/admin/payouts/{id}/submit",      DONE,   "",                       0, { 403, 403, 403, 409, 403, 403 } },
	{ "POST", "/admin/payouts/{id}/submit",      NOSUCH, "",                       0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/payouts/{id}/approve",     IN,     "",                       0, { 403, 403, 403, 403, 303, 303 } },
	{ "POST", "/admin/payouts/{id}/approve",     OUT,    "",                       0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/payouts/{id}/approve",     DONE,   "",                       0, { 403, 403, 403, 403, 409, 409 } },
	{ "POST", "/admin/payouts/{id}/approve",     NOSUCH, "",                       0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/payouts/{id}/return",      IN,     "review_note=matrix",     0, { 403, 403, 403, 403, 303, 303 } },
	{ "POST", "/admin/payouts/{id}/return",      OUT,    "review_note=matrix",     0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/payouts/{id}/return",      DONE,   "review_note=matrix",     0, { 403, 403, 403, 403, 409, 409 } },
	{ "POST", "/admin/payouts/{id}/return",      NOSUCH, "review_note=matrix",     0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/payouts/{id}/paid",        IN,     "date=2024-05-06",        0, { 403, 403, 403, 303, 403, 403 } },
	{ "POST", "/admin/payouts/{id}/paid",        OUT,    "date=2024-05-06",        0, { 403, 403, 403, 404, 404, 403 } },
	{ "POST", "/admin/payouts/{id}/paid",        DONE,   "date=2024-05-06",        0, { 403, 403, 403, 409, 403, 403 } },
	{ "POST", "/admin/payouts/{id}/paid",        NOSUCH, "date=2024-05-06",        0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/payouts/{id}/cancel",      IN,     "",                       0, { 403, 403, 403, 303, 403, 403 } },
	{ "POST", "/admin/payouts/{id}/cancel",      OUT,    "",                       0, { 403, 403, 403, 404, 404, 403 } },
	{ "POST", "/admin/payouts/{id}/cancel",      DONE,   "",                       0, { 403, 403, 403, 409, 403, 403 } },
	{ "POST", "/admin/payouts/{id}/cancel",      NOSUCH, "",                       0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/payouts/{id}/retry",       IN,     "",                       0, { 403, 403, 403, 303, 403, 403 } },
	{ "POST", "/admin/payouts/{id}/retry",       OUT,    "",                       0, { 403, 403, 403, 404, 404, 403 } },
	{ "POST", "/admin/payouts/{id}/retry",       DONE,   "",                       0, { 403, 403, 403, 409, 403, 403 } },
	{ "POST", "/admin/payouts/{id}/retry",       NOSUCH, "",                       0, { 403, 403, 403, 404, 404, 404 } },
	/* evidence: a plain form carries no file (400) once who and when allow it */
	{ "POST", "/admin/payouts/{id}/files",       IN,     "",                       0, { 403, 403, 403, 400, 403, 403 } },
	{ "POST", "/admin/payouts/{id}/files",       OUT,    "",                       0, { 403, 403, 403, 404, 404, 403 } },
	{ "POST", "/admin/payouts/{id}/files",       DONE,   "",                       0, { 403, 403, 403, 409, 403, 403 } },
	{ "POST", "/admin/payouts/{id}/files",       NOSUCH, "",                       0, { 403, 403, 403, 404, 404, 404 } },
	{ "GET",  "/admin/payouts/files/{photo}",    IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/payouts/files/{photo}",    OUT,    "",                       0, { 303, 303, 403, 404, 404, SEEN } },
	{ "GET",  "/admin/payouts/files/{photo}",    NOSUCH, "",                       0, { 303, 303, 403, 404, 404, 404 } },
	/* batches: a county's payouts made, submitted (county), approved (city, province), paid through the bank's files
	 * (county). The object: a bank batch (period BATCH_PERIOD) of the child's county with the child's payout, draft for
	 * …/submit, submitted for …/approve, approved for …/export; DONE: one step further (nothing left to do: 409). On the
	 * list the batch's link is looked for, on its page and in the bank's file the payout's reference. A result file is a
	 * multipart upload (http_batches): a plain form carries none, 400. */
	{ "GET",  "/admin/batches",                  IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/batches",                  OUT,    "",                       0, { 303, 303, 403, ABSENT, ABSENT, SEEN } },
	{ "GET",  "/admin/batches",                  OUT,    "county=420106",          0, { 303, 303, 403, 404, 404, SEEN } },
	{ "POST", "/admin/batches",                  NONE,   "period=" BATCH_MADE "&method=cash", 0, { 403, 403, 403, 200, 403, 403 } },
	{ "GET",  "/admin/batches/{id}",             IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/batches/{id}",             OUT,    "",                       0, { 303, 303, 403, 404, 404, SEEN } },
	{ "GET",  "/admin/batches/{id}",             NOSUCH, "",                       0, { 303, 303, 403, 404, 404, 404 } },
	{ "POST", "/admin/batches/{id}/submit",      IN,     "",                       0, { 403, 403, 403, 303, 403, 403 } },
	{ "POST", "/admin/batches/{id}/submit",      OUT,    "",                       0, { 403, 403, 403, 404, 404, 403 } },
	{ "POST", "/admin/batches/{id}/submit",      DONE,   "",                       0, { 403, 403, 403, 409, 403, 403 } },
	{ "POST", "/admin/batches/{id}/submit",      NOSUCH, "",                       0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/batches/{id}/approve",     IN,     "",                       0, { 403, 403, 403, 403, 303, 303 } },
	{ "POST", "/admin/batches/{id}/approve",     OUT,    "",                       0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/batches/{id}/approve",     DONE,   "",                       0, { 403, 403, 403, 403, 409, 409 } },
	{ "POST", "/admin/batches/{id}/approve",     NOSUCH, "",                       0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/batches/{id}/export",      IN,     "encoding=utf8",          0, { 403, 403, 403, SEEN, 403, 403 } },
	{ "POST", "/admin/batches/{id}/export",      OUT,    "encoding=gbk",           0, { 403, 403, 403, 404, 404, 403 } },
	{ "POST", "/admin/batches/{id}/export",      DONE,   "encoding=utf8",          0, { 403, 403, 403, 409, 403, 403 } },
	{ "POST", "/admin/batches/{id}/export",      NOSUCH, "encoding=utf8",          0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/batches/{id}/results",     IN,     "",                       0, { 403, 403, 403, 400, 400, 400 } },
	{ "POST", "/admin/batches/{id}/results",     OUT,    "",                       0, { 403, 403, 403, 400, 400, 400 } },
	/* finance: reconciliation in scope (a county out of reach is 404), the report; no volunteer sees money */
	{ "GET",  "/admin/finance",                  NONE,   "",                       0, { 303, 303, 403, 200, 200, 200 } },
	{ "GET",  "/admin/finance",                  NONE,   "county=422823&year=2024", 0, { 303, 303, 403, 200, 200, 200 } },
	{ "GET",  "/admin/finance",                  NONE,   "county=420106&year=2024", 0, { 303, 303, 403, 404, 404, 200 } },
	{ "GET",  "/admin/finance/report",           NONE,   "from=2024-01-01&to=2024-12-31", 0, { 303, 303, 403, 200, 200, 200 } },
	{ "GET",  "/admin/finance/report.csv",       NONE,   "",                       0, { 303, 303, 403, 200, 200, 200 } },
	/* matching pools (配捐): managers make them for what they reach; IN a pool of 巴东县, OUT one of 武昌区 (a new one:
	 * POOL_FORM for the county the object is in), DONE a closed pool of 巴东县; no volunteer sees them */
	{ "GET",  "/admin/pools",                    IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/pools",                    OUT,    "",                       0, { 303, 303, 403, ABSENT, ABSENT, SEEN } },
	{ "GET",  "/admin/pools/new",                NONE,   "",                       0, { 303, 303, 403, 200, 200, 200 } },
	{ "POST", "/admin/pools",                    IN,     POOL_FORM "422823",       0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/pools",                    OUT,    POOL_FORM "420106",       0, { 403, 403, 403, 404, 404, 303 } },
	{ "GET",  "/admin/pools/{id}",               IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/pools/{id}",               OUT,    "",                       0, { 303, 303, 403, 404, 404, SEEN } },
	{ "GET",  "/admin/pools/{id}",               NOSUCH, "",                       0, { 303, 303, 403, 404, 404, 404 } },
	{ "POST", "/admin/pools/{id}/pause",         IN,     "",                       0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/pools/{id}/pause",         OUT,    "",                       0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/pools/{id}/pause",         DONE,   "",                       0, { 403, 403, 403, 409, 409, 409 } },
	{ "POST", "/admin/pools/{id}/pause",         NOSUCH, "",                       0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/pools/{id}/resume",        IN,     "",                       0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/pools/{id}/resume",        OUT,    "",                       0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/pools/{id}/resume",        DONE,   "",                       0, { 403, 403, 403, 409, 409, 409 } },
	{ "POST", "/admin/pools/{id}/resume",        NOSUCH, "",                       0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/pools/{id}/close",         IN,     "",                       0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/pools/{id}/close",         OUT,    "",                       0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/pools/{id}/close",         DONE,   "",                       0, { 403, 403, 403, 409, 409, 409 } },
	{ "POST", "/admin/pools/{id}/close",         NOSUCH, "",                       0, { 403, 403, 403, 404, 404, 404 } },
	/* offline gifts: any staff but volunteers; a gift directed out of reach is not found (its date, long past,
	 * is refused after the reach, so no cell writes a gift: http_offline enters them) */
	{ "GET",  "/admin/offline",                  NONE,   "",                       0, { 303, 303, 403, 200, 200, 200 } },
	{ "POST", "/admin/offline",                  NONE,   OFFLINE_FORM "422823",    0, { 403, 403, 403, 400, 400, 400 } },
	{ "POST", "/admin/offline",                  NONE,   OFFLINE_FORM "420106",    0, { 403, 403, 403, 404, 404, 400 } },
	{ "GET",  "/admin/offline/import",           NONE,   "",                       0, { 303, 303, 403, 200, 200, 200 } },
	{ "POST", "/admin/offline/import",           NONE,   "",                       0, { 403, 403, 403, 400, 400, 400 } },
	{ "POST", "/admin/offline/import/{upload}",  NONE,   "",                       0, { 403, 403, 403, 404, 404, 404 } },
	/* themed activities (专题活动): IN one in 巴东县, OUT one in 武昌区, made afresh for each cell in the state its route
	 * acts on (publish: a draft, resume: paused, else live); DONE ended (updates: a draft, which takes none). A new one
	 * (matrix-new) only in a region in reach. No volunteer touches fundraising. Directed gifts: IN one to 巴东县, OUT
	 * one to 武昌区, found on the page by their amounts. */
	{ "GET",  "/admin/activities",               IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/activities",               OUT,    "",                       0, { 303, 303, 403, ABSENT, ABSENT, SEEN } },
	{ "GET",  "/admin/activities/new",           NONE,   "",                       0, { 303, 303, 403, 200, 200, 200 } },
	{ "POST", "/admin/activities",               IN,     ACTIVITY_NEW "422823",    0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/activities",               OUT,    ACTIVITY_NEW "420106",    0, { 403, 403, 403, 403, 403, 303 } },
	{ "GET",  "/admin/activities/{id}",          IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/activities/{id}",          OUT,    "",                       0, { 303, 303, 403, 404, 404, SEEN } },
	{ "GET",  "/admin/activities/{id}",          NOSUCH, "",                       0, { 303, 303, 403, 404, 404, 404 } },
	{ "POST", "/admin/activities/{id}/edit",     IN,     ACTIVITY_EDIT,            0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/activities/{id}/edit",     OUT,    ACTIVITY_EDIT,            0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/activities/{id}/edit",     DONE,   ACTIVITY_EDIT,            0, { 403, 403, 403, 409, 409, 409 } },
	{ "POST", "/admin/activities/{id}/edit",     NOSUCH, ACTIVITY_EDIT,            0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/activities/{id}/publish",  IN,     "",                       0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/activities/{id}/publish",  OUT,    "",                       0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/activities/{id}/publish",  DONE,   "",                       0, { 403, 403, 403, 409, 409, 409 } },
	{ "POST", "/admin/activities/{id}/publish",  NOSUCH, "",                       0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/activities/{id}/pause",    IN,     "reason=matrix",          0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/activities/{id}/pause",    OUT,    "reason=matrix",          0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/activities/{id}/pause",    DONE,   "reason=matrix",          0, { 403, 403, 403, 409, 409, 409 } },
	{ "POST", "/admin/activities/{id}/pause",    NOSUCH, "reason=matrix",          0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/activities/{id}/resume",   IN,     "",                       0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/activities/{id}/resume",   OUT,    "",                       0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/activities/{id}/resume",   DONE,   "",                       0, { 403, 403, 403, 409, 409, 409 } },
	{ "POST", "/admin/activities/{id}/resume",   NOSUCH, "",                       0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/activities/{id}/end",      IN,     "",                       0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/activities/{id}/end",      OUT,    "",                       0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/activities/{id}/end",      DONE,   "",                       0, { 403, 403, 403, 409, 409, 409 } },
	{ "POST", "/admin/activities/{id}/end",      NOSUCH, "",                       0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/activities/{id}/updates",  IN,     "text=matrix",            0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/activities/{id}/updates",  OUT,    "text=matrix",            0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/activities/{id}/updates",  DONE,   "text=matrix",            0, { 403, 403, 403, 409, 409, 409 } },
	{ "POST", "/admin/activities/{id}/updates",  NOSUCH, "text=matrix",            0, { 403, 403, 403, 404, 404, 404 } },
	{ "GET",  "/admin/directed",                 IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/directed",                 OUT,    "",                       0, { 303, 303, 403, ABSENT, ABSENT, SEEN } },
	/* 举报: a report about the child's page, of the child's county (one of 武昌区 is out of 巴东县's and 恩施州's
	 * reach), found by its ticket; DONE: answered already. A report about a child has nothing to pause (409).
	 * Disclosure: the 3-month rule's list for managers; documents (a multipart upload: a plain form carries none,
	 * 400) and programme updates by the province. */
	{ "GET",  "/admin/reports",                  IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/reports",                  OUT,    "",                       0, { 303, 303, 403, ABSENT, ABSENT, SEEN } },
	{ "GET",  "/admin/reports",                  DONE,   "list_state=answered",    0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/reports/{id}",             IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/reports/{id}",             OUT,    "",                       0, { 303, 303, 403, 404, 404, SEEN } },
	{ "GET",  "/admin/reports/{id}",             NOSUCH, "",                       0, { 303, 303, 403, 404, 404, 404 } },
	{ "POST", "/admin/reports/{id}/answer",      IN,     "text=matrix",            0, { 403, 403, 403, 303, 303, 303 } },
	{ "POST", "/admin/reports/{id}/answer",      OUT,    "text=matrix",            0, { 403, 403, 403, 404, 404, 303 } },
	{ "POST", "/admin/reports/{id}/answer",      DONE,   "text=matrix",            0, { 403, 403, 403, 409, 409, 409 } },
	{ "POST", "/admin/reports/{id}/answer",      NOSUCH, "text=matrix",            0, { 403, 403, 403, 404, 404, 404 } },
	{ "POST", "/admin/reports/{id}/pause-item",  IN,     "reason=matrix",          0, { 403, 403, 403, 409, 409, 409 } },
	{ "POST", "/admin/reports/{id}/pause-item",  OUT,    "reason=matrix",          0, { 403, 403, 403, 404, 404, 409 } },
	{ "POST", "/admin/reports/{id}/pause-item",  NOSUCH, "reason=matrix",          0, { 403, 403, 403, 404, 404, 404 } },
	{ "GET",  "/admin/disclosure",               NONE,   "",                       0, { 303, 303, 403, 200, 200, 200 } },
	{ "POST", "/admin/disclosure/docs",          NONE,   "doc_kind=plan&title=matrix", 0, { 403, 403, 403, 403, 403, 400 } },
	{ "POST", "/admin/disclosure/updates",       NONE,   "text=" MATRIX_UPDATE,    0, { 403, 403, 403, 403, 403, 303 } },
	/* personal fundraising pages (一起捐): the province, and the staff of the page's region, review, pause, resume
	 * and end one; no volunteer. The object: a spokesperson's page tied to the child's county (MATRIX_PAGE), pending
	 * for the list, its page and approve/reject, live for pause/end, paused for resume; DONE: ended. Only the
	 * province makes a spokesperson's page (an end date of today: 400 after access). */
	{ "GET",  "/admin/pages",                    IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/pages",                    OUT,    "",                       0, { 303, 303, 403, ABSENT, ABSENT, SEEN } },
	{ "GET",  "/admin/pages/new",                NONE,   "",                       0, { 303, 303, 403, 403, 403, 200 } },
	{ "POST", "/admin/pages",                    NONE,   PAGE_FORM,                0, { 403, 403, 403, 403, 403, 400 } },
	{ "GET",  "/admin/pages/{id}",               IN,     "",                       0, { 303, 303, 403, SEEN, SEEN, SEEN } },
	{ "GET",  "/admin/pages/{id}",               OUT,    "",                       0, { 303, 303, 403, 404, 404, SEEN } },
	{ "GET",  "/admin/pages/{id}",               NOSUCH, "",                       0, { 303, 303, 403, 404, 404, 404 } },
	PAGE_ACT_ROWS("/admin/pages/{id}/approve", ""),
	PAGE_ACT_ROWS("/admin/pages/{id}/reject", "reason=matrix"),
	PAGE_ACT_ROWS("/admin/pages/{id}/pause", "reason=matrix"),
	PAGE_ACT_ROWS("/admin/pages/{id}/resume", ""),
	PAGE_ACT_ROWS("/admin/pages/{id}/end", ""),
};
#define NROWS (int)(sizeof MATRIX / sizeof MATRIX[0])

/* The fixture children: in 巴东县 and assigned to its volunteer; in 武昌区; in 巴东县, not assigned. Their ID numbers
 * are valid (GB 11643 check character, born 2014-02-03, a girl), so that a save can keep them. */
enum { KID_IN, KID_OUT, KID_OTHER, NKIDS };
static const struct fixture_child KIDS[NKIDS] = {
	{ "TA00000001", "测试·权限甲", "f", "2014-02-03", "422823", "ill", "（虚构）权限测试用的故事。", "waiting", 0,
	  "虚构·权限甲", "422823201402037164", "虚构监护人 13900000001" },
	{ "TA00000002", "测试·权限乙", "f", "2014-02-03", "420106", "ill", "（虚构）权限测试用的故事。", "waiting", 0,
	  "虚构·权限乙", "422823201402038167", "虚构监护人 13900000002" },
	{ "TA00000003", "测试·权限丙", "f", "2014-02-03", "422823", "ill", "（虚构）权限测试用的故事。", "waiting", 0,
	  "虚构·权限丙", "42282320140203916X", "虚构监护人 13900000003" },
};
#define NOSUCH_CODE "TA000000ZZ"

/* The first line a query prints, malloc'd; num: as a number. */
__attribute__((format(printf, 1, 2))) static char *text(const char *fmt, ...)
{
	char sql[2048], *out = NULL;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	ck_assert_msg(admin_sql(sql, &out) == 0, "SQL failed: %s\n%s", sql, out ? out : "");
	out[strcspn(out, "\n")] = '\0';
	return out;
}

static long long to_num(char *t)
{
	long long v = strtoll(t, NULL, 10);

	free(t);
	return v;
}
#define num(...) to_num(text(__VA_ARGS__))

/* The matrix's batches gone: their payouts cancelled by repair (the funds' triggers give the money back), the
 * fixture children's own deleted. */
static void batches_remove(void)
{
	admin_sql("SET @state_repair = 1;"
	          "UPDATE payouts SET state = 'cancelled', batch_id = NULL WHERE batch_id IN " MATRIX_BATCHES ";"
	          "SET @state_repair = NULL;"
	          "DELETE FROM payout_batches WHERE period IN ('" BATCH_PERIOD "', '" BATCH_MADE "');"
	          "DELETE FROM payouts WHERE child_id IN (SELECT id FROM children WHERE code LIKE 'TA0000000_');"
	          "DELETE FROM child_funds WHERE child_id IN (SELECT id FROM children WHERE code LIKE 'TA0000000_');", NULL);
}

/* The matrix's personal pages gone, with their audit-free rows (nothing gives to them). */
static void pages_remove(void)
{
	admin_sql("DELETE FROM fund_pages WHERE title = '" MATRIX_PAGE "';", NULL);
}

static void fixtures_remove(void)
{
	batches_remove();
	pages_remove();
	/* The cells' visits, letters (replies first) and photos go with their children. */
	for (int i = 0; i < NKIDS; i++) {
		fixture_money_delete(KIDS[i].code);
		fixture_delete(KIDS[i].code);
	}
	admin_sql("DELETE FROM donors WHERE login = '" DONOR_LOGIN "';"
	          "DELETE FROM volunteer_orgs WHERE name IN ('" ORG_IN "', '" ORG_OUT "');"
	          "DELETE FROM reports WHERE body = 'matrix';"
	          "DELETE FROM progress_updates WHERE body = '" MATRIX_UPDATE "';", NULL);
	free(text(ACTIVITIES_GONE "SELECT 1"));
}

/* Unchecked: runs once in the runner, after removing what an interrupted run left. */
static void fixtures_add(void)
{
	fixtures_remove();
	for (int i = 0; i < NKIDS; i++)
		ck_assert_msg(fixture_insert(&KIDS[i]) == 0, "fixture %s not inserted", KIDS[i].code);
	ck_assert_int_eq(admin_sql("INSERT INTO donors (login, login_kind, pw_hash, display_name, agreed_at) "
	                           "VALUES ('" DONOR_LOGIN "', 'email', 'x', '权限测试捐赠人', NOW());"
	                           "INSERT INTO volunteer_children (staff_id, child_id) VALUES (" VOLUNTEER_ID ", "
	                           "(SELECT id FROM children WHERE code = 'TA00000001'));"
	                           "INSERT INTO volunteer_orgs (county_code, name) VALUES ('422823', '" ORG_IN "'), "
	                           "('420106', '" ORG_OUT "');", NULL), 0);
}

/* A pairing of the child in the given state; a pending one replaces whatever still binds the child. Returns its id. */
static long long pairing(const char *code, const char *state)
{
	int pending = strcmp(state, "pending_approval") == 0;

	return num("SET @c = (SELECT id FROM children WHERE code = '%s');"
	           "UPDATE sponsorships SET state = 'cancelled', ended_at = NOW() WHERE child_id = @c AND %d "
	           "  AND state IN ('held', 'pending_payment', 'pending_approval', 'active');"
	           "UPDATE children SET status = IF(%d, 'pending', status) WHERE id = @c;"
	           "INSERT INTO sponsorships (child_id, donor_id, state, plan, hold_until, agreed_at, decided_at) "
	           "VALUES (@c, (SELECT id FROM donors WHERE login = '" DONOR_LOGIN "'), '%s', 'annual', NOW(), NOW(), "
	           "  IF(%d, NULL, NOW()));"
	           "SELECT LAST_INSERT_ID();", code, pending, pending, state, pending);
}

/* Money owed back for the child (code): an expired pairing's payment that settled nothing, with the sandbox's record
 * of taking it; done: refunded already. Its receipt is in a year long gone (1999), so no real receipt collides. */
static long long owed(const char *code, int done)
{
	return num("SET @c = (SELECT id FROM children WHERE code = '%s'), @d = (SELECT id FROM donors WHERE login = '"
	           DONOR_LOGIN "'), @n = CONCAT('TM', LPAD(FLOOR(RAND() * 1e15), 22, '0'));"
	           "INSERT INTO sponsorships (child_id, donor_id, state, plan, hold_until, agreed_at, ended_at) "
	           "VALUES (@c, @d, 'expired', 'annual', NOW(), NOW(), NOW());"
	           "INSERT INTO pay_orders (order_no, purpose, donor_id, sponsorship_id, instalment_seq, amount_fen, provider, "
	           "  state, expires_at, paid_at) VALUES (@n, 'sponsorship', @d, LAST_INSERT_ID(), 1, 300000, 'sandbox', "
	           "  'paid', NOW(), NOW());"
	           "SET @o = LAST_INSERT_ID();"
	           "INSERT INTO sandbox_payments (txn, order_no, amount_fen, notice, refunded_at, refund_no) "
	           "VALUES (@n, @n, 300000, '', IF(%d, NOW(), NULL), IF(%d, CONCAT('R', @n), NULL));"
	           "INSERT INTO donations (order_id, amount_fen, status, purpose, paid_at, provider, provider_txn, donor_id, "
	           "  sponsorship_id, instalment_seq, receipt_year, receipt_seq, receipt_code, refund_due) "
	           "SELECT @o, 300000, IF(%d, 'refunded', 'paid'), 'sponsorship', NOW(), 'sandbox', @n, @d, sponsorship_id, 1, "
	           "  1999, @o, 'MATRIXMATRIXMATR', NOT %d FROM pay_orders WHERE id = @o;"
	           "SELECT LAST_INSERT_ID();", code, done, done, done, done);
}

/*
 * A sponsor's letter to the child (code) in state, under an active sponsorship of its own (one ended before it), its
 * text sealed as the app seals it. Returns its id.
 */
static long long letter(const char *code, const char *state)
{
	const char *body = "（虚构）权限测试的信。";
	struct config cfg;
	unsigned char sealed[PII_SEALED_LEN(64)];
	char hex[sizeof sealed * 2 + 1];
	long n;

	ck_assert_int_eq(instance_config(&cfg), 0);
	n = pii_seal(cfg.pii_key, "letter_body", code, body, strlen(body), sealed, sizeof sealed);
	config_free(&cfg);
	ck_assert_int_gt(n, 0);
	sodium_bin2hex(hex, sizeof hex, sealed, (size_t)n);
	/* The child's letters of earlier cells go (a reply another cell made would show on a list). */
	return num("SET @c = (SELECT id FROM children WHERE code = '%s');"
	           "DELETE FROM photos WHERE letter_id IN (SELECT id FROM letters WHERE child_id = @c);"
	           "DELETE FROM letters WHERE child_id = @c AND reply_to IS NOT NULL;"
	           "DELETE FROM letters WHERE child_id = @c;"
	           "UPDATE sponsorships SET state = 'ended', ended_at = NOW() WHERE child_id = @c AND state = 'active';"
	           "UPDATE sponsorships SET state = 'cancelled', ended_at = NOW() WHERE child_id = @c "
	           "  AND state IN ('held', 'pending_payment', 'pending_approval');"
	           "INSERT INTO sponsorships (child_id, donor_id, state, plan, hold_until, agreed_at, decided_at) "
	           "VALUES (@c, (SELECT id FROM donors WHERE login = '" DONOR_LOGIN "'), 'active', 'annual', NOW(), NOW(), "
	           "  NOW());"
	           "INSERT INTO letters (sponsorship_id, child_id, direction, state, body, form_key, reviewed_at, delivered_at) "
	           "VALUES (LAST_INSERT_ID(), @c, 'to_child', '%s', UNHEX('%s'), RANDOM_BYTES(16), "
	           "  IF('%s' = 'pending', NULL, NOW()), IF('%s' = 'delivered', NOW(), NULL));"
	           "SELECT LAST_INSERT_ID();", code, state, hex, state, state);
}

/* The state a cell's letter is made in: what its route acts on, or, for DONE, what it no longer may. */
static const char *letter_state(const struct row *w)
{
	if (strstr(w->pattern, "/delivered"))
		return w->obj == DONE ? "delivered" : "approved";
	if (w->obj == DONE)
		return "declined";
	if (strstr(w->pattern, "/reply"))
		return "delivered";
	return strstr(w->extra, "letter_state=approved") ? "approved" : "pending";
}

/* renewals: the child paired under an active sponsorship, then lapsing, a year-2 instalment 90 days unpaid. */
static long long lapsing(const char *code)
{
	return num("SET @x = %lld;"
	           "UPDATE children SET status = 'paired' WHERE code = '%s';"
	           "UPDATE sponsorships SET state = 'lapsing', lapsing_since = CURDATE() WHERE id = @x;"
	           "INSERT INTO instalments (sponsorship_id, seq, amount_fen, due_date) "
	           "VALUES (@x, 2, 300000, CURDATE() - INTERVAL 90 DAY);"
	           "SELECT @x;", pairing(code, "active"), code);
}

/* The fixture child as it was inserted (county, consent, waiting, nothing binding it), whatever an earlier cell did. */
static void child_reset(const struct fixture_child *k)
{
	free(text("UPDATE sponsorships SET state = 'ended', ended_at = NOW() "
	          "WHERE child_id = (SELECT id FROM children WHERE code = '%s') "
	          "AND state IN ('active', 'lapsing', 'stopping');"
	          "UPDATE sponsorships SET state = 'cancelled', ended_at = NOW() "
	          "WHERE child_id = (SELECT id FROM children WHERE code = '%s') "
	          "AND state IN ('held', 'pending_payment', 'pending_approval', 'active');"
	          "UPDATE children SET county_code = '%s', "
	          "city_code = (SELECT county_city FROM regions WHERE code = county_code), consent_publish = 0, consent_date = NULL, status = 'waiting', "
	          "exit_reason = NULL, exit_note = NULL, exited_at = NULL WHERE code = '%s';", k->code, k->code, k->county, k->code));
	/* The 巴东县 child is its volunteer's again, as fixtures_add left it. */
	if (strcmp(k->code, "TA00000001") == 0)
		free(text("INSERT IGNORE INTO volunteer_children (staff_id, child_id) VALUES (" VOLUNTEER_ID ", "
		          "(SELECT id FROM children WHERE code = 'TA00000001'));"));
}

/*
 * A visit of the child (code), now paired under an active sponsorship, by the volunteer, in state; its summary
 * sealed under the instance's key as the app seals it. The child's earlier visits go. Returns its id.
 */
static long long visit(const char *code, const char *state)
{
	struct config cfg;
	unsigned char sealed[PII_SEALED_LEN(sizeof VISIT_TEXT)];
	char hex[2 * sizeof sealed + 1];
	long n;

	ck_assert_int_eq(instance_config(&cfg), 0);
	n = pii_seal(cfg.pii_key, "visit_summary", code, VISIT_TEXT, strlen(VISIT_TEXT), sealed, sizeof sealed);
	config_free(&cfg);
	ck_assert_int_ge(n, 0);
	sodium_bin2hex(hex, sizeof hex, sealed, (size_t)n);
	/* Other cells' photos and letters may name the child's visits. */
	free(text("SET @c = (SELECT id FROM children WHERE code = '%s');"
	          "DELETE FROM photos WHERE child_id = @c AND visit_id IS NOT NULL;"
	          "UPDATE letters SET delivered_visit = NULL WHERE child_id = @c;"
	          "DELETE FROM visits WHERE child_id = @c; SELECT 1;", code));
	return num("SET @x = %lld;"
	           "UPDATE children SET status = 'paired' WHERE code = '%s';"
	           "INSERT INTO visits (child_id, sponsorship_id, author_id, state, visited_on, kind, care, summary, "
	           "  form_key, submitted_at, reviewed_at) SELECT child_id, id, " VOLUNTEER_ID ", '%s', CURDATE(), 'home', "
	           "  'life', UNHEX('%s'), RANDOM_BYTES(16), IF('%s' = 'draft', NULL, NOW()), "
	           "  IF('%s' = 'approved', NOW(), NULL) FROM sponsorships WHERE id = @x;"
	           "SELECT LAST_INSERT_ID();", pairing(code, "active"), code, state, hex, state, state);
}

/* The child's record as its edit form sends it, county aside, starting from version. */
static void record_form(const struct fixture_child *k, long long version, char *out, size_t n)
{
	const char *const f[][2] = {
		{ "alias", k->alias }, { "gender", k->gender }, { "birth_date", k->birth }, { "category", k->category },
		{ "story", k->story }, { "real_name", k->real_name }, { "id_number", k->id_number }, { "guardian", k->guardian },
	};

	out[0] = '\0';
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		char *v = curl_easy_escape(NULL, f[i][1], 0);  /* percent-encoded, as a browser sends a form */
		snprintf(out + strlen(out), n - strlen(out), "%s%s=%s", i ? "&" : "", f[i][0], v);
		curl_free(v);
	}
	snprintf(out + strlen(out), n - strlen(out), "&version=%lld", version);
}

/* The browser signed in as the role: the demo donor on /login, or a demo staff member on /admin/login. */
static void sign_in(struct browser *b, enum role role)
{
	struct resp r;
	char form[160];

	if (role == DONOR)
		ck_assert_int_eq(b_login(b, "demo@example.com", PW), 303);
	if (role < VOL)
		return;
	b_get(b, "/admin/login", &r);
	resp_free(&r);
	snprintf(form, sizeof form, "username=%s&password=" PW, STAFF[role]);
	b_post(b, "/admin/login", form, &r);
	ck_assert_msg(r.status == 303, "%s cannot sign in: %ld", STAFF[role], r.status);
	resp_free(&r);
	/* As the browser following the redirect: it now holds the staff session's CSRF token. */
	b_get(b, "/admin", &r);
	resp_free(&r);
}

/* A new browser as the role; for ANON, nobody. */
static void become(struct browser *b, enum role role)
{
	browser_init(b);
	sign_in(b, role);
}

/* s with the placeholder name replaced by value, into out (size n). */
static void put(const char *s, const char *name, const char *value, char *out, size_t n)
{
	const char *p = strstr(s, name);
	int at = p ? (int)(p - s) : (int)strlen(s);

	snprintf(out, n, "%.*s%s%s", at, s, p ? value : "", p ? p + strlen(name) : "");
}

/* A cell's object, made for it, and what it looks like in the database (to see whether the request changed it). */
struct target {
	long long id;
	const char *code;        /* the child: the object, or the pairing's */
	char state_sql[320];     /* "" when there is nothing to compare */
	char photo[33];          /* a photo's name, for {photo} */
	char mark[64];           /* what a batch's cell looks for on the page: its link, or a payout's reference */
};

/* A visit to the child (or a reply from it, letter) in state by the staff member author, under a pairing of it that
 * was rejected: a row to hang photos on, whatever the pairing. Returns its id. */
static long long care_item(const char *code, int letter, const char *state, const char *author)
{
	return num("SET @c = (SELECT id FROM children WHERE code = '%s');"
	           "SET @a = (SELECT id FROM staff WHERE username = '%s');"
	           "SET @s = (SELECT id FROM sponsorships WHERE child_id = @c ORDER BY id DESC LIMIT 1);"
	           "INSERT INTO visits (child_id, sponsorship_id, author_id, state, visited_on, kind, care, summary, "
	           "  form_key, reviewed_at) SELECT @c, @s, @a, '%s', CURDATE(), 'home', 'life', 'x', RANDOM_BYTES(16), "
	           "  IF('%s' = 'approved', NOW(), NULL) FROM DUAL WHERE NOT %d;"
	           "INSERT INTO letters (sponsorship_id, child_id, direction, state, body, form_key) "
	           "  SELECT @s, @c, 'to_child', 'approved', 'x', RANDOM_BYTES(16) FROM DUAL WHERE %d;"
	           "INSERT INTO letters (sponsorship_id, child_id, direction, reply_to, state, body, recorded_by, form_key) "
	           "  SELECT @s, @c, 'from_child', LAST_INSERT_ID(), '%s', 'x', @a, RANDOM_BYTES(16) FROM DUAL WHERE %d;"
	           "SELECT LAST_INSERT_ID();", code, author, state, state, letter, letter, state, letter);
}

/* The object of a photos row: a visit or a reply (the {id} routes), or a photo of a visit with its file (the
 * {photo} routes), for the IN child by its volunteer, for the OUT child by badong (out of badong's own scope). */
static void photo_target(const struct row *w, const struct fixture_child *k, struct target *t)
{
	int letter = strstr(w->pattern, "/letters/") != NULL;
	const char *author = w->obj == OUT ? "badong" : "badong-volunteer";
	char path[512], *name;
	FILE *f;

	snprintf(t->photo, sizeof t->photo, "0123456789abcdef0123456789abcdef");
	if (w->obj == NOSUCH)
		return;
	child_reset(k);
	pairing(k->code, "rejected");
	free(text("UPDATE children SET consent_photo = 1 WHERE code = '%s';", k->code));
	t->id = care_item(k->code, letter, w->obj == DONE ? "approved" : letter ? "pending" : "draft", author);
	if (!strstr(w->pattern, "{photo}")) {
		snprintf(t->state_sql, sizeof t->state_sql, "SELECT COUNT(*) FROM photos WHERE %s_id = %lld",
		         letter ? "letter" : "visit", t->id);
		return;
	}
	free(text("INSERT INTO photos (name, child_id, visit_id, slot, mime, width, height, bytes, uploaded_by) "
	          "SELECT MD5(RAND()), child_id, id, 1, 'image/jpeg', 1, 1, 10, author_id FROM visits WHERE id = %lld;",
	          t->id));
	name = text("SELECT name FROM photos WHERE visit_id = %lld", t->id);
	snprintf(t->photo, sizeof t->photo, "%s", name);
	free(name);
	snprintf(t->state_sql, sizeof t->state_sql, "SELECT COUNT(*) FROM photos WHERE name = '%s'", t->photo);
	/* The file nginx sends: the child's code, which SEEN looks for. */
	snprintf(path, sizeof path, "%s/photos/%s", getenv("TX_VAR"), t->photo);
	ck_assert_msg((f = fopen(path, "w")) != NULL, "cannot write %s", path);
	fputs(k->code, f);
	fclose(f);
}

/* The state a cell's payout is made in: what its route acts on; DONE: paid (cancelled for evidence). */
static const char *payout_state(const struct row *w)
{
	static const char *const ACTS[][3] = {
		{ "/submit", "draft" }, { "/approve", "submitted" }, { "/return", "submitted" },
		{ "/paid", "approved" }, { "/cancel", "draft" }, { "/retry", "failed" },
	};

	if (strstr(w->pattern, "{id}/files"))
		return w->obj == DONE ? "cancelled" : "draft";
	if (w->obj == DONE)
		return "paid";
	for (size_t i = 0; i < sizeof ACTS / sizeof ACTS[0]; i++)
		if (strstr(w->pattern, ACTS[i][0]))
			return ACTS[i][1];
	return "draft";
}

/* The object of a payouts row: the child's payouts gone, then one made afresh (none for POST /admin/payouts), with
 * an evidence file for {photo} (the file holds the child's code, which SEEN looks for). */
static void payout_target(const struct row *w, const struct fixture_child *k, struct target *t)
{
	const char *state = payout_state(w);
	int made = !(strcmp(w->method, "POST") == 0 && strcmp(w->pattern, "/admin/payouts") == 0) &&
	           !strstr(w->pattern, "/bank");
	char path[512], *name;
	FILE *f;

	snprintf(t->photo, sizeof t->photo, "0123456789abcdef0123456789abcdef");
	if (w->obj == NOSUCH)
		return;
	snprintf(t->state_sql, sizeof t->state_sql, "SELECT CONCAT_WS(' ', COUNT(*), GROUP_CONCAT(p.state), "
	         "GROUP_CONCAT(COALESCE(p.review_note, '-')), (SELECT COUNT(*) FROM payout_files f JOIN payouts q "
	         "ON q.id = f.payout_id WHERE q.child_id = c.id), c.bank_mask) FROM children c "
	         "LEFT JOIN payouts p ON p.child_id = c.id WHERE c.code = '%s'", k->code);
	/* In one statement (each costs a client's start): the child in its county with no payouts and no account,
	 * whatever an earlier cell did, then the cell's payout (none for the routes that make one or set the account). */
	t->id = num("SET @c = (SELECT id FROM children WHERE code = '%s');"
	            "UPDATE children SET county_code = '%s', city_code = (SELECT county_city FROM regions "
	            "  WHERE code = '%s'), pii_bank = NULL, bank_mask = NULL WHERE id = @c;"
	            "DELETE f FROM payout_files f JOIN payouts p ON p.id = f.payout_id WHERE p.child_id = @c;"
	            "DELETE FROM payouts WHERE child_id = @c; DELETE FROM child_funds WHERE child_id = @c;"
	            "INSERT INTO payouts (ref, child_id, county_code, city_code, period, amount_fen, advanced_fen, "
	            "  method, state, paid_on, created_by) SELECT CONCAT('PM', LPAD(FLOOR(RAND() * 1e9), 10, '0')), id, "
	            "  county_code, city_code, '2024', 100, 100, 'cash', '%s', IF('%s' = 'paid', '2024-05-06', NULL), "
	            "  (SELECT id FROM staff WHERE username = 'badong') FROM children WHERE id = @c AND %d;"
	            "SELECT IF(%d, LAST_INSERT_ID(), 4294967295);", k->code, k->county, k->county, state, state,
	            made, made);
	if (!strstr(w->pattern, "{photo}"))
		return;
	name = text("INSERT INTO payout_files (name, payout_id, slot, mime, bytes, uploaded_by) SELECT MD5(RAND()), id, "
	            "1, 'application/pdf', 10, created_by FROM payouts WHERE id = %lld;"
	            "SELECT name FROM payout_files WHERE payout_id = %lld", t->id, t->id);
	snprintf(t->photo, sizeof t->photo, "%s", name);
	free(name);
	snprintf(path, sizeof path, "%s/photos/%s", getenv("TX_VAR"), t->photo);
	ck_assert_msg((f = fopen(path, "w")) != NULL, "cannot write %s", path);
	fputs(k->code, f);
	fclose(f);
}

/* A bank batch of the child's county with the child's payout, in the state the cell's route acts on (or, DONE, one
 * step past it), the child's account sealed for the bank's file. */
static void batch_target(const struct row *w, const struct fixture_child *k, struct target *t)
{
	static const char *const STATES[][2] = {
		{ "/submit", "draft" }, { "/approve", "submitted" }, { "/export", "approved" }, { "", "draft" },
	};
	static const char *const DONE_STATES[] = { "submitted", "approved", "paid", "paid" };
	size_t i = 0;
	char *ref;

	while (*STATES[i][0] && !strstr(w->pattern, STATES[i][0]))
		i++;
	batches_remove();
	ck_assert_int_eq(fixture_bank(k->code, "矩阵户主", "6222020200009999", "矩阵银行"), 0);
	t->id = num("INSERT INTO payout_batches (county_code, period, method, created_by) VALUES ('%s', '" BATCH_PERIOD
	            "', 'bank', (SELECT id FROM staff WHERE username = 'badong'));"
	            "SET @b = LAST_INSERT_ID();"
	            "INSERT INTO payouts (ref, child_id, county_code, city_code, period, amount_fen, method, state, "
	            "  batch_id, paid_on, created_by) SELECT CONCAT('PM', LPAD(FLOOR(RAND() * 1e10), 10, '0')), id, "
	            "  county_code, city_code, '" BATCH_PERIOD "', 150000, 'bank', '%s', @b, IF('%s' = 'paid', CURDATE(), "
	            "  NULL), (SELECT id FROM staff WHERE username = 'badong') FROM children WHERE code = '%s';"
	            "SELECT @b;", k->county, w->obj == DONE ? DONE_STATES[i] : STATES[i][1],
	            w->obj == DONE ? DONE_STATES[i] : STATES[i][1], k->code);
	ref = text("SELECT ref FROM payouts WHERE batch_id = %lld", t->id);
	if (strcmp(w->pattern, "/admin/batches") == 0)
		snprintf(t->mark, sizeof t->mark, "/admin/batches/%lld\"", t->id);
	else
		snprintf(t->mark, sizeof t->mark, "%s", ref);
	free(ref);
	t->code = t->mark;
	snprintf(t->state_sql, sizeof t->state_sql, "SELECT CONCAT_WS(' ', COUNT(*), GROUP_CONCAT(state)) FROM payouts "
	         "WHERE batch_id = %lld", t->id);
}

/* A pool of the child's county (POOL_FUNDER, found on a page by that name, the only pool so named), in the state the cell's route acts on
 * (DONE: closed); for the route that makes one, the count of new ones is what changes. */
static void pool_target(const struct row *w, const struct fixture_child *k, struct target *t)
{
	const char *state = w->obj == DONE ? "closed" : strstr(w->pattern, "/resume") ? "paused" : "active";

	t->id = num("DELETE FROM match_pools WHERE funder LIKE '" POOL_FUNDER "%%';"
	            "INSERT INTO match_pools (funder, amount_fen, remaining_fen, cap_fen, starts_at, ends_at, "
	            "  scope_region, kinds, state, created_by) SELECT '" POOL_FUNDER "', 100, 100, 10, '2019-01-01', "
	            "  '2019-12-31', '%s', 'activity', '%s', id FROM staff WHERE username = 'province';"
	            "SELECT LAST_INSERT_ID();", k->county, state);
	t->code = POOL_FUNDER;
	if (strcmp(w->pattern, "/admin/pools") == 0 && strcmp(w->method, "POST") == 0)
		snprintf(t->state_sql, sizeof t->state_sql,
		         "SELECT COUNT(*) FROM match_pools WHERE funder = '" POOL_NEW "'");
	else
		snprintf(t->state_sql, sizeof t->state_sql, "SELECT state FROM match_pools WHERE id = %lld", t->id);
}

/* An activity (or a directed gift) of the cell's region, alone of the matrix's, in the state its route acts on. */
static void activity_target(const struct row *w, struct target *t)
{
	static const char *const STATES[][2] = { { "/publish", "draft" }, { "/resume", "paused" }, { "", "live" } };
	const char *region = w->obj == OUT ? "420106" : "422823", *state;
	size_t i = 0;

	while (*STATES[i][0] && !strstr(w->pattern, STATES[i][0]))
		i++;
	state = w->obj != DONE ? STATES[i][1] : strstr(w->pattern, "/updates") ? "draft" : "ended";
	if (strstr(w->pattern, "/directed")) {
		t->code = w->obj == OUT ? "9,876.53" : "9,876.54";
		t->id = num(ACTIVITIES_GONE "INSERT INTO donations (amount_fen, status, purpose, paid_at, provider, "
		            "target_region, receipt_year, receipt_seq, receipt_code) VALUES (%d, 'paid', 'directed', NOW(), "
		            "'matrix', '%s', 1999, %d, 'MATRIXMATRIXMATR'); SELECT LAST_INSERT_ID()",
		            w->obj == OUT ? 987653 : 987654, region, w->obj == OUT ? 987653 : 987654);
		return;
	}
	t->code = w->obj == OUT ? "matrix-out" : "matrix-in";
	t->id = num(ACTIVITIES_GONE "INSERT INTO activities (slug, title, story, goal_fen, starts_on, ends_on, region_code, "
	            "state, created_by) VALUES ('%s', 'matrix', '（虚构）矩阵', 10000, CURDATE(), CURDATE() + INTERVAL 30 DAY, "
	            "'%s', '%s', (SELECT id FROM staff WHERE username = 'province')); SELECT LAST_INSERT_ID()", t->code,
	            region, state);
	if (strcmp(w->method, "POST") == 0 && strcmp(w->pattern, "/admin/activities") == 0)
		snprintf(t->state_sql, sizeof t->state_sql, "SELECT COUNT(*) FROM activities WHERE slug = 'matrix-new'");
	else
		snprintf(t->state_sql, sizeof t->state_sql, "SELECT CONCAT_WS(' ', state, MD5(story), ends_on, "
		         "COALESCE(pause_reason, '-'), (SELECT COUNT(*) FROM progress_updates WHERE item_kind = 'activity' "
		         "AND item_id = a.id)) FROM activities a WHERE id = %lld", t->id);
}

/* 举报: a report about the child's page in its county, open (answered, DONE); its ticket is what pages show. */
static void report_target(const struct row *w, const struct fixture_child *k, struct target *t)
{
	char *ticket;

	t->id = num("INSERT INTO reports (ticket, item, region_code, kind, body, net_hash, due_on, state, answer) "
	            "VALUES (CONCAT('MX', LPAD(FLOOR(RAND() * 1e10), 10, '0')), 'child:%s', '%s', 'other', 'matrix', "
	            "RANDOM_BYTES(32), CURDATE(), IF(%d, 'answered', 'open'), IF(%d, 'matrix', NULL));"
	            "SELECT LAST_INSERT_ID();", k->code, k->county, w->obj == DONE, w->obj == DONE);
	ticket = text("SELECT ticket FROM reports WHERE id = %lld", t->id);
	snprintf(t->mark, sizeof t->mark, "%s", ticket);
	free(ticket);
	t->code = t->mark;
	snprintf(t->state_sql, sizeof t->state_sql, "SELECT CONCAT_WS(' ', state, COALESCE(answer, '-'), "
	         "COALESCE(paused_at, '-')) FROM reports WHERE id = %lld", t->id);
}

/* A spokesperson's page tied to the child's county, in the state the cell's route acts on (DONE: ended); found on a
 * page by its code. */
static void page_target(const struct row *w, const struct fixture_child *k, struct target *t)
{
	const char *state = w->obj == DONE ? "ended" :
	                    strstr(w->pattern, "/pause") || strstr(w->pattern, "/end") ? "live" :
	                    strstr(w->pattern, "/resume") ? "paused" : "pending";
	char *code;

	pages_remove();
	t->id = num("INSERT INTO fund_pages (code, kind, spokesperson, person_name, display_name, title, story, "
	            "  goal_fen, ends_on, region_code, state) VALUES (CONCAT('MXP', LPAD(FLOOR(RAND() * 1e5), 5, '0')), "
	            "  'programme', 1, 'matrix', 'matrix', '" MATRIX_PAGE "', 'x', 100, CURDATE() + INTERVAL 30 DAY, "
	            "  '%s', '%s');"
	            "SELECT LAST_INSERT_ID();", k->county, state);
	code = text("SELECT code FROM fund_pages WHERE id = %lld", t->id);
	snprintf(t->mark, sizeof t->mark, "%s", code);
	free(code);
	t->code = t->mark;
	snprintf(t->state_sql, sizeof t->state_sql, "SELECT CONCAT_WS(' ', state, COALESCE(review_note, '-')) "
	         "FROM fund_pages WHERE id = %lld", t->id);
}

static void target_make(const struct row *w, struct target *t)
{
	const struct fixture_child *k = &KIDS[w->obj == OUT ? KID_OUT : KID_IN];

	t->id = 4294967295LL;
	t->code = w->obj == NOSUCH ? NOSUCH_CODE : k->code;
	t->state_sql[0] = '\0';
	t->photo[0] = '\0';
	if (strncmp(w->pattern, "/admin/payouts", 14) == 0 || strstr(w->pattern, "/bank")) {
		payout_target(w, k, t);
		return;
	}
	if (strstr(w->pattern, "photo"))
		photo_target(w, k, t);
	if (w->obj == NONE || w->obj == NOSUCH || strstr(w->pattern, "photo"))
		return;
	if (strncmp(w->pattern, "/admin/batches", 14) == 0) {
		batch_target(w, k, t);
	} else if (strncmp(w->pattern, "/admin/pools", 12) == 0) {
		pool_target(w, k, t);
	} else if (strncmp(w->pattern, "/admin/activities", 17) == 0 || strstr(w->pattern, "/directed")) {
		activity_target(w, t);
	} else if (strncmp(w->pattern, "/admin/reports", 14) == 0) {
		report_target(w, k, t);
	} else if (strncmp(w->pattern, "/admin/pages", 12) == 0) {
		page_target(w, k, t);
	} else if (strstr(w->pattern, "/orgs")) {
		/* An organisation, working again whatever an earlier cell did; found on a page by its name. */
		t->code = w->obj == OUT ? ORG_OUT : ORG_IN;
		t->id = num("UPDATE volunteer_orgs SET active = 1 WHERE name = '%s';"
		            "SELECT id FROM volunteer_orgs WHERE name = '%s'", t->code, t->code);
		snprintf(t->state_sql, sizeof t->state_sql, "SELECT CONCAT(name, active) FROM volunteer_orgs WHERE id = %lld",
		         t->id);
	} else if (strncmp(w->pattern, "/admin/visits", 13) == 0) {
		int review = strstr(w->pattern, "/approve") || strstr(w->pattern, "/return") ||
		             (strcmp(w->method, "POST") == 0 && strcmp(w->pattern, "/admin/visits/{id}") == 0);

		child_reset(k);
		t->id = visit(k->code, w->obj == DONE ? "approved" : review ? "submitted" : "draft");
		snprintf(t->state_sql, sizeof t->state_sql, "SELECT CONCAT_WS(' ', COUNT(*), GROUP_CONCAT(state), "
		         "MD5(GROUP_CONCAT(summary)), GROUP_CONCAT(COALESCE(review_note, '-'))) FROM visits "
		         "WHERE child_id = (SELECT id FROM children WHERE code = '%s')", k->code);
	} else if (strstr(w->pattern, "/refunds")) {
		t->id = owed(k->code, w->obj == DONE);
		snprintf(t->state_sql, sizeof t->state_sql, "SELECT CONCAT(status, refund_due) FROM donations WHERE id = %lld",
		         t->id);
	} else if (strstr(w->pattern, "/letters")) {
		t->id = letter(k->code, letter_state(w));
		snprintf(t->state_sql, sizeof t->state_sql, "SELECT CONCAT(state, ' ', (SELECT COUNT(*) FROM letters r "
		         "WHERE r.reply_to = l.id)) FROM letters l WHERE id = %lld", t->id);
	} else if (strstr(w->pattern, "/export/visits")) {
		/* views: a submitted visit under an active pairing of the child */
		child_reset(k);
		t->id = fixture_visit(k->code, pairing(k->code, "active"), "badong", "submitted",
		                      "2024-05-06", "home", "life", 0, "（虚构）矩阵测试的探访。", 0);
	} else if (strstr(w->pattern, "/laps")) {
		/* renewals: a lapsing sponsorship, its year-2 instalment 90 days overdue (a rejected pairing, DONE) */
		child_reset(k);
		t->id = w->obj == DONE ? pairing(k->code, "rejected") : lapsing(k->code);
		snprintf(t->state_sql, sizeof t->state_sql, "SELECT CONCAT_WS(' ', state, COALESCE(wait_until, '-')) "
		         "FROM sponsorships WHERE id = %lld", t->id);
	} else if (strstr(w->pattern, "/pairings")) {
		t->id = pairing(k->code, w->obj == DONE ? "rejected" : "pending_approval");
		snprintf(t->state_sql, sizeof t->state_sql, "SELECT state FROM sponsorships WHERE id = %lld", t->id);
	} else {
		child_reset(k);
		if (w->obj == DONE)
			free(text("UPDATE children SET status = 'exited', exit_reason = 'aged_out', exited_at = NOW() "
			          "WHERE code = '%s';", k->code));
		snprintf(t->state_sql, sizeof t->state_sql, "SELECT CONCAT_WS(' ', version, county_code, consent_publish, "
		         "status, (SELECT COUNT(*) FROM volunteer_children v WHERE v.child_id = children.id)) FROM children "
		         "WHERE code = '%s'", k->code);
	}
}

/* A cell's form: a one-time key of its own (a visit's {key}, a letter's {form_key}), {today}. */
static void cell_extra(const char *in, char *out, size_t n)
{
	unsigned char key[16];
	char hex[33], a[400], b[400], *today = text("SELECT CURDATE()");

	randombytes_buf(key, sizeof key);
	sodium_bin2hex(hex, sizeof hex, key, sizeof key);
	put(in, "{key}", hex, a, sizeof a);
	put(a, "{form_key}", hex, b, sizeof b);
	put(b, "{today}", today, out, n);
	free(today);
}

/* One cell: the row's request as the role, on its own object; a mismatch is appended to bad (size n). */
static void cell(struct browser *shared, enum role role, const struct row *w, char *bad, size_t n)
{
	struct browser own, *b = shared;
	struct target t;
	char num_id[24], path[256], rec[1024] = "", form[1400], full[1700], loc[512] = "", *before = NULL, *after = NULL;
	char extra[400];
	int want = w->want[role], is_post = strcmp(w->method, "POST") == 0, ok;
	struct resp r;

	target_make(w, &t);
	snprintf(num_id, sizeof num_id, "%lld", t.id);
	put(w->pattern, "{id}", num_id, full, sizeof full);
	put(full, "{child}", t.code, path, sizeof path);
	/* A staff account's name: one that does not exist, so that no cell changes an account. */
	put(path, "{username}", "no-such-staff", rec, sizeof rec);
	put(rec, "{upload}", "0123456789abcdef0123456789abcdef", full, sizeof full);
	put(full, "{region}", "420106", path, sizeof path);
	put(path, "{photo}", t.photo, rec, sizeof rec);
	snprintf(full, sizeof full, "%s", rec);
	cell_extra(w->extra, extra, sizeof extra);
	rec[0] = '\0';
	memcpy(path, full, strlen(full) < sizeof path ? strlen(full) + 1 : sizeof path);
	path[sizeof path - 1] = '\0';
	if (strstr(w->extra, "{record}"))
		record_form(&KIDS[w->obj == OUT ? KID_OUT : KID_IN], w->obj == NOSUCH ? 1 :
		            num("SELECT version FROM children WHERE code = '%s'", t.code), rec, sizeof rec);
	put(extra, "{record}", rec, form, sizeof form);
	if (w->fresh)
		become(b = &own, role);
	if (t.state_sql[0])
		before = text("%s", t.state_sql);
	if (is_post) {
		/* The token the role's browser would hold: that of the back-office form it was last shown. */
		b_get(b, "/admin/login", &r);
		resp_free(&r);
		b_post(b, path, form, &r);
		snprintf(full, sizeof full, "%s", path);
	} else {
		snprintf(full, sizeof full, "%s%s%s", path, *form ? "?" : "", form);
		b_get(b, full, &r);
	}
	resp_location(&r, loc, sizeof loc);
	ok = r.status == (want == SEEN || want == ABSENT ? 200 : want);
	if (ok && r.status == 200 && w->obj != NONE)
		ok = (body_has(&r, t.code) != 0) == (want == SEEN);
	/* A refused GET goes to the staff login and back; a done POST stays in the back office. */
	if (ok && r.status == 303)
		ok = strncmp(loc, is_post ? "/admin" : "/admin/login?next=", is_post ? 6 : 18) == 0;
	/* Only what was allowed changed anything; every refusal left the object as it was. */
	if (ok && before) {
		after = text("%s", t.state_sql);
		ok = (strcmp(before, after) != 0) == (is_post && want == 303);
	}
	if (!ok) {
		size_t len = strlen(bad);
		snprintf(bad + len, n - len, "\n  %-9s %s %s [%s]: want %d%s, got %ld%s%s%s%s%s%s", ROLE_NAME[role], w->method,
		         full, OBJ_NAME[w->obj], want == ABSENT ? 200 : want, want == SEEN ? " showing it" : want == ABSENT ?
		         " without it" : "", r.status, *loc ? " to " : "", loc, before ? "; object " : "", before ? before : "",
		         after ? " -> " : "", after ? after : "");
	}
	free(before);
	free(after);
	resp_free(&r);
	if (w->fresh)
		browser_free(&own);
}

/*
 * The matrix is walked in MATRIX_PARTS parts a role, so that one test's time stays well inside the
 * timeout however many routes there are: part p holds the rows i with i % MATRIX_PARTS == p.
 */
#define MATRIX_PARTS 6

/* One part of the rows, as one role (_i / MATRIX_PARTS): its mismatching cells reported together. */
START_TEST(access_matrix)
{
	enum role role = (enum role)(_i / MATRIX_PARTS);
	struct browser b;
	char bad[16384] = "";

	become(&b, role);
	for (int i = _i % MATRIX_PARTS; i < NROWS; i += MATRIX_PARTS)
		cell(&b, role, &MATRIX[i], bad, sizeof bad);
	browser_free(&b);
	for (int k = KID_IN; k <= KID_OUT; k++)
		child_reset(&KIDS[k]);
	ck_assert_msg(bad[0] == '\0', "cells that answered otherwise:%s", bad);
}
END_TEST

struct route { char method[8], pattern[256]; };

/* The routes under /admin: from the linked table, or else from the table's source. */
static int admin_routes(struct route *out, int max)
{
	char line[1024];
	FILE *f;
	int n = 0;

	for (const struct cmd *c = CMDS; c && c->method && n < max; c++)
		if (strncmp(c->pattern, "/admin", 6) == 0) {
			snprintf(out[n].method, sizeof out->method, "%s", c->method);
			snprintf(out[n++].pattern, sizeof out->pattern, "%s", c->pattern);
		}
	if (CMDS)
		return n;
	/* Run from the project's root, as tests/run.sh does (the client reads conf/ from there too). */
	ck_assert_msg((f = fopen("cgi/cmd.c", "r")) != NULL, "cannot read cgi/cmd.c for the route table");
	while (fgets(line, sizeof line, f) && n < max)
		if (sscanf(line, " def_%*[a-z] ( %7[A-Z] , \"%255[^\"]\"", out[n].method,
		           out[n].pattern) == 2 &&
		    strncmp(out[n].pattern, "/admin", 6) == 0)
			n++;
	fclose(f);
	return n;
}

static int is_route(const struct row *w, const struct route *r)
{
	return strcmp(w->method, r->method) == 0 && strcmp(w->pattern, r->pattern) == 0;
}

START_TEST(admin_routes_are_all_in_the_matrix)
{
	struct route routes[256];
	int n = admin_routes(routes, (int)(sizeof routes / sizeof routes[0]));

	ck_assert_msg(n >= 7, "only %d /admin routes found", n);
	/* a full array may have cut the list short: make room */
	ck_assert_msg(n < (int)(sizeof routes / sizeof routes[0]), "%d routes fill the array", n);
	for (int k = 0; k < n; k++) {
		int rows = 0, in = 0, out = 0;
		for (int i = 0; i < NROWS; i++)
			if (is_route(&MATRIX[i], &routes[k])) {
				rows++;
				in += MATRIX[i].obj == IN;
				out += MATRIX[i].obj == OUT;
			}
		ck_assert_msg(rows > 0, "%s %s has no row in the access matrix", routes[k].method, routes[k].pattern);
		/* A route that names a child or a pairing is tried on one inside and one outside the scope. (Staff accounts,
		 * named by {username}, have no region: their routes are the province's alone.) */
		ck_assert_msg((!strstr(routes[k].pattern, "{id}") && !strstr(routes[k].pattern, "{child}")) || (in && out),
		              "%s %s: no row with an object in and one out of scope", routes[k].method, routes[k].pattern);
	}
	/* And no row for a route that no longer exists. */
	for (int i = 0; i < NROWS; i++) {
		int found = 0;
		for (int k = 0; k < n; k++)
			found |= is_route(&MATRIX[i], &routes[k]);
		ck_assert_msg(found, "matrix row %d: %s %s is not a route", i, MATRIX[i].method, MATRIX[i].pattern);
	}
}
END_TEST

/* The value of the browser's cookie name ("" if none), out of size 256. */
static void cookie_of(struct browser *b, const char *name, char *out)
{
	struct curl_slist *list = NULL;
	char k[64], v[256];

	out[0] = '\0';
	curl_easy_getinfo(b->c, CURLINFO_COOKIELIST, &list);
	for (struct curl_slist *l = list; l; l = l->next)
		if (sscanf(l->data, "%*s %*s %*s %*s %*s %63s %255s", k, v) == 2 && strcmp(k, name) == 0)
			snprintf(out, 256, "%s", v);
	curl_slist_free_all(list);
}

/* A browser that sends only cookie name=value, as if the server had set it. */
static void forged(struct browser *b, const char *name, const char *value)
{
	char cookie[320];

	browser_init(b);
	snprintf(cookie, sizeof cookie, "%s=%s", name, value);
	curl_easy_setopt(b->c, CURLOPT_COOKIE, cookie);
}

static void get_expect(struct browser *b, const char *path, long status, const char *to)
{
	struct resp r;
	char loc[512];

	b_get(b, path, &r);
	resp_location(&r, loc, sizeof loc);
	ck_assert_msg(r.status == status && strncmp(loc, to, strlen(to)) == 0, "GET %s: %ld to %s", path, r.status, loc);
	resp_free(&r);
}

/* How many sessions in table (staff_sessions or sessions) have the cookie's token, stored as its BLAKE2b hash. */
static long long sessions_with(const char *table, const char *cookie)
{
	unsigned char tok[32], h[32];
	char hex[65];
	size_t len = 0;

	ck_assert_msg(sodium_base642bin(tok, sizeof tok, cookie, strlen(cookie), NULL, &len, NULL,
	                                sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0 && len == 32, "token %s", cookie);
	crypto_generichash(h, sizeof h, tok, sizeof tok, NULL, 0);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	return num("SELECT COUNT(*) FROM %s WHERE token_hash = UNHEX('%s')", table, hex);
}

START_TEST(staff_and_donor_sessions_are_separate)
{
	struct browser donor, staff, x;
	char token[256], staff_token[256];
	struct resp r;

	become(&staff, COUNTY);
	cookie_of(&staff, "tx_a", staff_token);
	cookie_of(&staff, "tx_s", token);
	ck_assert_msg(staff_token[0] && !token[0], "staff cookies: tx_a=%s tx_s=%s", staff_token, token);
	ck_assert_int_eq(sessions_with("staff_sessions", staff_token), 1);
	ck_assert_int_eq(sessions_with("sessions", staff_token), 0);
	/* A staff session opens no donor page. */
	get_expect(&staff, "/me", 303, "/login?next=");

	become(&donor, DONOR);
	cookie_of(&donor, "tx_s", token);
	ck_assert_int_eq(sessions_with("sessions", token), 1);
	ck_assert_int_eq(sessions_with("staff_sessions", token), 0);
	get_expect(&donor, "/admin", 303, "/admin/login?next=");
	/* Nor is a donor's token a staff one when sent under the staff cookie's name, or the other way round. */
	forged(&x, "tx_a", token);
	get_expect(&x, "/admin", 303, "/admin/login?next=");
	b_post(&x, "/admin/pairings/1/approve", "", &r);
	ck_assert_int_eq(r.status, 403);
	resp_free(&r);
	browser_free(&x);
	forged(&x, "tx_s", staff_token);
	get_expect(&x, "/me", 303, "/login?next=");
	browser_free(&x);
	/* The control: under its own name, the staff token is a staff session (so forged cookies do reach the app). */
	forged(&x, "tx_a", staff_token);
	get_expect(&x, "/admin", 200, "");
	browser_free(&x);
	/* One browser in both realms: signing out of the back office leaves the donor signed in. */
	sign_in(&donor, COUNTY);
	b_post(&donor, "/admin/logout", "", &r);
	ck_assert_int_eq(r.status, 303);
	resp_free(&r);
	get_expect(&donor, "/admin", 303, "/admin/login?next=");
	get_expect(&donor, "/me", 200, "");
	browser_free(&donor);
	browser_free(&staff);
}
END_TEST

/* The dashboard of role _i + VOL shows only its scope. A volunteer's lists the children assigned to it and no other
 * child's code (not TA00000002 of 武昌区, nor TA00000003 of its own county but not assigned); a manager's counts children
 * by county, for the counties in scope only. */
START_TEST(dashboard_shows_only_the_scope)
{
	static const char mark[] = "href=\"/children/";
	enum role role = (enum role)(_i + VOL);
	struct browser b;
	struct resp r;
	int shown = 0;

	become(&b, role);
	b_get(&b, "/admin", &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_msg(role == VOL ? body_has(&r, "TA00000001") : cells_has(&r, "| 巴东县 |"),
	              "%s: 巴东县 missing", ROLE_NAME[role]);
	ck_assert_msg(cells_has(&r, "| 武昌区 |") == (role == PROV),
	              "%s: 武昌区 wrongly shown or not", ROLE_NAME[role]);
	/* Nor does the volunteer see the managers' figures. */
	ck_assert_msg(body_has(&r, "待审核结对") == (role != VOL), "%s: figures wrongly shown or not", ROLE_NAME[role]);
	for (const char *p = strstr(r.body, mark); p; p = strstr(p + 1, mark)) {
		char code[11];
		snprintf(code, sizeof code, "%.10s", p + strlen(mark));
		ck_assert_msg(num("SELECT COUNT(*) FROM volunteer_children vc JOIN children c ON c.id = vc.child_id "
		                  "WHERE vc.staff_id = " VOLUNTEER_ID " AND c.code = '%s' AND c.county_code = '422823'",
		                  code) == 1, "child %s is on the volunteer's page but not assigned to it", code);
		shown++;
	}
	ck_assert_int_eq(shown, role != VOL ? 0 : num("SELECT COUNT(*) FROM volunteer_children WHERE staff_id = "
	                                              VOLUNTEER_ID));
	resp_free(&r);
	browser_free(&b);
}
END_TEST

/* Each staff sign-in (role _i + VOL) adds one audit row: who, from where, as what; so does a failed one. */
START_TEST(staff_login_is_audited)
{
	enum role role = (enum role)(_i + VOL);
	char where[256];
	long long staff_id = num("SELECT id FROM staff WHERE username = '%s'", STAFF[role]);
	long long before = num("SELECT COUNT(*) FROM audit_log WHERE action = 'login' AND staff_id = %lld", staff_id);
	struct browser b;

	become(&b, role);
	browser_free(&b);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE action = 'login' AND staff_id = %lld", staff_id),
	                 before + 1);
	snprintf(where, sizeof where, "signed in as %s (%s)", ROLE_NAME[role],
	         role == PROV ? "420000" : role == CITY ? "422800" : "422823");
	ck_assert_msg(num("SELECT COUNT(*) FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log WHERE action = 'login' "
	                  "AND staff_id = %lld) AND object_type = 'staff' AND object_id = '%lld' AND addr <> '' "
	                  "AND summary = '%s'", staff_id, staff_id, where) == 1,
	              "the audit row of %s's login is not \"%s\" on staff %lld", STAFF[role], where, staff_id);
	/* A wrong password is on record too: under the name tried, by nobody signed in, and no session comes of it. */
	before = num("SELECT COUNT(*) FROM audit_log WHERE action = 'login.failed' AND object_id = '%s' AND "
	             "staff_id IS NULL AND addr <> ''", STAFF[role]);
	browser_init(&b);
	{
		struct resp r;
		char form[160];
		b_get(&b, "/admin/login", &r);
		resp_free(&r);
		snprintf(form, sizeof form, "username=%s&password=not-the-password", STAFF[role]);
		b_post(&b, "/admin/login", form, &r);
		ck_assert_int_eq(r.status, 403);
		resp_free(&r);
	}
	browser_free(&b);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE action = 'login.failed' AND object_id = '%s' AND "
	                     "staff_id IS NULL AND addr <> ''", STAFF[role]), before + 1);
	/* and the next right password clears the account's count of failures, as before */
	become(&b, role);
	browser_free(&b);
}
END_TEST

/* Run SQL as the app's own database user (its password is DB.Password in the instance's secrets.hdf); returns the
 * client's exit status, with its output in out (size n). */
static int app_sql(const char *sql, char *out, size_t n)
{
	const char *var = getenv("TX_VAR");
	char cmd[1024];
	size_t len = 0;
	FILE *f;

	snprintf(cmd, sizeof cmd, "mariadb --no-defaults --socket='%s/run/mysqld.sock' -utx_app "
	         "-p\"$(sed -n 's/^ *Password = //p' '%s/secrets.hdf')\" tongxiang -e \"%s\" 2>&1", var, var, sql);
	ck_assert((f = popen(cmd, "r")) != NULL);
	out[0] = '\0';
	while (len + 1 < n && fgets(out + len, n - len, f))
		len += strlen(out + len);
	return pclose(f);
}

#define APPENDED "SELECT COUNT(*) FROM audit_log WHERE action = 'test.append' AND object_id = 'hadm'"

START_TEST(app_cannot_change_the_audit_log)
{
	long long last = num("SELECT MAX(id) FROM audit_log"), appended = num(APPENDED);
	long long rows = num("SELECT COUNT(*) FROM audit_log WHERE id <= %lld", last);
	char out[1024];

	ck_assert_msg(rows > 0, "the audit log is empty: nothing to protect");
	ck_assert_msg(app_sql("UPDATE audit_log SET summary='x'", out, sizeof out) != 0 && strstr(out, "command denied"),
	              "UPDATE on audit_log as the app: %s", out);
	ck_assert_msg(app_sql("DELETE FROM audit_log", out, sizeof out) != 0 && strstr(out, "command denied"),
	              "DELETE on audit_log as the app: %s", out);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE id <= %lld", last), rows);
	ck_assert_int_eq(num("SELECT COUNT(*) FROM audit_log WHERE summary = 'x'"), 0);
	/* It may append, as every audited action does. */
	ck_assert_msg(app_sql("INSERT INTO audit_log (addr, action, object_type, object_id, summary) VALUES "
	                      "('127.0.0.1', 'test.append', 'test', 'hadm', 'http_admin_access: the app may append')",
	                      out, sizeof out) == 0, "INSERT into audit_log as the app: %s", out);
	ck_assert_int_eq(num(APPENDED), appended + 1);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("http_admin_access");
	TCase *t = tcase_create("admin_access");

	tcase_set_timeout(t, 120);
	tcase_add_unchecked_fixture(t, fixtures_add, fixtures_remove);
	tcase_add_test(t, admin_routes_are_all_in_the_matrix);
	tcase_add_loop_test(t, access_matrix, 0, NROLES * MATRIX_PARTS);
	tcase_add_test(t, staff_and_donor_sessions_are_separate);
	tcase_add_loop_test(t, dashboard_shows_only_the_scope, 0, NROLES - VOL);
	tcase_add_loop_test(t, staff_login_is_audited, 0, NROLES - VOL);
	tcase_add_test(t, app_cannot_change_the_audit_log);
	suite_add_tcase(s, t);
	return s;
}
