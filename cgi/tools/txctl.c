/* txctl.c — the administrator's command line: loads demo data now; staff accounts and ledger imports will join it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>

#include "demo.h"
#include "../log.h"

static void usage(void)
{
	fprintf(stderr,
	        "usage: txctl -c config.hdf [-c more.hdf ...] COMMAND\n"
	        "commands:\n"
	        "  demo N    insert N fictional children (demo and benchmark instances only)\n");
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
	else
		usage();
	if (rc < 0)
		log_error("txctl %s: %s", argv[0], e.cause);
	db_close(&db);
	config_free(&cfg);
	return rc < 0 ? 1 : 0;
}
