/*
 * match.h — matching pools (配捐, sql/032 match_pools): the matching of each eligible gift when it
 * is credited, in the crediting transaction, and its return to the pool when the gift is refunded.
 */
#ifndef TX_MATCH_H
#define TX_MATCH_H

#include "../db.h"
#include "actor.h"

/*
 * Match donation donation_id, just written inside the caller's transaction (ledger.c for a
 * provider's payment, offline gifts entered by staff), from the pool that takes it, if any: a
 * paid gift that is not owed back, not itself a match, of a kind and scope a pool in its window
 * matches. The match is a donation of its own (channel 'match', pool_id, match_of, its own receipt
 * number), taken from the pool's remaining amount by a statement that can never leave it below
 * zero, however many gifts are credited at once. A gift no pool takes changes nothing.
 */
int match_gift(struct db *db, const struct actor *a, long long donation_id, struct err *e);

/*
 * Donation donation_id was refunded, inside the caller's transaction: its match, if it has one,
 * is taken back and its amount returned to the pool. Nothing if it had none.
 */
int match_return(struct db *db, const struct actor *a, long long donation_id, struct err *e);

/*
 * What active pools in their window pledged (*pledged) and have matched so far (*matched), in fen:
 * those of themed activity activity_id, or every one when it is 0. The public line 已配捐 ¥X / ¥Y.
 */
int match_pool_totals(struct db *db, long long activity_id, long long *matched,
                      long long *pledged, struct err *e);

#endif
