/* admin.h — handlers of the back office (/admin), one file per page (ui-*.c). Access rules are in cgi/cmd.c. */
#ifndef TX_ADMIN_H
#define TX_ADMIN_H

#include "../ctx.h"

int ui_admin_login(struct ctx *c);        /* GET /admin/login                    ui-login.c */
int ui_admin_login_post(struct ctx *c);   /* POST /admin/login                   ui-login.c */
int ui_admin_logout(struct ctx *c);       /* POST /admin/logout                  ui-login.c */
int ui_admin_home(struct ctx *c);         /* GET /admin                          ui-home.c */
int ui_admin_pairings(struct ctx *c);     /* GET /admin/pairings                 ui-pairings.c */
int ui_admin_approve(struct ctx *c);      /* POST /admin/pairings/{id}/approve   ui-decide.c */
int ui_admin_reject(struct ctx *c);       /* POST /admin/pairings/{id}/reject    ui-decide.c */
int ui_admin_children(struct ctx *c);     /* GET /admin/children                 ui-children.c */
int ui_admin_child(struct ctx *c);        /* GET /admin/children/{code}          ui-child.c */
int ui_admin_child_post(struct ctx *c);   /* POST /admin/children/{code}         ui-child.c */
int ui_admin_consent(struct ctx *c);      /* POST /admin/children/{code}/consent ui-consent.c */
int ui_admin_audit(struct ctx *c);        /* GET /admin/audit                    ui-audit.c */
int ui_admin_exit(struct ctx *c);         /* POST /admin/children/{code}/exit    ui-exit.c */
int ui_admin_assign(struct ctx *c);       /* POST /admin/children/{code}/volunteer ui-assign.c */
int ui_admin_export_children(struct ctx *c); /* GET /admin/export/children.csv  ui-export.c */
int ui_admin_export_pairings(struct ctx *c); /* GET /admin/export/pairings.csv  ui-export.c */
int ui_admin_import(struct ctx *c);       /* GET /admin/import                   ui-import.c */
int ui_admin_import_post(struct ctx *c);  /* POST /admin/import (a file)         ui-import.c */
int ui_admin_staff(struct ctx *c);        /* GET /admin/staff                    ui-staff.c */
int ui_admin_staff_post(struct ctx *c);   /* POST /admin/staff                   ui-staff.c */
int ui_admin_staff_active(struct ctx *c); /* POST /admin/staff/{username}/active ui-staff.c */
int ui_admin_staff_password(struct ctx *c); /* POST /admin/staff/{username}/password ui-staff.c */
int ui_admin_units(struct ctx *c);        /* GET /admin/units                    ui-units.c */
int ui_admin_unit_post(struct ctx *c);    /* POST /admin/units/{region}          ui-units.c */

/* Page data every back-office page has: the admin navigation, the role's label and region. */
void admin_page(struct ctx *c, const char *title, const char *nav);

#endif
