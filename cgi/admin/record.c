/*
 * record.c — what the child-record pages share: the form's choices, the form as the core takes it,
 * the record shown.
 */
#include <string.h>

#include "admin.h"
#include "../labels.h"
#include "../page.h"
#include "../util.h"

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
