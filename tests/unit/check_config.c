/* check_config.c — configuration checked at start-up: missing keys and bad secrets stop it. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "config.h"
#include "util.h"

#define KEY "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define KEY2 "1123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define KEY3 "2123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define ZERO "0000000000000000000000000000000000000000000000000000000000000000"
#define KEYS "Secrets.PiiKey = " KEY "\nSecrets.HashKey = " KEY2 "\nSecrets.MasterKey = " KEY3 "\n"

static const char *const BASE =
	"App.Socket = /tmp/x.sock\nApp.Templates = templates\nDB.Socket = /tmp/db.sock\n"
	"DB.Name = t\nDB.User = u\n"
	"Site.Name = s\nSite.Demo = 1\nCharity.Name = c\n";

struct ccase {
	const char *extra;   /* appended to BASE */
	const char *drop;    /* a line of BASE to leave out */
	int ok;
	const char *why;     /* in the refusal's cause */
};

/* A configuration taken or refused; one without a line of BASE; one refused for a cause. */
#define GOOD(x)           { .extra = x, .drop = NULL, .ok = 1, .why = NULL }
#define REFUSED(x)        { .extra = x, .drop = NULL, .ok = 0, .why = NULL }
#define WITHOUT(x, d)     { .extra = x, .drop = d, .ok = 0, .why = NULL }
#define REFUSED_FOR(x, w) { .extra = x, .drop = NULL, .ok = 0, .why = w }

static const struct ccase CASES[] = {
	GOOD(KEYS),
	/* no hash key */
	REFUSED("Secrets.PiiKey = " KEY "\nSecrets.MasterKey = " KEY3 "\n"),
	/* no master key */
	REFUSED("Secrets.PiiKey = " KEY "\nSecrets.HashKey = " KEY2 "\n"),
	REFUSED(KEYS "Secrets.PiiKey = abc\n"), /* short key */
	REFUSED(KEYS "Secrets.PiiKey = " KEY "00\n"), /* long key */
	REFUSED(KEYS "Secrets.HashKey = " ZERO "\n"), /* the example's */
	REFUSED(KEYS "Secrets.MasterKey = " ZERO "\n"),
	REFUSED(KEYS "Secrets.MasterKey = " KEY "\n"), /* two alike */
	REFUSED(KEYS "Secrets.HashKey = " KEY "\n"),
	WITHOUT(KEYS, "Charity.Name = c\n"),
	WITHOUT(KEYS, "Site.Name = s\nSite.Demo = 1\n"),
	WITHOUT(KEYS, "DB.User = u\n"),
	REFUSED(KEYS "App.Workers = 0\n"),
	REFUSED(KEYS "App.PageCache = -1\n"),
	/* A real site (Site.Demo = 0) takes no sandbox payments and has no test hooks. */
	REFUSED_FOR(KEYS "Site.Demo = 0\n", "Pay.Providers offers sandbox, which takes no real"),
	REFUSED_FOR(KEYS "Site.Demo = 0\nPay.Provider = sandbox\n", "for demo sites only"),
	REFUSED_FOR(KEYS "Site.Demo = 0\nPay.Providers = sandbox\n", "for demo sites only"),
	/* The providers offered: each one this build has, once. */
	GOOD(KEYS "Pay.Providers = sandbox\n"),
	REFUSED_FOR(KEYS "Pay.Providers = paypal\n", "'paypal', a provider this build does not"),
	REFUSED_FOR(KEYS "Pay.Providers = sandbox, sandbox\n", "names 'sandbox' twice"),
	REFUSED_FOR(KEYS "Pay.Providers = ,\n", "names no provider"),
	/* Alipay offered without its app id, or with a key file that cannot be read. */
	REFUSED_FOR(KEYS "Site.Demo = 0\nPay.Providers = alipay\n", "Pay.Alipay.AppId"),
	REFUSED_FOR(KEYS "Site.Demo = 0\nPay.Providers = alipay\nPay.Alipay.AppId = 1\n"
	            "Pay.Alipay.PublicKeyFile = /nonexistent/alipay.pem\n"
	            "Secrets.AlipayPrivateKeyFile = /nonexistent/app.pem\n",
	            "Secrets.AlipayPrivateKeyFile"),
	/* WeChat Pay offered without its merchant settings and keys: the site does not start. */
	REFUSED_FOR(KEYS "Site.Demo = 0\nPay.Providers = wechatpay\n", "Pay.WeChat.MchId"),
	REFUSED_FOR(KEYS "Site.Demo = 0\nPay.Providers = wechatpay\nPay.WeChat.MchId = 1\n"
	            "Pay.WeChat.AppId = a\nPay.WeChat.SerialNo = 1\nPay.WeChat.PlatformSerial = 2\n"
	            "Pay.WeChat.PlatformKey = k\nSecrets.WeChat.PrivateKey = not a key\n"
	            "Secrets.WeChat.APIv3Key = 0123456789abcdef0123456789abcdef\n",
	            "PrivateKey unreadable"),
	GOOD(KEYS "App.TestHooks = 1\n"),
	REFUSED_FOR(KEYS "Site.Demo = 0\nApp.TestHooks = 1\n", "App.TestHooks is for test"),
	REFUSED(KEYS "Checkout.MaxHoldsPerNetwork = 0\n"),
	REFUSED(KEYS "Checkout.CooldownHours = -1\n"),
	GOOD(KEYS "Checkout.CooldownHours = 0\n"), /* no cool-down */
	REFUSED(KEYS "Throttle.CodesPerLogin = 0\n"),
};

START_TEST(checks_configuration)
{
	const struct ccase *c = &CASES[_i];
	char path[] = "/tmp/check_config_XXXXXX", base[PATH_MAX], *files[] = { path };
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
	/*
	 * Each use has a key of its own, derived from the master key; the ID hash keeps the key it
	 * had.
	 */
	if (rc == 0) {
		const unsigned char *k[] = { cfg.pii_key, cfg.hash_key, cfg.csrf_key,
		                             cfg.throttle_key, cfg.device_key };
		for (size_t i = 0; i < 5; i++)
			for (size_t j = i + 1; j < 5; j++)
				ck_assert_int_ne(memcmp(k[i], k[j], 32), 0);
		ck_assert_int_eq(cfg.hash_key[0], 0x11);
	}
	config_free(&cfg);
}
END_TEST

/* The example secrets file, copied into place unchanged, does not start. */
START_TEST(refuses_the_example_secrets)
{
	char *files[] = { "conf/tongxiang.hdf", "conf/secrets.hdf.example" };
	struct config cfg;
	struct err e;

	ck_assert_int_eq(config_load(&cfg, files, 2, NULL, 0, &e), -1);
	ck_assert_msg(strstr(e.cause, "all zeros") != NULL, "refused for: %s", e.cause);
	config_free(&cfg);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("config");
	TCase *t = tcase_create("config");

	tcase_add_loop_test(t, checks_configuration, 0, nitems(CASES));
	tcase_add_test(t, refuses_the_example_secrets);
	suite_add_tcase(s, t);
	return s;
}
