/*
 * ui-hold.c — POST /children/{code}/hold: hold a waiting child for this donor while they choose a
 * plan and pay.
 */
#include <stdio.h>

#include "donor.h"
#include "../core/sponsorship.h"
#include "../page.h"
#include "../public/public.h"
#include "../util.h"

#define SIMILAR_SHOWN 4     /* waiting children offered beside a refusal */
#define REFUSAL_SIZE  400   /* a refusal's text: some 120 characters of up to 3 bytes */
#define PATH_SIZE     64    /* /sponsor/{code} */

/* Children like child code, as cards under Similar.N. */
static int similar(struct ctx *c, const char *code)
{
	struct actor a = actor_of(c);
	struct child_card k[SIMILAR_SHOWN];
	int n;

	if (sponsorship_similar(c->db, c->cfg, &a, code, k, (int)nitems(k), &n, &c->err) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		page_setf(c, "Similar.%d.code=%s", i, k[i].code);
		page_setf(c, "Similar.%d.alias=%s", i, k[i].alias);
		page_setf(c, "Similar.%d.gender=%s", i, k[i].gender);
		page_setf(c, "Similar.%d.county=%s", i, k[i].county);
		page_setf(c, "Similar.%d.category=%s", i, k[i].category);
		page_setf(c, "Similar.%d.status=%s", i, k[i].status);
		page_setf(c, "Similar.%d.age=%lld", i, k[i].age);
		page_setf(c, "Similar.%d.days_waiting=%lld", i, k[i].days_waiting);
	}
	child_labels(c, "Similar");
	return 0;
}

int donor_refused_page(struct ctx *c, const char *code, int status, const char *title,
                       const char *message, const char *link, const char *link_text)
{
	if (similar(c, code) < 0)
		return -1;
	page_set(c, NULL, "Refused.title", title);
	page_set(c, NULL, "Refused.message", message);
	page_set(c, NULL, "Refused.link", link);
	page_set(c, NULL, "Refused.link_text", link_text);
	page_set(c, NULL, "Page.Title", title);
	page_set(c, NULL, "Page.Nav", "children");
	c->status = status;
	c->tmpl = "hold-refused.cs";
	return 0;
}

int donor_taken_page(struct ctx *c, const char *code, int status)
{
	return donor_refused_page(c, code, status, "这个孩子刚刚被其他爱心人士选中了",
	                          "谢谢您的爱心！另一位爱心人士刚刚选择了这个孩子，正在办理结对。"
	                          "下面这些孩子也在等待，您可以看看。", NULL, NULL);
}

/* 409: the donor holds as many children as one may; finishing one (on /me) is the way on. */
static int at_limit(struct ctx *c, const char *code)
{
	char msg[REFUSAL_SIZE];

	snprintf(msg, sizeof msg, "您已经同时保留了 %d 个孩子，已达上限。"
	         "请先为已保留的孩子完成结对，或等保留到期后再选择。", c->cfg->max_holds);
	return donor_refused_page(c, code, 409, "您保留的孩子已达上限", msg, "/me",
	                          "去“我的账户”完成结对");
}

/* 409: this donor's hold of this child ended unpaid a short while ago; others are open to them. */
static int cooling(struct ctx *c, const char *code, const struct hold_answer *a)
{
	char msg[REFUSAL_SIZE];

	snprintf(msg, sizeof msg, "您之前对这个孩子的保留已经过期或放弃，未完成支付。"
	         "为了让其他爱心人士也有机会，%d 小时内您不能再次保留这个孩子，"
	         "%s 之后可以再试。其他等待中的孩子您随时可以保留。",
	         c->cfg->cooldown / 3600, a->until);
	return donor_refused_page(c, code, 409, "暂时不能再次保留这个孩子", msg, NULL, NULL);
}

/* 429: the client's network holds as many children as one may; one is free by a->until. */
static int network_full(struct ctx *c, const char *code, const struct hold_answer *a)
{
	char msg[REFUSAL_SIZE];

	snprintf(msg, sizeof msg, "从您所在的网络同时保留的孩子已达上限（%d 个）。"
	         "请先为已保留的孩子完成结对，或在 %s 之后再试。", c->cfg->max_net_holds, a->until);
	ctx_header(c, "Retry-After: %lld", a->wait > 0 ? a->wait : 1);
	return donor_refused_page(c, code, 429, "这个网络保留的孩子太多了", msg, NULL, NULL);
}

int ui_hold(struct ctx *c)
{
	const char *code = c->f[K_CODE].str;
	struct actor who = actor_of(c);
	struct hold_answer a;
	char url[PATH_SIZE];

	if (sponsorship_hold(c->db, c->cfg, &who, code, &a, &c->err) < 0)
		return -1;
	snprintf(url, sizeof url, "/sponsor/%s", code);
	switch (a.res) {
	case HOLD_UNVERIFIED:
		/* Back to the child's offer page once the login is proven, to hold it there. */
		return donor_to_verify(c, url);
	case HOLD_TAKEN:
		return donor_taken_page(c, code, 409);
	case HOLD_LIMIT:
		return at_limit(c, code);
	case HOLD_COOLING:
		return cooling(c, code, &a);
	case HOLD_NETWORK:
		return network_full(c, code, &a);
	default:
		return ctx_redirect(c, url);
	}
}
