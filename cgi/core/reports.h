/*
 * reports.h — 举报: anyone may report a problem with a public page (the home page, a child's, a
 * themed activity's, a personal page's); the staff of the page's region answer it within
 * REPORT_DUE_WORKDAYS working days, and may pause the activity or page it is about (its donors
 * are told). The reporter follows it with the report's ticket. Lists are the pages' own queries
 * (admin/ui-reports.c); what changes a report is here.
 */
#ifndef TX_REPORTS_H
#define TX_REPORTS_H

#include "../config.h"
#include "../db.h"
#include "../keys.h"
#include "actor.h"
#include "workdays.h"

/* Working days staff have to answer a report, from the day after it was filed. */
#define REPORT_DUE_WORKDAYS 5
/* Reports one network may file within THROTTLE_WINDOW (throttle.h): more get 429. */
#define REPORTS_PER_NET 5
/* The reporter's contact, sealed (pii.c): 64 characters of up to 4 bytes. */
#define REPORT_REACH_MAX 257
/* The field and the owner a contact is sealed under (pii_seal): "report_reach" and the ticket. */
#define REPORT_REACH_FIELD "report_reach"

/* A report (aliased r) whose answer is overdue: open past its due day. */
#define REPORT_OVERDUE "(r.state = 'open' AND r.due_on < CURDATE())"

/* What a report's page calls its item: "首页", "专题活动：" and its title, … */
#define REPORT_TITLE_MAX 200

/*
 * Whether item (as keys.c's v_item has it) is a public page one may report: 0 and title
 * (REPORT_TITLE_MAX bytes) its name, or not found ("report.unknown_item").
 */
int report_item(struct db *db, const char *item, char *title, struct err *e);

/* A report as its form gives it: item (as keys.c's v_item has it), problem kind, text, contact. */
struct report_new {
	const char *item, *kind, *text;
	const char *reach;   /* NULL or "": anonymous */
};

/*
 * File report r from actor a (anyone; a->net is what the limit counts). The item must exist and be
 * public (else not found, "report.unknown_item"); a network past REPORTS_PER_NET gets
 * "report.too_many" (429). ticket (TICKET_LEN + 1 bytes) gets its code and due (WORKDAYS_DATE_MAX)
 * the day its answer is due.
 */
int report_file(struct db *db, const struct config *cfg, const struct actor *a,
                const struct report_new *r, char *ticket, char *due, struct err *e);

/*
 * Staff actor a answers report id with text (what the reporter reads): open → answered, audited.
 * Out of a's reach: not found ("report.unknown"); answered already: a conflict.
 */
int report_answer(struct db *db, const struct actor *a, long long id, const char *text,
                  struct err *e);

/*
 * Staff actor a pauses the activity or personal page report id is about (fund_pause: its donors
 * are told reason), and the report records it, in one transaction. A report about another page
 * is a conflict ("report.no_item").
 */
int report_pause_item(struct db *db, const struct actor *a, long long id, const char *reason,
                      struct err *e);

#endif
