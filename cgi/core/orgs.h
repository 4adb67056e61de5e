/*
 * core/orgs.h — a county's volunteer organisations (志愿者组织): opened, changed and read by county
 * staff for their own county and by city and province staff below them. The contact person and
 * phone are personal data: sealed at rest (owner "org:<id>"), and every view of them audited.
 */
#ifndef TX_CORE_ORGS_H
#define TX_CORE_ORGS_H

#include "../config.h"
#include "../db.h"
#include "../scope.h"
#include "actor.h"

#define ORG_NAME_LEN    (32 * 4 + 1)   /* 32 characters of UTF-8 (the form's limit) */
#define ORG_CONTACT_LEN (32 * 4 + 1)
#define ORG_DATE_LEN    11             /* YYYY-MM-DD */

/* An organisation as the form gives it; "" for an optional field left empty. */
struct org_form {
	const char *county;          /* where it works: a county (only when it is opened) */
	const char *name;
	const char *contact_name;
	const char *contact_phone;
	const char *agreed_on;       /* the cooperation agreement's date */
	int         active;
};

/* An organisation as it is, its contact opened. */
struct org {
	long long id;
	char      county[ACTOR_REGION_LEN];
	char      name[ORG_NAME_LEN];
	char      contact_name[ORG_CONTACT_LEN];
	char      contact_phone[ORG_CONTACT_LEN];
	char      agreed_on[ORG_DATE_LEN];
	int       active;
};

/*
 * The condition on the regions row aliased r of an organisation's (or a volunteer's) county that
 * actor a reaches: county staff their own county, city staff the counties under them, the province
 * all; anyone else nothing. One parameter, as scope_for's.
 */
void orgs_scope(const struct actor *a, struct scope *s);

/*
 * Open an organisation in f->county for actor a, its contact sealed, audited; *id gets its id.
 * ERR_FORBIDDEN (orgs.county_out_of_reach) for a county a does not reach; ERR_CONFLICT (orgs.taken)
 * if the county has one of that name.
 */
int org_create(struct db *db, const struct config *cfg, const struct actor *a,
               const struct org_form *f, long long *id, struct err *e);

/*
 * Organisation id, if a reaches it, into out with its contact opened; the view is audited
 * (org.view_contact). ERR_NOT_FOUND (orgs.not_found) if there is none in reach.
 */
int org_view(struct db *db, const struct config *cfg, const struct actor *a, long long id,
             struct org *out, struct err *e);

/*
 * Change organisation id (its county stays) as f says, audited. ERR_NOT_FOUND as org_view;
 * ERR_CONFLICT (orgs.taken) for a name the county has already.
 */
int org_save(struct db *db, const struct config *cfg, const struct actor *a, long long id,
             const struct org_form *f, struct err *e);

/*
 * Inside a transaction: organisation id locked, if a reaches it (the system reaches all), and its
 * county into county. ERR_NOT_FOUND (orgs.not_found) out of reach; ERR_CONFLICT (orgs.inactive) if
 * it no longer works with the programme: no volunteer joins it then.
 */
int org_for_volunteer(struct db *db, const struct actor *a, long long id,
                      char county[ACTOR_REGION_LEN], struct err *e);

/*
 * The id of the organisation that ref names in county: its id in digits, or its name there (for
 * txctl staff-add). ERR_NOT_FOUND (orgs.not_found) if there is none in that county.
 */
int org_find(struct db *db, const char *county, const char *ref, long long *id, struct err *e);

#endif
