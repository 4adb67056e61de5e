/*
 * core/visits.h — visits to paired children, logged by volunteers and county staff under the
 * child's active pairing, and their review: a draft its author edits and submits, a reviewer in
 * scope approves (confirming the photos fit to show) or returns with a comment. The summary a
 * sponsor will read passes the privacy check (privacy.h): a finding blocks approval until the text
 * is edited. Summary and staff note are sealed (pii.c, owner: the child's public code). Each
 * change is one transaction with its audit row, which never holds the texts.
 */
#ifndef TX_CORE_VISITS_H
#define TX_CORE_VISITS_H

#include "../config.h"
#include "../db.h"
#include "../keys.h"
#include "actor.h"
#include "privacy.h"

#define VISIT_SUMMARY_MIN 20                /* characters */
#define VISIT_TEXT_MAX    500               /* characters: the summary, the staff note */
#define VISIT_TEXT_LEN    (VISIT_TEXT_MAX * 4 + 1)
#define VISIT_WHAT_LEN    (100 * 4 + 1)     /* given_what: 100 characters */
#define VISIT_NOTE_LEN    (500 * 4 + 1)     /* review_note */
#define VISIT_NAME_LEN    (32 * 4 + 1)      /* an alias, a staff member's name */
#define VISIT_DATE_LEN    sizeof "YYYY-MM-DD HH:MM"
#define VISIT_WORD_LEN    48                /* a state, a kind, the care SET as text */
#define VISIT_KEY_HEX     32                /* the form's one-time key: 16 bytes as hex */
#define VISIT_SLOTS       4                 /* photos per visit (photos.slot 1..4) */

/* The care given, one bit per CARE_KINDS entry in its order (life, family, education, special). */
#define VISIT_CARE_ALL    0xFu

/* A visit as its form sends it, each field checked by its validator (keys.c). */
struct visit_form {
	const char *child;      /* the child's public code (a new visit only) */
	const char *form_key;   /* 32 hex digits, made when the form was shown (a new visit only) */
	const char *date;       /* YYYY-MM-DD */
	const char *kind;       /* a VISIT_KINDS code */
	unsigned    care;       /* VISIT_CARE_ALL bits; at least one */
	const char *given_what; /* NULL: nothing handed over */
	long long   given_fen;  /* -1: no amount */
	const char *note;       /* the staff note; NULL or "": none */
	const char *summary;    /* for the sponsor, VISIT_SUMMARY_MIN..VISIT_TEXT_MAX characters */
	int         submit;     /* save and submit for review at once */
};

/* A child a visit may be logged for: in reach, paired, with the date its pairing began. */
struct visit_child {
	long long id;
	char      code[CHILD_CODE_LEN + 1];
	char      alias[VISIT_NAME_LEN];
	char      paired_on[VISIT_DATE_LEN];   /* YYYY-MM-DD: the pairing's approval */
	char      today[VISIT_DATE_LEN];
};

/* A visit as staff read it, its texts opened and the summary checked. */
struct visit {
	long long            id, child_id, author_id;
	long long            given_fen;         /* -1: none */
	int                  mine;              /* the reader wrote it */
	int                  may_edit;          /* the reader may change its fields (the author) */
	int                  may_review;        /* the reader reviews it (submitted) */
	char                 state[VISIT_WORD_LEN], kind[VISIT_WORD_LEN], care[VISIT_WORD_LEN];
	char                 visited_on[VISIT_DATE_LEN], paired_on[VISIT_DATE_LEN];
	char                 today[VISIT_DATE_LEN];   /* the database's date */
	char                 submitted_at[VISIT_DATE_LEN], reviewed_at[VISIT_DATE_LEN];
	char                 code[CHILD_CODE_LEN + 1], alias[VISIT_NAME_LEN];
	char                 author[VISIT_NAME_LEN], reviewer[VISIT_NAME_LEN];
	char                 given_what[VISIT_WHAT_LEN], review_note[VISIT_NOTE_LEN];
	char                 summary[VISIT_TEXT_LEN], note[VISIT_TEXT_LEN];
	struct privacy_found found;             /* the privacy check's findings in the summary */
};

/* Whether actor a's role writes visits (a volunteer, county staff) and reviews them (managers). */
int visit_writer(const struct actor *a);
int visit_reviewer(const struct actor *a);

/*
 * The child with code for a new visit by a: ERR_NOT_FOUND (visits.no_child) unless it is in a's
 * reach (a volunteer: assigned to them) and paired under an active sponsorship; ERR_FORBIDDEN
 * (visits.not_writer) for a role that does not write visits.
 */
int visit_child(struct db *db, const struct actor *a, const char *code, struct visit_child *out,
                struct err *e);

/*
 * A new visit from the form, a draft (submitted if f->submit), its id in *id. A form key already
 * used by a returns that visit, unchanged (a retried POST); another's is a conflict. The date may
 * be neither in the future (visits.future) nor before the pairing began (visits.before_pairing).
 */
int visit_create(struct db *db, const struct config *cfg, const struct actor *a,
                 const struct visit_form *f, long long *id, struct err *e);

/*
 * The visit id as a reads it (a volunteer: only their own; others: a child in reach), its summary
 * checked, the view audited (visit.view). ERR_NOT_FOUND (visits.unknown) otherwise.
 */
int visit_read(struct db *db, const struct config *cfg, const struct actor *a, long long id,
               struct visit *v, struct err *e);

/*
 * Save the form over the visit: its author, while it is a draft or returned (then submitted if
 * f->submit); or a reviewer in reach, while it is submitted, the summary alone (audited as an edit
 * at review). ERR_CONFLICT (visits.locked) in any other state.
 */
int visit_update(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                 const struct visit_form *f, struct err *e);

/* Submit a draft or a returned visit for review: its author only. */
int visit_submit(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                 struct err *e);

/*
 * Approve a submitted visit in a's reach, confirming the photos in the slots whose bits (1 << (slot
 * - 1)) are set in photos_ok; the others stay unconfirmed and are never shown. ERR_CONFLICT
 * (visits.privacy) while the privacy check finds anything in the summary.
 */
int visit_approve(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                  unsigned photos_ok, struct err *e);

/* Return a submitted visit in a's reach to its author, with why (1..200 characters). */
int visit_return(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                 const char *why, struct err *e);

#endif
