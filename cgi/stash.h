/*
 * stash.h — an upload kept between its check and its confirmation: the ledger a staff member has
 * seen checked waits, sealed with the personal-data key and bound to that staff member, in
 * App.UploadDir for at most STASH_SECONDS. Files are named by a random id that only the staff
 * member's page carries.
 */
#ifndef TX_STASH_H
#define TX_STASH_H

#include <stddef.h>

#include "config.h"
#include "err.h"

#define STASH_ID_LEN  32      /* hex characters */
#define STASH_SECONDS 3600

/*
 * Whether id has the form of a stash id (32 lowercase hex characters): nothing else ever becomes
 * part of a path.
 */
int stash_id_valid(const char *id);

/* Keep data[0..len) for staff member staff; its id goes to id. */
int stash_put(const struct config *cfg, long long staff, const char *data, size_t len,
              char id[STASH_ID_LEN + 1], struct err *e);

/*
 * Take what is kept under id for staff, malloc'd into *data: from now on nobody else can take it,
 * so a second press of a button cannot import one ledger twice. 404 if there is none: taken,
 * expired, or another's.
 */
int stash_take(const struct config *cfg, long long staff, const char *id, char **data, size_t *len,
               struct err *e);

/* Put back what stash_take took, for another try (its import failed). */
void stash_return(const struct config *cfg, const char *id);

/* Forget what stash_take took (its import succeeded). */
void stash_drop(const struct config *cfg, const char *id);

/*
 * Take what is kept under id for staff (stash_take) and hand it to fn: forgotten if fn returns 0,
 * else put back for another try. Its memory is wiped after (a ledger holds names and ID numbers).
 * fn's result, or -1 if there was nothing to take.
 */
typedef int (*stash_fn)(void *arg, const char *data, size_t len);
int stash_use(const struct config *cfg, long long staff, const char *id, stash_fn fn, void *arg,
              struct err *e);

/* Forget everything older than STASH_SECONDS. Cheap: the directory holds a handful of files. */
void stash_sweep(const struct config *cfg);

#endif
