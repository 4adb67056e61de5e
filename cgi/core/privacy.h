/*
 * core/privacy.h — the check every text meant for a sponsor (a visit's summary) or passed between
 * sponsor and family (a letter, a reply) goes through before a reviewer may approve it: phone
 * numbers, ID numbers, QQ and WeChat ids, the child's and guardian's real names, the school and
 * village of the child's record, and in letters addresses and requests for money. It finds and
 * marks; the reviewer decides, and a text with a finding cannot be approved until it is edited.
 */
#ifndef TX_CORE_PRIVACY_H
#define TX_CORE_PRIVACY_H

#include <stddef.h>

#include "../config.h"
#include "../db.h"
#include "actor.h"

enum privacy_kind {
	PV_PHONE,     /* a mobile or landline number */
	PV_IDNUM,     /* an ID-card number */
	PV_CHAT,      /* a QQ or WeChat id */
	PV_NAME,      /* the child's or the guardian's real name (from the record) */
	PV_PLACE,     /* the school, village or town of the child's record */
	PV_ADDRESS,   /* anything that reads as an address (…村…组, …路…号) */
	PV_MONEY,     /* a request for money or gifts, or payment details */
	PV__MAX
};

#define PV_BIT(k)     (1u << (k))
/* What a visit's summary is checked for; a letter (either way) is checked for everything. */
#define PV_FOR_VISIT  (PV_BIT(PV_PHONE) | PV_BIT(PV_IDNUM) | PV_BIT(PV_CHAT) | PV_BIT(PV_NAME) | \
                       PV_BIT(PV_PLACE))
#define PV_FOR_LETTER (PV_BIT(PV__MAX) - 1)

/* One finding: bytes text[at .. at+len) of the kind. */
struct privacy_hit {
	unsigned          at, len;
	enum privacy_kind kind;
};

#define PRIVACY_HITS 32
struct privacy_found {
	int                n;      /* findings, in the order of the text, never overlapping */
	int                more;   /* 1 if there were more than PRIVACY_HITS */
	struct privacy_hit hit[PRIVACY_HITS];
};

/*
 * The words of a child's record that no sponsor may read: the real name (and the given name
 * alone), the guardian's name, the school, the village and town of the address. They are opened
 * for one check and wiped after it (privacy_terms_wipe).
 */
#define PRIVACY_TERMS 16
struct privacy_terms {
	int               n;
	const char       *term[PRIVACY_TERMS];
	enum privacy_kind kind[PRIVACY_TERMS];
	char              buf[2048];
};

/* The child's terms (t->n may be 0: a record without them); -1 and e set if it cannot be read. */
int privacy_terms_of(struct db *db, const struct config *cfg, long long child_id,
                     struct privacy_terms *t, struct err *e);
void privacy_terms_wipe(struct privacy_terms *t);

/*
 * The terms of a record's opened fields: the real name, the guardian ("name and contact"), the
 * address and the school (each may be NULL); words of the public alias are left out.
 */
#define PRIVACY_FIELDS 4
void privacy_terms_from(struct privacy_terms *t, const char *const field[PRIVACY_FIELDS],
                        const char *alias);

/*
 * Scan text (UTF-8) for the kinds in mask (PV_BIT()s), with the child's terms (t may be NULL).
 * Fills f and returns the number of findings.
 */
int privacy_scan(const char *text, const struct privacy_terms *t, unsigned mask,
                 struct privacy_found *f);

/* The kind's name ("phone", "idnum", "chat", "name", "place", "address", "money"), for labels. */
const char *privacy_kind_name(enum privacy_kind k);

#endif
