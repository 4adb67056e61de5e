/* privacy.c — what must never reach a sponsor or a family, found in a text before review. */
#include <string.h>

#include <sodium.h>

#include "privacy.h"

/* A first version: finds nothing yet (the scanners follow). */

int privacy_terms_of(struct db *db, const struct config *cfg, long long child_id,
                     struct privacy_terms *t, struct err *e)
{
	(void)db; (void)cfg; (void)child_id; (void)e;
	memset(t, 0, sizeof *t);
	return 0;
}

void privacy_terms_wipe(struct privacy_terms *t)
{
	sodium_memzero(t, sizeof *t);
}

int privacy_scan(const char *text, const struct privacy_terms *t, unsigned mask,
                 struct privacy_found *f)
{
	(void)text; (void)t; (void)mask;
	memset(f, 0, sizeof *f);
	return 0;
}

const char *privacy_kind_name(enum privacy_kind k)
{
	static const char *const N[PV__MAX] = {
		[PV_PHONE] = "phone", [PV_IDNUM] = "idnum", [PV_CHAT] = "chat", [PV_NAME] = "name",
		[PV_PLACE] = "place", [PV_ADDRESS] = "address", [PV_MONEY] = "money",
	};

	return k < PV__MAX ? N[k] : "";
}
