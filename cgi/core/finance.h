/*
 * core/finance.h — where the money went: income and spending by month for the public (收支明细,
 * from the running totals in finance_months, sql/031_finance.sql: O(months), never O(donations)),
 * and for staff the reconciliation of received, paid out, advanced and balance by county or child
 * (from donations and payouts themselves), with the alert for money held too long.
 *
 * Money is counted as everywhere else: a donation while it is paid and not owed back, by the day
 * it was paid; a payout while it is paid, by its paid_on, in the county it was made for. A child's
 * balance is what its sponsors gave less what was paid out of it (a payout's advanced part came
 * from the county's own funds, not from the balance).
 */
#ifndef TX_CORE_FINANCE_H
#define TX_CORE_FINANCE_H

#include "../db.h"
#include "actor.h"

/* The income channels the public page shows, in its order (finance_months.line). */
enum fin_channel { FIN_SPONSORSHIP, FIN_GENERAL, FIN_DIRECTED, FIN_ACTIVITY, FIN_MATCHING,
                   FIN_OFFLINE, FIN_CHANNELS };
/* Each channel's code: an online gift's purpose, matching money, offline gifts (sql/032). */
extern const char *const FIN_CHANNEL_CODES[FIN_CHANNELS];

/* More than Hubei's 17 city-level units. */
#define FIN_CITIES_MAX 24
/* The years of running totals a page links to, newest first. */
#define FIN_YEARS_MAX 32

struct fin_city {
	char      code[17];   /* as finance_months.line */
	long long fen[12], total;
};

/* One year of income and spending, month by month, with the year's totals. */
struct fin_year {
	int             year;
	long long       income[12][FIN_CHANNELS], income_total[FIN_CHANNELS];
	long long       month_income[12], month_spent[12];
	long long       income_sum, spent_sum;
	struct fin_city cities[FIN_CITIES_MAX];   /* those with spending that year, by code */
	int             ncities;
};

/* Read year's months from the running totals into *y (zeroed first). -1 on error. */
int finance_year(struct db *db, int year, struct fin_year *y, struct err *e);

/*
 * The years the running totals have rows for, newest first, at most max of them into years: how
 * many, or -1 on error.
 */
int finance_years(struct db *db, int *years, int max, struct err *e);

/*
 * One county's money over a period: received (sponsors' gifts for its children), paid out,
 * advanced by the county; balance is everything received less everything paid from it, up to the
 * period's end.
 */
struct fin_line {
	char      county[7], city[7];
	long long received, paid, advanced, balance;
};

#define FIN_COUNTIES_MAX 160

/*
 * The report over [from, to] (dates "YYYY-MM-DD") for actor a, a staff member: one line per county
 * within a's reach with any money, by city and county code; general (非定向) donations, which
 * belong to no county, for the province only (0 for others). total adds the lines up (its
 * balance too).
 */
struct fin_report {
	struct fin_line lines[FIN_COUNTIES_MAX];
	int             n;
	long long       general;
	struct fin_line total;
};

int finance_report(struct db *db, const struct actor *a, const char *from, const char *to,
                   struct fin_report *r, struct err *e);

/*
 * The statement behind finance_report, by county or (by_child) by child, with the scope
 * condition s (scope.h) put in, into out (n bytes, FIN_SQL_LEN is enough). Its parameters: the
 * period's first day three times, its last day, the scope's parameter, the last day, the scope's
 * parameter again. Columns: by county, county; by child, code, alias, county; then received_fen,
 * paid_fen, advanced_fen, balance_fen. -1 if it does not fit.
 */
#define FIN_SQL_LEN 3072
struct scope;
int finance_sql(char *out, size_t n, int by_child, const struct scope *s);

/*
 * Money held too long: a child's oldest unspent money is older than Money.HoldDays. First in,
 * first out: what the sponsors gave before the cut-off day (today less the days) is more than
 * what has been paid out of their money in all (paid less advanced), so some of it still lies
 * with the county federation. held_fen is that excess; balance_fen the child's whole balance.
 * FIN_HELD_ROWS selects code, alias, county, balance_fen, held_fen of every child with a positive
 * balance (held_fen may be 0 or less: filter on it); its parameters: the days, then the scope's
 * (its %s).
 */
#define FIN_HELD_ROWS \
	"SELECT c.code, c.alias, c.county_code AS county, " \
	"f.received_fen - f.paid_fen + f.advanced_fen AS balance_fen, " \
	"(SELECT COALESCE(SUM(d.amount_fen), 0) FROM sponsorships x " \
	"  JOIN donations d ON d.sponsorship_id = x.id WHERE x.child_id = c.id " \
	"  AND d.status = 'paid' AND d.refund_due = 0 " \
	"  AND d.paid_at < CURDATE() - INTERVAL ? DAY) - (f.paid_fen - f.advanced_fen) " \
	"AS held_fen " \
	"FROM child_funds f JOIN children c ON c.id = f.child_id " \
	"WHERE f.received_fen > f.paid_fen - f.advanced_fen AND %s"

/* ---- directed gifts by city (定向捐赠（按地区）): the activities' part ---- */

/*
 * A city's directed income in a year: gifts directed to it or one of its counties, or to a
 * member unit there (its region's city); city is the province's code for its own unit's.
 */
struct fin_directed {
	char      city[7];
	long long fen;
};

/*
 * Year's directed gifts (paid, not owed back; matching money is the pools' line) by city, in code
 * order, at most FIN_CITIES_MAX into out: how many, or -1 on error.
 */
int finance_directed(struct db *db, int year, struct fin_directed *out, struct err *e);

#endif
