/* regionsel.c — region selects' options per reach: built once per worker, marked per request. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "page.h"
#include "regions.h"
#include "regionsel.h"
#include "scope.h"

/* Whose reach a list is: the public's (everything), or a staff role's bound to a region. */
enum reader { READER_PUBLIC, READER_PROVINCE, READER_CITY, READER_COUNTY, READERS };

struct option_list {
	STRING html;
	int    n;        /* options in it */
	int    built;
};

/* A list per kind, reader and region the role is bound to (the public's and the province's: 0). */
static struct option_list lists[RS__KINDS][READERS][REGIONS_MAX];
static int registered;

static void free_lists(void)
{
	for (int k = 0; k < RS__KINDS; k++)
		for (int r = 0; r < READERS; r++)
			for (size_t i = 0; i < REGIONS_MAX; i++)
				string_clear(&lists[k][r][i].html);
}

/* The list for a's reach, or NULL for a reader who reaches no region (a volunteer, a donor). */
static struct option_list *list_for(enum regionsel_kind kind, const struct actor *a)
{
	static const char *const roles[READERS] = { NULL, "province", "city", "county" };
	long at;

	if (!a)
		return &lists[kind][READER_PUBLIC][0];
	if (a->kind != ACTOR_STAFF)
		return NULL;
	if (strcmp(a->role, roles[READER_PROVINCE]) == 0)
		return &lists[kind][READER_PROVINCE][0];
	at = region_index(a->region);
	for (int r = READER_CITY; r < READERS && at >= 0; r++)
		if (strcmp(a->role, roles[r]) == 0)
			return &lists[kind][r][at];
	return NULL;
}

static int reaches(enum regionsel_kind kind, const struct actor *a, const struct region *r)
{
	if (!a)
		return 1;
	return kind == RS_COUNTIES ? scope_reaches(a, r->code) : scope_reaches_region(a, r->code);
}

/* Append r as an option to out (NULL: only count it); 1. */
static int add_option(STRING *out, const struct region *r)
{
	if (!out)
		return 1;
	string_append(out, "<option value=\"");
	html_escape_to(out, r->code);
	string_append(out, "\">");
	html_escape_to(out, r->name);
	string_append(out, "</option>");
	return 1;
}

/*
 * The options of kind in city's group that a reaches, appended to out (NULL: only counted): the
 * city itself (RS_CITIES, RS_REGIONS), then its counties in code order (RS_COUNTIES, RS_REGIONS;
 * a city-county is its own one county, listed once).
 */
static int group(STRING *out, enum regionsel_kind kind, const struct actor *a,
                 const struct region *city)
{
	int n = 0;

	if (kind != RS_COUNTIES && reaches(kind, a, city))
		n += add_option(out, city);
	if (kind == RS_CITIES)
		return n;
	for (size_t j = 0; j < regions_count(); j++) {
		const struct region *k = region_at(j);

		if (k->is_county && strcmp(k->city, city->code) == 0 &&
		    (kind == RS_COUNTIES || k != city) && reaches(kind, a, k))
			n += add_option(out, k);
	}
	return n;
}

/* The cities in code order, each group under an <optgroup> when more than one city has any. */
static void build(struct option_list *l, enum regionsel_kind kind, const struct actor *a)
{
	int groups = 0;

	if (!registered) {
		atexit(free_lists);
		registered = 1;
	}
	for (size_t i = 0; i < regions_count(); i++)
		if (region_at(i)->is_city && group(NULL, kind, a, region_at(i)) > 0)
			groups++;
	string_init(&l->html);
	for (size_t i = 0; i < regions_count(); i++) {
		const struct region *city = region_at(i);
		int label = groups > 1 && kind != RS_CITIES;

		if (!city->is_city || group(NULL, kind, a, city) == 0)
			continue;
		if (label) {
			string_append(&l->html, "<optgroup label=\"");
			html_escape_to(&l->html, city->name);
			string_append(&l->html, "\">");
		}
		l->n += group(&l->html, kind, a, city);
		if (label)
			string_append(&l->html, "</optgroup>");
	}
	l->built = 1;
}

/* Page data name: html, with " selected" put into the option whose value is chosen. */
static void set_marked(struct ctx *c, const char *name, const STRING *html, const char *chosen)
{
	char needle[sizeof "value=\"\"" + REGION_CODE_SIZE];
	const char *at = NULL;
	STRING s;

	/* Only a code can be chosen: nothing else is looked for in the text. */
	if (html->buf && chosen && strlen(chosen) == REGION_CODE_SIZE - 1 &&
	    strspn(chosen, "0123456789") == REGION_CODE_SIZE - 1) {
		snprintf(needle, sizeof needle, "value=\"%s\"", chosen);
		at = strstr(html->buf, needle);
	}
	if (!at) {
		page_set(c, NULL, name, html->buf);
		return;
	}
	at += strlen(needle);
	string_init(&s);
	string_appendn(&s, html->buf, (int)(at - html->buf));
	string_append(&s, " selected");
	string_append(&s, at);
	page_set(c, NULL, name, s.buf);
	string_clear(&s);
}

int regionsel_set(struct ctx *c, const char *name, enum regionsel_kind kind,
                  const struct actor *a, const char *chosen)
{
	struct option_list *l = list_for(kind, a);

	if (!l) {
		page_set(c, NULL, name, "");
		return 0;
	}
	if (!l->built)
		build(l, kind, a);
	set_marked(c, name, &l->html, chosen);
	return l->n;
}
