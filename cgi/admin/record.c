/* record.c — what the child-record pages share: the form's choices, its checks, and its personal fields sealed. */
#include <string.h>

#include "admin.h"
#include "../idcard.h"
#include "../labels.h"
#include "../page.h"
#include "../regions.h"
#include "../scope.h"

void record_choices(struct ctx *c)
{
	int n = 0;

	page_label_list(c, "Categories", CATEGORIES);
	page_label_list(c, "ExitReasons", EXIT_REASONS);
	for (size_t i = 0; i < regions_count(); i++) {
		const struct region *r = region_at(i);
		if (r->is_county && scope_has_county(&c->who, r->code)) {
			page_setf(c, "Counties.%d.code=%s", n, r->code);
			page_setf(c, "Counties.%d.name=%s", n++, r->name);
		}
	}
}

int record_form_ok(struct ctx *c)
{
	const struct field *f = c->f;
	char birth[11];

	if (!idcard_valid(f[K_IDNUM].str, birth) || strcmp(birth, f[K_BIRTH].str) != 0)
		return err_set(&c->err, 400, "出生日期与身份证号里的出生日期不一致。", "birth date differs from the ID number's");
	if (!scope_has_county(&c->who, f[K_COUNTY].str))
		return err_set(&c->err, 403, "这个区县不在您的管理范围内。", "county %s out of scope", f[K_COUNTY].str);
	return 0;
}

static int seal(const struct ctx *c, const char *field, const char *code, int key, unsigned char *out,
                size_t outsize, size_t *len)
{
	const char *plain = c->f[key].present ? c->f[key].str : "";
	long n = pii_seal(c->cfg->pii_key, field, code, plain, strlen(plain), out, outsize);

	*len = n < 0 ? 0 : (size_t)n;
	return n < 0 ? -1 : 0;
}

int record_seal(const struct ctx *c, const char *code, struct sealed_record *s, struct err *e)
{
	pii_id_hash(c->cfg->hash_key, c->f[K_IDNUM].str, s->hash);
	s->city = region_get(c->f[K_COUNTY].str)->city;   /* record_form_ok: a county in reach */
	if (seal(c, "real_name", code, K_RNAME2, s->name, sizeof s->name, &s->lname) < 0 ||
	    seal(c, "id_number", code, K_IDNUM, s->idn, sizeof s->idn, &s->lidn) < 0 ||
	    seal(c, "guardian", code, K_GUARDIAN, s->guard, sizeof s->guard, &s->lguard) < 0 ||
	    seal(c, "address", code, K_ADDRESS, s->addr, sizeof s->addr, &s->laddr) < 0)
		return err_set(e, 500, NULL, "record %s: a field too long to seal", code);
	return 0;
}
