/*
 * demo_reports.c — demo data for disclosure and 举报 (demo.h): three reports (one about a child in
 * 巴东县 overdue, one answered, one just filed), two programme updates (the latest two months ago,
 * so nothing of the programme is overdue), and the programme's filed plan as a one-page PDF in
 * Disclosure.Dir (skipped, with a warning, when the directory cannot be written).
 */
#include <stdio.h>
#include <string.h>

#include "demo.h"
#include "../core/disclosure.h"
#include "../core/ledger.h"
#include "../core/reports.h"
#include "../core/rows.h"
#include "../log.h"
#include "../throttle.h"
#include "../util.h"

#define DEMO_COUNTY "422823"   /* 巴东县 */

/* A blank one-page PDF: what a plan's file is, for a demo. */
static const char DEMO_PDF[] =
	"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
	"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
	"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
	"trailer<</Root 1 0 R>>\n%%EOF\n";

/* The reports: filed days ago, about item (a child of 巴东县 if the query finds one), answer. */
static const struct {
	int         ago;
	const char *kind, *body, *answer;
	int         child;
} REPORTS[] = {
	{ 12, "privacy", "孩子的介绍里提到了就读的学校名称，担心泄露孩子的个人信息。（演示）",
	  NULL, 1 },
	{ 9, "other", "首页的捐赠查询打不开，请看一下。（演示）",
	  "您好，捐赠查询已经恢复正常，谢谢您的反馈。（演示）", 0 },
	{ 1, "misuse", "想了解助养款是怎样发放到孩子手中的。（演示）", NULL, 0 },
};

/* The item of report i: a public child of 巴东县 (if there is one) for those about a child. */
static int demo_item(struct db *db, size_t i, char *item, char *region, struct err *e)
{
	char code[16] = "";
	int found;

	snprintf(item, 32, "home");
	*region = '\0';
	if (!REPORTS[i].child)
		return 0;
	if ((found = row_get(db, "SELECT code FROM children WHERE county_code = '" DEMO_COUNTY "' "
	                     "AND consent_publish = 1 AND status <> 'exited' ORDER BY id LIMIT 1",
	                     NULL, 0, (const struct var[]){ VAR_STR(code) }, 1, e)) < 0)
		return -1;
	if (found) {
		snprintf(item, 32, "child:%s", code);
		snprintf(region, 8, "%s", DEMO_COUNTY);
	}
	return 0;
}

static int demo_report(struct db *db, const struct config *cfg, size_t i, struct err *e)
{
	char ticket[TICKET_LEN + 1], filed[WORKDAYS_DATE_MAX] = "", due[WORKDAYS_DATE_MAX];
	char item[32], region[8];
	unsigned char net[32];
	int answered = REPORTS[i].answer != NULL;
	struct dbp d[] = { P_INT(REPORTS[i].ago) };

	ledger_code(ticket, TICKET_LEN);
	throttle_subject(cfg, "report", "demo", net);
	if (demo_item(db, i, item, region, e) < 0 ||
	    row_get(db, "SELECT DATE_FORMAT(CURDATE() - INTERVAL ? DAY, '%Y-%m-%d')", d, nitems(d),
	            (const struct var[]){ VAR_STR(filed) }, 1, e) < 0 ||
	    workdays_add(db, filed, REPORT_DUE_WORKDAYS, due, e) < 0)
		return -1;
	struct dbp p[] = {
		P_STR(ticket), P_STR(item), *region ? P_STR(region) : P_NULL,
		P_STR(REPORTS[i].kind),
		P_STR(REPORTS[i].body), P_BIN(net, sizeof net), P_INT(REPORTS[i].ago), P_STR(due),
		P_STR(answered ? "answered" : "open"),
		answered ? P_STR(REPORTS[i].answer) : P_NULL, P_INT(answered),
	};
	return db_exec(db, "INSERT INTO reports (ticket, item, region_code, kind, body, net_hash, "
	               "filed_at, due_on, state, answer, answered_by, answered_at) "
	               "SELECT ?, ?, ?, ?, ?, ?, NOW() - INTERVAL ? DAY, ?, ?, ?, "
	               "IF(t.a, t.id, NULL), IF(t.a, NOW() - INTERVAL 1 DAY, NULL) "
	               "FROM (SELECT id, ? AS a FROM staff WHERE username = 'province') t",
	               p, nitems(p), NULL, e);
}

/* The programme's updates, the latest two months ago, by the province's demo staff member. */
static const char *const UPDATES_SQL =
	"INSERT INTO progress_updates (item_kind, item_id, body, posted_on, staff_id) "
	"SELECT 'programme', 0, u.body, CURDATE() - INTERVAL u.ago DAY, s.id FROM staff s "
	"JOIN (SELECT 150 AS ago, "
	"'本季度新结对 120 名儿童，助养款已按期发放到各区县。（演示）' AS body "
	"UNION ALL SELECT 60, '新增志愿者探访 300 余次；全年审计报告将于年后公开。（演示）') u "
	"WHERE s.username = 'province'";

/* The programme's plan, as a file in Disclosure.Dir and its row; no file, no row. */
static int demo_plan(struct db *db, const struct config *cfg, struct err *e)
{
	const char *dir = hdf_get_value(cfg->hdf, "Disclosure.Dir", NULL);
	char name[DISCLOSURE_NAME_LEN + 1];
	struct err fe = { 0 };

	if (!dir || disclosure_file_put(dir, DEMO_PDF, sizeof DEMO_PDF - 1, name, &fe) < 0) {
		log_warn("demo: no plan document (Disclosure.Dir %s: %s)", dir ? dir : "unset",
		         fe.cause);
		return 0;
	}
	struct dbp p[] = { P_STR(name), P_INT(sizeof DEMO_PDF - 1) };
	return db_exec(db, "INSERT INTO disclosure_docs (kind, title, name, bytes, uploaded_by) "
	               "SELECT 'plan', '童享阳光助养计划募捐方案（演示）', ?, ?, id FROM staff "
	               "WHERE username = 'province'", p, nitems(p), NULL, e);
}

int demo_reports(struct db *db, const struct config *cfg, struct err *e)
{
	if (db_begin(db, e) < 0)
		return -1;
	for (size_t i = 0; i < nitems(REPORTS); i++)
		if (demo_report(db, cfg, i, e) < 0)
			goto fail;
	if (db_exec(db, UPDATES_SQL, NULL, 0, NULL, e) < 0 || demo_plan(db, cfg, e) < 0)
		goto fail;
	return db_commit(db, e);
fail:
	db_rollback(db);
	return -1;
}
