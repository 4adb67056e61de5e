/*
 * ui-child.c — GET/POST /admin/children/{code}: a child's record, personal data included, for staff
 * in scope. Every view of the personal data is audited (core/children.c); a save that started from
 * an older version gets the conflict page.
 */
#include <stdio.h>
#include <sodium.h>

#include "admin.h"
#include "../core/bank.h"
#include "../core/payouts.h"
#include "../page.h"
#include "../util.h"

/* The volunteers of the child's county, each with whether the child is assigned to them. */
static int volunteers(struct ctx *c, const struct child_record *r)
{
	struct dbp p[] = { P_INT(r->id), P_STR(r->county) };

	return db_query_hdf(c->db, "SELECT v.username, v.display_name, "
	                    "EXISTS (SELECT 1 FROM volunteer_children vc WHERE vc.staff_id = v.id "
	                    "AND vc.child_id = ?) AS has FROM staff v WHERE v.role = 'volunteer' "
	                    "AND v.active = 1 AND v.region_code = ? ORDER BY v.username", p,
	                    nitems(p), c->hdf, "Volunteers", NULL, &c->err);
}

/*
 * Payouts: the guardian's bank account (masked; holder and bank opened, the view audited), and
 * whether the reader may set it and make a payout (county staff).
 */
static int bank_page(struct ctx *c, const struct actor *a, const struct child_record *r)
{
	struct bank_account acct;

	if (bank_account_read(c->db, c->cfg, a, r->id, &acct, &c->err) < 0)
		return -1;
	if (acct.set) {
		page_set(c, NULL, "Bank.holder", acct.holder);
		page_set(c, NULL, "Bank.bank", acct.bank);
		page_set(c, NULL, "Bank.mask", acct.mask);
	}
	if (payout_maker(a))
		page_set(c, NULL, "Bank.may_set", "1");
	sodium_memzero(&acct, sizeof acct);   /* personal data */
	return 0;
}

int ui_admin_child(struct ctx *c)
{
	struct actor a = actor_of(c);
	struct child_record r;
	int rc;

	rc = child_view(c->db, c->cfg, &a, c->f[K_CODE].str, &r, &c->err);
	if (rc == 0) {
		record_page(c, &r);
		rc = volunteers(c, &r);
	}
	if (rc == 0)
		rc = bank_page(c, &a, &r);
	if (rc == 0) {
		record_choices(c);
		admin_page(c, r.alias[0] ? r.alias : "档案", "children");
		c->tmpl = "admin-child.cs";
	}
	sodium_memzero(&r, sizeof r);   /* personal data */
	return rc;
}

/* The conflict page: the other save's version as it is now, and this editor's, to merge by hand. */
static void conflict_page(struct ctx *c, const struct child_record *current)
{
	static const int keys[] = { K_ALIAS, K_GENDER, K_BIRTH, K_COUNTY, K_CATEGORY, K_STORY,
	                            K_RNAME2, K_IDNUM, K_GUARDIAN, K_ADDRESS, K_SCHOOL };

	record_page(c, current);
	for (size_t i = 0; i < nitems(keys); i++)
		page_setf(c, "Mine.%s=%s", KEYS[keys[i]].name, c->f[keys[i]].present ?
		          c->f[keys[i]].str : "");
	page_set(c, NULL, "Conflict", "1");
	record_choices(c);
	admin_page(c, "保存冲突", "children");
	c->status = 409;
	c->tmpl = "admin-child.cs";
}

int ui_admin_child_post(struct ctx *c)
{
	struct actor a = actor_of(c);
	struct child_form f = record_form(c);
	struct child_record current;
	char url[ADMIN_URL_LEN];
	int rc, conflict = 0;

	rc = child_save(c->db, c->cfg, &a, c->f[K_CODE].str, c->f[K_VERSION].num, &f, &current,
	                &conflict, &c->err);
	if (rc == 0 && conflict)
		conflict_page(c, &current);
	sodium_memzero(&current, sizeof current);   /* personal data */
	if (rc < 0 || conflict)
		return rc;
	snprintf(url, sizeof url, "/admin/children/%s", c->f[K_CODE].str);
	return ctx_redirect(c, url);
}
