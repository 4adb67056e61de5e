/*
 * ui-child-new.c — GET /admin/children/new and POST /admin/children: staff record a child by hand
 * (the ledger import records many), through child_create (core/children.c): the record page's
 * checks, an ID number already on record a 409 that names the record when it is within the staff
 * member's reach.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "../page.h"

int ui_admin_child_new(struct ctx *c)
{
	record_choices(c);
	page_set(c, NULL, "New", "1");
	page_set(c, NULL, "Child.status",
	         "new");   /* the template's "with" needs the node to exist */
	admin_page(c, "登记新的孩子", "children");
	c->tmpl = "admin-child.cs";
	return 0;
}

int ui_admin_child_create(struct ctx *c)
{
	struct actor a = actor_of(c);
	struct child_form f = record_form(c);
	char code[CHILD_CODE_LEN + 1], url[ADMIN_URL_LEN];

	if (child_create(c->db, c->cfg, &a, &f, code, &c->err) < 0) {
		/* The one answer that names a record: the staff member may open it. */
		if (c->err.key && strcmp(c->err.key, "children.on_record") == 0)
			snprintf(c->err.msg, sizeof c->err.msg,
			         "这个身份证号已经登记过了：档案 "
			         "%s。请打开那份档案修改，不要重复登记。", code);
		return -1;
	}
	snprintf(url, sizeof url, "/admin/children/%s", code);
	return ctx_redirect(c, url);
}
