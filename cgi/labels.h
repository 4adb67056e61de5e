/* labels.h — the fixed code lists (categories, gender, statuses) and the Chinese people read. */
#ifndef TX_LABELS_H
#define TX_LABELS_H

#include <stddef.h>

struct label {
	const char *code;
	const char *text;
};

/* Hardship categories from domain.md, in display order; terminated by a {NULL, NULL} entry. */
extern const struct label CATEGORIES[];
extern const struct label GENDERS[];
extern const struct label CHILD_STATUSES[];
extern const struct label SPONSORSHIP_STATES[];
extern const struct label PLANS[];
extern const struct label PURPOSES[];
extern const struct label FINANCE_CHANNELS[];
/* fundraising beyond one-to-one (sql/032) */
extern const struct label DONATION_CHANNELS[];  /* donations.channel */
extern const struct label OFFLINE_CHANNELS[];   /* bank | cash | cheque */
extern const struct label PAGE_KINDS[];
extern const struct label PAGE_STATES[];
extern const struct label ACTIVITY_STATES[];
extern const struct label POOL_STATES[];
extern const struct label GIFT_KINDS[];         /* match_pools.kinds */
extern const struct label REPORT_KINDS[];
extern const struct label DOC_KINDS[];
extern const struct label ORDER_STATES[];
extern const struct label STAFF_ROLES[];
extern const struct label EXIT_REASONS[];
extern const struct label VISIT_KINDS[];   /* how a visit was made (visits.kind) */
extern const struct label CARE_KINDS[];    /* the four kinds of care (visits.care, a SET) */
extern const struct label VISIT_STATES[];
extern const struct label LETTER_STATES[];
extern const struct label PAYOUT_STATES[];
extern const struct label PAYOUT_METHODS[];  /* how a payout reaches the family (payouts.method) */
extern const struct label PRIVACY_KINDS[];  /* what the privacy check finds (core/privacy.h) */

/*
 * What a public list shows for a donor: 爱心人士 if anonymous or nameless, else the name masked
 * (张*, 张*明, 欧**风).
 */
#define ANONYMOUS_DONOR "爱心人士"
void mask_name(const char *name, int anonymous, char *out, size_t n);

/* The text for code in list, or NULL if the code is unknown. */
const char *label_of(const struct label *list, const char *code);

/*
 * The texts of the codes in codes (a SET column's value, comma-separated) in list's order, joined
 * by sep, into out (n bytes, cut to fit); unknown codes are left out. Returns the length written.
 */
size_t label_set_text(const struct label *list, const char *codes, const char *sep, char *out,
                      size_t n);

#endif
