/* match.c — matching pools (配捐): a gift matched when it is credited, returned when refunded. */
#include "match.h"

int match_gift(struct db *db, const struct actor *a, long long donation_id, struct err *e)
{
	(void)db; (void)a; (void)donation_id; (void)e;
	return 0;
}

int match_return(struct db *db, const struct actor *a, long long donation_id, struct err *e)
{
	(void)db; (void)a; (void)donation_id; (void)e;
	return 0;
}
