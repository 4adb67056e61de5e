/*
 * core/elsewhere.h — telling staff that an ID number is on record outside their reach, within a
 * daily allowance.
 *
 * County staff need to hear "this child is already registered in another county; ask the province
 * to transfer the record" when a family is in front of them. Without a bound, the same answer row
 * by row over an uploaded ledger would let them test which of 200,000 candidate ID numbers exist
 * anywhere in the province (with the birth date and county, a child's identity). So each staff
 * member gets Import.ElsewherePerDay answers a day, by the new-record form and the ledger check
 * together, each one audited with the keyed hash of the number (never the number).
 *
 * A ledger check answers about every row not in the uploader's own records: saying which rows are
 * new says which are not. It takes one answer per such row, all or none: a file with more of them
 * than are left gets no per-row answer (new and elsewhere rows are reported as one count), and the
 * province's dashboard lists it.
 */
#ifndef TX_CORE_ELSEWHERE_H
#define TX_CORE_ELSEWHERE_H

#include "../config.h"
#include "../db.h"
#include "../pii.h"
#include "actor.h"

/*
 * Inside the caller's transaction: take n answers from staff member a's allowance for today
 * (cfg->elsewhere_per_day), under the allowance row's lock. 1 if they were left (now spent), 0 if
 * not (nothing spent).
 */
int elsewhere_take(struct db *db, const struct config *cfg, const struct actor *a, long n,
                   struct err *e);

/*
 * Audit one number asked about: where (a file's row, or 0 for the new-record form), its keyed hash,
 * and whether the staff member was told it is on record elsewhere (a withheld answer is listed on
 * the province's dashboard).
 */
int elsewhere_audit_one(struct db *db, const struct actor *a, long line,
                        const unsigned char hash[PII_HASHBYTES], int told, struct err *e);

/*
 * Audit a file whose rows outside the uploader's records were not told apart, for the province's
 * dashboard: action "import.withheld" (a check) or "import.held" (an import that left elsewhere
 * rows for the province).
 */
int elsewhere_audit_file(struct db *db, const struct actor *a, const char *action, long rows,
                         long elsewhere, struct err *e);

/* The audit actions of withheld answers, as SQL, for the dashboard's list. */
#define ELSEWHERE_WITHHELD_ACTIONS "'child.withheld','import.withheld','import.held'"

#endif
