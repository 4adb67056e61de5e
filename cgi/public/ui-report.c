/*
 * ui-report.c — 举报: GET /report?item= (the form for a public page), POST /report (filed: the
 * ticket and the day the answer is due), GET /report/status?ticket= (its state, due day and
 * answer, nothing else). Anonymous; core/reports.h files and limits them.
 */
#include <stdio.h>

#include "public.h"
#include "../core/reports.h"
#include "../labels.h"
#include "../page.h"
#include "../util.h"

int ui_report(struct ctx *c)
{
	char title[REPORT_TITLE_MAX];

	if (report_item(c->db, c->f[K_ITEM].str, title, &c->err) < 0)
		return -1;
	page_set(c, NULL, "Report.item", c->f[K_ITEM].str);
	page_set(c, NULL, "Report.title", title);
	page_label_list(c, "Kinds", REPORT_KINDS);
	page_set(c, NULL, "Page.Title", "举报");
	c->tmpl = "report.cs";
	return 0;
}

int ui_report_post(struct ctx *c)
{
	const struct actor a = actor_of(c);
	const struct report_new r = {
		.item = c->f[K_ITEM].str, .kind = c->f[K_RKIND].str, .text = c->f[K_TEXT].str,
		.reach = c->f[K_REACH].present ? c->f[K_REACH].str : NULL,
	};
	char ticket[TICKET_LEN + 1], due[WORKDAYS_DATE_MAX] = "", link[64];

	if (report_file(c->db, c->cfg, &a, &r, ticket, due, &c->err) < 0)
		return -1;
	snprintf(link, sizeof link, "/report/status?ticket=%s", ticket);
	page_set(c, NULL, "Notice.Title", "举报已收到");
	page_setf(c, "Notice.Message=谢谢您。您的查询码是 %s，请记下它。工作人员会在 %s 之前答复，"
	          "届时可以用查询码查看处理结果。", ticket, due);
	page_set(c, NULL, "Notice.Link", link);
	page_set(c, NULL, "Notice.LinkText", "查看处理进度");
	page_set(c, NULL, "Page.Title", "举报已收到");
	c->tmpl = "notice.cs";
	return 0;
}

int ui_report_status(struct ctx *c)
{
	int found = 0;

	page_set(c, NULL, "Page.Title", "举报处理进度");
	c->tmpl = "report-status.cs";
	if (!c->f[K_TICKET].present)
		return 0;
	struct dbp p[] = { P_STR(c->f[K_TICKET].str) };
	if (page_query_one(c, "SELECT ticket, state, due_on, answer, "
	                   "DATE(answered_at) AS answered_on FROM reports WHERE ticket = ?",
	                   p, nitems(p), "Report", &found) < 0)
		return -1;
	if (!found)
		return err_set(&c->err, 404, "没有找到这个查询码，请核对后再试。",
		               "no report with that ticket");
	return 0;
}
