/*
 * import_write.h — the writes of a ledger import, made on a thread of their own: while the database inserts one
 * batch of children, the import parses, checks and seals the next. Used by import.c only. The connection belongs to
 * the writer from writer_start to writer_finish; the caller's transaction is open throughout and stays the caller's.
 */
#ifndef TX_IMPORT_WRITE_H
#define TX_IMPORT_WRITE_H

#include "db.h"
#include "keys.h"
#include "pii.h"

/* A child's ledger fields as the database stores them: codes, and the personal ones sealed to the child's code. */
struct sealed {
	char          gender[2], birth[11], county[7], city[7], category[16];
	unsigned char name[PII_SEALED_LEN(200)], idn[PII_SEALED_LEN(32)], guard[PII_SEALED_LEN(600)];
	unsigned char addr[PII_SEALED_LEN(1100)], hash[PII_HASHBYTES];
	size_t        lname, lidn, lguard, laddr;
};

/* One write, in file order: a new child (id 0), or an update of child id as the import read it (in county). */
struct import_job {
	long long     id;
	char          county[7];
	char          code[CHILD_CODE_LEN + 1];
	struct sealed s;
};

struct writer;

/* Start the writer on db, inside the caller's open transaction. */
int writer_start(struct writer **w, struct db *db, struct err *e);

/* The next job to fill; NULL, with the writer's error in e, once a write has failed (the import then stops). */
struct import_job *writer_job(struct writer *w, struct err *e);

/* Write what is left, wait for it, and end the writer; its error, if a write failed, goes to e. Frees w. */
int writer_finish(struct writer *w, struct err *e);

#endif
