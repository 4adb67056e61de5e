/* trail.c — the sponsor's fund trail and the programme's yearly totals (see trail.h). */
#include <stdlib.h>
#include <string.h>

#include "rows.h"
#include "trail.h"
#include "../util.h"

#define TRAIL_GROW 16   /* gifts or payouts made room for at first */

/*
 * The sponsorships that may have a trail: live ones (active, lapsing, stopping) and ended ones,
 * of which those the donor paid nothing for are dropped once the payments are read.
 */
#define TRAIL_SPONS_SQL \
	"SELECT s.id, s.state = 'ended' FROM sponsorships s WHERE s.donor_id = ? " \
	"AND (? = 0 OR s.id = ?) AND s.state IN ('active','lapsing','stopping','ended') " \
	"ORDER BY s.id DESC LIMIT ?"

/*
 * The payments, by the donor's index on donations; one of a sponsorship not in the set (another
 * donor's could not be: a payment is its sponsorship's donor's) is passed over.
 */
#define TRAIL_GIFTS_SQL \
	"SELECT d.sponsorship_id, d.amount_fen, DATE_FORMAT(d.paid_at, '%Y-%m-%d'), " \
	RECEIPT_NO_SQL("d.") ", d.receipt_code FROM donations d " \
	"WHERE d.donor_id = ? AND d.sponsorship_id IS NOT NULL " \
	"AND (? = 0 OR d.sponsorship_id = ?) " \
	"AND d.status = 'paid' AND d.refund_due = 0 ORDER BY d.paid_at, d.id"

/* The paid payouts, by the sponsorships' index on payouts; evidence by the files' slot key. */
#define TRAIL_PAYOUTS_SQL \
	"SELECT p.sponsorship_id, p.amount_fen, p.advanced_fen, p.period, p.method, " \
	"DATE_FORMAT(p.paid_on, '%Y-%m-%d'), " \
	"EXISTS (SELECT 1 FROM payout_files f WHERE f.payout_id = p.id) " \
	"FROM sponsorships s JOIN payouts p ON p.sponsorship_id = s.id AND p.state = 'paid' " \
	"WHERE s.donor_id = ? AND (? = 0 OR s.id = ?) ORDER BY p.paid_on, p.id"

struct spons_id {
	long long id, ended;
};

static const struct col SPONS_ID_COLS[] = {
	COL_I(struct spons_id, id), COL_I(struct spons_id, ended),
};

/* The reading of one set: the set, and the error a row callback sets. */
struct reading {
	struct trail_set *s;
	struct err       *e;
};

/* The index of sponsorship id (as the database gave it) in the set, or -1. */
static int trail_index(const struct trail_set *s, const char *id)
{
	long long sid = id ? strtoll(id, NULL, 10) : 0;

	for (int i = 0; i < s->n; i++)
		if (s->t[i].sponsorship_id == sid)
			return i;
	return -1;
}

/*
 * The next row of the array *v (n rows of size bytes so far, room for *cap) for sponsorship sid:
 * zeroed, its trail's index in *k, n counted. NULL if the sponsorship has no trail here (*k < 0:
 * rejected, or past the newest shown) or memory ran out (*k >= 0, the error in r->e).
 */
static void *next_row(struct reading *r, const char *sid, void **v, int *n, int *cap,
                      size_t size, int *k)
{
	char *row;

	*k = trail_index(r->s, sid);
	if (*k < 0)
		return NULL;
	if (*n == *cap) {
		int want = *cap ? *cap * 2 : TRAIL_GROW;
		void *more = realloc(*v, (size_t)want * size);

		if (!more) {
			err_core(r->e, ERR_INTERNAL, NULL, "trail: out of memory for %d rows",
			         want);
			return NULL;
		}
		*v = more;
		*cap = want;
	}
	row = (char *)*v + (size_t)(*n)++ * size;
	memset(row, 0, size);
	return row;
}

static int gift_row(void *ctx, unsigned ncols, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct reading *r = ctx;
	struct trail_set *s = r->s;
	int k;
	struct trail_gift *g = next_row(r, v[0], (void **)&s->gifts, &s->ngifts, &s->gifts_cap,
	                                sizeof *g, &k);

	(void)ncols; (void)f; (void)l;
	if (!g)
		return k < 0 ? 0 : -1;
	g->spons = k;
	g->amount_fen = strtoll(v[1], NULL, 10);
	row_text(g->paid_on, sizeof g->paid_on, v[2]);
	row_text(g->receipt_no, sizeof g->receipt_no, v[3]);
	row_text(g->receipt_code, sizeof g->receipt_code, v[4]);
	s->t[k].received_fen += g->amount_fen;
	return 0;
}

static int payout_row(void *ctx, unsigned ncols, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct reading *r = ctx;
	struct trail_set *s = r->s;
	int k;
	struct trail_payout *p = next_row(r, v[0], (void **)&s->payouts, &s->npayouts,
	                                  &s->payouts_cap, sizeof *p, &k);

	(void)ncols; (void)f; (void)l;
	if (!p)
		return k < 0 ? 0 : -1;
	p->spons = k;
	p->amount_fen = strtoll(v[1], NULL, 10);
	p->advanced_fen = strtoll(v[2], NULL, 10);
	row_text(p->period, sizeof p->period, v[3]);
	row_text(p->method, sizeof p->method, v[4]);
	row_text(p->paid_on, sizeof p->paid_on, v[5]);
	p->evidence = v[6] && v[6][0] == '1';
	s->t[k].paid_fen += p->amount_fen;
	s->t[k].advanced_fen += p->advanced_fen;
	return 0;
}

/*
 * Drop the ended sponsorships the donor paid nothing for (ids[i].ended, nothing received), with
 * anything of theirs, and renumber the rest's gifts and payouts.
 */
static void drop_unpaid_ended(struct trail_set *s, const struct spons_id *ids)
{
	int to[TRAIL_SPONS_MAX], n = 0, k = 0;

	for (int i = 0; i < s->n; i++) {
		to[i] = ids[i].ended && s->t[i].received_fen == 0 ? -1 : n++;
		if (to[i] >= 0)
			s->t[to[i]] = s->t[i];
	}
	s->n = n;
	for (int j = 0; j < s->npayouts; j++)
		if (to[s->payouts[j].spons] >= 0) {
			s->payouts[k] = s->payouts[j];
			s->payouts[k++].spons = to[s->payouts[j].spons];
		}
	s->npayouts = k;
	for (int j = 0; j < s->ngifts; j++)   /* every gift's trail received something: kept */
		s->gifts[j].spons = to[s->gifts[j].spons];
}

/* The trails of donor a's sponsorships, or of sponsorship sid alone (0: all of them). */
static int trail_read(struct db *db, const struct actor *a, long long sid, struct trail_set *s,
                      struct err *e)
{
	struct spons_id ids[TRAIL_SPONS_MAX];
	struct rows rows = ROWS_INTO(ids, SPONS_ID_COLS);
	struct dbp p[] = { P_INT(a->id), P_INT(sid), P_INT(sid), P_INT(TRAIL_SPONS_MAX) };
	struct reading r = { s, e };
	int n;

	if (a->kind != ACTOR_DONOR)
		return err_core(e, ERR_FORBIDDEN, NULL, "the fund trail is a donor's");
	n = rows_read(db, TRAIL_SPONS_SQL, p, nitems(p), &rows, e);
	if (n < 0)
		return -1;
	s->n = n < TRAIL_SPONS_MAX ? n : TRAIL_SPONS_MAX;
	for (int i = 0; i < s->n; i++)
		s->t[i] = (struct trail){ .sponsorship_id = ids[i].id };
	if (s->n == 0)
		return 0;
	if (db_query(db, TRAIL_GIFTS_SQL, p, 3, gift_row, &r, e) < 0 ||
	    db_query(db, TRAIL_PAYOUTS_SQL, p, 3, payout_row, &r, e) < 0)
		return -1;
	drop_unpaid_ended(s, ids);
	for (int i = 0; i < s->n; i++) {
		struct trail *t = &s->t[i];
		long long held = t->received_fen - (t->paid_fen - t->advanced_fen);

		t->held_fen = held > 0 ? held : 0;
	}
	return 0;
}

int trail_of_donor(struct db *db, const struct actor *a, struct trail_set *s, struct err *e)
{
	return trail_read(db, a, 0, s, e);
}

int trail_of(struct db *db, const struct actor *a, long long sid, struct trail_set *s,
             struct err *e)
{
	if (sid <= 0)
		return err_core(e, ERR_NOT_FOUND, NULL, "sponsorship %lld", sid);
	if (trail_read(db, a, sid, s, e) < 0)
		return -1;
	if (s->n == 0)
		return err_core(e, ERR_NOT_FOUND, NULL, "sponsorship %lld: not donor %lld's, or no "
		                "trail", sid, a->id);
	return 0;
}

void trail_free(struct trail_set *s)
{
	free(s->gifts);
	free(s->payouts);
	s->gifts = NULL;
	s->payouts = NULL;
	s->ngifts = s->npayouts = s->gifts_cap = s->payouts_cap = 0;
}

int trail_year_totals(struct db *db, int year, struct trail_year *y, struct err *e)
{
	struct dbp p[] = { P_INT(year), P_INT(year) };

	memset(y, 0, sizeof *y);
	if (db_query_int(db, "SELECT COALESCE(SUM(amount_fen), 0) FROM donations "
	                 "WHERE status = 'paid' AND paid_at >= MAKEDATE(?, 1) "
	                 "AND paid_at < MAKEDATE(? + 1, 1) AND refund_due = 0",
	                 p, nitems(p), &y->raised_fen, e) < 0)
		return -1;
	return db_query_int(db, "SELECT COALESCE(SUM(amount_fen), 0) FROM payouts "
	                    "WHERE state = 'paid' AND paid_on >= MAKEDATE(?, 1) "
	                    "AND paid_on < MAKEDATE(? + 1, 1)", p, nitems(p), &y->paid_out_fen, e);
}
