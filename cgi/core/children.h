/*
 * core/children.h — children's records in the domain core: a record as staff in reach see it (its
 * personal data opened, every view audited), the record form's checks, saving a record against the
 * version it was read at, recording a child by hand (an ID number on record elsewhere is told
 * within the day's allowance, elsewhere.h), a guardian's consent to publish, and a volunteer's
 * assignment. Each change is one transaction with its audit row; the audit log never holds the
 * personal data itself.
 */
#ifndef TX_CORE_CHILDREN_H
#define TX_CORE_CHILDREN_H

#include "../config.h"
#include "../db.h"
#include "../keys.h"
#include "actor.h"

#define CHILD_NAME_LEN   (32 * 4 + 1)    /* a name or 化名: 32 characters of UTF-8 */
#define CHILD_STORY_LEN  (500 * 4 + 1)   /* the story: 500 characters */
#define CHILD_PII_LEN    1100            /* a personal field opened: the longest, with room */
#define CHILD_DATE_LEN   sizeof "YYYY-MM-DD"
#define CHILD_WORD_LEN   16              /* a code of the record: gender, category, status */
#define CHILD_REGION_LEN sizeof "420000"  /* a GB/T 2260 code */

/*
 * A child's record as staff see it on /admin/children/{code}: the stored fields and the personal
 * ones opened.
 */
struct child_record {
	long long id;
	unsigned  version;         /* a save must start from it (optimistic locking) */
	int       consent;         /* consent to publish the profile */
	int       consent_photo;   /* consent to photos */
	char      code[CHILD_CODE_LEN + 1];
	char      alias[CHILD_NAME_LEN];
	char      gender[CHILD_WORD_LEN];
	char      birth_date[CHILD_DATE_LEN];
	char      county[CHILD_REGION_LEN];
	char      category[CHILD_WORD_LEN];
	char      status[CHILD_WORD_LEN];
	char      exited_at[CHILD_DATE_LEN];   /* "" unless the child left */
	char      story[CHILD_STORY_LEN];
	char      real_name[CHILD_PII_LEN];
	char      id_number[CHILD_PII_LEN];
	char      guardian[CHILD_PII_LEN];
	char      address[CHILD_PII_LEN];      /* "" if recorded before ledgers brought addresses */
	char      school[CHILD_PII_LEN];       /* "" if none is on record */
};

/*
 * The record form's fields, each checked by its validator (keys.c); NULL story, address or school:
 * left empty.
 */
struct child_form {
	const char *alias, *gender, *birth, *county, *category, *story;
	const char *real_name, *id_number, *guardian, *address, *school;
};

/*
 * The record of code, if actor a reaches it, into out, its personal data opened; the view is
 * audited (child.view_pii). ERR_NOT_FOUND (children.not_found) if there is none in reach.
 */
int child_view(struct db *db, const struct config *cfg, const struct actor *a, const char *code,
               struct child_record *out, struct err *e);

/*
 * The form checked as a whole: the birth date the ID number's (ERR_INVALID,
 * children.birth_mismatch), the county in a's reach (ERR_FORBIDDEN, children.county_out_of_reach).
 */
int child_form_check(const struct actor *a, const struct child_form *f, struct err *e);

/*
 * Save the record of code from the form, if it is still at version: one transaction, audited with
 * the names of the fields changed. If someone saved since, nothing is written: *conflict is set and
 * current holds the record as it is now (a view of its personal data, audited). ERR_NOT_FOUND as
 * child_view; ERR_CONFLICT (children.dup_id) if another record has the ID number.
 */
int child_save(struct db *db, const struct config *cfg, const struct actor *a, const char *code,
               long long version, const struct child_form *f, struct child_record *current,
               int *conflict, struct err *e);

/*
 * Record a new child from the form (unpublished, waiting), its new code in code. An ID number
 * already on record: within a's reach, ERR_CONFLICT (children.on_record) with that record's code in
 * code; elsewhere, the answer is committed and audited first, then ERR_CONFLICT: children.elsewhere
 * if the day's allowance told it, else children.withheld (for the province to review).
 */
int child_create(struct db *db, const struct config *cfg, const struct actor *a,
                 const struct child_form *f, char code[CHILD_CODE_LEN + 1], struct err *e);

/* What a guardian's consent is for: the public profile, or photos (of visits, of drawings). */
enum consent_scope { CONSENT_PUBLISH, CONSENT_PHOTO };

/*
 * A guardian's consent (given 1) or its withdrawal, for scope, given by given_by on given_on,
 * recorded by a. Withdrawn, it takes effect at once: the profile leaves the public pages; or no
 * photo may be added any more and the child's photos are deleted, rows in the same transaction,
 * files once it committed (core/photos.c: no photo without its consent, domain.md).
 */
int child_consent(struct db *db, const struct config *cfg, const struct actor *a, const char *code,
                  enum consent_scope scope, int given, const char *given_by,
                  const char *given_on, struct err *e);

/*
 * Assign the child code to volunteer (a username) of the child's county (on 1), or take the
 * assignment back (on 0). ERR_INVALID (children.not_volunteer_here) for anyone but an open
 * volunteer account of that county; ERR_NOT_FOUND (children.not_assigned) to take back what was not
 * assigned.
 */
int child_assign(struct db *db, const struct config *cfg, const struct actor *a, const char *code,
                 const char *volunteer, int on, struct err *e);

#endif
