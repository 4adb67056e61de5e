/*
 * core/letters.h — letters between a sponsor and their child, always through staff. The sponsor
 * writes under their active sponsorship (a few at once waiting for review); a reviewer in scope
 * approves, edits (the original kept, sealed) or declines each, and the privacy check
 * (privacy.h) blocks approval while it finds anything; a volunteer (or county staff) records
 * that a letter was handed to the child, and the child's reply, which is reviewed the same way
 * before the sponsor reads it. Bodies are sealed (pii.c) with the child's public code as owner.
 * Every change is one transaction; every staff action is audited, never with the text.
 */
#ifndef TX_CORE_LETTERS_H
#define TX_CORE_LETTERS_H

#include "../config.h"
#include "../db.h"
#include "../keys.h"
#include "actor.h"
#include "privacy.h"

#define LETTER_CHARS        500                    /* what a letter or a reply may hold */
#define LETTER_LEN          (LETTER_CHARS * 4 + 1) /* its UTF-8 bytes, and the NUL */
#define LETTERS_PENDING_MAX 3     /* a sponsorship's letters waiting for review at once */
#define LETTER_PHOTOS       4     /* photos of a drawing with a reply: slots 1..4 */
#define LETTER_WORD_LEN     16    /* a state or a direction */
#define LETTER_TIME_LEN     sizeof "YYYY-MM-DD HH:MM"
#define LETTER_NOTE_LEN     (200 * 4 + 1)          /* a decline's reason */
#define LETTER_ALIAS_LEN    (32 * 4 + 1)

/* One letter as read (bodies opened). */
struct letter {
	long long id, sponsorship_id, child_id;
	long long reply_to;          /* a reply: the letter it answers; else 0 */
	long long delivered_visit;   /* the visit it was handed over on, or 0 */
	char      direction[LETTER_WORD_LEN];   /* to_child | from_child */
	char      state[LETTER_WORD_LEN];
	char      code[CHILD_CODE_LEN + 1], alias[LETTER_ALIAS_LEN], county[sizeof "420000"];
	char      sponsorship_state[LETTER_WORD_LEN];
	char      created[LETTER_TIME_LEN], reviewed[LETTER_TIME_LEN], delivered[LETTER_TIME_LEN];
	char      review_note[LETTER_NOTE_LEN];   /* why it was declined */
	int       edited;                         /* a reviewer changed the text */
	char      body[LETTER_LEN];
	char      original[LETTER_LEN];           /* as written, if edited (staff only); else "" */
};

/* Called with each letter of a list, in order; -1 (with e set) stops. It may run no statement. */
typedef int (*letter_fn)(void *ctx, const struct letter *l, struct err *e);

/*
 * The sponsorship sid if it is donor a's and active: its child's code and alias into code and
 * alias (CHILD_CODE_LEN + 1 and LETTER_ALIAS_LEN bytes). ERR_NOT_FOUND (letters.no_sponsorship)
 * otherwise: another donor's, or ended, is like none.
 */
int letters_sponsorship(struct db *db, const struct actor *a, long long sid, char *code,
                        char *alias, struct err *e);

/*
 * What the sponsor of sid (donor a's, active) reads, newest first: their own letters in every
 * state, and the child's replies once approved.
 */
int letters_for_sponsor(struct db *db, const struct config *cfg, const struct actor *a,
                        long long sid, letter_fn fn, void *ctx, struct err *e);

/*
 * Donor a writes body to the child of their active sponsorship sid. form_key (32 hex digits) is
 * the form's one-time key: a second POST of the same form writes nothing more. At most
 * LETTERS_PENDING_MAX of a sponsorship's letters wait for review at once (ERR_TOO_MANY,
 * letters.too_many), counted under the sponsorship's row lock.
 */
int letter_write(struct db *db, const struct config *cfg, const struct actor *a, long long sid,
                 const char *form_key, const char *body, struct err *e);

/*
 * Letter id if staff member a reaches its child (a volunteer: an assigned child; and of the
 * sponsor's letters only those a reviewer approved), into out. ERR_NOT_FOUND (letters.unknown)
 * otherwise.
 */
int letter_get(struct db *db, const struct config *cfg, const struct actor *a, long long id,
               struct letter *out, struct err *e);

/* What the privacy check finds in text for the child child_id (a letter's either way). */
int letter_check(struct db *db, const struct config *cfg, long long child_id, const char *text,
                 struct privacy_found *f, struct err *e);

/*
 * A reviewer's decisions on a pending letter (ERR_CONFLICT, letters.reviewed, once decided).
 * Edit: body replaces the text; the first edit keeps what was written (letters.original). Approve:
 * refused while the privacy check finds anything (ERR_CONFLICT, letters.findings, arg: how many);
 * a reply's photos are confirmed as photo_ok says (bit slot - 1 set: no face, no money), the rest
 * stay hidden. Decline: reason is what the sponsor (or, for a reply, nobody outside staff) reads.
 */
int letter_edit(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                const char *body, struct err *e);
int letter_approve(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                   unsigned photo_ok, struct err *e);
int letter_decline(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                   const char *reason, struct err *e);

/*
 * The child's volunteer (or county staff) records that approved letter id was handed over, on
 * visit (a visit of the same child; 0: none named). Others: ERR_FORBIDDEN (letters.not_handler).
 */
int letter_delivered(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                     long long visit, struct err *e);

/*
 * The same staff record the child's reply to delivered letter id, as body: a new letter from the
 * child, pending review; its id into *reply. form_key as letter_write's.
 */
int letter_reply(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                 const char *form_key, const char *body, long long *reply, struct err *e);

#endif
