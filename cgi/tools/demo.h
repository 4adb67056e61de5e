/*
 * demo.h — the fictional demo data set: children spread over the province's counties, and member
 * units' agreements.
 */
#ifndef TX_DEMO_H
#define TX_DEMO_H

#include "../config.h"
#include "../db.h"

/*
 * Insert n fictional children (in batches, each batch one transaction) and mark ~70% of member
 * units as signed.
 */
int demo_load(struct db *db, const struct config *cfg, long n, struct err *e);

/*
 * The demo donor (demo@example.com, password tongxiang-demo) and a few fictional gifts for the
 * public record.
 */
int demo_donors(struct db *db, const struct config *cfg, struct err *e);

/*
 * The demo staff accounts province, enshi, badong and badong-volunteer (password tongxiang-demo).
 */
int demo_staff(struct db *db, const struct config *cfg, struct err *e);

/*
 * Care after pairing, after demo_staff and demo_donors: two volunteer organisations in every county
 * with children and two volunteers in every county with paired children; every paired child
 * sponsored from its pairing on (the demo donor the first few, all in 巴东县) and assigned to a
 * volunteer of its county; approved visits about twice a year since the pairing, with fictional
 * summaries; in 巴东县 two visits awaiting review and one returned; for the demo donor a letter
 * delivered and its reply. One transaction.
 */
int demo_care(struct db *db, const struct config *cfg, struct err *e);

/*
 * Money after pairing, after demo_care (demo_money.c): each active sponsorship's yearly pledges
 * since the pairing and the paid gifts that settled them (receipt numbers from the year's
 * counter); the paired children's guardians' bank accounts, sealed; paid payouts of 1,500 yuan
 * for each half-year those gifts paid for, once a fortnight of it has passed; in 巴东县 the
 * half-year now in four batches, one in each state (draft, submitted, approved, paid), with one
 * failed transfer. One transaction.
 */
int demo_money(struct db *db, const struct config *cfg, struct err *e);
/* The year a gift days ago was paid in, and the next receipt number of that year. */
int demo_receipt_number(struct db *db, int days, long long *year, long long *seq, struct err *e);

/*
 * Renewals, after demo_care: in 巴东县 up to three sponsorships lapsing (their second year unpaid
 * 35, 65 and 95 days) and one stopped by its donor, each with its first year paid, as far as
 * the county has demo sponsors' pairings (demo_renewals.c).
 */
int demo_renewals(struct db *db, const struct config *cfg, struct err *e);

/*
 * Fundraising beyond one-to-one, after demo_renewals (demo_fund.c), in this order: the 六一 study
 * trip and other themed activities (demo_activities.c), matching pools (demo_pools.c), personal
 * and spokesperson pages with their gifts (demo_pages.c), offline gifts (demo_offline.c), reports
 * and disclosure (demo_reports.c). Each is one transaction.
 */
int demo_fund(struct db *db, const struct config *cfg, struct err *e);
int demo_activities(struct db *db, const struct config *cfg, struct err *e);
int demo_pools(struct db *db, const struct config *cfg, struct err *e);
int demo_pages(struct db *db, const struct config *cfg, struct err *e);
int demo_offline(struct db *db, const struct config *cfg, struct err *e);
int demo_reports(struct db *db, const struct config *cfg, struct err *e);

/* A fictional ledger of n rows (CSV, UTF-8 with a BOM) for the counties of region, on out. */
#include <stdio.h>
int demo_ledger(FILE *out, long n, const char *region, struct err *e);

/* Write the GB 11643 check character for the first 17 digits of id (id must hold 19 bytes). */
void demo_id_checksum(char *id);

#endif
