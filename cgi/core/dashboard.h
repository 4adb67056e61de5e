/*
 * core/dashboard.h — the dashboard's counts by county: children by state, visits and letters
 * waiting for staff (sql/040's county_counts, kept in the transactions that change them), and the
 * figures that the date moves without a write: the children waiting long, the paired children
 * due a visit (from the kept counts: county_counts, county_months, and the cutoff's month read
 * from an index) and the children whose money has waited too long (core/finance.h's
 * FIN_HELD_ROWS). Those are kept by each worker under the generation of what they read (sql/042)
 * and the date, both read afresh on every call: a change anywhere, or a new day, is counted on
 * the very next call.
 */
#ifndef TX_CORE_DASHBOARD_H
#define TX_CORE_DASHBOARD_H

#include "../db.h"
#include "actor.h"

/* More than Hubei's 103 county-level units. */
#define DASH_COUNTIES_MAX 256

/* The dated figures' cutoffs, in days before today. */
struct dash_cutoffs {
	int long_days;   /* children waiting longer are waiting long */
	int due_days;    /* paired children not seen for longer are due a visit */
	int hold_days;   /* money received longer ago and not paid out is held too long */
};

/* One county's counts: the kept ones (county_counts), then the dated ones. */
struct dash_county {
	char      county[7];
	long long waiting, pairing, paired;   /* children by state; pairing: held or pending */
	long long visits_submitted;           /* visits waiting for review */
	long long letters_pending;            /* letters waiting for review */
	long long letters_approved;           /* sponsors' letters approved, not handed over */
	long long waiting_long;               /* children waiting since before long_days ago */
	long long due;                        /* paired children last seen before due_days ago */
	long long held, held_fen;             /* children with money held too long, and how much */
};

/*
 * The counties in staff actor a's reach that have kept counts, in county code order, at most max
 * into out (DASH_COUNTIES_MAX is enough), the dated figures by cutoffs k: how many, or -1 on
 * error (e).
 */
int dashboard_counties(struct db *db, const struct actor *a, const struct dash_cutoffs *k,
                       struct dash_county *out, int max, struct err *e);

/* The months the dashboard's charts show: this one and the eleven before it. */
#define DASH_MONTHS 12

/* One month's figures in reach: the pairings decided in it, the sponsorships' money received. */
struct dash_month {
	char      month[8];    /* "2027-03" */
	long long paired;      /* sponsorships decided (approved) in it: county_months' paired */
	long long funds_fen;   /* sponsorship money paid in it, less what is owed back (sql/048) */
};

/*
 * The last DASH_MONTHS months in staff actor a's reach, oldest first, into out (DASH_MONTHS of
 * them): 0, or -1 on error (e). One statement over the kept rows of county_months: the pairings
 * (sql/040) and the money (sql/048), a few hundred rows for the province.
 */
int dashboard_months(struct db *db, const struct actor *a, struct dash_month *out, struct err *e);

#endif
