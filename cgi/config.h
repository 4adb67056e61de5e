/* config.h — the app's settings, from one or more HDF files (conf/tongxiang.hdf documents each). */
#ifndef TX_CONFIG_H
#define TX_CONFIG_H

#include <ClearSilver.h>

#include "err.h"

/*
 * The subkeys of Secrets.MasterKey: crypto_kdf's context, and each use's subkey id. Never renumber
 * one.
 */
/* Every key the configuration holds or derives: 32 bytes, written as 64 hex digits. */
#define KEY_BYTES    32
#define KEY_CONTEXT  "txkeys01"
#define KEY_CSRF     1
#define KEY_THROTTLE 2
#define KEY_DEVICE   3
#define KEY_VERIFY   4

/* At most this many payment providers are offered at once, their names in this many bytes. */
#define PAY_OFFERED_MAX 4
#define PAY_NAMES_MAX   80

struct config {
	HDF        *hdf;          /* the merged files; Charity.* is copied into every page */
	const char *socket;       /* App.Socket: unix socket nginx connects to */
	int         socket_mode;  /* App.SocketMode: octal permission bits for it */
	const char *socket_group; /* App.SocketGroup: group given the socket (nginx's), or NULL to
	                           * leave it */
	int         workers;      /* App.Workers */
	long        max_body;     /* App.MaxBody: bytes */
	int         page_cache;   /* App.PageCache: rendered public pages each worker keeps; 0 turns
	                           * caching off */
	int         slow_ms;      /* App.SlowMs: a request that takes longer is logged (route,
	                           * status, time) */
	int         elsewhere_per_day; /* Import.ElsewherePerDay: answers a staff member gets about
	                                * other counties */
	const char *templates;    /* App.Templates: directory of .cs files */
	const char *upload_dir;   /* App.UploadDir: ledgers kept, sealed, between their check and
	                           * their import */
	const char *photo_dir;    /* Care.PhotoDir: photos, re-encoded, by random names; shared */
	int         photo_decodes; /* Care.PhotoDecodes: photos decoded at once across workers */
	int         due_days;     /* Care.DueDays: a child is due a visit after this many days */
	/* Money: renewals, lapses and the alert on money not paid out (conf/tongxiang.hdf). */
	int         renew_days;   /* Money.RenewDays: the next year's pledge is made this early */
	int         grace_days;   /* Money.GraceDays: unpaid this long after due, it is lapsing */
	int         decide_days;  /* Money.DecideDays: lapsing this long, the county decides */
	int         hold_days;    /* Money.HoldDays: received, not paid out this long: an alert */
	const char *db_socket, *db_name, *db_user, *db_password;
	/* Secrets.PiiKey: encrypts children's personal data */
	unsigned char pii_key[KEY_BYTES];
	/* Secrets.HashKey: keys the ID-number hash, and nothing else */
	unsigned char hash_key[KEY_BYTES];
	/* Derived from Secrets.MasterKey (crypto_kdf, KEY_CONTEXT), one for each use: */
	unsigned char csrf_key[KEY_BYTES];     /* KEY_CSRF: CSRF tokens */
	unsigned char throttle_key[KEY_BYTES]; /* KEY_THROTTLE: limits' counters' names */
	unsigned char device_key[KEY_BYTES];   /* KEY_DEVICE: device cookies */
	unsigned char verify_key[KEY_BYTES];   /* KEY_VERIFY: login verification codes' hashes */
	int         https;          /* Site.Https: cookies are sent with Secure */
	int         demo;           /* Site.Demo: fictional data; the sandbox may take payments */
	int         test_hooks;     /* App.TestHooks: test instances only; see worker.h */
	const char *site_url;       /* Site.URL: the public address, for links in mail and SMS */
	int         session_idle;   /* Session.IdleMinutes, in seconds */
	int         session_max;    /* Session.MaxDays, in seconds */
	int         staff_idle;     /* Session.StaffIdleMinutes, in seconds */
	int         staff_max;      /* Session.StaffMaxHours, in seconds */
	int         pw_slots;       /* App.PasswordHashes: password hashes that may run at once,
	                             * across workers */
	int         sweep_every;    /* App.SweepSeconds: how often a worker lets lapsed holds and
	                             * orders go */
	int         hold_seconds;   /* Checkout.HoldMinutes, in seconds */
	int         max_holds;      /* Checkout.MaxHolds: children one donor may hold at once */
	int         max_net_holds;  /* Checkout.MaxHoldsPerNetwork: held at once from one network */
	int         cooldown;       /* Checkout.CooldownHours, in seconds */
	int         signups_per_addr;  /* Throttle.SignupsPerAddress: sign-ups from one address per
	                                * 15 minutes */
	int         resets_per_login;  /* Throttle.ResetsPerLogin: reset messages to one login per
	                                * 15 minutes */
	int         resets_per_addr;   /* Throttle.ResetsPerAddress: reset requests from one address
	                                * per 15 minutes */
	int         codes_per_login;   /* Throttle.CodesPerLogin: codes to one login, 15 min */
	int         codes_per_addr;    /* Throttle.CodesPerAddress: from one network, 15 min */
	/*
	 * Pay.Providers: the providers a payer may choose from, in the order offered (Pay.Provider,
	 * the older key, names one); the first is the one new orders go to unless the payer picks.
	 */
	const char *pay_offered[PAY_OFFERED_MAX];
	int         pay_noffered;
	char        pay_names[PAY_NAMES_MAX];    /* the names that pay_offered points into */
	const char *pay_provider;   /* pay_offered[0] */
	int         pay_network;    /* an offered provider is called over the network */
	int         has_sandbox_pk;
	/* Pay.Sandbox.PublicKey: verifies the sandbox's notifications */
	unsigned char sandbox_pk[KEY_BYTES];
	int         has_sandbox_seed;
	/* Secrets.SandboxSeed: the sandbox provider's signing key (its side only) */
	unsigned char sandbox_seed[KEY_BYTES];
};

/*
 * Read files[0..n) in order, later files overriding earlier ones (conf/tongxiang.hdf, then a
 * secrets file), then apply "Key=Value" overrides. Fails on a missing file, a missing key or a
 * malformed secret.
 */
int config_load(struct config *c, char **files, int n, char **overrides, int nover, struct err *e);
void config_free(struct config *c);

#endif
