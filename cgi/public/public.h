/* public.h — handlers of the public pages, one file each (ui-*.c), and the child summary they share. */
#ifndef TX_PUBLIC_H
#define TX_PUBLIC_H

#include "../ctx.h"

int ui_home(struct ctx *c);      /* GET /                 ui-home.c */
int ui_children(struct ctx *c);  /* GET /children         ui-children.c */
int ui_child(struct ctx *c);     /* GET /children/{code}  ui-child.c */
int ui_healthz(struct ctx *c);   /* GET /healthz          ui-healthz.c */
int ui_donate(struct ctx *c);       /* GET /donate            ui-donate.c */
int ui_donate_post(struct ctx *c);  /* POST /donate           ui-donate.c */
int ui_donations(struct ctx *c);    /* GET /donations         ui-donations.c */
int ui_receipt(struct ctx *c);      /* GET /receipts/{no}     ui-receipt.c */

/*
 * The columns a public page may show of a child. Personal fields (pii_*, id_hash) are never selected on
 * public pages: this list is the only way child rows reach them.
 */
#define CHILD_PUBLIC_COLS \
	"c.code, c.alias, c.gender, c.county_code AS county, c.category, c.status, " \
	"TIMESTAMPDIFF(YEAR, c.birth_date, CURDATE()) AS age, DATEDIFF(CURDATE(), c.waiting_since) AS days_waiting"

/* Add the labels people read (gender, category, status, place) to each child row under prefix.N. */
void child_labels(struct ctx *c, const char *prefix);

#endif
