/*
 * core/import.c — the ledger import: decode, parse with libcsv, check each row, match by ID hash,
 * and apply in one go.
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include <mysqld_error.h>
#include <sodium.h>

#include "../idcard.h"
#include "../keys.h"
#include "../labels.h"
#include "ledger.h"
#include "../pii.h"
#include "../regions.h"
#include "../request.h"
#include "../scope.h"
#include "../util.h"
#include "audit.h"
#include "children.h"
#include "elsewhere.h"
#include "import.h"
#include "import_write.h"

const char *const LEDGER_COLUMNS[L__MAX] = {
	"姓名", "身份证号", "性别", "出生日期", "区县代码", "困境类别", "监护人姓名", "监护人电话",
	"家庭住址",
};

/* ---- decoding ---- */

/* GBK (as GB18030, its superset) to UTF-8; NULL when the bytes are not that either. */
static char *from_gbk(const char *in, size_t len, size_t *olen)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	size_t room = len * 2 + 4, left = room;
	char *out, *op, *ip = (char *)in;
	size_t ileft = len;

	if (cd == (iconv_t)-1)
		return NULL;
	out = op = malloc(room);
	if (out && iconv(cd, &ip, &ileft, &op, &left) == (size_t)-1) {
		free(out);
		out = NULL;
	}
	iconv_close(cd);
	if (out) {
		*olen = room - left;
		out[*olen] = '\0';
	}
	return out;
}

#define UTF8_BOM "\xEF\xBB\xBF"

int import_decode(const char *data, size_t len, const char **text, size_t *tlen, char **owned,
                  struct err *e)
{
	*owned = NULL;
	if (len >= strlen(UTF8_BOM) && memcmp(data, UTF8_BOM, strlen(UTF8_BOM)) == 0) {
		data += strlen(UTF8_BOM);
		len -= strlen(UTF8_BOM);
	}
	if (memchr(data, '\0', len))
		return err_core(e, ERR_INVALID, "import.binary", "NUL in ledger");
	if (!utf8_valid((const unsigned char *)data, len)) {
		if (!(*owned = from_gbk(data, len, tlen)))
			return err_core(e, ERR_INVALID, "import.encoding",
			                "ledger neither UTF-8 nor GBK");
		data = *owned;
		len = *tlen;
	}
	if (!clean_text(data, len, 1)) {
		free(*owned);
		*owned = NULL;
		return err_core(e, ERR_INVALID, "import.control", "control bytes in ledger");
	}
	*text = data;
	*tlen = len;
	return 0;
}

/* ---- parsing ---- */

struct parse {
	ledger_row_fn     row;
	ledger_problem_fn problem;
	void             *ctx;
	long              record;        /* records seen; the header is 1 */
	char            **fields;
	size_t            nf, cap;
	int               map[L__MAX];   /* each ledger column's index in the file */
	size_t            ncols;
	int               failed;
	struct err       *e;
};

static void on_field(void *s, size_t len, void *data)
{
	struct parse *p = data;
	char *copy;

	if (p->nf == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		char **f = realloc(p->fields, cap * sizeof *f);
		if (!f) {
			p->failed = 1;
			return;
		}
		p->fields = f;
		p->cap = cap;
	}
	if (!(copy = malloc(len + 1))) {
		p->failed = 1;
		return;
	}
	memcpy(copy, s, len);
	copy[len] = '\0';
	p->fields[p->nf++] = copy;
}

static void clear_fields(struct parse *p)
{
	for (size_t i = 0; i < p->nf; i++)
		free(p->fields[i]);
	p->nf = 0;
}

static int read_header(struct parse *p)
{
	for (int k = 0; k < L__MAX; k++) {
		p->map[k] = -1;
		for (size_t i = 0; i < p->nf; i++)
			if (strcmp(p->fields[i], LEDGER_COLUMNS[k]) == 0)
				p->map[k] = (int)i;
		if (p->map[k] < 0)
			return err_core(p->e, ERR_INVALID, "import.header",
			                "ledger header lacks %s", LEDGER_COLUMNS[k]);
	}
	p->ncols = p->nf;
	return 0;
}

static void on_record(int c, void *data)
{
	struct parse *p = data;
	struct ledger_row r;
	char why[IMPORT_WHY_LEN];

	(void)c;
	if (p->failed)
		return clear_fields(p);
	p->record++;
	if (p->record == 1) {
		if (read_header(p) < 0)
			p->failed = 1;
	} else if (p->nf != p->ncols) {
		snprintf(why, sizeof why, "这一行有 %zu 列，表头有 %zu 列", p->nf, p->ncols);
		p->problem(p->ctx, p->record, why);
	} else {
		r.line = p->record;
		for (int k = 0; k < L__MAX; k++)
			r.f[k] = p->fields[p->map[k]];
		if (p->row(p->ctx, &r) < 0)
			p->failed = 1;
	}
	clear_fields(p);
}

int ledger_parse(const char *data, size_t len, ledger_row_fn row, ledger_problem_fn problem,
                 void *ctx, struct err *e)
{
	struct parse p = { .row = row, .problem = problem, .ctx = ctx, .e = e };
	struct csv_parser csv;
	const char *text = NULL;
	char *owned;
	size_t tlen = 0;
	int rc = 0;

	if (len > IMPORT_MAX_BYTES)
		return err_core(e, ERR_TOO_LARGE, "import.too_large", "ledger of %zu bytes", len);
	if (import_decode(data, len, &text, &tlen, &owned, e) < 0)
		return -1;
	if (csv_init(&csv, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		free(owned);
		return err_core(e, ERR_INTERNAL, NULL, "csv_init failed");
	}
	if (csv_parse(&csv, text, tlen, on_field, on_record, &p) != tlen ||
	    csv_fini(&csv, on_field, on_record, &p) != 0) {
		/* Unless a row handler's own error (a write that failed) stands: */
		if (!err_is(e)) {
			/*
			 * A quote left open swallows the rest of the file: no row after it can be
			 * trusted.
			 */
			err_core(e, ERR_INVALID, "import.quotes", "ledger CSV: %s after record %ld",
			         csv_strerror(csv_error(&csv)), p.record);
			e->arg = p.record + 1;
		}
		rc = -1;
	} else if (p.failed) {
		rc = err_is(e) ? -1 : err_core(e, ERR_INTERNAL, NULL,
		                               "ledger: out of memory, or a row handler failed");
	} else if (p.record == 0) {
		rc = err_core(e, ERR_INVALID, "import.empty", "empty ledger");
	}
	csv_free(&csv);
	clear_fields(&p);
	free(p.fields);
	free(owned);
	return rc;
}

/* ---- checking one row ---- */

#define DUPLICATE_ID "身份证号在本文件中重复"
/* "name phone", as the guardian field is sealed: two checked fields and a space. */
#define GUARDIAN_LEN 300

static const char *category_code(const char *given)
{
	if (label_of(CATEGORIES, given))
		return given;
	for (int i = 0; CATEGORIES[i].code; i++)
		if (strcmp(CATEGORIES[i].text, given) == 0)
			return CATEGORIES[i].code;
	return NULL;
}

/* The code of a category the checks accepted (ledger_check refuses unknown ones). */
static const char *category_of(const char *given)
{
	const char *code = category_code(given);

	return code ? code : "other";
}

static int why_set(char *why, size_t n, const char *text)
{
	snprintf(why, n, "%s", text);
	return -1;
}

int ledger_check(const struct actor *a, const struct ledger_row *r, char *why, size_t n)
{
	char birth[sizeof "YYYY-MM-DD"];
	struct field f;

	for (int k = 0; k < L__MAX; k++)
		if (!r->f[k][0]) {
			snprintf(why, n, "“%s”是空的", LEDGER_COLUMNS[k]);
			return -1;
		}
	if (!idcard_valid(r->f[L_ID], birth))
		return why_set(why, n, "身份证号无效（位数、校验位或出生日期不对）");
	if (v_date(r->f[L_BIRTH], &f) < 0)
		return why_set(why, n, "出生日期须写成 YYYY-MM-DD");
	if (strcmp(birth, r->f[L_BIRTH]) != 0)
		return why_set(why, n, "出生日期与身份证号不一致");
	if (strcmp(r->f[L_GENDER], "男") && strcmp(r->f[L_GENDER], "女"))
		return why_set(why, n, "性别须为“男”或“女”");
	if (!category_code(r->f[L_CATEGORY]))
		return why_set(why, n, "困境类别不存在");
	if (!region_get(r->f[L_COUNTY]) || !region_get(r->f[L_COUNTY])->is_county)
		return why_set(why, n, "区县代码不是本省的区县");
	if (!scope_reaches(a, r->f[L_COUNTY]))
		return why_set(why, n, "区县不在您的管理范围内");
	if (v_line32(r->f[L_NAME], &f) < 0 || v_line32(r->f[L_GUARDIAN], &f) < 0)
		return why_set(why, n, "姓名须为 1 到 32 个字，且不能换行");
	if (strlen(r->f[L_PHONE]) > 20 || strspn(r->f[L_PHONE],
	                                         "0123456789-+ ") != strlen(r->f[L_PHONE]))
		return why_set(why, n, "监护人电话只能有数字、空格和横线");
	if (v_line100(r->f[L_ADDRESS], &f) < 0)
		return why_set(why, n, "家庭住址须为 1 到 100 个字，且不能换行");
	return 0;
}

/* ---- matching and applying ---- */

/* A digest of what the ledger says of a child: 128 bits tell changed rows from unchanged. */
#define DIGEST_LEN 16

/*
 * A child already on record, as the import compares it: who, where, and a digest of what the ledger
 * says of them.
 */
struct known {
	unsigned char hash[PII_HASHBYTES];
	long long     id;
	char          code[CHILD_CODE_LEN + 1];
	char          county[CHILD_REGION_LEN];
	unsigned       version;     /* as read: an update writes only over what was compared */
	unsigned char digest[DIGEST_LEN];
	int           seen;        /* a row of this file matched it already */
};

/* A row whose ID number is on record outside the uploader's reach. */
struct asked {
	long          line;
	unsigned char hash[PII_HASHBYTES];
};

struct run {
	struct db                 *db;
	const struct config       *cfg;
	const struct actor        *a;
	int                        apply;
	struct import_report      *rep;
	struct known              *known;
	size_t                     nknown, capknown;
	/* Hashes of new children in this file, for duplicates. */
	unsigned char            (*fresh)[PII_HASHBYTES];
	size_t                     nfresh, capfresh;
	struct writer             *writer;                   /* applying: where the writes go */
	import_progress_fn         progress;
	void                      *pctx;
	long                       total;
	struct err                *e;
	/* Rows on record elsewhere, while few enough to be told about. */
	struct asked              *asked;
	long                       nasked;
};

/* What the ledger says of a child, as one digest: equal digests mean nothing to update. */
static void digest(const char *gender, const char *birth, const char *county, const char *category,
                   const char *name, const char *guardian, const char *address,
                   unsigned char out[DIGEST_LEN])
{
	crypto_generichash_state st;
	const char *parts[] = { gender, birth, county, category, name, guardian, address };

	crypto_generichash_init(&st, NULL, 0, DIGEST_LEN);
	for (size_t i = 0; i < nitems(parts); i++)
		crypto_generichash_update(&st, (const unsigned char *)parts[i],
		                          strlen(parts[i]) + 1);
	crypto_generichash_final(&st, out, DIGEST_LEN);
}

static int open_pii(const struct config *cfg, const char *field, const char *code, const char *ct,
                    unsigned long len, char *out, size_t n)
{
	if (!ct) {   /* no address: a child recorded before ledgers brought one */
		out[0] = '\0';
		return 0;
	}
	return pii_open_into(cfg->pii_key, field, code, ct, len, out, n) < 0 ? -1 : 0;
}

/*
 * id, code, county, id_hash, gender, birth, category, real name, guardian, address, version: one
 * known child.
 */
static int known_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct run *r = ctx;
	struct known *k;
	char name[CHILD_PII_LEN], guardian[CHILD_PII_LEN], address[CHILD_PII_LEN];

	(void)n; (void)f;
	if (r->nknown == r->capknown) {
		size_t cap = r->capknown ? r->capknown * 2 : 1024;
		struct known *nk = realloc(r->known, cap * sizeof *nk);
		if (!nk)
			return err_core(r->e, ERR_INTERNAL, NULL,
			                "import: out of memory for known children");
		r->known = nk;
		r->capknown = cap;
	}
	k = &r->known[r->nknown];
	if (l[3] != PII_HASHBYTES || open_pii(r->cfg, "real_name", v[1], v[7], l[7], name,
	                                      sizeof name) < 0 ||
	    open_pii(r->cfg, "guardian", v[1], v[8], l[8], guardian, sizeof guardian) < 0 ||
	    open_pii(r->cfg, "address", v[1], v[9], l[9], address, sizeof address) < 0)
		return err_core(r->e, ERR_INTERNAL, NULL, "import: child %s does not open", v[1]);
	memcpy(k->hash, v[3], PII_HASHBYTES);
	k->id = strtoll(v[0], NULL, 10);
	snprintf(k->code, sizeof k->code, "%s", v[1]);
	snprintf(k->county, sizeof k->county, "%s", v[2]);
	k->version = (unsigned)strtoul(v[10], NULL, 10);
	digest(v[4], v[5], v[2], v[6], name, guardian, address, k->digest);
	k->seen = 0;
	r->nknown++;
	return 0;
}

static int by_hash(const void *a, const void *b)
{
	return memcmp(a, b, PII_HASHBYTES);
}

static int load_known(struct run *r)
{
	if (db_query(r->db, "SELECT id, code, county_code, id_hash, gender, birth_date, category, "
	             "pii_real_name, "
	             "pii_guardian, pii_address, version FROM children", NULL, 0, known_row, r,
	             r->e) < 0)
		return -1;
	qsort(r->known, r->nknown, sizeof *r->known, by_hash);
	return 0;
}

/*
 * Count a refused row, and keep its reason while there are fewer than IMPORT_MAX_REJECTS; 0, or -1
 * out of memory.
 */
static int reject(struct run *r, long line, const char *why)
{
	struct import_report *rep = r->rep;
	struct import_reject *x;

	if (rep->rejected++ >= IMPORT_MAX_REJECTS)
		return 0;
	if (!rep->rejects && !(rep->rejects = calloc(IMPORT_MAX_REJECTS, sizeof *rep->rejects)))
		return err_core(r->e, ERR_INTERNAL, NULL, "import: out of memory for "
		                "the rejected rows");
	x = &rep->rejects[rep->nrejects++];
	x->line = line;
	snprintf(x->why, sizeof x->why, "%s", why);
	return 0;
}

static void on_problem(void *ctx, long line, const char *why)
{
	struct run *r = ctx;

	r->rep->rows++;
	reject(r, line, why);
}

/*
 * Whether a new child's hash was already in this file; adds it if not. An open-addressing set: the
 * hashes are keyed BLAKE2b output, uniformly spread, so their first bytes index it directly.
 */
static int fresh_dup(struct run *r, const unsigned char h[PII_HASHBYTES])
{
	size_t mask, i;
	unsigned long long slot;

	if (2 * (r->nfresh + 1) > r->capfresh) {
		size_t cap = r->capfresh ? r->capfresh * 2 : 4096;
		unsigned char (*old)[PII_HASHBYTES] = r->fresh;
		size_t oldcap = r->capfresh;
		if (!(r->fresh = calloc(cap, PII_HASHBYTES)))
			return -1;
		r->capfresh = cap;
		r->nfresh = 0;
		for (size_t k = 0; k < oldcap; k++)
			if (sodium_is_zero(old[k], PII_HASHBYTES) == 0)
				fresh_dup(r, old[k]);
		free(old);
	}
	mask = r->capfresh - 1;
	memcpy(&slot, h, sizeof slot);
	for (i = slot & mask; sodium_is_zero(r->fresh[i], PII_HASHBYTES) == 0; i = (i + 1) & mask)
		if (memcmp(r->fresh[i], h, PII_HASHBYTES) == 0)
			return 1;
	memcpy(r->fresh[i], h, PII_HASHBYTES);
	r->nfresh++;
	return 0;
}


/*
 * Seal one field into out (outsize bytes), its length into *len; -1 if it does not fit (the checks
 * bound it).
 */
static int seal_field(const struct config *cfg, const char *field, const char *code,
                      const char *plain, unsigned char *out, size_t outsize, size_t *len)
{
	long n = pii_seal(cfg->pii_key, field, code, plain, strlen(plain), out, outsize);

	*len = n < 0 ? 0 : (size_t)n;
	return n < 0 ? -1 : 0;
}

/*
 * Seal row's fields for the child with code; guardian is "name phone". -1 if one is too long to
 * seal.
 */
static int seal_row(const struct config *cfg, const struct ledger_row *row, const char *code,
                    const char *guardian, struct sealed *s)
{
	snprintf(s->gender, sizeof s->gender, "%s", strcmp(row->f[L_GENDER], "男") == 0 ? "m" :
	         "f");
	snprintf(s->birth, sizeof s->birth, "%s", row->f[L_BIRTH]);
	snprintf(s->county, sizeof s->county, "%s", row->f[L_COUNTY]);
	snprintf(s->city, sizeof s->city, "%s",
	         region_get(s->county)->city);   /* ledger_check knew the county */
	snprintf(s->category, sizeof s->category, "%s", category_of(row->f[L_CATEGORY]));
	pii_id_hash(cfg->hash_key, row->f[L_ID], s->hash);
	return seal_field(cfg, "real_name", code, row->f[L_NAME], s->name, sizeof s->name,
	                  &s->lname) < 0 ||
	       seal_field(cfg, "id_number", code, row->f[L_ID], s->idn, sizeof s->idn,
	                  &s->lidn) < 0 ||
	       seal_field(cfg, "guardian", code, guardian, s->guard, sizeof s->guard,
	                  &s->lguard) < 0 ||
	       seal_field(cfg, "address", code, row->f[L_ADDRESS], s->addr, sizeof s->addr,
	                  &s->laddr) < 0 ? -1 : 0;
}

/*
 * Queue a write of row: an update of the known child k, or (k NULL) a new child under a fresh code.
 */
static int queue(struct run *r, const struct ledger_row *row, const struct known *k,
                 const char *guardian)
{
	struct import_job *j = writer_job(r->writer, k != NULL, r->e);

	if (!j)
		return -1;
	if (k) {
		j->id = k->id;
		j->version = k->version;
		snprintf(j->county, sizeof j->county, "%s", k->county);
		snprintf(j->code, sizeof j->code, "%s", k->code);
	} else {
		ledger_code(j->code, CHILD_CODE_LEN);
	}
	if (seal_row(r->cfg, row, j->code, guardian, &j->s) < 0)
		return err_core(r->e, ERR_INTERNAL, NULL, "import: row %ld too long to seal",
		                row->line);
	return 0;
}

/*
 * A row on record outside the uploader's reach: not written, and not reported with the rejected
 * rows: whether the uploader may be told which rows these are depends on the day's allowance
 * (answer_check).
 */
static int ask(struct run *r, long line, const unsigned char h[PII_HASHBYTES])
{
	long keep = r->cfg->elsewhere_per_day;

	if (r->rep->elsewhere++ >= keep)
		return 0;   /* more than could ever be told about: none will be */
	if (!r->asked && !(r->asked = calloc((size_t)keep, sizeof *r->asked)))
		return err_core(r->e, ERR_INTERNAL, NULL, "import: out of memory");
	r->asked[r->nasked].line = line;
	memcpy(r->asked[r->nasked++].hash, h, PII_HASHBYTES);
	return 0;
}

static int on_row(void *ctx, const struct ledger_row *row)
{
	struct run *r = ctx;
	struct import_report *rep = r->rep;
	unsigned char h[PII_HASHBYTES], d[DIGEST_LEN];
	char why[IMPORT_WHY_LEN], guardian[GUARDIAN_LEN];
	struct known *k;
	int dup;

	if (++rep->rows % 1000 == 0 && r->progress)
		r->progress(r->pctx, rep->rows, r->total);
	if (ledger_check(r->a, row, why, sizeof why) < 0)
		return reject(r, row->line, why);
	snprintf(guardian, sizeof guardian, "%s %s", row->f[L_GUARDIAN], row->f[L_PHONE]);
	pii_id_hash(r->cfg->hash_key, row->f[L_ID], h);
	k = bsearch(h, r->known, r->nknown, sizeof *r->known, by_hash);
	if (k) {
		if (k->seen)
			return reject(r, row->line, DUPLICATE_ID);
		k->seen = 1;
		if (!scope_reaches(r->a, k->county))
			return ask(r, row->line, h);
		digest(strcmp(row->f[L_GENDER], "男") == 0 ? "m" : "f", row->f[L_BIRTH],
		       row->f[L_COUNTY], category_of(row->f[L_CATEGORY]), row->f[L_NAME], guardian,
		       row->f[L_ADDRESS], d);
		if (memcmp(d, k->digest, sizeof d) == 0) {
			rep->unchanged++;
			return 0;
		}
		rep->updated++;
		return r->apply ? queue(r, row, k, guardian) : 0;
	}
	if ((dup = fresh_dup(r, h)) < 0)
		return err_core(r->e, ERR_INTERNAL, NULL, "import: out of memory");
	if (dup)
		return reject(r, row->line, DUPLICATE_ID);
	rep->added++;
	return r->apply ? queue(r, row, NULL, guardian) : 0;
}


/*
 * What a check may tell about the rows outside the uploader's records (new, or on record
 * elsewhere): row by row if the day's allowance covers all of them, each elsewhere row audited by
 * its hash; else nothing that tells them apart, and the province's dashboard lists the file
 * (elsewhere.h). One transaction.
 */
static int answer_tx(struct db *db, void *arg, struct err *e)
{
	struct run *r = arg;
	struct import_report *rep = r->rep;
	long outside = rep->added + rep->elsewhere;
	int told = elsewhere_take(db, r->cfg, r->a, outside, e);

	if (told < 0)
		return -1;
	rep->withheld = !told;
	if (!told)
		return rep->elsewhere ?
		       elsewhere_audit_file(db, r->a, "import.withheld", outside, rep->elsewhere,
		                            e) : 0;
	/* Run again after a deadlock, the transaction starts the list afresh. */
	rep->ntold = 0;
	if (r->nasked && !rep->told && !(rep->told = calloc((size_t)r->nasked, sizeof *rep->told)))
		return err_core(e, ERR_INTERNAL, NULL, "import: out of memory");
	for (long i = 0; i < r->nasked; i++) {
		rep->told[rep->ntold++] = r->asked[i].line;
		if (elsewhere_audit_one(db, r->a, r->asked[i].line, r->asked[i].hash, 1, e) < 0)
			return -1;
	}
	return 0;
}

static long count_lines(const char *data, size_t len)
{
	long n = 0;

	for (const char *p = data; (p = memchr(p, '\n', len - (size_t)(p - data))); p++)
		n++;
	return n;
}

/*
 * Check every row, and queue the writes to the writer when applying; the writer is always ended and
 * joined.
 */
static int parse_and_write(struct run *r, const char *data, size_t len)
{
	struct err werr = { 0 };
	int rc;

	if (load_known(r) < 0 || (r->apply && writer_start(&r->writer, r->db, r->e) < 0))
		return -1;
	rc = ledger_parse(data, len, on_row, on_problem, r, r->e);
	if (r->writer && writer_finish(r->writer, rc == 0, &werr) < 0 && rc == 0) {
		*r->e = werr;
		rc = -1;
	}
	r->writer = NULL;
	return rc;
}

int import_ledger(struct db *db, const struct config *cfg, const struct actor *a, const char *data,
                  size_t len, int apply, struct import_report *rep, import_progress_fn progress,
                  void *pctx, struct err *e)
{
	struct run r = {
		.db = db, .cfg = cfg, .a = a, .apply = apply, .rep = rep, .progress = progress,
		.pctx = pctx, .total = count_lines(data, len), .e = e,
	};
	int rc = -1;

	memset(rep, 0, sizeof *rep);
	/*
	 * The per-row content-generation triggers stand aside (sql/010); the one bump below does
	 * their work.
	 */
	if (apply && (db_begin(db, e) < 0 ||
	              db_exec(db, "SET @bulk_write = 1", NULL, 0, NULL, e) < 0))
		goto done;
	if (parse_and_write(&r, data, len) < 0)
		goto done;
	if (apply && (db_exec(db, "UPDATE content_generation SET gen = gen + 1 WHERE id = "
	                      "CONNECTION_ID() % 16 + 1", NULL, 0, NULL, e) < 0 ||
	              audit_actor(db, a, e, "import.apply", "ledger", "csv", "%ld rows: %ld new, "
	                          "%ld updated, %ld unchanged, %ld rejected, %ld on record outside "
	                          "reach", rep->rows, rep->added, rep->updated, rep->unchanged,
	                          rep->rejected, rep->elsewhere) < 0 ||
	              (rep->elsewhere &&
	               elsewhere_audit_file(db, a, "import.held", rep->added + rep->elsewhere,
	                                    rep->elsewhere, e) < 0) ||
	              db_commit(db, e) < 0))
		goto done;
	/*
	 * A check answers about the rows outside the uploader's records as far as the day's
	 * allowance goes; the province's staff reach every record, so nothing is outside theirs.
	 */
	if (!apply && rep->added + rep->elsewhere > 0 && strcmp(a->role, "province") != 0 &&
	    db_tx(db, answer_tx, &r, e) < 0)
		goto done;
	rep->applied = apply;
	rc = 0;
done:
	/*
	 * Another writer held these children's rows (a deadlock, a lock wait): nothing was written;
	 * it may be tried again.
	 */
	if (rc < 0 && (e->dbcode == ER_LOCK_DEADLOCK || e->dbcode == ER_LOCK_WAIT_TIMEOUT))
		err_core(e, ERR_CONFLICT, "import.busy", "import: database error %u", e->dbcode);
	if (db->in_tx)
		db_rollback(db);
	/* The connection serves later requests: their writes must bump the generation again. */
	if (apply) {
		struct err ignored = { 0 };
		db_exec(db, "SET @bulk_write = NULL", NULL, 0, NULL, &ignored);
	}
	if (progress)
		progress(pctx, rep->rows, rep->rows);
	free(r.known);
	free(r.fresh);
	free(r.asked);
	return rc;
}

void import_report_free(struct import_report *rep)
{
	free(rep->rejects);
	free(rep->told);
	rep->rejects = NULL;
	rep->told = NULL;
}
