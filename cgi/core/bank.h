/*
 * core/bank.h — the guardian's bank account on a child's record, where a bank transfer of a
 * payout goes (payouts.h): sealed like every personal field (pii.h; field "bank_account", owner the
 * child's code, "holder\nnumber\nbank"), with children.bank_mask ("6222 **** **** 1234") all a
 * list shows of it. County staff in reach set it; city and province staff see it. No page shows
 * the full number, and neither the audit log nor a log line ever holds it.
 */
#ifndef TX_CORE_BANK_H
#define TX_CORE_BANK_H

#include "../config.h"
#include "../db.h"
#include "actor.h"
#include "payouts.h"

#define BANK_HOLDER_LEN (32 * 4 + 1)   /* bank_holder: 32 characters */
#define BANK_NAME_LEN   (32 * 4 + 1)   /* bank_name: 32 characters */
#define BANK_NO_LEN     20             /* 12..19 digits */

/* An account as staff see it: never the number, only its mask. */
struct bank_account {
	int  set;                          /* 0: none on record */
	char holder[BANK_HOLDER_LEN], bank[BANK_NAME_LEN], mask[BANK_MASK_LEN];
};

/*
 * Put the account (holder, number: digits and spaces, bank) on the record of the child with code,
 * sealed, in one transaction audited as child.bank (without the number). ERR_NOT_FOUND
 * (bank.no_child) out of a's reach, ERR_FORBIDDEN (bank.not_county) for any role but county staff,
 * ERR_INVALID (bank.bad) for a number without 12..19 digits.
 */
int bank_account_set(struct db *db, const struct config *cfg, const struct actor *a,
                     const char *code, const char *holder, const char *number, const char *bank,
                     struct err *e);

/*
 * The account on the record of child id (which the caller has read within a's reach: the record
 * page), opened for staff: holder, bank and mask; the number is wiped at once. The view is audited
 * (child.bank_view) when there is an account.
 */
int bank_account_read(struct db *db, const struct config *cfg, const struct actor *a,
                      long long child_id, struct bank_account *out, struct err *e);

#endif
