/* demo_pages.c — demo data for fundraising beyond one-to-one: pages (to come; demo.h). */
#include "demo.h"

int demo_pages(struct db *db, const struct config *cfg, struct err *e)
{
	(void)db; (void)cfg; (void)e;
	return 0;
}
