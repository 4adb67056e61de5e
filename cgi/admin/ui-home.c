/*
 * ui-home.c — GET /admin: the dashboard within the staff member's reach, with the care after
 * pairing (children due a visit, visits and letters waiting for staff); a volunteer's children,
 * due ones first.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "../core/dashboard.h"
#include "../elsewhere.h"
#include "../page.h"
#include "../public/public.h"
#include "../scope.h"
#include "../util.h"

/* Children waiting longer than this are counted apart: they need someone to look at why. */
#define WAITING_LONG_DAYS 180
/* The figures' statement: five subqueries, each with the scope condition. */
#define FIGURES_SQL_MAX 3072

/* A cutoff day, its days ago the %d. */
#define CUT "(CURDATE() - INTERVAL %d DAY)"

/*
 * Care after pairing. A paired child's live sponsorship is x; the day it was last seen is that of
 * its last approved visit under this pairing, or the pairing's own day if none: after Care.DueDays
 * from then, the child is due a visit (CARE_DUE takes the days as its one %d).
 */
#define CARE_LAST_VISIT \
	"(SELECT MAX(v.visited_on) FROM visits v WHERE v.sponsorship_id = x.id " \
	"AND v.state = 'approved')"
#define CARE_LAST_SEEN \
	"COALESCE(" CARE_LAST_VISIT ", DATE(x.decided_at), DATE(x.created_at))"
#define CARE_DUE CARE_LAST_SEEN " < CURDATE() - INTERVAL %d DAY"
/* The children due a visit listed on a dashboard, oldest first; the count says how many in all. */
#define DUE_SHOWN 20
/* The volunteers with most children due a visit. */
#define VOLUNTEERS_SHOWN 5
/* A statement with its scope condition and the due days put in. */
#define CARE_SQL_MAX 2048

/*
 * Format a statement into out (printf's fmt and arguments); -1 if it does not fit, a programming
 * error.
 */
__attribute__((format(printf, 4, 5)))
static int home_sql(struct ctx *c, char *out, size_t n, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(out, n, fmt, ap);
	va_end(ap);
	return len < 0 || (size_t)len >= n ?
	       err_set(&c->err, 500, NULL, "dashboard statement does not fit") : 0;
}

/* The counties in reach with their counts (core/dashboard.h), and their sums. */
struct counties {
	struct dash_county k[DASH_COUNTIES_MAX];
	int                n;
	struct dash_county all;
};

/* The counties in the staff member's reach, and their counts summed. */
static int counties_read(struct ctx *c, struct counties *k)
{
	struct actor a = actor_of(c);
	struct dash_county *t = &k->all;
	const struct dash_cutoffs cut = { WAITING_LONG_DAYS, c->cfg->due_days, c->cfg->hold_days };

	k->n = dashboard_counties(c->db, &a, &cut, k->k, nitems(k->k), &c->err);
	*t = (struct dash_county){ .waiting = 0 };
	for (int i = 0; i < k->n; i++) {
		t->visits_submitted += k->k[i].visits_submitted;
		t->letters_pending += k->k[i].letters_pending;
		t->letters_approved += k->k[i].letters_approved;
		t->waiting_long += k->k[i].waiting_long;
		t->due += k->k[i].due;
		t->held += k->k[i].held;
		t->held_fen += k->k[i].held_fen;
	}
	return k->n < 0 ? -1 : 0;
}

/*
 * What waits for staff in scope: children due a visit, visits to review, letters to review and
 * sponsors' letters to hand over.
 */
static void care_figures(struct ctx *c, const struct counties *k)
{
	page_setf(c, "Care.due=%lld", k->all.due);
	page_setf(c, "Care.visits_submitted=%lld", k->all.visits_submitted);
	page_setf(c, "Care.letters_pending=%lld", k->all.letters_pending);
	page_setf(c, "Care.letters_approved=%lld", k->all.letters_approved);
}

/*
 * The children due a visit, longest unseen first, each with their volunteers (if any): read from
 * care_seen's index in that order (aliased c there, so that the scope condition applies).
 */
static int care_due(struct ctx *c, const struct scope *s)
{
	char sql[CARE_SQL_MAX];
	struct dbp p[] = { s->param, P_INT(DUE_SHOWN) };

	if (home_sql(c, sql, sizeof sql,
	        "SELECT c.code, ch.alias, c.county_code AS county, "
	        "(SELECT MAX(v.visited_on) FROM visits v WHERE v.sponsorship_id = c.sponsorship_id "
	        "  AND v.state = 'approved') AS last_visit, DATE(x.decided_at) AS paired_on, "
	        "c.seen, (SELECT GROUP_CONCAT(t.display_name ORDER BY t.username SEPARATOR '、') "
	        "  FROM volunteer_children vc JOIN staff t ON t.id = vc.staff_id "
	        "  WHERE vc.child_id = c.child_id) AS volunteers "
	        "FROM care_seen c JOIN children ch ON ch.id = c.child_id "
	        "JOIN sponsorships x ON x.id = c.sponsorship_id "
	        "WHERE c.seen < " CUT " AND %s ORDER BY c.seen, c.code LIMIT ?",
	        c->cfg->due_days, s->sql) < 0 ||
	    db_query_hdf(c->db, sql, p, nitems(p), c->hdf, "Due", NULL, &c->err) < 0)
		return -1;
	page_region_rows(c, "Due", "county", "place");
	return 0;
}

/* The volunteers with most children due a visit, with their organisation. */
static int care_volunteers(struct ctx *c, const struct scope *s)
{
	char sql[CARE_SQL_MAX];
	struct dbp p[] = { s->param, P_INT(VOLUNTEERS_SHOWN) };

	return home_sql(c, sql, sizeof sql,
	        "SELECT t.display_name AS name, t.username, o.name AS org, COUNT(*) AS due "
	        "FROM volunteer_children vc JOIN staff t ON t.id = vc.staff_id "
	        "LEFT JOIN volunteer_orgs o ON o.id = t.org_id "
	        "JOIN care_seen c ON c.child_id = vc.child_id "
	        "WHERE c.seen < " CUT " AND %s "
	        "GROUP BY t.id, t.display_name, t.username, o.name "
	        "ORDER BY due DESC, t.username LIMIT ?", c->cfg->due_days, s->sql) < 0 ||
	       db_query_hdf(c->db, sql, p, nitems(p), c->hdf, "Volunteers", NULL, &c->err) < 0 ?
	       -1 : 0;
}

/* The same figures by county, for a city or the province: each county with paired children. */
static void care_counties(struct ctx *c, const struct counties *k)
{
	for (int i = 0, row = 0; i < k->n; i++) {
		const struct dash_county *y = &k->k[i];

		if (y->paired <= 0)
			continue;
		page_setf(c, "CareCounties.%d.county=%s", row, y->county);
		page_setf(c, "CareCounties.%d.paired=%lld", row, y->paired);
		page_setf(c, "CareCounties.%d.due=%lld", row, y->due);
		page_setf(c, "CareCounties.%d.visits_submitted=%lld", row, y->visits_submitted);
		page_setf(c, "CareCounties.%d.letters_pending=%lld", row, y->letters_pending);
		page_setf(c, "CareCounties.%d.letters_approved=%lld", row++, y->letters_approved);
	}
	page_region_rows(c, "CareCounties", "county", "name");
}

/* The care part of a manager's dashboard: a county's lists, or a table by county above it. */
static int care(struct ctx *c, const struct scope *s, const struct counties *k)
{
	care_figures(c, k);
	if (care_due(c, s) < 0)
		return -1;
	if (strcmp(c->who.role, "county") == 0)
		return care_volunteers(c, s);
	care_counties(c, k);
	return 0;
}

/*
 * The figures at the top; every one of them reads children through the scope condition. This
 * month's pairings and money are the charts' last month (now, kept by county and month).
 */
static int figures(struct ctx *c, const struct scope *s, const struct counties *k,
                   const struct dash_month *now)
{
	char sql[FIGURES_SQL_MAX];
	struct dbp p[] = { s->param, s->param, s->param };

	if (home_sql(c, sql, sizeof sql,
	    "SELECT (SELECT COUNT(*) FROM sponsorships x JOIN children c ON c.id = x.child_id "
	    "  WHERE x.state = 'pending_approval' AND %s) AS pending, "
	    "(SELECT COUNT(*) FROM sponsorships x JOIN children c ON c.id = x.child_id "
	    "  WHERE x.state IN ('held','pending_payment') AND x.hold_until > NOW() AND %s) "
	    "AS holds, "
	    "(SELECT COUNT(*) FROM donations d LEFT JOIN sponsorships x ON x.id = d.sponsorship_id "
	    "  LEFT JOIN children c ON c.id = x.child_id "
	    "  WHERE d.refund_due = 1 AND d.status = 'paid' AND %s) AS owed",
	    s->sql, s->sql, s->sql) < 0 ||
	    page_query_one(c, sql, p, nitems(p), "Fig", NULL) < 0)
		return -1;
	page_setf(c, "Fig.waiting_long=%lld", k->all.waiting_long);
	page_setf(c, "Fig.paired_month=%lld", now->paired);
	page_setf(c, "Fig.funds_month_fen=%lld", now->funds_fen);
	page_money(c, "Fig.funds_month_fen", "Fig.funds_month");
	page_setf(c, "Fig.long_days=%d", WAITING_LONG_DAYS);
	return 0;
}

/* Children by county and state, with the county's name: each county with children. */
static void counties(struct ctx *c, const struct counties *k)
{
	for (int i = 0, row = 0; i < k->n; i++) {
		const struct dash_county *y = &k->k[i];

		if (y->waiting + y->pairing + y->paired <= 0)
			continue;
		page_setf(c, "Counties.%d.county=%s", row, y->county);
		page_setf(c, "Counties.%d.waiting=%lld", row, y->waiting);
		page_setf(c, "Counties.%d.pairing=%lld", row, y->pairing);
		page_setf(c, "Counties.%d.paired=%lld", row, y->paired);
		page_setf(c, "Counties.%d.waiting_long=%lld", row++, y->waiting_long);
	}
	page_region_rows(c, "Counties", "county", "name");
}

/*
 * For the province: the last 30 days' questions about ID numbers outside a staff member's reach
 * that were not answered (the day's allowance was spent), so that someone looks at who asked, and
 * transfers records where needed.
 */
static int withheld(struct ctx *c)
{
	if (db_query_hdf(c->db,
	        "SELECT DATE_FORMAT(a.at, '%Y-%m-%d %H:%i') AS at, t.username, "
	        "t.display_name AS name, "
	        "t.region_code AS region, a.action, "
	        "SUBSTRING_INDEX(a.object_id, '/', 1) AS outside, "
	        "SUBSTRING_INDEX(a.object_id, '/', -1) AS elsewhere "
	        "FROM audit_log a JOIN staff t ON t.id = a.staff_id "
	        "WHERE a.action IN (" ELSEWHERE_WITHHELD_ACTIONS ") "
	        "AND a.at > NOW() - INTERVAL 30 DAY "
	        "ORDER BY a.at DESC, a.id DESC LIMIT 50",
	        NULL, 0, c->hdf, "Withheld", NULL, &c->err) < 0)
		return -1;
	page_region_rows(c, "Withheld", "region", "region_name");
	return 0;
}

/*
 * For the province: the messages given up in the last 30 days (outbox.h: refused for good, or
 * failing for a day), so that someone reaches those donors another way. The address is masked: the
 * first character and the domain of an e-mail, the first three and last four digits of a mobile.
 */
static int dead_letters(struct ctx *c)
{
	return db_query_hdf(c->db,
	        "SELECT o.id, o.channel, IF(INSTR(o.recipient, '@') > 0, "
	        "CONCAT(LEFT(o.recipient, 1), '***', "
	        "SUBSTRING(o.recipient, INSTR(o.recipient, '@'))), "
	        "CONCAT(LEFT(o.recipient, 3), '****', RIGHT(o.recipient, 4))) AS recipient, "
	        "o.subject, o.attempts, o.last_error, "
	        "DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i') AS queued, "
	        "DATE_FORMAT(o.dead_at, '%Y-%m-%d %H:%i') AS dead "
	        "FROM outbox o WHERE o.dead_at > NOW() - INTERVAL 30 DAY "
	        "ORDER BY o.dead_at DESC, o.id DESC LIMIT 50",
	        NULL, 0, c->hdf, "Dead", NULL, &c->err);
}

/*
 * A volunteer sees the children assigned to them, and nothing else: each with the day of its last
 * approved visit under its pairing, due ones first (the longest unseen first), then the others.
 */
static int assigned(struct ctx *c, const struct scope *s)
{
	char sql[CARE_SQL_MAX];

	if (home_sql(c, sql, sizeof sql,
	        "SELECT * FROM (SELECT " CHILD_PUBLIC_COLS ", x.id IS NOT NULL AS paired, "
	        CARE_LAST_VISIT " AS last_visit, " CARE_LAST_SEEN " AS seen, "
	        "COALESCE(" CARE_DUE ", 0) AS due FROM children c "
	        "LEFT JOIN sponsorships x ON x.live_child = c.id AND x.state = 'active' "
	        "WHERE %s) a ORDER BY a.due DESC, a.seen, a.code", c->cfg->due_days, s->sql) < 0 ||
	    db_query_hdf(c->db, sql, &s->param, 1, c->hdf, "Children", NULL, &c->err) < 0)
		return -1;
	child_labels(c, "Children");
	return 0;
}

/*
 * finance: the children whose money has waited longer than Money.HoldDays (core/finance.h), how
 * many and how much, with a link to the list on /admin/finance.
 */
static void finance_held(struct ctx *c, const struct counties *k)
{
	page_setf(c, "Held.n=%lld", k->all.held);
	page_setf(c, "Held.fen=%lld", k->all.held_fen);
	page_money(c, "Held.fen", "Held.amount");
	page_setf(c, "Held.days=%d", c->cfg->hold_days);
}

int ui_admin_home(struct ctx *c)
{
	struct scope s;
	static struct counties k;   /* 20 kB: not on the stack */
	struct dash_month m[DASH_MONTHS];
	struct actor a = actor_of(c);

	scope_of(&c->who, &s);
	admin_page(c, "工作台", "home");
	c->tmpl = "admin-home.cs";
	page_setf(c, "Care.due_days=%d", c->cfg->due_days);
	if (strcmp(c->who.role, "volunteer") == 0)
		return assigned(c, &s);
	if (counties_read(c, &k) < 0 || dashboard_months(c->db, &a, m, &c->err) < 0 ||
	    figures(c, &s, &k, &m[DASH_MONTHS - 1]) < 0)
		return -1;
	counties(c, &k);
	dash_charts(c, m, k.k, k.n);
	finance_held(c, &k);
	if (care(c, &s, &k) < 0 || reports_overdue_count(c, "Reports.overdue") < 0)
		return -1;
	if (strcmp(c->who.role, "province") != 0)
		return 0;
	return withheld(c) < 0 ? -1 : dead_letters(c);
}
