/*
 * ui-exit.c — POST /admin/children/{code}/exit: a child leaves the programme with a coded reason.
 * An active sponsorship ends with that reason, and its donor is told and offered a similar waiting
 * child (the "substitute child" of the large sponsorship charities). One transaction, which also
 * closes the sponsorship's open orders (an instalment's); their provider is asked to close them too
 * once it has committed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "../audit.h"
#include "../labels.h"
#include "../core/ledger.h"
#include "../outbox.h"
#include "../scope.h"
#include "../public/public.h"

struct leave {
	struct ctx *c;
	struct actor actor;
	long long   child;
	long long   ended;   /* the sponsorship the exit ended, whose orders it closed */
	char        city[7], alias[132];
	char        why[800];   /* a label and a note of at most 150 characters */
};

static int lock_child(struct db *db, struct leave *l, struct err *e)
{
	struct scope s;
	char sql[256];
	HDF *row;

	scope_of(&l->c->who, &s);
	if (scope_sql(sql, sizeof sql, "SELECT c.id, c.status, c.city_code, c.alias FROM children c "
	              "WHERE c.code = ? AND %s FOR UPDATE", &s) < 0 ||
	    db_query_row(db, sql, (struct dbp[]){ P_STR(l->c->f[K_CODE].str), s.param }, 2, &row, e) < 0)
		return -1;
	if (!row)
		return err_set(e, 404, "找不到这个孩子的档案。", "exit of %s: not found or out of scope", l->c->f[K_CODE].str);
	l->child = strtoll(hdf_get_value(row, "id", "0"), NULL, 10);
	snprintf(l->city, sizeof l->city, "%s", hdf_get_value(row, "city_code", ""));
	snprintf(l->alias, sizeof l->alias, "%s", hdf_get_value(row, "alias", ""));
	if (strcmp(hdf_get_value(row, "status", ""), "exited") == 0) {
		hdf_destroy(&row);
		return err_set(e, 409, "这个孩子已经退出项目了。", "exit of %s: already exited", l->c->f[K_CODE].str);
	}
	hdf_destroy(&row);
	return 0;
}

/* The donor's letter: why the pairing ends, thanks, and a waiting child nearby to consider. */
static int tell_donor(struct db *db, struct leave *l, HDF *spons, struct err *e)
{
	const struct config *cfg = l->c->cfg;
	char body[1500], offer[400] = "";
	HDF *next;

	if (db_query_row(db, "SELECT code, alias FROM children c WHERE c.listed = 1 "
	                 "ORDER BY c.city_code = ? DESC, " CHILD_WAITING_ORDER " LIMIT 1",
	                 (struct dbp[]){ P_STR(l->city) }, 1, &next, e) < 0)
		return -1;
	if (next)
		snprintf(offer, sizeof offer, "\n如果您愿意继续结对，%s（编号 %s）也在等待：%s/children/%s",
		         hdf_get_value(next, "alias", ""), hdf_get_value(next, "code", ""), cfg->site_url,
		         hdf_get_value(next, "code", ""));
	hdf_destroy(&next);
	snprintf(body, sizeof body, "%s，您好！您结对的%s已经退出助养项目（%s），您们的结对到此结束。"
	         "感谢您这段时间的陪伴与资助。%s", hdf_get_value(spons, "display_name", ""), l->alias, l->why, offer);
	return outbox_put(db, hdf_get_value(spons, "login", ""), "结对结束与新的结对邀请", body, e);
}

/* The live sponsorship, if any: an active one ends; one still being paid for or approved must be settled first. */
static int end_sponsorship(struct db *db, struct leave *l, struct err *e)
{
	HDF *s;
	const char *state;
	int rc = 0;

	if (db_query_row(db, "SELECT x.id, x.state, d.login, d.display_name FROM sponsorships x "
	                 "JOIN donors d ON d.id = x.donor_id WHERE x.live_child = ? FOR UPDATE",
	                 (struct dbp[]){ P_INT(l->child) }, 1, &s, e) < 0)
		return -1;
	if (!s)
		return 0;
	state = hdf_get_value(s, "state", "");
	l->ended = strtoll(hdf_get_value(s, "id", "0"), NULL, 10);
	if (strcmp(state, "active") != 0)
		rc = err_set(e, 409, "这个孩子正在办理结对（待支付或待审核）。请先完成审核，或等保留结束后再办理退出。",
		             "exit of child %lld with a %s sponsorship", l->child, state);
	else if (db_exec(db, "UPDATE sponsorships SET state = 'ended', ended_at = NOW(), end_reason = ? WHERE id = ?",
	                 (struct dbp[]){ P_STR(l->why), P_INT(l->ended) }, 2, NULL, e) < 0 ||
	         ledger_close_orders(db, &l->actor, l->ended, e) < 0)
		rc = -1;
	else
		rc = tell_donor(db, l, s, e);
	hdf_destroy(&s);
	return rc;
}

static int exit_tx(struct db *db, void *arg, struct err *e)
{
	struct leave *l = arg;
	const struct field *f = l->c->f;

	l->ended = 0;
	if (lock_child(db, l, e) < 0 || end_sponsorship(db, l, e) < 0)
		return -1;
	if (db_exec(db, "UPDATE children SET status = 'exited', exit_reason = ?, exit_note = ?, exited_at = NOW() "
	            "WHERE id = ?", (struct dbp[]){ P_STR(f[K_EXIT].str), f[K_NOTE].present ? P_STR(f[K_NOTE].str) : P_NULL,
	            P_INT(l->child) }, 3, NULL, e) < 0)
		return -1;
	return audit(db, l->c, e, "child.exit", "child", f[K_CODE].str, "left the programme: %s", l->why);
}

int ui_admin_exit(struct ctx *c)
{
	const struct field *f = c->f;
	struct leave l = { .c = c, .actor = actor_of(c) };
	char url[64];

	if (strcmp(f[K_EXIT].str, "other") == 0 && !f[K_NOTE].present)
		return err_set(&c->err, 400, "选择“其他”时请写明原因。", "exit 'other' without a note");
	snprintf(l.why, sizeof l.why, "%s%s%s", label_of(EXIT_REASONS, f[K_EXIT].str), f[K_NOTE].present ? "：" : "",
	         f[K_NOTE].present ? f[K_NOTE].str : "");
	if (db_tx(c->db, exit_tx, &l, &c->err) < 0)
		return -1;
	if (l.ended)
		ledger_close_send(c->db, c->cfg, l.ended);
	snprintf(url, sizeof url, "/admin/children/%s", f[K_CODE].str);
	return ctx_redirect(c, url);
}
