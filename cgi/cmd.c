/* cmd.c — the route table: look a path up here, then open its handler's ui-*.c file. */
#include <stdio.h>
#include <string.h>

#include "admin/admin.h"
#include "cmd.h"
#include "donor/donor.h"
#include "pay/paypages.h"
#include "public/public.h"

/* An input key, as a member of a route's key sets. */
#define K(k) KB(K_##k)

/* The listing's filters; birthday (the retired day filter) only to refuse it with a message. */
#define LISTING (K(CITY) | K(COUNTY) | K(GENDER) | K(AGE_MIN) | K(AGE_MAX) | K(CATEGORY) | \
                 K(BMONTH) | K(BIRTHDAY) | K(SORT) | K(PAGE))
#define SIGNUP  (K(LOGIN) | K(PASSWORD) | K(DNAME) | K(AGREE))
#define GIFT    (K(AMOUNT) | K(OTHER) | K(NAME) | K(ANON) | K(MOBILE) | K(MESSAGE) | K(PROVIDER))
#define CHILD_FILTERS (K(CSTATUS) | K(CITY) | K(COUNTY) | K(CATEGORY) | K(DAYS) | K(PAGE))
/* What a child's record requires; its story and address are optional. */
#define RECORD  (K(ALIAS) | K(GENDER) | K(BIRTH) | K(COUNTY) | K(CATEGORY) | K(RNAME2) | \
                 K(IDNUM) | K(GUARDIAN))
#define CONSENT (K(PUBLISH) | K(GIVEN_BY) | K(GIVEN_ON))
#define NEW_STAFF (K(USERNAME) | K(DNAME) | K(ROLE) | K(PASSWORD))
/* A volunteer names its organisation, whose county is its region; other roles name the region. */
#define STAFF_PLACE (K(REGION) | K(ORG))
/* A volunteer organisation's form: its name required, the rest optional. */
#define ORG_FORM (K(CONTACT) | K(PHONE) | K(AGREED))
#define AUDIT_FILTERS (K(STAFF) | K(ACTION) | K(FROM) | K(TO) | K(PAGE))
/* A visit's form: the care given is a tick per kind; a reviewer's edit sends the summary alone. */
#define VISIT_CARE (K(CARE_LIFE) | K(CARE_FAMILY) | K(CARE_EDU) | K(CARE_SPECIAL))
#define VISIT   (K(DATE) | K(VKIND) | VISIT_CARE | K(GIVEN_WHAT) | K(GIVEN) | K(STAFF_NOTE) | \
                 K(AND_SUBMIT))
#define PHOTOS_OK (K(PHOTO_OK1) | K(PHOTO_OK2) | K(PHOTO_OK3) | K(PHOTO_OK4))
/* A reviewer's ticks for a reply's photos, slot by slot. */
#define PHOTO_OKS (K(PHOTO_OK1) | K(PHOTO_OK2) | K(PHOTO_OK3) | K(PHOTO_OK4))
/* A themed activity's form: what a new one requires, and what it may leave out. */
#define ACTIVITY_NEW (K(SLUG) | K(TITLE) | K(TEXT) | K(GOAL) | K(FROM) | K(TO))
#define ACTIVITY_MAY (K(REGION) | K(FILING))
/* A personal fundraising page's form (/pages/new, /admin/pages): what every kind requires. */
#define PAGE_FORM (K(PKIND) | K(TITLE) | K(TEXT) | K(TO) | K(DNAME))
/*
 * Cached public pages, by what they show and so what throws them away (cgi/pagecache.h): DBC,
 * anything public changed (home's totals, the gifts, the finance page); DBC_REGION, a child of
 * the region the listing shows changed (a hold in 巴东县 leaves the 武汉 listing cached);
 * DBC_CHILD, a child of the child's city changed.
 */
#define DBC     (CMD_DB | CMD_CACHE)
#define DBC_REGION (DBC | CMD_CACHE_REGION)
#define DBC_CHILD  (DBC | CMD_CACHE_CHILD)
#define ADM     (CMD_DB | CMD_ADMIN)
#define SANDBOX (CMD_DB | CMD_DEMO)

/*
 * One route, as cgit's def_cmd has it: method, path pattern, handler ui_<fn>, access ACC_<who>,
 * needs (CMD_*), the keys it may read (its path parameters among them) and the keys it requires;
 * it reads both. def_admin is a back-office page's: handler ui_admin_<fn>, needs ADM.
 */
#define def_cmd(method, pattern, fn, who, needs, may, must) \
	{ #method, pattern, ui_##fn, ACC_##who, needs, (may) | (must), must, NULL }
#define def_admin(method, pattern, fn, who, may, must) \
	def_cmd(method, pattern, admin_##fn, who, ADM, may, must)
/*
 * A POST from a form, which refused input draws again by the handler ui_<form> (the form's GET
 * handler): its errors at their fields, the values typed kept. def_adminform: a back-office one.
 */
#define def_form(method, pattern, fn, who, needs, may, must, form) \
	{ #method, pattern, ui_##fn, ACC_##who, needs, (may) | (must), must, ui_##form }
#define def_adminform(method, pattern, fn, who, may, must, form) \
	def_form(method, pattern, admin_##fn, who, ADM, may, must, admin_##form)

const struct cmd CMDS[] = {
	/* public pages: public/ */
	def_cmd(GET,  "/", home, PUBLIC, DBC, 0, 0),
	def_cmd(GET,  "/children", children, PUBLIC, DBC_REGION | CMD_STAMP_LATER, LISTING, 0),
	def_cmd(GET,  "/children/{child}", child, PUBLIC, DBC_CHILD, K(CODE), 0),
	def_cmd(GET,  "/donate", donate, PUBLIC, CMD_DB, K(AMOUNT) | K(TARGET), 0),
	def_form(POST, "/donate", donate_post, PUBLIC, CMD_DB, GIFT | K(TARGET), 0, donate),
	def_cmd(GET,  "/donations", donations, PUBLIC, DBC, K(PAGE), 0),
	/* themed activities (专题活动): not cached, so that a gift shows at once */
	def_cmd(GET,  "/activities", activities, PUBLIC, CMD_DB, 0, 0),
	def_cmd(GET,  "/activities/{slug}", activity, PUBLIC, CMD_DB, K(SLUG) | K(AMOUNT), 0),
	def_cmd(POST, "/activities/{slug}/donate", activity_donate, PUBLIC, CMD_DB,
	        K(SLUG) | GIFT, 0),
	/* disclosure (信息公开) and 举报, never cached (ui-disclosure.c, ui-report.c) */
	def_cmd(GET,  "/disclosure", disclosure, PUBLIC, CMD_DB, 0, 0),
	def_cmd(GET,  "/report", report, PUBLIC, CMD_DB, 0, K(ITEM)),
	def_cmd(POST, "/report", report_post, PUBLIC, CMD_DB, K(REACH),
	        K(ITEM) | K(RKIND) | K(TEXT)),
	def_cmd(GET,  "/report/status", report_status, PUBLIC, CMD_DB, K(TICKET), 0),
	/* personal fundraising pages (一起捐, 代言人; public/ui-page*.c): not from the page cache,
	 * so a new gift shows at once; the QR code and poster for sharing */
	def_cmd(GET,  "/p/{p}", page, PUBLIC, CMD_DB, K(PCODE), 0),
	def_cmd(POST, "/p/{p}/donate", page_donate, PUBLIC, CMD_DB, K(PCODE) | GIFT, 0),
	def_cmd(GET,  "/p/{p}/qr.svg", page_qr, PUBLIC, CMD_DB, K(PCODE), 0),
	def_cmd(GET,  "/p/{p}/poster", page_poster, PUBLIC, CMD_DB, K(PCODE), 0),
	/* finance: income and spending in public (收支明细); the CSV is not cached */
	def_cmd(GET,  "/disclosure/finance", finance, PUBLIC, DBC, K(YEAR), 0),
	def_cmd(GET,  "/disclosure/finance.csv", finance_csv, PUBLIC, CMD_DB, K(YEAR), 0),
	def_cmd(GET,  "/receipts/{no}", receipt, PUBLIC, CMD_DB, K(NO), K(RCODE)),
	/* offline gifts and certificates: a gift's printable certificate and its QR code */
	def_cmd(GET,  "/certificates/{no}", certificate, PUBLIC, CMD_DB, K(NO), K(RCODE)),
	def_cmd(GET,  "/certificates/{no}/qr.svg", certificate_qr, PUBLIC, CMD_DB, K(NO), K(RCODE)),
	def_cmd(GET,  "/healthz", healthz, PUBLIC, 0, 0, 0),
	def_cmd(GET,  "/text", text, PUBLIC, 0, K(BACK), K(TSIZE)),
	def_cmd(GET,  "/robots.txt", robots, PUBLIC, 0, 0, 0),
	def_cmd(GET,  "/sitemap.xml", sitemap, PUBLIC, CMD_DB, 0, 0),
	/* accounts and the donor's own pages: donor/ */
	def_cmd(GET,  "/signup", signup, PUBLIC, CMD_DB, K(NEXT), 0),
	def_form(POST, "/signup", signup_post, PUBLIC, CMD_DB, K(NEXT), SIGNUP, signup),
	def_cmd(GET,  "/login", login, PUBLIC, CMD_DB, K(NEXT), 0),
	def_form(POST, "/login", login_post, PUBLIC, CMD_DB, K(NEXT), K(LOGIN) | K(PASSWORD),
	         login),
	def_cmd(POST, "/logout", logout, PUBLIC, CMD_DB, 0, 0),
	def_cmd(GET,  "/reset", reset, PUBLIC, CMD_DB, 0, 0),
	def_form(POST, "/reset", reset_post, PUBLIC, CMD_DB, 0, K(LOGIN), reset),
	def_cmd(GET,  "/reset/{token}", newpw, PUBLIC, CMD_DB, K(TOKEN), 0),
	def_form(POST, "/reset/{token}", newpw_post, PUBLIC, CMD_DB, K(TOKEN), K(PASSWORD), newpw),
	def_cmd(GET,  "/verify", verify, DONOR, CMD_DB, K(NEXT), 0),
	def_form(POST, "/verify", verify_post, DONOR, CMD_DB, K(NEXT), K(VCODE), verify),
	def_cmd(POST, "/verify/send", verify_send, DONOR, CMD_DB, K(NEXT), 0),
	def_cmd(GET,  "/verify/{token}", verify_link, PUBLIC, CMD_DB, K(TOKEN) | K(NEXT), 0),
	def_cmd(POST, "/verify/{token}", verify_link_post, PUBLIC, CMD_DB, K(TOKEN) | K(NEXT), 0),
	def_cmd(POST, "/children/{child}/hold", hold, DONOR, CMD_DB, K(CODE), 0),
	def_cmd(GET,  "/sponsor/{child}", sponsor, DONOR, CMD_DB, K(CODE), 0),
	def_form(POST, "/sponsor/{child}", sponsor_post, DONOR, CMD_DB,
	         K(CODE) | K(RNAME) | K(ANON) | K(PROVIDER), K(PLAN) | K(AGREE), sponsor),
	def_cmd(POST, "/sponsor/{child}/release", sponsor_release, DONOR, CMD_DB, K(CODE), 0),
	def_cmd(GET,  "/me", me, DONOR, CMD_DB, 0, 0),
	def_cmd(POST, "/me/sponsorships/{id}/pay", pay_next, DONOR, CMD_DB, K(ID) | K(PROVIDER), 0),
	def_cmd(GET,  "/me/statements/{year}", statement, DONOR, CMD_DB, K(YEAR), 0),
	/* photos (donor/ui-photo.c): the sponsor's own child's, confirmed and approved */
	def_cmd(GET,  "/me/photos/{photo}", me_photo, DONOR, CMD_DB, K(PHOTO), 0),
	/* letters: the sponsor's letters to the child, the child's replies (donor/ui-letters.c) */
	def_cmd(GET,  "/me/sponsorships/{id}/letters", letters, DONOR, CMD_DB, K(ID), 0),
	def_cmd(POST, "/me/sponsorships/{id}/letters", letters_post, DONOR, CMD_DB, K(ID),
	        K(LETTER) | K(FORM_KEY)),
	/* personal fundraising pages: a donor's own (donor/ui-page-new.c, ui-mypage.c) */
	def_cmd(GET,  "/pages/new", page_new, DONOR, CMD_DB, 0, 0),
	def_form(POST, "/pages/new", page_new_post, DONOR, CMD_DB,
	         K(SLUG) | K(CHILDREN) | K(GOAL), PAGE_FORM, page_new),
	def_cmd(GET,  "/me/pages/{id}", mypage, DONOR, CMD_DB, K(ID), 0),
	def_cmd(POST, "/me/pages/{id}", mypage_post, DONOR, CMD_DB, K(ID), K(TEXT)),
	def_cmd(POST, "/me/pages/{id}/end", mypage_end, DONOR, CMD_DB, K(ID), 0),
	def_cmd(POST, "/me/pages/{id}/pick", mypage_pick, DONOR, CMD_DB, K(ID), K(CODE)),
	/* renewals: the donor stops renewing a sponsorship (donor/ui-stop.c) */
	def_cmd(GET,  "/me/sponsorships/{id}/stop", stop, DONOR, CMD_DB, K(ID), 0),
	def_cmd(POST, "/me/sponsorships/{id}/stop", stop_post, DONOR, CMD_DB, K(ID),
	        K(REASON) | K(AGREE)),
	/* payments: pay/ (the sandbox provider's own pages, and the pages every provider shares) */
	def_cmd(GET,  "/pay/sandbox/{order}", sandbox, PUBLIC, SANDBOX, K(ORDER), 0),
	def_cmd(POST, "/pay/sandbox/{order}/pay", sandbox_pay, PUBLIC, SANDBOX, K(ORDER), 0),
	def_cmd(POST, "/pay/sandbox/{order}/cancel", sandbox_cancel, PUBLIC, SANDBOX, K(ORDER), 0),
	def_cmd(POST, "/pay/notify/{provider}", pay_notify, PUBLIC, CMD_DB | CMD_NOCSRF,
	        K(PROVIDER), 0),
	def_cmd(GET,  "/pay/return/{order}", pay_return, PUBLIC, CMD_DB, K(ORDER), 0),
	/* the back office: admin/ (staff sessions; what a role reaches is scope.c's business) */
	def_admin(GET,  "/admin/login", login, PUBLIC, K(NEXT), 0),
	def_adminform(POST, "/admin/login", login_post, PUBLIC, K(NEXT), K(USERNAME) | K(PASSWORD),
	              login),
	def_admin(POST, "/admin/logout", logout, STAFF, 0, 0),
	def_admin(GET,  "/admin", home, STAFF, 0, 0),
	def_admin(GET,  "/admin/pairings", pairings, MANAGER, K(STATUS), 0),
	def_admin(POST, "/admin/pairings/{id}/approve", approve, MANAGER, K(ID), 0),
	def_admin(POST, "/admin/pairings/{id}/reject", reject, MANAGER, K(ID), K(REASON)),
	def_admin(GET,  "/admin/refunds", refunds, MANAGER, 0, 0),
	def_admin(POST, "/admin/refunds/{id}", refund, MANAGER, K(ID), 0),
	def_admin(GET,  "/admin/children", children, MANAGER, CHILD_FILTERS, 0),
	def_admin(GET,  "/admin/children/new", child_new, MANAGER, 0, 0),
	def_adminform(POST, "/admin/children", child_create, MANAGER,
	              K(STORY) | K(ADDRESS) | K(SCHOOL), RECORD, child_new),
	def_admin(GET,  "/admin/children/{child}", child, MANAGER, K(CODE), 0),
	def_adminform(POST, "/admin/children/{child}", child_post, MANAGER,
	              K(CODE) | K(STORY) | K(ADDRESS) | K(SCHOOL), RECORD | K(VERSION), child),
	def_adminform(POST, "/admin/children/{child}/consent", consent, MANAGER,
	              K(CODE) | K(CSCOPE), CONSENT, child),
	def_adminform(POST, "/admin/children/{child}/exit", exit, MANAGER, K(CODE) | K(NOTE),
	              K(EXIT), child),
	def_admin(POST, "/admin/children/{child}/volunteer", assign, MANAGER,
	          K(CODE), K(STAFF) | K(ACTIVE)),
	def_admin(GET,  "/admin/audit", audit, PROVINCE, AUDIT_FILTERS, 0),
	/* staff accounts: the province's all; county and city staff the volunteers in reach */
	def_admin(GET,  "/admin/staff", staff, MANAGER, 0, 0),
	def_adminform(POST, "/admin/staff", staff_post, MANAGER, STAFF_PLACE, NEW_STAFF, staff),
	def_admin(POST, "/admin/staff/{username}/active", staff_active, MANAGER,
	          K(USERNAME), K(ACTIVE)),
	def_admin(POST, "/admin/staff/{username}/password", staff_password, MANAGER,
	          K(USERNAME), K(PASSWORD)),
	def_admin(GET,  "/admin/units", units, PROVINCE, 0, 0),
	def_admin(POST, "/admin/units/{region}", unit_post, PROVINCE,
	          K(REGION) | K(DATE), K(SIGNED)),
	def_admin(GET,  "/admin/export/children.csv", export_children, MANAGER, 0, 0),
	def_admin(POST, "/admin/export/children.csv", export_children, MANAGER, 0, K(PII)),
	def_admin(GET,  "/admin/export/pairings.csv", export_pairings, MANAGER, 0, 0),
	def_admin(GET,  "/admin/import", import, MANAGER, 0, 0),
	def_cmd(POST, "/admin/import", admin_import_post, MANAGER, ADM | CMD_UPLOAD, 0, 0),
	def_admin(POST, "/admin/import/{upload}", import_apply, MANAGER, K(UPLOAD), 0),
	/* volunteer organisations (orgs): a county's own, and those below city and province */
	def_admin(GET,  "/admin/orgs", orgs, MANAGER, K(COUNTY), 0),
	def_admin(POST, "/admin/orgs", orgs_post, MANAGER, K(COUNTY) | ORG_FORM, K(ORG_NAME)),
	def_admin(GET,  "/admin/orgs/{id}", org, MANAGER, K(ID), 0),
	def_admin(POST, "/admin/orgs/{id}", org_post, MANAGER, K(ID) | ORG_FORM,
	          K(ORG_NAME) | K(ACTIVE)),
	/* visits: written by volunteers and county staff (the core checks whose), reviewed above */
	def_admin(GET,  "/admin/visits/new", visit_new, STAFF, 0, K(CODE)),
	def_adminform(POST, "/admin/visits", visit_create, STAFF, VISIT,
	              K(CODE) | K(FORM_KEY) | K(DATE) | K(VKIND) | K(SUMMARY), visit_new),
	def_admin(GET,  "/admin/visits", visits, STAFF, K(CSTATUS), 0),
	def_admin(GET,  "/admin/visits/{id}", visit, STAFF, K(ID), 0),
	def_admin(POST, "/admin/visits/{id}", visit_post, STAFF, K(ID) | VISIT, K(SUMMARY)),
	def_admin(POST, "/admin/visits/{id}/submit", visit_submit, STAFF, K(ID), 0),
	def_admin(POST, "/admin/visits/{id}/approve", visit_approve, MANAGER, K(ID) | PHOTOS_OK, 0),
	def_admin(POST, "/admin/visits/{id}/return", visit_return, MANAGER, K(ID), K(REVIEW_NOTE)),
	/* photos (admin/ui-photo.c): who may add, see and delete one is core/photos.c's business */
	def_cmd(POST, "/admin/visits/{id}/photos", admin_visit_photo, STAFF, ADM | CMD_PHOTO,
	        K(ID), 0),
	def_cmd(POST, "/admin/letters/{id}/photos", admin_letter_photo, STAFF, ADM | CMD_PHOTO,
	        K(ID), 0),
	def_admin(GET,  "/admin/photos/{photo}", photo, STAFF, K(PHOTO), 0),
	def_admin(POST, "/admin/photos/{photo}/delete", photo_delete, STAFF, K(PHOTO), 0),
	/* letters: review, hand over, the child's reply (admin/ui-letters.c, ui-letter.c) */
	def_admin(GET,  "/admin/letters", letters, STAFF, K(LSTATUS), 0),
	def_admin(GET,  "/admin/letters/{id}", letter, STAFF, K(ID), 0),
	def_admin(POST, "/admin/letters/{id}", letter_post, MANAGER,
	          K(ID) | K(LETTER) | K(REASON) | PHOTO_OKS, K(DECISION)),
	def_admin(POST, "/admin/letters/{id}/delivered", letter_delivered, STAFF,
	          K(ID) | K(VISIT), 0),
	def_admin(POST, "/admin/letters/{id}/reply", letter_reply, STAFF, K(ID),
	          K(LETTER) | K(FORM_KEY)),
	/* payouts one by one (善款发放), their evidence, the guardian's bank account (ui-payout*.c,
	 * ui-bank.c): county staff make and pay, the city approves (core/payouts.c decides) */
	def_admin(POST, "/admin/children/{child}/bank", bank, MANAGER, K(CODE),
	          K(BANK_HOLDER) | K(BANK_NO) | K(BANK_NAME)),
	def_admin(GET,  "/admin/payouts", payouts, MANAGER,
	          K(PSTATE) | K(COUNTY) | K(PERIOD) | K(PAGE), 0),
	def_admin(GET,  "/admin/payouts/new", payout_new, MANAGER, 0, K(CODE)),
	def_admin(POST, "/admin/payouts", payout_create, MANAGER, K(ADVANCED) | K(GOODS),
	          K(CODE) | K(PERIOD) | K(METHOD) | K(AMOUNT)),
	def_admin(GET,  "/admin/payouts/{id}", payout, MANAGER, K(ID), 0),
	def_admin(POST, "/admin/payouts/{id}/submit", payout_submit, MANAGER, K(ID), 0),
	def_admin(POST, "/admin/payouts/{id}/approve", payout_approve, MANAGER, K(ID), 0),
	def_admin(POST, "/admin/payouts/{id}/return", payout_return, MANAGER, K(ID),
	          K(REVIEW_NOTE)),
	def_admin(POST, "/admin/payouts/{id}/paid", payout_paid, MANAGER, K(ID) | K(BANK_REF),
	          K(DATE)),
	def_admin(POST, "/admin/payouts/{id}/cancel", payout_cancel, MANAGER, K(ID), 0),
	def_admin(POST, "/admin/payouts/{id}/retry", payout_retry, MANAGER, K(ID), 0),
	def_cmd(POST, "/admin/payouts/{id}/files", admin_payout_file, MANAGER, ADM | CMD_PHOTO,
	        K(ID), 0),
	def_admin(GET,  "/admin/payouts/files/{photo}", payout_file_get, MANAGER, K(PHOTO), 0),
	/* batches: a county's payouts made, moved and paid together, and the bank's files */
	def_admin(GET,  "/admin/batches", batches, MANAGER, K(COUNTY), 0),
	def_admin(POST, "/admin/batches", batches_post, MANAGER, 0, K(PERIOD) | K(METHOD)),
	def_admin(GET,  "/admin/batches/{id}", batch, MANAGER, K(ID), 0),
	def_admin(POST, "/admin/batches/{id}/submit", batch_submit, MANAGER, K(ID), 0),
	def_admin(POST, "/admin/batches/{id}/approve", batch_approve, MANAGER, K(ID), 0),
	def_admin(POST, "/admin/batches/{id}/export", batch_export, MANAGER, K(ID), K(ENCODING)),
	def_cmd(POST, "/admin/batches/{id}/results", admin_batch_results, MANAGER, ADM | CMD_UPLOAD,
	        K(ID), 0),
	/* renewals: lapsing and stopped sponsorships; the county decides (admin/ui-lapsing.c) */
	def_admin(GET,  "/admin/lapsing", lapsing, MANAGER, 0, 0),
	def_admin(POST, "/admin/sponsorships/{id}/lapse", lapse, MANAGER, K(ID), K(LAPSE)),
	/* views: the visits export (care after pairing, without personal data) */
	def_admin(GET,  "/admin/export/visits.csv", export_visits, MANAGER, K(FROM) | K(TO), 0),
	/* finance: reconciliation, the held-money alert and the report by city and county */
	def_admin(GET,  "/admin/finance", finance, MANAGER, K(YEAR) | K(COUNTY), 0),
	def_admin(GET,  "/admin/finance/report", finance_report, MANAGER, K(FROM) | K(TO), 0),
	def_admin(GET,  "/admin/finance/report.csv", finance_report_csv, MANAGER,
	          K(FROM) | K(TO), 0),
	/* matching pools (配捐): made by staff for what they reach, paused, resumed, closed
	 * (admin/ui-pools.c, ui-pool.c; core/pools.c) */
	def_admin(GET,  "/admin/pools", pools, MANAGER, K(STATE), 0),
	def_admin(GET,  "/admin/pools/new", pool_new, MANAGER, 0, 0),
	def_admin(POST, "/admin/pools", pool_create, MANAGER, K(UNIT) | K(REGION) | K(SLUG),
	          K(FUNDER) | K(GOAL) | K(RATIO) | K(CAP) | K(FROM) | K(TO) | K(KINDS)),
	def_admin(GET,  "/admin/pools/{id}", pool, MANAGER, K(ID), 0),
	def_admin(POST, "/admin/pools/{id}/pause", pool_pause, MANAGER, K(ID), 0),
	def_admin(POST, "/admin/pools/{id}/resume", pool_resume, MANAGER, K(ID), 0),
	def_admin(POST, "/admin/pools/{id}/close", pool_close, MANAGER, K(ID), 0),
	/* offline gifts: entered one by one or as a checked CSV batch (admin/ui-offline.c) */
	def_admin(GET,  "/admin/offline", offline, MANAGER, 0, 0),
	def_admin(POST, "/admin/offline", offline_post, MANAGER,
	          K(NAME) | K(ANON) | K(MESSAGE) | K(TARGET) | K(SLUG) | K(BANK_REF),
	          K(CHANNEL) | K(DATE) | K(AMOUNT) | K(FORM_KEY)),
	def_admin(GET,  "/admin/offline/import", offline_import, MANAGER, 0, 0),
	def_cmd(POST, "/admin/offline/import", admin_offline_import_post, MANAGER,
	        ADM | CMD_UPLOAD, 0, 0),
	def_admin(POST, "/admin/offline/import/{upload}", offline_import_apply, MANAGER,
	          K(UPLOAD), 0),
	/* themed activities (专题活动) and directed gifts (定向捐赠): ui-activit*.c, ui-directed.c
	 * (core/activities.c decides who reaches which) */
	def_admin(GET,  "/admin/activities", activities, MANAGER, 0, 0),
	def_admin(GET,  "/admin/activities/new", activity_new, MANAGER, 0, 0),
	def_admin(POST, "/admin/activities", activities_post, MANAGER, ACTIVITY_MAY, ACTIVITY_NEW),
	def_admin(GET,  "/admin/activities/{id}", activity, MANAGER, K(ID), 0),
	def_admin(POST, "/admin/activities/{id}/edit", activity_edit, MANAGER,
	          K(ID) | ACTIVITY_MAY | ACTIVITY_NEW, K(TEXT) | K(TO)),
	def_admin(POST, "/admin/activities/{id}/publish", activity_publish, MANAGER, K(ID), 0),
	def_admin(POST, "/admin/activities/{id}/pause", activity_pause, MANAGER, K(ID), K(REASON)),
	def_admin(POST, "/admin/activities/{id}/resume", activity_resume, MANAGER, K(ID), 0),
	def_admin(POST, "/admin/activities/{id}/end", activity_end, MANAGER, K(ID), 0),
	def_admin(POST, "/admin/activities/{id}/updates", activity_update, MANAGER,
	          K(ID) | K(FINAL), K(TEXT)),
	def_admin(GET,  "/admin/directed", directed, MANAGER, K(PAGE), 0),
	/* disclosure and 举报: reports answered by the region's staff, documents and programme
	 * updates by the province (ui-reports.c, ui-report.c, ui-disclosure.c) */
	def_admin(GET,  "/admin/reports", reports, MANAGER, K(STATE), 0),
	def_admin(GET,  "/admin/reports/{id}", report, MANAGER, K(ID), 0),
	def_admin(POST, "/admin/reports/{id}/answer", report_answer, MANAGER, K(ID), K(TEXT)),
	def_admin(POST, "/admin/reports/{id}/pause-item", report_pause, MANAGER, K(ID), K(REASON)),
	def_admin(GET,  "/admin/disclosure", disclosure, MANAGER, 0, 0),
	def_cmd(POST, "/admin/disclosure/docs", admin_disclosure_doc, PROVINCE, ADM | CMD_UPLOAD,
	        K(SLUG), K(DKIND) | K(TITLE)),
	def_admin(POST, "/admin/disclosure/updates", disclosure_update, PROVINCE, 0, K(TEXT)),
	/* personal fundraising pages: review by the province or the page's region's staff, and
	 * spokespersons' pages by the province (admin/ui-pages.c, ui-page.c; core/pages.c) */
	def_admin(GET,  "/admin/pages", pages, MANAGER, K(STATE), 0),
	def_admin(GET,  "/admin/pages/new", page_new, PROVINCE, 0, 0),
	def_adminform(POST, "/admin/pages", page_create, PROVINCE, K(SLUG) | K(CHILDREN) | K(GOAL),
	              PAGE_FORM | K(NAME), page_new),
	def_admin(GET,  "/admin/pages/{id}", page, MANAGER, K(ID), 0),
	def_admin(POST, "/admin/pages/{id}/approve", page_approve, MANAGER, K(ID), 0),
	def_admin(POST, "/admin/pages/{id}/reject", page_reject, MANAGER, K(ID), K(REASON)),
	def_admin(POST, "/admin/pages/{id}/pause", page_pause, MANAGER, K(ID), K(REASON)),
	def_admin(POST, "/admin/pages/{id}/resume", page_resume, MANAGER, K(ID), 0),
	def_admin(POST, "/admin/pages/{id}/end", page_end, MANAGER, K(ID), 0),
	{ NULL, NULL, NULL, ACC_PUBLIC, 0, 0, 0, NULL }
};

keyset cmd_form_needs(const struct cmd *cmd)
{
	for (const struct cmd *c = CMDS; c->method; c++)
		if (c->fn == cmd->form && strcmp(c->method, "GET") == 0)
			return c->required;
	return 0;
}

const struct cmd *cmd_find(const char *method, const char *path, int demo, struct route_params *rp,
                           enum cmd_miss *why)
{
	const char *m = strcmp(method, "HEAD") == 0 ? "GET" : method;

	*why = CMD_NO_PATH;
	for (const struct cmd *c = CMDS; c->method; c++) {
		if (((c->flags & CMD_DEMO) && !demo) || !route_match(c->pattern, path, rp))
			continue;
		if (strcmp(c->method, m) == 0) {
			*why = CMD_FOUND;
			return c;
		}
		*why = CMD_NO_METHOD;
	}
	return NULL;
}

/* Whether the route's key called name (a path parameter) is secret. */
static int secret_param(const struct cmd *c, const char *name, size_t len)
{
	for (int k = 0; k < K__MAX; k++)
		if ((c->keys & KB(k)) && strlen(KEYS[k].name) == len &&
		    strncmp(KEYS[k].name, name, len) == 0)
			return KEYS[k].secret;
	return 0;
}

/* The length of a route pattern's literal part before its first secret {parameter}, or 0. */
static size_t secret_prefix(const struct cmd *c)
{
	for (const char *b = strchr(c->pattern, '{'); b; b = strchr(b + 1, '{'))
		if (secret_param(c, b + 1, strcspn(b + 1, "}")))
			return (size_t)(b - c->pattern);
	return 0;
}

void cmd_log_path(const char *path, char *out, size_t n)
{
	for (const struct cmd *c = CMDS; c->method; c++) {
		size_t len = secret_prefix(c);
		if (len && strncmp(path, c->pattern, len) == 0 && path[len]) {
			snprintf(out, n, "%.*s…", (int)len, path);
			return;
		}
	}
	snprintf(out, n, "%s", path);
}
