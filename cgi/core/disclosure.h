/*
 * disclosure.h — 信息公开: the documents /disclosure lists (PDFs province staff upload into
 * Disclosure.Dir, served by nginx as /files/disclosure/<name>), the programme's progress updates,
 * and the 3-month rule: every fundraising item needs a progress update at least every 3 months
 * while it runs, and a final report within 3 months after it ends. What is due is computed from
 * the data (DISCLOSURE_ITEMS_SQL), never kept by hand.
 */
#ifndef TX_DISCLOSURE_H
#define TX_DISCLOSURE_H

#include "../db.h"
#include "actor.h"

/*
 * Where the documents go unless Disclosure.Dir says (nginx serves them from there; txctl backup
 * takes them from there).
 */
#define DISCLOSURE_DIR_DEFAULT "/srv/tongxiang/disclosure"
/* The most a document may be: 10 MB. */
#define DISCLOSURE_DOC_MAX (10L * 1024 * 1024)
/* A document's file name: 24 Crockford base32 characters and ".pdf", and a NUL. */
#define DISCLOSURE_NAME_LEN 28
/* Days ahead /admin/disclosure lists what falls due. */
#define DISCLOSURE_AHEAD_DAYS 14

/*
 * The fundraising items the 3-month rule covers, one row each: kind (programme | activity | page),
 * id (0 for the programme), ref (an activity's slug, a page's code), title, region (NULL: the
 * province's), final (1: what is due is the final report of an ended item), last_update (the
 * newest update's day, NULL if none) and due_on (the day the next update or the final report is
 * due).
 *   the programme: always running; due 3 months after its last update, or its first gift;
 *   activities live or paused: 3 months after the last update, or the start;
 *   personal pages live or paused that run over 3 months: the same, from the day it was made;
 *   activities and pages ended after running over 3 months without a final report: 3 months
 *     after the end.
 * A query selects from it as a derived table (…FROM (DISCLOSURE_ITEMS_SQL) i).
 */
#define DISCLOSURE_LAST(kind) \
	"LEFT JOIN (SELECT item_id, MAX(posted_on) AS last, MAX(final) AS fin " \
	"FROM progress_updates WHERE item_kind = '" kind "' GROUP BY item_id) u "
#define DISCLOSURE_ITEMS_SQL \
	"SELECT 'programme' AS kind, 0 AS id, '' AS ref, '童享阳光助养计划' AS title, " \
	"NULL AS region, 0 AS final, u.last AS last_update, " \
	"COALESCE(u.last, (SELECT DATE(MIN(paid_at)) FROM donations), CURDATE()) " \
	"+ INTERVAL 3 MONTH AS due_on FROM (SELECT MAX(posted_on) AS last FROM progress_updates " \
	"WHERE item_kind = 'programme') u " \
	"UNION ALL SELECT 'activity', a.id, a.slug, a.title, a.region_code, a.state = 'ended', " \
	"u.last, IF(a.state = 'ended', a.ends_on, COALESCE(u.last, a.starts_on)) " \
	"+ INTERVAL 3 MONTH FROM activities a " DISCLOSURE_LAST("activity") \
	"ON u.item_id = a.id WHERE a.state IN ('live', 'paused') OR (a.state = 'ended' " \
	"AND a.ends_on > a.starts_on + INTERVAL 3 MONTH AND COALESCE(u.fin, 0) = 0) " \
	"UNION ALL SELECT 'page', p.id, p.code, p.title, p.region_code, p.state = 'ended', " \
	"u.last, IF(p.state = 'ended', p.ends_on, COALESCE(u.last, DATE(p.created_at))) " \
	"+ INTERVAL 3 MONTH FROM fund_pages p " DISCLOSURE_LAST("page") \
	"ON u.item_id = p.id WHERE p.ends_on > DATE(p.created_at) + INTERVAL 3 MONTH " \
	"AND (p.state IN ('live', 'paused') OR (p.state = 'ended' AND COALESCE(u.fin, 0) = 0))"

/* A document as staff upload it: kind (DOC_KINDS), title, and the activity's slug or NULL. */
struct disclosure_doc {
	const char *kind, *title, *slug;
	const void *data;
	size_t      len;
};

/*
 * Province staff actor a stores document d as a new file in dir (Disclosure.Dir) and its row, the
 * upload audited; name (DISCLOSURE_NAME_LEN + 1 bytes) gets its file name. Not a PDF: 415
 * ("disclosure.not_pdf"); over DISCLOSURE_DOC_MAX: 413; an unknown activity: 404.
 */
int disclosure_doc_add(struct db *db, const char *dir, const struct actor *a,
                       const struct disclosure_doc *d, char *name, struct err *e);

/*
 * data[0..len) as a new file of a random name (DISCLOSURE_NAME_LEN + 1 bytes, into name) in dir,
 * as nginx will serve it: whole or not at all.
 */
int disclosure_file_put(const char *dir, const void *data, size_t len, char *name,
                        struct err *e);

/* Province staff actor a posts a progress update of the programme, dated today, audited. */
int disclosure_update(struct db *db, const struct actor *a, const char *text, struct err *e);

#endif
