/*
 * txctl.c — the administrator's command line: demo data, the outbox sender, the sandbox
 * provider's key, and backups.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>

#include "backup.h"
#include "demo.h"
#include "mail.h"
#include "sms.h"
#include "../core/import.h"
#include "../core/orgs.h"
#include "../core/staff.h"
#include "../keys.h"
#include "../log.h"
#include "../outbox.h"
#include "../passwd.h"
#include "../regions.h"
#include "../scope.h"
#include "../util.h"

#define MAX_CONFIGS   8     /* -c files */
/* staff-add's password: the first line of standard input, as far as it is read. */
#define PASSWORD_LINE 256

static void usage(void)
{
	fprintf(stderr,
	        "usage: txctl -c config.hdf [-c more.hdf ...] COMMAND\n"
	        "commands:\n"
	        "  demo N          insert N fictional children (demo and benchmark "
	        "instances only)\n"
	        "  demo-donors     add the demo donor demo@example.com and a few fictional gifts\n"
	        "  outbox          deliver queued mail and SMS (this build's sender prints "
	        "them to stdout)\n"
	        "  sandbox-pubkey  print the config line with the sandbox provider's public key\n"
	        "  staff-add USERNAME ROLE REGION NAME [ORG]\n"
	        "                  create a staff account (role province|city|county|volunteer, "
	        "region its GB/T 2260 code);\n"
	        "                  a volunteer names its organisation in that county, by id or "
	        "by name;\n"
	        "                  the password is read from the first line of standard input. "
	        "There are no default\n"
	        "                  accounts: this makes the first province account of an "
	        "installation.\n"
	        "  demo-staff      add the demo staff accounts, volunteer organisations, "
	        "volunteers,\n"
	        "                  pairings, their visits, gifts and payouts (demo instances "
	        "only)\n"
	        "  ledger-sample N REGION\n"
	        "                  print a fictional ledger of N rows for a city or county (or "
	        "420000 for all)\n"
	        "  import USERNAME FILE [apply]\n"
	        "                  check a ledger CSV (README: the ledger import) as staff member "
	        "USERNAME would upload it,\n"
	        "                  and with 'apply' write it: the same checks, report and audit as "
	        "/admin/import\n"
	        "  backup DIR      a backup of the database and the uploaded files into DIR, "
	        "sealed to Backup.PublicKey;\n"
	        "                  then older ones in DIR go as Backup.Daily and Backup.Weekly "
	        "say\n"
	        "  restore FILE KEYFILE\n"
	        "                  restore a backup into this instance's empty database and "
	        "directories, with the secret key\n"
	        "  backup-keygen   print a new backup key pair: the public half for the config, "
	        "the secret half for off the server\n");
	exit(2);
}

static int cmd_demo(struct db *db, const struct config *cfg, int argc, char **argv, struct err *e)
{
	char *end;
	long n;

	if (argc != 2)
		usage();
	n = strtol(argv[1], &end, 10);
	if (*end || n < 0 || n > 1000000)
		return err_set(e, 400, NULL, "demo: N must be 0..1000000");
	return demo_load(db, cfg, n, e);
}

/* This run's name on the messages it claims: its host, its process and a random part. */
static void run_name(char *out, size_t n)
{
	char host[64] = "";

	gethostname(host, sizeof host - 1);
	snprintf(out, n, "%.40s:%ld:%08x", host, (long)getpid(), randombytes_random());
}

/*
 * Deliver what is due: e-mail through the relay of Mail.SMTP, SMS through the gateway of
 * Sms.Gateway (on a demo site without them, to standard output).
 */
static int cmd_outbox(struct db *db, const struct config *cfg, struct err *e)
{
	struct mail_relay relay;
	struct sms_gateway gateway;
	struct outbox_sender smtp, sms;
	struct outbox_senders s = { NULL, NULL };
	struct outbox_run run;
	char holder[128];
	int rc;

	if (mail_relay_from(cfg, &relay)) {
		smtp = mail_sender(&relay);
		s.email = &smtp;
	} else if (cfg->demo) {
		s.email = &OUTBOX_STDOUT;
	}
	if (sms_gateway_from(cfg, &gateway)) {
		sms = sms_sender(&gateway);
		s.sms = &sms;
	} else if (cfg->demo) {
		s.sms = &OUTBOX_STDOUT;
	}
	run_name(holder, sizeof holder);
	rc = outbox_deliver(db, &s, holder, 1000, &run, e);
	mail_relay_close(&relay);
	sms_gateway_close(&gateway);
	if (rc < 0)
		return -1;
	log_info("outbox: %d sent, %d not (as %s)", run.sent, run.failed, holder);
	return 0;
}

/*
 * The public half of Secrets.SandboxSeed, for Pay.Sandbox.PublicKey: the app verifies with it, and
 * only it.
 */
static int cmd_sandbox_pubkey(const struct config *cfg, struct err *e)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	char hex[sizeof pk * 2 + 1];

	if (!cfg->has_sandbox_seed)
		return err_set(e, 400, NULL, "Secrets.SandboxSeed is not set");
	crypto_sign_seed_keypair(pk, sk, cfg->sandbox_seed);
	sodium_memzero(sk, sizeof sk);
	printf("Pay.Sandbox.PublicKey = %s\n", sodium_bin2hex(hex, sizeof hex, pk, sizeof pk));
	return 0;
}

/*
 * A staff account, opened by the system (the audit log says txctl): the first province account,
 * say.
 */
static int cmd_staff_add(struct db *db, const struct config *cfg, int argc, char **argv,
                         struct err *e)
{
	char pw[PASSWORD_LINE], hash[PASSWD_HASH_MAX];
	struct actor sys = actor_system("txctl");
	struct staff_new n = { .username = argv[1], .pw_hash = hash, .name = argv[4],
	                       .role = argv[2], .region = argv[3] };
	int volunteer = argc > 2 && strcmp(argv[2], "volunteer") == 0;
	struct field f;

	if (argc != 5 + volunteer)
		usage();
	if (regions_load(db, e) < 0)
		return -1;
	/* A volunteer's organisation, named within the county the command gives. */
	if (volunteer && (!scope_role_fits("volunteer", argv[3]) ||
	                  org_find(db, argv[3], argv[5], &n.org_id, e) < 0))
		return err_set(e, 400, NULL, "staff-add: a volunteer needs the id or name of an "
		               "organisation of county %s", argv[3]);
	if (v_username(argv[1], &f) < 0 || staff_check_new(&sys, &n, e) < 0)
		return err_set(e, 400, NULL, "staff-add: a username of a-z 0-9 . _ -, and a region "
		               "of the role's level");
	if (!fgets(pw, sizeof pw, stdin))
		return err_set(e, 400, NULL, "staff-add: no password on standard input");
	pw[strcspn(pw, "\r\n")] = '\0';
	if (v_password(pw, &f) < 0)
		return err_set(e, 400, NULL, "staff-add: the password must be 8 to 128 characters");
	if (passwd_hash(cfg, pw, hash, e) < 0)
		return -1;
	sodium_memzero(pw, sizeof pw);
	/* The password may come long after the regions were read: the connection may be gone. */
	if (db_ready(db, e) < 0 || staff_open(db, cfg, &sys, &n, e) < 0)
		return -1;
	log_info("txctl: staff account %s (%s, %s) created", argv[1], argv[2], argv[3]);
	return 0;
}

/* A progress bar on a terminal; nothing when the output goes to a file or a pipe. */
static void progress(void *ctx, long done, long total)
{
	int width = 40;
	int filled = total > 0 ? (int)(done * width / (total > done ? total : done)) : width;

	(void)ctx;
	if (!isatty(STDERR_FILENO))
		return;
	fprintf(stderr, "\r[%.*s%*s] %ld/%ld", filled, "########################################",
	        width - filled, "", done, total);
	if (done >= total)
		fputc('\n', stderr);
}

static int read_file(const char *path, char **data, size_t *len, struct err *e)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (!f)
		return err_set(e, 400, NULL, "cannot open %s", path);
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || n > IMPORT_MAX_BYTES ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return err_set(e, 400, NULL, "%s: unreadable, or over 20 MB", path);
	}
	*data = malloc((size_t)n + 1);
	*len = *data ? fread(*data, 1, (size_t)n, f) : 0;
	fclose(f);
	return *data && *len == (size_t)n ? 0 : err_set(e, 500, NULL, "%s: short read", path);
}

/*
 * The report as the web page shows it: the staff member's allowance decides what is told of other
 * counties.
 */
static void print_report(const struct import_report *rep, const char *username, int apply)
{
	if (rep->withheld)
		printf("dry run: %ld rows: %ld not in %s's records (new, or on record in other "
		       "counties: not told "
		       "apart today), %ld updated, %ld unchanged, %ld rejected\n", rep->rows,
		       rep->added + rep->elsewhere, username, rep->updated, rep->unchanged,
		       rep->rejected);
	else
		printf("%s: %ld rows: %ld new, %ld on record in other counties, %ld updated, "
		       "%ld unchanged, "
		       "%ld rejected\n", apply ? "applied" : "dry run", rep->rows, rep->added,
		       rep->elsewhere, rep->updated, rep->unchanged, rep->rejected);
	for (long i = 0; i < rep->nrejects; i++)
		printf("  row %ld: %s\n", rep->rejects[i].line, rep->rejects[i].why);
	for (long i = 0; i < rep->ntold; i++)
		printf("  row %ld: on record in another county: ask the province to "
		       "transfer the record\n", rep->told[i]);
}

/*
 * An import as the staff member named: their scope decides what may be imported, and the audit log
 * names them.
 */
static int cmd_import(struct db *db, const struct config *cfg, int argc, char **argv, struct err *e)
{
	struct import_report rep = { 0 };
	struct actor staff;
	char *data = NULL;
	size_t len = 0;
	int apply = argc == 4 && strcmp(argv[3], "apply") == 0, rc;

	if (argc != 3 && !apply)
		usage();
	if (regions_load(db, e) < 0 || staff_actor(db, argv[1], "txctl", &staff, e) < 0 ||
	    read_file(argv[2], &data, &len, e) < 0) {
		free(data);
		return -1;
	}
	rc = import_ledger(db, cfg, &staff, data, len, apply, &rep, progress, NULL, e);
	free(data);
	if (rc == 0) {
		print_report(&rep, argv[1], apply);
	} else if (e->msg[0] || e->key) {
		char buf[ERR_MSG_LEN];

		fprintf(stderr, "%s\n", err_text(e, buf, sizeof buf));
	}
	import_report_free(&rep);
	return rc;
}

/* A backup, its file's name on standard output (for the timer's log and for scripts). */
static int cmd_backup(const struct config *cfg, const char *dir, struct err *e)
{
	char name[128];

	if (backup_run(cfg, dir, name, sizeof name, e) < 0)
		return -1;
	printf("%s/%s\n", dir, name);
	return 0;
}

int main(int argc, char **argv)
{
	char *files[MAX_CONFIGS];
	int nfiles = 0, opt, rc;
	struct config cfg;
	struct db db;
	struct err e;

	while ((opt = getopt(argc, argv, "c:")) != -1) {
		if (opt == 'c' && nfiles < (int)nitems(files))
			files[nfiles++] = optarg;
		else
			usage();
	}
	argc -= optind;
	argv += optind;
	if (nfiles == 0 || argc < 1)
		usage();
	err_clear(&e);
	if (sodium_init() < 0 || config_load(&cfg, files, nfiles, NULL, 0, &e) < 0) {
		log_error("txctl: %s", e.cause);
		return 1;
	}
	db_init(&db, &cfg);
	if (strcmp(argv[0], "demo") == 0)
		rc = cmd_demo(&db, &cfg, argc, argv, &e);
	else if (strcmp(argv[0], "demo-donors") == 0)
		rc = demo_donors(&db, &cfg, &e);
	else if (strcmp(argv[0], "outbox") == 0)
		rc = cmd_outbox(&db, &cfg, &e);
	else if (strcmp(argv[0], "staff-add") == 0)
		rc = cmd_staff_add(&db, &cfg, argc, argv, &e);
	else if (strcmp(argv[0], "ledger-sample") == 0 && argc == 3)
		rc = regions_load(&db, &e) < 0 ? -1 :
		     demo_ledger(stdout, strtol(argv[1], NULL, 10), argv[2], &e);
	else if (strcmp(argv[0], "import") == 0)
		rc = cmd_import(&db, &cfg, argc, argv, &e);
	else if (strcmp(argv[0], "demo-staff") == 0)
		rc = demo_staff(&db, &cfg, &e) < 0 || demo_care(&db, &cfg, &e) < 0 ||
		     demo_money(&db, &cfg, &e) < 0 || demo_renewals(&db, &cfg, &e) < 0 ? -1 :
		     demo_fund(&db, &cfg, &e);
	else if (strcmp(argv[0], "backup") == 0 && argc == 2)
		rc = cmd_backup(&cfg, argv[1], &e);
	else if (strcmp(argv[0], "restore") == 0 && argc == 3)
		rc = backup_restore(&cfg, argv[1], argv[2], &e);
	else if (strcmp(argv[0], "backup-keygen") == 0)
		rc = backup_keygen();
	else if (strcmp(argv[0], "sandbox-pubkey") == 0)
		rc = cmd_sandbox_pubkey(&cfg, &e);
	else
		usage();
	if (rc < 0)
		log_error("txctl %s: %s", argv[0], e.cause);
	db_close(&db);
	config_free(&cfg);
	return rc < 0 ? 1 : 0;
}
