/* care.c — the sponsor's daily digest of care news (see care.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "period.h"
#include "rows.h"
#include "../log.h"
#include "../money.h"
#include "../outbox.h"
#include "../util.h"

#define DIGEST_BATCH      100   /* donors told per sweep; the next sweep takes the rest */
#define DIGEST_LETTER_MAX 800
#define DIGEST_NEWS_MAX   120
#define DIGEST_PAYOUTS    3     /* payouts named in a digest; more are counted ("等 N 笔") */
#define PAYOUT_NEWS_MAX   320
#define LOGIN_SIZE        255   /* donors.login: 254 characters, and a NUL */
#define NAME_SIZE         129   /* donors.display_name: 32 characters of up to 4 bytes */
#define DATETIME_SIZE     20    /* YYYY-MM-DD HH:MM:SS */
#define MONEY_SIZE        32

/* A donor with news since their last digest (told through since), as the sweep reads them. */
struct news {
	long long donor_id, visits, replies, payouts;
	char      login[LOGIN_SIZE], name[NAME_SIZE], through[DATETIME_SIZE], since[DATETIME_SIZE];
};

static const struct col NEWS_COLS[] = {
	COL_I(struct news, donor_id), COL_S(struct news, login), COL_S(struct news, name),
	COL_I(struct news, visits), COL_I(struct news, replies), COL_I(struct news, payouts),
	COL_S(struct news, through), COL_S(struct news, since),
};

/* The donor's last digest told of news up to this time ('1000-01-01': none yet). */
#define TOLD_THROUGH_SQL(donor) \
	"COALESCE((SELECT MAX(g.told_through) FROM care_digests g" \
	" WHERE g.donor_id = " donor "), '1000-01-01')"

/*
 * Visits approved and the child's replies approved under active sponsorships, and payouts
 * recorded paid to the child from any of the donor's sponsorships, in the last CARE_NEWS_DAYS,
 * after the donor's last digest, for donors without one today (n.kind: 1 a visit, 0 a reply, 2 a
 * payout). Each part read by its own index (sql/025, sql/029). News of the current second waits
 * for the next sweep: told_through is a second's time, and a review committed later in the same
 * second would otherwise fall behind it, never told.
 */
#define NEWS_SQL \
	"SELECT n.donor_id, d.login, d.display_name, SUM(n.kind = 1), SUM(n.kind = 0), " \
	"SUM(n.kind = 2), DATE_FORMAT(MAX(n.at), '%Y-%m-%d %H:%i:%s'), " \
	"DATE_FORMAT(" TOLD_THROUGH_SQL("n.donor_id") ", '%Y-%m-%d %H:%i:%s') FROM (" \
	" SELECT s.donor_id, 1 AS kind, v.reviewed_at AS at FROM visits v" \
	" JOIN sponsorships s ON s.id = v.sponsorship_id WHERE v.state = 'approved'" \
	" AND v.reviewed_at > NOW() - INTERVAL " STR(CARE_NEWS_DAYS) " DAY" \
	" AND v.reviewed_at < NOW()" \
	" AND s.state = 'active'" \
	" UNION ALL" \
	" SELECT s.donor_id, 0, l.reviewed_at FROM letters l" \
	" JOIN sponsorships s ON s.id = l.sponsorship_id WHERE l.direction = 'from_child'" \
	" AND l.state = 'approved'" \
	" AND l.reviewed_at > NOW() - INTERVAL " STR(CARE_NEWS_DAYS) " DAY" \
	" AND l.reviewed_at < NOW()" \
	" AND s.state = 'active'" \
	" UNION ALL" \
	" SELECT s.donor_id, 2, p.paid_at FROM payouts p" \
	" JOIN sponsorships s ON s.id = p.sponsorship_id WHERE p.state = 'paid'" \
	" AND p.paid_at > NOW() - INTERVAL " STR(CARE_NEWS_DAYS) " DAY" \
	" AND p.paid_at < NOW()" \
	") n JOIN donors d ON d.id = n.donor_id " \
	"WHERE n.at > " TOLD_THROUGH_SQL("n.donor_id") " " \
	"AND NOT EXISTS (SELECT 1 FROM care_digests g WHERE g.donor_id = n.donor_id" \
	" AND g.day = CURDATE()) " \
	"GROUP BY n.donor_id, d.login, d.display_name ORDER BY n.donor_id LIMIT ?"

/* The payouts the news counted, oldest first: what the family received, for which period. */
#define PAYOUT_NEWS_SQL \
	"SELECT p.period, p.amount_fen FROM payouts p " \
	"JOIN sponsorships s ON s.id = p.sponsorship_id " \
	"WHERE p.state = 'paid' AND s.donor_id = ? AND p.paid_at > ? AND p.paid_at <= ? " \
	"AND p.paid_at > NOW() - INTERVAL " STR(CARE_NEWS_DAYS) " DAY " \
	"ORDER BY p.paid_at, p.id LIMIT " STR(DIGEST_PAYOUTS)

struct digest {
	const struct news *n;
	int                queued;   /* 1 once this transaction queued the message */
};

/* The payout part being written, and how many payouts it has named so far. */
struct payout_news {
	char  *out;
	size_t size;
	int    named;
};

static int payout_named(void *ctx, unsigned ncols, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct payout_news *pn = ctx;
	char period[PERIOD_TEXT_MAX], money[MONEY_SIZE];
	size_t used = strlen(pn->out);

	(void)ncols; (void)f; (void)l;
	period_code_text(v[0] ? v[0] : "", period, sizeof period);
	money_format(v[1] ? strtoll(v[1], NULL, 10) : 0, money, sizeof money);
	snprintf(pn->out + used, pn->size - used, "%s%s %s 元", pn->named ? "；" : "", period,
	         money);
	pn->named++;
	return 0;
}

/*
 * The payout part of the message: "善款已发放：2027年上半年 1,500.00 元，已发放到孩子家庭。" for
 * the payouts the news counted (the first DIGEST_PAYOUTS named, the rest counted); "" if none.
 */
static int payout_news(struct db *db, const struct news *n, char *out, size_t size,
                       struct err *e)
{
	struct dbp p[] = { P_INT(n->donor_id), P_STR(n->since), P_STR(n->through) };
	struct payout_news pn = { out, size, 0 };
	size_t used;

	out[0] = '\0';
	if (n->payouts == 0)
		return 0;
	snprintf(out, size, "善款已发放：");
	if (db_query(db, PAYOUT_NEWS_SQL, p, nitems(p), payout_named, &pn, e) < 0)
		return -1;
	used = strlen(out);
	if (n->payouts > pn.named)
		snprintf(out + used, size - used, "等 %lld 笔", n->payouts);
	used = strlen(out);
	snprintf(out + used, size - used, "，已发放到孩子家庭。");
	return 0;
}

/* The care part of the message: "您助养的孩子有 2 条新的探访反馈。"; "" if none. */
static void care_news(const struct news *n, char *out, size_t size)
{
	char news[DIGEST_NEWS_MAX];

	out[0] = '\0';
	if (n->visits && n->replies)
		snprintf(news, sizeof news, "%lld 条新的探访反馈和 %lld 封回信", n->visits,
		         n->replies);
	else if (n->visits)
		snprintf(news, sizeof news, "%lld 条新的探访反馈", n->visits);
	else if (n->replies)
		snprintf(news, sizeof news, "%lld 封新的回信", n->replies);
	else
		return;
	snprintf(out, size, "您助养的孩子有%s。", news);
}

/*
 * One donor's digest: the day claimed, then the message, in one transaction. A day another sweep
 * claimed first (its row there, or waited for until it committed) queues nothing. INSERT IGNORE:
 * the only row it can ignore is that duplicate (the donor was just read, the values are the
 * database's own).
 */
static int digest_one(struct db *db, void *arg, struct err *e)
{
	struct digest *d = arg;
	const struct news *n = d->n;
	struct dbp p[] = { P_INT(n->donor_id), P_STR(n->through), P_INT(n->visits),
	                   P_INT(n->replies), P_INT(n->payouts) };
	unsigned long long claimed;
	char body[DIGEST_LETTER_MAX], care[DIGEST_NEWS_MAX + 32], paid[PAYOUT_NEWS_MAX];

	d->queued = 0;
	if (db_exec(db, "INSERT IGNORE INTO care_digests (donor_id, day, told_through, visits, "
	            "replies, payouts) VALUES (?, CURDATE(), ?, ?, ?, ?)", p, nitems(p), &claimed,
	            e) < 0)
		return -1;
	if (claimed == 0)
		return 0;
	care_news(n, care, sizeof care);
	if (payout_news(db, n, paid, sizeof paid, e) < 0)
		return -1;
	snprintf(body, sizeof body, "%s，您好！%s%s请登录童享阳光，在“我的账户”中查看。", n->name,
	         care, paid);
	if (outbox_put(db, n->login, "孩子的新消息", body, e) < 0)
		return -1;
	d->queued = 1;
	return 0;
}

int care_digest_sweep(struct db *db, const struct actor *a, int *queued, struct err *e)
{
	struct news due[DIGEST_BATCH];
	struct rows r = ROWS_INTO(due, NEWS_COLS);
	struct dbp p[] = { P_INT(nitems(due)) };
	int n = rows_read(db, NEWS_SQL, p, nitems(p), &r, e), sent = 0;

	(void)a;
	if (n > (int)nitems(due))
		n = (int)nitems(due);
	for (int i = 0; i < n; i++) {
		struct digest d = { &due[i], 0 };

		if (db_tx(db, digest_one, &d, e) < 0)
			return -1;
		sent += d.queued;
	}
	if (sent)
		log_info("sweep: %d care digests queued", sent);
	if (queued)
		*queued = sent;
	return n < 0 ? -1 : 0;
}
