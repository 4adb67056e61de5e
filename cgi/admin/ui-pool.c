/*
 * ui-pool.c — GET /admin/pools/{id}: one matching pool in reach: its terms, what remains, what it
 * matched so far and for how many gifts, and the last 30 days day by day (a table of the days with
 * matches, and a bar chart drawn with SVG presentation attributes). POST …/pause, …/resume,
 * …/close (core/pools.c) come back here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "../core/pools.h"
#include "../core/ledger.h"
#include "../core/state.h"
#include "../labels.h"
#include "../money.h"
#include "../page.h"
#include "../regions.h"
#include "../util.h"

/* The chart: 30 bars of BAR_W in a box CHART_H high. */
#define POOL_DAYS 30
#define BAR_W     10
#define CHART_H   100

/* The last POOL_DAYS days, oldest first, each with its matches (zero-filled). */
static int days_page(struct ctx *c, long long id)
{
	struct dbp p[] = { P_INT(id) };
	long long top = 0;
	HDF *days;
	int i = 0;

	if (db_query_hdf(c->db,
	        "WITH RECURSIVE d (n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < 29) "
	        "SELECT DATE_FORMAT(CURDATE() - INTERVAL 29 - d.n DAY, '%Y-%m-%d') AS day, "
	        "COUNT(m.id) AS gifts, COALESCE(SUM(m.amount_fen), 0) AS fen FROM d "
	        "LEFT JOIN donations m ON m.pool_id = ? AND m.status = 'paid' "
	        "AND m.paid_at >= CURDATE() - INTERVAL 29 - d.n DAY "
	        "AND m.paid_at < CURDATE() - INTERVAL 28 - d.n DAY GROUP BY d.n ORDER BY d.n",
	        p, nitems(p), c->hdf, "Days", NULL, &c->err) < 0)
		return -1;
	days = hdf_get_obj(c->hdf, "Days");
	for (HDF *row = hdf_obj_child(days); row; row = hdf_obj_next(row)) {
		long long fen = strtoll(hdf_get_value(row, "fen", "0"), NULL, 10);

		top = fen > top ? fen : top;
	}
	for (HDF *row = hdf_obj_child(days); row; row = hdf_obj_next(row), i++) {
		long long fen = strtoll(hdf_get_value(row, "fen", "0"), NULL, 10);
		long long h = top ? fen * CHART_H / top : 0;

		page_setf(c, "Days.%d.x=%d", i, i * BAR_W);
		page_setf(c, "Days.%d.y=%lld", i, CHART_H - h);
		page_setf(c, "Days.%d.h=%lld", i, h);
	}
	page_money_rows(c, "Days", "fen", "amount");
	page_setf(c, "Chart.w=%d", POOL_DAYS * BAR_W);
	page_setf(c, "Chart.h=%d", CHART_H);
	return 0;
}

/* The pool's terms on the page, as Pool.*. */
static void terms_page(struct ctx *c, const struct pool *p)
{
	const struct region *r = p->region[0] ? region_get(p->region) : NULL;
	char yuan[MONEY_TEXT_MAX];

	page_setf(c, "Pool.id=%lld", p->id);
	page_set(c, NULL, "Pool.funder", p->funder);
	page_set(c, NULL, "Pool.unit", p->unit);
	page_set(c, NULL, "Pool.amount", money_format(p->amount_fen, yuan, sizeof yuan));
	page_set(c, NULL, "Pool.remaining", money_format(p->remaining_fen, yuan, sizeof yuan));
	page_set(c, NULL, "Pool.matched_total",
	         money_format(p->amount_fen - p->remaining_fen, yuan, sizeof yuan));
	page_set(c, NULL, "Pool.cap", money_format(p->cap_fen, yuan, sizeof yuan));
	page_setf(c, "Pool.given=%lld", p->ratio_den);
	page_setf(c, "Pool.matched=%lld", p->ratio_num);
	page_set(c, NULL, "Pool.starts", p->starts_at);
	page_set(c, NULL, "Pool.ends", p->ends_at);
	page_set(c, NULL, "Pool.place", p->activity_id ? p->activity : r ? r->name : "");
	page_set(c, NULL, "Pool.state", p->state);
	page_set(c, NULL, "Pool.state_label", label_of(POOL_STATES, p->state));
	for (int i = 0; GIFT_KINDS[i].code; i++)
		if (strstr(p->kinds, GIFT_KINDS[i].code))
			page_setf(c, "Kinds.%d=%s", i, GIFT_KINDS[i].text);
}

int ui_admin_pool(struct ctx *c)
{
	const struct actor a = actor_of(c);
	long long id = c->f[K_ID].num;
	struct pool p;
	struct dbp q[] = { P_INT(id) };

	if (pool_read(c->db, &a, id, &p, &c->err) < 0)
		return -1;
	terms_page(c, &p);
	if (page_query_one(c, "SELECT COUNT(*) AS gifts, COALESCE(SUM(amount_fen), 0) AS fen "
	                   "FROM donations WHERE pool_id = ? AND status = 'paid'", q, nitems(q),
	                   "Matches", NULL) < 0 || days_page(c, id) < 0)
		return -1;
	page_money(c, "Matches.fen", "Matches.amount");
	admin_page(c, "配捐池", "pools");
	c->tmpl = "admin-pool.cs";
	return 0;
}

/* A move of the pool, then back to its page. */
static int moved(struct ctx *c, int to)
{
	const struct actor a = actor_of(c);
	char url[ADMIN_URL_LEN];

	if (pool_move(c->db, &a, c->f[K_ID].num, to, &c->err) < 0)
		return -1;
	snprintf(url, sizeof url, "/admin/pools/%lld", c->f[K_ID].num);
	return ctx_redirect(c, url);
}

int ui_admin_pool_pause(struct ctx *c)
{
	return moved(c, PL_PAUSED);
}

int ui_admin_pool_resume(struct ctx *c)
{
	return moved(c, PL_ACTIVE);
}

int ui_admin_pool_close(struct ctx *c)
{
	return moved(c, PL_CLOSED);
}
