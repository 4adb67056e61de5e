/* core/units.c — a member unit's cooperation agreement signed or ended, audited (units.h). */
#include "../util.h"
#include "audit.h"
#include "units.h"

struct agreement {
	const struct actor *a;
	const char         *region, *date;
	int                 signed_;
};

static int unit_tx(struct db *db, void *arg, struct err *e)
{
	const struct agreement *g = arg;
	struct dbp p[] = { P_INT(g->signed_), g->signed_ ? P_STR(g->date) : P_NULL,
	                   P_STR(g->region) };
	struct dbp q[] = { P_STR(g->region) };
	unsigned long long n;
	long long exists;

	if (db_exec(db, "UPDATE member_units SET agreement_signed = ?, agreement_date = ? WHERE "
	            "region_code = ?", p, nitems(p), &n, e) < 0)
		return -1;
	/* Nothing changed: already so, or no such unit. */
	if (!n && db_query_int(db, "SELECT COUNT(*) FROM member_units WHERE region_code = ?", q,
	                       nitems(q), &exists, e) < 0)
		return -1;
	if (!n && !exists)
		return err_core(e, ERR_NOT_FOUND, "units.none", "no member unit %s", g->region);
	return audit_actor(db, g->a, e, g->signed_ ? "unit.sign" : "unit.unsign", "unit", g->region,
	                   "%s%s", g->signed_ ? "agreement signed on " : "agreement ended",
	                   g->signed_ ? g->date : "");
}

int unit_agreement(struct db *db, const struct config *cfg, const struct actor *a,
                   const char *region, int signed_, const char *date, struct err *e)
{
	struct agreement g = { a, region, date, signed_ };

	(void)cfg;
	if (signed_ && !date)
		return err_core(e, ERR_INVALID, "units.no_date", "unit signed without a date");
	return db_tx(db, unit_tx, &g, e);
}
