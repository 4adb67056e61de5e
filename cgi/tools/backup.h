/*
 * backup.h — txctl's backups: the database and the uploaded files in one file sealed to the
 * backup key (Backup.PublicKey), its restore into an empty instance, and their retention.
 */
#ifndef TX_BACKUP_H
#define TX_BACKUP_H

#include "../config.h"
#include "../db.h"
#include "../err.h"

/*
 * A connection as Backup.DBUser (by default root, which on Debian logs in by the unix socket's
 * peer, with no password): the app's own user may neither read the triggers nor create tables.
 * db_name NULL: no database chosen (a restore may have to create it). The caller db_close()s it.
 */
void backup_db(struct db *db, struct config *admin, const struct config *cfg, int with_name);

/* Disclosure.Dir: the 信息公开 documents nginx serves, backed up beside the uploads and photos. */
const char *backup_disclosure_dir(const struct config *cfg);

/*
 * Write DIR/tongxiang-YYYYMMDD-HHMMSSZ.txbk and its .manifest beside it, then let older backups
 * in DIR go as the retention says (Backup.Daily, Backup.Weekly). The file's name into name.
 */
int backup_run(const struct config *cfg, const char *dir, char *name, size_t n, struct err *e);

/*
 * Restore the backup in file, opened with the secret key in keyfile, into this instance's
 * database and file directories, which must be empty. The whole file is read and checked first
 * (its tags, its manifest), so a damaged one writes nothing; a backup of a newer schema than this
 * build's migrations is refused. Every table's CHECKSUM TABLE must then equal the manifest's,
 * else what was written is removed again.
 */
int backup_restore(const struct config *cfg, const char *file, const char *keyfile,
                   struct err *e);

/*
 * The digest of a table's stored columns, row by row in primary-key order, as the manifest has
 * it (BK_DIGEST_BYTES), and its rows: taken on backup and again on restore.
 */
int backup_digest(struct db *db, const char *table, unsigned char *out,
                  unsigned long long *rows, struct err *e);

/* Print a new key pair: the public half for the config, the secret half for off the server. */
int backup_keygen(void);

/* The highest migration this build knows (sql/NNN_*.sql): a backup of a newer one is refused. */
long backup_schema_known(void);

#endif
