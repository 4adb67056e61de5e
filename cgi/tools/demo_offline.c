/*
 * demo_offline.c — the demo's offline gifts: one of each channel, one directed to 巴东县 and one to
 * 恩施州's member unit, each with its receipt number, entered by the demo staff (demo.h).
 */
#include <stdio.h>

#include "../core/ledger.h"
#include "../util.h"
#include "demo.h"

/* A gift as the demo enters it; its target: NULL the fund, a region code, or "unit:" a region's. */
struct demo_gift {
	const char *channel, *ref, *name, *message, *staff, *region;
	int         unit, days_ago;
	long long   fen;
};

static const struct demo_gift GIFTS[] = {
	{ "bank", "DEMO-B-20001", "演示·楚天科技有限公司", "祝孩子们健康成长", "province", NULL,
	  0, 20, 5000000 },
	{ "cash", NULL, NULL, "（虚构）义卖所得", "badong", NULL, 0, 12, 52000 },
	{ "cheque", "DEMO-C-30001", "演示·巴东县商会", "定向巴东县", "badong", "422823", 0, 30,
	  2000000 },
	{ "bank", "DEMO-B-20002", "演示·恩施州某企业", NULL, "enshi", "422800", 1, 45, 1000000 },
};

/* The gift's donation with its receipt number, paid at noon days_ago days back. */
static int demo_insert(struct db *db, const struct demo_gift *g, long long year, long long seq,
                       const char *code, struct err *e)
{
	const char *region = g->unit ? NULL : g->region, *unit = g->unit ? g->region : NULL;
	struct dbp p[] = {
		P_INT(g->fen), P_STR(g->region ? "directed" : "general"), P_STR(g->channel),
		g->ref ? P_STR(g->ref) : P_NULL, P_INT(g->days_ago),
		g->name ? P_STR(g->name) : P_NULL, g->message ? P_STR(g->message) : P_NULL,
		region ? P_STR(region) : P_NULL, unit ? P_STR(unit) : P_NULL, P_INT(year),
		P_INT(seq), P_STR(code), P_STR(g->staff),
	};

	return db_exec(db, "INSERT INTO donations (amount_fen, status, purpose, channel, bank_ref, "
	               "paid_at, donor_name, message, target_region, target_unit, receipt_year, "
	               "receipt_seq, receipt_code, entered_by) SELECT ?, 'paid', ?, ?, ?, "
	               "CURDATE() - INTERVAL ? DAY + INTERVAL 12 HOUR, ?, ?, ?, "
	               "(SELECT id FROM member_units WHERE region_code = ?), ?, ?, ?, s.id "
	               "FROM staff s WHERE s.username = ?", p, nitems(p), NULL, e);
}

static int demo_gift(struct db *db, const struct demo_gift *g, struct err *e)
{
	long long seq, year;
	char code[RECEIPT_CODE_LEN + 1];
	struct dbp y[] = { P_INT(g->days_ago) };

	if (db_query_int(db, "SELECT YEAR(CURDATE() - INTERVAL ? DAY)", y, nitems(y), &year,
	                 e) < 0 ||
	    ledger_next_receipt(db, year, &seq, e) < 0)
		return -1;
	ledger_code(code, RECEIPT_CODE_LEN);
	return demo_insert(db, g, year, seq, code, e);
}

static int offline_tx(struct db *db, void *arg, struct err *e)
{
	(void)arg;
	for (size_t i = 0; i < nitems(GIFTS); i++)
		if (demo_gift(db, &GIFTS[i], e) < 0)
			return -1;
	return 0;
}

int demo_offline(struct db *db, const struct config *cfg, struct err *e)
{
	(void)cfg;
	return db_tx(db, offline_tx, NULL, e);
}
