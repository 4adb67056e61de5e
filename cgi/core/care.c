/* care.c — the sponsor's daily digest of care news (see care.h). */
#include <stdio.h>

#include "care.h"
#include "rows.h"
#include "../log.h"
#include "../outbox.h"
#include "../util.h"

#define DIGEST_BATCH      100   /* donors told per sweep; the next sweep takes the rest */
#define DIGEST_LETTER_MAX 600
#define DIGEST_NEWS_MAX   120
#define LOGIN_SIZE        255   /* donors.login: 254 characters, and a NUL */
#define NAME_SIZE         129   /* donors.display_name: 32 characters of up to 4 bytes */
#define DATETIME_SIZE     20    /* YYYY-MM-DD HH:MM:SS */
#define STR_(x) #x
#define STR(x) STR_(x)

/* A donor with news since their last digest, as the sweep reads them. */
struct news {
	long long donor_id, visits, replies;
	char      login[LOGIN_SIZE], name[NAME_SIZE], through[DATETIME_SIZE];
};

static const struct col NEWS_COLS[] = {
	COL_I(struct news, donor_id), COL_S(struct news, login), COL_S(struct news, name),
	COL_I(struct news, visits), COL_I(struct news, replies), COL_S(struct news, through),
};

/*
 * Visits approved and the child's replies approved under active sponsorships in the last
 * CARE_NEWS_DAYS, reviewed after the donor's last digest, for donors without one today. Both
 * halves read by their reviewed index (sql/025). Reviews of the current second wait for the next
 * sweep: told_through is a second's time, and a review committed later in the same second would
 * otherwise fall behind it, never told.
 */
#define NEWS_SQL \
	"SELECT n.donor_id, d.login, d.display_name, SUM(n.visit), SUM(1 - n.visit), " \
	"DATE_FORMAT(MAX(n.at), '%Y-%m-%d %H:%i:%s') FROM (" \
	" SELECT s.donor_id, 1 AS visit, v.reviewed_at AS at FROM visits v" \
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
	") n JOIN donors d ON d.id = n.donor_id " \
	"WHERE n.at > COALESCE((SELECT MAX(g.told_through) FROM care_digests g" \
	" WHERE g.donor_id = n.donor_id), '1000-01-01') " \
	"AND NOT EXISTS (SELECT 1 FROM care_digests g WHERE g.donor_id = n.donor_id" \
	" AND g.day = CURDATE()) " \
	"GROUP BY n.donor_id, d.login, d.display_name ORDER BY n.donor_id LIMIT ?"

struct digest {
	const struct news *n;
	int                queued;   /* 1 once this transaction queued the message */
};

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
	                   P_INT(n->replies) };
	unsigned long long claimed;
	char body[DIGEST_LETTER_MAX], news[DIGEST_NEWS_MAX];

	d->queued = 0;
	if (db_exec(db, "INSERT IGNORE INTO care_digests (donor_id, day, told_through, visits, "
	            "replies) VALUES (?, CURDATE(), ?, ?, ?)", p, nitems(p), &claimed, e) < 0)
		return -1;
	if (claimed == 0)
		return 0;
	if (n->visits && n->replies)
		snprintf(news, sizeof news, "%lld 条新的探访反馈和 %lld 封回信", n->visits,
		         n->replies);
	else if (n->visits)
		snprintf(news, sizeof news, "%lld 条新的探访反馈", n->visits);
	else
		snprintf(news, sizeof news, "%lld 封新的回信", n->replies);
	snprintf(body, sizeof body, "%s，您好！您助养的孩子有%s。"
	         "请登录童享阳光，在“我的账户”中查看。", n->name, news);
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
