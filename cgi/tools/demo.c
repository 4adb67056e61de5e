/* demo.c — the demo data: plainly fictional children, the demo donor and a few fictional gifts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "demo.h"
#include "../idcard.h"
#include "../keys.h"
#include "../labels.h"
#include "../log.h"
#include "../passwd.h"
#include "../pii.h"
#include "../regions.h"
#include "../util.h"

#define BATCH 100
#define NCOLS 18
#define DAY 86400L
#define MAX_DAYS (18 * 366)

/* A fixed-seed generator: the same demo data on every machine, so bench figures compare. */
static unsigned long long rng = 0x2019052000000001ULL;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static const char *pick_weighted(const struct label *list, const int *weights)
{
	int total = 0, r, i;

	for (i = 0; list[i].code; i++)
		total += weights[i];
	r = (int)rnd((unsigned)total);
	for (i = 0; r >= weights[i]; i++)
		r -= weights[i];
	return list[i].code;
}

void demo_id_checksum(char *id)
{
	id[17] = idcard_check_char(id);
	id[18] = '\0';
}

/* Room for a date (YYYY-MM-DD), an ID number, a made-up name, guardian, story and status. */
#define DATE_SIZE     11
#define ID_SIZE       19
#define DEMO_NAME_MAX    64
#define GUARDIAN_MAX  128
#define STORY_MAX     600
#define STATUS_MAX    8

struct child {
	char code[CHILD_CODE_LEN + 1], alias[DEMO_NAME_MAX], gender[2], birth[DATE_SIZE];
	char county[REGION_CODE_SIZE], story[STORY_MAX];
	char status[STATUS_MAX], since[DATE_SIZE], consent_date[DATE_SIZE];
	const char *category;
	int consent;
	unsigned char name_ct[PII_SEALED_LEN(DEMO_NAME_MAX)], id_ct[PII_SEALED_LEN(ID_SIZE)];
	unsigned char guard_ct[PII_SEALED_LEN(GUARDIAN_MAX)];
	size_t name_len, id_len, guard_len;
	unsigned char id_hash[PII_HASHBYTES];
};

static const char *const SURNAMES[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵",
	"周", "吴", "徐", "孙", "胡", "朱", "高", "林",
};
static const char *const GIVEN[] = {
	"禾", "苗", "星", "雨", "晴", "阳", "乐", "安", "宁", "朵",
	"石", "川", "溪", "果", "豆", "麦", "桐", "月",
};
static const char *const HOBBIES[] = {
	"喜欢画画", "爱看书", "喜欢踢足球", "爱唱歌", "喜欢跳绳", "数学成绩很好", "喜欢种花",
	"爱帮奶奶做家务",
};
/* Letters of codes: Crockford base32, as is_base32 wants. */
static const char BASE32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/* A random element of a table. */
#define ANY(table) (table)[rnd(nitems(table))]
static const char *const STORY[] = {
	[0] = "父亲几年前因病去世，和母亲、奶奶一起生活，家里靠母亲打零工维持。",
	[1] = "父亲外出务工后失去联系，由爷爷奶奶抚养。",
	[2] = "母亲离家后再没有回来，跟着年迈的外婆生活。",
	[3] = "父亲因事故重度残疾，全家靠低保和母亲种地生活。",
	[4] = "母亲患重病需要长期治疗，家里积蓄都花在了医药费上。",
	[5] = "父亲正在服刑，由母亲一人抚养两个孩子。",
	[6] = "父亲在强制隔离戒毒，由奶奶照顾生活和学习。",
	[7] = "父母离异后均无力抚养，由亲戚代为照顾。",
};
/* Shares of the categories, roughly as the ledgers report them. */
static const int CATEGORY_WEIGHTS[] = { 20, 8, 12, 18, 18, 10, 5, 9 };

static void make_code(char *code)
{
	for (int i = 0; i < CHILD_CODE_LEN; i++)
		code[i] = BASE32[rnd(sizeof BASE32 - 1)];
	code[CHILD_CODE_LEN] = '\0';
}

static void fmt_date(time_t t, char *out)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, DATE_SIZE, "%Y-%m-%d", &tm);
}

static int category_index(const char *code)
{
	for (int i = 0; CATEGORIES[i].code; i++)
		if (strcmp(CATEGORIES[i].code, code) == 0)
			return i;
	return 7;
}

/*
 * Counties, and how many children each (county, birth day) already has, for unique ID sequence
 * numbers.
 */
static const struct region *counties[REGIONS_MAX];
static int ncounties;
static unsigned short *seq_used;

static const char *school(int age_days)
{
	return age_days < 6 * 365 ? "还没有上学" : age_days < 12 * 365 ? "在读小学" : "在读中学";
}

static void make_child(struct child *c, const struct config *cfg, time_t today)
{
	int ci = (int)rnd((unsigned)ncounties), age_days = 30 + (int)rnd(MAX_DAYS - 60);
	time_t birth = today - age_days * DAY;
	int wait_days = (int)rnd(age_days < 3 * 365 ? (unsigned)age_days : 3 * 365);
	char id[ID_SIZE], name[DEMO_NAME_MAX], guardian[GUARDIAN_MAX];
	int seq, male = (int)rnd(2), r = (int)rnd(100);
	const char *g1 = ANY(GIVEN), *g2 = ANY(GIVEN);

	make_code(c->code);
	snprintf(c->alias, sizeof c->alias, "演示·小%s", g1);
	strcpy(c->gender, male ? "m" : "f");
	fmt_date(birth, c->birth);
	strcpy(c->county, counties[ci]->code);
	c->category = pick_weighted(CATEGORIES, CATEGORY_WEIGHTS);
	snprintf(c->story, sizeof c->story, "（虚构）%s%s%s，%s。",
	         STORY[category_index(c->category)], male ? "他" : "她", school(age_days),
	         age_days < 3 * 365 ? "很爱笑" : ANY(HOBBIES));
	/*
	 * About a third already paired, a few exited, the rest waiting; nearly all with consent to
	 * publish.
	 */
	strcpy(c->status, r < 35 ? "paired" : r < 37 ? "exited" : "waiting");
	fmt_date(today - wait_days * DAY, c->since);
	c->consent = rnd(100) < 92;
	strcpy(c->consent_date, c->since);

	/*
	 * The ID number is well-formed (so staff validation accepts it) but invented: sequence 900+
	 * marks it.
	 */
	seq = ++seq_used[ci * MAX_DAYS + age_days];
	snprintf(id, sizeof id, "%s%.4s%.2s%.2s%03d", counties[ci]->code, c->birth, c->birth + 5,
	         c->birth + 8, (900 + seq * 2 + (male ? -1 : 0)) % 1000);
	demo_id_checksum(id);
	snprintf(name, sizeof name, "虚构·%s%s%s", ANY(SURNAMES), g1, g2);
	snprintf(guardian, sizeof guardian, "虚构监护人 %s某 139%08u", ANY(SURNAMES),
	         rnd(100000000));
	c->name_len = PII_SEALED_LEN(strlen(name));
	c->id_len = PII_SEALED_LEN(strlen(id));
	c->guard_len = PII_SEALED_LEN(strlen(guardian));
	pii_seal(cfg->pii_key, "real_name", c->code, name, strlen(name), c->name_ct,
	         sizeof c->name_ct);
	pii_seal(cfg->pii_key, "id_number", c->code, id, strlen(id), c->id_ct, sizeof c->id_ct);
	pii_seal(cfg->pii_key, "guardian", c->code, guardian, strlen(guardian), c->guard_ct,
	         sizeof c->guard_ct);
	pii_id_hash(cfg->hash_key, id, c->id_hash);
}

static void bind_child(const struct child *c, struct dbp *p)
{
	p[0] = P_STR(c->code);
	p[1] = P_STR(c->alias);
	p[2] = P_STR(c->gender);
	p[3] = P_STR(c->birth);
	p[4] = P_STR(c->county);
	p[5] = P_STR(c->category);
	p[6] = P_STR(c->story);
	p[7] = P_STR(c->status);
	p[8] = P_STR(c->since);
	p[9] = P_INT(c->consent);
	p[10] = c->consent ? P_STR(c->consent_date) : P_NULL;
	p[11] = P_BIN(c->name_ct, c->name_len);
	p[12] = P_BIN(c->id_ct, c->id_len);
	p[13] = P_BIN(c->guard_ct, c->guard_len);
	p[14] = P_BIN(c->id_hash, PII_HASHBYTES);
	/* A child who has left the programme left for a reason, on a day (the database insists). */
	p[15] = strcmp(c->status, "exited") == 0 ? P_STR("improved") : P_NULL;
	p[16] = strcmp(c->status, "exited") == 0 ? P_STR(c->since) : P_NULL;
	p[17] = P_STR(region_get(c->county)->city);
}

static void batch_sql(char *sql, size_t n, int rows)
{
	size_t len = (size_t)snprintf(sql, n, "INSERT INTO children (code, alias, gender, "
	        "birth_date, county_code, category, story, status, waiting_since, consent_publish, "
	        "consent_date, pii_real_name, pii_id_number, pii_guardian, id_hash, exit_reason, "
	        "exited_at, city_code) VALUES ");
	for (int i = 0; i < rows && len < n; i++)
		len += (size_t)snprintf(sql + len, n - len,
		                        "%s(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", i ? "," : "");
}

static int insert_batch(struct db *db, struct child *kids, int rows, struct err *e)
{
	static char sql[BATCH * 44 + 512];
	struct dbp p[BATCH * NCOLS];

	batch_sql(sql, sizeof sql, rows);
	for (int i = 0; i < rows; i++)
		bind_child(&kids[i], &p[i * NCOLS]);
	if (db_begin(db, e) < 0)
		return -1;
	if (db_exec(db, sql, p, (unsigned)(rows * NCOLS), NULL, e) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, e);
}

static int sign_units(struct db *db, struct err *e)
{
	for (size_t i = 0; i < regions_count(); i++) {
		const struct region *r = region_at(i);
		struct dbp p[] = { P_STR(r->code) };
		/*
		 * About 70% of federations have signed, as in the programme's own figures; the
		 * province always has.
		 */
		if (r->parent[0] && rnd(100) >= 70)
			continue;
		if (db_exec(db, "UPDATE member_units SET agreement_signed = 1, "
		                "agreement_date = '2019-05-20' WHERE region_code = ?",
		            p, nitems(p), NULL, e) < 0)
			return -1;
	}
	return 0;
}

int demo_load(struct db *db, const struct config *cfg, long n, struct err *e)
{
	struct child *kids = calloc(BATCH, sizeof *kids);
	time_t today = time(NULL) / DAY * DAY;
	int rc = 0;

	if (!kids || regions_load(db, e) < 0) {
		free(kids);
		return kids ? -1 : err_set(e, 500, NULL, "out of memory");
	}
	ncounties = 0;
	for (size_t i = 0; i < regions_count(); i++)
		if (region_at(i)->is_county)
			counties[ncounties++] = region_at(i);
	seq_used = calloc((size_t)ncounties * MAX_DAYS, sizeof *seq_used);
	if (!seq_used) {
		free(kids);
		return err_set(e, 500, NULL, "out of memory");
	}
	for (long done = 0; done < n && rc == 0; ) {
		int rows = n - done < BATCH ? (int)(n - done) : BATCH;
		for (int i = 0; i < rows; i++)
			make_child(&kids[i], cfg, today);
		rc = insert_batch(db, kids, rows, e);
		done += rows;
		if (rc == 0 && done % 10000 == 0)
			log_info("demo: %ld children", done);
	}
	if (rc == 0)
		rc = sign_units(db, e);
	free(seq_used);
	free(kids);
	return rc;
}

/*
 * The demo donor's sign-in, printed by `make run`. Demo data only: a real instance has no such
 * account.
 */
#define DEMO_LOGIN "demo@example.com"
#define DEMO_PASSWORD "tongxiang-demo"

static const char *const GIFT_MESSAGES[] = {
	"（演示）愿孩子们健康成长！", "（演示）一点心意。", "", "（演示）加油！",
	"（演示）希望孩子们都能好好读书。", "",
};
static const long long GIFT_FEN[] = { 3000, 10000, 30000, 300000, 5000, 20000 };
/* Room for a made-up ID number as the compiler sees it. */
#define DEMO_ID_ROOM  40

/* The year a gift days ago was paid in, and the next receipt number of that year. */
static int receipt_number(struct db *db, int days, long long *year, long long *seq, struct err *e)
{
	struct dbp pd[] = { P_INT(days) };
	struct dbp py[] = { P_INT(0) };

	if (db_query_int(db, "SELECT YEAR(NOW() - INTERVAL ? DAY)", pd, nitems(pd), year, e) < 0)
		return -1;
	py[0] = P_INT(*year);
	if (db_exec(db, "INSERT INTO receipt_counters (year, last_seq) VALUES (?, 1) "
	            "ON DUPLICATE KEY UPDATE last_seq = last_seq + 1", py, nitems(py), NULL, e) < 0)
		return -1;
	return db_query_int(db, "SELECT last_seq FROM receipt_counters WHERE year = ?",
	                    py, nitems(py), seq, e);
}

/* One demo gift, numbered like a real one from the year's receipt counter. */
static int demo_gift(struct db *db, int i, struct err *e)
{
	char name[DEMO_NAME_MAX], code[RECEIPT_CODE_LEN + 1];
	long long fen = GIFT_FEN[i % nitems(GIFT_FEN)];
	int days = 60 - i * 2, anon = i % 5 == 0;
	long long year, seq;

	snprintf(name, sizeof name, "演示·%s%s", ANY(SURNAMES), ANY(GIVEN));
	for (int k = 0; k < RECEIPT_CODE_LEN; k++)
		code[k] = BASE32[rnd(sizeof BASE32 - 1)];
	code[RECEIPT_CODE_LEN] = '\0';
	if (receipt_number(db, days, &year, &seq, e) < 0)
		return -1;
	struct dbp p[] = {
		P_INT(fen), P_INT(days), P_STR(name), P_INT(anon),
		P_STR(GIFT_MESSAGES[i % nitems(GIFT_MESSAGES)]), P_INT(year), P_INT(seq),
		P_STR(code),
	};
	return db_exec(db, "INSERT INTO donations (amount_fen, status, purpose, paid_at, "
	                   "provider, donor_name, anonymous, message, receipt_year, receipt_seq, "
	                   "receipt_code) VALUES (?, 'paid', 'general', NOW() - INTERVAL ? DAY, "
	                   "'demo', ?, ?, NULLIF(?, ''), ?, ?, ?)", p, nitems(p), NULL, e);
}

int demo_donors(struct db *db, const struct config *cfg, struct err *e)
{
	char hash[PASSWD_HASH_MAX];
	struct dbp p[] = { P_STR(DEMO_LOGIN), P_NULL };

	if (passwd_hash(cfg, DEMO_PASSWORD, hash, e) < 0)
		return -1;
	p[1] = P_STR(hash);
	/* Verified, as if the address had been proven: a demo visitor may hold at once. */
	if (db_exec(db, "INSERT INTO donors (login, login_kind, pw_hash, display_name, agreed_at, "
	            "verified_at) VALUES (?, 'email', ?, '演示捐赠人', NOW(), NOW())",
	            p, nitems(p), NULL, e) < 0)
		return -1;
	for (int i = 0; i < 24; i++)
		if (demo_gift(db, i, e) < 0)
			return -1;
	return 0;
}

/* The demo staff, one per role (printed by `make run`); the volunteer gets five 巴东县 children. */
int demo_staff(struct db *db, const struct config *cfg, struct err *e)
{
	static const char *const STAFF[][4] = {
		{ "province", "province", "420000", "演示·省慈善总会" },
		{ "enshi", "city", "422800", "演示·恩施州慈善会" },
		{ "badong", "county", "422823", "演示·巴东县慈善会" },
		{ "badong-volunteer", "volunteer", "422823", "演示·巴东志愿者" },
	};
	char hash[PASSWD_HASH_MAX];

	if (passwd_hash(cfg, DEMO_PASSWORD, hash, e) < 0)
		return -1;
	if (db_exec(db, "INSERT INTO volunteer_orgs (county_code, name, agreed_on) "
	            "VALUES ('422823', '演示·巴东县青年志愿者协会', '2024-03-01')", NULL, 0, NULL,
	            e) < 0)
		return -1;
	for (size_t i = 0; i < nitems(STAFF); i++) {
		struct dbp p[] = {
			P_STR(STAFF[i][0]), P_STR(hash), P_STR(STAFF[i][3]), P_STR(STAFF[i][1]),
			P_STR(STAFF[i][2]), P_STR(STAFF[i][1]),
		};
		/* The volunteer belongs to the organisation just made. */
		if (db_exec(db, "INSERT INTO staff (username, pw_hash, display_name, role, "
		                "region_code, org_id) VALUES (?, ?, ?, ?, ?, IF(? = 'volunteer', "
		                "(SELECT MAX(id) FROM volunteer_orgs), NULL))",
		            p, nitems(p), NULL, e) < 0)
			return -1;
	}
	return db_exec(db, "INSERT INTO volunteer_children (staff_id, child_id) "
	                   "SELECT s.id, c.id FROM staff s JOIN children c "
	                   "ON c.county_code = '422823' WHERE s.username = 'badong-volunteer' "
	                   "ORDER BY c.id LIMIT 5", NULL, 0, NULL, e);
}

/*
 * A fictional ledger of n rows for counties (a city's or one county's), as CSV on out: for trying
 * and timing imports.
 */
int demo_ledger(FILE *out, long n, const char *region, struct err *e)
{
	static const char *const CATS[] = {
		"父母一方死亡", "父母一方重病", "父母一方重度残疾", "父母一方服刑在押", "other",
	};
	const struct region *list[REGIONS_MAX];
	int nl = 0;

	for (size_t i = 0; i < regions_count(); i++) {
		const struct region *r = region_at(i);
		if (r->is_county && (strcmp(r->code, region) == 0 || strcmp(r->city, region) == 0 ||
		                     strcmp(region + 2, "0000") == 0))
			list[nl++] = r;
	}
	if (!nl)
		return err_set(e, 400, NULL, "ledger-sample: no county in %s", region);
	fputs("\xEF\xBB\xBF姓名,身份证号,性别,出生日期,区县代码,"
	      "困境类别,监护人姓名,监护人电话,家庭住址\r\n", out);
	for (long i = 0; i < n; i++) {
		const struct region *r = list[i % nl];
		int y = 2008 + (int)(i % 17), m = 1 + (int)(i / 17 % 12);
		int d = 1 + (int)(i / 204 % 28);
		/* 18 characters; the room is for the compiler, which cannot see the ranges */
		char id[DEMO_ID_ROOM];

		snprintf(id, sizeof id, "%s%04d%02d%02d%03ld", r->code, y, m, d, i / 10752 % 1000);
		demo_id_checksum(id);
		fprintf(out, "虚构·%s%s%ld,%s,%s,%04d-%02d-%02d,%s,%s,虚构监护人%s,139%08ld,"
		             "\"虚构地址 %s某村%ld组\"\r\n",
		        SURNAMES[i % nitems(SURNAMES)], GIVEN[i % nitems(GIVEN)], i, id,
		        id[16] % 2 ? "男" : "女", y, m, d, r->code, CATS[i % nitems(CATS)],
		        SURNAMES[(i + 3) % nitems(SURNAMES)], i % 100000000, r->short_name,
		        i % 9 + 1);
	}
	return fflush(out) == 0 ? 0 : err_set(e, 500, NULL, "ledger-sample: write failed");
}
