/*
 * core/dashboard.h — the dashboard's figures that the date moves without a write: by county, the
 * children waiting long and the paired children due a visit. Counted from the kept counts
 * (sql/040: county_counts, county_months, and the cutoff's month read from an index), then kept by
 * each worker under the generation of those counts (sql/042) and the date, both read afresh on
 * every call: a change anywhere, or a new day, is counted on the very next call.
 */
#ifndef TX_CORE_DASHBOARD_H
#define TX_CORE_DASHBOARD_H

#include "../db.h"

/* More than Hubei's 103 county-level units. */
#define DASH_COUNTIES_MAX 256

/* One county's dated figures. */
struct dash_dated {
	char      county[7];
	long long waiting_long;   /* children waiting since before long_days ago */
	long long due;            /* paired children last seen before due_days ago */
};

/*
 * Every county's dated figures, in county code order (a county with neither is absent): their
 * number, or -1 on error (e), and the array into *out, valid until the next call. long_days and
 * due_days are the cutoffs in days before today.
 */
int dashboard_dated(struct db *db, int long_days, int due_days, const struct dash_dated **out,
                    struct err *e);

/* County's figures in d (n of them, as dashboard_dated gave), or NULL if it has none. */
const struct dash_dated *dashboard_county(const struct dash_dated *d, int n, const char *county);

#endif
