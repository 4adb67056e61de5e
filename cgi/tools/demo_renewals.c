/* demo_renewals.c — demo data for renewals: lapsing and stopped sponsorships in 巴东县 (demo.h). */
#include <stdio.h>

#include "demo.h"
#include "../core/ledger.h"
#include "../core/renewals.h"
#include "../core/rows.h"
#include "../keys.h"
#include "../money.h"
#include "../util.h"

#define DEMO_COUNTY "422823"   /* 巴东县 */

/* Days the second year is unpaid, for each lapsing one (and one more, stopped by its donor). */
static const int OVERDUE[] = { 35, 65, 95 };
#define DEMO_STOP_REASON "工作变动，暂时无法继续资助（演示）"

/* A demo sponsor's sponsorship in the county with no pledge schedule yet. */
struct demo_spons {
	long long id, donor;
};

static const struct col SPONS_COLS[] = {
	COL_I(struct demo_spons, id), COL_I(struct demo_spons, donor),
};

/*
 * The first year of sponsorship s, paid: its instalment due `ago` days ago and the donation that
 * paid it then, numbered from that year's receipt counter; the second year's, due a year later.
 */
static int first_year_paid(struct db *db, const struct demo_spons *s, int ago, struct err *e)
{
	char code[RECEIPT_CODE_LEN + 1];
	long long year, seq;

	ledger_code(code, RECEIPT_CODE_LEN);
	if (demo_receipt_number(db, ago, &year, &seq, e) < 0)
		return -1;
	struct dbp d[] = {
		P_INT(MONEY_ANNUAL_NEED_FEN), P_INT(ago), P_INT(s->donor), P_INT(s->id),
		P_INT(year), P_INT(seq), P_STR(code),
	};
	struct dbp i[] = { P_INT(s->id), P_INT(MONEY_ANNUAL_NEED_FEN), P_INT(ago) };
	struct dbp n[] = { P_INT(s->id), P_INT(MONEY_ANNUAL_NEED_FEN), P_INT(ago) };

	return db_exec(db, "INSERT INTO donations (amount_fen, status, purpose, paid_at, provider, "
	               "donor_id, sponsorship_id, instalment_seq, receipt_year, receipt_seq, "
	               "receipt_code) VALUES (?, 'paid', 'sponsorship', NOW() - INTERVAL ? DAY, "
	               "'demo', ?, ?, 1, ?, ?, ?)", d, nitems(d), NULL, e) < 0 ||
	       db_exec(db, "INSERT INTO instalments (sponsorship_id, seq, amount_fen, due_date, "
	               "donation_id) VALUES (?, 1, ?, CURDATE() - INTERVAL ? DAY, "
	               "LAST_INSERT_ID())",
	               i, nitems(i), NULL, e) < 0 ||
	       db_exec(db, "INSERT INTO instalments (sponsorship_id, seq, amount_fen, due_date) "
	               "VALUES (?, 2, ?, CURDATE() - INTERVAL ? DAY + INTERVAL 1 YEAR)",
	               n, nitems(n), NULL, e) < 0 ? -1 : 0;
}

int demo_renewals(struct db *db, const struct config *cfg, struct err *e)
{
	struct demo_spons s[nitems(OVERDUE) + 1];
	struct rows r = ROWS_INTO(s, SPONS_COLS);
	struct dbp p[] = { P_INT(nitems(s)) };
	struct actor sys = actor_system("txctl");
	int n = rows_read(db, "SELECT x.id, x.donor_id FROM sponsorships x "
	                  "JOIN children c ON c.id = x.child_id JOIN donors d ON d.id = x.donor_id "
	                  "WHERE x.state = 'active' AND c.county_code = '" DEMO_COUNTY "' "
	                  "AND d.login LIKE 'demo-sponsor-%' AND NOT EXISTS (SELECT 1 FROM "
	                  "instalments i WHERE i.sponsorship_id = x.id) ORDER BY x.id LIMIT ?",
	                  p, nitems(p), &r, e);

	if (n < 0)
		return -1;
	if (n > (int)nitems(s))
		n = (int)nitems(s);
	/* The last of two or more is the one its donor stops; the others lapse. */
	for (int k = 0; k < n; k++)
		if (first_year_paid(db, &s[k], k < n - 1 || n == 1 ? 365 + OVERDUE[k] : 200, e) < 0)
			return -1;
	/* The sweep finds the overdue ones lapsing and tells their donors, as it would any day. */
	if (renewals_sweep(db, cfg, &sys, e) < 0)
		return -1;
	if (n > 1) {
		struct actor donor = { .kind = ACTOR_DONOR, .id = s[n - 1].donor, .addr = "txctl" };

		if (renewal_stop(db, cfg, &donor, s[n - 1].id, DEMO_STOP_REASON, e) < 0)
			return -1;
	}
	printf("demo: %d sponsorships in 巴东县 lapsing or stopped\n", n);
	return 0;
}
