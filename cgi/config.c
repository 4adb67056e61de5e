/* config.c — the HDF configuration, loaded and checked once at start-up: no bad setting runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "config.h"
#include "pay.h"

static int need(struct config *c, const char *key, const char **out, struct err *e)
{
	*out = hdf_get_value(c->hdf, key, NULL);
	if (!*out || !**out)
		return err_set(e, 500, NULL, "config: %s is not set", key);
	return 0;
}

static int need_key(struct config *c, const char *name, unsigned char out[KEY_BYTES], struct err *e)
{
	const char *hex;
	size_t len = 0;

	if (need(c, name, &hex, e) < 0)
		return -1;
	if (strlen(hex) != KEY_BYTES * 2 ||
	    sodium_hex2bin(out, KEY_BYTES, hex, KEY_BYTES * 2, NULL, &len, NULL) != 0 ||
	    len != KEY_BYTES)
		return err_set(e, 500, NULL, "config: %s must be 64 hex digits (32 bytes)", name);
	/* conf/secrets.hdf.example's keys are zeros: a copy put to use unchanged must not start. */
	if (sodium_is_zero(out, KEY_BYTES))
		return err_set(e, 500, NULL,
		               "config: %s is all zeros, as in the example: generate one with "
		               "od -An -tx1 -N32 /dev/urandom | tr -d ' \\n'", name);
	return 0;
}

/*
 * The keys: the personal-data key and the ID-number hash's key as they are (changing the second
 * would orphan every stored hash), and from Secrets.MasterKey one derived key per other use
 * (crypto_kdf), so that no key serves two.
 */
static int load_keys(struct config *c, struct err *e)
{
	unsigned char master[KEY_BYTES];
	int rc = -1;

	if (need_key(c, "Secrets.PiiKey", c->pii_key, e) < 0 ||
	    need_key(c, "Secrets.HashKey", c->hash_key, e) < 0 ||
	    need_key(c, "Secrets.MasterKey", master, e) < 0)
		goto done;
	if (sodium_memcmp(c->pii_key, c->hash_key, KEY_BYTES) == 0 ||
	    sodium_memcmp(master, c->pii_key, KEY_BYTES) == 0 ||
	    sodium_memcmp(master, c->hash_key, KEY_BYTES) == 0) {
		err_set(e, 500, NULL, "config: Secrets.PiiKey, HashKey and MasterKey "
		        "must be three different keys");
		goto done;
	}
	crypto_kdf_derive_from_key(c->csrf_key, sizeof c->csrf_key, KEY_CSRF, KEY_CONTEXT, master);
	crypto_kdf_derive_from_key(c->throttle_key, sizeof c->throttle_key, KEY_THROTTLE,
	                           KEY_CONTEXT, master);
	crypto_kdf_derive_from_key(c->device_key, sizeof c->device_key, KEY_DEVICE, KEY_CONTEXT,
	                           master);
	crypto_kdf_derive_from_key(c->verify_key, sizeof c->verify_key, KEY_VERIFY, KEY_CONTEXT,
	                           master);
	rc = 0;
done:
	sodium_memzero(master, sizeof master);
	return rc;
}

/* An optional 32-byte key: absent is fine (*has = 0), malformed is not. */
static int maybe_key(struct config *c, const char *name, unsigned char out[KEY_BYTES], int *has,
                     struct err *e)
{
	const char *hex = hdf_get_value(c->hdf, name, "");

	*has = *hex != '\0';
	return *has ? need_key(c, name, out, e) : 0;
}

/* Room for the key of a -s Key=Value override. */
#define OVERRIDE_KEY_MAX 128

static int apply_override(HDF *hdf, const char *kv, struct err *e)
{
	const char *eq = strchr(kv, '=');
	char key[OVERRIDE_KEY_MAX];
	NEOERR *nerr;

	if (!eq || eq == kv || (size_t)(eq - kv) >= sizeof key)
		return err_set(e, 500, NULL, "config override '%s' is not Key=Value", kv);
	memcpy(key, kv, (size_t)(eq - kv));
	key[eq - kv] = '\0';
	nerr = hdf_set_value(hdf, key, eq + 1);
	return nerr ? err_neo(e, nerr, "config override") : 0;
}

/* Sessions, checkout and payments. */
/*
 * Pay.Providers, "wechatpay alipay" (spaces or commas): each one this build has, once. A site
 * that names none takes Pay.Provider, or the sandbox.
 */
static int load_providers(struct config *c, struct err *e)
{
	const char *list = hdf_get_value(c->hdf, "Pay.Providers",
	                                 hdf_get_value(c->hdf, "Pay.Provider", "sandbox"));
	char *save = NULL, *name;
	const struct pay_provider *pv;

	if ((size_t)snprintf(c->pay_names, sizeof c->pay_names, "%s", list) >= sizeof c->pay_names)
		return err_set(e, 500, NULL, "config: Pay.Providers is too long");
	c->pay_noffered = 0;
	c->pay_network = 0;
	for (name = strtok_r(c->pay_names, " ,", &save); name;
	     name = strtok_r(NULL, " ,", &save)) {
		if (!(pv = pay_provider(name)))
			return err_set(e, 500, NULL, "config: Pay.Providers names '%s', a provider "
			               "this build does not have", name);
		if (pay_offered(c, name))
			return err_set(e, 500, NULL, "config: Pay.Providers names '%s' twice",
			               name);
		if (c->pay_noffered == PAY_OFFERED_MAX)
			return err_set(e, 500, NULL, "config: Pay.Providers names more than %d",
			               PAY_OFFERED_MAX);
		c->pay_offered[c->pay_noffered++] = pv->name;
		c->pay_network |= pv->network;
	}
	if (c->pay_noffered == 0)
		return err_set(e, 500, NULL, "config: Pay.Providers names no provider");
	c->pay_provider = c->pay_offered[0];
	return 0;
}

static int load_checkout(struct config *c, struct err *e)
{
	c->https = hdf_get_int_value(c->hdf, "Site.Https", 1);
	c->demo = hdf_get_int_value(c->hdf, "Site.Demo", 0) == 1;
	c->site_url = hdf_get_value(c->hdf, "Site.URL", "http://127.0.0.1:8080");
	c->session_idle = 60 * hdf_get_int_value(c->hdf, "Session.IdleMinutes", 120);
	c->session_max = 86400 * hdf_get_int_value(c->hdf, "Session.MaxDays", 30);
	c->staff_idle = 60 * hdf_get_int_value(c->hdf, "Session.StaffIdleMinutes", 30);
	c->staff_max = 3600 * hdf_get_int_value(c->hdf, "Session.StaffMaxHours", 12);
	c->pw_slots = hdf_get_int_value(c->hdf, "App.PasswordHashes", 2);
	c->sweep_every = hdf_get_int_value(c->hdf, "App.SweepSeconds", 15);
	c->hold_seconds = 60 * hdf_get_int_value(c->hdf, "Checkout.HoldMinutes", 15);
	c->max_holds = hdf_get_int_value(c->hdf, "Checkout.MaxHolds", 3);
	c->max_net_holds = hdf_get_int_value(c->hdf, "Checkout.MaxHoldsPerNetwork", 10);
	c->cooldown = 3600 * hdf_get_int_value(c->hdf, "Checkout.CooldownHours", 24);
	c->signups_per_addr = hdf_get_int_value(c->hdf, "Throttle.SignupsPerAddress", 10);
	c->resets_per_login = hdf_get_int_value(c->hdf, "Throttle.ResetsPerLogin", 3);
	c->resets_per_addr = hdf_get_int_value(c->hdf, "Throttle.ResetsPerAddress", 10);
	c->codes_per_login = hdf_get_int_value(c->hdf, "Throttle.CodesPerLogin", 3);
	c->codes_per_addr = hdf_get_int_value(c->hdf, "Throttle.CodesPerAddress", 10);
	if (c->signups_per_addr < 1 || c->resets_per_login < 1 || c->resets_per_addr < 1 ||
	    c->codes_per_login < 1 || c->codes_per_addr < 1)
		return err_set(e, 500, NULL, "config: the Throttle limits must be at least 1");
	if (c->session_idle < 60 || c->session_max < c->session_idle || c->staff_idle < 60 ||
	    c->staff_max < c->staff_idle)
		return err_set(e, 500, NULL, "config: Session.IdleMinutes must be at least 1 "
		               "and within Session.MaxDays");
	if (c->pw_slots < 1 || c->pw_slots > 64)
		return err_set(e, 500, NULL, "config: App.PasswordHashes must be 1..64");
	if (c->sweep_every < 1 || c->hold_seconds < 60 || c->max_holds < 1 ||
	    c->max_net_holds < 1 || c->cooldown < 0)
		return err_set(e, 500, NULL, "config: App.SweepSeconds, Checkout.HoldMinutes, "
		               "Checkout.MaxHolds and Checkout.MaxHoldsPerNetwork must be "
		               "positive, Checkout.CooldownHours not negative");
	if (load_providers(c, e) < 0)
		return -1;
	if (maybe_key(c, "Pay.Sandbox.PublicKey", c->sandbox_pk, &c->has_sandbox_pk, e) < 0 ||
	    maybe_key(c, "Secrets.SandboxSeed", c->sandbox_seed, &c->has_sandbox_seed, e) < 0)
		return -1;
	return 0;
}

/* What only a demo site (Site.Demo = 1) may do: take no real money, and misbehave for tests. */
static int demo_only(const struct config *c, struct err *e)
{
	if (c->demo)
		return 0;
	if (c->test_hooks)
		return err_set(e, 500, NULL,
		               "config: App.TestHooks is for test instances only (Site.Demo = 1)");
	for (int i = 0; i < c->pay_noffered; i++) {
		if (pay_usable(c, c->pay_offered[i]))
			continue;
		return err_set(e, 500, NULL, "config: Pay.Providers offers %s, which takes no "
		               "real money: it is for demo sites only (Site.Demo = 1), and a real "
		               "site needs a real provider", c->pay_offered[i]);
	}
	/* A real site's providers have their settings (a test instance's are for the app alone). */
	for (int i = 0; i < c->pay_noffered; i++) {
		const struct pay_provider *pv = pay_provider(c->pay_offered[i]);

		char why[ERR_CAUSE_LEN];

		if (pv->check && pv->check(c, e) < 0) {
			snprintf(why, sizeof why, "%s", e->cause);
			return err_set(e, 500, NULL, "config: %s", why);
		}
	}
	return 0;
}

int config_load(struct config *c, char **files, int n, char **overrides, int nover, struct err *e)
{
	NEOERR *nerr;
	const char *mode;

	memset(c, 0, sizeof *c);
	if ((nerr = hdf_init(&c->hdf)))
		return err_neo(e, nerr, "hdf_init");
	for (int i = 0; i < n; i++)
		if ((nerr = hdf_read_file(c->hdf, files[i])))
			return err_neo(e, nerr, files[i]);
	for (int i = 0; i < nover; i++)
		if (apply_override(c->hdf, overrides[i], e) < 0)
			return -1;

	if (need(c, "App.Socket", &c->socket, e) < 0 ||
	    need(c, "App.Templates", &c->templates, e) < 0 ||
	    need(c, "DB.Socket", &c->db_socket, e) < 0 || need(c, "DB.Name", &c->db_name, e) < 0 ||
	    need(c, "DB.User", &c->db_user, e) < 0 || load_keys(c, e) < 0)
		return -1;
	c->db_password = hdf_get_value(c->hdf, "DB.Password", "");
	c->upload_dir = hdf_get_value(c->hdf, "App.UploadDir", "/srv/tongxiang/uploads");
	c->photo_dir = hdf_get_value(c->hdf, "Care.PhotoDir", "/srv/tongxiang/photos");
	c->due_days = hdf_get_int_value(c->hdf, "Care.DueDays", 90);
	c->photo_decodes = hdf_get_int_value(c->hdf, "Care.PhotoDecodes", 1);
	c->renew_days = hdf_get_int_value(c->hdf, "Money.RenewDays", 30);
	c->grace_days = hdf_get_int_value(c->hdf, "Money.GraceDays", 30);
	c->decide_days = hdf_get_int_value(c->hdf, "Money.DecideDays", 60);
	c->hold_days = hdf_get_int_value(c->hdf, "Money.HoldDays", 90);
	c->workers = hdf_get_int_value(c->hdf, "App.Workers", 2);
	c->max_body = hdf_get_int_value(c->hdf, "App.MaxBody", 65536);
	c->page_cache = hdf_get_int_value(c->hdf, "App.PageCache", 64);
	c->test_hooks = hdf_get_int_value(c->hdf, "App.TestHooks", 0);
	c->slow_ms = hdf_get_int_value(c->hdf, "App.SlowMs", 1000);
	c->elsewhere_per_day = hdf_get_int_value(c->hdf, "Import.ElsewherePerDay", 20);
	mode = hdf_get_value(c->hdf, "App.SocketMode", "0660");
	c->socket_group = hdf_get_value(c->hdf, "App.SocketGroup", NULL);
	if (c->socket_group && !*c->socket_group)
		c->socket_group = NULL;
	/*
	 * Every page copies these two sections; a misspelt one must stop start-up, not every
	 * request.
	 */
	if (!hdf_get_obj(c->hdf, "Site") || !hdf_get_obj(c->hdf, "Charity"))
		return err_set(e, 500, NULL, "config: the Site and Charity sections are required");
	c->socket_mode = (int)strtol(mode, NULL, 8);
	if (load_checkout(c, e) < 0)
		return -1;
	if (c->due_days < 1 || c->due_days > 3660)
		return err_set(e, 500, NULL, "config: Care.DueDays must be 1..3660");
	if (c->photo_decodes < 1 || c->photo_decodes > 16)
		return err_set(e, 500, NULL, "config: Care.PhotoDecodes must be 1..16");
	if (c->renew_days < 1 || c->renew_days > 90 || c->grace_days < 1 || c->grace_days > 365 ||
	    c->decide_days <= c->grace_days || c->decide_days > 730 || c->hold_days < 1 ||
	    c->hold_days > 3660)
		return err_set(e, 500, NULL, "config: Money: RenewDays 1..90, GraceDays 1..365, "
		               "DecideDays past GraceDays up to 730, HoldDays 1..3660");
	if (c->workers < 1 || c->workers > 64)
		return err_set(e, 500, NULL, "config: App.Workers must be 1..64");
	if (c->page_cache < 0 || c->page_cache > 4096)
		return err_set(e, 500, NULL, "config: App.PageCache must be 0..4096");
	if (c->max_body < 1024)
		return err_set(e, 500, NULL, "config: App.MaxBody must be at least 1024");
	if (c->elsewhere_per_day < 0)
		return err_set(e, 500, NULL, "config: Import.ElsewherePerDay must be 0 or more");
	return demo_only(c, e);
}

void config_free(struct config *c)
{
	sodium_memzero(c->pii_key, sizeof c->pii_key);
	sodium_memzero(c->hash_key, sizeof c->hash_key);
	sodium_memzero(c->device_key, sizeof c->device_key);
	sodium_memzero(c->csrf_key, sizeof c->csrf_key);
	sodium_memzero(c->throttle_key, sizeof c->throttle_key);
	sodium_memzero(c->verify_key, sizeof c->verify_key);
	sodium_memzero(c->sandbox_seed, sizeof c->sandbox_seed);
	hdf_destroy(&c->hdf);
}
