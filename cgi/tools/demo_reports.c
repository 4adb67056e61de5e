/* demo_reports.c — demo data for fundraising beyond one-to-one: reports (to come; demo.h). */
#include "demo.h"

int demo_reports(struct db *db, const struct config *cfg, struct err *e)
{
	(void)db; (void)cfg; (void)e;
	return 0;
}
