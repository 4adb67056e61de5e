/*
 * demo_money.c — the demo's money after pairing: each active sponsorship's yearly pledges and the
 * paid gifts that settled them, the guardians' bank accounts (sealed), the payouts made from that
 * money for the half-years since, and in 巴东县 a batch in each state with one failed transfer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "../core/payouts.h"
#include "../pii.h"
#include "../util.h"
#include "demo.h"

#define DEMO_BADONG "422823"
/* A pledge a year since the pairing, at most this many years back. */
#define DEMO_YEARS  10

/*
 * The pledge schedule and the gifts, as a verified payment writes them (ledger.c: the donation with
 * the year's next receipt number, the instalment it settles); the donations' triggers keep the
 * totals and each child's funds.
 */
static const char *const GIFTS_SQL[] = {
	"INSERT IGNORE INTO instalments (sponsorship_id, seq, amount_fen, due_date) "
	"SELECT x.id, n.k, 300000, DATE(x.decided_at) + INTERVAL n.k - 1 YEAR FROM sponsorships x "
	"JOIN (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL "
	"SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9 "
	"UNION ALL SELECT 10) n ON n.k <= ? "
	"WHERE x.state = 'active' AND DATE(x.decided_at) + INTERVAL n.k - 1 YEAR <= CURDATE()",
	"INSERT INTO donations (amount_fen, status, purpose, paid_at, provider, donor_id, "
	"donor_name, anonymous, sponsorship_id, instalment_seq, receipt_year, receipt_seq, "
	"receipt_code) SELECT i.amount_fen, 'paid', 'sponsorship', i.due_date + INTERVAL 10 HOUR, "
	"'demo', x.donor_id, d.display_name, 0, x.id, i.seq, YEAR(i.due_date), "
	"COALESCE(r.last_seq, 0) + ROW_NUMBER() OVER (PARTITION BY YEAR(i.due_date) "
	"ORDER BY i.due_date, x.id), UPPER(LEFT(MD5(CONCAT(x.id, '/', i.seq, RAND())), 16)) "
	"FROM instalments i JOIN sponsorships x ON x.id = i.sponsorship_id "
	"JOIN donors d ON d.id = x.donor_id "
	"LEFT JOIN receipt_counters r ON r.year = YEAR(i.due_date) "
	"WHERE x.state = 'active' AND i.donation_id IS NULL",
	"INSERT INTO receipt_counters (year, last_seq) SELECT receipt_year, MAX(receipt_seq) "
	"FROM donations WHERE receipt_year IS NOT NULL GROUP BY receipt_year "
	"ON DUPLICATE KEY UPDATE last_seq = GREATEST(last_seq, VALUES(last_seq))",
	"UPDATE instalments i JOIN donations d ON d.sponsorship_id = i.sponsorship_id "
	"AND d.instalment_seq = i.seq AND d.provider = 'demo' SET i.donation_id = d.id "
	"WHERE i.donation_id IS NULL",
};

/*
 * Payouts: a year's gift received in half-year h pays the two half-years after it (half-years
 * counted as 2 × year + 0 or 1), 1,500 yuan each, paid a fortnight into the half-year once that
 * day has come. In 巴东县 the last two half-years are left to its batches (below).
 */
#define HALVES \
	"SELECT d.sponsorship_id, x.child_id, c.county_code, c.city_code, " \
	"YEAR(d.paid_at) * 2 + (MONTH(d.paid_at) > 6) + n.k AS h FROM donations d " \
	"JOIN sponsorships x ON x.id = d.sponsorship_id JOIN children c ON c.id = x.child_id " \
	"JOIN (SELECT 1 AS k UNION ALL SELECT 2) n WHERE d.provider = 'demo' " \
	"AND d.purpose = 'sponsorship' AND d.status = 'paid'"
#define PERIOD_OF(h) "CONCAT(FLOOR(" h " / 2), 'H', 1 + " h " % 2)"
#define FIRST_DAY(h) "(MAKEDATE(FLOOR(" h " / 2), 1) + INTERVAL 6 * (" h " % 2) MONTH)"
#define NOW_HALF     "(YEAR(CURDATE()) * 2 + (MONTH(CURDATE()) > 6))"

/* A batch of 巴东县 for half-year h, exported for the bank on exported (or NULL): @b<n>. */
#define BATCH(n, h, exported) \
	"INSERT INTO payout_batches (county_code, period, method, created_by, created_at, " \
	"exported_at, exported_by) VALUES ('" DEMO_BADONG "', " PERIOD_OF(h) ", 'bank', " \
	"@badong, " FIRST_DAY(h) ", " exported ", IF(" exported " IS NULL, NULL, @badong))", \
	"SET @b" n " = LAST_INSERT_ID()"
#define LAST_HALF "(" NOW_HALF " - 1)"
#define EXPORTED(h) FIRST_DAY(h) " + INTERVAL 10 DAY"

/*
 * 巴东县's last two half-years, in batches: the half-year now's children in four (by their order:
 * draft, submitted, approved, paid: q 0..3), the last one's paid (q 3) but for the first child's
 * transfer, which the bank refused (@failed, q 4) and which waits to be sent again.
 */
#define BADONG_HALVES \
	"SELECT g.*, IF(g.h = " NOW_HALF ", (ROW_NUMBER() OVER (PARTITION BY g.h " \
	"ORDER BY g.child_id) - 1) % 4, IF(g.child_id = @failed, 4, 3)) AS q " \
	"FROM (" HALVES ") g " \
	"WHERE g.county_code = '" DEMO_BADONG "' AND g.h >= " LAST_HALF " AND g.h <= " NOW_HALF

static const char *const PAYOUTS_SQL[] = {
	"SET @badong = (SELECT id FROM staff WHERE username = 'badong'), "
	"@enshi = (SELECT id FROM staff WHERE username = 'enshi'), "
	"@province = (SELECT id FROM staff WHERE username = 'province')",
	/* Outside 巴东县 the demo has no county staff: the province's account stands in. */
	"INSERT INTO payouts (ref, child_id, sponsorship_id, county_code, city_code, period, "
	"amount_fen, method, state, paid_on, bank_ref, created_by, created_at, approved_by, "
	"approved_at, paid_by, paid_at) "
	"SELECT CONCAT('P', UPPER(LEFT(MD5(CONCAT(g.child_id, '/', g.h, RAND())), 11))), "
	"g.child_id, g.sponsorship_id, g.county_code, g.city_code, " PERIOD_OF("g.h") ", 150000, "
	"IF(g.child_id % 3 = 0, 'cash', 'bank'), 'paid', " FIRST_DAY("g.h") " + INTERVAL 14 DAY, "
	"IF(g.child_id % 3 = 0, NULL, CONCAT('DEMO', g.child_id, 'H', g.h)), "
	"IF(g.county_code = '" DEMO_BADONG "', @badong, @province), " FIRST_DAY("g.h") ", "
	"IF(g.county_code = '" DEMO_BADONG "', @enshi, @province), " FIRST_DAY("g.h") " + "
	"INTERVAL 7 DAY, IF(g.county_code = '" DEMO_BADONG "', @badong, @province), "
	FIRST_DAY("g.h") " + INTERVAL 14 DAY FROM (" HALVES ") g "
	"WHERE " FIRST_DAY("g.h") " + INTERVAL 14 DAY <= CURDATE() "
	"AND (g.county_code <> '" DEMO_BADONG "' OR g.h < " LAST_HALF ")",
	BATCH("0", NOW_HALF, "NULL"), BATCH("1", NOW_HALF, "NULL"),
	BATCH("2", NOW_HALF, EXPORTED(NOW_HALF)), BATCH("3", NOW_HALF, EXPORTED(NOW_HALF)),
	BATCH("4", LAST_HALF, EXPORTED(LAST_HALF)),
	"SET @failed = (SELECT MIN(g.child_id) FROM (" HALVES ") g WHERE g.county_code = '"
	DEMO_BADONG "' AND g.h = " LAST_HALF ")",
	"INSERT INTO payouts (ref, child_id, sponsorship_id, county_code, city_code, period, "
	"amount_fen, method, state, batch_id, paid_on, bank_ref, created_by, created_at, "
	"approved_by, approved_at, paid_by, paid_at, fail_reason) "
	"SELECT CONCAT('P', UPPER(LEFT(MD5(CONCAT(g.child_id, '/', g.h, RAND())), 11))), "
	"g.child_id, g.sponsorship_id, g.county_code, g.city_code, " PERIOD_OF("g.h") ", 150000, "
	"'bank', ELT(1 + g.q, 'draft', 'submitted', 'approved', 'paid', 'failed'), "
	"IF(g.h = " NOW_HALF ", ELT(1 + g.q, @b0, @b1, @b2, @b3), @b4), "
	"IF(g.q = 3, LEAST(" FIRST_DAY("g.h") " + INTERVAL 14 DAY, CURDATE()), NULL), "
	"IF(g.q = 3, CONCAT('DEMO', g.child_id, 'H', g.h), NULL), @badong, " FIRST_DAY("g.h") ", "
	"IF(g.q >= 2, @enshi, NULL), IF(g.q >= 2, " FIRST_DAY("g.h") " + INTERVAL 7 DAY, NULL), "
	"IF(g.q = 3, @badong, NULL), IF(g.q = 3, NOW(), NULL), "
	"IF(g.q = 4, '（演示）户名与账号不符', NULL) "
	"FROM (" BADONG_HALVES ") g",
};

/* A paired child's guardian's account, fictional, sealed as core/bank.c seals it. */
static int account_row(struct db *db, void *ctx, HDF *row, struct err *e)
{
	const struct config *cfg = ctx;
	const char *id = hdf_get_value(row, "id", "0"), *code = hdf_get_value(row, "code", "");
	char plain[160], number[24], mask[BANK_MASK_LEN];
	unsigned char sealed[PII_SEALED_LEN(sizeof plain)];
	long len;

	snprintf(number, sizeof number, "62220000%011lld", strtoll(id, NULL, 10));
	payout_bank_mask(number, mask);
	snprintf(plain, sizeof plain, "演示·监护人\n%s\n演示·农村商业银行", number);
	len = pii_seal(cfg->pii_key, "bank_account", code, plain, strlen(plain), sealed,
	               sizeof sealed);
	if (len < 0)
		return err_internal(e, "demo bank account of %s does not seal", code);
	struct dbp p[] = { P_BIN(sealed, len), P_STR(mask), P_STR(id) };
	return db_exec(db, "UPDATE children SET pii_bank = ?, bank_mask = ? WHERE id = ?", p,
	               nitems(p), NULL, e);
}

static int run(struct db *db, const char *const *sql, size_t n, struct err *e)
{
	struct dbp years[] = { P_INT(DEMO_YEARS) };

	for (size_t i = 0; i < n; i++) {
		unsigned np = strchr(sql[i], '?') ? nitems(years) : 0;
		if (db_exec(db, sql[i], years, np, NULL, e) < 0)
			return -1;
	}
	return 0;
}

int demo_money(struct db *db, const struct config *cfg, struct err *e)
{
	if (db_begin(db, e) < 0)
		return -1;
	if (run(db, GIFTS_SQL, nitems(GIFTS_SQL), e) < 0 ||
	    db_query_each(db, "SELECT id, code FROM children WHERE status = 'paired' "
	                  "AND pii_bank IS NULL", NULL, 0, account_row, (void *)cfg, e) < 0 ||
	    run(db, PAYOUTS_SQL, nitems(PAYOUTS_SQL), e) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, e);
}
