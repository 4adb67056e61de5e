/* cmd.h — the dispatch table: each route's method, pattern, handler, access, needs and keys. */
#ifndef TX_CMD_H
#define TX_CMD_H

#include "ctx.h"
#include "route.h"

/* Who may use a route. Checked in one place, in the worker, before the handler runs. */
enum access {
	ACC_PUBLIC,    /* anyone */
	ACC_DONOR,     /* a signed-in donor (else a GET goes to /login and back, a POST gets 403) */
	/*
	 * Back-office pages: signed-in staff (a GET without a session goes to /admin/login),
	 * of these roles (else 403). Which rows they may see is the scope condition's business
	 * (cgi/scope.h), in every query.
	 */
	ACC_STAFF,     /* any staff role, volunteers included */
	ACC_MANAGER,   /* province, city and county staff */
	ACC_PROVINCE,  /* province staff only */
};

/* What a route needs before its handler runs. */
/* a database connection and the region table; 503 without them */
#define CMD_DB     0x1
/*
 * A public page the same for everyone: served from the page cache while current. Its stamp
 * (cgi/pagecache.h) covers anything public, unless the route says it shows children alone:
 */
#define CMD_CACHE  0x2
/* children alone, of the city or county its filter names (K_CITY, K_COUNTY), else of all cities */
#define CMD_CACHE_REGION 0x80
/* one child alone (K_CODE): the children of the child's city */
#define CMD_CACHE_CHILD  0x100
/*
 * With CMD_CACHE_REGION: when no page is kept under its URL, the handler reads its stamp itself,
 * in its page's statement (ctx.h stamp_later), which saves a round trip on every miss
 */
#define CMD_STAMP_LATER  0x200
/* a POST from a server, not a browser form (payment notifications): no CSRF token */
#define CMD_NOCSRF 0x4
/* a back-office page: staff sessions (their own cookie and table), not donors' */
#define CMD_ADMIN  0x8
/* takes the ledger's upload (multipart/form-data, field file, up to REQ_MAX_UPLOAD) */
#define CMD_UPLOAD 0x10
/* on demo sites only (Site.Demo = 1): the sandbox provider's pages */
#define CMD_DEMO   0x20
/* takes a photo (multipart/form-data, field photo, up to REQ_MAX_PHOTO_UPLOAD); with CMD_UPLOAD,
 * the only routes that take a file */
#define CMD_PHOTO  0x40

struct cmd {
	const char  *method;
	const char  *pattern;
	handler_fn   fn;
	enum access  access;
	unsigned     flags;
	keyset       keys;      /* the query and form keys it reads; all others are ignored */
	keyset       required;  /* those of them that must be present (else 400 naming the field) */
	/*
	 * A POST from a form: the handler that draws the form (the same path's GET handler, as a
	 * rule), which draws it again when the input is refused (400), with each error at its field
	 * and the values typed kept (the worker's form_again). NULL: the error page.
	 */
	handler_fn   form;
};

extern const struct cmd CMDS[];

enum cmd_miss { CMD_FOUND, CMD_NO_PATH, CMD_NO_METHOD };

/*
 * The route for method and path, with its path parameters in rp. HEAD is served by GET routes;
 * CMD_DEMO routes exist only when demo is set. On a miss, *why says whether the path is unknown
 * (404) or known under another method (405).
 */
const struct cmd *cmd_find(const char *method, const char *path, int demo, struct route_params *rp,
                           enum cmd_miss *why);

/*
 * The keys cmd's form handler requires (those of the GET route it serves), which a refused POST
 * must hold for its form to be drawn again: a handler reads its route's required keys unchecked.
 */
keyset cmd_form_needs(const struct cmd *cmd);

/*
 * The path as logs may show it: from a secret path parameter on (a key marked secret, as {token}
 * in /reset/{token}), whatever follows a route's literal prefix becomes "…", whether or not the
 * rest matched.
 */
void cmd_log_path(const char *path, char *out, size_t n);

#endif
