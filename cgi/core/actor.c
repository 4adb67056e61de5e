/* actor.c — actors that are not a web request's. */
#include <stdio.h>

#include "actor.h"

struct actor actor_system(const char *where)
{
	struct actor a = { .kind = ACTOR_SYSTEM };

	snprintf(a.addr, sizeof a.addr, "%s", where);
	snprintf(a.net, sizeof a.net, "%s", where);
	return a;
}
