/* demo_fund.c — the demo's fundraising beyond one-to-one, its parts in the order they build on. */
#include "demo.h"

int demo_fund(struct db *db, const struct config *cfg, struct err *e)
{
	if (demo_activities(db, cfg, e) < 0 || demo_pools(db, cfg, e) < 0 ||
	    demo_pages(db, cfg, e) < 0 || demo_offline(db, cfg, e) < 0)
		return -1;
	return demo_reports(db, cfg, e);
}
