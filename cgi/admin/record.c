/*
 * record.c — what the child-record pages share: the form's choices, the form as the core takes it,
 * the record shown.
 */
#include <string.h>

#include "admin.h"
#include "../labels.h"
#include "../page.h"
#include "../regionsel.h"
#include "../scope.h"
#include "../util.h"

/* Counties or Cities, a select's options, and how many (CountyChoices or CityChoices). */
static int region_options(struct ctx *c, enum regionsel_kind kind, const char *chosen)
{
	const struct actor a = actor_of(c);
	int cities = kind == RS_CITIES;
	int n = regionsel_set(c, cities ? "Cities" : "Counties", kind, &a, chosen);

	page_setf(c, "%s=%d", cities ? "CityChoices" : "CountyChoices", n);
	return n;
}

int admin_county_options(struct ctx *c, const char *chosen)
{
	return region_options(c, RS_COUNTIES, chosen);
}

/* The filter key (a county or a city, as its validator has made sure) and its select. */
static int region_filter(struct ctx *c, int key, enum regionsel_kind kind, const char **code)
{
	const struct actor a = actor_of(c);
	const struct field *f = &c->f[key];

	*code = f->present ? f->str : "";
	if (f->present && !scope_reaches_region(&a, f->str))
		return err_set(&c->err, 404, kind == RS_CITIES ? "所选市州不在您的工作范围内。" :
		               "所选区县不在您的工作范围内。", "%s %s out of scope",
		               KEYS[key].name, f->str);
	region_options(c, kind, *code);
	return 0;
}

int admin_county_filter(struct ctx *c, const char **county)
{
	return region_filter(c, K_COUNTY, RS_COUNTIES, county);
}

int admin_city_filter(struct ctx *c, const char **city)
{
	return region_filter(c, K_CITY, RS_CITIES, city);
}

void record_choices(struct ctx *c)
{
	page_label_list(c, "Categories", CATEGORIES);
	page_label_list(c, "ExitReasons", EXIT_REASONS);
	/* the record's own county chosen (record_page has set it; a new child's: none) */
	admin_county_options(c, hdf_get_value(c->hdf, "Child.county", NULL));
}

static const char *opt(const struct field *f)
{
	return f->present ? f->str : NULL;
}

struct child_form record_form(const struct ctx *c)
{
	const struct field *f = c->f;

	return (struct child_form){
		.alias = f[K_ALIAS].str, .gender = f[K_GENDER].str, .birth = f[K_BIRTH].str,
		.county = f[K_COUNTY].str, .category = f[K_CATEGORY].str, .story = opt(&f[K_STORY]),
		.real_name = f[K_RNAME2].str, .id_number = f[K_IDNUM].str,
		.guardian = f[K_GUARDIAN].str, .address = opt(&f[K_ADDRESS]),
		.school = opt(&f[K_SCHOOL]),
	};
}

void record_page(struct ctx *c, const struct child_record *r)
{
	const struct { const char *name, *value; } fields[] = {
		{ "code", r->code }, { "alias", r->alias }, { "gender", r->gender },
		{ "birth_date", r->birth_date }, { "county", r->county },
		{ "category", r->category }, { "story", r->story }, { "status", r->status },
		{ "exited_at", r->exited_at }, { "real_name", r->real_name },
		{ "id_number", r->id_number }, { "guardian", r->guardian },
		{ "address", r->address }, { "school", r->school },
	};
	HDF *node;

	if (hdf_get_node(c->hdf, "Child", &node)) {
		err_set(&c->err, 500, NULL, "hdf: out of memory");
		return;
	}
	for (size_t i = 0; i < nitems(fields); i++)
		page_set(c, node, fields[i].name, fields[i].value);
	page_setf(c, "Child.id=%lld", r->id);
	page_setf(c, "Child.version=%u", r->version);
	page_setf(c, "Child.consent=%d", r->consent);
	page_setf(c, "Child.consent_photo=%d", r->consent_photo);
}
