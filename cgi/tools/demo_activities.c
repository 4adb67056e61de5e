/* demo_activities.c — demo data for fundraising beyond one-to-one: activities (to come; demo.h). */
#include "demo.h"

int demo_activities(struct db *db, const struct config *cfg, struct err *e)
{
	(void)db; (void)cfg; (void)e;
	return 0;
}
