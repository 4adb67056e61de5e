/*
 * core/bankfile.h — a batch's files for the bank (银行代发): the transfer list the county sends
 * (its approved bank payouts with the guardian's account opened, personal data: audited), and the
 * bank's result file read back, line by line, each good line marking its payout paid or failed in
 * one transaction. The columns are documented in README.md ("Payout batches and the bank").
 */
#ifndef TX_CORE_BANKFILE_H
#define TX_CORE_BANKFILE_H

#include "../config.h"
#include "../db.h"
#include "actor.h"
#include "payouts.h"

#define BANK_HOLDER_LEN (32 * 4 + 1)
#define BANK_NO_LEN     24
#define BANK_NAME_LEN   (32 * 4 + 1)
#define BANK_MAX_BYTES  (8L * 1024 * 1024)   /* a result file: 50,000 lines and more */
#define BANK_MAX_LINES  50000                /* a county's batch, and room to spare */

/* One transfer of the export: our reference, the account as sealed, the amount. */
struct bank_line {
	char      ref[PAYOUT_REF_LEN + 1];
	char      holder[BANK_HOLDER_LEN], number[BANK_NO_LEN], bank[BANK_NAME_LEN];
	long long amount_fen;
};

struct bank_export {
	struct bank_line *v;
	long              n;
};

/*
 * The batch's approved bank payouts, their accounts opened from children.pii_bank, for its
 * county's staff (batch_lock: 404 out of reach, 403 for another role): one transaction that sets
 * the batch's exported_at/by and audits payout.export with the count (never the data).
 * ERR_CONFLICT batches.not_bank (a cash or goods batch), batches.none_to_export (nothing
 * approved). Free out with bank_export_free (it wipes the accounts), also on failure.
 */
int bankfile_export(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                    struct bank_export *out, struct err *e);
void bank_export_free(struct bank_export *x);

/* UTF-8 text in[0..len) as GBK, malloc'd in *out (*olen bytes); -1 if a character has none. */
int bankfile_gbk(const char *in, size_t len, char **out, size_t *olen, struct err *e);

/* What became of one line of the bank's result file. */
enum bank_outcome {
	BANK_PAID,          /* approved → paid */
	BANK_FAILED,        /* approved → failed, with the bank's reason */
	BANK_ALREADY,       /* the file said what is on record already: unchanged */
	BANK_UNKNOWN,       /* no payout has this reference */
	BANK_OTHER_BATCH,   /* a payout of another batch */
	BANK_AMOUNT,        /* the amount is not the payout's */
	BANK_NOT_APPROVED,  /* the payout is in another state (state says which) */
	BANK_DUPLICATE,     /* the reference is on an earlier line of the file */
	BANK_COLUMNS,       /* unreadable: too few or too many fields */
	BANK_BAD_REF,       /* unreadable: not one of our references */
	BANK_BAD_AMOUNT,    /* unreadable: not an amount in yuan */
	BANK_BAD_RESULT,    /* unreadable: neither 成功/success nor 失败/fail */
	BANK_BAD_DATE,      /* unreadable: not a date, or a date to come */
	BANK_BAD_TEXT,      /* unreadable: the bank reference or reason too long or not text */
	BANK__MAX
};

struct bank_result {
	long              line;                       /* the file's record number; 1 is a header */
	char              ref[PAYOUT_REF_LEN + 1];    /* "" when unreadable */
	enum bank_outcome outcome;
	char              state[PAYOUT_WORD_LEN];     /* the payout's state after the import */
};

/* The report of an import: every line's outcome, in file order, and the counts. */
struct bank_report {
	long                lines, paid, failed, unchanged, refused;
	struct bank_result *v;
	long                n;
};

/*
 * Read the bank's result file for batch id (data[0..len): UTF-8 with or without a BOM, or GBK;
 * CSV of reference, account (may be masked), amount in yuan, 成功/失败 (or success/fail), reason,
 * the bank's reference, the date paid (YYYY-MM-DD or YYYYMMDD; empty: today); a first line that
 * is not one of ours is a header) as county staff a: one transaction that moves each good line's
 * approved payout to paid or failed and reports every line. A file with no good line writes
 * nothing; the same file again changes nothing (its lines are BANK_ALREADY). Errors of the whole
 * file as import_decode's, import.quotes, import.empty, import.too_large, bankfile.too_many (more
 * than BANK_MAX_LINES lines: a worker's memory is bounded); access as batch_lock's.
 * Free rep with bank_report_free, also on failure.
 */
int bankfile_results(struct db *db, const struct actor *a, long long id, const char *data,
                     size_t len, struct bank_report *rep, struct err *e);
void bank_report_free(struct bank_report *rep);

/* The message key (cgi/messages.c) of an outcome: "bankfile.paid" etc. */
const char *bank_outcome_key(enum bank_outcome o);

#endif
