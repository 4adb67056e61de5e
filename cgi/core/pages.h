/*
 * pages.h — personal fundraising pages (一起捐) and spokesperson pages (代言人), sql/032's
 * fund_pages: made by a donor (pending until staff approve it) or by province staff for a named
 * person (live at once); reviewed, paused, resumed and ended by staff in reach; updated and ended
 * early by their initiator; ended by the sweep past their end date.
 */
#ifndef TX_PAGES_H
#define TX_PAGES_H

#include "../config.h"
#include "../db.h"
#include "actor.h"

#define PAGE_CODE_LEN   8     /* fund_pages.code, Crockford base32 */
#define PAGE_PENDING_MAX 3    /* pending pages a donor may have at once */
#define PAGE_UPDATES_DAY 5    /* updates an initiator may post on one page a day */
#define PAGE_CHILD_FEN  300000LL  /* what one child of a "sponsor N children" page costs */
#define PAGE_DAYS_MAX   366   /* a page runs at most a year from today */

/* A new page as its maker typed it; kind is programme | activity | children. */
struct page_new {
	const char *kind, *title, *story, *display_name;
	const char *person;       /* a spokesperson's name (province staff only), or NULL */
	const char *slug;         /* kind activity: the live activity's slug */
	const char *ends_on;      /* YYYY-MM-DD, after today, at most PAGE_DAYS_MAX ahead */
	long long   goal_fen;     /* not for kind children: its goal is children × PAGE_CHILD_FEN */
	int         children;
};

/*
 * Make a page for actor a: a donor's (state pending; at most PAGE_PENDING_MAX pending, else a
 * conflict "page.too_many") or, with n->person, a province staff member's spokesperson page
 * (live at once). Its code (PAGE_CODE_LEN + 1 bytes) and id go to code and *id. Audited.
 */
int page_create(struct db *db, const struct actor *a, const struct page_new *n,
                char *code, long long *id, struct err *e);

/* What staff may do to a page from its back-office page. */
enum page_act { PAGE_APPROVE, PAGE_REJECT, PAGE_PAUSE, PAGE_RESUME, PAGE_END };

/*
 * Act on page id as staff actor a (within reach by the page's region, else not found): approve or
 * reject a pending page, pause a live one (its donors told, fundraising.h) or resume it, end a live
 * or paused one. note: the reason (reject, pause), else NULL. A page not in a state the act takes
 * is a conflict ("page.state").
 */
int page_act(struct db *db, const struct actor *a, long long id, enum page_act act,
             const char *note, struct err *e);

/*
 * Donor a posts an update (1..2,000 characters, plain text) on their page id; at most
 * PAGE_UPDATES_DAY a day (counted under the page's row lock: too many, "page.updates").
 */
int page_update(struct db *db, const struct actor *a, long long id, const char *body,
                struct err *e);

/* Donor a ends their live or paused page early (a paused one only staff may end: a conflict). */
int page_end_own(struct db *db, const struct actor *a, long long id, struct err *e);

/*
 * How many children page id (a "sponsor N children" page) may still pick: its raised money (gifts
 * and matches) covers k × PAGE_CHILD_FEN, k at most its N, less those picked; into *left.
 */
int page_children_left(struct db *db, long long id, long long *left, struct err *e);

/*
 * Donor a picks a waiting child (by its public code) for their page id: under the page's row lock
 * and the child's, a sponsorship in a's name paid from the page's funds (by the system actor
 * "page", as a provider's payment is), awaiting staff approval, and the page's next page_children
 * row. Not covered yet: a conflict ("page.not_covered"); the child no longer waiting: a conflict
 * ("page.child_taken").
 */
int page_pick(struct db *db, const struct actor *a, long long id, const char *child_code,
              struct err *e);

/* The sweep: live and paused pages past their end date end (actor a, the system). */
int page_sweep(struct db *db, const struct config *cfg, const struct actor *a, struct err *e);

#endif
