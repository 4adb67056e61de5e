/* cmd.c — the route table. To find a page's code: look up its path here, then open the handler's ui-*.c file. */
#include <stdio.h>
#include <string.h>

#include "admin/admin.h"
#include "cmd.h"
#include "donor/donor.h"
#include "pay/paypages.h"
#include "public/public.h"

/* The listing's filters; birthday (the retired day filter) only to refuse it with a message. */
#define LISTING (KB(K_CITY) | KB(K_COUNTY) | KB(K_GENDER) | KB(K_AGE_MIN) | KB(K_AGE_MAX) | KB(K_CATEGORY) | \
                 KB(K_BMONTH) | KB(K_BIRTHDAY) | KB(K_SORT) | KB(K_PAGE))
#define SIGNUP  (KB(K_LOGIN) | KB(K_PASSWORD) | KB(K_DNAME) | KB(K_AGREE))
#define SPONSOR (KB(K_PLAN) | KB(K_RNAME) | KB(K_ANON) | KB(K_AGREE))
#define GIFT    (KB(K_AMOUNT) | KB(K_OTHER) | KB(K_NAME) | KB(K_ANON) | KB(K_MOBILE) | KB(K_MESSAGE))
#define CHILD_FILTERS (KB(K_CSTATUS) | KB(K_COUNTY) | KB(K_CATEGORY) | KB(K_DAYS) | KB(K_PAGE))
/* A child's record: story is optional, everything else required. */
#define RECORD  (KB(K_ALIAS) | KB(K_GENDER) | KB(K_BIRTH) | KB(K_COUNTY) | KB(K_CATEGORY) | KB(K_RNAME2) | \
                 KB(K_IDNUM) | KB(K_GUARDIAN))
#define CONSENT (KB(K_PUBLISH) | KB(K_GIVEN_BY) | KB(K_GIVEN_ON))
#define NEW_STAFF (KB(K_USERNAME) | KB(K_DNAME) | KB(K_ROLE) | KB(K_REGION) | KB(K_PASSWORD))
#define AUDIT_FILTERS (KB(K_STAFF) | KB(K_ACTION) | KB(K_FROM) | KB(K_TO) | KB(K_PAGE))
#define DBC     (CMD_DB | CMD_CACHE)
#define ADM     (CMD_DB | CMD_ADMIN)
#define SANDBOX (CMD_DB | CMD_DEMO)

const struct cmd CMDS[] = {
	/* method  pattern                          handler            access      needs       keys (path ones too)     required */
	/* public pages: public/ */
	{ "GET",  "/",                              ui_home,           ACC_PUBLIC, DBC,        0,                        0 },
	{ "GET",  "/children",                      ui_children,       ACC_PUBLIC, DBC,        LISTING,                  0 },
	{ "GET",  "/children/{code}",               ui_child,          ACC_PUBLIC, DBC,        KB(K_CODE),               0 },
	{ "GET",  "/donate",                        ui_donate,         ACC_PUBLIC, CMD_DB,     KB(K_AMOUNT),             0 },
	{ "POST", "/donate",                        ui_donate_post,    ACC_PUBLIC, CMD_DB,     GIFT,                     0 },
	{ "GET",  "/donations",                     ui_donations,      ACC_PUBLIC, DBC,        KB(K_PAGE),               0 },
	{ "GET",  "/receipts/{no}",                 ui_receipt,        ACC_PUBLIC, CMD_DB,     KB(K_NO) | KB(K_RCODE),   KB(K_RCODE) },
	{ "GET",  "/healthz",                       ui_healthz,        ACC_PUBLIC, 0,          0,                        0 },
	/* accounts and the donor's own pages: donor/ */
	{ "GET",  "/signup",                        ui_signup,         ACC_PUBLIC, CMD_DB,     KB(K_NEXT),               0 },
	{ "POST", "/signup",                        ui_signup_post,    ACC_PUBLIC, CMD_DB,     SIGNUP | KB(K_NEXT),      SIGNUP },
	{ "GET",  "/login",                         ui_login,          ACC_PUBLIC, CMD_DB,     KB(K_NEXT),               0 },
	{ "POST", "/login",                         ui_login_post,     ACC_PUBLIC, CMD_DB,     KB(K_LOGIN) | KB(K_PASSWORD) | KB(K_NEXT), KB(K_LOGIN) | KB(K_PASSWORD) },
	{ "POST", "/logout",                        ui_logout,         ACC_PUBLIC, CMD_DB,     0,                        0 },
	{ "GET",  "/reset",                         ui_reset,          ACC_PUBLIC, CMD_DB,     0,                        0 },
	{ "POST", "/reset",                         ui_reset_post,     ACC_PUBLIC, CMD_DB,     KB(K_LOGIN),              KB(K_LOGIN) },
	{ "GET",  "/reset/{token}",                 ui_newpw,          ACC_PUBLIC, CMD_DB,     KB(K_TOKEN),              0 },
	{ "POST", "/reset/{token}",                 ui_newpw_post,     ACC_PUBLIC, CMD_DB,     KB(K_TOKEN) | KB(K_PASSWORD), KB(K_PASSWORD) },
	{ "GET",  "/verify",                        ui_verify,         ACC_DONOR,  CMD_DB,     KB(K_NEXT),               0 },
	{ "POST", "/verify",                        ui_verify_post,    ACC_DONOR,  CMD_DB,     KB(K_VCODE) | KB(K_NEXT), KB(K_VCODE) },
	{ "POST", "/verify/send",                   ui_verify_send,    ACC_DONOR,  CMD_DB,     KB(K_NEXT),               0 },
	{ "GET",  "/verify/{token}",                ui_verify_link,    ACC_PUBLIC, CMD_DB,     KB(K_TOKEN) | KB(K_NEXT), 0 },
	{ "POST", "/verify/{token}",                ui_verify_link_post, ACC_PUBLIC, CMD_DB,   KB(K_TOKEN) | KB(K_NEXT), 0 },
	{ "POST", "/children/{code}/hold",          ui_hold,           ACC_DONOR,  CMD_DB,     KB(K_CODE),               0 },
	{ "GET",  "/sponsor/{code}",                ui_sponsor,        ACC_DONOR,  CMD_DB,     KB(K_CODE),               0 },
	{ "POST", "/sponsor/{code}",                ui_sponsor_post,   ACC_DONOR,  CMD_DB,     KB(K_CODE) | SPONSOR,     KB(K_PLAN) | KB(K_AGREE) },
	{ "POST", "/sponsor/{code}/release",        ui_sponsor_release, ACC_DONOR, CMD_DB,     KB(K_CODE),               0 },
	{ "GET",  "/me",                            ui_me,             ACC_DONOR,  CMD_DB,     0,                        0 },
	{ "POST", "/me/sponsorships/{id}/pay",      ui_pay_next,       ACC_DONOR,  CMD_DB,     KB(K_ID),                 0 },
	{ "GET",  "/me/statements/{year}",          ui_statement,      ACC_DONOR,  CMD_DB,     KB(K_YEAR),               0 },
	/* payments: pay/ (the sandbox provider's own pages, and the pages every provider shares) */
	{ "GET",  "/pay/sandbox/{order}",           ui_sandbox,        ACC_PUBLIC, SANDBOX,    KB(K_ORDER),              0 },
	{ "POST", "/pay/sandbox/{order}/pay",       ui_sandbox_pay,    ACC_PUBLIC, SANDBOX,    KB(K_ORDER),              0 },
	{ "POST", "/pay/sandbox/{order}/cancel",    ui_sandbox_cancel, ACC_PUBLIC, SANDBOX,    KB(K_ORDER),              0 },
	{ "POST", "/pay/notify/{provider}",         ui_pay_notify,     ACC_PUBLIC, CMD_DB | CMD_NOCSRF, KB(K_PROVIDER),  0 },
	{ "GET",  "/pay/return/{order}",            ui_pay_return,     ACC_PUBLIC, CMD_DB,     KB(K_ORDER),              0 },
	/* the back office: admin/ (staff sessions; what each role reaches is the scope condition, cgi/scope.c) */
	{ "GET",  "/admin/login",                   ui_admin_login,    ACC_PUBLIC, ADM,        KB(K_NEXT),               0 },
	{ "POST", "/admin/login",                   ui_admin_login_post, ACC_PUBLIC, ADM,      KB(K_USERNAME) | KB(K_PASSWORD) | KB(K_NEXT), KB(K_USERNAME) | KB(K_PASSWORD) },
	{ "POST", "/admin/logout",                  ui_admin_logout,   ACC_STAFF,  ADM,        0,                        0 },
	{ "GET",  "/admin",                         ui_admin_home,     ACC_STAFF,  ADM,        0,                        0 },
	{ "GET",  "/admin/pairings",                ui_admin_pairings, ACC_MANAGER, ADM,       KB(K_STATUS),             0 },
	{ "POST", "/admin/pairings/{id}/approve",   ui_admin_approve,  ACC_MANAGER, ADM,       KB(K_ID),                 0 },
	{ "POST", "/admin/pairings/{id}/reject",    ui_admin_reject,   ACC_MANAGER, ADM,       KB(K_ID) | KB(K_REASON),  KB(K_REASON) },
	{ "GET",  "/admin/refunds",                 ui_admin_refunds,  ACC_MANAGER, ADM,       0,                        0 },
	{ "POST", "/admin/refunds/{id}",            ui_admin_refund,   ACC_MANAGER, ADM,       KB(K_ID),                 0 },
	{ "GET",  "/admin/children",                ui_admin_children, ACC_MANAGER, ADM,       CHILD_FILTERS,            0 },
	{ "GET",  "/admin/children/new",            ui_admin_child_new, ACC_MANAGER, ADM,      0,                        0 },
	{ "POST", "/admin/children",                ui_admin_child_create, ACC_MANAGER, ADM,   RECORD | KB(K_STORY) | KB(K_ADDRESS), RECORD },
	{ "GET",  "/admin/children/{code}",         ui_admin_child,    ACC_MANAGER, ADM,       KB(K_CODE),               0 },
	{ "POST", "/admin/children/{code}",         ui_admin_child_post, ACC_MANAGER, ADM,     KB(K_CODE) | RECORD | KB(K_STORY) | KB(K_ADDRESS) | KB(K_VERSION), RECORD | KB(K_VERSION) },
	{ "POST", "/admin/children/{code}/consent", ui_admin_consent,  ACC_MANAGER, ADM,       KB(K_CODE) | CONSENT,     CONSENT },
	{ "POST", "/admin/children/{code}/exit",    ui_admin_exit,     ACC_MANAGER, ADM,       KB(K_CODE) | KB(K_EXIT) | KB(K_NOTE), KB(K_EXIT) },
	{ "POST", "/admin/children/{code}/volunteer", ui_admin_assign, ACC_MANAGER, ADM,       KB(K_CODE) | KB(K_STAFF) | KB(K_ACTIVE), KB(K_STAFF) | KB(K_ACTIVE) },
	{ "GET",  "/admin/audit",                   ui_admin_audit,    ACC_PROVINCE, ADM,      AUDIT_FILTERS,            0 },
	{ "GET",  "/admin/staff",                   ui_admin_staff,    ACC_PROVINCE, ADM,      0,                        0 },
	{ "POST", "/admin/staff",                   ui_admin_staff_post, ACC_PROVINCE, ADM,    NEW_STAFF,                NEW_STAFF },
	{ "POST", "/admin/staff/{username}/active", ui_admin_staff_active, ACC_PROVINCE, ADM,  KB(K_USERNAME) | KB(K_ACTIVE), KB(K_ACTIVE) },
	{ "POST", "/admin/staff/{username}/password", ui_admin_staff_password, ACC_PROVINCE, ADM, KB(K_USERNAME) | KB(K_PASSWORD), KB(K_PASSWORD) },
	{ "GET",  "/admin/units",                   ui_admin_units,    ACC_PROVINCE, ADM,      0,                        0 },
	{ "POST", "/admin/units/{region}",          ui_admin_unit_post, ACC_PROVINCE, ADM,     KB(K_REGION) | KB(K_SIGNED) | KB(K_DATE), KB(K_SIGNED) },
	{ "GET",  "/admin/export/children.csv",     ui_admin_export_children, ACC_MANAGER, ADM, 0,                       0 },
	{ "POST", "/admin/export/children.csv",     ui_admin_export_children, ACC_MANAGER, ADM, KB(K_PII),               KB(K_PII) },
	{ "GET",  "/admin/export/pairings.csv",     ui_admin_export_pairings, ACC_MANAGER, ADM, 0,                       0 },
	{ "GET",  "/admin/import",                  ui_admin_import,   ACC_MANAGER, ADM,       0,                        0 },
	{ "POST", "/admin/import",                  ui_admin_import_post, ACC_MANAGER, ADM | CMD_UPLOAD, 0,            0 },
	{ "POST", "/admin/import/{upload}",         ui_admin_import_apply, ACC_MANAGER, ADM,   KB(K_UPLOAD),             0 },
	{ NULL, NULL, NULL, ACC_PUBLIC, 0, 0, 0 }
};

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

/* Whether the route's key called name (a path parameter) is secret: names are not unique, the route's keys are. */
static int secret_param(const struct cmd *c, const char *name, size_t len)
{
	for (int k = 0; k < K__MAX; k++)
		if ((c->keys & KB(k)) && strlen(KEYS[k].name) == len && strncmp(KEYS[k].name, name, len) == 0)
			return KEYS[k].secret;
	return 0;
}

/* The length of a route pattern's literal part before its first secret {parameter}, or 0 if it has none. */
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
