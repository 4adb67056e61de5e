/*
 * core/offline.h — offline gifts (bank transfer, cash, cheque) entered by staff, one by one or as
 * a CSV batch (checked, then confirmed): each a paid donation with its channel, the year's next
 * receipt number and a receipt code, matched by a pool like an online gift (match.h), audited.
 * What a gift is for decides who may enter it: a gift to the fund (general) any manager; a gift
 * directed to a region or member unit, or for a themed activity, the staff who reach that region
 * (scope_reaches_region); anything else is not found.
 */
#ifndef TX_CORE_OFFLINE_H
#define TX_CORE_OFFLINE_H

#include <stddef.h>

#include "../db.h"
#include "actor.h"
#include "ledger.h"

/* A batch: at most this many data rows and bytes. */
#define OFFLINE_MAX_ROWS  5000
#define OFFLINE_MAX_BYTES (2L * 1024 * 1024)
/* Problems kept for the report (all are counted), and the longest reason with its numbers. */
#define OFFLINE_PROBLEMS_MAX 1000
#define OFFLINE_WHY_LEN      160
#define OFFLINE_COLUMN_LEN   16

/* A batch's columns, as its header names them (any order; others are ignored). */
enum offline_col { O_DATE, O_AMOUNT, O_CHANNEL, O_DONOR, O_MESSAGE, O_TARGET, O_REF, O__MAX };
extern const char *const OFFLINE_COLUMNS[O__MAX];

/* One gift to enter. */
struct offline_gift {
	const char *channel;        /* bank | cash | cheque */
	const char *paid_on;        /* YYYY-MM-DD: not in the future, at most a year back */
	long long   amount_fen;
	const char *donor_name;     /* NULL: none given (爱心人士) */
	int         anonymous;
	const char *message;        /* NULL: none */
	const char *bank_ref;       /* the bank's reference or the cheque's number; NULL: none */
	const char *form_key;       /* the form's one-time key, 32 hex digits; NULL in a batch */
	/*
	 * What it is for: a themed activity by its slug; else a member unit (unit > 0); else a
	 * city or county (target_region); else the fund.
	 */
	const char *slug;
	long long   unit;
	const char *target_region;
};

/* A gift written: its donation and receipt; again: the form's key had written it before. */
struct offline_done {
	long long id;
	int       again;
	char      receipt_no[RECEIPT_NO_MAX], receipt_code[RECEIPT_CODE_LEN + 1];
};

/*
 * Enter gift g for staff actor a, in one transaction: the donation, its receipt number of the
 * year it was paid, its match if a pool takes it, the audit row. A form key used before gives the
 * gift it wrote (d->again), a different staff member's a conflict. ERR_INVALID (offline.date) for
 * a date in the future or over a year back, ERR_NOT_FOUND (offline.no_target) for a target
 * unknown or out of reach, ERR_CONFLICT (offline.ref_taken) for a reference entered before.
 */
int offline_gift(struct db *db, const struct actor *a, const struct offline_gift *g,
                 struct offline_done *d, struct err *e);

/* One problem of a batch: its line (the header is 1), column ("" for the whole row), reason. */
struct offline_problem {
	long line;
	char column[OFFLINE_COLUMN_LEN];
	char why[OFFLINE_WHY_LEN];
};

/* What a check or an import of a batch found. */
struct offline_report {
	long                    rows;       /* data rows read */
	long                    good;       /* rows without a problem */
	long long               fen;        /* their sum */
	long                    nproblems;  /* all counted; at most OFFLINE_PROBLEMS_MAX kept */
	struct offline_problem *problems;
	int                     applied;    /* the rows were written */
};

/*
 * Check a batch (data[0..len): CSV, UTF-8 with or without a BOM, or GBK) for staff actor a, and
 * with apply write every row in one transaction, only if no row has a problem (else nothing is
 * written and rep says why). A reference already on record, or twice in the file, is a row's
 * problem. Whole-file problems: ERR_INVALID (import.* for the encoding and quotes,
 * offline.header, offline.empty), ERR_TOO_LARGE (offline.too_large, offline.too_many).
 */
int offline_import(struct db *db, const struct actor *a, const char *data, size_t len, int apply,
                   struct offline_report *rep, struct err *e);
void offline_report_free(struct offline_report *rep);

#endif
