/*
 * core/import.h — the civil-affairs ledger (困境儿童台账) as CSV: decoding (UTF-8 with or without a
 * BOM, or GBK as Excel on Chinese Windows writes it), parsing (libcsv, strict), the columns by
 * header name in any order, every row checked, and rows matched to existing children by the keyed
 * hash of the ID number. A dry run reports; applying writes every good row in one transaction. The
 * columns are documented in README.md ("The ledger import").
 */
#ifndef TX_CORE_IMPORT_H
#define TX_CORE_IMPORT_H

#include "../config.h"
#include "../db.h"
#include "actor.h"

/* The ledger's columns, in the order import rows hold them. */
enum ledger_col { L_NAME, L_ID, L_GENDER, L_BIRTH, L_COUNTY, L_CATEGORY, L_GUARDIAN, L_PHONE,
                  L_ADDRESS, L__MAX };
extern const char *const LEDGER_COLUMNS[L__MAX];

#define IMPORT_MAX_BYTES (20L * 1024 * 1024)
#define IMPORT_MAX_REJECTS 1000   /* reasons kept for the report; all are counted */
#define IMPORT_WHY_LEN 128        /* a reason a row was refused, the longest with its numbers */

/* One data row: its row number in the file (the header is row 1) and its fields, UTF-8. */
struct ledger_row {
	long        line;
	const char *f[L__MAX];
};

/*
 * Called for each data row that has the header's number of fields; a row with another number is a
 * problem instead.
 */
typedef int (*ledger_row_fn)(void *ctx, const struct ledger_row *row);
typedef void (*ledger_problem_fn)(void *ctx, long line, const char *why);

/*
 * A CSV file as Excel writes it (data[0..len)) as UTF-8 text in *text: a BOM dropped, GBK (as
 * GB18030) converted when it is not valid UTF-8 (*owned then holds the text, to free; else NULL).
 * ERR_INVALID with import.binary, import.encoding or import.control otherwise. The bank's result
 * file (bankfile.c) is read the same way.
 */
int import_decode(const char *data, size_t len, const char **text, size_t *tlen, char **owned,
                  struct err *e);

/*
 * Decode and parse data[0..len). Problems of the whole file (encoding, missing columns, unbalanced
 * quotes, binary data) fail as ERR_INVALID with their message key (import.*; too big:
 * ERR_TOO_LARGE); a row with the wrong number of fields goes to problem and parsing goes on.
 */
int ledger_parse(const char *data, size_t len, ledger_row_fn row, ledger_problem_fn problem,
                 void *ctx, struct err *e);

/*
 * The checks one row must pass on its own, the county within uploader a's reach (scope.h); 0, or -1
 * with the reason (the ledger's own words, as the report shows them: README, "The ledger import")
 * in why.
 */
int ledger_check(const struct actor *a, const struct ledger_row *r, char *why, size_t n);

/* A row refused, and why. */
struct import_reject {
	long line;
	char why[IMPORT_WHY_LEN];
};

struct import_report {
	long rows, added, updated, unchanged, rejected;
	/* Rows on record outside the uploader's reach: never written, never among the rejected. */
	long elsewhere;
	/*
	 * A check: the day's allowance did not cover the rows outside the uploader's records, so
	 * new and elsewhere rows must be reported as one count (elsewhere.h).
	 */
	int  withheld;
	int  applied;
	struct import_reject *rejects;   /* the first IMPORT_MAX_REJECTS rejected, in file order */
	long                  nrejects;
	long                 *told;      /* rows on record elsewhere a check told of, in order */
	long                  ntold;
};

/*
 * Import the ledger as staff member a: a dry run unless apply. Applying is one transaction,
 * audited. Fills rep (also on failure: import_report_free it either way). Another writer holding
 * the same children is ERR_CONFLICT (import.busy), nothing written.
 */
typedef void (*import_progress_fn)(void *ctx, long done, long total);
int import_ledger(struct db *db, const struct config *cfg, const struct actor *a, const char *data,
                  size_t len, int apply, struct import_report *rep, import_progress_fn progress,
                  void *pctx, struct err *e);

void import_report_free(struct import_report *rep);

#endif
