/* fuzz_ledger.c — libFuzzer: any bytes as a ledger upload, through decoding, CSV and row checks. */
#include <stdint.h>
#include <string.h>

#include "core/import.h"
#include "regions.h"

/* Room for a row's refusal. */
#define WHY_MAX 128

static const struct actor province = {
	.kind = ACTOR_STAFF, .id = 1, .role = "province", .region = "420000",
};

static int on_row(void *ctx, const struct ledger_row *r)
{
	char why[WHY_MAX];

	(void)ctx;
	ledger_check(&province, r, why, sizeof why);
	return 0;
}

static void on_problem(void *ctx, long line, const char *why)
{
	(void)ctx; (void)line; (void)why;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct err e;

	if (!ready) {
		regions_add("420000", "", "province", "湖北省", "湖北");
		regions_add("422800", "420000", "city", "恩施州", "恩施州");
		regions_add("422823", "422800", "county", "巴东县", "巴东县");
		ready = 1;
	}
	memset(&e, 0, sizeof e);
	ledger_parse((const char *)data, size, on_row, on_problem, NULL, &e);
	return 0;
}
