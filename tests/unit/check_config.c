/* check_config.c — configuration is checked once at start-up: missing sections, keys and malformed secrets stop it. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "config.h"

#define KEY "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static const char *const BASE =
	"App.Socket = /tmp/x.sock\nApp.Templates = templates\nDB.Socket = /tmp/db.sock\nDB.Name = t\nDB.User = u\n"
	"Site.Name = s\nSite.Demo = 1\nCharity.Name = c\n";
#define KEYS "Secrets.PiiKey = " KEY "\nSecrets.HashKey = " KEY "\n"

struct ccase {
	const char *extra;   /* appended to BASE */
	const char *drop;    /* a line of BASE to leave out */
	int ok;
	const char *why;     /* in the refusal's cause */
};

static const struct ccase CASES[] = {
	{ KEYS, NULL, 1, NULL },
	{ "Secrets.PiiKey = " KEY "\n", NULL, 0, "HashKey" },                    /* no hash key */
	{ "Secrets.PiiKey = abc\nSecrets.HashKey = " KEY "\n", NULL, 0, "PiiKey" },  /* short key */
	{ KEYS, "Charity.Name = c\n", 0, "Charity" },
	{ KEYS, "Site.Name = s\nSite.Demo = 1\n", 0, "Site" },
	{ KEYS, "DB.User = u\n", 0, "DB.User" },
	{ KEYS "App.Workers = 0\n", NULL, 0, "App.Workers" },
	{ KEYS "App.PageCache = -1\n", NULL, 0, "App.PageCache" },
	/* A real site (Site.Demo = 0) takes no sandbox payments and has no test hooks. */
	{ KEYS "Site.Demo = 0\n", NULL, 0, "Pay.Provider = sandbox takes no real money" },
	{ KEYS "Site.Demo = 0\nPay.Provider = sandbox\n", NULL, 0, "for demo sites only" },
	{ KEYS "App.TestHooks = 1\n", NULL, 1, NULL },
	{ KEYS "Site.Demo = 0\nApp.TestHooks = 1\n", NULL, 0, "App.TestHooks is for test" },
};

START_TEST(checks_configuration)
{
	const struct ccase *c = &CASES[_i];
	char path[] = "/tmp/check_config_XXXXXX", base[512], *files[] = { path };
	struct config cfg;
	struct err e;
	int fd = mkstemp(path), rc;
	FILE *f = fdopen(fd, "w");
	char *cut;

	snprintf(base, sizeof base, "%s", BASE);
	if (c->drop && (cut = strstr(base, c->drop)))
		memmove(cut, cut + strlen(c->drop), strlen(cut + strlen(c->drop)) + 1);
	fprintf(f, "%s%s", base, c->extra);
	fclose(f);
	rc = config_load(&cfg, files, 1, NULL, 0, &e);
	unlink(path);
	ck_assert_msg((rc == 0) == c->ok, "case %d: %s", _i, rc ? e.cause : "loaded");
	ck_assert_msg(!c->why || strstr(e.cause, c->why), "case %d: %s", _i, e.cause);
	/* The device cookies' key is derived from the hash key, and is not the hash key itself. */
	if (rc == 0)
		ck_assert_int_ne(memcmp(cfg.device_key, cfg.hash_key, sizeof cfg.hash_key), 0);
	config_free(&cfg);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("config");
	TCase *t = tcase_create("config");

	tcase_add_loop_test(t, checks_configuration, 0, sizeof CASES / sizeof CASES[0]);
	suite_add_tcase(s, t);
	return s;
}
