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

/*
 * The first DEMO_BADONG_PAIRED children are 巴东县's, paired for two years or more: the demo
 * donor's, visited by the demo volunteer and reviewed by the demo county staff (demo_care),
 * whatever else the random draw gives the county.
 */
#define DEMO_BADONG "422823"
#define DEMO_BADONG_PAIRED 3

static int county_index(const char *code)
{
	for (int i = 0; i < ncounties; i++)
		if (strcmp(counties[i]->code, code) == 0)
			return i;
	return 0;
}

/* Child number nth of the demo, made up into c. */
static void make_child(struct child *c, const struct config *cfg, time_t today, long nth)
{
	int forced = nth < DEMO_BADONG_PAIRED;
	int ci = forced ? county_index(DEMO_BADONG) : (int)rnd((unsigned)ncounties);
	int age_days = forced ? 9 * 365 + (int)nth * 200 : 30 + (int)rnd(MAX_DAYS - 60);
	time_t birth = today - age_days * DAY;
	int wait_days = forced ? 800 + (int)nth * 90 :
	                (int)rnd(age_days < 3 * 365 ? (unsigned)age_days : 3 * 365);
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
	strcpy(c->status, r < 35 || forced ? "paired" : r < 37 ? "exited" : "waiting");
	fmt_date(today - wait_days * DAY, c->since);
	c->consent = rnd(100) < 92 || forced;
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
			make_child(&kids[i], cfg, today, done + i);
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

int demo_receipt_number(struct db *db, int days, long long *year, long long *seq, struct err *e)
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
	if (demo_receipt_number(db, days, &year, &seq, e) < 0)
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

/* ---- care after pairing: organisations, volunteers, pairings, visits and a letter ---- */

/*
 * Two organisations in every county with children (巴东县's first came with demo_staff), and two
 * volunteers in every county with paired children, one of each organisation, usernames v<county>-1
 * and -2, the demo password.
 */
static int care_people(struct db *db, const char *hash, struct err *e)
{
	struct dbp p[] = { P_STR(hash) };

	return db_exec(db, "INSERT IGNORE INTO volunteer_orgs (county_code, name, agreed_on) "
	               "SELECT r.code, CONCAT('演示·', r.short_name, o.name), '2024-03-01' "
	               "FROM regions r JOIN (SELECT '青年志愿者协会' AS name UNION ALL "
	               "SELECT '爱心妈妈服务队') o "
	               "WHERE r.code IN (SELECT DISTINCT county_code FROM children)", NULL, 0, NULL,
	               e) < 0 ||
	       db_exec(db, "INSERT INTO staff (username, pw_hash, display_name, role, region_code, "
	               "org_id) SELECT CONCAT('v', o.county_code, '-', "
	               "IF(o.name LIKE '%协会', 1, 2)), ?, CONCAT('演示·', r.short_name, '志愿者', "
	               "IF(o.name LIKE '%协会', '甲', '乙')), "
	               "'volunteer', o.county_code, o.id FROM volunteer_orgs o "
	               "JOIN regions r ON r.code = o.county_code WHERE o.county_code IN "
	               "(SELECT DISTINCT county_code FROM children WHERE status = 'paired')",
	               p, nitems(p), NULL, e) < 0 ? -1 : 0;
}

/*
 * Every paired child sponsored, from its pairing on: the first DEMO_BADONG_PAIRED by the demo
 * donor, the others each by a fictional donor of its own; then assigned to a volunteer of its
 * county (in 巴东县 the demo volunteer).
 */
static int care_pairings(struct db *db, struct err *e)
{
	static const char *const SQL[] = {
		"SET @demo = (SELECT id FROM donors WHERE login = '" DEMO_LOGIN "'), "
		"@mine = (SELECT MIN(id) FROM children) + ? - 1",
		"INSERT INTO donors (login, login_kind, pw_hash, display_name, agreed_at) "
		"SELECT CONCAT('demo-sponsor-', LOWER(code), '@example.invalid'), 'email', '!', "
		"'演示·爱心人士', NOW() FROM children WHERE status = 'paired' "
		"AND (@demo IS NULL OR id > @mine)",
		"INSERT INTO sponsorships (child_id, donor_id, state, plan, hold_until, agreed_at, "
		"created_at, decided_at) "
		"SELECT c.id, COALESCE(d.id, @demo), 'active', 'annual', x.at, x.at, x.at, x.at "
		"FROM children c LEFT JOIN donors d ON d.login = "
		"CONCAT('demo-sponsor-', LOWER(c.code), '@example.invalid') "
		"JOIN (SELECT id, LEAST(waiting_since + INTERVAL 20 DAY, "
		"CURDATE() - INTERVAL 1 DAY) + INTERVAL 10 HOUR AS at FROM children) x "
		"ON x.id = c.id "
		"WHERE c.status = 'paired' AND COALESCE(d.id, @demo) IS NOT NULL",
		"INSERT IGNORE INTO volunteer_children (staff_id, child_id) "
		"SELECT s.id, c.id FROM children c JOIN staff s ON s.username = "
		"IF(c.county_code = '" DEMO_BADONG "', 'badong-volunteer', "
		"CONCAT('v', c.county_code, '-', 1 + c.id % 2)) WHERE c.status = 'paired'",
	};

	struct dbp mine[] = { P_INT(DEMO_BADONG_PAIRED) };

	for (size_t i = 0; i < nitems(SQL); i++)
		if (db_exec(db, SQL[i], mine, i == 0 ? nitems(mine) : 0, NULL, e) < 0)
			return -1;
	return 0;
}

/* A paired child as the visits need it: its sponsorship, its volunteer, days since the pairing. */
struct paired {
	long long child, sponsorship, author;
	char      code[CHILD_CODE_LEN + 1], county[REGION_CODE_SIZE];
	int       days, mine;
};

/* Room for every paired child, counted before they are read. */
struct paired_list {
	struct paired *v;
	size_t         n, cap;
};

/* c.id, c.code, c.county_code, p.id, days since the pairing, the volunteer, mine */
static int paired_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct paired_list *pl = ctx;
	struct paired *p;

	(void)n; (void)f; (void)l;
	if (pl->n == pl->cap)
		return -1;
	p = &pl->v[pl->n++];
	p->child = strtoll(v[0], NULL, 10);
	snprintf(p->code, sizeof p->code, "%s", v[1]);
	snprintf(p->county, sizeof p->county, "%s", v[2]);
	p->sponsorship = strtoll(v[3], NULL, 10);
	p->days = atoi(v[4]);
	p->author = strtoll(v[5], NULL, 10);
	p->mine = v[6][0] == '1';
	return 0;
}

/* Plainly fictional pieces of a visit's summary: how it went, what was seen, what was given. */
static const char *const VISIT_OPENING[] = {
	[0] = "（演示）志愿者到家中探访，", [1] = "（演示）志愿者和孩子的家人通了电话，",
	[2] = "（演示）志愿者到学校看望孩子，", [3] = "（演示）孩子参加了志愿者组织的集体活动，",
};
static const char *const VISIT_SEEN[] = {
	"孩子这学期长高了不少，说最喜欢的是语文课。", "孩子正在写作业，字比上次工整多了。",
	"家里新添了一张书桌，孩子很高兴。", "孩子最近迷上了画画，给我们看了新画的小猫。",
	"老师说孩子上课积极举手，和同学相处得很好。", "孩子跳绳一分钟能跳一百多下了，很自豪。",
};
static const char *const VISIT_CARE[] = {
	[0] = "我们送去了过冬的棉衣和米油，叮嘱注意保暖。",
	[1] = "我们和家里的大人聊了聊孩子的近况，家里一切都好。",
	[2] = "我们带去了书包和文具，鼓励孩子好好读书。",
	[3] = "孩子的生日快到了，我们带去一个小蛋糕，一起唱了生日歌。",
};
static const char *const GIVEN_WHAT[] = { "冬衣", "米油", "学习用品" };
static const long long GIVEN_FEN[] = { 20000, 15000, 10000 };
/* Kinds and cares in VISIT_KINDS' and CARE_KINDS' order; home visits the most. */
static const int KIND_WEIGHTS[] = { 50, 20, 20, 10 };

#define VISIT_COLS 15
#define VISIT_BATCH 100
#define VISIT_TEXT_MAX 600
#define DATETIME_SIZE 20
#define FORM_KEY_LEN 16

struct visit_row {
	long long child, sponsorship, author, reviewer, given_fen;
	const char *state, *kind, *given_what, *review_note;
	char visited[DATE_SIZE], submitted[DATETIME_SIZE], reviewed[DATETIME_SIZE];
	char care[48];
	unsigned char summary[PII_SEALED_LEN(VISIT_TEXT_MAX)], key[FORM_KEY_LEN];
	size_t summary_len;
};

static void random_key(unsigned char *key, size_t n)
{
	for (size_t i = 0; i < n; i++)
		key[i] = (unsigned char)rnd(256);
}

/* One visit of child p, days_ago days ago, in state, reviewed by reviewer if it was. */
static void make_visit(struct visit_row *v, const struct config *cfg, const struct paired *p,
                       int days_ago, const char *state, long long reviewer, time_t today)
{
	int kind = (int)rnd(100), care = (int)rnd(4), also = (int)rnd(6), give = (int)rnd(3);
	char text[VISIT_TEXT_MAX];

	for (int k = 0; k < 4; k++)
		if (kind < KIND_WEIGHTS[k]) {
			kind = k;
			break;
		} else {
			kind -= KIND_WEIGHTS[k];
		}
	v->child = p->child;
	v->sponsorship = p->sponsorship;
	v->author = p->author;
	v->state = state;
	v->kind = VISIT_KINDS[kind].code;
	/* Sometimes a second kind of care besides. */
	also = also < 4 && also != care ? also : -1;
	snprintf(v->care, sizeof v->care, "%s%s%s", CARE_KINDS[care].code, also >= 0 ? "," : "",
	         also >= 0 ? CARE_KINDS[also].code : "");
	/* Now and then something handed over with the care: goods, valued in fen. */
	v->given_what = rnd(3) == 0 ? GIVEN_WHAT[give] : NULL;
	v->given_fen = v->given_what ? GIVEN_FEN[give] : 0;
	v->review_note = strcmp(state, "returned") == 0 ?
	                 "请补充这次探访带去的物品和孩子的近况。" : NULL;
	fmt_date(today - days_ago * DAY, v->visited);
	fmt_date(today - (days_ago - 1) * DAY, v->submitted);
	strcat(v->submitted, " 10:00:00");
	v->reviewer = strcmp(state, "submitted") == 0 ? 0 : reviewer;
	fmt_date(today - (days_ago - 2) * DAY, v->reviewed);
	strcat(v->reviewed, " 16:00:00");
	snprintf(text, sizeof text, "%s%s%s（虚构）", VISIT_OPENING[kind], ANY(VISIT_SEEN),
	         VISIT_CARE[care]);
	v->summary_len = (size_t)pii_seal(cfg->pii_key, "visit_summary", p->code, text,
	                                  strlen(text), v->summary, sizeof v->summary);
	random_key(v->key, sizeof v->key);
}

static void bind_visit(const struct visit_row *v, struct dbp *p)
{
	p[0] = P_INT(v->child);
	p[1] = P_INT(v->sponsorship);
	p[2] = P_INT(v->author);
	p[3] = P_STR(v->state);
	p[4] = P_STR(v->visited);
	p[5] = P_STR(v->kind);
	p[6] = P_STR(v->care);
	p[7] = v->given_what ? P_INT(v->given_fen) : P_NULL;
	p[8] = v->given_what ? P_STR(v->given_what) : P_NULL;
	p[9] = P_BIN(v->summary, v->summary_len);
	p[10] = v->review_note ? P_STR(v->review_note) : P_NULL;
	p[11] = P_BIN(v->key, sizeof v->key);
	p[12] = P_STR(v->submitted);
	p[13] = v->reviewer ? P_INT(v->reviewer) : P_NULL;
	p[14] = v->reviewer ? P_STR(v->reviewed) : P_NULL;
}

/* Rows of visits in one multi-row statement. */
static int insert_visits(struct db *db, const struct visit_row *rows, int n, struct err *e)
{
	static char sql[VISIT_BATCH * 36 + 256];
	static struct dbp p[VISIT_BATCH * VISIT_COLS];
	size_t len = (size_t)snprintf(sql, sizeof sql, "INSERT INTO visits (child_id, "
	        "sponsorship_id, author_id, state, visited_on, kind, care, given_fen, given_what, "
	        "summary, review_note, form_key, submitted_at, reviewed_by, reviewed_at) VALUES ");

	for (int i = 0; i < n && len < sizeof sql; i++) {
		len += (size_t)snprintf(sql + len, sizeof sql - len,
		                        "%s(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", i ? "," : "");
		bind_visit(&rows[i], &p[i * VISIT_COLS]);
	}
	return n ? db_exec(db, sql, p, (unsigned)(n * VISIT_COLS), NULL, e) : 0;
}

/* The visits of one child: about two a year since the pairing; for the demo donor's, what waits. */
static int child_visits(const struct paired *p, long long reviewer, int nth_mine,
                        const struct config *cfg, time_t today, struct visit_row *rows, int at)
{
	int n = at;

	for (int ago = p->days - 30; ago >= 4; ago -= 182)
		make_visit(&rows[n++], cfg, p, ago, "approved", reviewer, today);
	/* 巴东县's county staff find two visits to review and one returned to its volunteer. */
	if (p->mine && nth_mine < 2)
		make_visit(&rows[n++], cfg, p, 2 + nth_mine, "submitted", reviewer, today);
	else if (p->mine)
		make_visit(&rows[n++], cfg, p, 6, "returned", reviewer, today);
	return n;
}

/* Room in a batch for one child's visits: three years of two a year, and one waiting. */
#define VISITS_PER_CHILD 10

static int care_visits(struct db *db, const struct config *cfg, const struct paired_list *pl,
                       struct err *e)
{
	struct visit_row *rows = calloc(VISIT_BATCH, sizeof *rows);
	time_t today = time(NULL) / DAY * DAY;
	long long badong = 0, province = 0;
	int n = 0, mine = 0, rc = 0;

	if (!rows)
		return err_set(e, 500, NULL, "out of memory");
	if (db_query_int(db, "SELECT id FROM staff WHERE username = 'badong'", NULL, 0, &badong,
	                 e) < 0 ||
	    db_query_int(db, "SELECT id FROM staff WHERE username = 'province'", NULL, 0, &province,
	                 e) < 0) {
		free(rows);
		return -1;
	}
	for (size_t i = 0; i < pl->n && rc == 0; i++) {
		const struct paired *p = &pl->v[i];
		long long reviewer = strcmp(p->county, DEMO_BADONG) == 0 && badong ? badong :
		                     province;
		n = child_visits(p, reviewer, mine, cfg, today, rows, n);
		mine += p->mine;
		if (n > VISIT_BATCH - VISITS_PER_CHILD || i + 1 == pl->n) {
			rc = insert_visits(db, rows, n, e);
			n = 0;
		}
	}
	free(rows);
	return rc;
}

/* A letter's body sealed to the child, as a parameter into buf. */
static struct dbp letter_body(const struct config *cfg, const char *code, const char *text,
                              unsigned char *buf, size_t n)
{
	long len = pii_seal(cfg->pii_key, "letter_body", code, text, strlen(text), buf, n);

	return P_BIN(buf, (size_t)(len < 0 ? 0 : len));
}

/* The demo donor's first child got a letter, delivered by the volunteer, and answered it. */
static int care_letter(struct db *db, const struct config *cfg, const struct paired_list *pl,
                       struct err *e)
{
	static const char TO[] = "（演示）你好！听志愿者说你最近在学画画，真替你高兴。"
	                         "天冷了，要多穿衣服，好好学习。（虚构）";
	static const char BACK[] = "（演示）谢谢您的来信！我画了一幅我们村的小河送给您，"
	                           "我会好好读书的。（虚构）";
	unsigned char to[PII_SEALED_LEN(sizeof TO)], back[PII_SEALED_LEN(sizeof BACK)];
	unsigned char k1[FORM_KEY_LEN], k2[FORM_KEY_LEN];
	const struct paired *p = NULL;

	for (size_t i = 0; i < pl->n && !p; i++)
		p = pl->v[i].mine ? &pl->v[i] : NULL;
	if (!p)
		return 0;
	random_key(k1, sizeof k1);
	random_key(k2, sizeof k2);
	struct dbp a[] = { P_INT(p->sponsorship), P_INT(p->child),
	                   letter_body(cfg, p->code, TO, to, sizeof to), P_BIN(k1, sizeof k1),
	                   P_INT(p->author) };
	struct dbp b[] = { P_INT(p->sponsorship), P_INT(p->child),
	                   letter_body(cfg, p->code, BACK, back, sizeof back), P_INT(p->author),
	                   P_BIN(k2, sizeof k2) };
	return db_exec(db, "INSERT INTO letters (sponsorship_id, child_id, direction, state, "
	               "body, form_key, reviewed_by, reviewed_at, delivered_by, delivered_at, "
	               "created_at) SELECT ?, ?, 'to_child', 'delivered', ?, ?, id, "
	               "NOW() - INTERVAL 40 DAY, ?, NOW() - INTERVAL 30 DAY, "
	               "NOW() - INTERVAL 41 DAY FROM staff "
	               "WHERE username = 'badong'", a, nitems(a), NULL, e) < 0 ||
	       db_exec(db, "INSERT INTO letters (sponsorship_id, child_id, direction, reply_to, "
	               "state, body, recorded_by, form_key, reviewed_by, reviewed_at, created_at) "
	               "SELECT ?, ?, 'from_child', LAST_INSERT_ID(), 'approved', ?, ?, ?, id, "
	               "NOW() - INTERVAL 25 DAY, NOW() - INTERVAL 30 DAY FROM staff "
	               "WHERE username = 'badong'", b, nitems(b), NULL, e) < 0 ? -1 : 0;
}

int demo_care(struct db *db, const struct config *cfg, struct err *e)
{
	struct paired_list pl = { 0 };
	char hash[PASSWD_HASH_MAX];
	struct dbp mine[] = { P_INT(DEMO_BADONG_PAIRED) };
	long long paired;
	int rc;

	if (passwd_hash(cfg, DEMO_PASSWORD, hash, e) < 0 ||
	    db_query_int(db, "SELECT COUNT(*) FROM children WHERE status = 'paired'", NULL, 0,
	                 &paired, e) < 0)
		return -1;
	pl.cap = (size_t)paired;
	pl.v = calloc(pl.cap + 1, sizeof *pl.v);
	if (!pl.v)
		return err_set(e, 500, NULL, "out of memory");
	if (db_begin(db, e) < 0) {
		free(pl.v);
		return -1;
	}
	rc = care_people(db, hash, e) < 0 || care_pairings(db, e) < 0 ||
	     db_query(db, "SELECT c.id, c.code, c.county_code, p.id, "
	              "DATEDIFF(CURDATE(), p.created_at), MIN(vc.staff_id), "
	              "c.id < (SELECT MIN(id) FROM children) + ? FROM children c "
	              "JOIN sponsorships p ON p.live_child = c.id "
	              "JOIN volunteer_children vc ON vc.child_id = c.id "
	              "JOIN staff s ON s.id = vc.staff_id AND s.region_code = c.county_code "
	              "GROUP BY c.id ORDER BY c.id", mine, nitems(mine), paired_row, &pl, e) < 0 ||
	     care_visits(db, cfg, &pl, e) < 0 || care_letter(db, cfg, &pl, e) < 0 ? -1 : 0;
	free(pl.v);
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, e);
}
