/* fundraising.c — pausing and resuming a themed activity or a personal page, its donors told. */
#include <stdio.h>
#include <string.h>

#include "../scope.h"
#include "../outbox.h"
#include "../util.h"
#include "fundraising.h"
#include "rows.h"
#include "state.h"

#define FUND_SQL_MAX    512
#define FUND_LETTER_MAX 1200

/* What differs between the two kinds: table, state entity and states, where the reason goes. */
struct fund_def {
	const char *table, *noun, *reason_col, *donation_col;
	enum entity ent;
	int         live, paused;
};

static const struct fund_def FUND_DEFS[] = {
	[FUND_ACTIVITY] = { "activities", "专题活动", "pause_reason", "activity_id", ENT_ACTIVITY,
	                    AC_LIVE, AC_PAUSED },
	[FUND_PAGE]     = { "fund_pages", "一起捐页面", "review_note", "page_id", ENT_PAGE,
	                    PG_LIVE, PG_PAUSED },
};

/* An item as pausing reads it, locked. */
struct fund_row {
	char state[24], title[FUND_TITLE_MAX], region[8];
};

/* The item locked, if actor a reaches it (else not found). */
static int fund_lock(struct db *db, const struct actor *a, const struct fund_def *d,
                     long long id, struct fund_row *r, struct err *e)
{
	char sql[FUND_SQL_MAX];
	struct dbp p[] = { P_INT(id) };
	const struct var cols[] = { VAR_STR(r->state), VAR_STR(r->title), VAR_STR(r->region) };
	int found;

	snprintf(sql, sizeof sql,
	         "SELECT state, title, region_code FROM %s WHERE id = ? FOR UPDATE", d->table);
	if ((found = row_get(db, sql, p, nitems(p), cols, nitems(cols), e)) < 0)
		return -1;
	if (!found || !scope_reaches_region(a, r->region))
		return err_core(e, ERR_NOT_FOUND, "fund.unknown",
		                "%s %lld: not found or out of reach", d->table, id);
	return 0;
}

/* One letter to each of the item's donors: signed-in donors' logins, guests' mobile numbers. */
static int fund_tell(struct db *db, const struct fund_def *d, long long id, const char *title,
                     const char *reason, struct err *e)
{
	char sql[FUND_SQL_MAX], subject[FUND_TITLE_MAX + 64], body[FUND_LETTER_MAX];
	struct dbp p[] = { P_INT(id), P_INT(id) };

	snprintf(sql, sizeof sql,
	         "SELECT o.login AS login FROM donations d JOIN donors o ON o.id = d.donor_id "
	         "WHERE d.%s = ? AND d.status = 'paid' AND d.channel <> 'match' "
	         "UNION SELECT po.mobile FROM donations d JOIN pay_orders po ON po.id = d.order_id "
	         "WHERE d.%s = ? AND d.status = 'paid' AND d.donor_id IS NULL "
	         "AND po.mobile IS NOT NULL", d->donation_col, d->donation_col);
	snprintf(subject, sizeof subject, "您支持的%s“%s”已暂停募捐", d->noun, title);
	snprintf(body, sizeof body,
	         "您好！您捐赠支持的%s“%s”已暂停募捐。\n原因：%s\n\n"
	         "您的捐赠已经入账，票据和捐赠记录不受影响。如有疑问，请联系我们。", d->noun, title,
	         reason);
	return outbox_put_each(db, sql, p, nitems(p), subject, body, e);
}

int fund_pause(struct db *db, const struct actor *a, enum fund_kind k, long long id,
               const char *reason, char *title, struct err *e)
{
	const struct fund_def *d = &FUND_DEFS[k];
	struct fund_row r;
	char set[64];
	struct dbp sp[] = { P_STR(reason) };
	struct move m = {
		.ent = d->ent, .where = "id = ?", .key = P_INT(id), .from = SB(d->live),
		.to = d->paused, .why = "paused", .set = set, .sp = sp, .nsp = nitems(sp),
	};

	snprintf(set, sizeof set, "%s = ?", d->reason_col);
	if (fund_lock(db, a, d, id, &r, e) < 0)
		return -1;
	if (state_of(d->ent, r.state) != d->live)
		return err_core(e, ERR_CONFLICT, "fund.not_live", "%s %lld is %s", d->table, id,
		                r.state);
	if (state_move(db, a, &m, NULL, e) < 0 || fund_tell(db, d, id, r.title, reason, e) < 0)
		return -1;
	if (title)
		snprintf(title, FUND_TITLE_MAX, "%s", r.title);
	return 0;
}

int fund_resume(struct db *db, const struct actor *a, enum fund_kind k, long long id,
                struct err *e)
{
	const struct fund_def *d = &FUND_DEFS[k];
	struct fund_row r;
	struct move m = {
		.ent = d->ent, .where = "id = ?", .key = P_INT(id), .from = SB(d->paused),
		.to = d->live, .why = "resumed",
	};

	if (fund_lock(db, a, d, id, &r, e) < 0)
		return -1;
	if (state_of(d->ent, r.state) != d->paused)
		return err_core(e, ERR_CONFLICT, "fund.not_paused", "%s %lld is %s", d->table, id,
		                r.state);
	return state_move(db, a, &m, NULL, e);
}
