/*
 * care.h — care after pairing as the sponsor hears of it: the daily digest that tells a donor of
 * visits approved, of the child's replies approved and of payouts paid to the child's family
 * (善款已发放) since the last digest, at most one a day.
 */
#ifndef TX_CARE_H
#define TX_CARE_H

#include "actor.h"
#include "../db.h"

/*
 * News older than this is never told in a digest: the first sweep after an upgrade, or over demo
 * data, does not send months of old visits.
 */
#define CARE_NEWS_DAYS 7

/*
 * Queue today's digest for every donor (up to a batch; the next sweep takes the rest) whose active
 * sponsorships have news since their last digest (visits and replies reviewed, payouts recorded
 * paid) and who had none today: one outbox message each, counting the care news and naming the
 * payouts (period and amount). Each donor's day is claimed by a row in care_digests in the
 * transaction that queues the message, so however many sweeps run at once, on however many hosts,
 * a donor gets one digest a day. *queued (if not NULL) gets how many this call queued. Run as the
 * system actor a (the sweep).
 */
int care_digest_sweep(struct db *db, const struct actor *a, int *queued, struct err *e);

#endif
