/*
 * fundraising.h — what themed activities and personal fundraising pages share (sql/032): who on
 * the staff reaches one, and pausing one (from its own page or from a report, 举报) with its donors
 * told, and resuming it. The activities' and pages' own modules build on this.
 */
#ifndef TX_FUNDRAISING_H
#define TX_FUNDRAISING_H

#include "../db.h"
#include "actor.h"

/* A fundraising item that can be paused: a themed activity or a personal page. */
enum fund_kind { FUND_ACTIVITY, FUND_PAGE };

/* The most a pause reason holds, in bytes (activities.pause_reason, 200 characters). */
#define FUND_REASON_MAX 804

/*
 * Pause item id of kind k for staff actor a, inside the caller's transaction, with reason (what
 * its donors read, 1..200 characters): it must be live (else a conflict, "fund.not_live") and
 * within a's reach (else not found, "fund.unknown"). Each of its donors (a signed-in donor's
 * login, a guest's mobile number) is sent one letter saying it is paused and why. *title (if not
 * NULL, FUND_TITLE_MAX bytes) gets its title.
 */
#define FUND_TITLE_MAX 164
int fund_pause(struct db *db, const struct actor *a, enum fund_kind k, long long id,
               const char *reason, char *title, struct err *e);

/* Resume a paused item, the same way (a conflict, "fund.not_paused", unless it is paused). */
int fund_resume(struct db *db, const struct actor *a, enum fund_kind k, long long id,
                struct err *e);

#endif
