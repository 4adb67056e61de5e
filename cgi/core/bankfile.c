/* bankfile.c — the bank's files of a batch: the transfer list out, the result file back in. */
#include <ctype.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include <sodium.h>

#include "../keys.h"
#include "../money.h"
#include "../pii.h"
#include "../util.h"
#include "audit.h"
#include "bankfile.h"
#include "cells.h"
#include "batches.h"
#include "import.h"
#include "rows.h"
#include "state.h"

#define BATCH_ID_TEXT 24

/* ---- the transfer list ---- */

/* "holder\nnumber\nbank" as sealed: at most the three fields' sizes and two newlines. */
#define BANK_PLAIN_LEN (BANK_HOLDER_LEN + BANK_NO_LEN + BANK_NAME_LEN)

struct exporting {
	const struct config *cfg;
	const struct actor  *a;
	long long            id;
	struct bank_export  *out;
	size_t               cap;
	struct err          *e;
};

/* src into dst (n bytes), or -1 if it does not fit: an account is never cut. */
static int part(char *dst, size_t n, const char *src)
{
	size_t len = strlen(src);

	if (len >= n)
		return -1;
	memcpy(dst, src, len + 1);
	return 0;
}

/* The sealed account of child code opened into line (its three parts), or -1. */
static int open_account(struct exporting *x, const char *code, const char *sealed,
                        unsigned long len, struct bank_line *line)
{
	char plain[BANK_PLAIN_LEN], *number, *bank;
	int rc = -1;

	if (sealed && pii_open_into(x->cfg->pii_key, "bank_account", code, sealed, len, plain,
	                            sizeof plain) >= 0 &&
	    (number = strchr(plain, '\n')) && (bank = strchr(number + 1, '\n'))) {
		*number++ = '\0';
		*bank++ = '\0';
		rc = part(line->holder, sizeof line->holder, plain) < 0 ||
		     part(line->number, sizeof line->number, number) < 0 ||
		     part(line->bank, sizeof line->bank, bank) < 0 ? -1 : 0;
	}
	sodium_memzero(plain, sizeof plain);
	return rc;
}

enum { X_REF, X_AMOUNT, X_CODE, X_SEALED };

static int export_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct exporting *x = ctx;
	struct bank_export *out = x->out;
	struct bank_line *line;

	(void)n; (void)f;
	if (rows_room((void **)&out->v, &x->cap, (size_t)out->n, sizeof *out->v) < 0)
		return err_core(x->e, ERR_INTERNAL, NULL, "export: out of memory");
	line = &out->v[out->n];
	memset(line, 0, sizeof *line);
	row_text(line->ref, sizeof line->ref, v[X_REF]);
	line->amount_fen = strtoll(v[X_AMOUNT], NULL, 10);
	if (open_account(x, v[X_CODE], v[X_SEALED], l[X_SEALED], line) < 0)
		return err_core(x->e, ERR_CONFLICT, "batches.account_gone", "export: the account "
		                "of %s does not open", v[X_CODE]);
	out->n++;
	return 0;
}

static int export_tx(struct db *db, void *arg, struct err *e)
{
	struct exporting *x = arg;
	struct batch b;
	struct dbp p[] = { P_INT(x->id) };
	struct dbp by[] = { P_INT(x->a->id), P_INT(x->id) };
	char ids[BATCH_ID_TEXT];

	bank_export_free(x->out);
	x->cap = 0;
	x->e = e;
	if (batch_lock(db, x->a, x->id, 1, &b, e) < 0)
		return -1;
	if (strcmp(b.method, "bank") != 0)
		return err_core(e, ERR_CONFLICT, "batches.not_bank", "batch %lld is %s", x->id,
		                b.method);
	if (db_query(db, "SELECT p.ref, p.amount_fen, c.code, c.pii_bank FROM payouts p "
	             "JOIN children c ON c.id = p.child_id WHERE p.batch_id = ? "
	             "AND p.state = 'approved' AND p.method = 'bank' ORDER BY p.id", p, 1,
	             export_row, x, e) < 0)
		return -1;
	if (x->out->n == 0)
		return err_core(e, ERR_CONFLICT, "batches.none_to_export", "batch %lld", x->id);
	snprintf(ids, sizeof ids, "%lld", x->id);
	/* Personal data leaving the system: on record, with how many accounts, never which. */
	if (db_exec(db, "UPDATE payout_batches SET exported_at = NOW(), exported_by = ? "
	            "WHERE id = ?", by, nitems(by), NULL, e) < 0)
		return -1;
	return audit_actor(db, x->a, e, "payout.export", "batch", ids, "exported %ld bank "
	                   "transfers of %s (%s) for the bank", x->out->n, b.county, b.period);
}

int bankfile_export(struct db *db, const struct config *cfg, const struct actor *a, long long id,
                    struct bank_export *out, struct err *e)
{
	struct exporting x = { .cfg = cfg, .a = a, .id = id, .out = out };

	memset(out, 0, sizeof *out);
	return db_tx(db, export_tx, &x, e);
}

void bank_export_free(struct bank_export *x)
{
	if (x->v)
		sodium_memzero(x->v, (size_t)x->n * sizeof *x->v);
	free(x->v);
	x->v = NULL;
	x->n = 0;
}

int bankfile_gbk(const char *in, size_t len, char **out, size_t *olen, struct err *e)
{
	iconv_t cd = iconv_open("GBK", "UTF-8");
	size_t room = len + 4, left = room, ileft = len;
	char *ip = (char *)in, *op;

	*out = NULL;
	if (cd == (iconv_t)-1)
		return err_core(e, ERR_INTERNAL, NULL, "iconv to GBK unavailable");
	/* GBK takes at most as many bytes as UTF-8 for every character it has. */
	op = *out = malloc(room);
	if (!*out || iconv(cd, &ip, &ileft, &op, &left) == (size_t)-1) {
		iconv_close(cd);
		if (*out)
			sodium_memzero(*out, room);
		free(*out);
		*out = NULL;
		return err_core(e, ERR_CONFLICT, "batches.not_gbk", "a character without GBK");
	}
	iconv_close(cd);
	*olen = room - left;
	return 0;
}

/* ---- the result file ---- */

enum { R_REF, R_ACCOUNT, R_AMOUNT, R_RESULT, R_REASON, R_BANK_REF, R_DATE, R__MAX };
#define R_MIN_FIELDS 4                  /* reference, account, amount, result */
#define FIELD_MAX    (200 * 4 + 1)      /* a reason: 200 characters */
#define REASON_CHARS 200
#define DATE_LEN     CELL_DATE_LEN
/* The most a bank's line may carry: a billion yuan. */
#define BANK_MAX_FEN 100000000000LL

/* A line read from the file: its fields checked on their own (outcome BANK__MAX: readable). */
struct in_line {
	long              line;
	enum bank_outcome outcome;
	int               success;
	long long         amount_fen;
	char              ref[PAYOUT_REF_LEN + 1], date[DATE_LEN];
	char              bank_ref[65], reason[FIELD_MAX];
};

struct reading {
	struct in_line *v;
	long            n;
	size_t          cap;
	long            record;
	char            f[R__MAX][FIELD_MAX];
	int             nf, too_long;
	int             failed;         /* 1: out of memory; 2: more than BANK_MAX_LINES lines */
};

static void result_field(void *s, size_t len, void *data)
{
	struct reading *r = data;

	if (r->nf < R__MAX) {
		if (len >= FIELD_MAX)
			r->too_long = 1;
		else
			memcpy(r->f[r->nf], s, len);
		r->f[r->nf][len < FIELD_MAX ? len : 0] = '\0';
	}
	r->nf++;
}

/* Whether s is one of our references: P and 11 of ledger_code's characters. */
static int ref_shape(const char *s)
{
	if (strlen(s) != PAYOUT_REF_LEN || s[0] != 'P')
		return 0;
	for (int i = 1; i < PAYOUT_REF_LEN; i++)
		if (!strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ", s[i]) || !s[i])
			return 0;
	return 1;
}

static int result_of(const char *s, int *success)
{
	if (strcmp(s, "成功") == 0 || strcasecmp(s, "success") == 0) {
		*success = 1;
		return 0;
	}
	if (strcmp(s, "失败") == 0 || strcasecmp(s, "fail") == 0 || strcasecmp(s, "failed") == 0) {
		*success = 0;
		return 0;
	}
	return -1;
}

/* The checks one line passes on its own, into l. */
static enum bank_outcome check_line(struct reading *r, struct in_line *l)
{
	struct field f;
	char *bank_ref;

	if (r->nf < R_MIN_FIELDS || r->nf > R__MAX || r->too_long)
		return BANK_COLUMNS;
	for (int i = r->nf; i < R__MAX; i++)
		r->f[i][0] = '\0';
	snprintf(l->ref, sizeof l->ref, "%s", cell_trimmed(r->f[R_REF]));
	if (!ref_shape(cell_trimmed(r->f[R_REF])))
		return BANK_BAD_REF;
	if (cell_amount(cell_trimmed(r->f[R_AMOUNT]), BANK_MAX_FEN, &l->amount_fen) < 0)
		return BANK_BAD_AMOUNT;
	if (result_of(cell_trimmed(r->f[R_RESULT]), &l->success) < 0)
		return BANK_BAD_RESULT;
	if (cell_date(cell_trimmed(r->f[R_DATE]), l->date) < 0)
		return BANK_BAD_DATE;
	bank_ref = cell_trimmed(r->f[R_BANK_REF]);
	if ((*bank_ref && v_bank_ref(bank_ref, &f) < 0) ||
	    utf8_chars(cell_trimmed(r->f[R_REASON])) > REASON_CHARS)
		return BANK_BAD_TEXT;
	snprintf(l->bank_ref, sizeof l->bank_ref, "%s", bank_ref);
	snprintf(l->reason, sizeof l->reason, "%s", cell_trimmed(r->f[R_REASON]));
	return BANK__MAX;
}

static void result_record(int c, void *data)
{
	struct reading *r = data;
	struct in_line *l;

	(void)c;
	r->record++;
	/* A header: a first line that is not one of ours. */
	if (r->record == 1 && r->nf >= 1 && !ref_shape(cell_trimmed(r->f[R_REF]))) {
		r->nf = r->too_long = 0;
		return;
	}
	if (r->n >= BANK_MAX_LINES || rows_room((void **)&r->v, &r->cap, (size_t)r->n,
	                                         sizeof *r->v) < 0) {
		r->failed = r->n >= BANK_MAX_LINES ? 2 : 1;
		r->nf = r->too_long = 0;
		return;
	}
	l = &r->v[r->n++];
	memset(l, 0, sizeof *l);
	l->line = r->record;
	l->outcome = check_line(r, l);
	r->nf = r->too_long = 0;
}

/* The file read into r->v, each line checked on its own; errors of the whole file. */
static int read_results(const char *data, size_t len, struct reading *r, struct err *e)
{
	struct csv_parser csv;
	const char *text;
	char *owned;
	size_t tlen;
	int rc = 0;

	if (len > BANK_MAX_BYTES)
		return err_core(e, ERR_TOO_LARGE, "import.too_large", "result file of %zu bytes",
		                len);
	if (import_decode(data, len, &text, &tlen, &owned, e) < 0)
		return -1;
	if (csv_init(&csv, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		free(owned);
		return err_core(e, ERR_INTERNAL, NULL, "csv_init failed");
	}
	if (csv_parse(&csv, text, tlen, result_field, result_record, r) != tlen ||
	    csv_fini(&csv, result_field, result_record, r) != 0) {
		rc = err_core(e, ERR_INVALID, "import.quotes", "result file: %s after record %ld",
		              csv_strerror(csv_error(&csv)), r->record);
		e->arg = r->record + 1;
	} else if (r->failed == 2) {
		rc = err_core(e, ERR_TOO_LARGE, "bankfile.too_many", "result file of more than %d "
		              "lines", BANK_MAX_LINES);
	} else if (r->failed) {
		rc = err_core(e, ERR_INTERNAL, NULL, "result file: out of memory");
	} else if (r->n == 0) {
		rc = err_core(e, ERR_INVALID, "import.empty", "empty result file");
	}
	csv_free(&csv);
	free(owned);
	return rc;
}

static int by_ref(const void *a, const void *b)
{
	const struct in_line *const *x = a, *const *y = b;
	int c = strcmp((*x)->ref, (*y)->ref);

	return c ? c : ((*x)->line > (*y)->line) - ((*x)->line < (*y)->line);
}

/* A reference on a later line than its first: BANK_DUPLICATE, whatever the line says. */
static int mark_duplicates(struct reading *r)
{
	struct in_line **order = malloc((size_t)r->n * sizeof *order);
	long k = 0;

	if (!order)
		return -1;
	for (long i = 0; i < r->n; i++)
		if (r->v[i].outcome == BANK__MAX)
			order[k++] = &r->v[i];
	qsort(order, (size_t)k, sizeof *order, by_ref);
	for (long i = 1; i < k; i++)
		if (strcmp(order[i]->ref, order[i - 1]->ref) == 0)
			order[i]->outcome = BANK_DUPLICATE;
	free(order);
	return 0;
}

struct applying {
	const struct actor *a;
	long long           id;
	struct reading     *r;
	struct bank_report *rep;
	char                today[DATE_LEN];
};

/* The payout a line names, locked. */
struct named {
	long long id, batch, amount;
	char      state[PAYOUT_WORD_LEN];
};

/* Line l's payout moved as the bank says: paid on its date, or failed with its reason. */
static int move_line(struct db *db, struct applying *x, const struct in_line *l,
                     const struct named *p, struct err *e)
{
	struct dbp paid[] = { P_STR(l->date[0] ? l->date : x->today),
	                      l->bank_ref[0] ? P_STR(l->bank_ref) : P_NULL, P_INT(x->a->id) };
	struct dbp failed[] = { P_STR(l->reason[0] ? l->reason : "-"),
	                        l->bank_ref[0] ? P_STR(l->bank_ref) : P_NULL };
	const struct move m = {
		.ent = ENT_PAYOUT, .where = "id = ?", .key = P_INT(p->id), .from = SB(PO_APPROVED),
		.to = l->success ? PO_PAID : PO_FAILED,
		.why = l->success ? "paid, by the bank's result file" :
		                    "failed, by the bank's result file",
		.set = l->success ? "paid_on = ?, bank_ref = ?, paid_by = ?, paid_at = NOW()" :
		                    "fail_reason = ?, bank_ref = ?",
		.sp = l->success ? paid : failed, .nsp = l->success ? nitems(paid) : nitems(failed),
	};

	return state_move(db, x->a, &m, NULL, e);
}

/* What the records say of line l, and the move when it is a good one. */
static int apply_line(struct db *db, struct applying *x, const struct in_line *l,
                      struct bank_result *out, struct err *e)
{
	struct dbp p[] = { P_STR(l->ref) };
	struct named n;
	const struct var cols[] = { VAR_LL(&n.id), VAR_LL(&n.batch), VAR_LL(&n.amount),
	                            VAR_STR(n.state) };
	int found;

	if ((found = row_get(db, "SELECT id, COALESCE(batch_id, 0), amount_fen, state FROM payouts "
	                     "WHERE ref = ? FOR UPDATE", p, 1, cols, nitems(cols), e)) < 0)
		return -1;
	snprintf(out->state, sizeof out->state, "%s", found ? n.state : "");
	if (!found)
		out->outcome = BANK_UNKNOWN;
	else if (n.batch != x->id)
		out->outcome = BANK_OTHER_BATCH;
	else if (n.amount != l->amount_fen)
		out->outcome = BANK_AMOUNT;
	else if (l->success && l->date[0] && strcmp(l->date, x->today) > 0)
		out->outcome = BANK_BAD_DATE;
	else if (strcmp(n.state, l->success ? "paid" : "failed") == 0)
		out->outcome = BANK_ALREADY;
	else if (strcmp(n.state, "approved") != 0)
		out->outcome = BANK_NOT_APPROVED;
	else {
		out->outcome = l->success ? BANK_PAID : BANK_FAILED;
		snprintf(out->state, sizeof out->state, "%s", l->success ? "paid" : "failed");
		return move_line(db, x, l, &n, e);
	}
	return 0;
}

static void count(struct bank_report *rep, enum bank_outcome o)
{
	if (o == BANK_PAID)
		rep->paid++;
	else if (o == BANK_FAILED)
		rep->failed++;
	else if (o == BANK_ALREADY)
		rep->unchanged++;
	else
		rep->refused++;
}

static int results_tx(struct db *db, void *arg, struct err *e)
{
	struct applying *x = arg;
	struct bank_report *rep = x->rep;
	const struct var today[] = { VAR_STR(x->today) };
	char ids[BATCH_ID_TEXT];

	rep->paid = rep->failed = rep->unchanged = rep->refused = 0;
	if (batch_lock(db, x->a, x->id, 1, NULL, e) < 0 ||
	    row_get(db, "SELECT DATE_FORMAT(CURDATE(), '%Y-%m-%d')", NULL, 0, today, 1, e) < 0)
		return -1;
	for (long i = 0; i < x->r->n; i++) {
		const struct in_line *l = &x->r->v[i];
		struct bank_result *out = &rep->v[i];

		memset(out, 0, sizeof *out);
		out->line = l->line;
		snprintf(out->ref, sizeof out->ref, "%s", l->outcome == BANK_COLUMNS ? "" : l->ref);
		out->outcome = l->outcome;
		if (l->outcome == BANK__MAX && apply_line(db, x, l, out, e) < 0)
			return -1;
		count(rep, out->outcome);
	}
	if (rep->paid + rep->failed == 0)
		return 0;
	snprintf(ids, sizeof ids, "%lld", x->id);
	return audit_actor(db, x->a, e, "batch.results", "batch", ids, "the bank's result file: "
	                   "%ld paid, %ld failed, %ld unchanged, %ld refused of %ld lines",
	                   rep->paid, rep->failed, rep->unchanged, rep->refused, rep->lines);
}

int bankfile_results(struct db *db, const struct actor *a, long long id, const char *data,
                     size_t len, struct bank_report *rep, struct err *e)
{
	struct reading *r = calloc(1, sizeof *r);
	struct applying x = { .a = a, .id = id, .r = r, .rep = rep };
	int rc = -1;

	memset(rep, 0, sizeof *rep);
	if (!r)
		return err_core(e, ERR_INTERNAL, NULL, "result file: out of memory");
	/* Who may, before what the file holds: out of reach is 404 whatever was sent. */
	if (batch_lock(db, a, id, 1, NULL, e) == 0 && read_results(data, len, r, e) == 0) {
		if (mark_duplicates(r) < 0 || !(rep->v = calloc((size_t)r->n, sizeof *rep->v)))
			err_core(e, ERR_INTERNAL, NULL, "result file: out of memory");
		else {
			rep->lines = rep->n = r->n;
			rc = db_tx(db, results_tx, &x, e);
		}
	}
	free(r->v);
	free(r);
	return rc;
}

void bank_report_free(struct bank_report *rep)
{
	free(rep->v);
	rep->v = NULL;
	rep->n = 0;
}

const char *bank_outcome_key(enum bank_outcome o)
{
	static const char *const KEYS_OF[BANK__MAX] = {
		[BANK_PAID] = "bankfile.paid", [BANK_FAILED] = "bankfile.failed",
		[BANK_ALREADY] = "bankfile.already", [BANK_UNKNOWN] = "bankfile.unknown",
		[BANK_OTHER_BATCH] = "bankfile.other_batch", [BANK_AMOUNT] = "bankfile.amount",
		[BANK_NOT_APPROVED] = "bankfile.not_approved",
		[BANK_DUPLICATE] = "bankfile.duplicate", [BANK_COLUMNS] = "bankfile.columns",
		[BANK_BAD_REF] = "bankfile.bad_ref", [BANK_BAD_AMOUNT] = "bankfile.bad_amount",
		[BANK_BAD_RESULT] = "bankfile.bad_result", [BANK_BAD_DATE] = "bankfile.bad_date",
		[BANK_BAD_TEXT] = "bankfile.bad_text",
	};

	return o < BANK__MAX ? KEYS_OF[o] : "bankfile.unknown";
}
