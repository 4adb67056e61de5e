/* txctl.c — the administrator's command line: demo data, the outbox sender, and the sandbox provider's key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>

#include "demo.h"
#include "../log.h"
#include "../keys.h"
#include "../outbox.h"
#include "../passwd.h"
#include "../regions.h"

static void usage(void)
{
	fprintf(stderr,
	        "usage: txctl -c config.hdf [-c more.hdf ...] COMMAND\n"
	        "commands:\n"
	        "  demo N          insert N fictional children (demo and benchmark instances only)\n"
	        "  demo-donors     add the demo donor demo@example.com and a few fictional gifts\n"
	        "  outbox          deliver queued mail and SMS (this build's sender prints them to stdout)\n"
	        "  sandbox-pubkey  print the config line with the sandbox provider's public key\n"
	        "  staff-add USERNAME ROLE REGION NAME\n"
	        "                  create a staff account (role province|city|county|volunteer, region its GB/T 2260 code);\n"
	        "                  the password is read from the first line of standard input. There are no default\n"
	        "                  accounts: this makes the first province account of an installation.\n"
	        "  demo-staff      add the demo staff accounts (demo instances only)\n");
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

static int cmd_outbox(struct db *db, struct err *e)
{
	int sent;

	if (outbox_deliver(db, &OUTBOX_STDOUT, 1000, &sent, e) < 0)
		return -1;
	log_info("outbox: %d sent", sent);
	return 0;
}

/* The public half of Secrets.SandboxSeed, for Pay.Sandbox.PublicKey: the app verifies with it, and only it. */
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

/* The region a role is bound to must be of the role's level. */
static int region_fits(const char *role, const char *code)
{
	const struct region *r = region_get(code);

	if (!r)
		return 0;
	if (strcmp(role, "province") == 0)
		return r->parent[0] == '\0';
	if (strcmp(role, "city") == 0)
		return r->is_city;
	return (strcmp(role, "county") == 0 || strcmp(role, "volunteer") == 0) && r->is_county;
}

static int cmd_staff_add(struct db *db, const struct config *cfg, int argc, char **argv, struct err *e)
{
	char pw[256], hash[PASSWD_HASH_MAX];
	struct field f;

	if (argc != 5)
		usage();
	if (regions_load(db, e) < 0)
		return -1;
	if (v_username(argv[1], &f) < 0 || !region_fits(argv[2], argv[3]))
		return err_set(e, 400, NULL, "staff-add: a username of a-z 0-9 . _ -, and a region of the role's level");
	if (!fgets(pw, sizeof pw, stdin))
		return err_set(e, 400, NULL, "staff-add: no password on standard input");
	pw[strcspn(pw, "\r\n")] = '\0';
	if (v_password(pw, &f) < 0)
		return err_set(e, 400, NULL, "staff-add: the password must be 8 to 128 characters");
	if (passwd_hash(cfg, pw, hash, e) < 0)
		return -1;
	sodium_memzero(pw, sizeof pw);
	{
		struct dbp p[] = { P_STR(argv[1]), P_STR(hash), P_STR(argv[4]), P_STR(argv[2]), P_STR(argv[3]) };
		if (db_exec(db, "INSERT INTO staff (username, pw_hash, display_name, role, region_code) VALUES (?, ?, ?, ?, ?)",
		            p, 5, NULL, e) < 0)
			return -1;
	}
	{
		struct dbp p[] = { P_STR(argv[1]), P_STR(argv[2]), P_STR(argv[3]) };
		if (db_exec(db, "INSERT INTO audit_log (staff_id, addr, action, object_type, object_id, summary) "
		            "SELECT NULL, 'txctl', 'staff.create', 'staff', id, CONCAT('created ', ?, ' as ', ?, ' of ', ?) "
		            "FROM staff WHERE username = ?", (struct dbp[]){ p[0], p[1], p[2], p[0] }, 4, NULL, e) < 0)
			return -1;
	}
	log_info("txctl: staff account %s (%s, %s) created", argv[1], argv[2], argv[3]);
	return 0;
}

int main(int argc, char **argv)
{
	char *files[8];
	int nfiles = 0, opt, rc;
	struct config cfg;
	struct db db;
	struct err e;

	while ((opt = getopt(argc, argv, "c:")) != -1) {
		if (opt == 'c' && nfiles < 8)
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
		rc = cmd_outbox(&db, &e);
	else if (strcmp(argv[0], "staff-add") == 0)
		rc = cmd_staff_add(&db, &cfg, argc, argv, &e);
	else if (strcmp(argv[0], "demo-staff") == 0)
		rc = demo_staff(&db, &cfg, &e);
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
