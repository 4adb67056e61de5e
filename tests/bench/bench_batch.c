/*
 * bench_batch.c — the figures for a county's payout batch (tests/bench/batch.sh): BATCH_CHILDREN (5,000) paired
 * children of one county (武汉市武昌区), each funded with a year's 3,000 yuan and with a sealed bank account, then
 * through nginx, the app and MariaDB: the batch made for a half year, submitted, approved by the city, exported for
 * the bank, the bank's result file (every transfer done) read back, and read back again. Prints seconds for each;
 * asserts nothing but that each step answered as it should.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "db.h"
#include "core/payouts.h"
#include "http/client.h"
#include "pii.h"

#define COUNTY "420106"
#define PERIOD "2026H2"

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "bench_batch: %s\n", what);
	exit(1);
}

/* The children, their pairings, gifts and the staff and donor, in bulk (MariaDB's sequence tables). */
static void children(long n)
{
	char sql[4096];

	snprintf(sql, sizeof sql,
	         "INSERT INTO staff (username, pw_hash, display_name, role, region_code) SELECT 'bench-batch', pw_hash, "
	         "  '基准·武昌', 'county', '" COUNTY "' FROM staff WHERE username = 'badong';"
	         "INSERT INTO staff (username, pw_hash, display_name, role, region_code) SELECT 'bench-city', pw_hash, "
	         "  '基准·武汉', 'city', (SELECT county_city FROM regions WHERE code = '" COUNTY "') FROM staff "
	         "  WHERE username = 'badong';"
	         "INSERT INTO donors (login, login_kind, pw_hash, display_name, agreed_at) "
	         "  VALUES ('bench-batch@example.com', 'email', 'x', '基准捐赠人', NOW());"
	         "SET @d = LAST_INSERT_ID();"
	         "INSERT INTO children (code, alias, gender, birth_date, county_code, city_code, category, status, "
	         "  waiting_since, pii_real_name, pii_id_number, pii_guardian, id_hash) "
	         "  SELECT CONCAT('BB', LPAD(seq, 8, '0')), CONCAT('基准·', seq), 'f', '2014-02-03', '" COUNTY "', "
	         "  (SELECT county_city FROM regions WHERE code = '" COUNTY "'), 'ill', 'paired', '2020-01-01', 'x', "
	         "  'x', 'x', UNHEX(SHA2(CONCAT('bench-batch-', seq), 256)) FROM seq_1_to_%ld;"
	         "INSERT INTO sponsorships (child_id, donor_id, state, plan, hold_until, created_at, decided_at) "
	         "  SELECT id, @d, 'active', 'annual', NOW(), NOW(), NOW() FROM children WHERE code LIKE 'BB%%';"
	         "INSERT INTO donations (amount_fen, status, purpose, paid_at, donor_id, sponsorship_id, instalment_seq, "
	         "  receipt_year, receipt_seq, receipt_code) SELECT 300000, 'paid', 'sponsorship', NOW(), @d, x.id, 1, "
	         "  1997, x.id, 'BENCHBENCHBENCHB' FROM sponsorships x JOIN children c ON c.id = x.child_id "
	         "  WHERE c.code LIKE 'BB%%';", n);
	if (admin_sql(sql, NULL) < 0)
		die("the children could not be made");
}

struct sealing { struct config *cfg; long n; };

/* Each child's account sealed as the app seals it, in one transaction. */
static int seal_tx(struct db *db, void *arg, struct err *e)
{
	struct sealing *s = arg;
	char code[32], number[32], plain[160], mask[BANK_MASK_LEN];
	unsigned char sealed[PII_SEALED_LEN(sizeof plain)];

	for (long i = 1; i <= s->n; i++) {
		snprintf(code, sizeof code, "BB%08ld", i);
		snprintf(number, sizeof number, "62220202%08ld", i);
		snprintf(plain, sizeof plain, "基准户主%ld\n%s\n基准银行武昌支行", i, number);
		long len = pii_seal(s->cfg->pii_key, "bank_account", code, plain, strlen(plain), sealed, sizeof sealed);
		payout_bank_mask(number, mask);
		struct dbp p[] = { P_BIN(sealed, (size_t)len), P_STR(mask), P_STR(code) };
		if (db_exec(db, "UPDATE children SET pii_bank = ?, bank_mask = ? WHERE code = ?", p, 3, NULL, e) < 0)
			return -1;
	}
	return 0;
}

static void accounts(long n)
{
	struct config cfg;
	struct db db;
	struct err e;
	struct sealing s = { &cfg, n };

	if (instance_config(&cfg) < 0)
		die("no instance configuration");
	db_init(&db, &cfg);
	err_clear(&e);
	if (db_tx(&db, seal_tx, &s, &e) < 0)
		die(e.cause);
	db_close(&db);
	config_free(&cfg);
}

/* One timed step: the status it must answer. */
static double step(const char *name, struct browser *b, const char *path, const char *form, long want,
                   struct resp *r)
{
	double t = now();

	b_post(b, path, form, r);
	t = now() - t;
	if (r->status != want) {
		fprintf(stderr, "bench_batch: %s answered %ld\n", name, r->status);
		exit(1);
	}
	printf("%-34s %8.2f s\n", name, t);
	return t;
}

/* The bank's result file for the export: every transfer done today, with a reference of the bank's. */
static char *result_file(const struct resp *x, size_t *len)
{
	char *out = malloc(x->len + 1), *at = out, ref[16], number[32], amount[32];
	const char *line = strstr(x->body, "\r\n");
	long n = 0;

	for (line = line ? line + 2 : NULL; line && *line; line = strstr(line, "\r\n"), line = line ? line + 2 : NULL)
		if (sscanf(line, "\"%15[^\"]\",\"%*[^\"]\",\"%31[^\"]\",\"%31[^\"]\"", ref, number, amount) == 3)
			at += sprintf(at, "%s,%s,%s,成功,,BK%08ld,\r\n", ref, number, amount, ++n);
	*len = (size_t)(at - out);
	return out;
}

int main(void)
{
	long n = getenv("BATCH_CHILDREN") ? strtol(getenv("BATCH_CHILDREN"), NULL, 10) : 5000;
	struct browser county, city;
	struct resp r;
	char path[96], *file;
	const char *names[1] = { "csrf" }, *values[1];
	long long id;
	size_t len;
	double t;

	t = now();
	children(n);
	accounts(n);
	printf("%ld paired children with funds and accounts in %s: %.1f s to set up\n", n, COUNTY, now() - t);
	if (b_staff(&county, "bench-batch") != 303 || b_staff(&city, "bench-city") != 303)
		die("the bench staff cannot sign in");
	step("create (" PERIOD ", bank)", &county, "/admin/batches", "period=" PERIOD "&method=bank", 200, &r);
	resp_free(&r);
	id = admin_sql_num("SELECT MAX(id) FROM payout_batches WHERE county_code = '" COUNTY "'");
	printf("  drafts made: %lld\n", admin_sql_numf("SELECT COUNT(*) FROM payouts WHERE batch_id = %lld", id));
	snprintf(path, sizeof path, "/admin/batches/%lld/submit", id);
	step("submit", &county, path, "", 303, &r);
	resp_free(&r);
	snprintf(path, sizeof path, "/admin/batches/%lld/approve", id);
	step("approve (city)", &city, path, "", 303, &r);
	resp_free(&r);
	snprintf(path, sizeof path, "/admin/batches/%lld", id);
	b_get(&county, path, &r);   /* the page's form: the CSRF token */
	resp_free(&r);
	snprintf(path, sizeof path, "/admin/batches/%lld/export", id);
	step("export for the bank (UTF-8)", &county, path, "encoding=utf8", 200, &r);
	printf("  %zu bytes\n", r.len);
	file = result_file(&r, &len);
	resp_free(&r);
	step("export for the bank (GBK)", &county, path, "encoding=gbk", 200, &r);
	resp_free(&r);
	snprintf(path, sizeof path, "/admin/batches/%lld/results", id);
	for (int round = 0; round < 2; round++) {
		values[0] = county.csrf;
		t = now();
		b_upload(&county, path, file, len, names, values, 1, &r);
		t = now() - t;
		if (r.status != 200)
			die("the result file was refused");
		printf("%-34s %8.2f s\n", round ? "the same result file again" : "import the bank's results", t);
		resp_free(&r);
	}
	printf("  paid: %lld of %lld\n", admin_sql_numf("SELECT COUNT(*) FROM payouts WHERE batch_id = %lld AND "
	       "state = 'paid'", id), admin_sql_numf("SELECT COUNT(*) FROM payouts WHERE batch_id = %lld", id));
	free(file);
	browser_free(&county);
	browser_free(&city);
	return 0;
}
