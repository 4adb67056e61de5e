/*
 * http_backup.c — the restore drill: a backup taken while donors check out, restored into a new
 * instance of its own, is the source as it was at the snapshot (every table's rows and checksum
 * as the manifest says, paid orders with their gifts) and serves the site; a backup of a newer
 * schema, a damaged one, and one into a database that is not empty are refused, writing nothing.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "client.h"
#include "util.h"

#define PW        "backup-test-pw"
#define CMD_MAX   16384
#define OUT_MAX   8192
/* Donors checking out while the backup runs, children each (Checkout.MaxHolds is 3). */
#define DONORS    2
#define EACH      3

static char var[512], keyfile[600], restored[600], file[700];
static char root[512], build[512];
static int port;

/* Run a shell command; its standard output and error into out (if not NULL). Returns status. */
static int sh(char *out, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int sh(char *out, size_t n, const char *fmt, ...)
{
	char cmd[CMD_MAX], path[700];
	va_list ap;
	FILE *f;
	size_t len;
	int rc;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd - sizeof path - 16, fmt, ap);
	va_end(ap);
	snprintf(path, sizeof path, "%s/log/http_backup.sh.out", var);
	snprintf(cmd + strlen(cmd), sizeof path + 16, " > '%s' 2>&1", path);
	rc = system(cmd);
	if (out && (f = fopen(path, "r"))) {
		len = fread(out, 1, n - 1, f);
		out[len] = '\0';
		fclose(f);
	}
	return rc;
}

/* txctl with the test instance's config and the backup key's public half. */
#define TXCTL(conf) "cd '%s' && '%s/txctl' -c conf/tongxiang.hdf -c '%s/instance.hdf' " \
	"-c '%s/secrets.hdf' -c '%s/sandbox.hdf' " conf
#define ON(v) root, build, v, v, v

/* One number from SQL run as root on the instance under dir. */
static long long sql_num(const char *dir, const char *sql)
{
	char out[256];

	ck_assert_msg(sh(out, sizeof out, "mariadb --no-defaults --socket='%s/run/mysqld.sock' "
	                 "-uroot -N -B -e \"%s\"", dir, sql) == 0, "%s: %s", sql, out);
	return strtoll(out, NULL, 10);
}

/* ---- donors checking out meanwhile (the sandbox flow, as http_checkout goes through it) ---- */

/* One more than the donors check out: the restored site's own checkout. */
static char codes[DONORS * EACH + 1][11];
static volatile int paid;

/* GET (form NULL) or POST path as the browser: the status must be want; Location into loc. */
static void step(struct browser *b, const char *path, const char *form, long want, char *loc)
{
	struct resp r;

	ck_assert_int_eq(form ? b_post(b, path, form, &r) : b_get(b, path, &r), 0);
	ck_assert_msg(r.status == want, "%s: %ld", path, r.status);
	if (loc)
		resp_location(&r, loc, 256);
	resp_free(&r);
}

/* Hold a child, order the annual plan, pay it on the sandbox's page. */
static void pay_one(struct browser *b, const char *code)
{
	char sponsor[64], hold[64], loc[256], pay[300];

	snprintf(sponsor, sizeof sponsor, "/sponsor/%s", code);
	snprintf(hold, sizeof hold, "/children/%s/hold", code);
	step(b, sponsor, NULL, 200, NULL);
	step(b, hold, "", 303, NULL);
	step(b, sponsor, NULL, 200, NULL);
	step(b, sponsor, "plan=annual&agree=1&receipt_name=backup", 303, loc);
	ck_assert_msg(strncmp(loc, "/pay/sandbox/", 13) == 0, "order: %s", loc);
	step(b, loc, NULL, 200, NULL);
	snprintf(pay, sizeof pay, "%.256s/pay", loc);
	step(b, pay, "", 303, NULL);
	paid++;
}

static void *checkouts(void *arg)
{
	long d = (long)arg;
	struct browser b;
	char login[128];

	browser_init(&b);
	snprintf(login, sizeof login, "backup-%ld-%d@example.com", d, (int)getpid());
	ck_assert_int_eq(b_signup(&b, login, PW, "backup"), 303);
	ck_assert_int_eq(b_verify(&b, login), 303);
	for (int i = 0; i < EACH; i++)
		pay_one(&b, codes[d * EACH + i]);
	browser_free(&b);
	return NULL;
}

/*
 * Children of the test's own to check out (TB…, born in 2014), so that the demo children other
 * tests count stay listed.
 */
static void make_children(void)
{
	char id[32];

	for (int i = 0; i < (int)nitems(codes); i++) {
		snprintf(codes[i], sizeof codes[i], "TB%08u", (unsigned)(i + 1) % 100000000u);
		snprintf(id, sizeof id, "HBAK-%.10s", codes[i]);
		struct fixture_child ch = {
			codes[i], "测试·备份", "m", "2014-03-07", "422823", "ill",
			"（虚构）备份测试用的故事。", "waiting", 1, "虚构·备份真名", id,
			"虚构监护人 13900000000",
		};
		fixture_delete(codes[i]);   /* an earlier run's */
		ck_assert_msg(fixture_insert(&ch) == 0, "fixture %s not inserted", codes[i]);
	}
}

/* ---- the drill ---- */

static void setup(void)
{
	const char *b = getenv("BUILD");
	char out[OUT_MAX], *p;
	FILE *f;

	snprintf(var, sizeof var, "%s", getenv("TX_VAR"));
	snprintf(root, sizeof root, "%s", getenv("TX_ROOT"));
	snprintf(build, sizeof build, "%.200s%s%.200s", b && *b == '/' ? "" : root,
	         b && *b == '/' ? "" : "/", b ? b : "build");
	port = getenv("TX_RESTORE_PORT") ? atoi(getenv("TX_RESTORE_PORT")) : http_port() + 1;
	snprintf(keyfile, sizeof keyfile, "%s/backup-secret.key", var);
	snprintf(restored, sizeof restored, "%s/restored", var);
	/* A key pair: the public half for the site's config, the secret half for the restore. */
	ck_assert_int_eq(sh(out, sizeof out, TXCTL("backup-keygen"), ON(var)), 0);
	ck_assert_ptr_nonnull((p = strstr(out, "Backup.PublicKey = ")));
	snprintf(file, sizeof file, "%s/backup.hdf", var);
	ck_assert_ptr_nonnull((f = fopen(file, "w")));
	/* Pages of a prime number of rows: many a table read in several, none in whole ones. */
	fprintf(f, "%.83s\nBackup.PageRows = 97\n", p);
	fclose(f);
	ck_assert_ptr_nonnull((f = fopen(keyfile, "w")));
	fputs(out, f);
	fclose(f);
	sh(NULL, 0, "VAR='%s' sh '%s/conf/devctl.sh' stop; rm -rf '%s' '%s/backups' "
	   "'%s/backups-new'", restored, root, restored, var, var);
}

/* A backup into dir under the test instance; its file's path into path. */
static void backup(const char *dir, char *path, size_t n)
{
	char out[OUT_MAX], *p;

	ck_assert_int_eq(sh(NULL, 0, "mkdir -p '%s/%s'", var, dir), 0);
	ck_assert_msg(sh(out, sizeof out, TXCTL("-c '%s/backup.hdf' backup '%s/%s'"), ON(var), var,
	                 var, dir) == 0, "backup: %s", out);
	/* Its last line: the file's path, after what it logged (a partial file removed, say). */
	if ((p = strrchr(out, '\n')) && !p[1])
		*p = '\0';
	snprintf(path, n, "%.600s", (p = strrchr(out, '\n')) ? p + 1 : out);
	ck_assert_msg(access(path, R_OK) == 0, "no backup file: %s", out);
}

/* A new instance under dir (its own MariaDB, app and nginx on port) from the backup file. */
static int restore_new(const char *dir, int on_port, const char *from, char *out, size_t n)
{
	return sh(out, n, "mkdir -p '%s' && cp '%s/secrets.hdf' '%s/' && cd '%s' && "
	          "BUILD='%s' VAR='%s' sh conf/devctl.sh restore %d '%s' '%s'", dir, var, dir, root,
	          build, dir, on_port, from, keyfile);
}

/* Run sql as root on the instance under dir: its rows, tab-separated, into out. */
static void query(const char *dir, const char *sql, char *out, size_t n)
{
	ck_assert_msg(sh(out, n, "mariadb --no-defaults -uroot -N -B --socket='%s/run/mysqld.sock' "
	                 "-e \"%s\"", dir, sql) == 0, "%.200s: %.200s", sql, out);
}

/* Whether the output of query has the line "first\tsecond". */
static int has_line(const char *out, const char *first, unsigned long long second)
{
	char line[256];

	snprintf(line, sizeof line, "%.200s\t%llu\n", first, second);
	for (const char *p = out; (p = strstr(p, line)); p++)
		if (p == out || p[-1] == '\n')
			return 1;
	return 0;
}

/*
 * Every table of the manifest, on the instance under dir: its rows, and its CHECKSUM TABLE
 * (one statement for all of each, not one process a table).
 */
static void tables_as_manifest(const char *dir, const char *manifest_path)
{
	static char counts[OUT_MAX * 2], sums[OUT_MAX * 2], gen[OUT_MAX], rows_sql[OUT_MAX * 2],
	            sum_sql[OUT_MAX];
	struct { char name[192]; unsigned long long rows, sum; } t[128];
	size_t ra = 0, sa = 0;
	int n = 0;
	char line[512], name[200];
	FILE *f = fopen(manifest_path, "r");

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof line, f) && n < (int)nitems(t))
		if (sscanf(line, "table %191s rows %llu checksum %llu", t[n].name,
		           &t[n].rows, &t[n].sum) == 3) {
			ra += snprintf(rows_sql + ra, sizeof rows_sql - ra,
			               "%sSELECT '%s', COUNT(*) FROM tongxiang.%s",
			               ra ? " UNION ALL " : "", t[n].name, t[n].name);
			sa += snprintf(sum_sql + sa, sizeof sum_sql - sa, "%stongxiang.%s",
			               sa ? ", " : "CHECKSUM TABLE ", t[n].name);
			n++;
		}
	fclose(f);
	ck_assert_int_ge(n, 40);
	ck_assert(ra < sizeof rows_sql && sa < sizeof sum_sql);
	query(dir, rows_sql, counts, sizeof counts);
	query(dir, sum_sql, sums, sizeof sums);
	query(dir, "SELECT DISTINCT table_name, 0 FROM information_schema.columns WHERE "
	      "table_schema = 'tongxiang' AND is_generated <> 'NEVER'", gen, sizeof gen);
	for (int i = 0; i < n; i++) {
		ck_assert_msg(has_line(counts, t[i].name, t[i].rows), "%s: not %llu rows",
		              t[i].name, t[i].rows);
		/* MariaDB's CHECKSUM TABLE is not a function of the rows when a table has stored
		 * generated columns (cgi/tools/backup.c): the restore compared those by their
		 * rows' digest. */
		if (has_line(gen, t[i].name, 0))
			continue;
		snprintf(name, sizeof name, "tongxiang.%.180s", t[i].name);
		ck_assert_msg(has_line(sums, name, t[i].sum), "%s: checksum not %llu", t[i].name,
		              t[i].sum);
	}
}

/*
 * The 信息公开 documents (the demo's plan, at least), each byte for byte and mode 0644 on the
 * restored instance, and served by its nginx.
 */
static void disclosure_restored(void)
{
	char out[OUT_MAX], path[128];
	struct resp r;

	ck_assert_msg(sh(out, sizeof out, "cd '%s/disclosure' && for f in *.pdf; do cmp \"$f\" "
	                 "'%s/disclosure/'\"$f\" && [ $(stat -c %%a '%s/disclosure/'\"$f\") = 644 ] "
	                 "|| exit 1; done; ls *.pdf | head -n 1", var, restored, restored) == 0,
	              "disclosure: %s", out);
	out[strcspn(out, "\n")] = '\0';
	ck_assert_msg(strlen(out) > 4, "no disclosure document to restore: %s", out);
	snprintf(path, sizeof path, "/files/disclosure/%.100s", out);
	ck_assert_int_eq(http_get(path, &r), 0);
	ck_assert_msg(r.status == 200 && r.len > 0, "%s on the restored site: %ld", path, r.status);
	resp_free(&r);
}

/*
 * On the restored site, a donor of the backup checks out end to end: hold, plan, the sandbox's
 * payment, paid with its gift. The triggers this fires call the stored procedures, which the
 * backup must have brought along.
 */
static void checkout_on_restored(void)
{
	char login[300], sql[400];
	struct browser b;

	query(restored, "SELECT MIN(d.login) FROM tongxiang.donors d JOIN tongxiang.pay_orders o "
	      "ON o.donor_id = d.id WHERE o.state = 'paid' AND d.login LIKE 'backup-%'", login,
	      sizeof login);
	login[strcspn(login, "\n")] = '\0';
	browser_init(&b);
	ck_assert_msg(b_login(&b, login, PW) == 303, "login as %s", login);
	pay_one(&b, codes[DONORS * EACH]);
	browser_free(&b);
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM tongxiang.pay_orders o JOIN "
	         "tongxiang.donations d ON d.order_id = o.id JOIN tongxiang.sponsorships s ON "
	         "s.id = o.sponsorship_id JOIN tongxiang.children c ON c.id = s.child_id WHERE "
	         "o.state = 'paid' AND c.code = '%s'", codes[DONORS * EACH]);
	ck_assert_int_eq(sql_num(restored, sql), 1);
	/*
	 * On the source it is still waiting, since 2020: gone, or it would lead the home page's
	 * cards for every test after this one.
	 */
	ck_assert_int_eq(fixture_delete(codes[DONORS * EACH]), 0);
}

START_TEST(a_backup_taken_during_checkouts_restores_as_it_was)
{
	char manifest[760], out[OUT_MAX], base[64], path[96], probe[700];
	pthread_t t[DONORS];
	struct browser staff;
	struct resp r;
	size_t n;

	make_children();
	/* A photo's file (its bytes are what matter here, not that they make a picture). */
	ck_assert_int_eq(sh(NULL, 0, "dd if=/dev/urandom of='%s/photos/backup-drill.jpg' bs=5000 "
	                    "count=1", var), 0);
	for (long d = 0; d < DONORS; d++)
		ck_assert_int_eq(pthread_create(&t[d], NULL, checkouts, (void *)d), 0);
	/*
	 * A backup that died half-way left its file, which this one removes; a symbolic link in a
	 * photo directory is not followed (txctl reads as root; the app's user owns the directory).
	 */
	ck_assert_int_eq(sh(NULL, 0, "mkdir -p '%s/backups' && echo x > '%s/backups/tongxiang-"
	                    "20200101-000000Z.txbk.partial' && ln -sf /etc/hostname '%s/photos/"
	                    "backup-link.jpg'", var, var, var), 0);
	/* Mid-way: some paid, more to come while the snapshot is read. */
	while (paid < 2)
		usleep(20000);
	backup("backups", file, sizeof file);
	sh(NULL, 0, "rm -f '%s/photos/backup-link.jpg'", var);
	snprintf(probe, sizeof probe, "%s/backups/tongxiang-20200101-000000Z.txbk.partial", var);
	ck_assert_msg(access(probe, F_OK) != 0, "%s is still there", probe);
	for (int d = 0; d < DONORS; d++)
		pthread_join(t[d], NULL);
	ck_assert_int_eq(paid, DONORS * EACH);

	n = strlen(file) - strlen(".txbk");
	snprintf(manifest, sizeof manifest, "%.*s.manifest", (int)n, file);
	ck_assert_msg(restore_new(restored, port, file, out, sizeof out) == 0, "restore: %s", out);
	tables_as_manifest(restored, manifest);
	ck_assert_int_eq(sh(out, sizeof out, "cd '%s/photos' && cmp backup-drill.jpg "
	                    "'%s/photos/backup-drill.jpg' && stat -c %%a '%s/photos/%s'", var,
	                    restored, restored, "backup-drill.jpg"), 0);
	ck_assert_str_eq(out, "640\n");
	snprintf(probe, sizeof probe, "%s/photos/backup-link.jpg", restored);
	ck_assert_msg(access(probe, F_OK) != 0, "a symbolic link's target was backed up");
	sh(NULL, 0, "rm -f '%s/photos/backup-drill.jpg'", var);
	/* One instant: every paid order has its gift and its sponsorship, none half-written. */
	ck_assert_int_eq(sql_num(restored, "SELECT COUNT(*) FROM tongxiang.pay_orders o "
	                         "WHERE o.state = 'paid' AND NOT EXISTS (SELECT 1 FROM "
	                         "tongxiang.donations d WHERE d.order_id = o.id)"), 0);
	ck_assert_int_le(sql_num(restored, "SELECT COUNT(*) FROM tongxiang.pay_orders"),
	                 admin_sql_num("SELECT COUNT(*) FROM pay_orders"));
	/* Tables the checkouts leave alone, read in pages of 97: every row, none twice. */
	ck_assert_int_eq(sql_num(restored, "SELECT COUNT(*) FROM tongxiang.children"),
	                 admin_sql_num("SELECT COUNT(*) FROM children"));
	ck_assert_int_eq(sql_num(restored, "SELECT COUNT(DISTINCT code) FROM tongxiang.regions"),
	                 admin_sql_num("SELECT COUNT(*) FROM regions"));

	/* The restored site serves the listing, a child's page and a staff login. */
	snprintf(base, sizeof base, "http://127.0.0.1:%d", port);
	setenv("TX_BASE", base, 1);
	disclosure_restored();
	ck_assert_int_eq(http_get("/children", &r), 0);
	ck_assert_int_eq(r.status, 200);
	resp_free(&r);
	ck_assert_int_eq(http_get(strcat(strcpy(path, "/children/"), codes[0]), &r), 0);
	ck_assert_int_eq(r.status, 200);
	resp_free(&r);
	ck_assert_int_eq(b_staff(&staff, "province"), 303);
	ck_assert_int_eq(b_get(&staff, "/admin", &r), 0);
	ck_assert_int_eq(r.status, 200);
	resp_free(&r);
	/* The sealed personal data reads again, with the secrets.hdf kept apart from the backup. */
	ck_assert_int_eq(b_get(&staff, strcat(strcpy(path, "/admin/children/"), codes[0]), &r), 0);
	ck_assert_msg(r.status == 200 && body_has(&r, "虚构·备份真名"), "%s: %ld", path, r.status);
	resp_free(&r);
	browser_free(&staff);
	checkout_on_restored();

	/* Into a database that is not empty: refused. */
	ck_assert_int_ne(sh(out, sizeof out, TXCTL("restore '%s' '%s'"), ON(restored), file,
	                    keyfile), 0);
	ck_assert_msg(strstr(out, "not empty"), "%s", out);
	sh(NULL, 0, "VAR='%s' sh '%s/conf/devctl.sh' stop", restored, root);
}
END_TEST

/*
 * An empty target without a second server: a database and directories of its own on the test
 * instance's MariaDB (TXCTL with this config last), which a refused restore must leave absent.
 */
static void empty_target(char *conf, size_t n)
{
	FILE *f;

	snprintf(conf, n, "%s/empty-target.hdf", var);
	ck_assert_ptr_nonnull((f = fopen(conf, "w")));
	fprintf(f, "DB.Name = tx_restore_probe\nApp.UploadDir = %s/probe/uploads\n"
	        "Care.PhotoDir = %s/probe/photos\nDisclosure.Dir = %s/probe/disclosure\n", var,
	        var, var);
	fclose(f);
	admin_sql("DROP DATABASE IF EXISTS tx_restore_probe", NULL);
	sh(NULL, 0, "rm -rf '%s/probe'", var);
}

/* Nothing of a refused restore: no database, no file. */
static void nothing_written(void)
{
	char out[64];

	ck_assert_int_eq(sql_num(var, "SELECT COUNT(*) FROM information_schema.schemata "
	                         "WHERE schema_name = 'tx_restore_probe'"), 0);
	ck_assert_int_eq(sh(out, sizeof out, "find '%s/probe' -type f 2>/dev/null | wc -l", var),
	                 0);
	ck_assert_int_eq(atoi(out), 0);
}

START_TEST(a_newer_schema_or_a_damaged_file_is_refused)
{
	char newer[700], conf[600], out[OUT_MAX];

	/* The source as a later build would have left it. */
	ck_assert_int_eq(admin_sql("INSERT INTO schema_version (version, name) VALUES (999, "
	                           "'999_from_the_future')", NULL), 0);
	backup("backups-new", newer, sizeof newer);
	ck_assert_int_eq(admin_sql("DELETE FROM schema_version WHERE version = 999", NULL), 0);
	empty_target(conf, sizeof conf);
	ck_assert_int_ne(sh(out, sizeof out, TXCTL("-c '%s' restore '%s' '%s'"), ON(var), conf,
	                    newer, keyfile), 0);
	ck_assert_msg(strstr(out, "schema version 999, newer than this build"), "%s", out);
	nothing_written();

	/* A byte flipped near its end: refused by its tag after the whole file was read. */
	ck_assert_int_eq(sh(NULL, 0, "cp '%s' '%s/damaged.txbk' && printf 'X' | dd of='%s/damaged."
	                    "txbk' bs=1 seek=$(($(stat -c %%s '%s') - 40)) conv=notrunc", newer,
	                    var, var, newer), 0);
	ck_assert_int_ne(sh(out, sizeof out, TXCTL("-c '%s' restore '%s/damaged.txbk' '%s'"),
	                    ON(var), conf, var, keyfile), 0);
	ck_assert_msg(strstr(out, "damaged backup"), "%s", out);
	nothing_written();
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("backup");
	TCase *tc = tcase_create("drill");

	tcase_add_unchecked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, a_backup_taken_during_checkouts_restores_as_it_was);
	tcase_add_test(tc, a_newer_schema_or_a_damaged_file_is_refused);
	suite_add_tcase(s, tc);
	return s;
}
