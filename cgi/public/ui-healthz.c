/* ui-healthz.c — GET /healthz: "ok" while the database answers, else 503; for monitors. */
#include "public.h"

int ui_healthz(struct ctx *c)
{
	struct err e;

	err_clear(&e);
	if (db_ping(c->db, &e) < 0) {
		c->status = 503;
		c->body = "database unavailable\n";
		return 0;
	}
	c->body = "ok\n";
	return 0;
}
