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
int ui_donate(struct ctx *c);       /* GET /donate            ui-donate.c */
int ui_donate_post(struct ctx *c);  /* POST /donate           ui-donate.c */
int ui_donations(struct ctx *c);    /* GET /donations         ui-donations.c */
int ui_receipt(struct ctx *c);      /* GET /receipts/{no}     ui-receipt.c */
int ui_finance(struct ctx *c);      /* GET /disclosure/finance       ui-finance.c */
int ui_finance_csv(struct ctx *c);  /* GET /disclosure/finance.csv   ui-finance.c */
/* disclosure and 举报 */
int ui_report(struct ctx *c);          /* GET /report?item=          ui-report.c */
int ui_report_post(struct ctx *c);     /* POST /report               ui-report.c */
int ui_report_status(struct ctx *c);   /* GET /report/status?ticket= ui-report.c */
int ui_disclosure(struct ctx *c);      /* GET /disclosure            ui-disclosure.c */

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

/* Make the form's gift for *to an order and send the payer to pay it (gift.c). */
int gift_post(struct ctx *c, const struct gift_for *to);

/* Add the labels people read (gender, category, status, place) to each child row under prefix.N. */
void child_labels(struct ctx *c, const char *prefix);
/*
 * The same for the one child row at name (a page of one child: Child.alias, not Children.0.alias).
 */
void child_label(struct ctx *c, const char *name);

#endif
