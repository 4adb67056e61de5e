/*
 * admin.h — handlers of the back office (/admin), one file per page (ui-*.c). Access rules are in
 * cgi/cmd.c.
 */
#ifndef TX_ADMIN_H
#define TX_ADMIN_H

#include "../core/children.h"
#include "../core/privacy.h"
#include "../ctx.h"

int ui_admin_login(struct ctx *c);        /* GET /admin/login                    ui-login.c */
int ui_admin_login_post(struct ctx *c);   /* POST /admin/login                   ui-login.c */
int ui_admin_logout(struct ctx *c);       /* POST /admin/logout                  ui-login.c */
int ui_admin_home(struct ctx *c);         /* GET /admin                          ui-home.c */
int ui_admin_pairings(struct ctx *c);     /* GET /admin/pairings                 ui-pairings.c */
int ui_admin_approve(struct ctx *c);      /* POST /admin/pairings/{id}/approve   ui-decide.c */
int ui_admin_reject(struct ctx *c);       /* POST /admin/pairings/{id}/reject    ui-decide.c */
int ui_admin_refunds(struct ctx *c);      /* GET /admin/refunds                  ui-refunds.c */
int ui_admin_refund(struct ctx *c);       /* POST /admin/refunds/{id}            ui-refunds.c */
int ui_admin_children(struct ctx *c);     /* GET /admin/children                 ui-children.c */
int ui_admin_child_new(struct ctx *c);    /* GET /admin/children/new             ui-child-new.c */
int ui_admin_child_create(struct ctx *c); /* POST /admin/children                ui-child-new.c */
int ui_admin_child(struct ctx *c);        /* GET /admin/children/{code}          ui-child.c */
int ui_admin_child_post(struct ctx *c);   /* POST /admin/children/{code}         ui-child.c */
int ui_admin_consent(struct ctx *c);      /* POST /admin/children/{code}/consent ui-consent.c */
int ui_admin_audit(struct ctx *c);        /* GET /admin/audit                    ui-audit.c */
int ui_admin_exit(struct ctx *c);         /* POST /admin/children/{code}/exit    ui-exit.c */
int ui_admin_assign(struct ctx *c);       /* POST /admin/children/{code}/volunteer ui-assign.c */
int ui_admin_export_children(struct ctx *c); /* GET|POST /admin/export/children.csv ui-export.c */
int ui_admin_export_pairings(struct ctx *c); /* GET /admin/export/pairings.csv  ui-export.c */
int ui_admin_export_visits(struct ctx *c);   /* GET /admin/export/visits.csv    ui-export.c */
int ui_admin_import(struct ctx *c);       /* GET /admin/import                   ui-import.c */
int ui_admin_import_post(struct ctx *c);  /* POST /admin/import (a file: checked) ui-import.c */
int ui_admin_import_apply(struct ctx *c); /* POST /admin/import/{upload}         ui-import.c */
int ui_admin_staff(struct ctx *c);        /* GET /admin/staff                    ui-staff.c */
int ui_admin_staff_post(struct ctx *c);   /* POST /admin/staff                   ui-staff.c */
int ui_admin_staff_active(struct ctx *c); /* POST /admin/staff/{username}/active ui-staff.c */
int ui_admin_staff_password(struct ctx *c); /* POST /admin/staff/{username}/password ui-staff.c */
int ui_admin_units(struct ctx *c);        /* GET /admin/units                    ui-units.c */
int ui_admin_unit_post(struct ctx *c);    /* POST /admin/units/{region}          ui-units.c */
/* volunteer organisations (orgs) */
int ui_admin_orgs(struct ctx *c);         /* GET /admin/orgs                     ui-orgs.c */
int ui_admin_orgs_post(struct ctx *c);    /* POST /admin/orgs                    ui-orgs.c */
int ui_admin_org(struct ctx *c);          /* GET /admin/orgs/{id}                ui-orgs.c */
int ui_admin_org_post(struct ctx *c);     /* POST /admin/orgs/{id}               ui-orgs.c */
/* visits */
int ui_admin_visit_new(struct ctx *c);    /* GET /admin/visits/new?child=        ui-visit-new.c */
int ui_admin_visit_create(struct ctx *c); /* POST /admin/visits                  ui-visit-new.c */
int ui_admin_visits(struct ctx *c);       /* GET /admin/visits?status=           ui-visits.c */
int ui_admin_visit(struct ctx *c);        /* GET /admin/visits/{id}              ui-visit.c */
int ui_admin_visit_post(struct ctx *c);   /* POST /admin/visits/{id} (an edit)   ui-visit.c */
int ui_admin_visit_submit(struct ctx *c); /* POST /admin/visits/{id}/submit      ui-visit.c */
int ui_admin_visit_approve(struct ctx *c); /* POST /admin/visits/{id}/approve    ui-visit.c */
int ui_admin_visit_return(struct ctx *c); /* POST /admin/visits/{id}/return      ui-visit.c */
/* photos */
int ui_admin_visit_photo(struct ctx *c);  /* POST /admin/visits/{id}/photos      ui-photo.c */
int ui_admin_letter_photo(struct ctx *c); /* POST /admin/letters/{id}/photos     ui-photo.c */
int ui_admin_photo(struct ctx *c);        /* GET /admin/photos/{photo}           ui-photo.c */
int ui_admin_photo_delete(struct ctx *c); /* POST /admin/photos/{photo}/delete   ui-photo.c */
/* letters between sponsor and child */
int ui_admin_letters(struct ctx *c);      /* GET /admin/letters                  ui-letters.c */
int ui_admin_letter(struct ctx *c);       /* GET /admin/letters/{id}             ui-letter.c */
int ui_admin_letter_post(struct ctx *c);  /* POST /admin/letters/{id} (review)   ui-letter.c */
int ui_admin_letter_delivered(struct ctx *c); /* POST /admin/letters/{id}/delivered ui-letter.c */
int ui_admin_letter_reply(struct ctx *c); /* POST /admin/letters/{id}/reply      ui-letter.c */
/* payouts one by one, their evidence, the guardian's bank account */
int ui_admin_bank(struct ctx *c);          /* POST /admin/children/{code}/bank   ui-bank.c */
int ui_admin_payouts(struct ctx *c);       /* GET /admin/payouts                 ui-payouts.c */
int ui_admin_payout_new(struct ctx *c);    /* GET /admin/payouts/new?child=      ui-payout-new.c */
int ui_admin_payout_create(struct ctx *c); /* POST /admin/payouts                ui-payout-new.c */
int ui_admin_payout(struct ctx *c);        /* GET /admin/payouts/{id}            ui-payout.c */
int ui_admin_payout_submit(struct ctx *c); /* POST /admin/payouts/{id}/submit    ui-payout.c */
int ui_admin_payout_approve(struct ctx *c); /* POST /admin/payouts/{id}/approve  ui-payout.c */
int ui_admin_payout_return(struct ctx *c); /* POST /admin/payouts/{id}/return    ui-payout.c */
int ui_admin_payout_paid(struct ctx *c);   /* POST /admin/payouts/{id}/paid      ui-payout.c */
int ui_admin_payout_cancel(struct ctx *c); /* POST /admin/payouts/{id}/cancel    ui-payout.c */
int ui_admin_payout_retry(struct ctx *c);  /* POST /admin/payouts/{id}/retry     ui-payout.c */
int ui_admin_payout_file(struct ctx *c);   /* POST /admin/payouts/{id}/files     ui-payout-file.c */
int ui_admin_payout_file_get(struct ctx *c); /* GET /admin/payouts/files/{photo} ui-payout-file.c */
/* payout batches and the bank's files */
int ui_admin_batches(struct ctx *c);      /* GET /admin/batches                  ui-batches.c */
int ui_admin_batches_post(struct ctx *c); /* POST /admin/batches (make one)      ui-batches.c */
int ui_admin_batch(struct ctx *c);        /* GET /admin/batches/{id}             ui-batch.c */
int ui_admin_batch_submit(struct ctx *c); /* POST /admin/batches/{id}/submit     ui-batch.c */
int ui_admin_batch_approve(struct ctx *c); /* POST /admin/batches/{id}/approve   ui-batch.c */
int ui_admin_batch_export(struct ctx *c); /* POST /admin/batches/{id}/export     ui-batch.c */
int ui_admin_batch_results(struct ctx *c); /* POST /admin/batches/{id}/results   ui-batch.c */
/* finance: reconciliation and the report */
int ui_admin_finance(struct ctx *c);      /* GET /admin/finance                  ui-finance.c */
int ui_admin_finance_report(struct ctx *c); /* GET /admin/finance/report         ui-finance.c */
int ui_admin_finance_report_csv(struct ctx *c); /* GET /admin/finance/report.csv ui-finance.c */
/* matching pools (配捐) */
int ui_admin_pools(struct ctx *c);        /* GET /admin/pools                    ui-pools.c */
int ui_admin_pool_new(struct ctx *c);     /* GET /admin/pools/new                ui-pools.c */
int ui_admin_pool_create(struct ctx *c);  /* POST /admin/pools                   ui-pools.c */
int ui_admin_pool(struct ctx *c);         /* GET /admin/pools/{id}               ui-pool.c */
int ui_admin_pool_pause(struct ctx *c);   /* POST /admin/pools/{id}/pause        ui-pool.c */
int ui_admin_pool_resume(struct ctx *c);  /* POST /admin/pools/{id}/resume       ui-pool.c */
int ui_admin_pool_close(struct ctx *c);   /* POST /admin/pools/{id}/close        ui-pool.c */
/* renewals: lapsing and stopped sponsorships, the county's decision */
/* offline gifts (issue 13): one by one, or a CSV batch checked then written */
int ui_admin_offline(struct ctx *c);      /* GET /admin/offline                  ui-offline.c */
int ui_admin_offline_post(struct ctx *c); /* POST /admin/offline                 ui-offline.c */
int ui_admin_offline_import(struct ctx *c);       /* GET /admin/offline/import   ui-offline.c */
int ui_admin_offline_import_post(struct ctx *c);  /* POST /admin/offline/import  ui-offline.c */
int ui_admin_offline_import_apply(struct ctx *c); /* POST …/import/{upload}      ui-offline.c */
int ui_admin_lapsing(struct ctx *c);     /* GET /admin/lapsing                  ui-lapsing.c */
int ui_admin_lapse(struct ctx *c);       /* POST /admin/sponsorships/{id}/lapse ui-lapsing.c */

/* themed activities (专题活动) and directed gifts (定向捐赠) */
int ui_admin_activities(struct ctx *c);      /* GET /admin/activities             ui-activities.c */
int ui_admin_activity_new(struct ctx *c);    /* GET /admin/activities/new         ui-activities.c */
int ui_admin_activities_post(struct ctx *c); /* POST /admin/activities           ui-activities.c */
int ui_admin_activity(struct ctx *c);        /* GET /admin/activities/{id}        ui-activity.c */
int ui_admin_activity_edit(struct ctx *c);   /* POST /admin/activities/{id}/edit  ui-activity.c */
int ui_admin_activity_publish(struct ctx *c); /* POST …/{id}/publish              ui-activity.c */
int ui_admin_activity_pause(struct ctx *c);  /* POST /admin/activities/{id}/pause ui-activity.c */
int ui_admin_activity_resume(struct ctx *c); /* POST …/{id}/resume                ui-activity.c */
int ui_admin_activity_end(struct ctx *c);    /* POST /admin/activities/{id}/end   ui-activity.c */
int ui_admin_activity_update(struct ctx *c); /* POST …/{id}/updates               ui-activity.c */
int ui_admin_directed(struct ctx *c);        /* GET /admin/directed               ui-directed.c */

/* A back-office path with a code in it, for a redirect: /admin/children/{code} and the like. */
#define ADMIN_URL_LEN 64

/*
 * A form's regions within the staff member's reach as a select's options (Regions, written with
 * uvar:; regionsel.h's RS_REGIONS: each city, then its counties, grouped by city for the
 * province), chosen marked, and whether they may leave it empty for the whole province
 * (MayProvince): the activity's, the pool's and the staff forms (places.c).
 */
void regions_in_reach(struct ctx *c, const char *chosen);

/* The activity form's fields as the core takes them (absent: NULL). */
struct activity_form;
struct activity_form activity_form_of(const struct ctx *c);

/* Page data every back-office page has: the admin navigation, the role's label and region. */
void admin_page(struct ctx *c, const char *title, const char *nav);

/*
 * A text with the privacy check's findings f on the page, for the reviewer (marked.c): its parts
 * in order as prefix.N.text, a finding's with .hit (its kind: phone, name, …) and .label (电话号码
 * …), for the template's `call marked(prefix)`. Returns the number of findings.
 */
int admin_marked(struct ctx *c, const char *prefix, const char *text,
                 const struct privacy_found *f);
/*
 * The counties within the staff member's reach as a select's options, by name, grouped by city for
 * the province (regionsel.h; places.c): page data Counties (written with uvar:), the county chosen
 * marked, and CountyChoices, how many there are (a county officer's one county needs no select).
 * Returns that number.
 */
int admin_county_options(struct ctx *c, const char *chosen);

/*
 * A list's county filter (K_COUNTY) into *county, "" when absent, and the filter's options
 * (admin_county_options). A county beyond the staff member's reach is refused (404, as a record
 * out of scope) rather than shown as an empty list under a select that cannot name it.
 */
int admin_county_filter(struct ctx *c, const char **county);

/* The same for a city (K_CITY): Cities and CityChoices (the province's; a city has its one). */
int admin_city_filter(struct ctx *c, const char **city);

/*
 * The member units listed under from (rows with id, name and region, in region code order) as
 * groups by city under to: to.N.label (the city's name; the province's for its own unit) and
 * to.N.Units.M.id and .name, for a select's <optgroup>s.
 */
void admin_unit_groups(struct ctx *c, const char *from, const char *to);

/* ---- the child-record form (record.c), shared by the record page and the new-child page ---- */

/*
 * The form's choices: categories, exit reasons, and the counties within the staff member's reach.
 */
void record_choices(struct ctx *c);

/* The form's fields (each checked by its validator) as the core takes them. */
struct child_form record_form(const struct ctx *c);

/* A record on the page as Child.* (the names of its columns: alias, real_name, ...). */
void record_page(struct ctx *c, const struct child_record *r);

/* ---- the visit form (ui-visit.c), shared by the new-visit page and the visit page ---- */

/* The form's fields (each checked by its validator) as the core takes them. */
struct visit_form;
struct visit_form visit_form_of(const struct ctx *c);

/* The form's choices (Kinds.*, Cares.* with .on for the care bits ticked). */
void visit_choices(struct ctx *c, unsigned care);

/* The path of visit id, for a redirect. */
void visit_url(char url[ADMIN_URL_LEN], long long id, const char *then);

/*
 * Batch id's page (admin-batch.cs) as the staff member reads it (ui-batch.c): its sums by state
 * and its payouts, failed first; what the request added (a new batch's skipped children, a
 * result file's report) stays on the page.
 */
int batch_page(struct ctx *c, long long id);

/* disclosure (信息公开) and 举报 */
int ui_admin_reports(struct ctx *c);       /* GET /admin/reports                 ui-reports.c */
int ui_admin_report(struct ctx *c);        /* GET /admin/reports/{id}            ui-report.c */
int ui_admin_report_answer(struct ctx *c); /* POST /admin/reports/{id}/answer    ui-report.c */
int ui_admin_report_pause(struct ctx *c);  /* POST /admin/reports/{id}/pause-item ui-report.c */
int ui_admin_disclosure(struct ctx *c);    /* GET /admin/disclosure              ui-disclosure.c */
int ui_admin_disclosure_doc(struct ctx *c); /* POST /admin/disclosure/docs       ui-disclosure.c */
int ui_admin_disclosure_update(struct ctx *c); /* POST /admin/disclosure/updates ui-disclosure.c */
/*
 * The count of overdue open reports in the staff member's reach, as name (the dashboard's link;
 * ui-reports.c).
 */
int reports_overdue_count(struct ctx *c, const char *name);

/*
 * The dashboard's charts (charts.c) as Charts.paired, .funds and .places (templates/chart.cs):
 * a year's pairings and money by month in the staff member's reach (m, DASH_MONTHS of them, from
 * dashboard_months), and the n counties' children by state in k, by city for the province.
 */
struct dash_county;
struct dash_month;
void dash_charts(struct ctx *c, const struct dash_month *m, const struct dash_county *k, int n);
/* personal fundraising pages (一起捐, 代言人): review, pause, spokespersons' pages */
int ui_admin_pages(struct ctx *c);        /* GET /admin/pages                    ui-pages.c */
int ui_admin_page_new(struct ctx *c);     /* GET /admin/pages/new                ui-pages.c */
int ui_admin_page_create(struct ctx *c);  /* POST /admin/pages                   ui-pages.c */
int ui_admin_page(struct ctx *c);         /* GET /admin/pages/{id}               ui-page.c */
int ui_admin_page_approve(struct ctx *c); /* POST /admin/pages/{id}/approve      ui-page.c */
int ui_admin_page_reject(struct ctx *c);  /* POST /admin/pages/{id}/reject       ui-page.c */
int ui_admin_page_pause(struct ctx *c);   /* POST /admin/pages/{id}/pause        ui-page.c */
int ui_admin_page_resume(struct ctx *c);  /* POST /admin/pages/{id}/resume       ui-page.c */
int ui_admin_page_end(struct ctx *c);     /* POST /admin/pages/{id}/end          ui-page.c */

#endif
