/* core/bank.c — the guardian's bank account on a child's record: sealed, masked, audited. */
#include <stdio.h>
#include <string.h>
#include <sodium.h>

#include "../pii.h"
#include "../scope.h"
#include "../util.h"
#include "audit.h"
#include "bank.h"
#include "rows.h"

/* "holder\nnumber\nbank" at most. */
#define BANK_PLAIN_LEN (BANK_HOLDER_LEN + BANK_NO_LEN + BANK_NAME_LEN + 2)

/* The digits of number alone, into out (BANK_NO_LEN); their count, or -1 if there are too many. */
static int digits_of(const char *number, char out[BANK_NO_LEN])
{
	int n = 0;

	for (; *number; number++) {
		if (*number < '0' || *number > '9')
			continue;
		if (n == BANK_NO_LEN - 1)
			return -1;
		out[n++] = *number;
	}
	out[n] = '\0';
	return n;
}

struct setting {
	const struct config *cfg;
	const struct actor  *a;
	const char          *code, *holder, *number, *bank;
};

static int set_tx(struct db *db, void *arg, struct err *e)
{
	const struct setting *st = arg;
	char sql[SCOPE_SQL_LEN], digits[BANK_NO_LEN], plain[BANK_PLAIN_LEN], mask[BANK_MASK_LEN];
	unsigned char sealed[PII_SEALED_LEN(BANK_PLAIN_LEN)];
	long long child = 0;
	struct scope s;
	long n;
	int found, rc;

	scope_for(st->a, &s);
	if (scope_sql(sql, sizeof sql, "SELECT c.id FROM children c WHERE c.code = ? AND %s "
	              "FOR UPDATE", &s) < 0)
		return err_internal(e, "bank query too long");
	struct dbp p[] = { P_STR(st->code), s.param };
	const struct var v[] = { VAR_LL(&child) };
	if ((found = row_get(db, sql, p, nitems(p), v, nitems(v), e)) < 0)
		return -1;
	if (!found)
		return err_core(e, ERR_NOT_FOUND, "bank.no_child", "bank account of %s: out of "
		                "reach",
		                st->code);
	if (!payout_maker(st->a))
		return err_core(e, ERR_FORBIDDEN, "bank.not_county", "staff %lld (%s) sets no bank "
		                "accounts", st->a->id, st->a->role);
	n = digits_of(st->number, digits);
	if (n < 12 || n > 19)
		return err_core(e, ERR_INVALID, "bank.bad", "bank account of %s: %ld digits",
		                st->code, n);
	payout_bank_mask(digits, mask);
	snprintf(plain, sizeof plain, "%s\n%s\n%s", st->holder, digits, st->bank);
	n = pii_seal(st->cfg->pii_key, "bank_account", st->code, plain, strlen(plain), sealed,
	             sizeof sealed);
	sodium_memzero(plain, sizeof plain);
	sodium_memzero(digits, sizeof digits);
	if (n < 0)
		return err_internal(e, "bank account of %s does not seal", st->code);
	struct dbp u[] = { P_BIN(sealed, n), P_STR(mask), P_INT(child) };
	rc = db_exec(db, "UPDATE children SET pii_bank = ?, bank_mask = ? WHERE id = ?", u,
	             nitems(u), NULL, e);
	if (rc < 0)
		return -1;
	/* Never the number, nor its mask: the record's code is enough to find it. */
	return audit_actor(db, st->a, e, "child.bank", "child", st->code,
	                   "guardian's bank account set");
}

int bank_account_set(struct db *db, const struct config *cfg, const struct actor *a,
                     const char *code, const char *holder, const char *number, const char *bank,
                     struct err *e)
{
	struct setting st = { cfg, a, code, holder, number, bank };

	return db_tx(db, set_tx, &st, e);
}

/* The opened account's three lines into out (the number dropped); -1 if it is not three lines. */
static int split(char *plain, struct bank_account *out)
{
	char *nl1 = strchr(plain, '\n'), *nl2 = nl1 ? strchr(nl1 + 1, '\n') : NULL;

	if (!nl2)
		return -1;
	*nl1 = *nl2 = '\0';
	if (strlen(plain) >= sizeof out->holder || strlen(nl2 + 1) >= sizeof out->bank)
		return -1;
	memcpy(out->holder, plain, strlen(plain) + 1);
	memcpy(out->bank, nl2 + 1, strlen(nl2 + 1) + 1);
	return 0;
}

/* The child's row, its account opened into r->out (the number never kept). */
struct reading {
	const struct config *cfg;
	struct bank_account *out;
	char                 code[CHILD_CODE_LEN + 1];
	int                  broken;
};

static int account_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct reading *r = ctx;
	char plain[BANK_PLAIN_LEN];

	(void)n; (void)f;
	row_text(r->code, sizeof r->code, v[0]);
	row_text(r->out->mask, sizeof r->out->mask, v[1]);
	if (!v[2])
		return 0;
	r->broken = pii_open_into(r->cfg->pii_key, "bank_account", r->code, v[2], l[2], plain,
	                          sizeof plain) < 0 || split(plain, r->out) < 0;
	r->out->set = !r->broken;
	sodium_memzero(plain, sizeof plain);
	return 0;
}

int bank_account_read(struct db *db, const struct config *cfg, const struct actor *a,
                      long long child_id, struct bank_account *out, struct err *e)
{
	struct reading r = { .cfg = cfg, .out = out };
	struct dbp p[] = { P_INT(child_id) };

	memset(out, 0, sizeof *out);
	if (db_query(db, "SELECT code, bank_mask, pii_bank FROM children WHERE id = ?", p,
	             nitems(p), account_row, &r, e) < 0)
		return -1;
	if (r.broken)
		return err_internal(e, "bank account of %s does not open", r.code);
	if (!out->set)
		return 0;
	return audit_actor(db, a, e, "child.bank_view", "child", r.code,
	                   "guardian's bank account viewed");
}
