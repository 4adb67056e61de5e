/*
 * payouts.c — payouts to families: a draft made under the child's lock and the funds guard, read
 * and moved one at a time by the roles in reach, and their evidence files.
 */
#include <stdio.h>
#include <stddef.h>
#include <string.h>

#include "audit.h"
#include "ledger.h"
#include "photos.h"
#include "payouts.h"
#include "rows.h"
#include "state.h"
#include "../log.h"
#include "../scope.h"
#include "../util.h"

#define PAYOUT_PERIODS_MAX 64   /* a child's payouts looked at for overlap: years of months */
#define PAYOUT_ID_TEXT     24

/* The child, locked, with its money so far (child_funds: the triggers' running sums). */
struct funded_child {
	long long received, committed, sponsorship;
	int       has_account;
	char      county[ACTOR_REGION_LEN], city[ACTOR_REGION_LEN], code[CHILD_CODE_LEN + 1];
};

static int lock_child(struct db *db, long long child_id, struct funded_child *c, struct err *e)
{
	struct dbp p[] = { P_INT(child_id) };
	const struct var cols[] = {
		VAR_STR(c->county), VAR_STR(c->city), VAR_STR(c->code), VAR_I(&c->has_account),
		VAR_LL(&c->received), VAR_LL(&c->committed),
	};
	int found;

	found = row_get(db, "SELECT c.county_code, c.city_code, c.code, c.pii_bank IS NOT NULL, "
	                "COALESCE(f.received_fen, 0), COALESCE(f.committed_fen, 0) "
	                "FROM children c LEFT JOIN child_funds f ON f.child_id = c.id "
	                "WHERE c.id = ? FOR UPDATE", p, 1, cols, nitems(cols), e);
	if (found <= 0)
		return found < 0 ? -1 : err_core(e, ERR_NOT_FOUND, "payouts.no_child",
		                                 "payout: child %lld not found", child_id);
	/* Whose money it is: the live sponsorship, else the last that ended. */
	c->sponsorship = 0;
	return db_query_int(db, "SELECT COALESCE((SELECT id FROM sponsorships WHERE child_id = ? "
	                    "AND state IN ('active','lapsing','stopping','ended') "
	                    "ORDER BY state = 'ended', id DESC LIMIT 1), 0)", p, 1,
	                    &c->sponsorship, e);
}

/* Whether the child has a payout, not cancelled, for a period that shares a month with want. */
static int period_taken(struct db *db, long long child_id, const struct period *want, int *taken,
                        struct err *e)
{
	struct dbp p[] = { P_INT(child_id) };
	struct taken_row { char code[PERIOD_CODE_MAX]; } codes[PAYOUT_PERIODS_MAX];
	static const struct col cols[] = { COL_S(struct taken_row, code) };
	struct rows r = ROWS_INTO(codes, cols);
	struct period have;
	int n;

	if ((n = rows_read(db, "SELECT period FROM payouts WHERE child_id = ? AND "
	                   "state <> 'cancelled' ORDER BY period DESC", p, 1, &r, e)) < 0)
		return -1;
	*taken = 0;
	for (int i = 0; i < n && i < PAYOUT_PERIODS_MAX && !*taken; i++)
		*taken = period_parse(codes[i].code, &have) == 0 && period_overlaps(&have, want);
	return 0;
}

static enum payout_refusal refusal(const struct payout_new *n, const struct funded_child *c)
{
	if (!c->sponsorship && c->received == 0)
		return PAYOUT_NOT_PAIRED;
	if (strcmp(n->method, "bank") == 0 && !c->has_account)
		return PAYOUT_NO_ACCOUNT;
	if (n->amount_fen - n->advanced_fen > c->received - c->committed)
		return PAYOUT_UNFUNDED;
	return PAYOUT_MADE;
}

static int insert_row(struct db *db, const struct actor *a, const struct payout_new *n,
                      const struct funded_child *c, long long *id, struct err *e)
{
	char ref[PAYOUT_REF_LEN + 1];

	/* Made before the parameters, which take its length: P_STR reads it at once. */
	ref[0] = 'P';
	ledger_code(ref + 1, PAYOUT_REF_LEN - 1);   /* 11 and the NUL */
	struct dbp p[] = {
		P_STR(ref), P_INT(n->child_id), c->sponsorship ? P_INT(c->sponsorship) : P_NULL,
		P_STR(c->county), P_STR(c->city), P_STR(n->period), P_INT(n->amount_fen),
		P_INT(n->advanced_fen), P_STR(n->method), n->goods ? P_STR(n->goods) : P_NULL,
		n->batch_id ? P_INT(n->batch_id) : P_NULL, P_INT(a->id),
	};
	if (db_exec(db, "INSERT INTO payouts (ref, child_id, sponsorship_id, county_code, "
	            "city_code, period, amount_fen, advanced_fen, method, goods, batch_id, "
	            "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p, nitems(p), NULL,
	            e) < 0)
		return -1;
	return db_query_int(db, "SELECT LAST_INSERT_ID()", NULL, 0, id, e);
}

int payout_insert(struct db *db, const struct actor *a, const struct payout_new *n, long long *id,
                  enum payout_refusal *why, struct err *e)
{
	struct funded_child c;
	struct period want;
	char ids[PAYOUT_ID_TEXT];
	int taken;

	if (period_parse(n->period, &want) < 0 || n->amount_fen <= 0 || n->advanced_fen < 0 ||
	    n->advanced_fen > n->amount_fen)
		return err_core(e, ERR_INVALID, "payouts.bad", "payout: period %s, %lld of %lld",
		                n->period, n->advanced_fen, n->amount_fen);
	if (lock_child(db, n->child_id, &c, e) < 0 ||
	    period_taken(db, n->child_id, &want, &taken, e) < 0)
		return -1;
	*why = taken ? PAYOUT_PERIOD_TAKEN : refusal(n, &c);
	if (*why != PAYOUT_MADE)
		return 0;
	if (insert_row(db, a, n, &c, id, e) < 0) {
		if (!db_is_dup(e))
			return -1;
		err_clear(e);       /* the period was taken meanwhile: the unique key says so */
		*why = PAYOUT_PERIOD_TAKEN;
		return 0;
	}
	snprintf(ids, sizeof ids, "%lld", *id);
	return audit_actor(db, a, e, "payout.create", "payout", ids, "%s payout of %s for %s: "
	                   "%lld fen, %lld advanced", n->method, c.code, n->period, n->amount_fen,
	                   n->advanced_fen);
}

const char *payout_refusal_key(enum payout_refusal why)
{
	static const char *const KEYS_OF[] = {
		[PAYOUT_MADE] = "payouts.made", [PAYOUT_UNFUNDED] = "payouts.unfunded",
		[PAYOUT_PERIOD_TAKEN] = "payouts.period_taken",
		[PAYOUT_NO_ACCOUNT] = "payouts.no_account",
		[PAYOUT_NOT_PAIRED] = "payouts.not_paired",
	};

	return KEYS_OF[why];
}

void payout_bank_mask(const char *number, char out[BANK_MASK_LEN])
{
	char d[24];
	size_t n = 0;

	for (; *number && n < sizeof d - 1; number++)
		if (*number >= '0' && *number <= '9')
			d[n++] = *number;
	if (n < 8) {
		snprintf(out, BANK_MASK_LEN, "****");
		return;
	}
	snprintf(out, BANK_MASK_LEN, "%.4s **** **** %.4s", d, d + n - 4);
}

/* ---- payouts one by one ---- */

/* A query with the staff scope put in (on the payout's child, aliased c). */
#define PAYOUTS_SQL_MAX 2048

static int role_is(const struct actor *a, const char *role)
{
	return a->kind == ACTOR_STAFF && strcmp(a->role, role) == 0;
}

int payout_maker(const struct actor *a)
{
	return role_is(a, "county");
}

int payout_approver(const struct actor *a)
{
	return role_is(a, "city") || role_is(a, "province");
}

static int not_maker(const struct actor *a, struct err *e)
{
	return err_core(e, ERR_FORBIDDEN, "payouts.not_maker", "staff %lld (%s) makes no payouts",
	                a->id, a->role);
}

#define CHILD_FUNDS_SQL \
	"SELECT c.id, c.code, c.alias, c.county_code, COALESCE(c.bank_mask, ''), " \
	"COALESCE(f.received_fen, 0), COALESCE(f.committed_fen, 0), COALESCE(f.paid_fen, 0), " \
	"COALESCE(f.advanced_fen, 0) FROM children c " \
	"LEFT JOIN child_funds f ON f.child_id = c.id " \
	"WHERE c.code = ? AND %s"

int payout_child(struct db *db, const struct actor *a, const char *code, struct payout_child *out,
                 struct err *e)
{
	char sql[PAYOUTS_SQL_MAX];
	struct scope s;
	int found;

	memset(out, 0, sizeof *out);
	if (!payout_maker(a))
		return not_maker(a, e);
	scope_for(a, &s);
	if (scope_sql(sql, sizeof sql, CHILD_FUNDS_SQL, &s) < 0)
		return err_internal(e, "payout child query too long");
	struct dbp p[] = { P_STR(code), s.param };
	const struct var cols[] = {
		VAR_LL(&out->id), VAR_STR(out->code), VAR_STR(out->alias), VAR_STR(out->county),
		VAR_STR(out->bank_mask), VAR_LL(&out->received), VAR_LL(&out->committed),
		VAR_LL(&out->paid), VAR_LL(&out->advanced),
	};
	if ((found = row_get(db, sql, p, nitems(p), cols, nitems(cols), e)) < 0)
		return -1;
	if (!found)
		return err_core(e, ERR_NOT_FOUND, "payouts.no_child", "payout for %s: out of reach",
		                code);
	out->available = out->received - out->committed;
	return 0;
}

struct creation {
	const struct actor      *a;
	const char              *code;
	const struct payout_new *n;
	long long                id;
	enum payout_refusal      why;
};

static int create_tx(struct db *db, void *arg, struct err *e)
{
	struct creation *c = arg;
	struct payout_child ch;
	struct payout_new n = *c->n;

	if (payout_child(db, c->a, c->code, &ch, e) < 0)
		return -1;
	n.child_id = ch.id;
	return payout_insert(db, c->a, &n, &c->id, &c->why, e);
}

int payout_create(struct db *db, const struct actor *a, const char *code,
                  const struct payout_new *n, long long *id, enum payout_refusal *why,
                  struct err *e)
{
	struct creation c = { .a = a, .code = code, .n = n };

	if (db_tx(db, create_tx, &c, e) < 0)
		return -1;
	*id = c.id;
	*why = c.why;
	return 0;
}

/* ---- reading one ---- */

#define PAYOUT_SQL(lock) \
	"SELECT p.id, p.child_id, COALESCE(p.batch_id, 0), p.amount_fen, p.advanced_fen, " \
	"(SELECT COUNT(*) FROM payout_files f WHERE f.payout_id = p.id), p.ref, c.code, c.alias, " \
	"p.county_code, p.period, p.method, p.state, p.goods, " \
	"DATE_FORMAT(p.paid_on, '%%Y-%%m-%%d'), p.bank_ref, p.fail_reason, p.review_note, " \
	"m.display_name, DATE_FORMAT(p.created_at, '%%Y-%%m-%%d %%H:%%i'), r.display_name, " \
	"DATE_FORMAT(p.approved_at, '%%Y-%%m-%%d %%H:%%i'), y.display_name, " \
	"DATE_FORMAT(p.paid_at, '%%Y-%%m-%%d %%H:%%i') FROM payouts p " \
	"JOIN children c ON c.id = p.child_id JOIN staff m ON m.id = p.created_by " \
	"LEFT JOIN staff r ON r.id = p.approved_by LEFT JOIN staff y ON y.id = p.paid_by " \
	"WHERE p.id = ? AND %s" lock

/* The moves each role may make, from which states (the transition table has the rest). */
static const struct act_rule {
	unsigned from;
	int      to;
	int      approver;   /* city or province; else county staff */
	const char *why;
} ACTS[PA__MAX] = {
	[PA_SUBMIT]  = { SB(PO_DRAFT) | SB(PO_RETURNED), PO_SUBMITTED, 0, "submitted" },
	[PA_APPROVE] = { SB(PO_SUBMITTED), PO_APPROVED, 1, "approved" },
	[PA_RETURN]  = { SB(PO_SUBMITTED), PO_RETURNED, 1, "returned with a comment" },
	[PA_PAID]    = { SB(PO_APPROVED), PO_PAID, 0, "recorded paid" },
	[PA_CANCEL]  = { SB(PO_DRAFT) | SB(PO_RETURNED) | SB(PO_FAILED), PO_CANCELLED, 0,
	                 "cancelled" },
	[PA_RETRY]   = { SB(PO_FAILED), PO_APPROVED, 0, "to be sent again" },
	/* evidence: any payout not cancelled (not a move) */
	[PA_FILE]    = { SB(PO_DRAFT) | SB(PO_SUBMITTED) | SB(PO_RETURNED) | SB(PO_APPROVED) |
	                 SB(PO_PAID) | SB(PO_FAILED), -1, 0, NULL },
};

static int act_role_ok(const struct actor *a, enum payout_act act)
{
	return ACTS[act].approver ? payout_approver(a) : payout_maker(a);
}

static unsigned may_of(const struct actor *a, const struct payout *p)
{
	int st = state_of(ENT_PAYOUT, p->state);
	unsigned may = 0;

	for (int i = 0; i < PA__MAX; i++)
		if (st >= 0 && (ACTS[i].from & SB(st)) && act_role_ok(a, (enum payout_act)i))
			may |= 1u << i;
	if (p->files >= PAYOUT_FILES)
		may &= ~(1u << PA_FILE);
	return may;
}

static int read_payout(struct db *db, const struct actor *a, long long id, int lock,
                       struct payout *o, struct err *e)
{
	char sql[PAYOUTS_SQL_MAX];
	struct scope s;
	long long files;
	int found;

	memset(o, 0, sizeof *o);
	scope_for(a, &s);
	if (scope_sql(sql, sizeof sql, lock ? PAYOUT_SQL(" FOR UPDATE") : PAYOUT_SQL(""), &s) < 0)
		return err_internal(e, "payout query too long");
	struct dbp p[] = { P_INT(id), s.param };
	const struct var cols[] = {
		VAR_LL(&o->id), VAR_LL(&o->child_id), VAR_LL(&o->batch_id), VAR_LL(&o->amount_fen),
		VAR_LL(&o->advanced_fen), VAR_LL(&files), VAR_STR(o->ref), VAR_STR(o->code),
		VAR_STR(o->alias), VAR_STR(o->county), VAR_STR(o->period), VAR_STR(o->method),
		VAR_STR(o->state), VAR_STR(o->goods), VAR_STR(o->paid_on), VAR_STR(o->bank_ref),
		VAR_STR(o->fail_reason), VAR_STR(o->review_note), VAR_STR(o->created_by),
		VAR_STR(o->created_at), VAR_STR(o->approved_by), VAR_STR(o->approved_at),
		VAR_STR(o->paid_by), VAR_STR(o->paid_at),
	};
	if ((found = row_get(db, sql, p, nitems(p), cols, nitems(cols), e)) < 0)
		return -1;
	if (!found)
		return err_core(e, ERR_NOT_FOUND, "payouts.unknown",
		                "payout %lld not found or out of reach", id);
	o->files = (int)files;
	period_code_text(o->period, o->period_text, sizeof o->period_text);
	o->may = may_of(a, o);
	return 0;
}

int payout_read(struct db *db, const struct actor *a, long long id, struct payout *out,
                struct err *e)
{
	return read_payout(db, a, id, 0, out, e);
}

/* ---- its moves ---- */

struct change {
	const struct actor        *a;
	long long                  id;
	enum payout_act            act;
	const struct payout_args  *args;
	struct payout              p;
};

/*
 * The payout (locked for the change if lock): in reach (404), the role's (403), in a state it may
 * leave (409), in that order, so that nothing tells a role about a payout out of its reach.
 */
static int check_for(struct db *db, const struct actor *a, long long id, enum payout_act act,
                     int lock, struct payout *p, struct err *e)
{
	if (read_payout(db, a, id, lock, p, e) < 0)
		return -1;
	if (!act_role_ok(a, act))
		return ACTS[act].approver ?
		       err_core(e, ERR_FORBIDDEN, "payouts.not_approver", "staff %lld (%s) "
		                "approves no payouts", a->id, a->role) : not_maker(a, e);
	if (act == PA_FILE && p->files >= PAYOUT_FILES)
		return err_core(e, ERR_CONFLICT, "payouts.files_full", "payout %lld has %d files",
		                id, p->files);
	if (!(p->may & (1u << act)))
		return err_core(e, ERR_CONFLICT, "payouts.state", "payout %lld is %s", id,
		                p->state);
	return 0;
}

/* The day paid: not after today (the database's, in China time like every date here). */
static int check_paid_on(struct db *db, const char *day, struct err *e)
{
	struct dbp p[] = { P_STR(day) };
	long long future;

	if (db_query_int(db, "SELECT ? > CURDATE()", p, nitems(p), &future, e) < 0)
		return -1;
	return future ? err_core(e, ERR_INVALID, "payouts.future", "paid on %s, after today",
	                         day) : 0;
}

static int act_tx(struct db *db, void *arg, struct err *e)
{
	struct change *c = arg;
	const struct payout_args *g = c->args;
	struct dbp sp[3];
	unsigned nsp = 0;
	const char *set = NULL;
	unsigned long long moved;

	if (check_for(db, c->a, c->id, c->act, 1, &c->p, e) < 0)
		return -1;
	switch (c->act) {
	case PA_APPROVE:
		set = "approved_by = ?, approved_at = NOW(), review_note = NULL";
		sp[nsp++] = P_INT(c->a->id);
		break;
	case PA_RETURN:
		set = "review_note = ?";
		sp[nsp++] = P_STR(g->note);
		break;
	case PA_PAID:
		if (check_paid_on(db, g->paid_on, e) < 0)
			return -1;
		set = "paid_on = ?, bank_ref = ?, paid_by = ?, paid_at = NOW()";
		sp[nsp++] = P_STR(g->paid_on);
		sp[nsp++] = g->bank_ref ? P_STR(g->bank_ref) : P_NULL;
		sp[nsp++] = P_INT(c->a->id);
		break;
	case PA_RETRY:
		set = "fail_reason = NULL";
		break;
	default:
		break;
	}
	const struct move m = {
		.ent = ENT_PAYOUT, .where = "id = ?", .key = P_INT(c->id),
		.from = ACTS[c->act].from,
		.to = ACTS[c->act].to, .why = ACTS[c->act].why, .set = set, .sp = sp, .nsp = nsp,
	};
	if (state_move(db, c->a, &m, &moved, e) < 0)
		return -1;
	return moved == 1 ? 0 : err_core(e, ERR_CONFLICT, "payouts.state",
	                                 "payout %lld: not moved", c->id);
}

int payout_act(struct db *db, const struct actor *a, long long id, enum payout_act act,
               const struct payout_args *args, struct err *e)
{
	struct change c = { .a = a, .id = id, .act = act, .args = args };

	if (act >= PA_FILE || ACTS[act].to < 0)
		return err_internal(e, "payout: no move %d", (int)act);
	if (db_tx(db, act_tx, &c, e) < 0)
		return -1;
	log_info("staff %lld: payout %lld %s", a->id, id, ACTS[act].why);
	return 0;
}

/* ---- evidence ---- */

struct adding {
	const struct actor *a;
	long long           id;
	const char         *name, *mime;
	size_t              bytes;
};

/* The first free slot of the payout's files (1..PAYOUT_FILES), or 0 if all are taken. */
static int free_slot(struct db *db, long long id, struct err *e)
{
	struct id_list used = { 0 };
	struct dbp p[] = { P_INT(id) };
	unsigned taken = 0;
	int slot = 0;

	if (row_ids(db, "SELECT slot FROM payout_files WHERE payout_id = ?", p, nitems(p), &used,
	            e) < 0)
		return -1;
	for (size_t i = 0; i < used.n; i++)
		if (used.v[i] >= 1 && used.v[i] <= PAYOUT_FILES)
			taken |= 1u << used.v[i];
	id_list_free(&used);
	for (int k = PAYOUT_FILES; k >= 1; k--)
		if (!(taken & (1u << k)))
			slot = k;
	return slot;
}

static int file_tx(struct db *db, void *arg, struct err *e)
{
	const struct adding *ad = arg;
	struct payout p;
	char ids[PAYOUT_ID_TEXT];
	long long done;
	int slot;

	/* The payout locked: two uploads to it take their slots one after the other. */
	if (check_for(db, ad->a, ad->id, PA_FILE, 1, &p, e) < 0)
		return -1;
	/* Run again after a commit whose answer was lost: the row is there already. */
	struct dbp q[] = { P_STR(ad->name) };
	if (db_query_int(db, "SELECT COUNT(*) FROM payout_files WHERE name = ?", q, nitems(q),
	                 &done, e) < 0)
		return -1;
	if (done)
		return 0;
	if ((slot = free_slot(db, ad->id, e)) < 0)
		return -1;
	if (!slot)
		return err_core(e, ERR_CONFLICT, "payouts.files_full", "payout %lld has %d files",
		                ad->id, PAYOUT_FILES);
	struct dbp v[] = {
		P_STR(ad->name), P_INT(ad->id), P_INT(slot), P_STR(ad->mime),
		P_INT((long long)ad->bytes), P_INT(ad->a->id),
	};
	if (db_exec(db, "INSERT INTO payout_files (name, payout_id, slot, mime, bytes, "
	            "uploaded_by) VALUES (?, ?, ?, ?, ?, ?)", v, nitems(v), NULL, e) < 0)
		return -1;
	snprintf(ids, sizeof ids, "%lld", ad->id);
	return audit_actor(db, ad->a, e, "payout.file", "payout", ids, "evidence %s (%s) in slot "
	                   "%d of the payout of %s", ad->name, ad->mime, slot, p.code);
}

/* A PDF as banks send it: the header's five bytes. */
static int is_pdf(const void *data, size_t len)
{
	return len >= 5 && memcmp(data, "%PDF-", 5) == 0;
}

/* The upload stored as a file: a PDF as it came, an image encoded afresh; *mime and *bytes. */
static int keep_file(const struct config *cfg, const void *data, size_t len, char *name,
                     const char **mime, size_t *bytes, struct err *e)
{
	struct image_head h;
	struct image im;

	if (!len)
		return err_core(e, ERR_INVALID, "photo.none", "upload without a file");
	if (is_pdf(data, len)) {
		if (len > PAYOUT_PDF_MAX)
			return err_core(e, ERR_TOO_LARGE, "payouts.file_too_large", "PDF of %zu "
			                "bytes", len);
		*mime = "application/pdf";
		*bytes = len;
		return photo_file_raw(cfg, data, len, name, e);
	}
	if (image_head(data, len, &h) < 0)
		return err_core(e, ERR_MEDIA, "payouts.not_evidence", "evidence of %zu bytes: "
		                "neither an image nor a PDF", len);
	if (photo_file_image(cfg, data, len, name, &im, e) < 0)
		return -1;
	*mime = im.type == IMAGE_PNG ? "image/png" : "image/jpeg";
	*bytes = im.len;
	image_free(&im);
	return 0;
}

int payout_file_add(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                    const void *data, size_t len, char *name, struct err *e)
{
	struct adding ad = { .a = a, .id = id, .name = name };
	struct payout p;
	int rc;

	name[0] = '\0';
	/* Who and when first; a refusal of those reads nothing of the file. */
	if (check_for(db, a, id, PA_FILE, 0, &p, e) < 0)
		return -1;
	if (keep_file(cfg, data, len, name, &ad.mime, &ad.bytes, e) < 0)
		return -1;
	if ((rc = db_tx(db, file_tx, &ad, e)) < 0)
		photo_file_unlink(cfg, name);   /* no row, no file */
	return rc;
}

int payout_file_for_staff(struct db *db, const struct actor *a, const char *name,
                          struct photo_file *out, struct err *e)
{
	char sql[PAYOUTS_SQL_MAX];
	struct scope s;
	int found;

	memset(out, 0, sizeof *out);
	if (!photo_name_valid(name))
		return err_core(e, ERR_NOT_FOUND, "photo.unknown", "not a file name");
	scope_for(a, &s);
	if (scope_sql(sql, sizeof sql, "SELECT f.name, f.mime, p.id FROM payout_files f "
	              "JOIN payouts p ON p.id = f.payout_id JOIN children c ON c.id = p.child_id "
	              "WHERE f.name = ? AND %s", &s) < 0)
		return err_internal(e, "payout file query too long");
	long long id = 0;
	struct dbp p[] = { P_STR(name), s.param };
	const struct var v[] = { VAR_STR(out->name), VAR_STR(out->mime), VAR_LL(&id) };
	if ((found = row_get(db, sql, p, nitems(p), v, nitems(v), e)) < 0)
		return -1;
	if (!found)
		return err_core(e, ERR_NOT_FOUND, "photo.unknown", "payout file %.32s: none in "
		                "reach", name);
	/* A signed receipt carries the guardian's name: every staff view is on record. */
	return audit_actor(db, a, e, "payout.file_view", "photo", out->name, "evidence of payout "
	                   "%lld viewed", id);
}
