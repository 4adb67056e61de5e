/*
 * core/offline.c — offline gifts entered by staff, one by one or as a checked CSV batch: each a
 * paid donation with its channel, receipt number and match, in one transaction (offline.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>

#include "../keys.h"
#include "../labels.h"
#include "../regions.h"
#include "../scope.h"
#include "../util.h"
#include "audit.h"
#include "cells.h"
#include "import.h"
#include "match.h"
#include "offline.h"
#include "rows.h"

const char *const OFFLINE_COLUMNS[O__MAX] = {
	"日期", "金额", "渠道", "捐赠人", "留言", "去向", "流水号",
};

/* A message of 200 characters of up to 4 bytes; a file's columns, the ignored ones among them. */
#define CELL_MAX    (200 * 4 + 1)
#define COLUMNS_MAX 16
/* The most one offline gift may be: a company's pledge, ten million yuan. */
#define OFFLINE_MAX_FEN 1000000000LL
#define PURPOSE_LEN 16
#define CHANNEL_LEN 8

/* What a gift is for, resolved: purpose, and its activity, region or unit. */
struct place {
	char      purpose[PURPOSE_LEN];
	char      region[REGION_CODE_SIZE];
	long long activity_id, unit;
};

/* The dates a gift may be paid on: from a year back to today, as YYYY-MM-DD. */
struct window {
	char today[CELL_DATE_LEN], first[CELL_DATE_LEN];
};

static int window_read(struct db *db, struct window *w, struct err *e)
{
	const struct var cols[] = { VAR_STR(w->today), VAR_STR(w->first) };

	return row_get(db, "SELECT DATE_FORMAT(CURDATE(), '%Y-%m-%d'), "
	               "DATE_FORMAT(CURDATE() - INTERVAL 1 YEAR, '%Y-%m-%d')",
	               NULL, 0, cols, nitems(cols), e) < 0 ? -1 : 0;
}

static int in_window(const struct window *w, const char *date)
{
	return strcmp(date, w->first) >= 0 && strcmp(date, w->today) <= 0;
}

/*
 * Where g goes, if a may enter it there: 0 with *p, 1 if the activity, region or unit is unknown
 * or out of a's reach (why says which), -1 on error.
 */
static int place_of(struct db *db, const struct actor *a, const struct offline_gift *g,
                    struct place *p, const char **why, struct err *e)
{
	long long id = 0;
	struct dbp q[] = { g->slug ? P_STR(g->slug) : P_INT(g->unit) };
	const struct var cols[] = { VAR_LL(&id), VAR_STR(p->region) };
	int found;

	memset(p, 0, sizeof *p);
	if (g->slug || g->unit > 0) {
		/* An activity or a unit is the business of the staff who reach its region. */
		found = row_get(db, g->slug ? "SELECT id, COALESCE(region_code, '') "
		                "FROM activities WHERE slug = ? AND state <> 'draft'" :
		                "SELECT id, region_code FROM member_units WHERE id = ?",
		                q, nitems(q), cols, nitems(cols), e);
		if (found < 0)
			return -1;
		*why = g->slug ? "没有这个专题活动，或它不在您的管理范围内" :
		       "没有这个成员单位，或它不在您的管理范围内";
		if (!found || !scope_reaches_region(a, p->region))
			return 1;
		snprintf(p->purpose, sizeof p->purpose, g->slug ? "activity" : "directed");
		if (g->slug) {
			p->activity_id = id;
		} else {
			p->unit = id;
			p->region[0] = '\0';   /* a unit's gift is the unit's, not its region's */
		}
		return 0;
	}
	if (g->target_region && *g->target_region) {
		*why = "去向不在您的管理范围内";
		if (!region_get(g->target_region) || !scope_reaches_region(a, g->target_region))
			return 1;
		snprintf(p->purpose, sizeof p->purpose, "directed");
		snprintf(p->region, sizeof p->region, "%s", g->target_region);
		return 0;
	}
	snprintf(p->purpose, sizeof p->purpose, "general");
	return 0;
}

/* The donation's row of g for p, with receipt number year-seq and d's receipt code. */
static int insert_gift(struct db *db, const struct actor *a, const struct offline_gift *g,
                       const struct place *p, long long year, long long seq,
                       const struct offline_done *d, struct err *e)
{
	struct dbp v[] = {
		P_INT(g->amount_fen), P_STR(p->purpose), P_STR(g->channel),
		g->bank_ref ? P_STR(g->bank_ref) : P_NULL, P_STR(g->paid_on),
		g->donor_name ? P_STR(g->donor_name) : P_NULL, P_INT(g->anonymous),
		g->message ? P_STR(g->message) : P_NULL,
		p->activity_id ? P_INT(p->activity_id) : P_NULL,
		p->region[0] ? P_STR(p->region) : P_NULL, p->unit ? P_INT(p->unit) : P_NULL,
		P_INT(a->id), g->form_key ? P_STR(g->form_key) : P_NULL,
		P_INT(year), P_INT(seq), P_STR(d->receipt_code),
	};

	return db_exec(db, "INSERT INTO donations (amount_fen, status, purpose, channel, bank_ref, "
	               "paid_at, donor_name, anonymous, message, activity_id, target_region, "
	               "target_unit, entered_by, form_key, receipt_year, receipt_seq, "
	               "receipt_code) VALUES (?, 'paid', ?, ?, ?, CONCAT(?, ' 12:00:00'), ?, ?, ?, "
	               "?, ?, ?, ?, UNHEX(?), ?, ?, ?)", v, nitems(v), NULL, e);
}

/*
 * The donation of g for p, with the next receipt number of the year it was paid, its match and
 * its audit row; its id and receipt into d.
 */
static int write_gift(struct db *db, const struct actor *a, const struct offline_gift *g,
                      const struct place *p, struct offline_done *d, struct err *e)
{
	long long year = atoll(g->paid_on), seq;
	char id[24];

	if (ledger_next_receipt(db, year, &seq, e) < 0)
		return -1;
	ledger_code(d->receipt_code, RECEIPT_CODE_LEN);
	if (insert_gift(db, a, g, p, year, seq, d, e) < 0 ||
	    db_query_int(db, "SELECT LAST_INSERT_ID()", NULL, 0, &d->id, e) < 0)
		return -1;
	snprintf(d->receipt_no, sizeof d->receipt_no, "%lld-%06lld", year, seq);
	snprintf(id, sizeof id, "%lld", d->id);
	if (match_gift(db, a, d->id, e) < 0)
		return -1;
	return audit_actor(db, a, e, "offline.gift", "donation", id, "%s %s %lld fen, receipt %s",
	                   g->channel, p->purpose, g->amount_fen, d->receipt_no);
}

/* ---- one gift ---- */

struct single {
	const struct actor        *a;
	const struct offline_gift *g;
	struct place               p;
	struct offline_done       *d;
};

static int single_tx(struct db *db, void *arg, struct err *e)
{
	struct single *s = arg;

	return write_gift(db, s->a, s->g, &s->p, s->d, e);
}

/*
 * The gift the form's key wrote before: 1 with d filled, 0 if none, a conflict if another staff
 * member's.
 */
static int written_before(struct db *db, const struct actor *a, const char *form_key,
                          struct offline_done *d, struct err *e)
{
	long long by = 0;
	struct dbp p[] = { P_STR(form_key) };
	const struct var cols[] = {
		VAR_LL(&d->id), VAR_LL(&by), VAR_STR(d->receipt_no), VAR_STR(d->receipt_code),
	};
	int found = row_get(db, "SELECT id, entered_by, " RECEIPT_NO_SQL("") ", receipt_code "
	                    "FROM donations WHERE form_key = UNHEX(?)", p, nitems(p), cols,
	                    nitems(cols), e);

	if (found <= 0)
		return found;
	if (by != a->id)
		return err_core(e, ERR_CONFLICT, "offline.key_used",
		                "form key of donation %lld sent by staff %lld", d->id, a->id);
	d->again = 1;
	return 1;
}

int offline_gift(struct db *db, const struct actor *a, const struct offline_gift *g,
                 struct offline_done *d, struct err *e)
{
	struct single s = { .a = a, .g = g, .d = d };
	struct window w;
	const char *why = NULL;
	int rc;

	memset(d, 0, sizeof *d);
	if (g->form_key && (rc = written_before(db, a, g->form_key, d, e)) != 0)
		return rc < 0 ? -1 : 0;
	/* Out of reach is not found, whatever else is wrong. */
	if ((rc = place_of(db, a, g, &s.p, &why, e)) != 0)
		return rc < 0 ? -1 : err_core(e, ERR_NOT_FOUND, "offline.no_target", "%s", why);
	if (window_read(db, &w, e) < 0)
		return -1;
	if (!in_window(&w, g->paid_on))
		return err_core(e, ERR_INVALID, "offline.date", "paid on %s", g->paid_on);
	if (db_tx(db, single_tx, &s, e) == 0)
		return 0;
	if (!db_is_dup(e))
		return -1;
	/* The same form sent twice at once, or a reference entered before. */
	err_clear(e);
	if (g->form_key && (rc = written_before(db, a, g->form_key, d, e)) != 0)
		return rc < 0 ? -1 : 0;
	return err_core(e, ERR_CONFLICT, "offline.ref_taken", "%s %s entered before", g->channel,
	                g->bank_ref ? g->bank_ref : "");
}

/* ---- a batch ---- */

/* A row of the batch as checked: the gift and where it goes. */
struct batch_row {
	long                line;
	struct offline_gift g;
	struct place        p;
	char                channel[CHANNEL_LEN], date[CELL_DATE_LEN];
	char               *text;        /* the row's cells, NUL-separated: name, message, ref */
};

struct batch {
	struct db             *db;
	const struct actor    *a;
	struct offline_report *rep;
	struct window          w;
	struct batch_row      *v;
	size_t                 n, cap;
	long                   record;
	int                    map[O__MAX];
	char                   f[COLUMNS_MAX][CELL_MAX];
	int                    nf, ncols, too_long;
	int                    failed;       /* 1: an error in e; 2: too many rows */
	struct err            *e;
};

/* A problem of line (col -1: the whole row) noted for the report; 0, so that checking goes on. */
static int problem(struct batch *b, long line, int col, const char *why)
{
	struct offline_report *rep = b->rep;
	struct offline_problem *p;

	if (rep->nproblems++ >= OFFLINE_PROBLEMS_MAX)
		return 0;
	p = &rep->problems[rep->nproblems - 1];
	p->line = line;
	snprintf(p->column, sizeof p->column, "%s", col >= 0 ? OFFLINE_COLUMNS[col] : "");
	snprintf(p->why, sizeof p->why, "%s", why);
	return 0;
}

static void on_cell(void *s, size_t len, void *data)
{
	struct batch *b = data;

	if (b->nf < COLUMNS_MAX) {
		if (len >= CELL_MAX)
			b->too_long = 1;
		else
			memcpy(b->f[b->nf], s, len);
		b->f[b->nf][len < CELL_MAX ? len : 0] = '\0';
	}
	b->nf++;
}

static int read_header(struct batch *b)
{
	for (int k = 0; k < O__MAX; k++) {
		b->map[k] = -1;
		for (int i = 0; i < b->nf && i < COLUMNS_MAX; i++)
			if (strcmp(cell_trimmed(b->f[i]), OFFLINE_COLUMNS[k]) == 0)
				b->map[k] = i;
		if (b->map[k] < 0)
			return err_core(b->e, ERR_INVALID, "offline.header",
			                "offline batch header lacks %s", OFFLINE_COLUMNS[k]);
	}
	b->ncols = b->nf;
	return 0;
}

/* A cell of the row, trimmed; "" past the row's end. */
static char *cell(struct batch *b, int col)
{
	return cell_trimmed(b->f[b->map[col]]);
}

/* The channel's code from a cell holding its code or its label; NULL if neither. */
static const char *channel_of(const char *s)
{
	for (const struct label *l = OFFLINE_CHANNELS; l->code; l++)
		if (strcmp(s, l->code) == 0 || strcmp(s, l->text) == 0)
			return l->code;
	return NULL;
}

/* A target cell: "" the fund; a region's code or name; else a member unit's name. */
static int target_of(struct batch *b, const char *s, struct offline_gift *g)
{
	struct dbp p[] = { P_STR(s) };

	if (!*s)
		return 0;
	if (region_get(s)) {
		g->target_region = region_get(s)->code;
		return 0;
	}
	for (size_t i = 0; region_at(i); i++)
		if (strcmp(region_at(i)->name, s) == 0) {
			g->target_region = region_at(i)->code;
			return 0;
		}
	return db_query_int(b->db, "SELECT id FROM member_units WHERE name = ?", p, nitems(p),
	                    &g->unit, b->e);
}

/* Copy the row's free-text cells where the row keeps them, and point g at them. */
static int keep_text(struct batch_row *r, const char *name, const char *message, const char *ref)
{
	size_t ln = strlen(name) + 1, lm = strlen(message) + 1, lr = strlen(ref) + 1;

	if (!(r->text = malloc(ln + lm + lr)))
		return -1;
	memcpy(r->text, name, ln);
	memcpy(r->text + ln, message, lm);
	memcpy(r->text + ln + lm, ref, lr);
	r->g.donor_name = *name ? r->text : NULL;
	r->g.message = *message ? r->text + ln : NULL;
	r->g.bank_ref = r->text + ln + lm;
	return 0;
}

/* The cells of row r checked in turn: the first problem, or NULL; its column into *col. */
static const char *row_problem(struct batch *b, struct batch_row *r, int *col)
{
	struct field f;
	const char *ch;

	*col = O_DATE;
	if (!*cell(b, O_DATE) || cell_date(cell(b, O_DATE), r->date) < 0)
		return "日期须写成 YYYY-MM-DD，且是真实的日期";
	if (!in_window(&b->w, r->date))
		return "日期不能晚于今天，也不能早于一年前";
	*col = O_AMOUNT;
	if (cell_amount(cell(b, O_AMOUNT), OFFLINE_MAX_FEN, &r->g.amount_fen) < 0)
		return "金额须为 0.01 到 10,000,000 元之间的数字，最多两位小数";
	*col = O_CHANNEL;
	if (!(ch = channel_of(cell(b, O_CHANNEL))))
		return "渠道只能是银行转账、现金或支票";
	snprintf(r->channel, sizeof r->channel, "%s", ch);
	*col = O_DONOR;
	if (*cell(b, O_DONOR) && v_line32(cell(b, O_DONOR), &f) < 0)
		return "捐赠人须为 1 到 32 个字";
	*col = O_MESSAGE;
	if (*cell(b, O_MESSAGE) && v_message(cell(b, O_MESSAGE), &f) < 0)
		return "留言最多 200 个字";
	*col = O_REF;
	if (v_bank_ref(cell(b, O_REF), &f) < 0)
		return "流水号须为 1 到 64 位字母、数字或符号";
	*col = -1;
	return NULL;
}

/* Whether the row's channel and reference are on record already. */
static int ref_on_record(struct batch *b, const struct batch_row *r)
{
	struct dbp p[] = { P_STR(r->channel), P_STR(r->g.bank_ref) };
	long long n = 0;

	return db_query_int(b->db, "SELECT COUNT(*) FROM donations WHERE channel = ? AND "
	                    "bank_ref = ?", p, nitems(p), &n, b->e) < 0 ? -1 : n > 0;
}

/* The row just read, checked; kept if it passes. */
static int take_row(struct batch *b, long line)
{
	struct batch_row r = { .line = line };
	const char *why, *where = NULL;
	int col, rc;

	if (b->too_long)
		return problem(b, line, -1, "有一格内容太长");
	if (b->nf != b->ncols)
		return problem(b, line, -1, "这一行的列数和表头不一样");
	if ((why = row_problem(b, &r, &col)))
		return problem(b, line, col, why);
	if (target_of(b, cell(b, O_TARGET), &r.g) < 0)
		return -1;
	if (*cell(b, O_TARGET) && !r.g.target_region && !r.g.unit)
		return problem(b, line, O_TARGET,
		               "去向须为空（不定向）、地区名称或代码、成员单位名称");
	if ((rc = place_of(b->db, b->a, &r.g, &r.p, &where, b->e)) != 0)
		return rc < 0 ? -1 : problem(b, line, O_TARGET, where);
	if (rows_room((void **)&b->v, &b->cap, b->n, sizeof *b->v) < 0 ||
	    keep_text(&r, cell(b, O_DONOR), cell(b, O_MESSAGE), cell(b, O_REF)) < 0)
		return err_core(b->e, ERR_INTERNAL, NULL, "offline batch: out of memory");
	b->v[b->n++] = r;
	return 0;
}

static void on_row(int c, void *data)
{
	struct batch *b = data;

	(void)c;
	if (b->failed)
		return;
	b->record++;
	if (b->record == 1) {
		if (read_header(b) < 0)
			b->failed = 1;
	} else if (b->record - 1 > OFFLINE_MAX_ROWS) {
		b->failed = 2;
	} else {
		b->rep->rows++;
		if (take_row(b, b->record) < 0)
			b->failed = 1;
	}
	b->nf = b->too_long = 0;
}

/* The file read and its rows checked on their own into b; errors of the whole file. */
static int batch_read(struct batch *b, const char *data, size_t len)
{
	struct csv_parser csv;
	const char *text = NULL;
	char *owned;
	size_t tlen = 0;
	int rc = 0;

	if (len > OFFLINE_MAX_BYTES)
		return err_core(b->e, ERR_TOO_LARGE, "offline.too_large", "batch of %zu bytes",
		                len);
	if (import_decode(data, len, &text, &tlen, &owned, b->e) < 0)
		return -1;
	if (csv_init(&csv, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		free(owned);
		return err_core(b->e, ERR_INTERNAL, NULL, "csv_init failed");
	}
	if ((csv_parse(&csv, text, tlen, on_cell, on_row, b) != tlen ||
	     csv_fini(&csv, on_cell, on_row, b) != 0) && !b->failed) {
		err_core(b->e, ERR_INVALID, "import.quotes", "offline batch: %s after record %ld",
		         csv_strerror(csv_error(&csv)), b->record);
		b->e->arg = b->record + 1;
		rc = -1;
	} else if (b->failed == 2) {
		rc = err_core(b->e, ERR_TOO_LARGE, "offline.too_many", "offline batch over %d rows",
		              OFFLINE_MAX_ROWS);
	} else if (b->failed) {
		rc = -1;
	} else if (b->record < 2) {
		rc = err_core(b->e, ERR_INVALID, "offline.empty", "offline batch without rows");
	}
	csv_free(&csv);
	free(owned);
	return rc;
}

/* Rows whose channel and reference another row of the file has, or the records have. */
static int check_refs(struct batch *b)
{
	int on;

	for (size_t i = 0; i < b->n; i++) {
		struct batch_row *r = &b->v[i];

		for (size_t j = 0; j < i; j++)
			if (strcmp(b->v[j].channel, r->channel) == 0 &&
			    strcmp(b->v[j].g.bank_ref, r->g.bank_ref) == 0) {
				problem(b, r->line, O_REF, "流水号在本文件中重复");
				r->line = -r->line;
				break;
			}
		if (r->line < 0)
			continue;
		if ((on = ref_on_record(b, r)) < 0)
			return -1;
		if (on) {
			problem(b, r->line, O_REF, "这笔捐赠已经登记过（同一渠道、同一流水号）");
			r->line = -r->line;
		}
	}
	return 0;
}

static int batch_tx(struct db *db, void *arg, struct err *e)
{
	struct batch *b = arg;
	struct offline_done d;
	long long first = 0;
	char ids[48];

	for (size_t i = 0; i < b->n; i++) {
		struct batch_row *r = &b->v[i];

		/* Pointed at here: the rows moved as the array grew. */
		r->g.channel = r->channel;
		r->g.paid_on = r->date;
		memset(&d, 0, sizeof d);
		if (write_gift(db, b->a, &r->g, &r->p, &d, e) < 0)
			return -1;
		first = first ? first : d.id;
	}
	snprintf(ids, sizeof ids, "%lld-%lld", first, d.id);
	return audit_actor(db, b->a, e, "offline.import", "donations", ids, "%zu gifts, %lld fen",
	                   b->n, b->rep->fen);
}

/* After a refused write: whether every row is on record (a commit whose answer was lost). */
static int all_on_record(struct batch *b)
{
	int on;

	for (size_t i = 0; i < b->n; i++)
		if ((on = ref_on_record(b, &b->v[i])) <= 0)
			return on;
	return 1;
}

static int batch_write(struct batch *b)
{
	int all;

	if (db_tx(b->db, batch_tx, b, b->e) == 0)
		return 0;
	if (!db_is_dup(b->e))
		return -1;
	err_clear(b->e);
	if ((all = all_on_record(b)) != 0)
		return all < 0 ? -1 : 0;
	return err_core(b->e, ERR_CONFLICT, "offline.meanwhile",
	                "rows of the batch entered meanwhile");
}

int offline_import(struct db *db, const struct actor *a, const char *data, size_t len, int apply,
                   struct offline_report *rep, struct err *e)
{
	struct batch *b = calloc(1, sizeof *b);
	int rc = -1;

	memset(rep, 0, sizeof *rep);
	if (!b || !(rep->problems = calloc(OFFLINE_PROBLEMS_MAX, sizeof *rep->problems))) {
		free(b);
		return err_core(e, ERR_INTERNAL, NULL, "offline batch: out of memory");
	}
	*b = (struct batch){ .db = db, .a = a, .rep = rep, .e = e };
	if (window_read(db, &b->w, e) < 0 || batch_read(b, data, len) < 0 || check_refs(b) < 0)
		goto out;
	for (size_t i = 0; i < b->n; i++)
		if (b->v[i].line > 0) {
			rep->good++;
			rep->fen += b->v[i].g.amount_fen;
		}
	rc = 0;
	if (apply && rep->nproblems == 0 && rep->good > 0) {
		rc = batch_write(b);
		rep->applied = rc == 0;
	}
out:
	for (size_t i = 0; i < b->n; i++)
		free(b->v[i].text);
	free(b->v);
	free(b);
	return rc;
}

void offline_report_free(struct offline_report *rep)
{
	free(rep->problems);
	rep->problems = NULL;
}
