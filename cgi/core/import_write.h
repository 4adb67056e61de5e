/*
 * core/import_write.h — the writes of a ledger import, made on a thread of their own: while the
 * database inserts one batch of children, the import parses, checks and seals the next. Used by
 * import.c only. The connection belongs to the writer from writer_start to writer_finish; the
 * caller's transaction is open throughout and stays the caller's.
 */
#ifndef TX_CORE_IMPORT_WRITE_H
#define TX_CORE_IMPORT_WRITE_H

#include "../db.h"
#include "../keys.h"
#include "../pii.h"
#include "children.h"

/*
 * A child's ledger fields as the database stores them: codes, and the personal ones sealed to the
 * child's code.
 */
struct sealed {
	char          gender[CHILD_WORD_LEN], birth[CHILD_DATE_LEN], county[CHILD_REGION_LEN];
	char          city[CHILD_REGION_LEN], category[CHILD_WORD_LEN];
	unsigned char name[PII_SEALED_LEN(CHILD_NAME_LEN)], idn[PII_SEALED_LEN(PII_IDNUM_MAX)];
	unsigned char guard[PII_SEALED_LEN(CHILD_PII_LEN)], addr[PII_SEALED_LEN(CHILD_PII_LEN)];
	unsigned char hash[PII_HASHBYTES];
	size_t        lname, lidn, lguard, laddr;
};

/*
 * One write: a new child (id 0), or an update of child id as the import read it (in county, at
 * version).
 */
struct import_job {
	long long     id;
	unsigned      version;
	char          county[CHILD_REGION_LEN];
	char          code[CHILD_CODE_LEN + 1];
	struct sealed s;
};

struct writer;

/* Start the writer on db, inside the caller's open transaction. */
int writer_start(struct writer **w, struct db *db, struct err *e);

/*
 * The next job to fill, a new child's (update 0) or a known one's; NULL, with the writer's error in
 * e, once a write has failed (the import then stops). New and known children go in batches of their
 * own, so the statements are few.
 */
struct import_job *writer_job(struct writer *w, int update, struct err *e);

/*
 * Write what is left (unless the import failed: write_rest 0), wait, and end the writer; a failed
 * write's error goes to e. Frees w.
 */
int writer_finish(struct writer *w, int write_rest, struct err *e);

#endif
