/*
 * ui-pools.c — GET /admin/pools: the matching pools (配捐) in the staff member's reach, newest
 * first, with what each pledged, has left and has matched; GET /admin/pools/new, its form; POST
 * /admin/pools makes one (core/pools.c) and goes to its page.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "../core/pools.h"
#include "../labels.h"
#include "../page.h"
#include "../regions.h"
#include "../scope.h"
#include "../util.h"

#define POOLS_LIMIT 200

/* The sets of gifts a pool may match, as the form offers them (match_pools.kinds). */
static const struct label KIND_SETS[] = {
	{ "general,page,sponsorship", "非定向捐赠、一起捐页面的捐赠和一对一助养" },
	{ "sponsorship,general,directed,activity,page", "全部捐赠" },
	{ "general,page", "非定向捐赠和一起捐页面的捐赠" },
	{ "sponsorship", "一对一助养" },
	{ "directed", "定向捐赠" },
	{ "activity,page", "专题活动和一起捐页面的捐赠" },
	{ NULL, NULL }
};

int ui_admin_pools(struct ctx *c)
{
	const struct actor a = actor_of(c);
	const char *state = c->f[K_STATE].present ? c->f[K_STATE].str : "";
	struct dbp p[] = {
		P_STR(state), P_STR(state), P_STR(a.role), P_STR(a.region), P_STR(a.role),
		P_STR(a.region), P_INT(POOLS_LIMIT),
	};

	if (*state && !label_of(POOL_STATES, state))
		return err_set(&c->err, 400, KEYS[K_STATE].problem, "pools: state %s", state);
	if (db_query_hdf(c->db,
	        "SELECT mp.id, mp.funder, mp.amount_fen, mp.remaining_fen, "
	        "mp.amount_fen - mp.remaining_fen AS matched_fen, mp.ratio_den AS given, "
	        "mp.ratio_num AS matched, mp.cap_fen, mp.state, "
	        "COALESCE(mp.scope_region, '') AS region, COALESCE(ac.title, '') AS activity, "
	        "DATE_FORMAT(mp.starts_at, '%Y-%m-%d') AS starts, "
	        "DATE_FORMAT(mp.ends_at, '%Y-%m-%d') AS ends "
	        "FROM match_pools mp LEFT JOIN activities ac ON ac.id = mp.activity_id "
	        "WHERE (? = '' OR mp.state = ?) AND " POOL_REACH_SQL " "
	        "ORDER BY mp.id DESC LIMIT ?", p, nitems(p), c->hdf, "Pools", NULL, &c->err) < 0)
		return -1;
	page_money_rows(c, "Pools", "amount_fen", "amount");
	page_money_rows(c, "Pools", "remaining_fen", "remaining");
	page_money_rows(c, "Pools", "matched_fen", "matched_total");
	page_money_rows(c, "Pools", "cap_fen", "cap");
	page_label_rows(c, "Pools", "state", POOL_STATES, "state_label");
	page_region_rows(c, "Pools", "region", "place");
	page_label_list(c, "States", POOL_STATES);
	page_set(c, NULL, "State", state);
	admin_page(c, "配捐", "pools");
	c->tmpl = "admin-pools.cs";
	return 0;
}

/* The activities the form offers: those the staff member reaches, as Activities.N. */
struct offered {
	struct ctx  *c;
	struct actor a;
	int          n;
};

static int activity_row(struct db *db, void *ctx, HDF *row, struct err *e)
{
	struct offered *o = ctx;
	char name[48];

	(void)db; (void)e;
	if (!scope_reaches_region(&o->a, hdf_get_value(row, "region_code", "")))
		return 0;
	snprintf(name, sizeof name, "Activities.%d.slug", o->n);
	page_set(o->c, NULL, name, hdf_get_value(row, "slug", ""));
	snprintf(name, sizeof name, "Activities.%d.title", o->n++);
	page_set(o->c, NULL, name, hdf_get_value(row, "title", ""));
	return 0;
}

int ui_admin_pool_new(struct ctx *c)
{
	const struct actor a = actor_of(c);
	struct offered o = { c, a, 0 };

	if (strcmp(a.role, "province") == 0)
		page_set(c, NULL, "Programme", "1");
	/* a refused pool's region stays chosen (form_again) */
	regions_in_reach(c, c->f[K_REGION].present ? c->f[K_REGION].str : NULL);
	if (db_query_each(c->db, "SELECT slug, COALESCE(region_code, '') AS region_code, title "
	                  "FROM activities WHERE state <> 'ended' ORDER BY id DESC", NULL, 0,
	                  activity_row, &o, &c->err) < 0)
		return -1;
	page_label_list(c, "KindSets", KIND_SETS);
	if (db_query_hdf(c->db, "SELECT id, name, region_code AS region FROM member_units "
	                 "ORDER BY region_code, id", NULL, 0, c->hdf, "Units", NULL, &c->err) < 0)
		return -1;
	admin_unit_groups(c, "Units", "UnitGroups");
	admin_page(c, "新建配捐池", "pools");
	c->tmpl = "admin-pool-new.cs";
	return 0;
}

int ui_admin_pool_create(struct ctx *c)
{
	const struct actor a = actor_of(c);
	const struct field *f = c->f;
	struct pool_new p = {
		.funder = f[K_FUNDER].str, .from = f[K_FROM].str, .to = f[K_TO].str,
		.region = f[K_REGION].present ? f[K_REGION].str : NULL,
		.slug = f[K_SLUG].present ? f[K_SLUG].str : NULL, .kinds = f[K_KINDS].str,
		.unit_id = f[K_UNIT].present ? f[K_UNIT].num : 0, .amount_fen = f[K_GOAL].num,
		/* "a:b": a yuan given, b matched. */
		.ratio_num = f[K_RATIO].num % 1000, .ratio_den = f[K_RATIO].num / 1000,
		.cap_fen = f[K_CAP].num,
	};
	const struct region *r = p.region ? region_get(p.region) : NULL;
	char url[ADMIN_URL_LEN];
	long long id;

	/* The province itself is the programme. */
	if (r && !r->is_city && !r->is_county)
		p.region = NULL;
	if (p.region && p.slug)
		return err_core(&c->err, ERR_INVALID, "pool.both",
		                "pool: both region and activity");
	if (pool_create(c->db, &a, &p, &id, &c->err) < 0)
		return err_at_if(&c->err, "pool.window", KEYS[K_TO].name);
	snprintf(url, sizeof url, "/admin/pools/%lld", id);
	return ctx_redirect(c, url);
}
