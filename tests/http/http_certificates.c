/* http_certificates.c — a gift's donation certificate (its page, a wrong code, its QR code), and how a matched gift and
 * its match read on their receipts and in the public record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "client.h"

/* The fixture: a gift of 2,000 yuan and its match of 500 from a pool whose window has passed (so no engine matches
 * anything else from it while the test runs), receipts YEAR-9000001 and -9000002. */
#define GIFT_CODE  "CERT5TESTGG00001"
#define MATCH_CODE "CERT5TESTMM00002"
#define FUNDER     "测试·配捐方"
/* The gift came through a spokesperson's page (一起捐). */
#define PAGE       "CERTPG01"
#define MINE       "receipt_seq IN (9000001, 9000002) AND receipt_year = YEAR(CURDATE())"

static void forget(void)
{
	admin_sql("DELETE FROM donations WHERE " MINE " AND match_of IS NOT NULL;"
	          "DELETE FROM donations WHERE " MINE ";"
	          "DELETE FROM match_pools WHERE funder = '" FUNDER "';"
	          "DELETE FROM raised_totals WHERE item_kind = 'page' AND item_id IN "
	          "(SELECT id FROM fund_pages WHERE code = '" PAGE "');"
	          "DELETE FROM fund_pages WHERE code = '" PAGE "';", NULL);
}

static void fixture(void)
{
	forget();
	admin_sql_okf("INSERT INTO match_pools (funder, amount_fen, remaining_fen, cap_fen, starts_at, ends_at, kinds, "
	              "state, created_by) SELECT '%s', 1000000, 950000, 100000, NOW() - INTERVAL 2 DAY, NOW() - "
	              "INTERVAL 1 DAY, 'general', 'closed', id FROM staff WHERE username = 'province';"
	              "INSERT INTO fund_pages (code, kind, spokesperson, person_name, display_name, title, story, "
	              "goal_fen, ends_on, state) VALUES ('" PAGE "', 'programme', 1, '测试·代言人', '测试·代言人', "
	              "'测试·证书页', '（虚构）', 1000000, CURDATE() + INTERVAL 30 DAY, 'live');"
	              "INSERT INTO donations (amount_fen, status, purpose, channel, paid_at, donor_name, message, "
	              "receipt_year, receipt_seq, receipt_code, page_id) SELECT 200000, 'paid', 'general', 'online', "
	              "NOW(), '测试·证书', 'cert-test', YEAR(CURDATE()), 9000001, '%s', id FROM fund_pages "
	              "WHERE code = '" PAGE "';"
	              "INSERT INTO donations (amount_fen, status, purpose, channel, paid_at, pool_id, match_of, "
	              "receipt_year, receipt_seq, receipt_code) SELECT 50000, 'paid', 'general', 'match', NOW(), "
	              "(SELECT id FROM match_pools WHERE funder = '%s'), id, YEAR(CURDATE()), 9000002, '%s' "
	              "FROM donations WHERE receipt_code = '%s';", FUNDER, GIFT_CODE, FUNDER, MATCH_CODE, GIFT_CODE);
}

/* /PATH/YEAR-9000001?code=CODE */
static void path_of(char *out, size_t n, const char *what, int seq, const char *suffix, const char *code)
{
	long long year = admin_sql_num("SELECT YEAR(CURDATE())");

	snprintf(out, n, "/%s/%lld-900000%d%s?code=%s", what, year, seq, suffix, code);
}

START_TEST(a_certificate_with_its_qr_code)
{
	struct resp r;
	char path[128], qr[128], bad[128];

	fixture();
	path_of(path, sizeof path, "certificates", 1, "", GIFT_CODE);
	ck_assert_int_eq(http_get(path, &r), 0);
	ck_assert_msg(r.status == 200 && body_has(&r, "捐赠证书") && body_has(&r, "测试·证书") &&
	              body_has(&r, "2,000") && body_has(&r, "感谢您"), "certificate: %ld %s", r.status, r.body);
	/* Distinct from the receipt, printable, with the QR code as an image of its own. */
	ck_assert_msg(!body_has(&r, "公益事业捐赠票据") && body_has(&r, "print.css"), "not a certificate of its own");
	path_of(qr, sizeof qr, "certificates", 1, "/qr.svg", GIFT_CODE);
	ck_assert_msg(body_has(&r, qr), "no QR image %s", qr);
	resp_free(&r);
	ck_assert_int_eq(http_get(qr, &r), 0);
	ck_assert_msg(r.status == 200 && resp_has_header(&r, "Content-Type", "image/svg+xml") &&
	              strstr(r.body, "<svg"), "qr: %ld", r.status);
	resp_free(&r);
	/* The receipt links to it. */
	path_of(bad, sizeof bad, "receipts", 1, "", GIFT_CODE);
	ck_assert_int_eq(http_get(bad, &r), 0);
	ck_assert_msg(r.status == 200 && body_has(&r, path), "the receipt does not link %s", path);
	resp_free(&r);
	/* A wrong code is not found, the certificate and its QR code alike. */
	path_of(bad, sizeof bad, "certificates", 1, "", MATCH_CODE);
	ck_assert_int_eq(http_get(bad, &r), 0);
	ck_assert_int_eq(r.status, 404);
	resp_free(&r);
	path_of(bad, sizeof bad, "certificates", 1, "/qr.svg", MATCH_CODE);
	ck_assert_int_eq(http_get(bad, &r), 0);
	ck_assert_int_eq(r.status, 404);
	resp_free(&r);
	forget();
}
END_TEST

START_TEST(a_matched_gift_and_its_match)
{
	struct resp r;
	char path[128], no[32];

	fixture();
	path_of(path, sizeof path, "receipts", 1, "", GIFT_CODE);
	ck_assert_int_eq(http_get(path, &r), 0);
	ck_assert_msg(r.status == 200 && body_has(&r, "配捐 ¥500（" FUNDER "）") &&
	              body_has(&r, "（一起捐：测试·证书页）"), "gift's receipt: %s", r.body);
	resp_free(&r);
	/* The match's own receipt: given by its funder, matching the gift by its number. */
	snprintf(no, sizeof no, "%lld-9000001", admin_sql_num("SELECT YEAR(CURDATE())"));
	path_of(path, sizeof path, "receipts", 2, "", MATCH_CODE);
	ck_assert_int_eq(http_get(path, &r), 0);
	ck_assert_msg(r.status == 200 && cells_has(&r, "| " FUNDER " |") && body_has(&r, no) &&
	              body_has(&r, "的捐赠配捐"), "match's receipt: %s", r.body);
	resp_free(&r);
	/* The public record: the gift's line carries its match; the match is a row of its own, by its funder. */
	ck_assert_int_eq(http_get("/donations", &r), 0);
	ck_assert_msg(cells_has(&r, "（一起捐：测试·证书页） | 网上捐赠 配捐 ¥500（" FUNDER "） | "
	                        "cert-test") &&
	              cells_has(&r, "| " FUNDER " | 500 |"), "donations: %s", r.body);
	resp_free(&r);
	forget();
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("certificates");
	TCase *t = tcase_create("certificates");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, a_certificate_with_its_qr_code);
	tcase_add_test(t, a_matched_gift_and_its_match);
	suite_add_tcase(s, t);
	return s;
}
