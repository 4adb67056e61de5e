/* cmd.c — the route table. To find a page's code: look up its path here, then open the handler's ui-*.c file. */
#include <string.h>

#include "cmd.h"
#include "public/public.h"

const struct cmd CMDS[] = {
	/* method  pattern              handler          access       needs */
	{ "GET", "/",                   ui_home,         ACC_PUBLIC,  CMD_DB | CMD_CACHE },
	{ "GET", "/children",           ui_children,     ACC_PUBLIC,  CMD_DB | CMD_CACHE },
	{ "GET", "/children/{code}",    ui_child,        ACC_PUBLIC,  CMD_DB | CMD_CACHE },
	{ "GET", "/sponsor/{code}",     ui_sponsor,      ACC_PUBLIC,  CMD_DB },
	{ "GET", "/healthz",            ui_healthz,      ACC_PUBLIC,  0 },
	{ NULL, NULL, NULL, ACC_PUBLIC, 0 }
};

const struct cmd *cmd_find(const char *method, const char *path, struct route_params *rp, enum cmd_miss *why)
{
	const char *m = strcmp(method, "HEAD") == 0 ? "GET" : method;

	*why = CMD_NO_PATH;
	for (const struct cmd *c = CMDS; c->method; c++) {
		if (!route_match(c->pattern, path, rp))
			continue;
		if (strcmp(c->method, m) == 0) {
			*why = CMD_FOUND;
			return c;
		}
		*why = CMD_NO_METHOD;
	}
	return NULL;
}
