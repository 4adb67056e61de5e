/*
 * ctx.h — what a handler is given (the clean request, the page data, the database) and what it
 * hands back.
 */
#ifndef TX_CTX_H
#define TX_CTX_H

/* The domain core is compiled with TX_CORE (Makefile): it never sees the request. */
#ifdef TX_CORE
#error "cgi/core/ never includes ctx.h: it takes an actor and typed arguments (README)"
#endif

#include <ClearSilver.h>

#include "config.h"
#include "core/actor.h"
#include "db.h"
#include "err.h"
#include "keys.h"
#include "pagecache.h"
#include "request.h"
#include "route.h"

/* The kinds of account that sign in, each with its own cookie and session table. */
enum realm { REALM_DONOR, REALM_STAFF, REALM__MAX };

/*
 * Who is asking: a signed-in donor or staff member, or a browser known only by its visitor cookie
 * (or not at all).
 */
struct who {
	enum realm    realm;              /* which kind of account this page signs in */
	long long     id;                 /* the donor's or staff member's id; 0: not signed in */
	char          name[132];          /* display name */
	char          role[12];           /* staff: province | city | county | volunteer */
	char          region[7];          /* staff: the region the role is bound to */
	unsigned char sess_token[32];     /* the session cookie's token, when donor_id is set */
	int           has_visitor;
	unsigned char visitor[32];        /* the visitor cookie's token: ties CSRF tokens and guest
	                                   * orders to a browser */
	int           has_csrf;
	unsigned char csrf[32];           /* its CSRF tokens' secret (forms carry it masked) */
};

struct ctx {
	const struct request *req;
	struct field          f[K__MAX];  /* validated parameters, query, form and path alike */
	struct route_params   path;       /* the path parameters' text, which c->f points into */
	const struct config  *cfg;
	struct db            *db;
	HDF                  *hdf;        /* page data for the template */
	struct err            err;
	struct who            who;        /* set for every route that is not a cached public page */
	STRING                headers;    /* extra response headers (Set-Cookie, Location), complete
	                                   * lines */

	/* The response a handler chooses: a template, or a plain body. */
	int         status;               /* 200 unless set */
	const char *tmpl;                 /* e.g. "children.cs" */
	const char *ctype;                /* for a plain body; "text/plain; charset=utf-8" if
	                                   * NULL */
	const char *body;                 /* a plain body (static text), instead of a template */
	STRING      built;                /* or a plain body the handler built (a CSV export); used
	                                   * when not empty */
	const char *cache_control;        /* NULL: no-store; pages with nothing personal may allow
	                                   * caching */

	/*
	 * A cached route's stamp (CMD_CACHE), fetched before its handler runs; NULL on other
	 * routes. What the handler caches of its own (the listing's counts) is valid under it
	 * alone.
	 */
	const struct page_stamp *stamp;
	/*
	 * The same stamp, when the route reads it itself (CMD_STAMP_LATER): gen -1 until the
	 * handler sets it, which it must before it trusts anything kept under a stamp. A page is
	 * cached under what it set, and not at all if it set nothing.
	 */
	struct page_stamp *stamp_later;
};

/* The signed-in donor's id, or 0: nobody, or a staff member on a back-office page. */
static inline long long donor_of(const struct ctx *c)
{
	return c->who.realm == REALM_DONOR ? c->who.id : 0;
}

/*
 * Who acts, for the domain core: the signed-in donor or staff member, or else the browser (a
 * visitor).
 */
struct actor actor_of(const struct ctx *c);

/*
 * Answer with 303 See Other to a path on this site (after a POST, and to send the browser to a
 * payment page).
 */
int ctx_redirect(struct ctx *c, const char *url);

/* The same to a payment provider's page on another site (an https URL its create() returned). */
int ctx_redirect_away(struct ctx *c, const char *url);

/*
 * Answer with a photo nginx sends itself from the photo directory: X-Accel-Redirect to its
 * internal location (/_photos/, conf/nginx-*.conf) by its name (hex), its type (image/jpeg,
 * image/png, or application/pdf for a payout's evidence), and caching for this browser only.
 * The handler has decided who may see it.
 */
int ctx_send_photo(struct ctx *c, const char *name, const char *mime);

/* Add one response header line ("Name: value", without CRLF). */
void ctx_header(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * Forget the headers added since c->headers was len long: a retried attempt starts again from
 * there.
 */
void ctx_headers_back_to(struct ctx *c, int len);

/*
 * A page handler: fill c->hdf and set c->tmpl (or c->body), returning 0; or return -1 with c->err
 * set (use err_set(&c->err, ...)). Handlers run once per request and may run a second time, from
 * scratch, when the database connection was lost under the first run.
 */
typedef int (*handler_fn)(struct ctx *c);

#endif
