/*
 * ui-donate.c — GET/POST /donate: a gift (慈善捐赠), from a donor or a guest, to the sponsorship
 * fund, or directed (定向捐赠) to a city or county, or to a member unit that signed the
 * programme's agreement.
 */
#include <stdio.h>
#include <string.h>

#include "public.h"
#include "../core/activities.h"
#include "../page.h"
#include "../regions.h"
#include "../util.h"

/* The cities as groups of the target select, each with itself and its counties. */
static void target_regions(struct ctx *c)
{
	int nc = 0;

	for (size_t i = 0; i < regions_count(); i++) {
		const struct region *city = region_at(i);
		int n = 0;

		if (!city->is_city)
			continue;
		page_setf(c, "Cities.%d.code=%s", nc, city->code);
		page_setf(c, "Cities.%d.name=%s", nc, city->name);
		for (size_t j = 0; j < regions_count(); j++) {
			const struct region *k = region_at(j);

			if (!k->is_county || k->is_city || strcmp(k->city, city->code) != 0)
				continue;
			page_setf(c, "Cities.%d.Counties.%d.code=%s", nc, n, k->code);
			page_setf(c, "Cities.%d.Counties.%d.name=%s", nc, n++, k->name);
		}
		nc++;
	}
}

int ui_donate(struct ctx *c)
{
	gift_form(c);
	target_regions(c);
	if (db_query_hdf(c->db, "SELECT id, name FROM member_units WHERE agreement_signed = 1 "
	                 "ORDER BY region_code", NULL, 0, c->hdf, "Units", NULL, &c->err) < 0)
		return -1;
	page_set(c, NULL, "Target", c->f[K_TARGET].present ? c->f[K_TARGET].str : "all");
	page_set(c, NULL, "Page.Title", "我要捐赠");
	page_set(c, NULL, "Page.Nav", "donate");
	c->tmpl = "donate.cs";
	return 0;
}

int ui_donate_post(struct ctx *c)
{
	const struct field *t = &c->f[K_TARGET];
	struct gift_for to = { .purpose = "general" };

	if (t->present && strcmp(t->str, "all") != 0) {
		to.purpose = "directed";
		if (t->str[0] != 'u')
			to.target_region = t->str;
		else if (activities_check_unit(c->db, t->num, &c->err) < 0)
			return -1;
		else
			to.target_unit = t->num;
	}
	return gift_post(c, &to);
}
