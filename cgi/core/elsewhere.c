/*
 * core/elsewhere.c — the daily allowance of answers about ID numbers outside a staff member's reach
 * (elsewhere.h).
 */
#include <stdio.h>
#include <sodium.h>

#include "../util.h"
#include "audit.h"
#include "elsewhere.h"

int elsewhere_take(struct db *db, const struct config *cfg, const struct actor *a, long n,
                   struct err *e)
{
	struct dbp p[] = { P_INT(a->id) };
	struct dbp q[] = { P_INT(n), P_INT(a->id), P_INT(n), P_INT(cfg->elsewhere_per_day) };
	unsigned long long taken;

	if (db_exec(db, "INSERT INTO elsewhere_allowance (staff_id, day, used) VALUES (?, "
	            "CURDATE(), 0) ON DUPLICATE KEY UPDATE used = used", p, nitems(p), NULL, e) < 0)
		return -1;
	/*
	 * One statement decides and spends, under the row's lock: two uploads at once cannot both
	 * spend the last.
	 */
	if (db_exec(db, "UPDATE elsewhere_allowance SET used = used + ? WHERE staff_id = ? AND day "
	            "= CURDATE() AND used + ? <= ?", q, nitems(q), &taken, e) < 0)
		return -1;
	return taken == 1;
}

int elsewhere_audit_one(struct db *db, const struct actor *a, long line,
                        const unsigned char hash[PII_HASHBYTES], int told, struct err *e)
{
	char hex[2 * PII_HASHBYTES + 1];

	sodium_bin2hex(hex, sizeof hex, hash, PII_HASHBYTES);
	if (line)
		return audit_actor(db, a, e, "import.elsewhere", "id_hash", hex,
		                   "told that row %ld of a checked ledger is on record outside the "
		                   "uploader's reach", line);
	return audit_actor(db, a, e, told ? "child.elsewhere" : "child.withheld", "id_hash", hex,
	                   "%s that a new record's ID number is on record outside the staff "
	                   "member's reach%s", told ? "told" : "not told",
	             told ? "" : " (the day's allowance is spent): for the province to review");
}

int elsewhere_audit_file(struct db *db, const struct actor *a, const char *action, long rows,
                         long elsewhere, struct err *e)
{
	char counts[sizeof "rows/elsewhere" + 6 * sizeof(long)];

	/* The counts, as "rows/elsewhere", are what the province's dashboard shows of it. */
	snprintf(counts, sizeof counts, "%ld/%ld", rows, elsewhere);
	return audit_actor(db, a, e, action, "ledger", counts,
	                   "%ld rows outside the uploader's records, %ld of them on "
	                   "record in other "
	                   "counties, not told apart: for the province to review", rows, elsewhere);
}
