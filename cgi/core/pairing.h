/*
 * pairing.h — staff decisions on a pairing: approving or rejecting a paid sponsorship, and a child
 * leaving the programme (which ends its sponsorship). Each acts for a staff member (the actor),
 * only on children within their reach (scope.h): anything else is not found, as if it did not
 * exist. Each is one transaction under the row locks of what it changes; the provider is asked to
 * close the orders it closed, and to refund, outside it.
 */
#ifndef TX_CORE_PAIRING_H
#define TX_CORE_PAIRING_H

#include "../config.h"
#include "../db.h"
#include "../scope.h"
#include "actor.h"

/*
 * Approve a sponsorship awaiting approval: it becomes active and its child paired, and the donor is
 * told. Not found out of reach; a conflict if it is not awaiting approval, or a refund of its money
 * is under way (finished by rejecting again).
 */
int pairing_approve(struct db *db, const struct config *cfg, const struct actor *staff,
                    long long sponsorship_id, struct err *e);

/*
 * Reject a sponsorship awaiting approval, for reason (told to the donor): its money goes back first
 * (ledger.h's three refund steps), then it ends as rejected, its open orders close and its child
 * waits again. A conflict if it is not awaiting approval, or money arrived during the reject (doing
 * it again finishes it).
 */
int pairing_reject(struct db *db, const struct config *cfg, const struct actor *staff,
                   long long sponsorship_id, const char *reason, struct err *e);

/*
 * The child with public code leaves the programme, for reason (an EXIT_REASONS code) and note
 * (NULL: none; needed for "other"). Its active sponsorship ends, its open orders close, and the
 * donor is told and offered a waiting child nearby. A conflict if it has left already, or a pairing
 * is still being paid for or approved.
 */
int pairing_exit(struct db *db, const struct config *cfg, const struct actor *staff,
                 const char *code, const char *reason, const char *note, struct err *e);

#endif
