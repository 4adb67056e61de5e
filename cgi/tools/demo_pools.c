/* demo_pools.c — demo data for fundraising beyond one-to-one: pools (to come; demo.h). */
#include "demo.h"

int demo_pools(struct db *db, const struct config *cfg, struct err *e)
{
	(void)db; (void)cfg; (void)e;
	return 0;
}
