/*
 * nav.h — the navigation bar: one table per area (the public site, the back office) of the links
 * it may show, set on the page as Nav.N.href, Nav.N.label and Nav.N.current for header.cs to loop
 * over. Which of them an actor sees is the access decision's, not the template's.
 */
#ifndef TX_NAV_H
#define TX_NAV_H

#include "ctx.h"

/* Whether the actor of c may GET path (the bar leaves the link out when not). */
typedef int (*nav_may_fn)(const struct ctx *c, const char *path);

/*
 * The bar of the back office (admin) or of the public site: each link may says yes to, in the
 * table's order; the one whose page id is the handler's Page.Nav is current.
 */
void nav_set(struct ctx *c, int admin, nav_may_fn may);

#endif
