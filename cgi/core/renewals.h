/*
 * renewals.h — a sponsorship after its first year is paid: the next year's pledge written in time
 * and its donor reminded, a sponsorship left unpaid past the grace days marked lapsing, the
 * county's decision on a lapsing or stopped one (wait, or end it and list the child again:
 * 曾获资助), and the donor stopping their sponsorship.
 *
 * Every message is sent once: the reminders row (sponsorship, instalment, kind) is inserted in the
 * transaction that queues it, and only a transaction whose insert added the row queues anything.
 * So the sweep may run in every worker on every host at once.
 */
#ifndef TX_RENEWALS_H
#define TX_RENEWALS_H

#include "../config.h"
#include "../db.h"
#include "actor.h"

/* The county's "keep waiting": the sponsorship leaves the list to decide for this many days. */
#define RENEWAL_WAIT_DAYS 30
/* A sponsorship's pledge schedule is written at most this many years ahead (instalments.seq). */
#define RENEWAL_YEARS_MAX 20

/*
 * One pass of the sweep, as the system actor a: next years' instalments written Money.RenewDays
 * before a year ends (the donor told), reminders before and on each due date (annual plans 30, 7
 * and 0 days before; monthly 3 and 0), and active sponsorships with an instalment unpaid
 * Money.GraceDays after its due date moved to lapsing (the donor told). Only active sponsorships
 * are renewed or reminded. At most a batch of each per call; the next sweep takes the rest.
 */
int renewals_sweep(struct db *db, const struct config *cfg, const struct actor *a, struct err *e);

/*
 * The donor a stops their sponsorship sid (active or lapsing) with reason: it becomes stopping,
 * no more renewals or reminders, its open orders closed; payouts go on. Another donor's, or an
 * unknown one, is ERR_NOT_FOUND; one in another state ERR_CONFLICT.
 */
int renewal_stop(struct db *db, const struct config *cfg, const struct actor *a, long long sid,
                 const char *reason, struct err *e);

/*
 * The county staff member a decides on lapsing or stopping sponsorship sid in their scope:
 * choice "wait" keeps waiting RENEWAL_WAIT_DAYS; "end" ends it (its orders closed, the child
 * listed again marked 曾获资助). A lapsing one only once Money.DecideDays have passed since the
 * first unpaid due date; "end" is refused (ERR_CONFLICT) while the child has payouts not yet
 * paid or cancelled. Out of scope is ERR_NOT_FOUND; other roles ERR_FORBIDDEN.
 */
int renewal_decide(struct db *db, const struct config *cfg, const struct actor *a, long long sid,
                   const char *choice, struct err *e);

#endif
