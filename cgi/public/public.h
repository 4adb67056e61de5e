/*
 * public.h — handlers of the public pages, one file each (ui-*.c), and the child summary they
 * share.
 */
#ifndef TX_PUBLIC_H
#define TX_PUBLIC_H

#include "../ctx.h"
#include "../core/public_child.h"

int ui_home(struct ctx *c);      /* GET /                 ui-home.c */
int ui_children(struct ctx *c);  /* GET /children         ui-children.c */
int ui_child(struct ctx *c);     /* GET /children/{code}  ui-child.c */
int ui_healthz(struct ctx *c);   /* GET /healthz          ui-healthz.c */
int ui_text(struct ctx *c);      /* GET /text             ui-text.c */
int ui_robots(struct ctx *c);    /* GET /robots.txt       ui-robots.c */
int ui_sitemap(struct ctx *c);   /* GET /sitemap.xml      ui-robots.c */
int ui_donate(struct ctx *c);       /* GET /donate            ui-donate.c */
int ui_donate_post(struct ctx *c);  /* POST /donate           ui-donate.c */
int ui_donations(struct ctx *c);    /* GET /donations         ui-donations.c */
int ui_receipt(struct ctx *c);      /* GET /receipts/{no}     ui-receipt.c */
int ui_certificate(struct ctx *c);     /* GET /certificates/{no}        ui-certificate.c */
int ui_certificate_qr(struct ctx *c);  /* GET /certificates/{no}/qr.svg ui-certificate.c */
/*
 * Matching pools (配捐): what the active pools in their window (activity_id: of that activity; 0:
 * all) matched of what they pledged, as Pools.matched and Pools.pledged, when there are any
 * (ui-home.c).
 */
int pools_line(struct ctx *c, long long activity_id);
/* themed activities (专题活动) */
int ui_activities(struct ctx *c);      /* GET /activities                 ui-activities.c */
int ui_activity(struct ctx *c);        /* GET /activities/{slug}          ui-activity.c */
int ui_activity_donate(struct ctx *c); /* POST /activities/{slug}/donate  ui-activity.c */
/*
 * The labels of the activity at Activity.* (its region, state and goal as people read them), for
 * the public page and the back office's.
 */
void activity_labels(struct ctx *c);
int ui_finance(struct ctx *c);      /* GET /disclosure/finance       ui-finance.c */
int ui_finance_csv(struct ctx *c);  /* GET /disclosure/finance.csv   ui-finance.c */
/* disclosure and 举报 */
int ui_report(struct ctx *c);          /* GET /report?item=          ui-report.c */
int ui_report_post(struct ctx *c);     /* POST /report               ui-report.c */
int ui_report_status(struct ctx *c);   /* GET /report/status?ticket= ui-report.c */
int ui_disclosure(struct ctx *c);      /* GET /disclosure            ui-disclosure.c */
/* personal fundraising pages (一起捐, 代言人) */
int ui_page(struct ctx *c);         /* GET /p/{p}             ui-page.c */
int ui_page_donate(struct ctx *c);  /* POST /p/{p}/donate     ui-page.c */
int ui_page_qr(struct ctx *c);      /* GET /p/{p}/qr.svg      ui-page-share.c */
int ui_page_poster(struct ctx *c);  /* GET /p/{p}/poster      ui-page-share.c */

/*
 * The personal page with this code, as the public may see it (live, paused or ended; pending
 * or rejected only to its initiator, else a 404; any_state: staff who reach it), with what it
 * raised, under Fund.* (ui-page.c).
 */
int page_load(struct ctx *c, const char *code, int any_state);

/* The loaded page's latest gifts (Gifts.*, names masked) and updates (Updates.*) (ui-page.c). */
int page_lists(struct ctx *c);

/*
 * What a gift made with the donate form's fields (cmd.c's GIFT keys) is for: purpose (donations.
 * purpose: general, directed, activity), and the page, activity, region or member unit (0 or NULL
 * for none).
 */
struct gift_for {
	const char *purpose;
	long long   page_id, activity_id, target_unit;
	const char *target_region;
};

/*
 * The donate form's preset amounts (Presets.*) and the one ticked (Amount: c->f[K_AMOUNT], else
 * 100), for templates/gift-fields.cs (gift.c).
 */
void gift_form(struct ctx *c);

/* Make the form's gift for *to an order and send the payer to pay it (gift.c). */
int gift_post(struct ctx *c, const struct gift_for *to);

/* ---- receipts (ui-receipt.c), shared with the certificate and the donation record ---- */

struct receipt;

/*
 * The receipt the request's number and code (K_NO, K_RCODE) name into *r, or a 404 that looks the
 * same for a wrong number and a wrong code.
 */
int receipt_find(struct ctx *c, struct receipt *r);
/* The receipt as Receipt.* for receipt.cs and certificate.cs. */
void receipt_page(struct ctx *c, const struct receipt *r);
/*
 * What a gift is for as people read it, into buf: the purpose's label, or 定向：place (the region
 * named by its code, else the unit's name), 专题活动：title. Returns buf.
 */
const char *gift_for(const char *purpose, const char *region, const char *unit,
                     const char *activity, char *buf, size_t n);
/*
 * Each gift row under prefix: its donor_name masked for a public list (mask_name: 爱心人士 when
 * anonymous) into column donor (gift.c).
 */
void gift_mask_names(struct ctx *c, const char *prefix);

/*
 * A db_row_fn over a struct db_hdf_rows: a row of CHILD_PUBLIC_COLS stored as a card shows it
 * (templates/macros.cs child_card), its labels made from the columns as they come and none of
 * the codes the card does not show: what child_labels adds to a stored row, in fewer nodes.
 */
int child_card_row(void *ctx, unsigned ncols, MYSQL_FIELD *fields, char **v,
                   unsigned long *lens);

/* Add the labels people read (gender, category, status, place) to each child row under prefix.N. */
void child_labels(struct ctx *c, const char *prefix);
/*
 * The same for the one child row at name (a page of one child: Child.alias, not Children.0.alias).
 */
void child_label(struct ctx *c, const char *name);

/*
 * The activities /activities shows (and /sitemap.xml lists): running or paused, or ended in the
 * last 90 days; at most ACTIVITIES_LIMIT of them (the text, and ACTIVITIES_LISTED the number).
 */
#define ACTIVITIES_SHOWN "(a.state IN ('live', 'paused') OR " \
	"(a.state = 'ended' AND a.ends_on >= CURDATE() - INTERVAL 90 DAY))"
#define ACTIVITIES_LIMIT "100"
#define ACTIVITIES_LISTED 100

#endif
