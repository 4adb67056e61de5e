/* demo_offline.c — demo data for fundraising beyond one-to-one: offline (to come; demo.h). */
#include "demo.h"

int demo_offline(struct db *db, const struct config *cfg, struct err *e)
{
	(void)db; (void)cfg; (void)e;
	return 0;
}
